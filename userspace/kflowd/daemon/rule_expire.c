// SPDX-License-Identifier: GPL-2.0
/*
 * rule_expire.c - OpenFlow rule idle_timeout and hard_timeout; expired
 * rules with send_flow_rem produce OFPT_FLOW_REMOVED to the bridge's
 * controllers (controller.c).
 *
 * A rule's idle time is measured from the datapath's use of the
 * megaflows it was part of (credited once a second, revalidate.c), or
 * from an upcall it translated; its hard time from its creation (a
 * modify keeps it, as OpenFlow 1.3 says).  Checked once a second.
 */
#include <stdio.h>
#include <stdlib.h>
#include "log.h"
#include "controller.h"
#include "reval_policy.h"
#include "revalidate.h"
#include "vec.h"

struct expiry {
	struct kf_rule *rule;
	int reason;
};

struct expiries {
	uint64_t now_ms;
	struct expiry *v;
	size_t n, cap;
};

static bool check_rule(const struct kf_cls_rule *cr, void *aux)
{
	struct expiries *e = aux;
	struct kf_rule *r = cr->data;
	struct expiry *nv;
	int reason;

	if (!r->of.idle_timeout && !r->of.hard_timeout)
		return true;
	if (!r->created_ms)		/* loaded, not yet stamped */
		r->created_ms = r->used_ms = e->now_ms;
	reason = kfd_rule_timeout(r->of.idle_timeout, r->of.hard_timeout,
				  r->created_ms, r->used_ms, e->now_ms);
	if (reason < 0)
		return true;
	if (e->n == e->cap) {
		nv = kf_vec_grow(e->v, &e->cap, sizeof(*nv), 16);
		if (!nv)
			return false;	/* the rest next second */
		e->v = nv;
	}
	e->v[e->n++] = (struct expiry){ r, reason };
	return true;
}

static void foreach_rule(struct kfd *d, kf_cls_visit_fn *fn, void *aux)
{
	size_t b;
	unsigned int t;

	for (b = 0; b < d->ofp->n_bridges; b++)
		for (t = 0; t < KF_N_TABLES; t++)
			kf_cls_foreach(d->ofp->bridges[b]->tables[t], fn, aux);
}

static bool init_times(const struct kf_cls_rule *cr, void *aux)
{
	struct kf_rule *r = cr->data;

	if (!r->created_ms)
		r->created_ms = r->used_ms = *(const uint64_t *)aux;
	return true;
}

void kfd_rules_init_times(struct kfd *d, uint64_t now_ms)
{
	foreach_rule(d, init_times, &now_ms);
}

size_t kfd_rules_expire(struct kfd *d, uint64_t now_ms)
{
	struct expiries e = { now_ms, NULL, 0, 0 };
	size_t i;

	foreach_rule(d, check_rule, &e);
	for (i = 0; i < e.n; i++) {
		struct kf_rule *r = e.v[i].rule;

		kfd_log(LOG_DEBUG, "%s: table %u priority %d: %s timeout",
			r->bridge->name, r->of.table_id, r->of.priority,
			e.v[i].reason == KF_OFPRR_IDLE_TIMEOUT ? "idle" :
								 "hard");
		kfd_ctrl_flow_removed(d, r, (uint8_t)e.v[i].reason);
		kf_bridge_remove_rule(r->bridge, r);
	}
	KFD_COUNT(d, rules_expired, e.n);
	free(e.v);
	return e.n;
}
