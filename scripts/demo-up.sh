#!/usr/bin/env bash
# Deploys every demo story (demo/manifests/stories/*) into its own namespace demo-<story> on the
# cluster of $KUBECONFIG (the local one by default). Idempotent: server-side apply.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/cluster/lib.sh"
export KUBECONFIG=${KUBECONFIG:-$(cluster_dir)/kubeconfig}
kubectl=$(cluster_bin_dir)/kubectl
[[ -x $kubectl ]] || kubectl=kubectl
for dir in "$root"/demo/manifests/stories/*/; do
  story=$(basename "$dir")
  ns=demo-$story
  "$kubectl" create namespace "$ns" --dry-run=client -o yaml | "$kubectl" apply --server-side -f - >/dev/null
  "$kubectl" -n "$ns" apply --server-side --field-manager=podium-demo -k "$dir" >/dev/null
  echo "[demo] $story -> namespace $ns" >&2
done
