// SPDX-License-Identifier: GPL-2.0
/*
 * cls_subtable.c - one subtable: the rules sharing one mask, hashed on
 * the masked bits, with a hash index per lookup stage.
 */
#include <stdlib.h>
#include <string.h>
#include "cls_priv.h"

static uint32_t mix(uint32_t h, uint64_t w)
{
	w *= 0x9e3779b97f4a7c15ULL;
	h ^= (uint32_t)(w >> 32) ^ (uint32_t)w;
	h = (h << 13) | (h >> 19);
	return h * 5 + 0xe6546b64;
}

uint32_t kf_st_hash(const struct kf_subtable *st, const struct kf_flow *flow,
		    unsigned int end)
{
	const uint64_t *f = kf_flow_words(flow);
	const uint64_t *m = kf_flow_words(&st->mask);
	uint32_t h = 0;
	unsigned int i;

	for (i = 0; i < end; i++)
		h = mix(h, f[st->words[i]] & m[st->words[i]]);
	return h;
}

void kf_st_unwildcard(const struct kf_subtable *st, struct kf_flow *wc,
		      unsigned int end)
{
	const uint64_t *m = kf_flow_words(&st->mask);
	uint64_t *w;
	unsigned int i;

	if (!wc)
		return;
	w = kf_flow_words_rw(wc);
	for (i = 0; i < end; i++)
		w[st->words[i]] |= m[st->words[i]];
}

static void init_stages(struct kf_subtable *st)
{
	const uint64_t *m = kf_flow_words(&st->mask);
	unsigned int s, i, n = 0, active = 0;

	for (s = 0; s < KF_N_STAGES; s++) {
		unsigned int before = n;

		for (i = kf_stage_start[s]; i < kf_stage_start[s + 1]; i++)
			if (m[i])
				st->words[n++] = i;
		st->stage_end[s] = n;
		if (n > before)
			st->idx_stage[active++] = s;
	}
	/* The last active stage is covered by the full hash table. */
	st->n_idx = active ? active - 1 : 0;
}

struct kf_subtable *kf_st_create(const struct kf_flow *mask)
{
	struct kf_subtable *st = calloc(1, sizeof(*st));

	if (!st)
		return NULL;
	st->mask = *mask;
	st->plen[0] = mask->nw_src ? kf_prefix_len(mask->nw_src) : 0;
	st->plen[1] = mask->nw_dst ? kf_prefix_len(mask->nw_dst) : 0;
	st->ports_mask = kf_ports_value(mask);
	if (st->ports_mask)
		st->ports_plen = 32 - __builtin_ctz(st->ports_mask);
	init_stages(st);
	return st;
}

void kf_st_destroy(struct kf_subtable *st)
{
	unsigned int i;

	for (i = 0; i < KF_N_STAGES; i++)
		kf_hcount_destroy(&st->idx[i]);
	kf_trie_destroy(&st->ports);
	free(st->buckets);
	free(st);
}

static int grow(struct kf_subtable *st)
{
	size_t n = st->n_buckets ? st->n_buckets * 2 : 8, i;
	struct kf_cls_rule **b = calloc(n, sizeof(*b)), *r, *next;

	if (!b)
		return -1;
	for (i = 0; i < st->n_buckets; i++) {
		for (r = st->buckets[i]; r; r = next) {
			next = r->next;
			r->next = b[r->hash & (n - 1)];
			b[r->hash & (n - 1)] = r;
		}
	}
	free(st->buckets);
	st->buckets = b;
	st->n_buckets = n;
	return 0;
}

static uint32_t stage_hash(const struct kf_subtable *st,
			   const struct kf_cls_rule *rule, unsigned int i)
{
	return kf_st_hash(st, &rule->match.flow,
			  st->stage_end[st->idx_stage[i]]);
}

static uint32_t rule_ports(const struct kf_subtable *st,
			   const struct kf_cls_rule *rule)
{
	return kf_ports_value(&rule->match.flow) & st->ports_mask;
}

int kf_st_insert(struct kf_subtable *st, struct kf_cls_rule *rule)
{
	unsigned int i;

	if (st->n_rules >= st->n_buckets && grow(st))
		return -1;
	if (st->ports_mask &&
	    kf_trie_insert(&st->ports, rule_ports(st, rule), st->ports_plen))
		return -1;
	for (i = 0; i < st->n_idx; i++) {
		if (kf_hcount_add(&st->idx[i], stage_hash(st, rule, i))) {
			while (i--)
				kf_hcount_del(&st->idx[i],
					      stage_hash(st, rule, i));
			if (st->ports_mask)
				kf_trie_remove(&st->ports, rule_ports(st, rule),
					       st->ports_plen);
			return -1;
		}
	}
	rule->hash = kf_st_hash(st, &rule->match.flow,
				st->stage_end[KF_N_STAGES - 1]);
	rule->next = st->buckets[rule->hash & (st->n_buckets - 1)];
	st->buckets[rule->hash & (st->n_buckets - 1)] = rule;
	rule->subtable = st;
	st->n_rules++;
	if (st->n_rules == 1 || rule->priority > st->max_priority)
		st->max_priority = rule->priority;
	return 0;
}

static void recompute_max(struct kf_subtable *st)
{
	const struct kf_cls_rule *r;
	bool found = false;
	size_t i;

	st->max_priority = 0;
	for (i = 0; i < st->n_buckets; i++) {
		for (r = st->buckets[i]; r; r = r->next) {
			if (!found || r->priority > st->max_priority)
				st->max_priority = r->priority;
			found = true;
		}
	}
}

void kf_st_remove(struct kf_subtable *st, struct kf_cls_rule *rule)
{
	struct kf_cls_rule **rp;
	unsigned int i;

	for (rp = &st->buckets[rule->hash & (st->n_buckets - 1)]; *rp;
	     rp = &(*rp)->next) {
		if (*rp == rule) {
			*rp = rule->next;
			break;
		}
	}
	for (i = 0; i < st->n_idx; i++)
		kf_hcount_del(&st->idx[i], stage_hash(st, rule, i));
	if (st->ports_mask)
		kf_trie_remove(&st->ports, rule_ports(st, rule), st->ports_plen);
	rule->subtable = NULL;
	rule->next = NULL;
	st->n_rules--;
	if (rule->priority == st->max_priority)
		recompute_max(st);
}
