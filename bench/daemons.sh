# SPDX-License-Identifier: GPL-2.0
#
# Figures 2-4: the switch daemons (kflowd, Debian's ovs-vswitchd), each
# on kflow.ko and on openvswitch.ko, running the Dragonflow pipeline of
# flows/dragonflow.txt with p-gen as OpenFlow port 11 and p-sink as 12.
#   2. setup rate: pktgen sends UDP 10.1.0.3 -> 10.2.0.3 with random
#      source and destination ports (each packet a new 5-tuple, and the
#      port-security rule makes each its own megaflow) at BENCH_SETUP_PPS;
#      counted: packets reaching the sink and megaflows installed, per s.
#   3. latency: RTT of the first ping after a flush of the datapath's
#      flows (both directions take the upcall path) and of later pings.
#   4. cache: BENCH_CONNS TCP SYNs to port 80 from distinct random source
#      ports; counted: the megaflows and masks in the datapath.  Then as
#      many SYNs to random other ports (dropped by the ACL): how few
#      megaflows cover them shows how well each daemon wildcards the
#      ports its tables looked at but did not need (port tracking).

KD_RUN=/run/bench-kflowd
KD_DP=bench-kd

dm_contender() {
	# dm_contender DAEMON MODULE -> column name
	case $1-$2 in
	kflowd-kflow) echo kflow ;;
	vswitchd-ovs) echo ovs ;;
	kflowd-ovs) echo kflowd-ovs ;;
	vswitchd-kflow) echo vswitchd-kflow ;;
	esac
}

kd_start() {
	rm -rf $KD_RUN
	mkdir -p $KD_RUN
	printf '%s\n' "bridge br-int" "port br-int type=internal" \
		"port p-gen ofport=11" "port p-sink ofport=12" > $KD_RUN/kflowd.conf
	"$KFLOW_BIN/kflowd" --config $KD_RUN/kflowd.conf --rundir $KD_RUN \
		--datapath $KD_DP --flow-limit 200000 \
		--pidfile $KD_RUN/kflowd.pid > $KD_RUN/kflowd.log 2>&1 &
	KD_PID=$!
	wait_for 30 test -S $KD_RUN/br-int.mgmt || return 1
	ovs-ofctl -O OpenFlow13 add-flows unix:$KD_RUN/br-int.mgmt \
		"$KFLOW_REPO/bench/flows/dragonflow.txt" || return 1
	DM_DP=$KD_DP
}

kd_stop() {
	kill "$KD_PID"
	wait "$KD_PID"
	cp $KD_RUN/kflowd.log "$BOUT/kflowd.$KFLOW_TARGET.log"
	dpctl del-dp $KD_DP
}

vs_start() {
	ovs_start bench > "$BOUT/vswitchd.console" 2>&1 || return 1
	ovs_vsctl bench add-br br-int -- \
		set bridge br-int protocols=OpenFlow10,OpenFlow13 -- \
		add-port br-int p-gen -- set interface p-gen ofport_request=11 -- \
		add-port br-int p-sink -- set interface p-sink ofport_request=12 ||
		return 1
	ovs_ofctl bench -O OpenFlow13 add-flows br-int \
		"$KFLOW_REPO/bench/flows/dragonflow.txt" || return 1
	DM_DP=ovs-system
}

vs_stop() {
	ovs_stop bench
	dpctl del-dp ovs-system
}

# Remove the datapath's flows the way each daemon expects it.
dm_flush() {
	case $1 in
	kflowd) dpctl del-flows $DM_DP ;;
	vswitchd) ovs_appctl bench revalidator/purge ;;
	esac
	sleep 1
}

dm_setup_rate() {
	dm_flush "$1"
	f0=$(dp_nflows $DM_DP)
	r0=$(sink_rx)
	{
		pktgen_conf 60 "$BENCH_SETUP_PPS"
		echo "g0 dst_mac $GW1_MAC"
		echo "g0 src_min 10.1.0.3"
		echo "g0 src_max 10.1.0.3"
		echo "g0 dst_min 10.2.0.3"
		echo "g0 dst_max 10.2.0.3"
		echo "g0 udp_src_min 1024"
		echo "g0 udp_src_max 65535"
		echo "g0 udp_dst_min 1024"
		echo "g0 udp_dst_max 65535"
		echo "g0 flag UDPSRC_RND"
		echo "g0 flag UDPDST_RND"
	} | pg_apply
	pktgen_start
	t0=$(now)
	sleep "$BENCH_SETUP_SECS"
	t1=$(now)
	pktgen_stop
	sleep 1		# upcalls still queued finish
	r1=$(sink_rx)
	f1=$(dp_nflows $DM_DP)
	rate() { awk -v a="$1" -v b="$2" -v s="$t0" -v e="$t1" \
		'BEGIN { printf "%.0f\n", (b - a) / (e - s) }'; }
	sample setup-sink "$2" "$(rate "$r0" "$r1")"
	sample setup-mf "$2" "$(rate "$f0" "$f1")"
}

ping_ms() {
	ip netns exec bgen ping "$@" 10.2.0.3 |
		sed -n 's/.*time=\([0-9.]*\) ms.*/\1/p'
}

dm_latency() {
	i=0
	while [ $i -lt "$BENCH_PINGS" ]; do
		dm_flush "$1"
		sample lat-first "$2" "$(ping_ms -c 1 -W 10)"
		sample lat-later "$2" "$(ping_ms -c 5 -i 0.2 -W 5 |
			sort -n | sed -n 3p)"
		i=$((i + 1))
	done
}

# dm_syns CONTENDER DPORT FIGURE: SYNs after a flush; count the cache.
dm_syns() {
	t0=$(now)
	ip netns exec bgen python3 "$KFLOW_REPO/bench/synsend.py" g0 \
		$GEN_MAC $GW1_MAC 10.1.0.3 10.2.0.3 "$2" "$BENCH_CONNS" \
		"$BENCH_SYN_PPS"
	sleep 1
	log "$1: $BENCH_CONNS SYNs to $2 sent in $(awk -v s="$t0" -v e="$(now)" 'BEGIN { printf "%.1f", e - s - 1 }') s"
	dpctl dump-flows $DM_DP | head -5 >&2
	sample "$3-flows" "$1" "$(dp_nflows $DM_DP)"
	sample "$3-masks" "$1" "$(dp_nmasks $DM_DP)"
}

dm_cache() {
	dm_flush "$1"
	dm_syns "$2" 80 cache
	dm_flush "$1"
	dm_syns "$2" random-not-80 cache-acl
}

dm_declare() {
	fig setup-sink higher "setup: new 5-tuples reaching the sink (1/s)"
	fig setup-mf higher "setup: megaflows installed (1/s)"
	fig lat-first lower "latency: first ping after a flush (ms)"
	fig lat-later lower "latency: later pings, median of 5 (ms)"
	fig cache-flows lower "cache: megaflows after $BENCH_CONNS TCP connections"
	fig cache-masks lower "cache: masks after $BENCH_CONNS TCP connections"
	fig cache-acl-flows lower \
		"cache: megaflows after $BENCH_CONNS SYNs to random ports the ACL drops"
	fig cache-acl-masks lower \
		"cache: masks after $BENCH_CONNS SYNs to random ports the ACL drops"
}

dm_run() {
	# dm_run DAEMON MODULE
	c=$(dm_contender "$1" "$2")
	case $1 in
	kflowd) kd_start ;;
	vswitchd) vs_start ;;
	esac || { log "$1 on $2 did not start"; return 1; }
	dm_cache "$1" "$c"
	dm_latency "$1" "$c"
	dm_setup_rate "$1" "$c"
	case $1 in
	kflowd) kd_stop ;;
	vswitchd) vs_stop ;;
	esac
}

bench_daemons() {
	dm_declare
	r=1
	while [ $r -le "$BENCH_ROUNDS_DAEMON" ]; do
		log "daemons round $r"
		# (modules.sh's helpers set $m: another name for the loop)
		for dm_mod in kflow ovs; do
			kflow_target_load $dm_mod ||
				{ log "cannot load $dm_mod"; continue; }
			KFLOW_TARGET=$dm_mod
			for dm_d in kflowd vswitchd; do
				# BENCH_CROSS=0 leaves out the mixed pairs.
				case $(dm_contender $dm_d $dm_mod) in
				kflowd-ovs | vswitchd-kflow)
					[ "$BENCH_CROSS" = 1 ] || continue ;;
				esac
				dm_run $dm_d $dm_mod
			done
			kflow_target_unload $dm_mod
		done
		r=$((r + 1))
	done
}
