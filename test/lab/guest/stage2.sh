#!/bin/sh
# Stage 2: PID 1 in the host's tree (read-only 9p under a tmpfs overlay). Gives the guest its
# own /tmp, /run and /lib/modules (the unpacked Debian kernel's), runs the host's script with
# its output alone on ttyS1 between markers, and powers off. The kernel console stays on
# ttyS0, so kernel messages never mix with the script's output.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
exec </dev/null >/dev/ttyS0 2>&1

power_off() {
  busybox poweroff -f
  echo o >/proc/sysrq-trigger
}

run_dir=
for word in $(cat /proc/cmdline); do
  case $word in
  lab.run=*) run_dir=${word#lab.run=} ;;
  esac
done
if [ ! -r "$run_dir/lab.env" ]; then
  echo "lab-stage2: no lab.env in run directory '$run_dir'"
  power_off
fi
# Sets LAB_NONCE, LAB_REPO, LAB_MODULES and LAB_CWD (written by the host, shell-quoted).
. "$run_dir/lab.env"

# The repository may itself live under /tmp or /run (a CI clone): hold on to it before the
# guest's own tmpfs hide those, and put it back at the same path afterwards.
mkdir -p /mnt/lab-repo
mount --bind "$LAB_REPO" /mnt/lab-repo
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tmpfs -o mode=0755 tmpfs /run
mkdir -p "$LAB_REPO"
mount --bind /mnt/lab-repo "$LAB_REPO"
mkdir -p /lib/modules
mount --bind "$LAB_MODULES" /lib/modules
echo lab >/proc/sys/kernel/hostname
ip link set lo up
echo "lab-stage2: script starts at $(cut -d' ' -f1 /proc/uptime)s of uptime"

# Raw mode: no \n -> \r\n translation, no echo of anything the host might send.
stty -F /dev/ttyS1 raw -echo
echo "@@LAB-BEGIN $LAB_NONCE" >/dev/ttyS1
(cd "$LAB_CWD" && exec /bin/sh "$run_dir/run.sh") </dev/null >/dev/ttyS1 2>&1
echo "@@LAB-END $LAB_NONCE $?" >/dev/ttyS1
power_off
