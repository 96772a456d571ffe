// SPDX-License-Identifier: GPL-2.0
/*
 * upcall.c - miss upcalls (handler threads): fairness admission, decode
 * the key, translate, install the megaflow and remember it for
 * revalidation (revalidate.c, the main thread's side), execute the
 * packet.
 *
 * The installs and executions of a batch of upcalls go to the kernel
 * together (dpif.h "Batches": one sendmsg, answered by errors and one
 * acknowledgement), not two round trips each.  The handler takes the
 * model's read lock before its first translation and keeps it until the
 * batch's results are in: a megaflow is remembered before it is sent,
 * and the periodic dump (under the write lock) must not see it
 * remembered and not yet installed, nor installed and not remembered.
 * A failed install is forgotten again.  A packet-in, which needs the
 * write lock, commits the batch first.
 */
#include <errno.h>
#include <linux/openvswitch.h>
#include <stdio.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include "controller.h"
#include "handler.h"
#include "kflowd.h"
#include "log.h"
#include "upcall_key.h"
#include "xlate.h"

uint64_t kfd_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

bool kfd_install(struct kfd_handler *h, const struct kfd_upcall *up,
		 const struct kf_xlate_out *x, const struct nlbuf *acts)
{
	struct kfd *d = h->d;
	uint32_t ufid[4];
	int ret;

	if (__atomic_load_n(&d->n_flows, __ATOMIC_RELAXED) >=
	    __atomic_load_n(&d->flow_limit, __ATOMIC_RELAXED)) {
		KFD_COUNT(d, flow_limit_hits, 1);
		return false;
	}
	ret = kfd_dp_flow_put(&h->dp, nlbuf_data(&x->key), nlbuf_len(&x->key),
			      nlbuf_data(&x->mask), nlbuf_len(&x->mask),
			      nlbuf_data(acts), nlbuf_len(acts), ufid);
	if (ret == -EEXIST)
		return false;	/* another packet installed it first */
	if (ret) {
		KFD_COUNT(d, flow_put_errors, 1);
		kfd_log(LOG_WARNING, "install megaflow: %s %s",
			strerror(-ret), kfd_dp_errmsg(&h->dp));
		return false;
	}
	__atomic_fetch_add(&d->n_flows, 1, __ATOMIC_RELAXED);
	KFD_COUNT(d, flows_installed, 1);
	/* Still under the model's read lock: the periodic dump cannot run
	 * before the flow is remembered (it would delete it as unknown). */
	if (kfd_reval_remember(d, ufid, up->key, up->key_len, x, acts,
			       h->dp.up_pid))
		kfd_log(LOG_WARNING, "megaflow table: out of memory (its "
			"statistics will not reach the rules)");
	return true;
}

/* Remember @x's megaflow as installed under @ufid: under the model's
 * read lock, held since @x was translated. */
static void remember(struct kfd_handler *h, const struct kfd_upcall *up,
		     const struct kf_xlate_out *x, const uint32_t ufid[4])
{
	struct kfd *d = h->d;

	__atomic_fetch_add(&d->n_flows, 1, __ATOMIC_RELAXED);
	if (kfd_reval_remember(d, ufid, up->key, up->key_len, x, &x->actions,
			       h->dp.up_pid))
		kfd_log(LOG_WARNING, "megaflow table: out of memory (its "
			"statistics will not reach the rules)");
}

/* The batch's answer for pending miss @p. */
static void pending_done(struct kfd_handler *h, const struct kfd_pending *p)
{
	struct kfd *d = h->d;
	int ret;

	if (p->put >= 0) {
		ret = kfd_dp_batch_result(h->batch, p->put);
		if (!ret) {
			KFD_COUNT(d, flows_installed, 1);
		} else {
			pthread_mutex_lock(&d->mflow_lock);
			kfd_mflows_remove(&d->mflows, p->ufid);
			pthread_mutex_unlock(&d->mflow_lock);
			__atomic_fetch_sub(&d->n_flows, 1, __ATOMIC_RELAXED);
			/* -EEXIST: another handler installed it first. */
			if (ret != -EEXIST) {
				KFD_COUNT(d, flow_put_errors, 1);
				kfd_log(LOG_WARNING, "install megaflow: %s %s",
					strerror(-ret), kfd_dp_errmsg(&h->dp));
			}
		}
	}
	if (p->exec >= 0) {
		ret = kfd_dp_batch_result(h->batch, p->exec);
		if (!ret) {
			KFD_COUNT(d, executed, 1);
		} else {
			KFD_COUNT(d, execute_errors, 1);
			kfd_log(LOG_DEBUG, "execute packet: %s %s",
				strerror(-ret), kfd_dp_errmsg(&h->dp));
		}
	}
}

/* Send the batch, account for its results; with @unlock also release
 * the model's read lock. */
static void batch_flush(struct kfd_handler *h, bool unlock)
{
	size_t i;
	int ret;

	if (h->n_pend) {
		ret = kfd_dp_batch_commit(h->batch);
		if (ret)
			kfd_log(LOG_WARNING, "handler %u: send batch: %s",
				h->idx, strerror(-ret));
		for (i = 0; i < h->n_pend; i++)
			pending_done(h, &h->pend[i]);
		h->n_pend = 0;
	}
	if (unlock && h->read_locked) {
		pthread_rwlock_unlock(&h->d->model_lock);
		h->read_locked = false;
	}
}

/* Queue @x's megaflow for @up (if @install) and the execution of @up's
 * packet with @x's actions (if any) in the batch. */
static void queue(struct kfd_handler *h, const struct kfd_upcall *up,
		  const struct kf_xlate_out *x, bool install)
{
	size_t acts = nlbuf_len(&x->actions);
	struct kfd_pending *p = &h->pend[h->n_pend];
	struct kfd *d = h->d;

	if (install &&
	    __atomic_load_n(&d->n_flows, __ATOMIC_RELAXED) >=
	    __atomic_load_n(&d->flow_limit, __ATOMIC_RELAXED)) {
		KFD_COUNT(d, flow_limit_hits, 1);
		install = false;
	}
	if (!install && !acts)
		return;			/* drop */
	/* A miss's put and execute go in the same batch. */
	if (h->n_pend == KFD_UPCALL_BATCH ||
	    !kfd_dp_batch_fits(h->batch, 2, up->packet_len +
			       2 * up->key_len + nlbuf_len(&x->key) +
			       nlbuf_len(&x->mask) + 2 * acts)) {
		batch_flush(h, false);
		p = &h->pend[0];
	}
	p->put = -1;
	p->exec = -1;
	if (install) {
		p->put = kfd_dp_batch_put(&h->dp, h->batch,
					  nlbuf_data(&x->key),
					  nlbuf_len(&x->key),
					  nlbuf_data(&x->mask),
					  nlbuf_len(&x->mask),
					  nlbuf_data(&x->actions), acts,
					  p->ufid);
		if (p->put < 0) {
			KFD_COUNT(d, flow_put_errors, 1);
			kfd_log(LOG_WARNING, "install megaflow: %s",
				strerror(-p->put));
			p->put = -1;
		} else {
			remember(h, up, x, p->ufid);
		}
	}
	if (acts) {
		p->exec = kfd_dp_batch_execute(&h->dp, h->batch, up->packet,
					       up->packet_len, up->key,
					       up->key_len,
					       nlbuf_data(&x->actions), acts);
		if (p->exec < 0) {
			KFD_COUNT(d, execute_errors, 1);
			p->exec = -1;
		}
	}
	if (p->put >= 0 || p->exec >= 0)
		h->n_pend++;
}

/* Translate under the model's read lock; 0 if @up's packet is to be
 * executed with @x's actions (and, a miss, installed: *install). */
static int translate(struct kfd_handler *h, const struct kfd_upcall *up,
		     struct kf_xlate_out *x, bool *install)
{
	struct kfd *d = h->d;
	char err[KF_ERR_LEN];
	struct kf_xlate_in xin;

	*install = false;
	memset(&xin, 0, sizeof(xin));
	if (kf_upcall_key_to_flow(d->ofp, up->key, up->key_len, &xin.flow,
				  &xin.bridge, err)) {
		KFD_COUNT(d, dropped, 1);
		kfd_log(LOG_DEBUG, "upcall dropped: %s", err);
		return -EINVAL;
	}
	xin.ofproto = d->ofp;
	xin.upcall_pid = h->dp.up_pid;
	xin.now_ms = kfd_now_ms();
	xin.may_learn = true;
	if (kf_xlate(&xin, x)) {
		KFD_COUNT(d, dropped, 1);
		kfd_log(LOG_DEBUG, "translation failed: error %d", x->error);
	}
	KFD_COUNT(d, packet_ins, x->n_pins);
	/* A slow-path megaflow's own statistics count its packets. */
	if (up->cmd == OVS_PACKET_CMD_MISS) {
		pthread_mutex_lock(&d->mflow_lock);
		kf_xlate_credit(x, 1, up->packet_len, xin.now_ms);
		pthread_mutex_unlock(&d->mflow_lock);
	}
	if (x->n_macs)
		kfd_request_revalidate(d); /* flows flooding to a MAC now known */
	if (x->slow) {
		kfd_slow_path(h, up, x);	/* executes too */
		return -EAGAIN;
	}
	*install = !x->error && up->cmd == OVS_PACKET_CMD_MISS;
	return 0;
}

static void handle_miss(struct kfd_handler *h, const struct kfd_upcall *up)
{
	struct kf_xlate_out x;
	bool install;

	if (!h->read_locked) {
		pthread_rwlock_rdlock(&h->d->model_lock);
		h->read_locked = true;
	}
	kf_xlate_out_init(&x);
	if (!translate(h, up, &x, &install))
		queue(h, up, &x, install);
	kf_xlate_out_free(&x);
}

/* A CONTROLLER action's upcall.  Controller connections are the main
 * thread's: the write lock excludes it (and the other handlers). */
static void packet_in(struct kfd_handler *h, const struct kfd_upcall *up)
{
	if (up->cmd != OVS_PACKET_CMD_ACTION)
		return;
	batch_flush(h, true);
	pthread_rwlock_wrlock(&h->d->model_lock);
	kfd_ctrl_packet_in(h->d, up);
	pthread_rwlock_unlock(&h->d->model_lock);
}

void kfd_upcall_batch(struct kfd_handler *h, struct kfd_upcall *ups,
		      size_t n, bool backlog)
{
	struct kfd *d = h->d;
	uint64_t now = kfd_now_ms();
	size_t i;

	KFD_COUNT(d, upcalls, n);
	for (i = 0; i < n; i++) {
		const struct kfd_upcall *up = &ups[i];

		if (!kf_fair_admit(&h->fair, up->in_port, now, backlog)) {
			KFD_COUNT(d, fair_drops, 1);
			__atomic_fetch_add(&d->port_drops[kf_fair_slot(up->in_port)],
					   1, __ATOMIC_RELAXED);
			continue;
		}
		if (up->cmd == OVS_PACKET_CMD_MISS || kfd_slow_upcall(up))
			handle_miss(h, up);
		else
			packet_in(h, up);
	}
	batch_flush(h, true);
}
