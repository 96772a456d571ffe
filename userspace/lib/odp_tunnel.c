// SPDX-License-Identifier: GPL-2.0
/*
 * odp_tunnel.c - tunnel(...) keys: tun_id, addresses, tos/ttl, ports,
 * geneve({...}) options, vxlan(gbp(...)) and flags(...).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "odp_priv.h"

struct tun_field {
	uint16_t type;
	struct odp_field f;
};

static const struct tun_field tun_fields[] = {
	{ OVS_TUNNEL_KEY_ATTR_ID, { "tun_id", FT_BE64X, 0 } },
	{ OVS_TUNNEL_KEY_ATTR_IPV4_SRC, { "src", FT_IPV4, 0 } },
	{ OVS_TUNNEL_KEY_ATTR_IPV4_DST, { "dst", FT_IPV4, 0 } },
	{ OVS_TUNNEL_KEY_ATTR_IPV6_SRC, { "ipv6_src", FT_IPV6, 0 } },
	{ OVS_TUNNEL_KEY_ATTR_IPV6_DST, { "ipv6_dst", FT_IPV6, 0 } },
	{ OVS_TUNNEL_KEY_ATTR_TOS, { "tos", FT_U8X, 0 } },
	{ OVS_TUNNEL_KEY_ATTR_TTL, { "ttl", FT_U8D, 0 } },
	{ OVS_TUNNEL_KEY_ATTR_TP_SRC, { "tp_src", FT_BE16D, 0 } },
	{ OVS_TUNNEL_KEY_ATTR_TP_DST, { "tp_dst", FT_BE16D, 0 } },
};

#define N_TUN_FIELDS	(sizeof(tun_fields) / sizeof(tun_fields[0]))

static const struct tun_field *tun_field_by_type(uint16_t type)
{
	size_t i;

	for (i = 0; i < N_TUN_FIELDS; i++)
		if (tun_fields[i].type == type)
			return &tun_fields[i];
	return NULL;
}

static const uint8_t zeros[256];

static bool all_bytes(const uint8_t *p, size_t n, uint8_t v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

/* ---- formatting ---- */

static void format_unknown(struct strbuf *sb, const struct nlattr *a,
			   const struct nlattr *ma)
{
	sb_printf(sb, "key%u(", mnl_attr_get_type(a));
	odp_format_hex_bytes(sb, mnl_attr_get_payload(a),
			     mnl_attr_get_payload_len(a));
	if (ma && !all_bytes(mnl_attr_get_payload(ma),
			     mnl_attr_get_payload_len(ma), 0xff)) {
		sb_putc(sb, '/');
		odp_format_hex_bytes(sb, mnl_attr_get_payload(ma),
				     mnl_attr_get_payload_len(ma));
	}
	sb_puts(sb, "),");
}

static void format_geneve(struct strbuf *sb, const uint8_t *opt,
			  const uint8_t *mask, size_t len, bool verbose)
{
	static const struct odp_field class_f = { "class", FT_BE16X, 0 };
	static const struct odp_field type_f = { "type", FT_U8X, 2 };
	static const struct odp_field len_f = { "len", FT_U8D, 0 };

	while (len > 0) {
		size_t data_len, total;
		uint8_t dl, dl_mask = 0;

		if (len < 4) {
			sb_printf(sb, "opt len %zu less than minimum 4", len);
			return;
		}
		data_len = (size_t)(opt[3] & 0x1f) * 4;
		total = 4 + data_len;
		if (total > len) {
			sb_printf(sb, "opt len %zu greater than remaining %zu",
				  total, len);
			return;
		}
		if (mask)
			dl_mask = (mask[3] & 0x1f) == 0x1f ? 0xff : mask[3] & 0x1f;
		dl = (uint8_t)data_len;
		sb_putc(sb, '{');
		odp_format_field(sb, &class_f, opt, mask, verbose);
		odp_format_field(sb, &type_f, opt, mask, verbose);
		odp_format_field(sb, &len_f, &dl, mask ? &dl_mask : NULL,
				 verbose);
		if (data_len && (verbose || !mask ||
				 !all_bytes(mask + 4, data_len, 0))) {
			sb_put_hex(sb, opt + 4, data_len);
			if (mask && !all_bytes(mask + 4, data_len, 0xff)) {
				sb_putc(sb, '/');
				sb_put_hex(sb, mask + 4, data_len);
			}
		} else {
			sb_chomp(sb, ',');
		}
		sb_putc(sb, '}');
		opt += total;
		if (mask)
			mask += total;
		len -= total;
	}
}

static void format_vxlan(struct strbuf *sb, const struct nlattr *a,
			 const struct nlattr *ma, bool verbose)
{
	static const struct odp_field id_f = { "id", FT_BE16D, 2 };
	static const struct odp_field flags_f = { "flags", FT_U8X, 1 };
	const struct nlattr *sub, *msub;

	mnl_attr_for_each_nested(sub, a) {
		uint8_t k[4], m[4];
		uint32_t v, mv = 0;

		msub = ma ? nla_find(mnl_attr_get_payload(ma),
				     mnl_attr_get_payload_len(ma),
				     mnl_attr_get_type(sub)) : NULL;
		if (mnl_attr_get_type(sub) != OVS_VXLAN_EXT_GBP ||
		    mnl_attr_get_payload_len(sub) != 4 ||
		    (msub && mnl_attr_get_payload_len(msub) != 4)) {
			format_unknown(sb, sub, msub);
			continue;
		}
		v = mnl_attr_get_u32(sub);
		if (msub)
			mv = mnl_attr_get_u32(msub);
		/* id in bytes 2..3 (big endian), flags in byte 1. */
		k[0] = 0; k[1] = (uint8_t)(v >> 16);
		k[2] = (uint8_t)(v >> 8); k[3] = (uint8_t)v;
		m[0] = 0; m[1] = (uint8_t)(mv >> 16);
		m[2] = (uint8_t)(mv >> 8); m[3] = (uint8_t)mv;
		sb_puts(sb, "gbp(");
		odp_format_field(sb, &id_f, k, ma ? m : NULL, verbose);
		odp_format_field(sb, &flags_f, k, ma ? m : NULL, verbose);
		sb_chomp(sb, ',');
		sb_puts(sb, "),");
	}
	sb_chomp(sb, ',');
}

static uint16_t flag_bit(uint16_t type)
{
	switch (type) {
	case OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT:
		return ODP_TNL_F_DF;
	case OVS_TUNNEL_KEY_ATTR_CSUM:
		return ODP_TNL_F_CSUM;
	case OVS_TUNNEL_KEY_ATTR_OAM:
		return ODP_TNL_F_OAM;
	}
	return 0;
}

static void format_tun_opts(struct strbuf *sb, const struct nlattr *a,
			    const struct nlattr *msub, bool has_mask,
			    bool verbose)
{
	const uint8_t *m = NULL;

	if (mnl_attr_get_type(a) == OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS) {
		sb_puts(sb, "vxlan(");
		format_vxlan(sb, a, msub, verbose);
		sb_puts(sb, "),");
		return;
	}
	sb_puts(sb, "geneve(");
	if (msub && mnl_attr_get_payload_len(msub) !=
		    mnl_attr_get_payload_len(a))
		sb_printf(sb, "value len %u different from mask len %u",
			  mnl_attr_get_payload_len(a),
			  mnl_attr_get_payload_len(msub));
	else {
		if (msub)
			m = mnl_attr_get_payload(msub);
		else if (has_mask)
			m = zeros;
		if (mnl_attr_get_payload_len(a) <= sizeof(zeros) || !has_mask || msub)
			format_geneve(sb, mnl_attr_get_payload(a), m,
				      mnl_attr_get_payload_len(a), verbose);
	}
	sb_puts(sb, "),");
}

static void format_tun_attr(struct strbuf *sb, const struct nlattr *a,
			    const struct nlattr *ma, bool verbose,
			    uint16_t *flags, uint16_t *mflags)
{
	uint16_t type = mnl_attr_get_type(a);
	const struct tun_field *tf = tun_field_by_type(type);
	const struct nlattr *msub = NULL;
	size_t size;

	if (ma)
		msub = nla_find(mnl_attr_get_payload(ma),
				mnl_attr_get_payload_len(ma), type);
	if (tf) {
		size = odp_ftype_size(tf->f.type);
		if (mnl_attr_get_payload_len(a) != size ||
		    (msub && mnl_attr_get_payload_len(msub) != size)) {
			format_unknown(sb, a, msub);
			return;
		}
		odp_format_field(sb, &tf->f, mnl_attr_get_payload(a),
				 msub ? mnl_attr_get_payload(msub) :
				 ma ? zeros : NULL, verbose);
		if (type == OVS_TUNNEL_KEY_ATTR_ID) {
			*flags |= ODP_TNL_F_KEY;
			if (ma)
				*mflags |= ODP_TNL_F_KEY;
		}
	} else if (flag_bit(type)) {
		*flags |= flag_bit(type);
	} else if (type == OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS ||
		   type == OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS) {
		format_tun_opts(sb, a, msub, ma != NULL, verbose);
	} else if (type != OVS_TUNNEL_KEY_ATTR_PAD) {
		format_unknown(sb, a, msub);
	}
}

void odp_format_tunnel(struct strbuf *sb, const struct nlattr *a,
		       const struct nlattr *ma, bool verbose)
{
	const struct nlattr *sub;
	uint16_t flags = 0, mflags = 0;

	mnl_attr_for_each_nested(sub, a)
		format_tun_attr(sb, sub, ma, verbose, &flags, &mflags);
	if (ma)
		mnl_attr_for_each_nested(sub, ma)
			mflags |= flag_bit(mnl_attr_get_type(sub));
	if (verbose || !ma || mflags) {
		sb_puts(sb, "flags(");
		if (ma)
			odp_format_flags_masked(sb, odp_tun_flag_name, flags,
						mflags & ODP_TNL_F_MASK,
						ODP_TNL_F_MASK);
		else
			odp_format_flags(sb, odp_tun_flag_name, flags, '|');
		sb_puts(sb, "),");
	}
	sb_chomp(sb, ',');
}

/* ---- parsing ---- */

static int put_both(struct odp_parser *p, struct nlbuf *key,
		    struct nlbuf *mask, uint16_t type, const void *k,
		    const void *m, size_t len)
{
	if (!nlbuf_put(key, type, len, k) ||
	    (mask && !nlbuf_put(mask, type, len, m)))
		return odp_error(p, "tunnel(...): attribute too large");
	return 0;
}

static int parse_tun_field(struct odp_parser *p, const struct tun_field *tf,
			   const char **s, struct nlbuf *key,
			   struct nlbuf *mask)
{
	uint8_t k[16] = { 0 }, m[16] = { 0 };

	if (odp_scan_field_masked(p, "tunnel", &tf->f, s, k, m, true))
		return -EINVAL;
	return put_both(p, key, mask, tf->type, k, m,
			odp_ftype_size(tf->f.type));
}

static int scan_geneve_opt(struct odp_parser *p, const char **s, uint8_t *k,
			   uint8_t *m, size_t room, size_t *used);

static int parse_geneve(struct odp_parser *p, const char **s,
			struct nlbuf *key, struct nlbuf *mask)
{
	uint8_t k[252], m[252];
	size_t len = 0;

	while (**s == '{') {
		size_t n = 0;

		if (scan_geneve_opt(p, s, k + len, m + len, sizeof(k) - len,
				    &n))
			return -EINVAL;
		len += n;
	}
	if (!odp_skip(s, ")"))
		return odp_error(p, "tunnel(geneve(%.*s): expected '{' or ')'",
				 (int)odp_token_len(*s), *s);
	return put_both(p, key, mask, OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS, k, m,
			len);
}

/* Hex data "0x..." into @len bytes, right aligned. */
static int scan_hex_data(const char **s, uint8_t *dst, size_t len)
{
	const char *h = *s;
	size_t n, i;

	if (*h == '0' && !strchr("xX", h[1]) && !isxdigit((unsigned char)h[1])) {
		memset(dst, 0, len);	/* all zeros print as "0" */
		*s = h + 1;
		return 0;
	}
	if (!odp_skip(&h, "0x") && !odp_skip(&h, "0X"))
		return -EINVAL;
	n = strspn(h, "0123456789abcdefABCDEF");
	if (!n || (n + 1) / 2 > len)
		return -EINVAL;
	memset(dst, 0, len);
	for (i = 0; i < n; i++) {
		char c = h[n - 1 - i];
		uint8_t v = (uint8_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);

		dst[len - 1 - i / 2] |= (uint8_t)(i % 2 ? v << 4 : v);
	}
	*s = h + n;
	return 0;
}

static int scan_geneve_num(struct odp_parser *p, const char **s,
			   const char *name, uint64_t max, uint64_t *v,
			   uint64_t *mv)
{
	const char *why, *val;

	if (!odp_skip(s, name))
		return 1;
	val = *s;
	if (odp_scan_uint(s, max, v, &why))
		return odp_field_error(p, "tunnel(geneve", name, val, why);
	*mv = max;
	if (odp_skip(s, "/") && odp_scan_uint(s, max, mv, &why))
		return odp_field_error(p, "tunnel(geneve", name, val, why);
	odp_skip(s, ",");
	return 0;
}

static int scan_geneve_opt(struct odp_parser *p, const char **s, uint8_t *k,
			   uint8_t *m, size_t room, size_t *used)
{
	uint64_t cls = 0, cm = 0, type = 0, tm = 0, dlen = 0, dm = 0;
	const char *start = *s;

	(*s)++;
	if (scan_geneve_num(p, s, "class=", 0xffff, &cls, &cm) < 0 ||
	    scan_geneve_num(p, s, "type=", 0xff, &type, &tm) < 0 ||
	    scan_geneve_num(p, s, "len=", 0xff, &dlen, &dm) < 0)
		return -EINVAL;
	if (dlen % 4 || dlen > 124 || 4 + dlen > room)
		return odp_field_error(p, "tunnel(geneve", "len", start,
				       "option length must be a multiple of 4 up to 124");
	memset(k, 0, 4 + dlen);
	memset(m, 0xff, 4 + dlen);
	k[0] = (uint8_t)(cls >> 8); k[1] = (uint8_t)cls;
	m[0] = (uint8_t)(cm >> 8); m[1] = (uint8_t)cm;
	k[2] = (uint8_t)type; m[2] = (uint8_t)tm;
	k[3] = (uint8_t)(dlen / 4); m[3] = (uint8_t)(dm & 0x1f);
	if (dlen && **s != '}' && scan_hex_data(s, k + 4, dlen))
		return odp_error(p, "tunnel(geneve(%.*s): invalid option data",
				 (int)strcspn(start, "}"), start);
	if (dlen && odp_skip(s, "/") && scan_hex_data(s, m + 4, dlen))
		return odp_error(p, "tunnel(geneve(%.*s): invalid option mask",
				 (int)strcspn(start, "}"), start);
	if (!odp_skip(s, "}"))
		return odp_error(p, "tunnel(geneve(%.*s): expected '}'",
				 (int)strcspn(start, "}"), start);
	*used = 4 + dlen;
	return 0;
}

static int parse_vxlan(struct odp_parser *p, const char **s,
		       struct nlbuf *key, struct nlbuf *mask)
{
	uint64_t id = 0, idm = 0, fl = 0, flm = 0;
	uint32_t k, m;
	struct nlattr *nk, *nm = NULL;

	if (scan_geneve_num(p, s, "id=", 0xffff, &id, &idm) < 0 ||
	    scan_geneve_num(p, s, "flags=", 0xff, &fl, &flm) < 0)
		return -EINVAL;
	if (!odp_skip(s, "))"))
		return odp_error(p, "tunnel(vxlan(gbp(%.*s): expected id=, flags= or ')'",
				 (int)odp_token_len(*s), *s);
	k = (uint32_t)(fl << 16 | id);
	m = (uint32_t)(flm << 16 | idm);
	if (k) {
		nk = nlbuf_nest_start(key, OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS);
		nlbuf_put_u32(key, OVS_VXLAN_EXT_GBP, k);
		nlbuf_nest_end(key, nk);
	}
	if (mask && m) {
		nm = nlbuf_nest_start(mask, OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS);
		nlbuf_put_u32(mask, OVS_VXLAN_EXT_GBP, m);
		nlbuf_nest_end(mask, nm);
	}
	return 0;
}

static int parse_tun_flags(struct odp_parser *p, const char **s,
			   struct nlbuf *key, struct nlbuf *mask)
{
	static const uint16_t types[] = {
		OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT, OVS_TUNNEL_KEY_ATTR_CSUM,
		OVS_TUNNEL_KEY_ATTR_OAM,
	};
	uint32_t f, m;
	const char *why;
	size_t i;
	int n;

	n = odp_scan_flags(*s, odp_tun_flag_name, ')', ODP_TNL_F_MASK, &f,
			   &m, &why);
	if (n < 0)
		return odp_field_error(p, "tunnel", "flags", *s, why);
	*s += n + 1;
	for (i = 0; i < 3; i++) {
		uint16_t bit = flag_bit(types[i]);

		if ((f & bit) && !nlbuf_put_flag(key, types[i]))
			return -E2BIG;
		if (mask && (m & bit) && !nlbuf_put_flag(mask, types[i]))
			return -E2BIG;
	}
	return 0;
}

/*
 * Each tunnel item at most once, as the kernel takes them: a repeated
 * field would be a second attribute of the same type, and geneve() and
 * vxlan() are both the one options block.  Bit i: tun_fields[i]; then:
 */
#define SEEN_OPTS	(1ULL << N_TUN_FIELDS)
#define SEEN_FLAGS	(1ULL << (N_TUN_FIELDS + 1))

static int once(struct odp_parser *p, uint64_t *seen, uint64_t bit,
		const char *what)
{
	if (*seen & bit)
		return odp_error(p, "tunnel(%s): given twice%s", what,
				 bit == SEEN_OPTS ? " (geneve() and vxlan() "
				 "are both the options block)" : "");
	*seen |= bit;
	return 0;
}

static int parse_tun_item(struct odp_parser *p, const char **s,
			  struct nlbuf *key, struct nlbuf *mask,
			  uint64_t *seen)
{
	size_t i;

	_Static_assert(N_TUN_FIELDS + 2 <= 64, "seen is a 64-bit set");
	for (i = 0; i < N_TUN_FIELDS; i++) {
		const char *n = tun_fields[i].f.name;
		size_t l = strlen(n);

		if (!strncmp(*s, n, l) && (*s)[l] == '=') {
			if (once(p, seen, 1ULL << i, n))
				return -EINVAL;
			*s += l + 1;
			return parse_tun_field(p, &tun_fields[i], s, key, mask);
		}
	}
	if (odp_skip(s, "geneve("))
		return once(p, seen, SEEN_OPTS, "geneve") ? -EINVAL :
		       parse_geneve(p, s, key, mask);
	if (odp_skip(s, "vxlan(gbp("))
		return once(p, seen, SEEN_OPTS, "vxlan") ? -EINVAL :
		       parse_vxlan(p, s, key, mask);
	if (odp_skip(s, "flags("))
		return once(p, seen, SEEN_FLAGS, "flags") ? -EINVAL :
		       parse_tun_flags(p, s, key, mask);
	return odp_error(p, "tunnel(%.*s): unknown field",
			 (int)strcspn(*s, ",)="), *s);
}

int odp_parse_tunnel(struct odp_parser *p, const char **s,
		     struct nlbuf *key, struct nlbuf *mask)
{
	struct nlattr *nk, *nm = NULL;
	uint64_t seen = 0;
	int err;

	nk = nlbuf_nest_start(key, OVS_KEY_ATTR_TUNNEL);
	if (mask)
		nm = nlbuf_nest_start(mask, OVS_KEY_ATTR_TUNNEL);
	while (**s != ')') {
		err = parse_tun_item(p, s, key, mask, &seen);
		if (err)
			return err;
		if (**s == ',')
			(*s)++;
		else if (**s != ')')
			return odp_error(p, "tunnel(...%.*s): expected ',' or ')'",
					 (int)odp_token_len(*s), *s);
	}
	(*s)++;
	if (key->overflow || (mask && mask->overflow))
		return odp_error(p, "tunnel(...): key too large");
	nlbuf_nest_end(key, nk);
	if (mask)
		nlbuf_nest_end(mask, nm);
	return 0;
}
