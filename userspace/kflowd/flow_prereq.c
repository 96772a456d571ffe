// SPDX-License-Identifier: GPL-2.0
/*
 * flow_prereq.c - field prerequisites (ip for nw_src, tcp for tcp_src...).
 */
#include "flow.h"

#define ETH_IP 0x0800
#define ETH_IPV6 0x86dd
#define ETH_ARP 0x0806
#define ETH_RARP 0x8035

static bool exact_dl_type(const struct kf_match *m, uint16_t type)
{
	return m->wc.dl_type == 0xffff && m->flow.dl_type == type;
}

static bool is_ip_any(const struct kf_match *m)
{
	return exact_dl_type(m, ETH_IP) || exact_dl_type(m, ETH_IPV6);
}

static bool is_proto(const struct kf_match *m, uint8_t proto)
{
	return is_ip_any(m) && m->wc.nw_proto == 0xff &&
	       m->flow.nw_proto == proto;
}

static bool is_icmpv6(const struct kf_match *m)
{
	return exact_dl_type(m, ETH_IPV6) && is_proto(m, 58);
}

static bool is_nd(const struct kf_match *m, int type)
{
	if (!is_icmpv6(m) || (m->wc.tp_src & 0xff) != 0xff)
		return false;
	if (type)
		return m->flow.tp_src == type;
	return m->flow.tp_src == 135 || m->flow.tp_src == 136;
}

bool kf_match_prereqs_ok(const struct kf_match *m, const struct kf_field *f)
{
	switch (f->prereq) {
	case KF_P_NONE:
		return true;
	case KF_P_VLAN:
		return (m->wc.vlan_tci[0] & KF_VLAN_CFI) &&
		       (m->flow.vlan_tci[0] & KF_VLAN_CFI);
	case KF_P_IP:
		return exact_dl_type(m, ETH_IP);
	case KF_P_IPV6:
		return exact_dl_type(m, ETH_IPV6);
	case KF_P_IP_ANY:
		return is_ip_any(m);
	case KF_P_ARP:
		return exact_dl_type(m, ETH_ARP) || exact_dl_type(m, ETH_RARP);
	case KF_P_L4:
		return is_proto(m, 6) || is_proto(m, 17) || is_proto(m, 132);
	case KF_P_TCP:
		return is_proto(m, 6);
	case KF_P_UDP:
		return is_proto(m, 17);
	case KF_P_SCTP:
		return is_proto(m, 132);
	case KF_P_ICMP:
		return exact_dl_type(m, ETH_IP) && is_proto(m, 1);
	case KF_P_ICMPV6:
		return is_icmpv6(m);
	case KF_P_ICMP_ANY:
		return (exact_dl_type(m, ETH_IP) && is_proto(m, 1)) ||
		       is_icmpv6(m);
	case KF_P_ND:
		return is_nd(m, 0);
	case KF_P_ND_SOLICIT:
		return is_nd(m, 135);
	case KF_P_ND_ADVERT:
		return is_nd(m, 136);
	}
	return false;
}

/* Does a field sharing @f's storage have its prerequisites met? */
static bool alias_ok(const struct kf_match *m, const struct kf_field *f)
{
	int i;

	for (i = 0; i < KF_N_FIELDS; i++) {
		const struct kf_field *g = kf_field(i);

		if (g->offset == f->offset && kf_match_prereqs_ok(m, g))
			return true;
	}
	return false;
}

const struct kf_field *kf_match_check_prereqs(const struct kf_match *m)
{
	int i;

	for (i = 0; i < KF_N_FIELDS; i++) {
		const struct kf_field *f = kf_field(i);

		if (kf_match_has(m, f) && !alias_ok(m, f))
			return f;
	}
	return NULL;
}
