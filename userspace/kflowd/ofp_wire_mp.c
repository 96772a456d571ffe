// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_wire_mp.c - multipart messages: flow stats, aggregate, table
 * stats, desc (port desc and table features entries: ofp_wire_port.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "ofp_wire_priv.h"

#define MP_HEADER 16
#define FLOW_STATS_REQ 32
#define FLOW_STATS_FIXED 48
#define TABLE_STATS_LEN 24

int kf_ofp_decode_multipart(const void *msg, size_t len, struct kf_ofp_mp *mp,
			    struct kf_ofp_err *err)
{
	const uint8_t *p = msg;
	struct kf_ofp_header h;
	int r = kf_ofp_decode_header(msg, len, &h, err);

	if (r)
		return r;
	if (h.type != KF_OFPT_MULTIPART_REQUEST &&
	    h.type != KF_OFPT_MULTIPART_REPLY)
		return kf_werr(err, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_TYPE,
			       "multipart: message type %u", h.type);
	if (len < MP_HEADER)
		return kf_werr(err, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_LEN,
			       "multipart: %zu bytes, need 16", len);
	mp->type = kf_get16(p + 8);
	mp->flags = kf_get16(p + 10);
	mp->body = p + MP_HEADER;
	mp->body_len = len - MP_HEADER;
	return 0;
}

size_t kf_ofp_mp_start(struct kf_wbuf *b, uint8_t type, uint32_t xid,
		       uint16_t mp_type, uint16_t flags)
{
	size_t start = kf_ofp_start(b, type, xid);

	kf_wb_u16(b, mp_type);
	kf_wb_u16(b, flags);
	kf_wb_zeros(b, 4);
	return start;
}

int kf_ofp_encode_flow_stats_request(struct kf_wbuf *b, uint32_t xid,
				     uint16_t mp_type,
				     const struct kf_ofp_flow_stats_request *r,
				     char err[KF_ERR_LEN])
{
	size_t start = kf_ofp_mp_start(b, KF_OFPT_MULTIPART_REQUEST, xid,
				       mp_type, 0);
	int ret;

	kf_wb_u8(b, r->table_id);
	kf_wb_zeros(b, 3);
	kf_wb_u32(b, kf_ofp_port_to_ofp13(r->out_port));
	kf_wb_u32(b, r->out_group);
	kf_wb_zeros(b, 4);
	kf_wb_u64(b, r->cookie);
	kf_wb_u64(b, r->cookie_mask);
	ret = kf_ofp_encode_match(b, &r->match, err);
	return ret ? ret : kf_ofp_end(b, start);
}

int kf_ofp_decode_flow_stats_request(const struct kf_ofp_mp *mp,
				     struct kf_ofp_flow_stats_request *r,
				     struct kf_ofp_err *err)
{
	const uint8_t *p = mp->body;
	size_t used;

	memset(r, 0, sizeof(*r));
	if (mp->body_len < FLOW_STATS_REQ + 8)
		return kf_werr(err, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_LEN,
			       "flow stats request: body %zu bytes, need 40",
			       mp->body_len);
	r->table_id = p[0];
	if (kf_ofp_port_from_ofp13(kf_get32(p + 4), &r->out_port))
		return kf_werr(err, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_PORT,
			       "flow stats request: out_port 0x%x",
			       kf_get32(p + 4));
	r->out_group = kf_get32(p + 8);
	r->cookie = kf_get64(p + 16);
	r->cookie_mask = kf_get64(p + 24);
	return kf_ofp_decode_match(p + FLOW_STATS_REQ,
				   mp->body_len - FLOW_STATS_REQ, &r->match,
				   &used, err);
}

int kf_ofp_put_flow_stats(struct kf_wbuf *b, const struct kf_ofp_flow *fl,
			  char err[KF_ERR_LEN])
{
	const struct kf_flow_stats *st = &fl->stats;
	size_t start = b->len;
	int r;

	kf_wb_u16(b, 0);
	kf_wb_u8(b, fl->table_id);
	kf_wb_u8(b, 0);
	kf_wb_u32(b, st->duration_ms / 1000);
	kf_wb_u32(b, st->duration_ms % 1000 * 1000000);
	kf_wb_u16(b, fl->priority);
	kf_wb_u16(b, fl->idle_timeout);
	kf_wb_u16(b, fl->hard_timeout);
	kf_wb_u16(b, fl->flags);
	kf_wb_zeros(b, 4);
	kf_wb_u64(b, fl->cookie);
	kf_wb_u64(b, st->n_packets);
	kf_wb_u64(b, st->n_bytes);
	r = kf_ofp_encode_match(b, &fl->match, err);
	if (!r)
		r = kf_ofp_encode_instructions(b, &fl->actions, &fl->match,
					       err);
	if (r)
		return r;
	if (b->len - start > 0xffff)
		return kf_err(err, "flow stats: entry longer than 64 KiB");
	kf_wb_set16(b, start, b->len - start);
	return kf_wb_status(b, 0);
}

static int decode_flow_stats(const uint8_t *p, size_t len,
			     struct kf_ofp_flow *fl, struct kf_ofp_err *err)
{
	struct kf_flow_stats *st = &fl->stats;
	size_t used;
	int r;

	kf_ofp_flow_init(fl);
	fl->table_id = p[2];
	st->present = true;
	st->duration_ms = (uint64_t)kf_get32(p + 4) * 1000 +
			  kf_get32(p + 8) / 1000000;
	fl->priority = kf_get16(p + 12);
	fl->idle_timeout = kf_get16(p + 14);
	fl->hard_timeout = kf_get16(p + 16);
	fl->flags = kf_get16(p + 18);
	fl->cookie = kf_get64(p + 24);
	st->n_packets = kf_get64(p + 32);
	st->n_bytes = kf_get64(p + 40);
	fl->has_actions = true;
	r = kf_ofp_decode_match(p + FLOW_STATS_FIXED, len - FLOW_STATS_FIXED,
				&fl->match, &used, err);
	if (!r)
		r = kf_ofp_decode_instructions(p + FLOW_STATS_FIXED + used,
					       len - FLOW_STATS_FIXED - used,
					       &fl->actions, err);
	if (r)
		kf_ofp_flow_free(fl);
	return r;
}

int kf_ofp_decode_flow_stats_reply(const struct kf_ofp_mp *mp,
				   struct kf_ofp_flow **flows, size_t *n,
				   struct kf_ofp_err *err)
{
	const uint8_t *p = mp->body;
	struct kf_ofp_flow *v = NULL, *nv;
	size_t ofs, elen, cnt = 0;
	int r = 0;

	for (ofs = 0; ofs < mp->body_len && !r; ofs += elen) {
		elen = mp->body_len - ofs >= 2 ? kf_get16(p + ofs) : 0;
		if (elen < FLOW_STATS_FIXED + 8 || elen % 8 ||
		    elen > mp->body_len - ofs) {
			r = kf_werr(err, KF_OFPET_BAD_REQUEST,
				    KF_OFPBRC_BAD_LEN, "flow stats: entry at "
				    "offset %zu has bad length %zu", ofs, elen);
			break;
		}
		nv = realloc(v, (cnt + 1) * sizeof(*v));
		if (!nv) {
			r = -ENOMEM;
			break;
		}
		v = nv;
		r = decode_flow_stats(p + ofs, elen, &v[cnt], err);
		cnt += !r;
	}
	if (r) {
		while (cnt)
			kf_ofp_flow_free(&v[--cnt]);
		free(v);
		v = NULL;
	}
	*flows = v;
	*n = cnt;
	return r;
}

void kf_ofp_put_aggregate(struct kf_wbuf *b, const struct kf_ofp_aggregate *a)
{
	kf_wb_u64(b, a->packet_count);
	kf_wb_u64(b, a->byte_count);
	kf_wb_u32(b, a->flow_count);
	kf_wb_zeros(b, 4);
}

void kf_ofp_put_table_stats(struct kf_wbuf *b,
			    const struct kf_ofp_table_stats *t)
{
	kf_wb_u8(b, t->table_id);
	kf_wb_zeros(b, 3);
	kf_wb_u32(b, t->active_count);
	kf_wb_u64(b, t->lookup_count);
	kf_wb_u64(b, t->matched_count);
}

int kf_ofp_decode_table_stats(const struct kf_ofp_mp *mp,
			      struct kf_ofp_table_stats *t, size_t max,
			      size_t *n, struct kf_ofp_err *err)
{
	const uint8_t *p = mp->body;
	size_t i;

	if (mp->body_len % TABLE_STATS_LEN ||
	    mp->body_len / TABLE_STATS_LEN > max)
		return kf_werr(err, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_LEN,
			       "table stats: body of %zu bytes is not a "
			       "multiple of 24 or too long", mp->body_len);
	*n = mp->body_len / TABLE_STATS_LEN;
	for (i = 0; i < *n; i++, p += TABLE_STATS_LEN) {
		t[i].table_id = p[0];
		t[i].active_count = kf_get32(p + 4);
		t[i].lookup_count = kf_get64(p + 8);
		t[i].matched_count = kf_get64(p + 16);
	}
	return 0;
}

static void put_str(struct kf_wbuf *b, const char *s, size_t size)
{
	uint8_t *p = kf_wb_put(b, size);

	if (p && s)
		memcpy(p, s, strnlen(s, size - 1));
}

void kf_ofp_put_desc(struct kf_wbuf *b, const struct kf_ofp_desc *d)
{
	put_str(b, d->mfr, 256);
	put_str(b, d->hw, 256);
	put_str(b, d->sw, 256);
	put_str(b, d->serial, 32);
	put_str(b, d->dp, 256);
}
