#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
# timeout: 420
#
#   ns1 (10.5.0.1) -- port 1 [ kflowd: br0 on datapath kfd-fl ] port 2 -- ns2
#   ns3 (10.5.0.3) -- port 3                                    port 4 -- ns4
#
# A miss flood must not starve established traffic.  ns1's UDP goes
# through a rule whose actions read tp_src and tp_dst whole (move to
# registers), so every distinct 5-tuple needs its own megaflow; pktgen in
# ns1 sends 100,000 packets with random source and destination ports
# while ns3 pings ns4 through flows installed before the flood.  Asserted:
# the pings are answered, kflowd lives with a bounded RSS, the datapath
# never holds more flows than --flow-limit (plus a small margin), the
# drops are counted, and upcalls are dispatched per CPU.
. "$(dirname "$0")/../lib/lib.sh"
nl="/usr/bin/python3 $(dirname "$0")/../lib/ovsnl.py"

require_cmd ovs-ofctl
modprobe pktgen 2>/dev/null || skip "no pktgen module"
at_exit "rmmod pktgen"
ns_add ns1 && ns_add ns2 && ns_add ns3 && ns_add ns4 ||
	skip "cannot create namespaces"
no_ipv6 ns1 ns2 ns3 ns4
for i in 1 2 3 4; do
	vm_port ns$i eth0 kfl-$i 10.5.0.$i/24
done

run=/run/kflowd-flood
limit=2000
mkdir -p "$run"
at_exit "rm -rf $run"
cat > "$run/kflowd.conf" <<CONF
# kflowd_flood.sh
bridge br0
port br0 type=internal
port kfl-1 ofport=1
port kfl-2 ofport=2
port kfl-3 ofport=3
port kfl-4 ofport=4
CONF
mgmt="unix:$run/br0.mgmt"
ofctl() { ovs-ofctl -O OpenFlow13 "$@"; }
n_dp_flows() { dpctl show kfd-fl | sed -n 's/^ *flows: //p'; }
# kstat NAME: a counter from kflowd's exit report ("NAME N").
kstat() { sed -n "s/.*[ (]$1 \([0-9]*\).*/\1/p" "$run/kflowd.log" | tail -1; }

# --max-idle 60000: the ns3 -> ns4 megaflows stay cached while the flood
# is prepared (python alone takes up to 15 s to start under TCG), so the
# pings during the flood are established traffic, not misses.
"$KFLOW_BIN/kflowd" --config "$run/kflowd.conf" --rundir "$run" \
	--datapath kfd-fl --flow-limit $limit --max-idle 60000 \
	>"$run/kflowd.log" 2>&1 &
kpid=$!
at_exit "dpctl del-dp kfd-fl"
at_exit "kill $kpid 2>/dev/null; wait $kpid"
check "kflowd creates $run/br0.mgmt" wait_for 20 test -S "$run/br0.mgmt"
check_match "kflowd logs per-CPU upcall dispatch" \
	"upcall handlers, per-cpu dispatch" "$(cat "$run/kflowd.log")"
feat=$($nl dp-features kfd-fl)
echo "# datapath: $feat"
check_match "the datapath has DISPATCH_UPCALL_PER_CPU (0x8) and per-CPU pids" \
	"features=0x[0-9a-f]*[89a-f] per_cpu_pids=[1-9]" "$feat"

check "add the flows" ofctl add-flows "$mgmt" - <<FLOWS
priority=100,udp,in_port=1,actions=move:NXM_OF_UDP_SRC[]->NXM_NX_REG0[0..15],move:NXM_OF_UDP_DST[]->NXM_NX_REG1[0..15],output:2
priority=50,in_port=3,actions=output:4
priority=50,in_port=4,actions=output:3
priority=10,actions=drop
FLOWS

# Established traffic: ns3 <-> ns4 megaflows installed before the flood.
check "ns3 pings ns4 before the flood" \
	wait_for 30 in_ns ns3 ping -c 1 -W 1 -q 10.5.0.4
check "ns3 pings ns4 (flows cached)" in_ns ns3 ping -c 3 -i 0.2 -W 2 -q 10.5.0.4
p3=$(dpctl show kfd-fl | sed -n 's/^ *port \([0-9]*\): kfl-3.*/\1/p')
p4=$(dpctl show kfd-fl | sed -n 's/^ *port \([0-9]*\): kfl-4.*/\1/p')
check_match "the ns3 -> ns4 megaflow is in the datapath" \
	"in_port\($p3\),.*eth_type\(0x0800\).*actions:$p4\$" \
	"$(dpctl dump-flows kfd-fl)"
rss() { awk '/^VmRSS:/ { print $2 }' /proc/$kpid/status; }
rss0=$(rss)

# Every distinct 5-tuple is its own megaflow: two flows of ns1.
m2=$(mac_of ns2 eth0)
ip -n ns1 neigh add 10.5.0.2 lladdr "$m2" dev eth0
in_ns ns1 python3 -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for p in (7001, 7002):
    s.sendto(b"x", ("10.5.0.2", p))'
check "udp from ns1 installs exact-port megaflows" wait_for 10 sh -c \
	"'$KFLOW_BIN/kflow-dpctl' dump-flows kfd-fl | grep -q 'udp(src=[0-9]*,dst=700[12])'"

# The sampler records the datapath's flow count twice a second.
: >"$run/counts"
( while [ ! -e "$run/stop" ]; do n_dp_flows >>"$run/counts"; sleep 0.5; done ) &
spid=$!
at_exit "touch $run/stop; wait $spid"

pg=/proc/net/pktgen
in_ns ns1 sh -c "
	echo rem_device_all > $pg/kpktgend_0 &&
	echo 'add_device eth0' > $pg/kpktgend_0 &&
	for c in 'count 100000' 'clone_skb 0' 'pkt_size 60' 'delay 100000' \
		'dst 10.5.0.2' 'dst_mac $m2' 'udp_src_min 1024' \
		'udp_src_max 65000' 'udp_dst_min 1024' 'udp_dst_max 4095' \
		'flag UDPSRC_RND' 'flag UDPDST_RND'; do
		echo \"\$c\" > $pg/eth0 || exit 1
	done" || skip "pktgen cannot drive the veth"
tx0=$(dev_stat ns1 eth0 tx_packets)
start=$(date +%s)
# (A finished background job stays a zombie until waited for: a file
# marks the end.)
( in_ns ns1 sh -c "echo start > $pg/pgctrl"; touch "$run/pg.done" ) &
at_exit "in_ns ns1 sh -c 'echo stop > $pg/pgctrl'"

sleep 2		# the flood is under way (not an assertion)
pings=$(in_ns ns3 ping -c 20 -i 0.5 -W 2 10.5.0.4 2>&1)
echo "$pings" | tail -3 | sed 's/^/# /'
got=$(echo "$pings" | sed -n 's/.* \([0-9]*\) received.*/\1/p')
flooding=$(in_ns ns1 cat $pg/eth0 | sed -n 's/.*pkts-sofar: \([0-9]*\).*/\1/p')
echo "# pktgen had sent ${flooding:-?} packets when the pings ended"
check_ge "established pings answered during the flood (>= 18 of 20)" 18 "${got:-0}"
check "kflowd alive during the flood" kill -0 $kpid

check "the flood ends (pktgen done)" wait_for 240 test -e "$run/pg.done"
echo "# flood lasted $(( $(date +%s) - start )) s"
tx=$(( $(dev_stat ns1 eth0 tx_packets) - tx0 ))
check_ge "pktgen sent 100000 packets from ns1" 100000 "$tx"
rss1=$(rss)
echo "# kflowd VmRSS before ${rss0} kB, after ${rss1} kB"
touch "$run/stop"
wait $spid
max=$(sort -n "$run/counts" | tail -1)
echo "# datapath flow count: $(wc -l <"$run/counts") samples, max $max"
dpctl show kfd-fl | sed 's/^/# /'
# Over the limit a handler executes without installing; the check and
# the install race between handlers, and the count is re-read from the
# datapath once a second: 50 flows (2.5 %) of slack.
check_ge "datapath flows never exceeded --flow-limit $limit (+50)" \
	0 $((limit + 50 - ${max:-999999}))
check_ge "the flood filled the datapath towards the limit" $((limit / 2)) \
	"${max:-0}"
# Growth bound: the handlers' fixed buffers (256 KiB each, at most
# 8 touched here) plus at most $limit megaflow records (< 1 KiB each
# with their rule lists and malloc overhead) and per-thread arenas:
# well under 16 MiB, whatever the flood's length.
check_ge "kflowd RSS grew less than 16 MiB" 0 $((16384 - (${rss1:-99999} - ${rss0:-0})))
check "ns3 still pings ns4 after the flood" \
	in_ns ns3 ping -c 3 -i 0.2 -W 2 -q 10.5.0.4

kill $kpid
wait $kpid
sed 's/^/# /' "$run/kflowd.log"
check_ge "upcalls over the flow limit counted" 1 "$(kstat 'over limit')"
check_ge "flows installed up to the limit" $((limit / 2)) \
	"$(kstat 'flows installed')"
drops=$(( $(kstat 'fairness drops') + $(kstat 'recv lost') + $(kstat 'datapath lost') ))
check_ge "flood upcalls dropped and counted (fairness, lost)" 1 "$drops"
check_ge "the flooding port's upcalls dropped by fairness" 1 \
	"$(kstat 'fairness drops')"

# Per-vport dispatch (what kflowd falls back to when the datapath refuses
# per-CPU dispatch), forced: three handlers, every vport gets the array
# of their netlink port ids.
"$KFLOW_BIN/kflowd" --config "$run/kflowd.conf" --rundir "$run" \
	--datapath kfd-fl --n-handlers 3 --dispatch per-vport \
	>"$run/kflowd2.log" 2>&1 &
kpid=$!
at_exit "kill $kpid 2>/dev/null; wait $kpid"
check "kflowd restarts with --dispatch per-vport" \
	wait_for 20 test -S "$run/br0.mgmt"
check_match "kflowd logs per-vport dispatch with 3 handlers" \
	"3 upcall handlers, per-vport dispatch" "$(cat "$run/kflowd2.log")"
feat=$($nl dp-features kfd-fl)
echo "# datapath: $feat"
check_match "the datapath's per-CPU dispatch is off" \
	"features=0x[0-9a-f]*[0-7] per_cpu_pids=0" "$feat"
check "add the ping flows" ofctl add-flows "$mgmt" - <<FLOWS
priority=50,in_port=3,actions=output:4
priority=50,in_port=4,actions=output:3
FLOWS
check "per-vport dispatch: ns3 pings ns4 (misses handled)" \
	wait_for 30 in_ns ns3 ping -c 1 -W 1 -q 10.5.0.4
check_match "per-vport dispatch: the misses installed megaflows" \
	"in_port\($p3\),.*actions:$p4\$" "$(dpctl dump-flows kfd-fl)"
kill $kpid
wait $kpid
sed 's/^/# /' "$run/kflowd2.log"
finish
