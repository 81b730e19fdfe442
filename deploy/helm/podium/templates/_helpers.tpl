{{/* The release's full name: the release name, or <release>-podium when it does not say podium. */}}
{{- define "podium.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "podium.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "podium.labels" -}}
{{ include "podium.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "podium.serviceAccountName" -}}
{{- default (include "podium.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "podium.secretName" -}}
{{- default (include "podium.fullname" .) .Values.auth.existingSecret -}}
{{- end -}}

{{/*
RBAC object names carry the release's namespace and name: ClusterRoles are cluster-wide, and Roles
land in namespaces that other releases may also be allowed, so two installs never share a name.
*/}}
{{- define "podium.rbacName" -}}
{{- printf "%s-%s-%s" (include "podium.fullname" .root) .root.Release.Namespace .level -}}
{{- end -}}

{{/* Namespaced mode: the allowlist, checked (RBAC needs exact, existing names). */}}
{{- define "podium.namespaced" -}}
{{- if .Values.namespaces -}}
{{- range .Values.namespaces -}}
{{- if or (contains "*" .) (not (regexMatch "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" .)) -}}
{{- fail (printf "namespaces: %q is not a namespace name; with an allowlist the chart makes a Role per namespace, so it needs exact names (no prefixes)" .) -}}
{{- end -}}
{{- end -}}
{{- if .Values.rbac.lessons -}}
{{- fail "rbac.lessons needs the cluster-wide mode (namespaces: []): lessons create their own namespaces" -}}
{{- end -}}
true
{{- end -}}
{{- end -}}

{{/*
viewer: every kind the watch hub watches (lib/models/types.ts WATCHED_KINDS), the single objects
the actions read first, pod metrics, and pods' logs (the Logs panel, unless logs=false). The
namespace list is added in cluster-wide mode only.
*/}}
{{- define "podium.viewerRules" -}}
- apiGroups: [""]
  resources: [pods, services, events]
  verbs: [get, list, watch]
{{- if .Values.logs }}
- apiGroups: [""]
  resources: [pods/log]
  verbs: [get]
{{- end }}
- apiGroups: [apps]
  resources: [deployments, replicasets]
  verbs: [get, list, watch]
- apiGroups: [discovery.k8s.io]
  resources: [endpointslices]
  verbs: [get, list, watch]
- apiGroups: [autoscaling]
  resources: [horizontalpodautoscalers]
  verbs: [get, list, watch]
- apiGroups: [networking.k8s.io]
  resources: [ingresses]
  verbs: [get, list, watch]
- apiGroups: [gateway.networking.k8s.io]
  resources: [httproutes, gateways]
  verbs: [get, list, watch]
- apiGroups: [metrics.k8s.io]
  resources: [pods]
  verbs: [get, list]
{{- end -}}

{{/*
operator: exactly the writes of Podium's actions (lib/k8s/deployments.ts, pods.ts, hpas.ts,
canary.ts), nothing else: no secrets, no exec, no create, no deployment delete. No services/proxy:
in a pod, the traffic runs go straight to the Service's ClusterIP (lib/k8s/traffic/transport.ts
transportInUse), and ask only to read the Service first.
*/}}
{{- define "podium.operatorRules" -}}
# scale (also the canary's replicas): a merge patch of the scale subresource
- apiGroups: [apps]
  resources: [deployments/scale]
  verbs: [patch]
# restart, image, version, roll back, canary promotion: patches of the pod template
- apiGroups: [apps]
  resources: [deployments]
  verbs: [patch]
# delete a pod (the ReplicaSet makes a new one)
- apiGroups: [""]
  resources: [pods]
  verbs: [delete]
# a deployment's declared probe-failure endpoints (GET through the API server)
- apiGroups: [""]
  resources: [pods/proxy]
  verbs: [get]
# HPA bounds
- apiGroups: [autoscaling]
  resources: [horizontalpodautoscalers]
  verbs: [patch]
# canary weights
- apiGroups: [networking.k8s.io]
  resources: [ingresses]
  verbs: [patch]
- apiGroups: [gateway.networking.k8s.io]
  resources: [httproutes]
  verbs: [patch]
{{- end -}}

{{/* lessons (opt-in, cluster-wide): lib/k8s/lessons.ts. */}}
{{- define "podium.lessonsRules" -}}
# set a lesson up (server-side apply creates the namespace) and clean it up
- apiGroups: [""]
  resources: [namespaces]
  verbs: [create, patch, delete]
# a story's objects, by server-side apply (lib/lessons/apply-plan.ts APPLY_PATHS)
- apiGroups: [apps]
  resources: [deployments]
  verbs: [create, patch]
- apiGroups: [""]
  resources: [services, configmaps]
  verbs: [create, patch]
- apiGroups: [autoscaling]
  resources: [horizontalpodautoscalers]
  verbs: [create, patch]
- apiGroups: [networking.k8s.io]
  resources: [ingresses]
  verbs: [create, patch]
- apiGroups: [gateway.networking.k8s.io]
  resources: [gateways, httproutes]
  verbs: [create, patch]
# simulations: annotations on kwok pods
- apiGroups: [""]
  resources: [pods]
  verbs: [patch]
# which nodes are kwok's
- apiGroups: [""]
  resources: [nodes]
  verbs: [list]
{{- end -}}
