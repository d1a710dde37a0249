#!/usr/bin/env bash
# make demo: boots the kernel lab and runs the suite there (demo/guest.sh), printing each step
# as it happens. Exits non-zero when a step did not happen.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
exec "$repo/test/lab/run.sh" --timeout 400 --memory 2048 --cpus 2 "$repo/demo/guest.sh"
