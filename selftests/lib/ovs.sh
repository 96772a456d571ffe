# SPDX-License-Identifier: GPL-2.0
#
# Debian's Open vSwitch (ovsdb-server + ovs-vswitchd) started on the
# guest's tmpfs, one instance per name, optionally inside a namespace.
#   ovs_start NAME [NETNS]   then: ovs_vsctl/ovs_ofctl/ovs_appctl NAME ...

ovs_dir() { echo "/run/kflow-ovs/$1"; }

_ovs_in() {
	_d=$(ovs_dir "$1")
	_ns=$(cat "$_d/netns" 2>/dev/null)
	shift
	if [ -n "$_ns" ]; then
		OVS_RUNDIR=$_d OVS_DBDIR=$_d OVS_LOGDIR=$_d \
			ip netns exec "$_ns" "$@"
	else
		OVS_RUNDIR=$_d OVS_DBDIR=$_d OVS_LOGDIR=$_d "$@"
	fi
}

# Call ovs_start directly, not inside check (a subshell): it registers
# the daemons' cleanup with at_exit.
ovs_start() {
	at_exit "ovs_stop $1"
	d=$(ovs_dir "$1")
	rm -rf "$d"
	mkdir -p "$d"
	echo "${2:-}" > "$d/netns"
	ovsdb-tool create "$d/conf.db" \
		/usr/share/openvswitch/vswitch.ovsschema || return 1
	_ovs_in "$1" ovsdb-server "$d/conf.db" \
		--remote="punix:$d/db.sock" --pidfile="$d/ovsdb-server.pid" \
		--unixctl="$d/ovsdb-server.ctl" --log-file="$d/ovsdb-server.log" \
		--detach || return 1
	_ovs_in "$1" ovs-vsctl --db="unix:$d/db.sock" --no-wait init
	_ovs_in "$1" ovs-vswitchd "unix:$d/db.sock" \
		--pidfile="$d/ovs-vswitchd.pid" --unixctl="$d/ovs-vswitchd.ctl" \
		--log-file="$d/ovs-vswitchd.log" --detach || return 1
}

ovs_stop() {
	d=$(ovs_dir "$1")
	[ -z "${KFLOW_OUT:-}" ] ||
		cp "$d/ovs-vswitchd.log" \
			"$KFLOW_OUT/logs/vswitchd.$1.${KFLOW_TARGET:-x}.log" 2>/dev/null
	for p in ovs-vswitchd ovsdb-server; do
		[ -e "$d/$p.pid" ] && kill "$(cat "$d/$p.pid")" 2>/dev/null
	done
	for i in 1 2 3 4 5 6 7 8 9 10; do
		[ -e "$d/ovs-vswitchd.pid" ] &&
			kill -0 "$(cat "$d/ovs-vswitchd.pid")" 2>/dev/null || break
		sleep 0.3
	done
}

ovs_vsctl() {
	_n=$1
	shift
	_ovs_in "$_n" ovs-vsctl --timeout=30 --db="unix:$(ovs_dir "$_n")/db.sock" "$@"
}

ovs_ofctl() {
	_n=$1
	shift
	_ovs_in "$_n" ovs-ofctl "$@"
}

ovs_appctl() {
	_n=$1
	shift
	_ovs_in "$_n" ovs-appctl -t "$(ovs_dir "$_n")/ovs-vswitchd.ctl" "$@"
}

ovs_dpctl() {
	_n=$1
	shift
	_ovs_in "$_n" ovs-dpctl "$@"
}

# Lines of the vswitchd log at WARN level or worse.  The timeval module's
# "Unreasonably long poll interval" and ovs_rcu's "blocked N ms waiting
# for main to quiesce" reports are about the emulated CPU's speed (TCG),
# not about the datapath, and are left out.
ovs_log_problems() {
	grep -E '\|(WARN|ERR|EMER)\|' "$(ovs_dir "$1")/ovs-vswitchd.log" |
		grep -v '|timeval|' | grep -v '|ovs_rcu.*|WARN|blocked'
}
