#!/bin/sh
# /init of the LIO test guest (busybox sh), used by scripts/lio-vm-test.sh.
#
# Loads the LIO modules, mounts configfs, brings up the user-net NIC, mounts the host's root
# read-only over virtio-9p (to run the host's JDK and the built CLI jar in a chroot) and a
# second, uncached and writable 9p share "ctl" through which the host sends commands:
# the host writes ctl/cmd.<n> (a shell script), the guest runs it and writes ctl/out.<n> and
# then ctl/rc.<n>. Every wait is bounded; the guest powers off when told to or after
# gvm.idle seconds without a command. Lines on the serial console start with "GVM[uptime]".
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
exec </dev/console >/dev/console 2>&1

log() { echo "GVM[$(cut -d' ' -f1 /proc/uptime)] $*"; }
die() { log "FATAL: $*"; sleep 1; poweroff -f; }
arg() { for w in $(cat /proc/cmdline); do case "$w" in "$1="*) echo "${w#*=}";; esac; done; }

log "init (kernel $(uname -r))"
for m in configfs crc32c_generic target_core_mod iscsi_target_mod target_core_file \
	target_core_iblock target_core_user virtio_pci virtio_net 9pnet_virtio 9p; do
	modprobe "$m" || die "modprobe $m"
done
mount -t configfs configfs /sys/kernel/config || die "mount configfs"
# the iscsi fabric directory appears on its first mkdir (the kernel registers the fabric then)
mkdir -p /sys/kernel/config/target/iscsi || die "no iscsi fabric in configfs"

ip link set lo up
i=0; while [ ! -e /sys/class/net/eth0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
ip addr add 10.0.2.15/24 dev eth0 && ip link set eth0 up || die "eth0"

mkdir -p /host /ctl /tmp
mount -t tmpfs tmpfs /tmp
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144,cache=loose hostroot /host || die "9p hostroot"
# cache=none: files the host creates after boot must be seen at once
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144,cache=none ctl /ctl || die "9p ctl"
# the chroot sees the real configfs at its usual place, a guest tmpfs as /tmp (fileio images,
# JVM temp files) and the ctl share as /run/gvm
mount -t proc proc /host/proc && mount -t sysfs sys /host/sys &&
	mount -t configfs configfs /host/sys/kernel/config && mount -t devtmpfs dev /host/dev &&
	mount -t tmpfs -o size=$(arg gvm.tmp_mb)m tmpfs /host/tmp && mount -o bind /ctl /host/run ||
	die "chroot mounts"
log "READY $(cat /sys/kernel/config/target/version)"

idle=$(arg gvm.idle); idle=${idle:-600}
n=1; waited=0
while [ "$waited" -lt $((idle * 10)) ]; do
	if [ -e /ctl/cmd.$n ]; then
		log "cmd.$n start"
		sh /ctl/cmd.$n > /ctl/out.$n 2>&1
		rc=$?
		echo $rc > /ctl/rc.$n.tmp && mv /ctl/rc.$n.tmp /ctl/rc.$n
		log "cmd.$n rc=$rc"
		n=$((n + 1)); waited=0
		[ -e /ctl/poweroff ] && break
	else
		sleep 0.1; waited=$((waited + 1))
	fi
done
log "poweroff"
sync
poweroff -f
