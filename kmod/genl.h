/* SPDX-License-Identifier: GPL-2.0 */
/*
 * genl.h - the four generic netlink families of the OVS datapath ABI.
 *
 * ovs_datapath (genl_dp.c), ovs_vport (genl_vport.c), ovs_flow
 * (genl_flow.c) and ovs_packet (genl_packet.c), with the names, versions,
 * commands, attributes and multicast groups of <linux/openvswitch.h>.
 * Families are netnsok; mutating commands need CAP_NET_ADMIN in the
 * datapath's namespace (GENL_UNS_ADMIN_PERM).  Registration fails with
 * -EEXIST while openvswitch.ko holds the names; main.c reports that.
 */
#ifndef _KFLOW_GENL_H
#define _KFLOW_GENL_H

#include <net/genetlink.h>

extern struct genl_family kflow_dp_genl_family;
extern struct genl_family kflow_vport_genl_family;
extern struct genl_family kflow_flow_genl_family;
extern struct genl_family kflow_packet_genl_family;

struct kflow_dp;
struct kflow_vport;

/* Notify the ovs_vport multicast group of a vport change (genl_vport.c). */
struct sk_buff *kflow_vport_cmd_build_info(struct kflow_vport *vport,
					   struct net *net, u32 portid,
					   u32 seq, u8 cmd, gfp_t gfp);

/* Datapath of an ovs_header (genl_dp.c).  RCU or kflow_mutex. */
struct kflow_dp *kflow_dp_from_header(struct net *net,
				      const struct genl_info *info);

#endif /* _KFLOW_GENL_H */
