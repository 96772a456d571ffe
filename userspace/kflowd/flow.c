// SPDX-License-Identifier: GPL-2.0
/*
 * flow.c - field access, values and matches.
 */
#include <string.h>
#include "flow.h"

static uint64_t low_bits(unsigned int n)
{
	return n >= 64 ? ~0ULL : (1ULL << n) - 1;
}

void kf_value_from_u64(struct kf_value *v, uint64_t x)
{
	int i;

	memset(v, 0, sizeof(*v));
	for (i = 15; i >= 8; i--, x >>= 8)
		v->be[i] = x & 0xff;
}

uint64_t kf_value_to_u64(const struct kf_value *v)
{
	uint64_t x = 0;
	int i;

	for (i = 8; i < 16; i++)
		x = x << 8 | v->be[i];
	return x;
}

bool kf_value_bit(const struct kf_value *v, unsigned int i)
{
	return (v->be[15 - i / 8] >> (i % 8)) & 1;
}

void kf_value_set_bit(struct kf_value *v, unsigned int i, bool bit)
{
	uint8_t m = 1 << (i % 8);

	if (bit)
		v->be[15 - i / 8] |= m;
	else
		v->be[15 - i / 8] &= ~m;
}

bool kf_value_is_zero(const struct kf_value *v)
{
	static const struct kf_value zero;

	return !memcmp(v, &zero, sizeof(zero));
}

void kf_value_all_ones(struct kf_value *v, unsigned int n_bits)
{
	unsigned int i;

	memset(v, 0, sizeof(*v));
	for (i = 0; i < n_bits; i++)
		kf_value_set_bit(v, i, true);
}

bool kf_value_is_exact(const struct kf_value *mask, const struct kf_field *f)
{
	struct kf_value ones;

	kf_value_all_ones(&ones, f->n_bits);
	return !memcmp(mask, &ones, sizeof(ones));
}

const char *kf_value_invalid(const struct kf_field *f,
			     const struct kf_value *v)
{
	if (f->id == KF_F_NW_TOS && (kf_value_to_u64(v) & 0x03))
		return "the low 2 bits of nw_tos are ECN and must be 0 (match "
		       "or set them as nw_ecn)";
	return NULL;
}

/* Integer storage of a field, host order. */
static uint64_t read_int(const struct kf_flow *flow, const struct kf_field *f)
{
	const uint8_t *p = (const uint8_t *)flow + f->offset;
	uint32_t hi, lo;
	uint16_t u16;

	switch (f->n_bytes) {
	case 1:
		return *p;
	case 2:
		memcpy(&u16, p, 2);
		return u16;
	case 4:
		memcpy(&lo, p, 4);
		return lo;
	default:
		break;
	}
	if (f->id >= KF_F_XREG0 && f->id < KF_F_XREG0 + KF_N_XREGS) {
		memcpy(&hi, p, 4);
		memcpy(&lo, p + 4, 4);
		return (uint64_t)hi << 32 | lo;
	}
	{
		uint64_t u64;

		memcpy(&u64, p, 8);
		return u64;
	}
}

static void write_int(struct kf_flow *flow, const struct kf_field *f,
		      uint64_t x)
{
	uint8_t *p = (uint8_t *)flow + f->offset;
	uint32_t hi = x >> 32, lo = x;
	uint16_t u16 = x;
	uint8_t u8 = x;

	switch (f->n_bytes) {
	case 1:
		memcpy(p, &u8, 1);
		return;
	case 2:
		memcpy(p, &u16, 2);
		return;
	case 4:
		memcpy(p, &lo, 4);
		return;
	default:
		break;
	}
	if (f->id >= KF_F_XREG0 && f->id < KF_F_XREG0 + KF_N_XREGS) {
		memcpy(p, &hi, 4);
		memcpy(p + 4, &lo, 4);
	} else {
		memcpy(p, &x, 8);
	}
}

static bool is_bytes(const struct kf_field *f)
{
	return f->n_bytes == 6 || f->n_bytes == 16;
}

void kf_field_get(const struct kf_flow *flow, const struct kf_field *f,
		  struct kf_value *v)
{
	if (is_bytes(f)) {
		memset(v, 0, sizeof(*v));
		memcpy(v->be + 16 - f->n_bytes, (const uint8_t *)flow +
		       f->offset, f->n_bytes);
		return;
	}
	kf_value_from_u64(v, (read_int(flow, f) >> f->shift) &
			  low_bits(f->n_bits));
}

void kf_field_set(struct kf_flow *flow, const struct kf_field *f,
		  const struct kf_value *v)
{
	struct kf_value ones;

	kf_value_all_ones(&ones, f->n_bits);
	kf_field_set_masked(flow, f, v, &ones);
}

void kf_field_set_masked(struct kf_flow *flow, const struct kf_field *f,
			 const struct kf_value *v, const struct kf_value *mask)
{
	uint64_t m, x, old;

	if (is_bytes(f)) {
		uint8_t *p = (uint8_t *)flow + f->offset;
		const uint8_t *vb = v->be + 16 - f->n_bytes;
		const uint8_t *mb = mask->be + 16 - f->n_bytes;
		int i;

		for (i = 0; i < f->n_bytes; i++)
			p[i] = (p[i] & ~mb[i]) | (vb[i] & mb[i]);
		return;
	}
	m = (kf_value_to_u64(mask) & low_bits(f->n_bits)) << f->shift;
	x = kf_value_to_u64(v) << f->shift;
	old = read_int(flow, f);
	write_int(flow, f, (old & ~m) | (x & m));
}

void kf_match_init_catchall(struct kf_match *m)
{
	memset(m, 0, sizeof(*m));
}

void kf_match_set(struct kf_match *m, const struct kf_field *f,
		  const struct kf_value *v, const struct kf_value *mask)
{
	struct kf_value ones, val;
	int i;

	kf_value_all_ones(&ones, f->n_bits);
	for (i = 0; i < 16; i++)
		val.be[i] = v->be[i] & mask->be[i];
	kf_field_set_masked(&m->wc, f, mask, &ones);
	kf_field_set_masked(&m->flow, f, &val, &ones);
	/*
	 * nw_tos holds the DSCP bits only (ECN is nw_ecn), so its low 2
	 * bits are always 0: an exact nw_tos and an ip_dscp are the same
	 * match, and the model spells both with the whole byte's mask.
	 */
	if (f->id == KF_F_IP_DSCP || f->id == KF_F_NW_TOS)
		m->wc.nw_tos = m->wc.nw_tos & 0xfc ? 0xff : 0;
}

void kf_match_get(const struct kf_match *m, const struct kf_field *f,
		  struct kf_value *v, struct kf_value *mask)
{
	kf_field_get(&m->flow, f, v);
	kf_field_get(&m->wc, f, mask);
}

bool kf_match_has(const struct kf_match *m, const struct kf_field *f)
{
	struct kf_value mask;

	kf_field_get(&m->wc, f, &mask);
	return !kf_value_is_zero(&mask);
}

bool kf_match_equal(const struct kf_match *a, const struct kf_match *b)
{
	return !memcmp(a, b, sizeof(*a));
}

bool kf_match_matches(const struct kf_match *m, const struct kf_flow *flow)
{
	const uint64_t *f = kf_flow_words(flow);
	const uint64_t *mf = kf_flow_words(&m->flow);
	const uint64_t *mw = kf_flow_words(&m->wc);
	size_t i;

	for (i = 0; i < KF_FLOW_WORDS; i++)
		if ((f[i] & mw[i]) != mf[i])
			return false;
	return true;
}
