#!/usr/bin/env bash
# Runs inside the kernel lab (see run.sh): lvsd and its nannies check SERVERS real servers
# (one Node process listening on SERVERS address:port pairs in a "farm" namespace) every
# second; measures their CPU and memory for SECONDS, then closes a sample of the servers at
# once and measures how long lvsd takes to report each down and to take it out of the table.
#   guest.sh [SERVERS] [SECONDS] [TIMEOUT] [MONITORS_PER_NANNY]
set -uo pipefail
servers=${1:-1000}
seconds=${2:-30}
timeout=${3:-1} # lvs.cf timeout: the checks' interval and each check's deadline
interval=$timeout
per_nanny=${4:-} # lvsd --monitors-per-nanny; empty: lvsd's default
repo=$LAB_REPO
here=$repo/bench/health-scale
work=/tmp/health-scale
ipvsadm=/usr/sbin/ipvsadm
# The bundled lvsd, as installed (one file: no module resolution over the lab's 9p root); it
# starts the bundled nanny beside it.
lvsd=$repo/dist/sbin/lvsd
detect_deadline_s=30
# keepalived in this lab: a third of one vCPU for 400 checks/s.
keepalived_cpu_per_1000=$(awk 'BEGIN { printf "%.3f", 1 / 3 / 400 * 1000 }')

fail() { echo "bench failed: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }
begun=$(now_ms)
note() { echo "health-scale: $(((($(now_ms) - begun) / 1000)))s $*" >&2; } # progress
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

rm -rf "$work"
mkdir -p "$work/run"
ulimit -n 65536 # 1000 listeners and as many connections in flight, in one process each

modprobe ip_vs || fail "modprobe ip_vs"
modprobe veth || fail "modprobe veth"
node "$here/make-config.mjs" "$servers" "$ipvsadm" "$work/servers" "$timeout" \
  "$work/keepalived.conf" >"$work/lvs.cf" || fail "make-config"
note "config: $servers servers"
http_servers=$(grep -c '^http ' "$work/servers")
tcp_servers=$(grep -c '^tcp ' "$work/servers")

# Director and farm, one veth apart; the farm holds every real server address.
for ns in director farm; do
  ip netns add "$ns" && ip -n "$ns" link set lo up || fail "namespace $ns"
done
ip link add eth1 netns director type veth peer name eth0 netns farm || fail "veth"
ip -n director addr add 198.51.100.1/24 dev eth1
ip -n director addr add 203.0.113.1/24 dev eth1
ip -n director link set eth1 up
awk '{ print "addr add " $2 "/24 dev eth0" }' "$work/servers" | sort -u >"$work/farm-addresses"
ip -n farm -batch "$work/farm-addresses" || fail "farm addresses"
ip -n farm link set eth0 up

# The sample to close: a tenth of the servers (at least one of each kind), evenly spread,
# half HTTP-checked and half TCP-checked.
per_kind=$(((servers / 10 + 1) / 2))
[[ $per_kind -ge 1 ]] || per_kind=1
pick() { # pick KIND COUNT: every Nth server of KIND as ADDRESS:PORT
  awk -v kind="$1" '$1 == kind { print $2 ":" $3 }' "$work/servers" |
    awk -v want="$2" '{ a[NR] = $0 } END { step = NR / want; for (i = 0; i < want; i++) print a[int(i * step) + 1] }'
}
{ pick http "$per_kind"; pick tcp "$per_kind"; } >"$work/sample"
sample_size=$(wc -l <"$work/sample")
# Patterns for grep -F: lvsd's monitor id ends in /RIP:RPORT), ipvsadm -Sn says -r RIP:RPORT.
sed 's|.*|/&)|' "$work/sample" >"$work/sample-in-log"
sed 's|.*|-r & |' "$work/sample" >"$work/sample-in-table"

# The farm, started afresh for each director under test (closing the sample is for good).
start_farm() {
  ip netns exec farm node "$here/farm.mjs" "$work/servers" "$work/sample" >"$work/farm.out" 2>&1 &
  farm_pid=$!
  for _ in $(seq 600); do
    grep -q '^listening' "$work/farm.out" && break
    kill -0 "$farm_pid" 2>/dev/null || fail "farm: $(tail -5 "$work/farm.out")"
    sleep 0.1
  done
  grep -q "^listening $servers\$" "$work/farm.out" || fail "farm does not listen: $(tail -5 "$work/farm.out")"
}
start_farm

# Closes the sample's listeners at once (a fresh farm's); first_close: the first one's time (ms).
close_sample() {
  kill -USR1 "$farm_pid"
  for _ in $(seq 100); do
    [[ $(grep -c '^closed' "$work/farm.out") -ge $sample_size ]] && break
    sleep 0.05
  done
  first_close=$(grep '^closed' "$work/farm.out" | head -1 | cut -d' ' -f2)
  [[ -n $first_close ]] || fail "the farm closed nothing"
}
note "farm listening"
# lvsd in the foreground, without -v (it would pass -v to the nannies), its output stamped.
# (A fifo: the guest has no /dev/fd for a process substitution.)
mkfifo "$work/lvsd.fifo"
node "$here/stamp.mjs" <"$work/lvsd.fifo" >"$work/lvsd.log" &
started=$(now_ms)
PIRANHA_RUNDIR=$work/run ip netns exec director "$lvsd" --nodaemon -c "$work/lvs.cf" \
  --pidfile "$work/lvs.pid" ${per_nanny:+--monitors-per-nanny "$per_nanny"} >"$work/lvsd.fifo" 2>&1 &
lvsd_bg=$!

ups() { grep 'reports up' "$work/lvsd.log" | grep -o '([a-z]*:[^)]*)' | sort -u | wc -l; }
# IPVS tables are per network namespace: lvsd's is the director's.
table() { ip netns exec director "$ipvsadm" -Sn; }
in_table() { table | grep -c '^-a'; }
# Until every server is up and in the table, or a minute without a new server up: a director
# that cannot keep up is measured all the same, with the servers that never came up counted.
all_up= up=0 progress=$(now_ms)
while [[ $(now_ms) -lt $((progress + 60000)) ]]; do
  if [[ $(ups) -gt $up ]]; then
    up=$(ups) progress=$(now_ms)
    note "$up reported up"
  fi
  if [[ $up -ge $servers && $(in_table) -eq $servers ]]; then
    all_up=$(now_ms)
    break
  fi
  kill -0 "$lvsd_bg" 2>/dev/null || fail "lvsd exited: $(tail -5 "$work/lvsd.log")"
  sleep 1
done
never_up=$((servers - $(ups)))
if [[ -n $all_up ]]; then
  note "all up"
else
  note "not all up: $(ups) reported up, $(in_table) in the table; downs by reason:
$(grep -o 'reports down: [A-Z]* to .* [a-z ]*$' "$work/lvsd.log" | sed -E 's/ to [0-9.:]+//' | sort | uniq -c)"
fi
lvsd_pid=$(pgrep -f '[d]ist/sbin/lvsd --nodaemon') || fail "no lvsd process"
# (No process substitution: the guest has no /dev/fd.)
pgrep -f '[d]ist/sbin/nanny --lvsd-socket' >"$work/nanny.pids"
mapfile -t nanny_pids <"$work/nanny.pids"
[[ ${#nanny_pids[@]} -ge 1 ]] || fail "no nanny process"
pids=("$lvsd_pid" "${nanny_pids[@]}")
sleep 3 # let the start-up's burst of reports and table updates settle

ticks() { # ticks PID...: utime + stime of those processes, in clock ticks
  local pid total=0 stat
  for pid in "$@"; do
    stat=$(<"/proc/$pid/stat") || fail "process $pid is gone"
    stat=${stat##*) } # fields after the command name; utime and stime are the 12th and 13th
    read -r -a fields <<<"$stat"
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}
rss_kb() { # VmRSS of every pid in "${pids[@]}", summed, in kB
  local pid total=0 key value unit
  for pid in "${pids[@]}"; do
    while read -r key value unit; do
      [[ $key == VmRSS: ]] && total=$((total + value))
    done <"/proc/$pid/status"
  done
  echo "$total"
}
connections() { # the farm's accepted connections so far
  local before
  before=$(grep -c '^connections' "$work/farm.out")
  kill -USR2 "$farm_pid"
  for _ in $(seq 100); do
    [[ $(grep -c '^connections' "$work/farm.out") -gt $before ]] && break
    sleep 0.05
  done
  grep '^connections' "$work/farm.out" | tail -1 | cut -d' ' -f3
}

# Measurement window.
declare -A own_ticks0 own_ticks1 # per process
table_at_window=$(in_table)
downs_before=$(grep -c 'reports down' "$work/lvsd.log")
lines_before=$(wc -l <"$work/lvsd.log")
conn0=$(connections)
ticks0=$(ticks "${pids[@]}")
for pid in "${pids[@]}"; do own_ticks0[$pid]=$(ticks "$pid"); done
farm_ticks0=$(ticks "$farm_pid")
t0=$(now_ms)
rss_max=0
for _ in $(seq "$seconds"); do
  sleep 1
  rss=$(rss_kb)
  [[ $rss -gt $rss_max ]] && rss_max=$rss
done
ticks1=$(ticks "${pids[@]}")
for pid in "${pids[@]}"; do own_ticks1[$pid]=$(ticks "$pid"); done
farm_ticks1=$(ticks "$farm_pid")
t1=$(now_ms)
conn1=$(connections)
rss_end=$(rss_kb)
lines_during=$(($(wc -l <"$work/lvsd.log") - lines_before))
false_downs=$(($(grep -c 'reports down' "$work/lvsd.log") - downs_before))
per_process=$(for pid in "${pids[@]}"; do
  awk '$1 == "VmRSS:" { printf "%d ", $2 / 1024 }' "/proc/$pid/status"
done)

note "window done"
# Close the sample at once; wait until lvsd reported each down and the table lost it.
close_sample
detected=0 gone_ms=
while [[ $(now_ms) -lt $((first_close + detect_deadline_s * 1000)) ]]; do
  # Distinct sample servers with a `reports down` line stamped after the first close.
  detected=$(awk -v t="$first_close" '$1 >= t && /reports down/' "$work/lvsd.log" |
    grep -o -F -f "$work/sample-in-log" | sort -u | wc -l)
  if [[ -z $gone_ms ]] && ! table | grep -q -F -f "$work/sample-in-table"; then
    gone_ms=$(($(now_ms) - first_close))
  fi
  [[ $detected -ge $sample_size && -n $gone_ms ]] && break
  sleep 0.25
done
note "$detected of $sample_size reported down"
node "$here/detect.mjs" "$work/servers" "$work/farm.out" "$work/lvsd.log" >"$work/detect" ||
  fail "detect.mjs"

cpu_s=$(calc %.2f "($ticks1 - $ticks0) / $(getconf CLK_TCK)")
farm_cpu_s=$(calc %.2f "($farm_ticks1 - $farm_ticks0) / $(getconf CLK_TCK)")
window_s=$(calc %.2f "($t1 - $t0) / 1000")
per_process_cpu=$(for pid in "${pids[@]}"; do
  calc "%.2f " "(${own_ticks1[$pid]} - ${own_ticks0[$pid]}) / $(getconf CLK_TCK) / $window_s"
done)
checks_per_s=$(calc %d "$servers / $interval")
observed_checks=$((conn1 - conn0))
cpu_per_1000_observed=$(calc %.3f "$cpu_s / ($observed_checks > 0 ? $observed_checks : 1) * 1000")
cpu_target=$(calc %.3f "1.5 * $keepalived_cpu_per_1000")
detect_target_ms=$(((interval + timeout) * 1000))

printf '\nhealth-scale: %d real servers (%d HTTP-checked, %d TCP-checked) in %d virtual services, timeout = %d\n' \
  "$servers" "$http_servers" "$tcp_servers" $(((servers + 3) / 4)) "$interval"
printf 'lab: %s vCPU, TCG, %s MB, kernel %s, node %s; the farm (one Node process) runs beside them\n' \
  "$(nproc)" "$(awk '$1 == "MemTotal:" { printf "%d", $2 / 1024 }' /proc/meminfo)" "$(uname -r)" \
  "$(node --version)"
printf 'servers %d, interval %d s, timeout %d s, monitors per nanny %s, processes: lvsd + %d nanny\n' \
  "$servers" "$interval" "$timeout" "${per_nanny:-1000 (default)}" "${#nanny_pids[@]}"
if [[ -n $all_up ]]; then
  printf 'all up %.1f s after lvsd started\n\n' "$(calc %.1f "($all_up - $started) / 1000")"
else
  printf 'NOT ALL UP: %d servers never reported up, %d of %d in the table when the window began\n\n' \
    "$never_up" "$table_at_window" "$servers"
fi
row() { printf '%-58s %10s %10s %8s\n' "$@"; }
ratio() { if [[ $1 == - ]]; then echo -; else calc %.2f "($1) / ($2)"; fi; }
row "figure" "measured" "target" "ratio"
row "total RSS, lvsd + nannies, end of window (MB)" "$(calc %.1f "$rss_end / 1024")" 100 \
  "$(ratio "$rss_end" 102400)"
row "total RSS, highest sample in the window (MB)" "$(calc %.1f "$rss_max / 1024")" 100 \
  "$(ratio "$rss_max" 102400)"
row "CPU, lvsd + nannies, over ${window_s} s (vCPU-s)" "$cpu_s" "" ""
row "  share of one vCPU" "$(calc %.2f "$cpu_s / $window_s")" "" ""
row "  the farm's share of one vCPU (not counted above)" "$(calc %.2f "$farm_cpu_s / $window_s")" "" ""
row "checks/s nominal (servers / interval)" "$checks_per_s" "" ""
row "checks/s observed (connections the farm accepted)" "$(calc %.0f "$observed_checks / $window_s")" \
  "$checks_per_s" "$(ratio "$observed_checks" "$checks_per_s * $window_s")"
# Per check done, not per check due: a director that falls behind does fewer checks.
row "CPU per 1000 checks done (vCPU-s; target 1.5x the issue's keepalived)" \
  "$cpu_per_1000_observed" "$cpu_target" "$(ratio "$cpu_per_1000_observed" "$cpu_target")"
while read -r kind closed found p50 p90 p99 max; do
  [[ $kind == missed ]] && continue
  row "detection, $kind: $found of $closed closed reported down" "" "" ""
  for p in p50:"$p50" p90:"$p90" p99:"$p99" max:"$max"; do
    row "  ${p%%:*} (ms)" "${p#*:}" "$detect_target_ms" "$(ratio "${p#*:}" "$detect_target_ms")"
  done
done <"$work/detect"
row "closed servers gone from ipvsadm -Sn after (ms)" "${gone_ms:-never}" "" ""
row "servers that never reported up" "$never_up" 0 ""
row "reports down during the window (no server was closed)" "$false_downs" 0 ""
row "lines lvsd and nannies printed during the window" "$lines_during" "" ""
echo "RSS per process (lvsd, nannies...), MB: $per_process"
echo "share of one vCPU per process (lvsd, nannies...): $per_process_cpu"
echo "keepalived as the issue quotes it: 15 MB for 4000 checks; ~2 s (TCP) and ~4 s (HTTP) detection at 1 s"
grep '^missed' "$work/detect" | head -5

lvsd_detected=$detected lvsd_gone_ms=$gone_ms
kill -TERM "$lvsd_pid" "$farm_pid" 2>/dev/null
wait "$lvsd_bg" "$farm_pid" 2>/dev/null

# The same servers, checks and farm with keepalived's checker (`keepalived -C`, the same
# timeout and no retries), when keepalived is installed: its figures measured in this boot.
if command -v keepalived >/dev/null; then
  note "keepalived"
  ip netns exec director "$ipvsadm" -C
  start_farm
  mkfifo "$work/keepalived.fifo"
  node "$here/stamp.mjs" <"$work/keepalived.fifo" >"$work/keepalived.log" &
  ip netns exec director keepalived -n -l -D -C -f "$work/keepalived.conf" -p "$work/ka.pid" \
    -c "$work/ka-checkers.pid" >"$work/keepalived.fifo" 2>&1 &
  ka_bg=$!
  # keepalived puts every server in the table at start and checks them from there: give its
  # checks the same settling time lvsd's start had, at most a minute.
  for _ in $(seq 60); do
    [[ $(in_table) -eq $servers ]] && break
    sleep 1
  done
  sleep 10
  pgrep -f '^keepalived -n -l -D -C' >"$work/ka.pids" # parent and checker
  mapfile -t pids <"$work/ka.pids"
  [[ ${#pids[@]} -ge 2 ]] || fail "keepalived: $(tail -5 "$work/keepalived.log")"
  ka_table=$(in_table)
  conn0=$(connections)
  ticks0=$(ticks "${pids[@]}")
  t0=$(now_ms)
  sleep "$seconds"
  ticks1=$(ticks "${pids[@]}")
  t1=$(now_ms)
  conn1=$(connections)
  ka_rss=$(rss_kb)
  ka_false_downs=$(grep -c 'Removing service' "$work/keepalived.log")
  close_sample
  ka_gone_ms=
  while [[ $(now_ms) -lt $((first_close + detect_deadline_s * 1000)) ]]; do
    if ! table | grep -q -F -f "$work/sample-in-table"; then
      ka_gone_ms=$(($(now_ms) - first_close))
      break
    fi
    sleep 0.25
  done
  sleep 1
  node "$here/detect.mjs" "$work/servers" "$work/farm.out" "$work/keepalived.log" keepalived \
    >"$work/ka-detect" || fail "detect.mjs (keepalived)"
  kill -TERM "$ka_bg" "$farm_pid" 2>/dev/null
  wait "$ka_bg" 2>/dev/null

  ka_window_s=$(calc %.2f "($t1 - $t0) / 1000")
  ka_cpu_s=$(calc %.2f "($ticks1 - $ticks0) / $(getconf CLK_TCK)")
  ka_checks=$((conn1 - conn0))
  ka_per_1000=$(calc %.3f "$ka_cpu_s / ($ka_checks > 0 ? $ka_checks : 1) * 1000")
  printf '\nkeepalived %s -C, the same %d servers and farm, %d in the table when its window began\n' \
    "$(keepalived --version 2>&1 | head -1 | awk '{ print $2 }')" "$servers" "$ka_table"
  row "figure" "keepalived" "lvsd" "lvsd/ka"
  row "total RSS, end of window (MB)" "$(calc %.1f "$ka_rss / 1024")" \
    "$(calc %.1f "$rss_end / 1024")" "$(ratio "$rss_end" "$ka_rss")"
  row "share of one vCPU" "$(calc %.2f "$ka_cpu_s / $ka_window_s")" "$(calc %.2f "$cpu_s / $window_s")" ""
  row "checks/s observed" "$(calc %.0f "$ka_checks / $ka_window_s")" \
    "$(calc %.0f "$observed_checks / $window_s")" ""
  row "CPU per 1000 checks observed (vCPU-s)" "$ka_per_1000" "$cpu_per_1000_observed" \
    "$(ratio "$cpu_per_1000_observed" "$ka_per_1000")"
  row "servers taken out during the window (none closed)" "$ka_false_downs" "$false_downs" ""
  while read -r kind closed found p50 p90 p99 max; do
    [[ $kind == missed ]] && continue
    row "detection, $kind: $found of $closed closed taken out" "" "" ""
    for p in p50:"$p50" p90:"$p90" max:"$max"; do
      row "  ${p%%:*} (ms)" "${p#*:}" "" ""
    done
  done <"$work/ka-detect"
  row "closed servers gone from ipvsadm -Sn after (ms)" "${ka_gone_ms:-never}" "${lvsd_gone_ms:-never}" ""
fi

[[ $lvsd_detected -ge $sample_size ]] ||
  fail "$lvsd_detected of $sample_size closed servers reported down within ${detect_deadline_s} s"
[[ -n $lvsd_gone_ms ]] || fail "closed servers still in the table after ${detect_deadline_s} s"
exit 0
