// SPDX-License-Identifier: GPL-2.0
/*
 * odp_key_parse.c - parse "attr(...),attr(...)" flow keys into key and
 * mask attribute streams.
 */
#include <errno.h>
#include <string.h>
#include "dpif.h"
#include "odp_actions.h"

static const char *delims = ", \t\r\n";

static int put_km(struct odp_parser *p, const struct odp_key_desc *d,
		  uint16_t type, struct nlbuf *key, struct nlbuf *mask,
		  const void *k, const void *m, size_t len)
{
	if (!nlbuf_put(key, type, len, k) ||
	    (mask && !nlbuf_put(mask, type, len, m)))
		return odp_error(p, "%s(...): key too large", d->name);
	return 0;
}

static int parse_struct(struct odp_parser *p, const struct odp_key_desc *d,
			uint16_t type, const char **s, struct nlbuf *key,
			struct nlbuf *mask)
{
	uint8_t k[64] = { 0 }, m[64] = { 0 };
	unsigned int i;

	while (**s != ')') {
		for (i = 0; i < d->n_fields; i++) {
			const char *n = d->fields[i].name;
			size_t l = strlen(n);

			if (!strncmp(*s, n, l) && (*s)[l] == '=') {
				*s += l + 1;
				break;
			}
		}
		if (i == d->n_fields)
			return odp_error(p, "%s(%.*s): unknown field", d->name,
					 (int)strcspn(*s, ",)="), *s);
		if (odp_scan_field_masked(p, d->name, &d->fields[i], s, k, m,
					  true))
			return -EINVAL;
		if (**s == ',')
			(*s)++;
	}
	(*s)++;
	return put_km(p, d, type, key, mask, k, m, d->len);
}

/* A single number with optional mask: skb_mark(1/0xff), eth_type(...). */
static int parse_single(struct odp_parser *p, const struct odp_key_desc *d,
			uint16_t type, const char **s, struct nlbuf *key,
			struct nlbuf *mask)
{
	uint64_t max = d->len == 2 ? UINT16_MAX : UINT32_MAX;
	const char *why, *val = *s;
	uint64_t v, mv = max;
	uint8_t k[4], m[4];

	if (odp_scan_uint(s, max, &v, &why))
		return odp_field_error(p, d->name, NULL, val, why);
	if (**s == '/') {
		if (d->kind == KIND_U32_EXACT)
			return odp_field_error(p, d->name, NULL, val,
					       "cannot be masked");
		(*s)++;
		if (odp_scan_uint(s, max, &mv, &why))
			return odp_field_error(p, d->name, NULL, val, why);
	}
	if (!odp_skip(s, ")"))
		return odp_field_error(p, d->name, NULL, val,
				       "unexpected characters after value");
	if (d->kind == KIND_ETHERTYPE) {	/* be16 */
		k[0] = (uint8_t)(v >> 8); k[1] = (uint8_t)v;
		m[0] = (uint8_t)(mv >> 8); m[1] = (uint8_t)mv;
	} else if (d->len == 2) {		/* host u16 */
		uint16_t a = (uint16_t)v, b = (uint16_t)mv;

		memcpy(k, &a, 2);
		memcpy(m, &b, 2);
	} else {
		uint32_t a = (uint32_t)v, b = (uint32_t)mv;

		memcpy(k, &a, 4);
		memcpy(m, &b, 4);
	}
	return put_km(p, d, type, key, mask, k, m, d->len);
}

static int parse_in_port(struct odp_parser *p, const struct odp_key_desc *d,
			 uint16_t type, const char **s, struct nlbuf *key,
			 struct nlbuf *mask)
{
	size_t len = strcspn(*s, ")");
	uint32_t port;

	if (**s < '0' || **s > '9') {
		if (!odp_portmap_number(p->ports, *s, len, &port))
			return odp_field_error(p, d->name, NULL, *s,
					       "unknown port name");
		*s += len + 1;
		return put_km(p, d, type, key, mask, &port, "\xff\xff\xff\xff",
			      4);
	}
	return parse_single(p, d, type, s, key, mask);
}

static int parse_vlan(struct odp_parser *p, const struct odp_key_desc *d,
		      uint16_t type, const char **s, struct nlbuf *key,
		      struct nlbuf *mask)
{
	static const struct { const char *n; int shift; int bits; } f[] = {
		{ "vid=", 0, 12 }, { "pcp=", 13, 3 }, { "cfi=", 12, 1 },
	};
	uint16_t tci = 0x1000, tmask = 0x1000;
	const char *why, *val;
	uint64_t v, mv;
	unsigned int i;

	while (**s != ')') {
		for (i = 0; i < 3 && !odp_skip(s, f[i].n); i++)
			;
		if (i == 3)
			return odp_error(p, "vlan(%.*s): unknown field",
					 (int)strcspn(*s, ",)="), *s);
		val = *s;
		mv = (1u << f[i].bits) - 1;
		if (odp_scan_uint(s, mv, &v, &why) ||
		    (odp_skip(s, "/") &&
		     odp_scan_uint(s, (1u << f[i].bits) - 1, &mv, &why)))
			return odp_field_error(p, "vlan", f[i].n[0] == 'v' ?
					       "vid" : f[i].n[0] == 'p' ?
					       "pcp" : "cfi", val, why);
		tci = (uint16_t)((tci & ~(((1u << f[i].bits) - 1) << f[i].shift)) |
				 (v << f[i].shift));
		tmask = (uint16_t)(tmask | (mv << f[i].shift));
		if (**s == ',')
			(*s)++;
		else if (**s != ')')
			return odp_field_error(p, "vlan", NULL, val,
					       "unexpected characters after value");
	}
	(*s)++;
	tci = htons(tci);
	tmask = htons(tmask);
	return put_km(p, d, type, key, mask, &tci, &tmask, 2);
}

static int parse_flags_attr(struct odp_parser *p,
			    const struct odp_key_desc *d, uint16_t type,
			    const char **s, struct nlbuf *key,
			    struct nlbuf *mask)
{
	bool tcp = d->kind == KIND_TCP_FLAGS;
	uint32_t f, m;
	const char *why;
	int n;

	n = odp_scan_flags(*s, tcp ? odp_tcp_flag_name : odp_ct_state_name,
			   ')', tcp ? 0x0fff : 0xff, &f, &m, &why);
	if (n < 0)
		return odp_field_error(p, d->name, NULL, *s, why);
	*s += n + 1;
	if (tcp) {
		uint16_t k16 = htons((uint16_t)f), m16 = htons((uint16_t)m);

		return put_km(p, d, type, key, mask, &k16, &m16, 2);
	}
	return put_km(p, d, type, key, mask, &f, &m, 4);
}

static int parse_encap(struct odp_parser *p, const char **s,
		       struct nlbuf *key, struct nlbuf *mask)
{
	struct nlattr *nk, *nm = NULL;
	uint64_t seen = 0;
	int err;

	nk = nlbuf_nest_start(key, OVS_KEY_ATTR_ENCAP);
	if (mask)
		nm = nlbuf_nest_start(mask, OVS_KEY_ATTR_ENCAP);
	for (;;) {
		*s += strspn(*s, delims);
		if (!**s)
			return odp_error(p, "encap(...): missing ')'");
		if (**s == ')')
			break;
		err = odp_parse_key_attr(p, s, key, mask, &seen);
		if (err)
			return err;
	}
	(*s)++;
	if (key->overflow || (mask && mask->overflow))
		return odp_error(p, "encap(...): key too large");
	nlbuf_nest_end(key, nk);
	if (mask)
		nlbuf_nest_end(mask, nm);
	return 0;
}

static int parse_label(struct odp_parser *p, const struct odp_key_desc *d,
		       uint16_t type, const char **s, struct nlbuf *key,
		       struct nlbuf *mask)
{
	uint8_t k[16], m[16];
	const char *val = *s;

	if (odp_scan_u128(s, k))
		return odp_field_error(p, d->name, NULL, val, "invalid label");
	memset(m, 0xff, sizeof(m));
	if (odp_skip(s, "/") && odp_scan_u128(s, m))
		return odp_field_error(p, d->name, NULL, val, "invalid mask");
	if (!odp_skip(s, ")"))
		return odp_field_error(p, d->name, NULL, val,
				       "unexpected characters after value");
	return put_km(p, d, type, key, mask, k, m, 16);
}

/* mpls(label=L,tc=T,ttl=X,bos=B): a repeated field starts the next LSE. */
static int parse_mpls(struct odp_parser *p, const struct odp_key_desc *d,
		      uint16_t type, const char **s, struct nlbuf *key,
		      struct nlbuf *mask)
{
	static const struct { const char *n; int shift, bits; } f[] = {
		{ "label=", 12, 20 }, { "tc=", 9, 3 }, { "ttl=", 0, 8 },
		{ "bos=", 8, 1 },
	};
	uint32_t k[3] = { 0 }, m[3] = { 0 };
	unsigned int i, seen = 0, idx = 0;
	const char *why, *val;
	uint64_t v, mv;

	while (**s != ')') {
		for (i = 0; i < 4 && !odp_skip(s, f[i].n); i++)
			;
		if (i == 4)
			return odp_error(p, "mpls(%.*s): unknown field",
					 (int)strcspn(*s, ",)="), *s);
		if (seen & (1u << i)) {
			if (++idx == 3)
				return odp_error(p, "mpls(...): at most 3 labels");
			seen = 0;
		}
		seen |= 1u << i;
		val = *s;
		mv = (1u << f[i].bits) - 1;
		if (odp_scan_uint(s, mv, &v, &why) ||
		    (odp_skip(s, "/") &&
		     odp_scan_uint(s, (1u << f[i].bits) - 1, &mv, &why)))
			return odp_field_error(p, d->name, NULL, val, why);
		k[idx] |= htonl((uint32_t)v << f[i].shift);
		m[idx] |= htonl((uint32_t)mv << f[i].shift);
		if (**s == ',')
			(*s)++;
	}
	(*s)++;
	return put_km(p, d, type, key, mask, k, m, 4 * (idx + 1));
}

static int parse_attr_body(struct odp_parser *p, const struct odp_key_desc *d,
			   uint16_t type, const char **s, struct nlbuf *key,
			   struct nlbuf *mask)
{
	switch (d->kind) {
	case KIND_STRUCT:
		return parse_struct(p, d, type, s, key, mask);
	case KIND_IN_PORT:
		return parse_in_port(p, d, type, s, key, mask);
	case KIND_VLAN:
		return parse_vlan(p, d, type, s, key, mask);
	case KIND_TCP_FLAGS:
	case KIND_CT_STATE:
		return parse_flags_attr(p, d, type, s, key, mask);
	case KIND_TUNNEL:
		return odp_parse_tunnel(p, s, key, mask);
	case KIND_ENCAP:
		return parse_encap(p, s, key, mask);
	case KIND_CT_LABEL:
		return parse_label(p, d, type, s, key, mask);
	case KIND_MPLS:
		return parse_mpls(p, d, type, s, key, mask);
	case KIND_U32:
	case KIND_U32_EXACT:
	case KIND_ETHERTYPE:
	case KIND_CT_ZONE:
	case KIND_CT_MARK:
		return parse_single(p, d, type, s, key, mask);
	}
	return odp_error(p, "%s(...): not supported by the parser", d->name);
}

int odp_parse_key_attr(struct odp_parser *p, const char **s,
		       struct nlbuf *key, struct nlbuf *mask, uint64_t *seen)
{
	size_t n = strcspn(*s, "(,) \t\r\n");
	const struct odp_key_desc *d;
	unsigned int type;
	int err;

	_Static_assert(OVS_KEY_ATTR_MAX < 64, "seen is a 64-bit set");
	d = odp_key_desc_by_name(*s, n, &type);
	/* The kernel refuses a list that names an attribute twice. */
	if (d && seen && (*seen & (1ULL << type)))
		return odp_error(p, "%.*s(...): given twice; a key has each "
				 "attribute at most once", (int)n, *s);
	if (d && seen)
		*seen |= 1ULL << type;
	if (!d || (*s)[n] != '(') {
		if (!n)
			return odp_error(p, "syntax error at '%.32s'", *s);
		return odp_error(p, "%.*s: unknown key attribute", (int)n, *s);
	}
	if (++p->depth > ODP_MAX_DEPTH)
		return odp_error(p, "%s(...): nested too deeply", d->name);
	*s += n + 1;
	err = parse_attr_body(p, d, (uint16_t)type, s, key, mask);
	p->depth--;
	return err;
}

int odp_key_from_string(const char *s, const struct odp_portmap *ports,
			struct nlbuf *key, struct nlbuf *mask,
			char err[ODP_ERR_LEN])
{
	struct odp_parser p = { ports, err, 0 };
	size_t kmark = nlbuf_mark(key), mmark = mask ? nlbuf_mark(mask) : 0;
	uint64_t seen = 0;
	int ret = 0;

	err[0] = '\0';
	s += strspn(s, delims);
	if (!strncmp(s, "ufid:", 5)) {
		struct kf_ufid ufid;
		int n = odp_ufid_from_string(s, &ufid);

		if (n < 0)
			return odp_error(&p, "%.41s: invalid UFID", s);
		s += n;
	}
	for (;;) {
		s += strspn(s, delims);
		if (!*s)
			break;
		ret = odp_parse_key_attr(&p, &s, key, mask, &seen);
		if (ret)
			break;
		if (*s && !strchr(delims, *s)) {
			ret = odp_error(&p, "syntax error at '%.32s'", s);
			break;
		}
	}
	if (!ret && (key->overflow || (mask && mask->overflow)))
		ret = odp_error(&p, "flow key too large");
	if (ret) {
		nlbuf_truncate(key, kmark);
		if (mask)
			nlbuf_truncate(mask, mmark);
	}
	return ret;
}
