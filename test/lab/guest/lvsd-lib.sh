# Sourced by lab scripts that run lvsd in director1 (bash). Before sourcing, set `work` (a
# fresh directory) and optionally `lvsd_flags` (extra lvsd options, e.g. --assume-up).
# The bundled lvsd, as installed (make bundle); its nannies are the bundled nanny beside it.
lvsd="node $LAB_REPO/dist/sbin/lvsd"
. "$LAB_REPO/test/lab/guest/procs.sh"
mkdir -p "$work"

on() { ip netns exec director1 "$@"; }

# An ipvsadm that logs every call, so a test can count what lvsd ran.
cat >"$work/ipvsadm" <<SH
#!/bin/sh
echo "\$*" >>$work/ipvsadm.log
exec /usr/sbin/ipvsadm "\$@"
SH
chmod +x "$work/ipvsadm"

# use CFG [EXTRA-LINE...]: the working lvs.cf becomes CFG with the logging ipvsadm.
use() {
  local file=$1
  shift
  { cat "$file"; echo "ipvsadm = $work/ipvsadm"; printf '%s\n' "$@"; } >"$work/lvs.cf"
}

start_lvsd() {
  # Not through `on`: a backgrounded function is a subshell, and $! must be lvsd itself.
  # shellcheck disable=SC2086 # lvsd and lvsd_flags are word lists
  ip netns exec director1 $lvsd --nodaemon -v -c "$work/lvs.cf" --pidfile "$work/lvs.pid" \
    --reconcile-interval "${1:-30}" ${lvsd_flags:-} >>"$work/lvsd.log" 2>&1 &
  echo $! >"$work/lvsd.bg"
}

stop_lvsd() {
  local pid
  pid=$(cat "$work/lvsd.bg")
  kill -TERM "$pid"
  gone "$pid" || return 1
  [[ ! -e $work/lvs.pid ]] || { echo "pid file left behind"; return 1; }
  [[ -z $(on ipvsadm -Sn) ]] || { echo "table not empty:"; on ipvsadm -Sn; return 1; }
}
