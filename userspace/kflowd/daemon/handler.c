// SPDX-License-Identifier: GPL-2.0
/*
 * handler.c - handler threads: create their sockets, set up the upcall
 * dispatch, receive upcalls in batches and hand them to upcall.c.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "handler.h"
#include "log.h"

unsigned int kfd_online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (unsigned int)n : 1;
}

/* Receive up to a batch; *more tells if more may be queued, *lost if
 * the kernel dropped upcalls. */
static size_t recv_batch(struct kfd_handler *h, bool *more, bool *lost)
{
	struct kfd *d = h->d;
	size_t n = 0, off = 0;
	int ret;

	*more = false;
	*lost = false;
	while (n < KFD_UPCALL_BATCH) {
		if (KFD_HANDLER_BUF - off < KFD_UPCALL_MAX) {
			*more = true;
			break;
		}
		ret = kfd_dp_recv(&h->dp, h->buf + off, KFD_HANDLER_BUF - off,
				  &h->ups[n]);
		if (ret == 0)
			return n;
		if (ret == -ENOBUFS) {
			KFD_COUNT(d, recv_lost, 1);
			*lost = true;
			continue;
		}
		if (ret < 0) {
			KFD_COUNT(d, recv_errors, 1);
			if (ret == -EBADMSG || ret == -EMSGSIZE)
				continue;
			kfd_log(LOG_WARNING, "handler %u: receive: %s", h->idx,
				strerror(-ret));
			return n;
		}
		off += (h->ups[n].msg_len + 7) & ~(size_t)7;
		n++;
	}
	if (n == KFD_UPCALL_BATCH)
		*more = true;
	return n;
}

/* Backlogged: the upcalls still queued would take long to translate
 * (over KFD_BACKLOG_BYTES of them), or the kernel dropped some.  Only
 * then does the per-port budget apply: a port alone, sending misses
 * faster than they are translated, keeps the handler busy without the
 * queue growing past that, and another port's miss waits behind at most
 * that much.  Without SO_MEMINFO, a full batch counts as backlog. */
static bool backlogged(struct kfd_handler *h, bool more, bool lost)
{
	long queued;

	if (lost)
		return true;
	if (!more)
		return false;
	queued = kfd_dp_queued(&h->dp);
	return queued < 0 || queued > KFD_BACKLOG_BYTES;
}

static void *handler_main(void *arg)
{
	struct kfd_handler *h = arg;
	struct kfd *d = h->d;
	struct pollfd pfd = { h->dp.up_fd, POLLIN, 0 };
	bool more = false, lost;
	size_t n;

	while (!__atomic_load_n(&d->stopping, __ATOMIC_ACQUIRE)) {
		if (!more && poll(&pfd, 1, KFD_HANDLER_POLL_MS) <= 0)
			continue;
		n = recv_batch(h, &more, &lost);
		if (!n)
			continue;
		KFD_COUNT(d, batches, 1);
		kfd_upcall_batch(h, h->ups, n, backlogged(h, more, lost));
	}
	return NULL;
}

int kfd_handlers_create(struct kfd *d, unsigned int n, bool per_vport,
			char err[KF_ERR_LEN])
{
	uint32_t pids[KFD_MAX_HANDLERS];
	unsigned int i;
	int ret;

	if (!n || n > KFD_MAX_HANDLERS) {
		snprintf(err, KF_ERR_LEN, "--n-handlers=%u: must be 1 to %d", n,
			 KFD_MAX_HANDLERS);
		return -EINVAL;
	}
	d->handlers = calloc(n, sizeof(*d->handlers));
	if (!d->handlers) {
		snprintf(err, KF_ERR_LEN, "handlers: out of memory");
		return -ENOMEM;
	}
	d->n_handlers = n;
	for (i = 0; i < n; i++) {
		struct kfd_handler *h = &d->handlers[i];

		h->d = d;
		h->idx = i;
		kf_fair_init(&h->fair, KF_FAIR_DEFAULT_ROUND_MS, d->fair_budget);
		h->buf = malloc(KFD_HANDLER_BUF);
		if (!h->buf) {
			snprintf(err, KF_ERR_LEN, "handlers: out of memory");
			return -ENOMEM;
		}
		ret = kfd_dp_handler_open(&d->dp, &h->dp, err);
		if (ret)
			return ret;
		h->batch = kfd_dp_batch_new(&h->dp);
		if (!h->batch) {
			snprintf(err, KF_ERR_LEN, "handlers: out of memory");
			return -ENOMEM;
		}
		pids[i] = h->dp.up_pid;
	}
	ret = kfd_dp_set_dispatch(&d->dp, pids, n, !per_vport, err);
	if (ret)
		return ret;
	kfd_log(LOG_INFO, "%u upcall handlers, %s dispatch%s", n,
		kfd_dispatch_name(d->dp.dispatch),
		d->dp.dispatch == KFD_DISPATCH_PER_CPU ?
		" (one netlink port per CPU)" : per_vport ?
		" (--dispatch per-vport)" :
		" (the datapath refused per-CPU dispatch)");
	return 0;
}

int kfd_handlers_start(struct kfd *d, char err[KF_ERR_LEN])
{
	sigset_t all, old;
	unsigned int i;
	int ret = 0;

	/* Signals go to the main thread only. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	for (i = 0; i < d->n_handlers && !ret; i++) {
		ret = -pthread_create(&d->handlers[i].thread, NULL,
				      handler_main, &d->handlers[i]);
		d->handlers[i].running = !ret;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (ret)
		snprintf(err, KF_ERR_LEN, "handler thread: %s", strerror(-ret));
	return ret;
}

void kfd_handlers_destroy(struct kfd *d)
{
	unsigned int i;

	__atomic_store_n(&d->stopping, 1, __ATOMIC_RELEASE);
	for (i = 0; d->handlers && i < d->n_handlers; i++) {
		struct kfd_handler *h = &d->handlers[i];

		if (h->running)
			pthread_join(h->thread, NULL);
		kfd_dp_batch_free(h->batch);
		kfd_dp_close(&h->dp);
		free(h->buf);
	}
	free(d->handlers);
	d->handlers = NULL;	/* n_handlers stays, for the exit report */
}

void kfd_request_revalidate(struct kfd *d)
{
	uint64_t one = 1;

	__atomic_store_n(&d->need_revalidate, 1, __ATOMIC_RELEASE);
	if (write(d->wake_fd, &one, sizeof(one)) < 0 && errno != EAGAIN)
		kfd_log(LOG_DEBUG, "wake the main loop: %s", strerror(errno));
}

void kfd_flow_limit_update(struct kfd *d, uint64_t dump_ms)
{
	size_t old = __atomic_load_n(&d->flow_limit, __ATOMIC_RELAXED);
	size_t limit;

	limit = kf_flow_limit_adapt(old, d->flow_limit_max,
				    __atomic_load_n(&d->n_flows,
						    __ATOMIC_RELAXED),
				    dump_ms);
	if (limit == old)
		return;
	kfd_log(LOG_INFO, "flow limit %zu -> %zu (dumping the datapath's "
		"flows took %llu ms)", old, limit, (unsigned long long)dump_ms);
	__atomic_store_n(&d->flow_limit, limit, __ATOMIC_RELAXED);
}

void kfd_handlers_tick(struct kfd *d)
{
	uint64_t now = kfd_now_ms(), n_flows, n_lost;

	if (now < d->next_counts_ms)
		return;
	d->next_counts_ms = now + KFD_STATS_INTERVAL_MS;
	if (kfd_dp_counts(&d->dp, &n_flows, &n_lost))
		return;
	__atomic_store_n(&d->n_flows, (size_t)n_flows, __ATOMIC_RELAXED);
	__atomic_store_n(&d->stats.dp_lost, n_lost, __ATOMIC_RELAXED);
}
