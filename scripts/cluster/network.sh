#!/usr/bin/env bash
# Creates (up) or removes (down) the local cluster's network: a veth pair whose host end carries the
# apiserver's advertise address, and a network namespace that owns the whole pod CIDR, so that
# connections to pod IPs (pods/proxy) stay on this machine and are answered by that namespace.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

up() {
  command -v ip >/dev/null || die "the 'ip' command (iproute2) is missing"
  if ip link show "$PODIUM_VETH_HOST" >/dev/null 2>&1; then return 0; fi
  ip netns add "$PODIUM_NETNS" 2>/dev/null || ip netns list | grep -qw "$PODIUM_NETNS" ||
    die "cannot create network namespace $PODIUM_NETNS (this needs root / CAP_NET_ADMIN)"
  ip link add "$PODIUM_VETH_HOST" type veth peer name "$PODIUM_VETH_NS" || die "cannot create veth $PODIUM_VETH_HOST"
  ip link set "$PODIUM_VETH_NS" netns "$PODIUM_NETNS"
  ip addr add "$PODIUM_HOST_IP/30" dev "$PODIUM_VETH_HOST"
  ip link set "$PODIUM_VETH_HOST" up
  ip netns exec "$PODIUM_NETNS" ip link set lo up
  ip netns exec "$PODIUM_NETNS" ip addr add "$PODIUM_NS_IP/30" dev "$PODIUM_VETH_NS"
  ip netns exec "$PODIUM_NETNS" ip link set "$PODIUM_VETH_NS" up
  # Every pod IP is local inside the namespace: a connection gets an answer (or a refusal) there.
  ip netns exec "$PODIUM_NETNS" ip route add local "$PODIUM_POD_CIDR" dev lo
  ip netns exec "$PODIUM_NETNS" ip route add default via "$PODIUM_HOST_IP"
  ip route add "$PODIUM_POD_CIDR" via "$PODIUM_NS_IP" dev "$PODIUM_VETH_HOST"
  log "network: $PODIUM_VETH_HOST $PODIUM_HOST_IP, pods $PODIUM_POD_CIDR in netns $PODIUM_NETNS"
}

down() {
  ip route del "$PODIUM_POD_CIDR" 2>/dev/null || true
  ip link del "$PODIUM_VETH_HOST" 2>/dev/null || true
  ip netns del "$PODIUM_NETNS" 2>/dev/null || true
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) die "usage: network.sh up|down" ;;
esac
