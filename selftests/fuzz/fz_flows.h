/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fz_flows.h - the flow keys and action lists the fuzzers start from,
 * and which keys each action list makes sense with: a set() of a header
 * needs the flow to match that header (a set(tcp) only on a TCP flow, a
 * set(ipv4) that is not masked only where the IP protocol is wildcarded,
 * since it writes the protocol too), so a valid request pairs them.
 */
#ifndef KFLOW_FZ_FLOWS_H
#define KFLOW_FZ_FLOWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fz.h"

/*
 * The keys, in the order of fz_keys[].  Those that cover others (IPv6 of
 * any protocol, any Ethernet frame) come last: a flow cannot be added
 * where an existing flow of another mask already matches its key
 * (ENOENT, as in openvswitch.ko), so a table is filled in this order.
 */
enum fz_key_id {
	FZ_K_IP4_TCP, FZ_K_IP4_UDP, FZ_K_IP4_SCTP, FZ_K_IP4_ICMP,
	FZ_K_IP4_FRAG_FIRST, FZ_K_IP4_FRAG_LATER, FZ_K_IP6_TCP, FZ_K_IP6_UDP,
	FZ_K_IP6_NS, FZ_K_IP6_NA, FZ_K_IP6_FRAG_FIRST, FZ_K_ARP, FZ_K_VLAN,
	FZ_K_QINQ, FZ_K_MPLS, FZ_K_IP4_MASKED, FZ_K_IP4_META, FZ_K_VXLAN,
	FZ_K_GENEVE, FZ_K_CT, FZ_K_IP6, FZ_K_ETH, FZ_N_KEYS
};

struct fz_key {
	const char *text;	/* ovs-dpctl syntax, masks as written */
	enum fz_proto proto;	/* a frame it matches (fz_frame()) */
	int vlans;
	bool refused;		/* by kflow: ct_state, MPLS */
};

struct fz_action {
	const char *text;	/* printf format: "%u" = upcall port id */
	uint32_t keys;		/* FZ_KB() of the keys it needs, 0: any */
};

#define FZ_KB(k)	(1u << (k))

extern const struct fz_key fz_keys[FZ_N_KEYS];
extern const struct fz_action fz_actions[];
extern const size_t fz_n_actions;
/* Refused by kflow (and, but for ct and meter, by openvswitch.ko). */
extern const struct fz_action fz_actions_refused[];
extern const size_t fz_n_actions_refused;

/* Any action list, refused ones included. */
const struct fz_action *fz_action_any(struct fz_rng *r);
/* A key @a makes sense with (any key if it needs none). */
enum fz_key_id fz_key_for(struct fz_rng *r, const struct fz_action *a);

#endif
