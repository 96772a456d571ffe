// SPDX-License-Identifier: GPL-2.0
/*
 * genl_flow.c - the "ovs_flow" generic netlink family.
 *
 * NEW installs a flow (or replaces the actions of an existing one), SET
 * replaces actions and/or clears statistics, GET reads one flow, DEL
 * removes one flow or, with neither key nor UFID, all of them, and a GET
 * dump walks the table.  A flow is named by its UFID when userspace gave
 * one, otherwise by its unmasked key.
 *
 * Replies to NEW, SET and DEL are built only when someone listens to the
 * "ovs_flow" group or the request carries NLM_F_ECHO; they go to both
 * through genl_notify().  OVS_UFID_F_OMIT_* leave the key, mask or
 * actions out of replies and dumps.
 *
 * Locking: the commands run under kflow_mutex; the dump runs under RCU.
 * Messages are allocated (GFP_KERNEL) under the mutex, before the table
 * changes, so a change is never made without its notification.
 */

#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include "actions.h"
#include "datapath.h"
#include "flow.h"
#include "flow_table.h"
#include "genl.h"
#include "nl_key.h"

#define KFLOW_UFID_F_ALL	(OVS_UFID_F_OMIT_KEY | OVS_UFID_F_OMIT_MASK | \
				 OVS_UFID_F_OMIT_ACTIONS)

/* What a request names and asks for; too big for the stack. */
struct kflow_flow_req {
	struct kflow_key key;		/* unmasked, as sent */
	struct kflow_key masked;	/* key & mask */
	struct kflow_mask mask;
	struct kflow_match match;
	struct kflow_id ufid;		/* ufid_len 0: no UFID given */
	u32 ufid_flags;
};

/* ---- messages ---------------------------------------------------- */

/* Userspace reads "used" as a monotonic time in msecs. */
static u64 kflow_flow_used_msecs(unsigned long used)
{
	struct timespec64 now;
	u64 now_ms;

	ktime_get_ts64(&now);
	now_ms = (u64)(u32)now.tv_sec * MSEC_PER_SEC +
		 now.tv_nsec / NSEC_PER_MSEC;
	return now_ms - jiffies_to_msecs(jiffies - used);
}

/* The masked key is sent only for UFID flows; others send it as the id. */
static bool kflow_flow_want_key(const struct kflow_id *id, u32 ufid_flags)
{
	return kflow_flow_has_ufid(id) && !(ufid_flags & OVS_UFID_F_OMIT_KEY);
}

static size_t kflow_flow_msg_size(const struct kflow_actions *acts,
				  const struct kflow_id *id, u32 ufid_flags)
{
	size_t key_size = nla_total_size(kflow_nl_key_attr_size());
	size_t len = NLMSG_ALIGN(sizeof(struct ovs_header));

	if (kflow_flow_has_ufid(id))
		len += nla_total_size(id->ufid_len);
	else
		len += key_size;
	if (kflow_flow_want_key(id, ufid_flags))
		len += key_size;
	if (!(ufid_flags & OVS_UFID_F_OMIT_MASK))
		len += key_size;
	if (acts && !(ufid_flags & OVS_UFID_F_OMIT_ACTIONS))
		len += nla_total_size(acts->orig_len);

	return len + nla_total_size_64bit(sizeof(struct ovs_flow_stats)) +
	       nla_total_size(sizeof(u8)) +		/* TCP_FLAGS */
	       nla_total_size_64bit(sizeof(u64));	/* USED */
}

static int kflow_flow_fill_stats(const struct kflow_flow *flow,
				 struct sk_buff *skb)
{
	struct ovs_flow_stats stats;
	unsigned long used;
	__be16 tcp_flags;
	u8 flags8;

	kflow_flow_stats_get(flow, &stats, &used, &tcp_flags);
	flags8 = (u8)ntohs(tcp_flags);

	if (used &&
	    nla_put_u64_64bit(skb, OVS_FLOW_ATTR_USED,
			      kflow_flow_used_msecs(used), OVS_FLOW_ATTR_PAD))
		return -EMSGSIZE;
	if (stats.n_packets &&
	    nla_put_64bit(skb, OVS_FLOW_ATTR_STATS, sizeof(stats), &stats,
			  OVS_FLOW_ATTR_PAD))
		return -EMSGSIZE;
	if (flags8 && nla_put_u8(skb, OVS_FLOW_ATTR_TCP_FLAGS, flags8))
		return -EMSGSIZE;
	return 0;
}

/*
 * An action list may not fit even in an otherwise empty dump message; as
 * in the stock datapath it is then left out (userspace can GET the flow).
 */
static int kflow_flow_fill_actions(const struct kflow_flow *flow,
				   struct sk_buff *skb, bool alone)
{
	const struct kflow_actions *acts = rcu_dereference_kflow(flow->acts);
	unsigned char *mark = skb_tail_pointer(skb);
	int err;

	if (!acts)
		return 0;
	err = kflow_actions_to_nl(acts, OVS_FLOW_ATTR_ACTIONS, skb);
	if (!err)
		return 0;
	nlmsg_trim(skb, mark);
	return alone ? 0 : err;
}

static int kflow_flow_fill_id(const struct kflow_flow *flow,
			      struct sk_buff *skb)
{
	const struct kflow_key *key = flow->id.unmasked_key;

	if (kflow_flow_has_ufid(&flow->id))
		return kflow_nl_put_ufid(skb, &flow->id);
	return kflow_nl_put_key(key, key, OVS_FLOW_ATTR_KEY, false, skb);
}

/* One flow message.  kflow_mutex or RCU. */
static int kflow_flow_fill(const struct kflow_flow *flow, int dp_ifindex,
			   struct sk_buff *skb, u32 portid, u32 seq, u16 flags,
			   u8 cmd, u32 ufid_flags)
{
	bool alone = !skb->len;
	struct ovs_header *hdr;
	int err;

	hdr = genlmsg_put(skb, portid, seq, &kflow_flow_genl_family, flags,
			  cmd);
	if (!hdr)
		return -EMSGSIZE;
	hdr->dp_ifindex = dp_ifindex;

	err = kflow_flow_fill_id(flow, skb);
	if (!err && kflow_flow_want_key(&flow->id, ufid_flags))
		err = kflow_nl_put_key(&flow->key, &flow->key,
				       OVS_FLOW_ATTR_KEY, false, skb);
	if (!err && !(ufid_flags & OVS_UFID_F_OMIT_MASK))
		err = kflow_nl_put_key(&flow->key, &flow->mask->key,
				       OVS_FLOW_ATTR_MASK, true, skb);
	if (!err)
		err = kflow_flow_fill_stats(flow, skb);
	if (!err && !(ufid_flags & OVS_UFID_F_OMIT_ACTIONS))
		err = kflow_flow_fill_actions(flow, skb, alone);
	if (err) {
		genlmsg_cancel(skb, hdr);
		return err;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static bool kflow_flow_must_notify(struct genl_info *info)
{
	return (info->nlhdr->nlmsg_flags & NLM_F_ECHO) ||
	       genl_has_listeners(&kflow_flow_genl_family,
				  genl_info_net(info), 0);
}

/* An empty reply for a flow with @acts and @id; NULL if nobody wants it. */
static struct sk_buff *kflow_flow_reply_alloc(struct genl_info *info,
					      const struct kflow_actions *acts,
					      const struct kflow_id *id,
					      u32 ufid_flags, bool always)
{
	struct sk_buff *reply;

	if (!always && !kflow_flow_must_notify(info))
		return NULL;
	reply = genlmsg_new(kflow_flow_msg_size(acts, id, ufid_flags),
			    GFP_KERNEL);
	return reply ?: ERR_PTR(-ENOMEM);
}

/*
 * Fill a notification after the table changed.  It cannot be taken back
 * then, so on failure (a sizing bug) listeners are told they missed one.
 */
static struct sk_buff *kflow_flow_notify_fill(struct sk_buff *reply,
					      const struct kflow_flow *flow,
					      struct genl_info *info, u8 cmd,
					      u32 ufid_flags)
{
	const struct ovs_header *hdr = info->userhdr;
	int err;

	if (!reply)
		return NULL;
	err = kflow_flow_fill(flow, hdr->dp_ifindex, reply, info->snd_portid,
			      info->snd_seq, 0, cmd, ufid_flags);
	if (!err)
		return reply;

	kfree_skb(reply);
	net_err_ratelimited("kflow: flow notification too large (%d)\n", err);
	genl_set_err(&kflow_flow_genl_family, genl_info_net(info), 0, 0, err);
	return NULL;
}

static void kflow_flow_notify(struct sk_buff *reply, struct genl_info *info)
{
	if (reply)
		genl_notify(&kflow_flow_genl_family, reply, info, 0,
			    GFP_KERNEL);
}

/* ---- requests ---------------------------------------------------- */

/* Rejections are logged unless userspace is only probing a feature. */
static int kflow_flow_log(struct genl_info *info, int err)
{
	const char *msg = info->extack ? info->extack->_msg : NULL;

	if (err && !info->attrs[OVS_FLOW_ATTR_PROBE])
		net_warn_ratelimited("kflow: flow request failed: %s (%d)\n",
				     msg ?: "no details", err);
	return err;
}

static struct kflow_flow_req *kflow_flow_req_alloc(struct genl_info *info)
{
	const struct nlattr *ufid = info->attrs[OVS_FLOW_ATTR_UFID];
	const struct nlattr *flags = info->attrs[OVS_FLOW_ATTR_UFID_FLAGS];
	struct kflow_flow_req *req;

	req = kzalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return NULL;
	/* The policy bounds the UFID to 1..KFLOW_UFID_MAX_BYTES. */
	if (ufid)
		kflow_nl_get_ufid(&req->ufid, ufid);
	req->ufid_flags = flags ? nla_get_u32(flags) : 0;
	return req;
}

/* Parse OVS_FLOW_ATTR_KEY and @mask (NULL: exact match) into @req. */
static int kflow_flow_req_parse(struct kflow_flow_req *req,
				struct genl_info *info,
				const struct nlattr *mask)
{
	int err;

	kflow_match_init(&req->match, &req->key, true, &req->mask);
	err = kflow_nl_match_from_nl(genl_info_net(info), &req->match,
				     info->attrs[OVS_FLOW_ATTR_KEY], mask,
				     info->extack);
	if (err)
		return err;
	kflow_key_mask(&req->masked, &req->key, true, &req->mask);
	return 0;
}

/* The attribute that named the flow, for error messages. */
static const struct nlattr *kflow_flow_name_attr(struct genl_info *info,
						 const struct kflow_flow_req *req)
{
	if (kflow_flow_has_ufid(&req->ufid))
		return info->attrs[OVS_FLOW_ATTR_UFID];
	return info->attrs[OVS_FLOW_ATTR_KEY];
}

static struct kflow_dp *kflow_flow_get_dp(struct genl_info *info)
{
	struct kflow_dp *dp = kflow_dp_from_header(genl_info_net(info), info);

	if (!dp)
		NL_SET_ERR_MSG_MOD(info->extack,
				   "No datapath with this dp_ifindex");
	return dp;
}

/* The flow a GET, SET or DEL names, by UFID or else by exact key. */
static struct kflow_flow *kflow_flow_find(struct kflow_dp *dp,
					  struct genl_info *info,
					  const struct kflow_flow_req *req)
{
	struct kflow_flow *flow;

	if (kflow_flow_has_ufid(&req->ufid))
		flow = kflow_table_lookup_ufid(&dp->table, &req->ufid);
	else
		flow = kflow_table_lookup_exact(&dp->table, &req->match);
	if (!flow)
		NL_SET_ERR_MSG_ATTR(info->extack,
				    kflow_flow_name_attr(info, req),
				    "Flow not found");
	return flow;
}

/* A request that names one flow needs a UFID or a key. */
static int kflow_flow_check_name(struct genl_info *info,
				 const struct kflow_flow_req *req)
{
	if (kflow_flow_has_ufid(&req->ufid) || info->attrs[OVS_FLOW_ATTR_KEY])
		return 0;
	GENL_REQ_ATTR_CHECK(info, OVS_FLOW_ATTR_KEY);
	NL_SET_ERR_MSG_MOD(info->extack, "Flow key or UFID required");
	return -EINVAL;
}

/* ---- NEW ---------------------------------------------------------- */

static int kflow_flow_set_id(struct kflow_flow *flow,
			     const struct kflow_flow_req *req)
{
	if (kflow_flow_has_ufid(&req->ufid)) {
		flow->id = req->ufid;
		return 0;
	}
	flow->id.ufid_len = 0;
	flow->id.unmasked_key = kmemdup(&req->key, sizeof(req->key),
					GFP_KERNEL);
	return flow->id.unmasked_key ? 0 : -ENOMEM;
}

/* Build a flow, not yet published, with validated actions. */
static struct kflow_flow *kflow_flow_prepare(struct genl_info *info,
					     struct kflow_flow_req *req)
{
	struct kflow_actions *acts;
	struct kflow_flow *flow;
	int err;

	flow = kflow_flow_alloc();
	if (!flow)
		return ERR_PTR(-ENOMEM);

	err = kflow_flow_req_parse(req, info, info->attrs[OVS_FLOW_ATTR_MASK]);
	if (!err)
		err = kflow_flow_set_id(flow, req);
	if (err)
		goto err_free;
	flow->key = req->masked;

	acts = kflow_actions_from_nl(genl_info_net(info),
				     info->attrs[OVS_FLOW_ATTR_ACTIONS],
				     &flow->key, info->extack);
	if (IS_ERR(acts)) {
		err = PTR_ERR(acts);
		goto err_free;
	}
	RCU_INIT_POINTER(flow->acts, acts);
	return flow;

err_free:
	kflow_flow_free(flow);
	return ERR_PTR(err);
}

/* No such flow yet: publish @flow.  Consumes @flow. */
static struct sk_buff *kflow_flow_install(struct kflow_dp *dp,
					  struct genl_info *info,
					  struct kflow_flow_req *req,
					  struct kflow_flow *flow)
{
	struct sk_buff *reply;
	int err;

	reply = kflow_flow_reply_alloc(info, kflow_dereference(flow->acts),
				       &flow->id, req->ufid_flags, false);
	if (IS_ERR(reply)) {
		kflow_flow_free(flow);
		return reply;
	}

	err = kflow_table_insert(&dp->table, flow, &req->mask);
	if (err) {
		if (err == -EEXIST)
			NL_SET_ERR_MSG_ATTR(info->extack,
					    kflow_flow_name_attr(info, req),
					    "Flow already exists");
		else
			NL_SET_ERR_MSG_ATTR(info->extack,
					    info->attrs[OVS_FLOW_ATTR_MASK],
					    "No memory for the flow's mask");
		kfree_skb(reply);
		kflow_flow_free(flow);
		return ERR_PTR(err);
	}
	return kflow_flow_notify_fill(reply, flow, info, OVS_FLOW_CMD_NEW,
				      req->ufid_flags);
}

/* Does @match name @flow (as the stock datapath compares them)? */
static bool kflow_flow_matches(const struct kflow_flow *flow,
			       const struct kflow_match *match)
{
	const struct kflow_key_range *r = &match->range;

	if (!kflow_flow_has_ufid(&flow->id))
		return kflow_flow_cmp_unmasked_key(flow, match);
	if (r->end <= r->start || r->end > sizeof(struct kflow_key))
		return r->end <= r->start;
	return !memcmp((const u8 *)&flow->key + r->start,
		       (const u8 *)match->key + r->start, r->end - r->start);
}

/*
 * A flow with this UFID or overlapping this key exists: give it the new
 * actions.  Consumes @new (its actions move to the existing flow).
 */
static struct sk_buff *kflow_flow_update(struct kflow_dp *dp,
					 struct genl_info *info,
					 struct kflow_flow_req *req,
					 struct kflow_flow *flow,
					 struct kflow_flow *new)
{
	struct kflow_actions *acts = kflow_dereference(new->acts);
	struct sk_buff *reply;
	int err = -EEXIST;

	/* NLM_F_CREATE stands for NLM_F_EXCL, which genl reads as a dump. */
	if (info->nlhdr->nlmsg_flags & (NLM_F_CREATE | NLM_F_EXCL)) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    kflow_flow_name_attr(info, req),
				    "Flow already exists");
		goto err_free;
	}
	/* An overlapping flow named by its key may not be the exact one. */
	if (!kflow_flow_matches(flow, &req->match)) {
		if (kflow_flow_has_ufid(&flow->id))
			flow = NULL;
		else
			flow = kflow_table_lookup_exact(&dp->table, &req->match);
	}
	if (!flow) {
		err = -ENOENT;
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[OVS_FLOW_ATTR_KEY],
				    "Key differs from the existing flow's");
		goto err_free;
	}

	reply = kflow_flow_reply_alloc(info, acts, &flow->id,
				       req->ufid_flags, false);
	if (IS_ERR(reply)) {
		err = PTR_ERR(reply);
		goto err_free;
	}
	RCU_INIT_POINTER(new->acts, NULL);
	acts = rcu_replace_pointer(flow->acts, acts, lockdep_kflow_is_held());
	kflow_actions_free_rcu(acts);
	kflow_flow_free(new);
	return kflow_flow_notify_fill(reply, flow, info, OVS_FLOW_CMD_NEW,
				      req->ufid_flags);

err_free:
	kflow_flow_free(new);
	return ERR_PTR(err);
}

/* kflow_mutex.  Consumes @flow. */
static struct sk_buff *kflow_flow_new_locked(struct genl_info *info,
					     struct kflow_flow_req *req,
					     struct kflow_flow *flow)
{
	struct kflow_flow *old = NULL;
	struct kflow_dp *dp;

	lockdep_assert_held(&kflow_mutex);

	dp = kflow_flow_get_dp(info);
	if (!dp) {
		kflow_flow_free(flow);
		return ERR_PTR(-ENODEV);
	}

	if (kflow_flow_has_ufid(&flow->id))
		old = kflow_table_lookup_ufid(&dp->table, &flow->id);
	if (!old)
		old = kflow_table_lookup(&dp->table, &req->key);
	if (old)
		return kflow_flow_update(dp, info, req, old, flow);
	return kflow_flow_install(dp, info, req, flow);
}

static int kflow_flow_new(struct genl_info *info)
{
	struct kflow_flow_req *req;
	struct kflow_flow *flow;
	struct sk_buff *reply;

	if (GENL_REQ_ATTR_CHECK(info, OVS_FLOW_ATTR_KEY)) {
		NL_SET_ERR_MSG_MOD(info->extack, "New flow needs a key");
		return -EINVAL;
	}
	if (GENL_REQ_ATTR_CHECK(info, OVS_FLOW_ATTR_ACTIONS)) {
		NL_SET_ERR_MSG_MOD(info->extack, "New flow needs actions");
		return -EINVAL;
	}

	req = kflow_flow_req_alloc(info);
	if (!req)
		return -ENOMEM;
	flow = kflow_flow_prepare(info, req);
	if (IS_ERR(flow)) {
		kfree(req);
		return PTR_ERR(flow);
	}

	kflow_lock();
	reply = kflow_flow_new_locked(info, req, flow);
	kflow_unlock();

	kfree(req);
	if (IS_ERR(reply))
		return PTR_ERR(reply);
	kflow_flow_notify(reply, info);
	return 0;
}

static int kflow_flow_cmd_new(struct sk_buff *skb, struct genl_info *info)
{
	return kflow_flow_log(info, kflow_flow_new(info));
}

/* ---- SET ---------------------------------------------------------- */

/* Parse the optional key and actions of a SET into @req / *@acts. */
static int kflow_flow_set_parse(struct genl_info *info,
				struct kflow_flow_req *req,
				struct kflow_actions **acts)
{
	struct nlattr **a = info->attrs;
	int err;

	*acts = NULL;
	if (a[OVS_FLOW_ATTR_ACTIONS] && !a[OVS_FLOW_ATTR_KEY]) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[OVS_FLOW_ATTR_ACTIONS],
				    "New actions need the flow key");
		return -EINVAL;
	}
	if (!a[OVS_FLOW_ATTR_KEY])
		return 0;

	err = kflow_flow_req_parse(req, info, a[OVS_FLOW_ATTR_MASK]);
	if (err || !a[OVS_FLOW_ATTR_ACTIONS])
		return err;

	*acts = kflow_actions_from_nl(genl_info_net(info),
				      a[OVS_FLOW_ATTR_ACTIONS], &req->masked,
				      info->extack);
	if (IS_ERR(*acts)) {
		err = PTR_ERR(*acts);
		*acts = NULL;
	}
	return err;
}

/* kflow_mutex.  Consumes @acts; returns the old actions in *@old. */
static struct sk_buff *kflow_flow_set_locked(struct genl_info *info,
					     struct kflow_flow_req *req,
					     struct kflow_actions *acts,
					     struct kflow_actions **old)
{
	struct kflow_flow *flow = NULL;
	struct sk_buff *reply;
	struct kflow_dp *dp;

	lockdep_assert_held(&kflow_mutex);

	*old = NULL;
	dp = kflow_flow_get_dp(info);
	if (dp)
		flow = kflow_flow_find(dp, info, req);
	if (!flow) {
		kflow_actions_free(acts);
		return ERR_PTR(dp ? -ENOENT : -ENODEV);
	}

	reply = kflow_flow_reply_alloc(info,
				       acts ?: kflow_dereference(flow->acts),
				       &flow->id, req->ufid_flags, false);
	if (IS_ERR(reply)) {
		kflow_actions_free(acts);
		return reply;
	}

	if (acts)
		*old = rcu_replace_pointer(flow->acts, acts,
					   lockdep_kflow_is_held());
	/* The reply carries the statistics from before any clearing. */
	reply = kflow_flow_notify_fill(reply, flow, info, OVS_FLOW_CMD_SET,
				       req->ufid_flags);
	if (info->attrs[OVS_FLOW_ATTR_CLEAR])
		kflow_flow_stats_clear(flow);
	return reply;
}

static int kflow_flow_set(struct genl_info *info)
{
	struct kflow_actions *acts, *old;
	struct kflow_flow_req *req;
	struct sk_buff *reply;
	int err;

	req = kflow_flow_req_alloc(info);
	if (!req)
		return -ENOMEM;
	err = kflow_flow_check_name(info, req);
	if (!err)
		err = kflow_flow_set_parse(info, req, &acts);
	if (err) {
		kfree(req);
		return err;
	}

	kflow_lock();
	reply = kflow_flow_set_locked(info, req, acts, &old);
	kflow_unlock();

	kfree(req);
	if (IS_ERR(reply))
		return PTR_ERR(reply);
	kflow_flow_notify(reply, info);
	kflow_actions_free_rcu(old);
	return 0;
}

static int kflow_flow_cmd_set(struct sk_buff *skb, struct genl_info *info)
{
	return kflow_flow_log(info, kflow_flow_set(info));
}

/* ---- GET ---------------------------------------------------------- */

/* kflow_mutex.  The reply for a GET. */
static struct sk_buff *kflow_flow_get_locked(struct genl_info *info,
					     const struct kflow_flow_req *req)
{
	const struct ovs_header *hdr = info->userhdr;
	struct kflow_flow *flow = NULL;
	struct sk_buff *reply;
	struct kflow_dp *dp;
	int err;

	lockdep_assert_held(&kflow_mutex);

	dp = kflow_flow_get_dp(info);
	if (dp)
		flow = kflow_flow_find(dp, info, req);
	if (!flow)
		return ERR_PTR(dp ? -ENOENT : -ENODEV);

	reply = kflow_flow_reply_alloc(info, kflow_dereference(flow->acts),
				       &flow->id, req->ufid_flags, true);
	if (IS_ERR(reply))
		return reply;
	err = kflow_flow_fill(flow, hdr->dp_ifindex, reply, info->snd_portid,
			      info->snd_seq, 0, OVS_FLOW_CMD_GET,
			      req->ufid_flags);
	if (err) {
		kfree_skb(reply);
		return ERR_PTR(err);
	}
	return reply;
}

static int kflow_flow_get(struct genl_info *info)
{
	struct kflow_flow_req *req;
	struct sk_buff *reply;
	int err;

	req = kflow_flow_req_alloc(info);
	if (!req)
		return -ENOMEM;
	err = kflow_flow_check_name(info, req);
	if (!err && info->attrs[OVS_FLOW_ATTR_KEY])
		err = kflow_flow_req_parse(req, info, NULL);
	if (err) {
		kfree(req);
		return err;
	}

	kflow_lock();
	reply = kflow_flow_get_locked(info, req);
	kflow_unlock();

	kfree(req);
	if (IS_ERR(reply))
		return PTR_ERR(reply);
	return genlmsg_reply(reply, info);
}

static int kflow_flow_cmd_get(struct sk_buff *skb, struct genl_info *info)
{
	return kflow_flow_log(info, kflow_flow_get(info));
}

/* ---- DEL ---------------------------------------------------------- */

/* kflow_mutex.  Unlinks the flow into *@gone; returns the notification. */
static struct sk_buff *kflow_flow_del_locked(struct genl_info *info,
					     const struct kflow_flow_req *req,
					     struct kflow_flow **gone)
{
	struct kflow_flow *flow;
	struct sk_buff *reply;
	struct kflow_dp *dp;

	lockdep_assert_held(&kflow_mutex);

	*gone = NULL;
	dp = kflow_flow_get_dp(info);
	if (!dp)
		return ERR_PTR(-ENODEV);
	if (!kflow_flow_has_ufid(&req->ufid) &&
	    !info->attrs[OVS_FLOW_ATTR_KEY]) {
		int err = kflow_table_flush(&dp->table);

		return err ? ERR_PTR(err) : NULL;
	}

	flow = kflow_flow_find(dp, info, req);
	if (!flow)
		return ERR_PTR(-ENOENT);

	/* Deleting must not fail for want of memory for the message. */
	reply = kflow_flow_reply_alloc(info, kflow_dereference(flow->acts),
				       &flow->id, req->ufid_flags, false);
	if (IS_ERR(reply)) {
		genl_set_err(&kflow_flow_genl_family, genl_info_net(info), 0,
			     0, PTR_ERR(reply));
		reply = NULL;
	}
	/* Fill before removal: the mask may go with the flow. */
	reply = kflow_flow_notify_fill(reply, flow, info, OVS_FLOW_CMD_DEL,
				       req->ufid_flags);
	kflow_table_remove(&dp->table, flow);
	*gone = flow;
	return reply;
}

static int kflow_flow_del(struct genl_info *info)
{
	struct kflow_flow_req *req;
	struct kflow_flow *flow;
	struct sk_buff *reply;
	int err = 0;

	req = kflow_flow_req_alloc(info);
	if (!req)
		return -ENOMEM;
	if (info->attrs[OVS_FLOW_ATTR_KEY])
		err = kflow_flow_req_parse(req, info, NULL);
	if (err) {
		kfree(req);
		return err;
	}

	kflow_lock();
	reply = kflow_flow_del_locked(info, req, &flow);
	kflow_unlock();

	kfree(req);
	if (IS_ERR(reply))
		return PTR_ERR(reply);
	kflow_flow_notify(reply, info);
	kflow_flow_free_rcu(flow);
	return 0;
}

static int kflow_flow_cmd_del(struct sk_buff *skb, struct genl_info *info)
{
	return kflow_flow_log(info, kflow_flow_del(info));
}

/* ---- dump --------------------------------------------------------- */

/* cb->args[0]: bucket, cb->args[1]: position in the bucket. */
static int kflow_flow_cmd_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct ovs_header *hdr = genlmsg_data(nlmsg_data(cb->nlh));
	struct nlattr **a = genl_dumpit_info(cb)->attrs;
	u32 ufid_flags = 0;
	struct kflow_dp *dp;

	if (a && a[OVS_FLOW_ATTR_UFID_FLAGS])
		ufid_flags = nla_get_u32(a[OVS_FLOW_ATTR_UFID_FLAGS]);

	rcu_read_lock();
	dp = kflow_dp_get(sock_net(skb->sk), hdr->dp_ifindex);
	if (!dp) {
		rcu_read_unlock();
		NL_SET_ERR_MSG_MOD(cb->extack,
				   "No datapath with this dp_ifindex");
		return -ENODEV;
	}

	for (;;) {
		u32 bucket = cb->args[0], idx = cb->args[1];
		struct kflow_flow *flow;

		flow = kflow_table_dump_next(&dp->table, &bucket, &idx);
		if (!flow)
			break;
		if (kflow_flow_fill(flow, hdr->dp_ifindex, skb,
				    NETLINK_CB(cb->skb).portid,
				    cb->nlh->nlmsg_seq, NLM_F_MULTI,
				    OVS_FLOW_CMD_GET, ufid_flags))
			break;
		cb->args[0] = bucket;
		cb->args[1] = idx;
	}
	rcu_read_unlock();
	return skb->len;
}

/* ---- family ------------------------------------------------------- */

static const struct nla_policy kflow_flow_policy[OVS_FLOW_ATTR_MAX + 1] = {
	[OVS_FLOW_ATTR_KEY] = { .type = NLA_NESTED },
	[OVS_FLOW_ATTR_MASK] = { .type = NLA_NESTED },
	[OVS_FLOW_ATTR_ACTIONS] = { .type = NLA_NESTED },
	[OVS_FLOW_ATTR_CLEAR] = { .type = NLA_FLAG },
	[OVS_FLOW_ATTR_PROBE] = { .type = NLA_FLAG },
	[OVS_FLOW_ATTR_UFID] = NLA_POLICY_RANGE(NLA_BINARY, 1,
						KFLOW_UFID_MAX_BYTES),
	[OVS_FLOW_ATTR_UFID_FLAGS] = NLA_POLICY_MASK(NLA_U32,
						     KFLOW_UFID_F_ALL),
};

/* Lenient parsing, like the stock family: userspace relies on it. */
#define KFLOW_FLOW_VALIDATE	(GENL_DONT_VALIDATE_STRICT | \
				 GENL_DONT_VALIDATE_DUMP_STRICT)

static const struct genl_small_ops kflow_flow_ops[] = {
	{
		.cmd = OVS_FLOW_CMD_NEW,
		.validate = KFLOW_FLOW_VALIDATE,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = kflow_flow_cmd_new,
	},
	{
		.cmd = OVS_FLOW_CMD_DEL,
		.validate = KFLOW_FLOW_VALIDATE,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = kflow_flow_cmd_del,
	},
	{
		.cmd = OVS_FLOW_CMD_GET,
		.validate = KFLOW_FLOW_VALIDATE,
		.doit = kflow_flow_cmd_get,
		.dumpit = kflow_flow_cmd_dump,
	},
	{
		.cmd = OVS_FLOW_CMD_SET,
		.validate = KFLOW_FLOW_VALIDATE,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = kflow_flow_cmd_set,
	},
};

static const struct genl_multicast_group kflow_flow_mcgrps[] = {
	{ .name = OVS_FLOW_MCGROUP },
};

struct genl_family kflow_flow_genl_family __ro_after_init = {
	.name = OVS_FLOW_FAMILY,
	.version = OVS_FLOW_VERSION,
	.hdrsize = sizeof(struct ovs_header),
	.maxattr = OVS_FLOW_ATTR_MAX,
	.policy = kflow_flow_policy,
	.netnsok = true,
	.parallel_ops = true,
	.small_ops = kflow_flow_ops,
	.n_small_ops = ARRAY_SIZE(kflow_flow_ops),
	.resv_start_op = OVS_FLOW_CMD_SET + 1,
	.mcgrps = kflow_flow_mcgrps,
	.n_mcgrps = ARRAY_SIZE(kflow_flow_mcgrps),
	.module = THIS_MODULE,
};
