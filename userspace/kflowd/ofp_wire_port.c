// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_wire_port.c - struct ofp_port, OFPT_PORT_STATUS and the
 * table-features entry ovs-ofctl asks for.
 */
#include <string.h>
#include "ofp_wire_priv.h"

#define OFP_PORT_LEN 64

void kf_ofp_put_port(struct kf_wbuf *b, const struct kf_ofp_port *p)
{
	char name[16];

	memset(name, 0, sizeof(name));
	memcpy(name, p->name, strnlen(p->name, sizeof(name) - 1));
	kf_wb_u32(b, kf_ofp_port_to_ofp13(p->port_no));
	kf_wb_zeros(b, 4);
	kf_wb_bytes(b, p->hw_addr, 6);
	kf_wb_zeros(b, 2);
	kf_wb_bytes(b, name, sizeof(name));
	kf_wb_u32(b, p->config);
	kf_wb_u32(b, p->state);
	kf_wb_u32(b, p->curr);
	kf_wb_u32(b, p->advertised);
	kf_wb_u32(b, p->supported);
	kf_wb_u32(b, p->peer);
	kf_wb_u32(b, p->curr_speed);
	kf_wb_u32(b, p->max_speed);
}

int kf_ofp_decode_port(const uint8_t *p, size_t avail, struct kf_ofp_port *o,
		       struct kf_ofp_err *err)
{
	if (avail < OFP_PORT_LEN)
		return kf_werr(err, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_LEN,
			       "port: %zu bytes, need 64", avail);
	memset(o, 0, sizeof(*o));
	if (kf_ofp_port_from_ofp13(kf_get32(p), &o->port_no))
		return kf_werr(err, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_PORT,
			       "port: number 0x%x out of range", kf_get32(p));
	memcpy(o->hw_addr, p + 8, 6);
	memcpy(o->name, p + 16, sizeof(o->name) - 1);
	o->config = kf_get32(p + 32);
	o->state = kf_get32(p + 36);
	o->curr = kf_get32(p + 40);
	o->advertised = kf_get32(p + 44);
	o->supported = kf_get32(p + 48);
	o->peer = kf_get32(p + 52);
	o->curr_speed = kf_get32(p + 56);
	o->max_speed = kf_get32(p + 60);
	return 0;
}

int kf_ofp_encode_port_status(struct kf_wbuf *b, uint32_t xid,
			      uint8_t reason, const struct kf_ofp_port *p)
{
	size_t start = kf_ofp_start(b, KF_OFPT_PORT_STATUS, xid);

	kf_wb_u8(b, reason);
	kf_wb_zeros(b, 7);
	kf_ofp_put_port(b, p);
	return kf_ofp_end(b, start);
}

int kf_ofp_decode_port_status(const void *msg, size_t len, uint8_t *reason,
			      struct kf_ofp_port *p, struct kf_ofp_err *err)
{
	const uint8_t *m = msg;
	int r = kf_ofp_check_msg(msg, len, KF_OFPT_PORT_STATUS,
				 16 + OFP_PORT_LEN, "port_status", err);

	if (r)
		return r;
	if (len != 16 + OFP_PORT_LEN)
		return kf_werr(err, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_LEN,
			       "port_status: %zu bytes, expected 80", len);
	*reason = m[8];
	return kf_ofp_decode_port(m + 16, OFP_PORT_LEN, p, err);
}

void kf_ofp_put_table_features(struct kf_wbuf *b, uint8_t table_id,
			       const char *name, uint32_t max_entries)
{
	/* The properties OpenFlow 1.3 requires: instructions, next_tables,
	 * write/apply actions, match, wildcards, write/apply setfield. */
	static const uint16_t props[] = { 0, 2, 4, 6, 8, 10, 12, 14 };
	char nm[32];
	size_t i;

	memset(nm, 0, sizeof(nm));
	memcpy(nm, name, strnlen(name, sizeof(nm) - 1));
	kf_wb_u16(b, 64 + 8 * sizeof(props) / sizeof(props[0]));
	kf_wb_u8(b, table_id);
	kf_wb_zeros(b, 5);
	kf_wb_bytes(b, nm, sizeof(nm));
	kf_wb_u64(b, UINT64_MAX);
	kf_wb_u64(b, UINT64_MAX);
	kf_wb_u32(b, 0);
	kf_wb_u32(b, max_entries);
	for (i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
		kf_wb_u16(b, props[i]);
		kf_wb_u16(b, 4);
		kf_wb_u32(b, 0);
	}
}
