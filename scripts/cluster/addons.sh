#!/usr/bin/env bash
# The built-in cluster's add-ons on the real node, after the cluster is up (docs/local-cluster.md):
#   CoreDNS  v1.14.7  cluster DNS (kube-dns at 10.96.0.10), only the plugins tools/coredns names
#   Traefik  v3.7.13  Gateway API (standard-channel CRDs of sigs.k8s.io/gateway-api, the version
#                     Traefik is built against) and ingress-nginx's annotations, entry on loopback only
# Both are built from Go modules into OCI archives in $PODIUM_CACHE_DIR/images, keyed on their wrapper
# module (tools/coredns, tools/traefik) and the build line below, not on build.sh: the cluster's key
# never changes for them. Usage:
#   addons.sh build [coredns|traefik]   build the images (cached; Traefik is the long one)
#   addons.sh up      build if needed, import, apply CRDs and manifests, wait, start the loopback entry
#   addons.sh start   up.sh's: `up` when the images are built, else `up` in the background
#   addons.sh wait    until a background `up` is done, then `up` (the tests' start)
#   addons.sh import  imports the images that are built (node.sh up, after a node restart)
#   addons.sh entry   prints the gateway's loopback URL
# There is no `down`: the pods go with the real node, and the relay's pid file is in the cluster's
# pid folder, which down.sh empties.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
bin=$(cluster_bin_dir)
dir=$(cluster_dir)
kc=$dir/kubeconfig
kubectl() { "$bin/kubectl" --kubeconfig "$kc" "$@"; }
ctr() { command ctr --connect-timeout 3s -a "$dir/node/containerd/containerd.sock" -n k8s.io "$@"; }

COREDNS_VERSION=v1.14.7
TRAEFIK_VERSION=v3.7.13
# The gateway's entry: NodePort on the pod bridge's address (kube-proxy's nodePortAddresses), and the
# loopback port this machine reaches it on.
GATEWAY_NODEPORT=30880
: "${PODIUM_GATEWAY_PORT:=18080}"
COREDNS_LDFLAGS="-s -w -X github.com/coredns/coredns/coremain.GitCommit=$COREDNS_VERSION"
TRAEFIK_LDFLAGS="-s -w -X github.com/traefik/traefik/v3/pkg/version.Version=$TRAEFIK_VERSION"

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-trimpath

# The archive of one add-on: its name carries a hash of the wrapper module and the build flags.
archive() { # coredns|traefik
  local key
  key=$( (cd "$here/tools/$1" && cat go.mod go.sum $(git ls-files -co --exclude-standard . 2>/dev/null | grep -v '^go\.' | grep -v '^lego-patched/' | sort)
    echo "$COREDNS_LDFLAGS $TRAEFIK_LDFLAGS"; cat "$here/oci-image.sh") | sha256sum | cut -c1-12)
  echo "$(cache_dir)/images/$1-$key.tar"
}

# Traefik's go.mod points two modules at patched copies, made here from the module cache:
#   lego: its list of ~180 DNS-provider SDKs replaced by none (no-dns-providers.go.txt); several of
#     those SDKs are not served by the module proxy here, and no ACME challenge runs on this cluster;
#   go-http-auth v0.4.0 (the upstream of Traefik's fork, which the proxy does not serve) with the
#     two functions the fork adds (go-http-auth-compat.go.txt) and a go.mod (v0.4.0 predates modules).
patch_modules() {
  local t=$here/tools/traefik src
  src=$(cd "$t" && go mod download -json "github.com/go-acme/lego/v5@$(go list -m -f '{{.Version}}' github.com/go-acme/lego/v5)" |
    sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  [[ -d $src ]] || die "could not download github.com/go-acme/lego/v5 for the Traefik build"
  rm -rf "$t/lego-patched" && cp -r "$src" "$t/lego-patched" && chmod -R u+w "$t/lego-patched"
  cp "$t/no-dns-providers.go.txt" "$t/lego-patched/providers/dns/zz_gen_dns_providers.go"
  rm -f "$t/lego-patched/providers/dns/dns_providers_test.go"
  src=$(cd "$t" && go mod download -json github.com/abbot/go-http-auth@v0.4.0 | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  [[ -d $src ]] || die "could not download github.com/abbot/go-http-auth for the Traefik build"
  rm -rf "$t/go-http-auth-patched" && cp -r "$src" "$t/go-http-auth-patched" && chmod -R u+w "$t/go-http-auth-patched"
  rm -rf "$t/go-http-auth-patched/examples" "$t/go-http-auth-patched"/*_test.go
  cp "$t/go-http-auth-compat.go.txt" "$t/go-http-auth-patched/compat.go"
  # what the go command synthesises for a module without go.mod (no go line: no graph pruning)
  echo 'module github.com/abbot/go-http-auth' \
    > "$t/go-http-auth-patched/go.mod"
}

build_one() { # coredns|traefik
  local name=$1 tar ref version
  tar=$(archive "$name")
  if [[ -f $tar ]]; then echo "$tar"; return 0; fi
  command -v go >/dev/null || die "go is not installed; the add-ons are built from Go modules (Go >= 1.26)"
  local w start
  w=$(mktemp -d)
  start=$(date +%s)
  mkdir -p "$w/rootfs/etc" "$w/rootfs/tmp" && chmod 1777 "$w/rootfs/tmp"
  if [[ $name == coredns ]]; then
    version=$COREDNS_VERSION
    log "building CoreDNS $version from Go modules (a few minutes cold)"
    (cd "$here/tools/coredns" && nice -n 10 go build -ldflags "$COREDNS_LDFLAGS" -o "$w/rootfs/coredns" .) ||
      { rm -rf "$w"; die "the CoreDNS build failed"; }
    echo '{"Entrypoint":["/coredns"],"User":"65532:65532","ExposedPorts":{"1053/udp":{},"1053/tcp":{}}}' > "$w/config.json"
  else
    version=$TRAEFIK_VERSION
    log "building Traefik $version from Go modules (long cold: 1,700 packages)"
    patch_modules
    (cd "$here/tools/traefik" && nice -n 10 go build -mod=readonly -ldflags "$TRAEFIK_LDFLAGS" -o "$w/rootfs/traefik" \
      github.com/traefik/traefik/v3/cmd/traefik) || { rm -rf "$w"; die "the Traefik build failed"; }
    echo '{"Entrypoint":["/traefik"],"User":"65532:65532","ExposedPorts":{"8000/tcp":{},"8080/tcp":{}}}' > "$w/config.json"
  fi
  printf 'root:x:0:0:root:/:/bin/false\nnonroot:x:65532:65532:nonroot:/:/bin/false\n' > "$w/rootfs/etc/passwd"
  printf 'root:x:0:\nnonroot:x:65532:\n' > "$w/rootfs/etc/group"
  ref=localhost/podium/$name:${version#v}
  mkdir -p "$(dirname "$tar")"
  bash "$here/oci-image.sh" "$tar" "$ref" "$w/config.json" "$w/rootfs" >/dev/null
  rm -rf "$w"
  log "built $ref in $(( $(date +%s) - start )) s into $tar ($(du -m "$tar" | cut -f1) MB)"
  echo "$tar"
}

import_one() { # coredns|traefik version [--if-built]
  local ref=localhost/podium/$1:${2#v} tar
  tar=$(archive "$1")
  if [[ ! -f $tar ]]; then [[ ${3:-} == --if-built ]] && return 0; tar=$(build_one "$1"); fi
  # Already imported (a warm start): the digest of the image containerd has is the archive's.
  local want have
  want=$(tar -xOf "$tar" index.json | grep -o 'sha256:[0-9a-f]*' | head -1)
  have=$(ctr images ls "name==$ref" 2>/dev/null | awk 'NR>1 {print $3}')
  [[ -n $want && $want == "$have" ]] && return 0
  ctr images import --no-unpack=false "$tar" >/dev/null 2>"$dir/logs/ctr-import-$1.log" ||
    die "could not import $tar; see $dir/logs/ctr-import-$1.log"
}

gateway_api_crds() { # the standard channel, from the module Traefik is built against
  local v d
  v=$(awk '$1 == "sigs.k8s.io/gateway-api" && $2 !~ /go.mod/ {print $2; exit}' "$here/tools/traefik/go.sum")
  d=$(cd "$here/tools/traefik" && GOFLAGS=-mod=mod go mod download -json "sigs.k8s.io/gateway-api@$v" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  [[ -d $d/config/crd/standard ]] || die "no config/crd/standard in sigs.k8s.io/gateway-api@$v"
  echo "$d/config/crd/standard"
}

# Loopback only; the relay's target is the NodePort on the bridge address (kube-proxy DNATs it to
# the Traefik pod).
start_entry() {
  start_tcp_relay gateway-relay "127.0.0.1:$PODIUM_GATEWAY_PORT" "$PODIUM_NODE_GW:$GATEWAY_NODEPORT"
}

up() {
  [[ $PODIUM_REAL_NODE == 1 ]] || { log "add-ons skipped: they run on the real node (PODIUM_REAL_NODE=0)"; return 0; }
  local start crds stamp
  start=$(date +%s)
  # Warm start: same images and manifests as last time, both ready, the entry relaying: nothing to do.
  stamp="$(archive coredns) $(archive traefik) $GATEWAY_NODEPORT $(cat "$here"/manifests/{coredns,traefik}.yaml | sha256sum)"
  if [[ -f $dir/addons.stamp && $(cat "$dir/addons.stamp") == "$stamp" ]] && pid_alive "$dir/pids/gateway-relay.pid" &&
    [[ $(kubectl -n kube-system get deployment coredns traefik -o jsonpath='{.items[*].status.readyReplicas}' 2>/dev/null) == "1 1" ]]; then
    log "add-ons already running: DNS 10.96.0.10, gateway http://127.0.0.1:$PODIUM_GATEWAY_PORT"
    return 0
  fi
  rm -f "$dir/addons.stamp"
  import_one coredns "$COREDNS_VERSION"
  import_one traefik "$TRAEFIK_VERSION"
  crds=$(gateway_api_crds)
  kubectl apply --server-side --force-conflicts -f "$crds" >/dev/null || die "could not apply the Gateway API CRDs from $crds"
  kubectl wait --for condition=Established --timeout=60s crd/gatewayclasses.gateway.networking.k8s.io \
    crd/gateways.gateway.networking.k8s.io crd/httproutes.gateway.networking.k8s.io >/dev/null
  sed "s/__COREDNS_TAG__/${COREDNS_VERSION#v}/" "$here/manifests/coredns.yaml" | kubectl apply -f - >/dev/null ||
    die "could not apply manifests/coredns.yaml"
  sed -e "s/__TRAEFIK_TAG__/${TRAEFIK_VERSION#v}/" -e "s/__GATEWAY_NODEPORT__/$GATEWAY_NODEPORT/" "$here/manifests/traefik.yaml" |
    kubectl apply -f - >/dev/null || die "could not apply manifests/traefik.yaml"
  local d
  for d in coredns traefik; do
    kubectl -n kube-system rollout status "deployment/$d" --timeout=180s >/dev/null ||
      die "$d did not become ready in 180 s (kubectl -n kube-system describe pods -l app.kubernetes.io/name=$d)"
  done
  start_entry
  echo "$stamp" > "$dir/addons.stamp"
  log "add-ons ready in $(( $(date +%s) - start )) s: DNS 10.96.0.10, gateway http://127.0.0.1:$PODIUM_GATEWAY_PORT"
}

# up.sh: the add-ons now when their images are built (seconds); else their build and start in the
# background, so a first start is not held for the gateway's long build. The lessons' routes say
# "no gateway controller has accepted this route" until Traefik runs.
start() {
  [[ $PODIUM_REAL_NODE == 1 ]] || { up; return 0; }
  if [[ -f $(archive coredns) && -f $(archive traefik) ]]; then up; return 0; fi
  if pid_alive "$dir/pids/addons-build.pid"; then
    log "add-ons: still building in the background (log: $dir/logs/addons-build.log)"
    return 0
  fi
  mkdir -p "$dir/logs" "$dir/pids"
  setsid bash "$here/addons.sh" up > "$dir/logs/addons-build.log" 2>&1 < /dev/null &
  echo $! > "$dir/pids/addons-build.pid"
  log "add-ons: building CoreDNS and Traefik from Go modules in the background (Traefik's first build is long); the cluster is usable meanwhile, the gateway answers once it is done (log: $dir/logs/addons-build.log)"
}

# test.sh: until the add-ons run: a background build first (its progress every minute), then up.
wait_up() {
  local n=0
  while pid_alive "$dir/pids/addons-build.pid"; do
    (( n++ % 6 == 0 )) && log "waiting for the add-ons' background build: $(tail -n 1 "$dir/logs/addons-build.log" 2>/dev/null)"
    sleep 10
  done
  up
}

case ${1:-} in
  start) start ;;
  wait) wait_up ;;
  build)
    shift
    for a in "${@:-coredns traefik}"; do
      for n in $a; do [[ $n == coredns || $n == traefik ]] || die "build: coredns|traefik, not $n"; build_one "$n"; done
    done ;;
  up) up ;;
  # node.sh up: the images again after a node restart (its containerd starts empty), never a build
  import) import_one coredns "$COREDNS_VERSION" --if-built && import_one traefik "$TRAEFIK_VERSION" --if-built ;;
  entry) echo "http://127.0.0.1:$PODIUM_GATEWAY_PORT" ;;
  *) die "usage: addons.sh build|up|start|wait|import|entry" ;;
esac
