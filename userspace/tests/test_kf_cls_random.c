// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_cls_random.c - kflowd classifier against a linear scan on random
 * rule sets, and soundness of the recorded wildcards: changing any packet
 * bit outside them must not change the result.
 */
#include <stdlib.h>
#include <string.h>
#include "classifier.h"
#include "tap.h"

#define N_RULES 300
#define N_PACKETS 3000
#define N_PERTURB 8

static uint64_t rnd(void)
{
	return (uint64_t)random() << 33 ^ (uint64_t)random() << 11 ^
	       (uint64_t)random();
}

static void set(struct kf_match *m, enum kf_field_id id, uint64_t v,
		uint64_t mask)
{
	struct kf_value val, msk;

	kf_value_from_u64(&val, v);
	kf_value_from_u64(&msk, mask);
	kf_match_set(m, kf_field(id), &val, &msk);
}

static const uint32_t bases[] = { 0x0a000000, 0x0a010000, 0x0a010200,
				  0xc0a80000, 0xc0a80100 };
static const int plens[] = { 8, 16, 24, 32, 12 };

static void random_match(struct kf_match *m)
{
	kf_match_init_catchall(m);
	if (random() % 3 == 0)
		set(m, KF_F_IN_PORT, 1 + random() % 3, ~0ULL);
	if (random() % 2)
		set(m, KF_F_METADATA, 1 + random() % 2, ~0ULL);
	if (random() % 2)
		set(m, KF_F_DL_TYPE, random() % 2 ? 0x800 : 0x806, ~0ULL);
	if (random() % 3 == 0)
		set(m, KF_F_NW_PROTO, random() % 2 ? 6 : 17, ~0ULL);
	if (random() % 2) {
		int p = plens[random() % 5];

		set(m, KF_F_NW_DST, bases[random() % 5] | (random() & 0x3f),
		    p == 32 ? 0xffffffff : ~0u << (32 - p));
	}
	if (random() % 3 == 0)
		set(m, KF_F_NW_SRC, bases[random() % 5], 0xffffff00);
	if (random() % 3 == 0)
		set(m, KF_F_TP_DST, random() % 2 ? 80 : 443, random() % 4 ?
		    0xffff : 0xff00);
	if (random() % 4 == 0)	/* both ports: port tracking */
		set(m, KF_F_TP_SRC, random() % 2 ? 68 : 0x8000, random() % 2 ?
		    0xffff : 0xfff0);
}

static void random_packet(struct kf_flow *f)
{
	memset(f, 0, sizeof(*f));
	f->in_port = 1 + random() % 3;
	f->metadata = 1 + random() % 2;
	f->dl_type = random() % 2 ? 0x800 : 0x806;
	f->nw_proto = random() % 2 ? 6 : 17;
	f->nw_dst = bases[random() % 5] | (random() % 4 ? random() & 0x3f :
					   (uint32_t)random());
	f->nw_src = bases[random() % 5] | (random() & 0xff);
	f->tp_dst = random() % 2 ? 80 : 443 + random() % 2;
	f->tp_src = random() % 4 ? (uint16_t)random() : 68 + random() % 2;
}

static const struct kf_cls_rule *linear(struct kf_cls_rule *rules, int n,
					const struct kf_flow *f)
{
	const struct kf_cls_rule *best = NULL;
	int i;

	for (i = 0; i < n; i++)
		if (kf_match_matches(&rules[i].match, f) &&
		    (!best || rules[i].priority > best->priority))
			best = &rules[i];
	return best;
}

/* The best rule among those with an odd index (the even ones removed). */
static const struct kf_cls_rule *linear_odd(struct kf_cls_rule *rules,
					    const struct kf_flow *f)
{
	const struct kf_cls_rule *best = NULL;
	int i;

	for (i = 1; i < N_RULES; i += 2)
		if (kf_match_matches(&rules[i].match, f) &&
		    (!best || rules[i].priority > best->priority))
			best = &rules[i];
	return best;
}

static void perturb(struct kf_flow *f, const struct kf_flow *wc)
{
	uint64_t *w = kf_flow_words_rw(f);
	const uint64_t *m = kf_flow_words(wc);
	size_t i;

	for (i = 0; i < KF_FLOW_WORDS; i++)
		w[i] = (w[i] & m[i]) | (rnd() & ~m[i]);
}

static void run(unsigned int seed, int *bad_lookup, int *bad_wc)
{
	static struct kf_cls_rule rules[N_RULES];
	struct kf_cls *cls = kf_cls_create();
	struct kf_flow f, wc, g;
	int i, j;

	srandom(seed);
	for (i = 0; i < N_RULES; i++) {
		struct kf_match m;

		random_match(&m);
		kf_cls_rule_init(&rules[i], &m, i, NULL);
		if (kf_cls_insert(cls, &rules[i]))
			(*bad_lookup)++;
	}
	for (i = 0; i < N_PACKETS; i++) {
		const struct kf_cls_rule *r;

		random_packet(&f);
		memset(&wc, 0, sizeof(wc));
		r = kf_cls_lookup(cls, &f, &wc);
		if (r != linear(rules, N_RULES, &f))
			(*bad_lookup)++;
		for (j = 0; j < N_PERTURB; j++) {
			g = f;
			perturb(&g, &wc);
			if (kf_cls_lookup(cls, &g, NULL) != r)
				(*bad_wc)++;
		}
	}
	for (i = 0; i < N_RULES; i += 2)
		kf_cls_remove(cls, &rules[i]);
	for (i = 0; i < N_PACKETS / 4; i++) {
		random_packet(&f);
		if (kf_cls_lookup(cls, &f, NULL) != linear_odd(rules, &f))
			(*bad_lookup)++;
	}
	kf_cls_destroy(cls);
}

int main(void)
{
	unsigned int seed;

	for (seed = 1; seed <= 4; seed++) {
		int bad_lookup = 0, bad_wc = 0;

		run(seed, &bad_lookup, &bad_wc);
		tap_ok(!bad_lookup, "seed %u: lookups agree with a linear scan "
		       "(%d differ)", seed, bad_lookup);
		tap_ok(!bad_wc, "seed %u: bits outside the wildcards never "
		       "change the result (%d differ)", seed, bad_wc);
	}
	return tap_done();
}
