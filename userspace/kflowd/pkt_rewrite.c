// SPDX-License-Identifier: GPL-2.0
/*
 * pkt_rewrite.c - ARP, ICMP, ICMPv6 and ND header writes on packet bytes
 * (the slow path's half of set_masked).  See pkt_rewrite.h.
 */
#include <errno.h>
#include <linux/openvswitch.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "pkt_rewrite.h"

#define ETH_HLEN 14
#define ARP_LEN 28		/* Ethernet/IPv4 ARP */
#define IP6_HLEN 40
#define ND_MIN_LEN 24		/* type, code, csum, flags, target */

struct pkt {
	uint8_t *p;
	size_t len;
	size_t l3;		/* offset of the network header */
	uint16_t type;		/* its ethertype */
	char *err;
	size_t err_len;
};

static uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static int fail(struct pkt *k, const char *what)
{
	snprintf(k->err, k->err_len, "slow path: %s", what);
	return -EINVAL;
}

/* Skip the Ethernet header and any VLAN tags. */
static int parse_l2(struct pkt *k)
{
	size_t off = ETH_HLEN;
	uint16_t type;

	if (k->len < ETH_HLEN)
		return fail(k, "packet shorter than an Ethernet header");
	type = rd16(k->p + 12);
	while (type == 0x8100 || type == 0x88a8) {
		if (k->len < off + 4)
			return fail(k, "truncated VLAN tag");
		type = rd16(k->p + off + 2);
		off += 4;
	}
	k->l3 = off;
	k->type = type;
	return 0;
}

/* dst = (dst & ~mask) | (key & mask) */
static void mset(uint8_t *dst, const uint8_t *key, const uint8_t *mask,
		 size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dst[i] = (uint8_t)((dst[i] & ~mask[i]) | (key[i] & mask[i]));
}

static uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += rd16(p + i);
	if (n & 1)
		sum += (uint32_t)p[n - 1] << 8;
	return sum;
}

static uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static int set_arp(struct pkt *k, const uint8_t *key, const uint8_t *mask)
{
	uint8_t *a = k->p + k->l3;

	if (k->type != 0x0806 || k->len < k->l3 + ARP_LEN)
		return fail(k, "set(arp) on a packet without an ARP header");
	if (rd16(a) != 1 || rd16(a + 2) != 0x0800 || a[4] != 6 || a[5] != 4)
		return fail(k, "set(arp) on an ARP packet that is not "
			    "Ethernet/IPv4");
#define ARP_SET(field, pos, n) \
	mset(a + (pos), key + offsetof(struct ovs_key_arp, field), \
	     mask + offsetof(struct ovs_key_arp, field), (n))
	ARP_SET(arp_op, 6, 2);
	ARP_SET(arp_sha, 8, 6);
	ARP_SET(arp_sip, 14, 4);
	ARP_SET(arp_tha, 18, 6);
	ARP_SET(arp_tip, 24, 4);
#undef ARP_SET
	return 0;
}

/* The ICMP message of an IPv4 first fragment: offset and length. */
static int find_icmp4(struct pkt *k, size_t *off, size_t *len)
{
	const uint8_t *ip = k->p + k->l3;
	size_t ihl, tot;

	if (k->type != 0x0800 || k->len < k->l3 + 20 || ip[0] >> 4 != 4)
		return fail(k, "set(icmp) on a packet that is not IPv4");
	ihl = (size_t)(ip[0] & 0xf) * 4;
	tot = rd16(ip + 2);
	if (ip[9] != 1 || (rd16(ip + 6) & 0x1fff) || ihl < 20 || tot < ihl ||
	    k->len < k->l3 + ihl + 4)
		return fail(k, "set(icmp) on an IPv4 packet without an ICMP "
			    "header");
	*off = k->l3 + ihl;
	*len = k->len - *off;
	if (tot - ihl < *len)
		*len = tot - ihl;
	return 0;
}

static int set_icmp(struct pkt *k, const uint8_t *key, const uint8_t *mask)
{
	size_t off, len;
	uint8_t *m;

	if (find_icmp4(k, &off, &len))
		return -EINVAL;
	m = k->p + off;
	mset(m, key, mask, 2);
	wr16(m + 2, 0);
	wr16(m + 2, csum_fold(csum_add(0, m, len)));
	return 0;
}

/* The ICMPv6 message right after the IPv6 header (ND packets carry no
 * extension headers: RFC 4861 requires hop limit 255 and none are
 * expected). */
static int find_icmp6(struct pkt *k, size_t *off, size_t *len)
{
	const uint8_t *ip = k->p + k->l3;

	if (k->type != 0x86dd || k->len < k->l3 + IP6_HLEN + 4 ||
	    ip[0] >> 4 != 6 || ip[6] != 58)
		return fail(k, "set(icmpv6/nd) on a packet without an ICMPv6 "
			    "header after the IPv6 header");
	*off = k->l3 + IP6_HLEN;
	*len = k->len - *off;
	if (rd16(ip + 4) < *len)
		*len = rd16(ip + 4);
	return 0;
}

static void icmp6_csum(struct pkt *k, size_t off, size_t len)
{
	const uint8_t *ip = k->p + k->l3;
	uint8_t *m = k->p + off;
	uint32_t sum;

	wr16(m + 2, 0);
	sum = csum_add(0, ip + 8, 32);		/* source, destination */
	sum += (uint32_t)(len >> 16) + (uint32_t)(len & 0xffff) + 58;
	wr16(m + 2, csum_fold(csum_add(sum, m, len)));
}

static int set_icmp6(struct pkt *k, const uint8_t *key, const uint8_t *mask)
{
	size_t off, len;

	if (find_icmp6(k, &off, &len))
		return -EINVAL;
	mset(k->p + off, key, mask, 2);
	icmp6_csum(k, off, len);
	return 0;
}

/* The link-layer address option of @type (1 source, 2 target). */
static uint8_t *nd_option(uint8_t *m, size_t len, uint8_t type)
{
	size_t o = ND_MIN_LEN, olen;

	while (o + 8 <= len) {
		olen = (size_t)m[o + 1] * 8;
		if (!olen || o + olen > len)
			return NULL;
		if (m[o] == type)
			return m + o + 2;
		o += olen;
	}
	return NULL;
}

static int set_nd(struct pkt *k, const uint8_t *key, const uint8_t *mask)
{
	size_t off, len;
	uint8_t *m, *ll;

	if (find_icmp6(k, &off, &len))
		return -EINVAL;
	m = k->p + off;
	if ((m[0] != 135 && m[0] != 136) || len < ND_MIN_LEN)
		return fail(k, "set(nd) on an ICMPv6 packet that is not a "
			    "neighbor solicitation or advertisement");
	mset(m + 8, key + offsetof(struct ovs_key_nd, nd_target),
	     mask + offsetof(struct ovs_key_nd, nd_target), 16);
	ll = nd_option(m, len, 1);
	if (ll)
		mset(ll, key + offsetof(struct ovs_key_nd, nd_sll),
		     mask + offsetof(struct ovs_key_nd, nd_sll), 6);
	ll = nd_option(m, len, 2);
	if (ll)
		mset(ll, key + offsetof(struct ovs_key_nd, nd_tll),
		     mask + offsetof(struct ovs_key_nd, nd_tll), 6);
	icmp6_csum(k, off, len);
	return 0;
}

static size_t attr_size(uint16_t key_type)
{
	switch (key_type) {
	case OVS_KEY_ATTR_ARP:
		return sizeof(struct ovs_key_arp);
	case OVS_KEY_ATTR_ICMP:
		return sizeof(struct ovs_key_icmp);
	case OVS_KEY_ATTR_ICMPV6:
		return sizeof(struct ovs_key_icmpv6);
	case OVS_KEY_ATTR_ND:
		return sizeof(struct ovs_key_nd);
	}
	return 0;
}

bool kf_pkt_set_supported(uint16_t key_type)
{
	return attr_size(key_type) != 0;
}

int kf_pkt_set(uint8_t *pkt, size_t pkt_len, uint16_t key_type,
	       const void *key, const void *mask, size_t len, char *err,
	       size_t err_len)
{
	struct pkt k = { .p = pkt, .len = pkt_len, .err = err,
			 .err_len = err_len };
	uint8_t ones[sizeof(struct ovs_key_nd)];

	if (!attr_size(key_type) || len != attr_size(key_type)) {
		snprintf(err, err_len, "slow path: key attribute %u of %zu "
			 "bytes cannot be written", key_type, len);
		return -EINVAL;
	}
	if (!mask) {
		memset(ones, 0xff, sizeof(ones));
		mask = ones;
	}
	if (parse_l2(&k))
		return -EINVAL;
	switch (key_type) {
	case OVS_KEY_ATTR_ARP:
		return set_arp(&k, key, mask);
	case OVS_KEY_ATTR_ICMP:
		return set_icmp(&k, key, mask);
	case OVS_KEY_ATTR_ICMPV6:
		return set_icmp6(&k, key, mask);
	default:
		return set_nd(&k, key, mask);
	}
}
