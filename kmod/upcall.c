// SPDX-License-Identifier: GPL-2.0
/*
 * upcall.c - OVS_PACKET_CMD_MISS / _ACTION messages to userspace.
 *
 * The message carries, in this order: the flow key, the userspace
 * action's userdata, the egress tunnel key, the actions, the MRU, the
 * untruncated length, the skb hash and finally the packet, so that the
 * packet's paged data can be attached without copying (skb_zerocopy) when
 * userspace accepts an unaligned last attribute (OVS_DP_F_UNALIGNED).
 *
 * Everything here runs in the packet path: GFP_ATOMIC, non-blocking
 * unicast, and a failed upcall is counted as lost, never waited for.
 */
#include <linux/if_vlan.h>
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "actions.h"
#include "datapath.h"
#include "flow.h"
#include "genl.h"
#include "nl_key.h"
#include "upcall.h"
#include "vport.h"

u32 kflow_upcall_portid(const struct kflow_dp *dp, struct sk_buff *skb)
{
	const struct kflow_dp_pids *pids;
	u32 cpu;

	if (!(READ_ONCE(dp->user_features) &
	      OVS_DP_F_DISPATCH_UPCALL_PER_CPU)) {
		const struct kflow_vport *in = KFLOW_CB(skb)->input_vport;

		return in ? kflow_vport_find_upcall_portid(in, skb) : 0;
	}

	pids = rcu_dereference(dp->upcall_pids);
	if (!pids || !pids->n_pids)
		return 0;

	cpu = smp_processor_id();
	if (unlikely(cpu >= pids->n_pids)) {
		pr_info_ratelimited("kflow: %u upcall PIDs but CPU %u is active\n",
				    pids->n_pids, cpu);
		cpu %= pids->n_pids;
	}
	return pids->pids[cpu];
}

/* The ifindex of the datapath's local port, 0 if it is gone. */
static int kflow_upcall_dp_ifindex(const struct kflow_dp *dp)
{
	const struct kflow_vport *local;
	int ifindex = 0;

	rcu_read_lock();
	local = kflow_vport_lookup(dp, OVSP_LOCAL);
	if (local)
		ifindex = local->dev->ifindex;
	rcu_read_unlock();
	return ifindex;
}

static size_t kflow_upcall_msg_size(const struct kflow_upcall_info *info,
				    unsigned int hlen, unsigned int acts_len)
{
	size_t size = NLMSG_ALIGN(sizeof(struct ovs_header));

	size += nla_total_size(hlen);				/* PACKET */
	size += nla_total_size(kflow_nl_key_attr_size());	/* KEY */
	size += nla_total_size(sizeof(u32));			/* LEN */
	size += nla_total_size(sizeof(u64));			/* HASH */
	if (info->userdata)
		size += nla_total_size(nla_len(info->userdata));
	if (info->egress_tun_info)	/* the key size bounds its tunnel part */
		size += nla_total_size(kflow_nl_key_attr_size());
	if (info->actions && info->actions_len > 0)
		size += nla_total_size(acts_len);
	if (info->mru)
		size += nla_total_size(sizeof(u16));
	return size;
}

/*
 * OVS_PACKET_ATTR_ACTIONS: the actions (kflow's internal form) turned back
 * into userspace form.  Like the stock datapath, a list that does not fit
 * is left out rather than failing the upcall.
 */
static void kflow_upcall_put_actions(struct sk_buff *user_skb,
				     const struct kflow_upcall_info *info)
{
	struct nlattr *nla;

	nla = nla_nest_start_noflag(user_skb, OVS_PACKET_ATTR_ACTIONS);
	if (!nla)
		return;
	if (kflow_actions_list_to_nl(info->actions, info->actions_len,
				     user_skb))
		nla_nest_cancel(user_skb, nla);
	else
		nla_nest_end(user_skb, nla);
}

static int kflow_upcall_put_hash(struct sk_buff *user_skb,
				 const struct sk_buff *skb)
{
	u64 hash = skb_get_hash_raw(skb);

	if (skb->sw_hash)
		hash |= KFLOW_PACKET_HASH_SW_BIT;
	if (skb->l4_hash)
		hash |= KFLOW_PACKET_HASH_L4_BIT;
	/* Unpadded, as userspace expects (no OVS_PACKET_ATTR_PAD exists). */
	return nla_put(user_skb, OVS_PACKET_ATTR_HASH, sizeof(hash), &hash);
}

/* Everything before OVS_PACKET_ATTR_PACKET. */
static int kflow_upcall_put_attrs(struct sk_buff *user_skb,
				  const struct sk_buff *skb,
				  const struct kflow_key *key,
				  const struct kflow_upcall_info *info,
				  size_t skb_len)
{
	const struct nlattr *ud = info->userdata;
	int err;

	err = kflow_nl_put_key(key, key, OVS_PACKET_ATTR_KEY, false, user_skb);
	if (err)
		return err;
	if (ud && nla_put(user_skb, OVS_PACKET_ATTR_USERDATA, nla_len(ud),
			  nla_data(ud)))
		return -EMSGSIZE;
	if (info->egress_tun_info) {
		err = kflow_nl_put_tunnel_info(user_skb,
					       OVS_PACKET_ATTR_EGRESS_TUN_KEY,
					       info->egress_tun_info);
		if (err)
			return err;
	}
	if (info->actions && info->actions_len > 0)
		kflow_upcall_put_actions(user_skb, info);
	if (info->mru && nla_put_u16(user_skb, OVS_PACKET_ATTR_MRU, info->mru))
		return -EMSGSIZE;
	if (skb_len < skb->len &&
	    nla_put_u32(user_skb, OVS_PACKET_ATTR_LEN, skb->len))
		return -EMSGSIZE;
	return kflow_upcall_put_hash(user_skb, skb);
}

/*
 * The frame, @hlen bytes copied and the rest attached as fragments.  Only
 * a fully copied (linear) frame is padded, for userspace that wants the
 * last attribute aligned (no OVS_DP_F_UNALIGNED).
 */
static int kflow_upcall_put_packet(struct sk_buff *user_skb,
				   struct sk_buff *skb, unsigned int skb_len,
				   unsigned int hlen)
{
	struct nlattr *nla;
	int err;

	nla = nla_reserve(user_skb, OVS_PACKET_ATTR_PACKET, 0);
	if (!nla)
		return -EMSGSIZE;
	nla->nla_len = nla_attr_size(skb_len);

	err = skb_zerocopy(user_skb, skb, skb_len, hlen);
	if (err)
		return err;

	if (hlen == skb_len)
		skb_put_zero(user_skb, NLA_ALIGN(skb_len) - skb_len);

	nlmsg_hdr(user_skb)->nlmsg_len = user_skb->len;
	return 0;
}

/*
 * A private copy of @skb is needed when its outer VLAN tag is held in the
 * skb metadata (userspace must see it in the frame) or its checksum is
 * still to be completed.  Returns NULL if @skb can be sent as is, the
 * copy, or an ERR_PTR.
 */
static struct sk_buff *kflow_upcall_fixup(struct sk_buff *skb)
{
	struct sk_buff *nskb;
	int err;

	if (!skb_vlan_tag_present(skb) && skb->ip_summed != CHECKSUM_PARTIAL)
		return NULL;

	nskb = skb_clone(skb, GFP_ATOMIC);
	if (nskb && skb_vlan_tag_present(nskb))
		nskb = __vlan_hwaccel_push_inside(nskb);	/* frees on error */
	if (!nskb)
		return ERR_PTR(-ENOMEM);

	if (nskb->ip_summed == CHECKSUM_PARTIAL) {
		err = skb_csum_hwoffload_help(nskb, 0);
		if (err) {
			kfree_skb(nskb);
			return ERR_PTR(err);
		}
	}
	return nskb;
}

static int kflow_upcall_one(struct kflow_dp *dp, struct sk_buff *skb,
			    const struct kflow_key *key,
			    const struct kflow_upcall_info *info, u32 cutlen,
			    int dp_ifindex, size_t acts_origlen)
{
	struct sk_buff *user_skb = NULL, *nskb;
	unsigned int skb_len, hlen;
	struct ovs_header *hdr;
	size_t size;
	int err;

	nskb = kflow_upcall_fixup(skb);
	if (IS_ERR(nskb))
		return PTR_ERR(nskb);
	if (nskb)
		skb = nskb;

	skb_len = min(skb->len, cutlen);
	err = -EFBIG;
	if (nla_attr_size(skb_len) > USHRT_MAX)
		goto out;

	/* Zero-copy leaves the attribute unpadded: only if userspace agreed. */
	if (READ_ONCE(dp->user_features) & OVS_DP_F_UNALIGNED)
		hlen = min_t(unsigned int, skb_zerocopy_headlen(skb), skb_len);
	else
		hlen = skb_len;

	err = -ENOMEM;
	size = kflow_upcall_msg_size(info, hlen,
				     max_t(size_t, acts_origlen,
					   info->actions_len));
	user_skb = genlmsg_new(size, GFP_ATOMIC);
	if (!user_skb)
		goto out;

	err = -EMSGSIZE;
	hdr = genlmsg_put(user_skb, 0, 0, &kflow_packet_genl_family, 0,
			  info->cmd);
	if (!hdr)
		goto out;
	hdr->dp_ifindex = dp_ifindex;

	err = kflow_upcall_put_attrs(user_skb, skb, key, info, skb_len);
	if (!err)
		err = kflow_upcall_put_packet(user_skb, skb, skb_len, hlen);
	if (err)
		goto out;

	err = genlmsg_unicast(kflow_dp_net(dp), user_skb, info->portid);
	user_skb = NULL;
out:
	kfree_skb(user_skb);
	consume_skb(nskb);
	return err;
}

/*
 * Userspace cannot take a GSO packet: send each segment.  For UDP
 * fragmentation offload, segments after the first are later fragments.
 */
static int kflow_upcall_gso(struct kflow_dp *dp, struct sk_buff *skb,
			    const struct kflow_key *key,
			    const struct kflow_upcall_info *info, u32 cutlen,
			    int dp_ifindex)
{
	size_t acts_origlen = KFLOW_CB(skb)->acts_origlen;
	bool ufo = skb_shinfo(skb)->gso_type & SKB_GSO_UDP;
	struct kflow_key *later_key = NULL;
	struct sk_buff *segs, *seg, *next;
	int err = 0;

	segs = __skb_gso_segment(skb, NETIF_F_SG, false);
	if (IS_ERR(segs))
		return PTR_ERR(segs);
	if (!segs)
		return -EINVAL;

	if (ufo && segs->next) {
		later_key = kmemdup(key, sizeof(*key), GFP_ATOMIC);
		if (!later_key)
			err = -ENOMEM;
		else
			later_key->ip.frag = OVS_FRAG_TYPE_LATER;
	}

	skb_list_walk_safe(segs, seg, next) {
		const struct kflow_key *seg_key = key;

		if (seg != segs && later_key)
			seg_key = later_key;
		if (!err)
			err = kflow_upcall_one(dp, seg, seg_key, info, cutlen,
					       dp_ifindex, acts_origlen);
		if (err)
			kfree_skb(seg);
		else
			consume_skb(seg);
	}
	kfree(later_key);
	return err;
}

int kflow_upcall(struct kflow_dp *dp, struct sk_buff *skb,
		 const struct kflow_key *key,
		 const struct kflow_upcall_info *info, u32 cutlen)
{
	int dp_ifindex;
	int err;

	BUILD_BUG_ON(sizeof(struct kflow_skb_cb) > SKB_GSO_CB_OFFSET);

	err = -ENOTCONN;
	if (!info->portid)
		goto lost;

	err = -ENODEV;
	dp_ifindex = kflow_upcall_dp_ifindex(dp);
	if (!dp_ifindex)
		goto lost;

	if (skb_is_gso(skb))
		err = kflow_upcall_gso(dp, skb, key, info, cutlen, dp_ifindex);
	else
		err = kflow_upcall_one(dp, skb, key, info, cutlen, dp_ifindex,
				       KFLOW_CB(skb)->acts_origlen);
	if (!err)
		return 0;
lost:
	kflow_dp_count_lost(dp);
	return err;
}
