#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
# timeout: 900
#
# Two hypervisors, each a namespace with its own datapath, joined by a
# veth underlay (172.31.0.1 / 172.31.0.2, fd00:31::1 / fd00:31::2):
#
#   vmA 10.200.0.1 -- port 1 [dpa] vxa:2 gva:3 gra:4 -- ul == ul -- [dpb] ... -- vmB 10.200.0.2
#
# For VXLAN (VNI 100), Geneve (VNI 200, option class 0x102) and GRE (key
# 300), kflow-dpctl flows carry the VMs' traffic over the tunnel: pings
# both ways, the underlay capture shows the encapsulation and the VNI,
# the receiving flow counts the packets and shows the tunnel key, and a
# packet with another VNI (or without the Geneve option) is a miss that
# never reaches the VM.  Then VXLAN over the IPv6 underlay.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/underlay.sh"
require_cmd tcpdump

hv() {
	_h=$1
	shift
	ip netns exec "$_h" "$KFLOW_BIN/kflow-dpctl" "$@"
}

# host HV VM UL_V4 UL_V6 VM_ADDR: a hypervisor's underlay and its VM.
host() {
	ns_add "$2" || return 1
	no_ipv6 "$2"
	ip -n "$1" link add vm type veth peer name eth0 netns "$2"
	ip -n "$1" link set vm up
	ip -n "$2" addr add "$5/24" dev eth0
	ip -n "$2" link set eth0 up
	in_ns "$1" sysctl -qw net.ipv6.conf.ul.disable_ipv6=0
	ip -n "$1" addr add "$3/24" dev ul
	ip -n "$1" addr add "$4/64" dev ul nodad
	ip -n "$1" link set ul up
}

# ports HV DP: the VM port and one port of each tunnel type.
ports() {
	hv "$1" add-dp "$2" &&
	hv "$1" add-if "$2" vm,port_no=1 &&
	hv "$1" add-if "$2" vx"$3",type=vxlan,dst_port=4789,port_no=2 &&
	hv "$1" add-if "$2" gv"$3",type=geneve,dst_port=6081,port_no=3 &&
	hv "$1" add-if "$2" gr"$3",type=gre,port_no=4
}

# addr FIELD ADDR: a tunnel(...) address field, ipv6_ for IPv6.
addr() {
	case $2 in
	*:*) echo "ipv6_$1=$2" ;;
	*) echo "$1=$2" ;;
	esac
}

# out_acts REMOTE PORT VNI [GENEVE_OPT]: VM -> tunnel.
out_acts() {
	_g=${4:+geneve($4),}
	echo "set(tunnel(tun_id=$3,$(addr dst "$1"),ttl=64,${_g}flags(df|key))),$2"
}

# tun_flows HV DP LOCAL REMOTE PORT VNI [GENEVE_OPT]: both directions.
tun_flows() {
	_g=${7:+,geneve($7)}
	_in="tunnel(tun_id=$6,$(addr src "$4"),$(addr dst "$3"),ttl=64$_g)"
	hv "$1" del-flows "$2" &&
	hv "$1" add-flow "$2" "in_port(1),eth()" \
		"$(out_acts "$4" "$5" "$6" "$7")" &&
	hv "$1" add-flow "$2" "$_in,in_port($5),eth()" 1
}

misses() {
	hv "$1" show "$2" | sed -n 's/.*missed:\([0-9]*\).*/\1/p'
}

# carry NAME PORT VNI LINE_REGEX FILTER [GENEVE_OPT]: pings both ways
# over one tunnel type, with the capture and counters checked.
carry() {
	tun_flows hvA dpa 172.31.0.1 172.31.0.2 "$2" "$3" "$6" &&
		tun_flows hvB dpb 172.31.0.2 172.31.0.1 "$2" "$3" "$6" ||
		fail "$1: install the tunnel flows"
	cap_start hvA "$5" /tmp/tun.cap
	check "$1: ping vmA -> vmB (5)" in_ns vmA ping -c 5 -i 0.2 -W 2 -q 10.200.0.2
	check "$1: ping vmB -> vmA (3)" in_ns vmB ping -c 3 -i 0.2 -W 2 -q 10.200.0.1
	cap_stop
	sed -n '1,4s/^/# /p' /tmp/tun.cap
	check_eq "$1: underlay carried 16 encapsulated packets" 16 \
		"$(grep -c -E "$4" /tmp/tun.cap)"
	check_match "$1: hvB's flow shows the tunnel key, 8 packets, 784 bytes" \
		"tunnel\(tun_id=$3,src=172.31.0.1,dst=172.31.0.2,ttl=64.*in_port\($2\).*packets:8, bytes:784" \
		"$(hv hvB dump-flows dpb)"
}

# stray NAME PORT VNI [GENEVE_OPT]: hvA sends what hvB's flow does not
# match; hvB counts misses, vmB receives nothing.
stray() {
	m0=$(misses hvB dpb)
	r0=$(dev_stat vmB eth0 rx_packets)
	hv hvA del-flows dpa &&
		hv hvA add-flow dpa "in_port(1),eth()" \
			"$(out_acts 172.31.0.2 "$2" "$3" "$4")" ||
		fail "$1: replace hvA's flow"
	check_fails "$1: no reply" in_ns vmA ping -c 2 -i 0.2 -W 1 -q 10.200.0.2
	check_ge "$1: hvB counted 2 misses" $((m0 + 2)) "$(misses hvB dpb)"
	check_eq "$1: vmB received nothing" "$r0" "$(dev_stat vmB eth0 rx_packets)"
}

ns_add hvA && ns_add hvB || skip "cannot create namespaces"
# Only the underlay speaks IPv6: nothing else sends a packet unasked.
no_ipv6 hvA hvB
ip link add ul netns hvA type veth peer name ul netns hvB
host hvA vmA 172.31.0.1 fd00:31::1 10.200.0.1
host hvB vmB 172.31.0.2 fd00:31::2 10.200.0.2
ip -n vmA neigh add 10.200.0.2 lladdr "$(mac_of vmB eth0)" dev eth0
ip -n vmB neigh add 10.200.0.1 lladdr "$(mac_of vmA eth0)" dev eth0
check "underlay ping hvA -> hvB" in_ns hvA ping -c 1 -W 2 -q 172.31.0.2
check "IPv6 underlay ping hvA -> hvB" in_ns hvA ping -c 1 -W 2 -q fd00:31::2

if [ "$KFLOW_TARGET" = ovs ]; then
	# openvswitch.ko keeps its tunnel vport types in modules of their own.
	modprobe -a vport_vxlan vport_geneve vport_gre
	at_exit "rmmod vport_vxlan vport_geneve vport_gre"
fi
check "hvA: datapath with vm, vxlan, geneve, gre ports" ports hvA dpa a
at_exit "hv hvA del-dp dpa"
check "hvB: datapath with vm, vxlan, geneve, gre ports" ports hvB dpb b
at_exit "hv hvB del-dp dpb"
show=$(hv hvA show dpa | tr '\n' ' ')
check_match "show: tunnel ports with their types and UDP ports" \
	"port 2: vxa \(vxlan: dst_port=4789\).*port 3: gva \(geneve: dst_port=6081\).*port 4: gra \(gre\)" \
	"$show"
check_match "the tunnel devices exist, up, in hvA" "gva.*UP.*gra.*UP|gra.*UP.*gva.*UP" \
	"$(ip -n hvA -br link | tr '\n' ' ')"

gopt="{class=0x102,type=0x80,len=4,0xa1b2c3d4}"
carry vxlan 2 0x64 "VXLAN.*vni 100\$" "udp port 4789"
stray "vxlan, VNI 101" 2 0x65
carry geneve 3 0xc8 "Geneve.*vni 0xc8.*class .*0x102" "udp port 6081" "$gopt"
stray "geneve, option missing" 3 0xc8
stray "geneve, VNI 201 with the option" 3 0xc9 "$gopt"
carry gre 4 0x12c "GREv0.*key=0x12c" "proto gre"
stray "gre, key 301" 4 0x12d

# VXLAN over the IPv6 underlay, VNI 1000.
tun_flows hvA dpa fd00:31::1 fd00:31::2 2 0x3e8 &&
	tun_flows hvB dpb fd00:31::2 fd00:31::1 2 0x3e8 ||
	fail "vxlan6: install the tunnel flows"
cap_start hvA "ip6 and udp port 4789" /tmp/tun6.cap
check "vxlan6: ping vmA -> vmB (4)" in_ns vmA ping -c 4 -i 0.2 -W 2 -q 10.200.0.2
cap_stop
check_eq "vxlan6: underlay carried 8 packets with VNI 1000" 8 \
	"$(grep -c -E 'VXLAN.*vni 1000$' /tmp/tun6.cap)"
check_match "vxlan6: hvB's flow shows the IPv6 tunnel key, 4 packets" \
	"tunnel\(tun_id=0x3e8,ipv6_src=fd00:31::1,ipv6_dst=fd00:31::2,ttl=64.*packets:4, bytes:392" \
	"$(hv hvB dump-flows dpb)"

check "del-if of a tunnel port" hv hvA del-if dpa gva
check_fails "its device is gone with it" ip -n hvA link show gva
finish
