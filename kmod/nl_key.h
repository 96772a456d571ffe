/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nl_key.h - the flow key and mask in netlink form (OVS_KEY_ATTR_*).
 *
 * Parsing builds a struct kflow_key and mask from the attribute sequences
 * userspace sends in OVS_FLOW_ATTR_KEY / OVS_FLOW_ATTR_MASK and
 * OVS_PACKET_ATTR_KEY, with the ABI's rules: a missing mask means exact
 * match on every attribute present in the key; an attribute absent from
 * the key is wildcarded; each L3/L4 attribute requires the ethertype /
 * protocol that makes it meaningful, matched exactly.  Every rejection
 * sets an extack message naming the attribute and returns -EINVAL.
 *
 * Dumping emits exactly the attribute set the stock datapath emits for a
 * key of that shape, so userspace sees the same "fitness" from both.
 */
#ifndef _KFLOW_NL_KEY_H
#define _KFLOW_NL_KEY_H

#include <linux/netlink.h>
#include <net/genetlink.h>
#include "flow.h"

void kflow_match_init(struct kflow_match *match, struct kflow_key *key,
		      bool reset_key, struct kflow_mask *mask);

/* Parse a flow's key and (optional) mask.  @match->key/mask pre-set. */
int kflow_nl_match_from_nl(struct net *net, struct kflow_match *match,
			   const struct nlattr *key, const struct nlattr *mask,
			   struct netlink_ext_ack *extack);

/*
 * Parse only the metadata attributes of @attr (in_port, priority,
 * skb_mark, recirc_id, dp_hash, tunnel) into @key, for packet execute.
 */
int kflow_nl_key_metadata_from_nl(struct net *net, const struct nlattr *attr,
				  struct kflow_key *key,
				  struct netlink_ext_ack *extack);

/*
 * Emit @key (or, with @is_mask, the mask @output of flow key @key) as the
 * nested attribute @attrtype.
 */
int kflow_nl_put_key(const struct kflow_key *key,
		     const struct kflow_key *output, int attrtype,
		     bool is_mask, struct sk_buff *skb);

/* Upper bound of the size of a key emitted by kflow_nl_put_key. */
size_t kflow_nl_key_attr_size(void);

/*
 * Tunnel key: OVS_KEY_ATTR_TUNNEL nested attributes to/from an
 * ip_tunnel_key plus options (used by set(tunnel) and egress_tun_key).
 */
int kflow_nl_tunnel_from_nl(const struct nlattr *attr,
			    struct ip_tunnel_info *info, u8 *opts,
			    u8 *opts_len, bool is_mask,
			    struct netlink_ext_ack *extack);
int kflow_nl_put_tunnel_info(struct sk_buff *skb, int attrtype,
			     const struct ip_tunnel_info *info);

/* UFID attribute helpers. */
bool kflow_nl_get_ufid(struct kflow_id *id, const struct nlattr *attr);
int kflow_nl_put_ufid(struct sk_buff *skb, const struct kflow_id *id);

#endif /* _KFLOW_NL_KEY_H */
