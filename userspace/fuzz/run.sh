#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run.sh FUZZ_DIR SECONDS HARNESS[:RUNS]...: a bounded libFuzzer run of
# each harness from its seed corpus (copied: the repository's corpus
# stays small), one TAP line each with the executions done.  A crash
# leaves its input in FUZZ_DIR/artifacts/HARNESS/ - fix the bug, then keep
# the input under userspace/fuzz/regress/HARNESS/ so `make test` replays
# it.
#
# A harness is bounded by SECONDS, or by RUNS executions when given
# (FUZZ_RUNS=N gives every harness N).  FUZZ_SEED=N fixes libFuzzer's
# seed (printed either way); with a seed the run is also made replayable:
# no corpus reloads, and no address space randomisation where the system
# lets setarch turn it off, with a fixed environment (libFuzzer's
# comparison tracing sees pointer values).  Seed and run counts together
# then explore the same inputs on every machine, whatever its speed, given
# the same build in the same directory: that is how make check uses it.
set -u
dir=$1
secs=${2:-25}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
n=0
seed=${FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
norand=
replay=
how=
if [ -n "${FUZZ_SEED:-}" ]; then
	replay=-reload=0
	how=", ASLR on (setarch -R refused: not replayable)"
	if setarch -R true > /dev/null 2>&1; then
		# The environment too is pinned: its size moves the stack.
		norand="setarch -R env -i PATH=/usr/bin:/bin"
		how=", no ASLR (replayable)"
	fi
fi
echo "# libFuzzer runs: seed $seed$how"
for arg in "$@"; do
	n=$((n + 1))
	h=${arg%%:*}
	runs=${FUZZ_RUNS:-}
	[ "$h" = "$arg" ] || runs=${arg#*:}
	bin=$dir/$h
	if [ ! -x "$bin" ]; then
		echo "ok $n - fuzz $h # SKIP not built (clang fuzzer runtime?)"
		continue
	fi
	work=$(mktemp -d)
	art=$dir/artifacts/$h
	mkdir -p "$art"
	bound="-max_total_time=$secs"
	[ -z "$runs" ] || bound="-runs=$runs"
	t0=$(date +%s)
	$norand "$bin" "$bound" -seed="$seed" $replay -timeout=10 \
		-rss_limit_mb=1024 -max_len=4096 -print_final_stats=1 \
		-artifact_prefix="$art/" "$work" "$here/corpus/$h" \
		> "$dir/$h.log" 2>&1
	rc=$?
	t=$(($(date +%s) - t0))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/$h.log")
	rm -rf "$work"
	if [ $rc = 0 ]; then
		echo "ok $n - fuzz $h: ${execs:-?} execs in ${t}s"
	else
		echo "not ok $n - fuzz $h: exit $rc, see $dir/$h.log and $art/"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz:)' "$dir/$h.log" |
			head -n 5 | sed 's/^/# /'
	fi
done
echo "1..$n"
