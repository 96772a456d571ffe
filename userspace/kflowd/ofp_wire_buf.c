// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_wire_buf.c - output buffer, errors, message header and framing.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ofp_wire_priv.h"

void kf_wbuf_free(struct kf_wbuf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

void kf_wbuf_clear(struct kf_wbuf *b)
{
	b->len = 0;
	b->oom = false;
}

void *kf_wb_put(struct kf_wbuf *b, size_t n)
{
	uint8_t *p;

	if (b->oom)
		return NULL;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < b->len + n)
			cap *= 2;
		p = realloc(b->data, cap);
		if (!p) {
			b->oom = true;
			return NULL;
		}
		b->data = p;
		b->cap = cap;
	}
	p = b->data + b->len;
	memset(p, 0, n);
	b->len += n;
	return p;
}

void kf_wb_bytes(struct kf_wbuf *b, const void *p, size_t n)
{
	uint8_t *d = kf_wb_put(b, n);

	if (d && n)
		memcpy(d, p, n);
}

void kf_wb_u8(struct kf_wbuf *b, uint8_t v)
{
	kf_wb_bytes(b, &v, 1);
}

void kf_wb_u16(struct kf_wbuf *b, uint16_t v)
{
	uint8_t x[2] = { v >> 8, v };

	kf_wb_bytes(b, x, 2);
}

void kf_wb_u32(struct kf_wbuf *b, uint32_t v)
{
	kf_wb_u16(b, v >> 16);
	kf_wb_u16(b, v);
}

void kf_wb_u64(struct kf_wbuf *b, uint64_t v)
{
	kf_wb_u32(b, v >> 32);
	kf_wb_u32(b, v);
}

void kf_wb_zeros(struct kf_wbuf *b, size_t n)
{
	kf_wb_put(b, n);
}

void kf_wb_pad8(struct kf_wbuf *b, size_t start)
{
	if (!b->oom)
		kf_wb_zeros(b, (8 - (b->len - start) % 8) % 8);
}

void kf_wb_set16(struct kf_wbuf *b, size_t ofs, uint16_t v)
{
	if (!b->oom && ofs + 2 <= b->len)
		kf_set16(b->data + ofs, v);
}

int kf_wb_status(const struct kf_wbuf *b, int r)
{
	return b->oom ? -ENOMEM : r;
}

int kf_werr(struct kf_ofp_err *e, uint16_t type, uint16_t code,
	    const char *fmt, ...)
{
	char msg[sizeof(e->msg)];
	va_list ap;

	if (e) {
		/* Callers prefix e->msg itself ("actions: %s", e->msg):
		 * format into a copy, never over the source. */
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		e->type = type;
		e->code = code;
		memcpy(e->msg, msg, sizeof(msg));
	}
	return -EINVAL;
}

size_t kf_ofp_msg_len(const void *buf, size_t len)
{
	return len < KF_OFP_HEADER_LEN ? 0 : kf_get16((const uint8_t *)buf + 2);
}

int kf_ofp_decode_header(const void *buf, size_t len,
			 struct kf_ofp_header *h, struct kf_ofp_err *err)
{
	const uint8_t *p = buf;

	if (len < KF_OFP_HEADER_LEN)
		return kf_werr(err, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_LEN,
			       "header: %zu bytes, need 8", len);
	h->version = p[0];
	h->type = p[1];
	h->length = kf_get16(p + 2);
	h->xid = kf_get32(p + 4);
	if (h->length != len)
		return kf_werr(err, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_LEN,
			       "header: length field %u, message has %zu bytes",
			       h->length, len);
	if (h->version != KF_OFP13_VERSION && h->type != KF_OFPT_HELLO)
		return kf_werr(err, KF_OFPET_BAD_REQUEST,
			       KF_OFPBRC_BAD_VERSION,
			       "header: version 0x%02x, only 0x04 (OpenFlow "
			       "1.3) is spoken", h->version);
	return 0;
}

size_t kf_ofp_start(struct kf_wbuf *b, uint8_t type, uint32_t xid)
{
	size_t start = b->len;

	kf_wb_u8(b, KF_OFP13_VERSION);
	kf_wb_u8(b, type);
	kf_wb_u16(b, 0);
	kf_wb_u32(b, xid);
	return start;
}

int kf_ofp_end(struct kf_wbuf *b, size_t start)
{
	size_t n = b->len - start;

	if (b->oom)
		return -ENOMEM;
	if (n > KF_OFP_MAX_MSG)
		return -EMSGSIZE;
	kf_wb_set16(b, start + 2, n);
	return 0;
}

int kf_ofp_check_msg(const void *msg, size_t len, uint8_t type,
		     size_t min_len, const char *what, struct kf_ofp_err *e)
{
	struct kf_ofp_header h;
	int r = kf_ofp_decode_header(msg, len, &h, e);

	if (r)
		return r;
	if (h.type != type)
		return kf_werr(e, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_TYPE,
			       "%s: message type %u, expected %u", what,
			       h.type, type);
	if (len < min_len)
		return kf_werr(e, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_LEN,
			       "%s: %zu bytes, need at least %zu", what, len,
			       min_len);
	return 0;
}

uint32_t kf_ofp_port_to_ofp13(uint16_t port)
{
	return port >= KF_PORT_MAX ? (uint32_t)port + 0xffff0000u : port;
}

int kf_ofp_port_from_ofp13(uint32_t port, uint16_t *out)
{
	if (port < KF_PORT_MAX)
		*out = port;
	else if (port >= 0xffffff00u)
		*out = port - 0xffff0000u;
	else
		return -1;
	return 0;
}

void kf_wbuf_append(struct kf_wbuf *b, const void *p, size_t n)
{
	kf_wb_bytes(b, p, n);
}
