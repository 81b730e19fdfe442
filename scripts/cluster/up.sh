#!/usr/bin/env bash
# Starts the local cluster: etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok (nodes
# and pods) and metrics-server, all on 127.0.0.1, built by build.sh. Idempotent: if the cluster is
# already running it only prints where the kubeconfig is. Beside it, on the host, the built-in
# Prometheus (prometheus.sh; started in every case, a no-op when it runs). --wait blocks until nodes
# are Ready, the default service account exists and the metrics API is served. Then the add-ons
# (addons.sh: CoreDNS, the Traefik gateway) start on the real node. Writes $dir/kubeconfig.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
wait=false
for a in "$@"; do case $a in --wait) wait=true ;; *) die "unknown argument $a (usage: up.sh [--wait])" ;; esac; done

bin=$(cluster_bin_dir)
dir=$(cluster_dir)
kc=$dir/kubeconfig
[[ -f "$bin/.complete" ]] || bash "$here/build.sh"
kubectl() { "$bin/kubectl" --kubeconfig "$kc" "$@"; }

api_ready() { kubectl get --raw /readyz >/dev/null 2>&1; }
components=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok metrics-server)
[[ $PODIUM_REAL_NODE == 1 ]] && components+=(containerd kubelet kube-proxy)
nodes=3
[[ $PODIUM_REAL_NODE == 1 ]] && nodes=4
# It scrapes the real node's pods; a cluster without one has nothing for it. A Prometheus that fails
# does not stop the cluster: Podium falls back to reading the pods itself, and the tests say why.
prometheus() {
  [[ $PODIUM_REAL_NODE == 1 ]] || return 0
  bash "$here/prometheus.sh" start || log "warning: the built-in Prometheus did not start"
}
all_alive() { for c in "${components[@]}"; do pid_alive "$dir/pids/$c.pid" || return 1; done; }

if all_alive; then
  # Running, perhaps with its API server restarting under a test: wait rather than start anew.
  for _ in $(seq 1 120); do
    if api_ready; then
      # The relay alone (pods -> API server) restarts without touching the rest.
      [[ $PODIUM_REAL_NODE == 1 ]] && bash "$here/node.sh" relay
      prometheus
      if [[ ${PODIUM_ADDONS:-1} == 1 ]]; then bash "$here/addons.sh" start; fi
      log "already running; KUBECONFIG=$kc"
      exit 0
    fi
    sleep 0.5
  done
  die "the cluster's processes run but its API server does not answer; see $dir/logs, or run npm run cluster:down"
fi
# Only the API server is down (a test restarts it, or it crashed): start it alone, keep the data.
if ! pid_alive "$dir/pids/kube-apiserver.pid"; then
  others=true
  for c in "${components[@]}"; do [[ $c == kube-apiserver ]] || pid_alive "$dir/pids/$c.pid" || others=false; done
  if $others; then
    bash "$here/apiserver.sh" start
    prometheus
    log "API server restarted; KUBECONFIG=$kc"
    exit 0
  fi
fi
bash "$here/down.sh" --keep-network >/dev/null 2>&1 || true
bash "$here/network.sh" up

mkdir -p "$dir/logs" "$dir/pids"
rm -rf "$dir/etcd"
bash "$here/pki.sh" "$dir/pki"
p=$dir/pki

write_kubeconfig "$kc" "$p" admin podium-admin default

# kwok's configuration: the stock node stages from the kwok module, our pod stages, and the
# kubelet-like resource metrics whose usage comes from the pod annotations kwok.x-k8s.io/usage-*.
kwokdir=$(cd "$here/tools/kwok" && GOTOOLCHAIN=local GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)/kustomize
{
  for f in stage/node/fast/node-initialize.yaml stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
    metrics/resource/metrics-resource.yaml metrics/usage/usage-from-annotation.yaml; do
    cat "$kwokdir/$f"; printf '\n---\n'
  done
  cat "$here/kwok/stages.yaml"; printf '\n---\n'; cat "$here/kwok/restart-stages.yaml"
} > "$dir/kwok.yaml"

start() { # name args...
  local name=$1; shift
  setsid "$bin/$name" "$@" >"$dir/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$dir/pids/$name.pid"
}
common=(--kubeconfig="$kc" --authentication-kubeconfig="$kc" --authorization-kubeconfig="$kc" --bind-address=127.0.0.1)

start etcd --name=podium --data-dir="$dir/etcd" --listen-client-urls="http://127.0.0.1:$PODIUM_ETCD_PORT" \
  --advertise-client-urls="http://127.0.0.1:$PODIUM_ETCD_PORT" --listen-peer-urls="http://127.0.0.1:$PODIUM_ETCD_PEER_PORT" \
  --initial-advertise-peer-urls="http://127.0.0.1:$PODIUM_ETCD_PEER_PORT" \
  --initial-cluster="podium=http://127.0.0.1:$PODIUM_ETCD_PEER_PORT" --quota-backend-bytes=2147483648 \
  --auto-compaction-retention=1 --log-level=warn

bash "$here/apiserver.sh" start

start kube-controller-manager "${common[@]}" --secure-port="$PODIUM_KCM_PORT" --leader-elect=false \
  --root-ca-file="$p/ca.crt" --service-account-private-key-file="$p/sa.key" \
  --horizontal-pod-autoscaler-sync-period=5s --horizontal-pod-autoscaler-cpu-initialization-period=10s \
  --horizontal-pod-autoscaler-initial-readiness-delay=5s --node-monitor-grace-period=5m \
  --kube-api-qps=200 --kube-api-burst=400 --concurrent-deployment-syncs=10 --concurrent-replicaset-syncs=10
start kube-scheduler "${common[@]}" --secure-port="$PODIUM_SCHED_PORT" --leader-elect=false --kube-api-qps=200 --kube-api-burst=400
# kwok manages only its own nodes (the real node is the kubelet's); they report 127.0.0.1 as their
# InternalIP, the only address type the API server and metrics-server use, so no node name is ever
# looked up in DNS.
start kwok --kubeconfig="$kc" --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
  --config="$dir/kwok.yaml" --cidr="$PODIUM_POD_CIDR" --node-ip=127.0.0.1 \
  --node-name=localhost --node-port="$PODIUM_KWOK_PORT" --server-address="127.0.0.1:$PODIUM_KWOK_PORT" \
  --tls-cert-file="$p/kwok.crt" --tls-private-key-file="$p/kwok.key" --node-lease-duration-seconds=40
start metrics-server "${common[@]}" --secure-port="$PODIUM_MS_PORT" --cert-dir="$dir/metrics-server-certs" \
  --kubelet-certificate-authority="$p/ca.crt" --kubelet-use-node-status-port --kubelet-preferred-address-types=InternalIP \
  --metric-resolution=10s --kubelet-request-timeout=5s

# Objects the cluster needs once: nodes, and the metrics API's registration.
for i in 0 1 2; do
  cat <<YAML
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
    metrics.k8s.io/resource-metrics-path: /metrics/nodes/kwok-node-$i/metrics/resource
  labels: {kubernetes.io/hostname: kwok-node-$i, kubernetes.io/os: linux, kubernetes.io/arch: amd64, type: kwok}
spec:
  podCIDR: 10.244.$i.0/24
  podCIDRs: [10.244.$i.0/24]
status:
  allocatable: {cpu: "8", memory: 32Gi, pods: "500"}
  capacity: {cpu: "8", memory: 32Gi, pods: "500"}
---
YAML
done > "$dir/cluster-objects.yaml"
sed "s/__MS_PORT__/$PODIUM_MS_PORT/" "$here/manifests/metrics-api.yaml" >> "$dir/cluster-objects.yaml"
kubectl apply -f "$dir/cluster-objects.yaml" >/dev/null || die "could not create the nodes and the metrics API (see $dir/logs)"
[[ $PODIUM_REAL_NODE == 1 ]] && bash "$here/node.sh" up
prometheus
log "started; KUBECONFIG=$kc"

if $wait; then
  deadline=$(( $(date +%s) + 180 ))
  until [[ $(kubectl get nodes --no-headers 2>/dev/null | grep -c ' Ready') -ge $nodes ]] && kubectl -n default get sa default >/dev/null 2>&1; do
    (( $(date +%s) < deadline )) || die "$nodes nodes or the default service account not ready after 180 s (logs: $dir/logs)"
    sleep 1
  done
  until kubectl get apiservice v1beta1.metrics.k8s.io -o jsonpath='{.status.conditions[?(@.type=="Available")].status}' 2>/dev/null | grep -q True; do
    (( $(date +%s) < deadline )) || die "metrics API not available after 180 s (logs: $dir/logs/metrics-server.log)"
    sleep 1
  done
  log "ready: $nodes nodes, metrics API available"
fi
# CoreDNS and the gateway (Traefik) on the real node, once the node and the API are there; their
# builds are cached apart from the cluster's (addons.sh; a first build runs in the background).
# PODIUM_ADDONS=0 leaves them out.
if [[ ${PODIUM_ADDONS:-1} == 1 ]]; then bash "$here/addons.sh" start; fi
