// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_wire_match.c - struct ofp_match (OXM) <-> struct kf_match.
 *
 * Fields are written in the order Open vSwitch uses (prerequisites first,
 * then tunnel, registers, pkt_mark, metadata) with OXM headers where
 * OpenFlow 1.3 has one and NXM headers for the Nicira fields.  Reading
 * accepts any order, OXM or NXM spellings, and checks prerequisites once
 * the whole match is read.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "ofp_wire_priv.h"

#define ETH_IP 0x0800
#define ETH_IPV6 0x86dd
#define ETH_ARP 0x0806
#define ETH_RARP 0x8035
#define OFPMT_OXM 1

enum cond {
	C_ANY, C_PCP, C_IPV4, C_IPV6, C_IP, C_TCP, C_UDP, C_SCTP, C_ICMP4,
	C_ICMP6, C_ND, C_NS, C_NA, C_ARP,
};

static const struct {
	enum kf_field_id id;
	enum cond cond;
	uint8_t n;		/* consecutive field ids */
} order[] = {
	{ KF_F_DP_HASH, C_ANY, 1 }, { KF_F_RECIRC_ID, C_ANY, 1 },
	{ KF_F_CONJ_ID, C_ANY, 1 }, { KF_F_IN_PORT, C_ANY, 1 },
	{ KF_F_DL_SRC, C_ANY, 1 }, { KF_F_DL_DST, C_ANY, 1 },
	{ KF_F_DL_TYPE, C_ANY, 1 }, { KF_F_VLAN_VID, C_ANY, 1 },
	{ KF_F_VLAN_PCP, C_PCP, 1 },
	{ KF_F_NW_SRC, C_IPV4, 1 }, { KF_F_NW_DST, C_IPV4, 1 },
	{ KF_F_IPV6_SRC, C_IPV6, 1 }, { KF_F_IPV6_DST, C_IPV6, 1 },
	{ KF_F_NW_FRAG, C_IP, 1 }, { KF_F_IP_DSCP, C_IP, 1 },
	{ KF_F_NW_ECN, C_IP, 1 }, { KF_F_NW_TTL, C_IP, 1 },
	{ KF_F_IPV6_LABEL, C_IP, 1 }, { KF_F_NW_PROTO, C_IP, 1 },
	{ KF_F_TCP_SRC, C_TCP, 1 }, { KF_F_TCP_DST, C_TCP, 1 },
	{ KF_F_TCP_FLAGS, C_TCP, 1 },
	{ KF_F_UDP_SRC, C_UDP, 1 }, { KF_F_UDP_DST, C_UDP, 1 },
	{ KF_F_SCTP_SRC, C_SCTP, 1 }, { KF_F_SCTP_DST, C_SCTP, 1 },
	{ KF_F_ICMP_TYPE, C_ICMP4, 1 }, { KF_F_ICMP_CODE, C_ICMP4, 1 },
	{ KF_F_ICMPV6_TYPE, C_ICMP6, 1 }, { KF_F_ICMPV6_CODE, C_ICMP6, 1 },
	{ KF_F_ND_TARGET, C_ND, 1 }, { KF_F_ND_SLL, C_NS, 1 },
	{ KF_F_ND_TLL, C_NA, 1 },
	{ KF_F_ARP_OP, C_ARP, 1 }, { KF_F_ARP_SPA, C_ARP, 1 },
	{ KF_F_ARP_TPA, C_ARP, 1 }, { KF_F_ARP_SHA, C_ARP, 1 },
	{ KF_F_ARP_THA, C_ARP, 1 },
	{ KF_F_TUN_ID, C_ANY, 1 }, { KF_F_TUN_FLAGS, C_ANY, 1 },
	{ KF_F_TUN_SRC, C_ANY, 1 }, { KF_F_TUN_DST, C_ANY, 1 },
	{ KF_F_TUN_METADATA0, C_ANY, KF_N_TUN_METADATA },
	{ KF_F_REG0, C_ANY, KF_N_REGS },
	{ KF_F_PKT_MARK, C_ANY, 1 }, { KF_F_METADATA, C_ANY, 1 },
};

static bool proto_is(const struct kf_flow *f, uint8_t proto)
{
	return (f->dl_type == ETH_IP || f->dl_type == ETH_IPV6) &&
	       f->nw_proto == proto;
}

/* As OVS, on the flow's values (bits outside the mask are zero). */
static bool cond_ok(enum cond c, const struct kf_flow *f)
{
	switch (c) {
	case C_ANY:
		return true;
	case C_PCP:
		/* A tag, as the decoder's prerequisite: VID bits alone
		 * (the CFI wildcarded) do not make one. */
		return f->vlan_tci[0] & KF_VLAN_CFI;
	case C_IPV4:
		return f->dl_type == ETH_IP;
	case C_IPV6:
		return f->dl_type == ETH_IPV6;
	case C_IP:
		return f->dl_type == ETH_IP || f->dl_type == ETH_IPV6;
	case C_TCP:
		return proto_is(f, 6);
	case C_UDP:
		return proto_is(f, 17);
	case C_SCTP:
		return proto_is(f, 132);
	case C_ICMP4:
		return f->dl_type == ETH_IP && f->nw_proto == 1;
	case C_ICMP6:
		return f->dl_type == ETH_IPV6 && f->nw_proto == 58;
	case C_ND:
		return cond_ok(C_ICMP6, f) && !f->tp_dst &&
		       (f->tp_src == 135 || f->tp_src == 136);
	case C_NS:
		return cond_ok(C_ND, f) && f->tp_src == 135;
	case C_NA:
		return cond_ok(C_ND, f) && f->tp_src == 136;
	case C_ARP:
		return f->dl_type == ETH_ARP || f->dl_type == ETH_RARP;
	}
	return false;
}

/* Is @mask "exact" for the wire form of @f? */
static bool wire_exact(const struct kf_field *f, const struct kf_value *mask)
{
	if (f->id == KF_F_NW_FRAG)
		return kf_value_to_u64(mask) == KF_FRAG_MASK;
	if (f->id == KF_F_TUN_FLAGS)
		return false;	/* 16 bits on the wire, one in the model */
	return kf_value_is_exact(mask, f);
}

static int put_field(struct kf_wbuf *b, const struct kf_match *m,
		     const struct kf_field *f, struct kf_match *done,
		     char *err)
{
	struct kf_value v, mask;
	uint32_t hdr, exp;
	size_t vlen;
	uint8_t *p;
	bool exact;

	kf_match_get(m, f, &v, &mask);
	if (kf_value_is_zero(&mask))
		return 0;
	if (kf_oxm_for_field(f, &hdr, &exp))
		return kf_err(err, "match: %s has no OpenFlow 1.3 form",
			      f->name);
	vlen = KF_OXM_LEN(hdr) - (exp ? 4 : 0);
	exact = wire_exact(f, &mask);
	if (!exact)
		hdr = (hdr & ~0xffu) | 0x100 | (KF_OXM_LEN(hdr) + vlen);
	kf_oxm_put_header(b, hdr, exp);
	p = kf_wb_put(b, exact ? vlen : 2 * vlen);
	if (p) {
		kf_value_to_wire(f, &v, p, vlen);
		if (!exact)
			kf_value_to_wire(f, &mask, p + vlen, vlen);
	}
	kf_match_set(done, f, &v, &mask);
	return 0;
}

/* The first field @m matches that @done does not cover. */
static const struct kf_field *uncovered(const struct kf_match *m,
					const struct kf_match *done)
{
	struct kf_match rest;
	const uint64_t *a = kf_flow_words(&m->wc);
	const uint64_t *d = kf_flow_words(&done->wc);
	uint64_t *r = kf_flow_words_rw(&rest.wc);
	size_t i;

	memset(&rest, 0, sizeof(rest));
	for (i = 0; i < KF_FLOW_WORDS; i++)
		r[i] = a[i] & ~d[i];
	for (i = 0; i < KF_N_FIELDS; i++)
		if (kf_match_has(&rest, kf_field(i)))
			return kf_field(i);
	return NULL;
}

static int put_fields(struct kf_wbuf *b, const struct kf_match *m, char *err)
{
	const struct kf_field *f;
	struct kf_match done;
	size_t i, j;
	int r;

	kf_match_init_catchall(&done);
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (!cond_ok(order[i].cond, &m->flow))
			continue;
		for (j = 0; j < order[i].n; j++) {
			r = put_field(b, m, kf_field(order[i].id + j), &done,
				      err);
			if (r)
				return r;
		}
	}
	/* No tag: the priority bits OVS leaves out are implied. */
	if ((m->wc.vlan_tci[0] & KF_VLAN_CFI) &&
	    !(m->flow.vlan_tci[0] & KF_VLAN_CFI))
		done.wc.vlan_tci[0] |= KF_VLAN_PCP_MASK;
	f = uncovered(m, &done);
	if (f)
		return kf_err(err, "match: %s cannot be expressed in OpenFlow "
			      "1.3 (no wire form or prerequisite missing)",
			      f->name);
	return 0;
}

int kf_ofp_encode_match(struct kf_wbuf *b, const struct kf_match *m,
			char err[KF_ERR_LEN])
{
	size_t start = b->len;
	int r;

	kf_wb_u16(b, OFPMT_OXM);
	kf_wb_u16(b, 0);
	r = put_fields(b, m, err);
	if (r)
		return r;
	kf_wb_set16(b, start + 2, b->len - start);
	kf_wb_pad8(b, start);
	return kf_wb_status(b, 0);
}

/* ---- Decoding ---- */

static int oxm_err(struct kf_ofp_err *e, uint16_t code, uint32_t hdr,
		   uint32_t exp, const char *what)
{
	char buf[32];

	return kf_werr(e, KF_OFPET_BAD_MATCH, code, "match: OXM 0x%08x (%s): %s",
		       hdr, kf_oxm_name(hdr, exp, buf), what);
}

static bool any_bits(const uint8_t *v, const uint8_t *m, size_t n, bool inv)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] & (inv ? ~m[i] : m[i]))
			return true;
	return false;
}

/* The value and mask of one TLV as model values of @f. */
static int tlv_values(const struct kf_field *f, uint32_t hdr, uint32_t exp,
		      const struct kf_oxm_val *val, struct kf_value *v,
		      struct kf_value *mask, struct kf_ofp_err *e)
{
	size_t want = kf_oxm_value_len(f, hdr, exp);
	const char *why;
	char what[64];

	if (want ? val->len != want : val->len > 124) {
		snprintf(what, sizeof(what), "length %zu, expected %zu",
			 val->len, want);
		return oxm_err(e, KF_OFPBMC_BAD_LEN, hdr, exp, what);
	}
	if (val->masked && !f->maskable)
		return oxm_err(e, KF_OFPBMC_BAD_MASK, hdr, exp,
			       "field cannot be masked");
	if (val->masked && any_bits(val->v, val->m, val->len, true))
		return oxm_err(e, KF_OFPBMC_BAD_WILDCARDS, hdr, exp,
			       "value has 1-bits outside the mask");
	if (kf_value_from_wire(f, val->v, val->len, v))
		return oxm_err(e, KF_OFPBMC_BAD_VALUE, hdr, exp,
			       "value out of range");
	why = kf_value_invalid(f, v);
	if (why)
		return oxm_err(e, KF_OFPBMC_BAD_VALUE, hdr, exp, why);
	if (!val->masked) {
		kf_value_all_ones(mask, f->id == KF_F_NW_FRAG ? 2 : f->n_bits);
		if (f->id == KF_F_NW_FRAG && kf_value_to_u64(v) > KF_FRAG_MASK)
			return oxm_err(e, KF_OFPBMC_BAD_VALUE, hdr, exp,
				       "value out of range");
	} else if (kf_value_from_wire(f, val->m, val->len, mask)) {
		return oxm_err(e, KF_OFPBMC_BAD_MASK, hdr, exp,
			       "mask has bits the field does not have");
	}
	return 0;
}

static int pull_field(const uint8_t *p, size_t avail, struct kf_match *m,
		      const struct kf_field **fp, size_t *used,
		      struct kf_ofp_err *e)
{
	struct kf_value v, mask, old, oldm;
	struct kf_oxm_val val;
	const struct kf_field *f;
	uint32_t hdr, exp;
	int r;

	r = kf_oxm_pull(p, avail, &hdr, &exp, &val, used, "match", e);
	if (r)
		return r;
	f = kf_field_for_oxm(hdr, exp);
	if (!f)
		return oxm_err(e, KF_OFPBMC_BAD_FIELD, hdr, exp,
			       "unknown field");
	r = tlv_values(f, hdr, exp, &val, &v, &mask, e);
	if (r)
		return r;
	kf_match_get(m, f, &old, &oldm);
	if (!kf_value_is_zero(&oldm))
		return oxm_err(e, KF_OFPBMC_DUP_FIELD, hdr, exp,
			       "field appears twice");
	kf_match_set(m, f, &v, &mask);
	/* vlan_vid=0 is "no tag": the whole TCI is zero, as dl_vlan=0xffff. */
	if (f->id == KF_F_VLAN_VID && kf_value_is_exact(&mask, f) &&
	    kf_value_is_zero(&v))
		m->wc.vlan_tci[0] = 0xffff;
	*fp = f;
	return 0;
}

static int check_prereqs(const struct kf_match *m,
			 const struct kf_field *const *seen, size_t n,
			 struct kf_ofp_err *e)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!kf_match_prereqs_ok(m, seen[i]))
			return kf_werr(e, KF_OFPET_BAD_MATCH,
				       KF_OFPBMC_BAD_PREREQ,
				       "match: %s: prerequisites not met",
				       seen[i]->name);
	return 0;
}

int kf_ofp_decode_match(const uint8_t *p, size_t avail, struct kf_match *m,
			size_t *used, struct kf_ofp_err *e)
{
	const struct kf_field *seen[128];
	size_t len, ofs, n = 0, u;
	int r;

	kf_match_init_catchall(m);
	if (avail < 4)
		return kf_werr(e, KF_OFPET_BAD_MATCH, KF_OFPBMC_BAD_LEN,
			       "match: truncated (%zu bytes)", avail);
	if (kf_get16(p) != OFPMT_OXM)
		return kf_werr(e, KF_OFPET_BAD_MATCH, KF_OFPBMC_BAD_TYPE,
			       "match: type %u, only OXM (1) is supported",
			       kf_get16(p));
	len = kf_get16(p + 2);
	if (len < 4 || (len + 7) / 8 * 8 > avail)
		return kf_werr(e, KF_OFPET_BAD_MATCH, KF_OFPBMC_BAD_LEN,
			       "match: length %zu (padded) does not fit in "
			       "%zu bytes", len, avail);
	for (ofs = 4; ofs < len; ofs += u) {
		if (n == sizeof(seen) / sizeof(seen[0]))
			return kf_werr(e, KF_OFPET_BAD_MATCH, KF_OFPBMC_BAD_LEN,
				       "match: too many fields");
		r = pull_field(p + ofs, len - ofs, m, &seen[n++], &u, e);
		if (r)
			return r;
	}
	*used = (len + 7) / 8 * 8;
	return check_prereqs(m, seen, n, e);
}
