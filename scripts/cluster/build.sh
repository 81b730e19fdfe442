#!/usr/bin/env bash
# Builds the local cluster's binaries once (build-steps.sh compiles them; its text is part of the
# cache key, so it changes only when what is built changes) and shows how far a cold build is: every
# 30 s one line with the step, the Go packages compiled out of the total, the time spent and an
# estimate of what is left. The go command's download and compiler chatter goes to a log file that
# this script names, and prints whole if the build fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

bin=$(cluster_bin_dir)
if [[ -f "$bin/.complete" ]]; then
  log "binaries cached in $bin"
  exit 0
fi
command -v go >/dev/null || die "go is not installed; the cluster is built from Go modules (Go >= 1.26)"

build_log="$bin.log"
mkdir -p "$(dirname "$bin")"
: >"$build_log"
gocache=${GOCACHE:-$(go env GOCACHE)}
marker=$(mktemp)
start=$(date +%s)

# The packages each step compiles, as `go list -deps` counts them (std included: a fresh machine
# compiles it too). The same targets as build-steps.sh; test/unit/deploy/cluster-build.test.ts checks.
count_packages() {
  local n=0 dir tags
  while read -r dir tags pkgs; do
    n=$((n + $(cd "$here/tools/$dir" && CGO_ENABLED=0 GOTOOLCHAIN=local go list -tags="$tags" -deps $pkgs 2>/dev/null | wc -l)))
  done <<'EOF'
etcd - go.etcd.io/etcd/server/v3
kwok - sigs.k8s.io/kwok/cmd/kwok
metrics-server - sigs.k8s.io/metrics-server/cmd/metrics-server
k8s notest,grpcnotrace k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-proxy k8s.io/kubernetes/cmd/kubectl
EOF
  echo "$n"
}

log "building the cluster's binaries from Go modules (16 min on a fresh 2-core machine); details in $build_log"
bash "$here/build-steps.sh" >>"$build_log" 2>&1 &
builder=$!
# the total needs the modules listed, which the build is downloading anyway: counted beside it
total_file=$(mktemp)
(count_packages >"$total_file") &
counter=$!

report() {
  local now elapsed step done total left
  now=$(date +%s)
  elapsed=$((now - start))
  # build-steps.sh says "building etcd (1/4)": the step and its first binary
  step=$(sed -n 's|.*building \([^ ,]*\).*(\([1-4]/4\).*|\2 \1|p' "$build_log" | tail -1)
  # every package the go command builds (or takes from its cache) leaves an output (…-d) there, new or touched
  done=$(find "$gocache" -newer "$marker" -name '*-d' 2>/dev/null | wc -l)
  total=$(cat "$total_file" 2>/dev/null || true)
  log "$(build_progress_line "${step:-0/4 starting}" "$done" "${total:-0}" "$elapsed")"
}

while kill -0 "$builder" 2>/dev/null; do
  for _ in $(seq 30); do kill -0 "$builder" 2>/dev/null && sleep 1; done
  kill -0 "$builder" 2>/dev/null && report
done
status=0
wait "$builder" || status=$?
kill "$counter" 2>/dev/null || true
rm -f "$marker" "$total_file"
if [[ $status -ne 0 ]]; then
  cat "$build_log" >&2
  die "the cluster build failed (exit $status) after $(($(date +%s) - start)) s; its log is above and in $build_log"
fi
log "built in $(($(date +%s) - start)) s into $bin (log: $build_log)"
