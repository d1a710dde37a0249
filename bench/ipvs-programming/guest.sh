#!/usr/bin/env bash
# Runs inside the kernel lab (see run.sh): programs SERVICES x SERVERS rules into an empty
# IPVS table three ways in one boot and prints the figures.
#   guest.sh [SERVICES] [SERVERS] [PER_RULE_LIMIT] [ROUNDS]
set -uo pipefail
services=${1:-1000}
servers=${2:-4}
per_rule_limit=${3:-0} # 0: run every rule as its own ipvsadm process
rounds=${4:-5}
repo=$LAB_REPO
work=/tmp/bench
mkdir -p "$work"
ipvsadm=/usr/sbin/ipvsadm
# The bundled lvsd, as installed (one file: no module resolution over the lab's 9p root).
lvsd=("node" "$repo/dist/sbin/lvsd")

fail() { echo "bench failed: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }
rules_in_kernel() { "$ipvsadm" -Sn | wc -l; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# An ipvsadm that logs its arguments, so the bench can count what lvsd ran.
cat >"$work/ipvsadm" <<'SH'
#!/bin/sh
echo "$*" >>/tmp/bench/ipvsadm.log
exec /usr/sbin/ipvsadm "$@"
SH
chmod +x "$work/ipvsadm"

modprobe ip_vs || fail "modprobe ip_vs"
node "$repo/bench/ipvs-programming/make-config.mjs" "$services" "$servers" "$work/ipvsadm" \
  >"$work/lvs.cf" || fail "make-config"
want=$((services * (1 + servers)))

start=$(now_ms)
node -e 0
node_ms=$(($(now_ms) - start))

"${lvsd[@]}" --print-table -c "$work/lvs.cf" >"$work/rules" || fail "lvsd --print-table"
[[ $(wc -l <"$work/rules") -eq $want ]] || fail "--print-table gave $(wc -l <"$work/rules") rules"
echo "config: $services virtual services x $servers real servers = $want rules"

# 1 and 2, alternating for ROUNDS rounds (the host's load moves a TCG guest's timings by a
# third from one minute to the next): one `ipvsadm -R` of the rules, then lvsd from an empty
# table until it logs the verified apply.
start_lvsd() {
  : >"$work/ipvsadm.log"
  "${lvsd[@]}" --nodaemon -v -c "$work/lvs.cf" --pidfile "$work/lvsd.pid" --reconcile-interval 3600 --assume-up \
    >"$work/lvsd.log" 2>&1 &
  lvsd_pid=$!
}
# Polling costs a vCPU that lvsd needs: look twice a second (lvsd times itself, so this only
# blurs the wall-clock row).
wait_for_apply() {
  for _ in $(seq 240); do
    grep -q 'IPVS changes in' "$work/lvsd.log" && return 0
    sleep 0.5
  done
  fail "no apply line: $(tail -5 "$work/lvsd.log")"
}
logged_ms() { grep -m1 -o "$1" "$work/lvsd.log" | grep -o '[0-9]*'; }
restore_all=() apply_all=() read_all=() verify_all=() wall_all=()
for round in $(seq "$rounds"); do
  "$ipvsadm" -C
  start=$(now_ms)
  "$ipvsadm" -R <"$work/rules" || fail "ipvsadm -R"
  restore_all+=($(($(now_ms) - start)))
  [[ $(rules_in_kernel) -eq $want ]] || fail "ipvsadm -R left $(rules_in_kernel) rules"

  "$ipvsadm" -C
  start=$(now_ms)
  start_lvsd
  wait_for_apply
  wall_all+=($(($(now_ms) - start)))
  [[ $(rules_in_kernel) -eq $want ]] || fail "lvsd left $(rules_in_kernel) rules"
  [[ $("${lvsd[@]}" --print-table -c "$work/lvs.cf" | sort) == $("$ipvsadm" -Sn | sort) ]] ||
    fail "kernel table differs from --print-table"
  apply_all+=("$(logged_ms 'changes in [0-9]* ms')")
  read_all+=("$(logged_ms 'table read in [0-9]* ms')")
  verify_all+=("$(logged_ms 'verified in [0-9]* ms')")
  lvsd_commands=$(wc -l <"$work/ipvsadm.log")
  echo "round $round: ipvsadm -R ${restore_all[-1]} ms, lvsd ${apply_all[-1]} ms" \
    "($(ratio "${apply_all[-1]}" "${restore_all[-1]}")x)" >&2
  [[ $round -eq $rounds ]] && break
  kill -KILL "$lvsd_pid" # leaves the table; the next round clears it
  wait "$lvsd_pid" 2>/dev/null
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
restore_ms=$(median "${restore_all[@]}")
lvsd_apply_ms=$(median "${apply_all[@]}")
lvsd_read_ms=$(median "${read_all[@]}")
lvsd_verify_ms=$(median "${verify_all[@]}")
lvsd_wall_ms=$(median "${wall_all[@]}")
ratios=() # per round: lvsd's apply against the -R just before it
for i in "${!apply_all[@]}"; do ratios+=("$(ratio "${apply_all[$i]}" "${restore_all[$i]}")"); done

# 3. A reload that changes nothing: count the commands lvsd runs.
: >"$work/ipvsadm.log"
matches_before=$(grep -c 'IPVS table matches the configuration' "$work/lvsd.log")
kill -HUP "$lvsd_pid"
for _ in $(seq 120); do
  [[ $(grep -c 'IPVS table matches the configuration' "$work/lvsd.log") -gt $matches_before ]] && break
  sleep 0.5
done
[[ $(grep -c 'IPVS table matches the configuration' "$work/lvsd.log") -gt $matches_before ]] ||
  fail "reload did not finish: $(tail -5 "$work/lvsd.log")"
reload_reads=$(grep -c '^-S' "$work/ipvsadm.log")
reload_writes=$(grep -vc '^-S' "$work/ipvsadm.log")

# 4. SIGTERM: lvsd removes what it added.
start=$(now_ms)
kill -TERM "$lvsd_pid"
wait "$lvsd_pid"
lvsd_stop_ms=$(($(now_ms) - start))
[[ $(rules_in_kernel) -eq 0 ]] || fail "lvsd left $(rules_in_kernel) rules at shutdown"

# 5. One ipvsadm process per rule (argv split from the save format, as a script would do).
"$ipvsadm" -C
per_rule=$want
[[ $per_rule_limit -gt 0 && $per_rule_limit -lt $want ]] && per_rule=$per_rule_limit
head -n "$per_rule" "$work/rules" >"$work/per-rule"
start=$(now_ms)
while read -r -a args; do
  "$ipvsadm" "${args[@]}" || fail "ipvsadm ${args[*]}"
done <"$work/per-rule"
per_rule_ms=$(($(now_ms) - start))
[[ $(rules_in_kernel) -eq $per_rule ]] || fail "per-rule run left $(rules_in_kernel) rules"
per_rule_all_ms=$((per_rule_ms * want / per_rule))

printf '\n%-52s %10s %8s\n' "ipvs-programming ($want rules, $(nproc) vCPU, TCG, median of $rounds)" seconds "x -R"
row() { printf '%-52s %10s %8s\n' "$1" "$(secs "$2")" "$(ratio "$2" "$restore_ms")"; }
row "ipvsadm -R, one batch" "$restore_ms"
row "lvsd: read + diff + one -R batch (from its log)" "$lvsd_apply_ms"
row "lvsd: ... of which reading the empty table" "$lvsd_read_ms"
row "lvsd: ... + verifying re-read" "$((lvsd_apply_ms + lvsd_verify_ms))"
row "lvsd: process start to table verified" "$lvsd_wall_ms"
row "node -e 0 (process start alone)" "$node_ms"
if [[ $per_rule -eq $want ]]; then
  row "one ipvsadm process per rule" "$per_rule_ms"
else
  row "one ipvsadm process per rule (from $per_rule)" "$per_rule_all_ms"
fi
row "lvsd SIGTERM: remove every rule, exit" "$lvsd_stop_ms"
echo "lvsd against the ipvsadm -R before it, per round: ${ratios[*]} (median $(median "${ratios[@]}"))"
echo "lvsd from empty ran $lvsd_commands ipvsadm commands"
echo "unchanged reload: $reload_writes commands that change the table, $reload_reads table reads"
[[ $reload_writes -eq 0 ]] || fail "an unchanged reload changed the table"
