#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# split.sh N check|all [TEST...]: share the selftests run under the
# tier-1 debug kernel out over N VMs, longest first, each to the VM with
# the least time so far, by the seconds measured under that kernel
# (selftests/debug-kernel/tests; a test without a figure counts 120 s).
# The tests: those given, else those marked "check" in that file (make
# check), or all of them (make check-debug).  Prints N lines, one VM's
# tests each.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
n=$1
set=$2
shift 2
want=$*
awk -v n="$n" -v set="$set" -v want="$want" '
	FNR == 1 { if (want != "") { k = split(want, w, " ")
			for (i = 1; i <= k; i++) { sel[w[i]] = 1; secs[w[i]] = 120 } } }
	/^[a-z]/ { if (want == "" ? (set == "all" || $3 == "check") : ($1 in sel))
			{ v = $2; sub(/^~/, "", v); secs[$1] = v + 0 } }
	END {
		for (t in secs) names[++m] = t
		# longest first (ties by name, for a stable split)
		for (i = 1; i <= m; i++)
			for (j = i + 1; j <= m; j++)
				if (secs[names[j]] > secs[names[i]] ||
				    (secs[names[j]] == secs[names[i]] &&
				     names[j] < names[i])) {
					t = names[i]; names[i] = names[j]; names[j] = t
				}
		for (i = 1; i <= m; i++) {
			b = 1
			for (v = 2; v <= n; v++)
				if (load[v] < load[b]) b = v
			load[b] += secs[names[i]]
			out[b] = out[b] (out[b] == "" ? "" : " ") names[i]
		}
		for (v = 1; v <= n; v++) print out[v]
	}' "$here/tests"
