#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Extract the kernel's own Open vSwitch selftest from Debian's
# linux-source-6.1 into build/linux-selftests/ (once), for the VM suite.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
dst=$repo/build/linux-selftests
[ -e "$dst/net/openvswitch/openvswitch.sh" ] && exit 0
tarball=$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -n1)
[ -n "$tarball" ] || { echo "kernel-selftests: linux-source-6.1 not installed" >&2; exit 1; }
mkdir -p "$dst"
tar -C "$dst" --strip-components=4 -xf "$tarball" \
	linux-source-6.1/tools/testing/selftests/net/openvswitch
