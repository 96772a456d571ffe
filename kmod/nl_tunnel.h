/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nl_tunnel.h - private interface between nl_key.c and nl_tunnel.c: the
 * OVS_KEY_ATTR_TUNNEL codec in a form both flow matches and set(tunnel)
 * actions can use.
 */
#ifndef _KFLOW_NL_TUNNEL_H
#define _KFLOW_NL_TUNNEL_H

#include <linux/netlink.h>
#include <linux/skbuff.h>
#include <net/ip_tunnels.h>

/*
 * An exact-match mask built from a key reads every attribute value as
 * bytes of 0xff; no key attribute value is longer than this.
 */
#define KFLOW_NL_ONES_LEN	256
extern const u8 kflow_nl_ones[KFLOW_NL_ONES_LEN];

static inline const void *kflow_nl_value(const struct nlattr *a, bool ones)
{
	return ones ? kflow_nl_ones : nla_data(a);
}

/* One parsed OVS_KEY_ATTR_TUNNEL. */
struct kflow_tun_attrs {
	struct ip_tunnel_key key;	/* attributes present, and tun_flags */
	u8 opts[IP_TUNNEL_OPTS_MAX];	/* Geneve options or vxlan_metadata */
	u8 opts_len;
	u8 tun_proto;			/* AF_INET or AF_INET6 */
	u16 opts_type;			/* OVS_TUNNEL_KEY_ATTR_*_OPTS, or 0 */
	u32 present;			/* BIT(OVS_TUNNEL_KEY_ATTR_*) */
};

/*
 * Parse @attr into @t.  A key (!@is_mask) must name a destination and a
 * TTL.  With @ones every value is read as all-ones (exact-match mask).
 */
int kflow_tun_parse(const struct nlattr *attr, struct kflow_tun_attrs *t,
		    bool is_mask, bool ones, struct netlink_ext_ack *extack);

/* Where attribute @type lives in struct ip_tunnel_key, if it is a field. */
bool kflow_tun_field(int type, size_t *off, size_t *len);

/* Emit the OVS_TUNNEL_KEY_ATTR_* attributes (no enclosing nest). */
int kflow_tun_put(struct sk_buff *skb, const struct ip_tunnel_key *key,
		  const void *opts, int opts_len, unsigned short tun_proto,
		  u8 mode);

/* Upper bound of what kflow_tun_put() emits. */
size_t kflow_tun_attr_size(void);

#endif /* _KFLOW_NL_TUNNEL_H */
