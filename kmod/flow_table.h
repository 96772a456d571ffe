/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flow_table.h - the megaflow table: tuple-space search over masks.
 *
 * What.  Flows are grouped by mask.  A lookup walks the list of masks; for
 * each it ANDs the packet key with the mask over the mask's byte range,
 * hashes the result and probes one hash table that holds every flow of
 * every mask (the hash covers the range, the compare checks the mask
 * pointer too).  The first hit wins: megaflows installed by a correct
 * userspace never overlap.
 *
 * Why it is fast.
 *  - A per-CPU mask cache, indexed by the skb's rxhash, remembers which
 *    mask index matched the last packet of that hash; a hit costs one
 *    masked hash and one probe.  Its size is OVS_DP_ATTR_MASKS_CACHE_SIZE
 *    (a power of two, 0 disables it).
 *  - The mask array is kept ordered by use: a periodic rebalance sorts
 *    masks by the per-CPU hit counters, so the busiest masks are tried
 *    first on a cache miss.
 *  - Resizing builds a new bucket array beside the old one (each flow has
 *    two hlist nodes, one per generation) and publishes it with RCU:
 *    lookups never stall while the table grows or is rehashed.
 *
 * A second hash table indexes flows by UFID for flow GET/DEL/SET.
 *
 * Locking.  Every writer holds kflow_mutex.  Readers use RCU: the fast path
 * runs in softirq under rcu_read_lock; dumps run under rcu_read_lock too.
 * Masks are reference counted under kflow_mutex and freed after a grace
 * period when their last flow goes.
 */
#ifndef _KFLOW_FLOW_TABLE_H
#define _KFLOW_FLOW_TABLE_H

#include <linux/rcupdate.h>
#include <linux/percpu.h>
#include "flow.h"

#define KFLOW_MASK_CACHE_DEFAULT	256
#define KFLOW_MASK_CACHE_MAX		BIT(16)

struct kflow_table_instance;
struct kflow_mask_array;
struct kflow_mask_cache;

struct kflow_table {
	struct kflow_table_instance __rcu *ti;		/* by masked key */
	struct kflow_table_instance __rcu *ufid_ti;	/* by UFID */
	struct kflow_mask_array __rcu *masks;
	struct kflow_mask_cache __rcu *cache;
	unsigned long last_rehash;			/* jiffies */
	unsigned int count;
	unsigned int ufid_count;
};

int kflow_table_init(struct kflow_table *table);
/* Free every flow and mask (after a grace period).  kflow_mutex held. */
void kflow_table_destroy(struct kflow_table *table);

/*
 * Fast path, softirq, under RCU.  @skb_hash indexes the mask cache (0: no
 * cache).  *@n_mask_hit counts masks probed, *@n_cache_hit cache hits.
 */
struct kflow_flow *kflow_table_lookup_stats(struct kflow_table *table,
					    const struct kflow_key *key,
					    u32 skb_hash, u32 *n_mask_hit,
					    u32 *n_cache_hit);
/* Control path: any flow matching @key, under RCU or kflow_mutex. */
struct kflow_flow *kflow_table_lookup(struct kflow_table *table,
				      const struct kflow_key *key);
/*
 * The flow named by its key (no UFID) whose unmasked key equals
 * @match->key, under any mask: how clients without UFIDs name a flow.
 */
struct kflow_flow *kflow_table_lookup_exact(struct kflow_table *table,
					    const struct kflow_match *match);
struct kflow_flow *kflow_table_lookup_ufid(struct kflow_table *table,
					   const struct kflow_id *ufid);

/*
 * Insert @flow (its key already masked, its id set) under @mask.  The
 * table finds or creates a mask equal to @mask and points flow->mask at
 * it.  kflow_mutex held.  -EEXIST if an identical flow is present.
 */
int kflow_table_insert(struct kflow_table *table, struct kflow_flow *flow,
		       const struct kflow_mask *mask);
/* Unlink @flow; the caller frees it with kflow_flow_free_rcu(). */
void kflow_table_remove(struct kflow_table *table, struct kflow_flow *flow);
/* Remove and RCU-free every flow. */
int kflow_table_flush(struct kflow_table *table);

unsigned int kflow_table_count(const struct kflow_table *table);
unsigned int kflow_table_num_masks(const struct kflow_table *table);

/*
 * Dump iteration under RCU: returns the flow at (*bucket, *idx) or later
 * and advances the cursor past it; NULL at the end.
 */
struct kflow_flow *kflow_table_dump_next(struct kflow_table *table,
					 u32 *bucket, u32 *idx);

int kflow_table_set_cache_size(struct kflow_table *table, u32 size);
u32 kflow_table_cache_size(const struct kflow_table *table);

/* Reorder masks by use; called periodically from process context. */
void kflow_table_masks_rebalance(struct kflow_table *table);

#endif /* _KFLOW_FLOW_TABLE_H */
