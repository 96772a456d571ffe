// SPDX-License-Identifier: GPL-2.0
/*
 * flow_key.c - build a struct kflow_key from a packet.
 *
 * The parser walks an Ethernet frame whose first byte is at skb->data (the
 * MAC header) using absolute offsets from it; skb->data never moves except
 * when an untagged-in-software outer VLAN tag is moved into the skb's
 * accelerated tag, as the stock datapath does, so that every later action
 * sees the outer tag in one place.
 *
 * A header that is shorter than it claims leaves the deeper key fields
 * zero (the packet part of the key is cleared before parsing).  Only a
 * failure to make headers linear (-ENOMEM) or a frame shorter than an
 * Ethernet header (-EINVAL, as the stock datapath) is an error.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/llc.h>
#include <linux/openvswitch.h>
#include <linux/sctp.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include "flow_key.h"
#include "test_export.h"

/* The part of the key that comes from the packet rather than metadata. */
#define KFLOW_KEY_PACKET_START	offsetof(struct kflow_key, eth)

/* An 802.2 LLC header followed by a SNAP header. */
struct kflow_llc_snap {
	u8 dsap;
	u8 ssap;
	u8 ctrl;
	u8 oui[3];
	__be16 ethertype;
};

/* An Ethernet/IPv4 ARP packet. */
struct kflow_arp_eth {
	struct arphdr hdr;
	u8 sha[ETH_ALEN];
	u8 sip[4];
	u8 tha[ETH_ALEN];
	u8 tip[4];
};

/*
 * Make the first @len bytes of the frame linear.  -EINVAL when the frame
 * is shorter than that, -ENOMEM when it cannot be made linear.
 */
static int kflow_need(struct sk_buff *skb, unsigned int len)
{
	if (unlikely(skb->len < len))
		return -EINVAL;
	if (unlikely(!pskb_may_pull(skb, len)))
		return -ENOMEM;
	return 0;
}

static __be16 kflow_read_be16(const struct sk_buff *skb, unsigned int off)
{
	__be16 v;

	memcpy(&v, skb->data + off, sizeof(v));
	return v;
}

/*
 * One 802.1Q/802.1ad tag at @*off.  Returns 1 if a tag was parsed, 0 if
 * there is none (or it is truncated), -ENOMEM on failure.  With @untag the
 * tag is removed from the frame and kept as the skb's accelerated tag.
 */
static int kflow_parse_tag(struct sk_buff *skb, struct kflow_vlan_key *vk,
			   unsigned int *off, bool untag)
{
	__be16 tpid = kflow_read_be16(skb, *off);
	__be16 tci;
	u16 host_tci;
	int err;

	if (likely(!eth_type_vlan(tpid)))
		return 0;
	/* The tag and the EtherType after it must both be there. */
	if (unlikely(skb->len < *off + VLAN_HLEN + sizeof(__be16)))
		return 0;
	if (unlikely(!pskb_may_pull(skb, *off + VLAN_HLEN + sizeof(__be16))))
		return -ENOMEM;

	tci = kflow_read_be16(skb, *off + sizeof(__be16));
	vk->tpid = tpid;
	vk->tci = tci | htons(VLAN_CFI_MASK);
	if (!untag) {
		*off += VLAN_HLEN;
		return 1;
	}
	/* skb->data is the MAC header here, as __skb_vlan_pop() wants. */
	err = __skb_vlan_pop(skb, &host_tci);
	if (unlikely(err))
		return err;
	__vlan_hwaccel_put_tag(skb, tpid, host_tci);
	return 1;
}

static int kflow_parse_vlans(struct sk_buff *skb, struct kflow_key *key,
			     unsigned int *off)
{
	int res;

	if (skb_vlan_tag_present(skb)) {
		key->eth.vlan.tci = htons(skb_vlan_tag_get(skb)) |
				    htons(VLAN_CFI_MASK);
		key->eth.vlan.tpid = skb->vlan_proto;
	} else {
		res = kflow_parse_tag(skb, &key->eth.vlan, off, true);
		if (res <= 0)
			return res;
	}
	res = kflow_parse_tag(skb, &key->eth.cvlan, off, false);
	return res < 0 ? res : 0;
}

/*
 * The EtherType at @*off, or htons(ETH_P_802_2) for an 802.3 length field
 * not followed by a SNAP header carrying an EtherType.  0: out of memory.
 */
static __be16 kflow_parse_ethertype(struct sk_buff *skb, unsigned int *off)
{
	const struct kflow_llc_snap *llc;
	__be16 proto = kflow_read_be16(skb, *off);

	*off += sizeof(__be16);
	if (eth_proto_is_802_3(proto))
		return proto;

	if (skb->len < *off + sizeof(*llc))
		return htons(ETH_P_802_2);
	if (unlikely(!pskb_may_pull(skb, *off + sizeof(*llc))))
		return 0;

	llc = (const struct kflow_llc_snap *)(skb->data + *off);
	if (llc->dsap != LLC_SAP_SNAP || llc->ssap != LLC_SAP_SNAP ||
	    (llc->oui[0] | llc->oui[1] | llc->oui[2]))
		return htons(ETH_P_802_2);

	*off += sizeof(*llc);
	proto = llc->ethertype;
	return eth_proto_is_802_3(proto) ? proto : htons(ETH_P_802_2);
}

static int kflow_parse_l2(struct sk_buff *skb, struct kflow_key *key)
{
	const struct ethhdr *eth;
	unsigned int off;
	int err;

	err = kflow_need(skb, ETH_HLEN);
	if (unlikely(err))
		return err;

	eth = eth_hdr(skb);
	ether_addr_copy(key->eth.src, eth->h_source);
	ether_addr_copy(key->eth.dst, eth->h_dest);
	off = 2 * ETH_ALEN;

	if (unlikely(kflow_parse_vlans(skb, key, &off)))
		return -ENOMEM;

	key->eth.type = kflow_parse_ethertype(skb, &off);
	if (unlikely(!key->eth.type))
		return -ENOMEM;

	/* With two tags skb_vlan_pop() later needs the inner TPID here. */
	if (key->eth.cvlan.tci & htons(VLAN_CFI_MASK))
		skb->protocol = key->eth.cvlan.tpid;
	else
		skb->protocol = key->eth.type;

	skb_set_network_header(skb, off);
	skb_reset_mac_len(skb);
	return 0;
}

static void kflow_parse_tcp(struct sk_buff *skb, struct kflow_key *key)
{
	unsigned int th_off = skb_transport_offset(skb);
	const struct tcphdr *th;
	unsigned int th_len;
	__be16 word;

	if (!pskb_may_pull(skb, th_off + sizeof(*th)))
		return;
	th = tcp_hdr(skb);
	th_len = th->doff * 4;
	if (th_len < sizeof(*th) || skb->len < th_off + th_len)
		return;

	key->tp.src = th->source;
	key->tp.dst = th->dest;
	/* Byte 12-13: data offset, reserved bits and the flags. */
	memcpy(&word, (const u8 *)th + 12, sizeof(word));
	key->tp.flags = word & htons(0x0fff);
}

/* UDP and SCTP: the ports are the first four bytes of a @hlen header. */
static void kflow_parse_ports(struct sk_buff *skb, struct kflow_key *key,
			      unsigned int hlen)
{
	unsigned int th_off = skb_transport_offset(skb);
	const __be16 *ports;

	if (!pskb_may_pull(skb, th_off + hlen))
		return;
	ports = (const __be16 *)skb_transport_header(skb);
	key->tp.src = ports[0];
	key->tp.dst = ports[1];
}

/* ICMP and ICMPv6: type and code, in an 8-byte header. */
static bool kflow_parse_icmp(struct sk_buff *skb, struct kflow_key *key)
{
	const u8 *hdr;

	if (!pskb_may_pull(skb, skb_transport_offset(skb) + 8))
		return false;
	hdr = skb_transport_header(skb);
	key->tp.src = htons(hdr[0]);
	key->tp.dst = htons(hdr[1]);
	return true;
}

/*
 * Neighbour discovery: target address and the source/target link-layer
 * address options.  A repeated link-layer option makes the whole ND part
 * of the key zero; a malformed option stops the walk.
 */
static void kflow_parse_nd(struct sk_buff *skb, struct kflow_key *key)
{
	unsigned int off = skb_transport_offset(skb);
	int left = (int)(skb->len - off) - (int)sizeof(struct nd_msg);
	u8 buf[8];
	u8 *addr;

	if (left < 0 ||
	    skb_copy_bits(skb, off + offsetof(struct nd_msg, target),
			  &key->ipv6.nd_target, sizeof(key->ipv6.nd_target)))
		return;

	off += sizeof(struct nd_msg);
	while (left >= 8) {
		const u8 *opt = skb_header_pointer(skb, off, sizeof(buf), buf);
		int opt_len = opt ? opt[1] * 8 : 0;

		if (!opt_len || opt_len > left)
			return;

		addr = NULL;
		if (opt_len == 8 && opt[0] == ND_OPT_SOURCE_LL_ADDR)
			addr = key->ipv6.nd_sll;
		else if (opt_len == 8 && opt[0] == ND_OPT_TARGET_LL_ADDR)
			addr = key->ipv6.nd_tll;
		if (addr) {
			if (!is_zero_ether_addr(addr))
				goto invalid;
			memcpy(addr, opt + 2, ETH_ALEN);
		}
		left -= opt_len;
		off += opt_len;
	}
	return;

invalid:
	memset(&key->ipv6.nd_target, 0, sizeof(key->ipv6.nd_target));
	eth_zero_addr(key->ipv6.nd_sll);
	eth_zero_addr(key->ipv6.nd_tll);
}

static void kflow_parse_icmpv6(struct sk_buff *skb, struct kflow_key *key)
{
	if (!kflow_parse_icmp(skb, key))
		return;
	if (key->tp.dst == 0 &&
	    (key->tp.src == htons(NDISC_NEIGHBOUR_SOLICITATION) ||
	     key->tp.src == htons(NDISC_NEIGHBOUR_ADVERTISEMENT)))
		kflow_parse_nd(skb, key);
}

/* L4 of a non-later-fragment; the transport header is set. */
static void kflow_parse_l4(struct sk_buff *skb, struct kflow_key *key,
			   bool ipv6)
{
	switch (key->ip.proto) {
	case IPPROTO_TCP:
		kflow_parse_tcp(skb, key);
		break;
	case IPPROTO_UDP:
		kflow_parse_ports(skb, key, sizeof(struct udphdr));
		break;
	case IPPROTO_SCTP:
		kflow_parse_ports(skb, key, sizeof(struct sctphdr));
		break;
	case IPPROTO_ICMP:
		if (!ipv6)
			kflow_parse_icmp(skb, key);
		break;
	case IPPROTO_ICMPV6:
		if (ipv6)
			kflow_parse_icmpv6(skb, key);
		break;
	}
}

static int kflow_parse_ipv4(struct sk_buff *skb, struct kflow_key *key)
{
	unsigned int nh_off = skb_network_offset(skb);
	const struct iphdr *nh;
	unsigned int ihl = 0;
	int err;

	err = kflow_need(skb, nh_off + sizeof(*nh));
	if (!err) {
		ihl = ip_hdr(skb)->ihl * 4;
		if (ihl < sizeof(*nh) || skb->len < nh_off + ihl)
			err = -EINVAL;
	}
	if (unlikely(err)) {
		/* A broken header: L3 stays zero, no transport header. */
		if (err != -EINVAL)
			return err;
		skb_set_transport_header(skb, nh_off);
		return 0;
	}

	skb_set_transport_header(skb, nh_off + ihl);
	nh = ip_hdr(skb);
	key->ipv4.src = nh->saddr;
	key->ipv4.dst = nh->daddr;
	key->ip.proto = nh->protocol;
	key->ip.tos = nh->tos;
	key->ip.ttl = nh->ttl;

	if (nh->frag_off & htons(IP_OFFSET)) {
		key->ip.frag = OVS_FRAG_TYPE_LATER;
		return 0;
	}
	if ((nh->frag_off & htons(IP_MF)) ||
	    (skb_shinfo(skb)->gso_type & SKB_GSO_UDP))
		key->ip.frag = OVS_FRAG_TYPE_FIRST;

	kflow_parse_l4(skb, key, false);
	return 0;
}

static int kflow_parse_ipv6(struct sk_buff *skb, struct kflow_key *key)
{
	unsigned int nh_off = skb_network_offset(skb);
	unsigned int payload_off = 0;
	const struct ipv6hdr *nh;
	unsigned short frag_off;
	int nexthdr, flags = 0;
	int err;

	err = kflow_need(skb, nh_off + sizeof(*nh));
	if (unlikely(err)) {
		if (err != -EINVAL)
			return err;
		skb_set_transport_header(skb, nh_off);
		return 0;
	}

	nh = ipv6_hdr(skb);
	key->ip.proto = NEXTHDR_NONE;
	key->ip.tos = ipv6_get_dsfield(nh);
	key->ip.ttl = nh->hop_limit;
	key->ipv6.label = ip6_flowlabel(nh);
	key->ipv6.src = nh->saddr;
	key->ipv6.dst = nh->daddr;

	/* The first non-extension header, as the stock datapath finds it. */
	nexthdr = ipv6_find_hdr(skb, &payload_off, -1, &frag_off, &flags);
	if (flags & IP6_FH_F_FRAG) {
		if (frag_off) {
			key->ip.frag = OVS_FRAG_TYPE_LATER;
			key->ip.proto = NEXTHDR_FRAGMENT;
			return 0;
		}
		key->ip.frag = OVS_FRAG_TYPE_FIRST;
	}
	if (nexthdr < 0) {
		/* Extension headers do not parse: stop at L3. */
		skb_set_transport_header(skb, nh_off);
		return 0;
	}

	skb_set_transport_header(skb, payload_off);
	key->ip.proto = nexthdr;
	if (skb_shinfo(skb)->gso_type & SKB_GSO_UDP)
		key->ip.frag = OVS_FRAG_TYPE_FIRST;

	kflow_parse_l4(skb, key, true);
	return 0;
}

static void kflow_parse_arp(struct sk_buff *skb, struct kflow_key *key)
{
	const struct kflow_arp_eth *arp;
	u16 op;

	if (!pskb_may_pull(skb, skb_network_offset(skb) + sizeof(*arp)))
		return;
	arp = (const struct kflow_arp_eth *)skb_network_header(skb);
	if (arp->hdr.ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->hdr.ar_pro != htons(ETH_P_IP) ||
	    arp->hdr.ar_hln != ETH_ALEN || arp->hdr.ar_pln != 4)
		return;

	/* Only the low 8 bits of the opcode are matched. */
	op = ntohs(arp->hdr.ar_op);
	key->ip.proto = op <= 0xff ? op : 0;
	memcpy(&key->ipv4.src, arp->sip, sizeof(key->ipv4.src));
	memcpy(&key->ipv4.dst, arp->tip, sizeof(key->ipv4.dst));
	ether_addr_copy(key->ipv4.arp_sha, arp->sha);
	ether_addr_copy(key->ipv4.arp_tha, arp->tha);
}

/* Parse the frame into a key whose packet part is zero. */
static int kflow_parse(struct sk_buff *skb, struct kflow_key *key)
{
	int err;

	skb_reset_mac_header(skb);
	err = kflow_parse_l2(skb, key);
	if (unlikely(err))
		return err;

	switch (key->eth.type) {
	case htons(ETH_P_IP):
		return kflow_parse_ipv4(skb, key);
	case htons(ETH_P_IPV6):
		return kflow_parse_ipv6(skb, key);
	case htons(ETH_P_ARP):
	case htons(ETH_P_RARP):
		kflow_parse_arp(skb, key);
		return 0;
	}
	return 0;
}

static void kflow_key_set_tunnel(struct kflow_key *key,
				 const struct ip_tunnel_info *tun_info)
{
	u8 len = tun_info->options_len;

	key->tun_proto = ip_tunnel_info_af(tun_info);
	memcpy(&key->tun_key, &tun_info->key, sizeof(key->tun_key));
	if (len) {
		ip_tunnel_info_opts_get(KFLOW_TUN_OPTS(key, len), tun_info);
		key->tun_opts_len = len;
	}
}

int kflow_key_extract(struct sk_buff *skb, u32 in_port,
		      const struct ip_tunnel_info *tun_info,
		      struct kflow_key *key)
{
	BUILD_BUG_ON(sizeof(key->tun_opts) < IP_TUNNEL_OPTS_MAX);

	memset(key, 0, sizeof(*key));
	if (tun_info)
		kflow_key_set_tunnel(key, tun_info);
	key->phy.priority = skb->priority;
	key->phy.skb_mark = skb->mark;
	key->phy.in_port = in_port;
	return kflow_parse(skb, key);
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_key_extract);

int kflow_key_extract_packet(struct sk_buff *skb, struct kflow_key *key)
{
	memset((u8 *)key + KFLOW_KEY_PACKET_START, 0,
	       sizeof(*key) - KFLOW_KEY_PACKET_START);
	return kflow_parse(skb, key);
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_key_extract_packet);
