#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: none
# timeout: 240
#
# Key parity: kflow.ko extracts, accepts and reports flow keys exactly as
# openvswitch.ko does.  The same recording runs under each module in turn
# (lib/keydiff.py record): 53 frame shapes at every truncation length go
# through a datapath port and each upcall key is kept; the full-length
# (and 30/40-byte) keys are installed as flows with three masks and read
# back; 87 crafted keys, most malformed, are installed.  Then the two
# recordings are compared (lib/keydiff.py compare): identical bytes and
# errnos everywhere, except the deviations Documentation/abi.rst and
# kmod/nl_key*.c, kmod/nl_tunnel.c document, each asserted as present.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/modules.sh"

keydiff="/usr/bin/python3 $KFLOW_REPO/selftests/lib/keydiff.py"
[ -e "$(kflow_ko)" ] || skip "kmod/kflow.ko not built"
[ -x /usr/bin/python3 ] || skip "python3 not installed"
modinfo openvswitch >/dev/null 2>&1 || skip "no openvswitch.ko for this kernel"
rmmod openvswitch kflow 2>/dev/null

out=${KFLOW_OUT:-}
[ -n "$out" ] && [ -d "$out" ] || { out=$(mktemp -d) && at_exit "rm -rf $out"; }
ovs_rec=$out/key_parity.ovs.json
kflow_rec=$out/key_parity.kflow.json
rm -f "$ovs_rec" "$kflow_rec"

# record FILE: in a fresh namespace, a veth pair whose one end is the
# datapath port; keydiff.py deletes its datapath, the namespace goes too.
record() {
	ip netns add kparity || return 1
	no_ipv6 kparity
	ip -n kparity link add kp-tx type veth peer name kp-dp &&
	ip -n kparity link set kp-tx up &&
	ip -n kparity link set kp-dp up &&
	in_ns kparity $keydiff record "$1" kparity kp-dp kp-tx
	_rc=$?
	ip netns del kparity
	return $_rc
}

# recorded MODULE FILE: TAP line, with keydiff.py's summary or errors.
recorded() {
	if _o=$(record "$2" 2>&1); then
		pass "recording under $1"
	else
		fail "recording under $1"
	fi
	printf '%s\n' "$_o" | sed 's/^#* */# /'
}

ip netns del kparity 2>/dev/null
at_exit "rmmod openvswitch kflow"
at_exit "ip netns del kparity"
start=$(date +%s)
check "modprobe openvswitch" kflow_target_load ovs
recorded openvswitch.ko "$ovs_rec"
check "rmmod openvswitch" wait_for 10 kflow_target_unload ovs
check "insmod kflow.ko" kflow_target_load kflow
recorded kflow.ko "$kflow_rec"
check "rmmod kflow" wait_for 10 kflow_target_unload kflow

if [ -s "$ovs_rec" ] && [ -s "$kflow_rec" ]; then
	$keydiff compare "$ovs_rec" "$kflow_rec" || _failed=1
else
	fail "both recordings made"
fi
echo "# key parity: $(( $(date +%s) - start )) s"
check_fails "neither module left loaded" \
	grep -E -q '^(openvswitch|kflow) ' /proc/modules
finish
