/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mflow.h - what the daemon remembers of each megaflow it installed (or
 * adopted from the kernel at start-up), keyed by UFID:
 *   - the datapath key to translate again (as upcalled, or the kernel's
 *     masked key for an adopted flow) and the installed key, mask and
 *     actions (our own encoding), so revalidation can re-translate and
 *     compare (revalidate.c);
 *   - the OpenFlow rules the translation hit and the datapath counters
 *     last credited to them, so datapath statistics reach the rules
 *     (ovs-ofctl dump-flows n_packets/n_bytes, idle timeouts);
 *   - when it was installed and when the datapath last used it (idle
 *     expiry).
 *
 * RULE POINTERS: a rule may be freed by a flow_mod (delete, modify,
 * replacing add) or a timeout.  Every such change pulls the statistics
 * first, then changes the tables, then revalidates every cached flow,
 * which replaces each @rules list with that of a fresh translation (or
 * forgets the flow) before anything reads the lists again.  All of it
 * runs under the model's write side (see kflowd.h).
 */
#ifndef KFLOWD_DAEMON_MFLOW_H
#define KFLOWD_DAEMON_MFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "bridge.h"
#include "dp.h"

/* What kfd_mflows_add() / kfd_mflow_update() copy. */
struct kfd_mflow_data {
	const void *ukey;		/* key to re-translate */
	size_t ukey_len;
	struct kfd_dpflow dp;		/* as installed */
	struct kf_rule *const *rules;
	size_t n_rules;
	bool uses_normal;		/* a rule hit outputs to NORMAL */
	uint32_t up_pid;		/* port id of its userspace() actions */
};

struct kfd_mflow {
	uint32_t ufid[4];
	struct kf_rule **rules;
	size_t n_rules;
	uint64_t packets;		/* datapath counters last credited */
	uint64_t bytes;
	uint64_t created_ms;		/* installed or adopted */
	uint64_t used_ms;		/* datapath's last use, 0: never */
	uint64_t seen;			/* generation of the last dump */
	uint8_t *blob;			/* ukey, key, mask, actions */
	size_t ukey_len;
	struct kfd_dpflow dp;		/* pointers into @blob */
	bool uses_normal;
	uint32_t up_pid;		/* translate again with this pid */
	bool used;			/* slot in use */
};

struct kfd_mflows {
	struct kfd_mflow *slots;
	size_t cap;			/* power of two, or 0 */
	size_t n;
};

/* Remember a megaflow (copies @md); -ENOMEM, -EEXIST. */
int kfd_mflows_add(struct kfd_mflows *t, const uint32_t ufid[4],
		   const struct kfd_mflow_data *md, uint64_t now_ms);
struct kfd_mflow *kfd_mflows_find(const struct kfd_mflows *t,
				  const uint32_t ufid[4]);
/* Replace what @m remembers with @md (counters, times kept). */
int kfd_mflow_update(struct kfd_mflow *m, const struct kfd_mflow_data *md);
/* The re-translation key of @m. */
static inline const void *kfd_mflow_ukey(const struct kfd_mflow *m)
{
	return m->blob;
}
/* Forget the flow of @ufid.  Invalidates pointers into the table:
 * callers iterating over the slots collect UFIDs first. */
void kfd_mflows_remove(struct kfd_mflows *t, const uint32_t ufid[4]);
/* Credit the datapath's totals of @m to its rules (deltas since the
 * last call); @used_ms is the datapath's last-use time of the flow.
 * True if there were new packets. */
bool kfd_mflow_credit(struct kfd_mflow *m, uint64_t packets,
		      uint64_t bytes, uint64_t used_ms);
void kfd_mflows_clear(struct kfd_mflows *t);

#endif
