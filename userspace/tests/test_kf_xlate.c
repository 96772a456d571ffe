// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_xlate.c - translation on the Dragonflow pipeline of seed 000
 * (tables 0/40/51/52/60): the ARP responder built from move/set_field +
 * IN_PORT, the router flows with dec_ttl and MAC rewrite, CONTROLLER,
 * and the trace output.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/openvswitch.h>
#include "kf_seed_flows.h"
#include "kf_xlate_util.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define VM1_MAC "fa:16:3e:00:17:e6"	/* 10.1.0.3, port 11 */
#define VM2_MAC "fa:16:3e:cf:4b:ed"	/* 10.2.0.3, port 12 */
#define GW1_MAC "fa:16:3e:c0:8d:8b"	/* 10.1.0.1 */
#define GW2_MAC "fa:16:3e:c5:02:4d"	/* 10.2.0.1 */

static struct kf_ofproto *ofp;
static struct kf_bridge *br;

/* br-int with ports 2, 6, 7, 8, 11, 12 (datapath port = ofport + 100)
 * and every seed 000 flow. */
static void setup(void)
{
	static const uint16_t ports[] = { 2, 6, 7, 8, 11, 12 };
	size_t i, n = 0, bad = 0;
	char err[KF_ERR_LEN], name[16];

	ofp = kf_ofproto_create();
	br = kf_bridge_create(ofp, "br-int");
	for (i = 0; i < N(ports); i++) {
		snprintf(name, sizeof(name), "tap%u", ports[i]);
		tx_port(br, ports[i], ports[i] + 100u, name);
	}
	for (i = 0; i < N(kf_seed_dump); i++) {
		if (strncmp(kf_seed_dump[i][0], "000", 3))
			continue;
		n++;
		if (kf_bridge_add_flow(br, kf_seed_dump[i][1], err)) {
			tap_diag("%s: %s", kf_seed_dump[i][1], err);
			bad++;
		}
	}
	tap_ok(n >= 25 && !bad, "seed 000: %zu flows loaded, %zu failed", n,
	       bad);
}

static void arp_request(struct kf_flow *f, uint16_t port, const char *mac,
			const char *spa, const char *tpa)
{
	char m[256];

	snprintf(m, sizeof(m), "arp,in_port=%u,dl_src=%s,"
		 "dl_dst=ff:ff:ff:ff:ff:ff,arp_op=1,arp_spa=%s,arp_tpa=%s,"
		 "arp_sha=%s,arp_tha=00:00:00:00:00:00", port, mac, spa, tpa,
		 mac);
	tx_packet(f, m);
}

static void test_arp_responder(void)
{
	struct kf_xlate_out x;
	struct kf_flow f;
	int ret;

	arp_request(&f, 11, VM1_MAC, "10.1.0.3", "10.1.0.1");
	kf_xlate_out_init(&x);
	ret = tx_run(ofp, br, &f, 0, &x);
	tap_ok(!ret && !strcmp(tx_actions(&x),
		"set(eth(src=" GW1_MAC ")),set(arp(sip=10.1.0.1,tip=10.1.0.3,"
		"op=2,sha=" GW1_MAC ",tha=" VM1_MAC ")),111"),
	       "ARP responder: reply rewritten, out the in_port: %s",
	       tx_actions(&x));
	tap_ok(x.n_rules == 3 && x.rules[2]->of.table_id == 51,
	       "ARP responder: 3 rules hit (0, 40, 51)");
	tap_ok(x.slow == KF_SLOW_ACTION,
	       "ARP responder: set(arp) needs the slow path on Linux");
	tap_ok(!strcmp(tx_megaflow(&x),
		"recirc_id(0),in_port(111),eth(),"
		"eth_type(0x0806),arp(sip=10.1.0.3,tip=10.1.0.1,op=1,sha=" VM1_MAC ")"),
	       "ARP responder megaflow: move sources, no MACs: %s",
	       tx_megaflow(&x));
	kf_xlate_out_free(&x);

	ofp->caps.set_arp = true;
	kf_xlate_out_init(&x);
	tx_run(ofp, br, &f, 0, &x);
	tap_ok(!x.slow, "ARP responder: fast path when set(arp) exists");
	kf_xlate_out_free(&x);
	ofp->caps.set_arp = false;

	arp_request(&f, 12, VM2_MAC, "10.2.0.3", "10.2.0.1");
	kf_xlate_out_init(&x);
	tx_run(ofp, br, &f, 0, &x);
	tap_ok(strstr(tx_actions(&x), "set(eth(src=" GW2_MAC "))") &&
	       strstr(tx_actions(&x), "sip=10.2.0.1,tip=10.2.0.3,op=2") &&
	       !strcmp(strrchr(tx_actions(&x), ',') + 1, "112"),
	       "ARP responder for network 2 (metadata 0x1f43): %s",
	       tx_actions(&x));
	kf_xlate_out_free(&x);
}

static void routed(struct kf_flow *f, uint8_t ttl)
{
	tx_packet(f, "icmp,in_port=12,dl_src=" VM2_MAC ",dl_dst=" GW2_MAC
		  ",nw_src=10.2.0.3,nw_dst=10.1.0.3,icmp_type=8");
	f->nw_ttl = ttl;
}

static void test_router(void)
{
	struct kf_xlate_out x;
	struct kf_flow f;

	routed(&f, 64);
	ofp->caps.dec_ttl = true;
	kf_xlate_out_init(&x);
	tx_run(ofp, br, &f, 0, &x);
	tap_ok(!strncmp(tx_actions(&x), "dec_ttl(le_1(userspace(pid=77,", 30) &&
	       strstr(tx_actions(&x), ")),set(eth(src=" GW2_MAC ",dst="
		      VM1_MAC ")),111"),
	       "router: datapath dec_ttl, MAC rewrite, output: %s",
	       tx_actions(&x));
	tap_ok(x.wc.nw_ttl == 0 && !strstr(tx_megaflow(&x), "ttl="),
	       "router: TTL wildcarded with the datapath dec_ttl: %s",
	       tx_megaflow(&x));
	tap_ok(x.n_rules == 3 && x.rules[2]->of.cookie == 0x1008000000019ULL,
	       "router: the controller-installed rule is hit");
	kf_xlate_out_free(&x);

	ofp->caps.dec_ttl = false;
	kf_xlate_out_init(&x);
	tx_run(ofp, br, &f, 0, &x);
	tap_ok(!strcmp(tx_actions(&x), "set(eth(src=" GW2_MAC ",dst=" VM1_MAC
		       ")),set(ipv4(ttl=63)),111") && x.wc.nw_ttl == 0xff,
	       "router without datapath dec_ttl: set(ipv4(ttl)), TTL "
	       "matched: %s", tx_actions(&x));
	kf_xlate_out_free(&x);

	routed(&f, 1);
	kf_xlate_out_init(&x);
	tx_run(ofp, br, &f, 0, &x);
	tap_ok(x.n_pins == 1 && x.pins[0].reason == KF_PIN_INVALID_TTL &&
	       !strstr(tx_actions(&x), "111"),
	       "TTL 1: packet-in invalid_ttl, no output: %s", tx_actions(&x));
	kf_xlate_out_free(&x);

	ofp->caps.dec_ttl = true;
	kf_xlate_out_init(&x);
	tx_run(ofp, br, &f, 0, &x);
	tap_ok(!x.n_pins && strstr(tx_actions(&x), "111"),
	       "TTL 1 with datapath dec_ttl: same megaflow actions, the "
	       "datapath decides");
	kf_xlate_out_free(&x);
	ofp->caps.dec_ttl = false;
}

static void test_controller(void)
{
	struct kf_upcall_cookie ck;
	const struct nlattr *ua, *ud;
	struct kf_xlate_out x;
	struct kf_flow f;

	tx_packet(&f, "tcp,in_port=11,dl_src=" VM1_MAC ",dl_dst=" GW1_MAC
		  ",nw_src=10.1.0.3,nw_dst=10.2.0.9,tp_src=4000,tp_dst=80");
	kf_xlate_out_init(&x);
	tx_run(ofp, br, &f, 0, &x);
	ua = nla_find(nlbuf_data(&x.actions), nlbuf_len(&x.actions),
		      OVS_ACTION_ATTR_USERSPACE);
	ud = ua ? mnl_attr_next(mnl_attr_get_payload(ua)) : NULL;
	tap_ok(x.n_pins == 1 && x.pins[0].reason == KF_PIN_ACTION &&
	       x.pins[0].table_id == 52 && x.pins[0].max_len == 65535 &&
	       x.pins[0].flow.metadata == 0x1f42,
	       "CONTROLLER:65535 in table 52: one packet-in record");
	tap_ok(ud && kf_upcall_cookie_decode(mnl_attr_get_payload(ud),
					     mnl_attr_get_payload_len(ud),
					     &ck) &&
	       ck.type == KF_COOKIE_CONTROLLER && ck.table_id == 52 &&
	       ck.max_len == 65535 && !strncmp(tx_actions(&x),
					       "userspace(pid=77,", 17),
	       "CONTROLLER: userspace(pid, cookie) action: %s",
	       tx_actions(&x));
	tap_ok(x.wc.tp_src == 0 && x.wc.tp_dst == 0 && x.wc.nw_src == 0,
	       "CONTROLLER: megaflow ignores ports and nw_src: %s",
	       tx_megaflow(&x));
	kf_xlate_out_free(&x);
}

static void test_trace(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct kf_flow f;

	arp_request(&f, 11, VM1_MAC, "10.1.0.3", "10.1.0.1");
	kf_xlate_trace(ofp, br, &f, 0, &sb);
	tap_ok(strstr(sb_str(&sb), "Flow: arp,in_port=11,") &&
	       strstr(sb_str(&sb), "bridge(\"br-int\")\n----------------\n"
		      " 0. in_port=11, priority 1000, cookie 0x0\n"
		      "    write_metadata:0x1f42/0xffff\n"
		      "    goto_table:40\n"
		      "    40. arp, priority 1000, cookie 0x0\n"
		      "        goto_table:51\n"
		      "        51. arp,metadata=0x1f42,arp_tpa=10.1.0.1,"
		      "arp_op=1, priority 100, cookie 0x0\n"
		      "            set_field:2->arp_op\n") &&
	       strstr(sb_str(&sb), "\nMegaflow: ") &&
	       strstr(sb_str(&sb), "\nDatapath actions: set(eth(src="),
	       "trace: ofproto/trace style walk, megaflow, actions");
	if (getenv("KF_TRACE"))
		tap_diag("%s", sb_str(&sb));
	sb_free(&sb);
}

int main(void)
{
	setup();
	test_arp_responder();
	test_router();
	test_controller();
	test_trace();
	kf_ofproto_destroy(ofp);
	return tap_done();
}
