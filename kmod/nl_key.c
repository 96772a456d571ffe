// SPDX-License-Identifier: GPL-2.0
/*
 * nl_key.c - flow keys and masks from OVS_KEY_ATTR_* attributes.
 *
 * Parsing runs in three steps over one attribute nest (key or mask):
 *  1. collect: every attribute is checked (type, length, duplicate) and
 *     indexed by type; in a mask, all-zero attributes are dropped, they
 *     wildcard nothing;
 *  2. VLAN unwrapping: a VLAN EtherType with OVS_KEY_ATTR_VLAN and
 *     OVS_KEY_ATTR_ENCAP sets the tag and the ENCAP nest is collected in
 *     place of the outer EtherType, twice at most;
 *  3. apply: a table gives each attribute its parser; they run in the
 *     stock datapath's order, each writing key (or mask) fields and
 *     widening the match's byte range.
 * A key with no mask gets an exact mask by running the mask steps over
 * the key's own attributes, reading every value as all-ones bytes.
 * Finally the key and mask attribute sets are checked against the key's
 * EtherType and IP protocol (what the key must carry, what the mask may).
 *
 * kflow matches on less than the stock datapath: attributes it never
 * extracts (conntrack, IPv6 extension header flags) are accepted only with
 * an all-zero key value, which every kflow packet has; MPLS, NSH and
 * non-Ethernet keys are refused.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/in.h>
#include <linux/openvswitch.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include "datapath.h"
#include "nl_key.h"
#include "nl_key_int.h"
#include "test_export.h"

/* ---- applying attributes in order ----------------------------------- */

/* Application order (the stock datapath's); L2 runs between the two. */
static const u8 kflow_key_meta_order[] = {
	OVS_KEY_ATTR_DP_HASH, OVS_KEY_ATTR_RECIRC_ID, OVS_KEY_ATTR_PRIORITY,
	OVS_KEY_ATTR_IN_PORT, OVS_KEY_ATTR_SKB_MARK, OVS_KEY_ATTR_TUNNEL,
	OVS_KEY_ATTR_CT_STATE, OVS_KEY_ATTR_CT_ZONE, OVS_KEY_ATTR_CT_MARK,
	OVS_KEY_ATTR_CT_LABELS, OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4,
	OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6,
};

static const u8 kflow_key_l3l4_order[] = {
	OVS_KEY_ATTR_IPV4, OVS_KEY_ATTR_IPV6, OVS_KEY_ATTR_IPV6_EXTHDRS,
	OVS_KEY_ATTR_ARP, OVS_KEY_ATTR_NSH, OVS_KEY_ATTR_MPLS,
	OVS_KEY_ATTR_TCP, OVS_KEY_ATTR_TCP_FLAGS, OVS_KEY_ATTR_UDP,
	OVS_KEY_ATTR_SCTP, OVS_KEY_ATTR_ICMP, OVS_KEY_ATTR_ICMPV6,
	OVS_KEY_ATTR_ND,
};

static int kflow_nl_apply(struct kflow_nl_ctx *c, const u8 *order, size_t n)
{
	size_t i;
	int err;

	for (i = 0; i < n; i++) {
		u8 type = order[i];

		if (!(c->todo & BIT_ULL(type)))
			continue;
		c->todo &= ~BIT_ULL(type);
		err = kflow_key_attrs[type].from_nl(c, c->a[type]);
		if (err)
			return err;
	}
	return 0;
}

/* ---- collecting a nest ------------------------------------------------- */

static int kflow_nl_check_attr(struct kflow_nl_ctx *c, const struct nlattr *a)
{
	int type = nla_type(a);
	int len;

	if (type == OVS_KEY_ATTR_UNSPEC || type > OVS_KEY_ATTR_MAX ||
	    type == OVS_KEY_ATTR_PACKET_TYPE ||
	    type == OVS_KEY_ATTR_ND_EXTENSIONS ||
	    type == OVS_KEY_ATTR_TUNNEL_INFO)
		return kflow_nl_unsupported(c, a);
	if (c->attrs & BIT_ULL(type)) {
		NL_SET_ERR_MSG_ATTR(c->extack, a,
				    "duplicate OVS_KEY_ATTR_* attribute");
		return -EINVAL;
	}
	len = kflow_key_attrs[type].len;
	if (len >= 0 && nla_len(a) != len) {
		NL_SET_ERR_MSG_ATTR(c->extack, a,
				    "OVS_KEY_ATTR_* attribute has the wrong length");
		return -EINVAL;
	}
	return 0;
}

/* A mask attribute that wildcards everything is as good as absent. */
static bool kflow_nl_skip(const struct kflow_nl_ctx *c, const struct nlattr *a)
{
	if (!c->is_mask)
		return false;
	if (c->ones)
		return !nla_len(a);
	return !memchr_inv(nla_data(a), 0, nla_len(a));
}

static int kflow_nl_collect(struct kflow_nl_ctx *c, const struct nlattr *nest)
{
	const struct nlattr *a;
	int rem, err;

	nla_for_each_nested(a, nest, rem) {
		err = kflow_nl_check_attr(c, a);
		if (err)
			return err;
		if (kflow_nl_skip(c, a))
			continue;
		c->attrs |= BIT_ULL(nla_type(a));
		c->a[nla_type(a)] = a;
	}
	if (rem) {
		NL_SET_ERR_MSG_ATTR(c->extack, nest,
				    "trailing bytes after the last OVS_KEY_ATTR_* attribute");
		return -EINVAL;
	}
	return 0;
}

/* ---- VLAN unwrapping --------------------------------------------------- */

/* Key: 1 if this level is a VLAN tag, 0 if not, or an error. */
static int kflow_nl_vlan_key(struct kflow_nl_ctx *c)
{
	const struct nlattr *encap = c->a[OVS_KEY_ATTR_ENCAP];
	__be16 tci;

	if (!kflow_nl_has(c, OVS_KEY_ATTR_ETHERNET) ||
	    !kflow_nl_has(c, OVS_KEY_ATTR_ETHERTYPE) ||
	    !eth_type_vlan(nla_get_be16(c->a[OVS_KEY_ATTR_ETHERTYPE])))
		return 0;
	if (!kflow_nl_has(c, OVS_KEY_ATTR_VLAN) ||
	    !kflow_nl_has(c, OVS_KEY_ATTR_ENCAP)) {
		NL_SET_ERR_MSG_ATTR(c->extack, c->a[OVS_KEY_ATTR_ETHERTYPE],
				    "VLAN OVS_KEY_ATTR_ETHERTYPE needs OVS_KEY_ATTR_VLAN and OVS_KEY_ATTR_ENCAP");
		return -EINVAL;
	}
	tci = nla_get_be16(c->a[OVS_KEY_ATTR_VLAN]);
	if (tci & htons(VLAN_CFI_MASK))
		return 1;
	if (tci) {
		NL_SET_ERR_MSG_ATTR(c->extack, c->a[OVS_KEY_ATTR_VLAN],
				    "OVS_KEY_ATTR_VLAN lacks the VLAN_CFI_MASK (tag present) bit");
		return -EINVAL;
	}
	if (nla_len(encap)) {
		NL_SET_ERR_MSG_ATTR(c->extack, encap,
				    "truncated VLAN header with a non-empty OVS_KEY_ATTR_ENCAP");
		return -EINVAL;
	}
	return 1;	/* a truncated tag: TCI 0, nothing inside */
}

/* Mask: 1 if this level is a VLAN tag, 0 if not, or an error. */
static int kflow_nl_vlan_mask(struct kflow_nl_ctx *c, bool inner)
{
	const struct kflow_key *key = c->match->key;
	const struct nlattr *encap = c->a[OVS_KEY_ATTR_ENCAP];
	__be16 ktci = inner ? key->eth.cvlan.tci : key->eth.vlan.tci;
	__be16 tpid = 0, tci = 0;

	if (!kflow_nl_has(c, OVS_KEY_ATTR_ENCAP))
		return 0;
	if (!(ktci & htons(VLAN_CFI_MASK))) {
		NL_SET_ERR_MSG_ATTR(c->extack, encap,
				    "mask has OVS_KEY_ATTR_ENCAP where the key has no VLAN tag");
		return -EINVAL;
	}
	if (kflow_nl_has(c, OVS_KEY_ATTR_VLAN))
		tci = kflow_nl_be16(c, c->a[OVS_KEY_ATTR_VLAN]);
	if (kflow_nl_has(c, OVS_KEY_ATTR_ETHERTYPE))
		tpid = kflow_nl_be16(c, c->a[OVS_KEY_ATTR_ETHERTYPE]);
	if (tpid != htons(0xffff)) {
		NL_SET_ERR_MSG_ATTR(c->extack, encap,
				    "VLAN mask must match the TPID (OVS_KEY_ATTR_ETHERTYPE) exactly");
		return -EINVAL;
	}
	if (!(tci & htons(VLAN_CFI_MASK))) {
		NL_SET_ERR_MSG_ATTR(c->extack, encap,
				    "VLAN mask must match the VLAN_CFI_MASK bit of OVS_KEY_ATTR_VLAN");
		return -EINVAL;
	}
	return 1;
}

static int kflow_nl_vlan_level(struct kflow_nl_ctx *c, bool inner)
{
	const struct nlattr *encap = c->a[OVS_KEY_ATTR_ENCAP];
	__be16 tpid = 0, tci = 0;
	int res;

	res = c->is_mask ? kflow_nl_vlan_mask(c, inner) : kflow_nl_vlan_key(c);
	if (res <= 0)
		return res;

	if (kflow_nl_has(c, OVS_KEY_ATTR_VLAN))
		tci = kflow_nl_be16(c, c->a[OVS_KEY_ATTR_VLAN]);
	if (kflow_nl_has(c, OVS_KEY_ATTR_ETHERTYPE))
		tpid = kflow_nl_be16(c, c->a[OVS_KEY_ATTR_ETHERTYPE]);
	if (inner) {
		kflow_nl_set_be16(c, KFLOW_OFF(eth.cvlan.tpid), tpid);
		kflow_nl_set_be16(c, KFLOW_OFF(eth.cvlan.tci), tci);
	} else {
		kflow_nl_set_be16(c, KFLOW_OFF(eth.vlan.tpid), tpid);
		kflow_nl_set_be16(c, KFLOW_OFF(eth.vlan.tci), tci);
	}

	/* The encapsulated attributes take the place of the tag's. */
	c->attrs &= ~(BIT_ULL(OVS_KEY_ATTR_ENCAP) | BIT_ULL(OVS_KEY_ATTR_VLAN) |
		      BIT_ULL(OVS_KEY_ATTR_ETHERTYPE));
	return kflow_nl_collect(c, encap);
}

static int kflow_nl_vlans(struct kflow_nl_ctx *c)
{
	int err;

	err = kflow_nl_vlan_level(c, false);
	if (err || !(c->match->key->eth.vlan.tci & htons(VLAN_CFI_MASK)))
		return err;
	return kflow_nl_vlan_level(c, true);
}

/* ---- one nest, key or mask --------------------------------------------- */

static void kflow_nl_ctx_init(struct kflow_nl_ctx *c, struct kflow_match *m,
			      bool is_mask, bool ones,
			      struct netlink_ext_ack *extack)
{
	memset(c, 0, sizeof(*c));
	c->match = m;
	c->extack = extack;
	c->is_mask = is_mask;
	c->ones = ones;
}

static int kflow_nl_leftover(struct kflow_nl_ctx *c)
{
	if (!c->todo)
		return 0;
	NL_SET_ERR_MSG_ATTR(c->extack, c->a[__ffs64(c->todo)],
			    "unexpected OVS_KEY_ATTR_* attribute here (VLAN or ENCAP without a VLAN EtherType?)");
	return -EINVAL;
}

static int kflow_nl_parse(struct kflow_nl_ctx *c, const struct nlattr *nest)
{
	int err;

	err = kflow_nl_collect(c, nest);
	if (err)
		return err;
	if (c->is_mask) {
		/* The tag-present bit is always matched. */
		kflow_nl_set_be16(c, KFLOW_OFF(eth.vlan.tci), htons(0xffff));
		kflow_nl_set_be16(c, KFLOW_OFF(eth.cvlan.tci), htons(0xffff));
	}
	err = kflow_nl_vlans(c);
	if (err)
		return err;

	c->todo = c->attrs;
	if (!c->is_mask && !kflow_nl_has(c, OVS_KEY_ATTR_IN_PORT))
		kflow_nl_set_u32(c, KFLOW_OFF(phy.in_port), KFLOW_MAX_PORTS);
	err = kflow_nl_apply(c, kflow_key_meta_order,
			     ARRAY_SIZE(kflow_key_meta_order));
	if (!err)
		err = kflow_nl_l2(c);
	if (!err)
		err = kflow_nl_apply(c, kflow_key_l3l4_order,
				     ARRAY_SIZE(kflow_key_l3l4_order));
	return err ? err : kflow_nl_leftover(c);
}

/* ---- key/mask consistency ---------------------------------------------- */

#define KFLOW_NL_L3L4_ATTRS						\
	(BIT_ULL(OVS_KEY_ATTR_IPV4) | BIT_ULL(OVS_KEY_ATTR_IPV6) |	\
	 BIT_ULL(OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4) |			\
	 BIT_ULL(OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6) |			\
	 BIT_ULL(OVS_KEY_ATTR_TCP) | BIT_ULL(OVS_KEY_ATTR_TCP_FLAGS) |	\
	 BIT_ULL(OVS_KEY_ATTR_UDP) | BIT_ULL(OVS_KEY_ATTR_SCTP) |	\
	 BIT_ULL(OVS_KEY_ATTR_ICMP) | BIT_ULL(OVS_KEY_ATTR_ICMPV6) |	\
	 BIT_ULL(OVS_KEY_ATTR_ARP) | BIT_ULL(OVS_KEY_ATTR_ND) |		\
	 BIT_ULL(OVS_KEY_ATTR_MPLS) | BIT_ULL(OVS_KEY_ATTR_NSH))

static u64 kflow_nl_l4_attrs(u8 proto, bool ipv6)
{
	switch (proto) {
	case IPPROTO_TCP:
		return BIT_ULL(OVS_KEY_ATTR_TCP) |
		       BIT_ULL(OVS_KEY_ATTR_TCP_FLAGS);
	case IPPROTO_UDP:
		return BIT_ULL(OVS_KEY_ATTR_UDP);
	case IPPROTO_SCTP:
		return BIT_ULL(OVS_KEY_ATTR_SCTP);
	case IPPROTO_ICMP:
		return ipv6 ? 0 : BIT_ULL(OVS_KEY_ATTR_ICMP);
	case IPPROTO_ICMPV6:
		return ipv6 ? BIT_ULL(OVS_KEY_ATTR_ICMPV6) : 0;
	}
	return 0;
}

/* What an IPv4/IPv6 key must carry and what its mask may. */
static void kflow_nl_expect_ip(const struct kflow_match *m, bool ipv6,
			       u64 *expected, u64 *allowed)
{
	const struct kflow_key *key = m->key;
	const struct kflow_key *mask = m->mask ? &m->mask->key : NULL;
	u64 l4;

	*expected |= BIT_ULL(ipv6 ? OVS_KEY_ATTR_IPV6 : OVS_KEY_ATTR_IPV4);
	if (mask && mask->eth.type == htons(0xffff))
		*allowed |= ipv6 ? BIT_ULL(OVS_KEY_ATTR_IPV6) |
				   BIT_ULL(OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6) :
				   BIT_ULL(OVS_KEY_ATTR_IPV4) |
				   BIT_ULL(OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4);
	if (key->ip.frag == OVS_FRAG_TYPE_LATER)
		return;

	l4 = kflow_nl_l4_attrs(key->ip.proto, ipv6);
	*expected |= l4;
	if (mask && mask->ip.proto == 0xff)
		*allowed |= l4;
	if (!(l4 & BIT_ULL(OVS_KEY_ATTR_ICMPV6)) ||
	    (key->tp.src != htons(NDISC_NEIGHBOUR_SOLICITATION) &&
	     key->tp.src != htons(NDISC_NEIGHBOUR_ADVERTISEMENT)))
		return;

	/* Neighbour discovery; its fields overlap the conntrack tuple. */
	*expected |= BIT_ULL(OVS_KEY_ATTR_ND);
	*allowed &= ~BIT_ULL(OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6);
	if (mask && mask->tp.src == htons(0xff))
		*allowed |= BIT_ULL(OVS_KEY_ATTR_ND);
}

static int kflow_nl_missing(struct netlink_ext_ack *extack,
			    const struct nlattr *key, int type)
{
	switch (type) {
	case OVS_KEY_ATTR_IPV4:
		NL_SET_ERR_MSG_ATTR(extack, key,
				    "IPv4 flow key lacks OVS_KEY_ATTR_IPV4");
		break;
	case OVS_KEY_ATTR_IPV6:
		NL_SET_ERR_MSG_ATTR(extack, key,
				    "IPv6 flow key lacks OVS_KEY_ATTR_IPV6");
		break;
	case OVS_KEY_ATTR_ARP:
		NL_SET_ERR_MSG_ATTR(extack, key,
				    "ARP flow key lacks OVS_KEY_ATTR_ARP");
		break;
	case OVS_KEY_ATTR_ND:
		NL_SET_ERR_MSG_ATTR(extack, key,
				    "neighbour discovery flow key lacks OVS_KEY_ATTR_ND");
		break;
	default:
		NL_SET_ERR_MSG_ATTR(extack, key,
				    "flow key lacks the L4 attribute of its IP protocol (OVS_KEY_ATTR_TCP/TCP_FLAGS/UDP/SCTP/ICMP/ICMPV6)");
	}
	return -EINVAL;
}

static int kflow_nl_validate(const struct kflow_nl_ctx *kc,
			     const struct kflow_nl_ctx *mc,
			     const struct nlattr *key_attr)
{
	const struct kflow_match *m = kc->match;
	__be16 type = m->key->eth.type;
	u64 expected = 0, allowed, bad;

	allowed = (kc->attrs & ~KFLOW_NL_L3L4_ATTRS) |
		  BIT_ULL(OVS_KEY_ATTR_TUNNEL) | BIT_ULL(OVS_KEY_ATTR_IN_PORT) |
		  BIT_ULL(OVS_KEY_ATTR_ETHERTYPE);
	if (type == htons(ETH_P_ARP) || type == htons(ETH_P_RARP)) {
		expected |= BIT_ULL(OVS_KEY_ATTR_ARP);
		if (m->mask && m->mask->key.eth.type == htons(0xffff))
			allowed |= BIT_ULL(OVS_KEY_ATTR_ARP);
	} else if (type == htons(ETH_P_IP) || type == htons(ETH_P_IPV6)) {
		kflow_nl_expect_ip(m, type == htons(ETH_P_IPV6), &expected,
				   &allowed);
	}

	bad = expected & ~kc->attrs;
	if (bad)
		return kflow_nl_missing(kc->extack, key_attr, __ffs64(bad));
	bad = mc->attrs & ~allowed;
	if (bad) {
		NL_SET_ERR_MSG_ATTR(kc->extack, mc->a[__ffs64(bad)],
				    "mask attribute not allowed: absent from the key, or its EtherType/IP protocol is not matched exactly");
		return -EINVAL;
	}
	return 0;
}

/* ---- parsing entry points ---------------------------------------------- */

void kflow_match_init(struct kflow_match *match, struct kflow_key *key,
		      bool reset_key, struct kflow_mask *mask)
{
	memset(match, 0, sizeof(*match));
	match->key = key;
	match->mask = mask;
	if (reset_key)
		memset(key, 0, sizeof(*key));
	if (mask) {
		memset(&mask->key, 0, sizeof(mask->key));
		mask->range.start = 0;
		mask->range.end = 0;
	}
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_match_init);

int kflow_nl_match_from_nl(struct net *net, struct kflow_match *match,
			   const struct nlattr *key, const struct nlattr *mask,
			   struct netlink_ext_ack *extack)
{
	struct kflow_nl_ctx kc, mc;
	int err;

	if (!key) {
		NL_SET_ERR_MSG_MOD(extack, "flow key attribute is missing");
		return -EINVAL;
	}
	kflow_nl_ctx_init(&kc, match, false, false, extack);
	err = kflow_nl_parse(&kc, key);
	if (err)
		return err;

	/* No mask attribute: exact match on everything the key names. */
	kflow_nl_ctx_init(&mc, match, true, !mask, extack);
	if (match->mask) {
		if (!mask && match->key->tun_proto)
			kflow_nl_set(&mc, offsetof(struct kflow_key, tun_key),
				     kflow_nl_ones,
				     sizeof(struct ip_tunnel_key));
		err = kflow_nl_parse(&mc, mask ? mask : key);
		if (err)
			return err;
	}
	return kflow_nl_validate(&kc, &mc, key);
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_nl_match_from_nl);

int kflow_nl_key_metadata_from_nl(struct net *net, const struct nlattr *attr,
				  struct kflow_key *key,
				  struct netlink_ext_ack *extack)
{
	struct kflow_match match;
	struct kflow_nl_ctx c;
	int err;

	kflow_match_init(&match, key, true, NULL);
	if (!attr) {
		NL_SET_ERR_MSG_MOD(extack, "packet key attribute is missing");
		return -EINVAL;
	}
	kflow_nl_ctx_init(&c, &match, false, false, extack);
	err = kflow_nl_collect(&c, attr);
	if (err)
		return err;

	c.todo = c.attrs;
	if (!kflow_nl_has(&c, OVS_KEY_ATTR_IN_PORT))
		key->phy.in_port = KFLOW_MAX_PORTS;
	err = kflow_nl_apply(&c, kflow_key_meta_order,
			     ARRAY_SIZE(kflow_key_meta_order));
	if (err)
		return err;
	if (!kflow_nl_has(&c, OVS_KEY_ATTR_ETHERNET) &&
	    kflow_nl_has(&c, OVS_KEY_ATTR_ETHERTYPE)) {
		NL_SET_ERR_MSG_ATTR(extack, c.a[OVS_KEY_ATTR_ETHERTYPE],
				    "packet without OVS_KEY_ATTR_ETHERNET (non-Ethernet) is not supported by kflow");
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_nl_key_metadata_from_nl);
