# SPDX-License-Identifier: GPL-2.0
# A datapath the fuzz tests keep out of the fuzzers' aim, to show the
# module still forwards afterwards (sourced after lib.sh).
#   keep_dp NAME NET: namespaces NAME-ns1/2 (NET.1, NET.2) joined by
#   datapath NAME with one IPv4 flow each way; checks a first ping.
#   keep_dp_check NAME NET: ports, flows and a ping still there.

keep_dp() {
	ns_add "$1-ns1" && ns_add "$1-ns2" || skip "cannot create namespaces"
	no_ipv6 "$1-ns1" "$1-ns2"
	vm_port "$1-ns1" eth0 "$1-1" "$2.1/24"
	vm_port "$1-ns2" eth0 "$1-2" "$2.2/24"
	ip -n "$1-ns1" neigh add "$2.2" lladdr "$(mac_of "$1-ns2" eth0)" dev eth0
	ip -n "$1-ns2" neigh add "$2.1" lladdr "$(mac_of "$1-ns1" eth0)" dev eth0
	check "add-dp $1" dpctl add-dp "$1"
	at_exit "$KFLOW_BIN/kflow-dpctl del-dp $1"
	dpctl add-if "$1" "$1-1" && dpctl add-if "$1" "$1-2"
	check "flows of $1" sh -c "
		$KFLOW_BIN/kflow-dpctl add-flow $1 'in_port(1),eth(),eth_type(0x0800),ipv4(frag=no)' 2 &&
		$KFLOW_BIN/kflow-dpctl add-flow $1 'in_port(2),eth(),eth_type(0x0800),ipv4(frag=no)' 1"
	check "ping through $1 before fuzzing" \
		wait_for 30 in_ns "$1-ns1" ping -c 1 -W 1 -q "$2.2"
}

keep_dp_check() {
	check "$1 still has both ports" sh -c \
		"$KFLOW_BIN/kflow-dpctl show $1 | grep -q 'port 2: $1-2'"
	check_eq "$1 still has its two flows" 2 \
		"$(dpctl dump-flows "$1" | grep -c 'actions:')"
	check "ping through $1 after fuzzing (5 packets)" \
		in_ns "$1-ns1" ping -c 5 -i 0.2 -W 2 -q "$2.2"
	check_match "$1's reverse flow counted the replies" \
		"packets:[1-9][0-9]*" "$(dpctl dump-flows "$1" | grep 'in_port(2)')"
}

# kernel_log_mark / kernel_log_clean_since WHAT: no BUG/WARNING/... line
# (selftests/dmesg-bad.txt) logged since the mark.
kernel_log_mark() { _log_mark=$(dmesg | wc -l); }
kernel_log_clean_since() {
	_bad=$(dmesg | tail -n +"$((_log_mark + 1))" |
		grep -E -f "$KFLOW_REPO/selftests/dmesg-bad.txt" | head -n 5)
	check_eq "$1" "" "$_bad"
}

# module_reloads: rmmod of the target module succeeds; load it again for
# the harness.
module_reloads() {
	check "rmmod after fuzzing" kflow_target_unload "$KFLOW_TARGET"
	check "load again" kflow_target_load "$KFLOW_TARGET"
}
