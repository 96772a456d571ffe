# SPDX-License-Identifier: GPL-2.0
#
# Figure 1: fast-path throughput.  pktgen in ns bgen sends UDP from
# 10.0.0.1 to random destinations 10.1.0.0 + [0, BENCH_FLOWS) into p-gen;
# the sink counts what reaches s0.  Contenders: a datapath (kflow.ko or
# openvswitch.ko) with p-gen port 1, p-sink port 2 and one of three flow
# sets; tc mirred redirect and a Linux bridge between the same veths.

FP_DP=bench-fp

# flowset_file SET: write the flows of SET (one, 1mask, 32masks).
flowset_file() {
	f=/tmp/bench-flows-$1.txt
	case $1 in
	one)
		echo "in_port(1),eth(),eth_type(0x0800),ipv4(frag=no) 2" > "$f" ;;
	1mask)
		awk -v n="$BENCH_FLOWS" 'BEGIN { for (i = 0; i < n; i++)
			printf "in_port(1),eth(),eth_type(0x0800),ipv4(dst=10.1.%d.%d) 2\n",
				int(i / 256), i % 256 }' > "$f" ;;
	32masks)
		# Mask k (0..31) adds the first k+1 bits of the source
		# address (always 10.0.0.1) to the exact destination.
		awk -v n="$BENCH_FLOWS" 'function pfx(l,  m, o, s, b) {
				s = ""
				for (o = 0; o < 4; o++) {
					b = l >= 8 ? 8 : (l > 0 ? l : 0)
					l -= 8
					m = 256 - 2 ^ (8 - b)
					s = s (o ? "." : "") m
				}
				return s
			}
			BEGIN { for (i = 0; i < n; i++)
			printf "in_port(1),eth(),eth_type(0x0800),ipv4(src=10.0.0.1/%s,dst=10.1.%d.%d) 2\n",
				pfx(i % 32 + 1), int(i / 256), i % 256 }' > "$f" ;;
	esac
	echo "$f"
}

fp_last_ip() {
	echo "10.1.$(( (BENCH_FLOWS - 1) / 256 )).$(( (BENCH_FLOWS - 1) % 256 ))"
}

# fp_measure FIGURE_PREFIX CONTENDER: both packet sizes.
fp_measure() {
	for size in $BENCH_SIZES; do
		# pkt_size excludes the 4-byte FCS: 60 makes a 64-byte frame;
		# 1514 carries a 1500-byte IP packet.
		case $size in 64) ps=60 ;; *) ps=1514 ;; esac
		{
			pktgen_conf $ps 0
			echo "g0 dst_mac $SINK_MAC"
			echo "g0 src_min 10.0.0.1"
			echo "g0 src_max 10.0.0.1"
			echo "g0 dst_min 10.1.0.0"
			echo "g0 dst_max $(fp_last_ip)"
			echo "g0 flag IPDST_RND"
			echo "g0 udp_src_min 9"
			echo "g0 udp_dst_min 9"
		} | pg_apply
		sample "$1-$size" "$2" \
			"$(rate_at_sink "$BENCH_WARMUP" "$BENCH_SECS")"
	done
}

# fp_reps FIGURE_PREFIX CONTENDER: BENCH_REPS measurements.
fp_reps() {
	i=0
	while [ $i -lt "$BENCH_REPS" ]; do
		fp_measure "$1" "$2"
		i=$((i + 1))
	done
}

fp_declare() {
	for size in $BENCH_SIZES; do
		fig "fp-one-$size" higher "fast path, $size B, 1 flow (pkt/s)"
		fig "fp-1mask-$size" higher \
			"fast path, $size B, $BENCH_FLOWS flows / 1 mask (pkt/s)"
		fig "fp-32masks-$size" higher \
			"fast path, $size B, $BENCH_FLOWS flows / 32 masks (pkt/s)"
	done
}

# fp_datapath MODULE: each flow set installed once, measured BENCH_REPS
# times; the install of the 1-mask set also measures kernel memory.
fp_datapath() {
	kflow_target_load "$1" || { log "cannot load $1"; return 1; }
	dpctl add-dp $FP_DP p-gen p-sink || return 1
	for set in one 1mask 32masks; do
		f=$(flowset_file $set)
		[ $set != 1mask ] || mem_mark
		t0=$(now)
		dpctl add-flows $FP_DP "$f" || { log "add-flows $set failed"; continue; }
		t1=$(now)
		[ $set != 1mask ] || mem_record "$1" $FP_DP
		log "$1: $(dp_nflows $FP_DP) flows ($set) in $(awk -v s="$t0" -v e="$t1" 'BEGIN { printf "%.1f", e - s }') s, masks $(dp_nmasks $FP_DP)"
		fp_reps "fp-$set" "$1"
		dpctl del-flows $FP_DP
	done
	dpctl show $FP_DP >&2
	dpctl del-dp $FP_DP
	kflow_target_unload "$1"
}

fp_mirred() {
	for d in p-gen p-sink; do tc qdisc add dev $d clsact; done
	tc filter add dev p-gen ingress matchall \
		action mirred egress redirect dev p-sink
	# No lookup, so no flow sets: the 1-flow rows carry the limits.
	fp_reps fp-one mirred
	for d in p-gen p-sink; do tc qdisc del dev $d clsact; done
}

fp_bridge() {
	ip link add bbr type bridge
	ip link set p-gen master bbr
	ip link set p-sink master bbr
	ip link set bbr up
	fp_reps fp-one bridge
	ip link del bbr
}

bench_fastpath() {
	fp_declare
	mem_declare
	r=1
	while [ $r -le "$BENCH_ROUNDS" ]; do
		log "fast path pass $r"
		fp_datapath kflow
		fp_datapath ovs
		fp_mirred
		fp_bridge
		r=$((r + 1))
	done
}
