#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
# timeout: 900
#
# The two hypervisors of tunnels.sh, each driven by its own Debian
# ovs-vswitchd (started in the hypervisor's namespace):
#
#   vmA 10.201.0.1 -- vm [br0: tvx tgv tgr] hvA 172.31.1.1 == ul == 172.31.1.2 hvB [br0] vm -- vmB 10.201.0.2
#
# Tunnel interfaces type=vxlan|geneve|gre with options:remote_ip and
# options:key=flow; OpenFlow rules set and match tun_id.  ovs-vswitchd
# makes its own collect-metadata devices (vxlan_sys_4789, genev_sys_6081,
# gre_sys) over rtnetlink and attaches them as netdev ports.  For each
# type: pings cross, the underlay shows the VNI, the datapath flows carry
# the tunnel key, the log stays clean.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/ovs.sh"
. "$(dirname "$0")/../lib/underlay.sh"
require_cmd ovs-vswitchd ovsdb-server tcpdump

# bridge HV REMOTE: br0 with the VM port and one port per tunnel type.
bridge() {
	_t="options:remote_ip=$2 options:key=flow"
	ovs_vsctl "$1" add-br br0 -- \
		add-port br0 vm -- set interface vm ofport_request=1 -- \
		add-port br0 tvx -- set interface tvx type=vxlan $_t ofport_request=2 -- \
		add-port br0 tgv -- set interface tgv type=geneve $_t ofport_request=3 -- \
		add-port br0 tgr -- set interface tgr type=gre $_t ofport_request=4
}

# rules HV OFPORT VNI: the VM's traffic over one tunnel, VNI VNI.
rules() {
	ovs_ofctl "$1" del-flows br0 &&
	ovs_ofctl "$1" add-flow br0 "in_port=1,actions=set_field:$3->tun_id,output:$2" &&
	ovs_ofctl "$1" add-flow br0 "in_port=$2,tun_id=$3,actions=output:1"
}


# carry NAME OFPORT VNI LINE_REGEX FILTER
carry() {
	rules hvA "$2" "$3" && rules hvB "$2" "$3" ||
		fail "$1: install the OpenFlow rules"
	cap_start hvA "$5" /tmp/tunv.cap
	check "$1: ping vmA -> vmB" in_ns vmA ping -c 4 -i 0.3 -W 3 -q 10.201.0.2
	check "$1: ping vmB -> vmA" in_ns vmB ping -c 4 -i 0.3 -W 3 -q 10.201.0.1
	cap_stop
	check_ge "$1: underlay carried >= 8 packets with VNI $3" 8 \
		"$(grep -c -E "$4" /tmp/tunv.cap)"
	_f=$(ovs_dpctl hvA dump-flows)
	echo "$_f" | sed 's/^/# /'
	check_match "$1: hvA's datapath sets the tunnel key" \
		"packets:[1-9].*set\(tunnel\(tun_id=$(printf 0x%x "$3"),dst=172.31.1.2," "$_f"
	check_match "$1: hvA's datapath matches the tunnel key" \
		"tunnel\(tun_id=$(printf 0x%x "$3"),src=172.31.1.2,dst=172.31.1.1.*packets:[1-9]" "$_f"
}

ns_add hvA && ns_add hvB || skip "cannot create namespaces"
no_ipv6 hvA hvB
ip link add ul netns hvA type veth peer name ul netns hvB
hv_host hvA vmA 172.31.1.1 10.201.0.1
hv_host hvB vmB 172.31.1.2 10.201.0.2

for h in hvA hvB; do
	ovs_start "$h" "$h" && pass "$h: ovsdb-server and ovs-vswitchd start" ||
		fail "$h: ovsdb-server and ovs-vswitchd start"
done
check "hvA: br0 with vm, vxlan, geneve, gre ports" bridge hvA 172.31.1.2
check "hvB: br0 with vm, vxlan, geneve, gre ports" bridge hvB 172.31.1.1
show=$(ovs_dpctl hvA show | tr '\n' ' ')
echo "# $show"
check_match "hvA's datapath has vswitchd's tunnel devices" \
	"vxlan_sys_4789.*genev_sys_6081|genev_sys_6081.*vxlan_sys_4789" "$show"
check_match "... and gre_sys" "gre_sys" "$show"

carry vxlan 2 100 "VXLAN.*vni 100\$" "udp port 4789"
carry geneve 3 200 "Geneve.*vni 0xc8" "udp port 6081"
carry gre 4 300 "GREv0.*key=0x12c" "proto gre"

for h in hvA hvB; do
	problems=$(ovs_log_problems "$h")
	check_eq "$h: ovs-vswitchd log has no WARN or ERR line" "" "$problems"
	[ -z "$problems" ] || echo "$problems" | sed 's/^/#   /'
done
check "hvA: del-br br0" ovs_vsctl hvA del-br br0
check "hvB: del-br br0" ovs_vsctl hvB del-br br0
finish
