// SPDX-License-Identifier: GPL-2.0
/*
 * actions_nl_set.c - set, set_masked and set(tunnel) from and to netlink.
 *
 * A set action holds exactly one OVS_KEY_ATTR_*.  Which fields may be
 * written, and what the flow must match for the write to make sense, is
 * described per key attribute in kflow_set_keys[].  set() is stored as
 * set_masked with an all-ones mask, except for the read-only bits (IP
 * protocol and fragment type, the IPv6 label's upper bits), whose mask
 * stays zero so the execution side never writes them.
 */
#include <linux/if_ether.h>
#include <linux/openvswitch.h>
#include <net/dst_metadata.h>
#include <net/geneve.h>
#include <net/ip_tunnels.h>
#include <net/netlink.h>
#include "actions_int.h"
#include "nl_key.h"

#define KFLOW_IPV6_LABEL_MASK	0x000fffff

struct kflow_set_key {
	int len;
	/* @mask is NULL for set(): then the value's read-only fields must
	 * equal the flow's.
	 */
	int (*check)(const struct nlattr *a, const void *val, const void *mask,
		     const struct kflow_act_ctx *ctx,
		     struct netlink_ext_ack *extack);
	void (*clear_ro)(void *mask);	/* for set(): read-only bits */
};

static bool kflow_key_is_ip(const struct kflow_key *key)
{
	return key->eth.type == htons(ETH_P_IP) ||
	       key->eth.type == htons(ETH_P_IPV6);
}

static int kflow_set_ipv4_check(const struct nlattr *a, const void *val,
				const void *mask,
				const struct kflow_act_ctx *ctx,
				struct netlink_ext_ack *extack)
{
	const struct ovs_key_ipv4 *v = val, *m = mask;

	if (ctx->key->eth.type != htons(ETH_P_IP)) {
		NL_SET_ERR_MSG_ATTR(extack, a, "set(ipv4) on a non-IPv4 flow");
		return -EINVAL;
	}
	if (m ? m->ipv4_proto || m->ipv4_frag :
	    v->ipv4_proto != ctx->key->ip.proto ||
	    v->ipv4_frag != ctx->key->ip.frag) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "set(ipv4) cannot change proto or frag");
		return -EINVAL;
	}
	return 0;
}

static void kflow_set_ipv4_clear_ro(void *mask)
{
	struct ovs_key_ipv4 *m = mask;

	m->ipv4_proto = 0;
	m->ipv4_frag = 0;
}

static int kflow_set_ipv6_check(const struct nlattr *a, const void *val,
				const void *mask,
				const struct kflow_act_ctx *ctx,
				struct netlink_ext_ack *extack)
{
	const struct ovs_key_ipv6 *v = val, *m = mask;

	if (ctx->key->eth.type != htons(ETH_P_IPV6)) {
		NL_SET_ERR_MSG_ATTR(extack, a, "set(ipv6) on a non-IPv6 flow");
		return -EINVAL;
	}
	if (m ? m->ipv6_proto || m->ipv6_frag :
	    v->ipv6_proto != ctx->key->ip.proto ||
	    v->ipv6_frag != ctx->key->ip.frag) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "set(ipv6) cannot change proto or frag");
		return -EINVAL;
	}
	if ((ntohl(v->ipv6_label) & ~KFLOW_IPV6_LABEL_MASK) ||
	    (m && (ntohl(m->ipv6_label) & ~KFLOW_IPV6_LABEL_MASK))) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "set(ipv6) label wider than 20 bits");
		return -EINVAL;
	}
	return 0;
}

static void kflow_set_ipv6_clear_ro(void *mask)
{
	struct ovs_key_ipv6 *m = mask;

	m->ipv6_proto = 0;
	m->ipv6_frag = 0;
	m->ipv6_label = htonl(KFLOW_IPV6_LABEL_MASK);
}

static int kflow_set_l4_check(const struct nlattr *a, u8 proto,
			      const struct kflow_act_ctx *ctx,
			      struct netlink_ext_ack *extack)
{
	const struct kflow_key *key = ctx->key;

	if (!kflow_key_is_ip(key) || key->ip.proto != proto) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "set of L4 ports on a flow of another protocol");
		return -EINVAL;
	}
	if (key->ip.frag == OVS_FRAG_TYPE_LATER) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "set of L4 ports on later IP fragments");
		return -EINVAL;
	}
	return 0;
}

static int kflow_set_tcp_check(const struct nlattr *a, const void *val,
			       const void *mask,
			       const struct kflow_act_ctx *ctx,
			       struct netlink_ext_ack *extack)
{
	return kflow_set_l4_check(a, IPPROTO_TCP, ctx, extack);
}

static int kflow_set_udp_check(const struct nlattr *a, const void *val,
			       const void *mask,
			       const struct kflow_act_ctx *ctx,
			       struct netlink_ext_ack *extack)
{
	return kflow_set_l4_check(a, IPPROTO_UDP, ctx, extack);
}

static int kflow_set_sctp_check(const struct nlattr *a, const void *val,
				const void *mask,
				const struct kflow_act_ctx *ctx,
				struct netlink_ext_ack *extack)
{
	return kflow_set_l4_check(a, IPPROTO_SCTP, ctx, extack);
}

static const struct kflow_set_key kflow_set_keys[OVS_KEY_ATTR_MAX + 1] = {
	[OVS_KEY_ATTR_PRIORITY] = { .len = sizeof(u32) },
	[OVS_KEY_ATTR_SKB_MARK] = { .len = sizeof(u32) },
	[OVS_KEY_ATTR_ETHERNET] = { .len = sizeof(struct ovs_key_ethernet) },
	[OVS_KEY_ATTR_IPV4] = {
		.len = sizeof(struct ovs_key_ipv4),
		.check = kflow_set_ipv4_check,
		.clear_ro = kflow_set_ipv4_clear_ro,
	},
	[OVS_KEY_ATTR_IPV6] = {
		.len = sizeof(struct ovs_key_ipv6),
		.check = kflow_set_ipv6_check,
		.clear_ro = kflow_set_ipv6_clear_ro,
	},
	[OVS_KEY_ATTR_TCP] = {
		.len = sizeof(struct ovs_key_tcp),
		.check = kflow_set_tcp_check,
	},
	[OVS_KEY_ATTR_UDP] = {
		.len = sizeof(struct ovs_key_udp),
		.check = kflow_set_udp_check,
	},
	[OVS_KEY_ATTR_SCTP] = {
		.len = sizeof(struct ovs_key_sctp),
		.check = kflow_set_sctp_check,
	},
};

/* Masked values must be zero wherever their mask is. */
static bool kflow_set_value_in_mask(const u8 *val, const u8 *mask, int len)
{
	int i;

	for (i = 0; i < len; i++)
		if (val[i] & ~mask[i])
			return false;
	return true;
}

int kflow_act_set_validate(const struct nlattr *a,
			   const struct kflow_act_ctx *ctx,
			   struct netlink_ext_ack *extack)
{
	bool masked = nla_type(a) == OVS_ACTION_ATTR_SET_MASKED;
	const struct nlattr *ka = nla_data(a);
	const struct kflow_set_key *desc;
	int type, len;

	if (!nla_ok(ka, nla_len(a)) ||
	    nla_total_size(nla_len(ka)) != nla_len(a)) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "set action must hold exactly one key attribute");
		return -EINVAL;
	}
	type = nla_type(ka);
	if (type == OVS_KEY_ATTR_TUNNEL) {
		if (!masked)
			return 0;	/* parsed by the copy */
		NL_SET_ERR_MSG_ATTR(extack, a, "masked set of tunnel is invalid");
		return -EINVAL;
	}
	desc = type <= OVS_KEY_ATTR_MAX ? &kflow_set_keys[type] : NULL;
	if (!desc || !desc->len) {
		NL_SET_ERR_MSG_ATTR(extack, ka,
				    "set of this key attribute is not supported by kflow");
		return -EINVAL;
	}
	len = nla_len(ka);
	if (len != (masked ? 2 * desc->len : desc->len)) {
		NL_SET_ERR_MSG_ATTR(extack, ka, "set key attribute has the wrong length");
		return -EINVAL;
	}
	if (masked && !kflow_set_value_in_mask(nla_data(ka),
					       (u8 *)nla_data(ka) + desc->len,
					       desc->len)) {
		NL_SET_ERR_MSG_ATTR(extack, ka,
				    "set_masked value has bits outside its mask");
		return -EINVAL;
	}
	if (!desc->check)
		return 0;
	return desc->check(ka, nla_data(ka),
			   masked ? (u8 *)nla_data(ka) + desc->len : NULL,
			   ctx, extack);
}

/* ---- set(tunnel) ------------------------------------------------------- */

/* Geneve options must tile the option space; note critical ones. */
static int kflow_geneve_opts_check(struct ip_tunnel_info *info, const u8 *opts,
				   int len)
{
	bool crit = false;

	while (len > 0) {
		const struct geneve_opt *opt = (const struct geneve_opt *)opts;
		int olen;

		if (len < sizeof(*opt))
			return -EINVAL;
		olen = sizeof(*opt) + opt->length * 4;
		if (olen > len)
			return -EINVAL;
		crit |= !!(opt->type & GENEVE_CRIT_OPT_TYPE);
		opts += olen;
		len -= olen;
	}
	if (crit)
		info->key.tun_flags |= TUNNEL_CRIT_OPT;
	return 0;
}

static struct metadata_dst *kflow_set_tunnel_dst(const struct ip_tunnel_info *info,
						 const u8 *opts, u8 opts_len)
{
	const __be16 opt_types = TUNNEL_GENEVE_OPT | TUNNEL_VXLAN_OPT |
				 TUNNEL_ERSPAN_OPT;
	struct ip_tunnel_info *tun;
	struct metadata_dst *md;

	md = metadata_dst_alloc(opts_len, METADATA_IP_TUNNEL, GFP_KERNEL);
	if (!md)
		return NULL;
	if (dst_cache_init(&md->u.tun_info.dst_cache, GFP_KERNEL)) {
		dst_release(&md->dst);
		return NULL;
	}
	tun = &md->u.tun_info;
	tun->key = info->key;
	/* The parser demands a destination: never bridge mode. */
	tun->mode = IP_TUNNEL_INFO_TX | (info->mode & IP_TUNNEL_INFO_IPV6);
	ip_tunnel_info_opts_set(tun, opts, opts_len,
				info->key.tun_flags & opt_types);
	return md;
}

static int kflow_act_set_tunnel_copy(struct kflow_abuf *b,
				     const struct nlattr *ka,
				     struct netlink_ext_ack *extack)
{
	u8 opts[IP_TUNNEL_OPTS_MAX] __aligned(8);
	struct ip_tunnel_info info;
	struct kflow_set_tunnel st;
	u8 opts_len = 0;
	int err;

	memset(&info, 0, sizeof(info));
	err = kflow_nl_tunnel_from_nl(ka, &info, opts, &opts_len, false,
				      extack);
	if (err < 0)
		return err;
	if ((info.key.tun_flags & TUNNEL_GENEVE_OPT) &&
	    kflow_geneve_opts_check(&info, opts, opts_len)) {
		NL_SET_ERR_MSG_ATTR(extack, ka, "malformed Geneve options");
		return -EINVAL;
	}
	st.dst = kflow_set_tunnel_dst(&info, opts, opts_len);
	if (!st.dst)
		return -ENOMEM;
	err = kflow_abuf_put(b, KFLOW_ACTION_ATTR_SET_TUNNEL, &st, sizeof(st));
	if (err)
		dst_release(&st.dst->dst);
	return err;
}

static struct metadata_dst *kflow_set_tunnel_get(const struct nlattr *a)
{
	struct kflow_set_tunnel st;

	memcpy(&st, nla_data(a), sizeof(st));	/* attrs are 4-aligned */
	return st.dst;
}

void kflow_act_set_tunnel_free(const struct nlattr *a)
{
	dst_release(&kflow_set_tunnel_get(a)->dst);
}

int kflow_act_set_tunnel_dump(const struct nlattr *a, struct sk_buff *skb)
{
	struct metadata_dst *md = kflow_set_tunnel_get(a);
	struct nlattr *start;
	int err;

	start = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_SET);
	if (!start)
		return -EMSGSIZE;
	err = kflow_nl_put_tunnel_info(skb, OVS_KEY_ATTR_TUNNEL,
				       &md->u.tun_info);
	if (err) {
		nla_nest_cancel(skb, start);
		return err;
	}
	nla_nest_end(skb, start);
	return 0;
}

/* ---- copy and dump ----------------------------------------------------- */

int kflow_act_set_copy(struct kflow_abuf *b, const struct nlattr *a,
		       const struct kflow_act_ctx *ctx,
		       struct netlink_ext_ack *extack)
{
	const struct nlattr *ka = nla_data(a);
	const struct kflow_set_key *desc;
	int start;
	u8 *p;

	if (nla_type(ka) == OVS_KEY_ATTR_TUNNEL)
		return kflow_act_set_tunnel_copy(b, ka, extack);
	if (nla_type(a) == OVS_ACTION_ATTR_SET_MASKED)
		return kflow_abuf_put(b, OVS_ACTION_ATTR_SET_MASKED,
				      nla_data(a), nla_len(a));

	/* set(): value plus an all-ones mask, under the type SET. */
	desc = &kflow_set_keys[nla_type(ka)];
	start = kflow_abuf_nest_start(b, OVS_ACTION_ATTR_SET);
	if (start < 0)
		return start;
	p = kflow_abuf_put_empty(b, nla_type(ka), 2 * desc->len);
	if (IS_ERR(p)) {
		b->acts->actions_len = start;	/* nothing to release */
		return PTR_ERR(p);
	}
	memcpy(p, nla_data(ka), desc->len);
	memset(p + desc->len, 0xff, desc->len);
	if (desc->clear_ro)
		desc->clear_ro(p + desc->len);
	kflow_abuf_nest_end(b, start);
	return 0;
}

/* An internal SET came from set(): give back the value only. */
int kflow_act_set_dump(const struct nlattr *a, struct sk_buff *skb)
{
	const struct nlattr *ka = nla_data(a);
	struct nlattr *start;

	start = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_SET);
	if (!start)
		return -EMSGSIZE;
	if (nla_put(skb, nla_type(ka), nla_len(ka) / 2, nla_data(ka))) {
		nla_nest_cancel(skb, start);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, start);
	return 0;
}
