#!/usr/bin/env bash
# Runs one script or command in the kernel lab, by hand:
#   test/lab/run.sh test/lab/scripts/nat-rr.sh
#   test/lab/run.sh -- sh -c 'modprobe ip_vs && ipvsadm -Ln'
# Compiles the lab's TypeScript into .cache/lab/runner/ (incremental, Node 20 cannot run .ts).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
"$repo/node_modules/.bin/tsc" -p "$repo/test/lab/tsconfig.run.json"
exec node "$repo/.cache/lab/runner/cli.js" "$@"
