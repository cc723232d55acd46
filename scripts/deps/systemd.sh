#!/usr/bin/env bash
# Installs systemd-analyze (Debian's systemd package), which deploy-tests uses to verify
# packaging/systemd/iscsi-gateway.service. Only the tool is used: nothing is started and
# systemd does not become PID 1. Idempotent: does nothing when it is there.
set -euo pipefail

if command -v systemd-analyze >/dev/null 2>&1; then
	echo "systemd-analyze already installed: $(systemd-analyze --version | head -n 1)"
	exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
	sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-o DPkg::Lock::Timeout=300 -o Acquire::Retries=3)

# The lists lock is not covered by DPkg::Lock::Timeout on every apt version: retry, bounded.
for attempt in 1 2 3 4 5 6; do
	if "${sudo[@]}" apt-get "${apt_opts[@]}" update -qq; then
		break
	fi
	if [ "$attempt" -eq 6 ]; then
		echo "apt-get update failed" >&2
		exit 1
	fi
	sleep 10
done
for attempt in 1 2 3; do
	if "${sudo[@]}" apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends systemd; then
		systemd-analyze --version | head -n 1
		exit 0
	fi
	echo "apt-get install systemd failed (attempt $attempt); retrying" >&2
	sleep 10
done
echo "could not install systemd" >&2
exit 1
