// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_value.c - field values in the ovs-ofctl syntax: integers, ports,
 * MAC/IPv4/IPv6 addresses with CIDR or arbitrary masks, ip_frag names.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include "ofp_priv.h"

static const struct {
	const char *name;
	uint8_t value, mask;
} frag_names[] = {
	{ "no", 0, KF_FRAG_ANY },
	{ "yes", KF_FRAG_ANY, KF_FRAG_ANY },
	{ "first", KF_FRAG_ANY, KF_FRAG_MASK },
	{ "later", KF_FRAG_ANY | KF_FRAG_LATER, KF_FRAG_MASK },
	{ "not_later", 0, KF_FRAG_LATER },
};

#define N_FRAG (sizeof(frag_names) / sizeof(frag_names[0]))

static int parse_int(const struct kf_field *f, const char *s,
		     struct kf_value *v)
{
	uint64_t x;

	if (kf_scan_u64(s, strlen(s), &x))
		return -1;
	if (f->n_bits < 64 && x >> f->n_bits)
		return -2;
	kf_value_from_u64(v, x);
	return 0;
}

static int parse_mac(const char *s, struct kf_value *v)
{
	uint8_t *b = v->be + 10;
	int n = -1;

	memset(v, 0, sizeof(*v));
	sscanf(s, "%2hhx:%2hhx:%2hhx:%2hhx:%2hhx:%2hhx%n", &b[0], &b[1], &b[2],
	       &b[3], &b[4], &b[5], &n);
	return n > 0 && !s[n] ? 0 : -1;
}

/* Address (IPv4 or IPv6), or with @is_mask a prefix length too. */
static int parse_ip(const struct kf_field *f, const char *s, bool is_mask,
		    struct kf_value *v)
{
	int af = f->fmt == KF_FMT_IPV4 ? AF_INET : AF_INET6;
	int bytes = af == AF_INET ? 4 : 16;
	uint64_t plen;

	memset(v, 0, sizeof(*v));
	if (is_mask && !kf_scan_u64(s, strlen(s), &plen)) {
		if (plen > (uint64_t)bytes * 8)
			return -1;
		for (unsigned int i = 0; i < plen; i++)
			kf_value_set_bit(v, bytes * 8 - 1 - i, true);
		return 0;
	}
	return inet_pton(af, s, v->be + 16 - bytes) == 1 ? 0 : -1;
}

static int parse_frag(const char *s, struct kf_value *v, struct kf_value *m)
{
	size_t i;

	for (i = 0; i < N_FRAG; i++) {
		if (!strcmp(s, frag_names[i].name)) {
			kf_value_from_u64(v, frag_names[i].value);
			kf_value_from_u64(m, frag_names[i].mask);
			return 0;
		}
	}
	return -1;
}

static const char *what(const struct kf_field *f)
{
	switch (f->fmt) {
	case KF_FMT_MAC:
		return "invalid Ethernet address";
	case KF_FMT_IPV4:
		return "invalid IPv4 address";
	case KF_FMT_IPV6:
		return "invalid IPv6 address";
	case KF_FMT_PORT:
		return "invalid port (a number up to 65535 or LOCAL, IN_PORT, "
		       "CONTROLLER, NORMAL, FLOOD, ALL, NONE)";
	case KF_FMT_FRAG:
		return "unknown fragment type (valid: no, yes, first, later, "
		       "not_later)";
	default:
		return "invalid number";
	}
}

/* One side of V/M; -2 means out of range. */
static int parse_one(const struct kf_field *f, const char *s, bool is_mask,
		     struct kf_value *v)
{
	switch (f->fmt) {
	case KF_FMT_MAC:
		return parse_mac(s, v);
	case KF_FMT_IPV4:
	case KF_FMT_IPV6:
		return parse_ip(f, s, is_mask, v);
	case KF_FMT_PORT: {
		uint16_t port;

		if (is_mask || kf_ofp_parse_port(s, strlen(s), &port))
			return -1;
		kf_value_from_u64(v, port);
		return 0;
	}
	default:
		return parse_int(f, s, v);
	}
}

int kf_value_parse_as(const struct kf_field *f, const char *name,
		      const char *s, size_t len, struct kf_value *v,
		      struct kf_value *mask, char *err)
{
	char buf[KF_TOKEN_MAX], *slash;
	const char *why;
	int r;

	if (!kf_token(buf, s, len))
		return kf_err(err, "%s: value too long", name);
	if (f->fmt == KF_FMT_FRAG && !parse_frag(buf, v, mask))
		return 0;
	if (f->fmt == KF_FMT_TCP_FLAGS || f->fmt == KF_FMT_TUN_FLAGS)
		return kf_flags_parse(f, name, buf, v, mask, err);
	slash = strchr(buf, '/');
	if (slash)
		*slash = '\0';
	r = parse_one(f, buf, false, v);
	if (r == 0 && slash)
		r = parse_one(f, slash + 1, true, mask);
	else if (r == 0)
		kf_value_all_ones(mask, f->n_bits);
	if (r == -2)
		return kf_err(err, "%s=%.*s: value does not fit in %u bits",
			      name, (int)len, s, f->n_bits);
	if (r)
		return kf_err(err, "%s=%.*s: %s", name, (int)len, s,
			      what(f));
	if (slash && !f->maskable && !kf_value_is_exact(mask, f))
		return kf_err(err, "%s=%.*s: %s cannot be masked", name,
			      (int)len, s, name);
	why = kf_value_invalid(f, v);
	if (why)
		return kf_err(err, "%s=%.*s: %s", name, (int)len, s, why);
	return 0;
}

int kf_value_parse(const struct kf_field *f, const char *s, size_t len,
		   struct kf_value *v, struct kf_value *mask, char *err)
{
	return kf_value_parse_as(f, f->name, s, len, v, mask, err);
}

/* Prefix length of an address mask, -1 if not a prefix. */
static int addr_plen(const struct kf_value *m, unsigned int n_bits)
{
	unsigned int i = n_bits;

	while (i > 0 && kf_value_bit(m, i - 1))
		i--;
	for (unsigned int j = 0; j < i; j++)
		if (kf_value_bit(m, j))
			return -1;
	return n_bits - i;
}

static void format_addr(struct strbuf *sb, const struct kf_field *f,
			const struct kf_value *v)
{
	char buf[INET6_ADDRSTRLEN];
	unsigned int i;

	if (f->fmt == KF_FMT_MAC) {
		for (i = 10; i < 16; i++)
			sb_printf(sb, i > 10 ? ":%02x" : "%02x", v->be[i]);
		return;
	}
	if (f->fmt == KF_FMT_IPV4)
		inet_ntop(AF_INET, v->be + 12, buf, sizeof(buf));
	else
		inet_ntop(AF_INET6, v->be, buf, sizeof(buf));
	sb_puts(sb, buf);
}

static void format_frag(struct strbuf *sb, uint64_t v, uint64_t m)
{
	size_t i;

	for (i = 0; i < N_FRAG; i++) {
		if (frag_names[i].value == v && frag_names[i].mask == m) {
			sb_puts(sb, frag_names[i].name);
			return;
		}
	}
	sb_printf(sb, "0x%llx/0x%llx", (unsigned long long)v,
		  (unsigned long long)m);
}

void kf_value_format(struct strbuf *sb, const struct kf_field *f,
		     const struct kf_value *v, const struct kf_value *mask)
{
	bool exact = !mask || kf_value_is_exact(mask, f);
	unsigned long long x = kf_value_to_u64(v);
	unsigned long long m = mask ? kf_value_to_u64(mask) : 0;
	int plen;

	switch (f->fmt) {
	case KF_FMT_MAC:
	case KF_FMT_IPV4:
	case KF_FMT_IPV6:
		format_addr(sb, f, v);
		if (exact)
			return;
		sb_putc(sb, '/');
		plen = f->fmt == KF_FMT_MAC ? -1 : addr_plen(mask, f->n_bits);
		if (plen >= 0)
			sb_printf(sb, "%d", plen);
		else
			format_addr(sb, f, mask);
		return;
	case KF_FMT_PORT:
		kf_ofp_format_port(sb, x);
		return;
	case KF_FMT_FRAG:
		format_frag(sb, x, exact ? 0xff : m);
		return;
	case KF_FMT_TCP_FLAGS:
	case KF_FMT_TUN_FLAGS:
		kf_flags_format(sb, f, x, exact ? (1ULL << f->n_bits) - 1 : m);
		return;
	case KF_FMT_DEC:
		if (exact) {
			sb_printf(sb, "%llu", x);
			return;
		}
		/* fall through */
	case KF_FMT_HEX:
		/* printf's %#llx: 0 prints as "0", as in ovs-ofctl */
		sb_printf(sb, "%#llx", x);
		if (!exact)
			sb_printf(sb, "/%#llx", m);
		return;
	}
}
