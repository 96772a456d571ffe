# SPDX-License-Identifier: GPL-2.0
#
# kflow-ofctl in tests: ofc ARGS (60 s reply timeout), and rule counters
# read from dump-flows.
#   rule_packets TARGET MATCH          n_packets of the rule printed as MATCH
#   packets_at_least TARGET MATCH N    (for wait_for)

ofc() { "$KFLOW_BIN/kflow-ofctl" --timeout 60 "$@"; }

rule_packets() {
	ofc dump-flows "$1" | grep -F "$2 " |
		sed -n 's/.*n_packets=\([0-9]*\),.*/\1/p'
}

packets_at_least() { [ "$(rule_packets "$1" "$2")" -ge "$3" ] 2>/dev/null; }
