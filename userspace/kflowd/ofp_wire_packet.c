// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_wire_packet.c - OFPT_PACKET_IN and OFPT_PACKET_OUT.
 */
#include <errno.h>
#include <string.h>
#include "ofp_wire_priv.h"

#define PACKET_IN_FIXED 24
#define PACKET_OUT_FIXED 24

int kf_ofp_encode_packet_in(struct kf_wbuf *b, uint32_t xid,
			    const struct kf_ofp_packet_in *pi,
			    char err[KF_ERR_LEN])
{
	size_t start = kf_ofp_start(b, KF_OFPT_PACKET_IN, xid);
	int r;

	kf_wb_u32(b, pi->buffer_id);
	kf_wb_u16(b, pi->total_len);
	kf_wb_u8(b, pi->reason);
	kf_wb_u8(b, pi->table_id);
	kf_wb_u64(b, pi->cookie);
	r = kf_ofp_encode_match(b, &pi->match, err);
	if (r)
		return r;
	kf_wb_zeros(b, 2);
	kf_wb_bytes(b, pi->data, pi->data_len);
	r = kf_ofp_end(b, start);
	return r == -EMSGSIZE ? kf_err(err, "packet_in: too long") : r;
}

int kf_ofp_decode_packet_in(const void *msg, size_t len,
			    struct kf_ofp_packet_in *pi,
			    struct kf_ofp_err *err)
{
	const uint8_t *p = msg;
	size_t used;
	int r;

	memset(pi, 0, sizeof(*pi));
	r = kf_ofp_check_msg(msg, len, KF_OFPT_PACKET_IN,
			     PACKET_IN_FIXED + 8, "packet_in", err);
	if (r)
		return r;
	pi->buffer_id = kf_get32(p + 8);
	pi->total_len = kf_get16(p + 12);
	pi->reason = p[14];
	pi->table_id = p[15];
	pi->cookie = kf_get64(p + 16);
	r = kf_ofp_decode_match(p + PACKET_IN_FIXED, len - PACKET_IN_FIXED,
				&pi->match, &used, err);
	if (r)
		return r;
	if (len - PACKET_IN_FIXED - used < 2)
		return kf_werr(err, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_LEN,
			       "packet_in: no room for the 2 pad bytes");
	pi->data = p + PACKET_IN_FIXED + used + 2;
	pi->data_len = len - PACKET_IN_FIXED - used - 2;
	return 0;
}

int kf_ofp_encode_packet_out(struct kf_wbuf *b, uint32_t xid,
			     const struct kf_ofp_packet_out *po,
			     char err[KF_ERR_LEN])
{
	size_t start = kf_ofp_start(b, KF_OFPT_PACKET_OUT, xid), acts;
	int r;

	kf_wb_u32(b, po->buffer_id);
	kf_wb_u32(b, kf_ofp_port_to_ofp13(po->in_port));
	kf_wb_u16(b, 0);
	kf_wb_zeros(b, 6);
	acts = b->len;
	r = kf_ofp_encode_actions(b, &po->actions, NULL, err);
	if (r)
		return r;
	kf_wb_set16(b, start + 16, b->len - acts);
	kf_wb_bytes(b, po->data, po->data_len);
	r = kf_ofp_end(b, start);
	return r == -EMSGSIZE ? kf_err(err, "packet_out: too long") : r;
}

int kf_ofp_decode_packet_out(const void *msg, size_t len,
			     struct kf_ofp_packet_out *po,
			     struct kf_ofp_err *err)
{
	const uint8_t *p = msg;
	size_t alen;
	int r;

	memset(po, 0, sizeof(*po));
	r = kf_ofp_check_msg(msg, len, KF_OFPT_PACKET_OUT, PACKET_OUT_FIXED,
			     "packet_out", err);
	if (r)
		return r;
	po->buffer_id = kf_get32(p + 8);
	if (kf_ofp_port_from_ofp13(kf_get32(p + 12), &po->in_port))
		return kf_werr(err, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_PORT,
			       "packet_out: in_port 0x%x out of range",
			       kf_get32(p + 12));
	alen = kf_get16(p + 16);
	if (alen > len - PACKET_OUT_FIXED)
		return kf_werr(err, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_LEN,
			       "packet_out: actions_len %zu exceeds the "
			       "message", alen);
	r = kf_ofp_decode_actions(p + PACKET_OUT_FIXED, alen, &po->actions,
				  err);
	if (r) {
		kf_actions_free(&po->actions);
		return r;
	}
	po->data = p + PACKET_OUT_FIXED + alen;
	po->data_len = len - PACKET_OUT_FIXED - alen;
	return 0;
}
