// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_tun_md.c - tun_metadata0..63 <-> Geneve options (class 0x0102,
 * type 0x80 + N, 4 bytes): decoding, seed 004's OVN table 0 rule reading
 * tun_metadata0 into registers (megaflow key carries the option), and
 * output to a Geneve port sending a loaded slot.
 */
#include <errno.h>
#include <string.h>
#include "kf_seed_flows.h"
#include "kf_xlate_util.h"
#include "tun_metadata.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_decode(void)
{
	/* OVN's option (seed 004: ingress port 1, egress port 3), then an
	 * unknown option of 8 data bytes. */
	static const uint8_t opts[] = {
		0x01, 0x02, 0x80, 0x01, 0x00, 0x01, 0x00, 0x03,
		0xff, 0xff, 0x01, 0x02, 1, 2, 3, 4, 5, 6, 7, 8,
	};
	struct kf_flow f;
	char err[KF_ERR_LEN];
	int ret;

	memset(&f, 0, sizeof(f));
	ret = kf_tun_md_from_geneve(opts, sizeof(opts), &f, err, sizeof(err));
	tap_ok(!ret && f.tun_metadata[0] == 0x10003 && !f.tun_metadata[1],
	       "decode: OVN option -> tun_metadata0=0x10003, unknown "
	       "option skipped");
	ret = kf_tun_md_from_geneve(opts, 14, &f, err, sizeof(err));
	tap_ok(ret == -EINVAL && strstr(err, "byte 8"),
	       "decode: a truncated option is refused: %s", err);
}

/* Seed 004's OVN table 0 rule for a Geneve port: logical datapath from
 * tun_id, logical ports from tun_metadata0. */
static void test_megaflow(void)
{
	static const char *const flows[] = {
		"table=33,priority=100,reg15=0x3,metadata=0x5 actions=output:3",
	};
	struct kf_ofproto *ofp = kf_ofproto_create();
	struct kf_bridge *br = kf_bridge_create(ofp, "br-int");
	struct kf_xlate_out x;
	char err[KF_ERR_LEN];
	struct kf_flow f;
	size_t i;
	int bad = 0;

	tx_port(br, 2, 102, "ovn-gnv");
	tx_port(br, 3, 103, "vm");
	for (i = 0; i < N(kf_seed_dump); i++)
		if (strstr(kf_seed_dump[i][1], "TUN_METADATA0") &&
		    kf_bridge_add_flow(br, kf_seed_dump[i][1], err))
			bad++;
	bad += tx_flows(br, flows, N(flows));
	tx_packet(&f, "in_port=2,tun_id=0x5,tun_src=172.17.2.119,"
		  "tun_dst=172.17.2.143,tun_metadata0=0x10003,ip,"
		  "nw_src=10.0.0.1,nw_dst=10.0.0.2");
	kf_xlate_out_init(&x);
	tx_run(ofp, br, &f, 0, &x);
	tap_ok(!bad && !strcmp(tx_actions(&x), "103"),
	       "seed 004: tun_metadata0 0x10003 -> reg15=3 -> port 3: %s",
	       tx_actions(&x));
	tap_ok(strstr(tx_megaflow(&x), "geneve({class=0x102,type=0x80,len=4,"
		      "0x10003/0x7fffffff})") != NULL,
	       "megaflow: the option, bits 0..30 of tun_metadata0: %s",
	       tx_megaflow(&x));
	kf_xlate_out_free(&x);

	f.in_port = 3;
	f.tun_dst = 0;
	kf_xlate_out_init(&x);
	tx_run(ofp, br, &f, 0, &x);
	tap_ok(!strstr(tx_megaflow(&x), "geneve") &&
	       !strstr(tx_megaflow(&x), "tunnel"),
	       "no tunnel, no option in the megaflow: %s", tx_megaflow(&x));
	kf_xlate_out_free(&x);
	kf_ofproto_destroy(ofp);
}

static void test_output(void)
{
	static const char *const flows[] = {
		"in_port=1 actions=load:0x20001->NXM_NX_TUN_METADATA0[],"
		"set_tunnel:0x5,output:2",
	};
	struct kf_ofproto *ofp = kf_ofproto_create();
	struct kf_bridge *br = kf_bridge_create(ofp, "br-int");
	struct kf_xlate_out x;
	struct kf_port *p;
	struct kf_flow f;

	tx_port(br, 1, 101, "vm");
	p = tx_port(br, 2, 102, "gnv0");
	p->type = KF_PT_TUNNEL;
	p->tun.type = KF_TUN_GENEVE;
	p->tun.key_flow = true;
	p->tun.remote_ip = 0xc0a83202;	/* 192.168.50.2 */
	tap_ok(!tx_flows(br, flows, N(flows)), "output: the rule parses");
	tx_packet(&f, "in_port=1,ip,nw_src=10.0.0.1,nw_dst=10.0.0.2");
	kf_xlate_out_init(&x);
	tx_run(ofp, br, &f, 0, &x);
	tap_ok(strstr(tx_actions(&x), "geneve({class=0x102,type=0x80,len=4,"
		      "0x20001})") != NULL,
	       "output: set(tunnel) carries the loaded slot: %s",
	       tx_actions(&x));
	kf_xlate_out_free(&x);
	kf_ofproto_destroy(ofp);
}

int main(void)
{
	test_decode();
	test_megaflow();
	test_output();
	return tap_done();
}
