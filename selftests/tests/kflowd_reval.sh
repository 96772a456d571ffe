#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
# timeout: 300
#
#   ns1 (10.3.0.1) --+
#   ns2 (10.3.0.2) --+-- [ kflowd br0: ports 1, 2, 3 on datapath kfd-rv ]
#   ns3 (10.3.0.3) --+
#
# Revalidation: streams of pings to addresses with static neighbour
# entries (no ARP, no replies) run through br0 while flows change.
#   a. mod-flows redirects ns1's stream from ns2 to ns3: once ovs-ofctl
#      returns (after the barrier) not one more packet reaches ns2;
#   b. the megaflow was updated in place (same UFID, new actions), the
#      unrelated megaflow of ns2's stream kept its UFID and counters;
#   c. a megaflow idle for longer than --max-idle 2000 goes, an active
#      one stays;
#   d. rule hard_timeout and idle_timeout remove rules (OFPT_FLOW_REMOVED
#      to a controller, a small listener here), traffic stops following
#      them;
#   e. kflowd killed with SIGKILL and restarted with the original config
#      (not the tables it saved since):
#      the kernel's still valid megaflows keep their UFIDs (one updated
#      in place), the invalid one is deleted.
. "$(dirname "$0")/../lib/lib.sh"

require_cmd ovs-ofctl
ns_add ns1 && ns_add ns2 && ns_add ns3 || skip "cannot create namespaces"
no_ipv6 ns1 ns2 ns3
vm_port ns1 eth0 kfr-1 10.3.0.1/24
vm_port ns2 eth0 kfr-2 10.3.0.2/24
vm_port ns3 eth0 kfr-3 10.3.0.3/24
for n in 1 2 3; do
	for m in 1 2 3; do
		ip -n ns$n neigh replace 10.3.0.10$m \
			lladdr 02:00:00:00:01:0$m dev eth0 nud permanent
	done
done

run=/run/kflowd-reval
mkdir -p "$run"
at_exit "rm -rf $run"
cat > "$run/kflowd.conf" <<CONF
# kflowd_reval.sh
bridge br0
port br0 type=internal
port kfr-1 ofport=1
port kfr-2 ofport=2
port kfr-3 ofport=3
flow priority=10,in_port=1,ip,actions=output:2
flow priority=10,in_port=2,ip,actions=output:1
CONF
# kflowd saves its rule tables into the file: keep the original.
cp "$run/kflowd.conf" "$run/kflowd.conf.orig"
mgmt="unix:$run/br0.mgmt"
ofctl() { ovs-ofctl -O OpenFlow13 "$@"; }
rx() { dev_stat "$1" eth0 rx_packets; }
# -m: UFIDs, and port names for datapath port numbers.
dpflows() { dpctl -m dump-flows kfd-rv; }
# dp_line PORT: the megaflow of in_port(PORT) (one expected).
dp_line() { dpflows | grep "in_port($1)" | head -n 1; }
ufid_of() { echo "$1" | sed -n 's/^\(ufid:[0-9a-f-]*\),.*/\1/p'; }
pkts_of() { echo "$1" | sed -n 's/.*packets:\([0-9]*\),.*/\1/p'; }
has_dp_flow() { dpflows | grep -q "in_port($1)"; }
lacks_dp_flow() { ! has_dp_flow "$1"; }
rx_grows() { _r=$(rx "$1"); sleep 0.5; [ "$(rx "$1")" -gt "$_r" ]; }
rule_gone() { ! ofctl dump-flows "$mgmt" | grep -q -- "$1"; }
stream() {	# stream NS DST: background pings, pid in $spid
	ip netns exec "$1" ping -q -i 0.05 "$2" >/dev/null 2>&1 &
	spid=$!
	at_exit "kill $spid"
}

# A controller that answers hello and echo and logs FLOW_REMOVED.
cat >"$run/ctl.py" <<'PY'
import socket, struct, sys
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 6693))
srv.listen(1)
print("listening", flush=True)
out = open(sys.argv[1], "a")
conn, _ = srv.accept()
conn.sendall(struct.pack("!BBHI", 4, 0, 8, 1))
buf = b""
while True:
    data = conn.recv(65536)
    if not data:
        break
    buf += data
    while len(buf) >= 8:
        ver, typ, length, xid = struct.unpack("!BBHI", buf[:8])
        if length < 8 or len(buf) < length:
            break
        msg, buf = buf[:length], buf[length:]
        if typ == 2:
            conn.sendall(struct.pack("!BBHI", 4, 3, length, xid) + msg[8:])
        if typ == 11:
            prio, reason, table = struct.unpack("!HBB", msg[16:20])
            print("FLOW_REMOVED priority=%d reason=%d table=%d"
                  % (prio, reason, table), file=out, flush=True)
PY
python3 "$run/ctl.py" "$run/removed.txt" >"$run/ctl.log" 2>&1 &
cpid=$!
at_exit "kill $cpid"
# Python starts slowly under TCG: kflowd connects to a listening socket.
check "the test controller listens" \
	wait_for 60 grep -q '^listening$' "$run/ctl.log"

start_kflowd() {
	# A killed daemon leaves its socket: wait for the new one.
	rm -f "$run/br0.mgmt"
	"$KFLOW_BIN/kflowd" --config "$run/kflowd.conf" --rundir "$run" \
		--datapath kfd-rv --max-idle 2000 \
		--controller br0=tcp:127.0.0.1:6693 -v >>"$run/kflowd.log" 2>&1 &
	kpid=$!
	wait_for 20 test -S "$run/br0.mgmt"
}
start_kflowd
at_exit "dpctl del-dp kfd-rv"
at_exit "kill \$kpid; wait \$kpid"
check "kflowd runs with --max-idle 2000" kill -0 $kpid
check "kflowd connects to the controller" wait_for 20 \
	grep -q "connected to controller" "$run/kflowd.log"

# ---- a/b: flow-mod under traffic ----
stream ns1 10.3.0.102; p1=$spid
stream ns2 10.3.0.101; p2=$spid
check "ns1's stream reaches ns2" wait_for 30 rx_grows ns2
check "ns2's stream reaches ns1" wait_for 30 rx_grows ns1
check "megaflows of both streams" wait_for 10 has_dp_flow kfr-2
sleep 1.5			# statistics of the datapath reach the rules
f1=$(dp_line kfr-1); f2=$(dp_line kfr-2)
printf '%s\n' "$f1" "$f2" | sed 's/^/# before: /'
check_match "megaflows have UFIDs" "^ufid:.* ufid:" "$f1 $f2"
three_before=$(rx ns3)
check "mod-flows in_port=1,ip -> output:3" \
	ofctl mod-flows "$mgmt" "in_port=1,ip,actions=output:3"
two_at_barrier=$(rx ns2)
check "ns3 receives the stream after mod-flows" wait_for 10 rx_grows ns3
sleep 1
check_eq "not one packet reached ns2 after the barrier" "$two_at_barrier" \
	"$(rx ns2)"
check_ge "ns3 got packets" $((three_before + 5)) "$(rx ns3)"
g1=$(dp_line kfr-1); g2=$(dp_line kfr-2)
printf '%s\n' "$g1" "$g2" | sed 's/^/# after: /'
check_eq "in_port(1) megaflow updated in place (same UFID)" \
	"$(ufid_of "$f1")" "$(ufid_of "$g1")"
check_match "in_port(1) megaflow now outputs to port 3" \
	"actions:kfr-3\$" "$g1"
check_eq "unrelated in_port(2) megaflow kept its UFID" \
	"$(ufid_of "$f2")" "$(ufid_of "$g2")"
check_ge "unrelated megaflow kept its counters" "$(pkts_of "$f2")" \
	"$(pkts_of "$g2")"
check_match "rule counters fed from the datapath" \
	"n_packets=[1-9][0-9]*, .*in_port=2.* actions=output:1" \
	"$(ofctl dump-flows "$mgmt")"

# ---- c: datapath idle expiry ----
kill $p2
check "the idle megaflow of ns2's stream goes after ~2 s" \
	wait_for 15 lacks_dp_flow kfr-2
check "the active megaflow stays" has_dp_flow kfr-1
check_eq "and keeps its UFID" "$(ufid_of "$f1")" \
	"$(ufid_of "$(dp_line kfr-1)")"

# ---- d: rule timeouts, flow_removed ----
# 6 s, scaled like the waits: under the debug kernel the stream can take
# longer than 6 s to be seen at ns2.
hard=$((6 * ${KFLOW_TIMEOUT_SCALE:-1}))
check "add-flow hard_timeout=$hard send_flow_rem back to ns2" \
	ofctl add-flow "$mgmt" \
	"priority=30,in_port=1,ip,hard_timeout=$hard,send_flow_rem,actions=output:2"
check_match "dump-flows shows hard_timeout=$hard" "hard_timeout=$hard," \
	"$(ofctl dump-flows "$mgmt")"
check "the stream follows it to ns2" wait_for 5 rx_grows ns2
check "the rule expires (hard_timeout)" wait_for 15 rule_gone hard_timeout=$hard
check "the stream is back at ns3" wait_for 5 rx_grows ns3
two=$(rx ns2); sleep 1
check_eq "ns2 no longer receives it" "$two" "$(rx ns2)"
check "add-flow idle_timeout=2 on the active stream" \
	ofctl add-flow "$mgmt" \
	"priority=30,in_port=1,ip,idle_timeout=2,send_flow_rem,actions=output:3"
sleep 4
check_match "used by the stream, it outlives idle_timeout=2" \
	"idle_timeout=2," "$(ofctl dump-flows "$mgmt")"
kill $p1
check "idle stream: the rule expires (idle_timeout)" \
	wait_for 15 rule_gone idle_timeout=2
check "add-flow send_flow_rem to delete" ofctl add-flow "$mgmt" \
	"priority=40,in_port=3,ip,send_flow_rem,actions=drop"
check "del-flows --strict of it" ofctl --strict del-flows "$mgmt" \
	"priority=40,in_port=3,ip"
removed() { grep -q "priority=$1 reason=$2 " "$run/removed.txt"; }
check "controller got OFPT_FLOW_REMOVED reason=HARD_TIMEOUT" \
	wait_for 5 removed 30 1
check "controller got OFPT_FLOW_REMOVED reason=IDLE_TIMEOUT" \
	wait_for 5 removed 30 0
check "controller got OFPT_FLOW_REMOVED reason=DELETE" \
	wait_for 5 removed 40 2
sed 's/^/# controller: /' "$run/removed.txt"
check_fails "kflowd stayed connected to the controller" \
	grep -q "controller silent\|connection closed" "$run/kflowd.log"

# ---- e: restart reconciliation ----
check "mod-flows in_port=1 -> output:3 (not in the config)" \
	ofctl mod-flows "$mgmt" "in_port=1,ip,actions=output:3"
check "add-flow on in_port=3 udp (not in the config)" \
	ofctl add-flow "$mgmt" "priority=20,in_port=3,udp,tp_dst=9,actions=drop"
stream ns1 10.3.0.102
stream ns2 10.3.0.101
stream ns3 10.3.0.101
check "three megaflows" wait_for 20 sh -c \
	"$KFLOW_BIN/kflow-dpctl dump-flows kfd-rv | grep -c in_port | grep -qx 3"
f1=$(dp_line kfr-1); f2=$(dp_line kfr-2); f3=$(dp_line kfr-3)
printf '%s\n' "$f1" "$f2" "$f3" | sed 's/^/# before kill: /'
check_match "three UFIDs" "^ufid:.* ufid:.* ufid:" "$f1 $f2 $f3"
kill -KILL $kpid
wait $kpid 2>/dev/null
mv "$run/kflowd.log" "$run/kflowd.1.log"	# the new run's log alone
# Restart on the original tables (the saved ones would keep every flow).
cp "$run/kflowd.conf.orig" "$run/kflowd.conf"
start_kflowd
check "kflowd restarted" kill -0 $kpid
g1=$(dp_line kfr-1); g2=$(dp_line kfr-2)
printf '%s\n' "$g1" "$g2" | sed 's/^/# after restart: /'
check_match "reconciliation: 1 kept, 1 updated, 1 deleted" \
	"reconciled the datapath's flows: 1 kept, 1 updated, 1 deleted" \
	"$(cat "$run/kflowd.log")"
check_eq "valid in_port(2) megaflow kept its UFID" \
	"$(ufid_of "$f2")" "$(ufid_of "$g2")"
check_eq "in_port(1) megaflow updated in place (UFID kept)" \
	"$(ufid_of "$f1")" "$(ufid_of "$g1")"
check_match "in_port(1) outputs to port 2 again (the config's rule)" \
	"actions:kfr-2\$" "$g1"
check_fails "the invalid in_port(3) megaflow is gone" sh -c \
	"$KFLOW_BIN/kflow-dpctl -m dump-flows kfd-rv | grep -q '^$(ufid_of "$f3"),'"
check "ns2 receives ns1's stream again" wait_for 10 rx_grows ns2

# ---- f: one flow_mod, new actions for 100 megaflows ----
# The rule reads the UDP destination port, so each port is a megaflow of
# its own; kept busy (--max-idle is 2 s) by a sender cycling over 100
# ports.  Changing the rule's output sets the actions of all of them in
# place, in batches (64 + 36): same UFIDs, every one to port 3 now.
ctl() { "$KFLOW_BIN/kflow-ctl" --rundir "$run" "$@"; }
stat_of() { ctl upcall-stats | awk -v n="$1" '$1 == n { print $2 }'; }
udp_flows() { dpflows | grep 'dst=20[01][0-9][0-9])'; }
udp_ufids() { udp_flows | sed -n 's/^\(ufid:[0-9a-f-]*\),.*/\1/p' | sort; }
n_udp_flows_is() { [ "$(udp_flows | wc -l)" -eq "$1" ]; }
move='move:NXM_OF_UDP_DST[]->NXM_NX_REG0[0..15]'
check "add-flow in_port=1,udp that reads the destination port" \
	ofctl add-flow "$mgmt" "priority=30,in_port=1,udp,actions=$move,output:2"
# (ip netns exec execs python: $! is its pid.  A sender left running
# would keep ns1, and its veth, alive into the next target's run.)
ip netns exec ns1 python3 -c 'import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
end = time.time() + 90
while time.time() < end:
    for p in range(20000, 20100):
        s.sendto(b"x", ("10.3.0.102", p))
    time.sleep(0.2)' &
upid=$!
at_exit "kill $upid; wait $upid"
check "100 udp megaflows, one per port" wait_for 60 n_udp_flows_is 100
u0=$(udp_ufids)
mod0=$(stat_of reval_modified); err0=$(stat_of reval_set_errors)
check "mod-flows --strict: output:3" ofctl --strict mod-flows "$mgmt" \
	"priority=30,in_port=1,udp,actions=$move,output:3"
u1=$(udp_ufids)
check_eq "the 100 megaflows kept their UFIDs" \
	"$(echo "$u0" | wc -l) $(echo "$u0" | md5sum)" \
	"100 $(echo "$u1" | md5sum)"
check_eq "all 100 output to port 3 now" 0 \
	"$(udp_flows | grep -vc 'actions:kfr-3$')"
check_ge "100 sets in place counted" $((${mod0:-0} + 100)) \
	"$(stat_of reval_modified)"
check_eq "no set refused" "${err0:-x}" "$(stat_of reval_set_errors)"
check_match "the sets went in a batch of 64 (kflowd -v)" \
	"revalidate: 64 sets in one batch" "$(cat "$run/kflowd.log")"
check "kflowd still running" kill -0 $kpid
sed 's/^/# /' "$run/kflowd.log" | grep -v DEBUG | tail -n 30
finish
