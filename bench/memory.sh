# SPDX-License-Identifier: GPL-2.0
#
# Figure 5: kernel memory per installed flow.  Reclaimable caches are
# dropped and /proc/meminfo read before and after installing flows with
# kflow-dpctl add-flows: the growth of SUnreclaim (slab), and of
# SUnreclaim + Percpu + VmallocUsed (all of the flow table's memory),
# scaled to 100,000 flows.  The fast path measures it on its N flows
# under one mask (no extra install: installs are slow under TCG);
# bench_memory (BENCH_ONLY=memory) installs BENCH_MEMFLOWS of its own.

MEM_DP=bench-mem

meminfo_kb() {
	echo 2 > /proc/sys/vm/drop_caches
	awk -v f="$1" 'BEGIN { n = split(f, k, "+") }
		{ sub(":", "", $1); v[$1] = $2 }
		END { s = 0; for (i = 1; i <= n; i++) s += v[k[i]]; print s }' \
		/proc/meminfo
}

mem_declare() {
	fig mem-slab lower "memory: slab (SUnreclaim) per 100,000 flows (MiB)"
	fig mem-all lower "memory: slab+percpu+vmalloc per 100,000 flows (MiB)"
	fig mem-rate higher "kflow-dpctl add-flows: flows installed (1/s)"
}

# mem_mark: remember the kernel's memory now.
mem_mark() {
	sleep 1
	MEM_S0=$(meminfo_kb SUnreclaim)
	MEM_A0=$(meminfo_kb SUnreclaim+Percpu+VmallocUsed)
	MEM_T0=$(now)
}

# mem_record CONTENDER DP: the growth since mem_mark per flow of DP.
mem_record() {
	mem_t1=$(now)
	mem_n=$(dp_nflows "$2")
	sleep 1
	mem_s1=$(meminfo_kb SUnreclaim)
	mem_a1=$(meminfo_kb SUnreclaim+Percpu+VmallocUsed)
	per100k() { awk -v a="$1" -v b="$2" -v n="$mem_n" \
		'BEGIN { if (n > 0) printf "%.2f\n", (b - a) / 1024 * 100000 / n }'; }
	sample mem-slab "$1" "$(per100k "$MEM_S0" "$mem_s1")"
	sample mem-all "$1" "$(per100k "$MEM_A0" "$mem_a1")"
	sample mem-rate "$1" "$(awk -v n="$mem_n" -v s="$MEM_T0" -v e="$mem_t1" \
		'BEGIN { if (e > s) printf "%.0f\n", n / (e - s) }')"
}

mem_one() {
	kflow_target_load "$1" || { log "cannot load $1"; return 1; }
	dpctl add-dp $MEM_DP p-gen p-sink || return 1
	mem_mark
	dpctl add-flows $MEM_DP /tmp/bench-memflows.txt || log "add-flows failed"
	mem_record "$1" $MEM_DP
	dpctl del-dp $MEM_DP
	kflow_target_unload "$1"
}

bench_memory() {
	mem_declare
	awk -v n="$BENCH_MEMFLOWS" 'BEGIN { for (i = 0; i < n; i++)
		printf "in_port(1),eth(),eth_type(0x0800),ipv4(dst=10.%d.%d.%d) 2\n",
			16 + int(i / 65536), int(i / 256) % 256, i % 256 }' \
		> /tmp/bench-memflows.txt
	r=1
	while [ $r -le "$BENCH_ROUNDS_MEM" ]; do
		mem_one kflow
		mem_one ovs
		r=$((r + 1))
	done
}
