// SPDX-License-Identifier: GPL-2.0
/*
 * xlate_lookup.c - table lookup for translation: wildcard filtering
 * through the "determined" mask, and conjunctive matches.
 *
 * Conjunctions (conjunction(id,k/n) actions): the plain lookup answers
 * almost always; only when its best rule is a conjunction clause do we
 * collect every matching rule, walk the priorities downwards and, at each,
 * look for an id whose clauses 1..n all matched.  Then flow.conj_id = id
 * and a second lookup finds the "conj_id=id" rule.  If no conjunction
 * completes at a priority, a plain rule of that priority wins; otherwise
 * lower priorities are tried.  Wildcards: a second kf_cls_lookup_all()
 * down to the winning priority records every bit the decision used.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "vec.h"
#include "xlate_priv.h"

void xc_flow_or(struct kf_flow *dst, const struct kf_flow *m)
{
	uint64_t *d = kf_flow_words_rw(dst);
	const uint64_t *s = kf_flow_words(m);
	size_t i;

	for (i = 0; i < KF_FLOW_WORDS; i++)
		d[i] |= s[i];
}

void xc_field_mask(const struct kf_field *f, unsigned int ofs,
		   unsigned int n_bits, struct kf_flow *m)
{
	struct kf_value v, ones;
	unsigned int i;

	memset(m, 0, sizeof(*m));
	memset(&v, 0, sizeof(v));
	for (i = 0; i < n_bits; i++)
		kf_value_set_bit(&v, ofs + i, true);
	kf_value_all_ones(&ones, f->n_bits);
	kf_field_set_masked(m, f, &v, &ones);
}

void xc_read(struct xctx *c, const struct kf_flow *m)
{
	uint64_t *wc = kf_flow_words_rw(&c->xout->wc);
	const uint64_t *r = kf_flow_words(m);
	const uint64_t *d = kf_flow_words(&c->det);
	size_t i;

	for (i = 0; i < KF_FLOW_WORDS; i++)
		wc[i] |= r[i] & ~d[i];
}

void xc_read_field(struct xctx *c, enum kf_field_id id)
{
	const struct kf_field *f = kf_field(id);
	struct kf_flow m;

	xc_field_mask(f, 0, f->n_bits, &m);
	xc_read(c, &m);
}

void xc_wrote(struct xctx *c, const struct kf_flow *m)
{
	xc_flow_or(&c->det, m);
	xc_flow_or(&c->pending, m);
	xc_flow_or(&c->written, m);
}

void xc_wrote_field(struct xctx *c, enum kf_field_id id)
{
	const struct kf_field *f = kf_field(id);
	struct kf_flow m;

	xc_field_mask(f, 0, f->n_bits, &m);
	xc_wrote(c, &m);
}

static bool is_conj_rule(const struct kf_rule *r)
{
	return r->of.actions.n &&
	       r->of.actions.v[0].type == KF_ACT_CONJUNCTION;
}

struct rvec {
	const struct kf_rule **v;
	size_t n, cap;
};

static bool collect(const struct kf_cls_rule *cr, void *aux)
{
	struct rvec *rv = aux;

	if (rv->n == rv->cap) {
		const struct kf_rule **v = kf_vec_grow(rv->v, &rv->cap,
						       sizeof(*v), 16);

		if (!v)
			return false;
		rv->v = v;
	}
	rv->v[rv->n++] = cr->data;
	return true;
}

static bool stop(const struct kf_cls_rule *cr, void *aux)
{
	(void)cr;
	(void)aux;
	return false;
}

/* The first "conj_id=..." rule (clause rules match too: skip them). */
static bool find_conj_id(const struct kf_cls_rule *cr, void *aux)
{
	const struct kf_rule *r = cr->data, **found = aux;

	if (is_conj_rule(r) || !r->of.match.wc.conj_id)
		return true;
	*found = r;
	return false;
}

struct clause_set {
	uint32_t id;
	uint8_t n;
	uint64_t seen;		/* bit k-1: clause k matched */
};

/* Note the clauses of @r's conjunction actions in @cs (at most @max). */
static size_t add_clauses(const struct kf_rule *r, struct clause_set *cs,
			  size_t n, size_t max)
{
	size_t i, j;

	for (i = 0; i < r->of.actions.n; i++) {
		const struct kf_action *a = &r->of.actions.v[i];

		if (a->type != KF_ACT_CONJUNCTION || a->conj.clause > 64)
			continue;
		for (j = 0; j < n; j++)
			if (cs[j].id == a->conj.id)
				break;
		if (j == n) {
			if (n == max)
				continue;
			cs[n].id = a->conj.id;
			cs[n].n = a->conj.n_clauses;
			cs[n++].seen = 0;
		}
		cs[j].seen |= 1ULL << (a->conj.clause - 1);
	}
	return n;
}

static bool complete(const struct clause_set *cs)
{
	uint64_t all = cs->n >= 64 ? UINT64_MAX : (1ULL << cs->n) - 1;

	return cs->n && (cs->seen & all) == all;
}

/* Priority level v[*i..] (equal priorities): the rule it resolves to, or
 * NULL; *i advances past the level. */
static const struct kf_rule *level(struct xctx *c, const struct kf_cls *cls,
				   const struct rvec *rv, size_t *i,
				   struct kf_flow *tmp)
{
	struct clause_set cs[32];
	const struct kf_rule *hard = NULL;
	int pri = rv->v[*i]->of.priority;
	size_t n = 0, j;

	for (; *i < rv->n && rv->v[*i]->of.priority == pri; (*i)++) {
		if (!is_conj_rule(rv->v[*i]) && !hard)
			hard = rv->v[*i];
		else if (is_conj_rule(rv->v[*i]))
			n = add_clauses(rv->v[*i], cs, n, 32);
	}
	for (j = 0; j < n; j++) {
		const struct kf_rule *r = NULL;
		uint32_t saved = c->flow.conj_id;

		if (!complete(&cs[j]))
			continue;
		c->flow.conj_id = cs[j].id;
		kf_cls_lookup_all(cls, &c->flow, tmp, INT_MIN, find_conj_id,
				  &r);
		c->flow.conj_id = saved;
		if (r) {
			xc_trace(c, "%2u. conjunction(%u) complete",
				 c->table_id, cs[j].id);
			return r;
		}
	}
	return hard;
}

static const struct kf_rule *conj_lookup(struct xctx *c,
					 const struct kf_cls *cls,
					 struct kf_flow *tmp)
{
	const struct kf_rule *r = NULL;
	struct rvec rv = { NULL, 0, 0 };
	size_t i = 0;

	kf_cls_lookup_all(cls, &c->flow, NULL, INT_MIN, collect, &rv);
	while (i < rv.n && !r)
		r = level(c, cls, &rv, &i, tmp);
	kf_cls_lookup_all(cls, &c->flow, tmp, r ? r->of.priority : INT_MIN,
			  stop, NULL);
	free(rv.v);
	return r;
}

const struct kf_rule *xc_lookup(struct xctx *c, uint8_t table_id)
{
	const struct kf_cls *cls = c->br->tables[table_id];
	const struct kf_cls_rule *cr;
	const struct kf_rule *r;
	struct kf_flow tmp;

	memset(&tmp, 0, sizeof(tmp));
	cr = kf_cls_lookup(cls, &c->flow, &tmp);
	r = cr ? cr->data : NULL;
	if (r && is_conj_rule(r)) {
		uint8_t saved = c->table_id;

		c->table_id = table_id;
		r = conj_lookup(c, cls, &tmp);
		c->table_id = saved;
	}
	xc_read(c, &tmp);
	return r;
}
