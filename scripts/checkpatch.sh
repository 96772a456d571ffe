#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run the kernel's checkpatch.pl (from Debian's linux-source-6.1, extracted
# once into ~/.cache/kflow) in --strict mode over the module sources.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${KFLOW_CACHE:-$HOME/.cache/kflow}
src=$cache/linux-source-6.1
if [ ! -e "$src/scripts/checkpatch.pl" ]; then
	mkdir -p "$cache"
	tar -C "$cache" -xf /usr/src/linux-source-6.1.tar.xz \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
fi
cd "$repo"
files=$(ls kmod/*.c kmod/*.h kmod/tests/*.c kmod/tests/*.h | grep -v '\.mod\.c$')
# shellcheck disable=SC2086
perl "$src/scripts/checkpatch.pl" --no-tree --strict --terse --show-types \
	-f $files
