// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_wire_msg.c - the small messages: hello, error, echo, barrier,
 * features, switch config, role, experimenter (NXT_*).
 */
#include <errno.h>
#include <string.h>
#include "ofp_wire_priv.h"

#define OFPHET_VERSIONBITMAP 1

int kf_ofp_encode_hello(struct kf_wbuf *b, uint32_t xid)
{
	size_t start = kf_ofp_start(b, KF_OFPT_HELLO, xid);

	kf_wb_u16(b, OFPHET_VERSIONBITMAP);
	kf_wb_u16(b, 8);
	kf_wb_u32(b, 1u << KF_OFP13_VERSION);
	return kf_ofp_end(b, start);
}

/* Without a bitmap a peer supports every version up to its own. */
int kf_ofp_decode_hello(const void *msg, size_t len, uint32_t *versions,
			struct kf_ofp_err *err)
{
	const uint8_t *p = msg;
	size_t ofs, elen;
	int r;

	r = kf_ofp_check_msg(msg, len, KF_OFPT_HELLO, 8, "hello", err);
	if (r)
		return r;
	*versions = p[0] < 32 ? (2u << p[0]) - 2 : 0;
	for (ofs = 8; ofs + 4 <= len; ofs += (elen + 7) / 8 * 8) {
		elen = kf_get16(p + ofs + 2);
		if (elen < 4 || elen > len - ofs)
			return kf_werr(err, KF_OFPET_HELLO_FAILED,
				       KF_OFPHFC_INCOMPATIBLE,
				       "hello: element at offset %zu has bad "
				       "length %zu", ofs, elen);
		if (kf_get16(p + ofs) == OFPHET_VERSIONBITMAP && elen >= 8)
			*versions = kf_get32(p + ofs + 4);
	}
	if (!(*versions & 1u << KF_OFP13_VERSION))
		return kf_werr(err, KF_OFPET_HELLO_FAILED,
			       KF_OFPHFC_INCOMPATIBLE, "hello: peer does not "
			       "speak OpenFlow 1.3 (versions 0x%x)", *versions);
	return 0;
}

int kf_ofp_encode_error(struct kf_wbuf *b, uint32_t xid, uint16_t type,
			uint16_t code, const void *req, size_t req_len)
{
	size_t start = kf_ofp_start(b, KF_OFPT_ERROR, xid);

	kf_wb_u16(b, type);
	kf_wb_u16(b, code);
	kf_wb_bytes(b, req, req_len < 64 ? req_len : 64);
	return kf_ofp_end(b, start);
}

int kf_ofp_encode_error_from(struct kf_wbuf *b, uint32_t xid,
			     const struct kf_ofp_err *e, const void *req,
			     size_t req_len)
{
	return kf_ofp_encode_error(b, xid, e->type, e->code, req, req_len);
}

int kf_ofp_decode_error(const void *msg, size_t len,
			struct kf_ofp_error_msg *em, struct kf_ofp_err *err)
{
	const uint8_t *p = msg;
	int r = kf_ofp_check_msg(msg, len, KF_OFPT_ERROR, 12, "error", err);

	if (r)
		return r;
	em->type = kf_get16(p + 8);
	em->code = kf_get16(p + 10);
	em->data = p + 12;
	em->data_len = len - 12;
	return 0;
}

int kf_ofp_encode_simple(struct kf_wbuf *b, uint8_t type, uint32_t xid,
			 const void *body, size_t body_len)
{
	size_t start = kf_ofp_start(b, type, xid);

	kf_wb_bytes(b, body, body_len);
	return kf_ofp_end(b, start);
}

int kf_ofp_decode_empty(const void *msg, size_t len, struct kf_ofp_err *err)
{
	struct kf_ofp_header h;
	int r = kf_ofp_decode_header(msg, len, &h, err);

	if (!r && len != KF_OFP_HEADER_LEN)
		return kf_werr(err, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_LEN,
			       "message type %u: %zu bytes, expected 8",
			       h.type, len);
	return r;
}

int kf_ofp_encode_features_reply(struct kf_wbuf *b, uint32_t xid,
				 const struct kf_ofp_features *f)
{
	size_t start = kf_ofp_start(b, KF_OFPT_FEATURES_REPLY, xid);

	kf_wb_u64(b, f->datapath_id);
	kf_wb_u32(b, f->n_buffers);
	kf_wb_u8(b, f->n_tables);
	kf_wb_u8(b, f->auxiliary_id);
	kf_wb_u16(b, 0);
	kf_wb_u32(b, f->capabilities);
	kf_wb_u32(b, 0);
	return kf_ofp_end(b, start);
}

int kf_ofp_decode_features_reply(const void *msg, size_t len,
				 struct kf_ofp_features *f,
				 struct kf_ofp_err *err)
{
	const uint8_t *p = msg;
	int r = kf_ofp_check_msg(msg, len, KF_OFPT_FEATURES_REPLY, 32,
				 "features_reply", err);

	if (r)
		return r;
	f->datapath_id = kf_get64(p + 8);
	f->n_buffers = kf_get32(p + 16);
	f->n_tables = p[20];
	f->auxiliary_id = p[21];
	f->capabilities = kf_get32(p + 24);
	return 0;
}

int kf_ofp_encode_switch_config(struct kf_wbuf *b, uint8_t type,
				uint32_t xid,
				const struct kf_ofp_switch_config *c)
{
	size_t start = kf_ofp_start(b, type, xid);

	kf_wb_u16(b, c->flags);
	kf_wb_u16(b, c->miss_send_len);
	return kf_ofp_end(b, start);
}

int kf_ofp_decode_switch_config(const void *msg, size_t len,
				struct kf_ofp_switch_config *c,
				struct kf_ofp_err *err)
{
	const uint8_t *p = msg;
	struct kf_ofp_header h;
	int r = kf_ofp_decode_header(msg, len, &h, err);

	if (r)
		return r;
	if (len != 12)
		return kf_werr(err, KF_OFPET_SWITCH_CONFIG_FAILED,
			       KF_OFPSCFC_BAD_LEN, "switch_config: %zu bytes, "
			       "expected 12", len);
	c->flags = kf_get16(p + 8);
	c->miss_send_len = kf_get16(p + 10);
	if (c->flags > 3)
		return kf_werr(err, KF_OFPET_SWITCH_CONFIG_FAILED,
			       KF_OFPSCFC_BAD_FLAGS, "switch_config: flags "
			       "0x%x", c->flags);
	return 0;
}

int kf_ofp_encode_role(struct kf_wbuf *b, uint8_t type, uint32_t xid,
		       const struct kf_ofp_role *r)
{
	size_t start = kf_ofp_start(b, type, xid);

	kf_wb_u32(b, r->role);
	kf_wb_u32(b, 0);
	kf_wb_u64(b, r->generation_id);
	return kf_ofp_end(b, start);
}

int kf_ofp_decode_role(const void *msg, size_t len, struct kf_ofp_role *r,
		       struct kf_ofp_err *err)
{
	const uint8_t *p = msg;
	struct kf_ofp_header h;
	int ret = kf_ofp_decode_header(msg, len, &h, err);

	if (ret)
		return ret;
	if (len != 24)
		return kf_werr(err, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_LEN,
			       "role: %zu bytes, expected 24", len);
	r->role = kf_get32(p + 8);
	r->generation_id = kf_get64(p + 16);
	if (r->role > KF_ROLE_SLAVE)
		return kf_werr(err, KF_OFPET_ROLE_REQUEST_FAILED,
			       KF_OFPRRFC_BAD_ROLE, "role: unknown role %u",
			       r->role);
	return 0;
}

int kf_ofp_decode_experimenter(const void *msg, size_t len,
			       struct kf_ofp_experimenter *x,
			       struct kf_ofp_err *err)
{
	const uint8_t *p = msg;
	size_t need = 0;
	int r = kf_ofp_check_msg(msg, len, KF_OFPT_EXPERIMENTER, 16,
				 "experimenter", err);

	if (r)
		return r;
	memset(x, 0, sizeof(*x));
	x->vendor = kf_get32(p + 8);
	x->subtype = kf_get32(p + 12);
	if (x->vendor != KF_NX_VENDOR_ID)
		return 0;
	if (x->subtype == KF_NXT_SET_FLOW_FORMAT ||
	    x->subtype == KF_NXT_SET_PACKET_IN_FORMAT)
		need = 20;
	else if (x->subtype == KF_NXT_FLOW_MOD_TABLE_ID)
		need = 24;
	if (need && len != need)
		return kf_werr(err, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_LEN,
			       "experimenter: NXT subtype %u: %zu bytes, "
			       "expected %zu", x->subtype, len, need);
	x->has_arg = need;
	x->arg = need == 20 ? kf_get32(p + 16) : need ? p[16] : 0;
	return 0;
}
