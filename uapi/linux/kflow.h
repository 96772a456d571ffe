/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * kflow.h - kflow's own additions to the Open vSwitch datapath ABI.
 *
 * kflow implements the generic netlink families of <linux/openvswitch.h>
 * (ovs_datapath, ovs_vport, ovs_flow, ovs_packet) unchanged; that header is
 * the ABI.  This file holds only what kflow adds on top, and nothing here
 * changes the meaning of an OVS attribute: a client that never uses these
 * definitions sees exactly the stock datapath.
 *
 * Attribute trees: none yet.  Additions will get their own family or
 * attribute numbers above the OVS ranges, each documented here with its
 * command and nesting.
 */
#ifndef _UAPI_LINUX_KFLOW_H
#define _UAPI_LINUX_KFLOW_H

#include <linux/types.h>

/* rtnetlink link kind of kflow's internal ports (ip -d link show). */
#define KFLOW_INTERNAL_DEV_KIND	"kflow"

#endif /* _UAPI_LINUX_KFLOW_H */
