// SPDX-License-Identifier: GPL-2.0
/*
 * odp_ct.c - the ct(...) action (commit, zone, mark, label, helper,
 * timeout, nat(...)) and 128-bit connection labels.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "odp_actions.h"

/* Labels are printed as one big-endian 128-bit number: the 16 bytes in
 * reverse memory order (the kernel treats them as host-order words). */
void odp_format_u128(struct strbuf *sb, const uint8_t *v, const uint8_t *m,
		     bool verbose)
{
	uint8_t be[16];
	bool zero = true, ones = true;
	int i;

	for (i = 0; m && i < 16; i++) {
		zero &= !m[i];
		ones &= m[i] == 0xff;
	}
	if (!verbose && (!m || zero))
		return;
	for (i = 0; i < 16; i++)
		be[i] = v[15 - i];
	sb_put_hex(sb, be, 16);
	if (m && !ones) {
		for (i = 0; i < 16; i++)
			be[i] = m[15 - i];
		sb_putc(sb, '/');
		sb_put_hex(sb, be, 16);
	}
}

/* "0xHEX" (up to 128 bits) or a decimal number, into label memory. */
int odp_scan_u128(const char **s, uint8_t *v)
{
	const char *p = *s;
	uint64_t x;
	size_t n, i;
	const char *why;

	memset(v, 0, 16);
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		p += 2;
		n = strspn(p, "0123456789abcdefABCDEF");
		if (!n || n > 32)
			return -EINVAL;
		for (i = 0; i < n; i++) {
			char c = p[n - 1 - i];
			uint8_t d = (uint8_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);

			v[i / 2] |= (uint8_t)(i % 2 ? d << 4 : d);
		}
		*s = p + n;
		return 0;
	}
	if (odp_scan_uint(s, UINT64_MAX, &x, &why))
		return -EINVAL;
	for (i = 0; i < 8; i++)
		v[i] = (uint8_t)(x >> (8 * i));
	return 0;
}

/* ---- formatting ---- */

static void format_nat_addr(struct strbuf *sb, const struct nlattr *a,
			    bool bracket)
{
	char buf[INET6_ADDRSTRLEN];
	int af = mnl_attr_get_payload_len(a) == 4 ? AF_INET : AF_INET6;

	inet_ntop(af, mnl_attr_get_payload(a), buf, sizeof(buf));
	if (af == AF_INET6 && bracket)
		sb_printf(sb, "[%s]", buf);
	else
		sb_puts(sb, buf);
}

static void format_nat(struct strbuf *sb, const struct nlattr *nat)
{
	const struct nlattr *tb[OVS_NAT_ATTR_MAX + 1] = { NULL }, *a;
	uint16_t pmin = 0, pmax = 0;

	mnl_attr_for_each_nested(a, nat)
		if (mnl_attr_get_type(a) <= OVS_NAT_ATTR_MAX)
			tb[mnl_attr_get_type(a)] = a;
	if (tb[OVS_NAT_ATTR_PROTO_MIN])
		pmin = mnl_attr_get_u16(tb[OVS_NAT_ATTR_PROTO_MIN]);
	if (tb[OVS_NAT_ATTR_PROTO_MAX])
		pmax = mnl_attr_get_u16(tb[OVS_NAT_ATTR_PROTO_MAX]);
	sb_puts(sb, "nat");
	if (!tb[OVS_NAT_ATTR_SRC] && !tb[OVS_NAT_ATTR_DST])
		return;
	sb_puts(sb, tb[OVS_NAT_ATTR_SRC] ? "(src" : "(dst");
	if (tb[OVS_NAT_ATTR_IP_MIN]) {
		sb_putc(sb, '=');
		format_nat_addr(sb, tb[OVS_NAT_ATTR_IP_MIN], pmin);
		if (tb[OVS_NAT_ATTR_IP_MAX] &&
		    memcmp(mnl_attr_get_payload(tb[OVS_NAT_ATTR_IP_MAX]),
			   mnl_attr_get_payload(tb[OVS_NAT_ATTR_IP_MIN]),
			   mnl_attr_get_payload_len(tb[OVS_NAT_ATTR_IP_MIN]))) {
			sb_putc(sb, '-');
			format_nat_addr(sb, tb[OVS_NAT_ATTR_IP_MAX], pmin);
		}
		if (pmin) {
			sb_printf(sb, ":%u", pmin);
			if (pmax && pmax != pmin)
				sb_printf(sb, "-%u", pmax);
		}
	}
	sb_putc(sb, ',');
	if (tb[OVS_NAT_ATTR_PERSISTENT])
		sb_puts(sb, "persistent,");
	if (tb[OVS_NAT_ATTR_PROTO_HASH])
		sb_puts(sb, "hash,");
	if (tb[OVS_NAT_ATTR_PROTO_RANDOM])
		sb_puts(sb, "random,");
	sb_chomp(sb, ',');
	sb_putc(sb, ')');
}

void odp_format_ct_action(struct strbuf *sb, const struct nlattr *ct)
{
	const struct nlattr *tb[OVS_CT_ATTR_MAX + 1] = { NULL }, *a;
	const uint8_t *lab;
	const uint32_t *mark;

	mnl_attr_for_each_nested(a, ct)
		if (mnl_attr_get_type(a) <= OVS_CT_ATTR_MAX)
			tb[mnl_attr_get_type(a)] = a;
	sb_puts(sb, "ct");
	if (!tb[OVS_CT_ATTR_COMMIT] && !tb[OVS_CT_ATTR_FORCE_COMMIT] &&
	    !tb[OVS_CT_ATTR_ZONE] && !tb[OVS_CT_ATTR_MARK] &&
	    !tb[OVS_CT_ATTR_LABELS] && !tb[OVS_CT_ATTR_HELPER] &&
	    !tb[OVS_CT_ATTR_TIMEOUT] && !tb[OVS_CT_ATTR_NAT])
		return;
	sb_putc(sb, '(');
	if (tb[OVS_CT_ATTR_COMMIT])
		sb_puts(sb, "commit,");
	if (tb[OVS_CT_ATTR_FORCE_COMMIT])
		sb_puts(sb, "force_commit,");
	if (tb[OVS_CT_ATTR_ZONE] && mnl_attr_get_u16(tb[OVS_CT_ATTR_ZONE]))
		sb_printf(sb, "zone=%u,", mnl_attr_get_u16(tb[OVS_CT_ATTR_ZONE]));
	if (tb[OVS_CT_ATTR_MARK] &&
	    mnl_attr_get_payload_len(tb[OVS_CT_ATTR_MARK]) == 8) {
		mark = mnl_attr_get_payload(tb[OVS_CT_ATTR_MARK]);
		sb_printf(sb, "mark=%#x/%#x,", mark[0], mark[1]);
	}
	if (tb[OVS_CT_ATTR_LABELS] &&
	    mnl_attr_get_payload_len(tb[OVS_CT_ATTR_LABELS]) == 32) {
		lab = mnl_attr_get_payload(tb[OVS_CT_ATTR_LABELS]);
		sb_puts(sb, "label=");
		odp_format_u128(sb, lab, lab + 16, true);
		sb_putc(sb, ',');
	}
	if (tb[OVS_CT_ATTR_HELPER])
		sb_printf(sb, "helper=%.*s,",
			  (int)strnlen(mnl_attr_get_payload(tb[OVS_CT_ATTR_HELPER]),
				       mnl_attr_get_payload_len(tb[OVS_CT_ATTR_HELPER])),
			  (const char *)mnl_attr_get_payload(tb[OVS_CT_ATTR_HELPER]));
	if (tb[OVS_CT_ATTR_TIMEOUT])
		sb_printf(sb, "timeout=%.*s,",
			  (int)strnlen(mnl_attr_get_payload(tb[OVS_CT_ATTR_TIMEOUT]),
				       mnl_attr_get_payload_len(tb[OVS_CT_ATTR_TIMEOUT])),
			  (const char *)mnl_attr_get_payload(tb[OVS_CT_ATTR_TIMEOUT]));
	if (tb[OVS_CT_ATTR_NAT])
		format_nat(sb, tb[OVS_CT_ATTR_NAT]);
	sb_chomp(sb, ',');
	sb_putc(sb, ')');
}

/* ---- parsing ---- */

struct nat_params {
	bool src, dst, persistent, hash, random;
	size_t addr_len;
	uint8_t min[16], max[16];
	uint64_t pmin, pmax;
};

static int scan_addr_chars(const char **s, int af, const char *chars,
			   uint8_t *a)
{
	char buf[INET6_ADDRSTRLEN + 1];
	size_t n = strspn(*s, chars);

	if (!n || n >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, *s, n);
	buf[n] = '\0';
	if (inet_pton(af, buf, a) != 1)
		return -EINVAL;
	*s += n;
	return 0;
}

static int scan_nat_addr(const char **s, uint8_t *a, size_t *len)
{
	static const char v6[] = "0123456789abcdefABCDEF:.";

	if (odp_skip(s, "[")) {
		*len = 16;
		if (scan_addr_chars(s, AF_INET6, v6, a) || !odp_skip(s, "]"))
			return -EINVAL;
		return 0;
	}
	if (!scan_addr_chars(s, AF_INET, "0123456789.", a)) {
		*len = 4;
		return 0;
	}
	*len = 16;
	return scan_addr_chars(s, AF_INET6, v6, a);
}

static int scan_nat_range(struct odp_parser *p, const char **s,
			  const char *name, struct nat_params *n)
{
	const char *why, *start = *s;
	size_t len2;

	if (!odp_skip(s, "="))
		return 0;
	if (scan_nat_addr(s, n->min, &n->addr_len) ||
	    (odp_skip(s, "-") && scan_nat_addr(s, n->max, &len2)))
		return odp_error(p, "ct(nat(%s%.*s): invalid address range",
				 name, (int)strcspn(start, ",)"), start);
	if (odp_skip(s, ":")) {
		if (odp_scan_uint(s, UINT16_MAX, &n->pmin, &why) ||
		    (odp_skip(s, "-") &&
		     odp_scan_uint(s, UINT16_MAX, &n->pmax, &why)))
			return odp_error(p, "ct(nat(%s%.*s): invalid port range",
					 name, (int)strcspn(start, ",)"), start);
	}
	return 0;
}

static int scan_nat(struct odp_parser *p, const char **s,
		    struct nat_params *n)
{
	memset(n, 0, sizeof(*n));
	if (!odp_skip(s, "("))
		return 0;
	while (!odp_skip(s, ")")) {
		if (odp_skip(s, "src")) {
			n->src = true;
			if (scan_nat_range(p, s, "src", n))
				return -EINVAL;
		} else if (odp_skip(s, "dst")) {
			n->dst = true;
			if (scan_nat_range(p, s, "dst", n))
				return -EINVAL;
		} else if (odp_skip(s, "persistent")) {
			n->persistent = true;
		} else if (odp_skip(s, "hash")) {
			n->hash = true;
		} else if (odp_skip(s, "random")) {
			n->random = true;
		} else {
			return odp_error(p, "ct(nat(%.*s): unknown argument",
					 (int)strcspn(*s, ",)"), *s);
		}
		odp_skip(s, ",");
	}
	if ((n->src && n->dst) || (n->hash && n->random))
		return odp_error(p, "ct(nat(...)): conflicting arguments");
	return 0;
}

static void put_nat(struct nlbuf *b, const struct nat_params *n)
{
	struct nlattr *nest = nlbuf_nest_start(b, OVS_CT_ATTR_NAT);

	if (n->src || n->dst)
		nlbuf_put_flag(b, n->src ? OVS_NAT_ATTR_SRC : OVS_NAT_ATTR_DST);
	if (n->addr_len) {
		nlbuf_put(b, OVS_NAT_ATTR_IP_MIN, n->addr_len, n->min);
		if (memcmp(n->max, n->min, n->addr_len) > 0)
			nlbuf_put(b, OVS_NAT_ATTR_IP_MAX, n->addr_len, n->max);
		if (n->pmin)
			nlbuf_put_u16(b, OVS_NAT_ATTR_PROTO_MIN,
				      (uint16_t)n->pmin);
		if (n->pmax > n->pmin)
			nlbuf_put_u16(b, OVS_NAT_ATTR_PROTO_MAX,
				      (uint16_t)n->pmax);
	}
	if (n->persistent)
		nlbuf_put_flag(b, OVS_NAT_ATTR_PERSISTENT);
	if (n->hash)
		nlbuf_put_flag(b, OVS_NAT_ATTR_PROTO_HASH);
	if (n->random)
		nlbuf_put_flag(b, OVS_NAT_ATTR_PROTO_RANDOM);
	nlbuf_nest_end(b, nest);
}

struct ct_params {
	bool commit, force, has_nat;
	uint64_t zone;
	uint32_t mark[2];
	uint8_t label[32];
	char helper[16];
	char timeout[32];
	struct nat_params nat;
};

static int scan_ct_string(struct odp_parser *p, const char **s,
			  const char *name, char *dst, size_t size)
{
	size_t n = strcspn(*s, ", \t)");

	if (!n || n >= size)
		return odp_error(p, "ct(%s=%.*s): invalid name (1 to %zu characters)",
				 name, (int)n, *s, size - 1);
	memcpy(dst, *s, n);
	dst[n] = '\0';
	*s += n;
	return 0;
}

static int scan_ct_mark(struct odp_parser *p, const char **s,
			struct ct_params *ct)
{
	uint64_t v, m = UINT32_MAX;
	const char *why, *val = *s;

	if (odp_scan_uint(s, UINT32_MAX, &v, &why) ||
	    (odp_skip(s, "/") && odp_scan_uint(s, UINT32_MAX, &m, &why)))
		return odp_field_error(p, "ct", "mark", val, why);
	ct->mark[0] = (uint32_t)v;
	ct->mark[1] = (uint32_t)m;
	return 0;
}

static int scan_ct_label(struct odp_parser *p, const char **s,
			 struct ct_params *ct)
{
	const char *val = *s;

	if (odp_scan_u128(s, ct->label))
		return odp_field_error(p, "ct", "label", val, "invalid label");
	memset(ct->label + 16, 0xff, 16);
	if (odp_skip(s, "/") && odp_scan_u128(s, ct->label + 16))
		return odp_field_error(p, "ct", "label", val, "invalid mask");
	return 0;
}

static int ct_item(struct odp_parser *p, const char **s,
		   struct ct_params *ct)
{
	const char *why, *val;

	if (odp_skip(s, "force_commit")) {
		ct->force = true;
	} else if (odp_skip(s, "commit")) {
		ct->commit = true;
	} else if (odp_skip(s, "zone=")) {
		val = *s;
		if (odp_scan_uint(s, UINT16_MAX, &ct->zone, &why))
			return odp_field_error(p, "ct", "zone", val, why);
	} else if (odp_skip(s, "mark=")) {
		return scan_ct_mark(p, s, ct);
	} else if (odp_skip(s, "label=")) {
		return scan_ct_label(p, s, ct);
	} else if (odp_skip(s, "helper=")) {
		return scan_ct_string(p, s, "helper", ct->helper,
				      sizeof(ct->helper));
	} else if (odp_skip(s, "timeout=")) {
		return scan_ct_string(p, s, "timeout", ct->timeout,
				      sizeof(ct->timeout));
	} else if (odp_skip(s, "nat")) {
		ct->has_nat = true;
		return scan_nat(p, s, &ct->nat);
	} else {
		return odp_error(p, "ct(%.*s): unknown argument",
				 (int)strcspn(*s, ",)"), *s);
	}
	return 0;
}

static void put_ct(struct nlbuf *b, const struct ct_params *ct)
{
	struct nlattr *nest = nlbuf_nest_start(b, OVS_ACTION_ATTR_CT);
	int i;

	if (ct->commit)
		nlbuf_put_flag(b, OVS_CT_ATTR_COMMIT);
	else if (ct->force)
		nlbuf_put_flag(b, OVS_CT_ATTR_FORCE_COMMIT);
	if (ct->zone)
		nlbuf_put_u16(b, OVS_CT_ATTR_ZONE, (uint16_t)ct->zone);
	if (ct->mark[1])
		nlbuf_put(b, OVS_CT_ATTR_MARK, sizeof(ct->mark), ct->mark);
	for (i = 16; i < 32 && !ct->label[i]; i++)
		;
	if (i < 32)
		nlbuf_put(b, OVS_CT_ATTR_LABELS, sizeof(ct->label), ct->label);
	if (ct->helper[0])
		nlbuf_put(b, OVS_CT_ATTR_HELPER, strlen(ct->helper) + 1,
			  ct->helper);
	if (ct->timeout[0])
		nlbuf_put(b, OVS_CT_ATTR_TIMEOUT, strlen(ct->timeout) + 1,
			  ct->timeout);
	if (ct->has_nat)
		put_nat(b, &ct->nat);
	nlbuf_nest_end(b, nest);
}

/* Called with *s just past "ct"; handles both "ct" and "ct(...)". */
int odp_act_ct(struct odp_parser *p, const char **s, struct nlbuf *b)
{
	struct ct_params ct;

	memset(&ct, 0, sizeof(ct));
	if (odp_skip(s, "(")) {
		while (!odp_skip(s, ")")) {
			if (!**s)
				return odp_error(p, "ct(...): missing ')'");
			if (ct_item(p, s, &ct))
				return -EINVAL;
			if (**s && !strchr(",)", **s))
				return odp_error(p, "ct(%.*s): unexpected characters",
						 (int)strcspn(*s, ",)"), *s);
			odp_skip(s, ",");
		}
	}
	if (ct.commit && ct.force)
		return odp_error(p, "ct(...): commit and force_commit are exclusive");
	put_ct(b, &ct);
	return 0;
}
