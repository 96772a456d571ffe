// SPDX-License-Identifier: GPL-2.0
/*
 * reval_reconcile.c - start-up reconciliation: the kernel still holds
 * the megaflows of an earlier run (kflowd killed, upgraded, restarted).
 * Instead of flushing them, translate each flow's key (the kernel's
 * masked key) against the tables loaded at start and compare matches in
 * a canonical form (the kernel encodes keys and masks its own way):
 *   same match, same actions   -> adopted as it is (UFID, counters kept);
 *   same match, other actions  -> adopted, actions set in place;
 *   other match, or no valid translation -> deleted.
 * Adopted flows start with their current counters as the baseline, so
 * packets of the earlier run are not credited twice.  Their userspace()
 * actions are translated with the main copy's port id (handler 0's): the
 * earlier run's sockets are gone, so those actions are set in place.
 * Runs in start(), before the handler threads start.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "kflowd.h"
#include "log.h"
#include "odp.h"
#include "reval_policy.h"
#include "revalidate.h"
#include "vec.h"
#include "xlate.h"

struct kflow_copy {
	struct kfd_dp_dumped d;		/* attribute pointers into @blob */
	uint8_t *blob;
};

struct kflows {
	struct kflow_copy *v;
	size_t n, cap;
	size_t no_ufid;
};

static int copy_flow(const struct kfd_dp_dumped *fl, void *aux)
{
	size_t len = fl->f.key_len + fl->f.mask_len + fl->f.acts_len;
	struct kflows *k = aux;
	struct kflow_copy *c, *nv;

	if (!fl->has_ufid) {
		k->no_ufid++;
		return 0;
	}
	if (k->n == k->cap) {
		nv = kf_vec_grow(k->v, &k->cap, sizeof(*nv), 64);
		if (!nv)
			return -ENOMEM;
		k->v = nv;
	}
	c = &k->v[k->n];
	c->blob = malloc(len ? len : 1);
	if (!c->blob)
		return -ENOMEM;
	c->d = *fl;
	c->d.f.key = c->blob;
	c->d.f.mask = c->blob + fl->f.key_len;
	c->d.f.acts = c->blob + fl->f.key_len + fl->f.mask_len;
	if (fl->f.key_len)
		memcpy(c->blob, fl->f.key, fl->f.key_len);
	if (fl->f.mask_len)
		memcpy(c->blob + fl->f.key_len, fl->f.mask, fl->f.mask_len);
	if (fl->f.acts_len)
		memcpy(c->blob + fl->f.key_len + fl->f.mask_len, fl->f.acts,
		       fl->f.acts_len);
	k->n++;
	return 0;
}

static bool same_text(struct strbuf *a, struct strbuf *b)
{
	return !strcmp(sb_str(a), sb_str(b));
}

/* Does the fresh flow @x match exactly what @f matches?  And
 * (@same_acts) does it do the same? */
static bool same_match(const struct kfd_dpflow *f, const struct kfd_dpflow *x,
		       bool *same_acts)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	bool same;

	kfd_reval_match_text(&a, f->key, f->key_len, f->mask, f->mask_len);
	kfd_reval_match_text(&b, x->key, x->key_len, x->mask, x->mask_len);
	same = same_text(&a, &b);
	if (!same)
		kfd_log(LOG_DEBUG, "reconcile: match %s now %s", sb_str(&a),
			sb_str(&b));
	sb_clear(&a);
	sb_clear(&b);
	odp_actions_format(&a, f->acts, f->acts_len, NULL);
	odp_actions_format(&b, x->acts, x->acts_len, NULL);
	*same_acts = same_text(&a, &b);
	sb_free(&a);
	sb_free(&b);
	return same;
}

/* Adopt or delete one kernel flow; returns the op taken. */
static enum kfd_reval_op reconcile_one(struct kfd *d,
				       const struct kfd_dp_dumped *fl)
{
	enum kfd_reval_op op = KFD_REVAL_DELETE;
	struct kfd_reval_fresh fr;
	struct kfd_mflow *m;
	bool same_acts;
	int ret;

	if (kfd_reval_xlate(d, fl->f.key, fl->f.key_len, d->dp.up_pid,
			    &fr) ||
	    !same_match(&fl->f, &fr.f, &same_acts))
		goto out;
	op = same_acts ? KFD_REVAL_KEEP : KFD_REVAL_MODIFY;
	if (kfd_reval_remember_flow(d, fl->ufid, fl->f.key, fl->f.key_len,
				    d->dp.up_pid, &fr.x, &fr.f)) {
		op = KFD_REVAL_DELETE;
		goto out;
	}
	m = kfd_mflows_find(&d->mflows, fl->ufid);
	m->packets = fl->packets;
	m->bytes = fl->bytes;
	m->used_ms = fl->used_ms;
	if (op == KFD_REVAL_MODIFY) {
		ret = kfd_dp_flow_modify(&d->dp, fl->ufid, &m->dp);
		if (ret) {
			kfd_log(LOG_WARNING, "reconcile: set actions: %s %s; "
				"deleting the flow", strerror(-ret),
				kfd_dp_errmsg(&d->dp));
			KFD_COUNT(d, reval_set_errors, 1);
			kfd_mflows_remove(&d->mflows, fl->ufid);
			op = KFD_REVAL_DELETE;
		}
	}
out:
	kfd_reval_fresh_free(&fr);
	return op;
}

void kfd_reval_reconcile(struct kfd *d)
{
	struct kflows k = { NULL, 0, 0, 0 };
	size_t i, n[3] = { 0, 0, 0 };
	enum kfd_reval_op op;
	int ret;

	kfd_rules_init_times(d, kfd_now_ms());
	ret = kfd_dp_reval_dump(&d->dp, true, copy_flow, &k);
	for (i = 0; !ret && i < k.n; i++) {
		op = reconcile_one(d, &k.v[i].d);
		n[op]++;
		if (op != KFD_REVAL_DELETE)
			continue;
		ret = kfd_dp_flow_del(&d->dp, k.v[i].d.ufid, NULL, NULL);
		if (ret && ret != -ENOENT)
			kfd_log(LOG_WARNING, "reconcile: delete flow: %s %s",
				strerror(-ret), kfd_dp_errmsg(&d->dp));
	}
	for (i = 0; i < k.n; i++)
		free(k.v[i].blob);
	free(k.v);
	if (ret || k.no_ufid) {
		/* Flows we cannot tell apart: start from an empty cache. */
		kfd_log(LOG_WARNING, "reconcile: %s%s: flushing the datapath",
			ret ? "dump: " : "flows without UFID",
			ret ? strerror(-ret) : "");
		kfd_mflows_clear(&d->mflows);
		kfd_dp_flush(&d->dp);
		KFD_COUNT(d, flushes, 1);
	}
	__atomic_store_n(&d->n_flows, d->mflows.n, __ATOMIC_RELAXED);
	kfd_log(LOG_INFO, "reconciled the datapath's flows: %zu kept, %zu "
		"updated, %zu deleted", n[KFD_REVAL_KEEP],
		n[KFD_REVAL_MODIFY], n[KFD_REVAL_DELETE]);
}
