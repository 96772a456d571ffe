// SPDX-License-Identifier: GPL-2.0
/*
 * revalidate.c - keep the datapath's flow cache true to the tables.
 *
 * Every installed megaflow is remembered (mflow.h) with the key to
 * translate again and what was installed.  Three things use that:
 *
 *  a. After a change of the tables (flow_mods: once per batch, see
 *     kfd_revalidate_pending(); rule timeouts) or of a MAC table,
 *     kfd_revalidate() translates every cached flow again (after
 *     a MAC change only the flows whose rules output to NORMAL) and
 *     compares with what is installed: same mask and actions, kept; same
 *     mask, new actions, OVS_FLOW_CMD_SET in place (the flow keeps its
 *     UFID and counters); a different mask, a failed translation or a
 *     refused set, deleted (the next packet misses and installs the new
 *     megaflow).  Sets and deletes go to the kernel in batches of 64.
 *     A barrier is answered only after this, so no
 *     packet follows the old rules once the barrier reply is sent.
 *
 *  b. Once a second kfd_tick() dumps the datapath's flows: counters are
 *     credited to the rules (n_packets, n_bytes, last use for idle
 *     timeouts), flows idle longer than --max-idle are deleted, flows the
 *     daemon does not know are deleted, remembered flows the datapath no
 *     longer has are forgotten.  Then rule timeouts (rule_expire.c) and
 *     MAC aging.
 *
 *  c. At start, kfd_reval_reconcile() takes the kernel's flows of an
 *     earlier run: each is translated from its (masked) key against the
 *     tables loaded by then; the same match is adopted (its actions set
 *     if they differ), anything else deleted.  Established traffic keeps
 *     its megaflows across a restart.
 *
 * Threads.  Handler threads only add to mflows (kfd_reval_remember(),
 * under mflow_lock, still holding the model's read lock since they
 * translated: the dump of (b) never meets an installed flow that is not
 * remembered yet).  Everything else here runs in the main thread under
 * the model's write lock, which keeps the handlers out; it takes
 * mflow_lock as well where it changes mflows.  A MAC learning change in
 * a handler reaches (a) through kfd_request_revalidate().
 *
 * Userspace port ids.  A flow's userspace() actions (controller, slow
 * path) carry the port id of the handler that installed it, which
 * differs between handlers: each remembered flow keeps its port id and
 * is translated again with it, so no flow is rewritten only because
 * another handler's id would appear.  Flows adopted at start get the
 * main copy's id (handler 0's); an earlier run's ids are gone anyway.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "kflowd.h"
#include "log.h"
#include "mac_learning.h"
#include "odp.h"
#include "reval_policy.h"
#include "revalidate.h"
#include "upcall_key.h"
#include "vec.h"
#include "xlate.h"

struct ufids {
	uint32_t (*v)[4];
	size_t n, cap;
};

static void ufids_push(struct ufids *u, const uint32_t ufid[4])
{
	uint32_t (*nv)[4];

	if (u->n == u->cap) {
		nv = kf_vec_grow(u->v, &u->cap, sizeof(*nv), 64);
		if (!nv)
			return;		/* retried at the next pass */
		u->v = nv;
	}
	memcpy(u->v[u->n++], ufid, 16);
}

static bool acts_use_normal(const struct kf_actions *acts)
{
	size_t i;

	for (i = 0; i < acts->n; i++) {
		const struct kf_action *a = &acts->v[i];

		if ((a->type == KF_ACT_OUTPUT &&
		     a->output.port == KF_PORT_NORMAL) ||
		    (a->type == KF_ACT_CLONE && acts_use_normal(&a->clone)))
			return true;
	}
	return false;
}

static void data_of(struct kfd_mflow_data *md, const void *ukey,
		    size_t ukey_len, uint32_t up_pid,
		    const struct kf_xlate_out *x, const struct kfd_dpflow *f)
{
	size_t i;

	memset(md, 0, sizeof(*md));
	md->ukey = ukey;
	md->ukey_len = ukey_len;
	md->up_pid = up_pid;
	md->dp = *f;
	md->rules = x->rules;
	md->n_rules = x->n_rules;
	for (i = 0; i < x->n_rules && !md->uses_normal; i++)
		md->uses_normal = acts_use_normal(&x->rules[i]->of.actions);
}

int kfd_reval_remember_flow(struct kfd *d, const uint32_t ufid[4],
			    const void *ukey, size_t ukey_len, uint32_t up_pid,
			    const struct kf_xlate_out *x,
			    const struct kfd_dpflow *f)
{
	struct kfd_mflow_data md;
	int ret;

	data_of(&md, ukey, ukey_len, up_pid, x, f);
	pthread_mutex_lock(&d->mflow_lock);
	ret = kfd_mflows_add(&d->mflows, ufid, &md, kfd_now_ms());
	pthread_mutex_unlock(&d->mflow_lock);
	return ret;
}

int kfd_reval_remember(struct kfd *d, const uint32_t ufid[4],
		       const void *ukey, size_t ukey_len,
		       const struct kf_xlate_out *x, const struct nlbuf *acts,
		       uint32_t up_pid)
{
	struct kfd_dpflow f;

	kfd_reval_dpflow(&f, x);
	f.acts = nlbuf_data(acts);
	f.acts_len = nlbuf_len(acts);
	return kfd_reval_remember_flow(d, ufid, ukey, ukey_len, up_pid, x,
				       &f);
}

static int xlate_key(struct kfd *d, const void *ukey, size_t ukey_len,
		     uint32_t up_pid, bool learn, struct kfd_reval_fresh *fr)
{
	char err[KF_ERR_LEN];
	struct kf_xlate_in xin;

	kf_xlate_out_init(&fr->x);
	nlbuf_init(&fr->slow_acts, 256);
	memset(&xin, 0, sizeof(xin));
	if (kf_upcall_key_to_flow(d->ofp, ukey, ukey_len, &xin.flow,
				  &xin.bridge, err)) {
		kfd_log(LOG_DEBUG, "revalidate: %s", err);
		return -EINVAL;
	}
	xin.ofproto = d->ofp;
	xin.upcall_pid = up_pid;
	xin.now_ms = kfd_now_ms();
	xin.may_learn = learn;
	if (kf_xlate(&xin, &fr->x) || fr->x.error)
		return -EINVAL;
	kfd_reval_dpflow(&fr->f, &fr->x);
	if (fr->x.slow) {	/* installed as upcalls to the slow path */
		if (!kf_xlate_put_slow_path(&fr->slow_acts, up_pid,
					    fr->x.slow))
			return -ENOMEM;
		fr->f.acts = nlbuf_data(&fr->slow_acts);
		fr->f.acts_len = nlbuf_len(&fr->slow_acts);
	}
	return 0;
}

int kfd_reval_xlate(struct kfd *d, const void *ukey, size_t ukey_len,
		    uint32_t up_pid, struct kfd_reval_fresh *fr)
{
	return xlate_key(d, ukey, ukey_len, up_pid, false, fr);
}

void kfd_reval_fresh_free(struct kfd_reval_fresh *fr)
{
	kf_xlate_out_free(&fr->x);
	nlbuf_free(&fr->slow_acts);
}

/* Megaflows that forward by NORMAL hide their packets from MAC
 * learning: translate the ones that were used again with learning on,
 * so their source MACs do not age out while traffic flows.  A learning
 * change (a move) revalidates the NORMAL flows. */
static void refresh_learning(struct kfd *d, const struct ufids *u)
{
	struct kfd_reval_fresh fr;
	struct kfd_mflow *m;
	bool changed = false;
	size_t i;

	pthread_mutex_lock(&d->mflow_lock);
	for (i = 0; i < u->n; i++) {
		m = kfd_mflows_find(&d->mflows, u->v[i]);
		if (!m)
			continue;
		xlate_key(d, kfd_mflow_ukey(m), m->ukey_len, m->up_pid, true,
			  &fr);
		changed |= fr.x.n_macs > 0;
		kfd_reval_fresh_free(&fr);
	}
	pthread_mutex_unlock(&d->mflow_lock);
	if (changed)
		kfd_request_revalidate(d);	/* the next pass of the loop */
}

static void warn_dp(struct kfd *d, const char *what, int ret)
{
	kfd_log(LOG_WARNING, "revalidate: %s: %s %s", what, strerror(-ret),
		kfd_dp_errmsg(&d->dp));
}

/*
 * New actions for megaflows, up to SET_BATCH sent in one batch (dpif.h
 * "Batches"): a flow_mod that changes many megaflows' actions costs
 * n / SET_BATCH round trips, not n.  The megaflow's record is updated when
 * its set is queued; a set the datapath refuses deletes the flow (so the
 * record goes too), as the unbatched set did.
 */
#define SET_BATCH 64
struct sets {
	struct kf_batch *b;		/* NULL: each set alone */
	uint32_t ufid[SET_BATCH][4];
	int idx[SET_BATCH];
	size_t n;
	struct ufids *del;		/* where refused sets go */
};

static void set_done(struct kfd *d, struct sets *s, const uint32_t ufid[4],
		     int ret)
{
	if (ret) {
		warn_dp(d, "set actions", ret);
		KFD_COUNT(d, reval_set_errors, 1);
		ufids_push(s->del, ufid);
	} else {
		KFD_COUNT(d, reval_modified, 1);
	}
}

static void sets_flush(struct kfd *d, struct sets *s)
{
	size_t i;
	int ret;

	if (!s->n)
		return;
	ret = kfd_dp_batch_commit(s->b);
	kfd_log(LOG_DEBUG, "revalidate: %zu sets in one batch", s->n);
	for (i = 0; i < s->n; i++)
		set_done(d, s, s->ufid[i], ret ? ret :
			 kfd_dp_batch_result(s->b, s->idx[i]));
	s->n = 0;
}

static void set_actions(struct kfd *d, struct sets *s, const uint32_t ufid[4],
			const struct kfd_dpflow *f)
{
	int idx = -ENOSPC;

	if (s->b) {
		idx = kfd_dp_batch_modify(&d->dp, s->b, ufid, f);
		if (idx < 0 && s->n) {	/* full: send what waits, again */
			sets_flush(d, s);
			idx = kfd_dp_batch_modify(&d->dp, s->b, ufid, f);
		}
	}
	if (idx < 0) {			/* no batch, or too big for one */
		set_done(d, s, ufid, kfd_dp_flow_modify(&d->dp, ufid, f));
		return;
	}
	memcpy(s->ufid[s->n], ufid, 16);
	s->idx[s->n++] = idx;
	if (s->n == SET_BATCH)
		sets_flush(d, s);
}

/* Translate @m again: update it (its datapath actions queued in @s), or
 * say DELETE. */
static enum kfd_reval_op revalidate_one(struct kfd *d, struct kfd_mflow *m,
					struct sets *s)
{
	struct kfd_reval_fresh fr;
	struct kfd_mflow_data md;
	enum kfd_reval_op op;

	if (kfd_reval_xlate(d, kfd_mflow_ukey(m), m->ukey_len, m->up_pid,
			    &fr)) {
		kfd_reval_fresh_free(&fr);
		return KFD_REVAL_DELETE;
	}
	op = kfd_reval_decide(&m->dp, &fr.f);
	data_of(&md, kfd_mflow_ukey(m), m->ukey_len, m->up_pid, &fr.x,
		&fr.f);
	if (op != KFD_REVAL_DELETE && kfd_mflow_update(m, &md))
		op = KFD_REVAL_DELETE;	/* out of memory: forget it */
	if (op == KFD_REVAL_MODIFY)
		set_actions(d, s, m->ufid, &fr.f);
	kfd_reval_fresh_free(&fr);
	return op;
}

/* Forget @ufid, whose delete returned @ret (gone already is fine). */
static void deleted(struct kfd *d, const uint32_t ufid[4], int ret)
{
	if (ret && ret != -ENOENT)
		warn_dp(d, "delete flow", ret);
	pthread_mutex_lock(&d->mflow_lock);
	kfd_mflows_remove(&d->mflows, ufid);
	pthread_mutex_unlock(&d->mflow_lock);
}

/*
 * Delete @n (at most DEL_BATCH) flows in one batch (dpif.h "Batches"):
 * a flow_mod that changes many megaflows' masks costs n / DEL_BATCH
 * round trips, not n.  A delete that does not fit, or all of them
 * without a batch (@b NULL: out of memory), go one request each.
 */
#define DEL_BATCH 64
static void delete_some(struct kfd *d, struct kf_batch *b,
			const uint32_t (*v)[4], size_t n)
{
	int idx[DEL_BATCH], ret = 0;
	size_t i;

	for (i = 0; i < n; i++)
		idx[i] = b ? kfd_dp_batch_del(&d->dp, b, v[i]) : -ENOSPC;
	if (b)
		ret = kfd_dp_batch_commit(b);
	for (i = 0; i < n; i++) {
		if (idx[i] < 0)		/* did not fit: on its own */
			deleted(d, v[i], kfd_dp_flow_del(&d->dp, v[i], NULL,
							 NULL));
		else
			deleted(d, v[i], ret ? ret :
				kfd_dp_batch_result(b, idx[i]));
	}
}

static void delete_flows(struct kfd *d, const struct ufids *u, uint64_t *ctr)
{
	struct kf_batch *b = u->n > 1 ? kfd_dp_batch_new(&d->dp) : NULL;
	size_t i, n;

	for (i = 0; i < u->n; i += n) {
		n = u->n - i < DEL_BATCH ? u->n - i : DEL_BATCH;
		delete_some(d, b, u->v + i, n);
	}
	kfd_dp_batch_free(b);
	__atomic_fetch_add(ctr, u->n, __ATOMIC_RELAXED);
	__atomic_store_n(&d->n_flows, d->mflows.n, __ATOMIC_RELAXED);
}

static void revalidate(struct kfd *d, bool normal_only)
{
	struct ufids del = { NULL, 0, 0 };
	struct sets s = { .del = &del };
	size_t i;

	/* Without a batch (one flow, or out of memory): one set each. */
	s.b = d->mflows.n > 1 ? kfd_dp_batch_new(&d->dp) : NULL;
	pthread_mutex_lock(&d->mflow_lock);
	for (i = 0; i < d->mflows.cap; i++) {
		struct kfd_mflow *m = &d->mflows.slots[i];

		if (!m->used || (normal_only && !m->uses_normal))
			continue;
		if (revalidate_one(d, m, &s) == KFD_REVAL_DELETE)
			ufids_push(&del, m->ufid);
	}
	sets_flush(d, &s);
	pthread_mutex_unlock(&d->mflow_lock);
	kfd_dp_batch_free(s.b);
	delete_flows(d, &del, &d->stats.reval_deleted);
	free(del.v);
}

void kfd_revalidate(struct kfd *d)
{
	d->reval_pending = false;
	revalidate(d, false);
}

void kfd_revalidate_pending(struct kfd *d)
{
	if (d->reval_pending)
		kfd_revalidate(d);
}

/* ---- the periodic dump ---- */

struct dumped {
	uint32_t ufid[4];
	uint64_t packets, bytes, used_ms;
};

struct dump_vec {
	struct dumped *v;
	size_t n, cap;
	size_t no_ufid;
};

static int collect(const struct kfd_dp_dumped *fl, void *aux)
{
	struct dump_vec *dv = aux;
	struct dumped *nv;

	if (!fl->has_ufid) {
		dv->no_ufid++;
		return 0;
	}
	if (dv->n == dv->cap) {
		nv = kf_vec_grow(dv->v, &dv->cap, sizeof(*nv), 256);
		if (!nv)
			return -ENOMEM;
		dv->v = nv;
	}
	memcpy(dv->v[dv->n].ufid, fl->ufid, 16);
	dv->v[dv->n].packets = fl->packets;
	dv->v[dv->n].bytes = fl->bytes;
	dv->v[dv->n].used_ms = fl->used_ms;
	dv->n++;
	return 0;
}

/* Remembered flows older than @before that the dump did not show. */
static void forget_vanished(struct kfd *d, uint64_t before)
{
	struct ufids gone = { NULL, 0, 0 };
	size_t i;

	pthread_mutex_lock(&d->mflow_lock);
	for (i = 0; i < d->mflows.cap; i++) {
		const struct kfd_mflow *m = &d->mflows.slots[i];

		if (m->used && m->seen != d->reval_gen &&
		    m->created_ms < before)
			ufids_push(&gone, m->ufid);
	}
	for (i = 0; i < gone.n; i++)
		kfd_mflows_remove(&d->mflows, gone.v[i]);
	__atomic_store_n(&d->n_flows, d->mflows.n, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&d->mflow_lock);
	free(gone.v);
}

/* Dump the datapath, credit the counters; with @expire also delete idle
 * and unknown flows and forget vanished ones. */
static void sweep(struct kfd *d, bool expire)
{
	struct ufids idle = { NULL, 0, 0 }, unknown = { NULL, 0, 0 };
	struct ufids learn = { NULL, 0, 0 };
	struct dump_vec dv = { NULL, 0, 0, 0 };
	uint64_t now = kfd_now_ms();
	struct kfd_mflow *m;
	size_t i;
	int ret;

	ret = kfd_dp_reval_dump(&d->dp, false, collect, &dv);
	if (ret) {
		warn_dp(d, "dump datapath flows", ret);
		free(dv.v);
		return;
	}
	kfd_flow_limit_update(d, kfd_now_ms() - now);
	d->reval_gen++;
	pthread_mutex_lock(&d->mflow_lock);
	for (i = 0; i < dv.n; i++) {
		const struct dumped *e = &dv.v[i];

		m = kfd_mflows_find(&d->mflows, e->ufid);
		if (!m) {
			ufids_push(&unknown, e->ufid);
			continue;
		}
		m->seen = d->reval_gen;
		if (kfd_mflow_credit(m, e->packets, e->bytes,
				     e->used_ms < now ? e->used_ms : now) &&
		    m->uses_normal)
			ufids_push(&learn, e->ufid);
		if (kfd_reval_idle(m->created_ms, m->used_ms, now,
				   d->max_idle_ms))
			ufids_push(&idle, e->ufid);
	}
	pthread_mutex_unlock(&d->mflow_lock);
	if (expire) {
		delete_flows(d, &idle, &d->stats.idle_deleted);
		delete_flows(d, &unknown, &d->stats.unknown_deleted);
		forget_vanished(d, now);
		refresh_learning(d, &learn);
	}
	free(learn.v);
	free(idle.v);
	free(unknown.v);
	free(dv.v);
}

void kfd_stats_pull(struct kfd *d)
{
	kfd_revalidate_pending(d);
	if (d->mflows.n)
		sweep(d, false);
}

void kfd_tick(struct kfd *d)
{
	uint64_t now = kfd_now_ms();
	size_t i, expired = 0;

	kfd_revalidate_pending(d);
	/* A handler learned a MAC change (kfd_request_revalidate()). */
	if (__atomic_exchange_n(&d->need_revalidate, 0, __ATOMIC_ACQ_REL))
		revalidate(d, true);
	if (now < d->next_stats_ms)
		return;
	d->next_stats_ms = now + KFD_STATS_INTERVAL_MS;
	sweep(d, true);
	if (kfd_rules_expire(d, now))
		kfd_revalidate(d);
	for (i = 0; i < d->ofp->n_bridges; i++)
		expired += kf_mac_expire(d->ofp->bridges[i]->ml, now);
	if (expired)
		revalidate(d, true);	/* forwarding to aged-out MACs floods */
}
