#!/usr/bin/env bash
# lvsd against a real IPVS: for each lab configuration the kernel table must equal
# `lvsd --print-table`; NAT traffic reaches every real server; wrr 3:1 splits 400 requests;
# three reloads under a client loop lose no request; an unchanged reload runs no command that
# changes the table; drift is repaired; a broken reload changes nothing; SIGTERM cleans up.
. "$LAB_REPO/test/lab/guest/checks.sh"

cfgs=$LAB_REPO/test/lab/configs
client="node $LAB_REPO/test/lab/guest/http-client.mjs"
work=/tmp/lvsd-lab
lvsd_flags=--assume-up
. "$LAB_REPO/test/lab/guest/lvsd-lib.sh"

# wait_table: until the kernel table equals the working file's --print-table (30 s at most).
wait_table() {
  local want try
  want=$(on $lvsd --print-table -c "$work/lvs.cf" | sort) || return 1
  for try in $(seq 60); do
    [[ $(on ipvsadm -Sn | sort) == "$want" ]] && { on ipvsadm -Sn; return 0; }
    sleep 0.5
  done
  echo "want:"; echo "$want"; echo "kernel:"; on ipvsadm -Sn
  return 1
}

lab_check modprobe modprobe ip_vs
lab_check topology test/lab/topology.sh up --real-servers 3 --active director1
lab_check ip-forward on sysctl -w net.ipv4.ip_forward=1

for name in nat direct tunnel fwmark udp quiesce; do
  echo "@@ $(date +%s) $name"
  use "$cfgs/$name.cf"
  start_lvsd
  lab_check "table-$name" wait_table
  lab_check "stop-$name" stop_lvsd
done

# Traffic through a NAT service: every real server answers.
use "$cfgs/nat.cf"
start_lvsd
lab_check nat-ready wait_table
lab_check nat-traffic ip netns exec client $client http://192.0.2.10/ --count 30
lab_check nat-stop stop_lvsd

# Weighted round robin 3:1 over 400 requests.
use "$cfgs/wrr.cf"
start_lvsd
lab_check wrr-ready wait_table
lab_check wrr-traffic ip netns exec client $client http://192.0.2.10/ --count 400
lab_check wrr-stop stop_lvsd

echo "@@ $(date +%s) reload"
# Reloads under load: weight change, added server, added service.
use "$cfgs/reload-a.cf"
start_lvsd 2
lab_check reload-ready wait_table
rm -f "$work/stop-load"
ip netns exec client $client http://192.0.2.10/ --until "$work/stop-load" >"$work/load.json" 2>&1 &
loader=$!
sleep 3
for step in b c d; do
  use "$cfgs/reload-$step.cf"
  kill -HUP "$(cat "$work/lvsd.bg")"
  lab_check "reload-$step" wait_table
  sleep 2
done
touch "$work/stop-load"
wait "$loader"
lab_check reload-load cat "$work/load.json"

# An unchanged reload: only reads (-Sn), no command that changes the table.
: >"$work/ipvsadm.log"
before=$(grep -c 'rereading configuration file' "$work/lvsd.log")
kill -HUP "$(cat "$work/lvsd.bg")"
unchanged() {
  local try
  for try in $(seq 40); do
    (($(grep -c 'rereading configuration file' "$work/lvsd.log") > before)) &&
      [[ -s $work/ipvsadm.log ]] && break
    sleep 0.25
  done
  sleep 1
  cat "$work/ipvsadm.log"
}
lab_check reload-unchanged unchanged

# Drift: a real server removed and a foreign service added by hand are repaired by the timer.
on ipvsadm -d -t 192.0.2.10:80 -r 198.51.100.12:80
on ipvsadm -A -t 192.0.2.19:80 -s rr
lab_check drift-repaired wait_table

# A broken file is rejected as a whole; the table stays as it was.
cp "$work/lvs.cf" "$work/good.cf"
sed -i 's/weight = 3/weight = heavy/' "$work/lvs.cf"
kill -HUP "$(cat "$work/lvsd.bg")"
sleep 3
cp "$work/good.cf" "$work/lvs.cf"
lab_check broken-reload-table wait_table
lab_check broken-reload-log grep -A3 'rereading configuration file' "$work/lvsd.log"
lab_check reload-stop stop_lvsd
lab_check lvsd-log cat "$work/lvsd.log"
exit 0
