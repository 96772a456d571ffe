// SPDX-License-Identifier: GPL-2.0
/*
 * packet_flow.c - header fields of an Ethernet frame into a kf_flow.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "packet_flow.h"

#define ETH_P_IP 0x0800
#define ETH_P_ARP 0x0806
#define ETH_P_IPV6 0x86dd
#define ETH_P_8021Q 0x8100
#define ETH_P_8021AD 0x88a8

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* TCP/UDP/SCTP ports, TCP flags, ICMP(v6) type/code, ND fields. */
static void l4(const uint8_t *p, size_t len, struct kf_flow *f)
{
	switch (f->nw_proto) {
	case 6:
		if (len < 20)
			return;
		f->tcp_flags = be16(p + 12) & 0x0fff;
		/* fall through */
	case 17:
	case 132:
		if (len < 8)
			return;
		f->tp_src = be16(p);
		f->tp_dst = be16(p + 2);
		return;
	case 1:
	case 58:
		if (len < 4)
			return;
		f->tp_src = p[0];
		f->tp_dst = p[1];
		break;
	default:
		return;
	}
	if (f->nw_proto != 58 || (p[0] != 135 && p[0] != 136) || len < 24)
		return;
	memcpy(f->nd_target, p + 8, 16);
	/* one option: source (1) or target (2) link-layer address */
	if (len >= 32 && p[25] == 1 && p[24] == (p[0] == 135 ? 1 : 2))
		memcpy(p[0] == 135 ? f->arp_sha : f->arp_tha, p + 26, 6);
}

static void ipv4(const uint8_t *p, size_t len, struct kf_flow *f)
{
	size_t hl;
	uint16_t off;

	if (len < 20 || (p[0] >> 4) != 4 || (hl = (size_t)(p[0] & 15) * 4) < 20
	    || hl > len)
		return;
	f->nw_tos = p[1] & 0xfc;
	f->nw_ecn = p[1] & 0x03;
	f->nw_ttl = p[8];
	f->nw_proto = p[9];
	f->nw_src = be32(p + 12);
	f->nw_dst = be32(p + 16);
	off = be16(p + 6);
	if (off & 0x3fff)
		f->nw_frag = KF_FRAG_ANY | ((off & 0x1fff) ? KF_FRAG_LATER : 0);
	if (!(f->nw_frag & KF_FRAG_LATER))
		l4(p + hl, len - hl, f);
}

static void ipv6(const uint8_t *p, size_t len, struct kf_flow *f)
{
	uint32_t v;

	if (len < 40)
		return;
	v = be32(p);
	f->nw_tos = (uint8_t)(v >> 20) & 0xfc;
	f->nw_ecn = (uint8_t)(v >> 20) & 0x03;
	f->ipv6_label = v & 0xfffff;
	f->nw_proto = p[6];
	f->nw_ttl = p[7];
	memcpy(f->ipv6_src, p + 8, 16);
	memcpy(f->ipv6_dst, p + 24, 16);
	l4(p + 40, len - 40, f);
}

static void arp(const uint8_t *p, size_t len, struct kf_flow *f)
{
	if (len < 28 || be16(p) != 1 || be16(p + 2) != ETH_P_IP ||
	    p[4] != 6 || p[5] != 4)
		return;
	f->arp_op = be16(p + 6) & 0xff;
	memcpy(f->arp_sha, p + 8, 6);
	f->nw_src = be32(p + 14);
	memcpy(f->arp_tha, p + 18, 6);
	f->nw_dst = be32(p + 24);
}

int kf_packet_to_flow(const uint8_t *pkt, size_t len, struct kf_flow *f,
		      char err[KF_ERR_LEN])
{
	size_t off = 12;
	int n;

	if (len < 14) {
		snprintf(err, KF_ERR_LEN, "packet of %zu bytes: shorter than "
			 "an Ethernet header", len);
		return -EINVAL;
	}
	memcpy(f->dl_dst, pkt, 6);
	memcpy(f->dl_src, pkt + 6, 6);
	for (n = 0; n < 2 && len >= off + 6 &&
	     (be16(pkt + off) == ETH_P_8021Q || be16(pkt + off) == ETH_P_8021AD);
	     n++, off += 4)
		f->vlan_tci[n] = be16(pkt + off + 2) | KF_VLAN_CFI;
	f->dl_type = be16(pkt + off);
	off += 2;
	if (f->dl_type == ETH_P_IP)
		ipv4(pkt + off, len - off, f);
	else if (f->dl_type == ETH_P_IPV6)
		ipv6(pkt + off, len - off, f);
	else if (f->dl_type == ETH_P_ARP)
		arp(pkt + off, len - off, f);
	return 0;
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

int kf_hex_to_bytes(const char *hex, uint8_t *out, size_t cap,
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
