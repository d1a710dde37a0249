#!/usr/bin/env bash
# Table programming time in the kernel lab: lvsd from empty vs one `ipvsadm -R` vs one
# ipvsadm process per rule, same rules, same boot. LAB_CPUS (default 2) vCPUs.
#   bench/ipvs-programming/run.sh [SERVICES (1000)] [SERVERS (4)] [PER_RULE_LIMIT (0 = all)] [ROUNDS (5)]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
make -C "$repo" bundle >/dev/null
exec "$repo/test/lab/run.sh" --timeout 1200 --memory 2048 --cpus "${LAB_CPUS:-2}" \
  "$repo/bench/ipvs-programming/guest.sh" "$@"
