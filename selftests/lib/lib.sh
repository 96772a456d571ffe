# SPDX-License-Identifier: GPL-2.0
#
# Helpers for kflow selftests (sourced).  Each test prints one TAP line per
# assertion ("ok - what" / "not ok - what"), exits 0 when all passed, 1 on
# any failure and 4 (kselftest skip) when a prerequisite is missing.
#
# KFLOW_TARGET says which datapath module is loaded: kflow or ovs.

ksft_skip=4
KFLOW_REPO=${KFLOW_REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
KFLOW_BIN=${KFLOW_BIN:-$KFLOW_REPO/build/bin}
KFLOW_TARGET=${KFLOW_TARGET:-kflow}
_failed=0
_cleanups=""

dpctl() { "$KFLOW_BIN/kflow-dpctl" "$@"; }

# dp_has_port DP DEVNAME / dp_lacks_port DP DEVNAME (DP must exist).
dp_has_port() {
	dpctl show "$1" | grep -E -q "port [0-9]+: $2( |\$)"
}
dp_lacks_port() {
	_s=$(dpctl show "$1") || return 1
	! printf '%s\n' "$_s" | grep -E -q "port [0-9]+: $2( |\$)"
}

skip() {
	echo "# SKIP $*"
	run_cleanups
	exit $ksft_skip
}

pass() { echo "ok - $*"; }
fail() { echo "not ok - $*"; _failed=1; }

# check WHAT CMD...: CMD succeeds.
check() {
	what=$1
	shift
	if _o=$("$@" 2>&1); then
		pass "$what"
	else
		fail "$what"
		echo "$_o" | sed 's/^/#   /'
	fi
}

# check_fails WHAT CMD...: CMD fails.
check_fails() {
	what=$1
	shift
	if _o=$("$@" 2>&1); then
		fail "$what (unexpectedly succeeded)"
		echo "$_o" | sed 's/^/#   /'
	else
		pass "$what"
	fi
}

# check_eq WHAT EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1: expected '$2', got '$3'"
	fi
}

# check_ge WHAT MIN ACTUAL
check_ge() {
	if [ "$3" -ge "$2" ] 2>/dev/null; then
		pass "$1"
	else
		fail "$1: expected >= $2, got '$3'"
	fi
}

# check_match WHAT REGEX TEXT
check_match() {
	if printf '%s\n' "$3" | grep -E -q -- "$2"; then
		pass "$1"
	else
		fail "$1: no match for /$2/"
		printf '%s\n' "$3" | sed 's/^/#   /'
	fi
}

# wait_for TIMEOUT_S CMD...: poll until CMD succeeds.  The timeout is
# multiplied by KFLOW_TIMEOUT_SCALE (the slower debug kernel).
wait_for() {
	_deadline=$(( $(date +%s) + $1 * ${KFLOW_TIMEOUT_SCALE:-1} ))
	shift
	while ! "$@" >/dev/null 2>&1; do
		[ "$(date +%s)" -lt $_deadline ] || return 1
		sleep 0.2
	done
}

at_exit() { _cleanups="$*; $_cleanups"; }

run_cleanups() {
	[ -n "$_cleanups" ] && eval "$_cleanups" >/dev/null 2>&1
	_cleanups=""
}

finish() {
	run_cleanups
	exit $_failed
}

trap 'run_cleanups' INT TERM

# Namespaces: ns_add NAME creates it with lo up and registers cleanup.
ns_add() {
	# A namespace deleted by an earlier test may still be going away.
	if ip netns list | grep -q "^$1\( \|\$\)"; then
		ip netns del "$1"
	fi
	ip netns add "$1" || return 1
	ip -n "$1" link set lo up
	at_exit "ip netns del $1"
}

in_ns() {
	_ns=$1
	shift
	ip netns exec "$_ns" "$@"
}

# no_ipv6 NS...: no IPv6 chatter (router solicitations, DAD) from NS's
# interfaces, so that a test counts only the packets it sends.
no_ipv6() {
	for _n in "$@"; do
		ip netns exec "$_n" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
		ip netns exec "$_n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	done
}

# vm_port NS IFNAME_IN_NS PEER_IN_ROOT ADDR/PLEN: a "VM" interface.
vm_port() {
	# Devices of a namespace deleted just before are destroyed
	# asynchronously: wait until the name is free again.
	wait_for 60 sh -c "! ip link show '$3' >/dev/null 2>&1"
	ip link add "$3" type veth peer name "$2" netns "$1" || return 1
	# The root-side end is a switch port: it must not talk itself.
	sysctl -qw "net.ipv6.conf.$3.disable_ipv6=1"
	ip link set "$3" up
	ip -n "$1" link set "$2" up
	[ -z "${4:-}" ] || ip -n "$1" addr add "$4" dev "$2"
}

# mac NS IFNAME
mac_of() { ip -n "$1" -br link show "$2" | awk '{print $3}'; }

# counter of a netdev: dev_stat NS IFNAME rx_packets
dev_stat() {
	if [ "$1" = - ]; then
		cat "/sys/class/net/$2/statistics/$3"
	else
		ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"
	fi
}

require_cmd() {
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || skip "$c not installed"
	done
}

# genl_family_exists NAME: the generic netlink family is registered.
genl_family_exists() {
	genl ctrl get name "$1" >/dev/null
}

# kflowd_start RUNDIR DATAPATH [OPTION...]: kflowd on RUNDIR/kflowd.conf
# (log in RUNDIR/kflowd.log, sockets in RUNDIR, further options passed
# on), its pid in $kflowd_pid; at exit it is stopped and the datapath
# deleted.
kflowd_start() {
	_ks_run=$1 _ks_dp=$2 _ks_idle="--max-idle 60000"
	shift 2
	# Datapath flows idle out after 10 s by default, which under TCG can
	# fall between a test's pings and its look at the counters; tests of
	# the expiry itself pass their own --max-idle.
	case " $* " in *" --max-idle "*) _ks_idle= ;; esac
	# A socket left by a killed daemon would look like the new one's.
	rm -f "$_ks_run"/*.mgmt "$_ks_run/kflowd.ctl"
	# shellcheck disable=SC2086
	"$KFLOW_BIN/kflowd" --config "$_ks_run/kflowd.conf" --rundir "$_ks_run" \
		--datapath "$_ks_dp" $_ks_idle "$@" >"$_ks_run/kflowd.log" 2>&1 &
	kflowd_pid=$!
	at_exit "dpctl del-dp $_ks_dp"
	at_exit "kill $kflowd_pid; wait $kflowd_pid"
}

# grep_count_ge N REGEX FILE: FILE has at least N lines matching REGEX.
# A capture is read before it is stopped: tcpdump drops what it has not
# read yet when it is killed.
grep_count_ge() { [ "$(grep -E -c -- "$2" "$3")" -ge "$1" ]; }
