#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Install, idempotently, everything kflow's build, tests, demo and
# benchmarks need: Debian packages and virtme-ng (pinned) from PyPI.
# Installing openvswitch-switch must not leave its daemons running.
set -e

VIRTME_NG_VERSION=1.42

PKGS="build-essential pkg-config bc flex bison libelf-dev libssl-dev dwarves xz-utils
linux-image-amd64 linux-headers-amd64 linux-source-6.1
qemu-system-x86 kmod busybox-static cpio zstd
libmnl-dev libnl-3-dev libnl-genl-3-dev libnl-route-3-dev
iproute2 iputils-ping ethtool procps psmisc socat tcpdump tshark iperf3
python3 python3-pip python3-pyroute2 python3-os-ken
openvswitch-switch sparse coccinelle clang libclang-rt-14-dev"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done

if [ -n "$missing" ]; then
	echo "deps: installing:$missing"
	# Keep package scripts from starting services (ovsdb-server,
	# ovs-vswitchd) on this machine: the tests start their own in the VM.
	policy=/usr/sbin/policy-rc.d
	had_policy=0
	[ -e $policy ] && had_policy=1
	[ $had_policy = 1 ] || printf '#!/bin/sh\nexit 101\n' > $policy
	chmod +x $policy
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	rc=0
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing || rc=$?
	[ $had_policy = 1 ] || rm -f $policy
	[ $rc = 0 ] || exit $rc
fi

# Whatever happened before, no stock OVS daemon may keep running here.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
	systemctl stop openvswitch-switch ovs-vswitchd ovsdb-server 2>/dev/null || true
	systemctl disable openvswitch-switch 2>/dev/null || true
fi
pkill -x ovs-vswitchd 2>/dev/null || true
pkill -x ovsdb-server 2>/dev/null || true

have=$(python3 -m pip show virtme-ng 2>/dev/null | sed -n 's/^Version: //p')
if [ "$have" != "$VIRTME_NG_VERSION" ]; then
	echo "deps: installing virtme-ng==$VIRTME_NG_VERSION"
	python3 -m pip install -q "virtme-ng==$VIRTME_NG_VERSION" ||
		python3 -m pip install -q --break-system-packages \
			"virtme-ng==$VIRTME_NG_VERSION"
fi
command -v vng >/dev/null 2>&1 || hash -r
echo "deps: all present (kernel $(sh "$(dirname "$0")/kernel-version.sh"))"
