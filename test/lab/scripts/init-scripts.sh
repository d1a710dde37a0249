#!/usr/bin/env bash
# The installed init scripts driving the real stack against a real IPVS. `make install` goes
# into the guest's own root (a throwaway tmpfs overlay over the host's files), so every path is
# the installed one; `service pulse ...` then runs in director1 with the lab's NAT lvs.cf, and
# pulse starts lvsd, which starts the nannies and builds the kernel table. reload must apply a
# changed weight (1 to 2: one slow-start step) without restarting pulse or lvsd; condrestart
# and restart must each bring up a new stack (restart while the previous one still starts); stop
# must leave no table, address or process behind.
. "$LAB_REPO/test/lab/guest/checks.sh"
work=/tmp/init-lab
. "$LAB_REPO/test/lab/guest/cluster-lib.sh"

lvs_cf=/etc/sysconfig/ha/lvs.cf

svc() { ip netns exec director1 service "$@"; }
on() { ip netns exec director1 "$@"; }
pid_of() { cat "/var/run/$1.pid"; }

install_tree() {
  # Bundled on the host (make bundle); the manual pages are the package test's business.
  make -s -C "$LAB_REPO" -o build -o node_modules -o bundle install MANPAGES= || return
  # Red Hat's /etc/init.d is rc.d/init.d; Debian's service(8) looks in /etc/init.d.
  ln -s /etc/rc.d/init.d/pulse /etc/rc.d/init.d/piranha-gui /etc/init.d/ || return
  ls /usr/sbin/pulse /usr/sbin/lvsd /usr/sbin/nanny /usr/lib/piranha-ts/init-functions
}

# One request per real server through the VIP, answers sorted.
traffic() {
  local n
  for n in 1 2 3; do ip netns exec client curl -sS -m 5 http://192.0.2.10/ || return; done |
    sort | xargs
}

weight_is() { on ipvsadm -Sn | grep -q -- "-r $1:80 -m -w $2\$"; }

# pulse and lvsd kept their pids across the reload.
same_processes() {
  echo "pulse $1 -> $(pid_of pulse), lvsd $2 -> $(pid_of lvs)"
  [[ $(pid_of pulse) == "$1" && $(pid_of lvs) == "$2" ]]
}

# A pulse other than OLD wrote the pid file, and OLD is gone.
replaced() { [[ -s /var/run/pulse.pid && $(pid_of pulse) != "$1" ]] && ! kill -0 "$1" 2>/dev/null; }

# An lvsd other than OLD runs and has put the virtual service into the table.
new_lvsd() {
  [[ -s /var/run/lvs.pid && $(pid_of lvs) != "$1" ]] && holds_vip 1 &&
    on ipvsadm -Sn | grep -q -- '^-A -t 192.0.2.10:80 '
}

# The programs running in director1, one line each.
programs() {
  local pid
  for pid in $(ip netns pids director1); do
    tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -oE '/usr/sbin/[a-z_]+' | head -n 1
  done | sort
}

# What a stopped pulse left behind: nothing is the answer.
leftovers() {
  echo "table: $(on ipvsadm -Sn | xargs)"
  echo "floating: $(ip -n director1 -4 -o addr show | grep -oE '(192\.0\.2\.10|198\.51\.100\.1)/' | xargs)"
  echo "processes: $(ip netns pids director1 | xargs)"
  echo "files: $(ls /var/run/pulse.pid /var/run/lvs.pid /var/lock/subsys/pulse 2>/dev/null | xargs)"
}

lab_check modprobe modprobe ip_vs
lab_check topology test/lab/topology.sh up --real-servers 3
lab_check install install_tree
# The daemons log to syslog: give them one.
busybox syslogd -O "$work/messages"
cp "$LAB_REPO/test/lab/configs/nat.cf" "$lvs_cf"
# One router alone: active at once rather than after deadtime (the installed sysconfig file).
sed -i 's/^OPTIONS=.*/OPTIONS="--forceactive"/' /etc/sysconfig/pulse
# /var/lock is /run/lock, which a booted system has and the guest's fresh /run lacks.
mkdir -p /run/lock
# A NAT router forwards (sysctl.conf's business on a real one).
on sysctl -qw net.ipv4.ip_forward=1

echo "@@ $(date +%s) stopped"
lab_check usage svc pulse frobnicate
lab_check status-stopped svc pulse status
lab_check reload-stopped svc pulse reload
lab_check condrestart-stopped svc pulse condrestart
lab_check condrestart-stopped-left leftovers

echo "@@ $(date +%s) start"
lab_check start svc pulse start
lab_check status-started svc pulse status
lab_check lock-started ls /var/lock/subsys/pulse
lab_check active wait_active 1 120
lab_check table-started on ipvsadm -Ln
lab_check traffic-started traffic

echo "@@ $(date +%s) reload"
old_pulse=$(pid_of pulse)
old_lvsd=$(pid_of lvs)
sed -i '/server rs2/,/}/s/weight = 1/weight = 2/' "$lvs_cf"
lab_check reload svc pulse reload
lab_check reloaded cluster_wait 90 weight_is 198.51.100.12 2
lab_check table-reloaded on ipvsadm -Ln
lab_check reload-same-processes same_processes "$old_pulse" "$old_lvsd"

echo "@@ $(date +%s) condrestart"
lab_check condrestart svc pulse condrestart
lab_check condrestart-new-pulse cluster_wait 30 replaced "$old_pulse"
lab_check condrestart-lvsd cluster_wait 120 new_lvsd "$old_lvsd"

# restart while that stack is still starting its nannies: the new one must be the only one.
echo "@@ $(date +%s) restart"
old_pulse=$(pid_of pulse)
lab_check restart svc pulse restart
lab_check restart-new-pulse cluster_wait 30 replaced "$old_pulse"
lab_check restart-active wait_active 1 120
lab_check restart-programs programs

echo "@@ $(date +%s) stop"
lab_check stop svc pulse stop
lab_check stopped-left leftovers
lab_check status-after-stop svc pulse status
lab_check traffic-stopped ip netns exec client curl -sS -m 3 http://192.0.2.10/

echo "@@ $(date +%s) gui"
lab_check gui-start svc piranha-gui start
if [[ -x /usr/sbin/piranha-gui ]]; then
  lab_check gui-status svc piranha-gui status
  lab_check gui-stop svc piranha-gui stop
fi
echo "@@ $(date +%s) end"
lab_check syslog cat "$work/messages"
exit 0
