#!/usr/bin/env bash
# micro-ceph.sh: a throw-away single-node Ceph cluster (Debian 12's ceph 16.2.x) for tests and
# for running the gateway against real RADOS/RBD on a developer machine. No systemd, no
# containers: one mon and one memstore OSD started from a directory, bound to 127.0.0.1 only,
# pool "rbd" created and initialised for RBD. Ready in a few seconds.
#
# Packages: scripts/deps/ceph.sh (ceph-mon ceph-osd ceph-common librados2 librbd1).
#
# Usage:
#   scripts/micro-ceph.sh start  DIR   # (re)create a fresh cluster in DIR and start it
#   scripts/micro-ceph.sh stop   DIR   # stop the daemons recorded in DIR/run/*.pid
#   scripts/micro-ceph.sh status DIR   # daemon pids and "ceph -s"; exit 1 if not running
#   scripts/micro-ceph.sh env    DIR   # print "export CEPH_CONF=..." (eval it in a shell)
#
# DIR/ceph.conf is a complete client configuration: its [client] section points at
# DIR/ceph.client.admin.keyring, so `CEPH_CONF=DIR/ceph.conf rados -p rbd ls` just works, and
# the gateway can use ceph_config_dir=DIR with cluster_name=ceph, cluster_client_name=client.admin.
#
# Environment:
#   MICRO_CEPH_PORT_V2 / MICRO_CEPH_PORT_V1  mon ports (default 3300 / 6789; tests pick free ones)
#   MICRO_CEPH_OWNER_PID   when set, a watchdog stops the cluster as soon as that process is gone
#                          (tests set it to the JVM's pid, so a killed test run leaks no daemons)
#   MICRO_CEPH_TIMEOUT     seconds to wait for each readiness step (default 60)
#   MICRO_CEPH_MEMSTORE_BYTES  OSD capacity (default 1 GiB; RAM is only used when written)
#   MICRO_CEPH_PG_NUM      pg_num of pool rbd (default 8)
set -euo pipefail

cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
	echo "usage: $0 start|stop|status|env DIR" >&2
	exit 2
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

port_v2=${MICRO_CEPH_PORT_V2:-3300}
port_v1=${MICRO_CEPH_PORT_V1:-6789}
wait_s=${MICRO_CEPH_TIMEOUT:-60}
memstore_bytes=${MICRO_CEPH_MEMSTORE_BYTES:-1073741824}
pg_num=${MICRO_CEPH_PG_NUM:-8}

conf="$dir/ceph.conf"
run="$dir/run"
logs="$dir/log"
export CEPH_CONF="$conf"
# No client call may hang: every one is bounded.
ceph_cmd=(timeout 30 ceph --connect-timeout 20)

log() { echo "[micro-ceph $(date +%H:%M:%S)] $*" >&2; }

millis() { echo $(($(date +%s%N) / 1000000)); }

new_uuid() {
	if command -v uuidgen >/dev/null 2>&1; then uuidgen; else cat /proc/sys/kernel/random/uuid; fi
}

# A killed daemon can stay a zombie until its parent reaps it; a zombie counts as stopped.
alive() { kill -0 "$1" 2>/dev/null && ! grep -qs '^State:[[:space:]]*Z' "/proc/$1/status"; }
pidfile_alive() { [ -f "$1" ] && alive "$(cat "$1")"; }

stop_daemon() { # name
	local file="$run/$1.pid" pid i
	if ! pidfile_alive "$file"; then
		rm -f "$file"
		return 0
	fi
	pid=$(cat "$file")
	# The data is throw-away: a clean memstore shutdown would only serialise every object to
	# disk first, so the OSD is killed outright. The mon gets a chance to stop cleanly.
	if [ "$1" = osd.0 ]; then
		kill -KILL "$pid" 2>/dev/null || true
	else
		kill -TERM "$pid" 2>/dev/null || true
	fi
	for i in $(seq 1 50); do
		alive "$pid" || break
		sleep 0.1
	done
	if alive "$pid"; then
		log "$1 ($pid) ignored SIGTERM; killing it"
		kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$file"
}

do_stop() {
	if [ -f "$run/watchdog.pid" ]; then
		kill "$(cat "$run/watchdog.pid")" 2>/dev/null || true
		rm -f "$run/watchdog.pid"
	fi
	stop_daemon osd.0
	stop_daemon mon.a
}

write_conf() { # fsid
	cat >"$conf" <<EOF
[global]
fsid = $1
mon_host = [v2:127.0.0.1:$port_v2,v1:127.0.0.1:$port_v1]
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
public_network = 127.0.0.0/8
auth_cluster_required = cephx
auth_service_required = cephx
auth_client_required = cephx
run_dir = $run
admin_socket = $run/\$cluster-\$name.asok
pid_file = $run/\$name.pid
log_file = $logs/\$name.log
log_to_stderr = false
err_to_stderr = true
# one host, one OSD, one replica
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = $pg_num
osd_pool_default_pgp_num = $pg_num
osd_pool_default_pg_autoscale_mode = off
osd_crush_chooseleaf_type = 0
mon_allow_pool_size_one = true
mon_allow_pool_delete = true
mon_warn_on_pool_no_redundancy = false
mon_warn_on_insecure_global_id_reclaim = false
mon_warn_on_insecure_global_id_reclaim_allowed = false
auth_allow_insecure_global_id_reclaim = false
mon_data_avail_warn = 1
mon_data_avail_crit = 0
# maps propagate in 0.1 s instead of 1 s: a ready cluster in ~3 s instead of ~10 s
paxos_propose_interval = 0.1
# object classes (rbd, lock) must load
osd_class_load_list = *
osd_class_default_list = *
osd_max_object_name_len = 256
osd_max_object_namespace_len = 64

[mon]
# no mgr runs here; a fresh cluster would otherwise enable modules in it
mgr_initial_modules =
mon_data = $dir/mon
mon_cluster_log_file = $logs/mon-cluster.log
keyring = $dir/mon/keyring

[osd]
osd_data = $dir/osd
keyring = $dir/osd/keyring
osd_objectstore = memstore
memstore_device_bytes = $memstore_bytes

[client]
keyring = $dir/ceph.client.admin.keyring
log_file = /dev/null
# several client processes (tests, rados CLI, the gateway) must not fight over one socket path
admin_socket =
EOF
}

wait_until() { # description command...
	local what=$1 start
	shift
	start=$SECONDS
	until "$@" >/dev/null 2>&1; do
		if ((SECONDS - start > wait_s)); then
			log "timed out after ${wait_s}s waiting for $what (logs in $logs)"
			return 1
		fi
		sleep 0.2
	done
}

osd_up() { "${ceph_cmd[@]}" osd dump 2>/dev/null | grep -q '^osd.0 up'; }

start_watchdog() { # owner pid
	local owner=$1
	# Bounded by the owner's life; detached from our stdout/stderr so callers do not wait for it.
	(
		trap - ERR
		while alive "$owner" && [ -f "$run/mon.a.pid" ]; do sleep 1; done
		if [ -f "$run/watchdog.pid" ] && [ "$(cat "$run/watchdog.pid")" = "$BASHPID" ]; then
			rm -f "$run/watchdog.pid"
			do_stop
		fi
	) </dev/null >>"$logs/watchdog.log" 2>&1 &
	echo $! >"$run/watchdog.pid"
}

do_start() {
	local missing=() bin
	for bin in ceph-mon ceph-osd ceph ceph-authtool monmaptool rbd rados; do
		command -v "$bin" >/dev/null 2>&1 || missing+=("$bin")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		log "missing ${missing[*]}: run scripts/deps/ceph.sh first"
		exit 3
	fi
	local f
	for f in "$run"/*.pid; do
		[ -e "$f" ] || continue
		[ "$(basename "$f")" = watchdog.pid ] && continue
		if pidfile_alive "$f"; then
			log "a cluster is already running in $dir ($f); stop it first"
			exit 1
		fi
	done
	local port
	for port in "$port_v2" "$port_v1"; do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			log "127.0.0.1:$port is in use; choose other ports with MICRO_CEPH_PORT_V2/MICRO_CEPH_PORT_V1"
			exit 1
		fi
	done
	# Only ever wipe a directory this script created.
	if [ -n "$(ls -A "$dir")" ] && [ ! -f "$dir/.micro-ceph" ]; then
		log "$dir is neither empty nor a micro-ceph directory; refusing to wipe it"
		exit 1
	fi
	local t0
	t0=$(millis)
	trap 'log "start failed (logs in $logs); stopping what was started"; do_stop' ERR
	rm -rf "${dir:?}"/* "$dir/.micro-ceph"
	touch "$dir/.micro-ceph"
	mkdir -p "$run" "$logs" "$dir/mon" "$dir/osd"
	local fsid osd_uuid osd_key
	fsid=$(new_uuid)
	write_conf "$fsid"

	# keys: mon. and client.admin in the mon's initial keyring; the OSD's key is registered by
	# "ceph osd new" below
	ceph-authtool --create-keyring "$dir/mon.keyring.tmp" --gen-key -n mon. --cap mon 'allow *' >/dev/null
	ceph-authtool --create-keyring "$dir/ceph.client.admin.keyring" --gen-key -n client.admin \
		--cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' --cap mds 'allow *' >/dev/null
	ceph-authtool "$dir/mon.keyring.tmp" --import-keyring "$dir/ceph.client.admin.keyring" >/dev/null
	osd_uuid=$(new_uuid)
	osd_key=$(ceph-authtool --gen-print-key)
	ceph-authtool --create-keyring "$dir/osd/keyring" -n osd.0 --add-key "$osd_key" >/dev/null
	chmod 600 "$dir"/*.keyring* "$dir/osd/keyring"

	monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$port_v2,v1:127.0.0.1:$port_v1]" \
		"$dir/monmap" >/dev/null
	ceph-mon --mkfs -i a --monmap "$dir/monmap" --keyring "$dir/mon.keyring.tmp" 2>>"$logs/mkfs.log"
	rm -f "$dir/mon.keyring.tmp" "$dir/monmap"
	ceph-mon -i a # daemonises; writes run/mon.a.pid
	if [ -n "${MICRO_CEPH_OWNER_PID:-}" ]; then
		start_watchdog "$MICRO_CEPH_OWNER_PID"
	fi
	wait_until "the mon" "${ceph_cmd[@]}" mon stat
	log "mon up after $(($(millis) - t0)) ms"

	echo "{\"cephx_secret\": \"$osd_key\"}" | "${ceph_cmd[@]}" osd new "$osd_uuid" 0 -i - >/dev/null
	ceph-osd -i 0 --mkfs --osd-uuid "$osd_uuid" >/dev/null 2>>"$logs/mkfs.log"
	ceph-osd -i 0 # daemonises; writes run/osd.0.pid
	wait_until "osd.0 up" osd_up
	log "osd up after $(($(millis) - t0)) ms"

	"${ceph_cmd[@]}" osd pool create rbd "$pg_num" "$pg_num" replicated >/dev/null 2>&1
	timeout 60 rbd pool init rbd
	wait_until "pool rbd to accept I/O" timeout 10 rados -p rbd stat rbd_info
	# Without a mgr the mon warns MGR_DOWN after a grace period; this cluster needs none.
	"${ceph_cmd[@]}" health mute MGR_DOWN >/dev/null 2>&1 || true
	trap - ERR
	log "cluster ready after $(($(millis) - t0)) ms; use: export CEPH_CONF=$conf"
}

do_status() {
	local name rc=0
	for name in mon.a osd.0; do
		if pidfile_alive "$run/$name.pid"; then
			echo "$name running, pid $(cat "$run/$name.pid")"
		else
			echo "$name not running"
			rc=1
		fi
	done
	if [ $rc = 0 ]; then
		"${ceph_cmd[@]}" -s || rc=1
	fi
	return $rc
}

case "$cmd" in
start) do_start ;;
stop) do_stop ;;
status) do_status ;;
env)
	echo "export CEPH_CONF=$conf"
	;;
*)
	echo "unknown command: $cmd (start|stop|status|env)" >&2
	exit 2
	;;
esac
