// SPDX-License-Identifier: GPL-2.0
/*
 * mac_learning.c - MAC learning table: chained hash on (MAC, VLAN),
 * entries also on a list in learning order for eviction.  Every public
 * function holds the table's mutex: kflowd's handler threads learn and
 * look up concurrently during translation.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "mac_learning.h"

#define N_BUCKETS 1024

struct mac_entry {
	uint8_t mac[6];
	uint16_t vlan;
	uint16_t port;
	uint64_t used_ms;
	uint64_t seq;			/* learning order, for eviction */
	struct mac_entry *next;
};

struct kf_mac_table {
	struct mac_entry *buckets[N_BUCKETS];
	size_t n;
	size_t max;
	uint64_t idle_ms;
	uint64_t seq;
	pthread_mutex_t mutex;
};

static void lock(const struct kf_mac_table *t)
{
	pthread_mutex_lock((pthread_mutex_t *)&t->mutex);
}

static void unlock(const struct kf_mac_table *t)
{
	pthread_mutex_unlock((pthread_mutex_t *)&t->mutex);
}

static unsigned int mac_hash(const uint8_t mac[6], uint16_t vlan)
{
	uint32_t h = 2166136261u;
	int i;

	for (i = 0; i < 6; i++)
		h = (h ^ mac[i]) * 16777619u;
	h = (h ^ vlan) * 16777619u;
	return (h ^ (h >> 16)) & (N_BUCKETS - 1);
}

struct kf_mac_table *kf_mac_table_create(uint64_t idle_ms, size_t max)
{
	struct kf_mac_table *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->idle_ms = idle_ms ? idle_ms : KF_MAC_DEFAULT_IDLE_MS;
	t->max = max ? max : KF_MAC_DEFAULT_MAX;
	pthread_mutex_init(&t->mutex, NULL);
	return t;
}

void kf_mac_table_destroy(struct kf_mac_table *t)
{
	if (!t)
		return;
	kf_mac_flush(t, 0);
	pthread_mutex_destroy(&t->mutex);
	free(t);
}

static struct mac_entry *find(const struct kf_mac_table *t,
			      const uint8_t mac[6], uint16_t vlan)
{
	struct mac_entry *e;

	for (e = t->buckets[mac_hash(mac, vlan)]; e; e = e->next)
		if (e->vlan == vlan && !memcmp(e->mac, mac, 6))
			return e;
	return NULL;
}

static bool expired(const struct kf_mac_table *t, const struct mac_entry *e,
		    uint64_t now_ms)
{
	return now_ms > e->used_ms && now_ms - e->used_ms >= t->idle_ms;
}

static int lookup(const struct kf_mac_table *t, const uint8_t mac[6],
		  uint16_t vlan, uint64_t now_ms)
{
	const struct mac_entry *e = find(t, mac, vlan);

	return e && !expired(t, e, now_ms) ? e->port : -1;
}

int kf_mac_lookup(const struct kf_mac_table *t, const uint8_t mac[6],
		  uint16_t vlan, uint64_t now_ms)
{
	int port;

	lock(t);
	port = lookup(t, mac, vlan, now_ms);
	unlock(t);
	return port;
}

bool kf_mac_would_change(const struct kf_mac_table *t, const uint8_t mac[6],
			 uint16_t vlan, uint16_t port, uint64_t now_ms)
{
	return kf_mac_lookup(t, mac, vlan, now_ms) != port;
}

/* Remove entries matching @pred; returns how many. */
static size_t remove_if(struct kf_mac_table *t,
			bool (*pred)(const struct kf_mac_table *,
				     const struct mac_entry *, uint64_t),
			uint64_t arg)
{
	size_t i, n = 0;

	for (i = 0; i < N_BUCKETS; i++) {
		struct mac_entry **pp = &t->buckets[i];

		while (*pp) {
			struct mac_entry *e = *pp;

			if (!pred(t, e, arg)) {
				pp = &e->next;
				continue;
			}
			*pp = e->next;
			free(e);
			n++;
		}
	}
	t->n -= n;
	return n;
}

static bool is_oldest(const struct kf_mac_table *t, const struct mac_entry *e,
		      uint64_t seq)
{
	(void)t;
	return e->seq == seq;
}

static void evict_oldest(struct kf_mac_table *t)
{
	uint64_t oldest = UINT64_MAX;
	const struct mac_entry *e;
	size_t i;

	for (i = 0; i < N_BUCKETS; i++)
		for (e = t->buckets[i]; e; e = e->next)
			if (e->seq < oldest)
				oldest = e->seq;
	remove_if(t, is_oldest, oldest);
}

static enum kf_mac_learn_result learn(struct kf_mac_table *t,
				      const uint8_t mac[6], uint16_t vlan,
				      uint16_t port, uint64_t now_ms)
{
	struct mac_entry *e = find(t, mac, vlan);
	enum kf_mac_learn_result r = KF_MAC_UNCHANGED;
	unsigned int b;

	if (e) {
		if (e->port != port || expired(t, e, now_ms)) {
			r = e->port != port ? KF_MAC_MOVED : KF_MAC_NEW;
			e->port = port;
			e->seq = ++t->seq;
		}
		e->used_ms = now_ms;
		return r;
	}
	if (t->n >= t->max)
		evict_oldest(t);
	e = calloc(1, sizeof(*e));
	if (!e)
		return KF_MAC_UNCHANGED;
	memcpy(e->mac, mac, 6);
	e->vlan = vlan;
	e->port = port;
	e->used_ms = now_ms;
	e->seq = ++t->seq;
	b = mac_hash(mac, vlan);
	e->next = t->buckets[b];
	t->buckets[b] = e;
	t->n++;
	return KF_MAC_NEW;
}

enum kf_mac_learn_result kf_mac_learn(struct kf_mac_table *t,
				      const uint8_t mac[6], uint16_t vlan,
				      uint16_t port, uint64_t now_ms)
{
	enum kf_mac_learn_result r;

	lock(t);
	r = learn(t, mac, vlan, port, now_ms);
	unlock(t);
	return r;
}

static bool is_expired(const struct kf_mac_table *t,
		       const struct mac_entry *e, uint64_t now_ms)
{
	return expired(t, e, now_ms);
}

size_t kf_mac_expire(struct kf_mac_table *t, uint64_t now_ms)
{
	size_t n;

	lock(t);
	n = remove_if(t, is_expired, now_ms);
	unlock(t);
	return n;
}

static bool on_port(const struct kf_mac_table *t, const struct mac_entry *e,
		    uint64_t port)
{
	(void)t;
	return !port || e->port == port;
}

void kf_mac_flush(struct kf_mac_table *t, uint16_t port)
{
	lock(t);
	remove_if(t, on_port, port);
	unlock(t);
}

size_t kf_mac_count(const struct kf_mac_table *t)
{
	size_t n;

	lock(t);
	n = t->n;
	unlock(t);
	return n;
}
