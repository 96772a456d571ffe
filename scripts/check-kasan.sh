#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check-kasan (not in CI): the tier-2 debug kernel (tier 1 + KASAN),
# KUnit suites and the fuzzers for a bounded time, failing on any KASAN,
# UBSAN, lockdep or kmemleak report.  KASAN under TCG is slow: one boot,
# only these tests, the fuzzers bounded by time (FUZZ_NL_DURATION and
# FUZZ_PKT_DURATION, default 300 s each).  KFLOW_KASAN_TESTS overrides
# the test list; VM_TIMEOUT (default 5400 s) bounds the whole run.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo" || exit 1
kdir=$(nice -n 19 sh scripts/debug-kernel.sh --kasan) || exit 1
sh scripts/debug-kmod.sh "$kdir" build/debug-kasan || exit 1
tests=${KFLOW_KASAN_TESTS:-$(cd selftests/tests && ls kunit.sh fuzz*.sh 2>/dev/null)}
echo "# KASAN kernel $kdir: $(echo $tests)"
start=$(date +%s)
out=$repo/build/vm-kasan
# shellcheck disable=SC2086
KFLOW_VM_OUT=$out VM_KERNEL=$kdir VM_KMOD_DIR=build/debug-kasan/kmod \
	VM_DEBUG=1 VM_TIMEOUT_SCALE=${VM_TIMEOUT_SCALE:-6} \
	FUZZ_NL_DURATION=${FUZZ_NL_DURATION:-300} \
	FUZZ_PKT_DURATION=${FUZZ_PKT_DURATION:-300} \
	VM_TIMEOUT=${VM_TIMEOUT:-5400} \
	sh selftests/vm-run.sh --suite $tests > build/check-kasan.log 2>&1
rc=$?
cat build/check-kasan.log
echo "# check-kasan took $(( $(date +%s) - start ))s (exit $rc)"
exit $rc
