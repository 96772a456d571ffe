#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark, inside the VM (scripts/bench.sh boots it):
#   sh bench/guest.sh [quick]
# Runs every figure for every contender in this one boot, several rounds,
# the contenders alternating within each round, and writes
# $KFLOW_OUT/bench/table.md (plus the raw samples beside it).
# BENCH_ONLY="fastpath daemons memory" selects parts (default: the first
# two; the fast path also measures memory per flow on its flows).
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
	: "${BENCH_ROUNDS:=1}" "${BENCH_REPS:=1}" "${BENCH_ROUNDS_DAEMON:=1}"
	: "${BENCH_SECS:=1}"
	: "${BENCH_WARMUP:=0.3}" "${BENCH_FLOWS:=200}" "${BENCH_CONNS:=200}"
	: "${BENCH_MEMFLOWS:=2000}" "${BENCH_SETUP_SECS:=1}" "${BENCH_PINGS:=1}"
	: "${BENCH_SIZES:=64}" "${BENCH_CROSS:=0}"
else
	mode=full
	: "${BENCH_ROUNDS:=2}" "${BENCH_REPS:=2}" "${BENCH_ROUNDS_DAEMON:=2}"
	: "${BENCH_SECS:=2}"
	: "${BENCH_WARMUP:=0.5}" "${BENCH_FLOWS:=10000}" "${BENCH_CONNS:=10000}"
	: "${BENCH_MEMFLOWS:=100000}" "${BENCH_SETUP_SECS:=5}" "${BENCH_PINGS:=3}"
	: "${BENCH_SIZES:=64 1500}" "${BENCH_CROSS:=1}"
fi
: "${BENCH_ROUNDS_MEM:=1}"
: "${BENCH_SETUP_PPS:=5000}" "${BENCH_SYN_PPS:=2000}"

start=$(date +%s)
modprobe pktgen || { echo "bench: no pktgen module" >&2; exit 1; }
topology_up || { echo "bench: cannot build the topology" >&2; exit 1; }
for part in ${BENCH_ONLY:-fastpath daemons}; do
	"bench_$part"
done
run_cleanups
secs=$(( $(date +%s) - start ))

{
	echo "# kflow benchmark, $(date -u +%Y-%m-%d), kernel $(uname -r)"
	echo
	echo "Mode $mode: one VM boot (TCG, $(nproc) vCPUs), ${secs} s of" \
		"measurement; fast path: $BENCH_ROUNDS passes over the" \
		"contenders, each measuring $BENCH_REPS times" \
		"(${BENCH_SECS} s after ${BENCH_WARMUP} s warm-up);" \
		"daemons: $BENCH_ROUNDS_DAEMON rounds ($BENCH_PINGS flush+ping" \
		"each); memory: on the $BENCH_FLOWS-flow install of each pass." \
		"Cells: median (min-max).  Method: Documentation/benchmarks.rst."
	echo
	awk -F'|' -f "$here/table.awk" "$BOUT/figures.txt" "$BOUT/samples.txt"
} > "$BOUT/table.md"
cat "$BOUT/table.md"
