#!/usr/bin/env bash
# Builds the local cluster's binaries from Go modules (the Go module proxy only), once per version.
# kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kube-proxy and kubectl come from k8s.io/kubernetes
# through the wrapper module in tools/k8s (its replace block maps the staging modules to their tags);
# etcd, kwok and metrics-server from their own wrapper modules, so MVS never mixes their deps.
# Output: $PODIUM_CACHE_DIR/cluster/bin-<key>, where <key> hashes the wrapper modules and this
# script, so a second run (or a second clone on the same machine) reuses the binaries.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

KUBE_VERSION=v1.36.1
bin=$(cluster_bin_dir)
if [[ -f "$bin/.complete" ]]; then
  log "binaries cached in $bin"
  exit 0
fi

command -v go >/dev/null || die "go is not installed; the cluster is built from Go modules (Go >= 1.26)"
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-trimpath
export GOCACHE=${GOCACHE:-$(go env GOCACHE)}
mkdir -p "$bin.tmp"
start=$(date +%s)

build_date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
ldflags="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $p.gitVersion=$KUBE_VERSION -X $p.gitMajor=1 -X $p.gitMinor=36"
  ldflags+=" -X $p.gitTreeState=clean -X $p.buildDate=$build_date"
done

log "building etcd (1/4)"
(cd "$here/tools/etcd" && go build -o "$bin.tmp/etcd" go.etcd.io/etcd/server/v3)
log "building kwok (2/4)"
(cd "$here/tools/kwok" && go build -o "$bin.tmp/kwok" sigs.k8s.io/kwok/cmd/kwok)
log "building metrics-server (3/4)"
(cd "$here/tools/metrics-server" && go build -ldflags "-s -w -X k8s.io/client-go/pkg/version.gitVersion=v0.9.0" \
  -o "$bin.tmp/metrics-server" sigs.k8s.io/metrics-server/cmd/metrics-server)
log "building kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kube-proxy, kubectl $KUBE_VERSION (4/4; 15-30 min cold on 2 cores)"
(cd "$here/tools/k8s" && go build -tags=notest,grpcnotrace -ldflags "$ldflags" -o "$bin.tmp/" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-proxy \
  k8s.io/kubernetes/cmd/kubectl)

touch "$bin.tmp/.complete"
rm -rf "$bin" && mv "$bin.tmp" "$bin"
log "built in $(( $(date +%s) - start )) s into $bin"
"$bin/kubectl" version --client 2>/dev/null | head -1
