#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
#
#   ns1 (10.1.0.1) --veth-- [ datapath dpp: port 1 | port 2 ] --veth-- ns2 (10.1.0.2)
#
# Flows installed with kflow-dpctl forward ARP and IPv4 both ways; pings
# go through; the flow and port counters match the packets sent.
. "$(dirname "$0")/../lib/lib.sh"

ns_add ns1 && ns_add ns2 || skip "cannot create namespaces"
no_ipv6 ns1 ns2
vm_port ns1 eth0 dpp-1 10.1.0.1/24
vm_port ns2 eth0 dpp-2 10.1.0.2/24
# Static neighbours: only the ICMP flows under test carry packets.
m1=$(mac_of ns1 eth0)
m2=$(mac_of ns2 eth0)
ip -n ns1 neigh add 10.1.0.2 lladdr "$m2" dev eth0
ip -n ns2 neigh add 10.1.0.1 lladdr "$m1" dev eth0

check "add-dp" dpctl add-dp dpp
at_exit "dpctl del-dp dpp"
check "add-if port 1" dpctl add-if dpp dpp-1
check "add-if port 2" dpctl add-if dpp dpp-2
check_match "show lists both ports" "port 1: dpp-1.*port 2: dpp-2" \
	"$(dpctl show dpp | tr '\n' ' ')"

f12="in_port(1),eth(src=$m1,dst=$m2),eth_type(0x0800),ipv4(src=10.1.0.1,dst=10.1.0.2,proto=1,tos=0,ttl=64,frag=no),icmp(type=8,code=0)"
f21="in_port(2),eth(src=$m2,dst=$m1),eth_type(0x0800),ipv4(src=10.1.0.2,dst=10.1.0.1,proto=1,tos=0,ttl=64,frag=no),icmp(type=0,code=0)"
check "add-flow 1->2 (echo request, exact)" dpctl add-flow dpp "$f12" 2
check "add-flow 2->1 (echo reply, exact)" dpctl add-flow dpp "$f21" 1
check_eq "two flows installed" 2 "$(dpctl dump-flows dpp | grep -c 'actions:')"

check "ping ns1 -> ns2 (10 packets)" \
	in_ns ns1 ping -c 10 -i 0.1 -W 2 -q 10.1.0.2

flows=$(dpctl dump-flows dpp)
check_match "request flow counted 10 packets, 980 bytes" \
	"icmp\(type=8,code=0\).*packets:10, bytes:980" "$flows"
check_match "reply flow counted 10 packets" \
	"icmp\(type=0,code=0\).*packets:10, bytes:980" "$flows"

# Ping from the other side needs the other two ICMP flows.
f21r="in_port(2),eth(src=$m2,dst=$m1),eth_type(0x0800),ipv4(src=10.1.0.2,dst=10.1.0.1,proto=1,tos=0,ttl=64,frag=no),icmp(type=8,code=0)"
f12r="in_port(1),eth(src=$m1,dst=$m2),eth_type(0x0800),ipv4(src=10.1.0.1,dst=10.1.0.2,proto=1,tos=0,ttl=64,frag=no),icmp(type=0,code=0)"
dpctl add-flow dpp "$f21r" 1 && dpctl add-flow dpp "$f12r" 2
check "ping ns2 -> ns1 (5 packets)" in_ns ns2 ping -c 5 -i 0.1 -W 2 -q 10.1.0.1

stats=$(dpctl show -s dpp)
echo "$stats" | sed 's/^/# /'
check_match "lookups: 30 hits, no misses" "lookups: hit:30 missed:0 lost:0" \
	"$stats"
# Port 1 received 10 requests + 5 replies; port 2 received 10 + 5.
check_match "port 1 RX 15 packets" "port 1: dpp-1.*RX packets:15 " \
	"$(echo "$stats" | tr '\n' ' ' | sed 's/port 2:.*//')"
check_match "port 2 TX 15 packets" "port 2: dpp-2.* TX packets:15 " \
	"$(echo "$stats" | tr '\n' ' ' | sed 's/.*port 2:/port 2:/')"

check "del-flows" dpctl del-flows dpp
check_eq "no flows after del-flows" 0 "$(dpctl dump-flows dpp | grep -c 'actions:')"
check_fails "ping fails without flows" in_ns ns1 ping -c 1 -W 1 -q 10.1.0.2
check_match "the dropped ping counted as a miss (lost: no listener)" \
	"lookups: hit:30 missed:[1-9][0-9]* lost:[1-9]" "$(dpctl show dpp)"
finish
