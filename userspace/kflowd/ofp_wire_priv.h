/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ofp_wire_priv.h - helpers shared by the OpenFlow wire codec.
 */
#ifndef KFLOWD_OFP_WIRE_PRIV_H
#define KFLOWD_OFP_WIRE_PRIV_H

#include "ofp_priv.h"
#include "ofp_wire.h"

/* Set @e and return -EINVAL. */
int kf_werr(struct kf_ofp_err *e, uint16_t type, uint16_t code,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static inline uint16_t kf_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t kf_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t kf_get64(const uint8_t *p)
{
	return (uint64_t)kf_get32(p) << 32 | kf_get32(p + 4);
}

static inline void kf_set16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

/* Append @n zeroed bytes; NULL after an allocation failure. */
void *kf_wb_put(struct kf_wbuf *b, size_t n);
void kf_wb_bytes(struct kf_wbuf *b, const void *p, size_t n);
void kf_wb_u8(struct kf_wbuf *b, uint8_t v);
void kf_wb_u16(struct kf_wbuf *b, uint16_t v);
void kf_wb_u32(struct kf_wbuf *b, uint32_t v);
void kf_wb_u64(struct kf_wbuf *b, uint64_t v);
void kf_wb_zeros(struct kf_wbuf *b, size_t n);
/* Zero-pad so that the data since @start is a multiple of 8 bytes. */
void kf_wb_pad8(struct kf_wbuf *b, size_t start);
/* Overwrite a 16-bit field at offset @ofs. */
void kf_wb_set16(struct kf_wbuf *b, size_t ofs, uint16_t v);
/* -ENOMEM after an allocation failure, else @r. */
int kf_wb_status(const struct kf_wbuf *b, int r);

/* Check a decoded message: header type and minimum length. */
int kf_ofp_check_msg(const void *msg, size_t len, uint8_t type,
		     size_t min_len, const char *what, struct kf_ofp_err *e);

/* OXM/NXM headers. */
#define KF_OXM_CLASS(h) ((uint16_t)((h) >> 16))
#define KF_OXM_FIELD(h) ((uint8_t)(((h) >> 9) & 0x7f))
#define KF_OXM_HASMASK(h) (((h) >> 8) & 1)
#define KF_OXM_LEN(h) ((uint8_t)((h) & 0xff))
#define KF_OXM_HDR(cls, fld, len) \
	((uint32_t)(cls) << 16 | (uint32_t)(fld) << 9 | (uint32_t)(len))
#define KF_OXM_EXP_CLASS 0xffff

/* Field value on the wire <-> the model. */
struct kf_oxm_val {
	uint8_t v[128];
	uint8_t m[128];
	size_t len;		/* value length (mask has the same) */
	bool masked;
};

/* The OpenFlow 1.3 header to use for @f in set_field and match
 * (OXM if the field has one, else NXM), its value length, and the value.
 * -1 if the field has no wire form. */
int kf_oxm_for_field(const struct kf_field *f, uint32_t *hdr, uint32_t *exp);
/* The header move/load use (NXM when the field has one, like OVS). */
int kf_nxm_for_field(const struct kf_field *f, uint32_t *hdr);
/* Field of an OXM/NXM header (hasmask and length ignored; @exp for the
 * experimenter class).  *shift_val: value is stored shifted (ip_dscp). */
const struct kf_field *kf_field_for_oxm(uint32_t hdr, uint32_t exp);
/* Wire value length of a field (tun_metadata: the 124 bytes OVS uses in
 * move/load headers when @for_header). */
unsigned int kf_oxm_field_len(const struct kf_field *f, bool for_header);

/* Value length a TLV with header @hdr must have for @f; 0: any of
 * 1..124 bytes (tun_metadata). */
size_t kf_oxm_value_len(const struct kf_field *f, uint32_t hdr, uint32_t exp);
/* Read an OXM TLV at @p: header, optional experimenter, value and mask.
 * *used is the TLV length. */
int kf_oxm_pull(const uint8_t *p, size_t avail, uint32_t *hdr, uint32_t *exp,
		struct kf_oxm_val *val, size_t *used, const char *ctx,
		struct kf_ofp_err *e);
void kf_oxm_put_header(struct kf_wbuf *b, uint32_t hdr, uint32_t exp);
/* Length of the header (4 or 8 with an experimenter). */
static inline size_t kf_oxm_hdr_len(uint32_t hdr)
{
	return KF_OXM_CLASS(hdr) == KF_OXM_EXP_CLASS ? 8 : 4;
}

/* Model value <-> wire bytes for field @f (right-aligned, @len bytes);
 * -1 if the wire value does not fit the field. */
void kf_value_to_wire(const struct kf_field *f, const struct kf_value *v,
		      uint8_t *out, size_t len);
int kf_value_from_wire(const struct kf_field *f, const uint8_t *in,
		       size_t len, struct kf_value *v);

/* Name of an OXM header for messages ("eth_type" or "0x80000a02"). */
const char *kf_oxm_name(uint32_t hdr, uint32_t exp, char buf[32]);

/* Actions helpers (ofp_wire_actions.c / ofp_wire_nxast.c). */
int kf_nxast_encode(struct kf_wbuf *b, const struct kf_action *a,
		    const struct kf_match *m, char *err);
int kf_nxast_decode(const uint8_t *p, size_t len, struct kf_actions *acts,
		    struct kf_ofp_err *e);
void kf_nx_header(struct kf_wbuf *b, uint16_t len, uint16_t subtype);

#endif
