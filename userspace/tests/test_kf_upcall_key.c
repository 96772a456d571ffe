// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_upcall_key.c - upcall keys back into struct kf_flow: every
 * packet shape kf_xlate_odp_key() encodes decodes to the same flow; keys
 * written the way the kernel sends them (extra ct_* attributes, 802.1Q
 * tag); malformed keys and unknown ports are errors that say why.
 */
#include <errno.h>
#include <linux/openvswitch.h>
#include <string.h>
#include "kf_xlate_util.h"
#include "upcall_key.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const packets[] = {
	"in_port=1,dl_src=00:00:00:00:00:0a,dl_dst=00:00:00:00:00:0b,dl_type=0x1234",
	"in_port=1,ip,nw_src=10.0.0.1,nw_dst=10.0.0.2,nw_tos=32,nw_ecn=1,nw_ttl=9",
	"in_port=1,tcp,nw_src=10.0.0.1,nw_dst=10.0.0.2,tp_src=1234,tp_dst=80,tcp_flags=+syn",
	"in_port=1,udp,nw_src=10.0.0.1,tp_src=53,tp_dst=5353",
	"in_port=1,sctp,tp_src=1,tp_dst=2",
	"in_port=1,icmp,icmp_type=8,icmp_code=0",
	"in_port=1,ip,nw_frag=first,nw_proto=17,tp_src=1,tp_dst=2",
	"in_port=1,ip,nw_frag=later,nw_proto=17",
	"in_port=1,arp,arp_op=1,arp_spa=10.0.0.1,arp_tpa=10.0.0.2,arp_sha=00:00:00:00:00:0a",
	"in_port=1,ipv6,ipv6_src=fe80::1,ipv6_dst=ff02::1,ipv6_label=0x12345",
	"in_port=1,tcp6,ipv6_src=2001:db8::1,tp_src=22,tp_dst=2222",
	"in_port=1,icmp6,icmp_type=135,nd_target=fe80::2,nd_sll=00:00:00:00:00:0c",
	"in_port=1,icmp6,icmp_type=136,nd_target=fe80::3,nd_tll=00:00:00:00:00:0d",
	"in_port=1,dl_vlan=10,dl_vlan_pcp=3,ip,nw_src=1.2.3.4",
	"in_port=1,dl_vlan=20,arp,arp_op=2",
	"in_port=1,pkt_mark=0x5,skb_priority=0x7,ip",
	"in_port=1,tun_id=0x42,tun_src=192.168.0.1,tun_dst=192.168.0.2,udp",
};

static void test_round_trip(void)
{
	struct kf_ofproto *ofp = kf_ofproto_create();
	struct kf_bridge *br = kf_bridge_create(ofp, "br0");
	struct nlbuf key, mask;
	char err[KF_ERR_LEN];
	struct kf_flow f, wc, back;
	struct kf_bridge *got;
	size_t i;
	int ret;

	tx_port(br, 1, 5, "p1");
	memset(&wc, 0xff, sizeof(wc));
	nlbuf_init(&key, 4096);
	nlbuf_init(&mask, 4096);
	for (i = 0; i < N(packets); i++) {
		tx_packet(&f, packets[i]);
		ret = kf_xlate_odp_key(br, &f, &wc, &key, &mask);
		if (ret) {
			tap_ok(false, "encode %s: %d", packets[i], ret);
			continue;
		}
		ret = kf_upcall_key_to_flow(ofp, nlbuf_data(&key),
					    nlbuf_len(&key), &back, &got, err);
		tap_ok(!ret && got == br && !memcmp(&f, &back, sizeof(f)),
		       "round trip: %s", packets[i]);
		if (ret)
			tap_diag("%s", err);
		else if (memcmp(&f, &back, sizeof(f)))
			tap_diag("%s", tx_megaflow(&(struct kf_xlate_out){
				.key = key, .mask = mask }));
	}
	nlbuf_free(&key);
	nlbuf_free(&mask);
	kf_ofproto_destroy(ofp);
}

/* Parse @text as an ovs-dpctl key and decode it. */
static int decode_text(const char *text, struct kf_flow *f, uint32_t *port,
		       char err[KF_ERR_LEN])
{
	char perr[ODP_ERR_LEN];
	struct nlbuf key;
	int ret;

	nlbuf_init(&key, 4096);
	ret = odp_key_from_string(text, NULL, &key, NULL, perr);
	if (ret) {
		tap_diag("%s: %s", text, perr);
		nlbuf_free(&key);
		return ret;
	}
	ret = kf_upcall_key_decode(nlbuf_data(&key), nlbuf_len(&key), f,
				   port, err);
	nlbuf_free(&key);
	return ret;
}

static void test_kernel_keys(void)
{
	char err[KF_ERR_LEN];
	struct kf_flow f;
	uint32_t port;
	int ret;

	ret = decode_text("skb_priority(0),skb_mark(0),ct_state(0),ct_zone(0),"
			  "ct_mark(0),ct_label(0),recirc_id(0),dp_hash(0),"
			  "in_port(3),eth(src=0a:00:00:00:00:01,"
			  "dst=0a:00:00:00:00:02),eth_type(0x8100),"
			  "vlan(vid=7,pcp=1),encap(eth_type(0x0800),"
			  "ipv4(src=10.1.1.1,dst=10.1.1.2,proto=1,tos=0,"
			  "ttl=64,frag=no),icmp(type=8,code=0))",
			  &f, &port, err);
	tap_ok(!ret && port == 3 && f.dl_type == 0x0800 &&
	       f.vlan_tci[0] == (KF_VLAN_CFI | 0x2000 | 7) &&
	       f.nw_src == 0x0a010101 && f.tp_src == 8 && f.nw_ttl == 64,
	       "kernel-style key with ct_* attributes and an 802.1Q tag");
	ret = decode_text("in_port(4),eth(src=00:00:00:00:00:01,"
			  "dst=00:00:00:00:00:02)", &f, &port, err);
	tap_ok(!ret && port == 4 && f.dl_type == 0x05ff,
	       "802.2 frame (no eth_type): dl_type 0x05ff");
}

static void test_errors(void)
{
	struct kf_ofproto *ofp = kf_ofproto_create();
	struct kf_bridge *br = kf_bridge_create(ofp, "br0");
	uint8_t bad[8] = { 6, 0, OVS_KEY_ATTR_IN_PORT, 0, 1, 2 };
	char err[KF_ERR_LEN];
	struct kf_bridge *got;
	struct kf_flow f;
	uint32_t port;
	int ret;

	ret = kf_upcall_key_decode(bad, sizeof(bad), &f, &port, err);
	tap_ok(ret == -EINVAL && strstr(err, "attribute 3: length 2"),
	       "short in_port attribute: %s", err);
	bad[0] = 40;
	ret = kf_upcall_key_decode(bad, sizeof(bad), &f, &port, err);
	tap_ok(ret == -EINVAL && strstr(err, "malformed"),
	       "attribute overrunning the key: %s", err);
	ret = decode_text("in_port(9),eth(),eth_type(0x0800),ipv4()", &f,
			  &port, err);
	tap_ok(!ret, "decode in_port(9)");
	{
		struct nlbuf key;
		char perr[ODP_ERR_LEN];

		nlbuf_init(&key, 4096);
		odp_key_from_string("in_port(9),eth(),eth_type(0x0806),arp()",
				    NULL, &key, NULL, perr);
		ret = kf_upcall_key_to_flow(ofp, nlbuf_data(&key),
					    nlbuf_len(&key), &f, &got, err);
		tap_ok(ret == -ENODEV && strstr(err, "in_port 9"),
		       "unknown datapath port: %s", err);
		nlbuf_free(&key);
	}
	(void)br;
	kf_ofproto_destroy(ofp);
}

int main(void)
{
	test_round_trip();
	test_kernel_keys();
	test_errors();
	return tap_done();
}
