# Sourced by lab scripts (bash) that run the whole stack on both directors of topology.sh:
# pulse, the lvsd it starts and the nannies lvsd starts, all from the bundles in dist/sbin
# (run `make bundle` on the host first: loading modules over the lab's 9p root is slow).
# Before sourcing, set `work` (a fresh scratch directory). Directors are named by number:
# 1 = director1 (the primary of the lab's lvs.cf files), 2 = director2 (the backup).
#
# Each director N keeps its own files in $work/dN/: run/ (PIRANHA_RUNDIR: status and lvsd
# sockets), pulse.pid, lvs.pid, pulse.log (pulse, lvsd and nanny output, each line prefixed
# with the epoch time in ms) and lvsd (a wrapper giving lvsd its own pid file).
#
#   cluster_config SRC KEEPALIVE DEADTIME [LINE...]
#                          $work/lvs.cf: SRC with keepalive and deadtime replaced, LINEs added
#   start_pulse N [OPTION...]
#                          pulse -n on director N with $work/lvs.cf, extra pulse OPTIONs
#                          (e.g. --forceactive); $cluster_pulse_flags is added too (e.g. -v)
#   wait_active N [SECONDS]
#                          until director N holds the VIP and its IPVS table holds every real
#                          server of $cluster_servers (60 s by default); prints the ms taken
#   wait_inactive N [SECONDS]
#                          until director N holds no floating address and no IPVS service
#   pulse_pid N            the pid of director N's pulse (waits for its pid file)
#   pulse_status N         pulse --status --json of director N (one Node start: seconds in TCG)
#   members N              the real servers in director N's IPVS table, sorted, one line
#   holds_vip N            succeeds when the VIP is on director N's eth0
#   kill_pulse N           SIGKILL pulse alone; its lvsd, nannies and addresses stay
#   link_down N [pub|priv|all]
#                          unplugs director N's public (default), private or both links at the
#                          switch (its interfaces lose carrier, as with a pulled cable)
#   link_up N [pub|priv|all]
#   kill_node N            a dead machine: links unplugged, every process of the namespace
#                          SIGKILLed (pulse, lvsd, nannies)
#   revive_node N          the machine rebooted: no floating address, empty IPVS table, links
#                          plugged in; start_pulse it again afterwards
#   stop_pulse N           SIGTERM pulse and wait for it (it stops lvsd, releases addresses)
#   stop_cluster           stop_pulse both, then SIGKILL whatever is left in the namespaces
#   state_changes N        the number of times director N's pulse went active or inactive
#   transitions N          those log lines themselves
#   client_start NAME [EVERY_MS [TIMEOUT_MS]]
#                          the client loop (guest/http-client.mjs) through the VIP in the client
#                          namespace, a request every EVERY_MS (10), each given up after
#                          TIMEOUT_MS (500); returns once it is sending (Node starts slowly)
#   client_stop NAME       stops it and prints its JSON summary (answers by server, failures,
#                          maxGapMs: the longest time without an answer, maxFailRun)
#   now_ms                 milliseconds since the epoch
#
# The director namespaces hold nothing but the stack, so "every process in the namespace" is
# exactly one director's pulse, lvsd and nannies.

cluster_repo=${LAB_REPO:?}
. "$cluster_repo/test/lab/guest/procs.sh"
cluster_vip=${cluster_vip:-192.0.2.10}
cluster_servers=${cluster_servers:-"198.51.100.11 198.51.100.12 198.51.100.13"}
cluster_pulse_flags=${cluster_pulse_flags:-}
mkdir -p "$work/d1/run" "$work/d2/run"

# Without a fork (bash 5): polling loops call it often, and a process costs ms under TCG.
now_ms() {
  local t=${EPOCHREALTIME/./}
  echo "${t:0:-3}"
}

# Prefixes each line with now_ms.
cluster_stamp() {
  local line
  while IFS= read -r line; do echo "$(now_ms) $line"; done
}

cluster_config() {
  local src=$1 keepalive=$2 deadtime=$3
  shift 3
  {
    sed -E -e "s/^([[:space:]]*keepalive[[:space:]]*=).*/\\1 $keepalive/" \
      -e "s/^([[:space:]]*deadtime[[:space:]]*=).*/\\1 $deadtime/" "$src"
    printf '%s\n' "$@"
  } >"$work/lvs.cf"
}

# lvsd as pulse runs it (`--nodaemon -c FILE`), with a pid file of this director's own: the
# two directors share one file system.
cluster_lvsd_wrapper() {
  local dir=$work/d$1
  printf '#!/bin/sh\nexec %s --pidfile %s "$@"\n' "$cluster_repo/dist/sbin/lvsd" \
    "$dir/lvs.pid" >"$dir/lvsd"
  chmod +x "$dir/lvsd"
}

start_pulse() {
  local n=$1 dir=$work/d$1
  shift
  cluster_lvsd_wrapper "$n"
  rm -f "$dir/pulse.pid"
  ip netns exec "director$n" sysctl -qw net.ipv4.ip_forward=1
  # shellcheck disable=SC2086 # cluster_pulse_flags is a word list
  ip netns exec "director$n" env PIRANHA_RUNDIR="$dir/run" \
    "$cluster_repo/dist/sbin/pulse" -n -c "$work/lvs.cf" --pidfile "$dir/pulse.pid" \
    --lvsd "$dir/lvsd" $cluster_pulse_flags "$@" 2>&1 | cluster_stamp >>"$dir/pulse.log" &
  # Watched through its pid file; a SIGKILLed pulse is no news for the script's output.
  disown
}

# pulse_pid N: the pid of director N's pulse, once it has written its pid file (60 s at most).
pulse_pid() {
  cluster_wait 60 test -s "$work/d$1/pulse.pid" >/dev/null || return 1
  cat "$work/d$1/pulse.pid"
}

pulse_status() {
  ip netns exec "director$1" env PIRANHA_RUNDIR="$work/d$1/run" \
    "$cluster_repo/dist/sbin/pulse" --status --json
}

members() {
  ip netns exec "director$1" ipvsadm -Sn | awk '$1 == "-a" { print $5 }' | sed 's/:.*//' |
    sort | xargs
}

holds_vip() {
  ip -n "director$1" -4 -o addr show dev eth0 | grep -q " $cluster_vip/"
}

# cluster_wait SECONDS COMMAND...: until COMMAND succeeds; prints the ms taken, or fails.
cluster_wait() {
  local seconds=$1 started deadline
  shift
  started=$(now_ms)
  deadline=$((started + seconds * 1000))
  until "$@"; do
    if (($(now_ms) > deadline)); then
      echo "still not true after ${seconds} s: $*"
      return 1
    fi
    sleep 0.05
  done
  echo "$(($(now_ms) - started))"
}

cluster_serving() {
  holds_vip "$1" && [[ $(members "$1") == "$(echo $cluster_servers | xargs -n1 | sort | xargs)" ]]
}

# Not holding the VIP, and with an empty table unless lvsd stands by warm (--warm-standby keeps
# the table programmed on the inactive router).
cluster_idle() {
  ! holds_vip "$1" || return 1
  [[ $cluster_pulse_flags == *--warm-standby* ]] || [[ -z $(ip netns exec "director$1" ipvsadm -Sn) ]]
}

# What a director holds, for a wait that failed.
cluster_holds() {
  echo "director$1: vip $(holds_vip "$1" && echo up || echo down), table:"
  ip netns exec "director$1" ipvsadm -Sn
  echo "processes: $(ip netns pids "director$1" | xargs)"
}

wait_active() { cluster_wait "${2:-60}" cluster_serving "$1" || { cluster_holds "$1"; false; }; }

wait_inactive() { cluster_wait "${2:-60}" cluster_idle "$1" || { cluster_holds "$1"; false; }; }

kill_pulse() {
  local pid
  pid=$(pulse_pid "$1") && kill -KILL "$pid"
}

cluster_ports() {
  case ${2:-pub} in
  pub) echo "d$1-pub" ;;
  priv) echo "d$1-priv" ;;
  all) echo "d$1-pub d$1-priv" ;;
  *) echo "cluster-lib: no link '$2'" >&2; return 2 ;;
  esac
}

cluster_links() {
  local state=$1 port ports
  ports=$(cluster_ports "$2" "${3:-pub}") || return
  for port in $ports; do ip -n lab-sw link set "$port" "$state"; done
}

link_down() { cluster_links down "$@"; }
link_up() { cluster_links up "$@"; }

kill_node() {
  local pids
  link_down "$1" all
  pids=$(ip netns pids "director$1" | xargs)
  [[ -z $pids ]] || kill -KILL $pids
}

revive_node() {
  local pids
  pids=$(ip netns pids "director$1" | xargs)
  [[ -z $pids ]] || { kill -KILL $pids; gone $pids; }
  ip -n "director$1" addr flush dev eth0 label 'eth0:*'
  ip -n "director$1" addr flush dev eth1 label 'eth1:*'
  ip netns exec "director$1" ipvsadm -C
  rm -f "$work/d$1/run/"*.sock
  link_up "$1" all
}

stop_pulse() {
  local pid
  [[ -s $work/d$1/pulse.pid ]] || return 0
  pid=$(cat "$work/d$1/pulse.pid")
  kill -TERM "$pid" 2>/dev/null || return 0
  gone "$pid"
}

stop_cluster() {
  local n pids
  for n in 1 2; do stop_pulse "$n"; done
  for n in 1 2; do
    pids=$(ip netns pids "director$n" | xargs)
    [[ -z $pids ]] || kill -KILL $pids
  done
}

transitions() {
  grep -E 'activating lvs|deactivating LVS|Child process|Terminating due to signal|did not exit' \
    "$work/d$1/pulse.log"
}

state_changes() { transitions "$1" | wc -l; }

client_start() {
  rm -f "$work/$1.stop" "$work/$1.json"
  ip netns exec client node "$cluster_repo/test/lab/guest/http-client.mjs" \
    "http://$cluster_vip/" --until "$work/$1.stop" --every "${2:-10}" --timeout "${3:-500}" \
    >"$work/$1.json" 2>&1 &
  echo $! >"$work/$1.bg"
  cluster_wait 120 cluster_client_connected >/dev/null
}

cluster_client_connected() { [[ -n $(ip netns exec client ss -Htn dst "$cluster_vip") ]]; }

client_stop() {
  touch "$work/$1.stop"
  gone "$(cat "$work/$1.bg")" >/dev/null
  cat "$work/$1.json"
}
