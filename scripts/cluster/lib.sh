# Shared helpers for the local-cluster scripts. Sourced, not run.
log() { printf '[cluster] %s\n' "$*" >&2; }
die() { printf '[cluster] error: %s\n' "$*" >&2; exit 1; }

cluster_root() { cd "$(dirname "${BASH_SOURCE[0]}")" && pwd; }
cache_dir() { echo "${PODIUM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/podium}"; }

# The binaries' folder is keyed on everything that decides what gets built: build-steps.sh and the
# cluster's own wrapper modules, listed by name (in the order the former tools/*/ glob gave) so a
# tool built elsewhere (tools/helm, by helm.sh) never changes the key.
CLUSTER_TOOLS=(etcd k8s kwok metrics-server)
cluster_bin_dir() {
  local root key t mods=() sums=()
  root=$(cluster_root)
  for t in "${CLUSTER_TOOLS[@]}"; do mods+=("$root/tools/$t/go.mod"); sums+=("$root/tools/$t/go.sum"); done
  key=$(cat "${mods[@]}" "${sums[@]}" "$root/build-steps.sh" | sha256sum | cut -c1-12)
  echo "$(cache_dir)/cluster/bin-$key"
}

# One progress line of a cold cluster build: build_progress_line "<k>/4 <name>" <packages built>
# <packages in all, 0 while still counted> <seconds spent>. The estimate assumes the packages left
# take as long as those done; it is "about", as the packages differ in size.
build_progress_line() {
  local step=$1 done=$2 total=$3 elapsed=$4 of left
  of="$done packages built"
  left="estimating"
  if ((total > 0)); then
    of="$done of $total packages built ($((done * 100 / total)) %)"
    if ((done >= total)); then
      of="all $total packages built"
      left="linking"
    elif ((done * 20 >= total)); then
      left="about $(build_duration $((elapsed * (total - done) / done))) left"
    fi
  fi
  printf 'step %s: %s, %s so far, %s' "$step" "$of" "$(build_duration "$elapsed")" "$left"
}
build_duration() { (($1 >= 60)) && printf '%d min %d s' $(($1 / 60)) $(($1 % 60)) || printf '%d s' "$1"; }

# Where a running cluster keeps its state: pki, etcd data, logs, pids and the kubeconfig.
cluster_dir() { echo "${PODIUM_CLUSTER_DIR:-$(cd "$(cluster_root)/../.." && pwd)/.cluster}"; }

# Fixed loopback ports (override with the env vars) so a kubeconfig stays valid across restarts.
: "${PODIUM_API_PORT:=16443}" "${PODIUM_ETCD_PORT:=16379}" "${PODIUM_ETCD_PEER_PORT:=16380}"
: "${PODIUM_PROMETHEUS_PORT:=16290}" # the built-in Prometheus (prometheus.sh)
: "${PODIUM_KCM_PORT:=16257}" "${PODIUM_SCHED_PORT:=16259}" "${PODIUM_KWOK_PORT:=16250}" "${PODIUM_MS_PORT:=16251}"

# Network for the cluster (see docs/local-cluster.md): the apiserver advertises an address on a veth
# that we create, and the pod CIDR is routed into a network namespace of ours, so nothing in the
# cluster ever sends traffic to this machine's own address or to the outside.
PODIUM_NETNS=podium-pods
PODIUM_VETH_HOST=podium0
PODIUM_VETH_NS=podium1
PODIUM_HOST_IP=10.254.0.1
PODIUM_NS_IP=10.254.0.2
PODIUM_POD_CIDR=10.244.0.0/16

# A kubeconfig for the local API server with one of pki.sh's client certificates.
write_kubeconfig() { # file pki-dir cert-name user [namespace]
  cat > "$1" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: podium-local
  cluster: {server: "https://127.0.0.1:$PODIUM_API_PORT", certificate-authority: $2/ca.crt}
users:
- name: $4
  user: {client-certificate: $2/$3.crt, client-key: $2/$3.key}
contexts:
- name: podium-local
  context: {cluster: podium-local, user: $4${5:+, namespace: $5}}
current-context: podium-local
YAML
}

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# The real node (node.sh; see docs/local-cluster.md): a real kubelet with containerd, runc and the CNI
# bridge plugin. Its pods live on a bridge of ours with a /24 of the pod CIDR, a more specific route
# than the /16 that goes to the kwok pods' namespace. Bridge, cgroups and /run/containerd are
# machine-wide: one real node per machine (PODIUM_REAL_NODE=0 starts a cluster without one).
: "${PODIUM_REAL_NODE:=1}"
: "${PODIUM_KUBELET_PORT:=16252}" "${PODIUM_KUBELET_HEALTHZ_PORT:=16253}"
: "${PODIUM_PROXY_METRICS_PORT:=16254}" "${PODIUM_PROXY_HEALTHZ_PORT:=16255}"
PODIUM_NODE_NAME=podium-real-1
PODIUM_NODE_CIDR=10.244.200.0/24
PODIUM_NODE_GW=10.244.200.1
PODIUM_BRIDGE=cni-podium
PODIUM_CGROUP=podium-node
PODIUM_SERVICE_CIDR=10.96.0.0/16
PODIUM_DEMO_VERSION=1.0.0

# Starts apiserver-relay.mjs (bytes only, node:net) as <name>, its pid file and log in the cluster's
# folders, and waits until it listens. The cluster folder as its last argument marks the process as
# this cluster's (node.sh down finds it by command line after a crash). No-op if it runs.
start_tcp_relay() { # name listen-ip:port target-ip:port
  local name=$1 d root
  d=$(cluster_dir)
  root=$(cluster_root)
  local pidf=$d/pids/$name.pid logf=$d/logs/$name.log
  pid_alive "$pidf" && return 0
  source "$root/../env.sh" && podium_ensure_node || die "no Node for the $name (a Node script)"
  setsid node "$root/apiserver-relay.mjs" "$2" "$3" "$d" >"$logf" 2>&1 </dev/null &
  echo $! > "$pidf"
  for _ in $(seq 1 50); do
    grep -q ' -> ' "$logf" 2>/dev/null && return 0
    pid_alive "$pidf" || break
    sleep 0.1
  done
  die "the $name did not start; see $logf"
}
