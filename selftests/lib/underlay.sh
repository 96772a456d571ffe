# SPDX-License-Identifier: GPL-2.0
#
# Two-hypervisor tunnel tests: a hypervisor namespace's VM and underlay
# address, and a tcpdump capture on its underlay device "ul".
#   hv_host HV VM UL_ADDR VM_ADDR
#   cap_start HV FILTER FILE ... cap_stop

hv_host() {
	ns_add "$2" || return 1
	no_ipv6 "$2"
	ip -n "$1" link add vm type veth peer name eth0 netns "$2"
	ip -n "$1" link set vm up
	ip -n "$2" addr add "$4/24" dev eth0
	ip -n "$2" link set eth0 up
	ip -n "$1" addr add "$3/24" dev ul
	ip -n "$1" link set ul up
}

cap_start() {
	# exec'd, so that $! is tcpdump (TERM: async lists ignore INT)
	ip netns exec "$1" tcpdump -n -v -l -i ul "$2" > "$3" 2> "$3.err" &
	cap_pid=$!
	wait_for 10 grep -q listening "$3.err"
}

cap_stop() {
	sleep 0.5
	kill "$cap_pid"
	wait "$cap_pid"
}
