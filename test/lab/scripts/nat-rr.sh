#!/usr/bin/env bash
# LVS-NAT programmed by hand with ipvsadm: VIP 192.0.2.10:80 on director1, round robin over
# three real servers (addresses in test/lab/topology.sh). Every step is reported as a check
# for test/lab/lab.test.ts; nothing here stops early, so one boot reports every step.
. "$LAB_REPO/test/lab/guest/checks.sh"

vip=192.0.2.10
requests=6

on() {
  local ns=$1
  shift
  ip netns exec "$ns" "$@"
}

# get_vip N: N requests from the client to the VIP, one answer (or failure) per line.
get_vip() {
  local i
  for i in $(seq "$1"); do
    on client curl -sS --max-time 5 "http://$vip/" || echo "request $i failed"
  done
}

lab_check modprobe modprobe ip_vs
lab_check topology test/lab/topology.sh up --real-servers 3 --active director1
lab_check ip-forward on director1 sysctl -w net.ipv4.ip_forward=1
# Nothing listens on the VIP itself: without the virtual service no request gets an answer.
lab_check before-service on client curl -sS --max-time 5 "http://$vip/"
lab_check add-service on director1 ipvsadm -A -t "$vip:80" -s rr
for k in 1 2 3; do
  lab_check "add-rs$k" on director1 ipvsadm -a -t "$vip:80" -r "198.51.100.1$k:80" -m
done
lab_check save on director1 ipvsadm -Sn
lab_check requests get_vip "$requests"
# The connection table, unlike --stats (summed by a 2 s kernel timer), is current at once.
lab_check connections on director1 ipvsadm -Lnc
# The client has no route to the real-server LAN: only the VIP leads there.
lab_check direct-to-rs on client curl -sS --max-time 5 http://198.51.100.11/
# And director2, not holding the VIP, has no virtual service in its own namespace.
lab_check director2-empty on director2 ipvsadm -Sn
