// SPDX-License-Identifier: GPL-2.0
/*
 * actions_nl.c - action lists from and to netlink.
 *
 * Each action type has one entry in kflow_act_ops[]: the exact payload
 * length (or variable), and validate / copy / free / dump functions.
 * Simple actions are copied verbatim; set, set_masked and set(tunnel)
 * live in actions_nl_set.c, the nested lists in actions_nl_nest.c.
 *
 * Error paths.  Every copy function keeps one invariant: on failure it
 * leaves the buffer exactly as it found it, having released whatever it
 * appended.  kflow_act_copy_list() achieves this by trimming (freeing)
 * the complete actions it already copied, and each nested copy trims its
 * finished sub-lists before truncating its own header.  So no tunnel
 * reference can be lost on any error, however deep the nesting.
 */
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/mm.h>
#include <linux/openvswitch.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <net/netlink.h>
#include "actions_int.h"
#include "datapath.h"
#include "test_export.h"

#define KFLOW_LEN_VAR	(-1)

struct kflow_act_ops {
	int len;			/* exact payload length or VAR */
	const char *unsupported;	/* set: rejected with this message */
	int (*validate)(const struct nlattr *a,
			const struct kflow_act_ctx *ctx,
			struct netlink_ext_ack *extack);
	int (*copy)(struct kflow_abuf *b, const struct nlattr *a,
		    const struct kflow_act_ctx *ctx,
		    struct netlink_ext_ack *extack);
	void (*free)(const struct nlattr *a);		/* internal form */
	int (*dump)(const struct nlattr *a, struct sk_buff *skb);
};

/* ---- growing buffer ---------------------------------------------------- */

static struct kflow_actions *kflow_acts_alloc(u32 cap)
{
	struct kflow_actions *acts;

	acts = kvmalloc(offsetof(struct kflow_actions, actions) + cap,
			GFP_KERNEL);
	if (!acts)
		return NULL;
	acts->orig_len = 0;
	acts->actions_len = 0;
	return acts;
}

static int kflow_abuf_grow(struct kflow_abuf *b, u32 need)
{
	struct kflow_actions *acts;
	u32 cap = max_t(u32, b->cap * 2, need);

	if (need > KFLOW_ACTIONS_MAX_SIZE)
		return -EMSGSIZE;
	cap = min_t(u32, cap, KFLOW_ACTIONS_MAX_SIZE);
	acts = kflow_acts_alloc(cap);
	if (!acts)
		return -ENOMEM;
	acts->orig_len = b->acts->orig_len;
	acts->actions_len = b->acts->actions_len;
	memcpy(acts->actions, b->acts->actions, acts->actions_len);
	kvfree(b->acts);
	b->acts = acts;
	b->cap = cap;
	return 0;
}

/* Append an attribute header plus @len (zeroed padding) bytes. */
void *kflow_abuf_put_empty(struct kflow_abuf *b, int type, int len)
{
	u32 off = b->acts->actions_len;
	u32 total = nla_total_size(len);
	struct nlattr *a;
	int err;

	if (off + total > b->cap) {
		err = kflow_abuf_grow(b, off + total);
		if (err)
			return ERR_PTR(err);
	}
	a = (struct nlattr *)((u8 *)b->acts->actions + off);
	a->nla_type = type;
	a->nla_len = nla_attr_size(len);
	memset((u8 *)a + nla_attr_size(len), 0, nla_padlen(len));
	b->acts->actions_len = off + total;
	return nla_data(a);
}

int kflow_abuf_put(struct kflow_abuf *b, int type, const void *data, int len)
{
	void *p = kflow_abuf_put_empty(b, type, len);

	if (IS_ERR(p))
		return PTR_ERR(p);
	memcpy(p, data, len);
	return 0;
}

/* Open a nest; returns its offset, to pass to nest_end or trim. */
int kflow_abuf_nest_start(struct kflow_abuf *b, int type)
{
	int start = b->acts->actions_len;
	void *p = kflow_abuf_put_empty(b, type, 0);

	return IS_ERR(p) ? PTR_ERR(p) : start;
}

void kflow_abuf_nest_end(struct kflow_abuf *b, int start)
{
	struct nlattr *a = (struct nlattr *)((u8 *)b->acts->actions + start);

	/* Bounded by KFLOW_ACTIONS_MAX_SIZE, so it fits nla_len. */
	a->nla_len = b->acts->actions_len - start;
}

/* Free the complete actions from @start to the end and drop them. */
void kflow_abuf_trim(struct kflow_abuf *b, int start)
{
	const struct nlattr *list;

	list = (const struct nlattr *)((u8 *)b->acts->actions + start);
	kflow_act_free_list(list, b->acts->actions_len - start);
	b->acts->actions_len = start;
}

/* ---- simple actions ---------------------------------------------------- */

static int kflow_act_copy_verbatim(struct kflow_abuf *b, const struct nlattr *a,
				   const struct kflow_act_ctx *ctx,
				   struct netlink_ext_ack *extack)
{
	return kflow_abuf_put(b, nla_type(a), nla_data(a), nla_len(a));
}

static int kflow_act_dump_verbatim(const struct nlattr *a, struct sk_buff *skb)
{
	return nla_put(skb, nla_type(a), nla_len(a), nla_data(a));
}

static int kflow_act_output_validate(const struct nlattr *a,
				     const struct kflow_act_ctx *ctx,
				     struct netlink_ext_ack *extack)
{
	if (nla_get_u32(a) >= KFLOW_MAX_PORTS) {
		NL_SET_ERR_MSG_ATTR(extack, a, "output port number out of range");
		return -EINVAL;
	}
	return 0;
}

static const struct nla_policy
kflow_userspace_policy[OVS_USERSPACE_ATTR_MAX + 1] = {
	[OVS_USERSPACE_ATTR_PID] = { .type = NLA_U32 },
	[OVS_USERSPACE_ATTR_USERDATA] = { .type = NLA_UNSPEC },
	[OVS_USERSPACE_ATTR_EGRESS_TUN_PORT] = { .type = NLA_U32 },
};

static int kflow_act_userspace_validate(const struct nlattr *a,
					const struct kflow_act_ctx *ctx,
					struct netlink_ext_ack *extack)
{
	struct nlattr *tb[OVS_USERSPACE_ATTR_MAX + 1];
	int err;

	err = nla_parse_nested_deprecated(tb, OVS_USERSPACE_ATTR_MAX, a,
					  kflow_userspace_policy, extack);
	if (err)
		return err;
	if (!tb[OVS_USERSPACE_ATTR_PID] ||
	    !nla_get_u32(tb[OVS_USERSPACE_ATTR_PID])) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "userspace action needs a nonzero PID");
		return -EINVAL;
	}
	return 0;
}

static int kflow_act_push_vlan_validate(const struct nlattr *a,
					const struct kflow_act_ctx *ctx,
					struct netlink_ext_ack *extack)
{
	const struct ovs_action_push_vlan *vlan = nla_data(a);

	if (vlan->vlan_tpid != htons(ETH_P_8021Q) &&
	    vlan->vlan_tpid != htons(ETH_P_8021AD)) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "push_vlan TPID must be 802.1Q or 802.1ad");
		return -EINVAL;
	}
	if (!(vlan->vlan_tci & htons(VLAN_CFI_MASK))) {
		NL_SET_ERR_MSG_ATTR(extack, a, "push_vlan TCI lacks the CFI bit");
		return -EINVAL;
	}
	return 0;
}

static int kflow_act_hash_validate(const struct nlattr *a,
				   const struct kflow_act_ctx *ctx,
				   struct netlink_ext_ack *extack)
{
	const struct ovs_action_hash *hash = nla_data(a);

	if (hash->hash_alg != OVS_HASH_ALG_L4) {
		NL_SET_ERR_MSG_ATTR(extack, a, "unsupported hash algorithm");
		return -EINVAL;
	}
	return 0;
}

static int kflow_act_trunc_validate(const struct nlattr *a,
				    const struct kflow_act_ctx *ctx,
				    struct netlink_ext_ack *extack)
{
	const struct ovs_action_trunc *trunc = nla_data(a);

	if (trunc->max_len < ETH_HLEN) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "trunc length shorter than an Ethernet header");
		return -EINVAL;
	}
	return 0;
}

/* ---- the table --------------------------------------------------------- */

#define KFLOW_ACT_SIMPLE(l, v)	{ .len = (l), .validate = (v),		\
				  .copy = kflow_act_copy_verbatim,	\
				  .dump = kflow_act_dump_verbatim }
#define KFLOW_ACT_UNSUPPORTED(name)					\
	{ .unsupported = "action " name " is not supported by kflow" }

static const struct kflow_act_ops kflow_act_ops[KFLOW_ACT_TYPE_MAX + 1] = {
	[OVS_ACTION_ATTR_OUTPUT] = KFLOW_ACT_SIMPLE(sizeof(u32),
						    kflow_act_output_validate),
	[OVS_ACTION_ATTR_USERSPACE] =
		KFLOW_ACT_SIMPLE(KFLOW_LEN_VAR, kflow_act_userspace_validate),
	[OVS_ACTION_ATTR_PUSH_VLAN] =
		KFLOW_ACT_SIMPLE(sizeof(struct ovs_action_push_vlan),
				 kflow_act_push_vlan_validate),
	[OVS_ACTION_ATTR_POP_VLAN] = KFLOW_ACT_SIMPLE(0, NULL),
	[OVS_ACTION_ATTR_RECIRC] = KFLOW_ACT_SIMPLE(sizeof(u32), NULL),
	[OVS_ACTION_ATTR_HASH] =
		KFLOW_ACT_SIMPLE(sizeof(struct ovs_action_hash),
				 kflow_act_hash_validate),
	[OVS_ACTION_ATTR_TRUNC] =
		KFLOW_ACT_SIMPLE(sizeof(struct ovs_action_trunc),
				 kflow_act_trunc_validate),
	[OVS_ACTION_ATTR_SET] = {
		.len = KFLOW_LEN_VAR,
		.validate = kflow_act_set_validate,
		.copy = kflow_act_set_copy,
		.dump = kflow_act_set_dump,
	},
	[OVS_ACTION_ATTR_SET_MASKED] = {
		.len = KFLOW_LEN_VAR,
		.validate = kflow_act_set_validate,
		.copy = kflow_act_set_copy,
		.dump = kflow_act_dump_verbatim,
	},
	[KFLOW_ACTION_ATTR_SET_TUNNEL] = {
		.free = kflow_act_set_tunnel_free,
		.dump = kflow_act_set_tunnel_dump,
	},
	[OVS_ACTION_ATTR_SAMPLE] = {
		.len = KFLOW_LEN_VAR,
		.copy = kflow_act_sample_copy,
		.free = kflow_act_nest_free,
		.dump = kflow_act_sample_dump,
	},
	[OVS_ACTION_ATTR_CLONE] = {
		.len = KFLOW_LEN_VAR,
		.copy = kflow_act_clone_copy,
		.free = kflow_act_nest_free,
		.dump = kflow_act_clone_dump,
	},
	[OVS_ACTION_ATTR_CHECK_PKT_LEN] = {
		.len = KFLOW_LEN_VAR,
		.copy = kflow_act_cpl_copy,
		.free = kflow_act_nest_free,
		.dump = kflow_act_cpl_dump,
	},
	[OVS_ACTION_ATTR_DEC_TTL] = {
		.len = KFLOW_LEN_VAR,
		.copy = kflow_act_dec_ttl_copy,
		.free = kflow_act_nest_free,
		.dump = kflow_act_dec_ttl_dump,
	},
	[OVS_ACTION_ATTR_PUSH_MPLS] = KFLOW_ACT_UNSUPPORTED("push_mpls"),
	[OVS_ACTION_ATTR_POP_MPLS] = KFLOW_ACT_UNSUPPORTED("pop_mpls"),
	[OVS_ACTION_ATTR_ADD_MPLS] = KFLOW_ACT_UNSUPPORTED("add_mpls"),
	[OVS_ACTION_ATTR_CT] = KFLOW_ACT_UNSUPPORTED("ct"),
	[OVS_ACTION_ATTR_CT_CLEAR] = KFLOW_ACT_UNSUPPORTED("ct_clear"),
	[OVS_ACTION_ATTR_PUSH_ETH] = KFLOW_ACT_UNSUPPORTED("push_eth"),
	[OVS_ACTION_ATTR_POP_ETH] = KFLOW_ACT_UNSUPPORTED("pop_eth"),
	[OVS_ACTION_ATTR_PUSH_NSH] = KFLOW_ACT_UNSUPPORTED("push_nsh"),
	[OVS_ACTION_ATTR_POP_NSH] = KFLOW_ACT_UNSUPPORTED("pop_nsh"),
	[OVS_ACTION_ATTR_METER] = KFLOW_ACT_UNSUPPORTED("meter"),
};

/* ---- list walk --------------------------------------------------------- */

/*
 * NL_SET_ERR_MSG_ATTR() wants a literal; the table holds one static
 * string per unsupported action, so set the same two fields directly.
 */
static void kflow_act_unsupported(struct netlink_ext_ack *extack,
				  const struct nlattr *a, const char *msg)
{
	if (!extack)
		return;
	extack->_msg = msg;
	NL_SET_BAD_ATTR(extack, a);
}

static int kflow_act_copy_one(struct kflow_abuf *b, const struct nlattr *a,
			      const struct kflow_act_ctx *ctx,
			      struct netlink_ext_ack *extack)
{
	int type = nla_type(a);
	const struct kflow_act_ops *ops;
	int err;

	if (type > OVS_ACTION_ATTR_MAX || !kflow_act_ops[type].copy) {
		if (type <= OVS_ACTION_ATTR_MAX &&
		    kflow_act_ops[type].unsupported) {
			kflow_act_unsupported(extack, a,
					      kflow_act_ops[type].unsupported);
			return -EINVAL;
		}
		NL_SET_ERR_MSG_ATTR(extack, a, "unknown action type");
		return -EINVAL;
	}
	ops = &kflow_act_ops[type];
	if (ops->len != KFLOW_LEN_VAR && nla_len(a) != ops->len) {
		NL_SET_ERR_MSG_ATTR(extack, a, "action has the wrong length");
		return -EINVAL;
	}
	if (ops->validate) {
		err = ops->validate(a, ctx, extack);
		if (err)
			return err;
	}
	return ops->copy(b, a, ctx, extack);
}

/*
 * Validate and append the actions nested in @list.  On error the buffer
 * is restored to its length on entry, with everything appended freed.
 */
int kflow_act_copy_list(struct kflow_abuf *b, const struct nlattr *list,
			const struct kflow_act_ctx *ctx,
			struct netlink_ext_ack *extack)
{
	int start = b->acts->actions_len;
	const struct nlattr *a;
	int rem, err;

	if (ctx->depth > KFLOW_ACTIONS_MAX_DEPTH) {
		NL_SET_ERR_MSG_ATTR(extack, list, "actions nested too deeply");
		return -EOVERFLOW;
	}
	nla_for_each_nested(a, list, rem) {
		err = kflow_act_copy_one(b, a, ctx, extack);
		if (err)
			goto fail;
	}
	if (rem) {
		NL_SET_ERR_MSG_ATTR(extack, list, "malformed action list");
		err = -EINVAL;
		goto fail;
	}
	return 0;

fail:
	kflow_abuf_trim(b, start);
	return err;
}

/* Release what the internal actions in @list hold (not the list itself). */
void kflow_act_free_list(const struct nlattr *list, int len)
{
	const struct nlattr *a;
	int rem;

	nla_for_each_attr(a, list, len, rem) {
		int type = nla_type(a);

		if (type <= KFLOW_ACT_TYPE_MAX && kflow_act_ops[type].free)
			kflow_act_ops[type].free(a);
	}
}

/*
 * Whether the userspace list @list may change the flow key when run.
 * Recirc counts: it runs on the key it is given.
 */
bool kflow_act_list_may_change_key(const struct nlattr *list)
{
	const struct nlattr *a;
	int rem;

	nla_for_each_nested(a, list, rem) {
		switch (nla_type(a)) {
		case OVS_ACTION_ATTR_OUTPUT:
		case OVS_ACTION_ATTR_TRUNC:
		case OVS_ACTION_ATTR_USERSPACE:
			break;
		default:
			return true;
		}
	}
	return false;
}

int kflow_actions_list_to_nl(const struct nlattr *list, int len,
			     struct sk_buff *skb)
{
	const struct nlattr *a;
	int rem, err;

	nla_for_each_attr(a, list, len, rem) {
		int type = nla_type(a);

		if (type > KFLOW_ACT_TYPE_MAX || !kflow_act_ops[type].dump)
			continue;	/* cannot happen: kflow built the list */
		err = kflow_act_ops[type].dump(a, skb);
		if (err)
			return err;
	}
	return 0;
}

/* ---- public API -------------------------------------------------------- */

struct kflow_actions *kflow_actions_from_nl(struct net *net,
					    const struct nlattr *attr,
					    const struct kflow_key *key,
					    struct netlink_ext_ack *extack)
{
	struct kflow_act_ctx ctx = { .net = net, .key = key, .depth = 0 };
	struct kflow_abuf b;
	int err;

	if (nla_len(attr) > KFLOW_ACTIONS_MAX_SIZE) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "action list too large");
		return ERR_PTR(-EMSGSIZE);
	}
	b.cap = min_t(u32, nla_len(attr) * 2 + 64, KFLOW_ACTIONS_MAX_SIZE);
	b.acts = kflow_acts_alloc(b.cap);
	if (!b.acts)
		return ERR_PTR(-ENOMEM);
	b.acts->orig_len = nla_len(attr);

	err = kflow_act_copy_list(&b, attr, &ctx, extack);
	if (err) {
		if (err == -EMSGSIZE)
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "action list too large");
		kvfree(b.acts);	/* copy_list already released its content */
		return ERR_PTR(err);
	}
	return b.acts;
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_actions_from_nl);

int kflow_actions_to_nl(const struct kflow_actions *acts, int attrtype,
			struct sk_buff *skb)
{
	struct nlattr *start;
	int err;

	start = nla_nest_start_noflag(skb, attrtype);
	if (!start)
		return -EMSGSIZE;
	err = kflow_actions_list_to_nl(acts->actions, acts->actions_len, skb);
	if (err) {
		nla_nest_cancel(skb, start);
		return err;
	}
	nla_nest_end(skb, start);
	return 0;
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_actions_to_nl);

void kflow_actions_free(struct kflow_actions *acts)
{
	if (!acts)
		return;
	kflow_act_free_list(acts->actions, acts->actions_len);
	kvfree(acts);
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_actions_free);

static void kflow_actions_free_cb(struct rcu_head *head)
{
	kflow_actions_free(container_of(head, struct kflow_actions, rcu));
}

/* Free after a grace period: the fast path may still be running @acts. */
void kflow_actions_free_rcu(struct kflow_actions *acts)
{
	if (acts)
		call_rcu(&acts->rcu, kflow_actions_free_cb);
}
