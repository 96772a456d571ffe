#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
#
# The kernel's own Open vSwitch selftest (tools/testing/selftests/net/
# openvswitch from Debian's linux-source-6.1), unmodified, against the
# datapath under test.  It decides whether a datapath is present with
# `lsmod | grep openvswitch`; for kflow a PATH shim adds a line saying that
# kflow provides the openvswitch datapath, nothing else is changed.
. "$(dirname "$0")/../lib/lib.sh"

src=$KFLOW_REPO/build/linux-selftests/net/openvswitch
[ -e "$src/openvswitch.sh" ] || skip "kernel selftest not extracted (scripts/kernel-selftests.sh)"

work=$(mktemp -d /tmp/ovs-selftest.XXXXXX)
at_exit "rm -rf $work"
cp "$src"/* "$work"/
if [ "$KFLOW_TARGET" = kflow ]; then
	mkdir -p "$work/shim"
	cat > "$work/shim/lsmod" <<'SH'
#!/bin/sh
/sbin/lsmod "$@"
grep -q '^kflow ' /proc/modules && echo "openvswitch 0 0 (provided by kflow)"
SH
	chmod +x "$work/shim/lsmod"
	PATH=$work/shim:$PATH
fi
out=$(cd "$work" && PATH=$PATH sh ./openvswitch.sh -v 2>&1)
rc=$?
echo "$out" | sed 's/^/# /'
check_match "netlink_checks passes" "TEST: .*netlink.*\[ OK \]" "$out"
check_eq "openvswitch.sh exit status" 0 "$rc"
finish
