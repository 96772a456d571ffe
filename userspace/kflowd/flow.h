/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flow.h - the packet-field model of kflowd.
 *
 * struct kf_flow holds every field the datapath flow key has, plus the
 * OpenFlow pipeline metadata (metadata, registers, conj_id).  Integers are
 * in host byte order; MAC and IPv6 addresses are byte arrays in network
 * order.  Ports use OpenFlow 1.0 numbering (OFPP_LOCAL is 0xfffe).
 *
 * The struct is laid out in four 64-bit aligned stages (metadata, L2, L3,
 * L4) so the classifier can treat it as an array of 64-bit words and stop
 * a subtable lookup early; see classifier.h.
 *
 * struct kf_match pairs a flow with a wildcard mask of the same layout:
 * a 1 bit in @wc means the bit of @flow is matched.  Bits of @flow outside
 * @wc are always zero.
 *
 * Aliases share storage, as in Open vSwitch: arp_spa/arp_tpa live in
 * nw_src/nw_dst, icmp_type/icmp_code in tp_src/tp_dst, nd_sll/nd_tll in
 * arp_sha/arp_tha.
 */
#ifndef KFLOWD_FLOW_H
#define KFLOWD_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KF_N_REGS 16
#define KF_N_XREGS (KF_N_REGS / 2)
#define KF_N_TUN_METADATA 64

/* OpenFlow 1.0 reserved port numbers. */
#define KF_PORT_MAX 0xff00
#define KF_PORT_IN_PORT 0xfff8
#define KF_PORT_TABLE 0xfff9
#define KF_PORT_NORMAL 0xfffa
#define KF_PORT_FLOOD 0xfffb
#define KF_PORT_ALL 0xfffc
#define KF_PORT_CONTROLLER 0xfffd
#define KF_PORT_LOCAL 0xfffe
#define KF_PORT_NONE 0xffff

#define KF_VLAN_CFI 0x1000
#define KF_VLAN_VID_MASK 0x0fff
#define KF_VLAN_PCP_MASK 0xe000

/* nw_frag bits. */
#define KF_FRAG_ANY 0x01
#define KF_FRAG_LATER 0x02
#define KF_FRAG_MASK 0x03

/* tun_flags bits (OpenFlow visible). */
#define KF_TNL_F_OAM 0x01

struct kf_flow {
	/* Stage 0: datapath and pipeline metadata, tunnel. */
	uint32_t recirc_id;
	uint32_t dp_hash;
	uint32_t skb_priority;
	uint32_t pkt_mark;
	uint32_t conj_id;
	uint16_t in_port;		/* OpenFlow port number */
	uint16_t pad0;
	uint64_t metadata;
	uint32_t regs[KF_N_REGS];	/* xregN = regs[2N] << 32 | regs[2N+1] */
	uint64_t tun_id;
	uint32_t tun_src;
	uint32_t tun_dst;
	uint16_t tun_flags;
	uint16_t tun_tp_dst;
	uint32_t pad1;
	/* Geneve options, one 32-bit slot each (see kf_field notes). */
	uint32_t tun_metadata[KF_N_TUN_METADATA];

	/* Stage 1: L2. */
	uint8_t dl_dst[6];
	uint8_t dl_src[6];
	uint16_t dl_type;
	uint16_t vlan_tci[2];		/* outer, inner; KF_VLAN_CFI = present */
	uint8_t pad2[6];

	/* Stage 2: L3. */
	uint32_t nw_src;		/* also arp_spa */
	uint32_t nw_dst;		/* also arp_tpa */
	uint8_t ipv6_src[16];
	uint8_t ipv6_dst[16];
	uint32_t ipv6_label;
	uint16_t arp_op;
	uint8_t nw_proto;
	uint8_t nw_tos;			/* DSCP in the upper 6 bits */
	uint8_t nw_ecn;
	uint8_t nw_ttl;
	uint8_t nw_frag;		/* KF_FRAG_* */
	uint8_t pad3[5];

	/* Stage 3: L4. */
	uint16_t tp_src;		/* also icmp_type */
	uint16_t tp_dst;		/* also icmp_code */
	uint16_t tcp_flags;
	uint16_t pad4;
	uint8_t nd_target[16];
	uint8_t arp_sha[6];		/* also nd_sll */
	uint8_t arp_tha[6];		/* also nd_tll */
	uint8_t pad5[4];
} __attribute__((aligned(8)));

enum kf_stage {
	KF_STAGE_META,
	KF_STAGE_L2,
	KF_STAGE_L3,
	KF_STAGE_L4,
	KF_N_STAGES
};

#define KF_FLOW_WORDS (sizeof(struct kf_flow) / 8)

/* First 64-bit word of each stage, and KF_FLOW_WORDS at the end. */
extern const unsigned int kf_stage_start[KF_N_STAGES + 1];

struct kf_match {
	struct kf_flow flow;
	struct kf_flow wc;		/* 1 bit = matched */
};

/* A field value, right-aligned in network byte order: be[15] holds the
 * least significant byte, whatever the field width. */
struct kf_value {
	uint8_t be[16];
};

enum kf_field_id {
	KF_F_RECIRC_ID, KF_F_DP_HASH, KF_F_SKB_PRIORITY, KF_F_PKT_MARK,
	KF_F_CONJ_ID, KF_F_IN_PORT, KF_F_METADATA,
	KF_F_TUN_ID, KF_F_TUN_SRC, KF_F_TUN_DST, KF_F_TUN_FLAGS,
	KF_F_TUN_TP_DST,
	KF_F_DL_SRC, KF_F_DL_DST, KF_F_DL_TYPE, KF_F_VLAN_TCI,
	KF_F_DL_VLAN, KF_F_VLAN_VID, KF_F_VLAN_PCP,
	KF_F_NW_SRC, KF_F_NW_DST, KF_F_ARP_SPA, KF_F_ARP_TPA,
	KF_F_IPV6_SRC, KF_F_IPV6_DST, KF_F_IPV6_LABEL,
	KF_F_NW_PROTO, KF_F_ARP_OP, KF_F_NW_TOS, KF_F_IP_DSCP, KF_F_NW_ECN,
	KF_F_NW_TTL, KF_F_NW_FRAG,
	KF_F_TP_SRC, KF_F_TP_DST, KF_F_TCP_SRC, KF_F_TCP_DST,
	KF_F_UDP_SRC, KF_F_UDP_DST, KF_F_SCTP_SRC, KF_F_SCTP_DST,
	KF_F_TCP_FLAGS,
	KF_F_ICMP_TYPE, KF_F_ICMP_CODE, KF_F_ICMPV6_TYPE, KF_F_ICMPV6_CODE,
	KF_F_ND_TARGET, KF_F_ND_SLL, KF_F_ND_TLL, KF_F_ARP_SHA, KF_F_ARP_THA,
	KF_F_REG0,
	KF_F_XREG0 = KF_F_REG0 + KF_N_REGS,
	KF_F_TUN_METADATA0 = KF_F_XREG0 + KF_N_XREGS,
	KF_N_FIELDS = KF_F_TUN_METADATA0 + KF_N_TUN_METADATA
};

/* How a value of the field is written. */
enum kf_fmt {
	KF_FMT_DEC,		/* decimal when exact, hex/hex when masked */
	KF_FMT_HEX,
	KF_FMT_MAC,
	KF_FMT_IPV4,
	KF_FMT_IPV6,
	KF_FMT_PORT,		/* OpenFlow port: number or LOCAL, ... */
	KF_FMT_FRAG,		/* no, yes, first, later, not_later */
	KF_FMT_TCP_FLAGS,	/* +syn-ack or hex */
	KF_FMT_TUN_FLAGS,	/* +oam */
};

/* What the match must also say for a field to be meaningful. */
enum kf_prereq {
	KF_P_NONE, KF_P_VLAN, KF_P_IP, KF_P_IPV6, KF_P_IP_ANY, KF_P_ARP,
	KF_P_L4, KF_P_TCP, KF_P_UDP, KF_P_SCTP, KF_P_ICMP, KF_P_ICMPV6,
	KF_P_ICMP_ANY,
	KF_P_ND, KF_P_ND_SOLICIT, KF_P_ND_ADVERT,
};

struct kf_field {
	enum kf_field_id id;
	const char *name;	/* ovs-ofctl match name, e.g. "dl_src" */
	const char *alias;	/* name set_field prints, e.g. "eth_src" */
	const char *nxm_name;	/* NXM/OXM header name for move/load */
	uint16_t nxm_class;	/* NXM/OXM class of nxm_name (0: none) */
	uint8_t nxm_field;
	uint8_t n_bits;		/* width of the field */
	uint16_t offset;	/* storage in struct kf_flow */
	uint8_t n_bytes;	/* storage size: 1, 2, 4, 8, 6 or 16 */
	uint8_t shift;		/* bits below the field inside its storage */
	enum kf_fmt fmt;
	enum kf_prereq prereq;
	bool maskable;
	bool writable;		/* set_field/load/move may write it */
};

const struct kf_field *kf_field(enum kf_field_id id);
/* By match name, OXM-style alias or NXM/OXM header name. */
const struct kf_field *kf_field_by_name(const char *name, size_t len);
enum kf_stage kf_field_stage(const struct kf_field *f);
/* The canonical name for move/load: NXM/OXM header name if any. */
const char *kf_field_hdr_name(const struct kf_field *f);
/* The name set_field prints: the OXM-style alias if any. */
const char *kf_field_sf_name(const struct kf_field *f);

/* Read/write a field's bits (values and masks alike). */
void kf_field_get(const struct kf_flow *flow, const struct kf_field *f,
		  struct kf_value *v);
void kf_field_set(struct kf_flow *flow, const struct kf_field *f,
		  const struct kf_value *v);
/* Set the field's bits selected by @mask to @v, others unchanged. */
void kf_field_set_masked(struct kf_flow *flow, const struct kf_field *f,
			 const struct kf_value *v, const struct kf_value *mask);
/* Bit @i (0 = least significant) of a value. */
bool kf_value_bit(const struct kf_value *v, unsigned int i);
void kf_value_set_bit(struct kf_value *v, unsigned int i, bool bit);
void kf_value_from_u64(struct kf_value *v, uint64_t x);
uint64_t kf_value_to_u64(const struct kf_value *v);
bool kf_value_is_zero(const struct kf_value *v);
/* All n_bits of the field set? */
bool kf_value_is_exact(const struct kf_value *mask, const struct kf_field *f);
void kf_value_all_ones(struct kf_value *v, unsigned int n_bits);
/* Why @v is not a value of @f (a reason to print after "name=value: "),
 * or NULL when it is.  Only nw_tos has values its width allows but the
 * field does not: its low 2 bits are ECN, which is nw_ecn's. */
const char *kf_value_invalid(const struct kf_field *f,
			     const struct kf_value *v);

/* Match construction. */
void kf_match_init_catchall(struct kf_match *m);
void kf_match_set(struct kf_match *m, const struct kf_field *f,
		  const struct kf_value *v, const struct kf_value *mask);
void kf_match_get(const struct kf_match *m, const struct kf_field *f,
		  struct kf_value *v, struct kf_value *mask);
bool kf_match_has(const struct kf_match *m, const struct kf_field *f);
bool kf_match_equal(const struct kf_match *a, const struct kf_match *b);
/* Prerequisites of @f satisfied by @m's exact dl_type/nw_proto/... */
bool kf_match_prereqs_ok(const struct kf_match *m, const struct kf_field *f);
/* First field whose prerequisites are not met, or NULL. */
const struct kf_field *kf_match_check_prereqs(const struct kf_match *m);
/* Does @flow match @m? */
bool kf_match_matches(const struct kf_match *m, const struct kf_flow *flow);

/* Word access for the classifier. */
static inline const uint64_t *kf_flow_words(const struct kf_flow *f)
{
	return (const uint64_t *)f;
}

static inline uint64_t *kf_flow_words_rw(struct kf_flow *f)
{
	return (uint64_t *)f;
}

#endif
