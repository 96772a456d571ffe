// SPDX-License-Identifier: GPL-2.0
/*
 * nl_key_put.c - a flow key or mask as OVS_KEY_ATTR_* attributes.
 *
 * Emits exactly the attribute set the stock datapath emits for a key of
 * the same shape (the "swkey"), with the values of "output" (the key
 * itself, or the flow's mask): metadata (RECIRC_ID, DP_HASH, PRIORITY,
 * TUNNEL for tunnelled keys and all masks, IN_PORT, SKB_MARK), the
 * conntrack fields (always zero in kflow), ETHERNET, up to two
 * VLAN+ENCAP levels, the EtherType (omitted for 802.2 keys), L3 and, for
 * IP that is not a later fragment, L4.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/in.h>
#include <linux/openvswitch.h>
#include <net/ndisc.h>
#include "datapath.h"
#include "nl_key.h"
#include "nl_key_int.h"
#include "test_export.h"

/* ---- emitting ---------------------------------------------------------- */

static int kflow_nl_put_tunnel(const struct kflow_key *sw,
			       const struct kflow_key *out, struct sk_buff *skb)
{
	const void *opts = NULL;
	struct nlattr *nest;

	nest = nla_nest_start_noflag(skb, OVS_KEY_ATTR_TUNNEL);
	if (!nest)
		return -EMSGSIZE;
	if (out->tun_key.tun_flags & TUNNEL_OPTIONS_PRESENT)
		opts = KFLOW_TUN_OPTS(out, sw->tun_opts_len);
	if (kflow_tun_put(skb, &out->tun_key, opts, sw->tun_opts_len,
			  sw->tun_proto, 0))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int kflow_nl_put_in_port(const struct kflow_key *sw,
				const struct kflow_key *out, bool is_mask,
				struct sk_buff *skb)
{
	u32 port = out->phy.in_port;

	/* A key without in_port; its mask says so by being exact. */
	if (sw->phy.in_port == KFLOW_MAX_PORTS) {
		if (is_mask && port == KFLOW_IN_PORT_MASK)
			return nla_put_u32(skb, OVS_KEY_ATTR_IN_PORT, U32_MAX);
		return 0;
	}
	if (is_mask)
		port |= 0xffff0000;
	return nla_put_u32(skb, OVS_KEY_ATTR_IN_PORT, port);
}

/* Conntrack fields, always zero in kflow, emitted as the stock module. */
static int kflow_nl_put_ct(struct sk_buff *skb)
{
	struct ovs_key_ct_labels labels = { 0 };

	if (nla_put_u32(skb, OVS_KEY_ATTR_CT_STATE, 0) ||
	    nla_put_u16(skb, OVS_KEY_ATTR_CT_ZONE, 0) ||
	    nla_put_u32(skb, OVS_KEY_ATTR_CT_MARK, 0) ||
	    nla_put(skb, OVS_KEY_ATTR_CT_LABELS, sizeof(labels), &labels))
		return -EMSGSIZE;
	return 0;
}

static int kflow_nl_put_meta(const struct kflow_key *sw,
			     const struct kflow_key *out, bool is_mask,
			     struct sk_buff *skb)
{
	if (nla_put_u32(skb, OVS_KEY_ATTR_RECIRC_ID, out->recirc_id) ||
	    nla_put_u32(skb, OVS_KEY_ATTR_DP_HASH, out->dp_hash) ||
	    nla_put_u32(skb, OVS_KEY_ATTR_PRIORITY, out->phy.priority))
		return -EMSGSIZE;
	if ((sw->tun_proto || is_mask) && kflow_nl_put_tunnel(sw, out, skb))
		return -EMSGSIZE;
	if (kflow_nl_put_in_port(sw, out, is_mask, skb) ||
	    nla_put_u32(skb, OVS_KEY_ATTR_SKB_MARK, out->phy.skb_mark))
		return -EMSGSIZE;
	return kflow_nl_put_ct(skb);
}

static int kflow_nl_put_vlan(struct sk_buff *skb,
			     const struct kflow_vlan_key *vk, bool is_mask,
			     struct nlattr **encap)
{
	__be16 tpid = is_mask ? htons(0xffff) : vk->tpid;

	if (nla_put_be16(skb, OVS_KEY_ATTR_ETHERTYPE, tpid) ||
	    nla_put_be16(skb, OVS_KEY_ATTR_VLAN, vk->tci))
		return -EMSGSIZE;
	*encap = nla_nest_start_noflag(skb, OVS_KEY_ATTR_ENCAP);
	return *encap ? 0 : -EMSGSIZE;
}

/*
 * Ethernet, VLAN tags and the EtherType.  Returns 1 if L3 follows, 0 if
 * the key ends here (802.2, truncated or third tag), or -EMSGSIZE.
 */
static int kflow_nl_put_l2(const struct kflow_key *sw,
			   const struct kflow_key *out, bool is_mask,
			   struct sk_buff *skb, struct nlattr **encap)
{
	struct ovs_key_ethernet *eth;
	struct nlattr *nla;
	bool vlan_type = eth_type_vlan(sw->eth.type);

	nla = nla_reserve(skb, OVS_KEY_ATTR_ETHERNET, sizeof(*eth));
	if (!nla)
		return -EMSGSIZE;
	eth = nla_data(nla);
	ether_addr_copy(eth->eth_src, out->eth.src);
	ether_addr_copy(eth->eth_dst, out->eth.dst);

	if (sw->eth.vlan.tci || vlan_type) {
		if (kflow_nl_put_vlan(skb, &out->eth.vlan, is_mask, &encap[0]))
			return -EMSGSIZE;
		if (!sw->eth.vlan.tci)
			return 0;
		if (sw->eth.cvlan.tci || vlan_type) {
			if (kflow_nl_put_vlan(skb, &out->eth.cvlan, is_mask,
					      &encap[1]))
				return -EMSGSIZE;
			if (!sw->eth.cvlan.tci)
				return 0;
		}
	}

	/* 802.2: no EtherType in a key, the EtherType mask in a mask. */
	if (sw->eth.type == htons(ETH_P_802_2)) {
		if (is_mask && out->eth.type &&
		    nla_put_be16(skb, OVS_KEY_ATTR_ETHERTYPE, out->eth.type))
			return -EMSGSIZE;
		return 0;
	}
	if (nla_put_be16(skb, OVS_KEY_ATTR_ETHERTYPE, out->eth.type))
		return -EMSGSIZE;
	return vlan_type ? 0 : 1;
}

static int kflow_nl_put_ipv4(const struct kflow_key *out, struct sk_buff *skb)
{
	struct ovs_key_ipv4 *k;
	struct nlattr *nla;

	nla = nla_reserve(skb, OVS_KEY_ATTR_IPV4, sizeof(*k));
	if (!nla)
		return -EMSGSIZE;
	k = nla_data(nla);
	k->ipv4_src = out->ipv4.src;
	k->ipv4_dst = out->ipv4.dst;
	k->ipv4_proto = out->ip.proto;
	k->ipv4_tos = out->ip.tos;
	k->ipv4_ttl = out->ip.ttl;
	k->ipv4_frag = out->ip.frag;
	return 0;
}

static int kflow_nl_put_ipv6(const struct kflow_key *out, struct sk_buff *skb)
{
	struct ovs_key_ipv6_exthdrs exthdrs = { .hdrs = out->ipv6.exthdrs };
	struct ovs_key_ipv6 *k;
	struct nlattr *nla;

	nla = nla_reserve(skb, OVS_KEY_ATTR_IPV6, sizeof(*k));
	if (!nla)
		return -EMSGSIZE;
	k = nla_data(nla);
	memcpy(k->ipv6_src, &out->ipv6.src, sizeof(k->ipv6_src));
	memcpy(k->ipv6_dst, &out->ipv6.dst, sizeof(k->ipv6_dst));
	k->ipv6_label = out->ipv6.label;
	k->ipv6_proto = out->ip.proto;
	k->ipv6_tclass = out->ip.tos;
	k->ipv6_hlimit = out->ip.ttl;
	k->ipv6_frag = out->ip.frag;
	return nla_put(skb, OVS_KEY_ATTR_IPV6_EXTHDRS, sizeof(exthdrs),
		       &exthdrs);
}

static int kflow_nl_put_arp(const struct kflow_key *out, struct sk_buff *skb)
{
	struct ovs_key_arp *k;
	struct nlattr *nla;

	nla = nla_reserve(skb, OVS_KEY_ATTR_ARP, sizeof(*k));
	if (!nla)
		return -EMSGSIZE;
	k = nla_data(nla);
	memset(k, 0, sizeof(*k));
	k->arp_sip = out->ipv4.src;
	k->arp_tip = out->ipv4.dst;
	k->arp_op = htons(out->ip.proto);
	ether_addr_copy(k->arp_sha, out->ipv4.arp_sha);
	ether_addr_copy(k->arp_tha, out->ipv4.arp_tha);
	return 0;
}

static int kflow_nl_put_nd(const struct kflow_key *out, struct sk_buff *skb)
{
	struct ovs_key_nd *k;
	struct nlattr *nla;

	nla = nla_reserve(skb, OVS_KEY_ATTR_ND, sizeof(*k));
	if (!nla)
		return -EMSGSIZE;
	k = nla_data(nla);
	memcpy(k->nd_target, &out->ipv6.nd_target, sizeof(k->nd_target));
	ether_addr_copy(k->nd_sll, out->ipv6.nd_sll);
	ether_addr_copy(k->nd_tll, out->ipv6.nd_tll);
	return 0;
}

static int kflow_nl_put_icmp(const struct kflow_key *out, int type,
			     struct sk_buff *skb)
{
	u8 k[2] = { ntohs(out->tp.src), ntohs(out->tp.dst) };

	return nla_put(skb, type, sizeof(k), k);
}

static int kflow_nl_put_l4(const struct kflow_key *sw,
			   const struct kflow_key *out, struct sk_buff *skb)
{
	bool ipv6 = sw->eth.type == htons(ETH_P_IPV6);
	__be16 ports[2] = { out->tp.src, out->tp.dst };
	int err;

	switch (sw->ip.proto) {
	case IPPROTO_TCP:
		if (nla_put(skb, OVS_KEY_ATTR_TCP, sizeof(ports), ports))
			return -EMSGSIZE;
		return nla_put_be16(skb, OVS_KEY_ATTR_TCP_FLAGS, out->tp.flags);
	case IPPROTO_UDP:
		return nla_put(skb, OVS_KEY_ATTR_UDP, sizeof(ports), ports);
	case IPPROTO_SCTP:
		return nla_put(skb, OVS_KEY_ATTR_SCTP, sizeof(ports), ports);
	case IPPROTO_ICMP:
		return ipv6 ? 0 : kflow_nl_put_icmp(out, OVS_KEY_ATTR_ICMP, skb);
	case IPPROTO_ICMPV6:
		if (!ipv6)
			return 0;
		err = kflow_nl_put_icmp(out, OVS_KEY_ATTR_ICMPV6, skb);
		if (err || (sw->tp.src != htons(NDISC_NEIGHBOUR_SOLICITATION) &&
			    sw->tp.src != htons(NDISC_NEIGHBOUR_ADVERTISEMENT)))
			return err;
		return kflow_nl_put_nd(out, skb);
	}
	return 0;
}

static int kflow_nl_put_l3l4(const struct kflow_key *sw,
			     const struct kflow_key *out, struct sk_buff *skb)
{
	int err;

	switch (sw->eth.type) {
	case htons(ETH_P_IP):
		err = kflow_nl_put_ipv4(out, skb);
		break;
	case htons(ETH_P_IPV6):
		err = kflow_nl_put_ipv6(out, skb);
		break;
	case htons(ETH_P_ARP):
	case htons(ETH_P_RARP):
		return kflow_nl_put_arp(out, skb);
	default:
		return 0;
	}
	/* Later fragments carry no L4 header. */
	if (err || sw->ip.frag == OVS_FRAG_TYPE_LATER)
		return err;
	return kflow_nl_put_l4(sw, out, skb);
}

int kflow_nl_put_key(const struct kflow_key *key,
		     const struct kflow_key *output, int attrtype,
		     bool is_mask, struct sk_buff *skb)
{
	struct nlattr *encap[2] = { NULL, NULL };
	struct nlattr *nest;
	int err;

	nest = nla_nest_start_noflag(skb, attrtype);
	if (!nest)
		return -EMSGSIZE;
	err = kflow_nl_put_meta(key, output, is_mask, skb);
	if (!err)
		err = kflow_nl_put_l2(key, output, is_mask, skb, encap);
	if (err > 0)
		err = kflow_nl_put_l3l4(key, output, skb);
	if (err < 0) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	if (encap[1])
		nla_nest_end(skb, encap[1]);
	if (encap[0])
		nla_nest_end(skb, encap[0]);
	nla_nest_end(skb, nest);
	return 0;
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_nl_put_key);

size_t kflow_nl_key_attr_size(void)
{
	return nla_total_size(4)		/* RECIRC_ID */
		+ nla_total_size(4)		/* DP_HASH */
		+ nla_total_size(4)		/* PRIORITY */
		+ nla_total_size(0)		/* TUNNEL */
		+ kflow_tun_attr_size()
		+ nla_total_size(4)		/* IN_PORT */
		+ nla_total_size(4)		/* SKB_MARK */
		+ nla_total_size(4)		/* CT_STATE */
		+ nla_total_size(2)		/* CT_ZONE */
		+ nla_total_size(4)		/* CT_MARK */
		+ nla_total_size(16)		/* CT_LABELS */
		+ nla_total_size(12)		/* ETHERNET */
		+ 2 * (nla_total_size(2)	/* ETHERTYPE (TPID) */
		       + nla_total_size(2)	/* VLAN */
		       + nla_total_size(0))	/* ENCAP */
		+ nla_total_size(2)		/* ETHERTYPE */
		+ nla_total_size(40)		/* IPV6, the largest L3 */
		+ nla_total_size(2)		/* IPV6_EXTHDRS */
		+ nla_total_size(2)		/* ICMPV6 */
		+ nla_total_size(28);		/* ND, the largest L4 */
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_nl_key_attr_size);

/* ---- UFID -------------------------------------------------------------- */

bool kflow_nl_get_ufid(struct kflow_id *id, const struct nlattr *attr)
{
	int len = attr ? nla_len(attr) : 0;

	if (len < 1 || len > KFLOW_UFID_MAX_BYTES) {
		id->ufid_len = 0;
		return false;
	}
	memset(id->ufid, 0, sizeof(id->ufid));
	memcpy(id->ufid, nla_data(attr), len);
	id->ufid_len = len;
	return true;
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_nl_get_ufid);

int kflow_nl_put_ufid(struct sk_buff *skb, const struct kflow_id *id)
{
	if (!kflow_flow_has_ufid(id))
		return 0;
	return nla_put(skb, OVS_FLOW_ATTR_UFID, id->ufid_len, id->ufid);
}
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_nl_put_ufid);
