/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kflowd.h - the daemon's state: the switch model, the datapath, the
 * upcall handler threads, the OpenFlow listeners and connections,
 * counters.
 *
 * Threads.  The main thread runs the poll loop of main.c: OpenFlow
 * connections, the once-a-second tick (statistics, MAC aging, flow limit)
 * and revalidation.  N handler threads (handler.c, --n-handlers, default
 * the online CPUs) each own an upcall socket and a request socket; they
 * receive misses in batches, translate, install the megaflow (with a
 * UFID) and execute the packet (upcall.c).
 *
 * Locking rules (lock order: model_lock, then mflow_lock, then a MAC
 * table's own mutex; never the other way round):
 *  - model_lock (rwlock, writers preferred) guards the switch model:
 *    d->ofp, its bridges, ports and rule tables, and the rules' counters
 *    as read by anyone but a handler.  Handlers hold it for reading from
 *    translation until the megaflow is installed and remembered
 *    (kfd_reval_remember()), so a writer that changes the model and then
 *    revalidates can never be followed by a flow translated from the old
 *    model, and the periodic datapath dump (revalidate.c) never finds an
 *    installed flow that mflows does not know yet (it would delete it as
 *    unknown).  The main thread
 *    holds it for writing around everything it does after poll()
 *    (OpenFlow messages, the tick, revalidation, control requests): code
 *    added to the main loop runs under it.  Saving the configuration
 *    file (main.c) only reads the model: it holds it for reading, so
 *    handlers are not held up by the file's fsync.
 *  - mflow_lock (mutex) guards d->mflows and the rules' n_packets,
 *    n_bytes and used_ms while handlers run (kf_xlate_credit(),
 *    kfd_reval_remember()).  The main thread takes it too where it
 *    changes d->mflows, though its write lock already keeps handlers out.
 *  - Each bridge's MAC learning table has its own mutex inside
 *    (mac_learning.c): NORMAL learns during translation.  A handler that
 *    learned a change asks the main thread to revalidate the NORMAL
 *    megaflows (kfd_request_revalidate()); it never revalidates itself.
 *  - Counters (d->stats, d->port_drops, d->n_flows, d->flow_limit) are
 *    atomics (KFD_COUNT, __atomic builtins); read them with
 *    kfd_stats_read().
 *  - Controller connections (controller.h) are main-thread state: a
 *    handler sends a packet-in holding model_lock for writing.
 *  - Sockets: a struct kfd_dp is used by one thread only.  d->dp is the
 *    main thread's (its up_pid is handler 0's, for packet-outs); a
 *    handler uses its own h->dp (installs, executes,
 *    the slow path's executes, its port id in userspace() actions).
 *    Each remembered megaflow keeps the port id it was installed with;
 *    revalidation translates with that one, so it does not rewrite a
 *    flow only because another handler installed it.
 *
 * Overload.  The upcall sockets have bounded kernel queues (what does
 * not fit is dropped by the kernel: ENOBUFS, counted in recv_lost, and
 * the datapath's own n_lost); each handler's receive buffer is fixed.
 * Under backlog each in_port gets a budget of translations per round
 * (upcall_policy.h), the rest is dropped and counted per port.  Over
 * d->flow_limit (adapted to the datapath dump time, at most
 * --flow-limit) packets are executed but not installed.
 */
#ifndef KFLOWD_DAEMON_KFLOWD_H
#define KFLOWD_DAEMON_KFLOWD_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "bridge.h"
#include "dp.h"
#include "mflow.h"
#include "xlate.h"
#include "upcall_policy.h"

#define KFD_UPCALL_BATCH 64
#define KFD_DEFAULT_FLOW_LIMIT 10000
#define KFD_STATS_INTERVAL_MS 1000
#define KFD_MAX_HANDLERS 128
#define KFD_SAVE_INTERVAL_MS 1000	/* configuration file rewrites */

/* Atomic counter update, from any thread. */
#define KFD_COUNT(d, field, n) \
	__atomic_fetch_add(&(d)->stats.field, (n), __ATOMIC_RELAXED)

struct kfd_stats {
	uint64_t upcalls;		/* received */
	uint64_t flows_installed;
	uint64_t flow_put_errors;
	uint64_t flow_limit_hits;	/* executed, not installed */
	uint64_t executed;
	uint64_t execute_errors;
	uint64_t slow_path;		/* packets run by the slow path */
	uint64_t slow_path_flows;	/* userspace(slow_path) megaflows */
	uint64_t slow_path_errors;	/* rewrite or execute failed */
	uint64_t dropped;		/* bad key, unknown port, xlate error */
	uint64_t recv_errors;		/* truncated, malformed */
	uint64_t recv_lost;		/* ENOBUFS: the kernel dropped some */
	uint64_t fair_drops;		/* over an in_port's budget */
	uint64_t batches;		/* wake-ups with at least one upcall */
	uint64_t packet_ins;		/* no controller yet: counted only */
	uint64_t flushes;		/* datapath flow flushes */
	uint64_t packet_ins_sent;	/* to controllers */
	uint64_t packet_outs;
	uint64_t dp_lost;		/* the datapath's n_lost, last tick */
	uint64_t reval_modified;	/* re-translated: new actions set */
	uint64_t reval_set_errors;	/* OVS_FLOW_CMD_SET refused: deleted */
	uint64_t reval_deleted;		/* re-translated: mask or xlate changed */
	uint64_t idle_deleted;		/* idle longer than --max-idle */
	uint64_t unknown_deleted;	/* in the datapath, not in mflows */
	uint64_t rules_expired;		/* idle_timeout / hard_timeout */
};

struct kfd_conn;
struct kfd_ctrl;
struct kfd_handler;

struct kfd_listener {
	struct kf_bridge *br;
	int fd;
	char path[108];
};

struct kfd {
	struct kf_ofproto *ofp;
	struct kfd_dp dp;		/* main thread's; dp.dispatch: mode */
	pthread_rwlock_t model_lock;
	pthread_mutex_t mflow_lock;
	size_t flow_limit;		/* current (adapted), atomic */
	size_t flow_limit_max;		/* --flow-limit */
	size_t n_flows;			/* datapath flows (approx.), atomic */
	struct kfd_mflows mflows;	/* what each installed flow hit */
	uint64_t max_idle_ms;		/* datapath flow idle expiry */
	uint64_t reval_gen;		/* datapath dumps so far */
	bool reval_pending;		/* tables changed: revalidate */
	uint64_t next_stats_ms;
	uint64_t next_counts_ms;	/* kfd_handlers_tick() */
	struct kfd_stats stats;
	uint64_t port_drops[KF_FAIR_SLOTS];	/* fairness drops by in_port */
	uint32_t fair_budget;		/* --port-budget */
	struct kfd_handler *handlers;
	unsigned int n_handlers;
	int stopping;			/* atomic: handlers exit */
	int need_revalidate;		/* atomic: a MAC table changed */
	int wake_fd;			/* eventfd: handlers wake the main loop */
	struct kfd_listener *listeners;
	size_t n_listeners;
	struct kfd_conn **conns;
	size_t n_conns;
	struct kfd_ctrl *ctrls;		/* controller.h */
	size_t n_ctrls;
	const char *rundir;		/* RUNDIR of the sockets */
	const char *conf_path;		/* --config: configuration + rules */
	bool conf_dirty;		/* not saved yet (main thread only) */
	uint64_t next_save_ms;		/* no save before (main thread only) */
	int ctl_fd;			/* RUNDIR/kflowd.ctl listener, or -1 */
};

uint64_t kfd_now_ms(void);

/* upcall.c (handler threads): handle the batch of upcalls @ups. */
void kfd_upcall_batch(struct kfd_handler *h, struct kfd_upcall *ups,
		      size_t n, bool backlog);
/* upcall.c: install @x's megaflow with actions @acts for the miss @up
 * and remember it (kfd_reval_remember()); true if added.  Under the
 * model's read lock, held since @x was translated. */
bool kfd_install(struct kfd_handler *h, const struct kfd_upcall *up,
		 const struct kf_xlate_out *x, const struct nlbuf *acts);
/* slow.c: run a slow translation (xout->slow) for @up; a miss also gets
 * its userspace(slow_path) megaflow. */
void kfd_slow_path(struct kfd_handler *h, const struct kfd_upcall *up,
		   const struct kf_xlate_out *x);
/* slow.c: @up came from a slow-path megaflow's userspace() action. */
bool kfd_slow_upcall(const struct kfd_upcall *up);
/* probe.c: fill d->ofp->caps from what the datapath accepts. */
void kfd_probe_caps(struct kfd *d);
/* A consistent-enough copy of the counters, from any thread. */
void kfd_stats_read(const struct kfd *d, struct kfd_stats *out);
/* Log the counters (at exit). */
void kfd_stats_log(const struct kfd *d);
/* handler.c.  From a handler (or the main thread's own dump): a MAC
 * table changed, the main thread shall revalidate the NORMAL megaflows
 * soon (kfd_tick()). */
void kfd_request_revalidate(struct kfd *d);
/* Whoever dumps the datapath's flows reports how long it took: the flow
 * limit adapts (kf_flow_limit_adapt()). */
void kfd_flow_limit_update(struct kfd *d, uint64_t dump_ms);

/* revalidate.c (see there for the design). */
struct kf_xlate_out;
/* Remember a megaflow just installed under @ufid with actions @acts
 * (x->actions, or the slow path's) from upcall key @ukey; @up_pid is
 * the port id its userspace() actions carry (the installing handler's),
 * which revalidation translates with again.  Takes mflow_lock; the
 * caller holds the model's read lock since translating @x, so the
 * periodic dump never sees the flow before it is remembered. */
int kfd_reval_remember(struct kfd *d, const uint32_t ufid[4],
		       const void *ukey, size_t ukey_len,
		       const struct kf_xlate_out *x, const struct nlbuf *acts,
		       uint32_t up_pid);
/* Credit the datapath's counters to the rules.  Call BEFORE changing
 * the tables (rules about to go get their last packets). */
void kfd_stats_pull(struct kfd *d);
/* The tables changed: translate every cached flow again and update or
 * delete it in the datapath.  Returns once the datapath is updated. */
void kfd_revalidate(struct kfd *d);
/* The same if @reval_pending: flow_mods only mark the tables changed, so
 * a batch of them costs one revalidation, run before a barrier reply and
 * at the end of the poll loop's pass (kfd_tick()).  While pending, the
 * mflows' rule lists may point at freed rules: nothing credits them. */
void kfd_revalidate_pending(struct kfd *d);
/* From the poll loop, every pass: a pending MAC revalidation
 * (@need_revalidate) and, every KFD_STATS_INTERVAL_MS, the datapath dump
 * (statistics, idle expiry, unknown flows, the flow limit), rule
 * timeouts, MAC aging. */
void kfd_tick(struct kfd *d);
/* At start: adopt the kernel's flows that the loaded tables still
 * produce, update or delete the others. */
void kfd_reval_reconcile(struct kfd *d);

/* port.c: create or reuse the datapath port of @p (none for patch
 * ports), setting p->odp_port; delete it unless another port shares it
 * (tunnels).  @err says what is wrong, the caller names the port. */
int kfd_port_attach(struct kfd *d, struct kf_port *p, char err[KF_ERR_LEN]);
int kfd_port_detach(struct kfd *d, struct kf_port *p, char err[KF_ERR_LEN]);

/* Something persistent changed (bridge, port, rule): the configuration
 * file is rewritten at the end of a poll round, at most once per
 * KFD_SAVE_INTERVAL_MS (main.c). */
static inline void kfd_conf_changed(struct kfd *d)
{
	d->conf_dirty = true;
}

#endif
