/* SPDX-License-Identifier: GPL-2.0 */
/*
 * actions.h - datapath actions: validation/copy (actions_nl.c) and
 * execution (actions.c).
 *
 * Userspace sends an action list as nested OVS_ACTION_ATTR_* attributes.
 * On install, every action is validated against the flow's key (a set of
 * IPv4 fields needs an IPv4 flow, an output port must be a valid number,
 * nesting is bounded) and copied into kflow's internal form:
 *  - set(...) becomes set_masked with an all-ones mask (one code path);
 *  - set(tunnel(...)) becomes an internal attribute holding a prepared
 *    metadata_dst, so the fast path attaches it without allocating;
 *  - nested lists (sample, clone, check_pkt_len, dec_ttl) are copied
 *    recursively, each nesting level bounded by KFLOW_ACTIONS_MAX_DEPTH.
 * Each action has a validate/copy/free/dump set; dumping turns the
 * internal form back into exactly what userspace sent.
 *
 * Execution walks the internal list under RCU with BH disabled.  Actions
 * that must see a packet copy (output before more actions, clone, sample)
 * clone the skb; recirc re-enters the datapath with a bounded depth.
 */
#ifndef _KFLOW_ACTIONS_H
#define _KFLOW_ACTIONS_H

#include <linux/netlink.h>
#include <linux/skbuff.h>
#include "flow.h"

struct kflow_dp;

#define KFLOW_ACTIONS_MAX_DEPTH		16	/* nested lists, as stock */
#define KFLOW_RECIRC_MAX_DEPTH		6	/* recirc/exec loops */
#define KFLOW_ACTIONS_MAX_SIZE		(32 * 1024)

/* kflow-internal action attribute, never seen by userspace. */
#define KFLOW_ACTION_ATTR_SET_TUNNEL	(__OVS_ACTION_ATTR_MAX + 1)

/*
 * Validate and copy the OVS_FLOW_ATTR_ACTIONS / OVS_PACKET_ATTR_ACTIONS
 * attribute @attr for a flow whose (unmasked) key is @key.  Returns the
 * internal form or an ERR_PTR; on error @extack names the bad attribute.
 */
struct kflow_actions *kflow_actions_from_nl(struct net *net,
					    const struct nlattr *attr,
					    const struct kflow_key *key,
					    struct netlink_ext_ack *extack);

/* Put the userspace form of @acts into @skb as attribute @attrtype. */
int kflow_actions_to_nl(const struct kflow_actions *acts, int attrtype,
			struct sk_buff *skb);

/*
 * Put the userspace form of the internal action list @list (@len bytes,
 * e.g. kflow_upcall_info.actions) into @skb, without an enclosing nest.
 */
int kflow_actions_list_to_nl(const struct nlattr *list, int len,
			     struct sk_buff *skb);

/*
 * Run @acts on @skb whose key is @key.  Consumes @skb.  The key may be
 * updated as actions change the packet.  BH disabled, under RCU.
 */
int kflow_actions_execute(struct kflow_dp *dp, struct sk_buff *skb,
			  const struct kflow_actions *acts,
			  struct kflow_key *key);

#endif /* _KFLOW_ACTIONS_H */
