#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
# timeout: 900
#
#   ns1 (10.7.0.1) --veth-- [ kflowd br0 ] --veth-- ns2 (10.7.0.2)
#                                |  tcp:127.0.0.1:6653
#                     osken-manager + selftests/lib/osken_learning.py
#
# kflowd connects to an os-ken learning switch (--controller): the table
# miss rule the app installs sends packets up as PACKET_INs, the app's
# PACKET_OUTs are executed, its FLOW_MODs forward the rest of the pings in
# the kernel (counted in dump-flows).  Killing the controller and starting
# it again: kflowd reconnects by itself.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/ofctl.sh"
require_cmd osken-manager

ns_add ns1 && ns_add ns2 || skip "cannot create namespaces"
no_ipv6 ns1 ns2
vm_port ns1 eth0 kfc-1 10.7.0.1/24
vm_port ns2 eth0 kfc-2 10.7.0.2/24

run=/run/kflowd-controller-test
state=/run/kflow-osken
rm -rf "$run" "$state"
mkdir -p "$run" "$state"
at_exit "rm -rf $run $state"
cat > "$run/kflowd.conf" <<CONF
bridge br0
port br0 type=internal
port kfc-1 ofport=1
port kfc-2 ofport=2
CONF
mgmt="unix:$run/br0.mgmt"
app="$(cd "$(dirname "$0")/../lib" && pwd)/osken_learning.py"
# os-ken takes minutes to import under TCG: wait until it listens (not in
# check, a subshell: $opid is needed).
start_osken() {
	KFLOW_OSKEN_DIR=$state osken-manager --ofp-listen-host 127.0.0.1 \
		--ofp-tcp-listen-port 6653 "$app" >>"$run/osken.log" 2>&1 &
	opid=$!
}
osken_listens() { ss -ltn | grep -q '127.0.0.1:6653 '; }
count() { cat "$state/$1" 2>/dev/null || echo 0; }
# controller_rules_packets: n_packets summed over the app's rules.
controller_rules_packets() {
	ofc dump-flows "$mgmt" "cookie=0x5/0xffffffffffffffff" |
		sed -n 's/.*n_packets=\([0-9]*\),.*/\1/p' |
		awk '{ s += $1 } END { print s + 0 }'
}
rules_forwarded() { [ "$(controller_rules_packets)" -ge "$1" ]; }

start_osken
at_exit "kill \$opid"
check "osken-manager listens on 127.0.0.1:6653" wait_for 300 osken_listens
"$KFLOW_BIN/kflowd" --config "$run/kflowd.conf" --rundir "$run" \
	--datapath kfc-dp --controller br0=tcp:127.0.0.1:6653 \
	>"$run/kflowd.log" 2>&1 &
kpid=$!
at_exit "dpctl del-dp kfc-dp"
at_exit "kill $kpid; wait $kpid"

check "the controller completes the features handshake" \
	wait_for 60 test -s "$state/connected"
check_match "dump-flows shows the app's table-miss rule" \
	"priority=0 actions=CONTROLLER" "$(ofc dump-flows "$mgmt")"
check "ping ns1 -> ns2 through the controller" \
	wait_for 60 in_ns ns1 ping -c 1 -W 2 -q 10.7.0.2
pins=$(count packet_ins)
check_ge "the app saw the ARP and ICMP packet-ins" 2 "$pins"
check_ge "the app installed rules" 1 "$(count flow_mods)"
check "more pings" in_ns ns1 ping -c 10 -i 0.2 -W 2 -q 10.7.0.2
check "the app's rules forward them in the kernel (n_packets >= 10)" \
	wait_for 10 rules_forwarded 10
pins2=$(count packet_ins)
echo "# packet-ins: $pins after the first ping, $pins2 after 10 more"
check "10 more pings cost fewer than 10 packet-ins" \
	[ $((pins2 - pins)) -lt 10 ]
ofc dump-flows "$mgmt" | sed 's/^/# /'
check_match "a controller rule: cookie, match and output" \
	"cookie=0x5, .*n_packets=[1-9][0-9]*, .*priority=10,in_port=[12],dl_src=.*,dl_dst=.* actions=output:[12]" \
	"$(ofc dump-flows "$mgmt")"
dpctl dump-flows kfc-dp | sed 's/^/# dp: /'
check_match "megaflows from the controller's rules carry packets" \
	"packets:[1-9].*actions:[0-9]" "$(dpctl dump-flows kfc-dp)"

# Reconnect: a new controller instance gets the switch back.
kill $opid
wait $opid 2>/dev/null
rm -f "$state/connected"
check "kflowd notices the controller is gone" \
	wait_for 20 grep -q "controller tcp:127.0.0.1:6653: connection closed" \
	"$run/kflowd.log"
start_osken
check "osken-manager listens again" wait_for 300 osken_listens
check "kflowd reconnects to the restarted controller (backoff <= 8 s)" \
	wait_for 60 test -s "$state/connected"
check "kflowd still running" kill -0 $kpid
kill $kpid
wait $kpid
sed 's/^/# kflowd: /' "$run/kflowd.log"
tail -20 "$run/osken.log" | sed 's/^/# osken: /'
finish
