#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Print the version of the newest installed Debian kernel that has both a
# bootable image in /boot and matching headers (never `uname -r`: the
# host's running kernel is not the one the VM boots).
for img in $(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -rV); do
	v=${img#/boot/vmlinuz-}
	if [ -e "/lib/modules/$v/build/Makefile" ] || \
	   [ -e "/usr/src/linux-headers-$v/Makefile" ]; then
		echo "$v"
		exit 0
	fi
done
echo "kernel-version: no kernel in /boot with matching headers; run 'make deps'" >&2
exit 1
