/* SPDX-License-Identifier: GPL-2.0 */
/*
 * handler.h - upcall handler threads.  Each has its own struct kfd_dp
 * (upcall socket + request socket), a fixed receive buffer holding one
 * batch, and its own fairness state; see kflowd.h for the locking rules.
 */
#ifndef KFLOWD_DAEMON_HANDLER_H
#define KFLOWD_DAEMON_HANDLER_H

#include <pthread.h>
#include "kflowd.h"

/* Largest upcall: a 64 KiB packet plus key, userdata and headers.  A
 * batch stops when less than this is left in the buffer. */
#define KFD_UPCALL_MAX (64 * 1024 + 8 * 1024)
#define KFD_HANDLER_BUF (256 * 1024)
#define KFD_HANDLER_POLL_MS 200
/* Queued upcalls (skb truesize) over which a handler is backlogged:
 * about 400 small misses (a 60-byte frame's upcall takes 1.3 KiB), a
 * fraction of a second of translation. */
#define KFD_BACKLOG_BYTES (512 * 1024)

/* A miss whose megaflow install and packet execution wait in the
 * handler's batch (indexes into it, -1 for none). */
struct kfd_pending {
	int put;
	int exec;
	uint32_t ufid[4];
};

struct kfd_handler {
	struct kfd *d;
	unsigned int idx;
	pthread_t thread;
	bool running;
	struct kfd_dp dp;
	uint8_t *buf;			/* KFD_HANDLER_BUF */
	struct kfd_upcall ups[KFD_UPCALL_BATCH];
	struct kf_fair fair;
	struct kf_batch *batch;		/* installs and executions */
	struct kfd_pending pend[KFD_UPCALL_BATCH];
	size_t n_pend;
	bool read_locked;		/* model_lock, until the batch is in */
};

/* Create @n handlers with their sockets and point the datapath's upcalls
 * at them (per-CPU dispatch if possible, unless @per_vport).  Threads
 * start later. */
int kfd_handlers_create(struct kfd *d, unsigned int n, bool per_vport,
			char err[KF_ERR_LEN]);
int kfd_handlers_start(struct kfd *d, char err[KF_ERR_LEN]);
/* Stop and join the threads, close the sockets. */
void kfd_handlers_destroy(struct kfd *d);
/* Main thread, model_lock held for writing: once a second re-read the
 * datapath's flow count and lost upcalls.  (A handler's revalidation
 * request is served by kfd_tick().) */
void kfd_handlers_tick(struct kfd *d);
/* Number of online CPUs (at least 1). */
unsigned int kfd_online_cpus(void);

#endif
