#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# debug-kmod.sh KDIR OUTDIR: build kflow.ko (and kflow_test.ko when KDIR
# has CONFIG_KUNIT) against the kernel build tree KDIR, in OUTDIR.  An
# out-of-tree module builds for one kernel per directory, so the sources
# (Kbuild, kmod/, uapi/) are copied to OUTDIR first; OUTDIR/kmod/ then
# holds the modules.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
kdir=$1
mkdir -p "$2"
out=$(cd "$2" && pwd)	# kbuild wants M= absolute
[ -e "$kdir/Module.symvers" ] || {
	echo "debug-kmod: $kdir is not a built kernel tree" >&2
	exit 1
}
# Copy only what changed, so rebuilds stay incremental.
for d in kmod uapi; do
	mkdir -p "$out/$d"
	(cd "$repo" && find "$d" -type f \( -name '*.[ch]' -o -name Kbuild \)) |
	while IFS= read -r f; do
		mkdir -p "$out/$(dirname "$f")"
		cmp -s "$repo/$f" "$out/$f" || cp "$repo/$f" "$out/$f"
	done
	# Sources deleted from the checkout go from the copy too.
	(cd "$out" && find "$d" -type f \( -name '*.[ch]' -o -name Kbuild \)) |
	while IFS= read -r f; do
		[ -e "$repo/$f" ] || rm -f "$out/$f"
	done
done
cmp -s "$repo/Kbuild" "$out/Kbuild" || cp "$repo/Kbuild" "$out/Kbuild"
make -C "$kdir" M="$out" W=1 modules >&2
