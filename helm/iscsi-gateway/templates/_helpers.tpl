{{/* Chart name, truncated to what a label value allows. */}}
{{- define "iscsi-gateway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name of every object. */}}
{{- define "iscsi-gateway.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "iscsi-gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "iscsi-gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "iscsi-gateway.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "iscsi-gateway.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: iscsi-gateway
{{- end }}

{{- define "iscsi-gateway.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The Secret holding the API user and password: the user's, or the one this chart creates. */}}
{{- define "iscsi-gateway.apiSecretName" -}}
{{- default (printf "%s-api" (include "iscsi-gateway.fullname" .)) .Values.api.credentials.existingSecret }}
{{- end }}

{{/* The Secret holding ceph.conf and the keyring: the user's, or the one this chart creates. */}}
{{- define "iscsi-gateway.cephSecretName" -}}
{{- default (printf "%s-ceph" (include "iscsi-gateway.fullname" .)) .Values.ceph.existingSecret }}
{{- end }}

{{- define "iscsi-gateway.cephEnabled" -}}
{{- if eq .Values.gateway.mode "ceph" }}true{{ end }}
{{- end }}

{{/* api_secure: as given in settings.config, else on exactly when a TLS Secret is named. */}}
{{- define "iscsi-gateway.apiSecure" -}}
{{- if hasKey .Values.settings.config "api_secure" }}
{{- .Values.settings.config.api_secure | toString | lower }}
{{- else }}
{{- ternary "true" "false" (ne .Values.tls.existingSecret "") }}
{{- end }}
{{- end }}

{{- define "iscsi-gateway.apiPort" -}}
{{- .Values.settings.config.api_port | default 5000 | int }}
{{- end }}

{{- define "iscsi-gateway.metricsPort" -}}
{{- .Values.settings.config.prometheus_port | default 9287 | int }}
{{- end }}

{{- define "iscsi-gateway.clusterName" -}}
{{- .Values.settings.config.cluster_name | default "ceph" }}
{{- end }}

{{- define "iscsi-gateway.clientName" -}}
{{- .Values.settings.config.cluster_client_name | default "client.admin" }}
{{- end }}

{{/*
Refuses values that would produce a gateway that cannot work or that leaks a secret. Every
message starts with "iscsi-gateway:" and says what to set.
*/}}
{{- define "iscsi-gateway.validate" -}}
{{- $c := .Values.api.credentials }}
{{- if not $c.existingSecret }}
{{- $_ := required "iscsi-gateway: no API password. Set api.credentials.existingSecret to the name of a Secret holding the keys 'username' and 'password' (recommended), or set api.credentials.password to let the chart create one. There is no default password." $c.password }}
{{- if eq $c.password "admin" }}
{{- fail "iscsi-gateway: api.credentials.password must not be 'admin' (the gateway refuses ceph-iscsi's default credentials on a network address)" }}
{{- end }}
{{- end }}
{{- range $key := list "api_user" "api_password" }}
{{- if hasKey $.Values.settings.config $key }}
{{- fail (printf "iscsi-gateway: settings.config.%s must not be set: the API credentials come from a Secret (api.credentials), never from the ConfigMap" $key) }}
{{- end }}
{{- end }}
{{- if include "iscsi-gateway.cephEnabled" . }}
{{- if and (not .Values.ceph.existingSecret) (or (not .Values.ceph.config) (not .Values.ceph.keyring)) }}
{{- fail "iscsi-gateway: gateway.mode is ceph but no Ceph client configuration is given. Set ceph.existingSecret to a Secret holding ceph.conf and the keyring (keys ceph.configKey, ceph.keyringKey), or set ceph.config and ceph.keyring; gateway.mode=embedded runs without Ceph (evaluation only)." }}
{{- end }}
{{- end }}
{{- if and (eq (include "iscsi-gateway.apiSecure" .) "true") (not .Values.tls.existingSecret) }}
{{- fail "iscsi-gateway: settings.config.api_secure is true but tls.existingSecret is empty: name a kubernetes.io/tls Secret (tls.crt, tls.key) or set api_secure to false" }}
{{- end }}
{{- if and .Values.tcmuRunner.enabled (not .Values.gateway.securityContext.privileged) }}
{{- fail "iscsi-gateway: gateway.securityContext.privileged must stay true: the gateway writes LIO's configfs" }}
{{- end }}
{{- end }}

{{/* One value of iscsi-gateway.cfg: lists comma separated, booleans lower case. */}}
{{- define "iscsi-gateway.cfgValue" -}}
{{- if kindIs "slice" . }}
{{- join "," . }}
{{- else if kindIs "bool" . }}
{{- ternary "true" "false" . }}
{{- else if or (kindIs "float64" .) (kindIs "int" .) (kindIs "int64" .) }}
{{- int64 . }}
{{- else }}
{{- . }}
{{- end }}
{{- end }}
