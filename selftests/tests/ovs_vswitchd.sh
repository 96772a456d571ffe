#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
# timeout: 400
#
# Debian's unmodified ovs-vswitchd 3.1 on the datapath under test:
#
#   ns1 eth0 10.9.0.1 ---+                  +--- ns2 eth0 10.9.0.2
#                        | [ br0 (vswitchd) ] |     eth0.10 10.10.0.2 (VLAN 10)
#   ns1 eth0 10.10.0.1 --+                  +---
#
# NORMAL switching, then OpenFlow rules from ovs-ofctl (output,
# mod_vlan_vid, strip_vlan, set_field, dec_ttl) forward as written;
# ovs-dpctl shows the megaflows with counts; the log stays clean.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/ovs.sh"
require_cmd ovs-vswitchd ovsdb-server tcpdump

ns_add ns1 && ns_add ns2 || skip "cannot create namespaces"
no_ipv6 ns1 ns2
vm_port ns1 eth0 ovp-1 10.9.0.1/24
vm_port ns2 eth0 ovp-2 10.9.0.2/24
ip -n ns1 addr add 10.10.0.1/24 dev eth0
ip -n ns2 link add link eth0 name eth0.10 type vlan id 10
ip -n ns2 addr add 10.10.0.2/24 dev eth0.10
ip -n ns2 link set eth0.10 up

ovs_start sw && pass "ovsdb-server and ovs-vswitchd start" ||
	fail "ovsdb-server and ovs-vswitchd start"
check "add-br br0" ovs_vsctl sw add-br br0
check "add-port ovp-1" ovs_vsctl sw add-port br0 ovp-1 -- \
	set interface ovp-1 ofport_request=1
check "add-port ovp-2" ovs_vsctl sw add-port br0 ovp-2 -- \
	set interface ovp-2 ofport_request=2
check_match "the datapath has the bridge's ports" \
	"ovs-system.*ovp-1.*ovp-2" "$(ovs_dpctl sw show | tr '\n' ' ')"

# The first packets of each conversation go through ovs-vswitchd, which is
# slow under TCG: each ping check retries for up to 30 s before failing.
check "NORMAL: ping ns1 -> ns2" \
	wait_for 30 in_ns ns1 ping -c 3 -i 0.2 -W 2 -q 10.9.0.2
check "NORMAL: ping ns2 -> ns1" \
	wait_for 30 in_ns ns2 ping -c 3 -i 0.2 -W 2 -q 10.9.0.1
ovs_dpctl sw show -s | sed 's/^/# /'
ovs_dpctl sw dump-flows | sed 's/^/# /'
ovs_appctl sw upcall/show | sed 's/^/# /'

# Those first pings may all have been upcalled before vswitchd installed
# its megaflows (TCG is slow), so the counts are checked on pings sent
# while the megaflows exist: each try pings once more, then dumps.
pinged_flows_counted() {
	in_ns ns1 ping -c 2 -i 0.2 -W 2 -q 10.9.0.2 >/dev/null 2>&1
	ovs_dpctl sw dump-flows |
		grep -Eq "packets:[1-9][0-9]*, bytes:[1-9].*actions:"
}
check "ovs-dpctl dump-flows shows megaflows with counts" \
	wait_for 30 pinged_flows_counted
ovs_dpctl sw dump-flows | sed 's/^/# after: /'

# OpenFlow: untagged on port 1 <-> VLAN 10 on port 2 for 10.10.0.0/24.
ovs_ofctl sw del-flows br0
ovs_ofctl sw add-flow br0 "priority=10,in_port=1,actions=mod_vlan_vid:10,output:2"
ovs_ofctl sw add-flow br0 "priority=10,in_port=2,dl_vlan=10,actions=strip_vlan,output:1"
check_eq "ovs-ofctl dump-flows shows the two rules" 2 \
	"$(ovs_ofctl sw dump-flows br0 | grep -c 'actions=')"
check "mod_vlan_vid/strip_vlan: ping ns1 -> ns2 over VLAN 10" \
	wait_for 30 in_ns ns1 ping -c 3 -i 0.2 -W 2 -q 10.10.0.2
check_match "the datapath pushes VLAN 10" "push_vlan\(vid=10" \
	"$(ovs_dpctl sw dump-flows)"
check_match "rule counters rose" "n_packets=[1-9].*mod_vlan_vid" \
	"$(ovs_ofctl sw dump-flows br0)"

# set_field + dec_ttl: rewrite the destination MAC (ns2's) and decrement
# TTL on the way to ns2; capture at ns2 and check both.
m2=$(mac_of ns2 eth0)
ovs_ofctl sw del-flows br0
ovs_ofctl sw add-flow br0 "priority=20,in_port=1,ip,nw_dst=10.9.0.2,actions=dec_ttl,set_field:$m2->eth_dst,output:2"
ovs_ofctl sw add-flow br0 "priority=20,in_port=1,arp,actions=output:2"
ovs_ofctl sw add-flow br0 "priority=20,in_port=2,actions=output:1"
ip -n ns1 neigh replace 10.9.0.2 lladdr 02:00:00:00:00:99 dev eth0
cap=/tmp/ovs_vswitchd.cap
in_ns ns2 tcpdump -n -v -l -c 3 -i eth0 icmp > $cap 2> $cap.err &
tpid=$!
# tcpdump says "listening" once its filter is in place (slow under TCG).
wait_for 20 grep -q listening $cap.err
check "set_field/dec_ttl: ping ns1 -> ns2 via a wrong MAC" \
	wait_for 30 in_ns ns1 ping -c 3 -i 0.2 -W 2 -q 10.9.0.2
wait_for 10 sh -c "! kill -0 $tpid"
kill $tpid 2>/dev/null
check_match "request arrives with TTL 63 (dec_ttl)" \
	"ttl 63.*10.9.0.1 > 10.9.0.2: ICMP echo request" "$(tr '\n' ' ' < $cap)"
check_match "datapath flow has set(eth) and a TTL rewrite" \
	"set\(eth\(dst=$m2\)\)|set\(ipv4\(ttl=63\)\)|dec_ttl" \
	"$(ovs_dpctl sw dump-flows)"

problems=$(ovs_log_problems sw)
check_eq "ovs-vswitchd log has no WARN or ERR line" "" "$problems"
[ -z "$problems" ] || echo "$problems" | sed 's/^/#   /'
check "del-br br0" ovs_vsctl sw del-br br0
finish
