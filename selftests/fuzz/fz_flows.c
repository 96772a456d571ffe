// SPDX-License-Identifier: GPL-2.0
/*
 * fz_flows.c - flow keys and action lists (ovs-dpctl syntax) both fuzzers
 * start from: every key attribute kflow parses, and every action kind
 * (output, set and set_masked of each header, push/pop VLAN, dec_ttl,
 * tunnel set for vxlan/geneve output, check_pkt_len, clone, sample,
 * userspace, hash, recirc, trunc; MPLS, ct, push/pop_eth, meter and
 * set() of ARP and ND, which kflow refuses, apart).  Each action list
 * names the keys it needs (fz_flows.h).  "%u" in an action is the upcall
 * listener's netlink port id; ports 1 and 2 exist in the fuzzers'
 * datapaths, and in kflow-pktfuzz's 3 is a vxlan and 4 a geneve port.
 * The keys do not overlap, but for the last two (fz_flows.h).
 */
#include "fz_flows.h"

#define E "in_port(1),eth(),"

const struct fz_key fz_keys[FZ_N_KEYS] = {
	/* A TCP flow needs tcp_flags too (openvswitch.ko: the same). */
	[FZ_K_IP4_TCP] = { E "eth_type(0x0800),ipv4(proto=6,frag=no),tcp(),tcp_flags(0/0)",
			   FZ_IPV4_TCP, 0 },
	[FZ_K_IP4_UDP] = { E "eth_type(0x0800),ipv4(proto=17,frag=no),udp(dst=80)",
			   FZ_IPV4_UDP, 0 },
	[FZ_K_IP4_SCTP] = { E "eth_type(0x0800),ipv4(proto=132,frag=no),sctp()",
			    FZ_IPV4_SCTP, 0 },
	[FZ_K_IP4_ICMP] = { E "eth_type(0x0800),ipv4(proto=1,frag=no),icmp()",
			    FZ_IPV4_ICMP, 0 },
	[FZ_K_IP4_FRAG_FIRST] = { E "eth_type(0x0800),ipv4(frag=first)",
				  FZ_IPV4_FRAG_FIRST, 0 },
	[FZ_K_IP4_FRAG_LATER] = { E "eth_type(0x0800),ipv4(frag=later)",
				  FZ_IPV4_FRAG_LATER, 0 },
	[FZ_K_IP6_TCP] = { E "eth_type(0x86dd),ipv6(proto=6,frag=no),tcp(src=80),tcp_flags(0/0)",
			   FZ_IPV6_TCP, 0 },
	[FZ_K_IP6_UDP] = { E "eth_type(0x86dd),ipv6(proto=17,frag=no),udp()",
			   FZ_IPV6_UDP, 0 },
	[FZ_K_IP6_NS] = { E "eth_type(0x86dd),ipv6(proto=58,frag=no),icmpv6(type=135),nd(target=fd00::1)",
			  FZ_IPV6_ND_NS, 0 },
	[FZ_K_IP6_NA] = { E "eth_type(0x86dd),ipv6(proto=58,frag=no),icmpv6(type=136),nd()",
			  FZ_IPV6_ND_NA, 0 },
	[FZ_K_IP6_FRAG_FIRST] = { E "eth_type(0x86dd),ipv6(frag=first)",
				  FZ_IPV6_FRAG_FIRST, 0 },
	[FZ_K_ARP] = { E "eth_type(0x0806),arp(op=1)", FZ_ARP, 0 },
	[FZ_K_VLAN] = { E "eth_type(0x8100),vlan(vid=10,pcp=0),encap(eth_type(0x0800),ipv4(frag=no))",
			FZ_IPV4_UDP, 1 },
	[FZ_K_QINQ] = { E "eth_type(0x88a8),vlan(vid=10),encap(eth_type(0x8100),vlan(vid=11),encap(eth_type(0x0800),ipv4(frag=no)))",
			FZ_IPV4_TCP, 2 },
	[FZ_K_MPLS] = { E "eth_type(0x8847),mpls(label=10,tc=0,ttl=64,bos=0)",
			FZ_MPLS, 0, true },
	[FZ_K_IP4_MASKED] = { "in_port(1),eth(src=02:00:00:00:00:01/ff:ff:ff:00:00:00),eth_type(0x0800),ipv4(src=10.0.0.0/255.0.0.0,frag=no)",
			      FZ_IPV4_UDP, 0 },
	[FZ_K_ETH] = { "in_port(1),eth()", FZ_ETH_ONLY, 0 },
	[FZ_K_IP4_META] = { "recirc_id(0),dp_hash(0/0),skb_priority(0),skb_mark(0/0),in_port(2),eth(),eth_type(0x0800),ipv4(ttl=64,frag=no)",
			    FZ_IPV4_ICMP, 0 },
	[FZ_K_VXLAN] = { "tunnel(tun_id=0x5,src=10.9.0.1,dst=10.9.0.2,ttl=64,tp_dst=4789,flags(key)),in_port(3),eth()",
			 FZ_ETH_ONLY, 0 },
	[FZ_K_GENEVE] = { "tunnel(tun_id=0x5,dst=10.9.0.2,ttl=64,geneve({class=0x102,type=0x80,len=4,0x20001}),flags(key)),in_port(4),eth()",
			  FZ_ETH_ONLY, 0 },
	[FZ_K_CT] = { "ct_state(+trk)," E "eth_type(0x0800),ipv4(frag=no)",
		      FZ_IPV4_TCP, 0, true },
	[FZ_K_IP6] = { E "eth_type(0x86dd),ipv6(frag=no)", FZ_IPV6_UDP, 0 },
};

/* Flows whose IP protocol is wildcarded: set(ipv4) / set(ipv6) that are
 * not masked write the protocol and fragment type too, so they must
 * equal the flow's (zero). */
#define K_IP4_ANYPROTO	(FZ_KB(FZ_K_IP4_MASKED) | FZ_KB(FZ_K_IP4_META) | \
			 FZ_KB(FZ_K_VLAN) | FZ_KB(FZ_K_QINQ))
#define K_IP4		(K_IP4_ANYPROTO | FZ_KB(FZ_K_IP4_TCP) |		\
			 FZ_KB(FZ_K_IP4_UDP) | FZ_KB(FZ_K_IP4_SCTP) |	\
			 FZ_KB(FZ_K_IP4_ICMP) | FZ_KB(FZ_K_IP4_FRAG_FIRST) | \
			 FZ_KB(FZ_K_IP4_FRAG_LATER))
#define K_IP6		(FZ_KB(FZ_K_IP6) | FZ_KB(FZ_K_IP6_TCP) |		\
			 FZ_KB(FZ_K_IP6_UDP) | FZ_KB(FZ_K_IP6_NS) |	\
			 FZ_KB(FZ_K_IP6_NA) | FZ_KB(FZ_K_IP6_FRAG_FIRST))

const struct fz_action fz_actions[] = {
	{ "2", 0 },
	{ "drop", 0 },
	{ "1,2", 0 },
	{ "userspace(pid=%u)", 0 },
	{ "userspace(pid=%u,userdata(0102ab),actions)", 0 },
	{ "set(eth(src=02:00:00:00:00:09,dst=02:00:00:00:00:0a)),2", 0 },
	{ "set(eth(dst=02:00:00:00:00:0a/ff:ff:ff:00:00:00)),2", 0 },
	{ "set(ipv4(src=10.0.0.9,dst=10.0.0.10,tos=0x10,ttl=9)),2",
	  K_IP4_ANYPROTO },
	{ "set(ipv4(src=10.0.0.0/255.255.255.0)),2", K_IP4 },
	{ "set(ipv6(src=fd00::9,dst=fd00::a,label=0x1,tclass=0,hlimit=9)),2",
	  FZ_KB(FZ_K_IP6) },
	{ "set(ipv6(dst=fd00::/ffff::)),2", K_IP6 },
	{ "set(tcp(src=81,dst=82)),2",
	  FZ_KB(FZ_K_IP4_TCP) | FZ_KB(FZ_K_IP6_TCP) },
	{ "set(tcp(dst=80/0xff)),2", FZ_KB(FZ_K_IP4_TCP) | FZ_KB(FZ_K_IP6_TCP) },
	{ "set(udp(src=81,dst=82)),2",
	  FZ_KB(FZ_K_IP4_UDP) | FZ_KB(FZ_K_IP6_UDP) },
	{ "set(sctp(src=81,dst=82)),2", FZ_KB(FZ_K_IP4_SCTP) },
	{ "set(skb_mark(0x5)),set(skb_priority(0x1)),2", 0 },
	{ "push_vlan(vid=10,pcp=3),2", 0 },
	{ "push_vlan(tpid=0x88a8,vid=10,pcp=0),push_vlan(vid=11,pcp=0),2", 0 },
	{ "pop_vlan,2", FZ_KB(FZ_K_VLAN) | FZ_KB(FZ_K_QINQ) },
	{ "dec_ttl(le_1(userspace(pid=%u))),2", K_IP4 | K_IP6 },
	{ "dec_ttl(le_1(drop)),2", K_IP4 | K_IP6 },
	{ "set(tunnel(tun_id=0x5,dst=10.9.0.2,ttl=64,tp_dst=4789,flags(df|key))),3",
	  0 },
	{ "set(tunnel(tun_id=0x6,dst=10.9.0.2,ttl=64,tp_dst=6081,geneve({class=0x102,type=0x80,len=4,0x20001}),flags(key))),4",
	  0 },
	{ "check_pkt_len(size=100,gt(2),le(userspace(pid=%u)))", 0 },
	{ "check_pkt_len(size=64,gt(set(ipv4(ttl=1)),2),le(drop))",
	  K_IP4_ANYPROTO },
	{ "clone(push_vlan(vid=1,pcp=0),2),set(eth(src=02:00:00:00:00:09)),1",
	  0 },
	{ "clone(clone(clone(2))),1", 0 },
	{ "sample(sample=50.0%%,actions(2)),1", 0 },
	{ "sample(sample=100.0%%,actions(userspace(pid=%u)))", 0 },
	{ "hash(l4(0)),recirc(0x1)", 0 },
	{ "trunc(60),2", 0 },
};
const size_t fz_n_actions = sizeof(fz_actions) / sizeof(fz_actions[0]);

/*
 * Refused by kflow (Documentation/abi.rst): only the netlink fuzzer, for
 * the rejection paths.  openvswitch.ko refuses set() of ARP and ND too
 * (only OVS's userspace datapath writes them), and set(mpls) that is not
 * masked on a flow without MPLS.
 */
const struct fz_action fz_actions_refused[] = {
	{ "set(mpls(label=11,tc=1,ttl=9,bos=1)),2", FZ_KB(FZ_K_MPLS) },
	{ "push_mpls(label=10,tc=0,ttl=64,bos=1,eth_type=0x8847),2", 0 },
	{ "pop_mpls(eth_type=0x800),2", FZ_KB(FZ_K_MPLS) },
	{ "ct(zone=1),recirc(0x2)", 0 },
	{ "ct_clear,2", 0 },
	{ "pop_eth,push_eth(src=02:00:00:00:00:01,dst=02:00:00:00:00:02),2",
	  0 },
	{ "meter(1),2", 0 },
	{ "set(arp(sip=10.0.0.9,tip=10.0.0.10,op=2)),2", FZ_KB(FZ_K_ARP) },
	{ "set(nd(target=fd00::9,sll=02:00:00:00:00:09)),2",
	  FZ_KB(FZ_K_IP6_NS) | FZ_KB(FZ_K_IP6_NA) },
};
const size_t fz_n_actions_refused =
	sizeof(fz_actions_refused) / sizeof(fz_actions_refused[0]);

const struct fz_action *fz_action_any(struct fz_rng *r)
{
	uint32_t i = fz_below(r, (uint32_t)(fz_n_actions +
					    fz_n_actions_refused));

	return i < fz_n_actions ? &fz_actions[i] :
	       &fz_actions_refused[i - fz_n_actions];
}

enum fz_key_id fz_key_for(struct fz_rng *r, const struct fz_action *a)
{
	uint32_t n = (uint32_t)__builtin_popcount(a->keys), k;

	if (!n)
		return (enum fz_key_id)fz_below(r, FZ_N_KEYS);
	n = fz_below(r, n);
	for (k = 0; k < FZ_N_KEYS; k++)
		if ((a->keys & FZ_KB(k)) && !n--)
			break;
	return (enum fz_key_id)k;
}
