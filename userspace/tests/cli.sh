#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# cli.sh - command line behaviour of kflow-dpctl that needs no datapath.
B=${1:-../build/bin/kflow-dpctl}
n=0; fail=0

check() {	# check NAME WANT_RC EXPECTED_SUBSTRING CMD...
	name=$1 want=$2 exp=$3; shift 3
	out=$("$@" 2>&1); rc=$?
	n=$((n + 1))
	if { [ "$want" = 0 ] && [ $rc -eq 0 ]; } || \
	   { [ "$want" != 0 ] && [ $rc -ne 0 ]; }; then
		case "$out" in *"$exp"*) echo "ok $n - $name"; return;; esac
	fi
	fail=$((fail + 1))
	echo "not ok $n - $name"
	echo "# rc=$rc output: $out"
}

check "help" 0 "add-flow [DP] FLOW ACTIONS" "$B" --help
check "no command" 1 "usage:" "$B"
check "unknown command" 1 "unknown command 'frob'" "$B" frob
check "wrong argument count" 1 "'del-dp' command requires" "$B" del-dp
check "parse-flow" 0 "in_port(1),eth_type(0x0800)" \
	"$B" parse-flow "in_port(1),eth_type(0x0800)"
check "parse-flow error names field and value" 1 \
	"kflow-dpctl: ipv4(src=10.0.0.300): invalid IPv4 address" \
	"$B" parse-flow "ipv4(src=10.0.0.300)"
check "parse-actions" 0 "push_vlan(vid=10,pcp=0),2" \
	"$B" parse-actions "push_vlan(vid=10,pcp=0),2"
check "parse-actions error" 1 "frob: unknown action" \
	"$B" parse-actions "frob"
if ! grep -q -w -e openvswitch -e kflow /proc/modules 2>/dev/null; then
	check "no datapath module: clear error" 1 "not found" "$B" show
fi
echo "1..$n"
[ $fail -eq 0 ]
