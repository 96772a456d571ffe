// SPDX-License-Identifier: GPL-2.0
/*
 * xlate_odp_key.c - the megaflow as OVS_KEY_ATTR_* key and mask.
 *
 * The key carries every attribute the packet has (the datapath insists);
 * the mask says which bits matter.  Mask attributes below the EtherType
 * are only allowed when the EtherType (always exact here) and, for L4,
 * the IP protocol are exact: kf_xlate_wc_finish() arranges the latter.
 * A VLAN tag is eth_type(0x8100),vlan(TCI),encap(...); the mask always
 * matches the tag-present bit.  The fragment type is mapped, not copied.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/openvswitch.h>
#include <string.h>
#include "xlate.h"
#include "tun_metadata.h"
#include "xlate_odp.h"

struct kv {
	struct nlbuf *key;
	struct nlbuf *mask;
	const struct kf_flow *flow;
	const struct kf_flow *wc;
};

static void put_u32(struct kv *kv, uint16_t type, uint32_t k, uint32_t m)
{
	nlbuf_put_u32(kv->key, type, k);
	nlbuf_put_u32(kv->mask, type, m);
}

static void put_be16(struct kv *kv, uint16_t type, uint16_t k, uint16_t m)
{
	nlbuf_put_u16(kv->key, type, htons(k));
	nlbuf_put_u16(kv->mask, type, htons(m));
}

static uint8_t frag_type(uint8_t nw_frag)
{
	if (!(nw_frag & KF_FRAG_ANY))
		return OVS_FRAG_TYPE_NONE;
	return nw_frag & KF_FRAG_LATER ? OVS_FRAG_TYPE_LATER :
					 OVS_FRAG_TYPE_FIRST;
}

/* One attribute from the table; @ip: fix up the fragment byte. */
static void put_attr(struct kv *kv, uint16_t type)
{
	const struct kf_odp_attr *a = kf_odp_attr(type);
	uint8_t k[sizeof(struct ovs_key_ipv6)], m[sizeof(struct ovs_key_ipv6)];

	memset(k, 0, sizeof(k));
	memset(m, 0, sizeof(m));
	a->get(kv->flow, k);
	a->get(kv->wc, m);
	if (type == OVS_KEY_ATTR_IPV4) {
		((struct ovs_key_ipv4 *)k)->ipv4_frag =
			frag_type(kv->flow->nw_frag);
		((struct ovs_key_ipv4 *)m)->ipv4_frag =
			kv->wc->nw_frag ? 0xff : 0;
	} else if (type == OVS_KEY_ATTR_IPV6) {
		((struct ovs_key_ipv6 *)k)->ipv6_frag =
			frag_type(kv->flow->nw_frag);
		((struct ovs_key_ipv6 *)m)->ipv6_frag =
			kv->wc->nw_frag ? 0xff : 0;
	}
	nlbuf_put(kv->key, type, a->len, k);
	nlbuf_put(kv->mask, type, a->len, m);
}

static void put_l4(struct kv *kv)
{
	const struct kf_flow *f = kv->flow;
	bool v6 = f->dl_type == 0x86dd;

	if (f->nw_frag & KF_FRAG_LATER)
		return;
	switch (f->nw_proto) {
	case 6:
		put_attr(kv, OVS_KEY_ATTR_TCP);
		put_be16(kv, OVS_KEY_ATTR_TCP_FLAGS, f->tcp_flags,
			 kv->wc->tcp_flags);
		break;
	case 17:
		put_attr(kv, OVS_KEY_ATTR_UDP);
		break;
	case 132:
		put_attr(kv, OVS_KEY_ATTR_SCTP);
		break;
	case 1:
		if (!v6)
			put_attr(kv, OVS_KEY_ATTR_ICMP);
		break;
	case 58:
		if (!v6)
			break;
		put_attr(kv, OVS_KEY_ATTR_ICMPV6);
		if (f->tp_src == 135 || f->tp_src == 136)
			put_attr(kv, OVS_KEY_ATTR_ND);
		break;
	}
}

static void put_l3(struct kv *kv)
{
	switch (kv->flow->dl_type) {
	case 0x0800:
		put_attr(kv, OVS_KEY_ATTR_IPV4);
		put_l4(kv);
		break;
	case 0x86dd:
		put_attr(kv, OVS_KEY_ATTR_IPV6);
		put_l4(kv);
		break;
	case 0x0806:
	case 0x8035:
		put_attr(kv, OVS_KEY_ATTR_ARP);
		break;
	}
}

/* EtherType and what follows, inside @level VLAN tags. */
static void put_l2_rest(struct kv *kv, int level)
{
	uint16_t tci = level < 2 ? kv->flow->vlan_tci[level] : 0;
	struct nlattr *kn, *mn;

	if (tci & KF_VLAN_CFI) {
		put_be16(kv, OVS_KEY_ATTR_ETHERTYPE, 0x8100, 0xffff);
		put_be16(kv, OVS_KEY_ATTR_VLAN, tci,
			 kv->wc->vlan_tci[level] | KF_VLAN_CFI);
		kn = nlbuf_nest_start(kv->key, OVS_KEY_ATTR_ENCAP);
		mn = nlbuf_nest_start(kv->mask, OVS_KEY_ATTR_ENCAP);
		if (!kn || !mn)
			return;
		put_l2_rest(kv, level + 1);
		nlbuf_nest_end(kv->key, kn);
		nlbuf_nest_end(kv->mask, mn);
		return;
	}
	if (kv->flow->dl_type >= 0x600)
		nlbuf_put_u16(kv->key, OVS_KEY_ATTR_ETHERTYPE,
			      htons(kv->flow->dl_type));
	nlbuf_put_u16(kv->mask, OVS_KEY_ATTR_ETHERTYPE, htons(0xffff));
	put_l3(kv);
}

/* @t: the flow (key) or the wildcards (mask); @wc selects the Geneve
 * options (tun_metadata.h).  The datapath refuses a tunnel key without a
 * TTL; the model has no tunnel TTL, so the key says 64 and the mask (no
 * TTL) wildcards it. */
static void put_tunnel(struct nlbuf *b, const struct kf_flow *t,
		       const struct kf_flow *wc, bool is_key)
{
	struct nlattr *n = nlbuf_nest_start(b, OVS_KEY_ATTR_TUNNEL);
	uint64_t id = htobe64(t->tun_id);

	if (!n)
		return;
	nlbuf_put(b, OVS_TUNNEL_KEY_ATTR_ID, 8, &id);
	nlbuf_put_u32(b, OVS_TUNNEL_KEY_ATTR_IPV4_SRC, htonl(t->tun_src));
	nlbuf_put_u32(b, OVS_TUNNEL_KEY_ATTR_IPV4_DST, htonl(t->tun_dst));
	if (is_key)
		nlbuf_put_u8(b, OVS_TUNNEL_KEY_ATTR_TTL, 64);
	if (t->tun_tp_dst)
		nlbuf_put_u16(b, OVS_TUNNEL_KEY_ATTR_TP_DST,
			      htons(t->tun_tp_dst));
	if (t->tun_flags & KF_TNL_F_OAM)
		nlbuf_put_flag(b, OVS_TUNNEL_KEY_ATTR_OAM);
	kf_tun_md_put_geneve(b, wc, t, t == wc);
	nlbuf_nest_end(b, n);
}

int kf_xlate_odp_key(const struct kf_bridge *br, const struct kf_flow *flow,
		     const struct kf_flow *wc_in, struct nlbuf *key,
		     struct nlbuf *mask)
{
	const struct kf_port *p = kf_bridge_port(br, flow->in_port);
	struct kf_flow wc = *wc_in;
	struct kv kv = { key, mask, flow, &wc };

	if (!p || p->odp_port == KF_ODPP_NONE)
		return -ENODEV;
	kf_xlate_wc_finish(flow, &wc);
	nlbuf_reset(key);
	nlbuf_reset(mask);
	put_u32(&kv, OVS_KEY_ATTR_RECIRC_ID, flow->recirc_id, wc.recirc_id);
	put_u32(&kv, OVS_KEY_ATTR_PRIORITY, flow->skb_priority,
		wc.skb_priority);
	if (flow->tun_dst) {
		put_tunnel(key, flow, &wc, true);
		put_tunnel(mask, &wc, &wc, false);
	}
	put_u32(&kv, OVS_KEY_ATTR_IN_PORT, p->odp_port, UINT32_MAX);
	put_u32(&kv, OVS_KEY_ATTR_SKB_MARK, flow->pkt_mark, wc.pkt_mark);
	put_attr(&kv, OVS_KEY_ATTR_ETHERNET);
	put_l2_rest(&kv, 0);
	return key->overflow || mask->overflow ? -E2BIG : 0;
}
