# SPDX-License-Identifier: GPL-2.0
# Loading and unloading the datapath under test.  kflow.ko and
# openvswitch.ko register the same generic netlink families, so exactly
# one is loaded at a time.

# Kernel modules kflow.ko needs symbols from (insmod does not resolve).
KFLOW_DEPS="nf_defrag_ipv6 udp_tunnel ip6_udp_tunnel vxlan geneve ip_gre"

# KFLOW_KO: the module built for another kernel (the debug kernel).
kflow_ko() {
	echo "${KFLOW_KO:-$KFLOW_REPO/kmod/kflow.ko}"
}

kflow_target_load() {
	case $1 in
	kflow)
		rmmod openvswitch 2>/dev/null
		for m in $KFLOW_DEPS; do modprobe -q "$m" 2>/dev/null; done
		insmod "$(kflow_ko)"
		;;
	ovs)
		rmmod kflow 2>/dev/null
		modprobe openvswitch
		;;
	*) echo "unknown target $1" >&2; return 1 ;;
	esac
}

kflow_target_unload() {
	case $1 in
	kflow) rmmod kflow ;;
	ovs) rmmod openvswitch ;;
	esac
}
