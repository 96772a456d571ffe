// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_format_match.c - a match as ovs-ofctl dump-flows prints it: the
 * field order, the ip/tcp6/arp... shorthands, dl_vlan vs vlan_tci, and
 * arp_, nd_ and icmp_ names chosen by the protocol.
 */
#include "ofp_priv.h"

static void put(struct strbuf *sb, const struct kf_match *m,
		enum kf_field_id id)
{
	const struct kf_field *f = kf_field(id);
	struct kf_value v, mask;

	if (!kf_match_has(m, f))
		return;
	kf_match_get(m, f, &v, &mask);
	sb_printf(sb, "%s=", f->name);
	kf_value_format(sb, f, &v, &mask);
	sb_putc(sb, ',');
}

static bool exact_type(const struct kf_match *m, uint16_t type)
{
	return m->wc.dl_type == 0xffff && m->flow.dl_type == type;
}

/* The shorthand for dl_type (and nw_proto); sets what it covers. */
static void put_shorthand(struct strbuf *sb, const struct kf_match *m,
			  bool *skip_type, bool *skip_proto)
{
	static const struct { uint16_t type; int proto; const char *name; }
	names[] = {
		{ 0x0800, 1, "icmp" }, { 0x0800, 6, "tcp" },
		{ 0x0800, 17, "udp" }, { 0x0800, 132, "sctp" },
		{ 0x0800, -1, "ip" }, { 0x86dd, 58, "icmp6" },
		{ 0x86dd, 6, "tcp6" }, { 0x86dd, 17, "udp6" },
		{ 0x86dd, 132, "sctp6" }, { 0x86dd, -1, "ipv6" },
		{ 0x0806, -1, "arp" }, { 0x8035, -1, "rarp" },
	};
	bool proto = m->wc.nw_proto == 0xff;
	size_t i;

	*skip_type = *skip_proto = false;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!exact_type(m, names[i].type))
			continue;
		if (names[i].proto >= 0 &&
		    (!proto || m->flow.nw_proto != names[i].proto))
			continue;
		sb_printf(sb, "%s,", names[i].name);
		*skip_type = true;
		*skip_proto = names[i].proto >= 0;
		return;
	}
}

static void put_vlan(struct strbuf *sb, const struct kf_match *m)
{
	uint16_t mask = m->wc.vlan_tci[0], tci = m->flow.vlan_tci[0];
	uint16_t vid = mask & KF_VLAN_VID_MASK, pcp = mask & KF_VLAN_PCP_MASK;

	if (!mask)
		return;
	if ((mask & KF_VLAN_CFI) && (tci & KF_VLAN_CFI) &&
	    (!vid || vid == KF_VLAN_VID_MASK) &&
	    (!pcp || pcp == KF_VLAN_PCP_MASK) && (vid || pcp)) {
		if (vid)
			sb_printf(sb, "dl_vlan=%u,", tci & KF_VLAN_VID_MASK);
		if (pcp)
			sb_printf(sb, "dl_vlan_pcp=%u,", tci >> 13);
	} else if (mask == 0xffff) {
		sb_printf(sb, "vlan_tci=0x%04x,", tci);
	} else {
		sb_printf(sb, "vlan_tci=0x%04x/0x%04x,", tci, mask);
	}
}

static void put_l3(struct strbuf *sb, const struct kf_match *m,
		   bool skip_proto)
{
	bool arp = exact_type(m, 0x0806) || exact_type(m, 0x8035);
	int i;

	if (exact_type(m, 0x86dd)) {
		put(sb, m, KF_F_IPV6_SRC);
		put(sb, m, KF_F_IPV6_DST);
		put(sb, m, KF_F_IPV6_LABEL);
	}
	put(sb, m, arp ? KF_F_ARP_SPA : KF_F_NW_SRC);
	put(sb, m, arp ? KF_F_ARP_TPA : KF_F_NW_DST);
	if (arp) {
		put(sb, m, KF_F_ARP_OP);
		put(sb, m, KF_F_ARP_SHA);
		put(sb, m, KF_F_ARP_THA);
	} else if (!skip_proto) {
		put(sb, m, KF_F_NW_PROTO);
	}
	for (i = KF_F_NW_TOS; i <= KF_F_NW_FRAG; i++)
		if (i != KF_F_IP_DSCP)
			put(sb, m, i);
}

static void put_l4(struct strbuf *sb, const struct kf_match *m)
{
	bool icmp = exact_type(m, 0x0800) && m->wc.nw_proto &&
		    m->flow.nw_proto == 1;
	bool icmp6 = exact_type(m, 0x86dd) && m->wc.nw_proto &&
		     m->flow.nw_proto == 58;

	if (icmp || icmp6) {
		put(sb, m, KF_F_ICMP_TYPE);
		put(sb, m, KF_F_ICMP_CODE);
	}
	if (icmp6) {
		put(sb, m, KF_F_ND_TARGET);
		put(sb, m, KF_F_ND_SLL);
		put(sb, m, KF_F_ND_TLL);
	}
	if (!icmp && !icmp6) {
		put(sb, m, KF_F_TP_SRC);
		put(sb, m, KF_F_TP_DST);
	}
	put(sb, m, KF_F_TCP_FLAGS);
}

void kf_ofp_format_match(struct strbuf *sb, const struct kf_match *m,
			 int priority)
{
	bool skip_type, skip_proto;
	int i;

	if (priority != KF_DEFAULT_PRIORITY)
		sb_printf(sb, "priority=%d,", priority);
	put(sb, m, KF_F_PKT_MARK);
	put(sb, m, KF_F_RECIRC_ID);
	put(sb, m, KF_F_DP_HASH);
	put(sb, m, KF_F_CONJ_ID);
	put(sb, m, KF_F_SKB_PRIORITY);
	put_shorthand(sb, m, &skip_type, &skip_proto);
	for (i = 0; i < KF_N_REGS; i++)
		put(sb, m, KF_F_REG0 + i);
	for (i = KF_F_TUN_ID; i <= KF_F_TUN_TP_DST; i++)
		put(sb, m, i);
	for (i = 0; i < KF_N_TUN_METADATA; i++)
		put(sb, m, KF_F_TUN_METADATA0 + i);
	put(sb, m, KF_F_METADATA);
	put(sb, m, KF_F_IN_PORT);
	put_vlan(sb, m);
	put(sb, m, KF_F_DL_SRC);
	put(sb, m, KF_F_DL_DST);
	if (!skip_type)
		put(sb, m, KF_F_DL_TYPE);
	put_l3(sb, m, skip_proto);
	put_l4(sb, m);
	sb_chomp(sb, ',');
}
