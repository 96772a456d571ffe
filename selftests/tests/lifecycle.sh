#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow ovs
#
# Tear things down in every order an operator (or a crash) might: delete
# a datapath with ports and flows, delete an attached veth, delete a
# namespace holding a datapath, unload the module with all of it live.
# Nothing may splat (vm-run.sh checks dmesg) or leak (kmemleak, when the
# kernel has it).
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/modules.sh"

ns_add ns1 && ns_add ns2 || skip "cannot create namespaces"
no_ipv6 ns1 ns2
vm_port ns1 eth0 lc-1 10.3.0.1/24
vm_port ns2 eth0 lc-2 10.3.0.2/24

live_dp() {
	dpctl add-dp "$1" && dpctl add-if "$1" lc-1 && dpctl add-if "$1" lc-2 &&
	dpctl add-flow "$1" "in_port(1),eth(),eth_type(0x0806),arp()" 2 &&
	dpctl add-flow "$1" "in_port(2),eth(),eth_type(0x0806),arp()" 1 &&
	dpctl add-flow "$1" "in_port(1),eth(),eth_type(0x0800),ipv4()" 2 &&
	dpctl add-flow "$1" "in_port(2),eth(),eth_type(0x0800),ipv4()" 1
}

# 1. A datapath with ports, flows and traffic is deleted.
check "datapath with ports and flows" live_dp lc
check "traffic through it" in_ns ns1 ping -c 2 -i 0.2 -W 2 -q 10.3.0.2
check "del-dp with everything live" dpctl del-dp lc
check_fails "datapath gone" dpctl show lc
check_fails "its local port device gone" ip link show lc
check "veths survive and are reusable" live_dp lc

# 2. An attached veth is deleted under the datapath.
ip link del lc-2
check "datapath survives its port's device" dpctl show lc
check "port 1 still attached" dp_has_port lc lc-1
check "port 2 detached" wait_for 10 dp_lacks_port lc lc-2
dpctl del-dp lc
vm_port ns2 eth0 lc-2 10.3.0.2/24

# 2b. The namespace at the far end of an attached veth is deleted: the
# port's device goes with it, the datapath lets go of it (a reference
# kept here would hang every later unregister and the module unload).
ns_add nsfar
no_ipv6 nsfar
vm_port nsfar eth0 lc-far 10.3.9.1/24
dpctl add-dp lc && dpctl add-if lc lc-far
check "a port whose peer lives in nsfar" dp_has_port lc lc-far
ip netns del nsfar
check "the port goes when nsfar is deleted" \
	wait_for 20 dp_lacks_port lc lc-far
check "its device is freed" wait_for 20 sh -c "! ip link show lc-far"
dpctl del-dp lc

# 3. A namespace holding a datapath (and a port) is deleted.
ns_add dpns
ip link add lc-n type veth peer name lc-np
ip link set lc-n netns dpns
check "datapath inside a namespace" in_ns dpns "$KFLOW_BIN/kflow-dpctl" add-dp nsdp
check "port inside that namespace" in_ns dpns "$KFLOW_BIN/kflow-dpctl" add-if nsdp lc-n
check_fails "not visible from the root namespace" dpctl show nsdp
check "delete the namespace" ip netns del dpns
check "its port's peer veth went with it" \
	wait_for 10 sh -c '! ip link show lc-np' 
check "module still serves the root namespace" live_dp lc

# 4. Unload with a live datapath in two namespaces and traffic flowing.
# kflow tears everything down; the stock module holds a reference per
# vport and refuses ("in use") until the datapaths are deleted.
ns_add dpns2
check "second live datapath in a namespace" \
	in_ns dpns2 "$KFLOW_BIN/kflow-dpctl" add-dp nsdp2
in_ns ns1 ping -c 50 -i 0.05 -q 10.3.0.2 >/dev/null 2>&1 &
sleep 0.5
if [ "$KFLOW_TARGET" = kflow ]; then
	check "unload kflow with everything live" kflow_target_unload kflow
	wait
	check_fails "the local port went with the module" ip link show lc
	check_fails "so did the namespaced one" in_ns dpns2 ip link show nsdp2
else
	check_fails "openvswitch refuses to unload while in use" \
		kflow_target_unload ovs
	wait
	dpctl del-dp lc
	in_ns dpns2 "$KFLOW_BIN/kflow-dpctl" del-dp nsdp2
	check "openvswitch unloads once the datapaths are gone" \
		kflow_target_unload ovs
fi
check "load it again" kflow_target_load "$KFLOW_TARGET"
check "and use it again" live_dp lc
dpctl del-dp lc

if [ -w /sys/kernel/debug/kmemleak ]; then
	echo scan > /sys/kernel/debug/kmemleak
	check_eq "kmemleak finds nothing" "" "$(cat /sys/kernel/debug/kmemleak)"
else
	echo "# kmemleak not in this kernel: leak check left to the debug kernel run"
fi
finish
