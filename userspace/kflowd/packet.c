// SPDX-License-Identifier: GPL-2.0
/*
 * packet.c - header fields of a raw Ethernet frame into struct kf_flow.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "packet.h"

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Neighbour solicitation (135) / advertisement (136): the target and a
 * source (1) or target (2) link-layer address option, as the datapath
 * key has them. */
static void nd(const uint8_t *p, size_t len, struct kf_flow *f)
{
	size_t ofs = 24, olen;

	memcpy(f->nd_target, p + 8, 16);
	for (; ofs + 8 <= len; ofs += olen) {
		olen = (size_t)p[ofs + 1] * 8;
		if (!olen || ofs + olen > len)
			return;
		if (p[ofs] == 1 && p[0] == 135 && olen == 8)
			memcpy(f->arp_sha, p + ofs + 2, 6);
		else if (p[ofs] == 2 && p[0] == 136 && olen == 8)
			memcpy(f->arp_tha, p + ofs + 2, 6);
	}
}

static void l4(const uint8_t *p, size_t len, struct kf_flow *f)
{
	switch (f->nw_proto) {
	case 6:		/* TCP */
		if (len >= 14)
			f->tcp_flags = be16(p + 12) & 0x0fff;
		/* fall through */
	case 17:	/* UDP */
	case 132:	/* SCTP */
		if (len >= 4) {
			f->tp_src = be16(p);
			f->tp_dst = be16(p + 2);
		}
		break;
	case 1:		/* ICMP */
	case 58:	/* ICMPv6 */
		if (len >= 2) {
			f->tp_src = p[0];
			f->tp_dst = p[1];
		}
		if (f->nw_proto == 58 && len >= 24 && !p[1] &&
		    (p[0] == 135 || p[0] == 136))
			nd(p, len, f);
		break;
	}
}

static void ipv4(const uint8_t *p, size_t len, struct kf_flow *f)
{
	size_t ihl;

	if (len < 20 || (p[0] >> 4) != 4 || (ihl = (p[0] & 15) * 4u) < 20 ||
	    ihl > len)
		return;
	f->nw_tos = p[1] & 0xfc;
	f->nw_ecn = p[1] & 3;
	f->nw_ttl = p[8];
	f->nw_proto = p[9];
	f->nw_src = be32(p + 12);
	f->nw_dst = be32(p + 16);
	if (be16(p + 6) & 0x3fff) {		/* MF or an offset */
		f->nw_frag = KF_FRAG_ANY;
		if (be16(p + 6) & 0x1fff)
			f->nw_frag |= KF_FRAG_LATER;
	}
	if (!(f->nw_frag & KF_FRAG_LATER))
		l4(p + ihl, len - ihl, f);
}

static void ipv6(const uint8_t *p, size_t len, struct kf_flow *f)
{
	if (len < 40 || (p[0] >> 4) != 6)
		return;
	f->nw_tos = (uint8_t)((be16(p) >> 4) & 0xfc);
	f->nw_ecn = (uint8_t)((be16(p) >> 4) & 3);
	f->ipv6_label = be32(p) & 0xfffff;
	f->nw_proto = p[6];
	f->nw_ttl = p[7];
	memcpy(f->ipv6_src, p + 8, 16);
	memcpy(f->ipv6_dst, p + 24, 16);
	l4(p + 40, len - 40, f);
}

static void arp(const uint8_t *p, size_t len, struct kf_flow *f)
{
	/* Ethernet/IPv4 ARP only: htype 1, ptype 0x0800, hlen 6, plen 4. */
	if (len < 28 || be16(p) != 1 || be16(p + 2) != 0x0800 || p[4] != 6 ||
	    p[5] != 4)
		return;
	f->arp_op = be16(p + 6);
	memcpy(f->arp_sha, p + 8, 6);
	f->nw_src = be32(p + 14);
	memcpy(f->arp_tha, p + 18, 6);
	f->nw_dst = be32(p + 24);
}

void kf_flow_from_packet(const void *pkt, size_t len, uint16_t in_port,
			 struct kf_flow *f)
{
	const uint8_t *p = pkt;
	size_t ofs = 12;
	int level;

	memset(f, 0, sizeof(*f));
	f->in_port = in_port;
	if (len < 14)
		return;
	memcpy(f->dl_dst, p, 6);
	memcpy(f->dl_src, p + 6, 6);
	for (level = 0; level < 2 && len >= ofs + 6 &&
	     (be16(p + ofs) == 0x8100 || be16(p + ofs) == 0x88a8); level++) {
		f->vlan_tci[level] = be16(p + ofs + 2) | KF_VLAN_CFI;
		ofs += 4;
	}
	f->dl_type = be16(p + ofs);
	ofs += 2;
	if (f->dl_type < 0x600) {
		f->dl_type = 0x05ff;		/* 802.3: no Ethernet II type */
		return;
	}
	if (f->dl_type == 0x0800)
		ipv4(p + ofs, len - ofs, f);
	else if (f->dl_type == 0x86dd)
		ipv6(p + ofs, len - ofs, f);
	else if (f->dl_type == 0x0806)
		arp(p + ofs, len - ofs, f);
}

static int nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int kf_packet_from_hex(const char *hex, uint8_t *out, size_t cap,
		       char err[KF_ERR_LEN])
{
	size_t i, n;

	if (!strncmp(hex, "0x", 2))
		hex += 2;
	n = strlen(hex);
	if (n % 2 || n / 2 > cap) {
		snprintf(err, KF_ERR_LEN, "packet: %zu hex digits (an even "
			 "number, at most %zu bytes)", n, cap);
		return -EINVAL;
	}
	for (i = 0; i < n / 2; i++) {
		int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			snprintf(err, KF_ERR_LEN, "packet: \"%.2s\" at byte "
				 "%zu is not hex", hex + 2 * i, i);
			return -EINVAL;
		}
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return (int)(n / 2);
}
