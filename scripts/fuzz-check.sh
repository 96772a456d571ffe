#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check: the userspace libFuzzer harnesses (userspace/fuzz/) from
# their seed corpora; TAP.  Without clang's fuzzer runtime every harness is
# a TAP SKIP.  Their crash reproducers are replayed by the unit tests (make
# -C userspace test), not here.
#
# The gate is replayable: seed FUZZ_SEED (default 1) and a fixed number of
# executions per harness, about 25 s each on the 2-core reference machine,
# so a verdict does not depend on the machine's speed.  FUZZ_SECONDS=N runs
# each harness for N seconds instead (a campaign; add FUZZ_SEED= for a
# fresh seed).
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
runs="fuzz_dpif_reply:300000 fuzz_odp_parse:650000 fuzz_ofp_parse:1000000 \
fuzz_ofp_wire:2500000 fuzz_upcall_key:4000000"
echo "# userspace fuzzers (libFuzzer + ASan/UBSan)"
probe=$(mktemp -d)
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n%s\n' \
	'{ return d && n == 0; }' > "$probe/p.c"
if ! ${FUZZ_CC:-clang} -fsanitize=fuzzer,address,undefined -o "$probe/p" \
		"$probe/p.c" > /dev/null 2>&1; then
	rm -rf "$probe"
	echo "ok 1 - userspace fuzzers # SKIP no clang libFuzzer runtime" \
		"(make deps installs clang and libclang-rt-14-dev)"
	exit 0
fi
rm -rf "$probe"
if ! nice make -s -C "$repo/userspace" BUILD="$repo/build" fuzz \
		> "$repo/build/fuzz-build.log" 2>&1; then
	echo "not ok 1 - userspace fuzzers build (build/fuzz-build.log)"
	tail -n 20 "$repo/build/fuzz-build.log" | sed 's/^/# /'
	exit 1
fi
if [ -n "${FUZZ_SECONDS:-}" ]; then
	exec make -s -C "$repo/userspace" BUILD="$repo/build" fuzz-run \
		FUZZ_SECONDS="$FUZZ_SECONDS"
fi
# Every harness must be in the table: a new one is not silently left out.
for f in "$repo"/userspace/fuzz/fuzz_*.c; do
	h=$(basename "$f" .c)
	[ "$h" = fuzz_util ] && continue
	case " $runs " in
	*" $h:"*) ;;
	*) echo "not ok 1 - $h has no run count in scripts/fuzz-check.sh"
	   exit 1 ;;
	esac
done
# shellcheck disable=SC2086 # the table splits into arguments
FUZZ_SEED=${FUZZ_SEED-1} sh "$repo/userspace/fuzz/run.sh" "$repo/build/fuzz" 25 \
	$runs
