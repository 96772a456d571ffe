// SPDX-License-Identifier: GPL-2.0
/*
 * actions.c - running an action list on a packet.
 *
 * The list is kflow's internal form (actions_int.h), already validated,
 * walked under RCU with bottom halves disabled.  Each action type has one
 * handler in kflow_exec_ops[].  A handler either leaves the packet to the
 * following actions or consumes it (output, recirc, a nested list that
 * ends the list, dec_ttl expiry); an error drops the packet and is
 * counted as rx_dropped on the port it came in on.
 *
 * Copies.  An action that needs its own packet (output or userspace
 * before more actions, a nested list, recirc) works on skb_clone(),
 * except when it is the last action, which may take the packet itself.
 * Nested lists run on the caller's key; when more actions follow and the
 * nested list may change the key, the key's packet part is saved on the
 * stack and restored afterwards.  The tunnel part (the first, large part
 * of the key) is never written by an action, so it is not saved.
 *
 * Recursion.  Nested lists and recirculation recurse.  Two per-CPU
 * counters bound the stack used: kflow_exec_depth counts entries into
 * kflow_actions_execute() (one per recirculation, up to
 * KFLOW_RECIRC_MAX_DEPTH) and kflow_exec_nest counts nested lists in
 * progress on the CPU, over all recirculation levels.
 */
#include <linux/if_vlan.h>
#include <linux/jhash.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/random.h>
#include <linux/skbuff.h>
#include <net/dst.h>
#include <net/dst_metadata.h>
#include "actions_int.h"
#include "datapath.h"
#include "upcall.h"
#include "vport.h"

/*
 * Nested lists in progress on a CPU, over all recirculation levels: one
 * flow may nest KFLOW_ACTIONS_MAX_DEPTH deep, and this bounds the stack
 * whatever recirculation adds.  (The stock module defers actions past a
 * recursion threshold instead; kflow drops the packet, counted.)
 */
#define KFLOW_EXEC_MAX_NEST	16

static DEFINE_PER_CPU(int, kflow_exec_depth);
static DEFINE_PER_CPU(int, kflow_exec_nest);

/* What every handler may need besides the packet. */
struct kflow_exec {
	struct kflow_dp *dp;
	struct kflow_key *key;
	const struct nlattr *list;	/* the list being run */
	int len;
};

/*
 * Run action @a on *@skbp.  @last: no action follows in this list.  If the
 * handler consumes the packet it sets *@skbp to NULL.  An error return
 * makes the caller drop the packet if it still holds it.
 */
typedef int (*kflow_exec_fn)(const struct kflow_exec *x,
			     struct sk_buff **skbp, const struct nlattr *a,
			     bool last);

static int kflow_run(struct kflow_dp *dp, struct sk_buff *skb,
		     struct kflow_key *key, const struct nlattr *list, int len);

/* The packet part of a key: everything after the tunnel metadata. */
struct kflow_key_tail {
	u8 bytes[sizeof(struct kflow_key) - KFLOW_KEY_NON_TUN_START];
};

static void kflow_count_drop(const struct sk_buff *skb)
{
	struct kflow_vport *vport = KFLOW_CB(skb)->input_vport;
	struct kflow_vport_stats_percpu *stats;

	if (!vport)
		return;
	stats = this_cpu_ptr(vport->stats);
	u64_stats_update_begin(&stats->syncp);
	stats->rx_dropped++;
	u64_stats_update_end(&stats->syncp);
}

static void kflow_drop(struct sk_buff *skb)
{
	kflow_count_drop(skb);
	kfree_skb(skb);
}

/* A copy of *@skbp for an action that is not last, or the packet itself. */
static struct sk_buff *kflow_take(struct sk_buff **skbp, bool last)
{
	struct sk_buff *skb = *skbp;

	if (last) {
		*skbp = NULL;
		return skb;
	}
	skb = skb_clone(skb, GFP_ATOMIC);
	if (unlikely(!skb))
		kflow_count_drop(*skbp);
	return skb;
}

/*
 * The trunc length in force: KFLOW_CB()->cutlen holds the length to keep.
 * trunc never sets less than ETH_HLEN, so 0 (like U32_MAX) means none.
 */
static u32 kflow_cut_max(const struct sk_buff *skb)
{
	u32 max_len = KFLOW_CB(skb)->cutlen;

	return max_len ? max_len : U32_MAX;
}

/* ---- output and userspace ---------------------------------------------- */

static int kflow_trunc(struct sk_buff *skb)
{
	u32 max_len = kflow_cut_max(skb);
	u32 l2_len = max_t(int, skb_network_offset(skb), ETH_HLEN);

	if (likely(max_len >= skb->len))
		return 0;
	if (skb_is_gso(skb))
		skb_gso_reset(skb);
	return pskb_trim_rcsum(skb, max(max_len, l2_len));
}

static int kflow_exec_output(const struct kflow_exec *x, struct sk_buff **skbp,
			     const struct nlattr *a, bool last)
{
	struct kflow_vport *vport;
	struct sk_buff *skb;

	skb = kflow_take(skbp, last);
	if (*skbp)
		KFLOW_CB(*skbp)->cutlen = 0;	/* trunc applies once */
	if (!skb)
		return 0;
	vport = kflow_vport_lookup(x->dp, nla_get_u32(a));
	if (unlikely(!vport || kflow_trunc(skb))) {
		kflow_drop(skb);
		return 0;
	}
	kflow_vport_send(vport, skb);
	return 0;
}

static void kflow_userspace_egress(struct kflow_dp *dp, struct sk_buff *skb,
				   u32 port, struct kflow_upcall_info *info)
{
	struct kflow_vport *vport;

	if (port > U16_MAX)
		return;
	vport = kflow_vport_lookup(dp, port);
	if (vport && !dev_fill_metadata_dst(vport->dev, skb))
		info->egress_tun_info = skb_tunnel_info(skb);
}

static int kflow_exec_userspace(const struct kflow_exec *x,
				struct sk_buff **skbp, const struct nlattr *a,
				bool last)
{
	struct sk_buff *skb = *skbp;
	struct kflow_upcall_info info = {
		.cmd = OVS_PACKET_CMD_ACTION,
		.mru = KFLOW_CB(skb)->mru,
	};
	const struct nlattr *n;
	int rem;

	nla_for_each_nested(n, a, rem) {
		switch (nla_type(n)) {
		case OVS_USERSPACE_ATTR_PID:
			if (READ_ONCE(x->dp->user_features) &
			    OVS_DP_F_DISPATCH_UPCALL_PER_CPU)
				info.portid = kflow_upcall_portid(x->dp, skb);
			else
				info.portid = nla_get_u32(n);
			break;
		case OVS_USERSPACE_ATTR_USERDATA:
			info.userdata = n;
			break;
		case OVS_USERSPACE_ATTR_EGRESS_TUN_PORT:
			kflow_userspace_egress(x->dp, skb, nla_get_u32(n), &info);
			break;
		case OVS_USERSPACE_ATTR_ACTIONS:
			info.actions = x->list;
			info.actions_len = x->len;
			break;
		}
	}
	/* A lost upcall is counted by kflow_upcall(); the packet goes on. */
	kflow_upcall(x->dp, skb, x->key, &info, kflow_cut_max(skb));
	KFLOW_CB(skb)->cutlen = 0;
	return 0;
}

static int kflow_exec_trunc(const struct kflow_exec *x, struct sk_buff **skbp,
			    const struct nlattr *a, bool last)
{
	const struct ovs_action_trunc *trunc = nla_data(a);

	KFLOW_CB(*skbp)->cutlen = trunc->max_len;
	return 0;
}

/* ---- packet and metadata rewrites -------------------------------------- */

static int kflow_exec_set_masked(const struct kflow_exec *x,
				 struct sk_buff **skbp, const struct nlattr *a,
				 bool last)
{
	return kflow_exec_set(*skbp, x->key, nla_data(a));
}

static int kflow_exec_set_tunnel(const struct kflow_exec *x,
				 struct sk_buff **skbp, const struct nlattr *a,
				 bool last)
{
	struct kflow_set_tunnel st;

	/* The list's reference keeps the dst alive; the skb takes its own. */
	memcpy(&st, nla_data(a), sizeof(st));
	skb_dst_drop(*skbp);
	dst_hold(&st.dst->dst);
	skb_dst_set(*skbp, &st.dst->dst);
	return 0;
}

static int kflow_exec_hash(const struct kflow_exec *x, struct sk_buff **skbp,
			   const struct nlattr *a, bool last)
{
	const struct ovs_action_hash *hash = nla_data(a);
	u32 h;

	h = jhash_1word(skb_get_hash(*skbp), hash->hash_basis);
	x->key->dp_hash = h ? h : 1;	/* 0 means "not computed" */
	return 0;
}

static int kflow_exec_push_vlan(const struct kflow_exec *x,
				struct sk_buff **skbp, const struct nlattr *a,
				bool last)
{
	const struct ovs_action_push_vlan *vlan = nla_data(a);
	struct kflow_key *key = x->key;
	struct sk_buff *skb = *skbp;
	int err;

	if (unlikely(skb_mac_offset(skb) || skb->len < ETH_HLEN))
		return -EINVAL;
	err = skb_vlan_push(skb, vlan->vlan_tpid,
			    ntohs(vlan->vlan_tci) & ~VLAN_CFI_MASK);
	if (unlikely(err))
		return err;
	/* A third tag is beyond what the key shows directly: re-parse. */
	if (key->eth.cvlan.tci & htons(VLAN_CFI_MASK))
		return kflow_key_extract_packet(skb, key);
	key->eth.cvlan = key->eth.vlan;
	key->eth.vlan.tpid = vlan->vlan_tpid;
	key->eth.vlan.tci = vlan->vlan_tci;
	return 0;
}

static int kflow_exec_pop_vlan(const struct kflow_exec *x,
			       struct sk_buff **skbp, const struct nlattr *a,
			       bool last)
{
	struct kflow_key *key = x->key;
	struct sk_buff *skb = *skbp;
	int err;

	if (unlikely(skb_mac_offset(skb)))
		return -EINVAL;
	err = skb_vlan_pop(skb);
	if (unlikely(err))
		return err;
	if (!skb_vlan_tag_present(skb) &&
	    !(key->eth.cvlan.tci & htons(VLAN_CFI_MASK))) {
		memset(&key->eth.vlan, 0, sizeof(key->eth.vlan));
	} else if (skb_vlan_tag_present(skb) &&
		   !eth_type_vlan(skb->protocol)) {
		/* The inner tag is now the only one. */
		key->eth.vlan = key->eth.cvlan;
		memset(&key->eth.cvlan, 0, sizeof(key->eth.cvlan));
	} else {
		return kflow_key_extract_packet(skb, key);
	}
	return 0;
}

/* ---- nested lists ------------------------------------------------------ */

/* Run @list on @skb, keeping the packet part of @key as it was. */
static noinline int kflow_run_keep_key(struct kflow_dp *dp,
				       struct sk_buff *skb,
				       struct kflow_key *key,
				       const struct nlattr *list, int len)
{
	u8 *tail = (u8 *)key + KFLOW_KEY_NON_TUN_START;
	struct kflow_key_tail saved;
	int err;

	memcpy(&saved, tail, sizeof(saved));
	err = kflow_run(dp, skb, key, list, len);
	memcpy(tail, &saved, sizeof(saved));
	return err;
}

/*
 * Run the internal list attribute @l on a copy of *@skbp, or on the
 * packet itself if @last.  @changes: the list may change the key.
 */
static int kflow_exec_list(const struct kflow_exec *x, struct sk_buff **skbp,
			   const struct nlattr *l, bool changes, bool last)
{
	struct sk_buff *skb = kflow_take(skbp, last);
	int err;

	if (!skb)
		return 0;
	if (unlikely(__this_cpu_inc_return(kflow_exec_nest) >
		     KFLOW_EXEC_MAX_NEST)) {
		net_warn_ratelimited("kflow: %s: nested actions too deep, packet dropped\n",
				     kflow_dp_name(x->dp));
		kflow_drop(skb);
		err = -ELOOP;
	} else if (last || !changes) {
		err = kflow_run(x->dp, skb, x->key, nla_data(l), nla_len(l));
	} else {
		err = kflow_run_keep_key(x->dp, skb, x->key, nla_data(l),
					 nla_len(l));
	}
	__this_cpu_dec(kflow_exec_nest);
	/* A copy's fate does not concern the packet that goes on. */
	return last ? err : 0;
}

static int kflow_exec_sample(const struct kflow_exec *x, struct sk_buff **skbp,
			     const struct nlattr *a, bool last)
{
	const struct kflow_nest_arg *arg = kflow_nest_arg(a);

	if (arg->param != U32_MAX &&
	    (!arg->param || get_random_u32() > arg->param)) {
		if (last) {
			consume_skb(*skbp);
			*skbp = NULL;
		}
		return 0;
	}
	return kflow_exec_list(x, skbp, kflow_nest_list(a, 0),
			       arg->flags & KFLOW_NEST_F_CHANGES0, last);
}

static int kflow_exec_clone(const struct kflow_exec *x, struct sk_buff **skbp,
			    const struct nlattr *a, bool last)
{
	const struct kflow_nest_arg *arg = kflow_nest_arg(a);

	return kflow_exec_list(x, skbp, kflow_nest_list(a, 0),
			       arg->flags & KFLOW_NEST_F_CHANGES0, last);
}

static int kflow_exec_cpl(const struct kflow_exec *x, struct sk_buff **skbp,
			  const struct nlattr *a, bool last)
{
	const struct kflow_nest_arg *arg = kflow_nest_arg(a);
	struct sk_buff *skb = *skbp;
	u16 mru = KFLOW_CB(skb)->mru;
	unsigned int len;
	bool greater;

	/* A reassembled packet is judged by its fragments' size. */
	len = mru ? mru + skb_network_offset(skb) : skb->len;
	if (skb_is_gso(skb))
		greater = !skb_gso_validate_mac_len(skb, arg->param);
	else
		greater = len > arg->param;
	if (greater)
		return kflow_exec_list(x, skbp,
				       kflow_nest_list(a, KFLOW_CPL_GREATER),
				       arg->flags & KFLOW_NEST_F_CHANGES1, last);
	return kflow_exec_list(x, skbp,
			       kflow_nest_list(a, KFLOW_CPL_LESS_EQUAL),
			       arg->flags & KFLOW_NEST_F_CHANGES0, last);
}

static int kflow_exec_dec_ttl_act(const struct kflow_exec *x,
				  struct sk_buff **skbp,
				  const struct nlattr *a, bool last)
{
	int err = kflow_exec_dec_ttl(*skbp, x->key);

	if (likely(err != -EHOSTUNREACH))
		return err;
	/* Expired: the packet goes to the nested list (often a userspace
	 * action) and nowhere else; an empty list just drops it.
	 */
	return kflow_exec_list(x, skbp, kflow_nest_list(a, 0), true, true);
}

/* ---- recirculation ----------------------------------------------------- */

static int kflow_exec_recirc(const struct kflow_exec *x, struct sk_buff **skbp,
			     const struct nlattr *a, bool last)
{
	struct kflow_key *key = x->key;
	struct kflow_key_tail saved;
	struct sk_buff *skb;
	u8 *tail;

	skb = kflow_take(skbp, last);
	if (!skb)
		return 0;
	if (last) {
		key->recirc_id = nla_get_u32(a);
		kflow_dp_process_packet(skb, key);
		return 0;
	}
	tail = (u8 *)key + KFLOW_KEY_NON_TUN_START;
	memcpy(&saved, tail, sizeof(saved));
	key->recirc_id = nla_get_u32(a);
	kflow_dp_process_packet(skb, key);
	memcpy(tail, &saved, sizeof(saved));
	return 0;
}

/* ---- the list walk ----------------------------------------------------- */

static const kflow_exec_fn kflow_exec_ops[KFLOW_ACT_TYPE_MAX + 1] = {
	[OVS_ACTION_ATTR_OUTPUT] = kflow_exec_output,
	[OVS_ACTION_ATTR_USERSPACE] = kflow_exec_userspace,
	[OVS_ACTION_ATTR_SET] = kflow_exec_set_masked,
	[OVS_ACTION_ATTR_SET_MASKED] = kflow_exec_set_masked,
	[KFLOW_ACTION_ATTR_SET_TUNNEL] = kflow_exec_set_tunnel,
	[OVS_ACTION_ATTR_PUSH_VLAN] = kflow_exec_push_vlan,
	[OVS_ACTION_ATTR_POP_VLAN] = kflow_exec_pop_vlan,
	[OVS_ACTION_ATTR_SAMPLE] = kflow_exec_sample,
	[OVS_ACTION_ATTR_RECIRC] = kflow_exec_recirc,
	[OVS_ACTION_ATTR_HASH] = kflow_exec_hash,
	[OVS_ACTION_ATTR_TRUNC] = kflow_exec_trunc,
	[OVS_ACTION_ATTR_CLONE] = kflow_exec_clone,
	[OVS_ACTION_ATTR_CHECK_PKT_LEN] = kflow_exec_cpl,
	[OVS_ACTION_ATTR_DEC_TTL] = kflow_exec_dec_ttl_act,
};

/* Consumes @skb. */
static int kflow_run(struct kflow_dp *dp, struct sk_buff *skb,
		     struct kflow_key *key, const struct nlattr *list, int len)
{
	const struct kflow_exec x = {
		.dp = dp, .key = key, .list = list, .len = len,
	};
	const struct nlattr *a;
	int rem, err;

	for (a = list, rem = len; rem > 0; a = nla_next(a, &rem)) {
		int type = nla_type(a);
		bool last = NLA_ALIGN(a->nla_len) >= rem;

		if (unlikely(type > KFLOW_ACT_TYPE_MAX ||
			     !kflow_exec_ops[type])) {
			err = -EINVAL;	/* cannot happen: kflow built it */
			goto drop;
		}
		err = kflow_exec_ops[type](&x, &skb, a, last);
		if (unlikely(err))
			goto drop;
		if (!skb)
			return 0;
	}
	consume_skb(skb);
	return 0;

drop:
	if (skb)
		kflow_drop(skb);
	return err;
}

int kflow_actions_execute(struct kflow_dp *dp, struct sk_buff *skb,
			  const struct kflow_actions *acts,
			  struct kflow_key *key)
{
	int err;

	if (unlikely(__this_cpu_inc_return(kflow_exec_depth) >
		     KFLOW_RECIRC_MAX_DEPTH)) {
		net_warn_ratelimited("kflow: %s: recirculation too deep, packet dropped\n",
				     kflow_dp_name(dp));
		kflow_drop(skb);
		err = -ELOOP;
		goto out;
	}
	/* For sizing upcalls that carry the actions. */
	KFLOW_CB(skb)->acts_origlen = acts->orig_len;
	err = kflow_run(dp, skb, key, acts->actions, acts->actions_len);
out:
	__this_cpu_dec(kflow_exec_depth);
	return err;
}
