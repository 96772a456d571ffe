#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
# timeout: 400
#
#   ns1 10.1.0.1 --veth-- [ dp dpa: port 1 | port 2 ] --veth-- ns2 10.1.0.2
#       10.2.0.1                                      eth0.10: 10.2.0.2
#
# ns1 talks to 10.1.0.9 (MAC 02:00:00:00:00:09); the datapath rewrites it
# into ns2 and back with set / set_masked on eth, ipv4, tcp and udp, with
# checksum offload on (CHECKSUM_PARTIAL) and off (full software
# checksums, which ns2 verifies).  Then dec_ttl, push_vlan / pop_vlan into
# ns2's VLAN 10, clone / sample copies, check_pkt_len, trunc, and
# hash + recirc.  Every flow's actions must dump back as they were given.
. "$(dirname "$0")/../lib/lib.sh"
require_cmd python3 ethtool

ns_add ns1 && ns_add ns2 || skip "cannot create namespaces"
no_ipv6 ns1 ns2
vm_port ns1 eth0 dpa-1 10.1.0.1/24
vm_port ns2 eth0 dpa-2 10.1.0.2/24
ip -n ns1 addr add 10.2.0.1/24 dev eth0
ip -n ns2 link add link eth0 name eth0.10 type vlan id 10
ip -n ns2 addr add 10.2.0.2/24 dev eth0.10
ip -n ns2 link set eth0.10 up
m1=$(mac_of ns1 eth0)
m2=$(mac_of ns2 eth0)
mv=02:00:00:00:00:09
ip -n ns1 neigh add 10.1.0.9 lladdr $mv dev eth0
ip -n ns1 neigh add 10.2.0.2 lladdr "$m2" dev eth0
ip -n ns2 neigh add 10.1.0.1 lladdr "$m1" dev eth0
ip -n ns2 neigh add 10.2.0.1 lladdr "$m1" dev eth0.10

check "add-dp" dpctl add-dp dpa
at_exit "dpctl del-dp dpa"
check "add-if port 1" dpctl add-if dpa dpa-1
check "add-if port 2" dpctl add-if dpa dpa-2

# flow KEY ACTIONS: install, and expect the dump to show ACTIONS as given.
_flows=""
flow() {
	check "add-flow $2" dpctl add-flow dpa "recirc_id(0),$1" "$2"
	_flows="$_flows
$(dpctl parse-actions "$2")"
}
check_dumped() {
	dump=$(dpctl dump-flows dpa)
	res=$(printf '%s\n' "$_flows" | while IFS= read -r a; do
		[ -n "$a" ] || continue
		if printf '%s\n' "$dump" | grep -F -q -- "actions:$a"; then
			echo "ok - dumped as given: $a"
		else
			echo "not ok - dumped as given: $a"
			printf '%s\n' "$dump" | sed 's/^/#   /'
		fi
	done)
	printf '%s\n' "$res"
	case $res in *"not ok"*) _failed=1 ;; esac
	_flows=""
}

ip4="in_port(1),eth(),eth_type(0x0800)"
ip4r="in_port(2),eth(),eth_type(0x0800)"
to_ns2="set(eth(dst=$m2)),set(ipv4(dst=10.1.0.2)),2"
icmp_fwd="$ip4,ipv4(dst=10.1.0.9,proto=1,frag=no),icmp(type=8,code=0)"
icmp_rev="$ip4r,ipv4(src=10.1.0.2,dst=10.1.0.1,proto=1,frag=no),icmp(type=0,code=0)"

# ---- set_masked, and set() with every field, on ICMP ----------------------
flow "$icmp_fwd" "$to_ns2"
flow "$icmp_rev" "set(eth(src=$mv)),set(ipv4(src=10.1.0.9,dst=10.1.0.1,proto=1,tos=0,ttl=64,frag=no)),1"
check "ping 10.1.0.9 (rewritten to ns2 and back)" \
	in_ns ns1 ping -c 3 -i 0.2 -W 2 -q 10.1.0.9

# ---- TCP and UDP: addresses and ports, checksums -------------------------
flow "$ip4,ipv4(dst=10.1.0.9,proto=6,frag=no),tcp(dst=80),tcp_flags(0/0)" \
	"set(eth(dst=$m2)),set(ipv4(dst=10.1.0.2)),set(tcp(dst=8080)),2"
flow "$ip4r,ipv4(src=10.1.0.2,proto=6,frag=no),tcp(src=8080),tcp_flags(0/0)" \
	"set(ipv4(src=10.1.0.9)),set(tcp(src=80)),1"
flow "$ip4,ipv4(dst=10.1.0.9,proto=17,frag=no),udp(dst=53)" \
	"set(eth(dst=$m2)),set(ipv4(dst=10.1.0.2)),set(udp(dst=5353)),2"
flow "$ip4r,ipv4(src=10.1.0.2,proto=17,frag=no),udp(src=5353)" \
	"set(ipv4(src=10.1.0.9)),set(udp(src=53)),1"

PY_SRV='
import socket, sys
kind, port = sys.argv[1], int(sys.argv[2])
if kind == "tcp":
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port)); s.listen(8)
    while True:
        c, _ = s.accept(); n = 0
        while True:
            d = c.recv(65536)
            if not d: break
            n += len(d)
        c.sendall(str(n).encode()); c.close()
else:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", port))
    while True:
        d, a = s.recvfrom(65536); s.sendto(d, a)
'
PY_CLI='
import socket, sys
kind = sys.argv[1]
if kind == "tcp":
    c = socket.create_connection(("10.1.0.9", 80), timeout=5)
    c.sendall(b"x" * 100000); c.shutdown(socket.SHUT_WR)
    print(c.recv(100).decode())
else:
    c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); c.settimeout(5)
    c.sendto(b"y" * 1000, ("10.1.0.9", 53))
    d, a = c.recvfrom(65536)
    print(len(d), a[0], a[1])
'
# ip netns exec execs python: $! is the server itself.
ip netns exec ns2 python3 -c "$PY_SRV" tcp 8080 &
at_exit "kill $!"
ip netns exec ns2 python3 -c "$PY_SRV" udp 5353 &
at_exit "kill $!"
wait_for 10 in_ns ns2 sh -c 'ss -ltn | grep -q :8080'

for offload in on off; do
	for n in ns1 ns2; do
		in_ns $n ethtool -K eth0 tx $offload >/dev/null 2>&1
	done
	check_eq "tcp through NAT, tx checksum offload $offload" 100000 \
		"$(in_ns ns1 python3 -c "$PY_CLI" tcp 2>&1)"
	check_eq "udp through NAT, tx checksum offload $offload" \
		"1000 10.1.0.9 53" "$(in_ns ns1 python3 -c "$PY_CLI" udp 2>&1)"
done
check_dumped

# icmp_pair FWD REV: check the dumps so far, then leave only the two ICMP
# flows, with these actions.
back="set(eth(src=$mv)),set(ipv4(src=10.1.0.9)),1"
icmp_pair() {
	check_dumped
	dpctl del-flows dpa
	flow "$icmp_fwd" "$1"
	flow "$icmp_rev" "$2"
}

# ---- dec_ttl -------------------------------------------------------------
icmp_pair "$to_ns2" "dec_ttl(le_1(drop)),$back"
check_match "dec_ttl: replies arrive with TTL 63" "ttl=63" \
	"$(in_ns ns1 ping -c 1 -W 2 10.1.0.9)"
in_ns ns2 sysctl -qw net.ipv4.ip_default_ttl=1
check_fails "dec_ttl: a TTL 1 reply expires" \
	in_ns ns1 ping -c 1 -W 1 -q 10.1.0.9
in_ns ns2 sysctl -qw net.ipv4.ip_default_ttl=64

# ---- push_vlan / pop_vlan ------------------------------------------------
flow "$ip4,ipv4(dst=10.2.0.2,frag=no)" "push_vlan(vid=10,pcp=0),2"
flow "in_port(2),eth(),eth_type(0x8100),vlan(vid=10,pcp=0),encap(eth_type(0x0800),ipv4(dst=10.2.0.1,frag=no))" \
	"pop_vlan,1"
check "ping 10.2.0.2 through push_vlan / pop_vlan" \
	in_ns ns1 ping -c 3 -i 0.2 -W 2 -q 10.2.0.2

# ---- clone and sample ----------------------------------------------------
icmp_pair "set(eth(dst=$m2)),set(ipv4(dst=10.1.0.2)),clone(2),sample(sample=100%,actions(2)),2" "$back"
# (ping stops at the last request's first reply: count the first's.)
check_eq "clone and sample: a request reaches ns2 three times" 2 \
	"$(in_ns ns1 ping -c 2 -i 0.2 -W 2 10.1.0.9 | grep -c 'icmp_seq=1 .*DUP')"
# The clone's rewrite must not leak into the packet that goes on.
icmp_pair "clone(set(ipv4(dst=10.1.0.77)),2),$to_ns2" "$back"
out=$(in_ns ns1 ping -c 2 -i 0.2 -W 2 10.1.0.9)
check_match "clone: original packet and key untouched" " 0% packet loss" "$out"
case $out in
*DUP*) fail "clone: no duplicate replies" ;;
*) pass "clone: no duplicate replies" ;;
esac

# Nesting as deep as the stock module takes (16 lists below the flow's):
# every level marks the packet and goes on after its clone, so every
# level saves and restores the key.  One copy, the innermost, reaches ns2.
nest() {
	# nest DEPTH INNER
	if [ "$1" = 0 ]; then
		printf '%s' "$2"
	else
		printf 'clone(set(skb_mark(%s)),%s),set(skb_mark(0))' "$1" \
			"$(nest $(($1 - 1)) "$2")"
	fi
}
icmp_pair "$(nest 16 "$to_ns2")" "$back"
out=$(in_ns ns1 ping -c 2 -i 0.2 -W 2 10.1.0.9)
check_match "clone nested 16 deep: the innermost copy arrives" \
	" 0% packet loss" "$out"
case $out in
*DUP*) fail "clone nested 16 deep: one copy only" ;;
*) pass "clone nested 16 deep: one copy only" ;;
esac
if out=$(dpctl add-flow dpa "recirc_id(9),$icmp_fwd" \
		"$(nest 17 "$to_ns2")" 2>&1); then
	fail "clone nested 17 deep: accepted"
else
	check_match "clone nested 17 deep: refused with EOVERFLOW" \
		"Value too large" "$out"
fi

# ---- check_pkt_len -------------------------------------------------------
icmp_pair "check_pkt_len(size=200,gt(drop),le($to_ns2))" "$back"
check "check_pkt_len: a 98-byte ping passes" \
	in_ns ns1 ping -c 1 -W 2 -q 10.1.0.9
check_fails "check_pkt_len: a 542-byte ping is dropped" \
	in_ns ns1 ping -c 1 -W 1 -q -s 500 10.1.0.9

# ---- trunc ---------------------------------------------------------------
rx_bytes_ns2() { in_ns ns2 awk '/eth0:/ { print $2 }' /proc/net/dev; }
icmp_pair "set(eth(dst=$m2)),set(ipv4(dst=10.1.0.2)),trunc(100),2" "$back"
rx0=$(rx_bytes_ns2)
in_ns ns1 ping -c 3 -i 0.2 -W 1 -q -s 500 10.1.0.9 >/dev/null 2>&1
check_eq "trunc: three 542-byte packets arrive as 100 bytes each" 300 \
	$(( $(rx_bytes_ns2) - rx0 ))

# ---- hash + recirc -------------------------------------------------------
icmp_pair "hash(l4(0)),recirc(5)" "$back"
check "add the recirculated flow" dpctl add-flow dpa \
	"recirc_id(5),$icmp_fwd" "$to_ns2"
check "ping through hash and recirc" in_ns ns1 ping -c 2 -i 0.2 -W 2 -q 10.1.0.9
check_match "the recirculated flow counted the packets" \
	"recirc_id\(0x5\).*packets:2," "$(dpctl dump-flows dpa)"
check_dumped

check "del-flows" dpctl del-flows dpa
finish
