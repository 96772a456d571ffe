#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
# timeout: 300
#
#   ns1 (10.3.0.1) --veth kc-1-- [ br0: kc-1, kc-2, i0 (internal), pa ] --veth kc-2-- ns2 (10.3.0.2)
#                                                   | patch pa <-> pb
#                                [ br1: pb, vx0 (vxlan, remote_ip=192.168.99.2, key=flow) ]
#
# kflowd starts with no configuration; kflow-ctl builds the switch over
# RUNDIR/kflowd.ctl, ovs-ofctl programs br0, and the control socket's views
# (show, trace, dump-dp-flows, upcall-stats) and errors are checked.  The
# configuration file must hold the bridges, ports and rules afterwards.
. "$(dirname "$0")/../lib/lib.sh"

require_cmd ovs-ofctl
ns_add ns1 && ns_add ns2 || skip "cannot create namespaces"
no_ipv6 ns1 ns2
vm_port ns1 eth0 kc-1 10.3.0.1/24
vm_port ns2 eth0 kc-2 10.3.0.2/24

run=/run/kflowd-ctl-test
conf=$run/etc/kflowd.conf
rm -rf "$run"
mkdir -p "$run/etc"
at_exit "rm -rf $run"
# openvswitch.ko loads vport_vxlan for the vxlan vport; it must go before
# the module can be unloaded (last cleanup: after the datapath is gone).
[ "$KFLOW_TARGET" = ovs ] && at_exit "rmmod vport_vxlan"
ctl() { "$KFLOW_BIN/kflow-ctl" --rundir "$run" "$@"; }
ofctl() { ovs-ofctl -O OpenFlow13 "$@"; }
# fails_with WHAT MESSAGE CMD...: CMD exits non-zero and prints MESSAGE.
fails_with() {
	_what=$1 _msg=$2
	shift 2
	_out=$("$@" 2>&1) && { fail "$_what (exit 0: $_out)"; return; }
	case $_out in
	*"$_msg"*) pass "$_what: $_out" ;;
	*) fail "$_what: got \"$_out\", want \"$_msg\"" ;;
	esac
}

"$KFLOW_BIN/kflowd" --config "$conf" --rundir "$run" --datapath kc-dp \
	>"$run/kflowd.log" 2>&1 &
kpid=$!
at_exit "dpctl del-dp kc-dp"
at_exit "kill $kpid; wait $kpid; sed 's/^/# kflowd: /' $run/kflowd.log"
check "kflowd starts without a configuration file" \
	wait_for 20 test -S "$run/kflowd.ctl"

check "add-br br0" ctl add-br br0
check "add-port br0 kc-1 (lowest free ofport)" ctl add-port br0 kc-1
check "add-port br0 kc-2 ofport=2" ctl add-port br0 kc-2 ofport=2
check "add-port br0 i0 type=internal" ctl add-port br0 i0 type=internal
check "add-br br1" ctl add-br br1
check "add-port br0 pa type=patch peer=pb" ctl add-port br0 pa type=patch peer=pb
check "add-port br1 pb type=patch peer=pa" ctl add-port br1 pb type=patch peer=pa
check "add-port br1 vx0 type=vxlan" ctl add-port br1 vx0 type=vxlan \
	remote_ip=192.168.99.2 key=flow
dps=$(dpctl show kc-dp)
echo "$dps" | sed 's/^/# /'
for p in br0 kc-1 kc-2 i0 br1 vxlan_sys_4789; do
	check "datapath port $p exists" dp_has_port kc-dp $p
done
check_match "the vxlan vport is a vxlan port on UDP 4789" \
	"vxlan_sys_4789 \(vxlan: .*dst_port=4789" "$dps"

show=$(ctl show)
echo "$show" | sed 's/^/# /'
check_match "show: br0 with kc-1 on ofport 1" \
	"Bridge br0 .*Port kc-1 .*Interface kc-1 .*ofport: 1 " \
	"$(echo "$show" | tr '\n' ' ')"
check_match "show: internal port i0 on ofport 3" \
	"Port i0 .*type: internal .*ofport: 3 " "$(echo "$show" | tr '\n' ' ')"
check_match "show: patch pb with its peer" \
	"Port pb .*type: patch .*options: \{peer=pa\}" "$(echo "$show" | tr '\n' ' ')"
check_match "show: vxlan port with options" \
	'type: vxlan .*options: \{key=flow, remote_ip="192.168.99.2"\}' \
	"$(echo "$show" | tr '\n' ' ')"

mgmt="unix:$run/br0.mgmt"
check "br0.mgmt listens" wait_for 5 test -S "$run/br0.mgmt"
check "add-flow in_port=1 -> 2" ofctl add-flow "$mgmt" \
	"priority=100,in_port=1,actions=output:2"
check "add-flow in_port=2 -> 1" ofctl add-flow "$mgmt" \
	"priority=100,in_port=2,actions=output:1"
check "ping ns1 -> ns2 through kflowd" \
	wait_for 30 in_ns ns1 ping -c 1 -W 1 -q 10.3.0.2
check "ping again (3 packets)" in_ns ns1 ping -c 3 -i 0.2 -W 2 -q 10.3.0.2

odp2=$(echo "$dps" | sed -n 's/.*port \([0-9]*\): kc-2.*/\1/p')
trace=$(ctl trace br0 "in_port=kc-1,icmp,nw_src=10.3.0.1,nw_dst=10.3.0.2")
echo "$trace" | sed 's/^/# /'
check_match "trace: table 0 rule and its action" \
	'bridge\("br0"\) .* 0\. in_port=1, priority 100, cookie 0x0 .*output:2' \
	"$(echo "$trace" | tr '\n' ' ')"
check_match "trace: megaflow matches in_port only" \
	"Megaflow: .*in_port=1" "$trace"
check_match "trace: datapath actions output to kc-2's datapath port" \
	"Datapath actions: $odp2\$" "$trace"

# The same as a frame: ICMP echo 10.3.0.1 -> 10.3.0.2 in hex.
frame=0x020000000002020000000001080045000
frame=${frame}01c000040004001000
frame=${frame}00a0300010a0300020800f7ff00000000
ptrace=$(ctl trace br0 in_port=1 "$frame")
echo "$ptrace" | sed 's/^/# /'
check_match "trace of a frame: its fields decoded" \
	"^Flow: icmp,in_port=1,.*dl_src=02:00:00:00:00:01,dl_dst=02:00:00:00:00:02,nw_src=10.3.0.1,nw_dst=10.3.0.2" \
	"$ptrace"
check_match "trace of a frame: the same datapath actions" \
	"Datapath actions: $odp2\$" "$ptrace"

flows=$(ctl dump-dp-flows)
echo "$flows" | sed 's/^/# /'
check_match "dump-dp-flows: UFID, key, packets, actions" \
	"ufid:[0-9a-f-]+, .*in_port\(.*packets:[1-9].*actions:$odp2" "$flows"
check_match "dump-dp-flows: the rule the flow came from" \
	"rule: (table=0, )?priority=100,in_port=1 actions=output:2" "$flows"
check_eq "dump-dp-flows br1: none" "" "$(ctl dump-dp-flows br1)"

stats=$(ctl upcall-stats)
echo "$stats" | sed 's/^/# /'
check_ge "upcall-stats counts the upcalls" 2 \
	"$(echo "$stats" | awk '$1 == "upcalls" { print $2 }')"
check_ge "upcall-stats counts installed megaflows" 2 \
	"$(echo "$stats" | awk '$1 == "flows_installed" { print $2 }')"
check_match "upcall-stats names the dispatch mode" \
	"^dispatch +per-(cpu|vport) " "$stats"
check_ge "upcall-stats counts the handler threads" 1 \
	"$(echo "$stats" | awk '$1 == "handlers" { print $2 }')"

fails_with "unknown bridge" "kflow-ctl: add-port br9 x1: no such bridge" \
	ctl add-port br9 x1
fails_with "duplicate port" \
	"kflow-ctl: add-port br0 kc-1: port kc-1 already exists (bridge br0)" \
	ctl add-port br0 kc-1
fails_with "missing device" "kflow-ctl: add-port br0 eth9: no such network device" \
	ctl add-port br0 eth9
fails_with "bad type" "kflow-ctl: add-port br0 x2: type=foo: unknown port type" \
	ctl add-port br0 x2 type=foo
fails_with "bad option value" "kflow-ctl: add-port br0 x3: tag=5000: bad VLAN (0..4095)" \
	ctl add-port br0 x3 tag=5000
fails_with "used ofport" "kflow-ctl: add-port br0 i9: ofport=2 is used by port kc-2" \
	ctl add-port br0 i9 type=internal ofport=2
fails_with "duplicate bridge" "kflow-ctl: add-br br0: bridge br0 already exists" \
	ctl add-br br0
fails_with "unknown port" "kflow-ctl: del-port br0 nope: no such port in bridge br0" \
	ctl del-port br0 nope
fails_with "trace of an unknown bridge" "kflow-ctl: trace br7: no such bridge" \
	ctl trace br7 in_port=1
fails_with "unknown command" "kflow-ctl: frob: unknown command" ctl frob

check "del-port br0 i0" ctl del-port br0 i0
check "i0 left the datapath" dp_lacks_port kc-dp i0
check "kc-1 still there" dp_has_port kc-dp kc-1

has_conf() { grep -q -- "$1" "$conf"; }
check "the file has the rules" wait_for 5 has_conf "flow priority=100,in_port=2 actions=output:1"
cat "$conf" | sed 's/^/# conf: /'
check "the file has kc-1 with its number" has_conf "^  port kc-1 ofport=1\$"
check "the file has the vxlan port" \
	has_conf "^  port vx0 type=vxlan ofport=2 remote_ip=192.168.99.2 key=flow\$"
check "the file has the patch port" has_conf "^  port pa type=patch ofport=4 peer=pb\$"
check_fails "the file no longer has i0" has_conf "port i0"

check "del-br br1" ctl del-br br1
check "the vxlan vport went with br1" dp_lacks_port kc-dp vxlan_sys_4789
check "br1's internal port went too" dp_lacks_port kc-dp br1
check_fails "br1 is gone from show" sh -c "$KFLOW_BIN/kflow-ctl --rundir $run show | grep -q 'Bridge br1'"
check "ping still works after the changes" \
	wait_for 20 in_ns ns1 ping -c 1 -W 1 -q 10.3.0.2

# Deleting a port takes the megaflows that used it along (revalidated
# after the change, not before: fc3a435).
flows_of_p2() {
	dpctl dump-flows kc-dp |
		grep -E "in_port\($odp2\)|actions:([^ ]*,)?$odp2(,|\$)"
}
check "a megaflow uses kc-2 (datapath port $odp2) before del-port" \
	flows_of_p2
check "del-port br0 kc-2 (the ping's far end)" ctl del-port br0 kc-2
check_fails "no megaflow matches or outputs to port $odp2 after del-port" \
	flows_of_p2
finish
