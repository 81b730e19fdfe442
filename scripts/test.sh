#!/usr/bin/env bash
# The whole test suite, from a fresh clone: set-up, static checks and unit tests, then the local
# cluster (built once, cached) for the integration tests, then the production build and the browser
# tests in Chromium. Stops the cluster at the end, whatever happened.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/env.sh
bash scripts/setup.sh --browser
podium_ensure_node

t0=$(date +%s)
step() { printf '\n=== %s (%ss)\n' "$1" "$(( $(date +%s) - t0 ))"; }

step "lint, format and types"
npm run -s lint
npm run -s format:check
npm run -s typecheck

step "cluster binaries and Helm (built from Go modules once, then cached)"
bash scripts/cluster/build.sh
bash scripts/cluster/helm.sh >/dev/null # the deploy tests' Helm; the unit tests render the chart with it

step "unit tests"
npm run -s test:unit

step "local cluster"
trap 'bash scripts/cluster/down.sh >/dev/null 2>&1 || true' EXIT
bash scripts/cluster/up.sh --wait
[[ ${PODIUM_ADDONS:-1} == 1 ]] && bash scripts/cluster/addons.sh wait # the gateway tests need it: a first build ends here
export KUBECONFIG=$root/.cluster/kubeconfig

step "integration tests (real API server)"
npm run -s test:integration

step "production build"
npm run -s build

step "browser tests (Chromium)"
npm run -s test:e2e

step "done"
