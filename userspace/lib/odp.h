/* SPDX-License-Identifier: GPL-2.0 */
/*
 * odp.h - the ovs-dpctl datapath flow syntax: flow keys with masks
 * ("in_port(1),eth(...),eth_type(0x0800),ipv4(src=10.0.0.0/255.0.0.0)")
 * and action lists ("push_vlan(vid=10,pcp=0),2"), parsed into and
 * formatted from OVS_KEY_ATTR_* / OVS_ACTION_ATTR_* netlink attributes.
 *
 * The text forms follow what Open vSwitch's ovs-dpctl prints and accepts.
 */
#ifndef KFLOW_ODP_H
#define KFLOW_ODP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>
#include "nlbuf.h"
#include "strbuf.h"

/* Port number <-> name map, for in_port(NAME) and output names. */
struct odp_port {
	uint32_t port_no;
	char name[IFNAMSIZ];
};

struct odp_portmap {
	struct odp_port *ports;
	size_t n;
	size_t cap;
};

void odp_portmap_add(struct odp_portmap *map, uint32_t port_no,
		     const char *name);
void odp_portmap_free(struct odp_portmap *map);
const char *odp_portmap_name(const struct odp_portmap *map, uint32_t port_no);
bool odp_portmap_number(const struct odp_portmap *map, const char *name,
			size_t len, uint32_t *port_no);

#define ODP_ERR_LEN	256

/*
 * Parse a flow key.  Attributes go to @key and, if @mask is not NULL,
 * the matching mask attributes to @mask (fields given without "/MASK" are
 * exact, fields not given are wildcarded).  A leading "ufid:UUID" is
 * skipped.  On error returns -EINVAL (or -E2BIG) with a message naming the
 * attribute, the field, the bad value and the reason in @err.
 */
int odp_key_from_string(const char *s, const struct odp_portmap *ports,
			struct nlbuf *key, struct nlbuf *mask,
			char err[ODP_ERR_LEN]);

/*
 * Format a flow key.  If @mask_len is non-zero, fields are printed with
 * their masks and, unless @verbose, wildcarded fields are omitted.
 */
void odp_key_format(struct strbuf *sb, const void *key, size_t key_len,
		    const void *mask, size_t mask_len,
		    const struct odp_portmap *ports, bool verbose);

/* Parse an action list ("drop" or comma separated actions). */
int odp_actions_from_string(const char *s, const struct odp_portmap *ports,
			    struct nlbuf *acts, char err[ODP_ERR_LEN]);
void odp_actions_format(struct strbuf *sb, const void *acts, size_t len,
			const struct odp_portmap *ports);

/* UFIDs: "ufid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx". */
struct kf_ufid;
/* Returns characters consumed (>0), 0 if @s has no "ufid:" prefix, or
 * -EINVAL for a malformed UFID. */
int odp_ufid_from_string(const char *s, struct kf_ufid *ufid);
void odp_ufid_format(struct strbuf *sb, const struct kf_ufid *ufid);
int odp_ufid_generate(struct kf_ufid *ufid);

/* Datapath flow statistics as ovs-dpctl prints them
 * ("packets:N, bytes:N, used:X.XXXs[, flags:S.]").  @now_ms is the
 * current CLOCK_MONOTONIC time in milliseconds. */
void odp_stats_format(struct strbuf *sb, uint64_t packets, uint64_t bytes,
		      uint64_t used_ms, uint8_t tcp_flags, uint64_t now_ms);
void odp_tcp_flags_format_short(struct strbuf *sb, uint16_t flags);

#endif
