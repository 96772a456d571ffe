// SPDX-License-Identifier: GPL-2.0
/*
 * upcall.c - miss upcalls (handler threads): fairness admission, decode
 * the key, translate, install the megaflow and remember it for
 * revalidation (revalidate.c, the main thread's side), execute the
 * packet.
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

static void execute(struct kfd_handler *h, const struct kfd_upcall *up,
		    const struct kf_xlate_out *x)
{
	struct kfd *d = h->d;
	int ret;

	if (!nlbuf_len(&x->actions))
		return;			/* drop */
	ret = kfd_dp_execute(&h->dp, up->packet, up->packet_len, up->key,
			     up->key_len, nlbuf_data(&x->actions),
			     nlbuf_len(&x->actions));
	if (ret) {
		KFD_COUNT(d, execute_errors, 1);
		kfd_log(LOG_DEBUG, "execute packet: %s %s", strerror(-ret),
			kfd_dp_errmsg(&h->dp));
		return;
	}
	KFD_COUNT(d, executed, 1);
}

/* Translate and install under the model's read lock; 0 if the packet
 * is to be executed with @x's actions. */
static int translate(struct kfd_handler *h, const struct kfd_upcall *up,
		     struct kf_xlate_out *x)
{
	struct kfd *d = h->d;
	char err[KF_ERR_LEN];
	struct kf_xlate_in xin;

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
	if (!x->error && up->cmd == OVS_PACKET_CMD_MISS)
		kfd_install(h, up, x, &x->actions);
	return 0;
}

static void handle_miss(struct kfd_handler *h, const struct kfd_upcall *up)
{
	struct kf_xlate_out x;
	int ret;

	kf_xlate_out_init(&x);
	pthread_rwlock_rdlock(&h->d->model_lock);
	ret = translate(h, up, &x);
	pthread_rwlock_unlock(&h->d->model_lock);
	if (!ret)
		execute(h, up, &x);
	kf_xlate_out_free(&x);
}

/* A CONTROLLER action's upcall.  Controller connections are the main
 * thread's: the write lock excludes it (and the other handlers). */
static void packet_in(struct kfd_handler *h, const struct kfd_upcall *up)
{
	if (up->cmd != OVS_PACKET_CMD_ACTION)
		return;
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
}
