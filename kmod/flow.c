// SPDX-License-Identifier: GPL-2.0
/*
 * flow.c - megaflow objects: allocation, lifetime, statistics, masking.
 *
 * A flow's statistics are one struct per CPU.  The fast path only writes
 * the copy of the CPU it runs on (with bottom halves disabled), so no lock
 * is needed; readers sum the copies under each copy's u64_stats_sync.
 */

#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "flow.h"
#include "test_export.h"

static struct kmem_cache *kflow_flow_cache __read_mostly;

int kflow_flow_init(void)
{
	BUILD_BUG_ON(sizeof(struct kflow_key) % sizeof(long));
	BUILD_BUG_ON(__alignof__(struct kflow_key) < sizeof(long));

	kflow_flow_cache = kmem_cache_create("kflow_flow",
					     sizeof(struct kflow_flow), 0, 0,
					     NULL);
	return kflow_flow_cache ? 0 : -ENOMEM;
}

void kflow_flow_exit(void)
{
	/* Flows queued by kflow_flow_free_rcu() use the cache. */
	rcu_barrier();
	kmem_cache_destroy(kflow_flow_cache);
}

struct kflow_flow *kflow_flow_alloc(void)
{
	struct kflow_flow *flow;
	int cpu;

	flow = kmem_cache_zalloc(kflow_flow_cache, GFP_KERNEL);
	if (!flow)
		return NULL;

	flow->stats = alloc_percpu(struct kflow_flow_stats);
	if (!flow->stats) {
		kmem_cache_free(kflow_flow_cache, flow);
		return NULL;
	}
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(flow->stats, cpu)->syncp);

	return flow;
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_flow_alloc);

void kflow_flow_free(struct kflow_flow *flow)
{
	struct kflow_actions *acts;

	if (!flow)
		return;

	/* Unpublished, or a grace period has passed: nobody else looks. */
	acts = rcu_dereference_protected(flow->acts, true);
	if (acts)
		kflow_actions_free(acts);
	if (!kflow_flow_has_ufid(&flow->id))
		kfree(flow->id.unmasked_key);
	free_percpu(flow->stats);
	kmem_cache_free(kflow_flow_cache, flow);
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_flow_free);

static void kflow_flow_free_cb(struct rcu_head *head)
{
	kflow_flow_free(container_of(head, struct kflow_flow, rcu));
}

void kflow_flow_free_rcu(struct kflow_flow *flow)
{
	if (flow)
		call_rcu(&flow->rcu, kflow_flow_free_cb);
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_flow_free_rcu);

void kflow_flow_stats_update(struct kflow_flow *flow, __be16 tcp_flags,
			     const struct sk_buff *skb)
{
	struct kflow_flow_stats *stats = this_cpu_ptr(flow->stats);

	u64_stats_update_begin(&stats->syncp);
	stats->packets++;
	stats->bytes += skb->len;
	stats->used = jiffies;
	stats->tcp_flags |= tcp_flags;
	u64_stats_update_end(&stats->syncp);
}

void kflow_flow_stats_get(const struct kflow_flow *flow,
			  struct ovs_flow_stats *stats, unsigned long *used,
			  __be16 *tcp_flags)
{
	int cpu;

	memset(stats, 0, sizeof(*stats));
	*used = 0;
	*tcp_flags = 0;

	for_each_possible_cpu(cpu) {
		const struct kflow_flow_stats *s = per_cpu_ptr(flow->stats, cpu);
		unsigned long cpu_used;
		unsigned int seq;
		u64 packets, bytes;
		__be16 flags;

		do {
			seq = u64_stats_fetch_begin(&s->syncp);
			packets = s->packets;
			bytes = s->bytes;
			cpu_used = s->used;
			flags = s->tcp_flags;
		} while (u64_stats_fetch_retry(&s->syncp, seq));

		if (!packets)
			continue;
		stats->n_packets += packets;
		stats->n_bytes += bytes;
		*tcp_flags |= flags;
		if (!*used || time_after(cpu_used, *used))
			*used = cpu_used;
	}
}

/*
 * Best effort with respect to packets being counted on other CPUs at the
 * same moment: such an update may survive the clear.  Exact clearing
 * would need a lock on the fast path.
 */
void kflow_flow_stats_clear(struct kflow_flow *flow)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct kflow_flow_stats *s = per_cpu_ptr(flow->stats, cpu);

		u64_stats_update_begin(&s->syncp);
		s->packets = 0;
		s->bytes = 0;
		s->used = 0;
		s->tcp_flags = 0;
		u64_stats_update_end(&s->syncp);
	}
}

void kflow_key_mask(struct kflow_key *dst, const struct kflow_key *src,
		    bool full, const struct kflow_mask *mask)
{
	size_t start = rounddown(mask->range.start, sizeof(long));
	size_t end = min_t(size_t, roundup(mask->range.end, sizeof(long)),
			   sizeof(*dst));
	const unsigned long *m = (const unsigned long *)&mask->key;
	const unsigned long *s = (const unsigned long *)src;
	unsigned long *d = (unsigned long *)dst;
	size_t i;

	if (full)
		memset(dst, 0, sizeof(*dst));

	/* Bytes of the mask outside its range are zero. */
	for (i = start / sizeof(long); i < end / sizeof(long); i++)
		d[i] = s[i] & m[i];
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_key_mask);

bool kflow_flow_cmp_unmasked_key(const struct kflow_flow *flow,
				 const struct kflow_match *match)
{
	const struct kflow_key *key = match->key;
	size_t start = key->tun_proto ? 0 : KFLOW_KEY_NON_TUN_START;
	size_t end = min_t(size_t, match->range.end, sizeof(*key));

	if (kflow_flow_has_ufid(&flow->id))
		return false;
	if (end <= start)
		return true;

	return !memcmp((const u8 *)flow->id.unmasked_key + start,
		       (const u8 *)key + start, end - start);
}
