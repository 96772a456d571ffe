#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# debug-suite.sh check|all: the selftests and KUnit under the tier-1
# debug kernel (built first if it is not in the cache), target kflow, in
# two VMs at once (one per core), the tests shared out by their measured
# time (selftests/debug-kernel/split.sh).  "check": the set make check
# runs; "all": every selftest (make check-debug).  TAP on stdout, each
# result named debug-kernel[a|b]; exits non-zero on any failure.
# KFLOW_DEBUG_TESTS and KFLOW_DEBUG_TARGETS override the tests and the
# datapath targets; KFLOW_DEBUG_FUZZ_NL / _PKT the fuzzers' bounds.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo" || exit 1
set=${1:-check}
mkdir -p build

if ! kdir=$(sh scripts/debug-kernel.sh 2> build/debug-kernel.log); then
	tail -n 30 build/debug-kernel.log >&2
	echo "not ok - debug kernel build (build/debug-kernel.log)"
	exit 1
fi
if ! sh scripts/debug-kmod.sh "$kdir" build/debug > build/debug-kmod.log 2>&1
then
	tail -n 30 build/debug-kmod.log >&2
	echo "not ok - kflow.ko for the debug kernel (build/debug-kmod.log)"
	exit 1
fi

# Every selftest must have its line (time, set) in the list.
missing=$(ls selftests/tests | sed -n 's/\.sh$//p' | while read -r t; do
	grep -q "^$t " selftests/debug-kernel/tests || echo "$t"; done)
if [ -n "$missing" ]; then
	echo "not ok - selftests/debug-kernel/tests lists every selftest" \
		"(missing: $(echo $missing))"
	rc=1
else
	echo "ok - selftests/debug-kernel/tests lists every selftest"
	rc=0
fi

# shellcheck disable=SC2086
split=$(sh selftests/debug-kernel/split.sh 2 "$set" ${KFLOW_DEBUG_TESTS:-})
echo "# debug kernel $kdir, set $set:"
echo "$split" | sed 's/^/#   VM: /'
start=$(date +%s)
pids=
i=0
for name in a b; do
	i=$((i + 1))
	# (an empty list would mean every test: no VM then)
	list=$(echo "$split" | sed -n "${i}p")
	[ -n "$list" ] || continue
	# shellcheck disable=SC2086
	KFLOW_VM_OUT=$repo/build/vm-debug-$name VM_KERNEL=$kdir \
		VM_KMOD_DIR=build/debug/kmod VM_DEBUG=1 \
		VM_TARGETS=${KFLOW_DEBUG_TARGETS-kflow} \
		FUZZ_NL_COUNT=${KFLOW_DEBUG_FUZZ_NL:-10000} \
		FUZZ_PKT_COUNT=${KFLOW_DEBUG_FUZZ_PKT:-5000} \
		sh selftests/vm-run.sh --suite $list \
		> build/selftests-debug-$name.log \
		2> build/selftests-debug-$name.err &
	pids="$pids $name:$!"
done
for np in $pids; do
	name=${np%%:*}
	wait "${np#*:}"
	vrc=$?
	tap=$repo/build/vm-debug-$name/results.tap
	[ -e "$tap" ] || : > "$tap"
	sed "s/^\(\(not \)\{0,1\}ok \([0-9]* \)\{0,1\}- \)/\1debug-kernel[$name]: /" "$tap"
	if [ $vrc != 0 ]; then
		rc=1
		if ! grep -q '^not ok' "$tap"; then
			tail -n 30 build/selftests-debug-$name.log \
				build/selftests-debug-$name.err >&2
			echo "not ok - debug-kernel[$name]: VM run failed (exit $vrc)"
		fi
	fi
	echo "# debug-kernel[$name]: $(cat build/vm-debug-$name/times 2>/dev/null |
		tr '\n' ' ')"
done
echo "# debug-kernel selftests took $(( $(date +%s) - start ))s"
exit $rc
