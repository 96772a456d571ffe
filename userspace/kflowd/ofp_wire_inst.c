// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_wire_inst.c - OpenFlow 1.3 instructions: apply-actions,
 * write-metadata, goto-table.  The model is one action list whose last
 * entries may be write_metadata and goto_table.
 */
#include <errno.h>
#include "ofp_wire_priv.h"

enum {
	OFPIT_GOTO_TABLE = 1, OFPIT_WRITE_METADATA = 2,
	OFPIT_WRITE_ACTIONS = 3, OFPIT_APPLY_ACTIONS = 4,
	OFPIT_CLEAR_ACTIONS = 5, OFPIT_METER = 6,
};

int kf_ofp_encode_instructions(struct kf_wbuf *b,
			       const struct kf_actions *acts,
			       const struct kf_match *m, char err[KF_ERR_LEN])
{
	const struct kf_action *wm = NULL, *gt = NULL;
	struct kf_actions apply = *acts;
	size_t start;
	int r;

	if (apply.n && apply.v[apply.n - 1].type == KF_ACT_GOTO_TABLE)
		gt = &apply.v[--apply.n];
	if (apply.n && apply.v[apply.n - 1].type == KF_ACT_WRITE_METADATA)
		wm = &apply.v[--apply.n];
	if (apply.n) {
		start = b->len;
		kf_wb_u16(b, OFPIT_APPLY_ACTIONS);
		kf_wb_u16(b, 0);
		kf_wb_u32(b, 0);
		r = kf_ofp_encode_actions(b, &apply, m, err);
		if (r)
			return r;
		if (b->len - start > 0xffff)
			return kf_err(err, "actions: too long");
		kf_wb_set16(b, start + 2, b->len - start);
	}
	if (wm) {
		kf_wb_u16(b, OFPIT_WRITE_METADATA);
		kf_wb_u16(b, 24);
		kf_wb_u32(b, 0);
		kf_wb_u64(b, wm->metadata.value);
		kf_wb_u64(b, wm->metadata.mask);
	}
	if (gt) {
		kf_wb_u16(b, OFPIT_GOTO_TABLE);
		kf_wb_u16(b, 8);
		kf_wb_u8(b, gt->table);
		kf_wb_zeros(b, 3);
	}
	return kf_wb_status(b, 0);
}

static int bic(struct kf_ofp_err *e, uint16_t code, const char *what)
{
	return kf_werr(e, KF_OFPET_BAD_INSTRUCTION, code, "instructions: %s",
		       what);
}

/* Check one instruction's type and length; *seen records the types. */
static int check_inst(uint16_t type, size_t ilen, unsigned int *seen,
		      struct kf_ofp_err *e)
{
	static const uint8_t need[] = {
		[OFPIT_GOTO_TABLE] = 8, [OFPIT_WRITE_METADATA] = 24,
		[OFPIT_APPLY_ACTIONS] = 8,
	};

	if (type == OFPIT_WRITE_ACTIONS || type == OFPIT_CLEAR_ACTIONS ||
	    type == OFPIT_METER)
		return bic(e, KF_OFPBIC_UNSUP_INST, "write_actions, "
			   "clear_actions and meter are not supported");
	if (type == 0 || type > OFPIT_APPLY_ACTIONS)
		return bic(e, KF_OFPBIC_UNKNOWN_INST, "unknown instruction "
			   "type");
	if (*seen & 1u << type)
		return bic(e, KF_OFPBIC_UNSUP_INST, "instruction given twice");
	*seen |= 1u << type;
	if (type == OFPIT_APPLY_ACTIONS ? ilen < need[type] :
	    ilen != need[type])
		return bic(e, KF_OFPBIC_BAD_LEN, type == OFPIT_GOTO_TABLE ?
			   "goto_table: length != 8" : type ==
			   OFPIT_WRITE_METADATA ? "write_metadata: length "
			   "!= 24" : "apply_actions: shorter than 8");
	return 0;
}

static int push_trailing(const uint8_t *wm, const uint8_t *gt,
			 struct kf_actions *acts, struct kf_ofp_err *e)
{
	struct kf_action *a;

	if (wm) {
		a = kf_actions_push(acts, KF_ACT_WRITE_METADATA);
		if (!a)
			return -ENOMEM;
		a->metadata.value = kf_get64(wm + 8);
		a->metadata.mask = kf_get64(wm + 16);
	}
	if (gt) {
		if (gt[4] >= KF_OFPTT_ALL)
			return bic(e, KF_OFPBIC_BAD_TABLE_ID,
				   "goto_table: table 255");
		a = kf_actions_push(acts, KF_ACT_GOTO_TABLE);
		if (!a)
			return -ENOMEM;
		a->table = gt[4];
	}
	return 0;
}

int kf_ofp_decode_instructions(const uint8_t *p, size_t len,
			       struct kf_actions *acts,
			       struct kf_ofp_err *e)
{
	const uint8_t *wm = NULL, *gt = NULL, *ap = NULL;
	unsigned int seen = 0;
	size_t ofs, ilen, aplen = 0;
	int r;

	for (ofs = 0; ofs < len; ofs += ilen) {
		if (len - ofs < 4)
			return bic(e, KF_OFPBIC_BAD_LEN, "truncated header");
		ilen = kf_get16(p + ofs + 2);
		if (ilen < 8 || ilen % 8 || ilen > len - ofs)
			return bic(e, KF_OFPBIC_BAD_LEN, "bad length");
		r = check_inst(kf_get16(p + ofs), ilen, &seen, e);
		if (r)
			return r;
		switch (kf_get16(p + ofs)) {
		case OFPIT_GOTO_TABLE:
			gt = p + ofs;
			break;
		case OFPIT_WRITE_METADATA:
			wm = p + ofs;
			break;
		default:
			ap = p + ofs + 8;
			aplen = ilen - 8;
		}
	}
	r = ap ? kf_ofp_decode_actions(ap, aplen, acts, e) : 0;
	return r ? r : push_trailing(wm, gt, acts, e);
}
