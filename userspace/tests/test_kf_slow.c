// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_slow.c - the userspace slow path on crafted frames: the seed
 * 000 ARP responder translated and executed (reply bytes, remaining
 * datapath actions), ND and ICMP rewrites with their checksums, the cut
 * of an action list around a slow write, refusals.
 */
#include <errno.h>
#include <string.h>
#include <linux/openvswitch.h>
#include "kf_seed_flows.h"
#include "kf_xlate_util.h"
#include "pkt_rewrite.h"
#include "xlate_slow.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_EXEC 4

/* What the fake datapath was asked to execute. */
struct capture {
	int n;
	uint8_t pkt[MAX_EXEC][128];
	size_t len[MAX_EXEC];
	char acts[MAX_EXEC][512];
};

static int capture_exec(void *aux, const uint8_t *pkt, size_t pkt_len,
			const void *acts, size_t acts_len)
{
	struct capture *c = aux;
	struct strbuf sb = STRBUF_INIT;

	if (c->n >= MAX_EXEC || pkt_len > sizeof(c->pkt[0]))
		return -E2BIG;
	memcpy(c->pkt[c->n], pkt, pkt_len);
	c->len[c->n] = pkt_len;
	odp_actions_format(&sb, acts, acts_len, NULL);
	snprintf(c->acts[c->n], sizeof(c->acts[0]), "%s", sb_str(&sb));
	sb_free(&sb);
	c->n++;
	return 0;
}

static const uint8_t vm1[6] = { 0xfa, 0x16, 0x3e, 0x00, 0x17, 0xe6 };
static const uint8_t gw1[6] = { 0xfa, 0x16, 0x3e, 0xc0, 0x8d, 0x8b };

/* Broadcast ARP request from VM1 (10.1.0.3) for its gateway 10.1.0.1,
 * padded to 60 bytes. */
static size_t arp_request(uint8_t *p)
{
	static const uint8_t hdr[] = { 0x08, 0x06, 0, 1, 0x08, 0x00, 6, 4,
				       0, 1 };

	memset(p, 0, 60);
	memset(p, 0xff, 6);
	memcpy(p + 6, vm1, 6);
	memcpy(p + 12, hdr, sizeof(hdr));
	memcpy(p + 22, vm1, 6);
	memcpy(p + 28, (uint8_t[]){ 10, 1, 0, 3 }, 4);
	memcpy(p + 38, (uint8_t[]){ 10, 1, 0, 1 }, 4);
	return 60;
}

static void parse_acts(struct nlbuf *b, const char *s)
{
	char err[ODP_ERR_LEN];

	nlbuf_reset(b);
	if (odp_actions_from_string(s, NULL, b, err))
		tap_diag("actions %s: %s", s, err);
}

/* The Dragonflow ARP responder (seed 000, table 51), translated from
 * the seed's own flows, then executed through the slow path. */
static void test_arp_responder(void)
{
	static const uint16_t ports[] = { 2, 6, 7, 8, 11, 12 };
	struct kf_ofproto *ofp = kf_ofproto_create();
	struct kf_bridge *br = kf_bridge_create(ofp, "br-int");
	struct capture cap = { 0 };
	struct kf_xlate_out x;
	struct kf_flow f;
	char err[KF_ERR_LEN], name[16];
	uint8_t pkt[60];
	size_t i, len;
	int n;

	for (i = 0; i < N(ports); i++) {
		snprintf(name, sizeof(name), "tap%u", ports[i]);
		tx_port(br, ports[i], ports[i] + 100u, name);
	}
	for (i = 0; i < N(kf_seed_dump); i++)
		if (!strncmp(kf_seed_dump[i][0], "000", 3))
			kf_bridge_add_flow(br, kf_seed_dump[i][1], err);
	tx_packet(&f, "arp,in_port=11,dl_src=fa:16:3e:00:17:e6,"
		  "dl_dst=ff:ff:ff:ff:ff:ff,arp_op=1,arp_spa=10.1.0.3,"
		  "arp_tpa=10.1.0.1,arp_sha=fa:16:3e:00:17:e6");
	kf_xlate_out_init(&x);
	tx_run(ofp, br, &f, 0, &x);
	tap_ok(x.slow && kf_slow_actions_need_userspace(
		       nlbuf_data(&x.actions), nlbuf_len(&x.actions)),
	       "ARP responder: translation is slow: %s", tx_actions(&x));

	len = arp_request(pkt);
	n = kf_slow_execute(nlbuf_data(&x.actions), nlbuf_len(&x.actions),
			    pkt, len, capture_exec, &cap, err, sizeof(err));
	tap_ok(n == 1 && cap.n == 1,
	       "ARP responder: one datapath execution (%d: %s)", n,
	       n < 0 ? err : "");
	tap_ok(!strcmp(cap.acts[0],
		       "set(eth(src=fa:16:3e:c0:8d:8b)),111"),
	       "ARP responder: the datapath gets the Ethernet rewrite and "
	       "the output, no set(arp): %s", cap.acts[0]);
	tap_ok(cap.pkt[0][21] == 2 && !memcmp(cap.pkt[0] + 22, gw1, 6) &&
	       !memcmp(cap.pkt[0] + 28, (uint8_t[]){ 10, 1, 0, 1 }, 4) &&
	       !memcmp(cap.pkt[0] + 32, vm1, 6) &&
	       !memcmp(cap.pkt[0] + 38, (uint8_t[]){ 10, 1, 0, 3 }, 4),
	       "ARP responder: the packet is a reply: op 2, sha/spa the "
	       "gateway 10.1.0.1, tha/tpa VM1 10.1.0.3");
	tap_ok(!memcmp(cap.pkt[0] + 6, vm1, 6) && cap.len[0] == 60,
	       "ARP responder: Ethernet left to the datapath, length kept");
	kf_xlate_out_free(&x);
	kf_ofproto_destroy(ofp);
}

/* Actions before a slow write see the packet unchanged; header changes
 * before it are replayed for the actions after it. */
static void test_cut(void)
{
	struct capture cap = { 0 };
	char err[KF_ERR_LEN];
	struct nlbuf b;
	uint8_t pkt[60];
	int n;

	nlbuf_init(&b, 4096);
	parse_acts(&b, "set(eth(src=fa:16:3e:c0:8d:8b)),1,push_vlan(vid=10,"
		   "pcp=0),set(arp(op=2)),2,pop_vlan,3");
	n = kf_slow_execute(nlbuf_data(&b), nlbuf_len(&b), pkt,
			    arp_request(pkt), capture_exec, &cap, err,
			    sizeof(err));
	tap_ok(n == 2 && cap.pkt[0][21] == 1 && cap.pkt[1][21] == 2,
	       "cut: output 1 gets the request, outputs 2 and 3 the reply "
	       "(%d executions)", n);
	tap_ok(n == 2 && !strcmp(cap.acts[0], "set(eth(src=fa:16:3e:c0:8d:8b)),"
				"1,push_vlan(vid=10,pcp=0)") &&
	       !strcmp(cap.acts[1], "set(eth(src=fa:16:3e:c0:8d:8b)),"
		       "push_vlan(vid=10,pcp=0),2,pop_vlan,3"),
	       "cut: the second execution replays set and push_vlan: "
	       "'%s' then '%s'", cap.acts[0], cap.acts[1]);

	memset(&cap, 0, sizeof(cap));
	parse_acts(&b, "set(arp(op=2))");
	n = kf_slow_execute(nlbuf_data(&b), nlbuf_len(&b), pkt,
			    arp_request(pkt), capture_exec, &cap, err,
			    sizeof(err));
	tap_ok(n == 0 && cap.n == 0,
	       "cut: a rewrite that outputs nothing executes nothing");

	parse_acts(&b, "clone(set(arp(op=2)),1)");
	n = kf_slow_execute(nlbuf_data(&b), nlbuf_len(&b), pkt,
			    arp_request(pkt), capture_exec, &cap, err,
			    sizeof(err));
	tap_ok(n == -EOPNOTSUPP && strstr(err, "nests"),
	       "cut: a slow write inside clone() is refused: %s", err);
	tap_ok(kf_slow_actions_need_userspace(nlbuf_data(&b), nlbuf_len(&b)),
	       "cut: the nested write is seen as slow");
	parse_acts(&b, "set(eth(src=fa:16:3e:c0:8d:8b)),dec_ttl(le_1(drop)),1");
	tap_ok(!kf_slow_actions_need_userspace(nlbuf_data(&b), nlbuf_len(&b)),
	       "cut: Ethernet writes and dec_ttl are not slow");
	nlbuf_free(&b);
}

static uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* One's complement sum of @n bytes plus @sum, folded. */
static uint16_t sum16(uint32_t sum, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += rd16(p + i);
	if (n & 1)
		sum += (uint32_t)p[n - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/* Neighbor solicitation from fe80::a for fe80::1 with a source
 * link-layer address option: 14 + 40 + 32 bytes. */
static size_t nd_solicit(uint8_t *p)
{
	static const uint8_t ip6[] = { 0x60, 0, 0, 0, 0, 32, 58, 255 };

	memset(p, 0, 86);
	memcpy(p, (uint8_t[]){ 0x33, 0x33, 0xff, 0, 0, 1 }, 6);
	p[11] = 0x0a;
	p[12] = 0x86, p[13] = 0xdd;
	memcpy(p + 14, ip6, sizeof(ip6));
	p[22] = 0xfe, p[23] = 0x80, p[37] = 0x0a;	/* fe80::a */
	p[38] = 0xff, p[39] = 0x02, p[49] = 1;		/* ff02::1:ff00:1 */
	p[50] = 0xff, p[53] = 1;
	p[54] = 135;
	p[62] = 0xfe, p[63] = 0x80, p[77] = 1;		/* target fe80::1 */
	p[78] = 1, p[79] = 1, p[85] = 0x0a;		/* SLL option */
	return 86;
}

static void test_nd_icmp(void)
{
	uint8_t key[sizeof(struct ovs_key_nd)], mask[sizeof(key)];
	struct ovs_key_icmp ik = { .icmp_type = 0 }, im = { 0xff, 0 };
	char err[KF_ERR_LEN];
	uint8_t p[86];
	size_t len = nd_solicit(p);
	int ret;

	memset(key, 0, sizeof(key));
	memset(mask, 0, sizeof(mask));
	memset(mask + offsetof(struct ovs_key_nd, nd_sll), 0xff, 6);
	memcpy(key + offsetof(struct ovs_key_nd, nd_sll), gw1, 6);
	memcpy(key + offsetof(struct ovs_key_nd, nd_tll), vm1, 6);
	ret = kf_pkt_set(p, len, OVS_KEY_ATTR_ND, key, mask, sizeof(key), err,
			 sizeof(err));
	tap_ok(!ret && !memcmp(p + 80, gw1, 6) && p[77] == 1,
	       "ND: nd_sll written into the SLL option, target kept (%s)",
	       ret ? err : "ok");
	tap_ok(sum16(32 + 58 + sum16(0, p + 22, 32), p + 54, 32) == 0xffff,
	       "ND: ICMPv6 checksum valid after the rewrite");

	memset(mask, 0xff, 16);
	memset(key, 0, 16);
	key[0] = 0x20, key[1] = 0x01, key[15] = 7;	/* 2001::7 */
	ret = kf_pkt_set(p, len, OVS_KEY_ATTR_ND, key, mask, sizeof(key), err,
			 sizeof(err));
	tap_ok(!ret && p[62] == 0x20 && p[77] == 7 &&
	       sum16(32 + 58 + sum16(0, p + 22, 32), p + 54, 32) == 0xffff,
	       "ND: nd_target rewritten, checksum valid");

	ret = kf_pkt_set(p, len, OVS_KEY_ATTR_ARP, key, NULL,
			 sizeof(struct ovs_key_arp), err, sizeof(err));
	tap_ok(ret == -EINVAL && strstr(err, "without an ARP header"),
	       "set(arp) on an IPv6 packet is refused: %s", err);

	/* IPv4 echo request 10.0.0.1 -> 10.0.0.2 with 8 bytes of data. */
	memset(p, 0, sizeof(p));
	p[12] = 0x08;
	memcpy(p + 14, (uint8_t[]){ 0x45, 0, 0, 36, 0, 0, 0x40, 0, 64, 1 },
	       10);
	p[26] = 10, p[29] = 1, p[30] = 10, p[33] = 2;
	p[34] = 8, p[38] = 0x12, p[42] = 0xab;
	ret = kf_pkt_set(p, 50, OVS_KEY_ATTR_ICMP, &ik, &im, sizeof(ik), err,
			 sizeof(err));
	tap_ok(!ret && p[34] == 0 && sum16(0, p + 34, 16) == 0xffff,
	       "ICMP: type 8 -> 0 (code kept), checksum valid");
	p[21] = 1;	/* a later fragment has no ICMP header */
	ret = kf_pkt_set(p, 50, OVS_KEY_ATTR_ICMP, &ik, &im, sizeof(ik), err,
			 sizeof(err));
	tap_ok(ret == -EINVAL, "ICMP: a later fragment is refused: %s", err);
}

int main(void)
{
	test_arp_responder();
	test_cut();
	test_nd_icmp();
	return tap_done();
}
