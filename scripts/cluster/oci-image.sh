#!/usr/bin/env bash
# Writes an OCI image archive (image-layout, tarred) from folders, without a daemon or a registry:
#   oci-image.sh <out.tar> <name:tag> <config.json> <layer-dir>...
# config.json is the image config's "config" object (Entrypoint, Cmd, Env, WorkingDir, User, ...).
# Each folder becomes one uncompressed layer, in order. Layers are tarred with fixed owners and
# mtimes and sorted names, so the same inputs give the same digests. The index names the image both
# ways containerd reads on import: io.containerd.image.name (the full, normalised reference) and
# org.opencontainers.image.ref.name (the tag). Reference: the OCI image-spec's image-layout.md,
# manifest.md and config.md.
set -euo pipefail
(( $# >= 4 )) || { echo "usage: oci-image.sh <out.tar> <name:tag> <config.json> <layer-dir>..." >&2; exit 2; }
out=$1 ref=$2 cfg=$3
shift 3
[[ $ref == *:* ]] || { echo "oci-image: the reference needs a tag: $ref" >&2; exit 2; }
name=${ref%:*} tag=${ref##*:}
# containerd's CRI looks images up by their normalised name: podium-demo:1 -> docker.io/library/podium-demo:1
case $name in
  */*.*/* | *.*/* | localhost/*) full=$ref ;;
  */*) full=docker.io/$ref ;;
  *) full=docker.io/library/$ref ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/blobs/sha256"
blob() { # file -> moves it into the store, prints "<digest> <size>"
  local h s
  h=$(sha256sum "$1" | cut -d' ' -f1)
  s=$(stat -c %s "$1")
  mv "$1" "$work/blobs/sha256/$h"
  echo "sha256:$h $s"
}

diff_ids='' layers='' history=''
for d in "$@"; do
  [[ -d $d ]] || { echo "oci-image: no such folder $d" >&2; exit 2; }
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    -C "$d" -cf "$work/layer" .
  read -r digest size < <(blob "$work/layer")
  # uncompressed layers: the digest is also the diff_id
  diff_ids+="${diff_ids:+,}\"$digest\""
  layers+="${layers:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"$digest\",\"size\":$size}"
  history+="${history:+,}{\"created\":\"1970-01-01T00:00:00Z\",\"created_by\":\"podium oci-image.sh $(basename "$d")\"}"
done

printf '{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":%s,"rootfs":{"type":"layers","diff_ids":[%s]},"history":[%s]}' \
  "$(tr -d '\n' < "$cfg")" "$diff_ids" "$history" > "$work/config"
read -r cdigest csize < <(blob "$work/config")
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[%s]}' \
  "$cdigest" "$csize" "$layers" > "$work/manifest"
read -r mdigest msize < <(blob "$work/manifest")
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%s,"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}]}' \
  "$mdigest" "$msize" "$full" "$tag" > "$work/index.json"
echo '{"imageLayoutVersion":"1.0.0"}' > "$work/oci-layout"
mkdir -p "$(dirname "$out")"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work" -cf "$out.tmp" oci-layout index.json blobs
mv "$out.tmp" "$out"
echo "$full $mdigest"
