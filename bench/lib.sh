# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the in-guest benchmark (sourced by bench/guest.sh after
# selftests/lib/lib.sh and modules.sh).  Samples go to $BOUT/samples.txt
# as "FIGURE|CONTENDER|VALUE", figure titles to $BOUT/figures.txt as
# "FIGURE|TITLE|BETTER" (higher or lower); bench/table.awk makes the
# markdown table of them.

# The topology shared by every figure (MACs and addresses are the
# Dragonflow seed's two VMs, so that its routing flows apply as written):
#   ns bgen: g0 fa:16:3e:00:17:e6 10.1.0.3/24 -- p-gen  (datapath port)
#   ns bsink: s0 fa:16:3e:cf:4b:ed 10.2.0.3/24 -- p-sink (datapath port)
GEN_MAC=fa:16:3e:00:17:e6
SINK_MAC=fa:16:3e:cf:4b:ed
GW1_MAC=fa:16:3e:c0:8d:8b
GW2_MAC=fa:16:3e:c5:02:4d

log() { echo "bench: $*" >&2; }

# fig ID BETTER TITLE: declare a figure (rows keep this order).
fig() {
	grep -q "^$1|" "$BOUT/figures.txt" 2>/dev/null ||
		echo "$1|$3|$2" >> "$BOUT/figures.txt"
}

# sample FIGURE CONTENDER VALUE (an empty value is not recorded).
sample() {
	[ -n "$3" ] || { log "no value for $1 [$2]"; return 0; }
	echo "$1|$2|$3" >> "$BOUT/samples.txt"
	log "$1 [$2] = $3"
}

now() { date +%s.%N; }

topology_up() {
	ns_add bgen && ns_add bsink || return 1
	no_ipv6 bgen bsink
	vm_port bgen g0 p-gen 10.1.0.3/24 || return 1
	vm_port bsink s0 p-sink 10.2.0.3/24 || return 1
	ip -n bgen link set g0 address $GEN_MAC
	ip -n bsink link set s0 address $SINK_MAC
	ip -n bgen route add default via 10.1.0.1
	ip -n bsink route add default via 10.2.0.1
	ip -n bgen neigh replace 10.1.0.1 lladdr $GW1_MAC dev g0 nud permanent
	ip -n bsink neigh replace 10.2.0.1 lladdr $GW2_MAC dev s0 nud permanent
	# The sink counts what arrives (veth rx counter) and then drops UDP
	# and TCP at once: no socket lookup, no RST or ICMP going back.
	tc -n bsink qdisc add dev s0 clsact
	for proto in 6 17; do
		tc -n bsink filter add dev s0 ingress protocol ip u32 \
			match ip protocol $proto 0xff action drop || return 1
	done
}

sink_rx() { dev_stat bsink s0 rx_packets; }

# pktgen in ns bgen on g0, thread 0.  pg_apply reads "FILE COMMAND"
# lines from stdin and writes each COMMAND to /proc/net/pktgen/FILE (one
# process for all of them: every exec is slow under TCG).
pg_apply() {
	ip netns exec bgen sh -c 'while read -r f c; do
		echo "$c" > /proc/net/pktgen/$f ||
			echo "bench: pktgen $f: $c: refused" >&2
	done'
}

# pktgen_conf SIZE RATE_PPS(0: unlimited): the common settings (print).
pktgen_conf() {
	echo "kpktgend_0 rem_device_all"
	echo "kpktgend_0 add_device g0"
	echo "g0 count 0"
	echo "g0 clone_skb 0"
	echo "g0 pkt_size $1"
	echo "g0 delay 0"
	[ "$2" = 0 ] || echo "g0 ratep $2"
}

pktgen_start() {
	ip netns exec bgen sh -c 'echo start > /proc/net/pktgen/pgctrl' \
		>/dev/null 2>&1 &
	PG_PID=$!
}

pktgen_stop() {
	ip netns exec bgen sh -c 'echo stop > /proc/net/pktgen/pgctrl'
	wait "$PG_PID" 2>/dev/null
}

# rate_at_sink WARMUP SECS: packets/s counted at the sink while pktgen
# runs (pktgen must be set up); prints the rate.
rate_at_sink() {
	pktgen_start
	sleep "$1"
	r0=$(sink_rx)
	t0=$(now)
	sleep "$2"
	r1=$(sink_rx)
	t1=$(now)
	pktgen_stop
	awk -v a="$r0" -v b="$r1" -v s="$t0" -v e="$t1" \
		'BEGIN { if (e > s) printf "%.0f\n", (b - a) / (e - s) }'
}

# Number of flows in datapath DP and its mask count.
dp_nflows() { dpctl dump-flows "$1" | grep -c 'actions:'; }
dp_nmasks() { dpctl show "$1" | sed -n 's/.*masks:.*total:\([0-9]*\).*/\1/p'; }
