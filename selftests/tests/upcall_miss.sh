#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
#
#   ns1 (10.2.0.1) -- port 1 [ datapath dpu ] port 2 -- ns2 (10.2.0.2)
#
# With no listener, misses are counted as lost and cached flows keep
# forwarding.  With a listener, a miss arrives as an OVS_PACKET_CMD_MISS
# upcall carrying the packet and a key that parses back: the listener
# installs a flow with that very key and executes the packet, and the
# next packets hit the flow in the kernel.
. "$(dirname "$0")/../lib/lib.sh"
nl="/usr/bin/python3 $(dirname "$0")/../lib/ovsnl.py"

ns_add ns1 && ns_add ns2 || skip "cannot create namespaces"
no_ipv6 ns1 ns2
vm_port ns1 eth0 dpu-1 10.2.0.1/24
vm_port ns2 eth0 dpu-2 10.2.0.2/24
m1=$(mac_of ns1 eth0)
m2=$(mac_of ns2 eth0)
ip -n ns1 neigh add 10.2.0.2 lladdr "$m2" dev eth0
ip -n ns2 neigh add 10.2.0.1 lladdr "$m1" dev eth0
dpctl add-dp dpu && at_exit "dpctl del-dp dpu"
dpctl add-if dpu dpu-1 && dpctl add-if dpu dpu-2

# 1. No listener: a miss is lost; a cached flow still forwards.
dpctl add-flow dpu "in_port(1),eth(),eth_type(0x0800),ipv4(src=10.2.0.1,dst=10.2.0.2,proto=17,tos=0,ttl=64,frag=no),udp(src=4000,dst=5000)" 2
check_fails "ping without a listener gets no reply" \
	in_ns ns1 ping -c 2 -i 0.2 -W 1 -q 10.2.0.2
check_match "misses counted as lost" "missed:2 lost:2" "$(dpctl show dpu)"
in_ns ns2 sh -c 'timeout 5 socat -u UDP4-RECV:5000 - > /tmp/udp.rx' &
rpid=$!
sleep 0.5
in_ns ns1 sh -c 'echo kflow-cached | socat -u - UDP4-SENDTO:10.2.0.2:5000,sourceport=4000'
wait $rpid
check_eq "the cached UDP flow forwarded while misses were lost" \
	"kflow-cached" "$(cat /tmp/udp.rx)"

# 2. A listener answers: 1 miss per direction, then hits.
$nl answer dpu 2 1:2 2:1 > /tmp/upcalls.txt 2>&1 &
apid=$!
check "the listener took the ports' upcall PIDs" \
	wait_for 30 grep -q '^ready' /tmp/upcalls.txt
check "ping with a listener (5 packets)" \
	in_ns ns1 ping -c 5 -i 0.3 -W 3 -q 10.2.0.2
wait $apid
up=$(cat /tmp/upcalls.txt)
echo "$up" | sed 's/^/# /'
check_match "MISS upcall from port 1 carries the 98-byte request" \
	"MISS in_port=1 len=98 " "$up"
check_match "MISS upcall from port 2 carries the reply" \
	"MISS in_port=2 len=98 " "$up"
check_match "the upcall key has in_port, ethernet, ethertype, ipv4, icmp" \
	"key_attrs=.*(^|,)3,4,6,7,.*11" "$up"
check_eq "both flows installed from the upcall keys" 2 \
	"$(grep -c '^flow-new ok' /tmp/upcalls.txt)"
check_eq "both packets executed" 2 "$(grep -c '^execute ok' /tmp/upcalls.txt)"
check_match "later packets hit the kernel flows" \
	"packets:4, bytes:392" "$(dpctl dump-flows dpu | grep 'icmp(type=8')"
finish
