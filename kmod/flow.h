/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flow.h - a megaflow: masked key, identity, actions and statistics.
 *
 * A flow is created by OVS_FLOW_CMD_NEW, published in the flow table under
 * kflow_mutex, and read by the fast path under RCU.  Its key, mask and id
 * never change after publication; its actions are replaced by RCU pointer
 * swap (OVS_FLOW_CMD_SET); its statistics are per CPU, so the fast path
 * never writes a cache line another CPU reads.
 *
 * Identity: a flow is named either by a userspace-chosen UFID (1..16 bytes)
 * or, for old clients, by its unmasked key.  The table indexes flows by
 * UFID as well as by masked key.
 *
 * Lifetime: removed from the table under kflow_mutex, freed after an RCU
 * grace period (kflow_flow_free_rcu), together with its actions.  The mask
 * is reference counted by the table, not by the flow.
 */
#ifndef _KFLOW_FLOW_H
#define _KFLOW_FLOW_H

#include <linux/rcupdate.h>
#include <linux/u64_stats_sync.h>
#include <linux/netlink.h>
#include <linux/openvswitch.h>
#include "flow_key.h"

#define KFLOW_UFID_MAX_BYTES	16

struct kflow_mask {
	int ref_count;			/* protected by kflow_mutex */
	struct rcu_head rcu;
	struct kflow_key_range range;
	struct kflow_key key;
};

/* A key and mask being built from netlink, before a flow exists. */
struct kflow_match {
	struct kflow_key *key;
	struct kflow_key_range range;	/* bytes of @key that were set */
	struct kflow_mask *mask;
};

struct kflow_id {
	u32 ufid_len;			/* 0: identified by unmasked_key */
	union {
		u32 ufid[KFLOW_UFID_MAX_BYTES / 4];
		struct kflow_key *unmasked_key;
	};
};

/*
 * Validated actions, in kflow's internal netlink form (see actions.h): the
 * userspace form with set() rewritten to set_masked and set(tunnel) to a
 * prepared tunnel descriptor.  @orig_len is the size of the userspace form
 * (for message sizing on dump and upcall).
 */
struct kflow_actions {
	struct rcu_head rcu;
	size_t orig_len;
	u32 actions_len;
	struct nlattr actions[];
};

struct kflow_flow_stats {
	u64 packets;
	u64 bytes;
	unsigned long used;		/* jiffies of last use, 0: never */
	__be16 tcp_flags;
	struct u64_stats_sync syncp;
};

struct kflow_flow {
	struct rcu_head rcu;
	struct {
		struct hlist_node node[2];	/* two tables during rehash */
		u32 hash;
	} flow_table, ufid_table;
	struct kflow_key key;			/* masked key */
	struct kflow_id id;
	struct kflow_mask *mask;
	struct kflow_actions __rcu *acts;
	struct kflow_flow_stats __percpu *stats;
};

/* Module-wide flow allocator (kmem_cache). */
int kflow_flow_init(void);
void kflow_flow_exit(void);

/* Allocate a flow (GFP_KERNEL); id and key are filled by the caller. */
struct kflow_flow *kflow_flow_alloc(void);
/* Free now (never published) / after a grace period (was published). */
void kflow_flow_free(struct kflow_flow *flow);
void kflow_flow_free_rcu(struct kflow_flow *flow);

/* Fast path: account one packet of @len bytes with @tcp_flags. */
void kflow_flow_stats_update(struct kflow_flow *flow, __be16 tcp_flags,
			     const struct sk_buff *skb);
/* Sum over CPUs.  @used is jiffies (0 if never used). */
void kflow_flow_stats_get(const struct kflow_flow *flow,
			  struct ovs_flow_stats *stats, unsigned long *used,
			  __be16 *tcp_flags);
void kflow_flow_stats_clear(struct kflow_flow *flow);

/* dst = src & mask over the mask's range (the rest of dst zeroed if @full). */
void kflow_key_mask(struct kflow_key *dst, const struct kflow_key *src,
		    bool full, const struct kflow_mask *mask);

bool kflow_flow_cmp_unmasked_key(const struct kflow_flow *flow,
				 const struct kflow_match *match);
static inline bool kflow_flow_has_ufid(const struct kflow_id *id)
{
	return id->ufid_len != 0;
}

/* Actions lifetime (actions_nl.c). */
void kflow_actions_free(struct kflow_actions *acts);
void kflow_actions_free_rcu(struct kflow_actions *acts);

#endif /* _KFLOW_FLOW_H */
