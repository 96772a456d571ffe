/* SPDX-License-Identifier: GPL-2.0 */
/*
 * upcall_policy.h - the pure decisions of kflowd's upcall handlers, kept
 * apart from threads and sockets so they can be unit tested:
 *
 *  - which handler serves which CPU under per-CPU upcall dispatch;
 *  - per-port fairness: while a handler is backlogged (over 512 KiB of
 *    upcalls queued in its socket, or the kernel dropped some), each datapath in_port may have at most @budget upcalls
 *    translated per round of @round_ms; the excess is dropped (cheaply,
 *    without translation) and counted, so one port's miss flood cannot
 *    take all handler time from the other ports;
 *  - the dynamic flow limit: shrink it when dumping the datapath's flows
 *    gets slow, grow it back towards the configured maximum.
 *
 * One struct kf_fair per handler thread: no locking.
 */
#ifndef KFLOWD_UPCALL_POLICY_H
#define KFLOWD_UPCALL_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KF_FAIR_SLOTS 256		/* in_ports map onto slots mod this */
#define KF_FAIR_DEFAULT_ROUND_MS 100
#define KF_FAIR_DEFAULT_BUDGET 50

/* Handler of @cpu when @n_handlers (> 0) share the CPUs. */
unsigned int kf_cpu_handler(unsigned int cpu, unsigned int n_handlers);
/* Per-vport dispatch: the handlers whose port ids the @k-th vport gets,
 * into @out; returns how many.  All @n_handlers if at most @max (the
 * kernel takes at most one id per possible CPU), else @max of them from
 * handler (k * max) mod n on, so that every handler serves some vport. */
unsigned int kf_vport_handlers(unsigned int k, unsigned int n_handlers,
			       unsigned int max, unsigned int *out);

struct kf_fair {
	uint64_t round_start_ms;
	uint32_t round_ms;
	uint32_t budget;
	uint32_t used[KF_FAIR_SLOTS];	/* upcalls admitted this round */
};

void kf_fair_init(struct kf_fair *f, uint32_t round_ms, uint32_t budget);
/* Slot of datapath port @port in the counters (and per-port drops). */
unsigned int kf_fair_slot(uint32_t port);
/* May an upcall from @port be translated at @now_ms?  Without @backlog
 * every upcall is admitted (and counted in the round). */
bool kf_fair_admit(struct kf_fair *f, uint32_t port, uint64_t now_ms,
		   bool backlog);

#define KF_FLOW_LIMIT_FLOOR 1000
/* The next flow limit from the current @limit, the configured @max, the
 * datapath's @n_flows and the duration of the last dump of them: over
 * 2 s scale down by 1 s / @dump_ms, over 1.3 s by 3/4, under 1 s with
 * the limit three quarters used grow by 1000; within [min(floor, max),
 * max]. */
size_t kf_flow_limit_adapt(size_t limit, size_t max, size_t n_flows,
			   uint64_t dump_ms);

#endif
