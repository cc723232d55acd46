#!/usr/bin/env bash
# Real-kernel test of lio-configfs (issue 4): boots Debian's stock kernel in qemu (TCG), runs the
# lio-configfs CLI inside the guest against the real /sys/kernel/config/target (the host's root
# is shared read-only over virtio-9p, so the guest runs the host's JDK and the built jar), and
# checks the result from the host with libiscsi's userspace initiator through a port forwarded
# on 127.0.0.1. qemu and every host-side tool run inside `unshare -n` (a network namespace with
# only loopback), so nothing can leave the host even if a tool followed the guest-internal
# portal address that SendTargets returns.
#
#   scripts/lio-vm-test.sh                    # the whole test (steps 1-4), exit 0 when all pass
#   scripts/lio-vm-test.sh --update-defaults  # also rewrite the simulator's kernel-tree fixture
#
# Environment: LIO_VM_CACHE (kernel cache, see scripts/deps/lio-vm.sh), LIO_VM_WORK (work dir,
# default /var/tmp/iscsigw-lio-vm/run), LIO_VM_PORT (host port, default 13260 in the private
# netns), LIO_VM_KEEP=1 keeps the work dir.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${LIO_VM_CACHE:-/var/tmp/iscsigw-lio-vm}
W=${LIO_VM_WORK:-$CACHE/run}
PORT=${LIO_VM_PORT:-13260}
VMDIR=$ROOT/lio-configfs/src/test/vm
FIXTURE=$ROOT/lio-configfs/src/main/resources/io/github/iscsigw/lio/sim/kernel-tree.txt
UPDATE_DEFAULTS=0
[ "${1:-}" = "--update-defaults" ] && UPDATE_DEFAULTS=1

if [ -z "${LIO_VM_IN_NETNS:-}" ]; then
	# ---------- outside the netns: packages, kernel, CLI jar ----------
	bash "$ROOT/scripts/deps/lio-vm.sh" || { echo "FAIL: dependencies"; exit 2; }
	jar=$(ls "$ROOT"/lio-configfs/target/lio-configfs-*-cli.jar 2>/dev/null | head -1)
	if [ -z "$jar" ] || [ -n "$(find "$ROOT/lio-configfs/src/main" "$ROOT/lio-configfs/pom.xml" -newer "$jar" -type f -print -quit)" ]; then
		echo "building the lio-configfs CLI jar"
		(cd "$ROOT" && mvn -q -B -ntp -pl lio-configfs -DskipTests -Dspring-javaformat.skip=true package) ||
			{ echo "FAIL: build"; exit 2; }
	fi
	export LIO_VM_IN_NETNS=1
	exec timeout 1200 unshare -n bash "$0" "$@"
fi

# ---------- inside the private netns (loopback only) ----------
ip link set lo up || { echo "FAIL: cannot bring up lo in the netns"; exit 2; }
JAR=$(ls "$ROOT"/lio-configfs/target/lio-configfs-*-cli.jar | head -1)
KVER=$(ls "$CACHE/kroot/lib/modules" | head -1)
VMLINUZ=$CACHE/kroot/boot/vmlinuz-$KVER
FAILS=0; PASSES=0
ok() { PASSES=$((PASSES + 1)); echo "PASS: $*"; }
bad() { FAILS=$((FAILS + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
T0=$(date +%s)

rm -rf "$W"; mkdir -p "$W/ctl"
# ---------- initramfs: busybox + the module closure of LIO and virtio/9p ----------
R=$W/initramfs
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,lib/modules/$KVER}
cp /bin/busybox "$R/bin/busybox"
for a in $(/bin/busybox --list-full); do [ -e "$R/$a" ] || ln -s /bin/busybox "$R/$a"; done
for m in configfs crc32c_generic target_core_mod iscsi_target_mod target_core_file target_core_iblock \
	target_core_user virtio_pci virtio_net 9pnet_virtio 9p; do
	modprobe -d "$CACHE/kroot" -S "$KVER" --show-depends "$m" | awk '$1=="insmod"{print $2}'
done | sort -u | while read -r f; do
	rel=${f#"$CACHE/kroot/"}; mkdir -p "$R/$(dirname "$rel")"; cp "$f" "$R/$rel"
done
cp "$CACHE/kroot/lib/modules/$KVER"/modules.{order,builtin,builtin.modinfo} "$R/lib/modules/$KVER/"
depmod -b "$R" "$KVER" || { echo "FAIL: depmod"; exit 2; }
cp "$VMDIR/guest-init.sh" "$R/init"; chmod 755 "$R/init"
(cd "$R" && find . | cpio -o -H newc --quiet | gzip -1) > "$W/initramfs.cpio.gz"

# ---------- boot ----------
LOG=$W/console.log
timeout 1100 qemu-system-x86_64 -accel tcg,thread=multi -cpu max -smp 2 -m 2048 \
	-nodefaults -no-user-config -display none -monitor none -no-reboot \
	-serial "file:$LOG" -kernel "$VMLINUZ" -initrd "$W/initramfs.cpio.gz" \
	-append "console=ttyS0 quiet panic=-1 gvm.idle=300 gvm.tmp_mb=512" \
	-netdev "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:$PORT-:3260" \
	-device virtio-net-pci,netdev=n0,romfile= \
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
	-virtfs local,path="$W/ctl",mount_tag=ctl,security_model=none \
	> "$W/qemu.out" 2>&1 &
QPID=$!
cleanup() {
	touch "$W/ctl/poweroff" 2>/dev/null
	kill "$QPID" 2>/dev/null; wait "$QPID" 2>/dev/null
	[ "${LIO_VM_KEEP:-0}" = 1 ] || rm -rf "$W/initramfs" "$W/initramfs.cpio.gz"
}
trap cleanup EXIT

wait_log() { # pattern seconds
	local end=$(($(date +%s) + $2))
	while [ "$(date +%s)" -lt "$end" ]; do
		grep -q "$1" "$LOG" 2>/dev/null && return 0
		kill -0 "$QPID" 2>/dev/null || return 2
		sleep 0.5
	done
	return 1
}
if wait_log 'GVM.*READY\|FATAL' 300 && grep -q 'GVM.*READY' "$LOG"; then
	ok "guest booted kernel $KVER with LIO in $(($(date +%s) - T0))s ($(grep -o 'READY.*' "$LOG" | cut -c7-))"
else
	bad "guest did not boot"; tail -n 30 "$LOG" "$W/qemu.out"; exit 1
fi

# ---------- guest command channel ----------
N=0
guest() { # script text -> runs in the guest; prints its output; returns its exit code
	N=$((N + 1))
	printf '%s\n' "$1" > "$W/ctl/cmd.$N.tmp" && mv "$W/ctl/cmd.$N.tmp" "$W/ctl/cmd.$N"
	local i=0
	while [ ! -e "$W/ctl/rc.$N" ] && [ $i -lt 3000 ]; do sleep 0.1; i=$((i + 1)); done
	cat "$W/ctl/out.$N" 2>/dev/null
	[ -e "$W/ctl/rc.$N" ] || { echo "(guest command $N timed out)"; return 124; }
	return "$(cat "$W/ctl/rc.$N")"
}
CFS=/sys/kernel/config/target
cli() { # CLI in the guest chroot: cli <command> [args...]
	guest "chroot /host /usr/bin/java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar $JAR $*"
}

# ---------- kernel defaults for the simulator ----------
cp "$VMDIR/dump-defaults.sh" "$W/ctl/dump-defaults.sh"
guest "sh /ctl/dump-defaults.sh" > "$W/kernel-tree.raw"; rc=$?
check "dumped the kernel's default tree (rc=$rc, $(grep -c . "$W/kernel-tree.raw") entries)" [ $rc = 0 ]
{ echo "# Dump of /sys/kernel/config/target on Linux $KVER by lio-configfs/src/test/vm/dump-defaults.sh"
  echo "# (written by scripts/lio-vm-test.sh --update-defaults; the configfs simulator's defaults)"
  grep -v '^#' "$W/kernel-tree.raw"; } > "$W/kernel-tree.txt"
if [ "$UPDATE_DEFAULTS" = 1 ]; then
	mkdir -p "$(dirname "$FIXTURE")"; cp "$W/kernel-tree.txt" "$FIXTURE"; echo "updated $FIXTURE"
fi
