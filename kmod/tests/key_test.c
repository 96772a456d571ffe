// SPDX-License-Identifier: GPL-2.0
/*
 * key_test.c - KUnit suite "kflow_key": flow key extraction.
 *
 * Every frame of frames.c is extracted whole (exact expectations) and then
 * truncated at every length.  A truncated frame must not crash, must fail
 * only when it is shorter than an Ethernet header, and must give a key in
 * which each field is either what the whole frame gives (its bytes are
 * all there) or zero (they are not): the bytes after the cut are the real
 * rest of the frame, so reading past skb->len would show.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/openvswitch.h>
#include <net/ipv6.h>
#include "frames.h"

static void kt_extract(struct kunit *test, const struct kt_frame *f,
		       unsigned int len, struct kflow_key *key, int *err)
{
	struct sk_buff *skb = kt_frame_skb(test, f, len);

	skb->priority = 7;
	skb->mark = 0x55;
	*err = kflow_key_extract(skb, 3, NULL, key);
	kfree_skb(skb);
}

/*
 * A key field of @n bytes (@g in the truncated frame's key, @w in the whole
 * frame's) must be the whole frame's value once its bytes (up to @end) are
 * all present, and zero before.  @end 0: the frame has no such header.
 */
static void kt_expect_field(struct kunit *test, const char *what,
			    const void *g, const void *w, size_t n,
			    unsigned int end, unsigned int len)
{
	if (!end || len >= end)
		KUNIT_EXPECT_TRUE_MSG(test, !memcmp(g, w, n),
				      "%s differs from the whole frame's at length %u",
				      what, len);
	else
		KUNIT_EXPECT_TRUE_MSG(test, !memchr_inv(g, 0, n),
				      "%s set at length %u, its bytes end at %u",
				      what, len, end);
}

/*
 * ip.frag of the frame cut at @n, as the stock datapath gives it: an IPv6
 * fragment header is flagged once its first two bytes are there (FIRST,
 * even while its offset is unreadable), its offset decides from @frag_end.
 */
static u8 kt_frag_at(const struct kt_frame *f, const struct kflow_key *full,
		     unsigned int n)
{
	if (!f->frag_end || n >= f->frag_end)
		return full->ip.frag;
	return n >= f->frag_seen ? OVS_FRAG_TYPE_FIRST : OVS_FRAG_TYPE_NONE;
}

/*
 * IPv6 ip.proto of the frame cut at @n: zero without the IPv6 header,
 * NEXTHDR_NONE while the extension header chain is incomplete.
 */
static u8 kt_ip6_proto_at(const struct kt_frame *f,
			  const struct kflow_key *full, unsigned int n)
{
	if (n < f->l3_end)
		return 0;
	return n < f->proto_end ? NEXTHDR_NONE : full->ip.proto;
}

static void kt_expect_truncated(struct kunit *test, const struct kt_frame *f,
				const struct kflow_key *k,
				const struct kflow_key *full, unsigned int n)
{
	bool v6 = full->eth.type == htons(ETH_P_IPV6);

	KT_EXPECT_MEMEQ(test, k->eth.src, full->eth.src, ETH_ALEN);
	KT_EXPECT_MEMEQ(test, k->eth.dst, full->eth.dst, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, k->phy.in_port, 3);
	kt_expect_field(test, "eth.vlan", &k->eth.vlan, &full->eth.vlan,
			sizeof(k->eth.vlan), f->vlan_end, n);
	kt_expect_field(test, "eth.cvlan", &k->eth.cvlan, &full->eth.cvlan,
			sizeof(k->eth.cvlan), f->cvlan_end, n);
	kt_expect_field(test, "ip.tos", &k->ip.tos, &full->ip.tos,
			sizeof(k->ip.tos), f->l3_end, n);
	kt_expect_field(test, "ip.ttl", &k->ip.ttl, &full->ip.ttl,
			sizeof(k->ip.ttl), f->l3_end, n);
	KUNIT_EXPECT_EQ_MSG(test, k->ip.frag, kt_frag_at(f, full, n),
			    "ip.frag at length %u", n);
	if (v6) {
		kt_expect_field(test, "ipv6.src", &k->ipv6.src, &full->ipv6.src,
				sizeof(k->ipv6.src), f->l3_end, n);
		kt_expect_field(test, "ipv6.dst", &k->ipv6.dst, &full->ipv6.dst,
				sizeof(k->ipv6.dst), f->l3_end, n);
		kt_expect_field(test, "ipv6.label", &k->ipv6.label, &full->ipv6.label,
				sizeof(k->ipv6.label), f->l3_end, n);
		kt_expect_field(test, "ipv6.nd_target", &k->ipv6.nd_target, &full->ipv6.nd_target,
				sizeof(k->ipv6.nd_target), f->nd_end, n);
		kt_expect_field(test, "ipv6.nd_sll", &k->ipv6.nd_sll, &full->ipv6.nd_sll,
				sizeof(k->ipv6.nd_sll), f->sll_end, n);
		kt_expect_field(test, "ipv6.nd_tll", &k->ipv6.nd_tll, &full->ipv6.nd_tll,
				sizeof(k->ipv6.nd_tll), f->tll_end, n);
		KUNIT_EXPECT_EQ_MSG(test, k->ip.proto,
				    kt_ip6_proto_at(f, full, n),
				    "ip.proto at length %u", n);
	} else {
		kt_expect_field(test, "ipv4.src", &k->ipv4.src, &full->ipv4.src,
				sizeof(k->ipv4.src), f->l3_end, n);
		kt_expect_field(test, "ipv4.dst", &k->ipv4.dst, &full->ipv4.dst,
				sizeof(k->ipv4.dst), f->l3_end, n);
		kt_expect_field(test, "ipv4.arp_sha", &k->ipv4.arp_sha, &full->ipv4.arp_sha,
				sizeof(k->ipv4.arp_sha), f->l3_end, n);
		kt_expect_field(test, "ipv4.arp_tha", &k->ipv4.arp_tha, &full->ipv4.arp_tha,
				sizeof(k->ipv4.arp_tha), f->l3_end, n);
		kt_expect_field(test, "ip.proto", &k->ip.proto, &full->ip.proto,
				sizeof(k->ip.proto), f->proto_end, n);
	}
	kt_expect_field(test, "tp.src", &k->tp.src, &full->tp.src,
			sizeof(k->tp.src), f->l4_end, n);
	kt_expect_field(test, "tp.dst", &k->tp.dst, &full->tp.dst,
			sizeof(k->tp.dst), f->l4_end, n);
	kt_expect_field(test, "tp.flags", &k->tp.flags, &full->tp.flags,
			sizeof(k->tp.flags), f->l4_end, n);
}

static void kt_key_frame(struct kunit *test)
{
	const struct kt_frame_case *c = test->param_value;
	struct kflow_key *full, *k;
	struct kt_frame *f;
	unsigned int n;
	int err;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	full = kunit_kzalloc(test, sizeof(*full), GFP_KERNEL);
	k = kunit_kzalloc(test, sizeof(*k), GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, f && full && k);
	c->build(f);

	kt_extract(test, f, f->len, full, &err);
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_EXPECT_EQ(test, full->phy.priority, 7);
	KUNIT_EXPECT_EQ(test, full->phy.skb_mark, 0x55);
	KUNIT_EXPECT_EQ(test, full->phy.in_port, 3);
	KUNIT_EXPECT_EQ(test, full->eth.src[5], 1);
	c->check(test, full);

	for (n = 0; n < f->len; n++) {
		kt_extract(test, f, n, k, &err);
		if (n < ETH_HLEN) {
			KUNIT_EXPECT_EQ_MSG(test, err, -EINVAL, "length %u", n);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, err, 0, "length %u", n);
		kt_expect_truncated(test, f, k, full, n);
	}
}

/* kflow_key_extract_packet keeps the metadata already in the key. */
static void kt_key_packet_keeps_metadata(struct kunit *test)
{
	struct kflow_key *key = kunit_kzalloc(test, sizeof(*key), GFP_KERNEL);
	struct kt_frame *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	struct sk_buff *skb;

	KUNIT_ASSERT_TRUE(test, key && f);
	kt_frames[7].build(f);			/* ipv4_udp */
	key->phy.in_port = 9;
	key->recirc_id = 0x77;
	key->dp_hash = 0x1234;
	key->tun_key.tun_id = cpu_to_be64(42);
	key->tun_proto = AF_INET;
	key->ip.proto = 0xee;			/* stale packet field */

	skb = kt_frame_skb(test, f, f->len);
	KUNIT_EXPECT_EQ(test, kflow_key_extract_packet(skb, key), 0);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, key->phy.in_port, 9);
	KUNIT_EXPECT_EQ(test, key->recirc_id, 0x77);
	KUNIT_EXPECT_EQ(test, key->dp_hash, 0x1234);
	KT_EXPECT_BE64(test, key->tun_key.tun_id, 42);
	KUNIT_EXPECT_EQ(test, key->ip.proto, IPPROTO_UDP);
}

/* Tunnel metadata lands in the key, options at the end of tun_opts. */
static void kt_key_tunnel_metadata(struct kunit *test)
{
	struct kflow_key *key = kunit_kzalloc(test, sizeof(*key), GFP_KERNEL);
	struct kt_frame *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	struct {
		struct ip_tunnel_info info;
		u8 opts[8];
	} *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	static const u8 opts[8] = { 0x01, 0x02, 0x80, 0x01, 0xde, 0xad, 0xbe, 0xef };
	struct sk_buff *skb;

	KUNIT_ASSERT_TRUE(test, key && f && t);
	kt_frames[7].build(f);
	t->info.key.tun_id = cpu_to_be64(0x1234);
	t->info.key.u.ipv4.src = htonl(0xc0a80001);
	t->info.key.u.ipv4.dst = htonl(0xc0a80002);
	t->info.key.ttl = 17;
	ip_tunnel_info_opts_set(&t->info, opts, sizeof(opts), TUNNEL_GENEVE_OPT);

	skb = kt_frame_skb(test, f, f->len);
	KUNIT_EXPECT_EQ(test, kflow_key_extract(skb, 1, &t->info, key), 0);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, key->tun_proto, AF_INET);
	KT_EXPECT_BE64(test, key->tun_key.tun_id, 0x1234);
	KUNIT_EXPECT_EQ(test, key->tun_key.ttl, 17);
	KUNIT_EXPECT_EQ(test, key->tun_opts_len, sizeof(opts));
	KT_EXPECT_MEMEQ(test, KFLOW_TUN_OPTS(key, sizeof(opts)), opts,
			sizeof(opts));
	KUNIT_EXPECT_EQ(test, key->ip.proto, IPPROTO_UDP);
}

static struct kunit_case kt_key_cases[] = {
	KUNIT_CASE_PARAM(kt_key_frame, kt_frame_gen_params),
	KUNIT_CASE(kt_key_packet_keeps_metadata),
	KUNIT_CASE(kt_key_tunnel_metadata),
	{}
};

static struct kunit_suite kt_key_suite = {
	.name = "kflow_key",
	.test_cases = kt_key_cases,
};

kunit_test_suite(kt_key_suite);
