// SPDX-License-Identifier: GPL-2.0
/*
 * nl_key_attr.c - one parser per OVS_KEY_ATTR_* attribute.
 *
 * Each parser reads one attribute (through kflow_nl_val(), so that the
 * same code builds an exact-match mask from a key) and writes key or mask
 * fields with kflow_nl_set(), which also widens the match's byte range the
 * way the stock datapath does.  Key-only checks (ranges of values) are
 * skipped for masks.  kflow_key_attrs[] gives each attribute its length
 * and parser.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/in.h>
#include <net/ndisc.h>
#include "datapath.h"
#include "nl_key_int.h"

/* ---- writing key and mask fields ------------------------------------- */

static void kflow_nl_range(struct kflow_key_range *r, size_t off, size_t len)
{
	unsigned short start = rounddown(off, sizeof(long));
	unsigned short end = roundup(off + len, sizeof(long));

	if (r->start == r->end) {
		r->start = start;
		r->end = end;
		return;
	}
	r->start = min(r->start, start);
	r->end = max(r->end, end);
}

void kflow_nl_set(struct kflow_nl_ctx *c, size_t off, const void *val,
		  size_t len)
{
	struct kflow_match *m = c->match;
	u8 *dst;

	if (c->is_mask) {
		kflow_nl_range(&m->mask->range, off, len);
		dst = (u8 *)&m->mask->key;
	} else {
		kflow_nl_range(&m->range, off, len);
		dst = (u8 *)m->key;
	}
	memcpy(dst + off, val, len);
}

/* ---- refusals ---------------------------------------------------------- */

int kflow_nl_unsupported(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	struct netlink_ext_ack *extack = c->extack;

	switch (nla_type(a)) {
	case OVS_KEY_ATTR_CT_STATE:
	case OVS_KEY_ATTR_CT_ZONE:
	case OVS_KEY_ATTR_CT_MARK:
	case OVS_KEY_ATTR_CT_LABELS:
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "non-zero OVS_KEY_ATTR_CT_STATE/_ZONE/_MARK/_LABELS: connection tracking is not supported by kflow");
		break;
	case OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4:
	case OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6:
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "non-zero OVS_KEY_ATTR_CT_ORIG_TUPLE_*: connection tracking is not supported by kflow");
		break;
	case OVS_KEY_ATTR_IPV6_EXTHDRS:
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "non-zero OVS_KEY_ATTR_IPV6_EXTHDRS is not supported by kflow");
		break;
	case OVS_KEY_ATTR_MPLS:
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "OVS_KEY_ATTR_MPLS is not supported by kflow");
		break;
	case OVS_KEY_ATTR_NSH:
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "OVS_KEY_ATTR_NSH is not supported by kflow");
		break;
	case OVS_KEY_ATTR_PACKET_TYPE:
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "OVS_KEY_ATTR_PACKET_TYPE is not supported by kflow");
		break;
	case OVS_KEY_ATTR_ND_EXTENSIONS:
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "OVS_KEY_ATTR_ND_EXTENSIONS is not supported by kflow");
		break;
	case OVS_KEY_ATTR_TUNNEL_INFO:
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "OVS_KEY_ATTR_TUNNEL_INFO is kernel-internal");
		break;
	default:
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "unknown OVS_KEY_ATTR_* attribute type");
	}
	return -EINVAL;
}

/* Conntrack fields: every kflow packet has them zero. */
static int kflow_nl_zero_only(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	if (c->is_mask || !memchr_inv(nla_data(a), 0, nla_len(a)))
		return 0;
	return kflow_nl_unsupported(c, a);
}

/* ---- metadata ---------------------------------------------------------- */

static int kflow_nl_dp_hash(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	kflow_nl_set_u32(c, KFLOW_OFF(dp_hash), kflow_nl_u32(c, a));
	return 0;
}

static int kflow_nl_recirc_id(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	kflow_nl_set_u32(c, KFLOW_OFF(recirc_id), kflow_nl_u32(c, a));
	return 0;
}

static int kflow_nl_priority(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	kflow_nl_set_u32(c, KFLOW_OFF(phy.priority), kflow_nl_u32(c, a));
	return 0;
}

static int kflow_nl_skb_mark(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	kflow_nl_set_u32(c, KFLOW_OFF(phy.skb_mark), kflow_nl_u32(c, a));
	return 0;
}

static int kflow_nl_in_port(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	u32 port = kflow_nl_u32(c, a);

	if (c->is_mask) {
		port = KFLOW_IN_PORT_MASK;	/* always exact */
	} else if (port >= KFLOW_MAX_PORTS) {
		NL_SET_ERR_MSG_ATTR(c->extack, a,
				    "OVS_KEY_ATTR_IN_PORT is out of range");
		return -EINVAL;
	}
	kflow_nl_set_u32(c, KFLOW_OFF(phy.in_port), port);
	return 0;
}

/* Put the fields of a parsed tunnel key, and the option block. */
static int kflow_nl_tunnel_opts(struct kflow_nl_ctx *c, const struct nlattr *a,
				const struct kflow_tun_attrs *t)
{
	u8 len = t->opts_len;

	if (!t->opts_type)
		return 0;
	if (!c->is_mask) {
		kflow_nl_set_u8(c, KFLOW_OFF(tun_opts_len), len);
	} else {
		/* A mask must cover exactly the key's Geneve options. */
		if (t->opts_type == OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS &&
		    c->match->key->tun_opts_len != len) {
			NL_SET_ERR_MSG_ATTR(c->extack, a,
					    "OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS mask length differs from the key's");
			return -EINVAL;
		}
		kflow_nl_set_u8(c, KFLOW_OFF(tun_opts_len), 0xff);
	}
	kflow_nl_set(c, KFLOW_TUN_OPTS_OFFSET(len), t->opts, len);
	return 0;
}

static int kflow_nl_tunnel(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	struct kflow_tun_attrs t;
	size_t off, len;
	int type, err;

	err = kflow_tun_parse(a, &t, c->is_mask, c->ones, c->extack);
	if (err)
		return err;

	for (type = 0; type <= OVS_TUNNEL_KEY_ATTR_MAX; type++) {
		if (!(t.present & BIT(type)) || !kflow_tun_field(type, &off, &len))
			continue;
		kflow_nl_set(c, offsetof(struct kflow_key, tun_key) + off,
			     (const u8 *)&t.key + off, len);
	}
	kflow_nl_set_be16(c, KFLOW_OFF(tun_key.tun_flags), t.key.tun_flags);
	kflow_nl_set_u8(c, KFLOW_OFF(tun_proto), c->is_mask ? 0xff : t.tun_proto);
	return kflow_nl_tunnel_opts(c, a, &t);
}

/* ---- L2 ---------------------------------------------------------------- */

static int kflow_nl_ethertype(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	__be16 type = kflow_nl_be16(c, a);

	if (c->is_mask) {
		type = htons(0xffff);	/* always exact */
	} else if (!eth_proto_is_802_3(type)) {
		NL_SET_ERR_MSG_ATTR(c->extack, a,
				    "OVS_KEY_ATTR_ETHERTYPE is below 0x0600 (an 802.3 length)");
		return -EINVAL;
	}
	kflow_nl_set_be16(c, KFLOW_OFF(eth.type), type);
	return 0;
}

/* OVS_KEY_ATTR_ETHERNET and the (innermost) OVS_KEY_ATTR_ETHERTYPE. */
int kflow_nl_l2(struct kflow_nl_ctx *c)
{
	const struct nlattr *eth = NULL, *type = NULL;
	const struct ovs_key_ethernet *k;

	if (c->todo & BIT_ULL(OVS_KEY_ATTR_ETHERNET))
		eth = c->a[OVS_KEY_ATTR_ETHERNET];
	if (c->todo & BIT_ULL(OVS_KEY_ATTR_ETHERTYPE))
		type = c->a[OVS_KEY_ATTR_ETHERTYPE];
	c->todo &= ~(BIT_ULL(OVS_KEY_ATTR_ETHERNET) |
		     BIT_ULL(OVS_KEY_ATTR_ETHERTYPE));

	if (eth) {
		k = kflow_nl_val(c, eth);
		kflow_nl_set(c, KFLOW_OFF(eth.src), k->eth_src, sizeof(k->eth_src));
		kflow_nl_set(c, KFLOW_OFF(eth.dst), k->eth_dst, sizeof(k->eth_dst));
	} else if (!c->is_mask && type) {
		NL_SET_ERR_MSG_ATTR(c->extack, type,
				    "key without OVS_KEY_ATTR_ETHERNET (non-Ethernet packet) is not supported by kflow");
		return -EINVAL;
	} else if (!c->is_mask) {
		NL_SET_ERR_MSG_MOD(c->extack,
				   "flow key needs OVS_KEY_ATTR_ETHERNET");
		return -EINVAL;
	}

	if (type)
		return kflow_nl_ethertype(c, type);
	/* Ethernet without EtherType is an 802.2 frame. */
	if (!c->is_mask)
		kflow_nl_set_be16(c, KFLOW_OFF(eth.type), htons(ETH_P_802_2));
	return 0;
}

/* ---- L3 ---------------------------------------------------------------- */

static int kflow_nl_frag_check(struct kflow_nl_ctx *c, const struct nlattr *a,
			       u8 frag)
{
	if (c->is_mask || frag <= OVS_FRAG_TYPE_MAX)
		return 0;
	NL_SET_ERR_MSG_ATTR(c->extack, a,
			    "OVS_KEY_ATTR_IPV4/IPV6 fragment type is out of range");
	return -EINVAL;
}

static int kflow_nl_ipv4(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	const struct ovs_key_ipv4 *k = kflow_nl_val(c, a);
	int err;

	err = kflow_nl_frag_check(c, a, k->ipv4_frag);
	if (err)
		return err;
	kflow_nl_set_u8(c, KFLOW_OFF(ip.proto), k->ipv4_proto);
	kflow_nl_set_u8(c, KFLOW_OFF(ip.tos), k->ipv4_tos);
	kflow_nl_set_u8(c, KFLOW_OFF(ip.ttl), k->ipv4_ttl);
	kflow_nl_set_u8(c, KFLOW_OFF(ip.frag), k->ipv4_frag);
	kflow_nl_set(c, KFLOW_OFF(ipv4.src), &k->ipv4_src, sizeof(k->ipv4_src));
	kflow_nl_set(c, KFLOW_OFF(ipv4.dst), &k->ipv4_dst, sizeof(k->ipv4_dst));
	return 0;
}

static int kflow_nl_ipv6(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	const struct ovs_key_ipv6 *k = kflow_nl_val(c, a);
	int err;

	err = kflow_nl_frag_check(c, a, k->ipv6_frag);
	if (err)
		return err;
	if (!c->is_mask && (k->ipv6_label & htonl(0xfff00000))) {
		NL_SET_ERR_MSG_ATTR(c->extack, a,
				    "OVS_KEY_ATTR_IPV6 flow label is wider than 20 bits");
		return -EINVAL;
	}
	kflow_nl_set(c, KFLOW_OFF(ipv6.label), &k->ipv6_label, sizeof(k->ipv6_label));
	kflow_nl_set_u8(c, KFLOW_OFF(ip.proto), k->ipv6_proto);
	kflow_nl_set_u8(c, KFLOW_OFF(ip.tos), k->ipv6_tclass);
	kflow_nl_set_u8(c, KFLOW_OFF(ip.ttl), k->ipv6_hlimit);
	kflow_nl_set_u8(c, KFLOW_OFF(ip.frag), k->ipv6_frag);
	kflow_nl_set(c, KFLOW_OFF(ipv6.src), k->ipv6_src, sizeof(k->ipv6_src));
	kflow_nl_set(c, KFLOW_OFF(ipv6.dst), k->ipv6_dst, sizeof(k->ipv6_dst));
	return 0;
}

/* kflow never extracts extension header flags: only zero matches. */
static int kflow_nl_ipv6_exthdrs(struct kflow_nl_ctx *c,
				 const struct nlattr *a)
{
	const struct ovs_key_ipv6_exthdrs *k = kflow_nl_val(c, a);

	if (!c->is_mask && k->hdrs)
		return kflow_nl_unsupported(c, a);
	kflow_nl_set(c, KFLOW_OFF(ipv6.exthdrs), &k->hdrs, sizeof(k->hdrs));
	return 0;
}

static int kflow_nl_arp(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	const struct ovs_key_arp *k = kflow_nl_val(c, a);

	if (!c->is_mask && (k->arp_op & htons(0xff00))) {
		NL_SET_ERR_MSG_ATTR(c->extack, a,
				    "OVS_KEY_ATTR_ARP opcode does not fit in 8 bits");
		return -EINVAL;
	}
	kflow_nl_set(c, KFLOW_OFF(ipv4.src), &k->arp_sip, sizeof(k->arp_sip));
	kflow_nl_set(c, KFLOW_OFF(ipv4.dst), &k->arp_tip, sizeof(k->arp_tip));
	kflow_nl_set_u8(c, KFLOW_OFF(ip.proto), (u8)ntohs(k->arp_op));
	kflow_nl_set(c, KFLOW_OFF(ipv4.arp_sha), k->arp_sha, sizeof(k->arp_sha));
	kflow_nl_set(c, KFLOW_OFF(ipv4.arp_tha), k->arp_tha, sizeof(k->arp_tha));
	return 0;
}

/* ---- L4 ---------------------------------------------------------------- */

/* TCP, UDP and SCTP keys are all two big-endian ports. */
static int kflow_nl_ports(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	const __be16 *ports = kflow_nl_val(c, a);

	kflow_nl_set_be16(c, KFLOW_OFF(tp.src), ports[0]);
	kflow_nl_set_be16(c, KFLOW_OFF(tp.dst), ports[1]);
	return 0;
}

static int kflow_nl_tcp_flags(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	kflow_nl_set_be16(c, KFLOW_OFF(tp.flags), kflow_nl_be16(c, a));
	return 0;
}

/* ICMP and ICMPv6 keys are a type and a code byte. */
static int kflow_nl_icmp(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	const u8 *k = kflow_nl_val(c, a);

	kflow_nl_set_be16(c, KFLOW_OFF(tp.src), htons(k[0]));
	kflow_nl_set_be16(c, KFLOW_OFF(tp.dst), htons(k[1]));
	return 0;
}

static int kflow_nl_nd(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	const struct ovs_key_nd *k = kflow_nl_val(c, a);

	kflow_nl_set(c, KFLOW_OFF(ipv6.nd_target), k->nd_target, sizeof(k->nd_target));
	kflow_nl_set(c, KFLOW_OFF(ipv6.nd_sll), k->nd_sll, sizeof(k->nd_sll));
	kflow_nl_set(c, KFLOW_OFF(ipv6.nd_tll), k->nd_tll, sizeof(k->nd_tll));
	return 0;
}

/* ---- the attribute table ----------------------------------------------- */

const struct kflow_key_attr_desc kflow_key_attrs[OVS_KEY_ATTR_MAX + 1] = {
	[OVS_KEY_ATTR_ENCAP] = { KFLOW_NL_NESTED, NULL },
	[OVS_KEY_ATTR_PRIORITY] = { sizeof(u32), kflow_nl_priority },
	[OVS_KEY_ATTR_IN_PORT] = { sizeof(u32), kflow_nl_in_port },
	[OVS_KEY_ATTR_ETHERNET] = { sizeof(struct ovs_key_ethernet), NULL },
	[OVS_KEY_ATTR_VLAN] = { sizeof(__be16), NULL },
	[OVS_KEY_ATTR_ETHERTYPE] = { sizeof(__be16), NULL },
	[OVS_KEY_ATTR_IPV4] = { sizeof(struct ovs_key_ipv4), kflow_nl_ipv4 },
	[OVS_KEY_ATTR_IPV6] = { sizeof(struct ovs_key_ipv6), kflow_nl_ipv6 },
	[OVS_KEY_ATTR_TCP] = { sizeof(struct ovs_key_tcp), kflow_nl_ports },
	[OVS_KEY_ATTR_UDP] = { sizeof(struct ovs_key_udp), kflow_nl_ports },
	[OVS_KEY_ATTR_ICMP] = { sizeof(struct ovs_key_icmp), kflow_nl_icmp },
	[OVS_KEY_ATTR_ICMPV6] = { sizeof(struct ovs_key_icmpv6), kflow_nl_icmp },
	[OVS_KEY_ATTR_ARP] = { sizeof(struct ovs_key_arp), kflow_nl_arp },
	[OVS_KEY_ATTR_ND] = { sizeof(struct ovs_key_nd), kflow_nl_nd },
	[OVS_KEY_ATTR_SKB_MARK] = { sizeof(u32), kflow_nl_skb_mark },
	[OVS_KEY_ATTR_TUNNEL] = { KFLOW_NL_NESTED, kflow_nl_tunnel },
	[OVS_KEY_ATTR_SCTP] = { sizeof(struct ovs_key_sctp), kflow_nl_ports },
	[OVS_KEY_ATTR_TCP_FLAGS] = { sizeof(__be16), kflow_nl_tcp_flags },
	[OVS_KEY_ATTR_DP_HASH] = { sizeof(u32), kflow_nl_dp_hash },
	[OVS_KEY_ATTR_RECIRC_ID] = { sizeof(u32), kflow_nl_recirc_id },
	[OVS_KEY_ATTR_MPLS] = { KFLOW_NL_VARIABLE, kflow_nl_unsupported },
	[OVS_KEY_ATTR_CT_STATE] = { sizeof(u32), kflow_nl_zero_only },
	[OVS_KEY_ATTR_CT_ZONE] = { sizeof(u16), kflow_nl_zero_only },
	[OVS_KEY_ATTR_CT_MARK] = { sizeof(u32), kflow_nl_zero_only },
	[OVS_KEY_ATTR_CT_LABELS] = { sizeof(struct ovs_key_ct_labels), kflow_nl_zero_only },
	[OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4] = {
		sizeof(struct ovs_key_ct_tuple_ipv4), kflow_nl_zero_only },
	[OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6] = {
		sizeof(struct ovs_key_ct_tuple_ipv6), kflow_nl_zero_only },
	[OVS_KEY_ATTR_NSH] = { KFLOW_NL_NESTED, kflow_nl_unsupported },
	[OVS_KEY_ATTR_IPV6_EXTHDRS] = {
		sizeof(struct ovs_key_ipv6_exthdrs), kflow_nl_ipv6_exthdrs },
};
