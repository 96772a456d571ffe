#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
# timeout: 300
#
# NORMAL: MAC learning, flooding of broadcast and unknown unicast,
# access and trunk VLANs, on one bridge whose only rule is NORMAL.
#
#   n1 10.0.0.1 --nl-1 (1) ┐                ┌ (4, tag=10)    nl-4-- a10 10.10.0.1
#   n2 10.0.0.2 --nl-2 (2) ├ [ br0 NORMAL ] ┼ (5, trunks=10) nl-5-- tr  eth0.10 10.10.0.2
#   n3 10.0.0.3 --nl-3 (3) ┘                └ (6, tag=20)    nl-6-- a20 10.10.0.3
#
# Ports 1-3 carry no tag (trunks of every VLAN, untagged = VLAN 0).
. "$(dirname "$0")/../lib/lib.sh"

require_cmd tcpdump
for n in n1 n2 n3 a10 tr a20; do
	ns_add $n || skip "cannot create namespaces"
done
no_ipv6 n1 n2 n3 a10 tr a20
vm_port n1 eth0 nl-1 10.0.0.1/24
vm_port n2 eth0 nl-2 10.0.0.2/24
vm_port n3 eth0 nl-3 10.0.0.3/24
vm_port a10 eth0 nl-4 10.10.0.1/24
vm_port tr eth0 nl-5
ip -n tr link add link eth0 name eth0.10 type vlan id 10
ip -n tr addr add 10.10.0.2/24 dev eth0.10
ip -n tr link set eth0.10 up
vm_port a20 eth0 nl-6 10.10.0.3/24

run=/run/kflowd-nl
mkdir -p "$run"
at_exit "rm -rf $run"
cat > "$run/kflowd.conf" <<CONF
bridge br0
port nl-1 ofport=1
port nl-2 ofport=2
port nl-3 ofport=3
port nl-4 ofport=4 tag=10
port nl-5 ofport=5 trunks=10
port nl-6 ofport=6 tag=20
flow priority=0,actions=NORMAL
CONF
# capture NS NAME FILTER...: tcpdump on NS's eth0 into $run/NAME.
capture() {
	_ns=$1 _n=$2 _f=$run/$2
	shift 2
	ip netns exec "$_ns" tcpdump -n -e -l -i eth0 "$@" > "$_f" 2> "$_f.err" &
	eval "pid_$_n=\$!"
	wait_for 20 grep -q listening "$_f.err"
}
stop() { eval "kill \$pid_$1; wait \$pid_$1" 2>/dev/null; }

kflowd_start "$run" kfd-nl
kpid=$kflowd_pid
check "kflowd starts" wait_for 20 test -S "$run/br0.mgmt"

# Broadcast is flooded: n3 sees n1's ARP request for n2; once both MACs
# are learned, unicast goes only to the learned port.
capture n3 n3 arp or icmp
check "n1 -> n2 (first ping: ARP flooded, MACs learned)" \
	wait_for 30 in_ns n1 ping -c 1 -W 2 -q 10.0.0.2
check "n1 -> n2: 10 pings" in_ns n1 ping -c 10 -i 0.1 -W 2 -q 10.0.0.2
# A ping n3 must hear (broadcast) marks the end of what n3 may have heard.
in_ns n1 ping -c 1 -W 1 -b -q 10.0.0.255 >/dev/null 2>&1
wait_for 10 grep_count_ge 1 "> ff:ff:ff:ff:ff:ff, .*10.0.0.255: ICMP" "$run/n3"
stop n3
sed 's/^/# n3: /' "$run/n3"
check_match "flooding: n3 saw the broadcast ARP request" \
	"ff:ff:ff:ff:ff:ff, .*Request who-has 10.0.0.2 tell 10.0.0.1" \
	"$(cat "$run/n3")"
check_eq "learning: n3 saw none of the ICMP unicast nor the ARP reply" \
	"0 0" "$(grep -v 'ff:ff:ff:ff:ff:ff' "$run/n3" | grep -c ICMP) $(grep -c Reply "$run/n3")"
flows=$(dpctl dump-flows kfd-nl)
echo "$flows" | sed 's/^/# /'
m1=$(mac_of n1 eth0)
m2=$(mac_of n2 eth0)
p2=$(dpctl show kfd-nl | sed -n 's/.*port \([0-9]*\): nl-2.*/\1/p')
check_match "learned forwarding megaflow: $m1 -> $m2 out port $p2 only" \
	"eth\(src=$m1,dst=$m2\).*packets:[1-9].*actions:$p2\$" "$flows"

# Unknown unicast is flooded: a MAC nobody has.
in_ns n1 ip neigh replace 10.0.0.9 lladdr 02:00:00:00:00:99 dev eth0
capture n3 n3u icmp
check_fails "n1 -> 10.0.0.9 (nobody answers)" \
	in_ns n1 ping -c 3 -i 0.2 -W 1 -q 10.0.0.9
wait_for 10 grep_count_ge 3 "10.0.0.9: ICMP" "$run/n3u"
stop n3u
check_eq "unknown unicast flooded: n3 saw the 3 requests to 02:00:00:00:00:99" \
	3 "$(grep -c '> 02:00:00:00:00:99, .*10.0.0.1 > 10.0.0.9' "$run/n3u")"

# VLANs: access port in VLAN 10 <-> trunk port carrying VLAN 10 tagged;
# the VLAN 20 port, in the same IP subnet, hears nothing of it.
capture a20 a20
capture tr tr
check "VLAN 10: a10 (access) -> tr eth0.10 (trunk)" \
	wait_for 30 in_ns a10 ping -c 3 -i 0.2 -W 2 -q 10.10.0.2
# a10's broadcast (VLAN 10) ends what a20 might have heard.
in_ns a10 ping -c 1 -W 1 -b -q 10.10.0.255 >/dev/null 2>&1
wait_for 10 grep_count_ge 1 "vlan 10, .*10.10.0.255: ICMP" "$run/tr"
stop tr
stop a20
sed 's/^/# tr: /' "$run/tr"
check_match "the trunk port got VLAN 10 tagged frames" \
	"ethertype 802.1Q \(0x8100\), length [0-9]+: vlan 10, .*10.10.0.1 > 10.10.0.2: ICMP echo request" \
	"$(cat "$run/tr")"
check_eq "the VLAN 20 port saw no frame at all" "" "$(cat "$run/a20")"
flows=$(dpctl dump-flows kfd-nl)
echo "$flows" | sed 's/^/# /'
p4=$(dpctl show kfd-nl | sed -n 's/.*port \([0-9]*\): nl-4.*/\1/p')
p5=$(dpctl show kfd-nl | sed -n 's/.*port \([0-9]*\): nl-5.*/\1/p')
check_match "VLAN 10 megaflow: tagged towards the trunk port" \
	"actions:push_vlan\(vid=10,pcp=0\),$p5\$" "$flows"
check_match "VLAN 10 megaflow: tag matched on the trunk, popped to the access port" \
	"in_port\($p5\).*vlan\(vid=10.*actions:pop_vlan,$p4\$" "$flows"

check_fails "a20 (VLAN 20) cannot reach a10 (VLAN 10)" \
	in_ns a20 ping -c 2 -i 0.3 -W 1 -q 10.10.0.1

# MAC aging is 300 s by default (mac_learning.h): not shown here.
check "kflowd still running" kill -0 $kpid
finish
