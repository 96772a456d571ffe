// SPDX-License-Identifier: GPL-2.0
/*
 * actions_nl_nest.c - actions that carry action lists: sample, clone,
 * check_pkt_len and dec_ttl, from and to netlink.
 *
 * All four share one internal layout (actions_int.h): an argument, then
 * one or two KFLOW_NEST_LIST attributes.  The argument records, per list,
 * whether running it may change the flow key, so the fast path knows
 * when it must preserve the key for the actions that follow.
 */
#include <linux/openvswitch.h>
#include <net/netlink.h>
#include "actions_int.h"

/* Free the contents of the complete KFLOW_NEST_LIST attributes at @l. */
static void kflow_nest_free_lists(const struct nlattr *l, int len)
{
	const struct nlattr *a;
	int rem;

	nla_for_each_attr(a, l, len, rem)
		if (nla_type(a) == KFLOW_NEST_LIST)
			kflow_act_free_list(nla_data(a), nla_len(a));
}

void kflow_act_nest_free(const struct nlattr *a)
{
	kflow_nest_free_lists(nla_data(a), nla_len(a));
}

/*
 * Append nested action @type with @arg and the @n userspace lists in
 * @lists, each copied one level deeper.  On error nothing is left behind.
 */
static int kflow_act_copy_nest(struct kflow_abuf *b, int type,
			       const struct kflow_nest_arg *arg,
			       const struct nlattr *const *lists, int n,
			       const struct kflow_act_ctx *ctx,
			       struct netlink_ext_ack *extack)
{
	struct kflow_act_ctx sub = *ctx;
	int start, first, off, i, err;

	sub.depth++;
	start = kflow_abuf_nest_start(b, type);
	if (start < 0)
		return start;
	err = kflow_abuf_put(b, KFLOW_NEST_ARG, arg, sizeof(*arg));
	if (err)
		goto fail_header;
	first = b->acts->actions_len;
	for (i = 0; i < n; i++) {
		off = kflow_abuf_nest_start(b, KFLOW_NEST_LIST);
		if (off < 0) {
			err = off;
			goto fail_lists;
		}
		err = kflow_act_copy_list(b, lists[i], &sub, extack);
		if (err) {
			b->acts->actions_len = off;	/* list freed itself */
			goto fail_lists;
		}
		kflow_abuf_nest_end(b, off);
	}
	kflow_abuf_nest_end(b, start);
	return 0;

fail_lists:
	/* The lists finished so far are complete: release them. */
	kflow_nest_free_lists((const struct nlattr *)((u8 *)b->acts->actions +
						      first),
			      b->acts->actions_len - first);
fail_header:
	b->acts->actions_len = start;
	return err;
}

static bool kflow_list_len_ok(const struct nlattr *l)
{
	return !nla_len(l) || nla_len(l) >= NLA_HDRLEN;
}

static int kflow_nest_flags(const struct nlattr *l0, const struct nlattr *l1)
{
	int flags = 0;

	if (l0 && kflow_act_list_may_change_key(l0))
		flags |= KFLOW_NEST_F_CHANGES0;
	if (l1 && kflow_act_list_may_change_key(l1))
		flags |= KFLOW_NEST_F_CHANGES1;
	return flags;
}

/* ---- sample ------------------------------------------------------------ */

int kflow_act_sample_copy(struct kflow_abuf *b, const struct nlattr *a,
			  const struct kflow_act_ctx *ctx,
			  struct netlink_ext_ack *extack)
{
	const struct nlattr *tb[OVS_SAMPLE_ATTR_MAX + 1] = {};
	const struct nlattr *n, *prob, *list;
	struct kflow_nest_arg arg;
	int rem;

	nla_for_each_nested(n, a, rem) {
		int type = nla_type(n);

		if (!type || type > OVS_SAMPLE_ATTR_MAX || tb[type]) {
			NL_SET_ERR_MSG_ATTR(extack, n,
					    "unknown or duplicate sample attribute");
			return -EINVAL;
		}
		tb[type] = n;
	}
	if (rem) {
		NL_SET_ERR_MSG_ATTR(extack, a, "malformed sample action");
		return -EINVAL;
	}
	prob = tb[OVS_SAMPLE_ATTR_PROBABILITY];
	list = tb[OVS_SAMPLE_ATTR_ACTIONS];
	if (!prob || nla_len(prob) != sizeof(u32)) {
		NL_SET_ERR_MSG_ATTR(extack, a, "sample needs a u32 probability");
		return -EINVAL;
	}
	if (!list || !kflow_list_len_ok(list)) {
		NL_SET_ERR_MSG_ATTR(extack, a, "sample needs an action list");
		return -EINVAL;
	}
	arg.param = nla_get_u32(prob);
	arg.flags = kflow_nest_flags(list, NULL);
	return kflow_act_copy_nest(b, OVS_ACTION_ATTR_SAMPLE, &arg, &list, 1,
				   ctx, extack);
}

/* ---- clone ------------------------------------------------------------- */

int kflow_act_clone_copy(struct kflow_abuf *b, const struct nlattr *a,
			 const struct kflow_act_ctx *ctx,
			 struct netlink_ext_ack *extack)
{
	struct kflow_nest_arg arg = { .param = 0 };

	if (!kflow_list_len_ok(a)) {
		NL_SET_ERR_MSG_ATTR(extack, a, "malformed clone action");
		return -EINVAL;
	}
	arg.flags = kflow_nest_flags(a, NULL);
	return kflow_act_copy_nest(b, OVS_ACTION_ATTR_CLONE, &arg, &a, 1,
				   ctx, extack);
}

/* ---- check_pkt_len ----------------------------------------------------- */

static const struct nla_policy
kflow_cpl_policy[OVS_CHECK_PKT_LEN_ATTR_MAX + 1] = {
	[OVS_CHECK_PKT_LEN_ATTR_PKT_LEN] = { .type = NLA_U16 },
	[OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER] = { .type = NLA_NESTED },
	[OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL] = { .type = NLA_NESTED },
};

int kflow_act_cpl_copy(struct kflow_abuf *b, const struct nlattr *a,
		       const struct kflow_act_ctx *ctx,
		       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[OVS_CHECK_PKT_LEN_ATTR_MAX + 1];
	const struct nlattr *lists[2];
	struct kflow_nest_arg arg;
	int err;

	err = nla_parse_deprecated_strict(tb, OVS_CHECK_PKT_LEN_ATTR_MAX,
					  nla_data(a), nla_len(a),
					  kflow_cpl_policy, extack);
	if (err)
		return err;
	if (!tb[OVS_CHECK_PKT_LEN_ATTR_PKT_LEN] ||
	    !nla_get_u16(tb[OVS_CHECK_PKT_LEN_ATTR_PKT_LEN])) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "check_pkt_len needs a nonzero length");
		return -EINVAL;
	}
	lists[KFLOW_CPL_LESS_EQUAL] =
		tb[OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL];
	lists[KFLOW_CPL_GREATER] = tb[OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER];
	if (!lists[0] || !lists[1]) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "check_pkt_len needs both action lists");
		return -EINVAL;
	}
	arg.param = nla_get_u16(tb[OVS_CHECK_PKT_LEN_ATTR_PKT_LEN]);
	arg.flags = kflow_nest_flags(lists[0], lists[1]);
	if (lists[KFLOW_CPL_GREATER] < lists[KFLOW_CPL_LESS_EQUAL])
		arg.flags |= KFLOW_NEST_F_GT_FIRST;
	return kflow_act_copy_nest(b, OVS_ACTION_ATTR_CHECK_PKT_LEN, &arg,
				   lists, 2, ctx, extack);
}

/* ---- dec_ttl ----------------------------------------------------------- */

int kflow_act_dec_ttl_copy(struct kflow_abuf *b, const struct nlattr *a,
			   const struct kflow_act_ctx *ctx,
			   struct netlink_ext_ack *extack)
{
	const struct nlattr *n, *list = NULL;
	struct kflow_nest_arg arg = { .param = 0 };
	int rem;

	nla_for_each_nested(n, a, rem) {
		int type = nla_type(n);

		if (type > OVS_DEC_TTL_ATTR_MAX)
			continue;	/* newer attributes: ignored */
		if (!type || (type == OVS_DEC_TTL_ATTR_ACTION && list)) {
			NL_SET_ERR_MSG_ATTR(extack, n,
					    "invalid or duplicate dec_ttl attribute");
			return -EINVAL;
		}
		list = n;
	}
	if (rem) {
		NL_SET_ERR_MSG_ATTR(extack, a, "malformed dec_ttl action");
		return -EINVAL;
	}
	if (!list || !kflow_list_len_ok(list)) {
		NL_SET_ERR_MSG_ATTR(extack, a, "dec_ttl needs an action list");
		return -EINVAL;
	}
	arg.flags = kflow_nest_flags(list, NULL);
	return kflow_act_copy_nest(b, OVS_ACTION_ATTR_DEC_TTL, &arg, &list, 1,
				   ctx, extack);
}

/* ---- dump -------------------------------------------------------------- */

/* Emit internal list attribute @l as userspace nest @type. */
static int kflow_dump_list(struct sk_buff *skb, int type,
			   const struct nlattr *l)
{
	struct nlattr *start;
	int err;

	start = nla_nest_start_noflag(skb, type);
	if (!start)
		return -EMSGSIZE;
	err = kflow_actions_list_to_nl(nla_data(l), nla_len(l), skb);
	if (err) {
		nla_nest_cancel(skb, start);
		return err;
	}
	nla_nest_end(skb, start);
	return 0;
}

int kflow_act_sample_dump(const struct nlattr *a, struct sk_buff *skb)
{
	const struct kflow_nest_arg *arg = kflow_nest_arg(a);
	struct nlattr *start;

	start = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_SAMPLE);
	if (!start)
		return -EMSGSIZE;
	if (nla_put_u32(skb, OVS_SAMPLE_ATTR_PROBABILITY, arg->param) ||
	    kflow_dump_list(skb, OVS_SAMPLE_ATTR_ACTIONS,
			    kflow_nest_list(a, 0))) {
		nla_nest_cancel(skb, start);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, start);
	return 0;
}

int kflow_act_clone_dump(const struct nlattr *a, struct sk_buff *skb)
{
	/* A clone is its list, with no argument attribute. */
	return kflow_dump_list(skb, OVS_ACTION_ATTR_CLONE,
			       kflow_nest_list(a, 0));
}

int kflow_act_cpl_dump(const struct nlattr *a, struct sk_buff *skb)
{
	const struct kflow_nest_arg *arg = kflow_nest_arg(a);
	bool gt_first = arg->flags & KFLOW_NEST_F_GT_FIRST;
	const struct nlattr *le, *gt;
	struct nlattr *start;
	int err;

	le = kflow_nest_list(a, KFLOW_CPL_LESS_EQUAL);
	gt = kflow_nest_list(a, KFLOW_CPL_GREATER);
	start = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_CHECK_PKT_LEN);
	if (!start)
		return -EMSGSIZE;
	err = nla_put_u16(skb, OVS_CHECK_PKT_LEN_ATTR_PKT_LEN, arg->param);
	if (!err && gt_first)
		err = kflow_dump_list(skb,
				      OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER,
				      gt);
	if (!err)
		err = kflow_dump_list(skb,
				      OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL,
				      le);
	if (!err && !gt_first)
		err = kflow_dump_list(skb,
				      OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER,
				      gt);
	if (err) {
		nla_nest_cancel(skb, start);
		return err;
	}
	nla_nest_end(skb, start);
	return 0;
}

int kflow_act_dec_ttl_dump(const struct nlattr *a, struct sk_buff *skb)
{
	struct nlattr *start;
	int err;

	start = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_DEC_TTL);
	if (!start)
		return -EMSGSIZE;
	err = kflow_dump_list(skb, OVS_DEC_TTL_ATTR_ACTION,
			      kflow_nest_list(a, 0));
	if (err) {
		nla_nest_cancel(skb, start);
		return err;
	}
	nla_nest_end(skb, start);
	return 0;
}
