#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# test-table.sh - the benchmark's table (bench/table.awk): medians, ranges,
# number formats, the kflow / OVS ratio, missing cells.  TAP, no VM.
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0

check() {	# check NAME EXPECTED_LINE
	n=$((n + 1))
	if grep -qxF -- "$2" "$tmp/out"; then
		echo "ok $n - $1"
	else
		fail=$((fail + 1))
		echo "not ok $n - $1"
		sed 's/^/# /' "$tmp/out"
	fi
}

printf '%s\n' 'fp|fast path (pkt/s)|higher' 'lat|latency (ms)|lower' \
	'none|no samples|lower' 'n|megaflows|lower' > "$tmp/figures"
printf '%s\n' 'fp|kflow|12000' 'fp|kflow|9000' 'fp|kflow|30000' \
	'fp|ovs|5000' 'fp|ovs|7000' 'fp|mirred|40000' \
	'lat|kflow|1.5' 'lat|ovs|2.5' 'lat|ovs|3.5' 'lat|kflowd-ovs|12.25' \
	'n|kflow|1' 'n|ovs|4' 'n|ovs|4' \
	'lat|ovs|' > "$tmp/samples"
awk -F'|' -f "$here/table.awk" "$tmp/figures" "$tmp/samples" > "$tmp/out"

check "header names the contenders" \
	"| figure | kflow | Open vSwitch | kflow / OVS | kflowd on openvswitch.ko | ovs-vswitchd on kflow.ko | tc mirred | Linux bridge |"
check "odd count: middle value; even: mean of the two middle ones; ratio" \
	"| fast path (pkt/s) (higher is better) | 12000 (9000-30000) | 6000 (5000-7000) | 2.00 | - | - | 40000 | - |"
check "small values keep decimals; empty samples are ignored" \
	"| latency (ms) (lower is better) | 1.50 | 3.00 (2.50-3.50) | 0.50 | 12.2 | - | - | - |"
check "a figure without samples still has its row" \
	"| no samples (lower is better) | - | - | - | - | - | - | - |"
check "whole numbers print without decimals" \
	"| megaflows (lower is better) | 1 | 4 (4-4) | 0.25 | - | - | - | - |"
echo "1..$n"
[ $fail = 0 ]
