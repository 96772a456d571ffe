#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check: native unit tests, then every selftest in ONE VM boot of
# the stock kernel, then the KUnit suites and the "check" set of the
# selftests under the tier-1 debug kernel (scripts/debug-suite.sh, two VMs
# at once; the kernel is built by scripts/debug-kernel.sh, at low
# priority, while the stock-kernel tests run, and cached outside the
# checkout, so built once per machine).  Prints TAP and ends with
# "N passed, N failed[, N skipped]".
#
# KFLOW_DEBUG_KERNEL=0 leaves the debug-kernel part out; KFLOW_DEBUG_SET
# (check; all = make check-debug), KFLOW_DEBUG_TESTS and
# KFLOW_DEBUG_TARGETS choose what runs under it
# (Documentation/debug-kernel.rst).
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo" || exit 1
mkdir -p build
t0=$(date +%s)
pass=0
fail=0
skip=0

debug=${KFLOW_DEBUG_KERNEL:-1}
if [ "$debug" = 1 ]; then
	# The kernel build runs beside the unit tests and the stock VM.
	# Its log is build/debug-kernel-build.log (empty when it was cached).
	rm -f build/debug-kernel-build.rc
	(nice -n 19 sh scripts/debug-kernel.sh > /dev/null \
		2> build/debug-kernel-build.log
		echo $? > build/debug-kernel-build.rc) &
	debug_build=$!
fi

tally() {
	# tally FILE: count TAP results
	p=$(grep -E -c '^ok ' "$1" | head -n1)
	s=$(grep -E -c '^ok .*# SKIP' "$1" | head -n1)
	f=$(grep -E -c '^not ok ' "$1" | head -n1)
	pass=$((pass + p - s))
	skip=$((skip + s))
	fail=$((fail + f))
}

echo "# unit tests (native)"
make --no-print-directory -s -C userspace BUILD="$repo/build" test \
	> build/unit.tap 2>&1
urc=$?
cat build/unit.tap
tally build/unit.tap
if [ $urc != 0 ] && ! grep -q '^not ok' build/unit.tap; then
	echo "not ok - unit tests exited $urc"
	fail=$((fail + 1))
fi

# A fixed seed: the verdict does not depend on luck, and a failure
# replays.  Finding new bugs is the job of longer runs with fresh seeds
# (make -C userspace fuzz-run; Documentation/fuzzing.rst).
FUZZ_SEED=${FUZZ_SEED:-1} sh scripts/fuzz-check.sh > build/fuzz.tap 2>&1
cat build/fuzz.tap
tally build/fuzz.tap

sh scripts/kernel-selftests.sh || echo "# kernel selftest sources unavailable"
echo "# selftests (VM, kernel $(sh scripts/kernel-version.sh))"
start=$(date +%s)
sh selftests/vm-run.sh --suite > build/selftests.log 2> build/selftests.err
vrc=$?
# The VM's console (build/selftests.log) repeats what the tests print;
# the numbered results are the guest's results.tap.
tap=${KFLOW_VM_OUT:-$repo/build/vm}/results.tap
[ -e $tap ] || : > $tap
cat $tap
tally $tap
if [ $vrc != 0 ] && ! grep -q '^not ok' $tap; then
	echo "not ok - selftest VM run failed (exit $vrc)"
	tail -n 30 build/selftests.log build/selftests.err
	fail=$((fail + 1))
fi
echo "# selftests took $(( $(date +%s) - start ))s"

# emit_fail WHAT: one failed result.
emit_fail() {
	echo "not ok - $1"
	fail=$((fail + 1))
}

debug_suite() {
	start=$(date +%s)
	wait "$debug_build"
	echo "# debug kernel ready after $(( $(date +%s) - start ))s more"
	if [ "$(cat build/debug-kernel-build.rc)" != 0 ]; then
		tail -n 30 build/debug-kernel-build.log
		emit_fail "debug kernel build (build/debug-kernel-build.log)"
		return
	fi
	sed -n 's/^debug-kernel: built in/# debug kernel built in/p' \
		build/debug-kernel-build.log
	sh scripts/debug-suite.sh "${KFLOW_DEBUG_SET:-check}" > build/debug.tap
	cat build/debug.tap
	tally build/debug.tap
}
[ "$debug" != 1 ] || debug_suite

echo "# make check took $(( $(date +%s) - t0 ))s"
line="$pass passed, $fail failed"
[ $skip = 0 ] || line="$line, $skip skipped"
echo "$line"
[ $fail = 0 ]
