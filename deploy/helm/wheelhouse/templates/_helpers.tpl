{{/* The name every object starts with: the release name when it already says wheelhouse. */}}
{{- define "wheelhouse.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Stable across upgrades: a Deployment's selector cannot change. */}}
{{- define "wheelhouse.selectorLabels" -}}
app.kubernetes.io/name: {{ default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "wheelhouse.labels" -}}
{{ include "wheelhouse.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "wheelhouse.sessionSecret" -}}
{{- default (printf "%s-session" (include "wheelhouse.fullname" .)) .Values.auth.session.existingSecret -}}
{{- end -}}

{{/* Refuses values the application cannot run with, in a sentence rather than a broken pod
(values.schema.json already refuses modes that do not exist at all). */}}
{{- define "wheelhouse.validate" -}}
{{- if eq .Values.auth.mode "oidc" -}}
{{- if not .Values.auth.oidc.issuerUrl -}}
{{- fail "auth.mode=oidc needs auth.oidc.issuerUrl, the provider's issuer (https://...)." -}}
{{- end -}}
{{- if not .Values.auth.oidc.clientId -}}
{{- fail "auth.mode=oidc needs auth.oidc.clientId, the client registered with the provider." -}}
{{- end -}}
{{- if not (include "wheelhouse.publicUrl" .) -}}
{{- fail "auth.mode=oidc needs the dashboard's public address (auth.publicUrl, or ingress.enabled with ingress.host): the provider sends people back to it." -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* WHEELHOUSE_PUBLIC_URL: auth.publicUrl, else the ingress host (https) when the ingress is on. */}}
{{- define "wheelhouse.publicUrl" -}}
{{- .Values.auth.publicUrl | default (ternary (printf "https://%s" .Values.ingress.host) "" .Values.ingress.enabled) -}}
{{- end -}}
