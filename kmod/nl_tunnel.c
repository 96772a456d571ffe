// SPDX-License-Identifier: GPL-2.0
/*
 * nl_tunnel.c - tunnel metadata to and from OVS_TUNNEL_KEY_ATTR_*.
 *
 * Parsing is table driven: each attribute has an expected length, the
 * ip_tunnel_key field it fills (if any) and the tun_flags bit it implies.
 * Option blocks (Geneve, VXLAN GBP) have their own parsers; ERSPAN options
 * and IPv4 "info bridge" mode are refused, kflow has no such ports.
 *
 * Emission follows the stock datapath: the ID only with TUNNEL_KEY, zero
 * addresses, ToS and ports omitted, the TTL always present, flags as
 * empty attributes, options according to the TUNNEL_*_OPT flag.
 */
#include <linux/openvswitch.h>
#include <net/ipv6.h>
#include <net/vxlan.h>
#include "nl_tunnel.h"
#include "nl_key.h"

const u8 kflow_nl_ones[KFLOW_NL_ONES_LEN] __aligned(8) = {
	[0 ... KFLOW_NL_ONES_LEN - 1] = 0xff
};

#define KFLOW_TUN_VARIABLE	(-1)
#define KFLOW_TUN_NESTED	(-2)
#define KFLOW_TUN_NO_FIELD	0xff

struct kflow_tun_desc {
	s8 len;		/* exact length, or KFLOW_TUN_VARIABLE/NESTED */
	u8 off;		/* in struct ip_tunnel_key, or KFLOW_TUN_NO_FIELD */
	__be16 flag;	/* tun_flags bit the attribute sets */
};

#define KFLOW_TUN_FIELD(f, l) \
	{ .len = (l), .off = offsetof(struct ip_tunnel_key, f) }
#define KFLOW_TUN_FLAG(l, fl) \
	{ .len = (l), .off = KFLOW_TUN_NO_FIELD, .flag = (fl) }

static const struct kflow_tun_desc kflow_tun_desc[OVS_TUNNEL_KEY_ATTR_MAX + 1] = {
	[OVS_TUNNEL_KEY_ATTR_ID] = {
		.len = sizeof(__be64),
		.off = offsetof(struct ip_tunnel_key, tun_id),
		.flag = TUNNEL_KEY,
	},
	[OVS_TUNNEL_KEY_ATTR_IPV4_SRC] = KFLOW_TUN_FIELD(u.ipv4.src, 4),
	[OVS_TUNNEL_KEY_ATTR_IPV4_DST] = KFLOW_TUN_FIELD(u.ipv4.dst, 4),
	[OVS_TUNNEL_KEY_ATTR_IPV6_SRC] = KFLOW_TUN_FIELD(u.ipv6.src, 16),
	[OVS_TUNNEL_KEY_ATTR_IPV6_DST] = KFLOW_TUN_FIELD(u.ipv6.dst, 16),
	[OVS_TUNNEL_KEY_ATTR_TOS] = KFLOW_TUN_FIELD(tos, 1),
	[OVS_TUNNEL_KEY_ATTR_TTL] = KFLOW_TUN_FIELD(ttl, 1),
	[OVS_TUNNEL_KEY_ATTR_TP_SRC] = KFLOW_TUN_FIELD(tp_src, 2),
	[OVS_TUNNEL_KEY_ATTR_TP_DST] = KFLOW_TUN_FIELD(tp_dst, 2),
	[OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT] =
		KFLOW_TUN_FLAG(0, TUNNEL_DONT_FRAGMENT),
	[OVS_TUNNEL_KEY_ATTR_CSUM] = KFLOW_TUN_FLAG(0, TUNNEL_CSUM),
	[OVS_TUNNEL_KEY_ATTR_OAM] = KFLOW_TUN_FLAG(0, TUNNEL_OAM),
	[OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS] =
		KFLOW_TUN_FLAG(KFLOW_TUN_VARIABLE, TUNNEL_GENEVE_OPT),
	[OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS] =
		KFLOW_TUN_FLAG(KFLOW_TUN_NESTED, TUNNEL_VXLAN_OPT),
	[OVS_TUNNEL_KEY_ATTR_PAD] = KFLOW_TUN_FLAG(0, 0),
};

static int kflow_tun_reject(struct netlink_ext_ack *extack,
			    const struct nlattr *a, int type)
{
	switch (type) {
	case OVS_TUNNEL_KEY_ATTR_ERSPAN_OPTS:
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "OVS_TUNNEL_KEY_ATTR_ERSPAN_OPTS is not supported by kflow");
		break;
	case OVS_TUNNEL_KEY_ATTR_IPV4_INFO_BRIDGE:
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "OVS_TUNNEL_KEY_ATTR_IPV4_INFO_BRIDGE is not supported by kflow");
		break;
	default:
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "unknown OVS_TUNNEL_KEY_ATTR_* attribute type");
	}
	return -EINVAL;
}

static int kflow_tun_check(const struct nlattr *a, u32 seen,
			   struct netlink_ext_ack *extack)
{
	int type = nla_type(a);
	const struct kflow_tun_desc *d;

	if (type > OVS_TUNNEL_KEY_ATTR_MAX ||
	    type == OVS_TUNNEL_KEY_ATTR_ERSPAN_OPTS ||
	    type == OVS_TUNNEL_KEY_ATTR_IPV4_INFO_BRIDGE)
		return kflow_tun_reject(extack, a, type);
	if (seen & BIT(type)) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "duplicate OVS_TUNNEL_KEY_ATTR_* attribute");
		return -EINVAL;
	}
	d = &kflow_tun_desc[type];
	if (d->len >= 0 && nla_len(a) != d->len) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "OVS_TUNNEL_KEY_ATTR_* attribute has the wrong length");
		return -EINVAL;
	}
	return 0;
}

static int kflow_tun_geneve(const struct nlattr *a, struct kflow_tun_attrs *t,
			    bool ones, struct netlink_ext_ack *extack)
{
	int len = nla_len(a);

	if (len > IP_TUNNEL_OPTS_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS is longer than 255 bytes");
		return -EINVAL;
	}
	if (len % 4) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS length is not a multiple of 4");
		return -EINVAL;
	}
	memcpy(t->opts, kflow_nl_value(a, ones), len);
	t->opts_len = len;
	return 0;
}

static int kflow_tun_vxlan(const struct nlattr *attr,
			   struct kflow_tun_attrs *t, bool ones,
			   struct netlink_ext_ack *extack)
{
	struct vxlan_metadata md = { 0 };
	const struct nlattr *a;
	bool seen = false;
	int rem;

	nla_for_each_nested(a, attr, rem) {
		if (nla_type(a) != OVS_VXLAN_EXT_GBP) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "unknown OVS_VXLAN_EXT_* attribute in OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS");
			return -EINVAL;
		}
		if (nla_len(a) != sizeof(u32) || seen) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "OVS_VXLAN_EXT_GBP must appear once, as a u32");
			return -EINVAL;
		}
		memcpy(&md.gbp, kflow_nl_value(a, ones), sizeof(md.gbp));
		seen = true;
	}
	if (rem) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "trailing bytes in OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS");
		return -EINVAL;
	}
	BUILD_BUG_ON(sizeof(md) > sizeof(t->opts));
	memcpy(t->opts, &md, sizeof(md));
	t->opts_len = sizeof(md);
	return 0;
}

/* An option block (Geneve or VXLAN); at most one per tunnel key. */
static int kflow_tun_opts(const struct nlattr *a, struct kflow_tun_attrs *t,
			  bool ones, struct netlink_ext_ack *extack)
{
	int type = nla_type(a);
	int err;

	if (t->opts_type) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "OVS_KEY_ATTR_TUNNEL has more than one option block");
		return -EINVAL;
	}
	if (type == OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS)
		err = kflow_tun_geneve(a, t, ones, extack);
	else
		err = kflow_tun_vxlan(a, t, ones, extack);
	if (!err)
		t->opts_type = type;
	return err;
}

/* Address family and, for a key, the attributes a tunnel key needs. */
static int kflow_tun_validate(const struct nlattr *attr,
			      struct kflow_tun_attrs *t, bool is_mask,
			      struct netlink_ext_ack *extack)
{
	bool v4 = t->present & (BIT(OVS_TUNNEL_KEY_ATTR_IPV4_SRC) |
				BIT(OVS_TUNNEL_KEY_ATTR_IPV4_DST));
	bool v6 = t->present & (BIT(OVS_TUNNEL_KEY_ATTR_IPV6_SRC) |
				BIT(OVS_TUNNEL_KEY_ATTR_IPV6_DST));

	if (v4 && v6) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "OVS_KEY_ATTR_TUNNEL mixes IPv4 and IPv6 addresses");
		return -EINVAL;
	}
	t->tun_proto = v6 ? AF_INET6 : AF_INET;
	if (is_mask)
		return 0;

	if ((!v4 && !v6) || (v4 && !t->key.u.ipv4.dst) ||
	    (v6 && ipv6_addr_any(&t->key.u.ipv6.dst))) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "OVS_KEY_ATTR_TUNNEL needs a non-zero OVS_TUNNEL_KEY_ATTR_IPV4_DST or _IPV6_DST");
		return -EINVAL;
	}
	if (!(t->present & BIT(OVS_TUNNEL_KEY_ATTR_TTL))) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "OVS_KEY_ATTR_TUNNEL needs OVS_TUNNEL_KEY_ATTR_TTL");
		return -EINVAL;
	}
	return 0;
}

int kflow_tun_parse(const struct nlattr *attr, struct kflow_tun_attrs *t,
		    bool is_mask, bool ones, struct netlink_ext_ack *extack)
{
	const struct kflow_tun_desc *d;
	const struct nlattr *a;
	__be16 flags = 0;
	int rem, err;

	memset(t, 0, sizeof(*t));
	nla_for_each_nested(a, attr, rem) {
		err = kflow_tun_check(a, t->present, extack);
		if (err)
			return err;
		d = &kflow_tun_desc[nla_type(a)];
		t->present |= BIT(nla_type(a));
		flags |= d->flag;
		if (d->off != KFLOW_TUN_NO_FIELD) {
			memcpy((u8 *)&t->key + d->off, kflow_nl_value(a, ones),
			       d->len);
		} else if (d->flag & (TUNNEL_GENEVE_OPT | TUNNEL_VXLAN_OPT)) {
			err = kflow_tun_opts(a, t, ones, extack);
			if (err)
				return err;
		}
	}
	if (rem) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "trailing bytes in OVS_KEY_ATTR_TUNNEL");
		return -EINVAL;
	}
	t->key.tun_flags = flags;
	return kflow_tun_validate(attr, t, is_mask, extack);
}

bool kflow_tun_field(int type, size_t *off, size_t *len)
{
	const struct kflow_tun_desc *d;

	if (type < 0 || type > OVS_TUNNEL_KEY_ATTR_MAX)
		return false;
	d = &kflow_tun_desc[type];
	if (d->len <= 0 || d->off == KFLOW_TUN_NO_FIELD)
		return false;
	*off = d->off;
	*len = d->len;
	return true;
}

static int kflow_tun_put_addrs(struct sk_buff *skb,
			       const struct ip_tunnel_key *key,
			       unsigned short tun_proto)
{
	switch (tun_proto) {
	case AF_INET:
		if (key->u.ipv4.src &&
		    nla_put_in_addr(skb, OVS_TUNNEL_KEY_ATTR_IPV4_SRC,
				    key->u.ipv4.src))
			return -EMSGSIZE;
		if (key->u.ipv4.dst &&
		    nla_put_in_addr(skb, OVS_TUNNEL_KEY_ATTR_IPV4_DST,
				    key->u.ipv4.dst))
			return -EMSGSIZE;
		break;
	case AF_INET6:
		if (!ipv6_addr_any(&key->u.ipv6.src) &&
		    nla_put_in6_addr(skb, OVS_TUNNEL_KEY_ATTR_IPV6_SRC,
				     &key->u.ipv6.src))
			return -EMSGSIZE;
		if (!ipv6_addr_any(&key->u.ipv6.dst) &&
		    nla_put_in6_addr(skb, OVS_TUNNEL_KEY_ATTR_IPV6_DST,
				     &key->u.ipv6.dst))
			return -EMSGSIZE;
		break;
	}
	return 0;
}

static int kflow_tun_put_vxlan(struct sk_buff *skb, const void *opts,
			       int opts_len)
{
	struct vxlan_metadata md = { 0 };
	struct nlattr *nest;

	memcpy(&md, opts, min_t(int, opts_len, sizeof(md)));
	nest = nla_nest_start_noflag(skb, OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, OVS_VXLAN_EXT_GBP, md.gbp)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int kflow_tun_put_opts(struct sk_buff *skb,
			      const struct ip_tunnel_key *key,
			      const void *opts, int opts_len)
{
	if (!opts_len || !opts)
		return 0;
	if (key->tun_flags & TUNNEL_GENEVE_OPT)
		return nla_put(skb, OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS, opts_len,
			       opts);
	if (key->tun_flags & TUNNEL_VXLAN_OPT)
		return kflow_tun_put_vxlan(skb, opts, opts_len);
	if (key->tun_flags & TUNNEL_ERSPAN_OPT)
		return nla_put(skb, OVS_TUNNEL_KEY_ATTR_ERSPAN_OPTS, opts_len,
			       opts);
	return 0;
}

static int kflow_tun_put_flag(struct sk_buff *skb,
			      const struct ip_tunnel_key *key,
			      __be16 flag, int type)
{
	return (key->tun_flags & flag) ? nla_put_flag(skb, type) : 0;
}

int kflow_tun_put(struct sk_buff *skb, const struct ip_tunnel_key *key,
		  const void *opts, int opts_len, unsigned short tun_proto,
		  u8 mode)
{
	if ((key->tun_flags & TUNNEL_KEY) &&
	    nla_put_be64(skb, OVS_TUNNEL_KEY_ATTR_ID, key->tun_id,
			 OVS_TUNNEL_KEY_ATTR_PAD))
		return -EMSGSIZE;
	if (mode & IP_TUNNEL_INFO_BRIDGE)
		return nla_put_flag(skb, OVS_TUNNEL_KEY_ATTR_IPV4_INFO_BRIDGE);

	if (kflow_tun_put_addrs(skb, key, tun_proto) ||
	    (key->tos && nla_put_u8(skb, OVS_TUNNEL_KEY_ATTR_TOS, key->tos)) ||
	    nla_put_u8(skb, OVS_TUNNEL_KEY_ATTR_TTL, key->ttl) ||
	    kflow_tun_put_flag(skb, key, TUNNEL_DONT_FRAGMENT,
			       OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT) ||
	    kflow_tun_put_flag(skb, key, TUNNEL_CSUM,
			       OVS_TUNNEL_KEY_ATTR_CSUM) ||
	    (key->tp_src &&
	     nla_put_be16(skb, OVS_TUNNEL_KEY_ATTR_TP_SRC, key->tp_src)) ||
	    (key->tp_dst &&
	     nla_put_be16(skb, OVS_TUNNEL_KEY_ATTR_TP_DST, key->tp_dst)) ||
	    kflow_tun_put_flag(skb, key, TUNNEL_OAM, OVS_TUNNEL_KEY_ATTR_OAM))
		return -EMSGSIZE;

	return kflow_tun_put_opts(skb, key, opts, opts_len);
}

size_t kflow_tun_attr_size(void)
{
	return nla_total_size_64bit(8)	/* ID */
		+ nla_total_size(16)	/* IPV[46]_SRC */
		+ nla_total_size(16)	/* IPV[46]_DST */
		+ nla_total_size(1)	/* TOS */
		+ nla_total_size(1)	/* TTL */
		+ nla_total_size(0)	/* DONT_FRAGMENT */
		+ nla_total_size(0)	/* CSUM */
		+ nla_total_size(0)	/* OAM */
		+ nla_total_size(256)	/* GENEVE_OPTS, covers the others */
		+ nla_total_size(2)	/* TP_SRC */
		+ nla_total_size(2);	/* TP_DST */
}

int kflow_nl_tunnel_from_nl(const struct nlattr *attr,
			    struct ip_tunnel_info *info, u8 *opts,
			    u8 *opts_len, bool is_mask,
			    struct netlink_ext_ack *extack)
{
	struct kflow_tun_attrs t;
	int err;

	err = kflow_tun_parse(attr, &t, is_mask, false, extack);
	if (err)
		return err;

	info->key = t.key;
	info->mode = t.tun_proto == AF_INET6 ? IP_TUNNEL_INFO_IPV6 : 0;
	memcpy(opts, t.opts, t.opts_len);
	*opts_len = t.opts_len;
	return 0;
}

int kflow_nl_put_tunnel_info(struct sk_buff *skb, int attrtype,
			     const struct ip_tunnel_info *info)
{
	struct nlattr *nest;
	int err;

	nest = nla_nest_start_noflag(skb, attrtype);
	if (!nest)
		return -EMSGSIZE;
	/* The options follow the info (ip_tunnel_info_opts()). */
	err = kflow_tun_put(skb, &info->key, info + 1, info->options_len,
			    ip_tunnel_info_af(info), info->mode);
	if (err) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}
