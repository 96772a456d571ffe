/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ofp_wire.h - OpenFlow 1.3 wire codec of kflowd (with the Nicira
 * extensions Open vSwitch tools and controllers use).
 *
 * Decoders take one whole message (header included), validate every
 * length and value, and fill the model of ofp.h / ofp_actions.h.  On
 * malformed input they return -EINVAL and fill struct kf_ofp_err with the
 * OpenFlow error type/code to send back and a message naming the field,
 * e.g. "match: OXM 0x80000a01 (eth_type): length 1, expected 2".
 *
 * Encoders append to a struct kf_wbuf; they choose the same wire forms as
 * ovs-ofctl -O OpenFlow13 (OXM for standard fields, NXM/Nicira actions for
 * the rest), so a flow_mod we write is byte for byte what ovs-ofctl sends
 * for the same text.  They return 0, -EINVAL if the model cannot be said
 * in OpenFlow 1.3 (message in @err) or -ENOMEM.
 *
 * Ports in the model are OpenFlow 1.0 numbers (LOCAL = 0xfffe, NONE/ANY =
 * 0xffff); the codec converts to and from the 32-bit OpenFlow 1.3 numbers.
 * Wire conversions that OVS also makes (so a decoded flow prints like
 * `ovs-ofctl -O OpenFlow13 dump-flows`):
 *   strip_vlan -> pop_vlan, set_tunnel[64] -> set_field:->tun_id,
 *   mod_vlan_vid -> [push_vlan:0x8100,]set_field:->vlan_vid,
 *   mod_nw_tos -> set_field:->ip_dscp, mod_* -> set_field, masked
 *   set_field -> load (NXAST_REG_LOAD), note padded to 6+8n bytes,
 *   resubmit:N -> resubmit(N,) on the wire (prints resubmit:N again),
 *   CONTROLLER:N -> output to CONTROLLER with max_len N.
 * importance is not in OpenFlow 1.3 and is dropped.
 */
#ifndef KFLOWD_OFP_WIRE_H
#define KFLOWD_OFP_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ofp.h"

#define KF_OFP13_VERSION 0x04
#define KF_OFP_HEADER_LEN 8
#define KF_OFP_MAX_MSG 65535
#define KF_NX_VENDOR_ID 0x00002320
#define KF_ONF_VENDOR_ID 0x4f4e4600
#define KF_OFP_NO_BUFFER 0xffffffffu
#define KF_OFPG_ANY 0xffffffffu
#define KF_OFPTT_ALL 0xff

enum kf_ofpt {
	KF_OFPT_HELLO = 0, KF_OFPT_ERROR = 1, KF_OFPT_ECHO_REQUEST = 2,
	KF_OFPT_ECHO_REPLY = 3, KF_OFPT_EXPERIMENTER = 4,
	KF_OFPT_FEATURES_REQUEST = 5, KF_OFPT_FEATURES_REPLY = 6,
	KF_OFPT_GET_CONFIG_REQUEST = 7, KF_OFPT_GET_CONFIG_REPLY = 8,
	KF_OFPT_SET_CONFIG = 9, KF_OFPT_PACKET_IN = 10,
	KF_OFPT_FLOW_REMOVED = 11, KF_OFPT_PORT_STATUS = 12,
	KF_OFPT_PACKET_OUT = 13, KF_OFPT_FLOW_MOD = 14,
	KF_OFPT_GROUP_MOD = 15, KF_OFPT_PORT_MOD = 16, KF_OFPT_TABLE_MOD = 17,
	KF_OFPT_MULTIPART_REQUEST = 18, KF_OFPT_MULTIPART_REPLY = 19,
	KF_OFPT_BARRIER_REQUEST = 20, KF_OFPT_BARRIER_REPLY = 21,
	KF_OFPT_ROLE_REQUEST = 24, KF_OFPT_ROLE_REPLY = 25,
	KF_OFPT_GET_ASYNC_REQUEST = 26, KF_OFPT_GET_ASYNC_REPLY = 27,
	KF_OFPT_SET_ASYNC = 28, KF_OFPT_METER_MOD = 29,
};

enum kf_ofpmp {
	KF_OFPMP_DESC = 0, KF_OFPMP_FLOW = 1, KF_OFPMP_AGGREGATE = 2,
	KF_OFPMP_TABLE = 3, KF_OFPMP_PORT_STATS = 4,
	KF_OFPMP_TABLE_FEATURES = 12, KF_OFPMP_PORT_DESC = 13,
	KF_OFPMP_EXPERIMENTER = 0xffff,
};
#define KF_OFPMPF_MORE 1

/* Error types and the codes this codec uses (OpenFlow 1.3 numbers). */
enum kf_ofpet {
	KF_OFPET_HELLO_FAILED = 0, KF_OFPET_BAD_REQUEST = 1,
	KF_OFPET_BAD_ACTION = 2, KF_OFPET_BAD_INSTRUCTION = 3,
	KF_OFPET_BAD_MATCH = 4, KF_OFPET_FLOW_MOD_FAILED = 5,
	KF_OFPET_SWITCH_CONFIG_FAILED = 10, KF_OFPET_ROLE_REQUEST_FAILED = 11,
};
enum { KF_OFPHFC_INCOMPATIBLE = 0 };
enum {
	KF_OFPBRC_BAD_VERSION = 0, KF_OFPBRC_BAD_TYPE = 1,
	KF_OFPBRC_BAD_MULTIPART = 2, KF_OFPBRC_BAD_EXPERIMENTER = 3,
	KF_OFPBRC_BAD_EXP_TYPE = 4, KF_OFPBRC_BAD_LEN = 6,
	KF_OFPBRC_BAD_TABLE_ID = 9, KF_OFPBRC_BAD_PORT = 11,
};
enum {
	KF_OFPBAC_BAD_TYPE = 0, KF_OFPBAC_BAD_LEN = 1,
	KF_OFPBAC_BAD_EXPERIMENTER = 2, KF_OFPBAC_BAD_EXP_TYPE = 3,
	KF_OFPBAC_BAD_OUT_PORT = 4, KF_OFPBAC_BAD_ARGUMENT = 5,
	KF_OFPBAC_BAD_SET_TYPE = 13, KF_OFPBAC_BAD_SET_LEN = 14,
	KF_OFPBAC_BAD_SET_ARGUMENT = 15,
};
enum {
	KF_OFPBIC_UNKNOWN_INST = 0, KF_OFPBIC_UNSUP_INST = 1,
	KF_OFPBIC_BAD_TABLE_ID = 2, KF_OFPBIC_BAD_LEN = 7,
};
enum {
	KF_OFPBMC_BAD_TYPE = 0, KF_OFPBMC_BAD_LEN = 1,
	KF_OFPBMC_BAD_WILDCARDS = 5, KF_OFPBMC_BAD_FIELD = 6,
	KF_OFPBMC_BAD_VALUE = 7, KF_OFPBMC_BAD_MASK = 8,
	KF_OFPBMC_BAD_PREREQ = 9, KF_OFPBMC_DUP_FIELD = 10,
};
enum {
	KF_OFPFMFC_BAD_TABLE_ID = 2, KF_OFPFMFC_BAD_COMMAND = 6,
	KF_OFPFMFC_BAD_FLAGS = 7,
};
enum { KF_OFPSCFC_BAD_FLAGS = 0, KF_OFPSCFC_BAD_LEN = 1 };
enum { KF_OFPRRFC_BAD_ROLE = 2 };

/* A decode error: what to put in the OFPT_ERROR reply, and why. */
struct kf_ofp_err {
	uint16_t type;
	uint16_t code;
	char msg[KF_ERR_LEN];
};

/* Growable output buffer; an allocation failure sets @oom and makes all
 * further writes no-ops. */
struct kf_wbuf {
	uint8_t *data;
	size_t len;
	size_t cap;
	bool oom;
};

#define KF_WBUF_INIT { NULL, 0, 0, false }

void kf_wbuf_free(struct kf_wbuf *b);
void kf_wbuf_clear(struct kf_wbuf *b);
/* Append raw bytes (a whole encoded message, e.g. to queue it). */
void kf_wbuf_append(struct kf_wbuf *b, const void *p, size_t n);

/* ---- Header ---- */

struct kf_ofp_header {
	uint8_t version;
	uint8_t type;
	uint16_t length;
	uint32_t xid;
};

/* Stream framing: 0 while fewer than 8 bytes are buffered, else the
 * message length from the header (may be < 8: a framing error). */
size_t kf_ofp_msg_len(const void *buf, size_t len);
/* Header of one whole message of @len bytes: version must be 1.3 (HELLO
 * excepted), length field equal to @len. */
int kf_ofp_decode_header(const void *buf, size_t len,
			 struct kf_ofp_header *h, struct kf_ofp_err *err);
/* Start a message; the length is filled in by kf_ofp_end(). */
size_t kf_ofp_start(struct kf_wbuf *b, uint8_t type, uint32_t xid);
int kf_ofp_end(struct kf_wbuf *b, size_t start);

/* ---- Simple messages (hello, error, echo, features, config, role) ---- */

/* HELLO with a version bitmap element announcing OpenFlow 1.3 only. */
int kf_ofp_encode_hello(struct kf_wbuf *b, uint32_t xid);
/* Versions the peer offers, as a bitmap (bit N = wire version N). */
int kf_ofp_decode_hello(const void *msg, size_t len, uint32_t *versions,
			struct kf_ofp_err *err);

/* ERROR carrying up to 64 bytes of the offending request. */
int kf_ofp_encode_error(struct kf_wbuf *b, uint32_t xid, uint16_t type,
			uint16_t code, const void *req, size_t req_len);
int kf_ofp_encode_error_from(struct kf_wbuf *b, uint32_t xid,
			     const struct kf_ofp_err *e, const void *req,
			     size_t req_len);
struct kf_ofp_error_msg {
	uint16_t type;
	uint16_t code;
	const uint8_t *data;	/* points into the message */
	size_t data_len;
};
int kf_ofp_decode_error(const void *msg, size_t len,
			struct kf_ofp_error_msg *em, struct kf_ofp_err *err);

/* Messages with an opaque body (echo) or none (barrier, requests). */
int kf_ofp_encode_simple(struct kf_wbuf *b, uint8_t type, uint32_t xid,
			 const void *body, size_t body_len);
/* The body of an ECHO_REQUEST/REPLY, or check an empty one (len 8). */
int kf_ofp_decode_empty(const void *msg, size_t len, struct kf_ofp_err *err);

struct kf_ofp_features {
	uint64_t datapath_id;
	uint32_t n_buffers;
	uint8_t n_tables;
	uint8_t auxiliary_id;
	uint32_t capabilities;	/* OFPC_*: FLOW_STATS 1, TABLE_STATS 2, ... */
};
int kf_ofp_encode_features_reply(struct kf_wbuf *b, uint32_t xid,
				 const struct kf_ofp_features *f);
int kf_ofp_decode_features_reply(const void *msg, size_t len,
				 struct kf_ofp_features *f,
				 struct kf_ofp_err *err);

/* SET_CONFIG / GET_CONFIG_REPLY. */
struct kf_ofp_switch_config {
	uint16_t flags;		/* OFPC_FRAG_*: 0 normal, 1 drop, 2 reasm */
	uint16_t miss_send_len;
};
int kf_ofp_encode_switch_config(struct kf_wbuf *b, uint8_t type,
				uint32_t xid,
				const struct kf_ofp_switch_config *c);
int kf_ofp_decode_switch_config(const void *msg, size_t len,
				struct kf_ofp_switch_config *c,
				struct kf_ofp_err *err);

enum kf_ofp_role_kind {
	KF_ROLE_NOCHANGE = 0, KF_ROLE_EQUAL = 1, KF_ROLE_MASTER = 2,
	KF_ROLE_SLAVE = 3,
};
struct kf_ofp_role {
	uint32_t role;
	uint64_t generation_id;
};
int kf_ofp_encode_role(struct kf_wbuf *b, uint8_t type, uint32_t xid,
		       const struct kf_ofp_role *r);
int kf_ofp_decode_role(const void *msg, size_t len, struct kf_ofp_role *r,
		       struct kf_ofp_err *err);

/* OFPT_EXPERIMENTER: vendor and subtype (NXT_*), body after them. */
enum {
	KF_NXT_SET_FLOW_FORMAT = 12, KF_NXT_FLOW_MOD_TABLE_ID = 15,
	KF_NXT_SET_PACKET_IN_FORMAT = 16, KF_NXT_PACKET_IN2 = 30,
};
struct kf_ofp_experimenter {
	uint32_t vendor;
	uint32_t subtype;
	uint32_t arg;		/* first 32 bits (8 for FLOW_MOD_TABLE_ID) */
	bool has_arg;
};
/* Known NXT subtypes are length-checked; others are returned as is so
 * the caller can answer BAD_EXPERIMENTER / BAD_EXP_TYPE. */
int kf_ofp_decode_experimenter(const void *msg, size_t len,
			       struct kf_ofp_experimenter *x,
			       struct kf_ofp_err *err);

/* ---- Match (struct ofp_match, OXM) ---- */

/* Append a padded ofp_match.  Fields the match uses that OpenFlow 1.3
 * cannot carry (skb_priority, tun_tp_dst) are an error. */
int kf_ofp_encode_match(struct kf_wbuf *b, const struct kf_match *m,
			char err[KF_ERR_LEN]);
/* Decode an ofp_match at @p (@avail bytes left in the message); *used is
 * its padded length. */
int kf_ofp_decode_match(const uint8_t *p, size_t avail, struct kf_match *m,
			size_t *used, struct kf_ofp_err *err);

/* ---- Actions and instructions ---- */

/* Action list (apply-actions form, no instructions). @m (nullable) is the
 * flow's match, used as OVS does to pick tcp_src vs udp_src for mod_tp_*
 * and whether mod_vlan_vid needs a push_vlan. */
int kf_ofp_encode_actions(struct kf_wbuf *b, const struct kf_actions *acts,
			  const struct kf_match *m, char err[KF_ERR_LEN]);
int kf_ofp_decode_actions(const uint8_t *p, size_t len,
			  struct kf_actions *acts, struct kf_ofp_err *err);
/* Instructions: apply-actions, then write-metadata and goto-table when
 * they end the list.  Decoding appends them the same way. */
int kf_ofp_encode_instructions(struct kf_wbuf *b,
			       const struct kf_actions *acts,
			       const struct kf_match *m, char err[KF_ERR_LEN]);
int kf_ofp_decode_instructions(const uint8_t *p, size_t len,
			       struct kf_actions *acts,
			       struct kf_ofp_err *err);

/* ---- Flow mod, flow removed ---- */

enum kf_ofpfc {
	KF_OFPFC_ADD = 0, KF_OFPFC_MODIFY = 1, KF_OFPFC_MODIFY_STRICT = 2,
	KF_OFPFC_DELETE = 3, KF_OFPFC_DELETE_STRICT = 4,
};

struct kf_ofp_flow_mod {
	uint8_t command;	/* KF_OFPFC_* */
	uint32_t buffer_id;	/* KF_OFP_NO_BUFFER */
	uint16_t out_port;	/* delete filter; KF_PORT_NONE = any */
	uint32_t out_group;	/* KF_OFPG_ANY */
	struct kf_ofp_flow flow;	/* table_id 255 = all (delete) */
};

void kf_ofp_flow_mod_init(struct kf_ofp_flow_mod *fm);
void kf_ofp_flow_mod_free(struct kf_ofp_flow_mod *fm);
int kf_ofp_encode_flow_mod(struct kf_wbuf *b, uint32_t xid,
			   const struct kf_ofp_flow_mod *fm,
			   char err[KF_ERR_LEN]);
int kf_ofp_decode_flow_mod(const void *msg, size_t len,
			   struct kf_ofp_flow_mod *fm, struct kf_ofp_err *err);

enum { KF_OFPRR_IDLE_TIMEOUT = 0, KF_OFPRR_HARD_TIMEOUT = 1,
       KF_OFPRR_DELETE = 2, KF_OFPRR_GROUP_DELETE = 3 };

/* flow: cookie, priority, table_id, timeouts, match; stats.duration_ms,
 * n_packets, n_bytes. */
struct kf_ofp_flow_removed {
	uint8_t reason;
	struct kf_ofp_flow flow;
};
int kf_ofp_encode_flow_removed(struct kf_wbuf *b, uint32_t xid,
			       const struct kf_ofp_flow_removed *fr,
			       char err[KF_ERR_LEN]);
int kf_ofp_decode_flow_removed(const void *msg, size_t len,
			       struct kf_ofp_flow_removed *fr,
			       struct kf_ofp_err *err);

/* ---- Packet in / out ---- */

enum { KF_OFPR_NO_MATCH = 0, KF_OFPR_ACTION = 1, KF_OFPR_INVALID_TTL = 2 };

struct kf_ofp_packet_in {
	uint32_t buffer_id;
	uint16_t total_len;
	uint8_t reason;
	uint8_t table_id;
	uint64_t cookie;
	struct kf_match match;	/* in_port, metadata, tun_id, regs, ... */
	const uint8_t *data;	/* decode: points into the message */
	size_t data_len;
};
int kf_ofp_encode_packet_in(struct kf_wbuf *b, uint32_t xid,
			    const struct kf_ofp_packet_in *pi,
			    char err[KF_ERR_LEN]);
int kf_ofp_decode_packet_in(const void *msg, size_t len,
			    struct kf_ofp_packet_in *pi,
			    struct kf_ofp_err *err);

struct kf_ofp_packet_out {
	uint32_t buffer_id;
	uint16_t in_port;	/* KF_PORT_CONTROLLER for none */
	struct kf_actions actions;
	const uint8_t *data;	/* decode: points into the message */
	size_t data_len;
};
int kf_ofp_encode_packet_out(struct kf_wbuf *b, uint32_t xid,
			     const struct kf_ofp_packet_out *po,
			     char err[KF_ERR_LEN]);
/* Caller frees po->actions with kf_actions_free(). */
int kf_ofp_decode_packet_out(const void *msg, size_t len,
			     struct kf_ofp_packet_out *po,
			     struct kf_ofp_err *err);

/* ---- Ports ---- */

struct kf_ofp_port {
	uint16_t port_no;
	uint8_t hw_addr[6];
	char name[16];		/* NUL-terminated */
	uint32_t config;	/* OFPPC_* */
	uint32_t state;		/* OFPPS_* */
	uint32_t curr, advertised, supported, peer;	/* OFPPF_* */
	uint32_t curr_speed, max_speed;	/* kbps */
};
enum { KF_OFPPR_ADD = 0, KF_OFPPR_DELETE = 1, KF_OFPPR_MODIFY = 2 };
int kf_ofp_encode_port_status(struct kf_wbuf *b, uint32_t xid,
			      uint8_t reason, const struct kf_ofp_port *p);
int kf_ofp_decode_port_status(const void *msg, size_t len, uint8_t *reason,
			      struct kf_ofp_port *p, struct kf_ofp_err *err);

/* ---- Multipart ---- */

struct kf_ofp_mp {
	uint16_t type;		/* KF_OFPMP_* */
	uint16_t flags;		/* KF_OFPMPF_MORE */
	const uint8_t *body;	/* points into the message */
	size_t body_len;
};
int kf_ofp_decode_multipart(const void *msg, size_t len, struct kf_ofp_mp *mp,
			    struct kf_ofp_err *err);
/* Start a reply or request; add entries with the kf_ofp_put_* functions
 * below and finish with kf_ofp_end().  Replies over 64 KiB must be split
 * by the caller: end one message with KF_OFPMPF_MORE, start another. */
size_t kf_ofp_mp_start(struct kf_wbuf *b, uint8_t type, uint32_t xid,
		       uint16_t mp_type, uint16_t flags);

struct kf_ofp_flow_stats_request {
	uint8_t table_id;	/* KF_OFPTT_ALL */
	uint16_t out_port;	/* KF_PORT_NONE = any */
	uint32_t out_group;
	uint64_t cookie;
	uint64_t cookie_mask;
	struct kf_match match;
};
int kf_ofp_encode_flow_stats_request(struct kf_wbuf *b, uint32_t xid,
				     uint16_t mp_type,
				     const struct kf_ofp_flow_stats_request *r,
				     char err[KF_ERR_LEN]);
/* Body of an OFPMP_FLOW or OFPMP_AGGREGATE request. */
int kf_ofp_decode_flow_stats_request(const struct kf_ofp_mp *mp,
				     struct kf_ofp_flow_stats_request *r,
				     struct kf_ofp_err *err);

/* One ofp_flow_stats entry from a flow and its stats. */
int kf_ofp_put_flow_stats(struct kf_wbuf *b, const struct kf_ofp_flow *fl,
			  char err[KF_ERR_LEN]);
/* All entries of an OFPMP_FLOW reply body; caller frees each flow and
 * the array. */
int kf_ofp_decode_flow_stats_reply(const struct kf_ofp_mp *mp,
				   struct kf_ofp_flow **flows, size_t *n,
				   struct kf_ofp_err *err);

struct kf_ofp_aggregate {
	uint64_t packet_count;
	uint64_t byte_count;
	uint32_t flow_count;
};
void kf_ofp_put_aggregate(struct kf_wbuf *b, const struct kf_ofp_aggregate *a);

struct kf_ofp_table_stats {
	uint8_t table_id;
	uint32_t active_count;
	uint64_t lookup_count;
	uint64_t matched_count;
};
void kf_ofp_put_table_stats(struct kf_wbuf *b,
			    const struct kf_ofp_table_stats *t);
int kf_ofp_decode_table_stats(const struct kf_ofp_mp *mp,
			      struct kf_ofp_table_stats *t, size_t max,
			      size_t *n, struct kf_ofp_err *err);

struct kf_ofp_desc {
	const char *mfr, *hw, *sw, *serial, *dp;
};
void kf_ofp_put_desc(struct kf_wbuf *b, const struct kf_ofp_desc *d);

void kf_ofp_put_port(struct kf_wbuf *b, const struct kf_ofp_port *p);
/* One ofp_port at @p (64 bytes). */
int kf_ofp_decode_port(const uint8_t *p, size_t avail, struct kf_ofp_port *o,
		       struct kf_ofp_err *err);

/* One OFPMP_TABLE_FEATURES entry with the eight required (empty)
 * properties: enough for ovs-ofctl, which asks before every add-flow. */
void kf_ofp_put_table_features(struct kf_wbuf *b, uint8_t table_id,
			       const char *name, uint32_t max_entries);

/* ---- Ports: OpenFlow 1.0 <-> 1.3 numbering ---- */

uint32_t kf_ofp_port_to_ofp13(uint16_t port);
/* -1 if @port has no OpenFlow 1.0 number. */
int kf_ofp_port_from_ofp13(uint32_t port, uint16_t *out);

#endif
