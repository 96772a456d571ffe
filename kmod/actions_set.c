// SPDX-License-Identifier: GPL-2.0
/*
 * actions_set.c - header rewrites: set/set_masked fields and dec_ttl.
 *
 * Every rewrite keeps three things right:
 *
 *  - The packet: the bytes written are made private and linear first
 *    (skb_ensure_writable), and a packet too short for the header is an
 *    error, so the caller drops it; nothing is written past the data.
 *  - Checksums: IPv4 header checksum and L4 checksums are updated
 *    incrementally.  With CHECKSUM_COMPLETE, skb->csum covers the frame
 *    from the Ethernet header, so any change the in-packet checksums do
 *    not cancel is also folded into skb->csum: kflow brackets the bytes
 *    it changes with skb_postpull_rcsum() / skb_postpush_rcsum().  Every
 *    such span starts at an even offset from the frame start.
 *  - The flow key: fields are copied back from the rewritten header, so
 *    later actions (userspace, recirc) see the packet as it now is.
 *
 * The execution key is the packet's own, so the protocol checks below
 * are the packet's, whatever the flow's mask wildcarded.
 */
#include <linux/crc32.h>
#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/openvswitch.h>
#include <linux/sctp.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/dsfield.h>
#include <net/ipv6.h>
#include "actions_int.h"

/*
 * @val where @mask is set, @old elsewhere.  Install-time validation makes
 * every value zero outside its mask (set() gets an all-ones mask).
 */
#define KFLOW_MASKED(old, val, mask)	((val) | ((old) & ~(mask)))

#define KFLOW_IPV6_LABEL_BITS	0x000fffff

typedef int (*kflow_set_fn)(struct sk_buff *skb, struct kflow_key *key,
			    const void *val, const void *mask);

static int kflow_set_priority(struct sk_buff *skb, struct kflow_key *key,
			      const void *val, const void *mask)
{
	u32 v = *(const u32 *)val, m = *(const u32 *)mask;

	skb->priority = KFLOW_MASKED(skb->priority, v, m);
	key->phy.priority = skb->priority;
	return 0;
}

static int kflow_set_mark(struct sk_buff *skb, struct kflow_key *key,
			  const void *val, const void *mask)
{
	u32 v = *(const u32 *)val, m = *(const u32 *)mask;

	skb->mark = KFLOW_MASKED(skb->mark, v, m);
	key->phy.skb_mark = skb->mark;
	return 0;
}

static int kflow_set_eth(struct sk_buff *skb, struct kflow_key *key,
			 const void *val, const void *mask)
{
	const struct ovs_key_ethernet *v = val, *m = mask;
	struct ethhdr *eth;
	int i, err;

	if (unlikely(skb_mac_offset(skb)))
		return -EINVAL;
	err = skb_ensure_writable(skb, ETH_HLEN);
	if (unlikely(err))
		return err;
	eth = eth_hdr(skb);
	skb_postpull_rcsum(skb, eth, 2 * ETH_ALEN);
	for (i = 0; i < ETH_ALEN; i++) {
		eth->h_dest[i] = KFLOW_MASKED(eth->h_dest[i], v->eth_dst[i],
					      m->eth_dst[i]);
		eth->h_source[i] = KFLOW_MASKED(eth->h_source[i],
						v->eth_src[i], m->eth_src[i]);
	}
	skb_postpush_rcsum(skb, eth, 2 * ETH_ALEN);
	memcpy(key->eth.dst, eth->h_dest, ETH_ALEN);
	memcpy(key->eth.src, eth->h_source, ETH_ALEN);
	return 0;
}

/* ---- L4 checksum location ---------------------------------------------- */

struct kflow_l4_csum {
	int off;	/* of the checksum field from skb->data, or -1 */
	bool udp;	/* a zero UDP checksum means "none" */
};

/*
 * Find the L4 checksum that covers the IP addresses (TCP, UDP and, for
 * IPv6, ICMPv6) and make it writable.  A later fragment, an unparsed or
 * truncated L4 header yields none: the addresses are still rewritten.
 */
static struct kflow_l4_csum kflow_l4_csum_find(struct sk_buff *skb,
					       const struct kflow_key *key,
					       unsigned int l3_len, bool v6)
{
	struct kflow_l4_csum c = { .off = -1, .udp = false };
	unsigned int thoff, hlen, field;

	if (key->ip.frag == OVS_FRAG_TYPE_LATER ||
	    !skb_transport_header_was_set(skb))
		return c;
	thoff = skb_transport_offset(skb);
	if (thoff < skb_network_offset(skb) + l3_len)
		return c;
	switch (key->ip.proto) {
	case IPPROTO_TCP:
		hlen = sizeof(struct tcphdr);
		field = offsetof(struct tcphdr, check);
		break;
	case IPPROTO_UDP:
		hlen = sizeof(struct udphdr);
		field = offsetof(struct udphdr, check);
		c.udp = true;
		break;
	case IPPROTO_ICMPV6:
		if (!v6)
			return c;
		hlen = sizeof(struct icmp6hdr);
		field = offsetof(struct icmp6hdr, icmp6_cksum);
		break;
	default:
		return c;
	}
	if (skb_ensure_writable(skb, thoff + hlen))
		return c;
	c.off = thoff + field;
	return c;
}

/* The L4 checksum to update, or NULL (none, or a zero UDP checksum). */
static __sum16 *kflow_l4_csum_ptr(struct sk_buff *skb,
				  const struct kflow_l4_csum *c)
{
	__sum16 *check;

	if (c->off < 0)
		return NULL;
	check = (__sum16 *)(skb->data + c->off);
	if (c->udp && !*check && skb->ip_summed != CHECKSUM_PARTIAL)
		return NULL;
	return check;
}

/* ---- IPv4 -------------------------------------------------------------- */

static void kflow_ipv4_addr_set(struct sk_buff *skb, struct iphdr *nh,
				__be32 *addr, __be32 new,
				const struct kflow_l4_csum *c)
{
	__sum16 *check = kflow_l4_csum_ptr(skb, c);

	/* The IP checksum cancels the address change in skb->csum; the
	 * pseudo-header variant accounts for the L4 checksum's own change.
	 */
	if (check) {
		inet_proto_csum_replace4(check, skb, *addr, new, true);
		if (c->udp && !*check)
			*check = CSUM_MANGLED_0;
	}
	csum_replace4(&nh->check, *addr, new);
	*addr = new;
	skb_clear_hash(skb);
}

static int kflow_set_ipv4(struct sk_buff *skb, struct kflow_key *key,
			  const void *val, const void *mask)
{
	const struct ovs_key_ipv4 *v = val, *m = mask;
	struct kflow_l4_csum c = { .off = -1 };
	struct iphdr *nh;
	__be32 addr;
	u8 ttl;
	int err;

	if (key->eth.type != htons(ETH_P_IP))
		return -EINVAL;
	err = skb_ensure_writable(skb, skb_network_offset(skb) + sizeof(*nh));
	if (unlikely(err))
		return err;
	if (m->ipv4_src || m->ipv4_dst)
		c = kflow_l4_csum_find(skb, key, sizeof(*nh), false);
	nh = ip_hdr(skb);	/* after every reallocation above */

	addr = KFLOW_MASKED(nh->saddr, v->ipv4_src, m->ipv4_src);
	if (addr != nh->saddr) {
		kflow_ipv4_addr_set(skb, nh, &nh->saddr, addr, &c);
		key->ipv4.src = addr;
	}
	addr = KFLOW_MASKED(nh->daddr, v->ipv4_dst, m->ipv4_dst);
	if (addr != nh->daddr) {
		kflow_ipv4_addr_set(skb, nh, &nh->daddr, addr, &c);
		key->ipv4.dst = addr;
	}
	if (m->ipv4_tos) {
		ipv4_change_dsfield(nh, ~m->ipv4_tos, v->ipv4_tos & m->ipv4_tos);
		key->ip.tos = nh->tos;
	}
	if (m->ipv4_ttl) {
		ttl = KFLOW_MASKED(nh->ttl, v->ipv4_ttl, m->ipv4_ttl);
		csum_replace2(&nh->check, htons(nh->ttl << 8), htons(ttl << 8));
		nh->ttl = ttl;
		key->ip.ttl = ttl;
	}
	return 0;
}

/* ---- IPv6 -------------------------------------------------------------- */

/* RFC 1624 update of an L4 checksum for a 128-bit pseudo-header change. */
static void kflow_csum_replace16(__sum16 *sum, const struct sk_buff *skb,
				 const __be32 *from, const __be32 *to)
{
	__be32 diff[8];
	int i;

	for (i = 0; i < 4; i++) {
		diff[i] = ~from[i];
		diff[i + 4] = to[i];
	}
	if (skb->ip_summed != CHECKSUM_PARTIAL)
		*sum = csum_fold(csum_partial(diff, sizeof(diff),
					      ~csum_unfold(*sum)));
	else	/* the field holds the folded pseudo-header sum */
		*sum = ~csum_fold(csum_partial(diff, sizeof(diff),
					       csum_unfold(*sum)));
}

static void kflow_ipv6_addr_set(struct sk_buff *skb, __be32 *addr,
				const __be32 *new, const struct kflow_l4_csum *c)
{
	__sum16 *check = c ? kflow_l4_csum_ptr(skb, c) : NULL;

	/* No IPv6 header checksum: fold every changed byte into skb->csum. */
	skb_postpull_rcsum(skb, addr, 16);
	if (check) {
		skb_postpull_rcsum(skb, check, sizeof(*check));
		kflow_csum_replace16(check, skb, addr, new);
		if (c->udp && !*check)
			*check = CSUM_MANGLED_0;
		skb_postpush_rcsum(skb, check, sizeof(*check));
	}
	memcpy(addr, new, 16);
	skb_postpush_rcsum(skb, addr, 16);
	skb_clear_hash(skb);
}

static bool kflow_masked_addr6(const __be32 *old, const __be32 *val,
			       const __be32 *mask, __be32 *out)
{
	bool changed = false;
	int i;

	for (i = 0; i < 4; i++) {
		out[i] = KFLOW_MASKED(old[i], val[i], mask[i]);
		changed |= out[i] != old[i];
	}
	return changed;
}

/* A routing header makes the L4 pseudo-header use the final address. */
static bool kflow_ipv6_has_rh(struct sk_buff *skb, const struct ipv6hdr *nh)
{
	unsigned int off = 0;
	int flags = IP6_FH_F_SKIP_RH;

	return ipv6_ext_hdr(nh->nexthdr) &&
	       ipv6_find_hdr(skb, &off, NEXTHDR_ROUTING, NULL, &flags) ==
	       NEXTHDR_ROUTING;
}

static void kflow_ipv6_set_addrs(struct sk_buff *skb, struct kflow_key *key,
				 const struct ovs_key_ipv6 *v,
				 const struct ovs_key_ipv6 *m,
				 const struct kflow_l4_csum *c)
{
	struct ipv6hdr *nh = ipv6_hdr(skb);
	__be32 addr[4];

	if (kflow_masked_addr6(nh->saddr.s6_addr32, v->ipv6_src, m->ipv6_src,
			       addr)) {
		kflow_ipv6_addr_set(skb, nh->saddr.s6_addr32, addr, c);
		memcpy(&key->ipv6.src, addr, sizeof(addr));
	}
	if (kflow_masked_addr6(nh->daddr.s6_addr32, v->ipv6_dst, m->ipv6_dst,
			       addr)) {
		kflow_ipv6_addr_set(skb, nh->daddr.s6_addr32, addr,
				    kflow_ipv6_has_rh(skb, nh) ? NULL : c);
		memcpy(&key->ipv6.dst, addr, sizeof(addr));
	}
}

/* Traffic class and flow label share the header's first word. */
static void kflow_ipv6_set_word0(struct sk_buff *skb, struct kflow_key *key,
				 const struct ovs_key_ipv6 *v,
				 const struct ovs_key_ipv6 *m)
{
	u32 lmask = ntohl(m->ipv6_label) & KFLOW_IPV6_LABEL_BITS;
	struct ipv6hdr *nh = ipv6_hdr(skb);
	u32 fl;

	skb_postpull_rcsum(skb, nh, 4);
	if (m->ipv6_tclass)
		ipv6_change_dsfield(nh, ~m->ipv6_tclass,
				    v->ipv6_tclass & m->ipv6_tclass);
	if (lmask) {
		fl = (nh->flow_lbl[0] & 0x0f) << 16 | nh->flow_lbl[1] << 8 |
		     nh->flow_lbl[2];
		fl = KFLOW_MASKED(fl, ntohl(v->ipv6_label), lmask);
		nh->flow_lbl[0] = (nh->flow_lbl[0] & 0xf0) | (fl >> 16);
		nh->flow_lbl[1] = fl >> 8;
		nh->flow_lbl[2] = fl;
	}
	skb_postpush_rcsum(skb, nh, 4);
	key->ip.tos = ipv6_get_dsfield(nh);
	key->ipv6.label = *(__be32 *)nh & htonl(KFLOW_IPV6_LABEL_BITS);
}

/* Hop limit, in the 16-bit word it shares with the next header. */
static void kflow_ipv6_set_hlimit(struct sk_buff *skb, u8 hlimit)
{
	struct ipv6hdr *nh = ipv6_hdr(skb);

	skb_postpull_rcsum(skb, &nh->nexthdr, 2);
	nh->hop_limit = hlimit;
	skb_postpush_rcsum(skb, &nh->nexthdr, 2);
}

static int kflow_set_ipv6(struct sk_buff *skb, struct kflow_key *key,
			  const void *val, const void *mask)
{
	const struct ovs_key_ipv6 *v = val, *m = mask;
	struct kflow_l4_csum c = { .off = -1 };
	u8 hlimit;
	int err;

	if (key->eth.type != htons(ETH_P_IPV6))
		return -EINVAL;
	err = skb_ensure_writable(skb, skb_network_offset(skb) +
				  sizeof(struct ipv6hdr));
	if (unlikely(err))
		return err;
	if (!ipv6_addr_any((const struct in6_addr *)m->ipv6_src) ||
	    !ipv6_addr_any((const struct in6_addr *)m->ipv6_dst)) {
		c = kflow_l4_csum_find(skb, key, sizeof(struct ipv6hdr), true);
		kflow_ipv6_set_addrs(skb, key, v, m, &c);
	}
	if (m->ipv6_tclass || (m->ipv6_label & htonl(KFLOW_IPV6_LABEL_BITS)))
		kflow_ipv6_set_word0(skb, key, v, m);
	if (m->ipv6_hlimit) {
		hlimit = KFLOW_MASKED(ipv6_hdr(skb)->hop_limit, v->ipv6_hlimit,
				      m->ipv6_hlimit);
		kflow_ipv6_set_hlimit(skb, hlimit);
		key->ip.ttl = hlimit;
	}
	return 0;
}

/* ---- L4 ports ---------------------------------------------------------- */

/*
 * The packet's L4 header of @proto, @hlen bytes made writable, or an
 * error if the packet is not that protocol or is too short.
 */
static int kflow_l4_prepare(struct sk_buff *skb, const struct kflow_key *key,
			    u8 proto, unsigned int hlen)
{
	unsigned int l3_len;

	if (key->eth.type == htons(ETH_P_IP))
		l3_len = sizeof(struct iphdr);
	else if (key->eth.type == htons(ETH_P_IPV6))
		l3_len = sizeof(struct ipv6hdr);
	else
		return -EINVAL;
	if (key->ip.proto != proto || key->ip.frag == OVS_FRAG_TYPE_LATER ||
	    !skb_transport_header_was_set(skb) ||
	    skb_transport_offset(skb) < skb_network_offset(skb) + l3_len)
		return -EINVAL;
	return skb_ensure_writable(skb, skb_transport_offset(skb) + hlen);
}

static int kflow_set_tcp(struct sk_buff *skb, struct kflow_key *key,
			 const void *val, const void *mask)
{
	const struct ovs_key_tcp *v = val, *m = mask;
	struct tcphdr *th;
	__be16 port;
	int err;

	err = kflow_l4_prepare(skb, key, IPPROTO_TCP, sizeof(*th));
	if (unlikely(err))
		return err;
	th = tcp_hdr(skb);
	/* Ports are outside the pseudo-header: the check field's change
	 * cancels theirs in skb->csum.
	 */
	port = KFLOW_MASKED(th->source, v->tcp_src, m->tcp_src);
	if (port != th->source) {
		inet_proto_csum_replace2(&th->check, skb, th->source, port,
					 false);
		th->source = port;
		key->tp.src = port;
	}
	port = KFLOW_MASKED(th->dest, v->tcp_dst, m->tcp_dst);
	if (port != th->dest) {
		inet_proto_csum_replace2(&th->check, skb, th->dest, port, false);
		th->dest = port;
		key->tp.dst = port;
	}
	skb_clear_hash(skb);
	return 0;
}

static int kflow_set_udp(struct sk_buff *skb, struct kflow_key *key,
			 const void *val, const void *mask)
{
	const struct ovs_key_udp *v = val, *m = mask;
	__be16 src, dst;
	struct udphdr *uh;
	int err;

	err = kflow_l4_prepare(skb, key, IPPROTO_UDP, sizeof(*uh));
	if (unlikely(err))
		return err;
	uh = udp_hdr(skb);
	src = KFLOW_MASKED(uh->source, v->udp_src, m->udp_src);
	dst = KFLOW_MASKED(uh->dest, v->udp_dst, m->udp_dst);
	if (uh->check && skb->ip_summed != CHECKSUM_PARTIAL) {
		inet_proto_csum_replace2(&uh->check, skb, uh->source, src, false);
		inet_proto_csum_replace2(&uh->check, skb, uh->dest, dst, false);
		if (!uh->check)
			uh->check = CSUM_MANGLED_0;
		uh->source = src;
		uh->dest = dst;
	} else {
		/* No checksum to cancel the change: fold it in skb->csum. */
		skb_postpull_rcsum(skb, uh, 2 * sizeof(__be16));
		uh->source = src;
		uh->dest = dst;
		skb_postpush_rcsum(skb, uh, 2 * sizeof(__be16));
	}
	key->tp.src = src;
	key->tp.dst = dst;
	skb_clear_hash(skb);
	return 0;
}

/* CRC32c from the always-built-in library, so kflow needs no libcrc32c. */
static __wsum kflow_crc32c_update(const void *mem, int len, __wsum crc)
{
	return (__force __wsum)__crc32c_le((__force u32)crc, mem, len);
}

static __wsum kflow_crc32c_combine(__wsum crc1, __wsum crc2, int off, int len)
{
	return (__force __wsum)__crc32c_le_combine((__force u32)crc1,
						   (__force u32)crc2, len);
}

static const struct skb_checksum_ops kflow_crc32c_ops = {
	.update = kflow_crc32c_update,
	.combine = kflow_crc32c_combine,
};

/* The correct SCTP checksum of the packet at @off (field zeroed). */
static __le32 kflow_sctp_csum(struct sk_buff *skb, unsigned int off)
{
	struct sctphdr *sh = (struct sctphdr *)(skb->data + off);
	__le32 saved = sh->checksum;
	u32 crc;

	sh->checksum = 0;
	crc = (__force u32)__skb_checksum(skb, off, skb->len - off,
					  (__force __wsum)~0U,
					  &kflow_crc32c_ops);
	sh->checksum = saved;
	return cpu_to_le32(~crc);
}

static int kflow_set_sctp(struct sk_buff *skb, struct kflow_key *key,
			  const void *val, const void *mask)
{
	const struct ovs_key_sctp *v = val, *m = mask;
	__le32 old_correct, new_correct;
	unsigned int off;
	struct sctphdr *sh;
	int err;

	err = kflow_l4_prepare(skb, key, IPPROTO_SCTP, sizeof(*sh));
	if (unlikely(err))
		return err;
	off = skb_transport_offset(skb);
	sh = sctp_hdr(skb);
	skb_postpull_rcsum(skb, sh, sizeof(*sh));
	old_correct = skb->ip_summed == CHECKSUM_PARTIAL ? 0 :
		      kflow_sctp_csum(skb, off);
	sh->source = KFLOW_MASKED(sh->source, v->sctp_src, m->sctp_src);
	sh->dest = KFLOW_MASKED(sh->dest, v->sctp_dst, m->sctp_dst);
	if (skb->ip_summed != CHECKSUM_PARTIAL) {
		/* Keep a bad checksum bad: carry its error over. */
		new_correct = kflow_sctp_csum(skb, off);
		sh->checksum = sh->checksum ^ old_correct ^ new_correct;
	}
	skb_postpush_rcsum(skb, sh, sizeof(*sh));
	key->tp.src = sh->source;
	key->tp.dst = sh->dest;
	skb_clear_hash(skb);
	return 0;
}

/* ---- dispatch ---------------------------------------------------------- */

static const kflow_set_fn kflow_set_fns[OVS_KEY_ATTR_MAX + 1] = {
	[OVS_KEY_ATTR_PRIORITY] = kflow_set_priority,
	[OVS_KEY_ATTR_SKB_MARK] = kflow_set_mark,
	[OVS_KEY_ATTR_ETHERNET] = kflow_set_eth,
	[OVS_KEY_ATTR_IPV4] = kflow_set_ipv4,
	[OVS_KEY_ATTR_IPV6] = kflow_set_ipv6,
	[OVS_KEY_ATTR_TCP] = kflow_set_tcp,
	[OVS_KEY_ATTR_UDP] = kflow_set_udp,
	[OVS_KEY_ATTR_SCTP] = kflow_set_sctp,
};

/* @ka: the internal SET/SET_MASKED payload (value then mask). */
int kflow_exec_set(struct sk_buff *skb, struct kflow_key *key,
		   const struct nlattr *ka)
{
	int type = nla_type(ka);
	const u8 *val = nla_data(ka);

	if (unlikely(type > OVS_KEY_ATTR_MAX || !kflow_set_fns[type]))
		return -EINVAL;
	return kflow_set_fns[type](skb, key, val, val + nla_len(ka) / 2);
}

/* ---- dec_ttl ----------------------------------------------------------- */

/* 0, -EHOSTUNREACH if the TTL would expire, or another error. */
int kflow_exec_dec_ttl(struct sk_buff *skb, struct kflow_key *key)
{
	unsigned int nhoff = skb_network_offset(skb);
	int err;

	if (key->eth.type == htons(ETH_P_IPV6)) {
		struct ipv6hdr *nh;

		err = skb_ensure_writable(skb, nhoff + sizeof(*nh));
		if (unlikely(err))
			return err;
		nh = ipv6_hdr(skb);
		if (nh->hop_limit <= 1)
			return -EHOSTUNREACH;
		kflow_ipv6_set_hlimit(skb, nh->hop_limit - 1);
		key->ip.ttl = nh->hop_limit;
	} else if (key->eth.type == htons(ETH_P_IP)) {
		struct iphdr *nh;

		err = skb_ensure_writable(skb, nhoff + sizeof(*nh));
		if (unlikely(err))
			return err;
		nh = ip_hdr(skb);
		if (nh->ttl <= 1)
			return -EHOSTUNREACH;
		csum_replace2(&nh->check, htons(nh->ttl << 8),
			      htons((nh->ttl - 1) << 8));
		nh->ttl--;
		key->ip.ttl = nh->ttl;
	}
	return 0;
}
