// SPDX-License-Identifier: GPL-2.0
/*
 * flow_fields.c - the field table: names, NXM/OXM ids, storage,
 * prerequisites.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "flow.h"

#define NXM_OF 0x0000
#define NXM_NX 0x0001
#define OXM_OF 0x8000
#define OXM_PKT_REGS 0x8001

#define M(member) offsetof(struct kf_flow, member), \
	sizeof(((struct kf_flow *)0)->member)
#define F(ID, NAME, ALIAS, NXM, CLS, FLD, BITS, MEMBER, SHIFT, FMT, PRE, \
	  MASKABLE, WRITABLE) \
	{ KF_F_##ID, NAME, ALIAS, NXM, CLS, FLD, BITS, M(MEMBER), SHIFT, \
	  KF_FMT_##FMT, KF_P_##PRE, MASKABLE, WRITABLE }

static const struct kf_field fixed_fields[] = {
	F(RECIRC_ID, "recirc_id", NULL, "NXM_NX_RECIRC_ID", NXM_NX, 36, 32,
	  recirc_id, 0, HEX, NONE, false, false),
	F(DP_HASH, "dp_hash", NULL, "NXM_NX_DP_HASH", NXM_NX, 35, 32,
	  dp_hash, 0, HEX, NONE, true, false),
	F(SKB_PRIORITY, "skb_priority", NULL, NULL, 0, 0, 32,
	  skb_priority, 0, HEX, NONE, false, false),
	F(PKT_MARK, "pkt_mark", NULL, "NXM_NX_PKT_MARK", NXM_NX, 33, 32,
	  pkt_mark, 0, HEX, NONE, true, true),
	F(CONJ_ID, "conj_id", NULL, "NXM_NX_CONJ_ID", NXM_NX, 37, 32,
	  conj_id, 0, DEC, NONE, false, false),
	F(IN_PORT, "in_port", NULL, "NXM_OF_IN_PORT", NXM_OF, 0, 16,
	  in_port, 0, PORT, NONE, false, true),
	F(METADATA, "metadata", NULL, "OXM_OF_METADATA", OXM_OF, 2, 64,
	  metadata, 0, HEX, NONE, true, true),
	F(TUN_ID, "tun_id", NULL, "NXM_NX_TUN_ID", NXM_NX, 16, 64,
	  tun_id, 0, HEX, NONE, true, true),
	F(TUN_SRC, "tun_src", NULL, "NXM_NX_TUN_IPV4_SRC", NXM_NX, 31, 32,
	  tun_src, 0, IPV4, NONE, true, true),
	F(TUN_DST, "tun_dst", NULL, "NXM_NX_TUN_IPV4_DST", NXM_NX, 32, 32,
	  tun_dst, 0, IPV4, NONE, true, true),
	F(TUN_FLAGS, "tun_flags", NULL, "NXM_NX_TUN_FLAGS", NXM_NX, 104, 1,
	  tun_flags, 0, TUN_FLAGS, NONE, true, true),
	F(TUN_TP_DST, "tun_tp_dst", NULL, NULL, 0, 0, 16,
	  tun_tp_dst, 0, DEC, NONE, true, true),
	F(DL_SRC, "dl_src", "eth_src", "NXM_OF_ETH_SRC", NXM_OF, 2, 48,
	  dl_src, 0, MAC, NONE, true, true),
	F(DL_DST, "dl_dst", "eth_dst", "NXM_OF_ETH_DST", NXM_OF, 1, 48,
	  dl_dst, 0, MAC, NONE, true, true),
	F(DL_TYPE, "dl_type", "eth_type", "NXM_OF_ETH_TYPE", NXM_OF, 3, 16,
	  dl_type, 0, HEX, NONE, false, false),
	F(VLAN_TCI, "vlan_tci", NULL, "NXM_OF_VLAN_TCI", NXM_OF, 4, 16,
	  vlan_tci[0], 0, HEX, NONE, true, true),
	F(DL_VLAN, "dl_vlan", NULL, NULL, 0, 0, 12,
	  vlan_tci[0], 0, DEC, NONE, false, true),
	F(VLAN_VID, "vlan_vid", NULL, "OXM_OF_VLAN_VID", OXM_OF, 6, 13,
	  vlan_tci[0], 0, DEC, NONE, true, true),
	F(VLAN_PCP, "dl_vlan_pcp", "vlan_pcp", "OXM_OF_VLAN_PCP", OXM_OF, 7,
	  3, vlan_tci[0], 13, DEC, VLAN, false, true),
	F(NW_SRC, "nw_src", "ip_src", "NXM_OF_IP_SRC", NXM_OF, 7, 32,
	  nw_src, 0, IPV4, IP, true, true),
	F(NW_DST, "nw_dst", "ip_dst", "NXM_OF_IP_DST", NXM_OF, 8, 32,
	  nw_dst, 0, IPV4, IP, true, true),
	F(ARP_SPA, "arp_spa", NULL, "NXM_OF_ARP_SPA", NXM_OF, 16, 32,
	  nw_src, 0, IPV4, ARP, true, true),
	F(ARP_TPA, "arp_tpa", NULL, "NXM_OF_ARP_TPA", NXM_OF, 17, 32,
	  nw_dst, 0, IPV4, ARP, true, true),
	F(IPV6_SRC, "ipv6_src", NULL, "NXM_NX_IPV6_SRC", NXM_NX, 19, 128,
	  ipv6_src, 0, IPV6, IPV6, true, true),
	F(IPV6_DST, "ipv6_dst", NULL, "NXM_NX_IPV6_DST", NXM_NX, 20, 128,
	  ipv6_dst, 0, IPV6, IPV6, true, true),
	F(IPV6_LABEL, "ipv6_label", NULL, "NXM_NX_IPV6_LABEL", NXM_NX, 27, 20,
	  ipv6_label, 0, HEX, IPV6, true, true),
	F(NW_PROTO, "nw_proto", "ip_proto", "NXM_OF_IP_PROTO", NXM_OF, 6, 8,
	  nw_proto, 0, DEC, IP_ANY, false, false),
	F(ARP_OP, "arp_op", NULL, "NXM_OF_ARP_OP", NXM_OF, 15, 16,
	  arp_op, 0, DEC, ARP, false, true),
	F(NW_TOS, "nw_tos", NULL, "NXM_OF_IP_TOS", NXM_OF, 5, 8,
	  nw_tos, 0, DEC, IP_ANY, false, true),
	F(IP_DSCP, "ip_dscp", NULL, "OXM_OF_IP_DSCP", OXM_OF, 8, 6,
	  nw_tos, 2, DEC, IP_ANY, false, true),
	F(NW_ECN, "nw_ecn", NULL, "NXM_NX_IP_ECN", NXM_NX, 28, 2,
	  nw_ecn, 0, DEC, IP_ANY, false, true),
	F(NW_TTL, "nw_ttl", NULL, "NXM_NX_IP_TTL", NXM_NX, 29, 8,
	  nw_ttl, 0, DEC, IP_ANY, false, true),
	F(NW_FRAG, "nw_frag", "ip_frag", "NXM_NX_IP_FRAG", NXM_NX, 26, 8,
	  nw_frag, 0, FRAG, IP_ANY, true, false),
	F(TP_SRC, "tp_src", NULL, NULL, 0, 0, 16,
	  tp_src, 0, DEC, L4, true, true),
	F(TP_DST, "tp_dst", NULL, NULL, 0, 0, 16,
	  tp_dst, 0, DEC, L4, true, true),
	F(TCP_SRC, "tcp_src", NULL, "NXM_OF_TCP_SRC", NXM_OF, 9, 16,
	  tp_src, 0, DEC, TCP, true, true),
	F(TCP_DST, "tcp_dst", NULL, "NXM_OF_TCP_DST", NXM_OF, 10, 16,
	  tp_dst, 0, DEC, TCP, true, true),
	F(UDP_SRC, "udp_src", NULL, "NXM_OF_UDP_SRC", NXM_OF, 11, 16,
	  tp_src, 0, DEC, UDP, true, true),
	F(UDP_DST, "udp_dst", NULL, "NXM_OF_UDP_DST", NXM_OF, 12, 16,
	  tp_dst, 0, DEC, UDP, true, true),
	F(SCTP_SRC, "sctp_src", NULL, "OXM_OF_SCTP_SRC", OXM_OF, 17, 16,
	  tp_src, 0, DEC, SCTP, true, true),
	F(SCTP_DST, "sctp_dst", NULL, "OXM_OF_SCTP_DST", OXM_OF, 18, 16,
	  tp_dst, 0, DEC, SCTP, true, true),
	F(TCP_FLAGS, "tcp_flags", NULL, "NXM_NX_TCP_FLAGS", NXM_NX, 34, 12,
	  tcp_flags, 0, TCP_FLAGS, TCP, true, false),
	F(ICMP_TYPE, "icmp_type", NULL, "NXM_OF_ICMP_TYPE", NXM_OF,
	  13, 8, tp_src, 0, DEC, ICMP_ANY, false, true),
	F(ICMP_CODE, "icmp_code", NULL, "NXM_OF_ICMP_CODE", NXM_OF,
	  14, 8, tp_dst, 0, DEC, ICMP_ANY, false, true),
	F(ICMPV6_TYPE, "icmpv6_type", NULL, "NXM_NX_ICMPV6_TYPE", NXM_NX, 21,
	  8, tp_src, 0, DEC, ICMPV6, false, true),
	F(ICMPV6_CODE, "icmpv6_code", NULL, "NXM_NX_ICMPV6_CODE", NXM_NX, 22,
	  8, tp_dst, 0, DEC, ICMPV6, false, true),
	F(ND_TARGET, "nd_target", NULL, "NXM_NX_ND_TARGET", NXM_NX, 23, 128,
	  nd_target, 0, IPV6, ND, true, true),
	F(ND_SLL, "nd_sll", NULL, "NXM_NX_ND_SLL", NXM_NX, 24, 48,
	  arp_sha, 0, MAC, ND_SOLICIT, true, true),
	F(ND_TLL, "nd_tll", NULL, "NXM_NX_ND_TLL", NXM_NX, 25, 48,
	  arp_tha, 0, MAC, ND_ADVERT, true, true),
	F(ARP_SHA, "arp_sha", NULL, "NXM_NX_ARP_SHA", NXM_NX, 17, 48,
	  arp_sha, 0, MAC, ARP, true, true),
	F(ARP_THA, "arp_tha", NULL, "NXM_NX_ARP_THA", NXM_NX, 18, 48,
	  arp_tha, 0, MAC, ARP, true, true),
};

_Static_assert(sizeof(fixed_fields) / sizeof(fixed_fields[0]) == KF_F_REG0,
	       "one fixed field per id");
_Static_assert(sizeof(struct kf_flow) % 8 == 0, "flow is 64-bit words");
_Static_assert(offsetof(struct kf_flow, dl_dst) % 8 == 0, "L2 aligned");
_Static_assert(offsetof(struct kf_flow, nw_src) % 8 == 0, "L3 aligned");
_Static_assert(offsetof(struct kf_flow, tp_src) % 8 == 0, "L4 aligned");

const unsigned int kf_stage_start[KF_N_STAGES + 1] = {
	0,
	offsetof(struct kf_flow, dl_dst) / 8,
	offsetof(struct kf_flow, nw_src) / 8,
	offsetof(struct kf_flow, tp_src) / 8,
	sizeof(struct kf_flow) / 8,
};

static struct kf_field fields[KF_N_FIELDS];
static char names[KF_N_FIELDS - KF_F_REG0][2][24];
static pthread_once_t fields_once = PTHREAD_ONCE_INIT;

static void init_numbered(enum kf_field_id id, const char *name,
			  const char *hdr, int n, struct kf_field *f)
{
	char (*nm)[24] = names[id - KF_F_REG0];

	snprintf(nm[0], sizeof(nm[0]), "%s%d", name, n);
	snprintf(nm[1], sizeof(nm[1]), "%s%d", hdr, n);
	f->id = id;
	f->name = nm[0];
	f->nxm_name = nm[1];
	f->maskable = true;
	f->writable = true;
	f->fmt = KF_FMT_HEX;
	f->prereq = KF_P_NONE;
}

static void init_fields(void)
{
	struct kf_field *f;
	int i;

	memcpy(fields, fixed_fields, sizeof(fixed_fields));
	for (i = 0; i < KF_N_REGS; i++) {
		f = &fields[KF_F_REG0 + i];
		init_numbered(KF_F_REG0 + i, "reg", "NXM_NX_REG", i, f);
		*f = (struct kf_field){ f->id, f->name, NULL, f->nxm_name,
			NXM_NX, i, 32, offsetof(struct kf_flow, regs[i]), 4,
			0, KF_FMT_HEX, KF_P_NONE, true, true };
	}
	for (i = 0; i < KF_N_XREGS; i++) {
		f = &fields[KF_F_XREG0 + i];
		init_numbered(KF_F_XREG0 + i, "xreg", "OXM_OF_PKT_REG", i, f);
		*f = (struct kf_field){ f->id, f->name, NULL, f->nxm_name,
			OXM_PKT_REGS, i, 64,
			offsetof(struct kf_flow, regs[2 * i]), 8, 0,
			KF_FMT_HEX, KF_P_NONE, true, true };
	}
	for (i = 0; i < KF_N_TUN_METADATA; i++) {
		f = &fields[KF_F_TUN_METADATA0 + i];
		init_numbered(KF_F_TUN_METADATA0 + i, "tun_metadata",
			      "NXM_NX_TUN_METADATA", i, f);
		*f = (struct kf_field){ f->id, f->name, NULL, f->nxm_name,
			NXM_NX, 40 + i, 32,
			offsetof(struct kf_flow, tun_metadata[i]), 4, 0,
			KF_FMT_HEX, KF_P_NONE, true, true };
	}
}

const struct kf_field *kf_field(enum kf_field_id id)
{
	pthread_once(&fields_once, init_fields);
	return (unsigned int)id < KF_N_FIELDS ? &fields[id] : NULL;
}

static bool name_is(const char *a, const char *name, size_t len)
{
	return a && strlen(a) == len && !strncasecmp(a, name, len);
}

const struct kf_field *kf_field_by_name(const char *name, size_t len)
{
	int i;

	pthread_once(&fields_once, init_fields);
	for (i = 0; i < KF_N_FIELDS; i++) {
		const struct kf_field *f = &fields[i];

		if (name_is(f->name, name, len) ||
		    name_is(f->alias, name, len) ||
		    name_is(f->nxm_name, name, len))
			return f;
	}
	if (name_is("tunnel_id", name, len))
		return kf_field(KF_F_TUN_ID);
	if (name_is("ip_ecn", name, len))
		return kf_field(KF_F_NW_ECN);
	if (name_is("icmpv4_type", name, len))
		return kf_field(KF_F_ICMP_TYPE);
	if (name_is("icmpv4_code", name, len))
		return kf_field(KF_F_ICMP_CODE);
	/* OXM spellings of the NXM_OF_ basics used by some controllers. */
	if (name_is("OXM_OF_IN_PORT", name, len))
		return kf_field(KF_F_IN_PORT);
	if (name_is("OXM_OF_ETH_SRC", name, len))
		return kf_field(KF_F_DL_SRC);
	if (name_is("OXM_OF_ETH_DST", name, len))
		return kf_field(KF_F_DL_DST);
	if (name_is("OXM_OF_TUNNEL_ID", name, len))
		return kf_field(KF_F_TUN_ID);
	if (name_is("OXM_OF_IPV4_SRC", name, len))
		return kf_field(KF_F_NW_SRC);
	if (name_is("OXM_OF_IPV4_DST", name, len))
		return kf_field(KF_F_NW_DST);
	return NULL;
}

enum kf_stage kf_field_stage(const struct kf_field *f)
{
	unsigned int w = f->offset / 8;
	int s;

	for (s = KF_N_STAGES - 1; s > 0; s--)
		if (w >= kf_stage_start[s])
			break;
	return s;
}

const char *kf_field_hdr_name(const struct kf_field *f)
{
	return f->nxm_name ? f->nxm_name : f->name;
}

const char *kf_field_sf_name(const struct kf_field *f)
{
	return f->alias ? f->alias : f->name;
}
