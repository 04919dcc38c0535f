{{/* The objects keep the names of config/default, so the chart and kustomize install the same thing (the objects
     are cluster-scoped too, so a second release needs its own fullnameOverride). */}}
{{- define "oso.name" -}}{{ .Values.fullnameOverride | default "openstack-snapshot-operator" }}{{- end -}}

{{- define "oso.labels" -}}
app.kubernetes.io/name: openstack-snapshot-operator
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{- define "oso.image" -}}{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}{{- end -}}
