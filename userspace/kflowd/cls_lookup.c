// SPDX-License-Identifier: GPL-2.0
/*
 * cls_lookup.c - classifier lookup with wildcard bookkeeping: priority
 * order with early termination, prefix tries, staged subtable probes,
 * port tracking.
 */
#include <stdlib.h>
#include <string.h>
#include "cls_priv.h"
#include "vec.h"

struct lookup_ctx {
	const struct kf_cls *cls;
	const struct kf_flow *flow;
	struct kf_flow *wc;
	struct kf_trie_walk walks[KF_N_TRIES];
	bool walked[KF_N_TRIES];
};

static void unwildcard_prefix(struct kf_flow *wc, uint16_t offset,
			      unsigned int n)
{
	uint32_t v, m = n ? ~0u << (32 - n) : 0;

	if (!wc)
		return;
	memcpy(&v, (uint8_t *)wc + offset, 4);
	v |= m;
	memcpy((uint8_t *)wc + offset, &v, 4);
}

/* Does a prefix trie prove that no rule of @st matches?  If so, *@trie and
 * *@n_bits say which field and how many of its top bits the proof used. */
static bool trie_check(struct lookup_ctx *c, const struct kf_subtable *st,
		       int *trie, unsigned int *n_bits)
{
	int t;

	for (t = 0; t < KF_N_TRIES; t++) {
		const struct kf_trie *tr = &c->cls->tries[t];
		int p = st->plen[t];
		unsigned int n;
		uint32_t addr;

		if (p <= 0)
			continue;
		if (!c->walked[t]) {
			memcpy(&addr, (const uint8_t *)c->flow + tr->offset, 4);
			kf_trie_walk(tr, addr, &c->walks[t]);
			c->walked[t] = true;
		}
		if (c->walks[t].plens & (1ULL << p))
			continue;
		n = c->walks[t].depth + 1;
		*trie = t;
		*n_bits = (unsigned int)p < n ? (unsigned int)p : n;
		return true;
	}
	return false;
}

/* The number of mask words after which a stage index proves a miss (the
 * first stage whose partial hash no rule has), or 0. */
static unsigned int stage_miss(struct lookup_ctx *c,
			       const struct kf_subtable *st)
{
	unsigned int i;

	for (i = 0; i < st->n_idx; i++) {
		unsigned int end = st->stage_end[st->idx_stage[i]];

		if (!kf_hcount_has(&st->idx[i], kf_st_hash(st, c->flow, end)))
			return end;
	}
	return 0;
}

static unsigned int mask_bits(const struct kf_subtable *st, unsigned int end)
{
	const uint64_t *m = kf_flow_words(&st->mask);
	unsigned int i, n = 0;

	for (i = 0; i < end; i++)
		n += __builtin_popcountll(m[st->words[i]]);
	return n;
}

/* True if @st cannot match.  Of the proofs available (prefix trie, stage
 * index) the one needing fewer packet bits goes into the wildcards. */
static bool subtable_misses(struct lookup_ctx *c,
			    const struct kf_subtable *st)
{
	unsigned int n_bits = 0, end = stage_miss(c, st);
	bool by_trie;
	int t = 0;

	by_trie = trie_check(c, st, &t, &n_bits);
	if (!by_trie && !end)
		return false;
	if (by_trie && (!end || n_bits <= mask_bits(st, end)))
		unwildcard_prefix(c->wc, c->cls->tries[t].offset, n_bits);
	else
		kf_st_unwildcard(st, c->wc, end);
	return true;
}

/* @st's full probe found no rule.  Do the packet's ports alone prove
 * that?  Returns how many leading bits of tp_src:tp_dst the proof needs,
 * or 0 if some rule has these ports (the miss came from other bits). */
static unsigned int ports_proof(const struct kf_subtable *st,
				const struct kf_flow *flow)
{
	struct kf_trie_walk w;
	unsigned int n;

	kf_trie_walk(&st->ports, kf_ports_value(flow) & st->ports_mask, &w);
	if (w.plens & (1ULL << st->ports_plen))
		return 0;
	n = w.depth + 1;
	return n < st->ports_plen ? n : st->ports_plen;
}

static void unwildcard_ports(struct kf_flow *wc, uint32_t mask,
			     unsigned int n)
{
	uint32_t m = mask & (n ? ~0u << (32 - n) : 0);

	if (!wc)
		return;
	wc->tp_src |= m >> 16;
	wc->tp_dst |= m & 0xffff;
}

/* Call @fn for each rule of @st matching the packet.  A miss decided in
 * the last (L4) stage by the ports un-wildcards the earlier stages, which
 * the probe did look at, and only the port bits that separate the packet
 * from every rule: a "udp,tp_dst=53" rule then costs the megaflows of
 * other UDP traffic a few high bits of tp_dst, not all 16. */
static void subtable_lookup(struct lookup_ctx *c, const struct kf_subtable *st,
			    void (*fn)(const struct kf_cls_rule *, void *),
			    void *aux)
{
	unsigned int n, end = st->stage_end[KF_N_STAGES - 1];
	const struct kf_cls_rule *r;
	bool found = false;
	uint32_t hash;

	if (!st->n_buckets || subtable_misses(c, st))
		return;
	hash = kf_st_hash(st, c->flow, end);
	for (r = st->buckets[hash & (st->n_buckets - 1)]; r; r = r->next) {
		if (r->hash == hash && kf_match_matches(&r->match, c->flow)) {
			fn(r, aux);
			found = true;
		}
	}
	if (!found && st->ports_mask) {
		n = ports_proof(st, c->flow);
		if (n) {
			kf_st_unwildcard(st, c->wc,
					 st->stage_end[KF_STAGE_L3]);
			unwildcard_ports(c->wc, st->ports_mask, n);
			return;
		}
	}
	kf_st_unwildcard(st, c->wc, end);
}

static void keep_best(const struct kf_cls_rule *r, void *aux)
{
	const struct kf_cls_rule **best = aux;

	if (!*best || r->priority > (*best)->priority)
		*best = r;
}

const struct kf_cls_rule *kf_cls_lookup(const struct kf_cls *cls,
					const struct kf_flow *flow,
					struct kf_flow *wc)
{
	struct lookup_ctx c = { .cls = cls, .flow = flow, .wc = wc };
	const struct kf_cls_rule *best = NULL;
	size_t i;

	for (i = 0; i < cls->n_subtables; i++) {
		const struct kf_subtable *st = cls->subtables[i];

		if (best && best->priority >= st->max_priority)
			break;
		subtable_lookup(&c, st, keep_best, &best);
	}
	return best;
}

struct rule_vec {
	const struct kf_cls_rule **v;
	size_t n, cap;
	int min_priority;
	bool oom;
};

static void collect(const struct kf_cls_rule *r, void *aux)
{
	struct rule_vec *rv = aux;

	if (r->priority < rv->min_priority || rv->oom)
		return;
	if (rv->n == rv->cap) {
		const struct kf_cls_rule **v = kf_vec_grow(rv->v, &rv->cap,
							   sizeof(*v), 16);

		if (!v) {
			rv->oom = true;
			return;
		}
		rv->v = v;
	}
	rv->v[rv->n++] = r;
}

static int by_priority_desc(const void *a, const void *b)
{
	const struct kf_cls_rule *ra = *(const struct kf_cls_rule **)a;
	const struct kf_cls_rule *rb = *(const struct kf_cls_rule **)b;

	return (rb->priority > ra->priority) - (rb->priority < ra->priority);
}

void kf_cls_lookup_all(const struct kf_cls *cls, const struct kf_flow *flow,
		       struct kf_flow *wc, int min_priority,
		       kf_cls_visit_fn *visit, void *aux)
{
	struct lookup_ctx c = { .cls = cls, .flow = flow, .wc = wc };
	struct rule_vec rv = { .min_priority = min_priority };
	size_t i;

	for (i = 0; i < cls->n_subtables; i++) {
		if (cls->subtables[i]->max_priority < min_priority)
			break;
		subtable_lookup(&c, cls->subtables[i], collect, &rv);
	}
	if (rv.n)
		qsort(rv.v, rv.n, sizeof(*rv.v), by_priority_desc);
	for (i = 0; i < rv.n; i++)
		if (!visit(rv.v[i], aux))
			break;
	free(rv.v);
}
