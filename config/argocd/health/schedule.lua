-- Argo CD health of an OpenStackSnapshotSchedule. Source of truth: the kustomize patch, the Helm values and the
-- ArgoCD CR example embed this file verbatim (ArgoCdHealthChecksTest).
hs = { status = "Progressing", message = "Waiting for the operator" }
if obj.spec ~= nil and obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "Schedule suspended"
  return hs
end
if obj.status == nil then
  return hs
end
if obj.metadata.generation ~= nil and obj.status.observedGeneration ~= nil
    and obj.status.observedGeneration < obj.metadata.generation then
  hs.message = "Waiting for the operator to observe generation " .. obj.metadata.generation
  return hs
end
local ready = nil
if obj.status.conditions ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    if c.type == "Ready" then ready = c end
  end
end
if obj.status.state == "Erred" or (ready ~= nil and ready.status == "False") then
  hs.status = "Degraded"
  hs.message = obj.status.errorMessage or (ready ~= nil and ready.message) or "Last run failed"
  return hs
end
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = "Next run " .. (obj.status.nextScheduleTime or "unknown")
end
return hs
