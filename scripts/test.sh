#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh Debian 12 machine
# (JDK and Maven are assumed), then runs every test of every module, then the
# real-kernel and real-cluster checks. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
export REQUIRE_CEPH=1 # Ceph-tagged tests fail instead of skipping when the cluster cannot start

log() { printf '\n==> %s\n' "$*"; }

# --- 1. Packages -----------------------------------------------------------------------
# Each scripts/deps/*.sh installs (idempotently) what one part of the suite needs.
for dep in scripts/deps/*.sh; do
	[ -e "$dep" ] || continue
	log "dependencies: $dep"
	bash "$dep"
done

# --- 2. Every module's unit and integration tests ---------------------------------------
log "mvn verify (all modules)"
mvn -B -ntp verify

# --- 3. Real parts outside Maven ----------------------------------------------------------
# Each scripts/checks/*.sh is a self-contained check against real components (it starts and
# stops what it needs); any failure fails the run.
for check in scripts/checks/*.sh; do
	[ -e "$check" ] || continue
	log "check: $check"
	bash "$check"
done

log "all tests passed"
