#!/usr/bin/env bash
# Writes the local cluster's certificates with openssl into $1 (once): a CA, the apiserver's serving
# certificate, an admin client certificate (group system:masters), the front-proxy client used for
# the aggregated metrics API, the service-account signing key, and the real node's kubelet client
# (system:node:<name>, so the Node authorizer lets it register) and serving certificates.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
dir=$1
command -v openssl >/dev/null || die "openssl is missing (apt-get install openssl)"
mkdir -p "$dir" && cd "$dir"
q() { openssl "$@" 2>/dev/null; }
sign() { # name subject extensions
  q req -newkey rsa:2048 -nodes -subj "$2" -keyout "$1.key" -out "$1.csr"
  printf '%s\n' "$3" > "$1.ext"
  q x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile "$1.ext" -out "$1.crt"
  rm -f "$1.csr" "$1.ext"
}
# Added after the first release: a cluster folder made before the real node gets them on its next up.
node_certs() {
  [[ -f kube-proxy.crt ]] && return 0
  sign kube-proxy /CN=system:kube-proxy "extendedKeyUsage=clientAuth"
  sign kubelet "/O=system:nodes/CN=system:node:$PODIUM_NODE_NAME" "extendedKeyUsage=clientAuth"
  sign kubelet-serving "/CN=$PODIUM_NODE_NAME" "subjectAltName=DNS:$PODIUM_NODE_NAME,IP:$PODIUM_HOST_IP
extendedKeyUsage=serverAuth"
}
if [[ -f .complete ]]; then node_certs; exit 0; fi
q req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=podium-local-ca -keyout ca.key -out ca.crt
sign apiserver /CN=kube-apiserver "subjectAltName=DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:10.96.0.1,IP:$PODIUM_HOST_IP
extendedKeyUsage=serverAuth"
sign admin "/O=system:masters/CN=podium-admin" "extendedKeyUsage=clientAuth"
sign front-proxy-client /CN=front-proxy-client "extendedKeyUsage=clientAuth"
sign kwok /CN=localhost "subjectAltName=DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth"
q genrsa -out sa.key 2048 && q rsa -in sa.key -pubout -out sa.pub
node_certs
touch .complete
