#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: none
#
# kflow.ko loads and unloads cleanly, and refuses to share the OVS generic
# netlink families with openvswitch.ko (and vice versa) with a clear log
# line instead of a splat.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/modules.sh"

[ -e "$(kflow_ko)" ] || skip "kmod/kflow.ko not built"
rmmod openvswitch kflow 2>/dev/null

check "insmod kflow.ko" kflow_target_load kflow
check "ovs_datapath family registered" genl_family_exists ovs_datapath
# A port attached to kflow must survive openvswitch.ko's failed init,
# whose notifier replays NETDEV_UNREGISTER over every device.
ip link add mlc-a type veth peer name mlc-b
dpctl add-dp mlc && dpctl add-if mlc mlc-a

# openvswitch.ko's init fails with -EEXIST, which modprobe reports as
# success ("already loaded"): look at what is loaded instead.
modprobe openvswitch 2>/dev/null
check_fails "openvswitch.ko cannot load while kflow is loaded" \
	grep -q '^openvswitch ' /proc/modules
check "kflow still serves the families" genl_family_exists ovs_datapath
check_match "kflow's port kept its datapath through that" \
	"master mlc .*promiscuity 1" "$(ip -d link show mlc-a | tr '\n' ' ')"
dpctl del-dp mlc
ip link del mlc-a
check "rmmod kflow" rmmod kflow

check "modprobe openvswitch" modprobe openvswitch
dmesg -c >/dev/null
check_fails "insmod kflow.ko refused while openvswitch is loaded" \
	insmod "$(kflow_ko)"
check_match "kflow explains why it refused" \
	"kflow: generic netlink family ovs_datapath is already registered" \
	"$(dmesg)"
check "rmmod openvswitch" rmmod openvswitch

cycles=0
for i in 1 2 3; do
	kflow_target_load kflow && rmmod kflow && cycles=$((cycles + 1))
done
check_eq "three load/unload cycles" 3 "$cycles"
finish
