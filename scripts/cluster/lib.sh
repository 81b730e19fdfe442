# Shared helpers for the local-cluster scripts. Sourced, not run.
log() { printf '[cluster] %s\n' "$*" >&2; }
die() { printf '[cluster] error: %s\n' "$*" >&2; exit 1; }

cluster_root() { cd "$(dirname "${BASH_SOURCE[0]}")" && pwd; }
cache_dir() { echo "${PODIUM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/podium}"; }

# The binaries' folder is keyed on everything that decides what gets built.
cluster_bin_dir() {
  local root key
  root=$(cluster_root)
  key=$(cat "$root"/tools/*/go.mod "$root"/tools/*/go.sum "$root/build.sh" | sha256sum | cut -c1-12)
  echo "$(cache_dir)/cluster/bin-$key"
}
