#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check: native unit tests, then every selftest in ONE VM boot of
# the stock kernel, then the KUnit suites and the selftests again under
# the tier-1 debug kernel (scripts/debug-kernel.sh; built, at low
# priority, while the stock-kernel tests run; cached, so built once per
# machine).  Prints TAP and ends with "N passed, N failed[, N skipped]".
#
# KFLOW_DEBUG_KERNEL=1 enables the debug-kernel part (off by default
# until its first full run is measured; Documentation/debug-kernel.rst);
# KFLOW_DEBUG_TESTS
# and KFLOW_DEBUG_TARGETS override which selftests and datapath targets
# run under it (default: every test, target kflow only; the stock
# openvswitch.ko is not kflow's code.  Documentation/debug-kernel.rst).
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo" || exit 1
mkdir -p build
pass=0
fail=0
skip=0

debug=${KFLOW_DEBUG_KERNEL:-0}
if [ "$debug" = 1 ]; then
	# The kernel build runs beside the unit tests and the stock VM.
	(nice -n 19 sh scripts/debug-kernel.sh > build/debug-kernel.out \
		2> build/debug-kernel.log; echo $? > build/debug-kernel.rc) &
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

sh scripts/fuzz-check.sh > build/fuzz.tap 2>&1
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
	kdir=$(cat build/debug-kernel.out)
	if [ "$(cat build/debug-kernel.rc)" != 0 ] || [ -z "$kdir" ]; then
		tail -n 30 build/debug-kernel.log
		emit_fail "debug kernel build (build/debug-kernel.log)"
		return
	fi
	if ! sh scripts/debug-kmod.sh "$kdir" build/debug \
		> build/debug-kmod.log 2>&1; then
		tail -n 30 build/debug-kmod.log
		emit_fail "kflow.ko for the debug kernel (build/debug-kmod.log)"
		return
	fi
	echo "# selftests + KUnit (VM, debug kernel $kdir)"
	start=$(date +%s)
	out=$repo/build/vm-debug
	# shellcheck disable=SC2086
	KFLOW_VM_OUT=$out VM_KERNEL=$kdir VM_KMOD_DIR=build/debug/kmod \
		VM_DEBUG=1 VM_TARGETS=${KFLOW_DEBUG_TARGETS-kflow} \
		sh selftests/vm-run.sh --suite ${KFLOW_DEBUG_TESTS:-} \
		> build/selftests-debug.log 2> build/selftests-debug.err
	vrc=$?
	tap=$out/results.tap
	[ -e "$tap" ] || : > "$tap"
	sed 's/^\(\(not \)\{0,1\}ok [0-9]* - \)/\1debug-kernel: /' "$tap" \
		> build/debug.tap
	cat build/debug.tap
	tally build/debug.tap
	if [ $vrc != 0 ] && ! grep -q '^not ok' "$tap"; then
		tail -n 30 build/selftests-debug.log build/selftests-debug.err
		emit_fail "debug-kernel selftest VM run failed (exit $vrc)"
	fi
	echo "# debug-kernel selftests took $(( $(date +%s) - start ))s"
}
[ "$debug" != 1 ] || debug_suite

line="$pass passed, $fail failed"
[ $skip = 0 ] || line="$line, $skip skipped"
echo "$line"
[ $fail = 0 ]
