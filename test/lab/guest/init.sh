#!/bin/busybox sh
# Stage 1, PID 1 in the initramfs: load the drivers needed to reach the host's root over 9p,
# stack a tmpfs overlay on it (the host tree stays read-only) and switch_root into it.
# switch_root (not chroot) so that PID 1, and with it the kernel's module autoloader, sees the
# new root.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t devtmpfs dev /dev
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sys /sys

fail() {
  echo "lab-init: $*"
  # The host reads a missing end marker as a failed boot; powering off ends qemu quickly.
  poweroff -f
}

# Dependencies come first in this list (the host sorted it with modules.dep).
while read -r mod; do
  insmod "/modules/$mod" || fail "insmod $mod failed"
done </modules/load-order

mkdir -p /mnt/lower /mnt/rw /mnt/root
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000 hostroot /mnt/lower ||
  fail "cannot mount the host root over 9p"
mount -t tmpfs -o mode=0755 rw /mnt/rw
mkdir -p /mnt/rw/upper /mnt/rw/work
mount -t overlay -o lowerdir=/mnt/lower,upperdir=/mnt/rw/upper,workdir=/mnt/rw/work overlay \
  /mnt/root || fail "cannot mount the overlay"
# Stage 2 is a file in the host tree (the repository), named on the kernel command line.
stage2=
for word in $(cat /proc/cmdline); do
  case $word in
  lab.stage2=*) stage2=${word#lab.stage2=} ;;
  esac
done
[ -f "/mnt/root$stage2" ] || fail "stage 2 script '$stage2' not found in the host tree"
for fs in dev proc sys; do mount --move "/$fs" "/mnt/root/$fs"; done
exec switch_root /mnt/root /bin/sh "$stage2"
