/* SPDX-License-Identifier: GPL-2.0 */
/*
 * reval_policy.h - the decisions of revalidation, kept free of I/O so
 * the unit tests (tests/test_kf_reval.c) can drive them:
 *   - keep, update or delete a cached datapath flow after translating
 *     its key again;
 *   - datapath idle expiry (--max-idle);
 *   - OpenFlow rule idle_timeout / hard_timeout;
 *   - a canonical text of a datapath match, to compare a flow the kernel
 *     reports (its attribute order and encoding) with a fresh one.
 */
#ifndef KFLOWD_DAEMON_REVAL_POLICY_H
#define KFLOWD_DAEMON_REVAL_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "mflow.h"
#include "strbuf.h"

#define KFD_DEFAULT_MAX_IDLE_MS 10000

enum kfd_reval_op {
	KFD_REVAL_KEEP,		/* same mask and actions */
	KFD_REVAL_MODIFY,	/* same mask: OVS_FLOW_CMD_SET new actions */
	KFD_REVAL_DELETE,	/* mask differs or translation failed */
};

struct kf_xlate_out;
/* The key, mask and actions of translation @x. */
void kfd_reval_dpflow(struct kfd_dpflow *f, const struct kf_xlate_out *x);

/* @fresh is NULL when translation failed or cannot be installed (slow
 * path).  Compares our own encodings bytewise. */
enum kfd_reval_op kfd_reval_decide(const struct kfd_dpflow *cached,
				   const struct kfd_dpflow *fresh);

/* Idle for at least @max_idle_ms at @now_ms?  The last activity is the
 * later of the datapath's use (@used_ms, 0: never) and @created_ms. */
bool kfd_reval_idle(uint64_t created_ms, uint64_t used_ms, uint64_t now_ms,
		    uint64_t max_idle_ms);

/* Rule timeouts (seconds, 0: none): KF_OFPRR_HARD_TIMEOUT if @hard_s
 * has passed since @created_ms, else KF_OFPRR_IDLE_TIMEOUT if @idle_s
 * has passed since @used_ms, else -1. */
int kfd_rule_timeout(uint16_t idle_s, uint16_t hard_s, uint64_t created_ms,
		     uint64_t used_ms, uint64_t now_ms);

/* ovs-dpctl style text of @key under @mask with the attributes (and
 * those nested in encap() and tunnel()) in type order and wildcarded
 * fields left out: equal texts, equal matches. */
void kfd_reval_match_text(struct strbuf *sb, const void *key, size_t key_len,
			  const void *mask, size_t mask_len);

#endif
