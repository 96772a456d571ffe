// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_wire_oxm.c - OXM/NXM headers of the fields: which header OpenFlow
 * 1.3 uses for a field, the field of a header, TLV reading and writing.
 */
#include <stdio.h>
#include <string.h>
#include "ofp_wire_priv.h"

#define OXM_OF 0x8000
#define NXM_NX 0x0001
#define ONF_TCP_FLAGS 42

/* OpenFlow 1.3 basic fields (class 0x8000) and their value lengths. */
static const struct {
	enum kf_field_id id;
	uint8_t field;
	uint8_t len;
} oxm_basic[] = {
	{ KF_F_IN_PORT, 0, 4 }, { KF_F_METADATA, 2, 8 },
	{ KF_F_DL_DST, 3, 6 }, { KF_F_DL_SRC, 4, 6 }, { KF_F_DL_TYPE, 5, 2 },
	{ KF_F_VLAN_VID, 6, 2 }, { KF_F_VLAN_PCP, 7, 1 },
	{ KF_F_IP_DSCP, 8, 1 }, { KF_F_NW_ECN, 9, 1 },
	{ KF_F_NW_PROTO, 10, 1 }, { KF_F_NW_SRC, 11, 4 },
	{ KF_F_NW_DST, 12, 4 }, { KF_F_TCP_SRC, 13, 2 },
	{ KF_F_TCP_DST, 14, 2 }, { KF_F_UDP_SRC, 15, 2 },
	{ KF_F_UDP_DST, 16, 2 }, { KF_F_SCTP_SRC, 17, 2 },
	{ KF_F_SCTP_DST, 18, 2 }, { KF_F_ICMP_TYPE, 19, 1 },
	{ KF_F_ICMP_CODE, 20, 1 }, { KF_F_ARP_OP, 21, 2 },
	{ KF_F_ARP_SPA, 22, 4 }, { KF_F_ARP_TPA, 23, 4 },
	{ KF_F_ARP_SHA, 24, 6 }, { KF_F_ARP_THA, 25, 6 },
	{ KF_F_IPV6_SRC, 26, 16 }, { KF_F_IPV6_DST, 27, 16 },
	{ KF_F_IPV6_LABEL, 28, 4 }, { KF_F_ICMPV6_TYPE, 29, 1 },
	{ KF_F_ICMPV6_CODE, 30, 1 }, { KF_F_ND_TARGET, 31, 16 },
	{ KF_F_ND_SLL, 32, 6 }, { KF_F_ND_TLL, 33, 6 },
	{ KF_F_TUN_ID, 38, 8 },
};

#define N_BASIC (sizeof(oxm_basic) / sizeof(oxm_basic[0]))

static bool is_tun_md(const struct kf_field *f)
{
	return f->id >= KF_F_TUN_METADATA0 &&
	       f->id < KF_F_TUN_METADATA0 + KF_N_TUN_METADATA;
}

unsigned int kf_oxm_field_len(const struct kf_field *f, bool for_header)
{
	if (f->id == KF_F_TUN_FLAGS)
		return 2;
	if (is_tun_md(f))
		return for_header ? 124 : 4;
	return (f->n_bits + 7) / 8;
}

int kf_oxm_for_field(const struct kf_field *f, uint32_t *hdr, uint32_t *exp)
{
	size_t i;

	*exp = 0;
	for (i = 0; i < N_BASIC; i++)
		if (oxm_basic[i].id == f->id) {
			*hdr = KF_OXM_HDR(OXM_OF, oxm_basic[i].field,
					  oxm_basic[i].len);
			return 0;
		}
	if (f->id == KF_F_TCP_FLAGS) {
		*hdr = KF_OXM_HDR(KF_OXM_EXP_CLASS, ONF_TCP_FLAGS, 6);
		*exp = KF_ONF_VENDOR_ID;
		return 0;
	}
	if (!f->nxm_name)
		return -1;
	*hdr = KF_OXM_HDR(f->nxm_class, f->nxm_field,
			  kf_oxm_field_len(f, false));
	return 0;
}

int kf_nxm_for_field(const struct kf_field *f, uint32_t *hdr)
{
	if (!f->nxm_name)
		return -1;
	*hdr = KF_OXM_HDR(f->nxm_class, f->nxm_field,
			  kf_oxm_field_len(f, true));
	return 0;
}

const struct kf_field *kf_field_for_oxm(uint32_t hdr, uint32_t exp)
{
	uint16_t cls = KF_OXM_CLASS(hdr);
	uint8_t fld = KF_OXM_FIELD(hdr);
	size_t i;

	if (cls == OXM_OF) {
		for (i = 0; i < N_BASIC; i++)
			if (oxm_basic[i].field == fld)
				return kf_field(oxm_basic[i].id);
	}
	if (cls == KF_OXM_EXP_CLASS)
		return exp == KF_ONF_VENDOR_ID && fld == ONF_TCP_FLAGS ?
		       kf_field(KF_F_TCP_FLAGS) : NULL;
	for (i = 0; i < KF_N_FIELDS; i++) {
		const struct kf_field *f = kf_field(i);

		if (f->nxm_name && f->nxm_class == cls && f->nxm_field == fld)
			return f;
	}
	return NULL;
}

const char *kf_oxm_name(uint32_t hdr, uint32_t exp, char buf[32])
{
	const struct kf_field *f = kf_field_for_oxm(hdr, exp);

	if (f)
		return f->name;
	snprintf(buf, 32, "0x%08x", hdr);
	return buf;
}

int kf_oxm_pull(const uint8_t *p, size_t avail, uint32_t *hdr, uint32_t *exp,
		struct kf_oxm_val *val, size_t *used, const char *ctx,
		struct kf_ofp_err *e)
{
	size_t hl, len;

	if (avail < 4)
		return kf_werr(e, KF_OFPET_BAD_MATCH, KF_OFPBMC_BAD_LEN,
			       "%s: truncated OXM header (%zu bytes)", ctx,
			       avail);
	*hdr = kf_get32(p);
	*exp = 0;
	hl = kf_oxm_hdr_len(*hdr);
	len = KF_OXM_LEN(*hdr);
	if (hl == 8) {
		if (len < 4 || avail < 8)
			return kf_werr(e, KF_OFPET_BAD_MATCH, KF_OFPBMC_BAD_LEN,
				       "%s: truncated experimenter OXM "
				       "0x%08x", ctx, *hdr);
		*exp = kf_get32(p + 4);
		len -= 4;
	}
	if (hl + len > avail)
		return kf_werr(e, KF_OFPET_BAD_MATCH, KF_OFPBMC_BAD_LEN,
			       "%s: OXM 0x%08x: length %zu runs past the end "
			       "(%zu bytes left)", ctx, *hdr, len,
			       avail - hl);
	val->masked = KF_OXM_HASMASK(*hdr);
	if (!len || (val->masked && len % 2) || len > 2 * sizeof(val->v))
		return kf_werr(e, KF_OFPET_BAD_MATCH, KF_OFPBMC_BAD_LEN,
			       "%s: OXM 0x%08x: bad length %zu", ctx, *hdr,
			       len);
	val->len = val->masked ? len / 2 : len;
	memcpy(val->v, p + hl, val->len);
	if (val->masked)
		memcpy(val->m, p + hl + val->len, val->len);
	else
		memset(val->m, 0xff, val->len);
	*used = hl + len;
	return 0;
}

void kf_oxm_put_header(struct kf_wbuf *b, uint32_t hdr, uint32_t exp)
{
	kf_wb_u32(b, hdr);
	if (KF_OXM_CLASS(hdr) == KF_OXM_EXP_CLASS)
		kf_wb_u32(b, exp);
}

void kf_value_to_wire(const struct kf_field *f, const struct kf_value *v,
		      uint8_t *out, size_t len)
{
	struct kf_value x = *v;

	if (f->id == KF_F_IN_PORT && len == 4)
		kf_value_from_u64(&x, kf_ofp_port_to_ofp13(
					  kf_value_to_u64(v)));
	if (len > 16) {
		memset(out, 0, len - 16);
		out += len - 16;
		len = 16;
	}
	memcpy(out, x.be + 16 - len, len);
}

int kf_value_from_wire(const struct kf_field *f, const uint8_t *in,
		       size_t len, struct kf_value *v)
{
	struct kf_value ones;
	unsigned int i;
	uint16_t port;

	if (len > 16) {
		for (i = 0; i < len - 16; i++)
			if (in[i])
				return -1;
		in += len - 16;
		len = 16;
	}
	memset(v, 0, sizeof(*v));
	memcpy(v->be + 16 - len, in, len);
	if (f->id == KF_F_IN_PORT && len == 4) {
		if (kf_ofp_port_from_ofp13(kf_get32(in), &port))
			return -1;
		kf_value_from_u64(v, port);
	}
	kf_value_all_ones(&ones, f->n_bits);
	for (i = 0; i < 16; i++)
		if (v->be[i] & ~ones.be[i])
			return -1;
	return 0;
}

size_t kf_oxm_value_len(const struct kf_field *f, uint32_t hdr, uint32_t exp)
{
	uint32_t want, wexp;

	if (is_tun_md(f))
		return 0;
	if (KF_OXM_CLASS(hdr) == 0x8000 || exp) {
		kf_oxm_for_field(f, &want, &wexp);
		return KF_OXM_LEN(want) - (wexp ? 4 : 0);
	}
	return kf_oxm_field_len(f, false);
}
