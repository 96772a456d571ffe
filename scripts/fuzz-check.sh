#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check: the userspace libFuzzer harnesses (userspace/fuzz/), each for
# FUZZ_SECONDS (default 25) from its seed corpus; TAP.  Without clang's
# fuzzer runtime every harness is a TAP SKIP.  Their crash reproducers
# are replayed by the unit tests (make -C userspace test), not here.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
secs=${FUZZ_SECONDS:-25}
echo "# userspace fuzzers (libFuzzer + ASan/UBSan, ${secs}s each)"
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
make -s -C "$repo/userspace" BUILD="$repo/build" fuzz-run FUZZ_SECONDS="$secs"
