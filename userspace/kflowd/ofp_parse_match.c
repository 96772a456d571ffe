// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_parse_match.c - match fields of the ovs-ofctl syntax: shorthands
 * (ip, tcp6, ...), dl_vlan/dl_vlan_pcp, FIELD=VALUE[/MASK], and the
 * prerequisite check.
 */
#include <string.h>
#include <strings.h>
#include "ofp_priv.h"

static const struct {
	const char *name;
	uint16_t dl_type;
	int nw_proto;		/* -1: none */
} shorthands[] = {
	{ "ip", 0x0800, -1 }, { "ipv4", 0x0800, -1 }, { "ipv6", 0x86dd, -1 },
	{ "arp", 0x0806, -1 }, { "rarp", 0x8035, -1 },
	{ "icmp", 0x0800, 1 }, { "tcp", 0x0800, 6 }, { "udp", 0x0800, 17 },
	{ "sctp", 0x0800, 132 }, { "icmp6", 0x86dd, 58 },
	{ "tcp6", 0x86dd, 6 }, { "udp6", 0x86dd, 17 },
	{ "sctp6", 0x86dd, 132 },
};

static const char *const prereq_text[] = {
	[KF_P_NONE] = "nothing",
	[KF_P_VLAN] = "a VLAN tag (dl_vlan, or vlan_tci with 0x1000)",
	[KF_P_IP] = "ip (dl_type=0x0800)",
	[KF_P_IPV6] = "ipv6 (dl_type=0x86dd)",
	[KF_P_IP_ANY] = "ip or ipv6",
	[KF_P_ARP] = "arp or rarp",
	[KF_P_L4] = "tcp, udp or sctp (or tcp6, udp6, sctp6)",
	[KF_P_TCP] = "tcp or tcp6",
	[KF_P_UDP] = "udp or udp6",
	[KF_P_SCTP] = "sctp or sctp6",
	[KF_P_ICMP] = "icmp",
	[KF_P_ICMPV6] = "icmp6",
	[KF_P_ICMP_ANY] = "icmp or icmp6",
	[KF_P_ND] = "icmp6 with icmp_type=135 or 136",
	[KF_P_ND_SOLICIT] = "icmp6,icmp_type=135",
	[KF_P_ND_ADVERT] = "icmp6,icmp_type=136",
};

static void set_u64(struct kf_match *m, enum kf_field_id id, uint64_t v)
{
	struct kf_value val, mask;

	kf_value_from_u64(&val, v);
	kf_value_all_ones(&mask, kf_field(id)->n_bits);
	kf_match_set(m, kf_field(id), &val, &mask);
}

/* ip, tcp6, arp...: dl_type and nw_proto, checked as if named (so
 * "tcp,dl_type=0" is refused: nw_proto without IP). */
static int shorthand(struct kf_match *m, const char *key, size_t klen,
		     uint8_t *seen, char *err)
{
	size_t i;

	for (i = 0; i < sizeof(shorthands) / sizeof(shorthands[0]); i++) {
		if (strlen(shorthands[i].name) != klen ||
		    strncasecmp(shorthands[i].name, key, klen))
			continue;
		set_u64(m, KF_F_DL_TYPE, shorthands[i].dl_type);
		seen[KF_F_DL_TYPE] = 1;
		if (shorthands[i].nw_proto >= 0) {
			set_u64(m, KF_F_NW_PROTO, shorthands[i].nw_proto);
			seen[KF_F_NW_PROTO] = 1;
		}
		return 0;
	}
	return kf_err(err, "%.*s: unknown keyword or field (a field needs "
		      "=VALUE)", (int)klen, key);
}

static void or_tci(struct kf_match *m, uint16_t v, uint16_t mask)
{
	m->flow.vlan_tci[0] = (m->flow.vlan_tci[0] & ~mask) | (v & mask);
	m->wc.vlan_tci[0] |= mask;
}

/* dl_vlan=VID (0xffff: no tag) and dl_vlan_pcp=PCP, OpenFlow 1.0 style. */
static int parse_vlan(struct kf_match *m, bool pcp, const char *val,
		      size_t vlen, char *err)
{
	uint64_t x;

	if (kf_scan_u64(val, vlen, &x))
		return kf_err(err, "%s=%.*s: invalid number",
			      pcp ? "dl_vlan_pcp" : "dl_vlan", (int)vlen, val);
	if (pcp) {
		if (x > 7)
			return kf_err(err, "dl_vlan_pcp=%.*s: priority must "
				      "be 0 to 7", (int)vlen, val);
		or_tci(m, KF_VLAN_CFI | x << 13, KF_VLAN_CFI | KF_VLAN_PCP_MASK);
	} else if (x == 0xffff) {
		or_tci(m, 0, 0xffff);
	} else if (x > KF_VLAN_VID_MASK) {
		return kf_err(err, "dl_vlan=%.*s: VLAN ID must be 0 to 4095 "
			      "or 0xffff (no tag)", (int)vlen, val);
	} else {
		or_tci(m, KF_VLAN_CFI | x, KF_VLAN_CFI | KF_VLAN_VID_MASK);
	}
	return 0;
}

int kf_match_parse_token(struct kf_match *m, const char *key, size_t klen,
			 const char *val, size_t vlen, bool has_val,
			 uint8_t *seen, char *err)
{
	char name[KF_TOKEN_MAX];
	const struct kf_field *f;
	struct kf_value v, mask;
	int r;

	if (!has_val)
		return shorthand(m, key, klen, seen, err);
	if (klen == 7 && !strncmp(key, "dl_vlan", 7))
		return parse_vlan(m, false, val, vlen, err);
	if (klen == 11 && !strncmp(key, "dl_vlan_pcp", 11))
		return parse_vlan(m, true, val, vlen, err);
	f = kf_field_by_name(key, klen);
	if (!f)
		return kf_err(err, "%.*s=%.*s: unknown field %.*s", (int)klen,
			      key, (int)vlen, val, (int)klen, key);
	if (!kf_token(name, key, klen))
		return kf_err(err, "%.*s: name too long", 64, key);
	r = kf_value_parse_as(f, name, val, vlen, &v, &mask, err);
	if (r)
		return r;
	kf_match_set(m, f, &v, &mask);
	seen[f->id] = 1;
	return 0;
}

int kf_match_parse_finish(struct kf_match *m, const uint8_t *seen, char *err)
{
	uint16_t tci = m->flow.vlan_tci[0], tci_mask = m->wc.vlan_tci[0];
	struct kf_value v, mask;
	int i, r;

	/* An untagged packet's TCI is 0: with the CFI bit matched as 0,
	 * any other bit matched as 1 makes a rule that matches nothing
	 * (and has no OpenFlow 1.3 form: vlan_pcp needs a VLAN). */
	if ((tci_mask & KF_VLAN_CFI) && !(tci & KF_VLAN_CFI) && tci)
		return kf_err(err, "vlan_tci=0x%04x/0x%04x: VID or priority "
			      "bits without the CFI bit (0x1000) match no "
			      "packet", tci, tci_mask);

	/* As in OpenFlow 1.0, nw_proto of an ARP match is the opcode. */
	if (kf_match_prereqs_ok(m, kf_field(KF_F_ARP_OP)) && m->wc.nw_proto) {
		m->flow.arp_op = m->flow.nw_proto;
		m->wc.arp_op = 0xffff;
		m->flow.nw_proto = m->wc.nw_proto = 0;
	}
	for (i = 0; i < KF_N_FIELDS; i++) {
		const struct kf_field *f = kf_field(i);
		struct strbuf sb = STRBUF_INIT;

		if (!seen[i] || kf_match_prereqs_ok(m, f))
			continue;
		if (i == KF_F_NW_PROTO && m->wc.arp_op)
			continue;
		if ((i == KF_F_NW_SRC || i == KF_F_NW_DST) &&
		    kf_match_prereqs_ok(m, kf_field(KF_F_ARP_SPA)))
			continue;	/* nw_src/nw_dst of ARP: arp_spa/tpa */
		kf_match_get(m, f, &v, &mask);
		kf_value_format(&sb, f, &v, &mask);
		r = kf_err(err, "%s=%s: prerequisites not met: needs %s",
			   f->name, sb_str(&sb), prereq_text[f->prereq]);
		sb_free(&sb);
		return r;
	}
	return 0;
}
