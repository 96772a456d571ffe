// SPDX-License-Identifier: GPL-2.0
/*
 * fz_frames.c - frames of every protocol kflow's flow key extraction
 * parses (Ethernet, 802.1Q/802.1ad, ARP, IPv4 with options and fragments,
 * IPv6 with extension headers and fragments, TCP, UDP, SCTP, ICMP,
 * ICMPv6 with neighbour discovery options, MPLS), and their mutations.
 * Checksums are left zero: the datapath does not check them.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "fz.h"

void fz_seed(struct fz_rng *r, uint64_t seed, uint64_t role)
{
	r->s = (seed ^ (role * 0x9E3779B97F4A7C15ULL)) | 1;
	fz_next(r);
	fz_next(r);
}

void fz_run_init(struct fz_run *run, uint64_t default_count)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	memset(run, 0, sizeof(*run));
	run->seed = ((uint64_t)ts.tv_sec * 1000003u) ^ (uint64_t)ts.tv_nsec ^
		    ((uint64_t)getpid() << 32);
	run->count = default_count;
}

bool fz_run_option(struct fz_run *run, int o, const char *arg)
{
	switch (o) {
	case 's': run->seed = strtoull(arg, NULL, 0); return true;
	case 'c': run->count = strtoull(arg, NULL, 0);
		  run->count_given = true; return true;
	case 'd': run->duration = (unsigned int)atoi(arg); return true;
	case 'T': run->trace = true; return true;
	default: return false;
	}
}

void fz_run_finish(struct fz_run *run)
{
	if (run->duration && !run->count_given)
		run->count = 0;
}

uint64_t fz_interesting(struct fz_rng *r, int bytes)
{
	uint64_t all = bytes >= 8 ? ~0ULL : (1ULL << (8 * bytes)) - 1;
	uint64_t top = 1ULL << (8 * bytes - 1);

	switch (fz_below(r, 8)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return all;
	case 3: return top;
	case 4: return top - 1;
	case 5: return all - 1;
	case 6: return fz_below(r, 64);
	default: return fz_next(r) & all;
	}
}

void fz_fill(struct fz_rng *r, uint8_t *p, size_t len)
{
	while (len--)
		*p++ = (uint8_t)fz_next(r);
}

static const char *const proto_names[FZ_N_PROTOS] = {
	"arp", "ipv4-tcp", "ipv4-udp", "ipv4-sctp", "ipv4-icmp",
	"ipv4-options", "ipv4-frag-first", "ipv4-frag-later",
	"ipv6-tcp", "ipv6-udp", "ipv6-sctp", "ipv6-icmp", "ipv6-nd-ns",
	"ipv6-nd-na", "ipv6-exthdrs", "ipv6-frag-first", "ipv6-frag-later",
	"mpls", "eth-only",
};

const char *fz_proto_name(enum fz_proto p)
{
	return p < FZ_N_PROTOS ? proto_names[p] : "random";
}

static uint8_t *put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = (uint8_t)v;
	return p + 2;
}

static uint8_t *put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	return put16(p + 2, (uint16_t)v);
}

/* Addresses from small pools, so flows with exact matches get hits. */
static uint8_t *put_mac(struct fz_rng *r, uint8_t *p)
{
	static const uint8_t base[6] = { 0x02, 0, 0, 0, 0, 0 };

	memcpy(p, base, 6);
	p[5] = 1 + fz_below(r, 4);
	if (fz_chance(r, 5))
		memset(p, 0xff, 6);
	return p + 6;
}

static uint8_t *put_ip4(struct fz_rng *r, uint8_t *p)
{
	return put32(p, 0x0a000000u | (1 + fz_below(r, 4)));
}

static uint8_t *put_ip6(struct fz_rng *r, uint8_t *p)
{
	memset(p, 0, 16);
	p[0] = 0xfd;
	p[15] = 1 + fz_below(r, 4);
	if (fz_chance(r, 20)) {
		p[0] = 0xfe;
		p[1] = 0x80;
	}
	return p + 16;
}

enum { L4_TCP = 6, L4_UDP = 17, L4_SCTP = 132, L4_ICMP = 1,
       L4_ICMP6 = 58 };

static uint8_t *put_l4(struct fz_rng *r, uint8_t *p, int proto, bool v6)
{
	uint16_t sport = fz_chance(r, 50) ? 80 : 1024 + fz_below(r, 4);
	uint16_t dport = fz_chance(r, 50) ? 80 : 1024 + fz_below(r, 4);

	switch (proto) {
	case L4_TCP:
		p = put16(put16(p, sport), dport);
		p = put32(put32(p, (uint32_t)fz_next(r)), 0);
		*p++ = 5 << 4;
		*p++ = (uint8_t)fz_below(r, 64);	/* flags */
		p = put16(put16(put16(p, 1024), 0), 0);
		break;
	case L4_UDP:
		p = put16(put16(p, sport), dport);
		p = put16(put16(p, 8 + 4), 0);
		break;
	case L4_SCTP:
		p = put16(put16(p, sport), dport);
		p = put32(put32(p, 1), 0);
		break;
	default:	/* ICMP / ICMPv6 echo */
		*p++ = v6 ? 128 : 8;
		*p++ = 0;
		p = put16(put16(put16(p, 0), 1), 1);
		break;
	}
	return put32(p, 0xdeadbeef);	/* a little payload */
}

static uint8_t *ipv4(struct fz_rng *r, uint8_t *p, int proto, int opts,
		     uint16_t frag)
{
	uint8_t *h = p, *end;

	*p++ = 0x45 + opts;
	*p++ = (uint8_t)fz_below(r, 256);	/* tos */
	p = put16(put16(p, 0), (uint16_t)fz_next(r));
	p = put16(p, frag);
	*p++ = fz_chance(r, 10) ? 1 : 64;	/* ttl 1: dec_ttl drops */
	*p++ = (uint8_t)proto;
	p = put16(p, 0);
	p = put_ip4(r, put_ip4(r, p));
	if (opts) {		/* NOP, record route, end */
		*p++ = 1;
		*p++ = 7;
		*p++ = (uint8_t)(opts * 4 - 1);
		*p++ = 4;
		memset(p, 0, opts * 4 - 4);
		p += opts * 4 - 4;
	}
	end = (frag & 0x1fff) ? put32(p, 0x01020304) : put_l4(r, p, proto,
								false);
	put16(h + 2, (uint16_t)(end - h));
	return end;
}

static uint8_t *nd(struct fz_rng *r, uint8_t *p, bool ns)
{
	*p++ = ns ? 135 : 136;
	*p++ = 0;
	p = put16(p, 0);
	p = put32(p, ns ? 0 : 0x60000000);
	p = put_ip6(r, p);
	*p++ = ns ? 1 : 2;	/* source / target link-layer address */
	*p++ = 1;
	return put_mac(r, p);
}

/* IPv6 with @ext extension headers (hop-by-hop, routing, destination)
 * and an optional fragment header (@frag: 0 none, 1 first, 2 later). */
static uint8_t *ipv6(struct fz_rng *r, uint8_t *p, int proto, int ext,
		     int frag)
{
	static const uint8_t ext_types[3] = { 0, 43, 60 };
	uint8_t *h = p, *nh;
	int i;

	p = put32(p, 0x60000000u | (uint32_t)fz_below(r, 1 << 20));
	p = put16(p, 0);
	nh = p++;
	*p++ = fz_chance(r, 10) ? 1 : 64;
	p = put_ip6(r, put_ip6(r, p));
	for (i = 0; i < ext; i++) {
		*nh = ext_types[i];
		nh = p;
		p[1] = 0;		/* 8 bytes */
		p[2] = i == 1 ? 0 : 1;	/* routing type 0 / PadN */
		p[3] = i == 1 ? 0 : 4;
		memset(p + 4, 0, 4);
		p += 8;
	}
	if (frag) {
		*nh = 44;
		nh = p;
		p[1] = 0;
		put16(p + 2, frag == 1 ? 1 : (uint16_t)(8 << 3));
		put32(p + 4, (uint32_t)fz_next(r));
		p += 8;
	}
	*nh = (uint8_t)proto;
	if (frag == 2)
		p = put32(p, 0x01020304);
	else if (proto == L4_ICMP6 && ext < 0)
		p = nd(r, p, ext == -1);
	else
		p = put_l4(r, p, proto, true);
	put16(h + 4, (uint16_t)(p - h - 40));
	return p;
}

static uint8_t *arp(struct fz_rng *r, uint8_t *p)
{
	p = put16(put16(p, 1), 0x0800);
	*p++ = 6;
	*p++ = 4;
	p = put16(p, 1 + fz_below(r, 2));
	p = put_ip4(r, put_mac(r, p));
	return put_ip4(r, put_mac(r, p));
}

static uint16_t ethertype_of(enum fz_proto proto)
{
	if (proto == FZ_ARP)
		return 0x0806;
	if (proto == FZ_MPLS)
		return 0x8847;
	if (proto == FZ_ETH_ONLY)
		return 0x88b5;		/* local experimental */
	return proto >= FZ_IPV6_TCP ? 0x86dd : 0x0800;
}

static uint8_t *l3(struct fz_rng *r, enum fz_proto proto, uint8_t *p)
{
	switch (proto) {
	case FZ_ARP: return arp(r, p);
	case FZ_IPV4_TCP: return ipv4(r, p, L4_TCP, 0, 0);
	case FZ_IPV4_UDP: return ipv4(r, p, L4_UDP, 0, 0);
	case FZ_IPV4_SCTP: return ipv4(r, p, L4_SCTP, 0, 0);
	case FZ_IPV4_ICMP: return ipv4(r, p, L4_ICMP, 0, 0);
	case FZ_IPV4_OPTS: return ipv4(r, p, L4_UDP, 1 + fz_below(r, 10), 0);
	case FZ_IPV4_FRAG_FIRST: return ipv4(r, p, L4_UDP, 0, 0x2000);
	case FZ_IPV4_FRAG_LATER: return ipv4(r, p, L4_UDP, 0, 0x2010);
	case FZ_IPV6_TCP: return ipv6(r, p, L4_TCP, 0, 0);
	case FZ_IPV6_UDP: return ipv6(r, p, L4_UDP, 0, 0);
	case FZ_IPV6_SCTP: return ipv6(r, p, L4_SCTP, 0, 0);
	case FZ_IPV6_ICMP: return ipv6(r, p, L4_ICMP6, 0, 0);
	case FZ_IPV6_ND_NS: return ipv6(r, p, L4_ICMP6, -1, 0);
	case FZ_IPV6_ND_NA: return ipv6(r, p, L4_ICMP6, -2, 0);
	case FZ_IPV6_EXTHDRS:
		return ipv6(r, p, L4_TCP, 1 + fz_below(r, 3), 0);
	case FZ_IPV6_FRAG_FIRST: return ipv6(r, p, L4_UDP, 0, 1);
	case FZ_IPV6_FRAG_LATER: return ipv6(r, p, L4_UDP, 0, 2);
	case FZ_MPLS:
		p = put32(p, 10 << 12 | 64);			/* not BoS */
		p = put32(p, 20 << 12 | 1 << 8 | 64);		/* BoS */
		return ipv4(r, p, L4_UDP, 0, 0);
	default:
		return put32(p, 0x01020304);
	}
}

size_t fz_frame(struct fz_rng *r, enum fz_proto proto, int vlans,
		uint8_t *buf)
{
	uint8_t *p = put_mac(r, put_mac(r, buf));
	int i;

	for (i = 0; i < vlans; i++) {
		p = put16(p, i == 0 && vlans == 2 ? 0x88a8 : 0x8100);
		p = put16(p, (uint16_t)(fz_below(r, 8) << 13 |
					(10 + fz_below(r, 3))));
	}
	p = put16(p, ethertype_of(proto));
	p = l3(r, proto, p);
	return (size_t)(p - buf);
}

static const uint16_t ethertypes[] = {
	0x0800, 0x86dd, 0x0806, 0x8035, 0x8100, 0x88a8, 0x8847, 0x8848,
	0x05dc, 0x0600, 0x0000, 0xffff, 0x894f,
};

size_t fz_frame_mutate(struct fz_rng *r, uint8_t *buf, size_t len)
{
	int n = 1 + fz_below(r, 4);
	size_t off;
	uint64_t v;

	while (n--) {
		if (!len)
			break;
		off = fz_below(r, (uint32_t)(len < 80 ? len : 80));
		switch (fz_below(r, 7)) {
		case 0:		/* bit flip */
			buf[off] ^= 1 << fz_below(r, 8);
			break;
		case 1:		/* interesting 1/2/4-byte value */
			v = fz_interesting(r, 4);
			memcpy(buf + off, &v, len - off < 4 ? len - off :
			       (size_t)1 << fz_below(r, 3));
			break;
		case 2:		/* truncated anywhere */
			len = fz_below(r, (uint32_t)len + 1);
			break;
		case 3:		/* trailing garbage */
			off = fz_below(r, 64);
			if (len + off <= FZ_FRAME_MAX) {
				fz_fill(r, buf + len, off);
				len += off;
			}
			break;
		case 4:		/* an ethertype where one may be */
			off = 12 + 4 * fz_below(r, 3);
			if (off + 2 <= len)
				put16(buf + off, ethertypes[fz_below(r,
					sizeof(ethertypes) / 2)]);
			break;
		case 5:		/* IP header length / total length lie */
			if (len > 18)
				buf[14] = (uint8_t)fz_next(r);
			if (len > 20)
				put16(buf + 16, (uint16_t)fz_interesting(r, 2));
			break;
		default:	/* random byte */
			buf[off] = (uint8_t)fz_next(r);
			break;
		}
	}
	return len;
}

size_t fz_frame_any(struct fz_rng *r, uint8_t *buf, enum fz_proto *proto)
{
	size_t len;

	*proto = (enum fz_proto)fz_below(r, FZ_N_PROTOS);
	if (fz_chance(r, 5)) {
		*proto = FZ_N_PROTOS;
		len = fz_below(r, 200);
		fz_fill(r, buf, len);
		return len;
	}
	len = fz_frame(r, *proto, fz_chance(r, 70) ? 0 : 1 + fz_below(r, 2),
		       buf);
	if (fz_chance(r, 60))
		len = fz_frame_mutate(r, buf, len);
	return len;
}
