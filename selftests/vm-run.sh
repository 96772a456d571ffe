#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Boot Debian's kernel (the one matching the installed headers) in a
# virtme-ng VM under TCG, with this checkout visible inside, and run in ONE
# boot either the whole selftest suite, the demo, or one command.
#
#   vm-run.sh --suite [TEST...]   TAP results; fails on any test failure
#   vm-run.sh --demo              the README's demo
#   vm-run.sh -- CMD [ARG...]     run CMD as root in the guest
#
# The guest writes its results and dmesg to build/vm/ (shared read-write;
# KFLOW_VM_OUT overrides, so that two runs can share a checkout);
# the run fails when dmesg shows a BUG, WARNING, Oops, KASAN, UBSAN or
# lockdep report.  Environment: VM_MEM (default 2G), VM_CPUS (2),
# VM_TIMEOUT seconds (3600), KVER.
#
# Another kernel (the debug kernel of make check): VM_KERNEL=DIR, a built
# kernel tree (scripts/debug-kernel.sh prints it; its modules, e.g.
# openvswitch.ko, are what modprobe finds in the guest), with
# VM_KMOD_DIR=DIR holding the kflow.ko / kflow_test.ko built for it
# (scripts/debug-kmod.sh).  VM_DEBUG=1 also makes the guest check
# kmemleak after the tests (the run fails on any leak report) and
# multiplies test timeouts by VM_TIMEOUT_SCALE (default 3).
# VM_TARGETS="kflow" runs only those datapath targets of each test.
# VM_APPEND adds kernel boot options.  FUZZ_NL_* and FUZZ_PKT_* (the
# fuzzers' counts, durations and seeds) are passed to the guest.  VM_DEBUG=1 boots with
# kunit.enable=1: the debug kernels leave KUnit off by default (so the
# kernel's own suites never run at boot) and kflow_test.ko needs it on.
set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
KVER=${KVER:-$(sh "$repo/scripts/kernel-version.sh")} || exit 1
VM_MEM=${VM_MEM:-2G}
VM_CPUS=${VM_CPUS:-2}
VM_TIMEOUT=${VM_TIMEOUT:-3600}
VM_KERNEL=${VM_KERNEL:-}
VM_KMOD_DIR=${VM_KMOD_DIR:-}
VM_DEBUG=${VM_DEBUG:-0}
out=${KFLOW_VM_OUT:-$repo/build/vm}

vng=$(command -v vng 2>/dev/null)
if [ -z "$vng" ]; then
	pybin=$(python3 -c 'import os,sys; print(os.path.dirname(sys.executable))')
	vng=$pybin/vng
fi
[ -x "$vng" ] || { echo "vm-run: vng not found: run 'make deps'" >&2; exit 1; }

case "${1:-}" in
--suite) mode=suite; shift ;;
--demo) mode=demo; shift ;;
--) mode=cmd; shift ;;
*) echo "usage: $0 --suite [TEST...] | --demo | -- CMD [ARG...]" >&2; exit 2 ;;
esac

# A module older than its sources would test old code without a word
# (scripts/debug-kmod.sh KDIR OUT puts its modules in OUT/kmod/).
ko=$repo/kmod/kflow.ko
[ -z "$VM_KMOD_DIR" ] || ko=$VM_KMOD_DIR/kflow.ko
if [ -n "$VM_KMOD_DIR" ] && [ ! -f "$ko" ]; then
	echo "vm-run: VM_KMOD_DIR has no kflow.ko: $ko" >&2
	exit 1
fi
if [ -f "$ko" ]; then
	newer=$(find "$repo/kmod" "$repo/uapi" -name '*.[ch]' \
		! -name '*.mod.c' -newer "$ko" 2>/dev/null | head -n 1)
	if [ -n "$newer" ]; then
		echo "vm-run: $ko is older than $newer: rebuild it" >&2
		exit 1
	fi
fi

rm -rf "$out"
mkdir -p "$out"
# Arguments travel through a file: no quoting through the kernel cmdline.
for a in "$@"; do printf '%s\n' "$a"; done > "$out/args"
# So is the guest's environment (guest.sh sources it).
{
	if [ -n "$VM_KMOD_DIR" ]; then
		kmod_dir=$(cd "$VM_KMOD_DIR" && pwd) || exit 1
		echo "KFLOW_KO=$kmod_dir/kflow.ko"
		echo "KFLOW_TEST_KO=$kmod_dir/kflow_test.ko"
	fi
	[ -z "${VM_TARGETS:-}" ] || echo "KFLOW_ONLY_TARGETS=\"$VM_TARGETS\""
	# The fuzzers' bounds and seeds (selftests/tests/fuzz_*.sh).
	for v in FUZZ_NL_COUNT FUZZ_NL_DURATION FUZZ_NL_SEED \
		FUZZ_PKT_COUNT FUZZ_PKT_DURATION FUZZ_PKT_SEED; do
		eval "val=\${$v:-}"
		[ -z "$val" ] || echo "$v=$val"
	done
	if [ "$VM_DEBUG" = 1 ]; then
		echo "KFLOW_LEAKCHECK=1"
		echo "KFLOW_TIMEOUT_SCALE=${VM_TIMEOUT_SCALE:-3}"
	fi
} > "$out/env"
[ "$VM_DEBUG" != 1 ] || VM_APPEND="${VM_APPEND:-} kunit.enable=1"
VM_APPEND="${VM_APPEND:-} loglevel=4"
kimg=/boot/vmlinuz-$KVER
[ -z "$VM_KERNEL" ] || kimg=$VM_KERNEL

# The kernel's console (warnings and worse: loglevel 4) goes with the
# run's output, so a guest that panics or hangs leaves its last words.
timeout --foreground -k 30 "$VM_TIMEOUT" "$vng" --disable-kvm --verbose \
	--run "$kimg" --memory "$VM_MEM" --cpus "$VM_CPUS" \
	--rwdir "$out" --cwd "$repo" ${VM_APPEND:+--append "$VM_APPEND"} \
	--exec "sh $here/guest.sh $mode $out" </dev/null
vmrc=$?

if [ ! -e "$out/done" ]; then
	echo "vm-run: the VM did not finish (exit $vmrc, timeout ${VM_TIMEOUT}s)" >&2
	[ -e "$out/results.tap" ] && cat "$out/results.tap"
	exit 1
fi

rc=$(cat "$out/rc")
if [ -s "$out/kmemleak.txt" ]; then
	echo "vm-run: kmemleak reports leaks:" >&2
	head -n 80 "$out/kmemleak.txt" >&2
	echo "not ok - no kmemleak report (see $out/kmemleak.txt)" >> "$out/results.tap"
	rc=1
elif [ -e "$out/kmemleak.txt" ]; then
	echo "ok - no kmemleak report" >> "$out/results.tap"
fi
if [ -s "$out/dmesg.txt" ] &&
   grep -E -q -f "$here/dmesg-bad.txt" "$out/dmesg.txt"; then
	echo "vm-run: kernel log shows a problem:" >&2
	grep -E -n -A20 -f "$here/dmesg-bad.txt" "$out/dmesg.txt" | head -80 >&2
	echo "not ok - kernel log clean (see build/vm/dmesg.txt)" >> "$out/results.tap"
	rc=1
else
	echo "ok - kernel log clean" >> "$out/results.tap"
fi
[ "$mode" = suite ] && cat "$out/results.tap"
exit "$rc"
