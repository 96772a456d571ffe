// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_wire_actions.c - OpenFlow 1.3 actions (output, push/pop_vlan,
 * set_field, set_nw_ttl, dec_nw_ttl) and the action-list walkers; the
 * Nicira actions are in ofp_wire_nxast.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "ofp_wire_priv.h"

enum {
	OFPAT_OUTPUT = 0, OFPAT_COPY_TTL_OUT = 11, OFPAT_COPY_TTL_IN = 12,
	OFPAT_SET_MPLS_TTL = 15, OFPAT_DEC_MPLS_TTL = 16,
	OFPAT_PUSH_VLAN = 17, OFPAT_POP_VLAN = 18, OFPAT_PUSH_MPLS = 19,
	OFPAT_POP_MPLS = 20, OFPAT_SET_QUEUE = 21, OFPAT_GROUP = 22,
	OFPAT_SET_NW_TTL = 23, OFPAT_DEC_NW_TTL = 24, OFPAT_SET_FIELD = 25,
	OFPAT_EXPERIMENTER = 0xffff,
};

struct enc {
	struct kf_wbuf *b;
	const struct kf_match *m;
	bool vlan;		/* a VLAN header is known to be present */
	char *err;
};

static void put_output(struct kf_wbuf *b, uint16_t port, uint16_t max_len)
{
	kf_wb_u16(b, OFPAT_OUTPUT);
	kf_wb_u16(b, 16);
	kf_wb_u32(b, kf_ofp_port_to_ofp13(port));
	kf_wb_u16(b, max_len);
	kf_wb_zeros(b, 6);
}

static void put_short(struct kf_wbuf *b, uint16_t type, uint16_t arg16)
{
	kf_wb_u16(b, type);
	kf_wb_u16(b, 8);
	kf_wb_u16(b, arg16);
	kf_wb_u16(b, 0);
}

/* OFPAT_SET_FIELD of the whole field @f. */
static int put_set_field(struct kf_wbuf *b, const struct kf_field *f,
			 const struct kf_value *v, char *err)
{
	size_t start = b->len, vlen;
	uint32_t hdr, exp;
	uint8_t *p;

	if (kf_oxm_for_field(f, &hdr, &exp))
		return kf_err(err, "set_field: %s has no OpenFlow 1.3 form",
			      f->name);
	vlen = KF_OXM_LEN(hdr) - (exp ? 4 : 0);
	kf_wb_u16(b, OFPAT_SET_FIELD);
	kf_wb_u16(b, 0);
	kf_oxm_put_header(b, hdr, exp);
	p = kf_wb_put(b, vlen);
	if (p)
		kf_value_to_wire(f, v, p, vlen);
	kf_wb_pad8(b, start);
	kf_wb_set16(b, start + 2, b->len - start);
	return 0;
}

/* The field a mod_* / set_field really sets on the wire, and its value. */
static int wire_target(struct enc *c, const struct kf_action *a,
		       const struct kf_field **fp, struct kf_value *v)
{
	const struct kf_field *f = a->set_field.field;
	const struct kf_flow *mf = &c->m->flow;
	uint64_t x = kf_value_to_u64(&a->set_field.value);

	*fp = f;
	*v = a->set_field.value;
	if (f->id == KF_F_DL_VLAN) {
		*fp = kf_field(KF_F_VLAN_VID);
		kf_value_from_u64(v, x | KF_VLAN_CFI);
	} else if (f->id == KF_F_NW_TOS && a->set_field.style == KF_SF_MOD) {
		*fp = kf_field(KF_F_IP_DSCP);
		kf_value_from_u64(v, x >> 2);
	} else if (f->id == KF_F_TP_SRC || f->id == KF_F_TP_DST) {
		bool src = f->id == KF_F_TP_SRC;

		if (mf->nw_proto == 6)
			*fp = kf_field(src ? KF_F_TCP_SRC : KF_F_TCP_DST);
		else if (mf->nw_proto == 17)
			*fp = kf_field(src ? KF_F_UDP_SRC : KF_F_UDP_DST);
		else if (mf->nw_proto == 132)
			*fp = kf_field(src ? KF_F_SCTP_SRC : KF_F_SCTP_DST);
		else
			return kf_err(c->err, "%s: needs a tcp, udp or sctp "
				      "match", kf_mod_name(f));
	}
	return 0;
}

static int enc_set_field(struct enc *c, const struct kf_action *a)
{
	const struct kf_field *f = a->set_field.field;
	struct kf_value v;
	int r;

	if (!kf_value_is_exact(&a->set_field.mask, f))
		return kf_nxast_encode(c->b, a, c->m, c->err);
	if (f->id == KF_F_NW_TTL && a->set_field.style == KF_SF_MOD) {
		kf_wb_u16(c->b, OFPAT_SET_NW_TTL);
		kf_wb_u16(c->b, 8);
		kf_wb_u32(c->b, kf_value_to_u64(&a->set_field.value) << 24);
		return 0;
	}
	if ((f->id == KF_F_DL_VLAN || f->id == KF_F_VLAN_PCP) &&
	    a->set_field.style == KF_SF_MOD && !c->vlan) {
		put_short(c->b, OFPAT_PUSH_VLAN, 0x8100);
		c->vlan = true;
	}
	r = wire_target(c, a, &f, &v);
	return r ? r : put_set_field(c->b, f, &v, c->err);
}

static int enc_one(struct enc *c, const struct kf_action *a)
{
	switch (a->type) {
	case KF_ACT_OUTPUT:
		put_output(c->b, a->output.port, 0);
		return 0;
	case KF_ACT_CONTROLLER:
		put_output(c->b, KF_PORT_CONTROLLER, a->output.max_len);
		return 0;
	case KF_ACT_SET_FIELD:
		return enc_set_field(c, a);
	case KF_ACT_POP_VLAN:
		put_short(c->b, OFPAT_POP_VLAN, 0);
		c->vlan = false;
		return 0;
	case KF_ACT_PUSH_VLAN:
		put_short(c->b, OFPAT_PUSH_VLAN, a->tpid);
		c->vlan = true;
		return 0;
	case KF_ACT_DEC_TTL:
		put_short(c->b, OFPAT_DEC_NW_TTL, 0);
		return 0;
	case KF_ACT_GOTO_TABLE:
	case KF_ACT_WRITE_METADATA:
		return kf_err(c->err, "%s must come last in the action list "
			      "(an OpenFlow instruction), at most once",
			      a->type == KF_ACT_GOTO_TABLE ? "goto_table" :
			      "write_metadata");
	default:
		return kf_nxast_encode(c->b, a, c->m, c->err);
	}
}

int kf_ofp_encode_actions(struct kf_wbuf *b, const struct kf_actions *acts,
			  const struct kf_match *m, char err[KF_ERR_LEN])
{
	struct kf_match any;
	struct enc c = { b, m, false, err };
	size_t i;
	int r;

	if (!m) {
		kf_match_init_catchall(&any);
		c.m = &any;
	}
	c.vlan = (c.m->wc.vlan_tci[0] & KF_VLAN_CFI) &&
		 (c.m->flow.vlan_tci[0] & KF_VLAN_CFI);
	for (i = 0; i < acts->n; i++) {
		r = enc_one(&c, &acts->v[i]);
		if (r)
			return r;
	}
	return kf_wb_status(b, 0);
}

/* ---- Decoding ---- */

static int bac(struct kf_ofp_err *e, uint16_t code, const char *fmt,
	       const char *what, unsigned int x)
{
	char buf[128];

	snprintf(buf, sizeof(buf), fmt, what, x);
	return kf_werr(e, KF_OFPET_BAD_ACTION, code, "actions: %s", buf);
}

static struct kf_action *push(struct kf_actions *acts, enum kf_act_type t,
			      struct kf_ofp_err *e)
{
	struct kf_action *a = kf_actions_push(acts, t);

	if (!a)
		kf_werr(e, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_LEN,
			"actions: out of memory");
	return a;
}

static int dec_output(const uint8_t *p, struct kf_actions *acts,
		      struct kf_ofp_err *e)
{
	uint32_t port32 = kf_get32(p + 4);
	struct kf_action *a;
	uint16_t port;

	if (kf_ofp_port_from_ofp13(port32, &port) || port == KF_PORT_NONE)
		return bac(e, KF_OFPBAC_BAD_OUT_PORT, "%s: bad port 0x%x",
			   "output", port32);
	a = push(acts, port == KF_PORT_CONTROLLER ? KF_ACT_CONTROLLER :
		 KF_ACT_OUTPUT, e);
	if (!a)
		return -ENOMEM;
	a->output.port = port;
	if (port == KF_PORT_CONTROLLER)
		a->output.max_len = kf_get16(p + 8);
	return 0;
}

static int dec_set_field(const uint8_t *p, size_t len,
			 struct kf_actions *acts, struct kf_ofp_err *e)
{
	struct kf_oxm_val val;
	const struct kf_field *f;
	struct kf_action *a;
	uint32_t hdr, exp;
	size_t used, want;

	if (kf_oxm_pull(p + 4, len - 4, &hdr, &exp, &val, &used, "set_field",
			e))
		return kf_werr(e, KF_OFPET_BAD_ACTION, KF_OFPBAC_BAD_SET_LEN,
			       "actions: %s", e->msg);
	f = kf_field_for_oxm(hdr, exp);
	if (!f || !f->writable)
		return bac(e, KF_OFPBAC_BAD_SET_TYPE, "%s: field 0x%08x is "
			   "unknown or read-only", "set_field", hdr);
	want = kf_oxm_value_len(f, hdr, exp);
	if (want ? val.len != want : val.len > 124)
		return bac(e, KF_OFPBAC_BAD_SET_LEN, "%s: value length %u is "
			   "wrong", f->name, val.len);
	if (val.masked)
		return bac(e, KF_OFPBAC_BAD_SET_ARGUMENT, "%s: masked "
			   "set_field needs OpenFlow 1.5 (field 0x%08x)",
			   "set_field", hdr);
	a = push(acts, KF_ACT_SET_FIELD, e);
	if (!a)
		return -ENOMEM;
	a->set_field.field = f;
	kf_value_all_ones(&a->set_field.mask, f->n_bits);
	if (kf_value_from_wire(f, val.v, val.len, &a->set_field.value))
		return bac(e, KF_OFPBAC_BAD_SET_ARGUMENT, "%s: value out of "
			   "range (%u bits)", f->name, f->n_bits);
	return 0;
}

static int dec_mod_ttl(const uint8_t *p, struct kf_actions *acts,
		       struct kf_ofp_err *e)
{
	struct kf_action *a = push(acts, KF_ACT_SET_FIELD, e);

	if (!a)
		return -ENOMEM;
	a->set_field.field = kf_field(KF_F_NW_TTL);
	a->set_field.style = KF_SF_MOD;
	kf_value_from_u64(&a->set_field.value, p[4]);
	kf_value_all_ones(&a->set_field.mask, 8);
	return 0;
}

static int dec_vlan(const uint8_t *p, uint16_t type, struct kf_actions *acts,
		    struct kf_ofp_err *e)
{
	uint16_t tpid = kf_get16(p + 4);
	struct kf_action *a;

	if (type == OFPAT_PUSH_VLAN && tpid != 0x8100 && tpid != 0x88a8)
		return bac(e, KF_OFPBAC_BAD_ARGUMENT, "%s: ethertype 0x%04x "
			   "is not 0x8100 or 0x88a8", "push_vlan", tpid);
	a = push(acts, type == OFPAT_PUSH_VLAN ? KF_ACT_PUSH_VLAN :
		 KF_ACT_POP_VLAN, e);
	if (!a)
		return -ENOMEM;
	if (type == OFPAT_PUSH_VLAN)
		a->tpid = tpid;
	return 0;
}

/* Fixed length of the standard actions we accept; 0 = unsupported. */
static size_t std_len(uint16_t type)
{
	switch (type) {
	case OFPAT_OUTPUT:
		return 16;
	case OFPAT_PUSH_VLAN:
	case OFPAT_POP_VLAN:
	case OFPAT_SET_NW_TTL:
	case OFPAT_DEC_NW_TTL:
		return 8;
	default:
		return 0;
	}
}

static int dec_one(const uint8_t *p, size_t len, struct kf_actions *acts,
		   struct kf_ofp_err *e)
{
	uint16_t type = kf_get16(p);

	if (type == OFPAT_EXPERIMENTER)
		return kf_nxast_decode(p, len, acts, e);
	if (type == OFPAT_SET_FIELD)
		return dec_set_field(p, len, acts, e);
	if (!std_len(type))
		return bac(e, KF_OFPBAC_BAD_TYPE, "%s type %u is not "
			   "supported", "action", type);
	if (len != std_len(type))
		return bac(e, KF_OFPBAC_BAD_LEN, "%s: length %u is wrong",
			   type == OFPAT_OUTPUT ? "output" : "action",
			   (unsigned int)len);
	switch (type) {
	case OFPAT_OUTPUT:
		return dec_output(p, acts, e);
	case OFPAT_SET_NW_TTL:
		return dec_mod_ttl(p, acts, e);
	case OFPAT_DEC_NW_TTL:
		return push(acts, KF_ACT_DEC_TTL, e) ? 0 : -ENOMEM;
	default:
		return dec_vlan(p, type, acts, e);
	}
}

static __thread int depth;

int kf_ofp_decode_actions(const uint8_t *p, size_t len,
			  struct kf_actions *acts, struct kf_ofp_err *e)
{
	size_t ofs, alen;
	int r = 0;

	if (++depth > KF_ACTIONS_MAX_DEPTH) {
		depth--;
		return bac(e, KF_OFPBAC_BAD_ARGUMENT, "%s nested more than %u "
			   "deep", "clone", KF_ACTIONS_MAX_DEPTH);
	}
	for (ofs = 0; ofs < len && !r; ofs += alen) {
		alen = len - ofs >= 4 ? kf_get16(p + ofs + 2) : 0;
		if (alen < 8 || alen % 8 || alen > len - ofs)
			r = bac(e, KF_OFPBAC_BAD_LEN, "%s: action at offset %u "
				"has a bad length", "actions",
				(unsigned int)ofs);
		else
			r = dec_one(p + ofs, alen, acts, e);
	}
	depth--;
	return r;
}
