// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_format.c - a flow as ovs-ofctl dump-flows prints it, or in the
 * shorter add-flow form.
 */
#include "ofp_priv.h"

static const char *const flag_names[] = {
	"send_flow_rem", "check_overlap", "reset_counts", "no_packet_counts",
	"no_byte_counts",
};

static void format_flags(struct strbuf *sb, uint16_t flags)
{
	size_t i;

	for (i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++)
		if (flags & (1 << i))
			sb_printf(sb, "%s ", flag_names[i]);
}

static void format_dump_head(struct strbuf *sb, const struct kf_ofp_flow *fl)
{
	const struct kf_flow_stats *st = &fl->stats;

	sb_printf(sb, " cookie=0x%llx, duration=%llu.%03llus, table=%u, "
		  "n_packets=%llu, n_bytes=%llu, ",
		  (unsigned long long)fl->cookie,
		  (unsigned long long)(st->duration_ms / 1000),
		  (unsigned long long)(st->duration_ms % 1000), fl->table_id,
		  (unsigned long long)st->n_packets,
		  (unsigned long long)st->n_bytes);
	if (fl->idle_timeout)
		sb_printf(sb, "idle_timeout=%u, ", fl->idle_timeout);
	if (fl->hard_timeout)
		sb_printf(sb, "hard_timeout=%u, ", fl->hard_timeout);
	format_flags(sb, fl->flags);
	if (fl->importance)
		sb_printf(sb, "importance=%u, ", fl->importance);
	if (st->idle_age >= 0)
		sb_printf(sb, "idle_age=%lld, ", (long long)st->idle_age);
	if (st->hard_age >= 0)
		sb_printf(sb, "hard_age=%lld, ", (long long)st->hard_age);
}

static void format_add_head(struct strbuf *sb, const struct kf_ofp_flow *fl)
{
	if (fl->table_id)
		sb_printf(sb, "table=%u, ", fl->table_id);
	if (fl->cookie || fl->cookie_mask)
		sb_printf(sb, "cookie=0x%llx", (unsigned long long)fl->cookie);
	if (fl->cookie_mask)
		sb_printf(sb, "/0x%llx", (unsigned long long)fl->cookie_mask);
	if (fl->cookie || fl->cookie_mask)
		sb_puts(sb, ", ");
	if (fl->idle_timeout)
		sb_printf(sb, "idle_timeout=%u, ", fl->idle_timeout);
	if (fl->hard_timeout)
		sb_printf(sb, "hard_timeout=%u, ", fl->hard_timeout);
	if (fl->importance)
		sb_printf(sb, "importance=%u, ", fl->importance);
	format_flags(sb, fl->flags);
}

void kf_ofp_format_flow(struct strbuf *sb, const struct kf_ofp_flow *fl,
			enum kf_ofp_style style)
{
	if (style == KF_STYLE_DUMP)
		format_dump_head(sb, fl);
	else
		format_add_head(sb, fl);
	kf_ofp_format_match(sb, &fl->match, fl->priority);
	if (!fl->has_actions && style == KF_STYLE_ADD) {
		sb_chomp(sb, ' ');
		sb_chomp(sb, ',');
		return;
	}
	if (sb->len && sb->s[sb->len - 1] != ' ')
		sb_putc(sb, ' ');
	sb_puts(sb, "actions=");
	kf_ofp_format_actions(sb, &fl->actions);
}
