// SPDX-License-Identifier: GPL-2.0
/*
 * xlate_actions.c - OpenFlow actions on the working flow: field writes
 * (set_field, mod_*, load, move, write_metadata), VLAN push/pop, dec_ttl,
 * resubmit/goto_table, clone.  Outputs are in xlate_output.c.
 */
#include <linux/openvswitch.h>
#include <string.h>
#include "xlate_priv.h"

static bool has_vlan(const struct kf_flow *f)
{
	return f->vlan_tci[0] & KF_VLAN_CFI;
}

static bool is_ip(const struct kf_flow *f)
{
	return f->dl_type == 0x0800 || f->dl_type == 0x86dd;
}

/* Does the working flow have the header @f lives in?  Reads what it
 * tests (dl_type and the VLAN bit are always exact). */
static bool prereqs_ok(struct xctx *c, const struct kf_field *f)
{
	struct kf_match *m = &c->scratch;

	if (f->prereq == KF_P_NONE)
		return true;
	if (f->prereq >= KF_P_L4)
		xc_read_field(c, KF_F_NW_PROTO);
	if (f->prereq >= KF_P_ND)
		xc_read_field(c, KF_F_ICMPV6_TYPE);
	m->flow = c->flow;
	memset(&m->wc, 0xff, sizeof(m->wc));
	return kf_match_prereqs_ok(m, f);
}

/* Write @v under @mask (both right-aligned in the field). */
static void write_field(struct xctx *c, const struct kf_field *f,
			const struct kf_value *v, const struct kf_value *mask)
{
	struct kf_flow m;

	kf_field_set_masked(&c->flow, f, v, mask);
	memset(&m, 0, sizeof(m));
	kf_field_set_masked(&m, f, mask, mask);
	xc_wrote(c, &m);
}

/* OpenFlow 1.0 mod_vlan_vid/mod_vlan_pcp push a tag if there is none;
 * set_field on VLAN fields needs one. */
static bool vlan_write_ok(struct xctx *c, const struct kf_action *a)
{
	enum kf_field_id id = a->set_field.field->id;

	if (id != KF_F_DL_VLAN && id != KF_F_VLAN_PCP && id != KF_F_VLAN_VID)
		return true;
	if (has_vlan(&c->flow))
		return true;
	if (a->set_field.style != KF_SF_MOD)
		return id == KF_F_VLAN_VID;	/* OXM vlan_vid carries CFI */
	c->flow.vlan_tci[1] = 0;
	c->flow.vlan_tci[0] = KF_VLAN_CFI;
	xc_wrote_field(c, KF_F_VLAN_TCI);
	return true;
}

static void set_field(struct xctx *c, const struct kf_action *a)
{
	const struct kf_field *f = a->set_field.field;
	struct kf_value mask = a->set_field.mask;

	if (kf_value_is_zero(&mask))
		kf_value_all_ones(&mask, f->n_bits);
	if (!prereqs_ok(c, f) || !vlan_write_ok(c, a)) {
		xc_trace(c, "(prerequisites of %s not met: skipped)",
			 f->name);
		return;
	}
	write_field(c, f, &a->set_field.value, &mask);
}

static void shift_value(struct kf_value *dst, const struct kf_value *src,
			unsigned int src_ofs, unsigned int dst_ofs,
			unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		kf_value_set_bit(dst, dst_ofs + i,
				 kf_value_bit(src, src_ofs + i));
}

static void load(struct xctx *c, const struct kf_action *a)
{
	const struct kf_subfield *d = &a->load.dst;
	struct kf_value v, mask;
	unsigned int i;

	if (!prereqs_ok(c, d->field))
		return;
	memset(&v, 0, sizeof(v));
	memset(&mask, 0, sizeof(mask));
	shift_value(&v, &a->load.value, 0, d->ofs, d->n_bits);
	for (i = 0; i < d->n_bits; i++)
		kf_value_set_bit(&mask, d->ofs + i, true);
	write_field(c, d->field, &v, &mask);
}

static void move(struct xctx *c, const struct kf_action *a)
{
	const struct kf_subfield *s = &a->move.src, *d = &a->move.dst;
	struct kf_value sv, v, mask;
	struct kf_flow m;
	unsigned int i;

	if (!prereqs_ok(c, s->field) || !prereqs_ok(c, d->field))
		return;
	xc_field_mask(s->field, s->ofs, s->n_bits, &m);
	xc_read(c, &m);
	kf_field_get(&c->flow, s->field, &sv);
	memset(&v, 0, sizeof(v));
	memset(&mask, 0, sizeof(mask));
	shift_value(&v, &sv, s->ofs, d->ofs, s->n_bits);
	for (i = 0; i < d->n_bits; i++)
		kf_value_set_bit(&mask, d->ofs + i, true);
	write_field(c, d->field, &v, &mask);
}

/* push/pop change which packet bits the tags hold: read them all first
 * so the positions of @wc stay those of the packet. */
static void vlan_shift(struct xctx *c, bool push, uint16_t tpid)
{
	struct kf_flow m;

	memset(&m, 0, sizeof(m));
	m.vlan_tci[0] = m.vlan_tci[1] = UINT16_MAX;
	xc_read(c, &m);
	(void)tpid;	/* struct kf_flow has no TPID: 802.1Q only */
	if (push) {
		c->flow.vlan_tci[1] = c->flow.vlan_tci[0];
		c->flow.vlan_tci[0] = KF_VLAN_CFI |
			(c->flow.vlan_tci[0] & ~KF_VLAN_CFI);
	} else if (has_vlan(&c->flow)) {
		c->flow.vlan_tci[0] = c->flow.vlan_tci[1];
		c->flow.vlan_tci[1] = 0;
	}
	xc_wrote(c, &m);
}

static void dec_ttl(struct xctx *c)
{
	if (!is_ip(&c->flow))
		return;
	if (c->ofp->caps.dec_ttl) {
		xc_emit_dec_ttl(c);
		if (c->flow.nw_ttl)
			c->flow.nw_ttl--;
		c->base.nw_ttl = c->flow.nw_ttl;
		return;
	}
	xc_read_field(c, KF_F_NW_TTL);
	if (c->flow.nw_ttl <= 1) {
		xc_trace(c, ">>>> TTL %u expired: packet-in, stop <<<<",
			 c->flow.nw_ttl);
		xc_packet_in(c, KF_PIN_INVALID_TTL, UINT16_MAX);
		c->exit = true;
		return;
	}
	c->flow.nw_ttl--;
	xc_wrote_field(c, KF_F_NW_TTL);
}

static void write_metadata(struct xctx *c, uint64_t v, uint64_t mask)
{
	c->flow.metadata = (c->flow.metadata & ~mask) | (v & mask);
	c->det.metadata |= mask;
}

static void resubmit(struct xctx *c, const struct kf_action *a)
{
	uint16_t port = a->resubmit.port;
	uint8_t table = a->resubmit.table;

	if (port == KF_PORT_IN_PORT)
		port = c->flow.in_port;
	if (table == KF_TABLE_NONE)
		table = c->table_id;
	xc_table(c, table, port);
}

/* Translate @acts on a copy of the packet: a datapath clone() if there is
 * one, else in line followed by undoing the rewrites at the next commit. */
static void clone_actions(struct xctx *c, const struct kf_actions *acts)
{
	struct kf_flow flow = c->flow, base = c->base, det = c->det;
	struct kf_flow pending = c->pending, written = c->written;
	struct nlattr *nest = NULL;
	size_t mark = nlbuf_mark(c->odp);

	if (c->ofp->caps.clone)
		nest = nlbuf_nest_start(c->odp, OVS_ACTION_ATTR_CLONE);
	memset(&c->written, 0, sizeof(c->written));
	c->indent++;
	xc_actions(c, acts);
	c->indent--;
	c->exit = c->xout->error != KF_XLATE_OK;
	c->flow = flow;
	c->det = det;
	if (nest) {
		if (nlbuf_mark(c->odp) == mark + sizeof(*nest))
			nlbuf_truncate(c->odp, mark);
		else
			nlbuf_nest_end(c->odp, nest);
		c->base = base;
		c->pending = pending;
		c->written = written;
		return;
	}
	xc_flow_or(&c->pending, &c->written);
	xc_flow_or(&c->written, &written);
	xc_flow_or(&c->pending, &pending);
}

static void field_action(struct xctx *c, const struct kf_action *a)
{
	switch (a->type) {
	case KF_ACT_SET_FIELD:
		set_field(c, a);
		break;
	case KF_ACT_LOAD:
		load(c, a);
		break;
	case KF_ACT_MOVE:
		move(c, a);
		break;
	case KF_ACT_POP_VLAN:
		vlan_shift(c, false, 0);
		break;
	case KF_ACT_PUSH_VLAN:
		vlan_shift(c, true, a->tpid);
		break;
	case KF_ACT_WRITE_METADATA:
		write_metadata(c, a->metadata.value, a->metadata.mask);
		break;
	default:
		break;
	}
}

void xc_actions(struct xctx *c, const struct kf_actions *acts)
{
	size_t i;

	for (i = 0; i < acts->n && !c->exit; i++) {
		const struct kf_action *a = &acts->v[i];

		xc_trace_action(c, a);
		switch (a->type) {
		case KF_ACT_OUTPUT:
			xc_output(c, a->output.port, 0);
			break;
		case KF_ACT_CONTROLLER:
			xc_output(c, KF_PORT_CONTROLLER, a->output.max_len);
			break;
		case KF_ACT_DEC_TTL:
			dec_ttl(c);
			break;
		case KF_ACT_RESUBMIT:
			resubmit(c, a);
			break;
		case KF_ACT_GOTO_TABLE:
			xc_table(c, a->table, c->flow.in_port);
			break;
		case KF_ACT_CLONE:
			clone_actions(c, &a->clone);
			break;
		case KF_ACT_CONJUNCTION:
		case KF_ACT_NOTE:
			break;
		default:
			field_action(c, a);
		}
	}
}
