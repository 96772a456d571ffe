// SPDX-License-Identifier: GPL-2.0
/*
 * classifier.c - rule insertion/removal and the subtable list.
 */
#include <stdlib.h>
#include <string.h>
#include "cls_priv.h"

struct kf_cls *kf_cls_create(void)
{
	struct kf_cls *cls = calloc(1, sizeof(*cls));

	if (!cls)
		return NULL;
	cls->tries[0].offset = offsetof(struct kf_flow, nw_src);
	cls->tries[1].offset = offsetof(struct kf_flow, nw_dst);
	return cls;
}

void kf_cls_destroy(struct kf_cls *cls)
{
	size_t i;

	if (!cls)
		return;
	for (i = 0; i < cls->n_subtables; i++)
		kf_st_destroy(cls->subtables[i]);
	for (i = 0; i < KF_N_TRIES; i++)
		kf_trie_destroy(&cls->tries[i]);
	free(cls->subtables);
	free(cls);
}

void kf_cls_rule_init(struct kf_cls_rule *rule, const struct kf_match *m,
		      int priority, void *data)
{
	memset(rule, 0, sizeof(*rule));
	rule->match = *m;
	rule->priority = priority;
	rule->data = data;
}

size_t kf_cls_count(const struct kf_cls *cls)
{
	return cls->n_rules;
}

size_t kf_cls_n_subtables(const struct kf_cls *cls)
{
	return cls->n_subtables;
}

static struct kf_subtable *find_subtable(const struct kf_cls *cls,
					 const struct kf_flow *mask)
{
	size_t i;

	for (i = 0; i < cls->n_subtables; i++)
		if (!memcmp(&cls->subtables[i]->mask, mask, sizeof(*mask)))
			return cls->subtables[i];
	return NULL;
}

/* Keep subtables sorted by max_priority, highest first. */
static void sort_subtables(struct kf_cls *cls)
{
	size_t i, j;

	for (i = 1; i < cls->n_subtables; i++) {
		struct kf_subtable *st = cls->subtables[i];

		for (j = i; j > 0 && cls->subtables[j - 1]->max_priority <
				     st->max_priority; j--)
			cls->subtables[j] = cls->subtables[j - 1];
		cls->subtables[j] = st;
	}
}

static struct kf_subtable *add_subtable(struct kf_cls *cls,
					const struct kf_flow *mask)
{
	struct kf_subtable **v, *st;

	v = realloc(cls->subtables, (cls->n_subtables + 1) * sizeof(*v));
	if (!v)
		return NULL;
	cls->subtables = v;
	st = kf_st_create(mask);
	if (!st)
		return NULL;
	v[cls->n_subtables++] = st;
	return st;
}

static void drop_subtable(struct kf_cls *cls, struct kf_subtable *st)
{
	size_t i;

	for (i = 0; i < cls->n_subtables; i++) {
		if (cls->subtables[i] == st) {
			memmove(&cls->subtables[i], &cls->subtables[i + 1],
				(cls->n_subtables - i - 1) * sizeof(st));
			cls->n_subtables--;
			break;
		}
	}
	kf_st_destroy(st);
}

static uint32_t field32(const struct kf_flow *f, uint16_t offset)
{
	uint32_t v;

	memcpy(&v, (const uint8_t *)f + offset, 4);
	return v;
}

static void trie_remove_rule(struct kf_cls *cls, const struct kf_cls_rule *r,
			     int n)
{
	int t;

	for (t = 0; t < n; t++)
		if (r->subtable->plen[t] > 0)
			kf_trie_remove(&cls->tries[t],
				       field32(&r->match.flow,
					       cls->tries[t].offset),
				       r->subtable->plen[t]);
}

static int trie_add_rule(struct kf_cls *cls, const struct kf_cls_rule *r)
{
	int t;

	for (t = 0; t < KF_N_TRIES; t++) {
		if (r->subtable->plen[t] <= 0)
			continue;
		if (kf_trie_insert(&cls->tries[t],
				   field32(&r->match.flow, cls->tries[t].offset),
				   r->subtable->plen[t])) {
			trie_remove_rule(cls, r, t);
			return -1;
		}
	}
	return 0;
}

struct kf_cls_rule *kf_cls_insert(struct kf_cls *cls, struct kf_cls_rule *rule)
{
	struct kf_cls_rule *old;
	struct kf_subtable *st;

	old = kf_cls_find_exactly(cls, &rule->match, rule->priority);
	st = find_subtable(cls, &rule->match.wc);
	if (!st)
		st = add_subtable(cls, &rule->match.wc);
	if (!st)
		return rule;
	if (kf_st_insert(st, rule)) {
		if (!st->n_rules)
			drop_subtable(cls, st);
		return rule;
	}
	if (trie_add_rule(cls, rule)) {
		kf_st_remove(st, rule);
		if (!st->n_rules)
			drop_subtable(cls, st);
		return rule;
	}
	cls->n_rules++;
	if (old)
		kf_cls_remove(cls, old);
	sort_subtables(cls);
	return old;
}

void kf_cls_remove(struct kf_cls *cls, struct kf_cls_rule *rule)
{
	struct kf_subtable *st = rule->subtable;

	if (!st)
		return;
	trie_remove_rule(cls, rule, KF_N_TRIES);
	kf_st_remove(st, rule);
	cls->n_rules--;
	if (!st->n_rules)
		drop_subtable(cls, st);
	else
		sort_subtables(cls);
}

struct kf_cls_rule *kf_cls_find_exactly(const struct kf_cls *cls,
					const struct kf_match *m,
					int priority)
{
	const struct kf_subtable *st = find_subtable(cls, &m->wc);
	struct kf_cls_rule *r;
	uint32_t hash;

	if (!st)
		return NULL;
	hash = kf_st_hash(st, &m->flow, st->stage_end[KF_N_STAGES - 1]);
	for (r = st->buckets[hash & (st->n_buckets - 1)]; r; r = r->next)
		if (r->hash == hash && r->priority == priority &&
		    kf_match_equal(&r->match, m))
			return r;
	return NULL;
}

void kf_cls_foreach(const struct kf_cls *cls, kf_cls_visit_fn *visit,
		    void *aux)
{
	const struct kf_cls_rule *r, *next;
	size_t i, b;

	for (i = 0; i < cls->n_subtables; i++) {
		const struct kf_subtable *st = cls->subtables[i];

		for (b = 0; b < st->n_buckets; b++)
			for (r = st->buckets[b]; r; r = next) {
				next = r->next;
				if (!visit(r, aux))
					return;
			}
	}
}
