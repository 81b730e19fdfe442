#!/usr/bin/env bash
# The local cluster's real node (up | down | status), beside the kwok nodes: the real kubelet (built
# with the control plane), Debian's containerd and runc, the CNI bridge plugin, and kube-proxy in
# nftables mode. Pods on it run for real: probes, restarts, logs, exec, port-forward, cgroup metrics.
# Every setting and why: docs/local-cluster.md ("The real node"). Needs root.
#
# Network rule: pods get an address on our bridge (PODIUM_NODE_CIDR) and routes to the pod and
# service CIDRs only, no default route; the host forwards only from the bridge back onto the bridge
# (pod -> Service -> pod); containerd pulls through a proxy that refuses (127.0.0.1:9), so an unknown
# image fails with the runtime's real ErrImagePull and nothing ever leaves the machine.
#
# `down` removes everything `up` made, also after a crash: processes (by pid file, by command line,
# by cgroup), mounts under the node folder, pod network namespaces (kept under containerd's state
# folder), cgroups, the bridge, nftables tables, and the machine-wide sysctls the kubelet changed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
bin=$(cluster_bin_dir)
dir=$(cluster_dir)
node=$dir/node
p=$dir/pki
kc=$dir/kubeconfig
kubectl() { "$bin/kubectl" --kubeconfig "$kc" "$@"; }
# A stale socket (containerd killed) would make ctr wait for it forever: connect within 3 s or fail.
ctr() { command ctr --connect-timeout 3s -a "$node/containerd/containerd.sock" -n k8s.io "$@"; }
# The machine-wide kernel settings the kubelet writes (protectKernelDefaults: false); down restores them.
SYSCTLS=(kernel.panic kernel.panic_on_oops vm.overcommit_memory)
# Paths outside the node folder that the kubelet, containerd and libcni write to; removed by down
# only if up found them absent.
OUTSIDE=(/run/containerd /var/lib/cni /var/lib/kubelet /var/log/containers /var/log/pods)

ensure_packages() {
  local missing=()
  command -v containerd >/dev/null || missing+=(containerd)
  command -v runc >/dev/null || missing+=(runc)
  [[ -x /usr/lib/cni/bridge ]] || missing+=(containernetworking-plugins)
  command -v nft >/dev/null || missing+=(nftables)
  [[ -x /bin/busybox ]] || missing+=(busybox-static)
  command -v gcc >/dev/null || missing+=(gcc libc6-dev)
  ((${#missing[@]} == 0)) && return 0
  [[ $(id -u) -eq 0 ]] || die "the real node needs ${missing[*]} (apt-get install), and root"
  log "installing Debian's ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    die "apt-get install ${missing[*]} failed"
}

# Mount points below a folder, deepest first.
mounts_under() { findmnt -rn -o TARGET | { grep "^$1/" || true; } | sort -r; }

cgroup_dirs() { for c in /sys/fs/cgroup/*/; do [[ -f $c/cgroup.procs ]] && echo "${c%/}/$PODIUM_CGROUP"; done; }

setup_host() {
  mkdir -p "$node"
  # Remember what this machine had before the kubelet changes it.
  [[ -f $dir/sysctl.saved ]] || for s in "${SYSCTLS[@]}"; do echo "$s=$(sysctl -n "$s")"; done > "$dir/sysctl.saved"
  [[ -f $dir/outside.created ]] || for d in "${OUTSIDE[@]}"; do [[ -e $d ]] || echo "$d"; done > "$dir/outside.created"
  # cgroupRoot must exist in every v1 hierarchy; cpuset needs its cpus and mems filled in (as kind does).
  local c
  for c in $(cgroup_dirs); do mkdir -p "$c"; done
  local cs=/sys/fs/cgroup/cpuset
  if [[ -d $cs/$PODIUM_CGROUP ]]; then
    cat "$cs/cpuset.cpus" > "$cs/$PODIUM_CGROUP/cpuset.cpus"
    cat "$cs/cpuset.mems" > "$cs/$PODIUM_CGROUP/cpuset.mems"
  fi
  # The pods' bridge carries the gateway; the /24 is more specific than the /16 to the kwok netns.
  if ! ip link show "$PODIUM_BRIDGE" >/dev/null 2>&1; then
    ip link add "$PODIUM_BRIDGE" type bridge
    ip addr add "$PODIUM_NODE_GW/24" dev "$PODIUM_BRIDGE"
  fi
  ip link set "$PODIUM_BRIDGE" up
  # Forward only what arrives on the bridge (pod -> ClusterIP -> pod, after kube-proxy's DNAT), and
  # only back onto the bridge: the machine-wide ip_forward stays as it is.
  sysctl -qw "net.ipv4.conf.$PODIUM_BRIDGE.forwarding=1"
  nft -f - <<NFT
table inet podium-node
delete table inet podium-node
table inet podium-node {
  chain forward {
    type filter hook forward priority 0; policy accept;
    iifname "$PODIUM_BRIDGE" oifname != "$PODIUM_BRIDGE" counter drop
  }
}
NFT
  cat > "$node/10-podium.conflist" <<JSON
{"cniVersion": "1.0.0", "name": "podium", "plugins": [
  {"type": "bridge", "bridge": "$PODIUM_BRIDGE", "isGateway": false, "ipMasq": false, "hairpinMode": true,
   "ipam": {"type": "host-local", "dataDir": "$node/cni-ipam",
     "ranges": [[{"subnet": "$PODIUM_NODE_CIDR", "gateway": "$PODIUM_NODE_GW"}]],
     "routes": [{"dst": "$PODIUM_POD_CIDR", "gw": "$PODIUM_NODE_GW"}, {"dst": "$PODIUM_SERVICE_CIDR", "gw": "$PODIUM_NODE_GW"}]}},
  {"type": "loopback"}]}
JSON
  mkdir -p "$node/cni" && mv "$node/10-podium.conflist" "$node/cni/"
}

start_containerd() {
  local c=$node/containerd
  mkdir -p "$c"
  cat > "$c/config.toml" <<TOML
version = 2
root = "$c/root"
state = "$c/state"
[grpc]
  address = "$c/containerd.sock"
[ttrpc]
  address = "$c/containerd.sock.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$c/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "localhost/podium/pause:3.10.2"
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$c/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$node/cni"
TOML
  # A pull goes through this proxy, which refuses: no registry is ever reached, and the pod shows
  # the runtime's own ErrImagePull / ImagePullBackOff.
  HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY= \
    setsid containerd --config "$c/config.toml" >"$dir/logs/containerd.log" 2>&1 </dev/null &
  echo $! > "$dir/pids/containerd.pid"
  for _ in $(seq 1 100); do ctr version >/dev/null 2>&1 && return 0; sleep 0.1; done
  die "containerd did not start; see $dir/logs/containerd.log"
}

import_images() {
  local t
  for t in $(bash "$here/images.sh" pause demo); do
    ctr images import --no-unpack=false "$t" >/dev/null 2>"$dir/logs/ctr-import.log" ||
      die "could not import $t into containerd; see $dir/logs/ctr-import.log"
  done
  # The add-ons' images (CoreDNS, Traefik) if they are built: their pods outlive a node restart.
  bash "$here/addons.sh" import
}

start_kubelet() {
  local k=$node/kubelet-config.yaml
  write_kubeconfig "$node/kubelet.kubeconfig" "$p" kubelet kubelet
  cat > "$k" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
# This machine mounts cgroup v1, which kubelet 1.35+ refuses unless told otherwise.
failCgroupV1: false
# containerd 1.6 cannot tell the kubelet its driver (no RuntimeConfig RPC); cgroupfs, as its runc uses.
cgroupDriver: cgroupfs
# Every pod cgroup lives under this root, created by node.sh in each v1 hierarchy and removed by down.
cgroupRoot: /$PODIUM_CGROUP
# A development machine may have swap; pods get none (the default swapBehavior: NoSwap).
failSwapOn: false
# true would make the kubelet refuse to start unless kernel.panic etc. have its values; with false
# it writes them machine-wide, and node.sh down restores the saved values.
protectKernelDefaults: false
containerRuntimeEndpoint: unix://$node/containerd/containerd.sock
# Serve only on the cluster's own veth address, never 0.0.0.0; no read-only port.
address: $PODIUM_HOST_IP
port: $PODIUM_KUBELET_PORT
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $PODIUM_KUBELET_HEALTHZ_PORT
tlsCertFile: $p/kubelet-serving.crt
tlsPrivateKeyFile: $p/kubelet-serving.key
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $p/ca.crt}
authorization: {mode: Webhook}
# Only pods that tolerate this land here; the kwok nodes keep everything else (tests, benchmarks).
registerWithTaints:
  - {key: podium.dev/real-node, value: "true", effect: NoSchedule}
podLogsDir: $node/pod-logs
# No lookup may leave the machine: the host's resolv.conf is not given to pods. Pods get the
# cluster's usual resolv.conf (nameserver 10.96.0.10, search <ns>.svc.cluster.local …), but no DNS
# server runs behind that ClusterIP, so a lookup fails at once, on this machine (and the kubelet
# does not warn MissingClusterDNS on every pod).
resolvConf: ""
clusterDNS: ["10.96.0.10"]
clusterDomain: cluster.local
# A shared development machine: no image garbage collection and no eviction for disk or memory
# pressure (as kind), so the demo image is never removed and pods are never evicted by thresholds
# that describe the whole machine, not this node.
imageGCHighThresholdPercent: 100
evictionHard: {memory.available: "0%", nodefs.available: "0%", nodefs.inodesFree: "0%", imagefs.available: "0%"}
# Enough for the demo stories side by side (10 + 6 + 4 + 4 + 3 + a few), not a production density.
maxPods: 60
# Status changes reach the API server at once (a restart is shown as it happens).
nodeStatusUpdateFrequency: 10s
# Probes and restarts as in production; a stopped container's logs are kept small.
containerLogMaxSize: 5Mi
containerLogMaxFiles: 2
YAML
  setsid "$bin/kubelet" --config "$k" --kubeconfig "$node/kubelet.kubeconfig" --root-dir "$node/kubelet" \
    --hostname-override "$PODIUM_NODE_NAME" --node-ip "$PODIUM_HOST_IP" \
    --node-labels "podium.dev/node=real" --v=1 >"$dir/logs/kubelet.log" 2>&1 </dev/null &
  echo $! > "$dir/pids/kubelet.pid"
}

register_node() {
  local deadline=$(( $(date +%s) + 90 ))
  until kubectl get node "$PODIUM_NODE_NAME" >/dev/null 2>&1; do
    pid_alive "$dir/pids/kubelet.pid" || die "the kubelet exited; see $dir/logs/kubelet.log"
    (( $(date +%s) < deadline )) || die "the kubelet did not register $PODIUM_NODE_NAME in 90 s; see $dir/logs/kubelet.log"
    sleep 0.5
  done
  # The controller manager does not allocate node CIDRs here; the bridge's /24 is this node's.
  kubectl patch node "$PODIUM_NODE_NAME" --type merge \
    -p "{\"spec\":{\"podCIDR\":\"$PODIUM_NODE_CIDR\",\"podCIDRs\":[\"$PODIUM_NODE_CIDR\"]}}" >/dev/null 2>&1 || true
}

# Pods reach the API server through the kubernetes Service: 10.96.0.1:443, DNATed by kube-proxy to
# the advertise address $PODIUM_HOST_IP:$PODIUM_API_PORT, where this relay (apiserver-relay.mjs,
# plain node:net) forwards to the API server's loopback listener. Started and stopped with the node.
start_relay() {
  start_tcp_relay apiserver-relay "$PODIUM_HOST_IP:$PODIUM_API_PORT" "127.0.0.1:$PODIUM_API_PORT"
}

start_kube_proxy() {
  write_kubeconfig "$node/kube-proxy.kubeconfig" "$p" kube-proxy kube-proxy
  cat > "$node/kube-proxy.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: nftables
hostnameOverride: $PODIUM_NODE_NAME
clusterCIDR: $PODIUM_POD_CIDR
clientConnection: {kubeconfig: $node/kube-proxy.kubeconfig}
metricsBindAddress: 127.0.0.1:$PODIUM_PROXY_METRICS_PORT
healthzBindAddress: 127.0.0.1:$PODIUM_PROXY_HEALTHZ_PORT
# NodePorts only on the bridge's address, never on the machine's own.
nodePortAddresses: ["$PODIUM_NODE_GW/32"]
# Leave the machine-wide conntrack sysctls alone (as kind).
conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
YAML
  setsid "$bin/kube-proxy" --config "$node/kube-proxy.yaml" --v=1 >"$dir/logs/kube-proxy.log" 2>&1 </dev/null &
  echo $! > "$dir/pids/kube-proxy.pid"
}

up() {
  [[ $(id -u) -eq 0 ]] || die "the real node needs root (containers, cgroups, a bridge)"
  ensure_packages
  mkdir -p "$dir/logs" "$dir/pids"
  down_quiet
  setup_host
  start_relay
  start_containerd
  import_images
  start_kubelet
  register_node
  start_kube_proxy
  log "real node $PODIUM_NODE_NAME: kubelet $PODIUM_HOST_IP:$PODIUM_KUBELET_PORT, pods $PODIUM_NODE_CIDR on $PODIUM_BRIDGE, API relay $PODIUM_HOST_IP:$PODIUM_API_PORT"
}

wait_ready() {
  local deadline=$(( $(date +%s) + ${1:-120} ))
  until kubectl get node "$PODIUM_NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null | grep -q True; do
    pid_alive "$dir/pids/kubelet.pid" || die "the kubelet exited; see $dir/logs/kubelet.log"
    (( $(date +%s) < deadline )) || die "$PODIUM_NODE_NAME not Ready; see $dir/logs/kubelet.log"
    sleep 0.5
  done
}

stop_pid() { # name
  local f=$dir/pids/$1.pid pid
  [[ -f $f ]] || return 0
  pid=$(cat "$f")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$f"
}

down_quiet() {
  stop_pid kube-proxy
  stop_pid kubelet
  # Containers first, while containerd still knows them; then containerd and its shims.
  if ctr version >/dev/null 2>&1; then
    local t
    for t in $(ctr tasks ls -q 2>/dev/null); do ctr tasks kill -s SIGKILL "$t" >/dev/null 2>&1 || true; done
  fi
  stop_pid containerd
  stop_pid apiserver-relay
  pkill -9 -f "^$bin/(kubelet|kube-proxy) .*$node/" 2>/dev/null || true
  pkill -9 -f "apiserver-relay.mjs .* $dir\$" 2>/dev/null || true
  pkill -9 -f "containerd-shim-runc-v2 .*-address $node/" 2>/dev/null || true
  pkill -9 -f "^containerd --config $node/" 2>/dev/null || true
  # Whatever still runs in the node's cgroups (a container whose shim died) is killed.
  local c procs
  for _ in 1 2 3; do
    procs=$(cat $(find /sys/fs/cgroup/pids/$PODIUM_CGROUP -name cgroup.procs 2>/dev/null) /dev/null 2>/dev/null | sort -u)
    [[ -z $procs ]] && break
    kill -9 $procs 2>/dev/null || true
    sleep 0.2
  done
  # Mounts: overlay rootfs, shm, pod volumes, network namespaces, the kubelet's root-dir bind mount.
  mounts_under "$node" | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  for c in $(cgroup_dirs); do
    [[ -d $c ]] && find "$c" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  done
  ip link del "$PODIUM_BRIDGE" 2>/dev/null || true
  for t in "inet podium-node" "ip kube-proxy" "ip6 kube-proxy"; do nft delete table $t 2>/dev/null || true; done
  if [[ -f $dir/sysctl.saved ]]; then
    while IFS= read -r kv; do sysctl -qw "$kv" 2>/dev/null || true; done < "$dir/sysctl.saved"
    rm -f "$dir/sysctl.saved"
  fi
  if [[ -f $dir/outside.created ]]; then
    while IFS= read -r d; do
      [[ -n $d ]] || continue
      mounts_under "$d" | while read -r m; do umount -l "$m" 2>/dev/null || true; done
      rm -rf "$d"
    done < "$dir/outside.created"
    rm -f "$dir/outside.created"
  fi
  rm -rf "$node"
}

down() {
  down_quiet
  log "real node stopped and cleaned up"
}

# What `down` must leave behind: nothing. Prints each leftover; exit 1 if any (the tests use it).
status() {
  local left=0
  pgrep -af "$node/" && left=1
  pgrep -af "apiserver-relay.mjs .* $dir\$" && left=1
  [[ -n $(mounts_under "$node") ]] && { mounts_under "$node"; left=1; }
  for c in $(cgroup_dirs); do [[ -d $c ]] && { echo "cgroup $c"; left=1; }; done
  ip link show "$PODIUM_BRIDGE" >/dev/null 2>&1 && { echo "bridge $PODIUM_BRIDGE"; left=1; }
  nft list tables 2>/dev/null | grep -E 'podium-node|kube-proxy' && left=1
  [[ -e $node ]] && { echo "folder $node"; left=1; }
  return $left
}

case "${1:-}" in
  up) up ;;
  relay) start_relay ;; # (re)starts the API server relay alone, if it is not running
  wait) wait_ready "${2:-120}" ;;
  down) down ;;
  status) status ;;
  *) die "usage: node.sh up|relay|wait [seconds]|down|status" ;;
esac
