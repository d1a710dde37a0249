#!/usr/bin/env bash
# The lab network, built from network namespaces, veth pairs and two Linux bridges.
# Runs inside the guest (or on any host with iproute2 and busybox, as root).
#
#   namespace   interface  address             role
#   client      eth0       192.0.2.100/24      client on the public LAN
#   director1   eth0       192.0.2.2/24        public side of the primary LVS router
#               eth1       198.51.100.2/24     real-server side
#   director2   eth0       192.0.2.3/24        public side of the backup LVS router
#               eth1       198.51.100.3/24     real-server side
#   rsK         eth0       198.51.100.(10+K)   real server K (K = 1..N), default route via
#                                              the NAT gateway 198.51.100.1; busybox httpd
#                                              on port 80 answering "rsK"
#   lab-sw      br-pub, br-priv                the two bridges (no addresses)
#
#   Floating addresses, held by the active director (--active, or the daemons under test):
#     VIP 192.0.2.10/24 on eth0, NAT gateway 198.51.100.1/24 on eth1.
#   Spare: 192.0.2.11-19 (more VIPs), 203.0.113.0/24 (unused, free for tests).
# Only documentation ranges (RFC 5737) are used, and no interface leaves these namespaces.
#
# usage: topology.sh up [--real-servers N] [--active director1|director2]
#        topology.sh down
# "up" first removes what an earlier "up" left, so it can be run again.
set -euo pipefail

readonly switch_ns=lab-sw
readonly www_root=/tmp/lab-www
readonly vip=192.0.2.10 nat_gw=198.51.100.1

# Every lab namespace that exists now: the fixed ones and any rsK.
lab_namespaces() {
  ip netns list | awk '{print $1}' | grep -E '^(client|director[12]|rs[0-9]+|lab-sw)$' || true
}

down() {
  local ns pids
  for ns in $(lab_namespaces); do
    pids=$(ip netns pids "$ns")
    [[ -z $pids ]] || kill $pids 2>/dev/null || true
    ip netns del "$ns"
  done
  rm -rf "$www_root"
}

# add_ns NAME: a namespace with loopback up.
add_ns() {
  ip netns add "$1"
  ip -n "$1" link set lo up
}

# plug NS IFNAME BRIDGE PORT ADDRESS/PREFIX: a veth from NS (named IFNAME) to BRIDGE (PORT).
plug() {
  local ns=$1 ifname=$2 bridge=$3 port=$4 address=$5
  ip link add "$ifname" netns "$ns" type veth peer name "$port" netns "$switch_ns"
  ip -n "$switch_ns" link set "$port" master "$bridge" up
  ip -n "$ns" addr add "$address" dev "$ifname"
  ip -n "$ns" link set "$ifname" up
}

# start_web NAME ADDRESS: busybox httpd in namespace NAME answering with its name.
start_web() {
  local name=$1 address=$2
  mkdir -p "$www_root/$name"
  echo "$name" >"$www_root/$name/index.html"
  # Without -f busybox httpd daemonises and lets go of our stdout (captured output would
  # otherwise wait for it); "down" finds it again with ip netns pids.
  ip netns exec "$name" busybox httpd -p "$address:80" -h "$www_root/$name"
}

# wait_web NAME ADDRESS: until the server listens, at most about 5 s.
wait_web() {
  local name=$1 address=$2 try
  for try in $(seq 50); do
    if [[ -n $(ip netns exec "$name" ss -Hltn "src $address:80") ]]; then
      return 0
    fi
    sleep 0.1
  done
  echo "topology: $name's web server does not listen on $address:80" >&2
  return 1
}

up() {
  local real_servers=$1 active=$2 k
  down
  modprobe -q veth && modprobe -q bridge
  add_ns "$switch_ns"
  for bridge in br-pub br-priv; do
    ip -n "$switch_ns" link add "$bridge" type bridge forward_delay 0
    ip -n "$switch_ns" link set "$bridge" up
  done

  add_ns client
  plug client eth0 br-pub client 192.0.2.100/24
  for k in 1 2; do
    add_ns "director$k"
    plug "director$k" eth0 br-pub "d$k-pub" "192.0.2.$((k + 1))/24"
    plug "director$k" eth1 br-priv "d$k-priv" "198.51.100.$((k + 1))/24"
  done
  for k in $(seq "$real_servers"); do
    add_ns "rs$k"
    plug "rs$k" eth0 br-priv "rs$k" "198.51.100.$((10 + k))/24"
    ip -n "rs$k" route add default via "$nat_gw"
    start_web "rs$k" "198.51.100.$((10 + k))"
  done
  if [[ -n $active ]]; then
    ip -n "$active" addr add "$vip/24" dev eth0
    ip -n "$active" addr add "$nat_gw/24" dev eth1
  fi
  for k in $(seq "$real_servers"); do
    wait_web "rs$k" "198.51.100.$((10 + k))"
  done
}

usage() {
  echo "usage: topology.sh up [--real-servers N] [--active director1|director2]" >&2
  echo "       topology.sh down" >&2
  exit 2
}

main() {
  local command=${1:-} real_servers=3 active=
  [[ $# -gt 0 ]] && shift
  while [[ $# -gt 0 ]]; do
    case $1 in
    --real-servers) real_servers=${2:?}; shift 2 ;;
    --active) active=${2:?}; shift 2 ;;
    *) usage ;;
    esac
  done
  [[ $real_servers =~ ^[1-9][0-9]?$ && $real_servers -le 89 ]] || usage
  [[ -z $active || $active == director1 || $active == director2 ]] || usage
  case $command in
  up) up "$real_servers" "$active" ;;
  down) down ;;
  *) usage ;;
  esac
}

main "$@"
