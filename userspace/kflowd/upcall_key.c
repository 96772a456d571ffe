// SPDX-License-Identifier: GPL-2.0
/*
 * upcall_key.c - OVS_KEY_ATTR_* of an upcall -> struct kf_flow.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/openvswitch.h>
#include <stdio.h>
#include <string.h>
#include "nlbuf.h"
#include "tun_metadata.h"
#include "upcall_key.h"

struct dec {
	struct kf_flow *f;
	uint32_t *odp_port;
	char *err;
	int level;			/* VLAN nesting */
	bool has_ethertype;
};

static const uint16_t key_len[OVS_KEY_ATTR_MAX + 1] = {
	[OVS_KEY_ATTR_PRIORITY] = 4,
	[OVS_KEY_ATTR_IN_PORT] = 4,
	[OVS_KEY_ATTR_ETHERNET] = sizeof(struct ovs_key_ethernet),
	[OVS_KEY_ATTR_VLAN] = 2,
	[OVS_KEY_ATTR_ETHERTYPE] = 2,
	[OVS_KEY_ATTR_IPV4] = sizeof(struct ovs_key_ipv4),
	[OVS_KEY_ATTR_IPV6] = sizeof(struct ovs_key_ipv6),
	[OVS_KEY_ATTR_TCP] = sizeof(struct ovs_key_tcp),
	[OVS_KEY_ATTR_UDP] = sizeof(struct ovs_key_udp),
	[OVS_KEY_ATTR_ICMP] = sizeof(struct ovs_key_icmp),
	[OVS_KEY_ATTR_ICMPV6] = sizeof(struct ovs_key_icmpv6),
	[OVS_KEY_ATTR_ARP] = sizeof(struct ovs_key_arp),
	[OVS_KEY_ATTR_ND] = sizeof(struct ovs_key_nd),
	[OVS_KEY_ATTR_SKB_MARK] = 4,
	[OVS_KEY_ATTR_SCTP] = sizeof(struct ovs_key_sctp),
	[OVS_KEY_ATTR_TCP_FLAGS] = 2,
	[OVS_KEY_ATTR_DP_HASH] = 4,
	[OVS_KEY_ATTR_RECIRC_ID] = 4,
};

static uint8_t frag_bits(uint8_t type)
{
	if (type == OVS_FRAG_TYPE_FIRST)
		return KF_FRAG_ANY;
	if (type == OVS_FRAG_TYPE_LATER)
		return KF_FRAG_ANY | KF_FRAG_LATER;
	return 0;
}

static void set_tos(struct kf_flow *f, uint8_t tos)
{
	f->nw_tos = tos & 0xfc;
	f->nw_ecn = tos & 0x03;
}

static void dec_ipv4(struct kf_flow *f, const struct ovs_key_ipv4 *k)
{
	f->nw_src = ntohl(k->ipv4_src);
	f->nw_dst = ntohl(k->ipv4_dst);
	f->nw_proto = k->ipv4_proto;
	set_tos(f, k->ipv4_tos);
	f->nw_ttl = k->ipv4_ttl;
	f->nw_frag = frag_bits(k->ipv4_frag);
}

static void dec_ipv6(struct kf_flow *f, const struct ovs_key_ipv6 *k)
{
	memcpy(f->ipv6_src, k->ipv6_src, 16);
	memcpy(f->ipv6_dst, k->ipv6_dst, 16);
	f->ipv6_label = ntohl(k->ipv6_label);
	f->nw_proto = k->ipv6_proto;
	set_tos(f, k->ipv6_tclass);
	f->nw_ttl = k->ipv6_hlimit;
	f->nw_frag = frag_bits(k->ipv6_frag);
}

static void dec_arp(struct kf_flow *f, const struct ovs_key_arp *k)
{
	f->nw_src = ntohl(k->arp_sip);
	f->nw_dst = ntohl(k->arp_tip);
	f->arp_op = ntohs(k->arp_op);
	memcpy(f->arp_sha, k->arp_sha, 6);
	memcpy(f->arp_tha, k->arp_tha, 6);
}

static void dec_nd(struct kf_flow *f, const struct ovs_key_nd *k)
{
	memcpy(f->nd_target, k->nd_target, 16);
	memcpy(f->arp_sha, k->nd_sll, 6);
	memcpy(f->arp_tha, k->nd_tll, 6);
}

static int dec_tunnel(struct dec *d, const struct nlattr *nest)
{
	const struct nlattr *a;
	uint64_t id;

	nla_for_each(a, mnl_attr_get_payload(nest),
		     mnl_attr_get_payload_len(nest)) {
		const void *p = mnl_attr_get_payload(a);
		size_t n = mnl_attr_get_payload_len(a);

		switch (mnl_attr_get_type(a)) {
		case OVS_TUNNEL_KEY_ATTR_ID:
			if (n != 8)
				goto bad;
			memcpy(&id, p, 8);
			d->f->tun_id = be64toh(id);
			break;
		case OVS_TUNNEL_KEY_ATTR_IPV4_SRC:
		case OVS_TUNNEL_KEY_ATTR_IPV4_DST:
			if (n != 4)
				goto bad;
			if (mnl_attr_get_type(a) == OVS_TUNNEL_KEY_ATTR_IPV4_SRC)
				d->f->tun_src = ntohl(mnl_attr_get_u32(a));
			else
				d->f->tun_dst = ntohl(mnl_attr_get_u32(a));
			break;
		case OVS_TUNNEL_KEY_ATTR_TP_DST:
			if (n != 2)
				goto bad;
			d->f->tun_tp_dst = ntohs(mnl_attr_get_u16(a));
			break;
		case OVS_TUNNEL_KEY_ATTR_OAM:
			d->f->tun_flags |= KF_TNL_F_OAM;
			break;
		case OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS:
			if (kf_tun_md_from_geneve(p, n, d->f, d->err,
						  KF_ERR_LEN))
				return -EINVAL;
			break;
		}
		continue;
bad:
		snprintf(d->err, KF_ERR_LEN,
			 "tunnel key attribute %u: bad length %zu",
			 mnl_attr_get_type(a), n);
		return -EINVAL;
	}
	return 0;
}

static int dec_attrs(struct dec *d, const void *key, size_t len);

/* One fixed-size attribute (its length already checked). */
static int dec_one(struct dec *d, uint16_t type, const void *p,
		   const struct nlattr *a)
{
	struct kf_flow *f = d->f;
	size_t n = mnl_attr_get_payload_len(a);
	uint16_t v16 = 0;
	uint32_t v32 = 0;

	if (n >= 4)
		memcpy(&v32, p, 4);
	if (n >= 2)
		memcpy(&v16, p, 2);
	switch (type) {
	case OVS_KEY_ATTR_PRIORITY: f->skb_priority = v32; break;
	case OVS_KEY_ATTR_SKB_MARK: f->pkt_mark = v32; break;
	case OVS_KEY_ATTR_RECIRC_ID: f->recirc_id = v32; break;
	case OVS_KEY_ATTR_DP_HASH: f->dp_hash = v32; break;
	case OVS_KEY_ATTR_IN_PORT: *d->odp_port = v32; break;
	case OVS_KEY_ATTR_ETHERNET: {
		const struct ovs_key_ethernet *k = p;

		memcpy(f->dl_src, k->eth_src, 6);
		memcpy(f->dl_dst, k->eth_dst, 6);
		break;
	}
	case OVS_KEY_ATTR_ETHERTYPE:
		f->dl_type = ntohs(v16);
		d->has_ethertype = true;
		break;
	case OVS_KEY_ATTR_VLAN:
		if (d->level < 2)
			f->vlan_tci[d->level] = ntohs(v16) | KF_VLAN_CFI;
		break;
	case OVS_KEY_ATTR_ENCAP:
		return dec_attrs(d, p, n);
	case OVS_KEY_ATTR_TUNNEL:
		return dec_tunnel(d, a);
	case OVS_KEY_ATTR_IPV4: dec_ipv4(f, p); break;
	case OVS_KEY_ATTR_IPV6: dec_ipv6(f, p); break;
	case OVS_KEY_ATTR_ARP: dec_arp(f, p); break;
	case OVS_KEY_ATTR_ND: dec_nd(f, p); break;
	case OVS_KEY_ATTR_TCP_FLAGS: f->tcp_flags = ntohs(v16); break;
	case OVS_KEY_ATTR_TCP:
	case OVS_KEY_ATTR_UDP:
	case OVS_KEY_ATTR_SCTP: {
		const struct ovs_key_tcp *k = p;

		f->tp_src = ntohs(k->tcp_src);
		f->tp_dst = ntohs(k->tcp_dst);
		break;
	}
	case OVS_KEY_ATTR_ICMP:
	case OVS_KEY_ATTR_ICMPV6: {
		const struct ovs_key_icmp *k = p;

		f->tp_src = k->icmp_type;
		f->tp_dst = k->icmp_code;
		break;
	}
	}
	return 0;
}

static int dec_attrs(struct dec *d, const void *key, size_t len)
{
	const struct nlattr *a;
	size_t seen = 0;
	int err;

	d->has_ethertype = false;
	nla_for_each(a, key, len) {
		uint16_t type = mnl_attr_get_type(a);
		size_t n = mnl_attr_get_payload_len(a);

		seen = (const char *)mnl_attr_next(a) - (const char *)key;
		if (type <= OVS_KEY_ATTR_MAX && key_len[type] &&
		    n != key_len[type]) {
			snprintf(d->err, KF_ERR_LEN,
				 "key attribute %u: length %zu, expected %u",
				 type, n, key_len[type]);
			return -EINVAL;
		}
		if (type == OVS_KEY_ATTR_ENCAP)
			d->level++;
		err = dec_one(d, type, mnl_attr_get_payload(a), a);
		if (err)
			return err;
	}
	if (seen != len) {
		snprintf(d->err, KF_ERR_LEN,
			 "key: malformed attribute at offset %zu of %zu",
			 seen, len);
		return -EINVAL;
	}
	/* 802.2 frames carry no EtherType: OVS's FLOW_DL_TYPE_NONE. */
	if (!d->has_ethertype && !d->f->dl_type)
		d->f->dl_type = 0x05ff;
	return 0;
}

int kf_upcall_key_decode(const void *key, size_t len, struct kf_flow *flow,
			 uint32_t *odp_port, char err[KF_ERR_LEN])
{
	struct dec d = { flow, odp_port, err, 0, false };

	memset(flow, 0, sizeof(*flow));
	*odp_port = KF_ODPP_NONE;
	err[0] = '\0';
	return dec_attrs(&d, key, len);
}

/* How well tunnel port @p claims a packet with @f's tunnel metadata: -1
 * not at all; exact remote_ip and key beat remote_ip=flow and key=flow
 * (as OVS's tunnel port lookup prefers the most specific port). */
static int tunnel_score(const struct kf_port *p, const struct kf_flow *f)
{
	const struct kf_tunnel_opts *t = &p->tun;
	int score = 0;

	if (t->remote_ip) {
		if (t->remote_ip != f->tun_src)
			return -1;
		score += 2;
	}
	if (t->local_ip && t->local_ip != f->tun_dst)
		return -1;
	if (!t->key_flow) {
		if (t->key != f->tun_id)
			return -1;
		score += 1;
	}
	return score;
}

/* The bridge port a packet received on datapath port @odp_port belongs
 * to: the port itself, or for a shared tunnel vport the tunnel port that
 * claims its metadata best. */
static const struct kf_port *input_port(const struct kf_ofproto *ofp,
					uint32_t odp_port,
					const struct kf_flow *f)
{
	const struct kf_port *best = NULL;
	int best_score = -1, sc;
	size_t i, j;

	for (i = 0; i < ofp->n_bridges; i++) {
		for (j = 0; j < ofp->bridges[i]->n_ports; j++) {
			const struct kf_port *p = ofp->bridges[i]->ports[j];

			if (p->odp_port != odp_port)
				continue;
			if (p->type != KF_PT_TUNNEL)
				return p;
			sc = tunnel_score(p, f);
			if (sc > best_score) {
				best = p;
				best_score = sc;
			}
		}
	}
	return best;
}

int kf_upcall_key_to_flow(const struct kf_ofproto *ofp, const void *key,
			  size_t len, struct kf_flow *flow,
			  struct kf_bridge **brp, char err[KF_ERR_LEN])
{
	const struct kf_port *p;
	uint32_t odp_port;
	int ret;

	ret = kf_upcall_key_decode(key, len, flow, &odp_port, err);
	if (ret)
		return ret;
	p = odp_port == KF_ODPP_NONE ? NULL : input_port(ofp, odp_port, flow);
	if (!p) {
		snprintf(err, KF_ERR_LEN,
			 "in_port %u: no bridge port has this datapath port%s",
			 odp_port, flow->tun_dst ? " (or no tunnel port takes "
			 "its remote_ip and key)" : "");
		return -ENODEV;
	}
	flow->in_port = p->ofport;
	*brp = p->bridge;
	return 0;
}
