#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
# timeout: 480
#
#   ns1 (10.2.0.1) --veth-- [ kflowd: br0 ports 1, 2 on datapath kfd-dp ] --veth-- ns2 (10.2.0.2)
#
# kflowd runs the datapath; ovs-ofctl -O OpenFlow13 programs br0 through
# its unix socket.  Misses are translated and installed as megaflows;
# every flow_mod flushes the datapath's flows.
. "$(dirname "$0")/../lib/lib.sh"

require_cmd ovs-ofctl
ns_add ns1 && ns_add ns2 || skip "cannot create namespaces"
no_ipv6 ns1 ns2
vm_port ns1 eth0 kfd-1 10.2.0.1/24
vm_port ns2 eth0 kfd-2 10.2.0.2/24

run=/run/kflowd-test
mkdir -p "$run"
at_exit "rm -rf $run"
cat > "$run/kflowd.conf" <<CONF
# kflowd_basic.sh
bridge br0
port br0 type=internal
port kfd-1 ofport=1
port kfd-2 ofport=2
CONF
mgmt="unix:$run/br0.mgmt"
ofctl() { ovs-ofctl -O OpenFlow13 "$@"; }
n_dp_flows() { dpctl dump-flows kfd-dp | grep -c 'actions:'; }
# Megaflows matching REGEX.  After a flow_mod the datapath is flushed, but
# a packet may miss right after and install a flow of the new tables: a
# test counts the flows only the old tables would have made (stale ones).
n_dp_flows_like() {
	_f=$(dpctl dump-flows kfd-dp)
	echo "$_f" | sed 's/^/# after flow_mod: /' >&2
	echo "$_f" | grep -E -c -- "$1"
}
# rule_packets MATCH: n_packets of the dump-flows line containing MATCH.
rule_packets() {
	ofctl dump-flows "$mgmt" | grep -F "$1 " |
		sed -n 's/.*n_packets=\([0-9]*\),.*/\1/p'
}
packets_at_least() { [ "$(rule_packets "$1")" -ge "$2" ] 2>/dev/null; }

kflowd_start "$run" kfd-dp --pidfile "$run/kflowd.pid"
kpid=$kflowd_pid
check "kflowd creates $run/br0.mgmt" wait_for 20 test -S "$run/br0.mgmt"
check_match "datapath kfd-dp has the three ports" \
	"br0.*kfd-1.*kfd-2" "$(dpctl show kfd-dp | tr '\n' ' ')"

show=$(ofctl show "$mgmt" 2>&1)
check_match "ovs-ofctl show: features and port descriptions" \
	"OFPT_FEATURES_REPLY.* 1\(kfd-1\).* 2\(kfd-2\).*LOCAL\(br0\)" \
	"$(echo "$show" | tr '\n' ' ')"

check_fails "no rules: table miss drops the ping" \
	in_ns ns1 ping -c 1 -W 1 -q 10.2.0.2
check_ge "the miss installed a megaflow" 1 "$(n_dp_flows)"

check "add-flow actions=NORMAL" ofctl add-flow "$mgmt" "actions=NORMAL"
check_eq "flow_mod flushed the datapath (no drop megaflow left)" 0 \
	"$(n_dp_flows_like 'actions:drop')"
check "NORMAL: ping ns1 -> ns2" in_ns ns1 ping -c 5 -i 0.2 -W 2 -q 10.2.0.2
flows=$(dpctl dump-flows kfd-dp)
echo "$flows" | sed 's/^/# /'
check_match "megaflows with packet counts" "packets:[1-9].*actions:" "$flows"
check_match "ovs-ofctl dump-flows shows the rule" "actions=NORMAL" \
	"$(ofctl dump-flows "$mgmt")"

check "del-flows" ofctl del-flows "$mgmt"
check_eq "del-flows flushed the datapath (no forwarding megaflow left)" 0 \
	"$(n_dp_flows_like 'actions:[0-9]')"
check_fails "no rules: ping fails again" in_ns ns1 ping -c 1 -W 1 -q 10.2.0.2

printf '%s\n' "priority=10,in_port=1,actions=output:2" \
	"priority=10,in_port=2,actions=output:1" >"$run/flows.txt"
check "add-flows from a file" ofctl add-flows "$mgmt" "$run/flows.txt"
check "in_port rules: ping ns2 -> ns1" in_ns ns2 ping -c 3 -i 0.2 -W 2 -q 10.2.0.1
dump=$(ofctl dump-flows "$mgmt")
echo "$dump" | sed 's/^/# /'
check_eq "dump-flows lists the two rules" 2 \
	"$(echo "$dump" | grep -c 'priority=10,in_port=')"
check_match "megaflow from in_port rules carries packets" \
	"packets:[1-9].*actions:[0-9]" "$(dpctl dump-flows kfd-dp)"

# Datapath counters reach the rules (pulled every second and before a
# flush): 3 echo requests hit in_port=2, 3 replies in_port=1.
check "n_packets of in_port=2 reaches 3 (datapath statistics)" \
	wait_for 5 packets_at_least "priority=10,in_port=2" 3
check "n_packets of in_port=1 reaches 3" \
	wait_for 5 packets_at_least "priority=10,in_port=1" 3
before=$(rule_packets "priority=10,in_port=1")
check "mod-flows --strict: in_port=1 now drops" \
	ofctl --strict mod-flows "$mgmt" "priority=10,in_port=1,actions=drop"
check_eq "mod-flows flushed the datapath (nothing forwards from kfd-1)" 0 \
	"$(n_dp_flows_like 'in_port\(2\).*actions:[0-9]')"
check_fails "replies dropped: ping ns2 -> ns1 fails" \
	in_ns ns2 ping -c 1 -W 1 -q 10.2.0.1
check_match "dump-flows shows the new actions" \
	"priority=10,in_port=1 actions=drop" "$(ofctl dump-flows "$mgmt")"
check_ge "mod-flows kept the counters" "$before" \
	"$(rule_packets "priority=10,in_port=1")"

check "del-flows --strict of one rule" \
	ofctl --strict del-flows "$mgmt" "priority=10,in_port=2"
check_eq "one rule left" 1 \
	"$(ofctl dump-flows "$mgmt" | grep -c 'in_port=')"
# A dump-flows reply over 64 KiB is split (OFPMPF_REPLY_MORE).
awk 'BEGIN { for (i = 0; i < 2000; i++)
	printf "priority=5,udp,tp_dst=%d,actions=drop\n", i + 1 }' \
	>"$run/many.txt"
check "add-flows: 2000 rules" ofctl add-flows "$mgmt" "$run/many.txt"
check_eq "dump-flows returns all 2000 (multipart reply split)" 2000 \
	"$(ofctl dump-flows "$mgmt" | grep -c 'priority=5,udp')"
check "add two tcp rules with outputs" ofctl add-flows "$mgmt" - <<FLOWS
priority=6,tcp,tp_dst=80,actions=output:2
priority=6,tcp,tp_dst=81,actions=output:1,output:LOCAL
FLOWS
check_eq "dump-flows out_port=2 selects the output:2 rule" \
	"1 tp_dst=80" "$(ofctl dump-flows "$mgmt" out_port=2 |
		grep -c 'output:2') $(ofctl dump-flows "$mgmt" out_port=2 |
		grep -o 'tp_dst=8[01]')"
check "del-flows tcp,out_port=LOCAL" ofctl del-flows "$mgmt" "tcp,out_port=LOCAL"
check_eq "only the tp_dst=81 rule (output:LOCAL) went" "tp_dst=80" \
	"$(ofctl dump-flows "$mgmt" tcp | grep -o 'tp_dst=8[01]')"
check "del-flows udp (non-strict)" ofctl del-flows "$mgmt" "udp"
check_eq "the 2000 udp rules are gone, in_port=1 stays" "0 1" \
	"$(ofctl dump-flows "$mgmt" | grep -c 'udp') $(ofctl dump-flows "$mgmt" | grep -c 'in_port=1')"
check "kflowd still running" kill -0 $kpid
sed 's/^/# /' "$run/kflowd.log"
finish
