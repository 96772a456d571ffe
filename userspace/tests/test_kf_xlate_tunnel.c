// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_xlate_tunnel.c - tunnel ports in translation: the set(tunnel())
 * an output emits from the port's options (key=N|flow, remote_ip=A|flow,
 * local_ip, dst_port) and the megaflow bits it reads; received packets
 * mapped to the tunnel port claiming their remote and key, with the
 * tunnel metadata exact in the megaflow.
 */
#include <arpa/inet.h>
#include <errno.h>
#include "kf_xlate_util.h"
#include "upcall_key.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))

static struct kf_port *tunnel(struct kf_bridge *br, uint16_t ofport,
			      uint32_t odp, const char *name, uint32_t remote,
			      bool key_flow, uint64_t key)
{
	struct kf_port *p = tx_port(br, ofport, odp, name);

	p->type = KF_PT_TUNNEL;
	p->tun.type = KF_TUN_VXLAN;
	p->tun.remote_ip = remote;
	p->tun.key_flow = key_flow;
	p->tun.key = key;
	return p;
}

static const char *run(struct kf_ofproto *ofp, struct kf_bridge *br,
		       const char *pkt, struct kf_xlate_out *x)
{
	struct kf_flow f;

	kf_xlate_out_free(x);
	kf_xlate_out_init(x);
	tx_packet(&f, pkt);
	tx_run(ofp, br, &f, 0, x);
	return tx_actions(x);
}

static void test_output(void)
{
	static const char *const flows[] = {
		"in_port=1,actions=output:10",
		"in_port=2,actions=set_tunnel:0x99,output:11",
		"in_port=3,actions=set_field:192.0.2.9->tun_dst,"
		"set_tunnel:7,output:12",
		"in_port=4,actions=output:12",
	};
	struct kf_ofproto *ofp = kf_ofproto_create();
	struct kf_bridge *br = kf_bridge_create(ofp, "br0");
	struct kf_xlate_out x;
	struct kf_port *p;
	const char *a;

	tx_port(br, 1, 101, "vm1");
	tx_port(br, 2, 102, "vm2");
	tx_port(br, 3, 103, "vm3");
	tx_port(br, 4, 104, "vm4");
	p = tunnel(br, 10, 200, "vx-a", IP(192, 0, 2, 2), false, 5);
	p->tun.local_ip = IP(192, 0, 2, 1);
	p->tun.dst_port = 4789;
	tunnel(br, 11, 200, "vx-b", IP(192, 0, 2, 3), true, 0);
	tunnel(br, 12, 200, "vx-c", 0, true, 0);
	tap_ok(!tx_flows(br, flows, 4), "flows load");
	kf_xlate_out_init(&x);

	a = run(ofp, br, "in_port=1,ip", &x);
	tap_ok(!strcmp(a, "set(tunnel(tun_id=0x5,src=192.0.2.1,dst=192.0.2.2,"
		       "ttl=64,tp_dst=4789,flags(df|key))),200"),
	       "key=5, remote_ip, local_ip, dst_port: %s", a);
	tap_ok(!strstr(tx_megaflow(&x), "tunnel("),
	       "fixed key and remote: no tunnel field in the megaflow: %s",
	       tx_megaflow(&x));

	a = run(ofp, br, "in_port=2,ip", &x);
	tap_ok(!strcmp(a, "set(tunnel(tun_id=0x99,dst=192.0.2.3,ttl=64,"
		       "flags(df|key))),200"),
	       "key=flow takes set_tunnel's id: %s", a);
	tap_ok(!x.wc.tun_id && !strstr(tx_megaflow(&x), "tunnel("),
	       "an id set by the rule is not matched: %s", tx_megaflow(&x));

	a = run(ofp, br, "in_port=3,ip", &x);
	tap_ok(!strcmp(a, "set(tunnel(tun_id=0x7,dst=192.0.2.9,ttl=64,"
		       "flags(df|key))),200"),
	       "remote_ip=flow takes the written tun_dst: %s", a);

	a = run(ofp, br, "in_port=4,ip", &x);
	tap_ok(!strcmp(a, "drop"), "remote_ip=flow without tun_dst: "
	       "no output: %s", a);
	kf_xlate_out_free(&x);
	kf_ofproto_destroy(ofp);
}

/* Decode @text as an upcall key and map it to a bridge port. */
static int key_to_port(struct kf_ofproto *ofp, const char *text,
		       struct kf_flow *f)
{
	struct kf_bridge *br;
	char err[KF_ERR_LEN];
	struct nlbuf key;
	int ret;

	nlbuf_init(&key, 512);
	ret = odp_key_from_string(text, NULL, &key, NULL, err);
	if (!ret)
		ret = kf_upcall_key_to_flow(ofp, nlbuf_data(&key),
					    nlbuf_len(&key), f, &br, err);
	if (ret)
		tap_diag("%s: %s", text, err);
	nlbuf_free(&key);
	return ret;
}

static void test_input(void)
{
	static const char *const flows[] = {
		"in_port=10,tun_id=5,actions=output:1",
		"in_port=11,actions=output:1",
		"in_port=12,actions=output:2",
	};
	struct kf_ofproto *ofp = kf_ofproto_create();
	struct kf_bridge *br = kf_bridge_create(ofp, "br0");
	struct kf_xlate_out x;
	struct kf_flow f;

	tx_port(br, 1, 101, "vm1");
	tx_port(br, 2, 102, "vm2");
	tunnel(br, 10, 200, "vx-a", IP(192, 0, 2, 2), false, 5);
	tunnel(br, 11, 200, "vx-b", IP(192, 0, 2, 2), true, 0);
	tunnel(br, 12, 200, "vx-any", 0, true, 0);
	tap_ok(!tx_flows(br, flows, 3), "flows load");

	tap_ok(!key_to_port(ofp, "tunnel(tun_id=0x5,src=192.0.2.2,"
			    "dst=192.0.2.1,ttl=64,flags(key)),in_port(200),"
			    "eth(),eth_type(0x0800),ipv4()", &f) &&
	       f.in_port == 10 && f.tun_id == 5 && f.tun_src ==
	       IP(192, 0, 2, 2), "remote and key=5 exact: port 10");
	tap_ok(!key_to_port(ofp, "tunnel(tun_id=0x6,src=192.0.2.2,"
			    "dst=192.0.2.1,ttl=64,flags(key)),in_port(200),"
			    "eth(),eth_type(0x0800),ipv4()", &f) &&
	       f.in_port == 11, "same remote, other key: key=flow port 11");
	tap_ok(!key_to_port(ofp, "tunnel(tun_id=0x5,src=192.0.2.7,"
			    "dst=192.0.2.1,ttl=64,flags(key)),in_port(200),"
			    "eth(),eth_type(0x0800),ipv4()", &f) &&
	       f.in_port == 12, "unknown remote: remote_ip=flow port 12");

	kf_xlate_out_init(&x);
	key_to_port(ofp, "tunnel(tun_id=0x5,src=192.0.2.2,dst=192.0.2.1,"
		    "ttl=64,flags(key)),in_port(200),eth(),"
		    "eth_type(0x0800),ipv4()", &f);
	tx_run(ofp, br, &f, 0, &x);
	tap_ok(!strcmp(tx_actions(&x), "101") &&
	       strstr(tx_megaflow(&x), "tunnel(tun_id=0x5,src=192.0.2.2,"
		      "dst=192.0.2.1") && strstr(tx_megaflow(&x),
						 "in_port(200)"),
	       "tun_id=5 rule: forwarded; megaflow matches the tunnel "
	       "exactly: %s", tx_megaflow(&x));
	tap_ok(x.wc.tun_id == UINT64_MAX && x.wc.tun_src == UINT32_MAX &&
	       x.wc.tun_dst == UINT32_MAX, "mask: tun_id, tun_src, tun_dst");
	kf_xlate_out_free(&x);
	kf_ofproto_destroy(ofp);
}

int main(void)
{
	test_output();
	test_input();
	return tap_done();
}
