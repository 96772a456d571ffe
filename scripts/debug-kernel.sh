#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build (once) the debug kernel that make check boots: Debian's
# linux-source-6.1, x86_64_defconfig + selftests/debug-kernel/base.config +
# tier1.config (+ tier2-kasan.config with --kasan).  The tree is extracted
# and built OUTSIDE the checkout, in a cache keyed by the source package
# version and a hash of the fragments, so a machine builds each kernel once:
#
#   $KFLOW_CACHE/debug-kernel/<version>/linux-source-6.1    the sources
#   $KFLOW_CACHE/debug-kernel/<version>-<tier>-<hash>/      the build (O=)
#
#   debug-kernel.sh [--kasan]      build if needed; print the build dir
#   debug-kernel.sh --dir [--kasan]  print the build dir only (no build)
#
# A finished build holds "kflow-built"; a build dir without it is redone.
# Environment: KFLOW_CACHE (default ~/.cache/kflow), JOBS (default nproc).
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
frag=$repo/selftests/debug-kernel
cache=${KFLOW_CACHE:-$HOME/.cache/kflow}/debug-kernel
jobs=${JOBS:-$(nproc)}
tier=tier1
only_dir=0
for a in "$@"; do
	case $a in
	--kasan) tier=tier2-kasan ;;
	--dir) only_dir=1 ;;
	*) echo "usage: $0 [--dir] [--kasan]" >&2; exit 2 ;;
	esac
done

frags="$frag/base.config $frag/tier1.config"
[ $tier = tier1 ] || frags="$frags $frag/$tier.config"

tarball=/usr/src/linux-source-6.1.tar.xz
version=$(dpkg-query -W -f '${Version}' linux-source-6.1 2>/dev/null) || {
	echo "debug-kernel: linux-source-6.1 is not installed (make deps)" >&2
	exit 1
}
hash=$(cat $frags | sha256sum | cut -c1-12)
src=$cache/$version/linux-source-6.1
out=$cache/$version-$tier-$hash
if [ $only_dir = 1 ] || [ -e "$out/kflow-built" ]; then
	echo "$out"
	exit 0
fi

log() { echo "debug-kernel: $*" >&2; }
if [ ! -e "$src/.kflow-extracted" ]; then
	log "extracting $tarball into $cache/$version"
	rm -rf "$src"
	mkdir -p "$cache/$version"
	tar -C "$cache/$version" -xf "$tarball"
	touch "$src/.kflow-extracted"
fi

start=$(date +%s)
log "building $tier kernel in $out ($jobs jobs; ~15-20 min on 2 cores)"
mkdir -p "$out"
make -s -C "$src" O="$out" x86_64_defconfig >&2
# shellcheck disable=SC2086
(cd "$out" && sh "$src/scripts/kconfig/merge_config.sh" -m -O "$out" \
	"$out/.config" $frags) > "$out/merge.log" 2>&1
make -s -C "$src" O="$out" olddefconfig >&2
# A requested option the dependencies refused would silently weaken the
# kernel: fail instead.
missing=$(cat $frags | sed -n 's/^\(CONFIG_[A-Za-z0-9_]*=.*\)$/\1/p' |
	while IFS= read -r l; do grep -qxF "$l" "$out/.config" || echo "$l"; done)
if [ -n "$missing" ]; then
	log "options refused by the kernel's dependencies: $(echo $missing)"
	exit 1
fi
make -C "$src" O="$out" -j"$jobs" bzImage modules > "$out/build.log" 2>&1 || {
	tail -n 40 "$out/build.log" >&2
	log "build failed (log: $out/build.log)"
	exit 1
}
# The module tree virtme-ng gives the guest, made once here rather than
# by the first boot (two VMs booting at once would race on it).
(cd "$out" && PATH=$PATH:$(python3 -c 'import sys, os; print(os.path.dirname(sys.executable))') \
	virtme-prep-kdir-mods) >&2 || { log "virtme-prep-kdir-mods failed"; exit 1; }
echo "$(( $(date +%s) - start ))" > "$out/build-seconds"
touch "$out/kflow-built"
log "built in $(cat "$out/build-seconds")s"
echo "$out"
