#!/usr/bin/env bash
# Starts Podium on its built-in local cluster with the demo workloads, from a fresh clone:
# set-up, the cluster (built once and cached), the demo stories (one namespace each), a production
# build of Podium (rebuilt only when the sources changed), then Podium on http://127.0.0.1:$PORT.
#
# `bash scripts/start.sh --class` (or PODIUM_CLASS=1) serves a class on the local network instead:
# Podium listens on every IPv4 address (PODIUM_BIND), answers this machine's LAN addresses (and
# PODIUM_CLASS_ADDRESS), and is watch-only for every browser without the action token, which
# Podium draws at start unless PODIUM_ACTION_TOKEN is set and prints here, on the teacher's terminal only.
set -euo pipefail
PODIUM_CLASS=${PODIUM_CLASS:-}
case ${1:-} in
  --class) export PODIUM_CLASS=1 ;;
  '') ;;
  *) echo "usage: bash scripts/start.sh [--class]" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/env.sh
bash scripts/setup.sh
podium_ensure_node
t0=$(date +%s)

bash scripts/cluster/build.sh
bash scripts/cluster/up.sh --wait
export KUBECONFIG=$root/.cluster/kubeconfig
bash scripts/demo-up.sh

if [[ ! -f .next/BUILD_ID ]] || [[ -n $(find app components lib public next.config.js package-lock.json -newer .next/BUILD_ID -print -quit 2>/dev/null) ]]; then
  npm run -s build
fi

# The built-in Prometheus (scripts/cluster/prometheus.sh, started by up.sh) keeps the CPU/memory
# history and the application metrics, so the charts survive a restart of Podium.
if [[ -z ${PODIUM_PROMETHEUS_URL:-} ]] && bash scripts/cluster/prometheus.sh status >/dev/null 2>&1; then
  export PODIUM_PROMETHEUS_URL=http://127.0.0.1:${PODIUM_PROMETHEUS_PORT:-16290}
fi

# The built-in gateway (Traefik, scripts/cluster/addons.sh): a route's "sample through the gateway"
# goes to its loopback entry with the route's Host header.
if [[ -z ${PODIUM_GATEWAY_URL:-} && -f .cluster/addons.stamp ]]; then
  export PODIUM_GATEWAY_URL=$(bash scripts/cluster/addons.sh entry)
fi

port=${PORT:-3000}
# The home page then lists the demo stories and the lessons' namespaces, nothing else.
export PODIUM_NAMESPACES=${PODIUM_NAMESPACES:-demo-*,lesson-*}
bind=127.0.0.1
if [[ ${PODIUM_CLASS,,} =~ ^(1|true|yes|on)$ ]]; then
  # Podium prints the students' address and the action token as it starts (lib/class-mode.ts)
  export PODIUM_CLASS=1 PORT=$port
  bind=${PODIUM_BIND:-0.0.0.0}
fi
echo "[start] ready in $(( $(date +%s) - t0 )) s: open http://127.0.0.1:$port (Ctrl-C stops Podium; 'npm run cluster:down' stops the cluster)"
exec npx next start -H "$bind" -p "$port"
