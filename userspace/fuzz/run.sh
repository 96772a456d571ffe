#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run.sh FUZZ_DIR SECONDS HARNESS...: a bounded libFuzzer run of each
# harness from its seed corpus (copied: the repository's corpus stays
# small), one TAP line each with the executions done.  A crash leaves its
# input in FUZZ_DIR/artifacts/HARNESS/ - fix the bug, then keep the input
# under userspace/fuzz/regress/HARNESS/ so `make test` replays it.
# FUZZ_RUNS=N instead of a time bound (a replayable run length);
# FUZZ_SEED=N fixes libFuzzer's seed (printed either way).
set -u
dir=$1
secs=${2:-25}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
n=0
seed=${FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
echo "# libFuzzer runs: ${secs}s each, seed $seed"
for h in "$@"; do
	n=$((n + 1))
	bin=$dir/$h
	if [ ! -x "$bin" ]; then
		echo "ok $n - fuzz $h # SKIP not built (clang fuzzer runtime?)"
		continue
	fi
	work=$(mktemp -d)
	art=$dir/artifacts/$h
	mkdir -p "$art"
	bound="-max_total_time=$secs"
	[ -z "${FUZZ_RUNS:-}" ] || bound="-runs=$FUZZ_RUNS"
	"$bin" "$bound" -seed="$seed" -timeout=10 -rss_limit_mb=1024 \
		-max_len=4096 -print_final_stats=1 -artifact_prefix="$art/" \
		"$work" "$here/corpus/$h" > "$dir/$h.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/$h.log")
	rm -rf "$work"
	if [ $rc = 0 ]; then
		echo "ok $n - fuzz $h: ${execs:-?} execs in ${secs}s"
	else
		echo "not ok $n - fuzz $h: exit $rc, see $dir/$h.log and $art/"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz:)' "$dir/$h.log" |
			head -n 5 | sed 's/^/# /'
	fi
done
echo "1..$n"
