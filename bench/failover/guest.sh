#!/usr/bin/env bash
# Runs inside the kernel lab (see run.sh). Per timing: pulse on both directors (the primary
# --forceactive), then per run: a client loop through the VIP (a request every 10 ms, each
# given up after 200 ms), the primary fails, the backup takes over (outage = the longest time
# without an answer), the primary comes back (link up, or a restarted machine with pulse
# --forceactive) and takes the VIP back (failed requests counted).
#   guest.sh CASES TIMINGS RUNS MODE SYNC RT
# MODE: cold (lvsd starts on activation, as the original) or warm (pulse --warm-standby).
# SYNC: sync (syncdaemon = 1: the IPVS connection sync daemon on eth0) or nosync.
# RT: pulse --rt-priority RT, or 0 for normal scheduling.
set -uo pipefail
IFS=, read -ra cases <<<"$1"
IFS=, read -ra timings <<<"$2"
runs=$3
mode=$4
sync=$5
rt=${6:-0}
work=/tmp/bench-failover
cluster_pulse_flags=
[[ $mode == warm ]] && cluster_pulse_flags=--warm-standby
[[ $rt == 0 ]] || cluster_pulse_flags="$cluster_pulse_flags --rt-priority $rt"
. "$LAB_REPO/test/lab/guest/cluster-lib.sh"
results=$work/results

fail() { echo "bench failed: $*" >&2; exit 1; }
field() { sed -E "s/.*\"$1\":([0-9]+).*/\\1/" "$2"; }

# cluster_up KEEPALIVE DEADTIME: both directors from scratch, the primary active.
cluster_up() {
  stop_cluster >/dev/null 2>&1
  revive_node 1
  revive_node 2
  rm -f "$work"/d[12]/pulse.log
  if [[ $sync == sync ]]; then
    cluster_config "$LAB_REPO/test/lab/configs/nat.cf" "$1" "$2" 'syncdaemon = 1' 'syncd_iface = eth0'
  else
    cluster_config "$LAB_REPO/test/lab/configs/nat.cf" "$1" "$2"
  fi
  start_pulse 1 --forceactive
  start_pulse 2
  wait_active 1 300 >/dev/null || fail "director1 never became active"
  cluster_wait 120 grep -q 'STARTING PULSE AS BACKUP' "$work/d2/pulse.log" >/dev/null
}

break_primary() {
  case $1 in
  pulse) kill_pulse 1 ;;
  link) link_down 1 pub ;;
  node) kill_node 1 ;;
  esac
}

restore_primary() {
  case $1 in
  link) link_up 1 pub ;;
  *) revive_node 1 && start_pulse 1 --forceactive ;;
  esac
}

# one_run CASE TIMING: prints "CASE TIMING GAP_MS FAILBACK_FAILED FLAPS SETTLED", SETTLED
# telling whether the backup stepped down for good within 120 s of the primary's return.
one_run() {
  local before1 before2 gap failed flaps settled
  sleep 2
  before1=$(state_changes 1)
  before2=$(state_changes 2)
  client_start load 10 200 && sleep 1
  break_primary "$1"
  wait_active 2 300 >/dev/null || fail "$1 $2: director2 never took over"
  sleep 1
  client_stop load >/dev/null
  gap=$(field maxGapMs "$work/load.json")
  client_start load 10 200 && sleep 1
  restore_primary "$1"
  wait_active 1 300 >/dev/null || fail "$1 $2: director1 never came back"
  # A backup that keeps taking over again (flapping) is counted, and the pair started afresh.
  settled=yes
  wait_inactive 2 120 >/dev/null || settled=no
  sleep 2
  client_stop load >/dev/null
  failed=$(field failed "$work/load.json")
  # Expected: director2 up once and down once; director1 (re)activated once, except when only
  # its link went (it stayed active).
  flaps=$(($(state_changes 2) - before2 - 2))
  [[ $1 == link ]] || flaps=$((flaps + $(state_changes 1) - before1 - 1))
  echo "$1 $2 $gap $failed $flaps $settled" | tee -a "$results"
  # What went wrong, for the reader: the failed requests' errors and the state changes.
  [[ $failed == 0 ]] || echo "  failures (first 5): $(sed -E 's/.*"failures":(\[[^]]*\]).*/\1/' "$work/load.json")"
  if [[ $flaps != 0 ]]; then
    echo "  director1:" && transitions 1 | tail -n 4 | sed 's/^/    /'
    echo "  director2:" && transitions 2 | tail -n 6 | sed 's/^/    /'
  fi
  [[ $settled == yes ]] || cluster_up "${2%/*}" "${2#*/}"
}

# summary CASE TIMING: median, min and max gap, fail-back failures (max), flaps (sum).
summary() {
  awk -v c="$1" -v t="$2" '$1 == c && $2 == t { print $3 }' "$results" | sort -n >"$work/gaps"
  local n median min max failed flaps
  n=$(wc -l <"$work/gaps")
  [[ $n -gt 0 ]] || return 0
  median=$(sed -n "$(((n + 1) / 2))p" "$work/gaps")
  min=$(head -1 "$work/gaps")
  max=$(tail -1 "$work/gaps")
  failed=$(awk -v c="$1" -v t="$2" '$1 == c && $2 == t { s += $4 } END { print s }' "$results")
  flaps=$(awk -v c="$1" -v t="$2" '$1 == c && $2 == t { s += $5 } END { print s }' "$results")
  printf '%-6s %-10s %5d %10d %8d %8d %18d %6d  %s\n' "$1" "$2" "$n" "$median" "$min" "$max" \
    "$failed" "$flaps" "$(target "$1" "$2")"
}

# keepalived in the same lab with the same advert interval, node down.
target() {
  [[ $1 == node ]] || return 0
  case ${2%/*} in
  1) echo "keepalived 3700 ms" ;;
  0.1) echo "keepalived 370 ms" ;;
  0.01) echo "keepalived 84 ms" ;;
  esac
}

modprobe ip_vs || fail "modprobe ip_vs"
test/lab/topology.sh up --real-servers 3 >/dev/null || fail "topology"
: >"$results"
for timing in "${timings[@]}"; do
  cluster_up "${timing%/*}" "${timing#*/}"
  for case in "${cases[@]}"; do
    for _ in $(seq "$runs"); do one_run "$case" "$timing"; done
  done
done
stop_cluster >/dev/null 2>&1
echo
echo "client outage through the VIP (ms from the last answer before to the first after), runs: $runs, lvsd: $mode, $sync, rt priority: $rt"
printf '%-6s %-10s %5s %10s %8s %8s %18s %6s  %s\n' case timing runs median min max \
  "failback-failed" flaps target
for timing in "${timings[@]}"; do
  for case in "${cases[@]}"; do summary "$case" "$timing"; done
done
