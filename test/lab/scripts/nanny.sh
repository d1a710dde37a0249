#!/usr/bin/env bash
# lvsd with its nannies against a real IPVS: a real server whose HTTP process stops leaves the
# table (or stays at weight 0 with quiesce) and clients stop failing; started again it comes
# back after reentry; a killed nanny process is restarted (hard_shutdown = 0) or shuts lvsd
# down (hard_shutdown = 1, the default), as section 5.4 of the reference says. Last, nanny on
# its own with -I, driving ipvsadm as the original did.
. "$LAB_REPO/test/lab/guest/checks.sh"

cfgs=$LAB_REPO/test/lab/configs
client="node $LAB_REPO/test/lab/guest/http-client.mjs"
work=/tmp/nanny-lab
. "$LAB_REPO/test/lab/guest/lvsd-lib.sh"

now_ms() { date +%s%3N; }

# members: the real servers in the kernel table as ADDRESS:PORT/WEIGHT, sorted, one line.
members() { on ipvsadm -Sn | awk '$1 == "-a" { print $5 "/" $8 }' | sort | xargs; }

# wait_members WANT: until `members` prints WANT (60 s at most); prints the milliseconds taken.
wait_members() {
  local started try
  started=$(now_ms)
  # Each look runs five processes on the one emulated vCPU lvsd and nanny need: twice a second.
  for try in $(seq 120); do
    [[ $(members) == "$1" ]] && { echo "$(($(now_ms) - started))"; return 0; }
    sleep 0.5
  done
  echo "want: $1"
  echo "kernel: $(members)"
  return 1
}

stop_web() { kill $(ip netns pids "$1"); }
start_web() { ip netns exec "$1" busybox httpd -p "$2:80" -h "/tmp/lab-www/$1"; }
# The bracket keeps the pattern from matching the shell that runs pgrep.
nanny_pids() { pgrep -f '[b]in/nanny --lvsd-socket' | xargs; }

ALL="198.51.100.11:80/1 198.51.100.12:80/1 198.51.100.13:80/1"
WITHOUT_RS2="198.51.100.11:80/1 198.51.100.13:80/1"
RS3_QUIESCED="198.51.100.11:80/1 198.51.100.12:80/1 198.51.100.13:80/0"

lab_check modprobe modprobe ip_vs
lab_check topology test/lab/topology.sh up --real-servers 3 --active director1
lab_check ip-forward on sysctl -w net.ipv4.ip_forward=1

echo "@@ $(date +%s) health"
use "$cfgs/health.cf" 'hard_shutdown = 0'
start_lvsd
lab_check all-up wait_members "$ALL"
lab_check nanny-command-line ps -o args= -p "$(nanny_pids)"

rm -f "$work/stop-load"
ip netns exec client $client http://192.0.2.10/ --until "$work/stop-load" >"$work/load.json" 2>&1 &
loader=$!
sleep 2
stop_web rs2
lab_check rs2-removed wait_members "$WITHOUT_RS2"
lab_check traffic-without-rs2 ip netns exec client $client http://192.0.2.10/ --count 30
start_web rs2 198.51.100.12
lab_check rs2-back wait_members "$ALL"
touch "$work/stop-load"
wait "$loader"
lab_check load-during cat "$work/load.json"

echo "@@ $(date +%s) kill nanny"
before=$(nanny_pids)
kill -KILL $before
restarted() {
  local try
  for try in $(seq 80); do
    local now
    now=$(nanny_pids)
    [[ -n $now && $now != "$before" ]] && { echo "$before -> $now"; return 0; }
    sleep 0.25
  done
  echo "no new nanny (before: $before, now: $(nanny_pids))"
  return 1
}
lab_check nanny-restarted restarted
lab_check lvsd-alive kill -0 "$(cat "$work/lvsd.bg")"
lab_check table-after-restart wait_members "$ALL"
stop_web rs1
lab_check new-nanny-watches wait_members "198.51.100.12:80/1 198.51.100.13:80/1"
start_web rs1 198.51.100.11
lab_check rs1-back wait_members "$ALL"
lab_check stop stop_lvsd
lab_check nannies-stopped test -z "$(nanny_pids)"

echo "@@ $(date +%s) quiesce"
use "$cfgs/health-quiesce.cf" 'hard_shutdown = 0'
start_lvsd
lab_check quiesce-all-up wait_members "$ALL"
stop_web rs3
lab_check rs3-quiesced wait_members "$RS3_QUIESCED"
lab_check traffic-quiesced ip netns exec client $client http://192.0.2.10/ --count 30
start_web rs3 198.51.100.13
lab_check rs3-back wait_members "$ALL"
lab_check quiesce-stop stop_lvsd

echo "@@ $(date +%s) hard shutdown"
use "$cfgs/health.cf"
start_lvsd
lab_check hard-all-up wait_members "$ALL"
kill -KILL $(nanny_pids)
lab_check hard-shutdown gone "$(cat "$work/lvsd.bg")"
lab_check hard-shutdown-table sh -c "[ -z \"\$(ip netns exec director1 ipvsadm -Sn)\" ]"
echo "@@ $(date +%s) standalone"
# The original's way: one nanny per server, running ipvsadm itself (-I), no lvsd.
on ipvsadm -A -t 192.0.2.10:80 -s rr
ip netns exec director1 node "$LAB_REPO/dist/sbin/nanny" -c -h 198.51.100.11 -p 80 -r 80 \
  -V 192.0.2.10 -M m -t 2 -a 4 -w 1 --lvs -I /usr/sbin/ipvsadm --nodaemon \
  >"$work/standalone.log" 2>&1 &
standalone=$!
lab_check standalone-adds wait_members "198.51.100.11:80/1"
stop_web rs1
lab_check standalone-removes wait_members ""
start_web rs1 198.51.100.11
lab_check standalone-readds wait_members "198.51.100.11:80/1"
kill -TERM "$standalone"
lab_check standalone-stops gone "$standalone"
lab_check standalone-cleans-up wait_members ""
on ipvsadm -D -t 192.0.2.10:80
lab_check standalone-log cat "$work/standalone.log"
lab_check lvsd-log cat "$work/lvsd.log"
exit 0
