#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check: native unit tests, then every selftest in ONE VM boot.
# Prints TAP and ends with "N passed, N failed[, N skipped]".
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo" || exit 1
mkdir -p build
pass=0
fail=0
skip=0

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

line="$pass passed, $fail failed"
[ $skip = 0 ] || line="$line, $skip skipped"
echo "$line"
[ $fail = 0 ]
