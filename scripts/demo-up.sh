#!/usr/bin/env bash
# Deploys every demo story (demo/manifests/stories/*) into its own namespace demo-<story> on the
# cluster of $KUBECONFIG (the local one by default). Idempotent: server-side apply.
# The stories run on the local cluster's real node (PODIUM_DEMO_NODES=real, the default);
# PODIUM_DEMO_NODES=kwok puts them on the simulated nodes instead (component on-kwok).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/cluster/lib.sh"
export KUBECONFIG=${KUBECONFIG:-$(cluster_dir)/kubeconfig}
kubectl=$(cluster_bin_dir)/kubectl
[[ -x $kubectl ]] || kubectl=kubectl
nodes=${PODIUM_DEMO_NODES:-real}
[[ $nodes == real || $nodes == kwok ]] || die "PODIUM_DEMO_NODES must be real or kwok, not $nodes"
tmp=$(mktemp -d "$root/demo/manifests/.on-kwok.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for dir in "$root"/demo/manifests/stories/*/; do
  story=$(basename "$dir")
  ns=demo-$story
  src=$dir
  if [[ $nodes == kwok ]]; then
    src=$tmp/$story
    mkdir -p "$src"
    printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../stories/%s]\ncomponents: [../../components/on-kwok]\n' \
      "$story" > "$src/kustomization.yaml"
  fi
  "$kubectl" create namespace "$ns" --dry-run=client -o yaml | "$kubectl" apply --server-side -f - >/dev/null
  "$kubectl" -n "$ns" apply --server-side --field-manager=podium-demo -k "$src" >/dev/null
  echo "[demo] $story -> namespace $ns ($nodes nodes)" >&2
done
