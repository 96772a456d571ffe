# SPDX-License-Identifier: GPL-2.0
#
# ktap.awk: KUnit's KTAP output (from the kernel log, timestamps removed)
# to one TAP line per result, "ok - suite.case" or, for a parameterised
# case, one per parameter, "ok - suite.case[param]".  A parameterised
# case's own line is counted only if it failed without a failing
# parameter (e.g. its setup crashed).  Results outside a suite are ignored.
function emit(ok, name, rest) {
	printf "%s - %s%s\n", ok ? "ok" : "not ok", name, rest
	n++
}
function result(line, indent,   ok, s, name, rest) {
	s = substr(line, indent + 1)
	ok = (s !~ /^not ok /)
	sub(/^(not )?ok [0-9]+ /, "", s)
	name = s
	rest = ""
	if (match(s, / # SKIP.*/)) {
		name = substr(s, 1, RSTART - 1)
		rest = substr(s, RSTART)
	}
	return (ok ? "1" : "0") SUBSEP name SUBSEP rest
}
/^    # Subtest: / { suite = substr($0, 16); kcase = ""; next }
/^        # Subtest: / { kcase = substr($0, 20); pfail = 0; next }
/^        (not )?ok [0-9]+ / {
	if (suite == "" || kcase == "")
		next
	split(result($0, 8), r, SUBSEP)
	emit(r[1], suite "." kcase "[" r[2] "]", r[3])
	if (!r[1])
		pfail = 1
	next
}
/^    (not )?ok [0-9]+ / {
	if (suite == "")
		next
	split(result($0, 4), r, SUBSEP)
	if (kcase != "" && r[2] == kcase) {
		if (!r[1] && !pfail)
			emit(0, suite "." kcase, " (failed outside its parameters)")
	} else {
		emit(r[1], suite "." r[2], r[3])
	}
	kcase = ""
	next
}
/^(not )?ok [0-9]+ / { suite = ""; kcase = ""; next }
END { if (!n) print "not ok - KUnit printed no results" }
