// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_wire_nxast.c - Nicira extension actions (vendor 0x00002320):
 * resubmit, reg_move, reg_load/reg_load2, note, set_tunnel[64], dec_ttl,
 * controller, write_metadata, conjunction, clone.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ofp_wire_priv.h"

enum {
	NXAST_RESUBMIT = 1, NXAST_SET_TUNNEL = 2, NXAST_REG_MOVE = 6,
	NXAST_REG_LOAD = 7, NXAST_NOTE = 8, NXAST_SET_TUNNEL64 = 9,
	NXAST_RESUBMIT_TABLE = 14, NXAST_DEC_TTL = 18,
	NXAST_CONTROLLER = 20, NXAST_WRITE_METADATA = 22,
	NXAST_REG_LOAD2 = 33, NXAST_CONJUNCTION = 34, NXAST_CLONE = 42,
};

void kf_nx_header(struct kf_wbuf *b, uint16_t len, uint16_t subtype)
{
	kf_wb_u16(b, 0xffff);
	kf_wb_u16(b, len);
	kf_wb_u32(b, KF_NX_VENDOR_ID);
	kf_wb_u16(b, subtype);
}

static int sub_header(const struct kf_subfield *sf, uint32_t *hdr, char *err)
{
	if (kf_nxm_for_field(sf->field, hdr))
		return kf_err(err, "%s has no NXM/OXM header",
			      sf->field->name);
	return 0;
}

static int enc_move(struct kf_wbuf *b, const struct kf_action *a, char *err)
{
	uint32_t src, dst;
	size_t start = b->len;

	if (sub_header(&a->move.src, &src, err) ||
	    sub_header(&a->move.dst, &dst, err))
		return -EINVAL;
	kf_nx_header(b, 0, NXAST_REG_MOVE);
	kf_wb_u16(b, a->move.src.n_bits);
	kf_wb_u16(b, a->move.src.ofs);
	kf_wb_u16(b, a->move.dst.ofs);
	kf_wb_u32(b, src);
	kf_wb_u32(b, dst);
	kf_wb_pad8(b, start);
	kf_wb_set16(b, start + 2, b->len - start);
	return 0;
}

static void put_reg_load(struct kf_wbuf *b, uint32_t hdr, unsigned int ofs,
			 unsigned int n_bits, uint64_t v)
{
	kf_nx_header(b, 24, NXAST_REG_LOAD);
	kf_wb_u16(b, ofs << 6 | (n_bits - 1));
	kf_wb_u32(b, hdr);
	kf_wb_u64(b, v);
}

/* NXAST_REG_LOAD2: a masked OXM, for masks reg_load cannot say. */
static int put_reg_load2(struct kf_wbuf *b, const struct kf_field *f,
			 const struct kf_value *v, const struct kf_value *m,
			 char *err)
{
	size_t start = b->len, vlen;
	uint32_t hdr, exp;
	uint8_t *p;

	if (kf_oxm_for_field(f, &hdr, &exp))
		return kf_err(err, "set_field: %s has no OpenFlow 1.3 form",
			      f->name);
	vlen = KF_OXM_LEN(hdr) - (exp ? 4 : 0);
	kf_nx_header(b, 0, NXAST_REG_LOAD2);
	kf_oxm_put_header(b, (hdr & ~0xffu) | 0x100 |
			  (KF_OXM_LEN(hdr) + vlen), exp);
	p = kf_wb_put(b, 2 * vlen);
	if (p) {
		kf_value_to_wire(f, v, p, vlen);
		kf_value_to_wire(f, m, p + vlen, vlen);
	}
	kf_wb_pad8(b, start);
	kf_wb_set16(b, start + 2, b->len - start);
	return 0;
}

/* Masked set_field: reg_load when the mask is one run of bits. */
static int enc_masked_set(struct kf_wbuf *b, const struct kf_action *a,
			  char *err)
{
	const struct kf_field *f = a->set_field.field;
	const struct kf_value *m = &a->set_field.mask;
	unsigned int i, lo = 0, n = 0, runs = 0;
	uint32_t hdr;

	for (i = 0; i < f->n_bits; i++) {
		bool bit = kf_value_bit(m, i);

		if (bit && (!i || !kf_value_bit(m, i - 1))) {
			runs++;
			lo = i;
		}
		n += bit;
	}
	if (runs != 1 || n > 64 || kf_nxm_for_field(f, &hdr))
		return put_reg_load2(b, f, &a->set_field.value, m, err);
	{
		struct kf_value v = a->set_field.value;
		uint64_t x = 0;

		for (i = n; i-- > 0;)
			x = x << 1 | kf_value_bit(&v, lo + i);
		put_reg_load(b, hdr, lo, n, x);
	}
	return 0;
}

static int enc_load(struct kf_wbuf *b, const struct kf_action *a, char *err)
{
	const struct kf_subfield *d = &a->load.dst;
	uint32_t hdr;

	if (sub_header(d, &hdr, err))
		return -EINVAL;
	if (d->n_bits > 64)
		return kf_err(err, "load: %s[%u..%u]: more than 64 bits",
			      d->field->name, d->ofs, d->ofs + d->n_bits - 1);
	put_reg_load(b, hdr, d->ofs, d->n_bits,
		     kf_value_to_u64(&a->load.value));
	return 0;
}

static void enc_note(struct kf_wbuf *b, const struct kf_action *a)
{
	size_t start = b->len;

	kf_nx_header(b, 0, NXAST_NOTE);
	kf_wb_bytes(b, a->note.data, a->note.len);
	if (b->len - start < 16)
		kf_wb_zeros(b, 16 - (b->len - start));
	kf_wb_pad8(b, start);
	kf_wb_set16(b, start + 2, b->len - start);
}

static int enc_clone(struct kf_wbuf *b, const struct kf_action *a,
		     const struct kf_match *m, char *err)
{
	size_t start = b->len;
	int r;

	kf_nx_header(b, 0, NXAST_CLONE);
	kf_wb_zeros(b, 6);
	r = kf_ofp_encode_actions(b, &a->clone, m, err);
	kf_wb_set16(b, start + 2, b->len - start);
	if (!r && b->len - start > KF_OFP_MAX_MSG)
		return kf_err(err, "clone: nested actions too long");
	return r;
}

static void enc_resubmit(struct kf_wbuf *b, const struct kf_action *a)
{
	kf_nx_header(b, 16, NXAST_RESUBMIT_TABLE);
	kf_wb_u16(b, a->resubmit.port);
	kf_wb_u8(b, a->resubmit.table);
	kf_wb_zeros(b, 3);
}

static void enc_conjunction(struct kf_wbuf *b, const struct kf_action *a)
{
	kf_nx_header(b, 16, NXAST_CONJUNCTION);
	kf_wb_u8(b, a->conj.clause - 1);
	kf_wb_u8(b, a->conj.n_clauses);
	kf_wb_u32(b, a->conj.id);
}

int kf_nxast_encode(struct kf_wbuf *b, const struct kf_action *a,
		    const struct kf_match *m, char *err)
{
	switch (a->type) {
	case KF_ACT_SET_FIELD:
		return enc_masked_set(b, a, err);
	case KF_ACT_LOAD:
		return enc_load(b, a, err);
	case KF_ACT_MOVE:
		return enc_move(b, a, err);
	case KF_ACT_RESUBMIT:
		enc_resubmit(b, a);
		return 0;
	case KF_ACT_CONJUNCTION:
		enc_conjunction(b, a);
		return 0;
	case KF_ACT_NOTE:
		enc_note(b, a);
		return 0;
	case KF_ACT_CLONE:
		return enc_clone(b, a, m, err);
	default:
		return kf_err(err, "action type %d has no OpenFlow 1.3 form",
			      (int)a->type);
	}
}

/* ---- Decoding ---- */

static int nxerr(struct kf_ofp_err *e, uint16_t code, const char *what,
		 const char *why)
{
	return kf_werr(e, KF_OFPET_BAD_ACTION, code, "actions: %s: %s", what,
		       why);
}

static struct kf_action *nxpush(struct kf_actions *acts, enum kf_act_type t)
{
	return kf_actions_push(acts, t);
}

/* A subfield from an NXM/OXM header, offset and width. */
static int dec_subfield(uint32_t hdr, unsigned int ofs, unsigned int n_bits,
			bool dst, struct kf_subfield *sf, const char *what,
			struct kf_ofp_err *e)
{
	const struct kf_field *f = kf_field_for_oxm(hdr, 0);
	char why[96];

	if (!f || KF_OXM_CLASS(hdr) == KF_OXM_EXP_CLASS) {
		snprintf(why, sizeof(why), "unknown field 0x%08x", hdr);
		return nxerr(e, KF_OFPBAC_BAD_ARGUMENT, what, why);
	}
	if (!n_bits || ofs + n_bits > f->n_bits) {
		snprintf(why, sizeof(why), "bits %u..%u out of range (%s has "
			 "%u bits)", ofs, ofs + n_bits - 1, f->name, f->n_bits);
		return nxerr(e, KF_OFPBAC_BAD_ARGUMENT, what, why);
	}
	if (dst && !f->writable) {
		snprintf(why, sizeof(why), "%s is read-only", f->name);
		return nxerr(e, KF_OFPBAC_BAD_ARGUMENT, what, why);
	}
	memset(sf, 0, sizeof(*sf));	/* actions compare with memcmp */
	sf->field = f;
	sf->ofs = ofs;
	sf->n_bits = n_bits;
	return 0;
}

static int dec_move(const uint8_t *p, size_t len, struct kf_actions *acts,
		    struct kf_ofp_err *e)
{
	struct kf_subfield src, dst;
	unsigned int n = kf_get16(p + 10);
	struct kf_action *a;

	if (len < 24 || kf_oxm_hdr_len(kf_get32(p + 16)) != 4 ||
	    kf_oxm_hdr_len(kf_get32(p + 20)) != 4)
		return nxerr(e, KF_OFPBAC_BAD_LEN, "reg_move",
			     "bad length or experimenter field");
	if (dec_subfield(kf_get32(p + 16), kf_get16(p + 12), n, false, &src,
			 "reg_move", e) ||
	    dec_subfield(kf_get32(p + 20), kf_get16(p + 14), n, true, &dst,
			 "reg_move", e))
		return -EINVAL;
	a = nxpush(acts, KF_ACT_MOVE);
	if (!a)
		return -ENOMEM;
	memcpy(&a->move.src, &src, sizeof(src));
	memcpy(&a->move.dst, &dst, sizeof(dst));
	return 0;
}

static int dec_load(const uint8_t *p, size_t len, struct kf_actions *acts,
		    struct kf_ofp_err *e)
{
	unsigned int ofs_nbits = kf_get16(p + 10);
	unsigned int n = (ofs_nbits & 63) + 1;
	uint64_t v = kf_get64(p + 16);
	struct kf_subfield dst;
	struct kf_action *a;

	if (len != 24)
		return nxerr(e, KF_OFPBAC_BAD_LEN, "reg_load", "length != 24");
	if (dec_subfield(kf_get32(p + 12), ofs_nbits >> 6, n, true, &dst,
			 "reg_load", e))
		return -EINVAL;
	if (n < 64 && v >> n)
		return nxerr(e, KF_OFPBAC_BAD_ARGUMENT, "reg_load",
			     "value does not fit in the destination");
	a = nxpush(acts, KF_ACT_LOAD);
	if (!a)
		return -ENOMEM;
	memcpy(&a->load.dst, &dst, sizeof(dst));
	kf_value_from_u64(&a->load.value, v);
	return 0;
}

static int dec_load2(const uint8_t *p, size_t len, struct kf_actions *acts,
		     struct kf_ofp_err *e)
{
	struct kf_oxm_val val;
	const struct kf_field *f;
	struct kf_action *a;
	uint32_t hdr, exp;
	size_t used, want;

	if (kf_oxm_pull(p + 10, len - 10, &hdr, &exp, &val, &used,
			"reg_load2", e))
		return nxerr(e, KF_OFPBAC_BAD_LEN, "reg_load2", e->msg);
	f = kf_field_for_oxm(hdr, exp);
	want = f ? kf_oxm_value_len(f, hdr, exp) : 0;
	if (!f || !f->writable || (want && val.len != want))
		return nxerr(e, KF_OFPBAC_BAD_SET_TYPE, "reg_load2",
			     "unknown or read-only field, or bad length");
	a = nxpush(acts, KF_ACT_SET_FIELD);
	if (!a)
		return -ENOMEM;
	a->set_field.field = f;
	if (kf_value_from_wire(f, val.v, val.len, &a->set_field.value) ||
	    kf_value_from_wire(f, val.m, val.len, &a->set_field.mask))
		return nxerr(e, KF_OFPBAC_BAD_SET_ARGUMENT, "reg_load2",
			     "value or mask out of range");
	return 0;
}

static int dec_note(const uint8_t *p, size_t len, struct kf_actions *acts)
{
	struct kf_action *a = nxpush(acts, KF_ACT_NOTE);

	if (!a)
		return -ENOMEM;
	a->note.len = len - 10;
	a->note.data = malloc(a->note.len);
	if (!a->note.data)
		return -ENOMEM;
	memcpy(a->note.data, p + 10, a->note.len);
	return 0;
}

static int dec_clone(const uint8_t *p, size_t len, struct kf_actions *acts,
		     struct kf_ofp_err *e)
{
	struct kf_action *a = nxpush(acts, KF_ACT_CLONE);

	if (!a)
		return -ENOMEM;
	return kf_ofp_decode_actions(p + 16, len - 16, &a->clone, e);
}

static int dec_resubmit(const uint8_t *p, uint16_t sub,
			struct kf_actions *acts)
{
	struct kf_action *a = nxpush(acts, KF_ACT_RESUBMIT);

	if (!a)
		return -ENOMEM;
	a->resubmit.port = kf_get16(p + 10);
	a->resubmit.table = sub == NXAST_RESUBMIT ? KF_TABLE_NONE : p[12];
	a->resubmit.paren = a->resubmit.table != KF_TABLE_NONE;
	return 0;
}

static int dec_tunnel(const uint8_t *p, uint16_t sub, struct kf_actions *acts)
{
	struct kf_action *a = nxpush(acts, KF_ACT_SET_FIELD);

	if (!a)
		return -ENOMEM;
	a->set_field.field = kf_field(KF_F_TUN_ID);
	kf_value_all_ones(&a->set_field.mask, 64);
	if (sub == NXAST_SET_TUNNEL) {
		a->set_field.style = KF_SF_SET_TUNNEL;
		kf_value_from_u64(&a->set_field.value, kf_get32(p + 12));
	} else {
		a->set_field.style = KF_SF_SET_TUNNEL64;
		kf_value_from_u64(&a->set_field.value, kf_get64(p + 16));
	}
	return 0;
}

static int dec_controller(const uint8_t *p, struct kf_actions *acts,
			  struct kf_ofp_err *e)
{
	struct kf_action *a;

	if (kf_get16(p + 12) || p[14] != KF_OFPR_ACTION)
		return nxerr(e, KF_OFPBAC_BAD_ARGUMENT, "controller",
			     "only reason=action and id=0 are supported");
	a = nxpush(acts, KF_ACT_CONTROLLER);
	if (!a)
		return -ENOMEM;
	a->output.port = KF_PORT_CONTROLLER;
	a->output.max_len = kf_get16(p + 10);
	return 0;
}

static int dec_metadata(const uint8_t *p, struct kf_actions *acts)
{
	struct kf_action *a = nxpush(acts, KF_ACT_WRITE_METADATA);

	if (!a)
		return -ENOMEM;
	a->metadata.value = kf_get64(p + 16);
	a->metadata.mask = kf_get64(p + 24);
	return 0;
}

static int dec_conjunction(const uint8_t *p, struct kf_actions *acts,
			   struct kf_ofp_err *e)
{
	struct kf_action *a;

	if (p[11] < 2 || p[11] > 64 || p[10] >= p[11])
		return nxerr(e, KF_OFPBAC_BAD_ARGUMENT, "conjunction",
			     "need 2 <= n_clauses <= 64 and clause < "
			     "n_clauses");
	a = nxpush(acts, KF_ACT_CONJUNCTION);
	if (!a)
		return -ENOMEM;
	a->conj.clause = p[10] + 1;
	a->conj.n_clauses = p[11];
	a->conj.id = kf_get32(p + 12);
	return 0;
}

/* Length rule of each subtype: exact length, or (negative) minimum. */
static int nx_len_rule(uint16_t sub)
{
	switch (sub) {
	case NXAST_RESUBMIT:
	case NXAST_RESUBMIT_TABLE:
	case NXAST_SET_TUNNEL:
	case NXAST_DEC_TTL:
	case NXAST_CONTROLLER:
	case NXAST_CONJUNCTION:
		return 16;
	case NXAST_SET_TUNNEL64:
	case NXAST_REG_LOAD:
		return 24;
	case NXAST_WRITE_METADATA:
		return 32;
	case NXAST_REG_MOVE:
		return -24;
	case NXAST_NOTE:
	case NXAST_REG_LOAD2:
	case NXAST_CLONE:
		return -16;
	default:
		return 0;
	}
}

static int nx_dispatch(const uint8_t *p, size_t len, uint16_t sub,
		       struct kf_actions *acts, struct kf_ofp_err *e)
{
	switch (sub) {
	case NXAST_RESUBMIT:
	case NXAST_RESUBMIT_TABLE:
		return dec_resubmit(p, sub, acts);
	case NXAST_SET_TUNNEL:
	case NXAST_SET_TUNNEL64:
		return dec_tunnel(p, sub, acts);
	case NXAST_DEC_TTL:
		return nxpush(acts, KF_ACT_DEC_TTL) ? 0 : -ENOMEM;
	case NXAST_CONTROLLER:
		return dec_controller(p, acts, e);
	case NXAST_CONJUNCTION:
		return dec_conjunction(p, acts, e);
	case NXAST_REG_LOAD:
		return dec_load(p, len, acts, e);
	case NXAST_WRITE_METADATA:
		return dec_metadata(p, acts);
	case NXAST_REG_MOVE:
		return dec_move(p, len, acts, e);
	case NXAST_NOTE:
		return dec_note(p, len, acts);
	case NXAST_REG_LOAD2:
		return dec_load2(p, len, acts, e);
	default:
		return dec_clone(p, len, acts, e);
	}
}

int kf_nxast_decode(const uint8_t *p, size_t len, struct kf_actions *acts,
		    struct kf_ofp_err *e)
{
	uint16_t sub;
	int rule, r;
	char why[64];

	if (len < 16)
		return nxerr(e, KF_OFPBAC_BAD_LEN, "experimenter action",
			     "shorter than 16 bytes");
	if (kf_get32(p + 4) != KF_NX_VENDOR_ID) {
		snprintf(why, sizeof(why), "experimenter 0x%08x is not "
			 "supported", kf_get32(p + 4));
		return nxerr(e, KF_OFPBAC_BAD_EXPERIMENTER, "action", why);
	}
	sub = kf_get16(p + 8);
	rule = nx_len_rule(sub);
	snprintf(why, sizeof(why), "Nicira subtype %u", sub);
	if (!rule)
		return nxerr(e, KF_OFPBAC_BAD_EXP_TYPE, why, "not supported");
	if (rule > 0 ? len != (size_t)rule : len < (size_t)-rule)
		return nxerr(e, KF_OFPBAC_BAD_LEN, why, "bad length");
	r = nx_dispatch(p, len, sub, acts, e);
	if (r == -ENOMEM)
		kf_werr(e, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_LEN,
			"actions: out of memory");
	return r;
}
