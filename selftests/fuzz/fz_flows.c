// SPDX-License-Identifier: GPL-2.0
/*
 * fz_flows.c - flow keys and action lists (ovs-dpctl syntax) both fuzzers
 * start from: every key attribute kflow parses, and every action kind
 * (output, set and set_masked of each header, push/pop VLAN and MPLS,
 * dec_ttl, tunnel set for vxlan/geneve output, check_pkt_len, clone,
 * sample, userspace, hash, recirc, trunc; ct, MPLS, push/pop_eth and
 * meter, which kflow refuses, apart).  "%u" in an action is the
 * upcall listener's netlink port id; ports 1 and 2 exist in the fuzzers'
 * datapaths, and in kflow-pktfuzz's 3 is a vxlan and 4 a geneve port.
 */
#include "fz.h"
#include "fz_flows.h"

const char *const fz_keys[] = {
	"in_port(1),eth(),eth_type(0x0800),ipv4(proto=6,frag=no),tcp()",
	"in_port(1),eth(),eth_type(0x0800),ipv4(proto=17,frag=no),udp(dst=80)",
	"in_port(1),eth(),eth_type(0x0800),ipv4(proto=132,frag=no),sctp()",
	"in_port(1),eth(),eth_type(0x0800),ipv4(proto=1,frag=no),icmp()",
	"in_port(1),eth(),eth_type(0x0800),ipv4(frag=first)",
	"in_port(1),eth(),eth_type(0x0800),ipv4(frag=later)",
	"in_port(1),eth(),eth_type(0x86dd),ipv6(proto=6,frag=no),tcp(src=80)",
	"in_port(1),eth(),eth_type(0x86dd),ipv6(proto=17,frag=no),udp()",
	"in_port(1),eth(),eth_type(0x86dd),ipv6(proto=58,frag=no),icmpv6(type=135),nd(target=fd00::1)",
	"in_port(1),eth(),eth_type(0x86dd),ipv6(proto=58,frag=no),icmpv6(type=136),nd()",
	"in_port(1),eth(),eth_type(0x86dd),ipv6(frag=first)",
	"in_port(1),eth(),eth_type(0x0806),arp(op=1)",
	"in_port(1),eth(),eth_type(0x8100),vlan(vid=10,pcp=0),encap(eth_type(0x0800),ipv4(frag=no))",
	"in_port(1),eth(),eth_type(0x88a8),vlan(vid=10),encap(eth_type(0x8100),vlan(vid=11),encap(eth_type(0x0800),ipv4(frag=no)))",
	"in_port(1),eth(),eth_type(0x8847),mpls(label=10,tc=0,ttl=64,bos=0)",
	"in_port(1),eth(src=02:00:00:00:00:01/ff:ff:ff:00:00:00),eth_type(0x0800),ipv4(src=10.0.0.0/255.0.0.0,frag=no)",
	"in_port(1),eth()",
	"recirc_id(0),dp_hash(0/0),skb_priority(0),skb_mark(0/0),in_port(2),eth(),eth_type(0x0800),ipv4(ttl=64,frag=no)",
	"tunnel(tun_id=0x5,src=10.9.0.1,dst=10.9.0.2,ttl=64,tp_dst=4789,flags(key)),in_port(3),eth()",
	"tunnel(tun_id=0x5,dst=10.9.0.2,ttl=64,geneve({class=0x102,type=0x80,len=4,0x20001}),flags(key)),in_port(3),eth()",
	"ct_state(+trk),in_port(1),eth(),eth_type(0x0800),ipv4(frag=no)",
};
const size_t fz_n_keys = sizeof(fz_keys) / sizeof(fz_keys[0]);

const char *const fz_actions[] = {
	"2",
	"drop",
	"1,2",
	"userspace(pid=%u)",
	"userspace(pid=%u,userdata(0102ab),actions)",
	"set(eth(src=02:00:00:00:00:09,dst=02:00:00:00:00:0a)),2",
	"set(eth(dst=02:00:00:00:00:0a/ff:ff:ff:00:00:00)),2",
	"set(ipv4(src=10.0.0.9,dst=10.0.0.10,tos=0x10,ttl=9)),2",
	"set(ipv4(src=10.0.0.0/255.255.255.0)),2",
	"set(ipv6(src=fd00::9,dst=fd00::a,label=0x1,tclass=0,hlimit=9)),2",
	"set(ipv6(dst=fd00::/ffff::)),2",
	"set(tcp(src=81,dst=82)),2",
	"set(tcp(dst=80/0xff)),2",
	"set(udp(src=81,dst=82)),2",
	"set(sctp(src=81,dst=82)),2",
	"set(arp(sip=10.0.0.9,tip=10.0.0.10,op=2)),2",
	"set(nd(target=fd00::9,sll=02:00:00:00:00:09)),2",
	"set(skb_mark(0x5)),set(skb_priority(0x1)),2",
	"push_vlan(vid=10,pcp=3),2",
	"push_vlan(tpid=0x88a8,vid=10,pcp=0),push_vlan(vid=11,pcp=0),2",
	"pop_vlan,2",
	"dec_ttl(le_1(userspace(pid=%u))),2",
	"dec_ttl(le_1(drop)),2",
	"set(tunnel(tun_id=0x5,dst=10.9.0.2,ttl=64,tp_dst=4789,flags(df|key))),3",
	"set(tunnel(tun_id=0x6,dst=10.9.0.2,ttl=64,tp_dst=6081,geneve({class=0x102,type=0x80,len=4,0x20001}),flags(key))),4",
	"check_pkt_len(size=100,gt(2),le(userspace(pid=%u)))",
	"check_pkt_len(size=64,gt(set(ipv4(ttl=1)),2),le(drop))",
	"clone(push_vlan(vid=1,pcp=0),2),set(eth(src=02:00:00:00:00:09)),1",
	"clone(clone(clone(2))),1",
	"sample(sample=50.0%%,actions(2)),1",
	"sample(sample=100.0%%,actions(userspace(pid=%u)))",
	"hash(l4(0)),recirc(0x1)",
	"trunc(60),2",
};
const size_t fz_n_actions = sizeof(fz_actions) / sizeof(fz_actions[0]);

/* Refused by kflow (Documentation/abi.rst): only the netlink fuzzer,
 * for the rejection paths. */
const char *const fz_actions_refused[] = {
	"set(mpls(label=11,tc=1,ttl=9,bos=1)),2",
	"push_mpls(label=10,tc=0,ttl=64,bos=1,eth_type=0x8847),2",
	"pop_mpls(eth_type=0x800),2",
	"ct(zone=1),recirc(0x2)",
	"ct_clear,2",
	"pop_eth,push_eth(src=02:00:00:00:00:01,dst=02:00:00:00:00:02),2",
	"meter(1),2",
};
const size_t fz_n_actions_refused =
	sizeof(fz_actions_refused) / sizeof(fz_actions_refused[0]);

const char *fz_action_any(struct fz_rng *r)
{
	uint32_t i = fz_below(r, (uint32_t)(fz_n_actions +
					    fz_n_actions_refused));

	return i < fz_n_actions ? fz_actions[i] :
	       fz_actions_refused[i - fz_n_actions];
}
