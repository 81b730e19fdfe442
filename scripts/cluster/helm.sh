#!/usr/bin/env bash
# Helm for the deploy tests and for installing Podium's chart (deploy/helm/podium), built from Go
# modules (helm.sh/helm/v3, pinned by the wrapper module in tools/helm), never downloaded as a binary.
# Builds once into $PODIUM_CACHE_DIR/cluster/helm-<key>/helm (<key> hashes tools/helm and this
# script) and prints that path on stdout; the build's log goes to stderr. 5-15 min cold on 2 cores
# (942 s measured while the machine was busy), a few seconds after that.
#   helm=$(bash scripts/cluster/helm.sh) && "$helm" install podium deploy/helm/podium -n podium --create-namespace
#   bash scripts/cluster/helm.sh --if-built   # prints the path only if it is already built, else exits 1
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

HELM_VERSION=v3.22.0
# The Kubernetes version `helm template` and `helm lint` assume without a cluster: Helm's own build
# takes it from its client-go module (k8s.io/client-go v0.37 in tools/helm/go.sum -> 1.37).
KUBE_MINOR=37
key=$(cat "$here/tools/helm/go.mod" "$here/tools/helm/go.sum" "$here/helm.sh" | sha256sum | cut -c1-12)
dir="$(cache_dir)/cluster/helm-$key"
if [[ -x "$dir/helm" ]]; then echo "$dir/helm"; exit 0; fi
[[ "${1:-}" == --if-built ]] && exit 1

command -v go >/dev/null || die "go is not installed; Helm is built from Go modules (Go >= 1.26)"
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-trimpath
mkdir -p "$dir"
tmp=$(mktemp -d "$dir/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)
log "building helm $HELM_VERSION from Go modules (5-15 min cold on 2 cores)"
(cd "$here/tools/helm" && nice -n 10 go build -o "$tmp/helm" \
  -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean
    -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$KUBE_MINOR
    -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$KUBE_MINOR" \
  helm.sh/helm/v3/cmd/helm)
mv -f "$tmp/helm" "$dir/helm" # atomic: a concurrent build's rename only replaces one good binary with another
log "built helm in $(( $(date +%s) - start )) s into $dir"
echo "$dir/helm"
