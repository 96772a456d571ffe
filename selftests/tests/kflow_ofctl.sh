#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
# timeout: 400
#
#   ns1 (10.5.0.1) --veth-- [ kflowd br0 ] --veth-- ns2 (10.5.0.2)
#   ns3 (10.6.0.1) --veth-- [ ovs-vswitchd br0 ] --veth-- ns4 (10.6.0.2)
#
# kflow-ofctl programs kflowd's bridge by name (--rundir) and Debian's
# ovs-vswitchd through unix:PATH: add-flow, add-flows (file and stdin),
# mod-flows, del-flows (--strict, out_port), dump-flows with counters,
# dump-tables, show, and readable errors (FILE:LINE, OpenFlow error names).
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/ovs.sh"
. "$(dirname "$0")/../lib/ofctl.sh"

ns_add ns1 && ns_add ns2 && ns_add ns3 && ns_add ns4 ||
	skip "cannot create namespaces"
no_ipv6 ns1 ns2 ns3 ns4
vm_port ns1 eth0 kfo-1 10.5.0.1/24
vm_port ns2 eth0 kfo-2 10.5.0.2/24

run=/run/kflow-ofctl-test
mkdir -p "$run"
at_exit "rm -rf $run"
cat > "$run/kflowd.conf" <<CONF
bridge br0
port br0 type=internal
port kfo-1 ofport=1
port kfo-2 ofport=2
CONF
kflowd_start "$run" kfo-dp --pidfile "$run/kflowd.pid"
kpid=$kflowd_pid
check "kflowd creates $run/br0.mgmt" wait_for 20 test -S "$run/br0.mgmt"
export KFLOW_RUNDIR=$run

check_match "show br0: features and ports (bridge name via KFLOW_RUNDIR)" \
	"OFPT_FEATURES_REPLY.* 1\(kfo-1\).* 2\(kfo-2\).*LOCAL\(br0\)" \
	"$(ofc show br0 | tr '\n' ' ')"
check "add-flow" ofc add-flow br0 "priority=10,in_port=1,actions=output:2"
check "add-flows from stdin (comments, blank lines)" ofc add-flows br0 - <<F
# the way back
priority=10,in_port=2 actions=output:1

F
check "ping ns1 -> ns2 through the two rules" \
	wait_for 30 in_ns ns1 ping -c 3 -i 0.2 -W 2 -q 10.5.0.2
check "n_packets of in_port=1 reaches 3" \
	wait_for 10 packets_at_least br0 "priority=10,in_port=1" 3
dump=$(ofc dump-flows br0)
echo "$dump" | sed 's/^/# /'
check_match "dump-flows lines read like ovs-ofctl's" \
	"^ cookie=0x0, duration=[0-9.]*s, table=0, n_packets=[0-9]*, n_bytes=[1-9][0-9]*, priority=10,in_port=2 actions=output:1" \
	"$dump"
check_match "dump-tables: two active rules in table 0" \
	"table 0: *active=2" "$(ofc dump-tables br0 | tr '\n' ' ')"

printf '%s\n' "priority=5,udp,tp_dst=53,actions=drop" \
	"priority=5,udp,nw_src=10.0.0.300,actions=drop" >"$run/bad.txt"
err=$(ofc add-flows br0 "$run/bad.txt" 2>&1)
check "a bad file fails" [ $? -ne 0 ]
check_match "the error names FILE:LINE and the field" \
	"bad.txt:2: nw_src=10.0.0.300: invalid IPv4 address" "$err"
check_eq "nothing of the bad file was added" 0 \
	"$(ofc dump-flows br0 udp | grep -c .)"
err=$(ofc add-flow br0 "table=254,actions=drop" 2>&1)
check_match "the switch's refusal is reported by name" \
	"table=254|OFPFMFC_BAD_TABLE_ID|out of range" "$err"

check "mod-flows --strict: in_port=1 now drops" \
	ofc --strict mod-flows br0 "priority=10,in_port=1,actions=drop"
check_fails "after the barrier no packet passes ns1 -> ns2" \
	in_ns ns1 ping -c 2 -i 0.2 -W 1 -q 10.5.0.2
check "del-flows out_port=1 removes the way back" \
	ofc del-flows br0 "out_port=1"
check_eq "one rule left (in_port=1 drop)" "1 1" \
	"$(ofc dump-flows br0 | grep -c .) $(ofc dump-flows br0 | grep -c 'in_port=1 actions=drop')"
check "del-flows --strict" ofc --strict del-flows br0 "priority=10,in_port=1"
check_eq "no rules left" 0 "$(ofc dump-flows br0 | grep -c .)"
check_match "an absent bridge is named" "nosuch.*nosuch.mgmt" \
	"$(ofc show nosuch 2>&1)"
kill $kpid
wait $kpid
sed 's/^/# kflowd: /' "$run/kflowd.log"

# The same tool against Debian's ovs-vswitchd.
require_cmd ovs-vswitchd ovsdb-server
vm_port ns3 eth0 ovo-3 10.6.0.1/24
vm_port ns4 eth0 ovo-4 10.6.0.2/24
ovs_start sw && pass "ovs-vswitchd starts" || fail "ovs-vswitchd starts"
check "add-br br0" ovs_vsctl sw add-br br0
ovs_vsctl sw add-port br0 ovo-3 -- set interface ovo-3 ofport_request=3
ovs_vsctl sw add-port br0 ovo-4 -- set interface ovo-4 ofport_request=4
m="unix:$(ovs_dir sw)/br0.mgmt"
check_match "show $m" "3\(ovo-3\).*4\(ovo-4\)" "$(ofc show "$m" | tr '\n' ' ')"
check "del-flows (NORMAL default rule)" ofc del-flows "$m"
check "add-flows to ovs-vswitchd" ofc add-flows "$m" - <<F
priority=20,in_port=3,actions=output:4
priority=20,in_port=4,actions=output:3
F
check "ping ns3 -> ns4 through vswitchd rules from kflow-ofctl" \
	wait_for 30 in_ns ns3 ping -c 3 -i 0.2 -W 2 -q 10.6.0.2
check "vswitchd counts the packets" \
	wait_for 20 packets_at_least "$m" "priority=20,in_port=3" 3
ofc dump-flows "$m" | sed 's/^/# vswitchd: /'
check_eq "ovs-ofctl sees the same two rules" 2 \
	"$(ovs_ofctl sw dump-flows br0 | grep -c 'priority=20,in_port=')"
err=$(ofc add-flow "$m" "table=1,actions=goto_table:1" 2>&1)
check_match "vswitchd's error reply is named" "OFPBIC_BAD_TABLE_ID" "$err"
check "mod-flows on vswitchd" ofc mod-flows "$m" "in_port=3,actions=drop"
# vswitchd revalidates its datapath flows after the barrier, not before.
check "ns3 -> ns4 dropped once vswitchd revalidated" \
	wait_for 20 sh -c "! ip netns exec ns3 ping -c 1 -W 1 -q 10.6.0.2"
# The last bridge takes vswitchd's datapath with it (the module unloads).
check "del-br br0" ovs_vsctl sw del-br br0
finish
