#!/usr/bin/env bash
# Everything a fresh machine needs, idempotent and cached: Node >= 22.19 (from the npm registry when
# the system's is older), the npm dependencies, Debian's Prometheus for the built-in cluster, and (with --browser) Debian's Chromium for the
# browser tests. Sourced by start.sh and test.sh; can also be run alone.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/env.sh"
podium_ensure_node

cd "$root"
stamp=node_modules/.podium-lock-hash
want=$(sha256sum package-lock.json | cut -c1-16)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  echo "[setup] installing npm dependencies from package-lock.json" >&2
  # `npm ci` refuses a lock that lacks optional packages for other platforms, which npm itself leaves
  # out when the registry does not serve that exact version (e.g. @tailwindcss/oxide-android-arm64);
  # then install from the same lock without rewriting it.
  npm ci --no-audit --no-fund --loglevel=error 2>/dev/null ||
    npm install --no-save --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

if [[ " $* " == *" --browser "* ]] && [[ ! -x /usr/bin/chromium ]]; then
  echo "[setup] installing Debian's chromium for the browser tests" >&2
  [[ $(id -u) -eq 0 ]] || { echo "[setup] error: installing chromium needs root (apt-get install chromium)" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

# The built-in cluster's Prometheus (scripts/cluster/prometheus.sh runs it as a host process on
# 127.0.0.1). policy-rc.d keeps the package from starting its own service on every address.
if ! command -v prometheus >/dev/null; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "[setup] warning: no prometheus; as root: apt-get install prometheus (the cluster runs without it)" >&2
  else
    echo "[setup] installing Debian's prometheus for the built-in cluster" >&2
    guard=
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
      guard=/usr/sbin/policy-rc.d && printf '#!/bin/sh\nexit 101\n' > "$guard" && chmod +x "$guard"
    fi
    ok=true
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null || ok=false
    if [[ -n $guard ]]; then rm -f "$guard"; fi
    $ok || { echo "[setup] error: apt-get install prometheus failed" >&2; exit 1; }
  fi
fi
