// SPDX-License-Identifier: GPL-2.0
/*
 * flow_table.c - the megaflow table (see flow_table.h for the design).
 *
 * Objects and their lifetime:
 *  - struct kflow_table_instance: a bucket array.  Each flow has two
 *    hlist nodes per index (key and UFID); an instance links flows
 *    through node[ver].  A rebuild (grow or new seed) links every flow
 *    through the other node into a new instance, publishes it, and frees
 *    the old one after a grace period.  Before the next rebuild may reuse
 *    the old node we wait for that grace period (cond_synchronize_rcu),
 *    so readers still walking the old instance never see their chain
 *    relinked under them.
 *  - struct kflow_mask_array: the masks in lookup order.  Appending fills
 *    a free slot in place; removal and reordering publish a new array.
 *  - struct kflow_table_mask: a mask shared by all flows with that mask,
 *    with per-CPU hit counters used to order the array.
 *  - struct kflow_mask_cache: per-CPU arrays of (skb hash, mask index)
 *    hints, replaced as a whole when resized.
 * Everything is changed under kflow_mutex and freed with RCU.
 */

#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include "datapath.h"
#include "flow_table.h"
#include "test_export.h"

#define KFLOW_TI_MIN_BUCKETS	1024
#define KFLOW_REHASH_INTERVAL	(10 * 60 * HZ)
#define KFLOW_MASKS_MIN		16
#define KFLOW_MC_WAYS		4	/* cache slots probed per packet */

struct kflow_table_instance {
	struct rcu_head rcu;
	struct hlist_head *buckets;
	u32 n_buckets;			/* power of two */
	u32 seed;
	u8 ver;				/* flows link through node[ver] */
	bool ufid;			/* indexes flows by UFID */
	bool prev_live;			/* @prev_gp guards node[!ver] */
	unsigned long prev_gp;		/* RCU state when the previous
					 * instance was retired
					 */
};

struct kflow_mask_array {
	struct rcu_head rcu;
	u32 count;			/* slots in use, from 0 */
	u32 max;
	struct kflow_mask __rcu *masks[];
};

struct kflow_table_mask {
	struct kflow_mask mask;
	unsigned long __percpu *hits;	/* lookups this mask answered */
	unsigned long hits_seen;	/* sum at the last rebalance */
};

struct kflow_mc_entry {
	u32 skb_hash;			/* 0: empty */
	u32 mask_index;
};

struct kflow_mask_cache {
	struct rcu_head rcu;
	u32 size;			/* entries per CPU, 0: disabled */
	struct kflow_mc_entry *cpu[];	/* nr_cpu_ids arrays */
};

static struct kflow_table_mask *to_tmask(const struct kflow_mask *mask)
{
	return container_of(mask, struct kflow_table_mask, mask);
}

/* ---- keys and hashing -------------------------------------------- */

static u32 kflow_key_hash(const struct kflow_key *key,
			  const struct kflow_key_range *range)
{
	const u32 *words = (const u32 *)((const u8 *)key + range->start);

	return jhash2(words, (range->end - range->start) / sizeof(u32), 0);
}

/* Compare two keys over a long-aligned range. */
static bool kflow_key_range_equal(const struct kflow_key *a,
				  const struct kflow_key *b,
				  const struct kflow_key_range *range)
{
	const unsigned long *pa = (const unsigned long *)a;
	const unsigned long *pb = (const unsigned long *)b;
	unsigned long diff = 0;
	unsigned int i;

	for (i = range->start / sizeof(long); i < range->end / sizeof(long); i++)
		diff |= pa[i] ^ pb[i];
	return !diff;
}

static u32 kflow_ufid_hash(const struct kflow_id *id)
{
	return jhash(id->ufid, id->ufid_len, 0);
}

static bool kflow_ufid_equal(const struct kflow_id *a,
			     const struct kflow_id *b)
{
	return a->ufid_len == b->ufid_len &&
	       !memcmp(a->ufid, b->ufid, a->ufid_len);
}

/* ---- table instances --------------------------------------------- */

static struct kflow_table_instance *kflow_ti_alloc(u32 n_buckets, bool ufid)
{
	struct kflow_table_instance *ti;

	ti = kzalloc(sizeof(*ti), GFP_KERNEL);
	if (!ti)
		return NULL;

	/* An empty hlist_head is all zeroes. */
	ti->buckets = kvcalloc(n_buckets, sizeof(*ti->buckets), GFP_KERNEL);
	if (!ti->buckets) {
		kfree(ti);
		return NULL;
	}
	ti->n_buckets = n_buckets;
	ti->seed = get_random_u32();
	ti->ufid = ufid;
	return ti;
}

static void kflow_ti_free(struct kflow_table_instance *ti)
{
	kvfree(ti->buckets);
	kfree(ti);
}

static void kflow_ti_free_cb(struct rcu_head *head)
{
	kflow_ti_free(container_of(head, struct kflow_table_instance, rcu));
}

static struct hlist_head *kflow_ti_bucket(const struct kflow_table_instance *ti,
					  u32 hash)
{
	return &ti->buckets[jhash_1word(hash, ti->seed) & (ti->n_buckets - 1)];
}

static void kflow_ti_link(struct kflow_table_instance *ti,
			  struct kflow_flow *flow)
{
	if (ti->ufid)
		hlist_add_head_rcu(&flow->ufid_table.node[ti->ver],
				   kflow_ti_bucket(ti, flow->ufid_table.hash));
	else
		hlist_add_head_rcu(&flow->flow_table.node[ti->ver],
				   kflow_ti_bucket(ti, flow->flow_table.hash));
}

/* A copy of @old with @n_buckets buckets and a new seed.  kflow_mutex. */
static struct kflow_table_instance *
kflow_ti_rebuild(struct kflow_table_instance *old, u32 n_buckets)
{
	struct kflow_table_instance *ti;
	struct kflow_flow *flow;
	u32 i;

	ti = kflow_ti_alloc(n_buckets, old->ufid);
	if (!ti)
		return NULL;
	ti->ver = !old->ver;

	/* Readers of the instance before @old may still use node[ti->ver]. */
	if (old->prev_live)
		cond_synchronize_rcu(old->prev_gp);

	for (i = 0; i < old->n_buckets; i++) {
		struct hlist_head *head = &old->buckets[i];

		if (old->ufid)
			hlist_for_each_entry(flow, head, ufid_table.node[old->ver])
				kflow_ti_link(ti, flow);
		else
			hlist_for_each_entry(flow, head, flow_table.node[old->ver])
				kflow_ti_link(ti, flow);
	}
	return ti;
}

/* Grow @*tip if it holds more than one flow per bucket, or rehash it. */
static bool kflow_ti_maybe_rebuild(struct kflow_table_instance __rcu **tip,
				   unsigned int count, bool rehash)
{
	struct kflow_table_instance *old = kflow_dereference(*tip);
	struct kflow_table_instance *ti;
	u32 n_buckets = old->n_buckets;

	if (count > n_buckets && n_buckets < (1U << 31))
		n_buckets *= 2;
	else if (!rehash)
		return false;

	ti = kflow_ti_rebuild(old, n_buckets);
	if (!ti)
		return false;	/* keep the old one, try again later */

	rcu_assign_pointer(*tip, ti);
	ti->prev_gp = get_state_synchronize_rcu();
	ti->prev_live = true;
	call_rcu(&old->rcu, kflow_ti_free_cb);
	return true;
}

/* ---- masks ------------------------------------------------------- */

static struct kflow_mask_array *kflow_ma_alloc(u32 max)
{
	struct kflow_mask_array *ma;

	max = max_t(u32, max, KFLOW_MASKS_MIN);
	ma = kzalloc(struct_size(ma, masks, max), GFP_KERNEL);
	if (ma)
		ma->max = max;
	return ma;
}

static void kflow_tmask_free(struct kflow_table_mask *tm)
{
	free_percpu(tm->hits);
	kfree(tm);
}

static void kflow_tmask_free_cb(struct rcu_head *head)
{
	struct kflow_table_mask *tm;

	tm = container_of(head, struct kflow_table_mask, mask.rcu);
	kflow_tmask_free(tm);
}

static unsigned long kflow_tmask_hits(const struct kflow_table_mask *tm)
{
	unsigned long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(*per_cpu_ptr(tm->hits, cpu));
	return sum;
}

/*
 * The long-aligned byte range a table mask covers for @mask.  The bytes
 * added by the alignment are zero in every mask built by nl_key.c.
 */
static struct kflow_key_range kflow_mask_span(const struct kflow_mask *mask)
{
	struct kflow_key_range span = { 0, 0 };
	unsigned int end = min_t(unsigned int, mask->range.end,
				 sizeof(struct kflow_key));

	if (mask->range.start < end) {
		span.start = rounddown(mask->range.start, sizeof(long));
		span.end = roundup(end, sizeof(long));
	}
	return span;
}

/* The table's copy of @mask: zero outside @mask's range, long-aligned. */
static struct kflow_table_mask *kflow_tmask_alloc(const struct kflow_mask *mask)
{
	struct kflow_key_range span = kflow_mask_span(mask);
	struct kflow_table_mask *tm;

	tm = kzalloc(sizeof(*tm), GFP_KERNEL);
	if (!tm)
		return NULL;
	tm->hits = alloc_percpu(unsigned long);
	if (!tm->hits) {
		kfree(tm);
		return NULL;
	}

	if (span.end)
		memcpy((u8 *)&tm->mask.key + mask->range.start,
		       (const u8 *)&mask->key + mask->range.start,
		       min_t(unsigned int, mask->range.end, span.end) -
		       mask->range.start);
	tm->mask.range = span;
	tm->mask.ref_count = 1;
	return tm;
}

static struct kflow_mask *kflow_mask_find(const struct kflow_table *table,
					  const struct kflow_mask *mask)
{
	struct kflow_mask_array *ma = kflow_dereference(table->masks);
	struct kflow_key_range span = kflow_mask_span(mask);
	u32 i;

	for (i = 0; i < ma->count; i++) {
		struct kflow_mask *m = kflow_dereference(ma->masks[i]);

		if (m && m->range.start == span.start &&
		    m->range.end == span.end &&
		    kflow_key_range_equal(&m->key, &mask->key, &span))
			return m;
	}
	return NULL;
}

/* Publish a copy of the current array with room for @max masks. */
static int kflow_ma_replace(struct kflow_table *table, u32 max,
			    const struct kflow_mask *skip)
{
	struct kflow_mask_array *old = kflow_dereference(table->masks);
	struct kflow_mask_array *ma;
	u32 i;

	ma = kflow_ma_alloc(max);
	if (!ma)
		return -ENOMEM;

	for (i = 0; i < old->count; i++) {
		struct kflow_mask *m = kflow_dereference(old->masks[i]);

		if (m && m != skip)
			RCU_INIT_POINTER(ma->masks[ma->count++], m);
	}
	rcu_assign_pointer(table->masks, ma);
	kfree_rcu(old, rcu);
	return 0;
}

static int kflow_ma_append(struct kflow_table *table, struct kflow_mask *mask)
{
	struct kflow_mask_array *ma = kflow_dereference(table->masks);
	int err;

	if (ma->count == ma->max) {
		err = kflow_ma_replace(table, ma->max * 2, NULL);
		if (err)
			return err;
		ma = kflow_dereference(table->masks);
	}
	/* Readers skip a slot below count that is still NULL. */
	rcu_assign_pointer(ma->masks[ma->count], mask);
	WRITE_ONCE(ma->count, ma->count + 1);
	return 0;
}

/* Drop @mask from the array; it was looked up while in use. */
static void kflow_ma_remove(struct kflow_table *table, struct kflow_mask *mask)
{
	struct kflow_mask_array *ma = kflow_dereference(table->masks);
	u32 last = ma->count - 1;
	u32 i;

	/* A new array, so concurrent lookups see every other mask. */
	if (!kflow_ma_replace(table, ma->count, mask))
		return;

	/*
	 * No memory: move the last mask into the hole, in place.  A lookup
	 * running now may miss the moved mask once (an extra upcall).
	 */
	for (i = 0; i < ma->count; i++) {
		if (rcu_access_pointer(ma->masks[i]) == mask)
			break;
	}
	if (i == ma->count)
		return;
	rcu_assign_pointer(ma->masks[i], kflow_dereference(ma->masks[last]));
	RCU_INIT_POINTER(ma->masks[last], NULL);
	WRITE_ONCE(ma->count, last);
}

/* Take a reference on the table's copy of @mask, creating it if needed. */
static struct kflow_mask *kflow_mask_get(struct kflow_table *table,
					 const struct kflow_mask *mask)
{
	struct kflow_table_mask *tm;
	struct kflow_mask *found;

	found = kflow_mask_find(table, mask);
	if (found) {
		found->ref_count++;
		return found;
	}

	tm = kflow_tmask_alloc(mask);
	if (!tm)
		return NULL;
	if (kflow_ma_append(table, &tm->mask)) {
		kflow_tmask_free(tm);
		return NULL;
	}
	return &tm->mask;
}

static void kflow_mask_put(struct kflow_table *table, struct kflow_mask *mask)
{
	if (--mask->ref_count)
		return;
	kflow_ma_remove(table, mask);
	call_rcu(&mask->rcu, kflow_tmask_free_cb);
}

/* ---- mask cache -------------------------------------------------- */

static void kflow_mc_free(struct kflow_mask_cache *mc)
{
	int cpu;

	for_each_possible_cpu(cpu)
		kvfree(mc->cpu[cpu]);
	kfree(mc);
}

static void kflow_mc_free_cb(struct rcu_head *head)
{
	kflow_mc_free(container_of(head, struct kflow_mask_cache, rcu));
}

static struct kflow_mask_cache *kflow_mc_alloc(u32 size)
{
	struct kflow_mask_cache *mc;
	int cpu;

	mc = kzalloc(struct_size(mc, cpu, nr_cpu_ids), GFP_KERNEL);
	if (!mc)
		return NULL;
	mc->size = size;
	if (!size)
		return mc;

	for_each_possible_cpu(cpu) {
		mc->cpu[cpu] = kvzalloc_node(array_size(size, sizeof(struct kflow_mc_entry)),
					     GFP_KERNEL, cpu_to_node(cpu));
		if (!mc->cpu[cpu]) {
			kflow_mc_free(mc);
			return NULL;
		}
	}
	return mc;
}

int kflow_table_set_cache_size(struct kflow_table *table, u32 size)
{
	struct kflow_mask_cache *old = kflow_dereference(table->cache);
	struct kflow_mask_cache *mc;

	lockdep_assert_held(&kflow_mutex);
	if (size > KFLOW_MASK_CACHE_MAX || (size && !is_power_of_2(size)))
		return -EINVAL;
	if (size == old->size)
		return 0;

	mc = kflow_mc_alloc(size);
	if (!mc)
		return -ENOMEM;
	rcu_assign_pointer(table->cache, mc);
	call_rcu(&old->rcu, kflow_mc_free_cb);
	return 0;
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_table_set_cache_size);

u32 kflow_table_cache_size(const struct kflow_table *table)
{
	const struct kflow_mask_cache *mc = rcu_dereference_kflow(table->cache);

	return mc->size;
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_table_cache_size);

/* ---- init and teardown ------------------------------------------- */

int kflow_table_init(struct kflow_table *table)
{
	struct kflow_table_instance *ti, *ufid_ti;
	struct kflow_mask_cache *mc;
	struct kflow_mask_array *ma;

	ti = kflow_ti_alloc(KFLOW_TI_MIN_BUCKETS, false);
	ufid_ti = kflow_ti_alloc(KFLOW_TI_MIN_BUCKETS, true);
	ma = kflow_ma_alloc(KFLOW_MASKS_MIN);
	mc = kflow_mc_alloc(KFLOW_MASK_CACHE_DEFAULT);
	if (!ti || !ufid_ti || !ma || !mc) {
		if (ti)
			kflow_ti_free(ti);
		if (ufid_ti)
			kflow_ti_free(ufid_ti);
		kfree(ma);
		if (mc)
			kflow_mc_free(mc);
		return -ENOMEM;
	}

	RCU_INIT_POINTER(table->ti, ti);
	RCU_INIT_POINTER(table->ufid_ti, ufid_ti);
	RCU_INIT_POINTER(table->masks, ma);
	RCU_INIT_POINTER(table->cache, mc);
	table->last_rehash = jiffies;
	table->count = 0;
	table->ufid_count = 0;
	return 0;
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_table_init);

/*
 * Free, after a grace period, the flows of @ti, the masks of @ma and the
 * containers themselves.  They must already be unreachable for new
 * readers.  kflow_mutex.
 */
static void kflow_table_retire(struct kflow_table_instance *ti,
			       struct kflow_table_instance *ufid_ti,
			       struct kflow_mask_array *ma)
{
	struct kflow_flow *flow;
	u32 i;

	for (i = 0; i < ti->n_buckets; i++)
		hlist_for_each_entry(flow, &ti->buckets[i],
				     flow_table.node[ti->ver])
			kflow_flow_free_rcu(flow);

	for (i = 0; i < ma->count; i++) {
		struct kflow_mask *mask = kflow_dereference(ma->masks[i]);

		if (mask)
			call_rcu(&mask->rcu, kflow_tmask_free_cb);
	}

	call_rcu(&ti->rcu, kflow_ti_free_cb);
	call_rcu(&ufid_ti->rcu, kflow_ti_free_cb);
	kfree_rcu(ma, rcu);
}

int kflow_table_flush(struct kflow_table *table)
{
	struct kflow_table_instance *ti, *ufid_ti;
	struct kflow_mask_array *ma;

	lockdep_assert_held(&kflow_mutex);
	ti = kflow_ti_alloc(KFLOW_TI_MIN_BUCKETS, false);
	ufid_ti = kflow_ti_alloc(KFLOW_TI_MIN_BUCKETS, true);
	ma = kflow_ma_alloc(KFLOW_MASKS_MIN);
	if (!ti || !ufid_ti || !ma) {
		if (ti)
			kflow_ti_free(ti);
		if (ufid_ti)
			kflow_ti_free(ufid_ti);
		kfree(ma);
		return -ENOMEM;
	}

	/* The new instances share no flow with the old ones. */
	ti = rcu_replace_pointer(table->ti, ti, lockdep_kflow_is_held());
	ufid_ti = rcu_replace_pointer(table->ufid_ti, ufid_ti,
				      lockdep_kflow_is_held());
	ma = rcu_replace_pointer(table->masks, ma, lockdep_kflow_is_held());
	table->last_rehash = jiffies;
	WRITE_ONCE(table->count, 0);
	table->ufid_count = 0;

	kflow_table_retire(ti, ufid_ti, ma);
	return 0;
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_table_flush);

void kflow_table_destroy(struct kflow_table *table)
{
	lockdep_assert_held(&kflow_mutex);

	/* Lookups still running see everything until the grace period. */
	kflow_table_retire(kflow_dereference(table->ti),
			   kflow_dereference(table->ufid_ti),
			   kflow_dereference(table->masks));
	call_rcu(&kflow_dereference(table->cache)->rcu, kflow_mc_free_cb);
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_table_destroy);

unsigned int kflow_table_count(const struct kflow_table *table)
{
	return READ_ONCE(table->count);
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_table_count);

unsigned int kflow_table_num_masks(const struct kflow_table *table)
{
	const struct kflow_mask_array *ma = rcu_dereference_kflow(table->masks);

	return READ_ONCE(ma->count);
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_table_num_masks);

/* ---- lookup ------------------------------------------------------ */

/* The flow of @mask in @ti that @key matches, or NULL. */
static struct kflow_flow *
kflow_masked_lookup(const struct kflow_table_instance *ti,
		    const struct kflow_key *key, const struct kflow_mask *mask)
{
	struct kflow_key masked;
	struct kflow_flow *flow;
	u32 hash;

	kflow_key_mask(&masked, key, false, mask);
	hash = kflow_key_hash(&masked, &mask->range);
	hlist_for_each_entry_rcu(flow, kflow_ti_bucket(ti, hash),
				 flow_table.node[ti->ver],
				 lockdep_kflow_is_held()) {
		if (flow->mask == mask && flow->flow_table.hash == hash &&
		    kflow_key_range_equal(&flow->key, &masked, &mask->range))
			return flow;
	}
	return NULL;
}

/* Probe mask @i of @ma; on a hit count it if @count_hits (BH disabled). */
static struct kflow_flow *
kflow_mask_probe(const struct kflow_table_instance *ti,
		 const struct kflow_mask_array *ma, const struct kflow_key *key,
		 u32 i, u32 *n_mask_hit, bool count_hits)
{
	const struct kflow_mask *mask = rcu_dereference_kflow(ma->masks[i]);
	struct kflow_flow *flow;

	if (!mask)
		return NULL;
	(*n_mask_hit)++;
	flow = kflow_masked_lookup(ti, key, mask);
	if (flow && count_hits)
		this_cpu_inc(*to_tmask(mask)->hits);
	return flow;
}

/*
 * Try mask *@index first, then the others in array order.  On a hit
 * *@index is the mask that matched.
 */
static struct kflow_flow *
kflow_masks_search(const struct kflow_table_instance *ti,
		   const struct kflow_mask_array *ma, const struct kflow_key *key,
		   u32 *index, u32 *n_mask_hit, bool count_hits)
{
	u32 count = READ_ONCE(ma->count);
	u32 first = *index;
	struct kflow_flow *flow;
	u32 i;

	if (first < count) {
		flow = kflow_mask_probe(ti, ma, key, first, n_mask_hit,
					count_hits);
		if (flow)
			return flow;
	}
	for (i = 0; i < count; i++) {
		if (i == first)
			continue;
		flow = kflow_mask_probe(ti, ma, key, i, n_mask_hit, count_hits);
		if (flow) {
			*index = i;
			return flow;
		}
	}
	return NULL;
}

/* This CPU's cache entry for @skb_hash (*@hit), or the one to replace. */
static struct kflow_mc_entry *kflow_mc_slot(const struct kflow_mask_cache *mc,
					    u32 skb_hash, bool *hit)
{
	struct kflow_mc_entry *entries = mc->cpu[smp_processor_id()];
	struct kflow_mc_entry *victim = NULL;
	u32 way;

	for (way = 0; way < KFLOW_MC_WAYS; way++) {
		struct kflow_mc_entry *e;

		e = &entries[rol32(skb_hash, way * 8) & (mc->size - 1)];
		if (e->skb_hash == skb_hash) {
			*hit = true;
			return e;
		}
		if (!victim && !e->skb_hash)
			victim = e;
	}
	*hit = false;
	if (victim)
		return victim;
	way = skb_hash % KFLOW_MC_WAYS;
	return &entries[rol32(skb_hash, way * 8) & (mc->size - 1)];
}

struct kflow_flow *kflow_table_lookup_stats(struct kflow_table *table,
					    const struct kflow_key *key,
					    u32 skb_hash, u32 *n_mask_hit,
					    u32 *n_cache_hit)
{
	const struct kflow_table_instance *ti = rcu_dereference(table->ti);
	const struct kflow_mask_array *ma = rcu_dereference(table->masks);
	const struct kflow_mask_cache *mc = rcu_dereference(table->cache);
	struct kflow_mc_entry *entry;
	struct kflow_flow *flow;
	u32 index = 0;
	bool hit;

	*n_mask_hit = 0;
	*n_cache_hit = 0;

	/* A recirculated packet keeps its hash: tell the passes apart. */
	if (skb_hash && key->recirc_id)
		skb_hash = jhash_1word(skb_hash, key->recirc_id);
	if (!skb_hash || !mc->size)
		return kflow_masks_search(ti, ma, key, &index, n_mask_hit, true);

	entry = kflow_mc_slot(mc, skb_hash, &hit);
	if (hit) {
		index = entry->mask_index;
		flow = kflow_masks_search(ti, ma, key, &entry->mask_index,
					  n_mask_hit, true);
		if (!flow)
			entry->skb_hash = 0;
		else if (entry->mask_index == index)
			(*n_cache_hit)++;
		return flow;
	}

	flow = kflow_masks_search(ti, ma, key, &index, n_mask_hit, true);
	if (flow) {
		entry->skb_hash = skb_hash;
		entry->mask_index = index;
	}
	return flow;
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_table_lookup_stats);

struct kflow_flow *kflow_table_lookup(struct kflow_table *table,
				      const struct kflow_key *key)
{
	u32 index = 0, n_mask_hit = 0;

	/* No hit counting: callers may be preemptible. */
	return kflow_masks_search(rcu_dereference_kflow(table->ti),
				  rcu_dereference_kflow(table->masks), key,
				  &index, &n_mask_hit, false);
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_table_lookup);

struct kflow_flow *kflow_table_lookup_exact(struct kflow_table *table,
					    const struct kflow_match *match)
{
	const struct kflow_table_instance *ti = rcu_dereference_kflow(table->ti);
	const struct kflow_mask_array *ma = rcu_dereference_kflow(table->masks);
	u32 count = READ_ONCE(ma->count);
	u32 i;

	for (i = 0; i < count; i++) {
		const struct kflow_mask *mask;
		struct kflow_flow *flow;

		mask = rcu_dereference_kflow(ma->masks[i]);
		if (!mask)
			continue;
		flow = kflow_masked_lookup(ti, match->key, mask);
		/* Only flows named by their key: false for UFID flows. */
		if (flow && kflow_flow_cmp_unmasked_key(flow, match))
			return flow;
	}
	return NULL;
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_table_lookup_exact);

struct kflow_flow *kflow_table_lookup_ufid(struct kflow_table *table,
					   const struct kflow_id *ufid)
{
	const struct kflow_table_instance *ti;
	struct kflow_flow *flow;
	u32 hash;

	if (!kflow_flow_has_ufid(ufid))
		return NULL;

	ti = rcu_dereference_kflow(table->ufid_ti);
	hash = kflow_ufid_hash(ufid);
	hlist_for_each_entry_rcu(flow, kflow_ti_bucket(ti, hash),
				 ufid_table.node[ti->ver],
				 lockdep_kflow_is_held()) {
		if (flow->ufid_table.hash == hash &&
		    kflow_ufid_equal(&flow->id, ufid))
			return flow;
	}
	return NULL;
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_table_lookup_ufid);

/* ---- insert and remove ------------------------------------------- */

static void kflow_table_maybe_rebuild(struct kflow_table *table)
{
	bool rehash = time_after(jiffies,
				 table->last_rehash + KFLOW_REHASH_INTERVAL);

	if (kflow_ti_maybe_rebuild(&table->ti, table->count, rehash))
		table->last_rehash = jiffies;
	kflow_ti_maybe_rebuild(&table->ufid_ti, table->ufid_count, rehash);
}

int kflow_table_insert(struct kflow_table *table, struct kflow_flow *flow,
		       const struct kflow_mask *mask)
{
	struct kflow_table_instance *ti = kflow_dereference(table->ti);
	struct kflow_mask *m;

	lockdep_assert_held(&kflow_mutex);
	if (kflow_table_lookup_ufid(table, &flow->id))
		return -EEXIST;

	m = kflow_mask_get(table, mask);
	if (!m)
		return -ENOMEM;
	kflow_key_mask(&flow->key, &flow->key, false, m);
	if (kflow_masked_lookup(ti, &flow->key, m)) {
		kflow_mask_put(table, m);
		return -EEXIST;
	}

	/* The flow is complete before it becomes reachable. */
	flow->mask = m;
	flow->flow_table.hash = kflow_key_hash(&flow->key, &m->range);
	kflow_ti_link(ti, flow);
	WRITE_ONCE(table->count, table->count + 1);

	if (kflow_flow_has_ufid(&flow->id)) {
		flow->ufid_table.hash = kflow_ufid_hash(&flow->id);
		kflow_ti_link(kflow_dereference(table->ufid_ti), flow);
		table->ufid_count++;
	}

	kflow_table_maybe_rebuild(table);
	return 0;
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_table_insert);

void kflow_table_remove(struct kflow_table *table, struct kflow_flow *flow)
{
	struct kflow_table_instance *ti = kflow_dereference(table->ti);

	lockdep_assert_held(&kflow_mutex);
	hlist_del_rcu(&flow->flow_table.node[ti->ver]);
	WRITE_ONCE(table->count, table->count - 1);

	if (kflow_flow_has_ufid(&flow->id)) {
		ti = kflow_dereference(table->ufid_ti);
		hlist_del_rcu(&flow->ufid_table.node[ti->ver]);
		table->ufid_count--;
	}

	/* flow->mask stays valid for readers until the grace period. */
	kflow_mask_put(table, flow->mask);
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_table_remove);

/* ---- dump and rebalance ------------------------------------------ */

struct kflow_flow *kflow_table_dump_next(struct kflow_table *table,
					 u32 *bucket, u32 *idx)
{
	const struct kflow_table_instance *ti = rcu_dereference_kflow(table->ti);
	struct kflow_flow *flow;
	u32 i;

	for (; *bucket < ti->n_buckets; (*bucket)++, *idx = 0) {
		i = 0;
		hlist_for_each_entry_rcu(flow, &ti->buckets[*bucket],
					 flow_table.node[ti->ver],
					 lockdep_kflow_is_held()) {
			if (i++ < *idx)
				continue;
			*idx = i;
			return flow;
		}
	}
	return NULL;
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_table_dump_next);

struct kflow_mask_use {
	struct kflow_mask *mask;
	unsigned long hits;		/* since the last rebalance */
	u32 index;
};

/* Busiest first; equal use keeps the current order. */
static int kflow_mask_use_cmp(const void *a, const void *b)
{
	const struct kflow_mask_use *x = a, *y = b;

	if (x->hits != y->hits)
		return x->hits > y->hits ? -1 : 1;
	return x->index < y->index ? -1 : 1;
}

void kflow_table_masks_rebalance(struct kflow_table *table)
{
	struct kflow_mask_array *old = kflow_dereference(table->masks);
	struct kflow_mask_use *use;
	struct kflow_mask_array *ma;
	u32 i, n = 0;

	lockdep_assert_held(&kflow_mutex);
	if (!old->count)
		return;
	use = kmalloc_array(old->count, sizeof(*use), GFP_KERNEL);
	if (!use)
		return;

	for (i = 0; i < old->count; i++) {
		struct kflow_mask *mask = kflow_dereference(old->masks[i]);
		struct kflow_table_mask *tm;
		unsigned long sum;

		if (!mask)
			continue;
		tm = to_tmask(mask);
		sum = kflow_tmask_hits(tm);
		use[n].mask = mask;
		use[n].hits = sum - tm->hits_seen;
		use[n].index = i;
		tm->hits_seen = sum;
		n++;
	}
	sort(use, n, sizeof(*use), kflow_mask_use_cmp, NULL);

	for (i = 0; i < n && use[i].index == i; i++)
		;
	if (i == n)
		goto out;		/* already in order */

	ma = kflow_ma_alloc(old->max);
	if (!ma)
		goto out;
	for (i = 0; i < n; i++)
		RCU_INIT_POINTER(ma->masks[i], use[i].mask);
	ma->count = n;
	rcu_assign_pointer(table->masks, ma);
	kfree_rcu(old, rcu);
out:
	kfree(use);
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_table_masks_rebalance);
