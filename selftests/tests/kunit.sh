#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow
# timeout: 600
#
# The KUnit suites of kflow_test.ko (kmod/tests/: key extraction, flow
# table, netlink codecs), one TAP line per test case or parameter.  They
# need a kernel with CONFIG_KUNIT, i.e. the debug kernel (make
# debug-kernel); under the stock kernel the module is not built: skip.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/modules.sh"

ko=${KFLOW_TEST_KO:-$(dirname "$(kflow_ko)")/kflow_test.ko}
[ -e "$ko" ] || skip "kflow_test.ko not built: kernel without CONFIG_KUNIT (make debug-kernel)"
grep -q '^kflow ' /proc/modules || { fail "kflow.ko loaded"; finish; }

work=$(mktemp -d /tmp/kunit.XXXXXX)
at_exit "rm -rf $work"
# The results are read from the kernel log: KUnit's per-test debugfs log
# is too small (512 bytes in 6.1) for the parameterised cases.  They are
# the lines after a marker (not after a line count: late in a long run
# the ring buffer is full, and old lines go as new ones come).
mark="kflow-kunit-$$-$(date +%s%N)"
echo "$mark" > /dev/kmsg
if ! insmod "$ko"; then
	fail "insmod kflow_test.ko"
	finish
fi
rmmod kflow_test || fail "rmmod kflow_test"
dmesg | sed -n "/$mark/,\$p" | sed '1d; s/^\[[ 0-9.]*\] //' > "$work/ktap"
grep -q . "$work/ktap" ||
	fail "the kernel log still holds KUnit's output after the marker"
sed 's/^/# /' "$work/ktap"
awk -f "$KFLOW_REPO/selftests/lib/ktap.awk" "$work/ktap" > "$work/tap"
cat "$work/tap"
grep -q '^not ok' "$work/tap" && _failed=1
finish
