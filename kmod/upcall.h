/* SPDX-License-Identifier: GPL-2.0 */
/*
 * upcall.h - sending packets to userspace (ovs_packet MISS and ACTION).
 *
 * A miss (no flow) or a userspace() action copies the packet, its key and
 * optional userdata/actions/egress tunnel key into an OVS_PACKET_CMD_MISS
 * or _ACTION message and unicasts it, without blocking, to a netlink port:
 * the per-CPU PID when the datapath negotiated
 * OVS_DP_F_DISPATCH_UPCALL_PER_CPU, otherwise the input vport's PID chosen
 * by the packet hash.  A full or absent socket counts n_lost and returns;
 * the fast path never waits for userspace.
 */
#ifndef _KFLOW_UPCALL_H
#define _KFLOW_UPCALL_H

#include <linux/skbuff.h>
#include <net/ip_tunnels.h>
#include "flow_key.h"

struct kflow_dp;

/*
 * OVS_PACKET_ATTR_HASH (u64): the skb hash in the low 32 bits, plus
 * whether it is a software hash and whether it covers the L4 ports.
 */
#define KFLOW_PACKET_HASH_SW_BIT	BIT_ULL(32)
#define KFLOW_PACKET_HASH_L4_BIT	BIT_ULL(33)

struct kflow_upcall_info {
	struct ip_tunnel_info *egress_tun_info;
	const struct nlattr *userdata;
	const struct nlattr *actions;
	int actions_len;
	u32 portid;
	u16 mru;
	u8 cmd;			/* OVS_PACKET_CMD_MISS or _ACTION */
};

/*
 * Send @skb (not consumed) with @key to userspace.  The copy keeps at most
 * @cutlen bytes (trunc action; 0 or U32_MAX: the whole packet).  Returns 0 or -errno; on error the
 * datapath's n_lost has been counted.
 */
int kflow_upcall(struct kflow_dp *dp, struct sk_buff *skb,
		 const struct kflow_key *key,
		 const struct kflow_upcall_info *info, u32 cutlen);

/* The PID for a miss of @skb on @dp (per-CPU or per-vport dispatch). */
u32 kflow_upcall_portid(const struct kflow_dp *dp, struct sk_buff *skb);

#endif /* _KFLOW_UPCALL_H */
