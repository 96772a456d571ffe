// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_xlate_l2.c - translation: NORMAL (learning, flooding, access and
 * trunk VLANs, aging), the seed 003 routing bridge joined to br-int by
 * patch ports (one datapath translation across both bridges),
 * conjunctive matches, megaflow width of an ACL, clone, resubmit limits.
 */
#include <string.h>
#include "kf_xlate_util.h"
#include "mac_learning.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define MAC_A "00:00:00:00:00:0a"
#define MAC_B "00:00:00:00:00:0b"

static const char *xl(struct kf_ofproto *ofp, struct kf_bridge *br,
		      const char *pkt, uint64_t now, struct kf_xlate_out *x)
{
	struct kf_flow f;

	tx_packet(&f, pkt);
	kf_xlate_out_free(x);
	kf_xlate_out_init(x);
	tx_run(ofp, br, &f, now, x);
	return tx_actions(x);
}

/* br0: trunks 1-3, access ports 4 (VLAN 10) and 5 (VLAN 20). */
static void test_normal(void)
{
	static const char *const flows[] = { "priority=0 actions=NORMAL" };
	struct kf_ofproto *ofp = kf_ofproto_create();
	struct kf_bridge *br = kf_bridge_create(ofp, "br0");
	struct kf_xlate_out x;
	const char *a;
	uint16_t i;

	for (i = 1; i <= 5; i++) {
		char name[8] = "p0";

		name[1] = (char)('0' + i);
		tx_port(br, i, 100 + i, name);
	}
	kf_bridge_port(br, 4)->vlan_mode = KF_VLAN_ACCESS;
	kf_bridge_port(br, 4)->tag = 10;
	kf_bridge_port(br, 5)->vlan_mode = KF_VLAN_ACCESS;
	kf_bridge_port(br, 5)->tag = 20;
	tx_flows(br, flows, N(flows));
	kf_xlate_out_init(&x);

	a = xl(ofp, br, "in_port=4,dl_src=" MAC_A ",dl_dst=" MAC_B
	       ",dl_type=0x0800", 1000, &x);
	tap_ok(!strcmp(a, "push_vlan(vid=10,pcp=0),101,102,103"),
	       "NORMAL: unknown unicast from access port floods to the "
	       "trunks, tagged: %s", a);
	tap_ok(x.n_macs == 1 && x.macs[0].vlan == 10 && x.macs[0].port == 4 &&
	       kf_mac_lookup(br->ml, x.macs[0].mac, 10, 1000) == 4,
	       "NORMAL: learned " MAC_A " on port 4 VLAN 10");
	tap_ok(strstr(tx_megaflow(&x), "eth(src=" MAC_A ",dst=" MAC_B ")") &&
	       strstr(tx_megaflow(&x), "ipv4(frag=no)"),
	       "NORMAL megaflow: MACs exact, nothing of L3: %s",
	       tx_megaflow(&x));

	a = xl(ofp, br, "in_port=1,dl_vlan=10,dl_src=" MAC_B ",dl_dst="
	       MAC_A ",dl_type=0x0800", 2000, &x);
	tap_ok(!strcmp(a, "pop_vlan,104"),
	       "NORMAL: tagged reply to a learned MAC: pop_vlan, access "
	       "port: %s", a);
	tap_ok(strstr(tx_megaflow(&x), "vlan(vid=10),encap(") != NULL,
	       "NORMAL megaflow: VID exact, PCP wildcarded: %s",
	       tx_megaflow(&x));

	a = xl(ofp, br, "in_port=4,dl_src=" MAC_A ",dl_dst=" MAC_B
	       ",dl_type=0x0800", 3000, &x);
	tap_ok(!strcmp(a, "push_vlan(vid=10,pcp=0),101") && !x.n_macs,
	       "NORMAL: now known: one tagged output, no learning: %s", a);

	a = xl(ofp, br, "in_port=1,dl_src=" MAC_B ",dl_dst=ff:ff:ff:ff:ff:ff"
	       ",dl_type=0x0806", 3000, &x);
	tap_ok(!strcmp(a, "102,103"),
	       "NORMAL: untagged broadcast on a trunk floods VLAN 0: %s", a);

	a = xl(ofp, br, "in_port=5,dl_vlan=20,dl_src=" MAC_B ",dl_dst=" MAC_A
	       ",dl_type=0x0800", 3000, &x);
	tap_ok(!strcmp(a, "drop"),
	       "NORMAL: tagged frame on an access port is dropped: %s", a);

	a = xl(ofp, br, "in_port=1,dl_vlan=20,dl_src=" MAC_B ",dl_dst=" MAC_A
	       ",dl_type=0x0800", 3000, &x);
	tap_ok(!strcmp(a, "102,103,pop_vlan,105"),
	       "NORMAL: MAC known in VLAN 10 only: flood VLAN 20: %s", a);

	a = xl(ofp, br, "in_port=4,dl_src=" MAC_A ",dl_dst=" MAC_B
	       ",dl_type=0x0800", 2000 + KF_MAC_DEFAULT_IDLE_MS, &x);
	tap_ok(!strcmp(a, "push_vlan(vid=10,pcp=0),101,102,103"),
	       "NORMAL: entry aged out after 300 s: flood again: %s", a);

	kf_xlate_out_free(&x);
	kf_ofproto_destroy(ofp);
}

#define VM1 "fa:16:3e:00:00:01"
#define VM2 "fa:16:3e:00:00:02"
#define R1 "fa:16:3e:00:01:01"
#define R2 "fa:16:3e:00:01:02"

/* Seed 003 (dvr_local_openflow): br-int with VMs on access VLANs 1 and 2
 * and a patch port per router interface; br-router answers ARP for the
 * gateways (move/set_field + IN_PORT), routes with dec_ttl and MAC
 * rewrite, sends the rest to the router's tap. */
static void setup_router(struct kf_ofproto *ofp, struct kf_bridge **pint,
			 struct kf_bridge **prt)
{
	static const char *const rflows[] = {
		"priority=1,in_port=1 actions=output:3",
		"priority=1,in_port=2 actions=output:3",
		"priority=100,arp,in_port=1,arp_tpa=10.1.0.1,arp_op=1 "
		"actions=move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[],"
		"set_field:" R1 "->eth_src,set_field:2->arp_op,"
		"move:NXM_NX_ARP_SHA[]->NXM_NX_ARP_THA[],"
		"move:NXM_OF_ARP_SPA[]->NXM_OF_ARP_TPA[],"
		"set_field:" R1 "->arp_sha,set_field:10.1.0.1->arp_spa,IN_PORT",
		"priority=200,ip,in_port=1,nw_dst=10.2.0.3 actions=dec_ttl,"
		"set_field:" R2 "->eth_src,set_field:" VM2 "->eth_dst,output:2",
		"priority=200,ip,in_port=2,nw_dst=10.1.0.3 actions=dec_ttl,"
		"set_field:" R1 "->eth_src,set_field:" VM1 "->eth_dst,output:1",
	};
	static const char *const iflows[] = { "priority=0 actions=NORMAL" };
	struct kf_bridge *bi = kf_bridge_create(ofp, "br-int");
	struct kf_bridge *br = kf_bridge_create(ofp, "br-router");
	struct kf_port *p;

	p = tx_port(bi, 1, 1, "tap-vm1");
	p->vlan_mode = KF_VLAN_ACCESS, p->tag = 1;
	p = tx_port(bi, 2, 2, "tap-vm2");
	p->vlan_mode = KF_VLAN_ACCESS, p->tag = 2;
	p = tx_patch(bi, 10, "int-r1", "r1-int");
	p->vlan_mode = KF_VLAN_ACCESS, p->tag = 1;
	p = tx_patch(bi, 11, "int-r2", "r2-int");
	p->vlan_mode = KF_VLAN_ACCESS, p->tag = 2;
	tx_patch(br, 1, "r1-int", "int-r1");
	tx_patch(br, 2, "r2-int", "int-r2");
	tx_port(br, 3, 5, "tap-router");
	tap_ok(!tx_flows(bi, iflows, N(iflows)) &&
	       !tx_flows(br, rflows, N(rflows)),
	       "seed 003: br-int and br-router flows parse");
	*pint = bi;
	*prt = br;
}

static void test_patch(void)
{
	struct kf_ofproto *ofp = kf_ofproto_create();
	struct kf_bridge *bi, *br;
	struct kf_xlate_out x;
	const char *a;

	ofp->caps.dec_ttl = true;
	setup_router(ofp, &bi, &br);
	kf_xlate_out_init(&x);
	a = xl(ofp, bi, "arp,in_port=1,dl_src=" VM1 ",dl_dst=ff:ff:ff:ff:ff:ff,"
	       "arp_op=1,arp_spa=10.1.0.3,arp_tpa=10.1.0.1,arp_sha=" VM1, 0,
	       &x);
	tap_ok(!strcmp(a, "set(eth(src=" R1 ",dst=" VM1 ")),set(arp(sip="
		       "10.1.0.1,tip=10.1.0.3,op=2,sha=" R1 ",tha=" VM1 ")),1"),
	       "patch: ARP request answered by br-router, back through "
	       "br-int NORMAL to the VM, one datapath pass: %s", a);
	tap_ok(x.n_rules == 3 && x.rules[1]->bridge == br &&
	       x.rules[2]->bridge == bi,
	       "patch: rules hit in br-int, br-router, br-int");

	a = xl(ofp, bi, "icmp,in_port=1,dl_src=" VM1 ",dl_dst=" R1
	       ",nw_src=10.1.0.3,nw_dst=10.2.0.3", 0, &x);
	tap_ok(strstr(a, "dec_ttl(le_1(userspace(") &&
	       strstr(a, ")),set(eth(src=" R2 ",dst=" VM2 ")),2") &&
	       !strchr(strstr(a, "2"), '5'),
	       "patch: routed VLAN 1 -> VLAN 2 across two bridges: %s", a);
	tap_ok(strstr(tx_megaflow(&x), "eth(src=" VM1 ",dst=" R1 ")") &&
	       strstr(tx_megaflow(&x), "ipv4(dst=10.2.0.3,frag=no)"),
	       "patch: megaflow has the original MACs only, TTL "
	       "wildcarded: %s", tx_megaflow(&x));
	tap_ok(x.n_macs == 1 && x.macs[0].bridge == bi &&
	       x.macs[0].port == 11 && x.macs[0].vlan == 2,
	       "patch: br-int learned the router MAC on the VLAN 2 patch");

	a = xl(ofp, bi, "icmp,in_port=2,dl_src=" VM2 ",dl_dst=" R2
	       ",nw_src=10.2.0.3,nw_dst=10.9.9.9", 0, &x);
	tap_ok(!strcmp(a, "5"),
	       "patch: unrouted traffic goes to the router tap: %s", a);

	kf_xlate_out_free(&x);
	kf_ofproto_destroy(ofp);
}

static void test_conjunction(void)
{
	static const char *const flows[] = {
		"priority=10,ip,nw_src=10.0.0.1 actions=conjunction(7,1/2)",
		"priority=10,ip,nw_src=10.0.0.2 actions=conjunction(7,1/2)",
		"priority=10,tcp,tp_dst=80 actions=conjunction(7,2/2)",
		"priority=10,tcp,tp_dst=443 actions=conjunction(7,2/2)",
		"priority=10,conj_id=7,ip actions=output:2",
		"priority=5,tcp,tp_dst=22 actions=output:3",
		"priority=0 actions=drop",
	};
	static const struct { const char *pkt; const char *acts; } cases[] = {
		{ "tcp,in_port=1,nw_src=10.0.0.1,tp_dst=80", "102" },
		{ "tcp,in_port=1,nw_src=10.0.0.2,tp_dst=443", "102" },
		{ "tcp,in_port=1,nw_src=10.0.0.3,tp_dst=80", "drop" },
		{ "tcp,in_port=1,nw_src=10.0.0.1,tp_dst=22", "103" },
		{ "tcp,in_port=1,nw_src=10.0.0.1,tp_dst=25", "drop" },
	};
	struct kf_ofproto *ofp = kf_ofproto_create();
	struct kf_bridge *br = kf_bridge_create(ofp, "br0");
	struct kf_xlate_out x;
	size_t i;

	tx_port(br, 1, 101, "p1");
	tx_port(br, 2, 102, "p2");
	tx_port(br, 3, 103, "p3");
	tx_flows(br, flows, N(flows));
	kf_xlate_out_init(&x);
	for (i = 0; i < N(cases); i++) {
		const char *a = xl(ofp, br, cases[i].pkt, 0, &x);

		tap_ok(!strcmp(a, cases[i].acts), "conjunction: %s -> %s (%s)",
		       cases[i].pkt, a, tx_megaflow(&x));
	}
	kf_xlate_out_free(&x);
	kf_ofproto_destroy(ofp);
}

/* An ACL on tcp_dst=80: every source port shares one megaflow. */
static void test_acl_width(void)
{
	static const char *const flows[] = {
		"priority=100,tcp,tp_dst=80 actions=output:2",
		"priority=0 actions=drop",
	};
	struct kf_ofproto *ofp = kf_ofproto_create();
	struct kf_bridge *br = kf_bridge_create(ofp, "br0");
	struct strbuf first = STRBUF_INIT;
	struct kf_xlate_out x;
	int sport, same = 0, total = 0;
	char pkt[128];

	tx_port(br, 1, 101, "p1");
	tx_port(br, 2, 102, "p2");
	tx_flows(br, flows, N(flows));
	kf_xlate_out_init(&x);
	for (sport = 1024; sport < 65536; sport += 997) {
		snprintf(pkt, sizeof(pkt), "tcp,in_port=1,nw_src=10.0.%d.%d,"
			 "tp_src=%d,tp_dst=80", sport % 251, sport % 13,
			 sport);
		xl(ofp, br, pkt, 0, &x);
		if (!first.len)
			sb_puts(&first, tx_megaflow(&x));
		total++;
		same += !strcmp(tx_megaflow(&x), sb_str(&first)) &&
			!strcmp(tx_actions(&x), "102") && !x.wc.tp_src;
	}
	tap_ok(same == total && strstr(sb_str(&first), "tcp(dst=80)"),
	       "ACL tcp_dst=80: %d source ports, one megaflow without tp_src: "
	       "%s", total, sb_str(&first));
	xl(ofp, br, "tcp,in_port=1,tp_src=80,tp_dst=81", 0, &x);
	tap_ok(!strcmp(tx_actions(&x), "drop") &&
	       strstr(tx_megaflow(&x), "tcp(dst=81)"),
	       "ACL miss: drop megaflow pins tp_dst only: %s",
	       tx_megaflow(&x));
	sb_free(&first);
	kf_xlate_out_free(&x);
	kf_ofproto_destroy(ofp);
}

static void test_misc(void)
{
	static const char *const flows[] = {
		"in_port=1 actions=clone(mod_dl_dst:" MAC_B ",output:2),output:3",
		"in_port=2 actions=resubmit(,0)",
		"in_port=3 actions=resubmit(4,1)",
		"table=1,in_port=4 actions=mod_vlan_vid:5,output:2,strip_vlan,"
		"output:1",
		"table=0,in_port=5 actions=resubmit(,60)",
		"table=60,priority=1 actions=move:NXM_NX_TUN_ID[0..31]->"
		"NXM_NX_PKT_MARK[],output:6",
		"in_port=6,ip,ip_dscp=5 actions=output:1",
	};
	struct kf_ofproto *ofp = kf_ofproto_create();
	struct kf_bridge *br = kf_bridge_create(ofp, "br0");
	struct kf_xlate_out x;
	struct kf_flow f;
	const char *a;
	uint16_t i;

	for (i = 1; i <= 6; i++)
		tx_port(br, i, 100 + i, "p");
	tx_flows(br, flows, N(flows));
	kf_xlate_out_init(&x);
	ofp->caps.clone = true;
	a = xl(ofp, br, "in_port=1,dl_dst=" MAC_A, 0, &x);
	tap_ok(!strcmp(a, "clone(set(eth(dst=" MAC_B ")),102),103") &&
	       !strstr(tx_megaflow(&x), "dst="),
	       "clone: datapath clone, dl_dst stays wildcarded: %s", a);
	ofp->caps.clone = false;
	a = xl(ofp, br, "in_port=1,dl_dst=" MAC_A, 0, &x);
	tap_ok(!strcmp(a, "set(eth(dst=" MAC_B ")),102,set(eth(dst=" MAC_A
		       ")),103") && strstr(tx_megaflow(&x), "dst=" MAC_A),
	       "clone without datapath clone: undo, original dl_dst "
	       "matched: %s", a);

	a = xl(ofp, br, "in_port=2", 0, &x);
	tap_ok(x.error == KF_XLATE_RECURSION_TOO_DEEP && !strcmp(a, "drop"),
	       "resubmit loop: translation depth limit, drop");

	a = xl(ofp, br, "in_port=3,dl_type=0x0800", 0, &x);
	tap_ok(!strcmp(a, "push_vlan(vid=5,pcp=0),102,pop_vlan,101"),
	       "resubmit(4,1): in_port 4 in table 1, mod_vlan_vid pushes, "
	       "strip_vlan pops: %s", a);

	tx_packet(&f, "in_port=5,dl_type=0x0800");
	f.tun_id = 0x123456789aULL;
	f.tun_dst = 0x0a000001;
	kf_xlate_out_free(&x);
	kf_xlate_out_init(&x);
	tx_run(ofp, br, &f, 0, &x);
	tap_ok(!strcmp(tx_actions(&x), "set(skb_mark(0x3456789a)),106") &&
	       x.wc.tun_id == 0xffffffffULL,
	       "seed 000 table 60: move tun_id[0..31] -> pkt_mark: %s, %s",
	       tx_actions(&x), tx_megaflow(&x));

	a = xl(ofp, br, "in_port=6,dl_type=0x0800,nw_tos=0x14,nw_ecn=1", 0,
	       &x);
	tap_ok(!strcmp(a, "101") &&
	       strstr(tx_megaflow(&x), "ipv4(tos=0x15/0xfc,"),
	       "ip_dscp=5: the megaflow matches the DSCP bits, ECN "
	       "wildcarded: %s", tx_megaflow(&x));
	kf_xlate_out_free(&x);
	kf_ofproto_destroy(ofp);
}

/* The daemon's --mac-aging reaches the bridges' MAC tables. */
static void test_mac_aging(void)
{
	static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 0xa };
	struct kf_ofproto *ofp = kf_ofproto_create();
	struct kf_bridge *br;

	ofp->mac_idle_ms = 2000;
	br = kf_bridge_create(ofp, "br0");
	kf_mac_learn(br->ml, mac, 0, 1, 1000);
	tap_ok(kf_mac_lookup(br->ml, mac, 0, 2999) == 1 &&
	       kf_mac_lookup(br->ml, mac, 0, 3000) == -1,
	       "MAC aging: a 2 s setting forgets an entry after 2 s idle");
	kf_ofproto_destroy(ofp);
}

int main(void)
{
	test_normal();
	test_mac_aging();
	test_patch();
	test_conjunction();
	test_acl_width();
	test_misc();
	return tap_done();
}
