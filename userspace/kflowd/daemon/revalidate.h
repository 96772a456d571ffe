/* SPDX-License-Identifier: GPL-2.0 */
/*
 * revalidate.h - what revalidate.c, reval_reconcile.c and rule_expire.c
 * share (the daemon-wide entry points are in kflowd.h).
 */
#ifndef KFLOWD_DAEMON_REVALIDATE_H
#define KFLOWD_DAEMON_REVALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kflowd.h"
#include "xlate.h"

/* A fresh translation and the datapath flow it makes: x's key and mask,
 * and x's actions or, for a slow translation, the userspace(slow_path)
 * action the daemon installs instead (slow.c). */
struct kfd_reval_fresh {
	struct kf_xlate_out x;
	struct nlbuf slow_acts;
	struct kfd_dpflow f;
};

/* Translate datapath key @ukey against the current tables without side
 * effects (no learning, no packet-ins), userspace() actions to port id
 * @up_pid.  0 if the result can be
 * installed; -EINVAL if the key does not decode or translation failed.
 * Free @fr with kfd_reval_fresh_free() in any case. */
int kfd_reval_xlate(struct kfd *d, const void *ukey, size_t ukey_len,
		    uint32_t up_pid, struct kfd_reval_fresh *fr);
void kfd_reval_fresh_free(struct kfd_reval_fresh *fr);
/* kfd_reval_remember() with the installed flow @f. */
int kfd_reval_remember_flow(struct kfd *d, const uint32_t ufid[4],
			    const void *ukey, size_t ukey_len, uint32_t up_pid,
			    const struct kf_xlate_out *x,
			    const struct kfd_dpflow *f);

/* rule_expire.c: remove the rules whose idle_timeout or hard_timeout
 * passed at @now_ms (OFPT_FLOW_REMOVED where asked).  Returns how many:
 * the caller then revalidates. */
size_t kfd_rules_expire(struct kfd *d, uint64_t now_ms);
/* Rules loaded from a file have no times yet: they start at @now_ms
 * (dump-flows duration, timeouts). */
void kfd_rules_init_times(struct kfd *d, uint64_t now_ms);
#endif
