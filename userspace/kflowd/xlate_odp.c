// SPDX-License-Identifier: GPL-2.0
/*
 * xlate_odp.c - struct kf_flow <-> struct ovs_key_* field mapping.
 */
#include <arpa/inet.h>
#include <linux/openvswitch.h>
#include <string.h>
#include "xlate_odp.h"

static bool is_ip4(const struct kf_flow *f)
{
	return f->dl_type == 0x0800;
}

static bool is_ip6(const struct kf_flow *f)
{
	return f->dl_type == 0x86dd;
}

static bool has_l4(const struct kf_flow *f, uint8_t proto)
{
	return (is_ip4(f) || is_ip6(f)) && f->nw_proto == proto &&
	       !(f->nw_frag & KF_FRAG_LATER);
}

static bool always(const struct kf_flow *f)
{
	(void)f;
	return true;
}

static bool a_tcp(const struct kf_flow *f) { return has_l4(f, 6); }
static bool a_udp(const struct kf_flow *f) { return has_l4(f, 17); }
static bool a_sctp(const struct kf_flow *f) { return has_l4(f, 132); }
static bool a_icmp(const struct kf_flow *f)
{
	return is_ip4(f) && has_l4(f, 1);
}
static bool a_icmp6(const struct kf_flow *f)
{
	return is_ip6(f) && has_l4(f, 58);
}
static bool a_nd(const struct kf_flow *f)
{
	return a_icmp6(f) && (f->tp_src == 135 || f->tp_src == 136);
}
static bool a_arp(const struct kf_flow *f)
{
	return f->dl_type == 0x0806 || f->dl_type == 0x8035;
}

static void no_ro(void *mask)
{
	(void)mask;
}

static void get_eth(const struct kf_flow *f, void *out)
{
	struct ovs_key_ethernet *k = out;

	memcpy(k->eth_src, f->dl_src, 6);
	memcpy(k->eth_dst, f->dl_dst, 6);
}

static void get_ipv4(const struct kf_flow *f, void *out)
{
	struct ovs_key_ipv4 *k = out;

	k->ipv4_src = htonl(f->nw_src);
	k->ipv4_dst = htonl(f->nw_dst);
	k->ipv4_proto = f->nw_proto;
	/* In a mask, an exact nw_tos is 0xff (flow.c): only 0xfc is DSCP. */
	k->ipv4_tos = (f->nw_tos & 0xfc) | (f->nw_ecn & 3);
	k->ipv4_ttl = f->nw_ttl;
	k->ipv4_frag = f->nw_frag;
}

static void ro_ipv4(void *mask)
{
	struct ovs_key_ipv4 *k = mask;

	k->ipv4_proto = 0;
	k->ipv4_frag = 0;
}

static void get_ipv6(const struct kf_flow *f, void *out)
{
	struct ovs_key_ipv6 *k = out;

	memcpy(k->ipv6_src, f->ipv6_src, 16);
	memcpy(k->ipv6_dst, f->ipv6_dst, 16);
	k->ipv6_label = htonl(f->ipv6_label);
	k->ipv6_proto = f->nw_proto;
	k->ipv6_tclass = (f->nw_tos & 0xfc) | (f->nw_ecn & 3);
	k->ipv6_hlimit = f->nw_ttl;
	k->ipv6_frag = f->nw_frag;
}

static void ro_ipv6(void *mask)
{
	struct ovs_key_ipv6 *k = mask;

	k->ipv6_proto = 0;
	k->ipv6_frag = 0;
	k->ipv6_label &= htonl(0x000fffff);
}

/* tcp, udp and sctp share one layout. */
static void get_ports(const struct kf_flow *f, void *out)
{
	struct ovs_key_tcp *k = out;

	k->tcp_src = htons(f->tp_src);
	k->tcp_dst = htons(f->tp_dst);
}

static void get_icmp(const struct kf_flow *f, void *out)
{
	struct ovs_key_icmp *k = out;

	k->icmp_type = (uint8_t)f->tp_src;
	k->icmp_code = (uint8_t)f->tp_dst;
}

static void get_arp(const struct kf_flow *f, void *out)
{
	struct ovs_key_arp *k = out;

	k->arp_sip = htonl(f->nw_src);
	k->arp_tip = htonl(f->nw_dst);
	k->arp_op = htons(f->arp_op);
	memcpy(k->arp_sha, f->arp_sha, 6);
	memcpy(k->arp_tha, f->arp_tha, 6);
}

static void get_nd(const struct kf_flow *f, void *out)
{
	struct ovs_key_nd *k = out;

	memcpy(k->nd_target, f->nd_target, 16);
	memcpy(k->nd_sll, f->arp_sha, 6);
	memcpy(k->nd_tll, f->arp_tha, 6);
}

static void get_mark(const struct kf_flow *f, void *out)
{
	memcpy(out, &f->pkt_mark, 4);
}

static void get_priority(const struct kf_flow *f, void *out)
{
	memcpy(out, &f->skb_priority, 4);
}

#define A(t, s, g, ap, ro, sl) { OVS_KEY_ATTR_##t, sizeof(s), g, ap, ro, sl }

const struct kf_odp_attr kf_odp_set_attrs[] = {
	A(ETHERNET, struct ovs_key_ethernet, get_eth, always, no_ro, false),
	A(IPV4, struct ovs_key_ipv4, get_ipv4, is_ip4, ro_ipv4, false),
	A(IPV6, struct ovs_key_ipv6, get_ipv6, is_ip6, ro_ipv6, false),
	A(ARP, struct ovs_key_arp, get_arp, a_arp, no_ro, true),
	A(TCP, struct ovs_key_tcp, get_ports, a_tcp, no_ro, false),
	A(UDP, struct ovs_key_udp, get_ports, a_udp, no_ro, false),
	A(SCTP, struct ovs_key_sctp, get_ports, a_sctp, no_ro, false),
	A(ICMP, struct ovs_key_icmp, get_icmp, a_icmp, no_ro, true),
	A(ICMPV6, struct ovs_key_icmpv6, get_icmp, a_icmp6, no_ro, true),
	A(ND, struct ovs_key_nd, get_nd, a_nd, no_ro, true),
	A(SKB_MARK, uint32_t, get_mark, always, no_ro, false),
	A(PRIORITY, uint32_t, get_priority, always, no_ro, false),
	{ 0, 0, NULL, NULL, NULL, false },
};

const struct kf_odp_attr *kf_odp_attr(uint16_t type)
{
	const struct kf_odp_attr *a;

	for (a = kf_odp_set_attrs; a->get; a++)
		if (a->type == type)
			return a;
	return NULL;
}

static bool l4_masked(const struct kf_flow *wc)
{
	static const uint8_t zero[16];

	return wc->tp_src || wc->tp_dst || wc->tcp_flags ||
	       memcmp(wc->nd_target, zero, 16) ||
	       memcmp(wc->arp_sha, zero, 6) || memcmp(wc->arp_tha, zero, 6);
}

static bool nd_masked(const struct kf_flow *wc)
{
	static const uint8_t zero[16];

	return memcmp(wc->nd_target, zero, 16) ||
	       memcmp(wc->arp_sha, zero, 6) || memcmp(wc->arp_tha, zero, 6);
}

static void clear_pipeline(struct kf_flow *wc)
{
	wc->conj_id = 0;
	wc->metadata = 0;
	wc->dp_hash = 0;
	memset(wc->regs, 0, sizeof(wc->regs));
	wc->pad0 = 0;
}

void kf_xlate_wc_finish(const struct kf_flow *flow, struct kf_flow *wc)
{
	bool ip = is_ip4(flow) || is_ip6(flow);

	clear_pipeline(wc);
	if (!flow->tun_dst) {
		wc->tun_id = 0;
		wc->tun_src = wc->tun_dst = 0;
		wc->tun_flags = wc->tun_tp_dst = 0;
		/* Geneve options (tun_metadata.h) exist only in tunnels. */
		memset(wc->tun_metadata, 0, sizeof(wc->tun_metadata));
	}
	if (wc->vlan_tci[0])
		wc->vlan_tci[0] |= KF_VLAN_CFI;
	if (a_icmp(flow) || a_icmp6(flow)) {
		wc->tp_src &= 0xff;
		wc->tp_dst &= 0xff;
	}
	if (ip && (flow->nw_frag & KF_FRAG_LATER)) {
		wc->tp_src = wc->tp_dst = wc->tcp_flags = 0;
		memset(wc->nd_target, 0, 16);
	}
	if (ip && l4_masked(wc))
		wc->nw_proto = 0xff;
	if (a_nd(flow) && nd_masked(wc))
		wc->tp_src |= 0xff;
}
