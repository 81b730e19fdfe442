#!/usr/bin/env bash
# The local cluster's network (up | down):
#  - a veth pair whose host end carries the API server's advertise address;
#  - a network namespace that owns the whole pod CIDR, so connections to pod IPs (pods/proxy) stay
#    on this machine and are answered (or refused) there;
#  - as a safety net that is never removed, "unreachable" routes for the pod and service CIDRs, so
#    that even without the namespace nothing addressed to a pod or a Service can leave the machine
#    through its default route.
# `up` is idempotent and repairs a missing piece. `down` removes the veth and the namespace only.
set -euo pipefail
source "$(dirname "$0")/lib.sh"



up() {
  command -v ip >/dev/null || die "the 'ip' command (iproute2) is missing"
  ip route replace unreachable "$PODIUM_POD_CIDR" metric 4096 ||
    die "cannot add routes (this needs root / CAP_NET_ADMIN)"
  ip route replace unreachable "$PODIUM_SERVICE_CIDR" metric 4096
  ip netns list | grep -qw "$PODIUM_NETNS" || ip netns add "$PODIUM_NETNS" ||
    die "cannot create network namespace $PODIUM_NETNS"
  if ! ip link show "$PODIUM_VETH_HOST" >/dev/null 2>&1; then
    ip netns exec "$PODIUM_NETNS" ip link del "$PODIUM_VETH_NS" 2>/dev/null || true
    ip link add "$PODIUM_VETH_HOST" type veth peer name "$PODIUM_VETH_NS" || die "cannot create veth $PODIUM_VETH_HOST"
    ip link set "$PODIUM_VETH_NS" netns "$PODIUM_NETNS"
    ip addr add "$PODIUM_HOST_IP/30" dev "$PODIUM_VETH_HOST"
    ip link set "$PODIUM_VETH_HOST" up
    ip netns exec "$PODIUM_NETNS" ip link set lo up
    ip netns exec "$PODIUM_NETNS" ip addr add "$PODIUM_NS_IP/30" dev "$PODIUM_VETH_NS"
    ip netns exec "$PODIUM_NETNS" ip link set "$PODIUM_VETH_NS" up
  fi
  # Every pod IP is local inside the namespace: a connection gets an answer (or a refusal) there.
  ip netns exec "$PODIUM_NETNS" ip route replace local "$PODIUM_POD_CIDR" dev lo
  ip netns exec "$PODIUM_NETNS" ip route replace default via "$PODIUM_HOST_IP"
  ip route replace "$PODIUM_POD_CIDR" via "$PODIUM_NS_IP" dev "$PODIUM_VETH_HOST" metric 0
  log "network: $PODIUM_VETH_HOST $PODIUM_HOST_IP, pods $PODIUM_POD_CIDR in netns $PODIUM_NETNS"
}

down() {
  ip route del "$PODIUM_POD_CIDR" via "$PODIUM_NS_IP" 2>/dev/null || true
  ip link del "$PODIUM_VETH_HOST" 2>/dev/null || true
  ip netns del "$PODIUM_NETNS" 2>/dev/null || true
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) die "usage: network.sh up|down" ;;
esac
