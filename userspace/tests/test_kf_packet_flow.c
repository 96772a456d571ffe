// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_packet_flow.c - frames in hex (as kflow-ctl trace takes them)
 * decoded by packet.c into struct kf_flow: VLAN + IPv4 ICMP, TCP flags,
 * ARP, IPv6 neighbour solicitation with its link-layer option, a later
 * fragment, truncation, and what bad hex is told.
 */
#include <string.h>
#include "packet.h"
#include "tap.h"

static int decode(const char *hex, struct kf_flow *f, char *err)
{
	uint8_t pkt[512];
	int n = kf_packet_from_hex(hex, pkt, sizeof(pkt), err);

	memset(f, 0, sizeof(*f));
	if (n < 0)
		return n;
	kf_flow_from_packet(pkt, (size_t)n, 7, f);
	return 0;
}


static void test_frames(void)
{
	char err[KF_ERR_LEN] = "";
	struct kf_flow f;

	/* 802.1Q VLAN 10 pcp 3, IPv4 tos 0xb9 ttl 64 ICMP echo 10.0.0.1 -> 10.0.0.2 */
	tap_ok(!decode("0x" "020000000002020000000001" "8100" "600a" "0800"
		       "45b9001c00004000" "40010000" "0a000001" "0a000002"
		       "0800f7ff00000000", &f, err) &&
	       f.vlan_tci[0] == (0x600a | KF_VLAN_CFI) && f.dl_type == 0x0800 &&
	       f.nw_src == 0x0a000001 && f.nw_dst == 0x0a000002 &&
	       f.nw_proto == 1 && f.nw_ttl == 64 && f.nw_tos == 0xb8 &&
	       f.nw_ecn == 1 && f.tp_src == 8 && f.tp_dst == 0 && !f.nw_frag &&
	       f.dl_src[5] == 1 && f.dl_dst[5] == 2, "VLAN IPv4 ICMP echo %s",
	       err);
	/* TCP SYN|ACK 1234 -> 80 */
	tap_ok(!decode("020000000002020000000001" "0800"
		       "4500002800004000" "40060000" "0a000001" "0a000002"
		       "04d20050" "00000000" "00000000" "5012ffff" "00000000",
		       &f, err) && f.nw_proto == 6 && f.tp_src == 1234 &&
	       f.tp_dst == 80 && f.tcp_flags == 0x12, "TCP ports and flags");
	/* ARP request who-has 10.0.0.2 tell 10.0.0.1 */
	tap_ok(!decode("ffffffffffff020000000001" "0806"
		       "0001080006040001" "020000000001" "0a000001"
		       "000000000000" "0a000002", &f, err) &&
	       f.dl_type == 0x0806 && f.arp_op == 1 && f.nw_src == 0x0a000001
	       && f.nw_dst == 0x0a000002 && f.arp_sha[5] == 1, "ARP request");
	/* IPv6 NS for fe80::2 with source link-layer address option */
	tap_ok(!decode("3333ff000002020000000001" "86dd"
		       "6000000000203aff" "fe800000000000000000000000000001"
		       "ff0200000000000000000001ff000002"
		       "87000000" "00000000" "fe800000000000000000000000000002"
		       "0101020000000001", &f, err) &&
	       f.nw_proto == 58 && f.tp_src == 135 && f.nw_ttl == 255 &&
	       f.nd_target[15] == 2 && f.arp_sha[5] == 1 &&
	       f.ipv6_src[0] == 0xfe, "IPv6 neighbour solicitation");
	/* later fragment: no L4 fields */
	tap_ok(!decode("020000000002020000000001" "0800"
		       "4500002000002001" "40110000" "0a000001" "0a000002"
		       "04d20050", &f, err) &&
	       f.nw_frag == (KF_FRAG_ANY | KF_FRAG_LATER) && !f.tp_src,
	       "later fragment carries no ports");
	/* truncated IPv4: L3 left zero */
	tap_ok(!decode("020000000002020000000001" "0800" "4500", &f, err) &&
	       f.dl_type == 0x0800 && !f.nw_proto, "truncated IPv4 header");
	tap_ok(!decode("0200000000020200", &f, err) && !f.dl_type &&
	       f.in_port == 7, "a runt frame leaves every field zero");
	tap_ok(decode("02000g", &f, err) < 0 &&
	       !strcmp(err, "packet: \"0g\" at byte 2 is not hex"), "%s", err);
	tap_ok(decode("020", &f, err) < 0 && strstr(err, "3 hex digits"),
	       "%s", err);
}

int main(void)
{
	test_frames();
	return tap_done();
}
