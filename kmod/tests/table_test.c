// SPDX-License-Identifier: GPL-2.0
/*
 * table_test.c - KUnit suite "kflow_table": the megaflow table.
 *
 * Insert, masked lookup, duplicate refusal, UFID and exact-key lookup,
 * delete, the per-CPU mask cache, the ordering of masks by use, and
 * growth, rehash, dump and flush with thousands of flows over many masks.
 * Writers hold kflow_mutex as the datapath does; lookups run under RCU,
 * the fast-path lookup with BH disabled.
 */
#include <kunit/test.h>
#include <linux/jiffies.h>
#include "../datapath.h"
#include "../flow_table.h"
#include "frames.h"

struct kt_table {
	struct kflow_table t;
};

/* Readers of the table's counters, under RCU as the datapath reads them. */
static unsigned int kt_num_masks(struct kflow_table *t)
{
	unsigned int n;

	rcu_read_lock();
	n = kflow_table_num_masks(t);
	rcu_read_unlock();
	return n;
}

static u32 kt_cache_size(struct kflow_table *t)
{
	u32 n;

	rcu_read_lock();
	n = kflow_table_cache_size(t);
	rcu_read_unlock();
	return n;
}

static int kt_table_init(struct kunit *test)
{
	struct kt_table *kt = kunit_kzalloc(test, sizeof(*kt), GFP_KERNEL);
	int err;

	if (!kt)
		return -ENOMEM;
	kflow_lock();
	err = kflow_table_init(&kt->t);
	kflow_unlock();
	test->priv = kt;
	return err;
}

static void kt_table_exit(struct kunit *test)
{
	struct kt_table *kt = test->priv;

	kflow_lock();
	kflow_table_destroy(&kt->t);
	kflow_unlock();
	rcu_barrier();		/* the table's memory is the test's */
}

/*
 * Match the @n bytes at @field (inside @m->key) exactly, widening the
 * mask's range as the netlink parser does.
 */
static void kt_mask_set(struct kflow_mask *m, void *field, size_t n)
{
	size_t off = (u8 *)field - (u8 *)&m->key;
	unsigned short start = rounddown(off, sizeof(long));
	unsigned short end = roundup(off + n, sizeof(long));

	memset(field, 0xff, n);
	if (m->range.start == m->range.end) {
		m->range.start = start;
		m->range.end = end;
	} else {
		m->range.start = min(m->range.start, start);
		m->range.end = max(m->range.end, end);
	}
}

/* An IPv4 key to 10.@hi.@lo.1 (the field the masks below select). */
static void kt_key(struct kflow_key *k, u32 n)
{
	memset(k, 0, sizeof(*k));
	k->phy.in_port = 1 + (n & 3);
	k->eth.type = htons(ETH_P_IP);
	k->ip.proto = IPPROTO_UDP;
	k->ipv4.src = htonl(0xc0a80000 | (n & 0xffff));
	k->ipv4.dst = htonl(0x0a000001 | (n << 8));
	k->tp.src = htons(1000 + (n & 0x7fff));
	k->tp.dst = htons(53);
}

/*
 * Mask number @i of a family of distinct masks: eth.type and ipv4.dst,
 * plus a pattern of other fields chosen by the bits of @i.
 */
static void kt_mask(struct kflow_mask *m, u32 i)
{
	memset(m, 0, sizeof(*m));
	kt_mask_set(m, &m->key.eth.type, sizeof(m->key.eth.type));
	kt_mask_set(m, &m->key.ipv4.dst, sizeof(m->key.ipv4.dst));
	if (i & 1)
		kt_mask_set(m, &m->key.phy.in_port, sizeof(m->key.phy.in_port));
	if (i & 2)
		kt_mask_set(m, &m->key.ip.proto, sizeof(m->key.ip.proto));
	if (i & 4)
		kt_mask_set(m, &m->key.tp.dst, sizeof(m->key.tp.dst));
	if (i & 8)
		kt_mask_set(m, &m->key.tp.src, sizeof(m->key.tp.src));
	if (i & 16)
		kt_mask_set(m, &m->key.ipv4.src, sizeof(m->key.ipv4.src));
	if (i & 32)
		kt_mask_set(m, &m->key.ip.ttl, sizeof(m->key.ip.ttl));
	if (i >= 64) {
		kt_mask_set(m, &m->key.phy.skb_mark, sizeof(m->key.phy.skb_mark));
		m->key.phy.skb_mark = i;	/* more masks: distinct bits */
	}
}

/* A new flow for @key; UFID @ufid of @len bytes, or named by its key. */
static struct kflow_flow *kt_flow(struct kunit *test,
				  const struct kflow_key *key, u32 ufid,
				  u32 len)
{
	struct kflow_flow *flow = kflow_flow_alloc();

	KUNIT_ASSERT_NOT_NULL(test, flow);
	flow->key = *key;
	if (len) {
		flow->id.ufid_len = len;
		memset(flow->id.ufid, 0x5a, sizeof(flow->id.ufid));
		memcpy(flow->id.ufid, &ufid, min_t(u32, len, sizeof(ufid)));
	} else {
		flow->id.unmasked_key = kmemdup(key, sizeof(*key), GFP_KERNEL);
		if (!flow->id.unmasked_key) {
			kflow_flow_free(flow);
			KUNIT_ASSERT_TRUE_MSG(test, false, "out of memory");
		}
	}
	return flow;
}

/* Insert; on refusal free the flow.  Returns the insert's result. */
static int kt_insert(struct kflow_table *t, struct kflow_flow *flow,
		     const struct kflow_mask *mask)
{
	int err;

	kflow_lock();
	err = kflow_table_insert(t, flow, mask);
	kflow_unlock();
	if (err)
		kflow_flow_free(flow);
	return err;
}

static void kt_remove(struct kflow_table *t, struct kflow_flow *flow)
{
	kflow_lock();
	kflow_table_remove(t, flow);
	kflow_unlock();
	kflow_flow_free_rcu(flow);
}

static struct kflow_flow *kt_lookup(struct kflow_table *t,
				    const struct kflow_key *key)
{
	struct kflow_flow *flow;

	rcu_read_lock();
	flow = kflow_table_lookup(t, key);
	rcu_read_unlock();
	return flow;
}

/* The fast path's lookup: BH disabled, counts masks probed and hits. */
static struct kflow_flow *kt_lookup_fast(struct kflow_table *t,
					 const struct kflow_key *key, u32 hash,
					 u32 *n_mask, u32 *n_cache)
{
	struct kflow_flow *flow;

	rcu_read_lock();
	local_bh_disable();
	flow = kflow_table_lookup_stats(t, key, hash, n_mask, n_cache);
	local_bh_enable();
	rcu_read_unlock();
	return flow;
}

static struct kflow_flow *kt_lookup_ufid(struct kflow_table *t, u32 ufid,
					 u32 len)
{
	struct kflow_id id = { .ufid_len = len };
	struct kflow_flow *flow;

	memset(id.ufid, 0x5a, sizeof(id.ufid));
	memcpy(id.ufid, &ufid, min_t(u32, len, sizeof(ufid)));
	rcu_read_lock();
	flow = kflow_table_lookup_ufid(t, &id);
	rcu_read_unlock();
	return flow;
}

static void kt_table_insert_lookup(struct kunit *test)
{
	struct kflow_table *t = &((struct kt_table *)test->priv)->t;
	struct kflow_key key, pkt;
	struct kflow_mask mask;
	struct kflow_flow *flow;

	kt_key(&key, 7);
	kt_mask(&mask, 0);
	flow = kt_flow(test, &key, 1, 4);
	KUNIT_ASSERT_EQ(test, kt_insert(t, flow, &mask), 0);
	KUNIT_EXPECT_EQ(test, kflow_table_count(t), 1);
	KUNIT_EXPECT_EQ(test, kt_num_masks(t), 1);
	/* The stored key is masked: unmatched fields are gone. */
	KT_EXPECT_BE16(test, flow->key.tp.src, 0);
	KT_EXPECT_BE32(test, flow->key.ipv4.dst, be32_to_cpu(key.ipv4.dst));

	/* Fields outside the mask do not matter, those inside do. */
	kt_key(&pkt, 7);
	pkt.tp.src = htons(9);
	pkt.ipv4.src = htonl(1);
	pkt.phy.skb_mark = 0xffff;
	KUNIT_EXPECT_PTR_EQ(test, kt_lookup(t, &pkt), flow);
	pkt.ipv4.dst ^= htonl(1);
	KUNIT_EXPECT_NULL(test, kt_lookup(t, &pkt));
	kt_key(&pkt, 7);
	pkt.eth.type = htons(ETH_P_IPV6);
	KUNIT_EXPECT_NULL(test, kt_lookup(t, &pkt));
}

static void kt_table_duplicates(struct kunit *test)
{
	struct kflow_table *t = &((struct kt_table *)test->priv)->t;
	struct kflow_key key, other;
	struct kflow_mask mask;

	kt_key(&key, 1);
	kt_mask(&mask, 0);
	KUNIT_ASSERT_EQ(test, kt_insert(t, kt_flow(test, &key, 1, 16), &mask), 0);
	/* Same masked key under the same mask, other UFID or unmasked bits. */
	other = key;
	other.tp.src = htons(4242);
	KUNIT_EXPECT_EQ(test, kt_insert(t, kt_flow(test, &other, 2, 16), &mask),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, kt_insert(t, kt_flow(test, &other, 0, 0), &mask),
			-EEXIST);
	/* Same UFID, different key. */
	kt_key(&other, 2);
	KUNIT_EXPECT_EQ(test, kt_insert(t, kt_flow(test, &other, 1, 16), &mask),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, kflow_table_count(t), 1);
	KUNIT_EXPECT_EQ(test, kt_num_masks(t), 1);
	/* The same masked key under another mask is another flow. */
	kt_mask(&mask, 1);
	KUNIT_EXPECT_EQ(test, kt_insert(t, kt_flow(test, &key, 3, 16), &mask), 0);
	KUNIT_EXPECT_EQ(test, kt_num_masks(t), 2);
}

static void kt_table_ufid(struct kunit *test)
{
	struct kflow_table *t = &((struct kt_table *)test->priv)->t;
	static const u32 lens[] = { 1, 4, 9, 16 };
	struct kflow_flow *flows[ARRAY_SIZE(lens)];
	struct kflow_mask mask;
	struct kflow_key key;
	struct kflow_id none = { .ufid_len = 0 };
	unsigned int i;

	kt_mask(&mask, 0);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		kt_key(&key, i);
		flows[i] = kt_flow(test, &key, 0xabc0 + i, lens[i]);
		KUNIT_ASSERT_EQ(test, kt_insert(t, flows[i], &mask), 0);
	}
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		KUNIT_EXPECT_PTR_EQ(test, kt_lookup_ufid(t, 0xabc0 + i, lens[i]),
				    flows[i]);
		/* The length is part of the identity. */
		KUNIT_EXPECT_NULL(test, kt_lookup_ufid(t, 0xabc0 + i,
						       lens[i] == 16 ? 15 : lens[i] + 1));
	}
	KUNIT_EXPECT_NULL(test, kt_lookup_ufid(t, 0x9999, 4));
	KUNIT_EXPECT_NULL(test, kflow_table_lookup_ufid(t, &none));
}

static void kt_table_exact(struct kunit *test)
{
	struct kflow_table *t = &((struct kt_table *)test->priv)->t;
	struct kflow_key key, probe;
	struct kflow_match match = { .key = &probe };
	struct kflow_flow *flow, *found;
	struct kflow_mask mask;

	kt_key(&key, 3);
	kt_mask(&mask, 0);
	flow = kt_flow(test, &key, 0, 0);
	KUNIT_ASSERT_EQ(test, kt_insert(t, flow, &mask), 0);

	probe = key;
	match.range.end = sizeof(probe);
	kflow_lock();
	found = kflow_table_lookup_exact(t, &match);
	kflow_unlock();
	KUNIT_EXPECT_PTR_EQ(test, found, flow);

	/* Same masked key, other unmasked key: not this flow's name. */
	probe.tp.src = htons(1);
	kflow_lock();
	found = kflow_table_lookup_exact(t, &match);
	kflow_unlock();
	KUNIT_EXPECT_NULL(test, found);
}

static void kt_table_delete(struct kunit *test)
{
	struct kflow_table *t = &((struct kt_table *)test->priv)->t;
	struct kflow_flow *f[3];
	struct kflow_mask mask;
	struct kflow_key key;
	u32 i;

	for (i = 0; i < 3; i++) {
		kt_key(&key, i);
		kt_mask(&mask, i == 2);
		f[i] = kt_flow(test, &key, i + 1, 4);
		KUNIT_ASSERT_EQ(test, kt_insert(t, f[i], &mask), 0);
	}
	KUNIT_EXPECT_EQ(test, kt_num_masks(t), 2);

	kt_remove(t, f[0]);
	kt_key(&key, 0);
	KUNIT_EXPECT_NULL(test, kt_lookup(t, &key));
	KUNIT_EXPECT_NULL(test, kt_lookup_ufid(t, 1, 4));
	KUNIT_EXPECT_EQ(test, kflow_table_count(t), 2);
	KUNIT_EXPECT_EQ(test, kt_num_masks(t), 2);

	/* The last flow of a mask takes the mask with it. */
	kt_remove(t, f[2]);
	KUNIT_EXPECT_EQ(test, kt_num_masks(t), 1);
	kt_key(&key, 1);
	KUNIT_EXPECT_PTR_EQ(test, kt_lookup(t, &key), f[1]);

	/* A removed flow's key and UFID can be used again. */
	kt_key(&key, 0);
	kt_mask(&mask, 0);
	KUNIT_EXPECT_EQ(test, kt_insert(t, kt_flow(test, &key, 1, 4), &mask), 0);
}

/* Three masks; key i matches only mask i's flow. */
static void kt_three_masks(struct kunit *test, struct kflow_table *t)
{
	struct kflow_mask mask;
	struct kflow_key key;
	u32 i;

	for (i = 0; i < 3; i++) {
		kt_key(&key, i);
		kt_mask(&mask, i);
		KUNIT_ASSERT_EQ(test, kt_insert(t, kt_flow(test, &key, i + 1, 4),
						&mask), 0);
	}
	KUNIT_ASSERT_EQ(test, kt_num_masks(t), 3);
}

static void kt_table_mask_cache(struct kunit *test)
{
	struct kflow_table *t = &((struct kt_table *)test->priv)->t;
	u32 n_mask, n_cache;
	struct kflow_key key;

	kt_three_masks(test, t);
	kt_key(&key, 2);
	KUNIT_EXPECT_EQ(test, kt_cache_size(t), KFLOW_MASK_CACHE_DEFAULT);

	/* A miss walks the masks in order, then the hash remembers mask 2. */
	KUNIT_EXPECT_NOT_NULL(test, kt_lookup_fast(t, &key, 0x1234, &n_mask,
						   &n_cache));
	KUNIT_EXPECT_EQ(test, n_mask, 3);
	KUNIT_EXPECT_EQ(test, n_cache, 0);
	KUNIT_EXPECT_NOT_NULL(test, kt_lookup_fast(t, &key, 0x1234, &n_mask,
						   &n_cache));
	KUNIT_EXPECT_EQ(test, n_mask, 1);
	KUNIT_EXPECT_EQ(test, n_cache, 1);
	/* Hash 0 never uses the cache. */
	kt_lookup_fast(t, &key, 0, &n_mask, &n_cache);
	KUNIT_EXPECT_EQ(test, n_cache, 0);
	/* A stale hint (another key, same hash) still finds the right flow. */
	kt_key(&key, 0);
	KUNIT_EXPECT_NOT_NULL(test, kt_lookup_fast(t, &key, 0x1234, &n_mask,
						   &n_cache));
	KUNIT_EXPECT_EQ(test, n_cache, 0);

	/* Sizes: powers of two up to the maximum, 0 disables. */
	kflow_lock();
	KUNIT_EXPECT_EQ(test, kflow_table_set_cache_size(t, 3), -EINVAL);
	KUNIT_EXPECT_EQ(test, kflow_table_set_cache_size(t, KFLOW_MASK_CACHE_MAX * 2),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, kflow_table_set_cache_size(t, 0), 0);
	kflow_unlock();
	KUNIT_EXPECT_EQ(test, kt_cache_size(t), 0);
	kt_key(&key, 2);
	kt_lookup_fast(t, &key, 0x1234, &n_mask, &n_cache);
	kt_lookup_fast(t, &key, 0x1234, &n_mask, &n_cache);
	KUNIT_EXPECT_EQ(test, n_cache, 0);
	KUNIT_EXPECT_EQ(test, n_mask, 3);

	kflow_lock();
	KUNIT_EXPECT_EQ(test, kflow_table_set_cache_size(t, 1024), 0);
	kflow_unlock();
	KUNIT_EXPECT_EQ(test, kt_cache_size(t), 1024);
	kt_lookup_fast(t, &key, 0x1234, &n_mask, &n_cache);
	kt_lookup_fast(t, &key, 0x1234, &n_mask, &n_cache);
	KUNIT_EXPECT_EQ(test, n_cache, 1);
}

static void kt_table_masks_by_use(struct kunit *test)
{
	struct kflow_table *t = &((struct kt_table *)test->priv)->t;
	u32 n_mask, n_cache, i;
	struct kflow_key key;

	kt_three_masks(test, t);
	kt_key(&key, 2);
	kt_lookup_fast(t, &key, 0, &n_mask, &n_cache);
	KUNIT_EXPECT_EQ(test, n_mask, 3);

	for (i = 0; i < 50; i++)
		kt_lookup_fast(t, &key, 0, &n_mask, &n_cache);
	kt_key(&key, 1);
	for (i = 0; i < 10; i++)
		kt_lookup_fast(t, &key, 0, &n_mask, &n_cache);

	kflow_lock();
	kflow_table_masks_rebalance(t);
	kflow_unlock();

	/* Busiest first: mask 2, then 1, then the unused mask 0. */
	kt_key(&key, 2);
	KUNIT_EXPECT_NOT_NULL(test, kt_lookup_fast(t, &key, 0, &n_mask, &n_cache));
	KUNIT_EXPECT_EQ(test, n_mask, 1);
	kt_key(&key, 1);
	KUNIT_EXPECT_NOT_NULL(test, kt_lookup_fast(t, &key, 0, &n_mask, &n_cache));
	KUNIT_EXPECT_EQ(test, n_mask, 2);
	kt_key(&key, 0);
	KUNIT_EXPECT_NOT_NULL(test, kt_lookup_fast(t, &key, 0, &n_mask, &n_cache));
	KUNIT_EXPECT_EQ(test, n_mask, 3);
	KUNIT_EXPECT_EQ(test, kt_num_masks(t), 3);
}

#define KT_MANY		5000
#define KT_MANY_MASKS	80

/* Every flow i < KT_MANY found (or, if @gone says so, not found). */
static void kt_expect_all(struct kunit *test, struct kflow_table *t,
			  struct kflow_flow **flows, bool odd_gone)
{
	struct kflow_key key;
	u32 i, bad = 0;

	for (i = 0; i < KT_MANY; i++) {
		bool gone = odd_gone && (i & 1);
		struct kflow_flow *want = gone ? NULL : flows[i];

		kt_key(&key, i);
		if (kt_lookup(t, &key) != want ||
		    kt_lookup_ufid(t, i, 8) != want)
			bad++;
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
}

static void kt_table_many(struct kunit *test)
{
	struct kflow_table *t = &((struct kt_table *)test->priv)->t;
	struct kflow_flow **flows;
	struct kflow_flow *flow;
	struct kflow_mask mask;
	struct kflow_key key;
	u32 i, bucket = 0, idx = 0, seen = 0;

	flows = kunit_kcalloc(test, KT_MANY, sizeof(*flows), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, flows);
	for (i = 0; i < KT_MANY; i++) {
		kt_key(&key, i);
		kt_mask(&mask, i % KT_MANY_MASKS);
		flows[i] = kt_flow(test, &key, i, 8);
		KUNIT_ASSERT_EQ(test, kt_insert(t, flows[i], &mask), 0);
	}
	KUNIT_EXPECT_EQ(test, kflow_table_count(t), KT_MANY);
	KUNIT_EXPECT_EQ(test, kt_num_masks(t), KT_MANY_MASKS);
	kt_expect_all(test, t, flows, false);

	/* A dump visits every flow once. */
	rcu_read_lock();
	while ((flow = kflow_table_dump_next(t, &bucket, &idx)))
		seen++;
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, seen, KT_MANY);

	/* Delete every other flow. */
	for (i = 1; i < KT_MANY; i += 2)
		kt_remove(t, flows[i]);
	KUNIT_EXPECT_EQ(test, kflow_table_count(t), KT_MANY / 2);
	kt_expect_all(test, t, flows, true);

	/* Past the rehash interval the next insert reseeds the table. */
	t->last_rehash = jiffies - 11 * 60 * HZ;
	kt_key(&key, KT_MANY + 1);
	kt_mask(&mask, 0);
	KUNIT_ASSERT_EQ(test, kt_insert(t, kt_flow(test, &key, KT_MANY + 1, 8),
					&mask), 0);
	KUNIT_EXPECT_TRUE(test, time_after(t->last_rehash,
					   jiffies - 60 * HZ));
	kt_expect_all(test, t, flows, true);

	kflow_lock();
	KUNIT_EXPECT_EQ(test, kflow_table_flush(t), 0);
	kflow_unlock();
	KUNIT_EXPECT_EQ(test, kflow_table_count(t), 0);
	KUNIT_EXPECT_EQ(test, kt_num_masks(t), 0);
	kt_key(&key, 0);
	KUNIT_EXPECT_NULL(test, kt_lookup(t, &key));
	KUNIT_EXPECT_NULL(test, kt_lookup_ufid(t, 0, 8));
}

static struct kunit_case kt_table_cases[] = {
	KUNIT_CASE(kt_table_insert_lookup),
	KUNIT_CASE(kt_table_duplicates),
	KUNIT_CASE(kt_table_ufid),
	KUNIT_CASE(kt_table_exact),
	KUNIT_CASE(kt_table_delete),
	KUNIT_CASE(kt_table_mask_cache),
	KUNIT_CASE(kt_table_masks_by_use),
	KUNIT_CASE(kt_table_many),
	{}
};

static struct kunit_suite kt_table_suite = {
	.name = "kflow_table",
	.init = kt_table_init,
	.exit = kt_table_exit,
	.test_cases = kt_table_cases,
};

kunit_test_suite(kt_table_suite);
