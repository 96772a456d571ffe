// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_upcall_policy.c - kflowd's upcall handler decisions: CPU to
 * handler mapping, per-port fairness budget, dynamic flow limit; and the
 * MAC learning table under concurrent learners.
 */
#include <pthread.h>
#include <string.h>
#include "mac_learning.h"
#include "tap.h"
#include "upcall_policy.h"

static void test_cpu_map(void)
{
	unsigned int seen[3] = { 0 }, c;

	for (c = 0; c < 8; c++)
		seen[kf_cpu_handler(c, 3)]++;
	tap_ok(seen[0] == 3 && seen[1] == 3 && seen[2] == 2,
	       "8 CPUs over 3 handlers: 3/3/2 (got %u/%u/%u)", seen[0],
	       seen[1], seen[2]);
	tap_ok(kf_cpu_handler(5, 1) == 0, "one handler serves every CPU");
	tap_ok(kf_cpu_handler(2, 16) == 2, "more handlers than CPUs: CPU c "
	       "-> handler c");
	tap_ok(kf_cpu_handler(7, 0) == 0, "no handler: 0, no division by 0");
}

static void test_vport_handlers(void)
{
	unsigned int out[8], n, k, used[5] = { 0 }, all = 1;

	n = kf_vport_handlers(7, 3, 8, out);
	tap_ok(n == 3 && out[0] == 0 && out[1] == 1 && out[2] == 2,
	       "3 handlers, room for 8 ids: every vport gets all 3");
	for (k = 0; k < 5; k++) {
		n = kf_vport_handlers(k, 5, 2, out);
		all &= n == 2 && out[1] == (out[0] + 1) % 5;
		used[out[0]]++;
		used[out[1]]++;
	}
	tap_ok(all, "5 handlers, 2 CPUs: each vport gets 2 neighbours");
	tap_ok(used[0] && used[1] && used[2] && used[3] && used[4],
	       "5 vports over 5 handlers, 2 ids each: every handler used");
}

/* Admitted upcalls of @port out of @n at @now_ms. */
static unsigned int admit_n(struct kf_fair *f, uint32_t port, unsigned int n,
			    uint64_t now_ms, bool backlog)
{
	unsigned int i, ok = 0;

	for (i = 0; i < n; i++)
		ok += kf_fair_admit(f, port, now_ms, backlog);
	return ok;
}

static void test_fairness(void)
{
	struct kf_fair f;

	kf_fair_init(&f, 100, 10);
	tap_ok(admit_n(&f, 1, 500, 1000, false) == 500,
	       "no backlog: every upcall of a busy port is admitted");
	kf_fair_init(&f, 100, 10);
	tap_ok(admit_n(&f, 1, 500, 1000, true) == 10,
	       "backlog: a flooding port gets its budget (10) per round");
	tap_ok(admit_n(&f, 3, 5, 1010, true) == 5,
	       "backlog: a quiet port in the same round is still admitted");
	tap_ok(admit_n(&f, 3, 10, 1020, true) == 5,
	       "the quiet port is cut at the budget too");
	tap_ok(admit_n(&f, 1, 50, 1099, true) == 0,
	       "the flooding port stays cut until the round ends");
	tap_ok(admit_n(&f, 1, 50, 1100, true) == 10,
	       "next round: the budget is back");
	tap_ok(admit_n(&f, 1 + KF_FAIR_SLOTS, 1, 1100, true) == 0,
	       "ports sharing a slot share the budget (port mod %d)",
	       KF_FAIR_SLOTS);
	tap_ok(admit_n(&f, 2, 1, 50, true) == 1,
	       "a clock going backwards starts a new round");
	kf_fair_init(&f, 0, 0);
	tap_ok(f.round_ms == KF_FAIR_DEFAULT_ROUND_MS &&
	       f.budget == KF_FAIR_DEFAULT_BUDGET, "0 selects the defaults");
}

static void test_flow_limit(void)
{
	tap_ok(kf_flow_limit_adapt(10000, 10000, 9000, 4000) == 2500,
	       "dump of 4 s: limit scaled by 1/4 (got %zu)",
	       kf_flow_limit_adapt(10000, 10000, 9000, 4000));
	tap_ok(kf_flow_limit_adapt(10000, 10000, 9000, 1500) == 7500,
	       "dump of 1.5 s: limit * 3/4");
	tap_ok(kf_flow_limit_adapt(2500, 10000, 2400, 200) == 3500,
	       "fast dump, limit mostly used: grow by 1000");
	tap_ok(kf_flow_limit_adapt(2500, 10000, 100, 200) == 2500,
	       "fast dump, limit hardly used: unchanged");
	tap_ok(kf_flow_limit_adapt(9500, 10000, 9500, 10) == 10000,
	       "growth stops at --flow-limit");
	tap_ok(kf_flow_limit_adapt(1200, 10000, 1000, 60000) == 1000,
	       "shrinking stops at the floor of 1000");
	tap_ok(kf_flow_limit_adapt(200, 200, 200, 60000) == 200,
	       "a --flow-limit under the floor is kept");
	tap_ok(kf_flow_limit_adapt(0, 0, 0, 10) == 0,
	       "--flow-limit 0 stays 0 (nothing installed)");
}

#define LEARNERS 4
#define MACS 2000

static void *learner(void *arg)
{
	struct kf_mac_table *t = arg;
	uint8_t mac[6] = { 2, 0, 0, 0, 0, 0 };
	int i;

	for (i = 0; i < MACS; i++) {
		mac[4] = (uint8_t)(i >> 8);
		mac[5] = (uint8_t)i;
		kf_mac_learn(t, mac, 0, (uint16_t)(1 + i % 3), 1000);
		kf_mac_lookup(t, mac, 0, 1000);
	}
	return NULL;
}

static void test_mac_threads(void)
{
	struct kf_mac_table *t = kf_mac_table_create(0, 0);
	pthread_t th[LEARNERS];
	int i;

	for (i = 0; i < LEARNERS; i++)
		pthread_create(&th[i], NULL, learner, t);
	for (i = 0; i < LEARNERS; i++)
		pthread_join(th[i], NULL);
	tap_ok(kf_mac_count(t) == MACS, "%d threads learning the same %d "
	       "MACs: %d entries (got %zu)", LEARNERS, MACS, MACS,
	       kf_mac_count(t));
	kf_mac_table_destroy(t);
}

int main(void)
{
	test_cpu_map();
	test_vport_handlers();
	test_fairness();
	test_flow_limit();
	test_mac_threads();
	return tap_done();
}
