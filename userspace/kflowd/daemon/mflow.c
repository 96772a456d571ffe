// SPDX-License-Identifier: GPL-2.0
/*
 * mflow.c - open-addressing (linear probing) hash table of installed
 * megaflows by UFID; removal shifts later entries back, no tombstones.
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

static const void *put(uint8_t **p, const void *src, size_t len)
{
	const void *at = *p;

	if (len)
		memcpy(*p, src, len);
	*p += len;
	return at;
}

/* Copy @md into fresh allocations, then swap them into @m. */
int kfd_mflow_update(struct kfd_mflow *m, const struct kfd_mflow_data *md)
{
	const struct kfd_dpflow *s = &md->dp;
	size_t len = md->ukey_len + s->key_len + s->mask_len + s->acts_len;
	struct kf_rule **rules = NULL;
	uint8_t *blob, *p;

	blob = malloc(len ? len : 1);
	if (md->n_rules)
		rules = malloc(md->n_rules * sizeof(*rules));
	if (!blob || (md->n_rules && !rules)) {
		free(blob);
		free(rules);
		return -ENOMEM;
	}
	if (md->n_rules)
		memcpy(rules, md->rules, md->n_rules * sizeof(*rules));
	p = blob;
	put(&p, md->ukey, md->ukey_len);
	m->dp.key = put(&p, s->key, s->key_len);
	m->dp.mask = put(&p, s->mask, s->mask_len);
	m->dp.acts = put(&p, s->acts, s->acts_len);
	m->dp.key_len = s->key_len;
	m->dp.mask_len = s->mask_len;
	m->dp.acts_len = s->acts_len;
	m->ukey_len = md->ukey_len;
	free(m->blob);
	free(m->rules);
	m->blob = blob;
	m->rules = rules;
	m->n_rules = md->n_rules;
	m->uses_normal = md->uses_normal;
	m->up_pid = md->up_pid;
	return 0;
}

int kfd_mflows_add(struct kfd_mflows *t, const uint32_t ufid[4],
		   const struct kfd_mflow_data *md, uint64_t now_ms)
{
	struct kfd_mflow *m;

	if ((t->n + 1) * 2 > t->cap && grow(t))
		return -ENOMEM;
	m = probe(t, ufid);
	if (m->used)
		return -EEXIST;
	memset(m, 0, sizeof(*m));
	if (kfd_mflow_update(m, md))
		return -ENOMEM;
	memcpy(m->ufid, ufid, 16);
	m->created_ms = now_ms;
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

/* Is @home cyclically within (@hole, @j]?  Then the entry at @j may not
 * move back to @hole. */
static bool stays(size_t home, size_t hole, size_t j)
{
	return hole <= j ? home > hole && home <= j : home > hole || home <= j;
}

void kfd_mflows_remove(struct kfd_mflows *t, const uint32_t ufid[4])
{
	struct kfd_mflow *m = kfd_mflows_find(t, ufid);
	size_t hole, j;

	if (!m)
		return;
	free(m->blob);
	free(m->rules);
	memset(m, 0, sizeof(*m));
	t->n--;
	hole = (size_t)(m - t->slots);
	for (j = (hole + 1) & (t->cap - 1); t->slots[j].used;
	     j = (j + 1) & (t->cap - 1)) {
		if (stays(slot_of(t, t->slots[j].ufid), hole, j))
			continue;
		t->slots[hole] = t->slots[j];
		memset(&t->slots[j], 0, sizeof(t->slots[j]));
		hole = j;
	}
}

bool kfd_mflow_credit(struct kfd_mflow *m, uint64_t packets,
		      uint64_t bytes, uint64_t used_ms)
{
	uint64_t dp, db;
	size_t i;

	if (used_ms > m->used_ms)
		m->used_ms = used_ms;
	if (packets <= m->packets)
		return false;
	dp = packets - m->packets;
	db = bytes >= m->bytes ? bytes - m->bytes : 0;
	m->packets = packets;
	m->bytes = bytes;
	for (i = 0; i < m->n_rules; i++) {
		struct kf_rule *r = m->rules[i];

		r->n_packets += dp;
		r->n_bytes += db;
		if (used_ms > r->used_ms)
			r->used_ms = used_ms;
	}
	return true;
}

void kfd_mflows_clear(struct kfd_mflows *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++) {
		free(t->slots[i].rules);
		free(t->slots[i].blob);
	}
	free(t->slots);
	memset(t, 0, sizeof(*t));
}
