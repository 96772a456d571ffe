#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The demo (make demo), run inside the VM by guest.sh:
#
#     vm1 (10.0.0.1) --veth-- [ kflow datapath "kdemo" ] --veth-- vm2 (10.0.0.2)
#
# Loads kflow.ko, creates a datapath, attaches one veth per namespace,
# installs flows with kflow-dpctl, pings, and prints the datapath view:
# ports with counters and flows with packet counts.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/lib.sh"
. "$here/lib/modules.sh"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# Echo a command as an operator would type it, then run it.
run() {
	_shown=""
	for _a in "$@"; do
		case $_a in
		dpctl) _a=kflow-dpctl ;;
		*[!A-Za-z0-9_./:=-]*) _a="'$_a'" ;;
		esac
		_shown="$_shown $_a"
	done
	echo "\$$_shown"
	"$@"
}

step "Load kflow.ko"
kflow_target_load kflow || exit 1
dmesg | grep -i kflow | tail -n 3

step "Two 'VMs' (network namespaces) and a datapath"
ns_add vm1 && ns_add vm2
no_ipv6 vm1 vm2
vm_port vm1 eth0 kd-vm1 10.0.0.1/24
vm_port vm2 eth0 kd-vm2 10.0.0.2/24
run dpctl add-dp kdemo || exit 1
run dpctl add-if kdemo kd-vm1 || exit 1
run dpctl add-if kdemo kd-vm2 || exit 1

step "Flows: everything from port 1 to port 2 and back"
run dpctl add-flow kdemo "in_port(1),eth(),eth_type(0x0806),arp()" 2
run dpctl add-flow kdemo "in_port(2),eth(),eth_type(0x0806),arp()" 1
run dpctl add-flow kdemo \
	"in_port(1),eth(),eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2)" 2
run dpctl add-flow kdemo \
	"in_port(2),eth(),eth_type(0x0800),ipv4(src=10.0.0.2,dst=10.0.0.1)" 1

step "Ping vm2 from vm1 through kflow"
run ip netns exec vm1 ping -c 5 -i 0.2 -W 2 10.0.0.2
rc=$?

step "The datapath: ports with counters"
run dpctl show -s kdemo

step "The datapath: flows with packet counts"
run dpctl dump-flows kdemo

step "Clean up"
run dpctl del-dp kdemo
run_cleanups
rmmod kflow && echo "kflow.ko unloaded"
[ $rc = 0 ] && echo "demo: ping through kflow worked" || echo "demo: ping FAILED"
exit $rc
