#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow
# timeout: 1200
#
# kflow-pktfuzz: FUZZ_PKT_COUNT (20000) frames - valid, mutated (truncated
# anywhere, lying lengths, odd ethertypes) and random - of every protocol
# the flow key parses, in through an AF_PACKET socket on the peer of port
# 1 of datapath pfz or by OVS_PACKET_CMD_EXECUTE, while its flow table is
# replaced every 400 frames: one flow per key shape (fz_flows.c) with an
# action list drawn from every kind (set / set_masked of each header,
# push/pop VLAN and MPLS, dec_ttl, vxlan and geneve tunnel output,
# check_pkt_len, clone, sample, userspace to a listener that discards).
# Afterwards datapath pfkeep still forwards, the log is clean, and the
# module unloads.  FUZZ_PKT_SEED replays; FUZZ_PKT_DURATION=SECONDS is the
# soak mode (bound by time instead of count).
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/modules.sh"
. "$(dirname "$0")/../lib/keepdp.sh"

count=${FUZZ_PKT_COUNT:-20000}
[ -x "$KFLOW_BIN/kflow-pktfuzz" ] || skip "kflow-pktfuzz not built"
for p in a b; do
	ip link add pfz-$p type veth peer name pfz-$p-p || skip "no veth"
	at_exit "ip link del pfz-$p"
	ip link set pfz-$p up
	ip link set pfz-$p-p up
done
# The tunnels' underlay: 10.9.0.2 is reached through a dummy device.
ip link add pfz-dum type dummy && at_exit "ip link del pfz-dum"
ip link set pfz-dum up
ip addr add 10.9.0.1/24 dev pfz-dum
keep_dp pfkeep 10.9.2

kernel_log_mark
seed=${FUZZ_PKT_SEED:+--seed $FUZZ_PKT_SEED}
bound="--count $count"
[ -z "${FUZZ_PKT_DURATION:-}" ] || bound="--duration $FUZZ_PKT_DURATION" count=1
# shellcheck disable=SC2086
"$KFLOW_BIN/kflow-pktfuzz" --in pfz-a-p --ports pfz-a,pfz-b \
	$bound $seed > /tmp/pktfuzz.out 2>&1
rc=$?
sed 's/^/# /' /tmp/pktfuzz.out
out=$(cat /tmp/pktfuzz.out)
check_eq "kflow-pktfuzz exit status" 0 $rc
sum=$(grep '^pktfuzz: seed [0-9]*: [0-9]* frames injected' /tmp/pktfuzz.out)
frames=$(echo "$sum" | sed -n 's/.*: \([0-9]*\) frames injected, \([0-9]*\) executed.*/\1 \2/p')
check_ge "all $count frames sent or executed" "$count" \
	"$(echo "${frames:-0 0}" | awk '{print $1 + $2}')"
check_match "no frame failed to send" " 0 send errors" "$sum"
check_match "executed frames accepted" "executed \([1-9][0-9]* accepted\)" \
	"$sum"
check_match "upcalls reached the listener" " [1-9][0-9]* upcalls read" \
	"$sum"
check_match "flows hit and missed" "hit [1-9][0-9]* missed [1-9]" "$out"
check_eq "every action list was installed at least once" "" \
	"$(echo "$out" | grep 'never installed')"
check_eq "no action list refused on a flow it fits" "" \
	"$(echo "$out" | grep 'pktfuzz: refused')"
check_eq "no fuzzer process left" "" "$(pgrep -x kflow-pktfuzz)"

keep_dp_check pfkeep 10.9.2
kernel_log_clean_since "no kernel splat during packet fuzzing"
dpctl del-dp pfkeep
module_reloads
finish
