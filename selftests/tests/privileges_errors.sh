#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
#
# An unprivileged user can look but not create or delete; malformed
# messages are refused with an errno (and, on kflow, an extack message
# that says what is wrong); the kernel log stays free of splats.
. "$(dirname "$0")/../lib/lib.sh"
require_cmd setpriv

nl="/usr/bin/python3 $(dirname "$0")/../lib/ovsnl.py"
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		--bounding-set=-all "$@"
}

check "root: add-dp dpe" dpctl add-dp dpe
at_exit "dpctl del-dp dpe"
check_fails "nobody: add-dp refused" as_nobody "$KFLOW_BIN/kflow-dpctl" add-dp dpx
check_fails "nobody: del-dp refused" as_nobody "$KFLOW_BIN/kflow-dpctl" del-dp dpe
check "nobody: show works (read-only)" as_nobody "$KFLOW_BIN/kflow-dpctl" show dpe
check_fails "nobody: add-flow refused" as_nobody "$KFLOW_BIN/kflow-dpctl" \
	add-flow dpe "in_port(1),eth(),eth_type(0x0806)" drop
check "dpe still exists" dpctl show dpe

expect() {
	# expect CASE ERRNO
	r=$($nl "$1" dpe 2>&1)
	e=$(echo "$r" | cut -f1)
	m=$(echo "$r" | cut -f2-)
	check_eq "$1: $2" "$2" "$e"
	if [ "$KFLOW_TARGET" = kflow ]; then
		check_match "$1: extack message ('$m')" "[a-zA-Z]" "$m"
	fi
}
expect dp-new-no-name EINVAL
expect dp-new-bad-features EOPNOTSUPP
expect dp-new-name-too-long EINVAL
expect vport-new-bad-type EAFNOSUPPORT
expect flow-new-short-in-port EINVAL
expect flow-new-bad-output EINVAL
expect flow-new-ipv4-without-ethertype EINVAL
expect flow-set-actions-without-key EINVAL
# A runt frame fails the attribute policy's minimum length: ERANGE, as
# with the stock module.
expect packet-execute-runt ERANGE
check_eq "no datapath was created by the bad messages" "" \
	"$(ip -br link show badfeat 2>/dev/null)"
finish
