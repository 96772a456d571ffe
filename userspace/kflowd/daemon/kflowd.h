/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kflowd.h - the daemon's state: the switch model, the datapath, the
 * OpenFlow listeners and connections, counters.  Single-threaded: the
 * poll loop in main.c runs upcall handling and OpenFlow requests one
 * after the other, so the model needs no locking.
 */
#ifndef KFLOWD_DAEMON_KFLOWD_H
#define KFLOWD_DAEMON_KFLOWD_H

#include <stdbool.h>
#include <stdint.h>
#include "bridge.h"
#include "dp.h"
#include "mflow.h"
#include "xlate.h"

#define KFD_UPCALL_BATCH 64
#define KFD_DEFAULT_FLOW_LIMIT 10000
#define KFD_STATS_INTERVAL_MS 1000

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
	uint64_t recv_errors;		/* ENOBUFS etc. */
	uint64_t packet_ins;		/* no controller yet: counted only */
	uint64_t flushes;		/* datapath flow flushes */
	uint64_t packet_ins_sent;	/* to controllers */
	uint64_t packet_outs;
};

struct kfd_conn;
struct kfd_ctrl;

struct kfd_listener {
	struct kf_bridge *br;
	int fd;
	char path[108];
};

struct kfd {
	struct kf_ofproto *ofp;
	struct kfd_dp dp;
	size_t flow_limit;
	size_t n_flows;			/* installed since the last flush */
	struct kfd_mflows mflows;	/* what each installed flow hit */
	uint64_t next_stats_ms;
	struct kfd_stats stats;
	struct kfd_listener *listeners;
	size_t n_listeners;
	struct kfd_conn **conns;
	size_t n_conns;
	struct kfd_ctrl *ctrls;		/* controller.h */
	size_t n_ctrls;
	uint8_t *upbuf;
	size_t upbuf_len;
};

uint64_t kfd_now_ms(void);

/* upcall.c: handle up to KFD_UPCALL_BATCH queued upcalls. */
void kfd_upcall_run(struct kfd *d);
/* upcall.c: install @x's megaflow with actions @acts; true if added. */
bool kfd_install(struct kfd *d, const struct kf_xlate_out *x,
		 const struct nlbuf *acts);
/* slow.c: run a slow translation (xout->slow) for @up; a miss also gets
 * its userspace(slow_path) megaflow. */
void kfd_slow_path(struct kfd *d, const struct kfd_upcall *up,
		   const struct kf_xlate_out *x);
/* slow.c: @up came from a slow-path megaflow's userspace() action. */
bool kfd_slow_upcall(const struct kfd_upcall *up);
/* probe.c: fill d->ofp->caps from what the datapath accepts. */
void kfd_probe_caps(struct kfd *d);
/* Revalidation v0: credit the datapath's counters to the rules, then
 * delete every datapath flow.  Call BEFORE changing the tables. */
void kfd_revalidate(struct kfd *d);
/* Credit the datapath's counters to the rules (every
 * KFD_STATS_INTERVAL_MS from the poll loop, and before a flush). */
void kfd_stats_pull(struct kfd *d);
/* Once per KFD_STATS_INTERVAL_MS: statistics, MAC aging (an expiry
 * flushes the datapath). */
void kfd_tick(struct kfd *d);

#endif
