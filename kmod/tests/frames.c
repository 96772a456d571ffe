// SPDX-License-Identifier: GPL-2.0
/*
 * frames.c - the crafted frames of kflow_test.ko (see frames.h).
 *
 * Headers are written byte by byte in network order; checksums are left
 * zero (key extraction never verifies them).
 */
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/openvswitch.h>
#include <net/ndisc.h>
#include "frames.h"

static const u8 kt_mac_dst[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x02 };
static const u8 kt_mac_src[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x01 };
static const u8 kt_ip4_src[4] = { 10, 0, 0, 1 };
static const u8 kt_ip4_dst[4] = { 10, 0, 0, 2 };
static const u8 kt_ip6_src[16] = { 0xfd, [15] = 1 };
static const u8 kt_ip6_dst[16] = { 0xfd, [15] = 2 };
static const u8 kt_ip6_target[16] = { 0xfd, [14] = 0xab, [15] = 0xcd };

/* ---- byte writers ------------------------------------------------------ */

static unsigned int kt_put(struct kt_frame *f, const void *p, unsigned int n)
{
	unsigned int at = f->len;

	if (WARN_ON(f->len + n > KT_FRAME_MAX))
		return at;
	memcpy(f->data + f->len, p, n);
	f->len += n;
	return at;
}

static void kt_u8(struct kt_frame *f, u8 v)
{
	kt_put(f, &v, 1);
}

static void kt_be16(struct kt_frame *f, u16 v)
{
	__be16 b = htons(v);

	kt_put(f, &b, 2);
}

static void kt_be32(struct kt_frame *f, u32 v)
{
	__be32 b = htonl(v);

	kt_put(f, &b, 4);
}

static void kt_zero(struct kt_frame *f, unsigned int n)
{
	while (n--)
		kt_u8(f, 0);
}

/* ---- L2 ---------------------------------------------------------------- */

static void kt_macs(struct kt_frame *f)
{
	kt_put(f, kt_mac_dst, ETH_ALEN);
	kt_put(f, kt_mac_src, ETH_ALEN);
}

/* A tag; its fields are known once the EtherType after it is there. */
static void kt_tag(struct kt_frame *f, u16 tpid, u16 tci, unsigned int *end)
{
	kt_be16(f, tpid);
	kt_be16(f, tci);
	*end = f->len + 2;
}

/* ---- L3 ---------------------------------------------------------------- */

/* IPv4 header of @ihl 32-bit words (options are NOPs). */
static void kt_ipv4(struct kt_frame *f, u8 proto, u16 frag, unsigned int ihl)
{
	unsigned int start = f->len;

	kt_u8(f, 0x40 | ihl);
	kt_u8(f, 0x28);			/* tos */
	kt_be16(f, 0);			/* total length, not checked */
	kt_be16(f, 0x1234);		/* id */
	kt_be16(f, frag);
	kt_u8(f, 64);			/* ttl */
	kt_u8(f, proto);
	kt_be16(f, 0);			/* checksum */
	kt_put(f, kt_ip4_src, 4);
	kt_put(f, kt_ip4_dst, 4);
	while (f->len < start + ihl * 4)
		kt_u8(f, 1);		/* IPOPT_NOOP */
	f->l3_end = f->len;
	f->frag_seen = f->len;
	f->frag_end = f->len;
	f->proto_end = f->len;
}

static void kt_ipv6(struct kt_frame *f, u8 nexthdr)
{
	kt_be32(f, 0x60000000 | (0x28 << 20) | 0xbeef);	/* tc, label */
	kt_be16(f, 0);			/* payload length, not checked */
	kt_u8(f, nexthdr);
	kt_u8(f, 63);			/* hop limit */
	kt_put(f, kt_ip6_src, 16);
	kt_put(f, kt_ip6_dst, 16);
	f->l3_end = f->len;
	f->frag_seen = f->len;
	f->frag_end = f->len;
	f->proto_end = f->len;
}

/* Hop-by-hop, destination options or routing header of 8 * (len8 + 1). */
static void kt_ip6_ext(struct kt_frame *f, u8 next, u8 len8)
{
	kt_u8(f, next);
	kt_u8(f, len8);
	kt_zero(f, 6 + 8 * len8);
	f->proto_end = f->len;
}

/*
 * Fragment header.  With a non-zero @offset the stock walk stops at the
 * offset field (a later fragment, ip.proto NEXTHDR_FRAGMENT); with zero
 * it goes on once the whole 8-byte header is there.
 */
static void kt_ip6_frag(struct kt_frame *f, u8 next, u16 offset, bool more)
{
	unsigned int start = f->len;

	kt_u8(f, next);
	kt_u8(f, 0);
	kt_be16(f, (offset << 3) | more);
	kt_be32(f, 0xcafe);
	f->frag_seen = start + 2;
	f->frag_end = start + 4;
	f->proto_end = offset ? start + 4 : f->len;
}

static void kt_arp(struct kt_frame *f, u16 op)
{
	kt_be16(f, ARPHRD_ETHER);
	kt_be16(f, ETH_P_IP);
	kt_u8(f, ETH_ALEN);
	kt_u8(f, 4);
	kt_be16(f, op);
	kt_put(f, kt_mac_src, ETH_ALEN);
	kt_put(f, kt_ip4_src, 4);
	kt_put(f, kt_mac_dst, ETH_ALEN);
	kt_put(f, kt_ip4_dst, 4);
	f->l3_end = f->len;
	f->proto_end = f->len;
}

/* ---- L4 ---------------------------------------------------------------- */

static void kt_tcp(struct kt_frame *f)
{
	kt_be16(f, 40000);
	kt_be16(f, 80);
	kt_be32(f, 1);			/* seq */
	kt_be32(f, 0);			/* ack */
	kt_be16(f, (5 << 12) | 0x012);	/* doff 5, SYN|ACK */
	kt_be16(f, 512);		/* window */
	kt_be32(f, 0);			/* checksum, urgent */
	f->l4_end = f->len;
}

static void kt_udp(struct kt_frame *f)
{
	kt_be16(f, 5353);
	kt_be16(f, 4789);
	kt_be32(f, 0);			/* length, checksum */
	f->l4_end = f->len;
}

static void kt_sctp(struct kt_frame *f)
{
	kt_be16(f, 3868);
	kt_be16(f, 2905);
	kt_be32(f, 0x11223344);		/* verification tag */
	kt_be32(f, 0);			/* checksum */
	f->l4_end = f->len;
}

/* ICMP and ICMPv6 share the first 8 bytes' layout. */
static void kt_icmp(struct kt_frame *f, u8 type, u8 code)
{
	kt_u8(f, type);
	kt_u8(f, code);
	kt_be16(f, 0);
	kt_be32(f, 0x00010002);		/* id, sequence */
	f->l4_end = f->len;
}

/* Neighbour solicitation or advertisement with one link-layer option. */
static void kt_nd(struct kt_frame *f, u8 type, u8 opt, unsigned int *opt_end)
{
	kt_u8(f, type);
	kt_u8(f, 0);
	kt_be16(f, 0);
	kt_be32(f, 0);			/* flags / reserved */
	f->l4_end = f->len;
	kt_put(f, kt_ip6_target, 16);
	f->nd_end = f->len;
	kt_u8(f, opt);
	kt_u8(f, 1);			/* length in 8-byte units */
	kt_put(f, opt == ND_OPT_SOURCE_LL_ADDR ? kt_mac_src : kt_mac_dst,
	       ETH_ALEN);
	*opt_end = f->len;
}

/* ---- the frames -------------------------------------------------------- */

static void kt_expect_ip4(struct kunit *test, const struct kflow_key *k)
{
	KT_EXPECT_BE16(test, k->eth.type, ETH_P_IP);
	KT_EXPECT_MEMEQ(test, &k->ipv4.src, kt_ip4_src, 4);
	KT_EXPECT_MEMEQ(test, &k->ipv4.dst, kt_ip4_dst, 4);
	KUNIT_EXPECT_EQ(test, k->ip.tos, 0x28);
	KUNIT_EXPECT_EQ(test, k->ip.ttl, 64);
}

static void kt_expect_ip6(struct kunit *test, const struct kflow_key *k)
{
	KT_EXPECT_BE16(test, k->eth.type, ETH_P_IPV6);
	KT_EXPECT_MEMEQ(test, &k->ipv6.src, kt_ip6_src, 16);
	KT_EXPECT_MEMEQ(test, &k->ipv6.dst, kt_ip6_dst, 16);
	KT_EXPECT_BE32(test, k->ipv6.label, 0xbeef);
	KUNIT_EXPECT_EQ(test, k->ip.tos, 0x28);
	KUNIT_EXPECT_EQ(test, k->ip.ttl, 63);
}

static void kt_expect_ports(struct kunit *test, const struct kflow_key *k,
			    u16 src, u16 dst)
{
	KT_EXPECT_BE16(test, k->tp.src, src);
	KT_EXPECT_BE16(test, k->tp.dst, dst);
}

static void kt_b_eth_other(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, 0x88b5);		/* local experimental EtherType */
	kt_zero(f, 46);
}

static void kt_c_eth_other(struct kunit *test, const struct kflow_key *k)
{
	KT_EXPECT_MEMEQ(test, k->eth.src, kt_mac_src, ETH_ALEN);
	KT_EXPECT_MEMEQ(test, k->eth.dst, kt_mac_dst, ETH_ALEN);
	KT_EXPECT_BE16(test, k->eth.type, 0x88b5);
	KT_EXPECT_BE16(test, k->eth.vlan.tci, 0);
	KUNIT_EXPECT_EQ(test, k->ip.proto, 0);
}

static void kt_b_llc(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, 46);			/* 802.3 length */
	kt_u8(f, 0x42);			/* STP DSAP/SSAP, UI */
	kt_u8(f, 0x42);
	kt_u8(f, 0x03);
	kt_zero(f, 43);
}

static void kt_c_llc(struct kunit *test, const struct kflow_key *k)
{
	KT_EXPECT_BE16(test, k->eth.type, ETH_P_802_2);
}

static void kt_b_snap_udp(struct kt_frame *f)
{
	static const u8 snap[] = { 0xaa, 0xaa, 0x03, 0, 0, 0 };

	kt_macs(f);
	kt_be16(f, 36);
	kt_put(f, snap, sizeof(snap));
	kt_be16(f, ETH_P_IP);
	kt_ipv4(f, IPPROTO_UDP, 0, 5);
	kt_udp(f);
}

static void kt_c_udp4(struct kunit *test, const struct kflow_key *k)
{
	kt_expect_ip4(test, k);
	KUNIT_EXPECT_EQ(test, k->ip.proto, IPPROTO_UDP);
	KUNIT_EXPECT_EQ(test, k->ip.frag, OVS_FRAG_TYPE_NONE);
	kt_expect_ports(test, k, 5353, 4789);
}

static void kt_b_vlan_tcp(struct kt_frame *f)
{
	kt_macs(f);
	kt_tag(f, ETH_P_8021Q, 0x2064, &f->vlan_end);	/* pcp 1, vid 100 */
	kt_be16(f, ETH_P_IP);
	kt_ipv4(f, IPPROTO_TCP, 0, 5);
	kt_tcp(f);
}

static void kt_c_tcp4(struct kunit *test, const struct kflow_key *k)
{
	kt_expect_ip4(test, k);
	KUNIT_EXPECT_EQ(test, k->ip.proto, IPPROTO_TCP);
	kt_expect_ports(test, k, 40000, 80);
	KT_EXPECT_BE16(test, k->tp.flags, 0x012);
}

static void kt_c_vlan_tcp(struct kunit *test, const struct kflow_key *k)
{
	KT_EXPECT_BE16(test, k->eth.vlan.tpid, ETH_P_8021Q);
	KT_EXPECT_BE16(test, k->eth.vlan.tci, 0x2064 | VLAN_CFI_MASK);
	KT_EXPECT_BE16(test, k->eth.cvlan.tci, 0);
	kt_c_tcp4(test, k);
}

static void kt_b_qinq_udp6(struct kt_frame *f)
{
	kt_macs(f);
	kt_tag(f, ETH_P_8021AD, 0x000a, &f->vlan_end);
	kt_tag(f, ETH_P_8021Q, 0xe014, &f->cvlan_end);
	kt_be16(f, ETH_P_IPV6);
	kt_ipv6(f, IPPROTO_UDP);
	kt_udp(f);
}

static void kt_c_udp6(struct kunit *test, const struct kflow_key *k)
{
	kt_expect_ip6(test, k);
	KUNIT_EXPECT_EQ(test, k->ip.proto, IPPROTO_UDP);
	kt_expect_ports(test, k, 5353, 4789);
}

static void kt_c_qinq_udp6(struct kunit *test, const struct kflow_key *k)
{
	KT_EXPECT_BE16(test, k->eth.vlan.tpid, ETH_P_8021AD);
	KT_EXPECT_BE16(test, k->eth.vlan.tci, 0x000a | VLAN_CFI_MASK);
	KT_EXPECT_BE16(test, k->eth.cvlan.tpid, ETH_P_8021Q);
	KT_EXPECT_BE16(test, k->eth.cvlan.tci, 0xe014 | VLAN_CFI_MASK);
	kt_c_udp6(test, k);
}

static void kt_b_arp(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, ETH_P_ARP);
	kt_arp(f, ARPOP_REPLY);
}

static void kt_c_arp(struct kunit *test, const struct kflow_key *k)
{
	KT_EXPECT_BE16(test, k->eth.type, ETH_P_ARP);
	KUNIT_EXPECT_EQ(test, k->ip.proto, ARPOP_REPLY);
	KT_EXPECT_MEMEQ(test, &k->ipv4.src, kt_ip4_src, 4);
	KT_EXPECT_MEMEQ(test, &k->ipv4.dst, kt_ip4_dst, 4);
	KT_EXPECT_MEMEQ(test, k->ipv4.arp_sha, kt_mac_src, ETH_ALEN);
	KT_EXPECT_MEMEQ(test, k->ipv4.arp_tha, kt_mac_dst, ETH_ALEN);
}

static void kt_b_tcp4_opts(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, ETH_P_IP);
	kt_ipv4(f, IPPROTO_TCP, 0, 8);	/* 12 bytes of options */
	kt_tcp(f);
}

static void kt_b_udp4(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, ETH_P_IP);
	kt_ipv4(f, IPPROTO_UDP, 0, 5);
	kt_udp(f);
}

static void kt_b_sctp4(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, ETH_P_IP);
	kt_ipv4(f, IPPROTO_SCTP, 0, 5);
	kt_sctp(f);
}

static void kt_c_sctp4(struct kunit *test, const struct kflow_key *k)
{
	kt_expect_ip4(test, k);
	KUNIT_EXPECT_EQ(test, k->ip.proto, IPPROTO_SCTP);
	kt_expect_ports(test, k, 3868, 2905);
}

static void kt_b_icmp4(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, ETH_P_IP);
	kt_ipv4(f, IPPROTO_ICMP, 0, 5);
	kt_icmp(f, 3, 4);		/* unreachable, frag needed */
}

static void kt_c_icmp4(struct kunit *test, const struct kflow_key *k)
{
	kt_expect_ip4(test, k);
	KUNIT_EXPECT_EQ(test, k->ip.proto, IPPROTO_ICMP);
	kt_expect_ports(test, k, 3, 4);
}

static void kt_b_frag4_first(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, ETH_P_IP);
	kt_ipv4(f, IPPROTO_UDP, 0x2000, 5);	/* MF, offset 0 */
	kt_udp(f);
}

static void kt_c_frag4_first(struct kunit *test, const struct kflow_key *k)
{
	kt_expect_ip4(test, k);
	KUNIT_EXPECT_EQ(test, k->ip.frag, OVS_FRAG_TYPE_FIRST);
	kt_expect_ports(test, k, 5353, 4789);
}

static void kt_b_frag4_later(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, ETH_P_IP);
	kt_ipv4(f, IPPROTO_UDP, 0x0010, 5);	/* offset 128 bytes */
	kt_udp(f);			/* payload bytes, not a header */
	f->l4_end = 0;
}

static void kt_c_frag4_later(struct kunit *test, const struct kflow_key *k)
{
	kt_expect_ip4(test, k);
	KUNIT_EXPECT_EQ(test, k->ip.frag, OVS_FRAG_TYPE_LATER);
	kt_expect_ports(test, k, 0, 0);
}

static void kt_b_tcp6(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, ETH_P_IPV6);
	kt_ipv6(f, IPPROTO_TCP);
	kt_tcp(f);
}

static void kt_c_tcp6(struct kunit *test, const struct kflow_key *k)
{
	kt_expect_ip6(test, k);
	KUNIT_EXPECT_EQ(test, k->ip.proto, IPPROTO_TCP);
	kt_expect_ports(test, k, 40000, 80);
	KT_EXPECT_BE16(test, k->tp.flags, 0x012);
}

static void kt_b_sctp6(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, ETH_P_IPV6);
	kt_ipv6(f, IPPROTO_SCTP);
	kt_sctp(f);
}

static void kt_c_sctp6(struct kunit *test, const struct kflow_key *k)
{
	kt_expect_ip6(test, k);
	KUNIT_EXPECT_EQ(test, k->ip.proto, IPPROTO_SCTP);
	kt_expect_ports(test, k, 3868, 2905);
}

static void kt_b_icmp6(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, ETH_P_IPV6);
	kt_ipv6(f, IPPROTO_ICMPV6);
	kt_icmp(f, ICMPV6_ECHO_REQUEST, 0);
}

static void kt_c_icmp6(struct kunit *test, const struct kflow_key *k)
{
	kt_expect_ip6(test, k);
	KUNIT_EXPECT_EQ(test, k->ip.proto, IPPROTO_ICMPV6);
	kt_expect_ports(test, k, ICMPV6_ECHO_REQUEST, 0);
}

/* Hop-by-hop, routing and destination options before TCP. */
static void kt_b_ext6_tcp(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, ETH_P_IPV6);
	kt_ipv6(f, NEXTHDR_HOP);
	kt_ip6_ext(f, NEXTHDR_ROUTING, 0);
	kt_ip6_ext(f, NEXTHDR_DEST, 1);
	kt_ip6_ext(f, IPPROTO_TCP, 0);
	kt_tcp(f);
}

static void kt_b_frag6_first(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, ETH_P_IPV6);
	kt_ipv6(f, NEXTHDR_DEST);
	kt_ip6_ext(f, NEXTHDR_FRAGMENT, 0);
	kt_ip6_frag(f, IPPROTO_UDP, 0, true);
	kt_udp(f);
}

static void kt_c_frag6_first(struct kunit *test, const struct kflow_key *k)
{
	kt_c_udp6(test, k);
	KUNIT_EXPECT_EQ(test, k->ip.frag, OVS_FRAG_TYPE_FIRST);
}

static void kt_b_frag6_later(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, ETH_P_IPV6);
	kt_ipv6(f, NEXTHDR_FRAGMENT);
	kt_ip6_frag(f, IPPROTO_UDP, 16, false);
	kt_udp(f);			/* payload bytes, not a header */
	f->l4_end = 0;
}

static void kt_c_frag6_later(struct kunit *test, const struct kflow_key *k)
{
	kt_expect_ip6(test, k);
	KUNIT_EXPECT_EQ(test, k->ip.frag, OVS_FRAG_TYPE_LATER);
	kt_expect_ports(test, k, 0, 0);
}

static void kt_b_nd_ns(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, ETH_P_IPV6);
	kt_ipv6(f, IPPROTO_ICMPV6);
	kt_nd(f, NDISC_NEIGHBOUR_SOLICITATION, ND_OPT_SOURCE_LL_ADDR,
	      &f->sll_end);
}

static void kt_c_nd_ns(struct kunit *test, const struct kflow_key *k)
{
	kt_expect_ip6(test, k);
	kt_expect_ports(test, k, NDISC_NEIGHBOUR_SOLICITATION, 0);
	KT_EXPECT_MEMEQ(test, &k->ipv6.nd_target, kt_ip6_target, 16);
	KT_EXPECT_MEMEQ(test, k->ipv6.nd_sll, kt_mac_src, ETH_ALEN);
	KUNIT_EXPECT_TRUE(test, is_zero_ether_addr(k->ipv6.nd_tll));
}

static void kt_b_nd_na(struct kt_frame *f)
{
	kt_macs(f);
	kt_be16(f, ETH_P_IPV6);
	kt_ipv6(f, IPPROTO_ICMPV6);
	kt_nd(f, NDISC_NEIGHBOUR_ADVERTISEMENT, ND_OPT_TARGET_LL_ADDR,
	      &f->tll_end);
}

static void kt_c_nd_na(struct kunit *test, const struct kflow_key *k)
{
	kt_expect_ip6(test, k);
	kt_expect_ports(test, k, NDISC_NEIGHBOUR_ADVERTISEMENT, 0);
	KT_EXPECT_MEMEQ(test, &k->ipv6.nd_target, kt_ip6_target, 16);
	KT_EXPECT_MEMEQ(test, k->ipv6.nd_tll, kt_mac_dst, ETH_ALEN);
	KUNIT_EXPECT_TRUE(test, is_zero_ether_addr(k->ipv6.nd_sll));
}

const struct kt_frame_case kt_frames[] = {
	{ "eth_other", kt_b_eth_other, kt_c_eth_other },
	{ "llc_802_2", kt_b_llc, kt_c_llc },
	{ "snap_ipv4_udp", kt_b_snap_udp, kt_c_udp4 },
	{ "vlan_ipv4_tcp", kt_b_vlan_tcp, kt_c_vlan_tcp },
	{ "qinq_ipv6_udp", kt_b_qinq_udp6, kt_c_qinq_udp6 },
	{ "arp", kt_b_arp, kt_c_arp },
	{ "ipv4_options_tcp", kt_b_tcp4_opts, kt_c_tcp4 },
	{ "ipv4_udp", kt_b_udp4, kt_c_udp4 },
	{ "ipv4_sctp", kt_b_sctp4, kt_c_sctp4 },
	{ "ipv4_icmp", kt_b_icmp4, kt_c_icmp4 },
	{ "ipv4_frag_first", kt_b_frag4_first, kt_c_frag4_first },
	{ "ipv4_frag_later", kt_b_frag4_later, kt_c_frag4_later },
	{ "ipv6_tcp", kt_b_tcp6, kt_c_tcp6 },
	{ "ipv6_sctp", kt_b_sctp6, kt_c_sctp6 },
	{ "ipv6_icmpv6", kt_b_icmp6, kt_c_icmp6 },
	{ "ipv6_exthdrs_tcp", kt_b_ext6_tcp, kt_c_tcp6 },
	{ "ipv6_frag_first", kt_b_frag6_first, kt_c_frag6_first },
	{ "ipv6_frag_later", kt_b_frag6_later, kt_c_frag6_later },
	{ "nd_solicit_sll", kt_b_nd_ns, kt_c_nd_ns },
	{ "nd_advert_tll", kt_b_nd_na, kt_c_nd_na },
};

const unsigned int kt_n_frames = ARRAY_SIZE(kt_frames);

const void *kt_param_next(const void *prev, const void *array, size_t size,
			  size_t n, char *desc)
{
	const u8 *p = prev ? (const u8 *)prev + size : array;

	if (p >= (const u8 *)array + n * size)
		return NULL;
	strscpy(desc, *(const char * const *)p, KUNIT_PARAM_DESC_SIZE);
	return p;
}

const void *kt_frame_gen_params(const void *prev, char *desc)
{
	return kt_param_next(prev, kt_frames, sizeof(kt_frames[0]), kt_n_frames,
			     desc);
}

struct sk_buff *kt_frame_skb(struct kunit *test, const struct kt_frame *f,
			     unsigned int len)
{
	struct sk_buff *skb = alloc_skb(NET_IP_ALIGN + f->len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, NET_IP_ALIGN);
	skb_put_data(skb, f->data, len);
	memcpy(skb_tail_pointer(skb), f->data + len, f->len - len);
	return skb;
}
