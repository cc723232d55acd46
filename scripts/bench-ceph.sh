#!/usr/bin/env bash
# Benchmark of the gateway.conf commit on a real (micro-ceph, memstore) cluster: median and
# p99 of a commit (lock + guarded compound write + unlock) against the floor (write_full +
# setxattr in one compound op) and two plain calls, for a 20 KB and a 2 MB (4096-LUN)
# document, all in the same run with the variants interleaved.
#
#   scripts/bench-ceph.sh [iterations-20KB] [iterations-2MB]     (defaults 500, 100)
#
# Needs the Ceph packages (scripts/deps/ceph.sh). Starts its own cluster in a temporary
# folder on free loopback ports and stops it on exit.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
small=${1:-500}
large=${2:-100}

command -v ceph-mon >/dev/null 2>&1 || { echo "ceph packages missing: run scripts/deps/ceph.sh" >&2; exit 1; }

echo "==> building ceph-client (test classes)" >&2
mvn -q -B -ntp -pl ceph-client -DskipTests -Dspring-javaformat.skip=true test-compile >&2
cp_file=$(mktemp)
mvn -q -B -ntp -pl ceph-client dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
classpath="ceph-client/target/classes:ceph-client/target/test-classes:$(cat "$cp_file")"
rm -f "$cp_file"

free_port() {
	local port
	for _ in $(seq 1 50); do
		port=$((20000 + RANDOM % 20000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	return 1
}

dir=$(mktemp -d /tmp/bench-ceph.XXXXXX)
cleanup() {
	scripts/micro-ceph.sh stop "$dir" >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap cleanup EXIT
MICRO_CEPH_PORT_V2=$(free_port) MICRO_CEPH_PORT_V1=$(free_port) MICRO_CEPH_OWNER_PID=$$ \
	scripts/micro-ceph.sh start "$dir"

echo "==> measuring ($small x 20 KB, $large x 2 MB; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
java -cp "$classpath" io.github.iscsigw.ceph.bench.CommitBenchmark "$dir/ceph.conf" "$small" "$large"
