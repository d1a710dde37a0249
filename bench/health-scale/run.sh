#!/usr/bin/env bash
# lvsd and its nannies checking SERVERS real servers every second in the kernel lab: CPU,
# memory, detection latency of closed servers.
#   bench/health-scale/run.sh [SERVERS (1000)] [SECONDS (30)] [TIMEOUT (1)] [MONITORS_PER_NANNY]
# LAB_CPUS (default 2) vCPUs, so the farm's listener does not share the one vCPU with the
# processes measured. With keepalived installed, its checker is measured on the same servers.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
make -C "$repo" bundle >/dev/null
command -v keepalived >/dev/null ||
  echo "health-scale: keepalived is not installed (apt-get install keepalived): lvsd only" >&2
exec "$repo/test/lab/run.sh" --timeout 1500 --memory 3072 --cpus "${LAB_CPUS:-2}" \
  "$repo/bench/health-scale/guest.sh" "$@"
