#!/usr/bin/env bash
# Installs the Ceph packages the ceph-client tests need (a single-node cluster started by
# scripts/micro-ceph.sh, and the librados/librbd libraries the RADOS implementations load):
# Debian 12's ceph 16.2.15. Idempotent: does nothing when everything is installed.
#
# Other scripts/deps/*.sh may run apt-get at the same time (scripts/test.sh runs them one
# after the other, but a developer may not): DPkg::Lock::Timeout makes apt wait for the
# dpkg lock instead of failing, and "apt-get update" is retried for the lists lock.
set -euo pipefail

packages=(ceph-mon ceph-osd ceph-common librados2 librbd1)

missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "ceph packages already installed: ${packages[*]}"
	exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
	sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-o DPkg::Lock::Timeout=300 -o Acquire::Retries=3)

echo "installing: ${missing[*]}"
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
	if "${sudo[@]}" apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}"; then
		exit 0
	fi
	echo "apt-get install failed (attempt $attempt); retrying" >&2
	sleep 10
done
echo "could not install ${missing[*]}" >&2
exit 1
