// SPDX-License-Identifier: GPL-2.0
/*
 * odp_fields.c - the table of flow key attributes: names, payload sizes
 * and, for fixed-layout keys, their fields.
 */
#include <stddef.h>
#include <string.h>
#include "odp_priv.h"

#define F(n, t, s, m)	{ n, t, offsetof(struct s, m) }
#define N(a)		(sizeof(a) / sizeof((a)[0]))

static const struct odp_field eth_fields[] = {
	F("src", FT_MAC, ovs_key_ethernet, eth_src),
	F("dst", FT_MAC, ovs_key_ethernet, eth_dst),
};

static const struct odp_field ipv4_fields[] = {
	F("src", FT_IPV4, ovs_key_ipv4, ipv4_src),
	F("dst", FT_IPV4, ovs_key_ipv4, ipv4_dst),
	F("proto", FT_U8D, ovs_key_ipv4, ipv4_proto),
	F("tos", FT_U8X, ovs_key_ipv4, ipv4_tos),
	F("ttl", FT_U8D, ovs_key_ipv4, ipv4_ttl),
	F("frag", FT_FRAG, ovs_key_ipv4, ipv4_frag),
};

static const struct odp_field ipv6_fields[] = {
	F("src", FT_IPV6, ovs_key_ipv6, ipv6_src),
	F("dst", FT_IPV6, ovs_key_ipv6, ipv6_dst),
	F("label", FT_LABEL, ovs_key_ipv6, ipv6_label),
	F("proto", FT_U8D, ovs_key_ipv6, ipv6_proto),
	F("tclass", FT_U8X, ovs_key_ipv6, ipv6_tclass),
	F("hlimit", FT_U8D, ovs_key_ipv6, ipv6_hlimit),
	F("frag", FT_FRAG, ovs_key_ipv6, ipv6_frag),
};

/* tcp, udp and sctp share one layout. */
static const struct odp_field tp_fields[] = {
	F("src", FT_BE16D, ovs_key_tcp, tcp_src),
	F("dst", FT_BE16D, ovs_key_tcp, tcp_dst),
};

static const struct odp_field icmp_fields[] = {
	F("type", FT_U8D, ovs_key_icmp, icmp_type),
	F("code", FT_U8D, ovs_key_icmp, icmp_code),
};

static const struct odp_field arp_fields[] = {
	F("sip", FT_IPV4, ovs_key_arp, arp_sip),
	F("tip", FT_IPV4, ovs_key_arp, arp_tip),
	F("op", FT_BE16D, ovs_key_arp, arp_op),
	F("sha", FT_MAC, ovs_key_arp, arp_sha),
	F("tha", FT_MAC, ovs_key_arp, arp_tha),
};

static const struct odp_field nd_fields[] = {
	F("target", FT_IPV6, ovs_key_nd, nd_target),
	F("sll", FT_MAC, ovs_key_nd, nd_sll),
	F("tll", FT_MAC, ovs_key_nd, nd_tll),
};

static const struct odp_field ct4_fields[] = {
	F("src", FT_IPV4, ovs_key_ct_tuple_ipv4, ipv4_src),
	F("dst", FT_IPV4, ovs_key_ct_tuple_ipv4, ipv4_dst),
	F("proto", FT_U8D, ovs_key_ct_tuple_ipv4, ipv4_proto),
	F("tp_src", FT_BE16D, ovs_key_ct_tuple_ipv4, src_port),
	F("tp_dst", FT_BE16D, ovs_key_ct_tuple_ipv4, dst_port),
};

static const struct odp_field ct6_fields[] = {
	F("src", FT_IPV6, ovs_key_ct_tuple_ipv6, ipv6_src),
	F("dst", FT_IPV6, ovs_key_ct_tuple_ipv6, ipv6_dst),
	F("proto", FT_U8D, ovs_key_ct_tuple_ipv6, ipv6_proto),
	F("src_port", FT_BE16D, ovs_key_ct_tuple_ipv6, src_port),
	F("dst_port", FT_BE16D, ovs_key_ct_tuple_ipv6, dst_port),
};

#define STRUCT_KEY(n, s, f, cmp) \
	{ n, KIND_STRUCT, sizeof(struct s), cmp, f, N(f) }

static const struct odp_key_desc key_descs[OVS_KEY_ATTR_MAX + 1] = {
	[OVS_KEY_ATTR_ENCAP] = { "encap", KIND_ENCAP, 0, 0, NULL, 0 },
	[OVS_KEY_ATTR_PRIORITY] = { "skb_priority", KIND_U32, 4, 4, NULL, 0 },
	[OVS_KEY_ATTR_IN_PORT] = { "in_port", KIND_IN_PORT, 4, 4, NULL, 0 },
	[OVS_KEY_ATTR_ETHERNET] = STRUCT_KEY("eth", ovs_key_ethernet,
					     eth_fields, 12),
	[OVS_KEY_ATTR_VLAN] = { "vlan", KIND_VLAN, 2, 2, NULL, 0 },
	[OVS_KEY_ATTR_ETHERTYPE] = { "eth_type", KIND_ETHERTYPE, 2, 2,
				     NULL, 0 },
	[OVS_KEY_ATTR_IPV4] = STRUCT_KEY("ipv4", ovs_key_ipv4, ipv4_fields,
					 12),
	[OVS_KEY_ATTR_IPV6] = STRUCT_KEY("ipv6", ovs_key_ipv6, ipv6_fields,
					 40),
	[OVS_KEY_ATTR_TCP] = STRUCT_KEY("tcp", ovs_key_tcp, tp_fields, 4),
	[OVS_KEY_ATTR_UDP] = STRUCT_KEY("udp", ovs_key_udp, tp_fields, 4),
	[OVS_KEY_ATTR_ICMP] = STRUCT_KEY("icmp", ovs_key_icmp, icmp_fields,
					 2),
	[OVS_KEY_ATTR_ICMPV6] = STRUCT_KEY("icmpv6", ovs_key_icmpv6,
					   icmp_fields, 2),
	[OVS_KEY_ATTR_ARP] = STRUCT_KEY("arp", ovs_key_arp, arp_fields, 22),
	[OVS_KEY_ATTR_ND] = STRUCT_KEY("nd", ovs_key_nd, nd_fields, 28),
	[OVS_KEY_ATTR_SKB_MARK] = { "skb_mark", KIND_U32, 4, 4, NULL, 0 },
	[OVS_KEY_ATTR_TUNNEL] = { "tunnel", KIND_TUNNEL, 0, 0, NULL, 0 },
	[OVS_KEY_ATTR_SCTP] = STRUCT_KEY("sctp", ovs_key_sctp, tp_fields, 4),
	[OVS_KEY_ATTR_TCP_FLAGS] = { "tcp_flags", KIND_TCP_FLAGS, 2, 2,
				     NULL, 0 },
	[OVS_KEY_ATTR_DP_HASH] = { "dp_hash", KIND_U32, 4, 4, NULL, 0 },
	[OVS_KEY_ATTR_RECIRC_ID] = { "recirc_id", KIND_U32_EXACT, 4, 4,
				     NULL, 0 },
	[OVS_KEY_ATTR_MPLS] = { "mpls", KIND_MPLS, 0, 0, NULL, 0 },
	[OVS_KEY_ATTR_CT_STATE] = { "ct_state", KIND_CT_STATE, 4, 4,
				    NULL, 0 },
	[OVS_KEY_ATTR_CT_ZONE] = { "ct_zone", KIND_CT_ZONE, 2, 2, NULL, 0 },
	[OVS_KEY_ATTR_CT_MARK] = { "ct_mark", KIND_CT_MARK, 4, 4, NULL, 0 },
	[OVS_KEY_ATTR_CT_LABELS] = { "ct_label", KIND_CT_LABEL, 16, 16,
				     NULL, 0 },
	[OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4] =
		STRUCT_KEY("ct_tuple4", ovs_key_ct_tuple_ipv4, ct4_fields, 13),
	[OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6] =
		STRUCT_KEY("ct_tuple6", ovs_key_ct_tuple_ipv6, ct6_fields, 37),
};

const struct odp_key_desc *odp_key_desc(unsigned int type)
{
	if (type > OVS_KEY_ATTR_MAX || !key_descs[type].name)
		return NULL;
	return &key_descs[type];
}

const struct odp_key_desc *odp_key_desc_by_name(const char *s, size_t len,
						unsigned int *type)
{
	unsigned int i;

	for (i = 0; i <= OVS_KEY_ATTR_MAX; i++) {
		const char *n = key_descs[i].name;

		if (n && strlen(n) == len && !strncmp(n, s, len)) {
			*type = i;
			return &key_descs[i];
		}
	}
	return NULL;
}
