# SPDX-License-Identifier: GPL-2.0
#
# Figure 5: kernel memory per installed flow.  Reclaimable caches are
# dropped, /proc/meminfo read, BENCH_MEMFLOWS exact-destination flows
# installed under one mask with kflow-dpctl add-flows, caches dropped and
# meminfo read again: the difference of SUnreclaim (slab), and of
# SUnreclaim + Percpu + VmallocUsed (all the flow table's memory), per flow.

MEM_DP=bench-mem

meminfo_kb() {
	echo 2 > /proc/sys/vm/drop_caches
	awk -v f="$1" 'BEGIN { n = split(f, k, "+") }
		{ sub(":", "", $1); v[$1] = $2 }
		END { s = 0; for (i = 1; i <= n; i++) s += v[k[i]]; print s }' \
		/proc/meminfo
}

mem_flows_file() {
	awk -v n="$BENCH_MEMFLOWS" 'BEGIN { for (i = 0; i < n; i++)
		printf "in_port(1),eth(),eth_type(0x0800),ipv4(dst=10.%d.%d.%d) 2\n",
			16 + int(i / 65536), int(i / 256) % 256, i % 256 }' \
		> /tmp/bench-memflows.txt
}

mem_one() {
	kflow_target_load "$1" || { log "cannot load $1"; return 1; }
	dpctl add-dp $MEM_DP p-gen p-sink || return 1
	sleep 1
	s0=$(meminfo_kb SUnreclaim)
	a0=$(meminfo_kb SUnreclaim+Percpu+VmallocUsed)
	t0=$(now)
	dpctl add-flows $MEM_DP /tmp/bench-memflows.txt || log "add-flows failed"
	t1=$(now)
	sleep 1
	s1=$(meminfo_kb SUnreclaim)
	a1=$(meminfo_kb SUnreclaim+Percpu+VmallocUsed)
	n=$(dp_nflows $MEM_DP)
	per() { awk -v a="$1" -v b="$2" -v n="$n" \
		'BEGIN { if (n > 0) printf "%.0f\n", (b - a) * 1024 / n }'; }
	sample mem-slab "$1" "$(per "$s0" "$s1")"
	sample mem-all "$1" "$(per "$a0" "$a1")"
	sample mem-rate "$1" "$(awk -v n="$n" -v s="$t0" -v e="$t1" \
		'BEGIN { printf "%.0f\n", n / (e - s) }')"
	dpctl del-dp $MEM_DP
	kflow_target_unload "$1"
}

bench_memory() {
	fig mem-slab lower "memory: slab (SUnreclaim) per flow, $BENCH_MEMFLOWS flows (bytes)"
	fig mem-all lower "memory: slab+percpu+vmalloc per flow (bytes)"
	fig mem-rate higher "kflow-dpctl add-flows: flows installed (1/s)"
	mem_flows_file
	r=1
	while [ $r -le "$BENCH_ROUNDS_DAEMON" ]; do
		mem_one kflow
		mem_one ovs
		r=$((r + 1))
	done
}
