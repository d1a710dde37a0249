#!/usr/bin/env bash
# The whole stack on two directors against a real IPVS (reference 4.7, pulse(8)): pulse on
# director1 (primary) and director2 (backup), each starting lvsd and its nannies; a client loop
# through the VIP while the primary's pulse is SIGKILLed (the backup takes over), then while
# the primary's machine restarts and pulse comes back with --forceactive (fail-back; without it
# a returning primary stays inactive, pulse(8)). keepalive 2 s, deadtime 6 s by default: under
# TCG a loaded router's heartbeats can lag by seconds, and a shorter deadtime then flaps.
#   failover.sh [KEEPALIVE DEADTIME]
. "$LAB_REPO/test/lab/guest/checks.sh"
work=/tmp/failover-lab
. "$LAB_REPO/test/lab/guest/cluster-lib.sh"

keepalive=${1:-2}
deadtime=${2:-6}
client="node $LAB_REPO/test/lab/guest/http-client.mjs http://192.0.2.10/"

log_of() { cat "$work/d$1/pulse.log"; }

lab_check modprobe modprobe ip_vs
lab_check topology test/lab/topology.sh up --real-servers 3
cluster_config "$LAB_REPO/test/lab/configs/nat.cf" "$keepalive" "$deadtime"

echo "@@ $(date +%s) start"
# --forceactive: the primary is the active one from the start, without waiting for the
# start-up race of reference section 17 to decide.
start_pulse 1 --forceactive
start_pulse 2
lab_check master-active wait_active 1 240
lab_check backup-started cluster_wait 120 grep -q 'STARTING PULSE AS BACKUP' "$work/d2/pulse.log"
sleep $((2 * deadtime))
lab_check master-status pulse_status 1
lab_check backup-status pulse_status 2
lab_check served-by-master ip netns exec client $client --count 30 --timeout 2000

echo "@@ $(date +%s) master's pulse SIGKILLed"
client_start failover
sleep 1
killed=$(now_ms)
kill_pulse 1
lab_check backup-active wait_active 2 240
sleep 2
lab_check failover-load client_stop failover
echo "killed at $killed"
lab_check backup-table ip netns exec director2 ipvsadm -Ln
lab_check served-by-backup ip netns exec client $client --count 30 --timeout 2000

echo "@@ $(date +%s) fail-back"
client_start failback
sleep 1
revive_node 1
start_pulse 1 --forceactive
lab_check failback-master-active wait_active 1 240
lab_check failback-backup-inactive wait_inactive 2 180
sleep $((2 * deadtime))
lab_check failback-load client_stop failback
lab_check served-after-failback ip netns exec client $client --count 30 --timeout 2000

echo "@@ $(date +%s) end"
lab_check transitions-1 transitions 1
lab_check transitions-2 transitions 2
stop_cluster
lab_check log-1 log_of 1
lab_check log-2 log_of 2
exit 0
