#!/usr/bin/env bash
# Installs (idempotently) what scripts/lio-vm-test.sh needs: qemu (TCG is enough), the libiscsi
# command-line initiator, qemu's iSCSI block driver, busybox for the guest's initramfs, and
# Debian's stock kernel (downloaded, unpacked and depmod'ed into a cache folder; not installed).
#
#   LIO_VM_CACHE   where the kernel is unpacked (default /var/tmp/iscsigw-lio-vm; not /tmp:
#                  the guest mounts its own tmpfs there)
set -euo pipefail
cache="${LIO_VM_CACHE:-/var/tmp/iscsigw-lio-vm}"
sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"

need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
command -v qemu-img >/dev/null || need+=(qemu-utils)
[ -e /usr/lib/x86_64-linux-gnu/qemu/block-iscsi.so ] || need+=(qemu-block-extra)
{ [ -x /bin/busybox ] && /bin/busybox --list | grep -qx modprobe; } || need+=(busybox-static)
command -v iscsi-ls >/dev/null || need+=(libiscsi-bin)
command -v cpio >/dev/null || need+=(cpio)
command -v depmod >/dev/null || need+=(kmod)
command -v unshare >/dev/null || need+=(util-linux)
command -v ip >/dev/null || need+=(iproute2)
if [ ${#need[@]} -gt 0 ]; then
	echo "lio-vm deps: installing ${need[*]}"
	timeout 600 $sudo apt-get update -qq
	timeout 900 $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 \
		install -y -qq --no-install-recommends "${need[@]}"
fi

# Debian's kernel: every LIO piece (configfs, target_core_*, iscsi_target_mod) is a module there.
mkdir -p "$cache"
if ! ls "$cache"/kroot/boot/vmlinuz-* >/dev/null 2>&1; then
	pkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
	[ -n "$pkg" ] || { timeout 600 $sudo apt-get update -qq; pkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/{print $2; exit}'); }
	[ -n "$pkg" ] || { echo "lio-vm deps: cannot resolve the kernel package" >&2; exit 1; }
	echo "lio-vm deps: downloading $pkg"
	rm -f "$cache"/linux-image-*.deb
	(cd "$cache" && timeout 900 apt-get download "$pkg")
	rm -rf "$cache/kroot.tmp"
	timeout 300 dpkg -x "$cache/$pkg"_*.deb "$cache/kroot.tmp"
	rm -f "$cache"/linux-image-*.deb
	mv "$cache/kroot.tmp" "$cache/kroot"
fi
kver=$(ls "$cache/kroot/lib/modules" | head -1)
[ -e "$cache/kroot/lib/modules/$kver/modules.dep" ] || timeout 300 depmod -b "$cache/kroot" "$kver"
echo "lio-vm deps: ok (kernel $kver in $cache/kroot)"
