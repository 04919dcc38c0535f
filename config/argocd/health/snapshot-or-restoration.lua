-- Argo CD health of an OpenStackSnapshot or a SnapshotRestoration (the same status shape). Source of truth: the
-- kustomize patch, the Helm values and the ArgoCD CR example embed this file verbatim (ArgoCdHealthChecksTest).
-- Argo CD itself reports an object with a deletionTimestamp as Progressing without running this script.
hs = { status = "Progressing", message = "Waiting for the operator" }
if obj.status == nil then
  return hs
end
if obj.metadata.generation ~= nil and obj.status.observedGeneration ~= nil
    and obj.status.observedGeneration < obj.metadata.generation then
  hs.message = "Waiting for the operator to observe generation " .. obj.metadata.generation
  return hs
end
local ready = nil
local progressing = nil
if obj.status.conditions ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    if c.type == "Ready" then ready = c end
    if c.type == "Progressing" then progressing = c end
  end
end
if obj.status.state == "Erred" then
  hs.status = "Degraded"
  local reason = (ready ~= nil and ready.reason) or "Erred"
  hs.message = reason .. ": " .. (obj.status.errorMessage or (ready ~= nil and ready.message) or "see status")
  return hs
end
-- A transient error (Cinder 5xx/429, timeout, unreachable) is retried: it does not make a Ready object unhealthy,
-- and keeps one that is not Ready yet Progressing.
if progressing ~= nil and progressing.status == "True" and progressing.reason == "TransientError" then
  if ready ~= nil and ready.status == "True" then
    hs.status = "Healthy"
    hs.message = (obj.status.state or "Ready") .. "; last OpenStack call failed and is retried: " .. (progressing.message or "")
  else
    hs.message = "TransientError, retried: " .. (progressing.message or "")
  end
  return hs
end
if progressing ~= nil and progressing.status == "True" then
  hs.message = (obj.status.state or "Progressing") .. (progressing.message ~= nil and (": " .. progressing.message) or "")
  return hs
end
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = obj.status.state or "Ready"
  return hs
end
if ready ~= nil and ready.status == "False" then
  hs.status = "Degraded"
  hs.message = (ready.reason or "NotReady") .. ": " .. (ready.message or "")
end
return hs
