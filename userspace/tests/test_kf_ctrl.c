// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_ctrl.c - the pure logic of controller connections: targets,
 * backoff, PACKET_IN and FLOW_REMOVED contents (through the wire codec
 * and back), packet parsing for PACKET_OUT, and PACKET_OUT translation
 * (actions run like a rule's; output:TABLE runs the pipeline).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include "kf_xlate_util.h"
#include "ofp_async.h"
#include "packet.h"

static void test_target(void)
{
	struct sockaddr_in sa;
	char err[KF_ERR_LEN] = "";

	tap_ok(!kf_ctrl_parse_target("tcp:127.0.0.1:6633", &sa, err) &&
	       sa.sin_port == htons(6633) &&
	       sa.sin_addr.s_addr == htonl(0x7f000001), "tcp:IP:PORT");
	tap_ok(!kf_ctrl_parse_target("tcp:10.1.2.3", &sa, err) &&
	       sa.sin_port == htons(6653), "default port 6653");
	tap_ok(kf_ctrl_parse_target("ssl:1.2.3.4", &sa, err) &&
	       strstr(err, "ssl:1.2.3.4"), "ssl refused: %s", err);
	tap_ok(kf_ctrl_parse_target("tcp:1.2.3:80", &sa, err) &&
	       strstr(err, "1.2.3"), "bad address named: %s", err);
	tap_ok(kf_ctrl_parse_target("tcp:1.2.3.4:70000", &sa, err) &&
	       strstr(err, "70000"), "bad port named: %s", err);
	tap_ok(kf_ctrl_parse_target("tcp:1.2.3.4:", &sa, err),
	       "empty port refused: %s", err);
}

static void test_backoff(void)
{
	uint32_t b = 0, seen[6];
	int i;

	for (i = 0; i < 6; i++)
		seen[i] = b = kf_ctrl_backoff_ms(b);
	tap_ok(seen[0] == 1000 && seen[1] == 2000 && seen[2] == 4000 &&
	       seen[3] == 8000 && seen[5] == 8000,
	       "backoff 1, 2, 4, 8, 8 s (%u %u %u %u %u)", seen[0], seen[1],
	       seen[2], seen[3], seen[5]);
}

static void test_liveness(void)
{
	tap_ok(kf_ctrl_liveness(1000, 1000, false) == KF_CTRL_LIVE &&
	       kf_ctrl_liveness(5999, 1000, false) == KF_CTRL_LIVE,
	       "heard from less than 5 s ago: live");
	tap_ok(kf_ctrl_liveness(6000, 1000, false) == KF_CTRL_PROBE &&
	       kf_ctrl_liveness(6000, 1000, true) == KF_CTRL_LIVE,
	       "idle 5 s: one echo request, then wait for it");
	tap_ok(kf_ctrl_liveness(16000, 1000, true) == KF_CTRL_DEAD &&
	       kf_ctrl_liveness(16000, 1000, false) == KF_CTRL_DEAD,
	       "silent 15 s: dead");
	/* A connection completed after the loop read its clock. */
	tap_ok(kf_ctrl_liveness(1000, 1001, false) == KF_CTRL_LIVE,
	       "heard from after now (a fresh connection): live, not "
	       "silent for 2^64 ms");
}

static const uint8_t arp_req[42] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 1, 0x08, 0x06,
	0, 1, 0x08, 0, 6, 4, 0, 1, 0x02, 0, 0, 0, 0, 1, 10, 0, 0, 1,
	0, 0, 0, 0, 0, 0, 10, 0, 0, 2,
};

static void test_packet_in(void)
{
	struct kf_upcall_cookie ck = { KF_COOKIE_CONTROLLER, KF_PIN_ACTION, 3,
				       0, 20, 0, 0x1234 };
	struct kf_ofp_packet_in pi, back;
	struct kf_wbuf b = KF_WBUF_INIT;
	struct kf_ofp_err e;
	char err[KF_ERR_LEN];
	struct kf_flow f;

	memset(&f, 0, sizeof(f));
	f.in_port = 7;
	f.tun_id = 5;
	f.tun_dst = 0x0a000001;
	kf_ctrl_packet_in(&ck, &f, arp_req, sizeof(arp_req), &pi);
	tap_ok(pi.buffer_id == KF_OFP_NO_BUFFER && pi.total_len == 42 &&
	       pi.data_len == 20 && pi.reason == KF_OFPR_ACTION &&
	       pi.table_id == 3 && pi.cookie == 0x1234,
	       "packet_in: no buffer, cut to max_len 20 of 42, reason, "
	       "table, cookie");
	tap_ok(!kf_ofp_encode_packet_in(&b, 9, &pi, err) &&
	       !kf_ofp_decode_packet_in(b.data, b.len, &back, &e) &&
	       back.match.flow.in_port == 7 && back.match.wc.in_port &&
	       back.match.flow.tun_id == 5 && back.match.wc.tun_id &&
	       back.data_len == 20 && !memcmp(back.data, arp_req, 20),
	       "packet_in round trip: in_port and tun_id in the match");
	ck.max_len = UINT16_MAX;
	f.tun_dst = 0;
	kf_ctrl_packet_in(&ck, &f, arp_req, sizeof(arp_req), &pi);
	tap_ok(pi.data_len == 42 && !pi.match.wc.tun_id,
	       "max_len 0xffff: whole packet; no tunnel, no tun_id");
	kf_wbuf_free(&b);
}

static void test_flow_removed(void)
{
	struct kf_ofp_flow_removed fr, back;
	struct kf_wbuf b = KF_WBUF_INIT;
	struct kf_ofp_err e;
	char err[KF_ERR_LEN];
	struct kf_rule r;

	memset(&r, 0, sizeof(r));
	kf_ofp_flow_init(&r.of);
	kf_ofp_parse_flow("cookie=0x77,table=2,priority=9,idle_timeout=10,"
			  "tcp,tp_dst=22,actions=drop", true, &r.of, err);
	r.n_packets = 4;
	r.n_bytes = 400;
	r.created_ms = 1000;
	kf_ctrl_flow_removed(&r, KF_OFPRR_IDLE_TIMEOUT, 3500, &fr);
	tap_ok(!kf_ofp_encode_flow_removed(&b, 0, &fr, err) &&
	       !kf_ofp_decode_flow_removed(b.data, b.len, &back, &e) &&
	       back.reason == KF_OFPRR_IDLE_TIMEOUT &&
	       back.flow.cookie == 0x77 && back.flow.table_id == 2 &&
	       back.flow.priority == 9 && back.flow.idle_timeout == 10 &&
	       back.flow.stats.n_packets == 4 &&
	       back.flow.stats.n_bytes == 400 &&
	       back.flow.stats.duration_ms / 1000 == 2 &&
	       back.flow.match.flow.tp_dst == 22,
	       "flow_removed round trip: reason, cookie, table, priority, "
	       "timeouts, counters, duration, match");
	kf_ofp_flow_free(&back.flow);
	kf_ofp_flow_free(&r.of);
	kf_wbuf_free(&b);
}

static void test_packet_parse(void)
{
	static const uint8_t udp[] = {
		0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x81, 0, 0x20, 10,
		0x08, 0, 0x45, 0x10, 0, 28, 0, 0, 0, 0, 63, 17, 0, 0,
		10, 0, 0, 1, 10, 0, 0, 2, 0x30, 0x39, 0, 53, 0, 8, 0, 0,
	};
	struct kf_flow f;

	kf_flow_from_packet(arp_req, sizeof(arp_req), 4, &f);
	tap_ok(f.in_port == 4 && f.dl_type == 0x0806 && f.arp_op == 1 &&
	       f.nw_src == 0x0a000001 && f.nw_dst == 0x0a000002 &&
	       f.dl_dst[0] == 0xff && f.arp_sha[5] == 1,
	       "ARP request: op, spa, tpa, sha, broadcast dl_dst");
	kf_flow_from_packet(udp, sizeof(udp), 1, &f);
	tap_ok(f.vlan_tci[0] == (0x200a | KF_VLAN_CFI) && f.dl_type == 0x0800 &&
	       f.nw_proto == 17 && f.nw_ttl == 63 && f.nw_tos == 0x10 &&
	       f.tp_src == 12345 && f.tp_dst == 53 && f.nw_dst == 0x0a000002,
	       "VLAN 10 pcp 1 UDP: tci, dl_type, proto, ttl, tos, ports");
	kf_flow_from_packet(udp, 20, 1, &f);
	tap_ok(f.dl_type == 0x0800 && !f.nw_proto && !f.tp_dst,
	       "truncated IPv4 header: L3 fields stay zero");
}

static void test_packet_out(void)
{
	static const char *const flows[] = {
		"priority=5,in_port=1,actions=output:2",
	};
	struct kf_ofproto *ofp = kf_ofproto_create();
	struct kf_bridge *br = kf_bridge_create(ofp, "br0");
	struct kf_xlate_out x;
	struct kf_xlate_in xin;
	struct kf_actions acts;
	char err[KF_ERR_LEN];

	tx_port(br, 1, 101, "p1");
	tx_port(br, 2, 102, "p2");
	tx_port(br, 3, 103, "p3");
	tx_flows(br, flows, 1);
	memset(&xin, 0, sizeof(xin));
	xin.ofproto = ofp;
	xin.bridge = br;
	kf_flow_from_packet(arp_req, sizeof(arp_req), KF_PORT_CONTROLLER,
			    &xin.flow);
	xin.actions = &acts;

	memset(&acts, 0, sizeof(acts));
	kf_ofp_parse_actions("FLOOD", &acts, err);
	kf_xlate_out_init(&x);
	tap_ok(!kf_xlate(&xin, &x) && !strcmp(tx_actions(&x), "101,102,103"),
	       "packet_out FLOOD from CONTROLLER: every port (%s)",
	       tx_actions(&x));
	kf_xlate_out_free(&x);
	kf_actions_free(&acts);

	xin.flow.in_port = 1;
	kf_ofp_parse_actions("FLOOD", &acts, err);
	kf_xlate_out_init(&x);
	tap_ok(!kf_xlate(&xin, &x) && !strcmp(tx_actions(&x), "102,103"),
	       "packet_out FLOOD with in_port=1: not back to 1 (%s)",
	       tx_actions(&x));
	kf_xlate_out_free(&x);
	kf_actions_free(&acts);

	kf_ofp_parse_actions("output:TABLE", &acts, err);
	kf_xlate_out_init(&x);
	tap_ok(!kf_xlate(&xin, &x) && !strcmp(tx_actions(&x), "102") &&
	       x.n_rules == 1, "packet_out output:TABLE runs the pipeline "
	       "(%s)", tx_actions(&x));
	kf_xlate_out_free(&x);
	kf_actions_free(&acts);

	kf_ofp_parse_actions("mod_dl_src:02:00:00:00:00:09,output:3", &acts,
			     err);
	kf_xlate_out_init(&x);
	tap_ok(!kf_xlate(&xin, &x) &&
	       strstr(tx_actions(&x), "02:00:00:00:00:09") &&
	       strstr(tx_actions(&x), ",103"),
	       "packet_out rewrite then output (%s)", tx_actions(&x));
	kf_xlate_out_free(&x);
	kf_actions_free(&acts);
	kf_ofproto_destroy(ofp);
}

int main(void)
{
	test_target();
	test_backoff();
	test_liveness();
	test_packet_in();
	test_flow_removed();
	test_packet_parse();
	test_packet_out();
	return tap_done();
}
