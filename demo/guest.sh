#!/usr/bin/env bash
# `make demo`, inside the kernel lab: the whole suite (pulse, lvsd, nanny, send_arp, the
# bundles of dist/sbin) on two directors in front of three real servers, with the sample
# lvs.cf (NAT) moved onto the lab's addresses. Narrates each step with live figures and ends
# with a summary; exits non-zero when a step did not happen.
set -uo pipefail
work=/tmp/demo
# Both routers run lvsd and its monitors from the start (pulse --warm-standby), so a takeover
# only has to program a table whose health is known.
cluster_pulse_flags=--warm-standby
. "$LAB_REPO/test/lab/guest/cluster-lib.sh"

client="node $LAB_REPO/test/lab/guest/http-client.mjs http://192.0.2.10/"
started=$(now_ms)
summary=()
failed=0

elapsed() { awk -v ms="$(($(now_ms) - started))" 'BEGIN { printf "%5.1f", ms / 1000 }'; }
say() { printf '\n[%s s] %s\n' "$(elapsed)" "$*"; }
show() { sed 's/^/        /'; }
# result STEP OK|FAILED FIGURE: one row of the summary.
result() {
  summary+=("$(printf '%-44s %-7s %s' "$1" "$2" "$3")")
  [[ $2 == ok ]] || failed=1
  printf '        -> %s: %s\n' "$2" "$3"
}
seconds() { awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }'; }
# json FILE FIELD: one top-level field of the client's JSON summary.
json() { node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(JSON.stringify(s[process.argv[2]]))' "$1" "$2"; }

say "Building the lab: a client, two directors (192.0.2.2, 192.0.2.3), three real servers"
modprobe ip_vs
if "$LAB_REPO/test/lab/topology.sh" up --real-servers 3 >/dev/null; then
  result "network namespaces and real servers" ok "3 busybox httpd on 198.51.100.11-13"
else
  result "network namespaces and real servers" FAILED "topology.sh up"
  exit 1
fi

# The sample lvs.cf, on the lab's VIP and NAT router, checking every 2 s, back after 4 s.
sed -e 's/192\.0\.2\.80/192.0.2.10/' -e 's/198\.51\.100\.254/198.51.100.1/' \
  -e 's/^\([[:space:]]*timeout =\).*/\1 2/' -e 's/^\([[:space:]]*reentry =\).*/\1 4/' \
  "$LAB_REPO/etc/sysconfig/ha/lvs.cf" >"$work/sample.cf"
# The sample's own heartbeat timing (keepalive 2 s, deadtime 6 s) leaves room for the emulated
# CPU, where a Node program takes seconds to start.
cluster_config "$work/sample.cf" 2 6

say "Starting pulse --warm-standby on director1 (primary), keepalive 2 s, deadtime 6 s"
start_pulse 1
if took=$(wait_active 1 120); then
  result "director1 active, IPVS table filled" ok "$(seconds "$took") after start"
else
  result "director1 active, IPVS table filled" FAILED "$took"
  tail -n 30 "$work/d1/pulse.log" | show
fi
say "Starting pulse --warm-standby on director2 (backup): lvsd, nanny and table ready, no VIP"
start_pulse 2
if took=$(cluster_wait 120 grep -q 'standing by: monitoring' "$work/d2/pulse.log"); then
  result "director2 standing by" ok "$(seconds "$took") after start"
else
  result "director2 standing by" FAILED "$took"
fi
say "The IPVS table on director1 (ipvsadm -Ln):"
ip netns exec director1 ipvsadm -Ln | show

say "30 requests from the client through the VIP 192.0.2.10:"
ip netns exec client $client --count 30 --timeout 2000 >"$work/first.json"
spread=$(json "$work/first.json" byServer)
echo "        answers per real server (each answers with its name): $spread"
if [[ $(json "$work/first.json" failed) == 0 && $spread == *rs1* && $spread == *rs2* && $spread == *rs3* ]]; then
  result "every real server answers" ok "$spread"
else
  result "every real server answers" FAILED "$(cat "$work/first.json")"
fi

say "Stopping the HTTP server of web2 (198.51.100.12, rs2); its nanny sees it, lvsd takes it out"
kill $(ip netns pids rs2)
if took=$(cluster_wait 60 bash -c "[[ \$(ip netns exec director1 ipvsadm -Sn | grep -c 198.51.100.12) == 0 ]]"); then
  result "web2 taken out of the table" ok "$(seconds "$took") after it stopped"
else
  result "web2 taken out of the table" FAILED "$took"
fi
ip netns exec director1 ipvsadm -Ln | show
ip netns exec client $client --count 20 --timeout 2000 >"$work/without.json"
echo "        20 requests: $(json "$work/without.json" byServer), failed: $(json "$work/without.json" failed)"
if [[ $(json "$work/without.json" failed) == 0 ]]; then
  result "clients do not notice web2 is gone" ok "0 of 20 requests failed"
else
  result "clients do not notice web2 is gone" FAILED "$(json "$work/without.json" failed) of 20 failed"
fi

say "Starting web2 again; it comes back after reentry (4 s of good checks)"
ip netns exec rs2 busybox httpd -p 198.51.100.12:80 -h /tmp/lab-www/rs2
if took=$(wait_active 1 60); then
  result "web2 back in the table" ok "$(seconds "$took") after it started"
else
  result "web2 back in the table" FAILED "$took"
fi

say "Killing director1 (every process, links down) while a client requests every 20 ms"
client_start failover 20 500
sleep 2
kill_node 1
if took=$(wait_active 2 60); then
  result "director2 took over" ok "serving $(seconds "$took") after the kill"
else
  result "director2 took over" FAILED "$took"
fi
sleep 2
client_stop failover >/dev/null
gap=$(json "$work/failover.json" maxGapMs)
echo "        client: $(json "$work/failover.json" total) requests, longest time without an answer $(seconds "$gap")"
say "The IPVS table on director2:"
ip netns exec director2 ipvsadm -Ln | show
if [[ $gap -gt 0 && $gap -lt 15000 ]]; then
  result "service resumed through director2" ok "client gap $(seconds "$gap")"
else
  result "service resumed through director2" FAILED "client gap $(seconds "$gap")"
fi

say "director1 comes back (rebooted): it joins as the backup, director2 keeps serving"
client_start return 20 500
sleep 2
revive_node 1
start_pulse 1
cluster_wait 60 grep -q 'STARTING PULSE AS MASTER' "$work/d1/pulse.log" >/dev/null
sleep 6
client_stop return >/dev/null
back_failed=$(json "$work/return.json" failed)
echo "        client while director1 returned: $(json "$work/return.json" total) requests, $back_failed failed"
if [[ $back_failed == 0 ]] && holds_vip 2 && ! holds_vip 1; then
  result "director1 back, no request lost" ok "director2 still active"
else
  result "director1 back, no request lost" FAILED "$back_failed failed"
fi

stop_cluster
say "Summary ($(elapsed) s)"
printf '        %-44s %-7s %s\n' STEP RESULT FIGURE
for row in "${summary[@]}"; do echo "        $row"; done
exit "$failed"
