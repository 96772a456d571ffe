#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the VM (started by vm-run.sh).  guest.sh MODE OUTDIR
#
# suite: for each selftest and each datapath target it declares
# ("# targets: kflow ovs" in its header; default kflow), load that module,
# run the test with a timeout, unload the module, and collect its TAP lines
# as "ok N - test[target]: what".  Exit code 4 is a skip.
set -u

mode=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
export KFLOW_REPO=$repo KFLOW_OUT=$out
export KFLOW_BIN=$repo/build/bin
# From vm-run.sh: KFLOW_KO, KFLOW_TEST_KO, KFLOW_LEAKCHECK,
# KFLOW_TIMEOUT_SCALE, KFLOW_ONLY_TARGETS.
if [ -s "$out/env" ]; then
	set -a
	. "$out/env"
	set +a
fi
KFLOW_TIMEOUT_SCALE=${KFLOW_TIMEOUT_SCALE:-1}
mkdir -p "$out/logs"
# Seconds from kernel start to here: the boot time.
cut -d' ' -f1 /proc/uptime > "$out/boot-seconds"
: > "$out/results.tap"
n=0
npass=0
nfail=0
nskip=0

# Runtime state on the guest's tmpfs (9p has no unix sockets).
mkdir -p /run/kflow /tmp

. "$here/lib/modules.sh"

emit() {
	# emit STATUS DESC [DIRECTIVE]
	n=$((n + 1))
	case $1 in
	ok) npass=$((npass + 1)); line="ok $n - $2" ;;
	skip) nskip=$((nskip + 1)); line="ok $n - $2 # SKIP ${3:-}" ;;
	*) nfail=$((nfail + 1)); line="not ok $n - $2" ;;
	esac
	echo "$line" >> "$out/results.tap"
	echo "$line"
}

test_targets() {
	t=$(sed -n 's/^# targets: *//p' "$1" | head -n1)
	echo "${t:-kflow}"
}

test_timeout() {
	t=$(sed -n 's/^# timeout: *//p' "$1" | head -n1)
	echo "$(( ${t:-300} * KFLOW_TIMEOUT_SCALE ))"
}

# kmemleak (debug kernel): forget what boot leaked, then after the tests
# scan twice (a new object is reported only when two scans agree) and
# keep the report; vm-run.sh fails the run on a non-empty one.
leak_ctl=/sys/kernel/debug/kmemleak
leakcheck_start() {
	[ "${KFLOW_LEAKCHECK:-0}" = 1 ] || return 0
	mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
	echo scan > $leak_ctl && echo clear > $leak_ctl
}
leakcheck_end() {
	[ "${KFLOW_LEAKCHECK:-0}" = 1 ] || return 0
	# Objects freed by RCU callbacks and workers are gone by now.
	sleep 5
	echo scan > $leak_ctl
	echo scan > $leak_ctl
	cat $leak_ctl > "$out/kmemleak.txt"
}

run_one() {
	# run_one SCRIPT TARGET
	name=$(basename "$1" .sh)
	log=$out/logs/$name.$2.log
	if [ "$2" != none ] && ! kflow_target_load "$2" > "$log" 2>&1; then
		emit fail "$name[$2]: load $2 module"
		cat "$log"
		return
	fi
	t0=$(date +%s)
	KFLOW_TARGET=$2 timeout -k 10 "$(test_timeout "$1")" sh "$1" \
		>> "$log" 2>&1
	rc=$?
	echo "$name[$2] $(( $(date +%s) - t0 ))s" >> "$out/times"
	sub=$(grep -E '^(not )?ok( |$)' "$log" || true)
	if [ $rc = 4 ]; then
		emit skip "$name[$2]" "$(grep -m1 '^# SKIP' "$log" | cut -c8-)"
	elif [ -n "$sub" ]; then
		echo "$sub" | while IFS= read -r l; do echo "$l"; done > "$out/sub"
		while IFS= read -r l; do
			case $l in
			"not ok"*) emit fail "$name[$2]: ${l#not ok - }" ;;
			*) emit ok "$name[$2]: ${l#ok - }" ;;
			esac
		done < "$out/sub"
		[ $rc = 0 ] || grep -q '^not ok' "$out/sub" ||
			emit fail "$name[$2]: exit status $rc"
	elif [ $rc = 0 ]; then
		emit ok "$name[$2]"
	else
		emit fail "$name[$2]: exit status $rc"
	fi
	[ $rc = 0 ] || [ $rc = 4 ] || { echo "--- $log"; tail -n 60 "$log"; }
	if [ "$2" != none ] && ! kflow_target_unload "$2" >> "$log" 2>&1; then
		emit fail "$name[$2]: unload $2 module"
	fi
}

run_suite() {
	if [ -s "$out/args" ]; then
		tests=$(sed "s|^|$here/tests/|; s|\$|.sh|; s|\.sh\.sh\$|.sh|" "$out/args")
	else
		tests=$(ls "$here"/tests/*.sh | sort)
	fi
	for t in $tests; do
		for target in $(test_targets "$t"); do
			# KFLOW_ONLY_TARGETS (vm-run.sh VM_TARGETS): e.g. only
			# kflow under the debug kernel.
			case " ${KFLOW_ONLY_TARGETS:-$target} none " in
			*" $target "*) run_one "$t" "$target" ;;
			esac
		done
	done
}

case $mode in
suite)
	leakcheck_start
	run_suite
	leakcheck_end
	rc=0
	[ $nfail = 0 ] || rc=1
	;;
demo)
	sh "$here/demo.sh"
	rc=$?
	;;
cmd)
	cmd=$(cat "$out/args" | tr '\n' ' ')
	sh -c "$cmd"
	rc=$?
	;;
esac

dmesg > "$out/dmesg.txt" 2>&1
echo "$npass $nfail $nskip" > "$out/counts"
echo "$rc" > "$out/rc"
touch "$out/done"
exit "$rc"
