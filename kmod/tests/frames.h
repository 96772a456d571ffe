/* SPDX-License-Identifier: GPL-2.0 */
/*
 * frames.h - crafted frames for the KUnit suites of kflow_test.ko.
 *
 * Each entry of kt_frames[] builds one frame of a protocol the flow key
 * supports and records where its headers end, so the key extraction suite
 * can truncate it at every length and tell which key fields the parser
 * may already know (a field whose bytes lie beyond the cut must be zero).
 * The netlink suite reuses the same frames: their keys are the inputs of
 * the key codec round trips.
 *
 * Locking: none; frames are built on the test's own buffers.
 */
#ifndef _KFLOW_TEST_FRAMES_H
#define _KFLOW_TEST_FRAMES_H

#include <kunit/test.h>
#include <linux/skbuff.h>
#include "../flow_key.h"

#define KT_FRAME_MAX	256

/* A frame under construction, with the offsets the checks need. */
struct kt_frame {
	u8 data[KT_FRAME_MAX];
	unsigned int len;
	unsigned int vlan_end;	/* bytes needed for the (outer) VLAN fields */
	unsigned int cvlan_end;	/* ... for the inner VLAN fields */
	unsigned int l3_end;	/* ... for the L3 fields (addresses, tos, ttl) */
	/*
	 * ip.frag, as the stock datapath's IPv6 walk (ipv6_find_hdr) sets
	 * it: OVS_FRAG_TYPE_NONE before @frag_seen, FIRST from @frag_seen
	 * (the fragment header's first two bytes: it is known to be one)
	 * and the whole frame's value from @frag_end (its offset field).
	 * IPv4: both are the end of the IP header.
	 */
	unsigned int frag_seen;
	unsigned int frag_end;
	/*
	 * ip.proto: IPv4, zero before it.  IPv6: zero before @l3_end,
	 * NEXTHDR_NONE until the chain ends (or, in a later fragment, its
	 * offset field is there: then NEXTHDR_FRAGMENT), then the whole's.
	 */
	unsigned int proto_end;
	unsigned int l4_end;	/* ... for tp.src/dst/flags */
	unsigned int nd_end;	/* ... for the ND target */
	unsigned int sll_end;	/* ... for ND source link-layer address */
	unsigned int tll_end;	/* ... for ND target link-layer address */
};

struct kt_frame_case {
	const char *name;
	void (*build)(struct kt_frame *f);
	/* Exact expectations on the key of the whole frame. */
	void (*check)(struct kunit *test, const struct kflow_key *key);
};

extern const struct kt_frame_case kt_frames[];
extern const unsigned int kt_n_frames;

/*
 * KUnit parameter generators walk tables whose entries start with a
 * "const char *name": kt_param_next() returns the entry after @prev (the
 * first when NULL) of @array (@n entries of @size bytes), NULL at the
 * end, and names it in @desc.
 */
const void *kt_param_next(const void *prev, const void *array, size_t size,
			  size_t n, char *desc);

/* The generator over kt_frames[]. */
const void *kt_frame_gen_params(const void *prev, char *desc);

/* @n bytes at @a equal those at @b (KUnit of 6.1 has no MEMEQ). */
#define KT_EXPECT_MEMEQ(test, a, b, n)					\
	KUNIT_EXPECT_TRUE_MSG(test, !memcmp(a, b, n), "%s differs from %s", \
			      #a, #b)

/*
 * A network-order key field @be equals the host-order value @host (sparse
 * refuses KUNIT_EXPECT_EQ on __be types: they are converted first).
 */
#define KT_EXPECT_BE16(test, be, host)	\
	KUNIT_EXPECT_EQ(test, be16_to_cpu(be), host)
#define KT_EXPECT_BE32(test, be, host)	\
	KUNIT_EXPECT_EQ(test, be32_to_cpu(be), host)
#define KT_EXPECT_BE64(test, be, host)	\
	KUNIT_EXPECT_EQ(test, be64_to_cpu(be), host)

/* The first @len bytes of @f in a fresh skb; the rest of @f follows in
 * the tailroom, so a parser reading past skb->len sees real header bytes
 * and the truncation checks catch it.
 */
struct sk_buff *kt_frame_skb(struct kunit *test, const struct kt_frame *f,
			     unsigned int len);

#endif /* _KFLOW_TEST_FRAMES_H */
