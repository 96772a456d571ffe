#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark, inside the VM (scripts/bench.sh boots it):
#   sh bench/guest.sh [quick]
# Runs every figure for every contender in this one boot, several rounds,
# the contenders alternating within each round, and writes
# $KFLOW_OUT/bench/table.md (plus the raw samples beside it).
# BENCH_ONLY="fastpath daemons memory" selects parts.
set -u

here=$(cd "$(dirname "$0")" && pwd)
. "$here/../selftests/lib/lib.sh"
. "$here/../selftests/lib/modules.sh"
. "$here/../selftests/lib/ovs.sh"
. "$here/lib.sh"
. "$here/fastpath.sh"
. "$here/daemons.sh"
. "$here/memory.sh"

BOUT=${KFLOW_OUT:-/tmp}/bench
rm -rf "$BOUT"
mkdir -p "$BOUT"
: > "$BOUT/figures.txt"
: > "$BOUT/samples.txt"

if [ "${1:-}" = quick ]; then
	mode=quick
	: "${BENCH_ROUNDS:=2}" "${BENCH_ROUNDS_DAEMON:=1}" "${BENCH_SECS:=1}"
	: "${BENCH_WARMUP:=0.5}" "${BENCH_FLOWS:=1000}" "${BENCH_CONNS:=500}"
	: "${BENCH_MEMFLOWS:=10000}" "${BENCH_SETUP_SECS:=2}" "${BENCH_PINGS:=2}"
else
	mode=full
	: "${BENCH_ROUNDS:=5}" "${BENCH_ROUNDS_DAEMON:=3}" "${BENCH_SECS:=4}"
	: "${BENCH_WARMUP:=1}" "${BENCH_FLOWS:=10000}" "${BENCH_CONNS:=10000}"
	: "${BENCH_MEMFLOWS:=100000}" "${BENCH_SETUP_SECS:=5}" "${BENCH_PINGS:=3}"
fi
: "${BENCH_SETUP_PPS:=5000}" "${BENCH_SYN_PPS:=1000}"

start=$(date +%s)
modprobe pktgen || { echo "bench: no pktgen module" >&2; exit 1; }
topology_up || { echo "bench: cannot build the topology" >&2; exit 1; }
for part in ${BENCH_ONLY:-fastpath daemons memory}; do
	"bench_$part"
done
run_cleanups
secs=$(( $(date +%s) - start ))

{
	echo "# kflow benchmark, $(date -u +%Y-%m-%d), kernel $(uname -r)"
	echo
	echo "Mode $mode: one VM boot (TCG, $(nproc) vCPUs), ${secs} s of" \
		"measurement; $BENCH_ROUNDS rounds for the fast path" \
		"(${BENCH_SECS} s each after ${BENCH_WARMUP} s warm-up)," \
		"$BENCH_ROUNDS_DAEMON for the daemons and memory" \
		"($BENCH_PINGS flush+ping per round)." \
		"Cells: median (min-max).  Method: Documentation/benchmarks.rst."
	echo
	awk -F'|' -f "$here/table.awk" "$BOUT/figures.txt" "$BOUT/samples.txt"
} > "$BOUT/table.md"
cat "$BOUT/table.md"
