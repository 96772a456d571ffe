# SPDX-License-Identifier: GPL-2.0
#
# awk -F'|' -f table.awk figures.txt samples.txt: the markdown table.
# figures.txt: "ID|TITLE|higher|lower" in row order; samples.txt:
# "ID|CONTENDER|VALUE", one line per round.  Each cell is the median of
# the rounds with the range, "median (min-max)"; the ratio column is
# median(kflow) / median(ovs).

# Whole numbers (counts) print as such when every sample of the cell is one.
function fmt(v, whole) {
	if (whole && v == int(v))
		return sprintf("%d", v)
	if (v >= 100 || v <= -100)
		return sprintf("%.0f", v)
	if (v >= 10 || v <= -10)
		return sprintf("%.1f", v)
	return sprintf("%.2f", v)
}

# Sort a[1..n] numerically (insertion sort: a handful of rounds).
function sort_n(a, n,  i, j, t) {
	for (i = 2; i <= n; i++) {
		t = a[i]
		for (j = i - 1; j >= 1 && a[j] > t; j--)
			a[j + 1] = a[j]
		a[j + 1] = t
	}
}

function median(a, n) {
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}

function cell(id, c,  n, i, a, m, w) {
	n = cnt[id, c]
	if (!n)
		return "-"
	w = 1
	for (i = 1; i <= n; i++) {
		a[i] = val[id, c, i]
		if (a[i] != int(a[i]))
			w = 0
	}
	sort_n(a, n)
	m = median(a, n)
	med[id, c] = m
	if (n == 1)
		return fmt(m, w)
	return sprintf("%s (%s-%s)", fmt(m, w), fmt(a[1], w), fmt(a[n], w))
}

FNR == NR {
	if (NF >= 3) {
		order[++nfig] = $1
		title[$1] = $2
		better[$1] = $3
	}
	next
}

NF >= 3 && $3 != "" {
	k = ++cnt[$1, $2]
	val[$1, $2, k] = $3 + 0
}

END {
	ncol = split("kflow ovs ratio kflowd-ovs vswitchd-kflow mirred bridge", col, " ")
	print "| figure | kflow | Open vSwitch | kflow / OVS | kflowd on openvswitch.ko | ovs-vswitchd on kflow.ko | tc mirred | Linux bridge |"
	print "|---|---|---|---|---|---|---|---|"
	for (r = 1; r <= nfig; r++) {
		id = order[r]
		line = "| " title[id] " (" better[id] " is better)"
		for (i = 1; i <= ncol; i++) {
			if (col[i] == "ratio") {
				if (med[id, "ovs"] != 0 && cnt[id, "kflow"] &&
				    cnt[id, "ovs"])
					s = sprintf("%.2f", med[id, "kflow"] / med[id, "ovs"])
				else
					s = "-"
			} else {
				s = cell(id, col[i])
			}
			line = line " | " s
		}
		print line " |"
	}
}
