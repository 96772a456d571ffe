#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
# timeout: 600
#
# Two hypervisors, each a namespace running its own kflowd (own datapath),
# joined by a veth underlay 172.31.0.1 -- 172.31.0.2:
#
#   vmA 10.201.0.1 -- vm:1 [kflowd A: br-int, vx:10 vxlan key=100,
#                           gv:11 geneve key=flow] -- ul == ul -- [kflowd B] -- vmB 10.201.0.2
#
# VXLAN with a fixed key: output to the tunnel port becomes
# set(tunnel(tun_id=0x64,src=local_ip,dst=remote_ip,ttl=64,flags(df|key)))
# on the shared vxlan_sys_4789 vport; received packets map back to the
# tunnel port and match in_port=10,tun_id=100; the underlay capture counts
# VNI 100.  Then Geneve with key=flow: the VNI comes from set_tunnel.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/underlay.sh"
. "$(dirname "$0")/../lib/ofctl.sh"
require_cmd tcpdump

hvdp() {
	_h=$1
	shift
	ip netns exec "$_h" "$KFLOW_BIN/kflow-dpctl" "$@"
}
# kflowd_in HV DP LOCAL REMOTE: kflowd of one hypervisor (not in check,
# a subshell: its cleanup is registered here).
kflowd_in() {
	_r=/run/kflowd-tun-$1
	mkdir -p "$_r"
	cat > "$_r/kflowd.conf" <<CONF
bridge br-int
port br-int type=internal
port vm ofport=1
port vx type=vxlan ofport=10 remote_ip=$4 local_ip=$3 key=100
port gv type=geneve ofport=11 remote_ip=$4 key=flow
CONF
	# hvA's shared tunnel vports are made beforehand (kflowd reuses
	# them); hvB's kflowd creates its datapath and vports itself.
	if [ "$1" = hvA ]; then
		hvdp "$1" add-dp "$2" &&
		hvdp "$1" add-if "$2" vxlan_sys_4789,type=vxlan,dst_port=4789 &&
		hvdp "$1" add-if "$2" geneve_sys_6081,type=geneve,dst_port=6081 ||
			fail "$1: datapath $2 with its tunnel vports"
	fi
	ip netns exec "$1" "$KFLOW_BIN/kflowd" --config "$_r/kflowd.conf" \
		--rundir "$_r" --datapath "$2" >"$_r/kflowd.log" 2>&1 &
	eval "pid_$1=\$!"
	at_exit "ip netns exec $1 $KFLOW_BIN/kflow-dpctl del-dp $2"
	at_exit "kill \$pid_$1; wait \$pid_$1"
	at_exit "rm -rf $_r"
}

ns_add hvA && ns_add hvB || skip "cannot create namespaces"
no_ipv6 hvA hvB
ip link add ul netns hvA type veth peer name ul netns hvB
hv_host hvA vmA 172.31.0.1 10.201.0.1
hv_host hvB vmB 172.31.0.2 10.201.0.2
check "underlay ping hvA -> hvB" in_ns hvA ping -c 1 -W 2 -q 172.31.0.2
if [ "$KFLOW_TARGET" = ovs ]; then
	modprobe -a vport_vxlan vport_geneve
	at_exit "rmmod vport_vxlan vport_geneve"
fi
kflowd_in hvA kta 172.31.0.1 172.31.0.2
kflowd_in hvB ktb 172.31.0.2 172.31.0.1
check "kflowd on hvA" wait_for 20 test -S /run/kflowd-tun-hvA/br-int.mgmt
check "kflowd on hvB" wait_for 20 test -S /run/kflowd-tun-hvB/br-int.mgmt
mA=unix:/run/kflowd-tun-hvA/br-int.mgmt
mB=unix:/run/kflowd-tun-hvB/br-int.mgmt
check_match "hvA's datapath has the shared vxlan and geneve vports" \
	"vxlan_sys_4789.*geneve_sys_6081|geneve_sys_6081.*vxlan_sys_4789" \
	"$(hvdp hvA show kta | tr '\n' ' ')"
check_match "hvB's kflowd created the shared vxlan and geneve vports" \
	"vxlan_sys_4789.*geneve_sys_6081|geneve_sys_6081.*vxlan_sys_4789" \
	"$(hvdp hvB show ktb | tr '\n' ' ')"

vxlan_flows() {
	printf '%s\n' "priority=10,in_port=1,actions=output:10" \
		"priority=10,in_port=10,tun_id=100,actions=output:1" |
		ofc add-flows "$1" -
}
check "hvA: VM <-> vxlan rules" vxlan_flows "$mA"
check "hvB: VM <-> vxlan rules" vxlan_flows "$mB"
cap_start hvA "udp port 4789" /tmp/kt-vx.cap
check "vxlan: ping vmA -> vmB" \
	wait_for 30 in_ns vmA ping -c 1 -W 2 -q 10.201.0.2
check "vxlan: 5 more pings" in_ns vmA ping -c 5 -i 0.2 -W 2 -q 10.201.0.2
cap_stop
sed -n '1,4s/^/# /p' /tmp/kt-vx.cap
n_vx=$(grep -c 'VXLAN.*vni 100' /tmp/kt-vx.cap)
echo "# $n_vx VXLAN packets with VNI 100 on the underlay"
check_ge "the underlay carried >= 12 VXLAN packets with VNI 100" 12 "$n_vx"
fA=$(hvdp hvA dump-flows kta)
echo "$fA" | sed 's/^/# hvA: /'
check_match "hvA's megaflow: set(tunnel(tun_id=0x64, local/remote, ttl 64, df|key))" \
	"set\(tunnel\(tun_id=0x64,src=172.31.0.1,dst=172.31.0.2,ttl=64,flags\(df\|key\)\)\)" \
	"$fA"
check_match "hvA's receive megaflow matches the tunnel exactly" \
	"tunnel\(tun_id=0x64,src=172.31.0.2,dst=172.31.0.1.*packets:[1-9].*actions:" \
	"$fA"
check "the tun_id=100 rule on hvB counts >= 6 packets" \
	wait_for 10 packets_at_least "$mB" "priority=10,tun_id=0x64,in_port=10" 6
ofc dump-flows "$mB" | sed 's/^/# hvB: /'

geneve_flows() {
	ofc del-flows "$1" &&
	printf '%s\n' \
		"priority=10,in_port=1,actions=set_tunnel:200,output:11" \
		"priority=10,in_port=11,tun_id=200,actions=output:1" |
		ofc add-flows "$1" -
}
check "hvA: VM <-> geneve rules (key=flow, set_tunnel:200)" geneve_flows "$mA"
check "hvB: the same" geneve_flows "$mB"
cap_start hvA "udp port 6081" /tmp/kt-gv.cap
check "geneve: ping vmA -> vmB" \
	wait_for 30 in_ns vmA ping -c 3 -i 0.2 -W 2 -q 10.201.0.2
cap_stop
sed -n '1,4s/^/# /p' /tmp/kt-gv.cap
n_gv=$(grep -c -i 'geneve.*vni 0xc8\|geneve.*vni 200' /tmp/kt-gv.cap)
echo "# $n_gv Geneve packets with VNI 200 on the underlay"
check_ge "the underlay carried >= 6 Geneve packets with VNI 200" 6 "$n_gv"
check_match "hvA: set(tunnel(tun_id=0xc8,...)) from set_tunnel" \
	"set\(tunnel\(tun_id=0xc8,dst=172.31.0.2,ttl=64,flags\(df\|key\)\)\)" \
	"$(hvdp hvA dump-flows kta)"
# Revalidation after the flow_mods deletes the VXLAN megaflows or, where
# the new tables need the same match, sets their actions to drop.
vx_left=$(hvdp hvA dump-flows kta | grep 'tun_id=0x64')
printf '%s\n' "$vx_left" | sed '/^$/d; s/^/# VXLAN megaflow left: /'
check_eq "no VXLAN megaflow forwards any more" 0 \
	"$(printf '%s\n' "$vx_left" | grep -v 'actions:drop$' | grep -c 'tun_id=0x64')"
for h in hvA hvB; do
	sed "s/^/# kflowd $h: /" "/run/kflowd-tun-$h/kflowd.log"
done
finish
