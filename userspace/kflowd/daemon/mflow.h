/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mflow.h - what the daemon remembers of each megaflow it installed: its
 * UFID, the OpenFlow rules its translation hit and the datapath counters
 * last seen, so datapath statistics can be credited to the rules
 * (ovs-ofctl dump-flows n_packets/n_bytes).
 *
 * The rule pointers stay valid because every change of the tables (and
 * every MAC learning change) first pulls the statistics, then flushes the
 * datapath and this table (upcall.c, kfd_revalidate()).
 */
#ifndef KFLOWD_DAEMON_MFLOW_H
#define KFLOWD_DAEMON_MFLOW_H

#include <stddef.h>
#include <stdint.h>
#include "bridge.h"

struct kfd_mflow {
	uint32_t ufid[4];
	struct kf_rule **rules;
	size_t n_rules;
	uint64_t packets;		/* datapath counters last credited */
	uint64_t bytes;
	bool used;			/* slot in use */
};

struct kfd_mflows {
	struct kfd_mflow *slots;
	size_t cap;			/* power of two, or 0 */
	size_t n;
};

/* Remember a megaflow; copies @rules.  -ENOMEM on failure. */
int kfd_mflows_add(struct kfd_mflows *t, const uint32_t ufid[4],
		   struct kf_rule *const *rules, size_t n_rules);
struct kfd_mflow *kfd_mflows_find(const struct kfd_mflows *t,
				  const uint32_t ufid[4]);
/* Credit the datapath's totals for @ufid (deltas since the last call). */
void kfd_mflows_credit(struct kfd_mflows *t, const uint32_t ufid[4],
		       uint64_t packets, uint64_t bytes, uint64_t now_ms);
void kfd_mflows_clear(struct kfd_mflows *t);

#endif
