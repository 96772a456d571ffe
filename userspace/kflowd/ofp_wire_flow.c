// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_wire_flow.c - OFPT_FLOW_MOD and OFPT_FLOW_REMOVED.
 */
#include <errno.h>
#include <string.h>
#include "ofp_wire_priv.h"

#define FLOW_MOD_FIXED 48	/* header + fixed fields, before the match */
#define FLOW_REMOVED_FIXED 48
#define FF_ALL (KF_FF_SEND_FLOW_REM | KF_FF_CHECK_OVERLAP | \
		KF_FF_RESET_COUNTS | KF_FF_NO_PKT_COUNTS | KF_FF_NO_BYT_COUNTS)

void kf_ofp_flow_mod_init(struct kf_ofp_flow_mod *fm)
{
	memset(fm, 0, sizeof(*fm));
	fm->buffer_id = KF_OFP_NO_BUFFER;
	fm->out_port = KF_PORT_NONE;
	fm->out_group = KF_OFPG_ANY;
	kf_ofp_flow_init(&fm->flow);
}

void kf_ofp_flow_mod_free(struct kf_ofp_flow_mod *fm)
{
	kf_ofp_flow_free(&fm->flow);
}

int kf_ofp_encode_flow_mod(struct kf_wbuf *b, uint32_t xid,
			   const struct kf_ofp_flow_mod *fm,
			   char err[KF_ERR_LEN])
{
	const struct kf_ofp_flow *fl = &fm->flow;
	size_t start = kf_ofp_start(b, KF_OFPT_FLOW_MOD, xid);
	int r;

	kf_wb_u64(b, fl->cookie);
	kf_wb_u64(b, fl->cookie_mask);
	kf_wb_u8(b, fl->table_id);
	kf_wb_u8(b, fm->command);
	kf_wb_u16(b, fl->idle_timeout);
	kf_wb_u16(b, fl->hard_timeout);
	kf_wb_u16(b, fl->priority);
	kf_wb_u32(b, fm->buffer_id);
	kf_wb_u32(b, kf_ofp_port_to_ofp13(fm->out_port));
	kf_wb_u32(b, fm->out_group);
	kf_wb_u16(b, fl->flags);
	kf_wb_u16(b, 0);
	r = kf_ofp_encode_match(b, &fl->match, err);
	if (!r && fm->command != KF_OFPFC_DELETE &&
	    fm->command != KF_OFPFC_DELETE_STRICT)
		r = kf_ofp_encode_instructions(b, &fl->actions, &fl->match,
					       err);
	if (r)
		return r;
	r = kf_ofp_end(b, start);
	return r == -EMSGSIZE ? kf_err(err, "flow_mod: longer than 64 KiB") : r;
}

static int fmerr(struct kf_ofp_err *e, uint16_t type, uint16_t code,
		 const char *what)
{
	return kf_werr(e, type, code, "flow_mod: %s", what);
}

static int decode_fixed(const uint8_t *p, struct kf_ofp_flow_mod *fm,
			struct kf_ofp_err *e)
{
	struct kf_ofp_flow *fl = &fm->flow;

	fl->cookie = kf_get64(p + 8);
	fl->cookie_mask = kf_get64(p + 16);
	fl->table_id = p[24];
	fm->command = p[25];
	fl->idle_timeout = kf_get16(p + 26);
	fl->hard_timeout = kf_get16(p + 28);
	fl->priority = kf_get16(p + 30);
	fm->buffer_id = kf_get32(p + 32);
	fm->out_group = kf_get32(p + 40);
	fl->flags = kf_get16(p + 44);
	if (fm->command > KF_OFPFC_DELETE_STRICT)
		return fmerr(e, KF_OFPET_FLOW_MOD_FAILED,
			     KF_OFPFMFC_BAD_COMMAND, "unknown command");
	if (fl->flags & ~FF_ALL)
		return fmerr(e, KF_OFPET_FLOW_MOD_FAILED, KF_OFPFMFC_BAD_FLAGS,
			     "unknown flags");
	if (kf_ofp_port_from_ofp13(kf_get32(p + 36), &fm->out_port))
		return fmerr(e, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_PORT,
			     "out_port out of range");
	if (fl->table_id == KF_OFPTT_ALL && fm->command < KF_OFPFC_DELETE)
		return fmerr(e, KF_OFPET_FLOW_MOD_FAILED,
			     KF_OFPFMFC_BAD_TABLE_ID,
			     "table 255 (all) is only for deletes");
	return 0;
}

int kf_ofp_decode_flow_mod(const void *msg, size_t len,
			   struct kf_ofp_flow_mod *fm, struct kf_ofp_err *e)
{
	const uint8_t *p = msg;
	size_t used;
	int r;

	kf_ofp_flow_mod_init(fm);
	r = kf_ofp_check_msg(msg, len, KF_OFPT_FLOW_MOD, FLOW_MOD_FIXED + 8,
			     "flow_mod", e);
	if (!r)
		r = decode_fixed(p, fm, e);
	if (!r)
		r = kf_ofp_decode_match(p + FLOW_MOD_FIXED,
					len - FLOW_MOD_FIXED,
					&fm->flow.match, &used, e);
	if (!r && fm->command < KF_OFPFC_DELETE)
		r = kf_ofp_decode_instructions(p + FLOW_MOD_FIXED + used,
					       len - FLOW_MOD_FIXED - used,
					       &fm->flow.actions, e);
	fm->flow.has_actions = fm->command < KF_OFPFC_DELETE;
	if (r)
		kf_ofp_flow_mod_free(fm);
	return r;
}

int kf_ofp_encode_flow_removed(struct kf_wbuf *b, uint32_t xid,
			       const struct kf_ofp_flow_removed *fr,
			       char err[KF_ERR_LEN])
{
	const struct kf_ofp_flow *fl = &fr->flow;
	size_t start = kf_ofp_start(b, KF_OFPT_FLOW_REMOVED, xid);
	int r;

	kf_wb_u64(b, fl->cookie);
	kf_wb_u16(b, fl->priority);
	kf_wb_u8(b, fr->reason);
	kf_wb_u8(b, fl->table_id);
	kf_wb_u32(b, fl->stats.duration_ms / 1000);
	kf_wb_u32(b, fl->stats.duration_ms % 1000 * 1000000);
	kf_wb_u16(b, fl->idle_timeout);
	kf_wb_u16(b, fl->hard_timeout);
	kf_wb_u64(b, fl->stats.n_packets);
	kf_wb_u64(b, fl->stats.n_bytes);
	r = kf_ofp_encode_match(b, &fl->match, err);
	return r ? r : kf_ofp_end(b, start);
}

int kf_ofp_decode_flow_removed(const void *msg, size_t len,
			       struct kf_ofp_flow_removed *fr,
			       struct kf_ofp_err *e)
{
	const uint8_t *p = msg;
	struct kf_ofp_flow *fl = &fr->flow;
	size_t used;
	int r;

	memset(fr, 0, sizeof(*fr));
	kf_ofp_flow_init(fl);
	r = kf_ofp_check_msg(msg, len, KF_OFPT_FLOW_REMOVED,
			     FLOW_REMOVED_FIXED + 8, "flow_removed", e);
	if (r)
		return r;
	fl->cookie = kf_get64(p + 8);
	fl->priority = kf_get16(p + 16);
	fr->reason = p[18];
	fl->table_id = p[19];
	fl->stats.present = true;
	fl->stats.duration_ms = (uint64_t)kf_get32(p + 20) * 1000 +
				kf_get32(p + 24) / 1000000;
	fl->idle_timeout = kf_get16(p + 28);
	fl->hard_timeout = kf_get16(p + 30);
	fl->stats.n_packets = kf_get64(p + 32);
	fl->stats.n_bytes = kf_get64(p + 40);
	fl->stats.idle_age = fl->stats.hard_age = -1;
	return kf_ofp_decode_match(p + FLOW_REMOVED_FIXED,
				   len - FLOW_REMOVED_FIXED, &fl->match, &used,
				   e);
}
