#!/usr/bin/env bash
# Runs inside the kernel lab (see run.sh): programs SERVICES x SERVERS rules into an empty
# IPVS table three ways in one boot and prints the figures.
#   guest.sh [SERVICES] [SERVERS] [PER_RULE_LIMIT]
set -uo pipefail
services=${1:-1000}
servers=${2:-4}
per_rule_limit=${3:-0} # 0: run every rule as its own ipvsadm process
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

# 1. One ipvsadm -R of the same rules.
"$ipvsadm" -C
start=$(now_ms)
"$ipvsadm" -R <"$work/rules" || fail "ipvsadm -R"
restore_ms=$(($(now_ms) - start))
[[ $(rules_in_kernel) -eq $want ]] || fail "ipvsadm -R left $(rules_in_kernel) rules"

# 2. lvsd from an empty table, until it logs the verified apply.
"$ipvsadm" -C
: >"$work/ipvsadm.log"
start=$(now_ms)
"${lvsd[@]}" --nodaemon -v -c "$work/lvs.cf" --pidfile "$work/lvsd.pid" --reconcile-interval 3600 --assume-up \
  >"$work/lvsd.log" 2>&1 &
lvsd_pid=$!
# Polling costs the single emulated vCPU that lvsd needs: look twice a second (lvsd times
# itself, so this only blurs the wall-clock row).
for _ in $(seq 240); do
  grep -q 'IPVS changes in' "$work/lvsd.log" && break
  sleep 0.5
done
lvsd_wall_ms=$(($(now_ms) - start))
applied=$(grep -m1 -o 'applied .* verified in [0-9]* ms' "$work/lvsd.log") || fail "no apply line: $(tail -5 "$work/lvsd.log")"
[[ $(rules_in_kernel) -eq $want ]] || fail "lvsd left $(rules_in_kernel) rules"
[[ $("${lvsd[@]}" --print-table -c "$work/lvs.cf" | sort) == $("$ipvsadm" -Sn | sort) ]] ||
  fail "kernel table differs from --print-table"
lvsd_apply_ms=$(sed -E 's/.* changes in ([0-9]+) ms.*/\1/' <<<"$applied")
lvsd_read_ms=$(sed -E 's/.*table read in ([0-9]+) ms.*/\1/' <<<"$applied")
lvsd_verify_ms=$(sed -E 's/.*verified in ([0-9]+) ms/\1/' <<<"$applied")
lvsd_commands=$(wc -l <"$work/ipvsadm.log")

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

printf '\n%-52s %10s %8s\n' "ipvs-programming ($want rules, $(nproc) vCPU, TCG)" seconds "x -R"
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
echo "lvsd from empty ran $lvsd_commands ipvsadm commands"
echo "unchanged reload: $reload_writes commands that change the table, $reload_reads table reads"
[[ $reload_writes -eq 0 ]] || fail "an unchanged reload changed the table"
