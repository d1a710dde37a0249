#!/usr/bin/env bash
# Failover in the kernel lab: the client's outage when the active director fails, for a killed
# pulse, a downed public link and a dead node, at several keepalive/deadtime settings, and the
# failed requests when the primary takes the VIP back.
#   bench/failover/run.sh [-c CASES] [-t TIMINGS] [-n RUNS] [-w] [-s] [-r PRIORITY]
#     CASES    comma-separated: pulse,link,node (default all)
#     TIMINGS  comma-separated KEEPALIVE/DEADTIME pairs (default 2/6,1/3,0.1/0.3,0.01/0.03)
#     RUNS     runs of each case at each timing (default 5; the table shows their median)
#     -w       pulse --warm-standby (lvsd stands by on the backup; keepalived's way of running)
#     -s       syncdaemon = 1: the IPVS connection sync daemon carries connections across
#     -r       pulse --rt-priority PRIORITY (SCHED_RR)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cases=pulse,link,node
timings=2/6,1/3,0.1/0.3,0.01/0.03
runs=5
mode=cold
sync=nosync
rt=0
while getopts c:t:n:wsr: option; do
  case $option in
  c) cases=$OPTARG ;;
  t) timings=$OPTARG ;;
  n) runs=$OPTARG ;;
  w) mode=warm ;;
  s) sync=sync ;;
  r) rt=$OPTARG ;;
  *) sed -n '5,11p' "$0" >&2; exit 2 ;;
  esac
done
make -C "$repo" bundle >/dev/null
exec "$repo/test/lab/run.sh" --timeout 14400 --memory 2048 --cpus 2 \
  "$repo/bench/failover/guest.sh" "$cases" "$timings" "$runs" "$mode" "$sync" "$rt"
