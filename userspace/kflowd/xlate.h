/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xlate.h - translation: run one packet's flow through the OpenFlow
 * pipeline of its bridge and produce what the datapath needs for it.
 *
 * WHAT
 *
 * Input: the switch model (bridge.h), the bridge and OpenFlow in_port the
 * upcall came from, and the packet's struct kf_flow (decoded from the
 * datapath upcall key).  Output (struct kf_xlate_out):
 *   a. datapath actions, OVS_ACTION_ATTR_* netlink attributes;
 *   b. the megaflow: a wildcard mask over struct kf_flow and, from it,
 *      the OVS_KEY_ATTR_* key and mask to install with the actions;
 *   c. the rules hit, in order (stats attribution, revalidation);
 *   d. side effects: packet-ins (CONTROLLER, table miss, invalid TTL) and
 *      MAC learning updates;
 *   e. optionally a human readable trace, as ovs-appctl ofproto/trace.
 *
 * HOW
 *
 * A context carries a working copy of the flow.  Translation starts at
 * table 0 of the bridge; goto_table and resubmit recurse into
 * xlate_table() (depth limit 64, at most 4096 resubmits per packet, as
 * OVS).  Actions change the working copy only; nothing is emitted until
 * an output.  Before each output (and CONTROLLER, and the datapath's
 * dec_ttl) pending header changes are "committed": set_masked actions
 * for the written bits of each key attribute (eth, ipv4, ipv6, tcp, udp,
 * sctp, arp, skb_mark, priority), pop/push_vlan for VLAN changes.  A
 * second flow, "base", tracks what the datapath packet looks like at that
 * point in the action list.  Output to a patch port translates in the peer
 * bridge (fresh metadata and registers, in_port = the peer port) and
 * appends to the same action list: no datapath hop.  clone() translates
 * inside OVS_ACTION_ATTR_CLONE and restores flow and base afterwards.
 *
 * MEGAFLOW DERIVATION
 *
 * The mask @wc starts with what every megaflow matches exactly:
 *   - recirc_id and in_port: a datapath holds all bridges; the port
 *     decides the bridge and the pipeline's starting point;
 *   - dl_type: the key's attribute layout depends on it;
 *   - the VLAN tag-present bit: the datapath always matches it anyway;
 *   - nw_frag for IP: later fragments carry no L4 header, so L4 matches
 *     and rewrites mean something else for them.
 * Every classifier lookup ORs in the bits it examined (including bits of
 * rules that did not match; see classifier.h), and every action that
 * reads the packet ORs in what it read: move sources, dec_ttl's TTL (only
 * when the datapath's dec_ttl action is not used: then the datapath
 * tests and decrements, so TTL stays wildcarded), NORMAL's in_port,
 * dl_src (learning), dl_dst (forwarding) and VLAN, push/pop_vlan's tag.
 *
 * What is NOT un-wildcarded, and why: bits whose current value no longer
 * depends on the packet.  The context keeps a second mask, "determined":
 * bits overwritten by a constant (set_field, load, mod_*, write_metadata,
 * push/pop_vlan), computed from bits already in @wc (move), or starting
 * as constants (registers, metadata, conj_id).  A read ORs in only
 * read & ~determined.  So a table that matches dl_dst after an action set
 * it (a router rewriting MACs, then a NORMAL bridge behind a patch port)
 * does not pin the packet's original dl_dst.  Rewrites themselves
 * un-wildcard nothing: a committed set_masked carries exactly the written
 * bits whether or not the packet's value differed (OVS instead compares
 * with base and must then match the original value).
 *
 * Finally the mask is converted to datapath attributes honouring the
 * datapath's prerequisites: any L3 bit makes dl_type exact (it is), any
 * L4 bit makes nw_proto exact, ND fields make the ICMPv6 type exact; only
 * fields the datapath key has survive (registers, metadata, conj_id are
 * pipeline state, not packet bits, and their dependence was pushed into
 * packet bits by the rules above).
 *
 * SLOW PATH
 *
 * A Linux datapath cannot set ARP, ND or ICMP fields.  Such commits are
 * still emitted (set(arp(...))) so the actions say what must happen, and
 * xout->slow gets KF_SLOW_ACTION unless caps.set_arp: the daemon then
 * installs a flow whose only action is kf_xlate_put_slow_path() and
 * executes the packets in userspace.
 */
#ifndef KFLOWD_XLATE_H
#define KFLOWD_XLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "bridge.h"
#include "flow.h"
#include "nlbuf.h"
#include "strbuf.h"

#define KF_XLATE_MAX_DEPTH 64
#define KF_XLATE_MAX_RESUBMITS (64 * 64)

/* Packet-in reasons (OpenFlow OFPR_*). */
enum kf_pin_reason {
	KF_PIN_NO_MATCH = 0,
	KF_PIN_ACTION = 1,
	KF_PIN_INVALID_TTL = 2,
};

enum kf_slow_reason {
	KF_SLOW_ACTION = 1 << 0,	/* the datapath cannot execute one */
};

enum kf_xlate_error {
	KF_XLATE_OK,
	KF_XLATE_RECURSION_TOO_DEEP,
	KF_XLATE_TOO_MANY_RESUBMITS,
	KF_XLATE_NOMEM,
	KF_XLATE_NO_PORT,		/* in_port unknown in the bridge */
};

struct kf_xlate_in {
	struct kf_ofproto *ofproto;
	struct kf_bridge *bridge;
	struct kf_flow flow;		/* in_port: OpenFlow port of @bridge */
	uint32_t upcall_pid;		/* pid for userspace() actions */
	uint64_t now_ms;		/* MAC aging, rule used times */
	bool may_learn;			/* apply MAC learning to the tables */
	bool trace;			/* fill xout->trace */
	/* PACKET_OUT: run these actions instead of table 0 (in_port may be
	 * KF_PORT_CONTROLLER; output:TABLE runs the pipeline); no megaflow
	 * key or mask is made. */
	const struct kf_actions *actions;
};

/* CONTROLLER, table miss or invalid TTL: a packet-in to send.  The flow
 * is the packet as modified up to that point. */
struct kf_packet_in {
	struct kf_bridge *bridge;
	enum kf_pin_reason reason;
	uint8_t table_id;
	uint64_t cookie;		/* of the rule, or all-ones on a miss */
	uint16_t max_len;
	struct kf_flow flow;
};

struct kf_mac_update {
	struct kf_bridge *bridge;
	uint8_t mac[6];
	uint16_t vlan;
	uint16_t port;
};

/* userdata of the userspace() actions translation emits: 16 bytes. */
enum kf_cookie_type {
	KF_COOKIE_CONTROLLER = 1,
	KF_COOKIE_SLOW_PATH = 2,
};

struct kf_upcall_cookie {
	uint8_t type;			/* KF_COOKIE_* */
	uint8_t reason;			/* kf_pin_reason / kf_slow_reason */
	uint8_t table_id;
	uint8_t bridge_idx;		/* index in ofproto->bridges */
	uint16_t max_len;
	uint16_t pad;
	uint64_t rule_cookie;
};

struct kf_xlate_out {
	struct nlbuf actions;		/* OVS_ACTION_ATTR_* */
	struct kf_flow wc;		/* megaflow mask, kf_flow layout */
	struct nlbuf key;		/* OVS_KEY_ATTR_* megaflow key */
	struct nlbuf mask;		/* and its mask */
	struct kf_flow final_flow;	/* the working flow at the end */
	struct kf_rule **rules;		/* rules hit, in order */
	size_t n_rules;
	struct kf_packet_in *pins;
	size_t n_pins;
	struct kf_mac_update *macs;
	size_t n_macs;
	unsigned int slow;		/* KF_SLOW_* */
	enum kf_xlate_error error;
	struct strbuf trace;		/* if xin->trace */
};

void kf_xlate_out_init(struct kf_xlate_out *xout);
void kf_xlate_out_free(struct kf_xlate_out *xout);

/* Translate.  Returns 0 or -errno (details in xout->error).  On an error
 * the actions are empty (drop) and the mask is still valid. */
int kf_xlate(const struct kf_xlate_in *xin, struct kf_xlate_out *xout);

/* ofproto/trace: translate without learning and print the walk, the
 * final flow, the megaflow and the datapath actions into @out. */
int kf_xlate_trace(struct kf_ofproto *ofp, struct kf_bridge *br,
		   const struct kf_flow *flow, uint64_t now_ms,
		   struct strbuf *out);

/* Megaflow key and mask for @flow under @wc (in_port: OpenFlow port of
 * @br, mapped to its datapath port). */
int kf_xlate_odp_key(const struct kf_bridge *br, const struct kf_flow *flow,
		     const struct kf_flow *wc, struct nlbuf *key,
		     struct nlbuf *mask);

/* Stats pushed from the datapath: credit every rule hit. */
void kf_xlate_credit(const struct kf_xlate_out *xout, uint64_t packets,
		     uint64_t bytes, uint64_t now_ms);

/* The single action of a slow-pathed megaflow. */
bool kf_xlate_put_slow_path(struct nlbuf *acts, uint32_t pid,
			    unsigned int slow);
void kf_upcall_cookie_encode(const struct kf_upcall_cookie *c,
			     uint8_t out[16]);
bool kf_upcall_cookie_decode(const void *data, size_t len,
			     struct kf_upcall_cookie *c);

#endif
