#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make bench [QUICK=1]: boot one VM, run bench/guest.sh in it, keep the
# table as bench/results/YYYY-MM-DD-KVER[-quick].md and print it.
set -u

repo=$(cd "$(dirname "$0")/.." && pwd)
KVER=${KVER:-$(sh "$repo/scripts/kernel-version.sh")} || exit 1
out=${KFLOW_VM_OUT:-$repo/build/vm}
mode=full
suffix=
case "${QUICK:-}" in
'' | 0) ;;
*) mode=quick; suffix=-quick ;;
esac

start=$(date +%s)
KFLOW_VM_OUT=$out sh "$repo/selftests/vm-run.sh" -- \
	sh "$repo/bench/guest.sh" "$mode"
rc=$?
if [ ! -s "$out/bench/table.md" ]; then
	echo "bench: no table produced (exit $rc); see $out/bench/" >&2
	exit 1
fi
result=$repo/bench/results/$(date -u +%Y-%m-%d)-$KVER$suffix.md
mkdir -p "$repo/bench/results"
{
	cat "$out/bench/table.md"
	echo
	echo "make bench${suffix:+ QUICK=1} took $(( $(date +%s) - start )) s" \
		"(VM boot included)."
} > "$result"
echo "bench: written to $result"
cat "$result"
exit "$rc"
