#!/usr/bin/env bash
# Installs the Debian packages the test suites use, only those missing.
set -euo pipefail

needed=(
  iproute2
  # netns suite (test/netns): captures on the receiving end of a veth pair, sysctl in a namespace
  tcpdump procps
  # pulse failover tests (test/netns/pulse*): the heartbeat port firewalled in a namespace
  iptables
  # kernel lab (test/lab): QEMU, the static busybox of its initramfs, depmod/modprobe,
  # cpio for the initramfs, xz for the uncompressed kernel, ipvsadm and curl in the guest
  qemu-system-x86 busybox-static kmod cpio xz-utils ipvsadm curl
  # manual pages (test/unit/man-pages) and packaging (test/package): man -l, rpmbuild,
  # systemd-analyze verify for the units
  man-db rpm systemd
)

missing=()
for pkg in "${needed[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

# The kernel lab downloads the kernel that linux-image-amd64 depends on: apt needs lists.
lists_ok=1
apt-cache show linux-image-amd64 >/dev/null 2>&1 || lists_ok=0

if ((${#missing[@]} == 0 && lists_ok)); then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing Debian packages: ${missing[*]:-none}, apt lists ok: $lists_ok" \
    "(run as root to install)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if ((${#missing[@]} > 0)); then
  echo "install-deps: installing ${missing[*]}"
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
