// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_format_actions.c - actions as ovs-ofctl prints them.
 */
#include "ofp_priv.h"

static void format_subfield(struct strbuf *sb, const struct kf_subfield *sf)
{
	sb_puts(sb, kf_field_hdr_name(sf->field));
	if (sf->ofs == 0 && sf->n_bits == sf->field->n_bits)
		sb_puts(sb, "[]");
	else if (sf->n_bits == 1)
		sb_printf(sb, "[%u]", sf->ofs);
	else
		sb_printf(sb, "[%u..%u]", sf->ofs, sf->ofs + sf->n_bits - 1);
}

static void format_set_field(struct strbuf *sb, const struct kf_action *a)
{
	const struct kf_field *f = a->set_field.field;

	switch (a->set_field.style) {
	case KF_SF_MOD:
		sb_printf(sb, "%s:", kf_mod_name(f));
		kf_value_format(sb, f, &a->set_field.value, NULL);
		return;
	case KF_SF_SET_TUNNEL:
	case KF_SF_SET_TUNNEL64:
		sb_printf(sb, "set_tunnel%s:0x%llx",
			  a->set_field.style == KF_SF_SET_TUNNEL64 ? "64" : "",
			  (unsigned long long)
			  kf_value_to_u64(&a->set_field.value));
		return;
	case KF_SF_SET_FIELD:
		sb_puts(sb, "set_field:");
		kf_value_format(sb, f, &a->set_field.value,
				&a->set_field.mask);
		sb_printf(sb, "->%s", kf_field_sf_name(f));
		return;
	}
}

static void format_output(struct strbuf *sb, uint16_t port)
{
	if (port >= KF_PORT_IN_PORT && port != KF_PORT_CONTROLLER &&
	    port != KF_PORT_TABLE && port != KF_PORT_NONE) {
		kf_ofp_format_port(sb, port);
		return;
	}
	sb_puts(sb, "output:");
	kf_ofp_format_port(sb, port);
}

static void format_resubmit(struct strbuf *sb, const struct kf_action *a)
{
	if (!a->resubmit.paren && a->resubmit.table == KF_TABLE_NONE) {
		sb_puts(sb, "resubmit:");
		kf_ofp_format_port(sb, a->resubmit.port);
		return;
	}
	sb_puts(sb, "resubmit(");
	if (a->resubmit.port != KF_PORT_IN_PORT)
		kf_ofp_format_port(sb, a->resubmit.port);
	sb_putc(sb, ',');
	if (a->resubmit.table != KF_TABLE_NONE)
		sb_printf(sb, "%u", a->resubmit.table);
	sb_putc(sb, ')');
}

static void format_note(struct strbuf *sb, const struct kf_action *a)
{
	size_t i;

	sb_puts(sb, "note:");
	for (i = 0; i < a->note.len; i++)
		sb_printf(sb, i ? ".%02x" : "%02x", a->note.data[i]);
}

static void format_one(struct strbuf *sb, const struct kf_action *a)
{
	switch (a->type) {
	case KF_ACT_OUTPUT:
		format_output(sb, a->output.port);
		return;
	case KF_ACT_CONTROLLER:
		sb_printf(sb, "CONTROLLER:%u", a->output.max_len);
		return;
	case KF_ACT_SET_FIELD:
		format_set_field(sb, a);
		return;
	case KF_ACT_LOAD:
		sb_printf(sb, "load:%#llx->", (unsigned long long)
			  kf_value_to_u64(&a->load.value));
		format_subfield(sb, &a->load.dst);
		return;
	case KF_ACT_MOVE:
		sb_puts(sb, "move:");
		format_subfield(sb, &a->move.src);
		sb_puts(sb, "->");
		format_subfield(sb, &a->move.dst);
		return;
	case KF_ACT_POP_VLAN:
		sb_puts(sb, a->strip ? "strip_vlan" : "pop_vlan");
		return;
	case KF_ACT_PUSH_VLAN:
		sb_printf(sb, "push_vlan:0x%04x", a->tpid);
		return;
	case KF_ACT_DEC_TTL:
		sb_puts(sb, "dec_ttl");
		return;
	case KF_ACT_RESUBMIT:
		format_resubmit(sb, a);
		return;
	case KF_ACT_GOTO_TABLE:
		sb_printf(sb, "goto_table:%u", a->table);
		return;
	case KF_ACT_WRITE_METADATA:
		sb_printf(sb, "write_metadata:0x%llx",
			  (unsigned long long)a->metadata.value);
		if (a->metadata.mask != ~0ULL)
			sb_printf(sb, "/0x%llx",
				  (unsigned long long)a->metadata.mask);
		return;
	case KF_ACT_CONJUNCTION:
		sb_printf(sb, "conjunction(%u,%u/%u)", a->conj.id,
			  a->conj.clause, a->conj.n_clauses);
		return;
	case KF_ACT_NOTE:
		format_note(sb, a);
		return;
	case KF_ACT_CLONE:
		sb_puts(sb, "clone(");
		kf_ofp_format_actions(sb, &a->clone);
		sb_putc(sb, ')');
		return;
	}
}

void kf_ofp_format_actions(struct strbuf *sb, const struct kf_actions *acts)
{
	size_t i;

	if (!acts->n) {
		sb_puts(sb, "drop");
		return;
	}
	for (i = 0; i < acts->n; i++) {
		if (i)
			sb_putc(sb, ',');
		format_one(sb, &acts->v[i]);
	}
}
