// SPDX-License-Identifier: GPL-2.0
/*
 * stats.c - reading and logging the daemon's atomic counters.
 */
#include <stdio.h>
#include <string.h>
#include "kflowd.h"
#include "log.h"

void kfd_stats_read(const struct kfd *d, struct kfd_stats *out)
{
	const uint64_t *src = (const uint64_t *)&d->stats;
	uint64_t *dst = (uint64_t *)out;
	size_t i;

	for (i = 0; i < sizeof(*out) / sizeof(uint64_t); i++)
		dst[i] = __atomic_load_n(&src[i], __ATOMIC_RELAXED);
}

/* "port N: M" for every in_port slot that dropped upcalls. */
static void format_port_drops(const struct kfd *d, char *buf, size_t cap)
{
	size_t i, len = 0;
	uint64_t n;

	buf[0] = '\0';
	for (i = 0; i < KF_FAIR_SLOTS && len < cap; i++) {
		n = __atomic_load_n(&d->port_drops[i], __ATOMIC_RELAXED);
		if (n)
			len += (size_t)snprintf(buf + len, cap - len,
						" port %zu: %llu", i,
						(unsigned long long)n);
	}
}

void kfd_stats_log(const struct kfd *d)
{
	struct kfd_stats s;
	char drops[256];

	kfd_stats_read(d, &s);
	format_port_drops(d, drops, sizeof(drops));
	kfd_log(LOG_INFO, "upcalls %llu in %llu batches (%u handlers, %s "
		"dispatch), flows installed %llu (put errors %llu, over limit "
		"%llu, limit %zu), executed %llu (errors %llu), slow path "
		"%llu (flows %llu, errors %llu), dropped %llu, fairness drops "
		"%llu%s%s, recv errors "
		"%llu, recv lost %llu, datapath lost %llu, packet-ins %llu "
		"(sent %llu), packet-outs %llu, flushes %llu; revalidation: "
		"%llu modified (set errors %llu), %llu deleted, %llu idle, %llu unknown, %llu "
		"rules expired",
		(unsigned long long)s.upcalls, (unsigned long long)s.batches,
		d->n_handlers, kfd_dispatch_name(d->dp.dispatch),
		(unsigned long long)s.flows_installed,
		(unsigned long long)s.flow_put_errors,
		(unsigned long long)s.flow_limit_hits,
		__atomic_load_n(&d->flow_limit, __ATOMIC_RELAXED),
		(unsigned long long)s.executed,
		(unsigned long long)s.execute_errors,
		(unsigned long long)s.slow_path,
		(unsigned long long)s.slow_path_flows,
		(unsigned long long)s.slow_path_errors,
		(unsigned long long)s.dropped,
		(unsigned long long)s.fair_drops, drops[0] ? " by" : "", drops,
		(unsigned long long)s.recv_errors,
		(unsigned long long)s.recv_lost,
		(unsigned long long)s.dp_lost,
		(unsigned long long)s.packet_ins,
		(unsigned long long)s.packet_ins_sent,
		(unsigned long long)s.packet_outs,
		(unsigned long long)s.flushes,
		(unsigned long long)s.reval_modified,
		(unsigned long long)s.reval_set_errors,
		(unsigned long long)s.reval_deleted,
		(unsigned long long)s.idle_deleted,
		(unsigned long long)s.unknown_deleted,
		(unsigned long long)s.rules_expired);
}
