#!/usr/bin/env bash
# The README's run command: builds what is needed and starts one gateway in embedded mode on
# 127.0.0.1:5000, with its state (settings file, config document, images, simulated configfs)
# in ./data (override with GATEWAY_DATA=/path). State survives restarts.
#
#   scripts/run.sh                 # embedded mode
#   scripts/run.sh --ceph /path/to/ceph.conf        # config object and images in that Ceph cluster
#                                                   # (e.g. scripts/micro-ceph.sh start DIR; DIR/ceph.conf)
#   scripts/run.sh --gateway.name=gw1.example.com   # any extra Spring option is passed on
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
data="${GATEWAY_DATA:-$root/data}"
jar="$root/api-server/target/iscsi-gateway.jar"

# Build when the jar is missing or older than any source or pom.
if [ ! -f "$jar" ] || [ -n "$(find pom.xml */pom.xml */src -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
	echo "==> building (mvn package, tests skipped; scripts/test.sh runs them)" >&2
	mvn -q -B -ntp -DskipTests -Dspring-javaformat.skip=true -pl api-server -am install >&2
fi

mkdir -p "$data"
cfg="$data/iscsi-gateway.cfg"
if [ ! -f "$cfg" ]; then
	cat > "$cfg" <<'CFG'
# Settings of this embedded gateway, in ceph-iscsi's iscsi-gateway.cfg format.
[config]
api_host = 127.0.0.1
api_port = 5000
api_secure = false
# api_user = admin
# api_password = admin
# trusted_ip_list = 192.168.0.10,192.168.0.11
minimum_gateways = 1
CFG
	echo "==> wrote $cfg" >&2
fi

mode=(--gateway.mode=embedded)
if [ "${1:-}" = "--ceph" ]; then
	conf="$(cd "$(dirname "${2:?--ceph needs the path of a ceph.conf}")" && pwd)/$(basename "$2")"
	shift 2
	name="$(basename "$conf" .conf)"
	mode=(--gateway.mode=ceph "--gateway.settings.ceph-config-dir=$(dirname "$conf")" "--gateway.settings.cluster-name=$name")
fi

exec java ${JAVA_OPTS:-} -jar "$jar" --config="$cfg" --gateway.data-dir="$data" "${mode[@]}" "$@"
