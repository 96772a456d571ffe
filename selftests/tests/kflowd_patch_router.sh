#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
# timeout: 300
#
# Seed 003 (neutron dvr_local_openflow): a routing bridge joined to br-int
# by one patch port pair per router interface.
#
#   vm1 10.1.0.3 --pr-1 (VLAN 1)  [ br-int  NORMAL ]  int-r1 ==patch== r1-int  [ br-router ]
#   vm2 10.2.0.3 --pr-2 (VLAN 2)  [               ]  int-r2 ==patch== r2-int  [           ]
#                                                              rtr (tap) --pr-t--  [ port 3 ]
#
# br-router: (e) ARP requests for the gateways are rewritten into replies
# (move/set_field on Ethernet and ARP fields) and sent back IN_PORT; (f)
# per-VM rules route with dec_ttl and a MAC rewrite to the other patch
# port; (d) everything else goes to the router's tap.  Patch ports have no
# datapath port: a routed packet is translated through br-int, br-router
# and br-int again into one megaflow that outputs straight to the
# destination VM's port.
. "$(dirname "$0")/../lib/lib.sh"

require_cmd tcpdump
ns_add vm1 && ns_add vm2 && ns_add rtr || skip "cannot create namespaces"
no_ipv6 vm1 vm2 rtr
VM1=fa:16:3e:00:00:01
VM2=fa:16:3e:00:00:02
R1=fa:16:3e:00:01:01
R2=fa:16:3e:00:01:02
vm_port vm1 eth0 pr-1 10.1.0.3/24
vm_port vm2 eth0 pr-2 10.2.0.3/24
vm_port rtr eth0 pr-t
ip -n vm1 link set eth0 address $VM1
ip -n vm2 link set eth0 address $VM2
ip -n vm1 route add default via 10.1.0.1
ip -n vm2 route add default via 10.2.0.1

run=/run/kflowd-pr
mkdir -p "$run"
at_exit "rm -rf $run"
cat > "$run/kflowd.conf" <<CONF
bridge br-int
port pr-1 ofport=1 tag=1
port pr-2 ofport=2 tag=2
port int-r1 type=patch peer=r1-int ofport=10 tag=1
port int-r2 type=patch peer=r2-int ofport=11 tag=2
flow priority=0,actions=NORMAL
bridge br-router
port r1-int type=patch peer=int-r1 ofport=1
port r2-int type=patch peer=int-r2 ofport=2
port pr-t ofport=3
flow priority=1,in_port=1 actions=output:3
flow priority=1,in_port=2 actions=output:3
flow priority=100,arp,in_port=1,arp_tpa=10.1.0.1,arp_op=1 actions=move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[],set_field:$R1->eth_src,set_field:2->arp_op,move:NXM_NX_ARP_SHA[]->NXM_NX_ARP_THA[],move:NXM_OF_ARP_SPA[]->NXM_OF_ARP_TPA[],set_field:$R1->arp_sha,set_field:10.1.0.1->arp_spa,IN_PORT
flow priority=100,arp,in_port=2,arp_tpa=10.2.0.1,arp_op=1 actions=move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[],set_field:$R2->eth_src,set_field:2->arp_op,move:NXM_NX_ARP_SHA[]->NXM_NX_ARP_THA[],move:NXM_OF_ARP_SPA[]->NXM_OF_ARP_TPA[],set_field:$R2->arp_sha,set_field:10.2.0.1->arp_spa,IN_PORT
flow priority=200,ip,in_port=1,nw_dst=10.2.0.3 actions=dec_ttl,set_field:$R2->eth_src,set_field:$VM2->eth_dst,output:2
flow priority=200,ip,in_port=2,nw_dst=10.1.0.3 actions=dec_ttl,set_field:$R1->eth_src,set_field:$VM1->eth_dst,output:1
CONF
dp_flows() { dpctl dump-flows kfd-pr; }
odp_port() { dpctl show kfd-pr | sed -n "s/.*port \([0-9]*\): $1\( .*\)\{0,1\}\$/\1/p"; }

kflowd_start "$run" kfd-pr
kpid=$kflowd_pid
check "kflowd starts with br-int and br-router" \
	wait_for 20 test -S "$run/br-router.mgmt"
check "patch ports have no datapath port" dp_lacks_port kfd-pr int-r1
check "the VM and tap ports do" dp_has_port kfd-pr pr-t

ip netns exec vm1 tcpdump -n -e -l -i eth0 arp > "$run/arp1" 2> "$run/arp1.err" &
cap=$!
wait_for 20 grep -q listening "$run/arp1.err"
check "vm1 -> vm2 across the routing bridge (first ping)" \
	wait_for 30 in_ns vm1 ping -c 1 -W 2 -q 10.2.0.3
wait_for 10 grep_count_ge 1 "Reply 10.1.0.1" "$run/arp1"
kill $cap; wait $cap 2>/dev/null
sed 's/^/# vm1: /' "$run/arp1"
check_match "ARP rewrite: vm1 got a reply from $R1 to $VM1" \
	"$R1 > $VM1, .*Reply 10.1.0.1 is-at $R1" "$(cat "$run/arp1")"
check_match "vm2 resolved its gateway 10.2.0.1 to $R2" \
	"lladdr $R2" "$(ip -n vm2 neigh show 10.2.0.1)"

# Routed: TTL 50 sent, 49 on arrival, from the router MAC of subnet 2.
ip netns exec vm2 tcpdump -n -e -v -l -i eth0 icmp > "$run/icmp2" 2> "$run/icmp2.err" &
cap=$!
wait_for 20 grep -q listening "$run/icmp2.err"
ip netns exec rtr tcpdump -n -l -i eth0 > "$run/tap" 2> "$run/tap.err" &
tcap=$!
wait_for 20 grep -q listening "$run/tap.err"
check "vm1 -> vm2: 5 pings with TTL 50" \
	in_ns vm1 ping -c 5 -i 0.2 -W 2 -t 50 -q 10.2.0.3
wait_for 10 grep_count_ge 5 "echo reply" "$run/icmp2"
kill $cap; wait $cap 2>/dev/null
sed 's/^/# vm2: /' "$run/icmp2"
check_eq "vm2 got 5 requests from $R2 with TTL 49" 5 \
	"$(grep -c "$R2 > $VM2, .*ttl 49," "$run/icmp2")"
check_eq "vm2 got no other request" 5 "$(grep -c "> $VM2, " "$run/icmp2")"

flows=$(dp_flows)
echo "$flows" | sed 's/^/# /'
p2=$(odp_port pr-2)
fwd=$(echo "$flows" | grep 'ipv4(src=10.1.0.3,dst=10.2.0.3\|ipv4(dst=10.2.0.3')
echo "$fwd" | sed 's/^/# routed: /'
check_eq "one megaflow routes vm1 -> vm2" 1 "$(echo "$fwd" | grep -c actions:)"
check_match "no extra datapath hop: MAC rewrite, then straight to pr-2 (port $p2)" \
	"set\(eth\(src=$R2,dst=$VM2\)\),(pop_vlan,)?$p2\$" "$fwd"
check_eq "one output, no recirculation" "" \
	"$(echo "$fwd" | sed 's/.*actions://; s/userspace([^)]*)//g' |
		grep -o 'recirc\|,[0-9]*,')"
if grep -q 'dec_ttl action supported' "$run/kflowd.log"; then
	check_match "datapath dec_ttl, TTL not matched" "actions:.*dec_ttl\(" \
		"$fwd"
	check_eq "TTL not in the mask" "" \
		"$(echo "$fwd" | sed 's/actions:.*//' | grep 'ttl=')"
fi

# (d): what the router does not route reaches its tap.
check_fails "vm1 -> 10.9.9.9 is not routed (no answer)" \
	in_ns vm1 ping -c 2 -i 0.3 -W 1 -q 10.9.9.9
wait_for 10 grep_count_ge 2 "10.9.9.9: ICMP echo request" "$run/tap"
kill $tcap; wait $tcap 2>/dev/null
check_match "the router's tap saw vm1's packets to 10.9.9.9" \
	"10.1.0.3 > 10.9.9.9: ICMP echo request" "$(cat "$run/tap")"
check_eq "and none of the routed pings" "" \
	"$(grep '10.2.0.3: ICMP' "$run/tap")"

kill $kpid
wait $kpid
sed 's/^/# kflowd: /' "$run/kflowd.log"
check_match "kflowd rewrote the ARP requests in userspace, no errors" \
	"slow path [1-9][0-9]* \(flows [1-9][0-9]*, errors 0\)" \
	"$(cat "$run/kflowd.log")"
finish
