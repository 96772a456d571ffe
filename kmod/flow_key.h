/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flow_key.h - the flow key: everything kflow knows about one packet.
 *
 * What.  struct kflow_key is the fixed-layout summary of a packet that the
 * megaflow table matches on: tunnel metadata, skb metadata (in_port,
 * priority, mark, recirc_id, dp_hash), Ethernet with up to two VLAN tags,
 * L3 (IPv4, IPv6, ARP) and L4 ports and flags.  A flow's mask is another
 * struct kflow_key whose set bits say which key bits the flow cares about.
 *
 * Why this layout.  Masked lookup ANDs the packet key with each mask and
 * hashes the result, one unsigned long at a time, over the byte range
 * [range.start, range.end) where the mask is non-zero.  Fields that are
 * rarely matched and large sit at the front (Geneve options, then the
 * tunnel key), so the common non-tunnel masks start after them and cost
 * nothing.  The struct is long-aligned and sized to a multiple of longs.
 *
 * Semantics follow the Open vSwitch datapath ABI: eth.vlan.tci carries
 * VLAN_CFI_MASK (0x1000) exactly when a tag is present; an 802.2 frame has
 * eth.type == htons(ETH_P_802_2); for ARP, ip.proto holds the low 8 bits of
 * the opcode and ipv4.src/dst the sender/target protocol addresses; for
 * ICMP and ICMPv6, tp.src/tp.dst hold type/code in the low byte
 * (htons(type)); ip.frag is one of OVS_FRAG_TYPE_*.
 *
 * Extraction (flow_key.c) never reads past skb data: a truncated header
 * leaves the deeper fields zero and the key still holds what was parsed.
 * It also sets skb's mac, network and transport header offsets, which the
 * actions rely on.
 *
 * Locking: none.  A key lives on the stack of the packet being processed
 * or inside a flow that is immutable once published.
 */
#ifndef _KFLOW_FLOW_KEY_H
#define _KFLOW_FLOW_KEY_H

#include <linux/types.h>
#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/skbuff.h>
#include <net/ip_tunnels.h>

struct kflow_vlan_key {
	__be16 tpid;	/* ETH_P_8021Q or ETH_P_8021AD; 0 when absent */
	__be16 tci;	/* VLAN_CFI_MASK set iff the tag is present */
};

struct kflow_key {
	/* Geneve options, big and rare: first, so most masks skip them. */
	u8 tun_opts[IP_TUNNEL_OPTS_MAX];
	u8 tun_opts_len;
	struct ip_tunnel_key tun_key;	/* all zero when not from a tunnel */
	struct {
		u32 priority;		/* skb->priority */
		u32 skb_mark;		/* skb->mark */
		u32 in_port;		/* datapath port number */
	} phy;
	u8 tun_proto;			/* AF_INET or AF_INET6 if tunnelled */
	u8 pad0[3];
	u32 dp_hash;			/* 0: not computed */
	u32 recirc_id;
	struct {
		u8 src[ETH_ALEN];
		u8 dst[ETH_ALEN];
		struct kflow_vlan_key vlan;	/* outer tag */
		struct kflow_vlan_key cvlan;	/* inner tag */
		__be16 type;
	} eth;
	struct {
		u8 proto;	/* IP protocol, or ARP opcode (low byte) */
		u8 tos;
		u8 ttl;
		u8 frag;	/* OVS_FRAG_TYPE_* */
	} ip;
	struct {
		__be16 src;
		__be16 dst;
		__be16 flags;	/* TCP flags, network order, low 12 bits */
	} tp;
	union {
		struct {
			__be32 src;
			__be32 dst;
			u8 arp_sha[ETH_ALEN];
			u8 arp_tha[ETH_ALEN];
		} ipv4;
		struct {
			struct in6_addr src;
			struct in6_addr dst;
			__be32 label;		/* 20 low bits */
			u16 exthdrs;		/* reserved; kept zero */
			struct in6_addr nd_target;
			u8 nd_sll[ETH_ALEN];
			u8 nd_tll[ETH_ALEN];
		} ipv6;
	};
} __aligned(BITS_PER_LONG / 8);

/* Byte range of a key that a mask covers, long-aligned. */
struct kflow_key_range {
	unsigned short start;
	unsigned short end;
};

/* Offset of the first byte after the tunnel part of the key. */
#define KFLOW_KEY_NON_TUN_START	offsetof(struct kflow_key, phy)

/*
 * Tunnel options of length @len occupy the last @len bytes of tun_opts,
 * so a flow matching short options has a mask range that starts late.
 */
#define KFLOW_TUN_OPTS_OFFSET(len) \
	(offsetof(struct kflow_key, tun_opts) + IP_TUNNEL_OPTS_MAX - (len))
#define KFLOW_TUN_OPTS(key, len) \
	((key)->tun_opts + IP_TUNNEL_OPTS_MAX - (len))

/*
 * kflow_key_extract - fill @key from a packet received on @in_port.
 * @tun_info: the packet's tunnel metadata, or NULL.
 * Sets skb->mac/network/transport headers.  Returns 0; -EINVAL for a frame
 * shorter than an Ethernet header; -ENOMEM when the skb could not be made
 * linear enough to read its headers.  A truncated or malformed header
 * beyond L2 is not an error: the key holds what could be parsed.
 */
int kflow_key_extract(struct sk_buff *skb, u32 in_port,
		      const struct ip_tunnel_info *tun_info,
		      struct kflow_key *key);

/*
 * kflow_key_extract_packet - extract the packet part of @key, keeping the
 * metadata (tunnel, phy, recirc_id, dp_hash) already in it.  Used for
 * OVS_PACKET_CMD_EXECUTE (metadata from netlink) and to refresh a key after
 * an action changed the headers.
 */
int kflow_key_extract_packet(struct sk_buff *skb, struct kflow_key *key);

#endif /* _KFLOW_FLOW_KEY_H */
