/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bridge.h - the OpenFlow switch model the translator reads: a set of
 * bridges sharing one datapath (struct kf_ofproto), each bridge with its
 * OpenFlow ports, 255 classifier tables of rules and a MAC learning table.
 *
 * Ports map OpenFlow numbers (per bridge) to datapath port numbers (one
 * space for the whole datapath).  A patch port has no datapath port: it
 * names its peer, a patch port of another bridge, and output to it
 * continues translation in the peer bridge.  Tunnel ports of the same
 * type and UDP port share one flow-based datapath vport (named as OVS
 * names it: vxlan_sys_4789, see port_conf.h), so several ports may have
 * the same @odp_port: a packet received on it belongs to the port whose
 * remote_ip (or remote_ip=flow) and key match its tunnel metadata.
 *
 * No locking: the daemon owns the model and serializes changes against
 * translations (see classifier.h, THREAD SAFETY).
 */
#ifndef KFLOWD_BRIDGE_H
#define KFLOWD_BRIDGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "classifier.h"
#include "ofp.h"

#define KF_N_TABLES 255
#define KF_ODPP_NONE UINT32_MAX
#define KF_NAME_LEN 16

enum kf_port_type {
	KF_PT_SYSTEM,		/* a netdev */
	KF_PT_INTERNAL,		/* the bridge's LOCAL port, internal ports */
	KF_PT_PATCH,		/* no datapath port; see @peer */
	KF_PT_TUNNEL,		/* flow-based tunnel vport, see @tun */
};

/* The datapath vport behind a KF_PT_TUNNEL port. */
enum kf_tunnel_type {
	KF_TUN_VXLAN = 1,
	KF_TUN_GENEVE,
	KF_TUN_GRE,
};

/* Options of a tunnel port (ovs-vsctl's options:remote_ip etc.).  The
 * vport itself is flow-based (collect metadata): these only decide what
 * translation puts into set(tunnel(...)) on output and which received
 * packets belong to the port. */
struct kf_tunnel_opts {
	enum kf_tunnel_type type;
	uint32_t remote_ip;		/* host order; 0: remote_ip=flow */
	uint32_t local_ip;		/* host order; 0: the route decides */
	bool key_flow;			/* key=flow: tun_id comes from the flow */
	uint64_t key;			/* key=N (default 0) when !key_flow */
	uint16_t dst_port;		/* UDP port; 0: the type's default
					 * (vxlan 4789, geneve 6081) */
};

enum kf_vlan_mode {
	KF_VLAN_TRUNK,		/* tagged frames of @trunks (all if empty),
				 * untagged frames are VLAN 0 */
	KF_VLAN_ACCESS,		/* untagged frames only, in VLAN @tag */
};

struct kf_bridge;

struct kf_port {
	uint16_t ofport;
	uint32_t odp_port;		/* KF_ODPP_NONE: patch port */
	char name[KF_NAME_LEN];
	enum kf_port_type type;
	char peer[KF_NAME_LEN];		/* patch: the peer port's name */
	enum kf_vlan_mode vlan_mode;
	uint16_t tag;			/* access VLAN */
	bool all_trunks;		/* trunk: no trunks= list given */
	uint64_t trunks[4096 / 64];
	bool no_flood;			/* left out of FLOOD and NORMAL floods */
	struct kf_tunnel_opts tun;	/* KF_PT_TUNNEL only */
	struct kf_bridge *bridge;
};

/* An OpenFlow rule: the parsed flow plus counters.  @cr.data points
 * back at the rule. */
struct kf_rule {
	struct kf_cls_rule cr;
	struct kf_bridge *bridge;
	struct kf_ofp_flow of;		/* table_id, priority, cookie, ... */
	uint64_t n_packets;
	uint64_t n_bytes;
	uint64_t created_ms;
	uint64_t used_ms;
};

struct kf_mac_table;
struct kf_ofproto;

struct kf_bridge {
	char name[KF_NAME_LEN];
	struct kf_ofproto *ofproto;
	struct kf_cls *tables[KF_N_TABLES];
	struct kf_port **ports;
	size_t n_ports;
	struct kf_mac_table *ml;
	bool miss_to_controller;	/* table miss: packet-in (OF1.0) */
};

/* What the datapath can execute (probed by the daemon at start). */
struct kf_dp_caps {
	bool dec_ttl;		/* OVS_ACTION_ATTR_DEC_TTL */
	bool set_arp;		/* set(arp(...)); no Linux datapath has it */
	bool clone;		/* OVS_ACTION_ATTR_CLONE */
};

struct kf_ofproto {
	struct kf_bridge **bridges;
	size_t n_bridges;
	struct kf_dp_caps caps;
	uint64_t mac_idle_ms;	/* MAC learning aging of new bridges, 0: default */
};

struct kf_ofproto *kf_ofproto_create(void);
void kf_ofproto_destroy(struct kf_ofproto *ofp);
struct kf_bridge *kf_bridge_create(struct kf_ofproto *ofp, const char *name);
struct kf_bridge *kf_bridge_find(const struct kf_ofproto *ofp,
				 const char *name);

/* Add a port (copied); its LOCAL port is added by kf_bridge_create() with
 * odp_port KF_ODPP_NONE until set.  NULL on duplicate ofport or ENOMEM. */
struct kf_port *kf_bridge_add_port(struct kf_bridge *br,
				   const struct kf_port *tmpl);
struct kf_port *kf_bridge_port(const struct kf_bridge *br, uint16_t ofport);
/* Remove and free @p (its MAC table entries go too; rules naming its
 * number stay, as in OpenFlow). */
void kf_bridge_remove_port(struct kf_bridge *br, struct kf_port *p);
/* Remove and free @br with its ports and rules. */
void kf_ofproto_remove_bridge(struct kf_ofproto *ofp, struct kf_bridge *br);
/* Any bridge's port with @name / datapath port @odp_port. */
struct kf_port *kf_ofproto_port_by_name(const struct kf_ofproto *ofp,
					const char *name);
struct kf_port *kf_ofproto_port_by_odp(const struct kf_ofproto *ofp,
				       uint32_t odp_port);
bool kf_port_in_vlan(const struct kf_port *p, uint16_t vlan);
void kf_port_set_trunk(struct kf_port *p, uint16_t vlan);

/* Add a rule from one ovs-ofctl flow line (add-flow or dump-flows form).
 * A rule with the same table, match and priority is replaced. */
int kf_bridge_add_flow(struct kf_bridge *br, const char *line,
		       char err[KF_ERR_LEN]);
/* Take ownership of a parsed flow. */
struct kf_rule *kf_bridge_insert(struct kf_bridge *br,
				 struct kf_ofp_flow *fl);
void kf_bridge_remove_rule(struct kf_bridge *br, struct kf_rule *rule);

#endif
