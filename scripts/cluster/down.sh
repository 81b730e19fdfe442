#!/usr/bin/env bash
# Stops the local cluster and leaves no process behind, also after a crashed test run: every process
# recorded in the pid folder, then any process still running one of the cluster's binaries with this
# cluster's folder on its command line (another checkout's cluster, on other ports, is left alone).
# Idempotent. --keep-network keeps the veth and namespace for a quick restart.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
dir=$(cluster_dir)
bin=$(cluster_bin_dir)

# The real node first: its containers, mounts, cgroups and network go with it (also after a crash).
bash "$here/node.sh" down >/dev/null 2>&1 || log "warning: node.sh down failed; run bash scripts/cluster/node.sh status"
bash "$here/prometheus.sh" stop || true
for f in "$dir"/pids/*.pid; do
  [[ -f $f ]] || continue
  # a process started with setsid (the add-ons' background build) goes with its whole group
  pid=$(cat "$f"); kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
done
for _ in $(seq 1 50); do
  left=$(pgrep -f "^$bin/.*$dir/" || true)
  [[ -z $left ]] && break
  sleep 0.1
done
left=$(pgrep -f "^$bin/.*$dir/" || true)
[[ -n $left ]] && kill -9 $left 2>/dev/null || true
rm -f "$dir"/pids/*.pid
# The network is shared by every local cluster on this machine: leave it while another one runs.
if [[ ${1:-} != --keep-network ]] && ! pgrep -x kube-apiserver >/dev/null; then
  bash "$here/network.sh" down
fi
log "stopped"
