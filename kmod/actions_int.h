/* SPDX-License-Identifier: GPL-2.0 */
/*
 * actions_int.h - kflow's internal action form, shared by the action
 * files only (actions_nl*.c build it, actions*.c run it).
 *
 * The internal list is a netlink attribute stream like the userspace one,
 * with these differences:
 *
 *  - SET and SET_MASKED both carry one OVS_KEY_ATTR_* whose payload is the
 *    value followed by a mask of the same size.  A SET from userspace gets
 *    an all-ones mask (minus read-only bits); keeping its type SET is how
 *    the dump knows to give back the unmasked form.
 *  - set(tunnel(...)) is KFLOW_ACTION_ATTR_SET_TUNNEL holding a pointer to
 *    a prepared metadata_dst (struct kflow_set_tunnel).
 *  - SAMPLE, CLONE, CHECK_PKT_LEN and DEC_TTL share one nested layout:
 *    KFLOW_NEST_ARG (struct kflow_nest_arg) then one or two KFLOW_NEST_LIST
 *    attributes, each holding an internal action list.
 *
 * Everything here is built by kflow itself after validation, so the
 * execution side trusts the layout and never re-validates it.
 */
#ifndef _KFLOW_ACTIONS_INT_H
#define _KFLOW_ACTIONS_INT_H

#include <linux/netlink.h>
#include <net/dst_metadata.h>
#include "actions.h"

#define KFLOW_ACT_TYPE_MAX	KFLOW_ACTION_ATTR_SET_TUNNEL

/* Attributes inside a kflow nested action. */
enum {
	KFLOW_NEST_ARG = 1,
	KFLOW_NEST_LIST,
};

/* struct kflow_nest_arg flags */
#define KFLOW_NEST_F_CHANGES0	BIT(0)	/* list 0 may change the key */
#define KFLOW_NEST_F_CHANGES1	BIT(1)	/* list 1 may change the key */
#define KFLOW_NEST_F_GT_FIRST	BIT(2)	/* check_pkt_len: dump order */

struct kflow_nest_arg {
	u32 param;	/* sample: probability; check_pkt_len: length */
	u32 flags;
};

/* check_pkt_len lists, in internal order. */
#define KFLOW_CPL_LESS_EQUAL	0
#define KFLOW_CPL_GREATER	1

struct kflow_set_tunnel {
	struct metadata_dst *dst;	/* one reference, owned by the list */
};

/* Install-time context passed down the nested lists. */
struct kflow_act_ctx {
	struct net *net;
	const struct kflow_key *key;
	u32 depth;
};

/* A growing internal action list. */
struct kflow_abuf {
	struct kflow_actions *acts;
	u32 cap;		/* bytes usable in acts->actions[] */
};

/* actions_nl.c: buffer helpers and the recursive list copy. */
int kflow_abuf_put(struct kflow_abuf *b, int type, const void *data, int len);
void *kflow_abuf_put_empty(struct kflow_abuf *b, int type, int len);
int kflow_abuf_nest_start(struct kflow_abuf *b, int type);
void kflow_abuf_nest_end(struct kflow_abuf *b, int start);
void kflow_abuf_trim(struct kflow_abuf *b, int start);
int kflow_act_copy_list(struct kflow_abuf *b, const struct nlattr *list,
			const struct kflow_act_ctx *ctx,
			struct netlink_ext_ack *extack);
void kflow_act_free_list(const struct nlattr *list, int len);
bool kflow_act_list_may_change_key(const struct nlattr *list);

/* actions_nl_set.c: set / set_masked / set(tunnel). */
int kflow_act_set_validate(const struct nlattr *a,
			   const struct kflow_act_ctx *ctx,
			   struct netlink_ext_ack *extack);
int kflow_act_set_copy(struct kflow_abuf *b, const struct nlattr *a,
		       const struct kflow_act_ctx *ctx,
		       struct netlink_ext_ack *extack);
int kflow_act_set_dump(const struct nlattr *a, struct sk_buff *skb);
void kflow_act_set_tunnel_free(const struct nlattr *a);
int kflow_act_set_tunnel_dump(const struct nlattr *a, struct sk_buff *skb);

/* actions_nl_nest.c: sample, clone, check_pkt_len, dec_ttl. */
int kflow_act_sample_copy(struct kflow_abuf *b, const struct nlattr *a,
			  const struct kflow_act_ctx *ctx,
			  struct netlink_ext_ack *extack);
int kflow_act_clone_copy(struct kflow_abuf *b, const struct nlattr *a,
			 const struct kflow_act_ctx *ctx,
			 struct netlink_ext_ack *extack);
int kflow_act_cpl_copy(struct kflow_abuf *b, const struct nlattr *a,
		       const struct kflow_act_ctx *ctx,
		       struct netlink_ext_ack *extack);
int kflow_act_dec_ttl_copy(struct kflow_abuf *b, const struct nlattr *a,
			   const struct kflow_act_ctx *ctx,
			   struct netlink_ext_ack *extack);
void kflow_act_nest_free(const struct nlattr *a);
int kflow_act_sample_dump(const struct nlattr *a, struct sk_buff *skb);
int kflow_act_clone_dump(const struct nlattr *a, struct sk_buff *skb);
int kflow_act_cpl_dump(const struct nlattr *a, struct sk_buff *skb);
int kflow_act_dec_ttl_dump(const struct nlattr *a, struct sk_buff *skb);

/* Accessors for the nested layout (trusted internal form). */
static inline const struct kflow_nest_arg *
kflow_nest_arg(const struct nlattr *a)
{
	return nla_data(nla_data(a));
}

/* The @idx-th KFLOW_NEST_LIST attribute of nested action @a. */
static inline const struct nlattr *kflow_nest_list(const struct nlattr *a,
						   int idx)
{
	const struct nlattr *l = nla_data(a);
	int rem = nla_len(a);

	do
		l = nla_next(l, &rem);
	while (idx-- > 0);
	return l;
}

/* actions_set.c: run one internal SET/SET_MASKED payload on a packet. */
int kflow_exec_set(struct sk_buff *skb, struct kflow_key *key,
		   const struct nlattr *ka);
/* 0, -EHOSTUNREACH when the TTL/hop limit would expire, or an error. */
int kflow_exec_dec_ttl(struct sk_buff *skb, struct kflow_key *key);

#endif /* _KFLOW_ACTIONS_INT_H */
