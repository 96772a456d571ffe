// SPDX-License-Identifier: GPL-2.0
/*
 * upcall_policy.c - CPU to handler mapping, per-port fairness budget,
 * dynamic flow limit (see upcall_policy.h).
 */
#include <string.h>
#include "upcall_policy.h"

unsigned int kf_cpu_handler(unsigned int cpu, unsigned int n_handlers)
{
	return n_handlers ? cpu % n_handlers : 0;
}

unsigned int kf_vport_handlers(unsigned int k, unsigned int n_handlers,
			       unsigned int max, unsigned int *out)
{
	unsigned int i, n = n_handlers <= max ? n_handlers : max;
	unsigned int first = n < n_handlers ? (k * max) % n_handlers : 0;

	for (i = 0; i < n; i++)
		out[i] = (first + i) % n_handlers;
	return n;
}

void kf_fair_init(struct kf_fair *f, uint32_t round_ms, uint32_t budget)
{
	memset(f, 0, sizeof(*f));
	f->round_ms = round_ms ? round_ms : KF_FAIR_DEFAULT_ROUND_MS;
	f->budget = budget ? budget : KF_FAIR_DEFAULT_BUDGET;
}

unsigned int kf_fair_slot(uint32_t port)
{
	return port % KF_FAIR_SLOTS;
}

bool kf_fair_admit(struct kf_fair *f, uint32_t port, uint64_t now_ms,
		   bool backlog)
{
	uint32_t *used = &f->used[kf_fair_slot(port)];

	if (now_ms < f->round_start_ms ||
	    now_ms - f->round_start_ms >= f->round_ms) {
		memset(f->used, 0, sizeof(f->used));
		f->round_start_ms = now_ms;
	}
	if (backlog && *used >= f->budget)
		return false;
	if (*used < UINT32_MAX)
		(*used)++;
	return true;
}

size_t kf_flow_limit_adapt(size_t limit, size_t max, size_t n_flows,
			   uint64_t dump_ms)
{
	size_t floor = max < KF_FLOW_LIMIT_FLOOR ? max : KF_FLOW_LIMIT_FLOOR;

	if (dump_ms > 2000)
		limit = (size_t)((uint64_t)limit * 1000 / dump_ms);
	else if (dump_ms > 1300)
		limit = limit / 4 * 3;
	else if (dump_ms < 1000 && n_flows >= limit / 4 * 3)
		limit += 1000;
	if (limit < floor)
		limit = floor;
	if (limit > max)
		limit = max;
	return limit;
}
