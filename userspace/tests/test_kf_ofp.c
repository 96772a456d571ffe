// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_ofp.c - kflowd's ovs-ofctl flow syntax: every flow quoted in the
 * seed documents parses and prints back verbatim; hand-written round
 * trips over all match fields and actions; error messages.
 */
#include <string.h>
#include "ofp.h"
#include "tap.h"
#include "kf_seed_flows.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Parse @in, print it in @style, parse that again: same model?  Returns
 * the printed text in @out (caller frees). */
static bool round_trip(const char *in, bool need_actions,
		       enum kf_ofp_style style, struct strbuf *out)
{
	struct kf_ofp_flow a, b;
	char err[KF_ERR_LEN];
	bool ok;

	if (kf_ofp_parse_flow(in, need_actions, &a, err)) {
		tap_diag("parse \"%s\": %s", in, err);
		return false;
	}
	kf_ofp_format_flow(out, &a, style);
	if (kf_ofp_parse_flow(sb_str(out), need_actions, &b, err)) {
		tap_diag("reparse \"%s\": %s", sb_str(out), err);
		kf_ofp_flow_free(&a);
		return false;
	}
	ok = kf_ofp_flow_equal(&a, &b);
	if (!ok)
		tap_diag("model differs after \"%s\"", sb_str(out));
	kf_ofp_flow_free(&a);
	kf_ofp_flow_free(&b);
	return ok;
}

static void test_seeds(void)
{
	size_t i;

	for (i = 0; i < N(kf_seed_dump); i++) {
		struct strbuf sb = STRBUF_INIT;
		bool ok = round_trip(kf_seed_dump[i][1], true, KF_STYLE_DUMP,
				     &sb);

		if (ok && strcmp(sb_str(&sb), kf_seed_dump[i][1]))
			tap_diag("printed  \"%s\"\nexpected \"%s\"", sb_str(&sb),
				 kf_seed_dump[i][1]), ok = false;
		tap_ok(ok, "%s dump line %zu round-trips verbatim",
		       kf_seed_dump[i][0], i);
		sb_free(&sb);
	}
	for (i = 0; i < N(kf_seed_add); i++) {
		struct strbuf sb = STRBUF_INIT;
		bool ok = round_trip(kf_seed_add[i][1], true, KF_STYLE_ADD,
				     &sb);

		tap_ok(ok, "%s add-flow %zu round-trips: %s",
		       kf_seed_add[i][0], i, sb_str(&sb));
		sb_free(&sb);
	}
	for (i = 0; i < N(kf_seed_match); i++) {
		struct strbuf sb = STRBUF_INIT;
		bool ok = round_trip(kf_seed_match[i][1], false, KF_STYLE_ADD,
				     &sb);

		tap_ok(ok, "%s del-flows match %zu round-trips: %s",
		       kf_seed_match[i][0], i, sb_str(&sb));
		sb_free(&sb);
	}
}

/* Input, and what it prints as (add-flow style); NULL: the same. */
static const char *const syntax[][2] = {
	{ "priority=5,tcp,tcp_flags=+syn-ack,tp_dst=80 actions=drop",
	  "priority=5,tcp,tp_dst=80,tcp_flags=+syn-ack actions=drop" },
	{ "tcp,tcp_flags=0x012/0x0ff,tp_src=0x100/0xff00 actions=drop",
	  "tcp,tp_src=0x100/0xff00,tcp_flags=-fin+syn-rst-psh+ack-urg-ece-cwr"
	  " actions=drop" },
	{ "tcp,tcp_flags=0x012 actions=drop",
	  "tcp,tcp_flags=syn|ack actions=drop" },
	{ "tcp,tcp_flags=0x212 actions=drop",
	  "tcp,tcp_flags=syn|ack|[200] actions=drop" },
	{ "ip,ip_frag=first,nw_tos=16,nw_ecn=2,nw_ttl=3 actions=drop",
	  "ip,nw_tos=16,nw_ecn=2,nw_ttl=3,nw_frag=first actions=drop" },
	{ "ip,ip_dscp=5 actions=drop", "ip,nw_tos=20 actions=drop" },
	{ "ip,nw_ecn=1,ip_dscp=5,dl_vlan=5 actions=drop",
	  "ip,dl_vlan=5,nw_tos=20,nw_ecn=1 actions=drop" },
	{ "ip,ip_frag=not_later actions=drop",
	  "ip,nw_frag=not_later actions=drop" },
	{ "ipv6,ipv6_src=2001:db8::/32,ipv6_label=0x12345,ipv6_dst=::1 "
	  "actions=drop", "ipv6,ipv6_src=2001:db8::/32,ipv6_dst=::1,"
	  "ipv6_label=0x12345 actions=drop" },
	{ "ipv6,ipv6_src=2001:db8::/ffff:ffff::1 actions=drop", NULL },
	{ "icmp6,icmp_type=135,nd_target=fe80::1,nd_sll=00:11:22:33:44:55 "
	  "actions=drop", NULL },
	{ "icmp6,icmp_type=136,nd_tll=00:11:22:33:44:55 actions=drop", NULL },
	{ "arp,arp_op=2,arp_sha=00:11:22:33:44:55,arp_tha=00:11:22:33:44:56/"
	  "ff:ff:ff:00:00:00,arp_spa=1.2.3.0/24 actions=drop",
	  "arp,arp_spa=1.2.3.0/24,arp_op=2,arp_sha=00:11:22:33:44:55,"
	  "arp_tha=00:11:22:00:00:00/ff:ff:ff:00:00:00 actions=drop" },
	{ "arp,nw_src=1.2.3.4,nw_proto=2 actions=drop",
	  "arp,arp_spa=1.2.3.4,arp_op=2 actions=drop" },
	{ "dl_vlan=0xffff actions=drop", "vlan_tci=0x0000 actions=drop" },
	{ "dl_vlan_pcp=3 actions=drop", NULL },
	{ "dl_vlan=3,dl_vlan_pcp=3 actions=drop", NULL },
	{ "vlan_tci=0x1234/0x1fff actions=drop", "dl_vlan=564 actions=drop" },
	{ "vlan_tci=0x1005 actions=drop",
	  "dl_vlan=5,dl_vlan_pcp=0 actions=drop" },
	{ "vlan_tci=0x0005/0x0fff actions=drop", NULL },
	{ "tun_id=0x5/0xff,tun_src=1.1.1.1,tun_dst=2.2.2.0/24,tun_flags=+oam "
	  "actions=drop", NULL },
	{ "tun_flags=0/1 actions=drop", "tun_flags=-oam actions=drop" },
	{ "tun_metadata0=0x1234/0xff00,tun_metadata3=5 actions=drop",
	  "tun_metadata0=0x1200/0xff00,tun_metadata3=0x5 actions=drop" },
	{ "pkt_mark=0x5/0xf,reg3=0x5/0xff,xreg2=0x123456789,metadata=0x1/0xff"
	  " actions=drop", "pkt_mark=0x5/0xf,reg3=0x5/0xff,reg4=0x1,"
	  "reg5=0x23456789,metadata=0x1/0xff actions=drop" },
	{ "nw_src=10.0.0.0/255.0.255.0,udp,udp_dst=53 actions=drop",
	  "udp,nw_src=10.0.0.0/255.0.255.0,tp_dst=53 actions=drop" },
	{ "ip,nw_src=10.0.0.0/0.0.0.255,nw_dst=1.2.3.4/32 actions=drop",
	  "ip,nw_src=0.0.0.0/0.0.0.255,nw_dst=1.2.3.4 actions=drop" },
	{ "sctp,tp_src=1 actions=drop", NULL },
	{ "udp6,tp_dst=5 actions=drop", NULL },
	{ "tcp6 actions=drop", NULL },
	{ "dl_type=0x88cc,dl_src=01:00:00:00:00:00/01:00:00:00:00:00 "
	  "actions=drop", "dl_src=01:00:00:00:00:00/01:00:00:00:00:00,"
	  "dl_type=0x88cc actions=drop" },
	{ "dl_src=00:00:00:00:00:01/ff:ff:ff:ff:ff:ff,dl_type=0x0800,"
	  "nw_proto=1 actions=drop", "icmp,dl_src=00:00:00:00:00:01 "
	  "actions=drop" },
	{ "recirc_id=3,dp_hash=0x5/0xf,skb_priority=3,conj_id=7 actions=drop",
	  "recirc_id=0x3,dp_hash=0x5/0xf,conj_id=7,skb_priority=0x3 "
	  "actions=drop" },
	{ "icmp,icmp_type=3,icmp_code=1 actions=drop", NULL },
	{ "ip,nw_proto=89 actions=drop", NULL },
	{ "in_port=1,tun_metadata0=1,tun_id=5,reg1=1,pkt_mark=1,conj_id=5,"
	  "recirc_id=1,metadata=1,dl_vlan=5,dl_src=00:00:00:00:00:01,ipv6 "
	  "actions=drop", "pkt_mark=0x1,recirc_id=0x1,conj_id=5,ipv6,reg1=0x1,"
	  "tun_id=0x5,tun_metadata0=0x1,metadata=0x1,in_port=1,dl_vlan=5,"
	  "dl_src=00:00:00:00:00:01 actions=drop" },
	{ "in_port=LOCAL actions=output:1,NORMAL,FLOOD,ALL,IN_PORT,LOCAL,"
	  "CONTROLLER:65535,CONTROLLER", "in_port=LOCAL actions=output:1,"
	  "NORMAL,FLOOD,ALL,IN_PORT,LOCAL,CONTROLLER:65535,CONTROLLER:65535" },
	{ "actions=1,normal,in_port,controller(max_len=100),output:65534",
	  "actions=output:1,NORMAL,IN_PORT,CONTROLLER:100,LOCAL" },
	{ "ip,actions=set_field:0x5/0xff->reg3,load:0x5->NXM_NX_REG3[0..7],"
	  "move:NXM_NX_REG0[0..5]->NXM_NX_REG1[10..15],set_field:1.2.3.4->"
	  "ip_src", "ip actions=set_field:0x5/0xff->reg3,load:0x5->"
	  "NXM_NX_REG3[0..7],move:NXM_NX_REG0[0..5]->NXM_NX_REG1[10..15],"
	  "set_field:1.2.3.4->ip_src" },
	{ "tcp actions=mod_dl_src:00:11:22:33:44:55,mod_dl_dst:00:11:22:33:44:"
	  "55,mod_nw_src:1.2.3.4,mod_nw_dst:1.2.3.4,mod_tp_src:5,mod_tp_dst:6,"
	  "mod_vlan_vid:5,mod_vlan_pcp:3,mod_nw_tos:4,mod_nw_ttl:9", NULL },
	{ "ip,dl_vlan=5 actions=strip_vlan,pop_vlan,push_vlan:0x8100,dec_ttl,"
	  "resubmit(1,2),resubmit:3,resubmit(,4),resubmit(5,),"
	  "write_metadata:0x5/0xff,write_metadata:0x6,goto_table:5", NULL },
	{ "actions=conjunction(3,1/2)", NULL },
	{ "actions=set_tunnel:0x5,set_tunnel64:0x500000000,note:01.02.aa,"
	  "clone(output:1,set_field:5->reg0)", "actions=set_tunnel:0x5,"
	  "set_tunnel64:0x500000000,note:01.02.aa,clone(output:1,"
	  "set_field:0x5->reg0)" },
	{ "actions=clone(clone(clone(clone(clone(clone(clone(1)))))))",
	  "actions=clone(clone(clone(clone(clone(clone(clone(output:1)))))))" },
	{ "actions=drop", NULL },
	{ "metadata=0,reg0=0,tun_id=0/0xff actions=load:0->NXM_NX_REG0[],"
	  "set_field:0->reg1,output:CONTROLLER", "reg0=0,tun_id=0/0xff,"
	  "metadata=0 actions=load:0->NXM_NX_REG0[],set_field:0->reg1,"
	  "CONTROLLER:65535" },
	{ "tcp,tcp_flags=0 actions=drop", NULL },
	{ "actions=", "actions=drop" },
	{ "actions=set_field:0x1->tun_id,move:tun_metadata0[16..30]->"
	  "reg14[0..14],load:0x5->reg3[1..4],move:reg0->reg1,"
	  "load:1->OXM_OF_METADATA[],move:xreg0[]->OXM_OF_PKT_REG1[]",
	  "actions=set_field:0x1->tun_id,move:NXM_NX_TUN_METADATA0[16..30]->"
	  "NXM_NX_REG14[0..14],load:0x5->NXM_NX_REG3[1..4],move:NXM_NX_REG0[]"
	  "->NXM_NX_REG1[],load:0x1->OXM_OF_METADATA[],move:OXM_OF_PKT_REG0[]"
	  "->OXM_OF_PKT_REG1[]" },
	{ "cookie=0x5/0xff,table=3,idle_timeout=5,hard_timeout=6,importance=2,"
	  "send_flow_rem,check_overlap,priority=0,in_port=LOCAL,actions=drop",
	  "table=3, cookie=0x5/0xff, idle_timeout=5, hard_timeout=6, "
	  "importance=2, send_flow_rem check_overlap priority=0,in_port=LOCAL "
	  "actions=drop" },
	{ "ip actions=set_field:4->nw_tos,set_field:2->nw_ecn,"
	  "set_field:4->ip_dscp,set_field:fa:16:3e:00:00:01->eth_dst,"
	  "set_field:4101->vlan_vid,set_field:3->vlan_pcp", NULL },
};

static void test_syntax(void)
{
	size_t i;

	for (i = 0; i < N(syntax); i++) {
		const char *want = syntax[i][1] ? syntax[i][1] : syntax[i][0];
		struct strbuf sb = STRBUF_INIT;
		bool ok = round_trip(syntax[i][0], true, KF_STYLE_ADD, &sb);

		if (ok && strcmp(sb_str(&sb), want))
			tap_diag("printed  \"%s\"\nexpected \"%s\"", sb_str(&sb),
				 want), ok = false;
		tap_ok(ok, "syntax: %s", syntax[i][0]);
		sb_free(&sb);
	}
}

/* Bad input, and the error message expected. */
static const char *const errors[][2] = {
	{ "ip,nw_src=10.0.0.300 actions=drop",
	  "nw_src=10.0.0.300: invalid IPv4 address" },
	{ "nw_src=10.0.0.1 actions=drop",
	  "nw_src=10.0.0.1: prerequisites not met: needs ip (dl_type=0x0800)" },
	{ "ip,tp_dst=80 actions=drop", "tp_dst=80: prerequisites not met: "
	  "needs tcp, udp or sctp (or tcp6, udp6, sctp6)" },
	{ "tcp,eth_type=0x0 actions=drop", "nw_proto=6: prerequisites not "
	  "met: needs ip or ipv6" },
	{ "tcp,tp_dst=70000 actions=drop",
	  "tp_dst=70000: value does not fit in 16 bits" },
	{ "dl_src=00:11:22:33:44 actions=drop",
	  "dl_src=00:11:22:33:44: invalid Ethernet address" },
	{ "ip,nw_ttl=5/3 actions=drop", "nw_ttl=5/3: nw_ttl cannot be masked" },
	{ "ip,nw_tos=0x15 actions=drop", "nw_tos=0x15: the low 2 bits of "
	  "nw_tos are ECN and must be 0 (match or set them as nw_ecn)" },
	{ "ip actions=mod_nw_tos:5", "nw_tos=5: the low 2 bits of nw_tos are "
	  "ECN" },
	{ "ip actions=set_field:1->nw_tos", "nw_tos=1: the low 2 bits" },
	{ "actions=clone(clone(clone(clone(clone(clone(clone(clone(1))))))))",
	  "clone: nested more than 8 deep" },
	{ "vlan_tci=4 actions=drop", "vlan_tci=0x0004/0xffff: VID or "
	  "priority bits without the CFI bit (0x1000) match no packet" },
	{ "foo=1 actions=drop", "foo=1: unknown field foo" },
	{ "bogus actions=drop",
	  "bogus: unknown keyword or field (a field needs =VALUE)" },
	{ "in_port=1", "must specify an action (actions=...)" },
	{ "in_port=FOO actions=drop", "in_port=FOO: invalid port" },
	{ "ip,ip_frag=maybe actions=drop", "ip_frag=maybe: unknown fragment" },
	{ "dl_vlan=5000 actions=drop", "dl_vlan=5000: VLAN ID must be 0 to "
	  "4095 or 0xffff (no tag)" },
	{ "table=255 actions=drop", "table=255: must be at most 254" },
	{ "tcp,tcp_flags=+syn+bogus actions=drop",
	  "tcp_flags=+syn+bogus: unknown flag \"bogus\"" },
	{ "actions=frobnicate", "frobnicate: unknown action" },
	{ "actions=output:1,drop", "drop: must not be accompanied" },
	{ "actions=load:0x1->NXM_NX_REG0[40]",
	  "NXM_NX_REG0[40]: bits 40..40 out of range (reg0 has 32 bits)" },
	{ "actions=load:0x100->NXM_NX_REG0[0..7]",
	  "load:0x100->NXM_NX_REG0[0..7]: value does not fit in 8 bits" },
	{ "actions=move:NXM_NX_REG0[0..3]->NXM_NX_REG1[0..4]",
	  "source has 4 bits, destination 5" },
	{ "actions=set_field:1->nw_proto", "set_field: field nw_proto is "
	  "read-only" },
	{ "actions=set_field:1->nosuch",
	  "set_field:1->nosuch: unknown field nosuch" },
	{ "actions=conjunction(1,3/2)", "conjunction(1,3/2): need 2 <= n <= "
	  "64 and 1 <= k <= n" },
	{ "actions=resubmit(,300)", "resubmit(,300): invalid table" },
	{ "actions=move:NXM_NX_REG0[1.2]->NXM_NX_REG1[]", "bad bit range" },
	{ "actions=move:NXM_NX_REG0[1..2->NXM_NX_REG1[]", "bad bit range" },
	{ "actions=output:65535", "NONE is not an output port" },
	{ "actions=1,65535", "NONE is not an output port" },
	{ "actions=push_vlan:0x81", "ethertype 0x0081 is not 0x8100 or 0x88a8" },
	{ "actions=clone(output:1", "unbalanced parentheses" },
	{ "actions=note:0g", "note:0g: expected hex bytes" },
	{ "actions=mod_dl_src:zz", "dl_src=zz: invalid Ethernet address" },
	{ "duration=1.5xs,actions=drop", "duration=1.5x: invalid duration" },
};

static void test_errors(void)
{
	size_t i;

	for (i = 0; i < N(errors); i++) {
		struct kf_ofp_flow fl;
		char err[KF_ERR_LEN] = "";
		int r = kf_ofp_parse_flow(errors[i][0], true, &fl, err);

		if (!r)
			kf_ofp_flow_free(&fl);
		tap_ok(r && strstr(err, errors[i][1]), "error: %s -> %s",
		       errors[i][0], err);
	}
}

int main(void)
{
	test_seeds();
	test_syntax();
	test_errors();
	return tap_done();
}
