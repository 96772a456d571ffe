// SPDX-License-Identifier: GPL-2.0
/*
 * mflow.c - open-addressing hash table of installed megaflows by UFID.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "mflow.h"

static size_t slot_of(const struct kfd_mflows *t, const uint32_t ufid[4])
{
	uint32_t h = ufid[0] ^ (ufid[1] * 0x9e3779b1u) ^ ufid[2] ^ ufid[3];

	return h & (t->cap - 1);
}

static struct kfd_mflow *probe(const struct kfd_mflows *t,
			       const uint32_t ufid[4])
{
	size_t i = slot_of(t, ufid);

	while (t->slots[i].used && memcmp(t->slots[i].ufid, ufid, 16))
		i = (i + 1) & (t->cap - 1);
	return &t->slots[i];
}

static int grow(struct kfd_mflows *t)
{
	struct kfd_mflows nt = { NULL, t->cap ? 2 * t->cap : 256, 0 };
	size_t i;

	nt.slots = calloc(nt.cap, sizeof(*nt.slots));
	if (!nt.slots)
		return -ENOMEM;
	for (i = 0; i < t->cap; i++)
		if (t->slots[i].used)
			*probe(&nt, t->slots[i].ufid) = t->slots[i];
	nt.n = t->n;
	free(t->slots);
	*t = nt;
	return 0;
}

int kfd_mflows_add(struct kfd_mflows *t, const uint32_t ufid[4],
		   struct kf_rule *const *rules, size_t n_rules)
{
	struct kfd_mflow *m;

	if ((t->n + 1) * 2 > t->cap && grow(t))
		return -ENOMEM;
	m = probe(t, ufid);
	if (m->used)
		return -EEXIST;
	memset(m, 0, sizeof(*m));
	if (n_rules) {
		m->rules = malloc(n_rules * sizeof(*m->rules));
		if (!m->rules)
			return -ENOMEM;
		memcpy(m->rules, rules, n_rules * sizeof(*m->rules));
	}
	memcpy(m->ufid, ufid, 16);
	m->n_rules = n_rules;
	m->used = true;
	t->n++;
	return 0;
}

struct kfd_mflow *kfd_mflows_find(const struct kfd_mflows *t,
				  const uint32_t ufid[4])
{
	struct kfd_mflow *m;

	if (!t->cap)
		return NULL;
	m = probe(t, ufid);
	return m->used ? m : NULL;
}

void kfd_mflows_credit(struct kfd_mflows *t, const uint32_t ufid[4],
		       uint64_t packets, uint64_t bytes, uint64_t now_ms)
{
	struct kfd_mflow *m = kfd_mflows_find(t, ufid);
	uint64_t dp, db;
	size_t i;

	if (!m || packets <= m->packets)
		return;
	dp = packets - m->packets;
	db = bytes >= m->bytes ? bytes - m->bytes : 0;
	m->packets = packets;
	m->bytes = bytes;
	for (i = 0; i < m->n_rules; i++) {
		m->rules[i]->n_packets += dp;
		m->rules[i]->n_bytes += db;
		m->rules[i]->used_ms = now_ms;
	}
}

void kfd_mflows_clear(struct kfd_mflows *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->slots[i].rules);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}
