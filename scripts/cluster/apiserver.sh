#!/usr/bin/env bash
# Starts (start) or stops (stop) only the kube-apiserver of a running local cluster. The tests use it
# to restart the API server under a live watch; up.sh uses it to start the cluster. Starting it anew
# under a running cluster also restarts kube-controller-manager (see restart_controllers).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
bin=$(cluster_bin_dir)
dir=$(cluster_dir)
p=$dir/pki
pidf=$dir/pids/kube-apiserver.pid

# Stops the process of a pid file: SIGTERM, up to 10 s, then SIGKILL.
stop_pid() {
  pid_alive "$1" || return 0
  local pid; pid=$(cat "$1")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
}

stop() { stop_pid "$pidf"; }

start() {
  if pid_alive "$pidf"; then wait_ready; return; fi
  launch
  wait_ready
  restart_controllers
}

# After an API server restart, kube-controller-manager's informers can stay behind for good: a
# Service created a minute later never got its EndpointSlice, the controller retrying on
# "EndpointSlice informer cache is out of date" (kubernetes/kubernetes#124547; met in a CI dry
# run after the watch hub's restart test). A cluster restarts its control plane together; so does
# this script, the controller manager with the very arguments it runs with.
restart_controllers() {
  local f=$dir/pids/kube-controller-manager.pid
  pid_alive "$f" || return 0 # up.sh starts it next
  local args=()
  mapfile -d '' args < "/proc/$(cat "$f")/cmdline"
  ((${#args[@]})) || return 0
  stop_pid "$f"
  setsid "${args[@]}" >>"$dir/logs/kube-controller-manager.log" 2>&1 < /dev/null &
  echo $! > "$f"
}

launch() {
  bash "$here/network.sh" up >/dev/null # repairs the pod network if another checkout's down removed it
  mkdir -p "$dir/logs" "$dir/pids"
  setsid "$bin/kube-apiserver" --etcd-servers="http://127.0.0.1:$PODIUM_ETCD_PORT" \
    --bind-address=127.0.0.1 --secure-port="$PODIUM_API_PORT" --advertise-address="$PODIUM_HOST_IP" \
    --service-cluster-ip-range=10.96.0.0/16 --authorization-mode=Node,RBAC --allow-privileged=true \
    --tls-cert-file="$p/apiserver.crt" --tls-private-key-file="$p/apiserver.key" --client-ca-file="$p/ca.crt" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$p/sa.pub" --service-account-signing-key-file="$p/sa.key" \
    --requestheader-client-ca-file="$p/ca.crt" --requestheader-allowed-names=front-proxy-client \
    --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
    --requestheader-extra-headers-prefix=X-Remote-Extra- \
    --proxy-client-cert-file="$p/front-proxy-client.crt" --proxy-client-key-file="$p/front-proxy-client.key" \
    --kubelet-client-certificate="$p/admin.crt" --kubelet-client-key="$p/admin.key" \
    --kubelet-certificate-authority="$p/ca.crt" --kubelet-preferred-address-types=InternalIP \
    --etcd-compaction-interval=10s --profiling=false --v=1 >>"$dir/logs/kube-apiserver.log" 2>&1 < /dev/null &
  echo $! > "$pidf"
}

# Another caller may have launched it a moment ago: whoever starts it, everyone waits for /readyz.
wait_ready() {
  local deadline=$(( $(date +%s) + 90 ))
  until "$bin/kubectl" --kubeconfig "$dir/kubeconfig" get --raw /readyz >/dev/null 2>&1; do
    pid_alive "$pidf" || die "kube-apiserver exited; see $dir/logs/kube-apiserver.log"
    (( $(date +%s) < deadline )) || die "kube-apiserver not ready after 90 s; see $dir/logs/kube-apiserver.log"
    sleep 0.5
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  *) die "usage: apiserver.sh start|stop|restart" ;;
esac
