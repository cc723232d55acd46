#!/usr/bin/env bash
# Benchmark of lio-configfs on the configfs simulator (not a timed test): plan + apply of a large
# configuration from empty, then plan + apply of single changes at that size, with the number of
# configfs operations each costs. Prints a Markdown table (the README's).
#
#   scripts/bench-lio.sh                 # 4096 LUNs x 3 TPGs, 1024 ACLs x 16 mapped LUNs
#   scripts/bench-lio.sh 256 3 64 16     # smaller
# The simulator (about a million files at full size) lives in a temporary directory that is removed
# afterwards: under $TMPDIR if set, else in /dev/shm when available (tmpfs: much faster to create
# and delete than a disk filesystem), else /tmp.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -ntp -pl lio-configfs -Dspring-javaformat.skip=true test-compile
cp_file=$(mktemp)
base=${TMPDIR:-}
if [ -z "$base" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then base=/dev/shm; fi
sim_dir=$(mktemp -d "${base:-/tmp}/lio-bench.XXXXXX")
trap 'rm -rf "$cp_file" "$sim_dir"' EXIT
mvn -q -B -ntp -pl lio-configfs dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
java ${BENCH_JAVA_OPTS:--Xmx2g} -Dlio.bench.dir="$sim_dir" -cp "lio-configfs/target/classes:lio-configfs/target/test-classes:$(cat "$cp_file")" \
	io.github.iscsigw.lio.bench.LioBenchmark "$@"
