#!/usr/bin/env bash
# Real-kernel test of lio-configfs (issue 4): boots Debian's stock kernel in qemu (TCG), runs the
# lio-configfs CLI inside the guest against the real /sys/kernel/config/target (the host's root
# is shared read-only over virtio-9p, so the guest runs the host's JDK and the built jar), and
# checks the result from the host with libiscsi's userspace initiator through a port forwarded
# on 127.0.0.1. qemu and every host-side tool run inside `unshare -n` (a network namespace with
# only loopback), so nothing can leave the host even if a tool followed the guest-internal
# portal address that SendTargets returns.
#
#   scripts/lio-vm-test.sh                    # the whole test (steps 1-7), exit 0 when all pass
#   scripts/lio-vm-test.sh --update-defaults  # also rewrite the simulator's kernel-tree fixture
#
# Environment: LIO_VM_CACHE (kernel cache, see scripts/deps/lio-vm.sh), LIO_VM_WORK (work dir,
# default /var/tmp/iscsigw-lio-vm/run), LIO_VM_PORT (host port, default 13260 in the private
# netns), LIO_VM_KEEP=1 keeps the work dir, LIO_VM_GATEWAY_ONLY=1 skips steps 1-6 (development).
#
# Step 7 runs the gateway daemon (api-server/target/iscsi-gateway.jar, embedded mode) in the guest:
# its reconciler derives the LIO tree from the gateway.conf fixture scripts/vm/gateway.conf and
# writes it into the real configfs; a real initiator then logs in with the client's CHAP secret.
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
	if [ ! -f "$ROOT/api-server/target/iscsi-gateway.jar" ]; then
		echo "building the gateway jar"
		(cd "$ROOT" && mvn -q -B -ntp -DskipTests -Dspring-javaformat.skip=true -pl api-server -am install) ||
			{ echo "FAIL: build"; exit 2; }
	fi
	export LIO_VM_IN_NETNS=1
	exec timeout 1200 unshare -n bash "$0" "$@"
fi

# ---------- inside the private netns (loopback only) ----------
ip link set lo up || { echo "FAIL: cannot bring up lo in the netns"; exit 2; }
JAR=$(ls "$ROOT"/lio-configfs/target/lio-configfs-*-cli.jar | head -1)
GWJAR=$ROOT/api-server/target/iscsi-gateway.jar
KVER=$(ls "$CACHE/kroot/lib/modules" | head -1)
VMLINUZ=$CACHE/kroot/boot/vmlinuz-$KVER
FAILS=0; PASSES=0
ok() { PASSES=$((PASSES + 1)); echo "PASS: $*"; }
bad() { FAILS=$((FAILS + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
T0=$(date +%s)

rm -rf "$W"; mkdir -p "$W/ctl"
# The guest mounts its own tmpfs on /tmp, so a checkout under /tmp (where CI may clone) is
# invisible there: the guest runs copies of the jars and the desired-state files from the work folder.
cp "$JAR" "$W/lio-configfs-cli.jar" && JAR=$W/lio-configfs-cli.jar
cp -r "$VMDIR" "$W/vm" && VMDIR=$W/vm
if [ -n "${GWJAR:-}" ] && [ -f "$GWJAR" ]; then cp "$GWJAR" "$W/iscsi-gateway.jar" && GWJAR=$W/iscsi-gateway.jar; fi
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

# ---------- class data sharing archive for the CLI ----------
# The JVM runs under TCG in the guest, where loading and verifying ~2000 classes dominates each
# CLI call; an AppCDS archive made here by the same JDK and jar (seen by the guest through 9p)
# cuts that. Without it (or if it does not match) the JVM just loads classes normally.
JSA=$W/cli.jsa
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ArchiveClassesAtExit="$JSA" -jar "$JAR" apply --check --sim --root "$W/cds-sim" \
	--desired "$VMDIR/step3.json" > "$W/cds.log" 2>&1 || echo "(no CDS archive: $(tail -n 1 "$W/cds.log"))"
rm -rf "$W/cds-sim"
# the same for the gateway jar (step 7): Spring Boot's extracted layout (CDS cannot archive classes
# from nested jars), and a training run that stops after the context refresh, with a scratch data
# dir and a configfs root that does not exist (so the gateway uses its simulator there, never the
# host's kernel), listening only inside this netns
GWRUN=$GWJAR; GWJSA=$W/gw.jsa
GWNAME=vm-gw1.iscsigw.test # the portal gateway of scripts/vm/gateway.conf
rm -rf "$W/gwx" "$W/gw-train"; mkdir -p "$W/gw-train/data/config"
cp "$ROOT/scripts/vm/gateway.conf" "$W/gw-train/data/config/gateway.conf"
printf 3 > "$W/gw-train/data/config/gateway.conf.epoch"
mkdir -p "$W/gw-train/data/images/rbd/vmdisk" && printf 1 > "$W/gw-train/data/images/rbd/.pool-id" &&
	truncate -s 50331648 "$W/gw-train/data/images/rbd/vmdisk/data"
printf '[config]\napi_host = 127.0.0.1\napi_secure = false\napi_port = 5000\n' > "$W/gw-train/gateway.cfg"
if java -Djarmode=tools -jar "$GWJAR" extract --destination "$W/gwx" > "$W/gw-cds.log" 2>&1 &&
	timeout 120 java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ArchiveClassesAtExit="$GWJSA" -Dspring.context.exit=onRefresh \
		-jar "$W/gwx/iscsi-gateway.jar" --gateway.mode=embedded --gateway.data-dir="$W/gw-train/data" \
		--config="$W/gw-train/gateway.cfg" --gateway.name=$GWNAME --gateway.configfs-root="$W/gw-train/no-configfs" \
		>> "$W/gw-cds.log" 2>&1; then
	GWRUN=$W/gwx/iscsi-gateway.jar
else
	echo "(no CDS archive for the gateway: $(tail -n 1 "$W/gw-cds.log"))"
fi
rm -rf "$W/gw-train"

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
echo 0 > "$W/seq"
guest() { # script text -> runs in the guest; prints its output; returns its exit code
	# the sequence number lives in a file: callers often run this in a $(...) subshell
	local N=$(($(cat "$W/seq") + 1)); echo $N > "$W/seq"
	printf '%s\n' "$1" > "$W/ctl/cmd.$N.tmp" && mv "$W/ctl/cmd.$N.tmp" "$W/ctl/cmd.$N"
	local i=0
	while [ ! -e "$W/ctl/rc.$N" ] && [ $i -lt 3000 ]; do sleep 0.1; i=$((i + 1)); done
	cat "$W/ctl/out.$N" 2>/dev/null
	[ -e "$W/ctl/rc.$N" ] || { echo "(guest command $N timed out)"; return 124; }
	return "$(cat "$W/ctl/rc.$N")"
}
CFS=/sys/kernel/config/target
cli() { # CLI in the guest chroot: cli <command> [args...]
	guest "chroot /host /usr/bin/java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -XX:SharedArchiveFile=$JSA -Xlog:cds=off -Xlog:cds+dynamic=off -jar $JAR $*"
}

# ---------- kernel defaults for the simulator ----------
cp "$VMDIR/dump-defaults.sh" "$W/ctl/dump-defaults.sh"
guest "sh /ctl/dump-defaults.sh" > "$W/kernel-tree.raw"; rc=$?
check "dumped the kernel's default tree (rc=$rc, $(grep -c . "$W/kernel-tree.raw") entries)" [ $rc = 0 ]
{ echo "# Dump of /sys/kernel/config/target on Linux $KVER by lio-configfs/src/test/vm/dump-defaults.sh"
  echo "# (written by scripts/lio-vm-test.sh --update-defaults; the configfs simulator's defaults)"
  grep -v '^#' "$W/kernel-tree.raw"; } > "$W/kernel-tree.txt"
# the simulator must know exactly the directories, files and modes of this kernel
shape() { grep -v '^#' "$1" | sed -e 's/ = .*//' -e 's/ (.*//' | grep -v 'statistics' | sort; }
check "simulator fixture has the same directories, files and modes as this kernel" \
	diff <(shape "$W/kernel-tree.txt") <(shape "$FIXTURE")
if [ "$UPDATE_DEFAULTS" = 1 ]; then
	mkdir -p "$(dirname "$FIXTURE")"; cp "$W/kernel-tree.txt" "$FIXTURE"; echo "updated $FIXTURE"
fi

# ---------- helpers for the steps ----------
VM=$VMDIR
apply_step() { # name -> applies vm/<name>.json with --check (observe == desired, next plan empty);
	# the CLI prints the plan first, kept in $W/plan-<name>.txt
	cli apply --check --root $CFS --desired "$VM/$1.json" > "$W/plan-$1.txt"; local rc=$?
	tail -n 3 "$W/plan-$1.txt" | sed 's/^/    /'
	[ $rc = 0 ] && grep -q '^converged' "$W/plan-$1.txt"
}
planned() { # name expected-step-types... -> the applied plan had exactly these steps
	local name=$1; shift
	[ "$(awk '$1 ~ /^[0-9]+$/ && NF > 2 {print $3}' "$W/plan-$name.txt" | cut -d[ -f1 | tr '\n' ' ')" = "$* " ]
}
URL=iscsi://127.0.0.1:$PORT
FIO=iqn.2003-01.io.github.iscsigw:vm-fileio
CEPH=iqn.2003-01.io.github.iscsigw:vm-ceph
I1=iqn.1994-05.io.github.iscsigw:vm-init1
I2=iqn.1994-05.io.github.iscsigw:vm-init2
run() { # name timeout cmd... -> output in $W/<name>.txt, sets RC
	timeout "$2" "${@:3}" > "$W/$1.txt" 2>&1; RC=$?
}
refused() { [ "$RC" != 0 ] && [ "$RC" != 124 ]; }
iscsi_opts() { # target lun initiator user secret-id
	echo "driver=iscsi,transport=tcp,portal=127.0.0.1:$PORT,target=$1,lun=$2,initiator-name=$3,user=$4,password-secret=$5"
}

if [ -z "${LIO_VM_GATEWAY_ONLY:-}" ]; then # (development: LIO_VM_GATEWAY_ONLY=1 runs only step 7)
# ---------- step 1: fileio target, two LUNs, CHAP + mutual CHAP ACL, second ACL with LUN 1 only ----------
echo "--- step 1: fileio target with two LUNs and two ACLs"
check "step 1 applied by the CLI on the real kernel; re-observed tree equals desired, next plan empty" apply_step step1
for i in $(seq 1 60); do timeout 20 iscsi-ls -i "$I1" "$URL" > "$W/ls.txt" 2>&1 && break; sleep 0.5; done
check "SendTargets discovery lists $FIO" grep -q "Target:$FIO " "$W/ls.txt"
C1="iscsi://vmuser1%vmsecret1pass@127.0.0.1:$PORT"
run inq 60 iscsi-inq -i "$I1" "$C1/$FIO/0"
check "INQUIRY through CHAP answers (LIO-ORG)" eval '[ $RC = 0 ] && grep -q LIO-ORG "$W/inq.txt"'
run inq80 60 iscsi-inq -i "$I1" -e 1 -c 128 "$C1/$FIO/0"
check "VPD page 0x80 shows the unit serial written by the CLI (disk0-serial)" grep -q 'disk0-serial' "$W/inq80.txt"
run rc16 60 iscsi-readcapacity16 -i "$I1" "$C1/$FIO/0"
check "READ CAPACITY(16) = 64 MiB on LUN 0" eval '[ $RC = 0 ] && grep -q "Total size:67108864" "$W/rc16.txt"'
run mutual 60 iscsi-inq -i "$I1" "$C1/$FIO/0?target_user=vmtarget1&target_password=vmtargetsecret1"
check "login with mutual CHAP (target authenticates back)" eval '[ $RC = 0 ] && grep -q LIO-ORG "$W/mutual.txt"'
run mutual_bad 60 iscsi-inq -i "$I1" "$C1/$FIO/0?target_user=vmtarget1&target_password=notthetargetsecret"
check "mutual CHAP: the initiator rejects a target that answers with another secret (rc=$RC)" refused
head -c 4194304 /dev/urandom > "$W/rand.bin"
run write 300 qemu-img convert -n -f raw "$W/rand.bin" --object secret,id=s0,data=vmsecret1pass \
	--target-image-opts "$(iscsi_opts $FIO 0 $I1 vmuser1 s0)"
check "4 MiB of random data written through one session (qemu-img, CHAP)" [ $RC = 0 ]
run read 300 qemu-img convert --object secret,id=s0,data=vmsecret1pass --image-opts "$(iscsi_opts $FIO 0 $I1 vmuser1 s0)" \
	-O raw "$W/back.bin"
check "read back in another session and identical" eval '[ $RC = 0 ] && cmp -n 4194304 "$W/rand.bin" "$W/back.bin"'
run badpw 60 iscsi-inq -i "$I1" "iscsi://vmuser1%wrongsecret999@127.0.0.1:$PORT/$FIO/0"
check "wrong CHAP secret: login refused (rc=$RC)" refused
run noacl 60 iscsi-inq -i iqn.1994-05.io.github.iscsigw:stranger "$C1/$FIO/0"
check "initiator without an ACL: login refused (rc=$RC)" refused
C2="iscsi://vmuser2%vmsecret2pass@127.0.0.1:$PORT"
run i2lun1 60 iscsi-readcapacity16 -i "$I2" "$C2/$FIO/1"
check "second initiator sees its mapped LUN 1 (32 MiB)" eval '[ $RC = 0 ] && grep -q "Total size:33554432" "$W/i2lun1.txt"'
run i2lun0 60 iscsi-readcapacity16 -i "$I2" "$C2/$FIO/0"
# an initiator without LUN 0 gets LIO's 32 KiB virtual LUN 0 (or nothing), never disk0
check "second initiator does not see disk0 at LUN 0 ($(grep -o 'Total size:[0-9]*' "$W/i2lun0.txt" || echo "rc=$RC"))" \
	eval '! grep -q "Total size:67108864" "$W/i2lun0.txt"'
run i2inq0 60 iscsi-inq -i "$I2" -e 1 -c 128 "$C2/$FIO/0"
check "and LUN 0 is not disk0 for it (no disk0 serial in VPD 0x80)" eval '! grep -q disk0-serial "$W/i2inq0.txt"' 

# ---------- step 2: TCMU storage object as lio-layout.md §2-§3 ----------
echo "--- step 2: user (TCMU) storage object, LUN, ALUA group"
check "step 2 applied; converged" apply_step step2
guest 'T=/sys/kernel/config/target; d=$(ls -d $T/core/user_*/rbd.disk_1); cd $d
for f in enable attrib/dev_config attrib/dev_size attrib/max_data_area_mb attrib/hw_max_sectors wwn/vpd_unit_serial \
	attrib/cmd_time_out attrib/qfull_time_out alua/ao/tg_pt_gp_id alua/ao/alua_access_state alua/ao/alua_access_type \
	alua/ao/alua_support_active_optimized alua/ao/alua_support_active_nonoptimized alua/ao/alua_support_offline \
	alua/ao/alua_support_unavailable alua/ao/alua_support_transitioning alua/ao/implicit_trans_secs \
	alua/ao/nonop_delay_msecs alua/ao/preferred alua/ao/members; do printf "%s = %s\n" $f "$(cat $f | head -1)"; done
printf "lun alua_tg_pt_gp = %s\n" "$(head -1 $T/iscsi/'"$CEPH"'/tpgt_1/lun/lun_0/alua_tg_pt_gp)"
for f in $T/iscsi/'"$CEPH"'/tpgt_1/lun/lun_0/*; do [ -L "$f" ] && printf "lun link -> %s\n" "$(readlink $f)"; done' > "$W/tcmu.txt"
sed 's/^/    /' "$W/tcmu.txt"
cat > "$W/tcmu.expected" <<EXP
enable = 1
attrib/dev_config = rbd/rbd/disk_1;osd_op_timeout=30
attrib/dev_size = 314572800
attrib/max_data_area_mb = 8
attrib/hw_max_sectors = 1024
wwn/vpd_unit_serial = T10 VPD Unit Serial Number: 3d7baabe-805c-44bd-8fed-d5f05c202007
attrib/cmd_time_out = 0
attrib/qfull_time_out = 5
alua/ao/tg_pt_gp_id = 1
alua/ao/alua_access_state = 0
alua/ao/alua_access_type = Implicit
alua/ao/alua_support_active_optimized = 1
alua/ao/alua_support_active_nonoptimized = 1
alua/ao/alua_support_offline = 0
alua/ao/alua_support_unavailable = 0
alua/ao/alua_support_transitioning = 1
alua/ao/implicit_trans_secs = 45
alua/ao/nonop_delay_msecs = 0
alua/ao/preferred = 0
alua/ao/members = iSCSI/$CEPH/tpgt_1/lun_0
lun alua_tg_pt_gp = TG Port Alias: ao
EXP
check "TCMU object, its ALUA group and the LUN binding read back exactly as lio-layout.md §2-§3 (golden values)" \
	diff <(grep -v '^lun link' "$W/tcmu.txt") "$W/tcmu.expected"
check "the LUN links to the TCMU storage object" grep -q 'lun link -> .*target/core/user_[0-9]*/rbd.disk_1$' "$W/tcmu.txt"

# ---------- step 3: multi-gateway shape (lio-layout.md §4) ----------
echo "--- step 3: three TPGs, own enabled, two disabled placeholders with the other gateways' portals"
check "step 3 applied; converged" apply_step step3
guest 'T=/sys/kernel/config/target/iscsi/'"$CEPH"'
for t in 1 2 3; do printf "tpgt_%s enable=%s sendtargets=%s np=%s lun0=%s\n" $t "$(cat $T/tpgt_$t/enable)" \
	"$(cat $T/tpgt_$t/attrib/tpg_enabled_sendtargets)" "$(ls $T/tpgt_$t/np)" "$(head -1 $T/tpgt_$t/lun/lun_0/alua_tg_pt_gp | cut -d: -f2)"; done' > "$W/tpgs.txt"
sed 's/^/    /' "$W/tpgs.txt"
printf '%s\n' "tpgt_1 enable=1 sendtargets=1 np=10.0.2.15:3260 lun0= ao" \
	"tpgt_2 enable=0 sendtargets=0 np=192.168.100.12:3260 lun0= ano2" \
	"tpgt_3 enable=0 sendtargets=0 np=192.168.100.13:3260 lun0= ano3" > "$W/tpgs.expected"
check "kernel accepted 3 TPGs: own enabled, placeholders disabled with non-local portals, ALUA ao/ano2/ano3" diff "$W/tpgs.txt" "$W/tpgs.expected"
run ls3 60 iscsi-ls -i "$I1" "$URL"
check "SendTargets on this node also returns the other gateways' portals" \
	eval 'grep -q "192.168.100.12:3260,2" "$W/ls3.txt" && grep -q "192.168.100.13:3260,3" "$W/ls3.txt"'

# ---------- step 4: idempotence and minimal diffs on the real tree ----------
echo "--- step 4: minimal diffs"
# every apply above ran with --check: after it, the real tree was observed again, equal to the
# desired state, and planning again gave an empty plan
check "after each apply the re-observed real tree equals desired and the next plan is empty (steps 1-3)" \
	eval 'for s in step1 step2 step3; do grep -q "^converged" "$W/plan-$s.txt" || exit 1; done'
check "removing one ACL: applied, converged" apply_step step4a
check "removing one ACL planned exactly DeleteMappedLun + DeleteNodeAcl" planned step4a DeleteMappedLun DeleteNodeAcl
run acl_gone 60 iscsi-inq -i "$I2" "$C2/$FIO/1"
check "the removed initiator can no longer log in (rc=$RC)" refused
check "changing one TPG parameter: applied, converged" apply_step step4b
check "changing one TPG parameter planned exactly one SetParameter" planned step4b SetParameter
check "the kernel holds the new value (MaxOutstandingR2T=4)" \
	eval 'guest "cat /sys/kernel/config/target/iscsi/$FIO/tpgt_1/param/MaxOutstandingR2T" | grep -qx 4'
check "deleting one LUN: applied, converged" apply_step step4c
check "deleting one LUN planned exactly DeleteMappedLun + DeleteLun" planned step4c DeleteMappedLun DeleteLun
run lun1_gone 60 iscsi-readcapacity16 -i "$I1" "$C1/$FIO/1"
check "the deleted LUN is gone for the initiator (rc=$RC)" refused
check "and LUN 0 still answers" eval 'iscsi-readcapacity16 -i "$I1" "$C1/$FIO/0" | grep -q "Total size:67108864"'

# ---------- step 5: re-creating a storage object that is exported (a disk reconfigure) ----------
echo "--- step 5: change max_data_area_mb of the exported TCMU disk (can only be set before enable)"
check "reconfigure: applied, converged" apply_step step5
check "the disk was re-created with its LUN in all three TPGs and their ALUA groups, deletes first" \
	eval 'grep -q DeleteStorageObject "$W/plan-step5.txt" && grep -q CreateStorageObject "$W/plan-step5.txt" &&
		[ "$(grep -c "CreateLun\[" "$W/plan-step5.txt")" = 3 ] && [ "$(grep -c "BindAluaGroup\[" "$W/plan-step5.txt")" = 3 ]'
check "the kernel shows the new value (max_data_area_mb=16)" \
	eval 'guest "cat /sys/kernel/config/target/core/user_*/rbd.disk_1/attrib/max_data_area_mb" | grep -qx 16'

# ---------- step 6: back to nothing ----------
echo "--- step 6: remove everything (reverse dependency order on the real kernel)"
check "empty configuration: applied, converged" apply_step step6
check "nothing of ours is left in configfs" \
	eval '[ -z "$(guest "cd /sys/kernel/config/target; ls -d core/user_* core/fileio_* iscsi/iqn.* 2>/dev/null")" ]'
run gone 60 iscsi-ls -i "$I1" "$URL"
check "SendTargets lists no target any more" eval '! grep -q "Target:" "$W/gone.txt"'
fi

# ---------- step 7: the gateway daemon's reconciler builds LIO from a gateway.conf (issue 6) ----------
echo "--- step 7: iscsi-gateway (embedded mode) derives and applies LIO from the gateway.conf fixture scripts/vm/gateway.conf"
# The data dir is prepared here in the uncached share (guest /ctl/gw) in the embedded layout
# (config/gateway.conf + .epoch, images/<pool>/.pool-id, images/<pool>/<image>/{data,features,snapshots});
# the guest copies it to its tmpfs so the fileio backstore serves a local file, and runs the
# gateway jar in the chroot against the real configfs.
GWIQN=iqn.2003-01.io.github.iscsigw:vm-gateway
GWI=iqn.1994-05.io.github.iscsigw:vm-gwinit
GWSIZE=50331648 # 48 MiB
GWWWN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["disks"]["rbd/vmdisk"]["wwn"])' "$ROOT/scripts/vm/gateway.conf")
G=$W/ctl/gw
rm -rf "$G"; mkdir -p "$G/data/config" "$G/data/images/rbd/vmdisk/snapshots"
cp "$ROOT/scripts/vm/gateway.conf" "$G/data/config/gateway.conf"
python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["epoch"], end="")' "$ROOT/scripts/vm/gateway.conf" > "$G/data/config/gateway.conf.epoch"
printf 1 > "$G/data/images/rbd/.pool-id"
printf 0 > "$G/data/images/rbd/vmdisk/features"
truncate -s $GWSIZE "$G/data/images/rbd/vmdisk/data"
printf '[config]\napi_host = 127.0.0.1\napi_secure = false\napi_port = 5000\n' > "$G/gateway.cfg"
GT0=$(date +%s)
guest 'rm -rf /host/tmp/gw && cp -a /ctl/gw/data /host/tmp/gw || exit 1
chroot /host /usr/bin/java -Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.io.tmpdir=/tmp \
	-Xshare:auto -XX:SharedArchiveFile='"$GWJSA"' -Xlog:cds=off -Xlog:cds+dynamic=off -jar '"$GWRUN"' \
	--gateway.mode=embedded --gateway.data-dir=/tmp/gw --config=/run/gw/gateway.cfg --gateway.name='"$GWNAME"' \
	--gateway.configfs-root='"$CFS"' --gateway.reconcile-interval=10s </dev/null >/ctl/gw/gateway.log 2>&1 &
echo $! > /ctl/gw/pid'; rc=$?
check "gateway started in the guest (pid $(cat "$G/pid" 2>/dev/null), rc=$rc)" [ $rc = 0 ]
# wait (bounded, polled in the guest) until the reconciler's tree is in configfs: TPG enabled, the
# client's ACL with its mapped LUN and CHAP user, and the daemon reported its start
guest 'T=/sys/kernel/config/target/iscsi/'"$GWIQN"'/tpgt_1; A=$T/acls/'"$GWI"'; i=0
while [ $i -lt 480 ]; do
	[ "$(cat $T/enable 2>/dev/null)" = 1 ] && [ -e $A/lun_0 ] && [ "$(cat $A/auth/userid 2>/dev/null)" = vmgwuser ] &&
		grep -q "Started GatewayApplication\|matches config epoch" /ctl/gw/gateway.log && exit 0
	kill -0 $(cat /ctl/gw/pid) 2>/dev/null || { echo "gateway exited"; exit 3; }
	sleep 0.5; i=$((i + 1))
done; echo "timed out"; exit 2' > "$W/gw-wait.txt"; rc=$?
check "reconciler applied the fixture to the real configfs in $(($(date +%s) - GT0))s (JVM start included; rc=$rc $(cat "$W/gw-wait.txt"))" [ $rc = 0 ]
grep -o 'Started GatewayApplication in [0-9.]* seconds\|applying config epoch .*\|LIO of .* matches config epoch [0-9]*.*' "$G/gateway.log" | sed 's/^/    /'
check "first reconcile pass converged (log: matches config epoch 3, configfs at $CFS)" \
	grep -q "LIO of $GWNAME matches config epoch 3 (configfs at $CFS)" "$G/gateway.log"
check "no reconcile error or drift logged" eval '! grep -q "reconcile pass .* failed\|drift on\|ERROR" "$G/gateway.log"'
guest 'T=/sys/kernel/config/target; cd $T/core; for d in fileio_*/rbd.vmdisk; do
	printf "so %s udev_path=%s %s wwn=%s\n" $d "$(cat $d/udev_path)" "$(cat $d/info | grep -o "File: [^ ]*" | head -1)" "$(head -1 $d/wwn/vpd_unit_serial)"; done
G=$T/iscsi/'"$GWIQN"'/tpgt_1; printf "np %s\n" "$(ls $G/np)"
printf "lun0 -> %s alua=%s\n" "$(for f in $G/lun/lun_0/*; do [ -L $f ] && readlink $f; done)" "$(head -1 $G/lun/lun_0/alua_tg_pt_gp)"
printf "acl %s lun_0 -> %s\n" "$(ls $G/acls)" "$(for f in $G/acls/*/lun_0/*; do [ -L $f ] && readlink $f; done)"' > "$W/gw-tree.txt"
sed 's/^/    /' "$W/gw-tree.txt"
check "fileio storage object rbd.vmdisk over the image in the data dir, unit serial = the disk's wwn" \
	eval 'grep -q "File: /tmp/gw/images/rbd/vmdisk/data wwn=T10 VPD Unit Serial Number: $GWWWN" "$W/gw-tree.txt"'
check "TPG 1 with portal 10.0.2.15:3260 from the fixture" grep -qx 'np 10.0.2.15:3260' "$W/gw-tree.txt"
run gwls 60 iscsi-ls -i "$GWI" "$URL"
check "SendTargets discovery lists $GWIQN" grep -q "Target:$GWIQN " "$W/gwls.txt"
CG="iscsi://vmgwuser%vmgwsecret12@127.0.0.1:$PORT"
run gwinq 60 iscsi-inq -i "$GWI" -e 1 -c 128 "$CG/$GWIQN/0"
check "client logs in with its CHAP credentials from gateway.conf; VPD 0x80 shows the disk's wwn" \
	eval '[ $RC = 0 ] && grep -q "$GWWWN" "$W/gwinq.txt"'
run gwrc16 60 iscsi-readcapacity16 -i "$GWI" "$CG/$GWIQN/0"
check "READ CAPACITY(16) = image size ($GWSIZE bytes)" eval '[ $RC = 0 ] && grep -q "Total size:$GWSIZE\$" "$W/gwrc16.txt"'
run gwbad 60 iscsi-inq -i "$GWI" "iscsi://vmgwuser%wrongsecret999@127.0.0.1:$PORT/$GWIQN/0"
check "wrong CHAP secret: login refused (rc=$RC)" refused
run gwnoacl 60 iscsi-inq -i iqn.1994-05.io.github.iscsigw:stranger "$CG/$GWIQN/0"
check "initiator not in gateway.conf: login refused (rc=$RC)" refused
head -c 1048576 /dev/urandom > "$W/gwrand.bin"
run gwwrite 120 qemu-img convert -n -f raw "$W/gwrand.bin" --object secret,id=s0,data=vmgwsecret12 \
	--target-image-opts "$(iscsi_opts $GWIQN 0 $GWI vmgwuser s0)"
check "1 MiB written through the gateway's LUN lands in the image file" \
	eval '[ $RC = 0 ] && [ "$(guest "head -c 1048576 /host/tmp/gw/images/rbd/vmdisk/data | md5sum" | cut -d" " -f1)" = "$(md5sum < "$W/gwrand.bin" | cut -d" " -f1)" ]'
# SIGTERM: by default the daemon leaves LIO as it is (initiators keep their sessions)
guest 'P=$(cat /ctl/gw/pid); kill -TERM $P; i=0; while kill -0 $P 2>/dev/null && [ $i -lt 240 ]; do sleep 0.5; i=$((i + 1)); done
! kill -0 $P 2>/dev/null' > /dev/null; rc=$?
check "gateway stopped on SIGTERM (rc=$rc; log: $(grep -o 'leaving LIO of .* as it is' "$G/gateway.log"))" \
	eval '[ $rc = 0 ] && grep -q "leaving LIO of $GWNAME as it is" "$G/gateway.log"'
run gwafter 60 iscsi-readcapacity16 -i "$GWI" "$CG/$GWIQN/0"
check "LIO left as it is after the daemon stopped: the client still logs in" \
	eval '[ $RC = 0 ] && grep -q "Total size:$GWSIZE\$" "$W/gwafter.txt"'
cli apply --check --root $CFS --desired "$VM/step6.json" > "$W/plan-gw-clean.txt"; rc=$?
check "cleanup with the CLI (empty configuration): applied, converged" eval '[ $rc = 0 ] && grep -q "^converged" "$W/plan-gw-clean.txt"'
guest 'rm -rf /host/tmp/gw' > /dev/null
check "nothing of ours is left in configfs after step 7" \
	eval '[ -z "$(guest "cd /sys/kernel/config/target; ls -d core/user_* core/fileio_* iscsi/iqn.* 2>/dev/null")" ]'
[ "$FAILS" = 0 ] || { echo "    gateway log (tail):"; tail -n 40 "$G/gateway.log" | sed 's/^/    /'; }

echo "=== lio-vm-test: $PASSES passed, $FAILS failed, $(($(date +%s) - T0))s"
[ "$FAILS" = 0 ]
