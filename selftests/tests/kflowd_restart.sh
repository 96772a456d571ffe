#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
# timeout: 300
#
#   ns1 (10.4.0.1) --veth kr-1-- [ kflowd br0: kr-1 (1), kr-2 (5), i0 ] --veth kr-2-- ns2 (10.4.0.2)
#
# The switch is built with kflow-ctl and ovs-ofctl; a continuous ping runs
# through kflowd's megaflows.  kflowd is killed with SIGKILL: the kernel's
# cached flows keep answering the pings while it is dead.  Restarted with
# the same --config, it comes back with its bridges, ports (same OpenFlow
# and datapath numbers) and rule tables, and reconciles the kernel's
# cached flows instead of flushing them: the megaflows carrying the pings
# keep their UFIDs and their packet counters go on rising (not deleted and
# created again).  A corrupt configuration file stops kflowd with
# FILE:LINE and the reason.
. "$(dirname "$0")/../lib/lib.sh"

require_cmd ovs-ofctl
ns_add ns1 && ns_add ns2 || skip "cannot create namespaces"
no_ipv6 ns1 ns2
vm_port ns1 eth0 kr-1 10.4.0.1/24
vm_port ns2 eth0 kr-2 10.4.0.2/24

run=/run/kflowd-restart-test
conf=$run/etc/kflowd.conf
rm -rf "$run"
mkdir -p "$run/etc"
at_exit "rm -rf $run"
ctl() { "$KFLOW_BIN/kflow-ctl" --rundir "$run" "$@"; }
ofctl() { ovs-ofctl -O OpenFlow13 "$@"; }
mgmt="unix:$run/br0.mgmt"
start_kflowd() {
	"$KFLOW_BIN/kflowd" --config "$conf" --rundir "$run" --datapath kr-dp \
		>>"$run/kflowd.log" 2>&1 &
	kpid=$!
}
# The rule tables without what changes with time and traffic.
rules() {
	ofctl dump-flows "$mgmt" | grep -v '^OFPST_FLOW' |
		sed -e 's/duration=[^,]*, //' -e 's/n_packets=[0-9]*, //' \
		    -e 's/n_bytes=[0-9]*, //' -e 's/idle_age=[0-9]*, //' \
		    -e 's/hard_age=[0-9]*, //' | sort
}
replies() { grep -c 'bytes from 10.4.0.2' "$run/ping.log"; }
replies_above() { [ "$(replies)" -gt "$1" ]; }
# The cached flows as "UFID PACKETS" lines.
flow_packets() {
	dpctl dump-flows -m kr-dp |
		sed -n 's/^\(ufid:[0-9a-f-]*\),.* packets:\([0-9]*\),.*/\1 \2/p'
}
# The flows that carry the continuous ping (ARP ones see a few packets).
busy_flows() { flow_packets | awk '$2 >= 10' | sort; }
# reconciled N: kflowd's Nth "reconciled ..." log line (one per start).
reconciled() {
	grep "reconciled the datapath's flows" "$run/kflowd.log" | sed -n "$1p"
}
restart_reconciled() { [ -n "$(reconciled 2)" ]; }

start_kflowd
at_exit "dpctl del-dp kr-dp"
at_exit 'kill $kpid; wait $kpid; sed "s/^/# kflowd: /" '"$run/kflowd.log"
check "kflowd up" wait_for 20 test -S "$run/kflowd.ctl"
check "add-br br0" ctl add-br br0
check "add-port kr-1" ctl add-port br0 kr-1
check "add-port kr-2 ofport=5" ctl add-port br0 kr-2 ofport=5
check "add-port i0 type=internal" ctl add-port br0 i0 type=internal
check "br0.mgmt" wait_for 5 test -S "$run/br0.mgmt"
check "add-flows: two tables, cookies, a timeout" ofctl add-flows "$mgmt" - <<FLOWS
table=0,priority=100,cookie=0x11,in_port=1,actions=goto_table:1
table=0,priority=100,cookie=0x12,in_port=5,actions=output:1
table=1,priority=10,cookie=0x13,actions=output:5
table=1,priority=20,cookie=0x14,idle_timeout=3600,udp,tp_dst=9,actions=drop
FLOWS
check "first ping" wait_for 30 in_ns ns1 ping -c 1 -W 1 -q 10.4.0.2

ip netns exec ns1 ping -i 0.1 10.4.0.2 >"$run/ping.log" 2>&1 &
ppid=$!
at_exit "kill $ppid"
check "continuous ping answered" wait_for 20 replies_above 20
show_before=$(ctl show)
dp_before=$(dpctl show kr-dp | grep -E 'port [0-9]+:')
rules_before=$(rules)
busy_before=$(busy_flows)
echo "$busy_before" | sed 's/^/# busy flow before: /'
check_ge "the ping's two directions have busy megaflows" 2 \
	"$(echo "$busy_before" | grep -c ufid)"
echo "$show_before" | sed 's/^/# before: /'
echo "$rules_before" | sed 's/^/# before: /'
check "the configuration file holds the rules" \
	wait_for 5 grep -q "cookie=0x14, idle_timeout=3600" "$conf"

kill -9 $kpid
wait $kpid 2>/dev/null
t0=$(date +%s)
r0=$(replies)
check "pings answered while kflowd is dead (kernel flows)" \
	wait_for 20 replies_above $((r0 + 20))
r1=$(replies)
echo "# $((r1 - r0)) replies in $(( $(date +%s) - t0 )) s without kflowd"
check_fails "kflowd is really gone" kill -0 $kpid

start_kflowd
# SIGKILL left the socket files behind: wait for a daemon that answers.
check "kflowd restarts with the same --config" wait_for 20 ctl show
check "kflowd logs its reconciliation" wait_for 10 restart_reconciled
recon=$(reconciled 2)
echo "# $recon"
check_match "it kept the cached flows and deleted none" \
	"[1-9][0-9]* kept, [0-9]* updated, 0 deleted" "$recon"
check_eq "the datapath was not flushed" 0 \
	"$(grep -c 'flushing the datapath' "$run/kflowd.log")"
check_eq "show: same bridges, ports, ofport and datapath numbers" \
	"$show_before" "$(ctl show)"
check_eq "datapath ports unchanged" "$dp_before" \
	"$(dpctl show kr-dp | grep -E 'port [0-9]+:')"
rules_after=$(rules)
echo "$rules_after" | sed 's/^/# after: /'
check_eq "rule tables restored (modulo counters and ages)" \
	"$rules_before" "$rules_after"
r2=$(replies)
check "pings answered after the restart" wait_for 20 replies_above $((r2 + 20))
check_match "dump-dp-flows: megaflows with their rules again" \
	"rule: .*cookie=0x11" "$(ctl dump-dp-flows br0)"
# Every busy megaflow of the killed run is still there under its UFID,
# with the >= 20 pings of the downtime and the >= 20 since added to its
# counter: the kernel never dropped it (a new flow starts from 0).
after=$(flow_packets)
echo "$after" | sed 's/^/# flow after: /'
n=0
while read -r u p; do
	n=$((n + 1))
	now=$(echo "$after" | sed -n "s/^$u //p")
	echo "# busy flow $n: $u: $p packets before the kill, ${now:-gone} now"
	if [ -z "$now" ]; then
		fail "busy megaflow $n kept its UFID across the restart"
		continue
	fi
	pass "busy megaflow $n kept its UFID across the restart"
	check_ge "busy megaflow $n: its counter went on (+40 pings at least)" \
		$((p + 40)) "$now"
done <<BUSY
$busy_before
BUSY

kill $kpid
wait $kpid
cp "$conf" "$run/etc/bad.conf"
echo "  port kr-9 tag=9999" >>"$run/etc/bad.conf"
line=$(wc -l <"$run/etc/bad.conf")
out=$("$KFLOW_BIN/kflowd" --config "$run/etc/bad.conf" --rundir "$run/bad" \
	--datapath kr-dp 2>&1)
rc=$?
check_eq "a corrupt file stops kflowd" 1 "$rc"
check_match "the error names file:line and the reason" \
	"bad.conf:$line: tag=9999: bad VLAN \(0..4095\)" "$out"
start_kflowd
check "the good file still starts it" wait_for 20 ctl show
finish
