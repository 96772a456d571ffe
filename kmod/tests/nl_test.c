// SPDX-License-Identifier: GPL-2.0
/*
 * nl_test.c - KUnit suite "kflow_nl": the netlink key, mask and action
 * codecs.
 *
 * Round trips: the key of every crafted frame (frames.c) is emitted as
 * OVS_KEY_ATTR_* attributes, parsed back, and must come out identical,
 * with the exact-match mask the ABI gives an absent mask attribute; that
 * mask, emitted and parsed back, emits the same attributes again and
 * selects the same key bits; action lists of every supported kind are
 * parsed into the internal form and dumped back byte for byte.
 * Rejections: one malformed input of each kind, each refused with -EINVAL
 * (or the documented error) and an extack message.
 */
#include <kunit/test.h>
#include <linux/if_vlan.h>
#include <linux/in.h>
#include <net/net_namespace.h>
#include <net/netlink.h>
#include "../actions.h"
#include "../nl_key.h"
#include "frames.h"

#define KT_NL_SKB	8192

static struct sk_buff *kt_nl_skb(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(KT_NL_SKB, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	return skb;
}

/* The attribute at offset @off of @skb (offsets survive reallocation). */
static const struct nlattr *kt_attr(struct sk_buff *skb, int off)
{
	return off < 0 ? NULL : (const struct nlattr *)(skb->data + off);
}

struct kt_match {
	struct kflow_key key;
	struct kflow_mask mask;
	struct kflow_match m;
};

static int kt_parse(struct kt_match *km, const struct nlattr *key,
		    const struct nlattr *mask, struct netlink_ext_ack *extack)
{
	kflow_match_init(&km->m, &km->key, true, &km->mask);
	return kflow_nl_match_from_nl(&init_net, &km->m, key, mask, extack);
}

/* ---- key round trips --------------------------------------------------- */

/* The nest at @off of @skb equals the one at @off2, byte for byte. */
static bool kt_same_nest(struct sk_buff *skb, int off, int off2)
{
	const struct nlattr *a = kt_attr(skb, off), *b = kt_attr(skb, off2);

	return a->nla_len == b->nla_len && !memcmp(a, b, a->nla_len);
}

/*
 * Key out, key in (no mask attribute: the exact mask); that mask out, and
 * key plus mask in again.  The second mask need not be the first byte
 * for byte: the stock datapath emits an OVS_KEY_ATTR_TUNNEL nest (its TTL)
 * in every mask, and parsing a tunnel mask makes tun_proto exact and
 * covers tun_key.tun_flags/ttl, so the mask's range starts earlier (in
 * the stock module too).  What must hold is what userspace and the flow
 * table see: the second mask emits the same attributes as the first, and
 * it selects the same bits of the key.
 */
static void kt_nl_key_round_trip(struct kunit *test)
{
	const struct kt_frame_case *c = test->param_value;
	struct netlink_ext_ack extack = {};
	struct kflow_key *key, *ka, *kb;
	struct kt_match *a, *b;
	struct kt_frame *f;
	struct sk_buff *frame, *skb;
	int koff, moff, moff2, err;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	key = kunit_kzalloc(test, sizeof(*key), GFP_KERNEL);
	ka = kunit_kzalloc(test, sizeof(*ka), GFP_KERNEL);
	kb = kunit_kzalloc(test, sizeof(*kb), GFP_KERNEL);
	a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, f && key && ka && kb && a && b);
	c->build(f);
	frame = kt_frame_skb(test, f, f->len);
	frame->priority = 3;
	err = kflow_key_extract(frame, 5, NULL, key);
	kfree_skb(frame);
	KUNIT_ASSERT_EQ(test, err, 0);
	key->recirc_id = 2;

	/* Key out, key in: the same key, exact-match mask. */
	skb = kt_nl_skb(test);
	koff = skb->len;
	err = kflow_nl_put_key(key, key, OVS_FLOW_ATTR_KEY, false, skb);
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_EXPECT_LE(test, skb->len - koff, kflow_nl_key_attr_size());
	err = kt_parse(a, kt_attr(skb, koff), NULL, &extack);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "parse of our own key: %s",
			    extack._msg ?: "(no message)");
	KUNIT_EXPECT_TRUE_MSG(test, !memcmp(&a->key, key, sizeof(*key)),
			      "key changed by a netlink round trip");

	/* That mask out, key and mask in, the new mask out. */
	moff = skb->len;
	err = kflow_nl_put_key(key, &a->mask.key, OVS_FLOW_ATTR_MASK, true, skb);
	KUNIT_ASSERT_EQ(test, err, 0);
	err = kt_parse(b, kt_attr(skb, koff), kt_attr(skb, moff), &extack);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "parse of our own mask: %s",
			    extack._msg ?: "(no message)");
	KUNIT_EXPECT_TRUE_MSG(test, !memcmp(&b->key, key, sizeof(*key)),
			      "key changed when parsed with its mask");
	moff2 = skb->len;
	err = kflow_nl_put_key(key, &b->mask.key, OVS_FLOW_ATTR_MASK, true, skb);
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_EXPECT_TRUE_MSG(test, kt_same_nest(skb, moff, moff2),
			      "mask emitted differently after a netlink round trip");

	kflow_key_mask(ka, key, true, &a->mask);
	kflow_key_mask(kb, key, true, &b->mask);
	KUNIT_EXPECT_TRUE_MSG(test, !memcmp(ka, kb, sizeof(*ka)),
			      "the round-tripped mask selects other key bits");
	KUNIT_EXPECT_LE(test, b->mask.range.start, a->mask.range.start);
	KUNIT_EXPECT_GE(test, b->mask.range.end, a->mask.range.end);
	kfree_skb(skb);
}

/* ---- malformed keys ---------------------------------------------------- */

static void kt_put_eth(struct sk_buff *skb, u16 type)
{
	struct ovs_key_ethernet eth = {
		.eth_src = { 2, 0, 0, 0, 0, 1 },
		.eth_dst = { 2, 0, 0, 0, 0, 2 },
	};

	nla_put(skb, OVS_KEY_ATTR_ETHERNET, sizeof(eth), &eth);
	nla_put_be16(skb, OVS_KEY_ATTR_ETHERTYPE, htons(type));
}

static void kt_put_ipv4(struct sk_buff *skb, u8 proto, u8 frag)
{
	struct ovs_key_ipv4 ip = {
		.ipv4_src = htonl(0x0a000001),
		.ipv4_dst = htonl(0x0a000002),
		.ipv4_proto = proto,
		.ipv4_ttl = 64,
		.ipv4_frag = frag,
	};

	nla_put(skb, OVS_KEY_ATTR_IPV4, sizeof(ip), &ip);
}

static void kt_put_udp(struct sk_buff *skb)
{
	struct ovs_key_udp udp = { htons(1), htons(2) };

	nla_put(skb, OVS_KEY_ATTR_UDP, sizeof(udp), &udp);
}

/* A valid IPv4/UDP key, the base of most malformed ones. */
static void kt_put_udp4(struct sk_buff *skb)
{
	nla_put_u32(skb, OVS_KEY_ATTR_IN_PORT, 1);
	kt_put_eth(skb, ETH_P_IP);
	kt_put_ipv4(skb, IPPROTO_UDP, OVS_FRAG_TYPE_NONE);
	kt_put_udp(skb);
}

static void kt_k_wrong_len(struct sk_buff *skb)
{
	nla_put_u16(skb, OVS_KEY_ATTR_IN_PORT, 1);
}

static void kt_k_unknown(struct sk_buff *skb)
{
	kt_put_udp4(skb);
	nla_put_u32(skb, OVS_KEY_ATTR_MAX + 1, 0);
}

static void kt_k_zero_type(struct sk_buff *skb)
{
	nla_put_u32(skb, OVS_KEY_ATTR_UNSPEC, 0);
}

static void kt_k_duplicate(struct sk_buff *skb)
{
	nla_put_u32(skb, OVS_KEY_ATTR_PRIORITY, 1);
	kt_put_udp4(skb);
	nla_put_u32(skb, OVS_KEY_ATTR_PRIORITY, 2);
}

static void kt_k_trailing(struct sk_buff *skb)
{
	kt_put_udp4(skb);
	skb_put_zero(skb, 2);	/* half an attribute header */
}

static void kt_k_overlong(struct sk_buff *skb)
{
	struct nlattr *a;

	kt_put_udp4(skb);
	a = skb_put_zero(skb, NLA_HDRLEN + 4);
	a->nla_type = OVS_KEY_ATTR_SKB_MARK;
	a->nla_len = NLA_HDRLEN + 40;	/* runs past the nest */
}

static void kt_k_ipv4_on_ipv6(struct sk_buff *skb)
{
	kt_put_eth(skb, ETH_P_IPV6);
	kt_put_ipv4(skb, IPPROTO_UDP, 0);
}

static void kt_k_missing_ipv4(struct sk_buff *skb)
{
	kt_put_eth(skb, ETH_P_IP);
}

static void kt_k_missing_l4(struct sk_buff *skb)
{
	kt_put_eth(skb, ETH_P_IP);
	kt_put_ipv4(skb, IPPROTO_UDP, 0);
}

static void kt_k_tcp_on_udp(struct sk_buff *skb)
{
	struct ovs_key_tcp tcp = { htons(1), htons(2) };

	kt_put_eth(skb, ETH_P_IP);
	kt_put_ipv4(skb, IPPROTO_UDP, 0);
	kt_put_udp(skb);
	nla_put(skb, OVS_KEY_ATTR_TCP, sizeof(tcp), &tcp);
}

static void kt_k_frag_range(struct sk_buff *skb)
{
	kt_put_eth(skb, ETH_P_IP);
	kt_put_ipv4(skb, IPPROTO_UDP, OVS_FRAG_TYPE_MAX + 1);
	kt_put_udp(skb);
}

static void kt_k_ipv6_frag_range(struct sk_buff *skb)
{
	struct ovs_key_ipv6 ip6 = {
		.ipv6_proto = IPPROTO_UDP,
		.ipv6_hlimit = 1,
		.ipv6_frag = OVS_FRAG_TYPE_MAX + 1,
	};

	kt_put_eth(skb, ETH_P_IPV6);
	nla_put(skb, OVS_KEY_ATTR_IPV6, sizeof(ip6), &ip6);
	kt_put_udp(skb);
}

static void kt_k_arp_op(struct sk_buff *skb)
{
	struct ovs_key_arp arp = { .arp_op = htons(0x0100) };

	kt_put_eth(skb, ETH_P_ARP);
	nla_put(skb, OVS_KEY_ATTR_ARP, sizeof(arp), &arp);
}

static void kt_k_vlan_no_encap(struct sk_buff *skb)
{
	kt_put_eth(skb, ETH_P_8021Q);
	nla_put_be16(skb, OVS_KEY_ATTR_VLAN, htons(0x1064));
}

static void kt_k_vlan_no_cfi(struct sk_buff *skb)
{
	struct nlattr *encap;

	kt_put_eth(skb, ETH_P_8021Q);
	nla_put_be16(skb, OVS_KEY_ATTR_VLAN, htons(0x0064));
	encap = nla_nest_start_noflag(skb, OVS_KEY_ATTR_ENCAP);
	nla_put_be16(skb, OVS_KEY_ATTR_ETHERTYPE, htons(ETH_P_IP));
	nla_nest_end(skb, encap);
}

static void kt_k_encap_bad(struct sk_buff *skb)
{
	struct nlattr *encap;

	kt_put_eth(skb, ETH_P_8021Q);
	nla_put_be16(skb, OVS_KEY_ATTR_VLAN, htons(0x1064));
	encap = nla_nest_start_noflag(skb, OVS_KEY_ATTR_ENCAP);
	nla_put_u16(skb, OVS_KEY_ATTR_IN_PORT, 1);	/* wrong length inside */
	nla_nest_end(skb, encap);
}

static void kt_k_tunnel_bad(struct sk_buff *skb)
{
	struct nlattr *tun;

	tun = nla_nest_start_noflag(skb, OVS_KEY_ATTR_TUNNEL);
	nla_put_u32(skb, OVS_TUNNEL_KEY_ATTR_ID, 1);	/* needs 8 bytes */
	nla_put_in_addr(skb, OVS_TUNNEL_KEY_ATTR_IPV4_DST, htonl(0x0a000002));
	nla_nest_end(skb, tun);
	kt_put_udp4(skb);
}

static void kt_k_tunnel_no_dst(struct sk_buff *skb)
{
	struct nlattr *tun;

	tun = nla_nest_start_noflag(skb, OVS_KEY_ATTR_TUNNEL);
	nla_put_be64(skb, OVS_TUNNEL_KEY_ATTR_ID, cpu_to_be64(1), 0);
	nla_put_u8(skb, OVS_TUNNEL_KEY_ATTR_TTL, 64);
	nla_nest_end(skb, tun);
	kt_put_udp4(skb);
}

static void kt_k_ct_state(struct sk_buff *skb)
{
	kt_put_udp4(skb);
	nla_put_u32(skb, OVS_KEY_ATTR_CT_STATE, 1);
}

static void kt_k_mpls(struct sk_buff *skb)
{
	kt_put_eth(skb, ETH_P_MPLS_UC);
	nla_put_be32(skb, OVS_KEY_ATTR_MPLS, htonl(0x00001100));
}

/* Malformed masks: the key is kt_put_udp4's, the mask is built here. */
static void kt_m_absent_from_key(struct sk_buff *skb)
{
	struct ovs_key_tcp tcp = { htons(0xffff), htons(0xffff) };

	nla_put_u32(skb, OVS_KEY_ATTR_IN_PORT, 0xffffffff);
	nla_put_be16(skb, OVS_KEY_ATTR_ETHERTYPE, htons(0xffff));
	nla_put(skb, OVS_KEY_ATTR_TCP, sizeof(tcp), &tcp);
}

static void kt_m_l4_inexact_proto(struct sk_buff *skb)
{
	struct ovs_key_ipv4 ip = { .ipv4_proto = 0x0f };
	struct ovs_key_udp udp = { htons(0xffff), htons(0xffff) };

	nla_put_be16(skb, OVS_KEY_ATTR_ETHERTYPE, htons(0xffff));
	nla_put(skb, OVS_KEY_ATTR_IPV4, sizeof(ip), &ip);
	nla_put(skb, OVS_KEY_ATTR_UDP, sizeof(udp), &udp);
}

/*
 * An L3 mask with the EtherType wildcarded (a zero EtherType mask, which
 * is as good as absent).  A partial EtherType mask would not do: the
 * stock datapath, and kflow, make any EtherType mask given exact.
 */
static void kt_m_l3_inexact_type(struct sk_buff *skb)
{
	struct ovs_key_ipv4 ip = { .ipv4_dst = htonl(0xffffffff) };

	nla_put_be16(skb, OVS_KEY_ATTR_ETHERTYPE, 0);
	nla_put(skb, OVS_KEY_ATTR_IPV4, sizeof(ip), &ip);
}

/* An L3 mask with a partial EtherType mask, which is made exact. */
static void kt_m_l3_partial_type(struct sk_buff *skb)
{
	struct ovs_key_ipv4 ip = { .ipv4_dst = htonl(0xffffffff) };

	nla_put_be16(skb, OVS_KEY_ATTR_ETHERTYPE, htons(0xff00));
	nla_put(skb, OVS_KEY_ATTR_IPV4, sizeof(ip), &ip);
}

static void kt_m_wrong_len(struct sk_buff *skb)
{
	nla_put_u16(skb, OVS_KEY_ATTR_SKB_MARK, 0xffff);
}

struct kt_bad_key {
	const char *name;
	void (*key)(struct sk_buff *skb);
	void (*mask)(struct sk_buff *skb);	/* NULL: no mask attribute */
};

static const struct kt_bad_key kt_bad_keys[] = {
	{ "attribute_wrong_length", kt_k_wrong_len },
	{ "attribute_unknown_type", kt_k_unknown },
	{ "attribute_type_zero", kt_k_zero_type },
	{ "attribute_duplicate", kt_k_duplicate },
	{ "trailing_bytes", kt_k_trailing },
	{ "attribute_past_nest_end", kt_k_overlong },
	{ "ipv4_attr_on_ipv6_ethertype", kt_k_ipv4_on_ipv6 },
	{ "ipv4_ethertype_without_ipv4", kt_k_missing_ipv4 },
	{ "udp_proto_without_udp", kt_k_missing_l4 },
	{ "tcp_attr_on_udp_proto", kt_k_tcp_on_udp },
	{ "ipv4_frag_type_out_of_range", kt_k_frag_range },
	{ "ipv6_frag_type_out_of_range", kt_k_ipv6_frag_range },
	{ "arp_opcode_over_255", kt_k_arp_op },
	{ "vlan_without_encap", kt_k_vlan_no_encap },
	{ "vlan_tci_without_cfi", kt_k_vlan_no_cfi },
	{ "encap_content_malformed", kt_k_encap_bad },
	{ "tunnel_id_wrong_length", kt_k_tunnel_bad },
	{ "tunnel_without_destination", kt_k_tunnel_no_dst },
	{ "ct_state_unsupported", kt_k_ct_state },
	{ "mpls_unsupported", kt_k_mpls },
	{ "mask_attr_absent_from_key", kt_put_udp4, kt_m_absent_from_key },
	{ "mask_l4_without_exact_proto", kt_put_udp4, kt_m_l4_inexact_proto },
	{ "mask_l3_without_exact_type", kt_put_udp4, kt_m_l3_inexact_type },
	{ "mask_attribute_wrong_length", kt_put_udp4, kt_m_wrong_len },
};

static const void *kt_bad_key_gen(const void *prev, char *desc)
{
	return kt_param_next(prev, kt_bad_keys, sizeof(kt_bad_keys[0]),
			     ARRAY_SIZE(kt_bad_keys), desc);
}

static int kt_nest(struct sk_buff *skb, int type, void (*fill)(struct sk_buff *))
{
	int off = skb->len;
	struct nlattr *nest = nla_nest_start_noflag(skb, type);

	fill(skb);
	nla_nest_end(skb, nest);
	return off;
}

static void kt_nl_key_rejected(struct kunit *test)
{
	const struct kt_bad_key *c = test->param_value;
	struct netlink_ext_ack extack = {};
	struct sk_buff *skb = kt_nl_skb(test);
	struct kt_match *km = kunit_kzalloc(test, sizeof(*km), GFP_KERNEL);
	int koff, moff = -1, err;

	KUNIT_ASSERT_NOT_NULL(test, km);
	koff = kt_nest(skb, OVS_FLOW_ATTR_KEY, c->key);
	if (c->mask)
		moff = kt_nest(skb, OVS_FLOW_ATTR_MASK, c->mask);
	err = kt_parse(km, kt_attr(skb, koff), kt_attr(skb, moff), &extack);
	KUNIT_EXPECT_EQ(test, err, -EINVAL);
	KUNIT_EXPECT_NOT_NULL_MSG(test, extack._msg, "no extack message");
	kfree_skb(skb);
}

/* The same base key with no defect parses: the rejections are real. */
static void kt_nl_key_base_valid(struct kunit *test)
{
	struct netlink_ext_ack extack = {};
	struct sk_buff *skb = kt_nl_skb(test);
	struct kt_match *km = kunit_kzalloc(test, sizeof(*km), GFP_KERNEL);
	int koff, moff;

	KUNIT_ASSERT_NOT_NULL(test, km);
	koff = kt_nest(skb, OVS_FLOW_ATTR_KEY, kt_put_udp4);
	KUNIT_EXPECT_EQ(test, kt_parse(km, kt_attr(skb, koff), NULL, &extack), 0);
	KT_EXPECT_BE16(test, km->key.tp.dst, 2);
	KT_EXPECT_BE16(test, km->mask.key.tp.dst, 0xffff);
	/* A partial EtherType mask is widened to exact, so L3 may follow. */
	moff = kt_nest(skb, OVS_FLOW_ATTR_MASK, kt_m_l3_partial_type);
	KUNIT_EXPECT_EQ(test, kt_parse(km, kt_attr(skb, koff),
				       kt_attr(skb, moff), &extack), 0);
	KT_EXPECT_BE16(test, km->mask.key.eth.type, 0xffff);
	KT_EXPECT_BE32(test, km->mask.key.ipv4.dst, 0xffffffff);
	KT_EXPECT_BE32(test, km->mask.key.ipv4.src, 0);
	/* No key attribute at all. */
	KUNIT_EXPECT_EQ(test, kflow_nl_match_from_nl(&init_net, &km->m, NULL,
						     NULL, &extack), -EINVAL);
	kfree_skb(skb);
}

/* ---- actions ----------------------------------------------------------- */

static void kt_a_output(struct sk_buff *skb)
{
	nla_put_u32(skb, OVS_ACTION_ATTR_OUTPUT, 1);
}

static void kt_a_vlan(struct sk_buff *skb)
{
	struct ovs_action_push_vlan v = {
		.vlan_tpid = htons(ETH_P_8021Q),
		.vlan_tci = htons(0x1064),
	};

	nla_put(skb, OVS_ACTION_ATTR_PUSH_VLAN, sizeof(v), &v);
	nla_put_u32(skb, OVS_ACTION_ATTR_OUTPUT, 2);
	nla_put_flag(skb, OVS_ACTION_ATTR_POP_VLAN);
	nla_put_u32(skb, OVS_ACTION_ATTR_OUTPUT, 3);
}

static void kt_a_set_ipv4(struct sk_buff *skb)
{
	struct ovs_key_ipv4 ip = {
		.ipv4_src = htonl(0x0a000009), .ipv4_dst = htonl(0x0a000002),
		.ipv4_proto = IPPROTO_UDP, .ipv4_tos = 4, .ipv4_ttl = 9,
	};
	struct nlattr *set = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_SET);

	nla_put(skb, OVS_KEY_ATTR_IPV4, sizeof(ip), &ip);
	nla_nest_end(skb, set);
	kt_a_output(skb);
}

static void kt_a_set_masked(struct sk_buff *skb)
{
	struct {
		struct ovs_key_ethernet key, mask;
	} eth = {
		.key = { .eth_src = { 2, 0, 0, 0, 0, 9 } },
		.mask = { .eth_src = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } },
	};
	struct {
		struct ovs_key_udp key, mask;
	} udp = { { htons(7), 0 }, { htons(0xffff), 0 } };
	struct nlattr *set;

	set = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_SET_MASKED);
	nla_put(skb, OVS_KEY_ATTR_ETHERNET, sizeof(eth), &eth);
	nla_nest_end(skb, set);
	set = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_SET_MASKED);
	nla_put(skb, OVS_KEY_ATTR_UDP, sizeof(udp), &udp);
	nla_nest_end(skb, set);
	kt_a_output(skb);
}

static void kt_a_recirc_hash(struct sk_buff *skb)
{
	struct ovs_action_hash h = { .hash_alg = OVS_HASH_ALG_L4, .hash_basis = 7 };

	nla_put(skb, OVS_ACTION_ATTR_HASH, sizeof(h), &h);
	nla_put_u32(skb, OVS_ACTION_ATTR_RECIRC, 5);
}

static void kt_a_userspace(struct sk_buff *skb)
{
	static const u8 cookie[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct nlattr *u = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_USERSPACE);

	nla_put_u32(skb, OVS_USERSPACE_ATTR_PID, 4242);
	nla_put(skb, OVS_USERSPACE_ATTR_USERDATA, sizeof(cookie), cookie);
	nla_nest_end(skb, u);
}

static void kt_a_trunc(struct sk_buff *skb)
{
	struct ovs_action_trunc t = { .max_len = 100 };

	nla_put(skb, OVS_ACTION_ATTR_TRUNC, sizeof(t), &t);
	kt_a_output(skb);
}

static void kt_a_sample(struct sk_buff *skb)
{
	struct nlattr *s = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_SAMPLE);
	struct nlattr *l;

	nla_put_u32(skb, OVS_SAMPLE_ATTR_PROBABILITY, U32_MAX / 2);
	l = nla_nest_start_noflag(skb, OVS_SAMPLE_ATTR_ACTIONS);
	kt_a_userspace(skb);
	nla_nest_end(skb, l);
	nla_nest_end(skb, s);
	kt_a_output(skb);
}

static void kt_a_clone(struct sk_buff *skb)
{
	struct nlattr *c = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_CLONE);

	kt_a_vlan(skb);
	nla_nest_end(skb, c);
	kt_a_output(skb);
}

static void kt_a_check_pkt_len(struct sk_buff *skb)
{
	struct nlattr *c = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_CHECK_PKT_LEN);
	struct nlattr *l;

	nla_put_u16(skb, OVS_CHECK_PKT_LEN_ATTR_PKT_LEN, 200);
	l = nla_nest_start_noflag(skb, OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER);
	kt_a_userspace(skb);
	nla_nest_end(skb, l);
	l = nla_nest_start_noflag(skb, OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL);
	kt_a_output(skb);
	nla_nest_end(skb, l);
	nla_nest_end(skb, c);
}

static void kt_a_dec_ttl(struct sk_buff *skb)
{
	struct nlattr *d = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_DEC_TTL);
	struct nlattr *l;

	l = nla_nest_start_noflag(skb, OVS_DEC_TTL_ATTR_ACTION);
	kt_a_userspace(skb);
	nla_nest_end(skb, l);
	nla_nest_end(skb, d);
	kt_a_output(skb);
}

static void kt_a_set_tunnel(struct sk_buff *skb)
{
	struct nlattr *set = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_SET);
	struct nlattr *tun = nla_nest_start_noflag(skb, OVS_KEY_ATTR_TUNNEL);

	nla_put_be64(skb, OVS_TUNNEL_KEY_ATTR_ID, cpu_to_be64(77), 0);
	nla_put_in_addr(skb, OVS_TUNNEL_KEY_ATTR_IPV4_DST, htonl(0xc0a80002));
	nla_put_u8(skb, OVS_TUNNEL_KEY_ATTR_TTL, 64);
	nla_nest_end(skb, tun);
	nla_nest_end(skb, set);
	kt_a_output(skb);
}

/* Actions that nest @depth levels of clone around an output. */
static void kt_a_deep(struct sk_buff *skb, int depth)
{
	struct nlattr *c;

	if (!depth) {
		kt_a_output(skb);
		return;
	}
	c = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_CLONE);
	kt_a_deep(skb, depth - 1);
	nla_nest_end(skb, c);
}

/* The innermost list at depth KFLOW_ACTIONS_MAX_DEPTH (the top is 0). */
static void kt_a_deep_ok(struct sk_buff *skb)
{
	kt_a_deep(skb, KFLOW_ACTIONS_MAX_DEPTH);
}

static void kt_a_too_deep(struct sk_buff *skb)
{
	kt_a_deep(skb, KFLOW_ACTIONS_MAX_DEPTH + 1);
}

struct kt_acts_case {
	const char *name;
	void (*fill)(struct sk_buff *skb);
	int err;	/* a rejection's error; 0: -EINVAL */
};

static const struct kt_acts_case kt_good_acts[] = {
	{ "output", kt_a_output },
	{ "push_pop_vlan", kt_a_vlan },
	{ "set_ipv4", kt_a_set_ipv4 },
	{ "set_masked_eth_udp", kt_a_set_masked },
	{ "hash_recirc", kt_a_recirc_hash },
	{ "userspace", kt_a_userspace },
	{ "trunc", kt_a_trunc },
	{ "sample", kt_a_sample },
	{ "clone", kt_a_clone },
	{ "check_pkt_len", kt_a_check_pkt_len },
	{ "dec_ttl", kt_a_dec_ttl },
	{ "set_tunnel", kt_a_set_tunnel },
	{ "nesting_at_limit", kt_a_deep_ok },
};

static void kt_b_unknown(struct sk_buff *skb)
{
	nla_put_u32(skb, OVS_ACTION_ATTR_MAX + 1, 1);
}

static void kt_b_internal_type(struct sk_buff *skb)
{
	nla_put_u32(skb, KFLOW_ACTION_ATTR_SET_TUNNEL, 1);
}

static void kt_b_output_len(struct sk_buff *skb)
{
	nla_put_u16(skb, OVS_ACTION_ATTR_OUTPUT, 1);
}

static void kt_b_vlan_no_cfi(struct sk_buff *skb)
{
	struct ovs_action_push_vlan v = {
		.vlan_tpid = htons(ETH_P_8021Q), .vlan_tci = htons(0x0064),
	};

	nla_put(skb, OVS_ACTION_ATTR_PUSH_VLAN, sizeof(v), &v);
}

static void kt_b_vlan_tpid(struct sk_buff *skb)
{
	struct ovs_action_push_vlan v = {
		.vlan_tpid = htons(ETH_P_IP), .vlan_tci = htons(0x1064),
	};

	nla_put(skb, OVS_ACTION_ATTR_PUSH_VLAN, sizeof(v), &v);
}

static void kt_b_set_ipv6_on_ipv4(struct sk_buff *skb)
{
	struct ovs_key_ipv6 ip6 = { .ipv6_hlimit = 1 };
	struct nlattr *set = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_SET);

	nla_put(skb, OVS_KEY_ATTR_IPV6, sizeof(ip6), &ip6);
	nla_nest_end(skb, set);
}

static void kt_b_set_tcp_on_udp(struct sk_buff *skb)
{
	struct ovs_key_tcp tcp = { htons(1), htons(2) };
	struct nlattr *set = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_SET);

	nla_put(skb, OVS_KEY_ATTR_TCP, sizeof(tcp), &tcp);
	nla_nest_end(skb, set);
}

static void kt_b_set_two(struct sk_buff *skb)
{
	struct nlattr *set = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_SET);

	nla_put_u32(skb, OVS_KEY_ATTR_PRIORITY, 1);
	nla_put_u32(skb, OVS_KEY_ATTR_SKB_MARK, 1);
	nla_nest_end(skb, set);
}

static void kt_b_set_in_port(struct sk_buff *skb)
{
	struct nlattr *set = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_SET);

	nla_put_u32(skb, OVS_KEY_ATTR_IN_PORT, 2);
	nla_nest_end(skb, set);
}

static void kt_b_set_masked_len(struct sk_buff *skb)
{
	struct nlattr *set = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_SET_MASKED);

	nla_put_u32(skb, OVS_KEY_ATTR_SKB_MARK, 1);	/* no mask half */
	nla_nest_end(skb, set);
}

static void kt_b_userspace_no_pid(struct sk_buff *skb)
{
	struct nlattr *u = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_USERSPACE);

	nla_put(skb, OVS_USERSPACE_ATTR_USERDATA, 4, "abcd");
	nla_nest_end(skb, u);
}

static void kt_b_hash_alg(struct sk_buff *skb)
{
	struct ovs_action_hash h = { .hash_alg = 77 };

	nla_put(skb, OVS_ACTION_ATTR_HASH, sizeof(h), &h);
}

static void kt_b_trunc_short(struct sk_buff *skb)
{
	struct ovs_action_trunc t = { .max_len = 4 };

	nla_put(skb, OVS_ACTION_ATTR_TRUNC, sizeof(t), &t);
}

static void kt_b_trailing(struct sk_buff *skb)
{
	kt_a_output(skb);
	skb_put_zero(skb, 3);
}

static void kt_b_sample_no_actions(struct sk_buff *skb)
{
	struct nlattr *s = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_SAMPLE);

	nla_put_u32(skb, OVS_SAMPLE_ATTR_PROBABILITY, 1);
	nla_nest_end(skb, s);
}

static void kt_b_inner_bad(struct sk_buff *skb)
{
	struct nlattr *c = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_CLONE);

	kt_a_output(skb);
	kt_b_vlan_no_cfi(skb);
	nla_nest_end(skb, c);
}

static void kt_b_ct(struct sk_buff *skb)
{
	struct nlattr *c = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_CT);

	nla_nest_end(skb, c);
}

static void kt_b_tunnel_bad(struct sk_buff *skb)
{
	struct nlattr *set = nla_nest_start_noflag(skb, OVS_ACTION_ATTR_SET);
	struct nlattr *tun = nla_nest_start_noflag(skb, OVS_KEY_ATTR_TUNNEL);

	nla_put_be64(skb, OVS_TUNNEL_KEY_ATTR_ID, cpu_to_be64(77), 0);
	nla_put_u16(skb, OVS_TUNNEL_KEY_ATTR_IPV4_DST, 1);	/* needs 4 */
	nla_nest_end(skb, tun);
	nla_nest_end(skb, set);
}

static const struct kt_acts_case kt_bad_acts[] = {
	{ "unknown_type", kt_b_unknown },
	{ "kflow_internal_type", kt_b_internal_type },
	{ "output_wrong_length", kt_b_output_len },
	{ "push_vlan_without_cfi", kt_b_vlan_no_cfi },
	{ "push_vlan_bad_tpid", kt_b_vlan_tpid },
	{ "set_ipv6_on_ipv4_flow", kt_b_set_ipv6_on_ipv4 },
	{ "set_tcp_on_udp_flow", kt_b_set_tcp_on_udp },
	{ "set_two_attributes", kt_b_set_two },
	{ "set_in_port", kt_b_set_in_port },
	{ "set_masked_without_mask", kt_b_set_masked_len },
	{ "set_tunnel_malformed", kt_b_tunnel_bad },
	{ "userspace_without_pid", kt_b_userspace_no_pid },
	{ "hash_unknown_algorithm", kt_b_hash_alg },
	{ "trunc_below_ethernet", kt_b_trunc_short },
	{ "trailing_bytes", kt_b_trailing },
	{ "sample_without_actions", kt_b_sample_no_actions },
	{ "nested_action_invalid", kt_b_inner_bad },
	/* -EOVERFLOW, as the stock datapath's OVS_COPY_ACTIONS_MAX_DEPTH. */
	{ "nesting_too_deep", kt_a_too_deep, -EOVERFLOW },
	{ "ct_unsupported", kt_b_ct },
};

static const void *kt_good_acts_gen(const void *prev, char *desc)
{
	return kt_param_next(prev, kt_good_acts, sizeof(kt_good_acts[0]),
			     ARRAY_SIZE(kt_good_acts), desc);
}

static const void *kt_bad_acts_gen(const void *prev, char *desc)
{
	return kt_param_next(prev, kt_bad_acts, sizeof(kt_bad_acts[0]),
			     ARRAY_SIZE(kt_bad_acts), desc);
}

/* The flow the actions are validated for: IPv4/UDP. */
static void kt_udp4_key(struct kflow_key *key)
{
	memset(key, 0, sizeof(*key));
	key->eth.type = htons(ETH_P_IP);
	key->ip.proto = IPPROTO_UDP;
	key->ip.ttl = 64;
	key->ipv4.src = htonl(0x0a000001);
	key->ipv4.dst = htonl(0x0a000002);
}

static void kt_nl_actions_round_trip(struct kunit *test)
{
	const struct kt_acts_case *c = test->param_value;
	struct netlink_ext_ack extack = {};
	struct sk_buff *in = kt_nl_skb(test), *out = kt_nl_skb(test);
	const struct nlattr *a, *b;
	struct kflow_actions *acts;
	struct kflow_key key;
	int off;

	kt_udp4_key(&key);
	off = kt_nest(in, OVS_FLOW_ATTR_ACTIONS, c->fill);
	a = kt_attr(in, off);
	acts = kflow_actions_from_nl(&init_net, a, &key, &extack);
	if (IS_ERR(acts)) {
		KUNIT_FAIL(test, "refused (%ld): %s", PTR_ERR(acts),
			   extack._msg ?: "(no message)");
		goto out;
	}
	KUNIT_EXPECT_EQ(test, acts->orig_len, (size_t)nla_len(a));
	KUNIT_EXPECT_EQ(test, kflow_actions_to_nl(acts, OVS_FLOW_ATTR_ACTIONS,
						  out), 0);
	b = kt_attr(out, 0);
	KUNIT_EXPECT_EQ(test, nla_len(b), nla_len(a));
	KUNIT_EXPECT_TRUE_MSG(test, nla_len(b) == nla_len(a) &&
			      !memcmp(nla_data(a), nla_data(b), nla_len(a)),
			      "dumped actions differ from those installed");
	kflow_actions_free(acts);
out:
	kfree_skb(in);
	kfree_skb(out);
}

static void kt_nl_actions_rejected(struct kunit *test)
{
	const struct kt_acts_case *c = test->param_value;
	struct netlink_ext_ack extack = {};
	struct sk_buff *in = kt_nl_skb(test);
	struct kflow_actions *acts;
	struct kflow_key key;
	int off;

	kt_udp4_key(&key);
	off = kt_nest(in, OVS_FLOW_ATTR_ACTIONS, c->fill);
	acts = kflow_actions_from_nl(&init_net, kt_attr(in, off), &key, &extack);
	KUNIT_EXPECT_TRUE_MSG(test, IS_ERR(acts), "malformed actions accepted");
	if (IS_ERR(acts))
		KUNIT_EXPECT_EQ(test, PTR_ERR(acts), c->err ?: -EINVAL);
	else
		kflow_actions_free(acts);
	KUNIT_EXPECT_NOT_NULL_MSG(test, extack._msg, "no extack message");
	kfree_skb(in);
}

/* An action list larger than the limit is refused as too large. */
static void kt_nl_actions_too_large(struct kunit *test)
{
	struct netlink_ext_ack extack = {};
	struct sk_buff *in = alloc_skb(KFLOW_ACTIONS_MAX_SIZE + 4096, GFP_KERNEL);
	struct kflow_actions *acts;
	struct nlattr *nest;
	struct kflow_key key;

	KUNIT_ASSERT_NOT_NULL(test, in);
	kt_udp4_key(&key);
	nest = nla_nest_start_noflag(in, OVS_FLOW_ATTR_ACTIONS);
	while (in->len < KFLOW_ACTIONS_MAX_SIZE + 64)
		kt_a_output(in);
	nla_nest_end(in, nest);
	acts = kflow_actions_from_nl(&init_net, (struct nlattr *)in->data, &key,
				     &extack);
	KUNIT_EXPECT_TRUE(test, IS_ERR(acts));
	if (!IS_ERR(acts))
		kflow_actions_free(acts);
	kfree_skb(in);
}

static void kt_nl_ufid(struct kunit *test)
{
	struct sk_buff *skb = kt_nl_skb(test);
	struct kflow_id id, back;
	static const u8 bytes[17] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
				      13, 14, 15, 16, 17 };

	nla_put(skb, OVS_FLOW_ATTR_UFID, 16, bytes);
	KUNIT_EXPECT_TRUE(test, kflow_nl_get_ufid(&id, kt_attr(skb, 0)));
	KUNIT_EXPECT_EQ(test, id.ufid_len, 16);
	KUNIT_EXPECT_EQ(test, kflow_nl_put_ufid(skb, &id), 0);
	KUNIT_EXPECT_TRUE(test, kflow_nl_get_ufid(&back,
						  kt_attr(skb, nla_total_size(16))));
	KT_EXPECT_MEMEQ(test, back.ufid, bytes, 16);

	/* Empty and over-long UFIDs name no flow. */
	skb_trim(skb, 0);
	nla_put(skb, OVS_FLOW_ATTR_UFID, 0, NULL);
	KUNIT_EXPECT_FALSE(test, kflow_nl_get_ufid(&id, kt_attr(skb, 0)));
	KUNIT_EXPECT_EQ(test, id.ufid_len, 0);
	skb_trim(skb, 0);
	nla_put(skb, OVS_FLOW_ATTR_UFID, 17, bytes);
	KUNIT_EXPECT_FALSE(test, kflow_nl_get_ufid(&id, kt_attr(skb, 0)));
	KUNIT_EXPECT_FALSE(test, kflow_nl_get_ufid(&id, NULL));
	kfree_skb(skb);
}

static struct kunit_case kt_nl_cases[] = {
	KUNIT_CASE_PARAM(kt_nl_key_round_trip, kt_frame_gen_params),
	KUNIT_CASE(kt_nl_key_base_valid),
	KUNIT_CASE_PARAM(kt_nl_key_rejected, kt_bad_key_gen),
	KUNIT_CASE_PARAM(kt_nl_actions_round_trip, kt_good_acts_gen),
	KUNIT_CASE_PARAM(kt_nl_actions_rejected, kt_bad_acts_gen),
	KUNIT_CASE(kt_nl_actions_too_large),
	KUNIT_CASE(kt_nl_ufid),
	{}
};

static struct kunit_suite kt_nl_suite = {
	.name = "kflow_nl",
	.test_cases = kt_nl_cases,
};

kunit_test_suite(kt_nl_suite);

MODULE_IMPORT_NS(KFLOW_TEST);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kflow KUnit suites: key extraction, flow table, netlink codecs");
