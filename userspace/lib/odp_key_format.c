// SPDX-License-Identifier: GPL-2.0
/*
 * odp_key_format.c - format OVS_KEY_ATTR_* attributes (with masks) the
 * way ovs-dpctl dump-flows prints them.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include "odp_actions.h"

#define VLAN_CFI	0x1000
#define VLAN_VID(t)	((t) & 0x0fff)
#define VLAN_PCP(t)	(((t) >> 13) & 7)

/* Mask bytes with the bits that carry no meaning forced to @v. */
static bool mask_is_constant(const struct nlattr *ma, uint8_t v)
{
	const struct odp_key_desc *d = odp_key_desc(mnl_attr_get_type(ma));
	const uint8_t *m = mnl_attr_get_payload(ma);
	size_t n = mnl_attr_get_payload_len(ma), i;

	if (!d || d->kind == KIND_ENCAP)
		return false;
	if (d->kind == KIND_TCP_FLAGS && n == 2)
		return (((m[0] << 8) | m[1]) & 0x0fff) == (v ? 0x0fff : 0);
	if (d->cmp_len && n >= d->cmp_len)
		n = d->cmp_len;
	for (i = 0; i < n; i++) {
		uint8_t b = m[i];

		/* The IPv6 label is only 20 bits wide. */
		if (mnl_attr_get_type(ma) == OVS_KEY_ATTR_IPV6 &&
		    i >= offsetof(struct ovs_key_ipv6, ipv6_label) &&
		    i < offsetof(struct ovs_key_ipv6, ipv6_label) + 3) {
			size_t o = i - offsetof(struct ovs_key_ipv6, ipv6_label);

			if (o == 0)
				continue;
			if (o == 1)
				b = (uint8_t)((b & 0x0f) | (v & 0xf0));
		}
		if (b != v)
			return false;
	}
	return true;
}

bool odp_mask_is_wildcard(const struct nlattr *ma)
{
	return mask_is_constant(ma, 0);
}

bool odp_mask_is_exact(const struct nlattr *ma)
{
	return mask_is_constant(ma, 0xff);
}

bool odp_check_attr_len(struct strbuf *sb, const struct nlattr *a,
			const struct nlattr *ma)
{
	const struct odp_key_desc *d = odp_key_desc(mnl_attr_get_type(a));
	size_t klen = mnl_attr_get_payload_len(a);
	bool bad_key, bad_mask;

	if (!d || !d->len)
		return true;
	bad_key = klen != d->len;
	bad_mask = ma && mnl_attr_get_payload_len(ma) != d->len;
	if (!bad_key && !bad_mask)
		return true;
	if (bad_key)
		sb_printf(sb, "(bad key length %zu, expected %u)", klen,
			  d->len);
	sb_putc(sb, '(');
	odp_format_hex_bytes(sb, mnl_attr_get_payload(a), klen);
	if (ma) {
		sb_putc(sb, '/');
		if (bad_mask)
			sb_printf(sb, "(bad mask length %u, expected %u)(",
				  mnl_attr_get_payload_len(ma), d->len);
		odp_format_hex_bytes(sb, mnl_attr_get_payload(ma),
				     mnl_attr_get_payload_len(ma));
	}
	sb_putc(sb, ')');
	return false;
}

static uint16_t get_be16(const struct nlattr *a)
{
	const uint8_t *p = mnl_attr_get_payload(a);

	return (uint16_t)((p[0] << 8) | p[1]);
}

static void format_vlan(struct strbuf *sb, uint16_t tci, uint16_t mask,
			bool verbose)
{
	if (verbose || VLAN_VID(tci) || VLAN_VID(mask)) {
		sb_printf(sb, "vid=%u", VLAN_VID(tci));
		if (VLAN_VID(mask) != 0x0fff)
			sb_printf(sb, "/0x%x", VLAN_VID(mask));
		sb_putc(sb, ',');
	}
	if (verbose || VLAN_PCP(tci) || VLAN_PCP(mask)) {
		sb_printf(sb, "pcp=%u", VLAN_PCP(tci));
		if (VLAN_PCP(mask) != 7)
			sb_printf(sb, "/0x%x", VLAN_PCP(mask));
		sb_putc(sb, ',');
	}
	if (!(tci & VLAN_CFI))
		sb_puts(sb, "cfi=0,");
	sb_chomp(sb, ',');
}

/* Exported for push_vlan(). */
void odp_format_vlan_tci(struct strbuf *sb, uint16_t tci, uint16_t mask,
			 bool verbose)
{
	format_vlan(sb, tci, mask, verbose);
}

static void format_u32(struct strbuf *sb, const struct nlattr *a,
		       const struct nlattr *ma, bool exact)
{
	sb_printf(sb, "%#x", mnl_attr_get_u32(a));
	if (!exact)
		sb_printf(sb, "/%#x", mnl_attr_get_u32(ma));
}

static void format_in_port(struct strbuf *sb, const struct nlattr *a,
			   const struct nlattr *ma,
			   const struct odp_portmap *ports, bool exact)
{
	uint32_t port = mnl_attr_get_u32(a);
	const char *name = exact ? odp_portmap_name(ports, port) : NULL;

	if (name)
		sb_puts(sb, name);
	else
		sb_printf(sb, "%u", port);
	if (!exact)
		sb_printf(sb, "/%#x", mnl_attr_get_u32(ma));
}

static void format_tcp_flags(struct strbuf *sb, const struct nlattr *a,
			     const struct nlattr *ma, bool exact)
{
	if (!exact)
		odp_format_flags_masked(sb, odp_tcp_flag_name, get_be16(a),
					get_be16(ma) & 0x0fff, 0x0fff);
	else
		odp_format_flags(sb, odp_tcp_flag_name, get_be16(a), '|');
}

static void format_mpls(struct strbuf *sb, const struct nlattr *a,
			const struct nlattr *ma, bool exact)
{
	const uint8_t *k = mnl_attr_get_payload(a);
	const uint8_t *m = exact ? NULL : mnl_attr_get_payload(ma);
	size_t n = mnl_attr_get_payload_len(a) / 4, i;

	if (!n || mnl_attr_get_payload_len(a) % 4 ||
	    (m && mnl_attr_get_payload_len(ma) != mnl_attr_get_payload_len(a))) {
		sb_printf(sb, "(bad key length %u)", mnl_attr_get_payload_len(a));
		return;
	}
	for (i = 0; i < n; i++) {
		uint32_t l = ((uint32_t)k[4 * i] << 24) | (k[4 * i + 1] << 16) |
			     (k[4 * i + 2] << 8) | k[4 * i + 3];

		if (!m) {
			sb_printf(sb, "label=%u,tc=%u,ttl=%u,bos=%u,", l >> 12,
				  (l >> 9) & 7, l & 0xff, (l >> 8) & 1);
		} else {
			uint32_t x = ((uint32_t)m[4 * i] << 24) |
				     (m[4 * i + 1] << 16) |
				     (m[4 * i + 2] << 8) | m[4 * i + 3];

			sb_printf(sb, "label=%u/0x%x,tc=%u/%x,ttl=%u/0x%x,bos=%u/%x,",
				  l >> 12, x >> 12, (l >> 9) & 7, (x >> 9) & 7,
				  l & 0xff, x & 0xff, (l >> 8) & 1,
				  (x >> 8) & 1);
		}
	}
	sb_chomp(sb, ',');
}

static void format_nested_key(struct strbuf *sb, const struct nlattr *a,
			      const struct nlattr *ma,
			      const struct odp_portmap *ports, bool verbose)
{
	if (ma && mnl_attr_get_payload_len(ma) && mnl_attr_get_payload_len(a))
		odp_key_format(sb, mnl_attr_get_payload(a),
			       mnl_attr_get_payload_len(a),
			       mnl_attr_get_payload(ma),
			       mnl_attr_get_payload_len(ma), ports, verbose);
	else if (mnl_attr_get_payload_len(a))
		odp_key_format(sb, mnl_attr_get_payload(a),
			       mnl_attr_get_payload_len(a), NULL, 0, ports,
			       verbose);
}

static void format_ct(struct strbuf *sb, const struct odp_key_desc *d,
		      const struct nlattr *a, const struct nlattr *ma,
		      bool exact, bool verbose)
{
	bool empty = !ma || odp_mask_is_wildcard(ma);

	if (d->kind == KIND_CT_STATE) {
		if (verbose)
			format_u32(sb, a, ma, exact);
		else if (!exact)
			odp_format_flags_masked(sb, odp_ct_state_name,
						mnl_attr_get_u32(a),
						empty ? 0 : mnl_attr_get_u32(ma),
						UINT32_MAX);
		else
			odp_format_flags(sb, odp_ct_state_name,
					 mnl_attr_get_u32(a), '|');
	} else if (verbose || !empty) {
		if (d->kind == KIND_CT_MARK) {
			format_u32(sb, a, ma, exact);
		} else {
			sb_printf(sb, "%#x", mnl_attr_get_u16(a));
			if (!exact)
				sb_printf(sb, "/%#x", mnl_attr_get_u16(ma));
		}
	}
}

static void format_attr_body(struct strbuf *sb, const struct odp_key_desc *d,
			     const struct nlattr *a, const struct nlattr *ma,
			     const struct odp_portmap *ports, bool verbose)
{
	bool exact = ma ? odp_mask_is_exact(ma) : true;

	switch (d->kind) {
	case KIND_ENCAP:
		format_nested_key(sb, a, ma, ports, verbose);
		break;
	case KIND_U32:
	case KIND_U32_EXACT:
		format_u32(sb, a, ma, exact);
		break;
	case KIND_IN_PORT:
		format_in_port(sb, a, ma, ports, exact);
		break;
	case KIND_ETHERTYPE:
		sb_printf(sb, "0x%04x", get_be16(a));
		if (!exact)
			sb_printf(sb, "/0x%04x", get_be16(ma));
		break;
	case KIND_VLAN:
		format_vlan(sb, get_be16(a), ma ? get_be16(ma) : 0xffff,
			    verbose);
		break;
	case KIND_TCP_FLAGS:
		format_tcp_flags(sb, a, ma, exact);
		break;
	case KIND_TUNNEL:
		odp_format_tunnel(sb, a, ma, verbose);
		break;
	case KIND_STRUCT:
		odp_format_struct(sb, d, mnl_attr_get_payload(a),
				  ma ? mnl_attr_get_payload(ma) : NULL,
				  verbose);
		break;
	case KIND_MPLS:
		format_mpls(sb, a, ma, exact);
		break;
	case KIND_CT_LABEL:
		odp_format_u128(sb, mnl_attr_get_payload(a),
				ma ? mnl_attr_get_payload(ma) : NULL, verbose);
		break;
	default:
		format_ct(sb, d, a, ma, exact, verbose);
		break;
	}
}

void odp_format_key_attr(struct strbuf *sb, const struct nlattr *a,
			 const struct nlattr *ma,
			 const struct odp_portmap *ports, bool verbose)
{
	uint16_t type = mnl_attr_get_type(a);
	const struct odp_key_desc *d = odp_key_desc(type);

	if (!d) {
		sb_printf(sb, "key%u(", type);
		odp_format_hex_bytes(sb, mnl_attr_get_payload(a),
				     mnl_attr_get_payload_len(a));
		if (ma && !odp_mask_is_exact(ma)) {
			sb_putc(sb, '/');
			odp_format_hex_bytes(sb, mnl_attr_get_payload(ma),
					     mnl_attr_get_payload_len(ma));
		}
		sb_putc(sb, ')');
		return;
	}
	sb_puts(sb, d->name);
	if (odp_check_attr_len(sb, a, ma)) {
		sb_putc(sb, '(');
		format_attr_body(sb, d, a, ma, ports, verbose);
		sb_putc(sb, ')');
	}
}

/* An all-zero mask attribute for @a (nested ones recursively), of any
 * payload length: @b has room for a copy of @a. */
static void zero_mask(struct nlbuf *b, const struct nlattr *a)
{
	const struct odp_key_desc *d = odp_key_desc(mnl_attr_get_type(a));
	size_t len = mnl_attr_get_payload_len(a);
	const struct nlattr *sub;
	struct nlattr *nest;
	uint8_t *zero;

	if (d && d->kind == KIND_ENCAP) {
		nest = nlbuf_nest_start(b, mnl_attr_get_type(a));
		mnl_attr_for_each_nested(sub, a)
			zero_mask(b, sub);
		nlbuf_nest_end(b, nest);
	} else if (d && d->kind == KIND_TUNNEL) {
		nest = nlbuf_nest_start(b, mnl_attr_get_type(a));
		nlbuf_nest_end(b, nest);
	} else {
		zero = calloc(1, len ? len : 1);
		if (!zero || !nlbuf_put(b, mnl_attr_get_type(a), len, zero))
			b->overflow = true;
		free(zero);
	}
}

static void format_one(struct strbuf *sb, const struct nlattr *a,
		       const struct nlattr *ma, bool has_mask,
		       const struct odp_portmap *ports, bool verbose,
		       bool *first)
{
	uint16_t type = mnl_attr_get_type(a);
	const struct odp_key_desc *d = odp_key_desc(type);
	bool nested = d && (d->kind == KIND_ENCAP || d->kind == KIND_TUNNEL);
	bool wildcard = has_mask && (!ma || odp_mask_is_wildcard(ma));
	struct nlbuf zb;

	if (verbose || !wildcard || nested) {
		if (!*first)
			sb_putc(sb, ',');
		*first = false;
		if (wildcard && !ma) {
			nlbuf_init(&zb, MNL_NLMSG_HDRLEN +
					MNL_ALIGN(mnl_attr_get_len(a)));
			zero_mask(&zb, a);
			/* (Out of memory: the key without its mask.) */
			ma = zb.overflow || !nlbuf_len(&zb) ? NULL :
			     nlbuf_data(&zb);
			odp_format_key_attr(sb, a, ma, ports, verbose);
			nlbuf_free(&zb);
			return;
		}
		odp_format_key_attr(sb, a, ma, ports, verbose);
	} else if (type == OVS_KEY_ATTR_ETHERNET) {
		/* A present Ethernet header matters even if wildcarded. */
		if (!*first)
			sb_putc(sb, ',');
		sb_puts(sb, "eth()");
	}
}

void odp_key_format(struct strbuf *sb, const void *key, size_t key_len,
		    const void *mask, size_t mask_len,
		    const struct odp_portmap *ports, bool verbose)
{
	const struct nlattr *a, *ma;
	bool first = true, has_ethtype = false;
	size_t used = 0;

	if (!key_len) {
		sb_puts(sb, "<empty>");
		return;
	}
	nla_for_each(a, key, key_len) {
		uint16_t type = mnl_attr_get_type(a);

		ma = mask_len ? nla_find(mask, mask_len, type) : NULL;
		if (type == OVS_KEY_ATTR_ETHERTYPE)
			has_ethtype = true;
		format_one(sb, a, ma, mask_len != 0, ports, verbose, &first);
		used = (size_t)((const char *)mnl_attr_next(a) -
				(const char *)key);
		if (used > key_len)
			used = key_len;
	}
	if (used < key_len) {
		if (!used)
			sb_puts(sb, "<empty>");
		sb_printf(sb, ",***%zu leftover bytes*** (", key_len - used);
		for (; used < key_len; used++)
			sb_printf(sb, "%02x", ((const uint8_t *)key)[used]);
		sb_putc(sb, ')');
	}
	ma = mask_len ? nla_find(mask, mask_len, OVS_KEY_ATTR_ETHERTYPE) : NULL;
	if (!has_ethtype && ma && mnl_attr_get_payload_len(ma) == 2)
		sb_printf(sb, ",eth_type(0/0x%04x)", get_be16(ma));
}
