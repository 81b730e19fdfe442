#!/usr/bin/env bash
# The built-in cluster's Prometheus (start | stop | status): Debian's `prometheus` package run as a
# host process on 127.0.0.1:$PODIUM_PROMETHEUS_PORT, its data under $dir/prometheus. It scrapes the
# real node's pods that carry `prometheus.io/scrape: "true"` (port and path from
# `prometheus.io/port|path`), and the kubelet's /metrics/cadvisor for the pods' CPU and memory,
# every 5 s. Debian's build has no kubernetes_sd_configs, so prometheus-sd.mjs lists the pods and
# writes them for file_sd_configs with kubernetes_sd's labels. See docs/local-cluster.md.
#
# Network rule: the host cannot reach pod IPs (they sit behind `unreachable` routes), and must not.
# Every scrape goes to the API server on 127.0.0.1 instead, through pods/proxy and nodes/proxy, with
# a client certificate of its own (CN=podium-prometheus) that the ClusterRole below allows only that.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
bin=$(cluster_bin_dir)
dir=$(readlink -f "$(cluster_dir)") # one configuration whichever checkout (a .cluster symlink) runs it
pdir=$dir/prometheus
pidf=$dir/pids/prometheus.pid
sdpidf=$dir/pids/prometheus-sd.pid
url=http://127.0.0.1:$PODIUM_PROMETHEUS_PORT

ready() { curl -fsS --max-time 2 "$url/-/ready" >/dev/null 2>&1; }

# A client certificate for Prometheus and its pod discovery alone, signed by the cluster's CA, and the
# little it may do: list pods, GET through the pods' and nodes' proxy subresources.
credentials() {
  local p=$dir/pki
  if [[ ! -f $pdir/client.crt ]]; then
    openssl req -newkey rsa:2048 -nodes -subj /CN=podium-prometheus -keyout "$pdir/client.key" \
      -out "$pdir/client.csr" 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' > "$pdir/client.ext"
    openssl x509 -req -in "$pdir/client.csr" -CA "$p/ca.crt" -CAkey "$p/ca.key" -CAcreateserial -days 3650 \
      -extfile "$pdir/client.ext" -out "$pdir/client.crt" 2>/dev/null
    rm -f "$pdir/client.csr" "$pdir/client.ext"
  fi
  "$bin/kubectl" --kubeconfig "$dir/kubeconfig" apply -f - >/dev/null <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: podium-prometheus}
rules:
- {apiGroups: [""], resources: [pods], verbs: [list]}
- {apiGroups: [""], resources: [pods/proxy, nodes/proxy], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: podium-prometheus}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: podium-prometheus}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: podium-prometheus}
YAML
}

write_config() {
  local tls="{ca_file: $dir/pki/ca.crt, cert_file: $pdir/client.crt, key_file: $pdir/client.key}"
  cat > "$pdir/prometheus.yml.new" <<YAML
# Written by scripts/cluster/prometheus.sh; edits are overwritten.
global: {scrape_interval: 5s, scrape_timeout: 4s, evaluation_interval: 5s}
scrape_configs:
# The real node's pods that ask for it (kwok's pods have no process behind their address), through
# the API server's pods/proxy. With an upstream Prometheus, kubernetes_sd_configs (role: pod,
# selector spec.nodeName) gives the same labels as this file.
- job_name: kubernetes-pods
  scheme: https
  # a pod's endpoint is the app's to get wrong (the appmetrics tests serve 50 MB and 100,000 series):
  # such a scrape fails, and the rest go on
  body_size_limit: 16MB
  sample_limit: 20000
  tls_config: $tls
  file_sd_configs: [{files: [$pdir/pods.json], refresh_interval: 2s}] # inotify misses renames on some file systems
  relabel_configs:
  - {source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape], regex: "true", action: keep}
  - {source_labels: [__meta_kubernetes_pod_phase], regex: Running, action: keep}
  - {source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_port], regex: "[0-9]+", action: keep}
  - {source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_path], regex: "", replacement: /metrics, target_label: __meta_kubernetes_pod_annotation_prometheus_io_path}
  - source_labels: [__meta_kubernetes_namespace, __meta_kubernetes_pod_name, __meta_kubernetes_pod_annotation_prometheus_io_port, __meta_kubernetes_pod_annotation_prometheus_io_path]
    regex: "([^;]+);([^;]+);([0-9]+);/?(.*)"
    replacement: /api/v1/namespaces/\$1/pods/\$2:\$3/proxy/\$4
    target_label: __metrics_path__
  - {replacement: "127.0.0.1:$PODIUM_API_PORT", target_label: __address__}
  - {action: labelmap, regex: __meta_kubernetes_pod_label_(.+)}
  - {source_labels: [__meta_kubernetes_namespace], target_label: namespace}
  - {source_labels: [__meta_kubernetes_pod_name], target_label: pod}
  - {source_labels: [__meta_kubernetes_pod_name], target_label: instance}
  - {source_labels: [__meta_kubernetes_pod_controller_name], target_label: replicaset}
# The pods' CPU and memory from the real node's kubelet (cAdvisor), through nodes/proxy; only the pod
# cgroups' two series that the charts draw are kept.
- job_name: kubelet-cadvisor
  scheme: https
  tls_config: $tls
  static_configs:
  - targets: ["127.0.0.1:$PODIUM_API_PORT"]
    labels: {__metrics_path__: /api/v1/nodes/$PODIUM_NODE_NAME/proxy/metrics/cadvisor, node: $PODIUM_NODE_NAME}
  metric_relabel_configs:
  - {source_labels: [__name__], regex: container_cpu_usage_seconds_total|container_memory_working_set_bytes, action: keep}
  - {source_labels: [pod], regex: "", action: drop}
YAML
}

# The pod discovery (prometheus-sd.mjs), a Node script; writes $pdir/pods.json.
start_sd() {
  pid_alive "$sdpidf" && return 0
  source "$here/../env.sh" && podium_ensure_node || die "no Node for the Prometheus pod discovery"
  [[ -f $pdir/pods.json ]] || echo '[]' > "$pdir/pods.json"
  setsid node "$here/prometheus-sd.mjs" "127.0.0.1:$PODIUM_API_PORT" "$PODIUM_NODE_NAME" "$pdir/pods.json" \
    "$dir/pki/ca.crt" "$pdir/client.crt" "$pdir/client.key" >"$dir/logs/prometheus-sd.log" 2>&1 </dev/null &
  echo $! > "$sdpidf"
}

start() {
  command -v prometheus >/dev/null || {
    log "warning: no prometheus binary (bash scripts/setup.sh installs Debian's); the cluster runs without it"
    return 0
  }
  mkdir -p "$pdir/data" "$dir/logs" "$dir/pids"
  write_config
  if pid_alive "$pidf"; then
    # running: pick up a changed configuration without losing the data
    if ! cmp -s "$pdir/prometheus.yml.new" "$pdir/prometheus.yml"; then
      mv "$pdir/prometheus.yml.new" "$pdir/prometheus.yml" && kill -HUP "$(cat "$pidf")"
      log "Prometheus configuration reloaded"
    else rm -f "$pdir/prometheus.yml.new"; fi
    start_sd
    return 0
  fi
  credentials
  start_sd
  mv "$pdir/prometheus.yml.new" "$pdir/prometheus.yml"
  promtool check config "$pdir/prometheus.yml" >/dev/null || die "bad Prometheus configuration $pdir/prometheus.yml"
  setsid prometheus --config.file="$pdir/prometheus.yml" --storage.tsdb.path="$pdir/data" \
    --storage.tsdb.retention.time=2d --web.listen-address="127.0.0.1:$PODIUM_PROMETHEUS_PORT" \
    --log.level=warn >"$dir/logs/prometheus.log" 2>&1 </dev/null &
  echo $! > "$pidf"
  # A restart replays the write-ahead log first: about 30 s for 350 MB of data on 2 busy cores.
  for _ in $(seq 1 1200); do
    ready && { log "Prometheus on $url"; return 0; }
    pid_alive "$pidf" || break
    sleep 0.1
  done
  die "Prometheus did not become ready in 120 s; see $dir/logs/prometheus.log"
}

stop_pid() { # pid file
  pid_alive "$1" || { rm -f "$1"; return 0; }
  local pid
  pid=$(cat "$1")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$1"
}
stop() { stop_pid "$sdpidf"; stop_pid "$pidf"; }

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) if pid_alive "$pidf" && pid_alive "$sdpidf" && ready; then echo "running: $url"; else echo "stopped"; exit 1; fi ;;
  *) die "usage: prometheus.sh start|stop|status" ;;
esac
