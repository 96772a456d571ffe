// SPDX-License-Identifier: GPL-2.0
/*
 * odp_scan.c - lexical helpers of the flow syntax: numbers, addresses,
 * error messages.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "odp_priv.h"
#include "vec.h"

int odp_error(struct odp_parser *p, const char *fmt, ...)
{
	va_list ap;

	if (p->err && !p->err[0]) {
		va_start(ap, fmt);
		vsnprintf(p->err, ODP_ERR_LEN, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

size_t odp_token_len(const char *s)
{
	return strcspn(s, ",)/");
}

int odp_field_error(struct odp_parser *p, const char *attr, const char *field,
		    const char *val, const char *reason)
{
	int n = (int)odp_token_len(val);

	if (n > 64)
		n = 64;
	if (field)
		return odp_error(p, "%s(%s=%.*s): %s", attr, field, n, val,
				 reason);
	return odp_error(p, "%s(%.*s): %s", attr, n, val, reason);
}

bool odp_skip(const char **s, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*s, lit, n))
		return false;
	*s += n;
	return true;
}

size_t odp_ftype_size(enum odp_ftype t)
{
	switch (t) {
	case FT_U8D:
	case FT_U8X:
	case FT_FRAG:
		return 1;
	case FT_BE16D:
	case FT_BE16X:
		return 2;
	case FT_LABEL:
	case FT_IPV4:
		return 4;
	case FT_MAC:
		return 6;
	case FT_BE64X:
		return 8;
	case FT_IPV6:
		return 16;
	}
	return 0;
}

/* Unsigned integer in C syntax (decimal, 0x hex, 0 octal) like %i. */
int odp_scan_uint(const char **s, uint64_t max, uint64_t *v, const char **why)
{
	static char msg[64];
	unsigned long long x;
	char *end;

	if (!isdigit((unsigned char)**s)) {
		*why = "expected a number";
		return -EINVAL;
	}
	errno = 0;
	x = strtoull(*s, &end, 0);
	if (errno == ERANGE || x > max) {
		snprintf(msg, sizeof(msg), "value out of range (max %llu)",
			 (unsigned long long)max);
		*why = msg;
		return -EINVAL;
	}
	*s = end;
	*v = x;
	return 0;
}

static int scan_mac(const char **s, uint8_t *mac, const char **why)
{
	const char *p = *s;
	int i;

	for (i = 0; i < 6; i++) {
		unsigned int b = 0;
		int digits = 0;

		while (isxdigit((unsigned char)*p) && digits < 2) {
			b = b * 16 + (unsigned int)(isdigit((unsigned char)*p) ?
				*p - '0' : (tolower((unsigned char)*p) - 'a' + 10));
			p++;
			digits++;
		}
		if (!digits || (i < 5 && *p != ':') ||
		    (i == 5 && isxdigit((unsigned char)*p))) {
			*why = "invalid Ethernet address";
			return -EINVAL;
		}
		mac[i] = (uint8_t)b;
		if (i < 5)
			p++;
	}
	*s = p;
	return 0;
}

static int scan_addr(const char **s, int af, void *dst, const char *chars,
		     const char **why)
{
	char buf[INET6_ADDRSTRLEN + 1];
	size_t n = odp_token_len(*s);

	if (!n || n >= sizeof(buf) || strspn(*s, chars) != n)
		goto bad;
	memcpy(buf, *s, n);
	buf[n] = '\0';
	if (inet_pton(af, buf, dst) != 1)
		goto bad;
	*s += n;
	return 0;
bad:
	*why = af == AF_INET ? "invalid IPv4 address" : "invalid IPv6 address";
	return -EINVAL;
}

static int scan_frag(const char **s, uint8_t *v, const char **why)
{
	static const char *const names[] = { "no", "first", "later" };
	size_t n = strspn(*s, "abcdefghijklmnopqrstuvwxyz");
	uint8_t i;

	for (i = 0; i < 3; i++) {
		if (n == strlen(names[i]) && !strncmp(*s, names[i], n)) {
			*v = i;
			*s += n;
			return 0;
		}
	}
	*why = "invalid fragment type (expected no, first or later)";
	return -EINVAL;
}

static int scan_be(const char **s, void *dst, size_t size, uint64_t max,
		   const char **why)
{
	uint64_t v;
	size_t i;
	uint8_t *p = dst;

	if (odp_scan_uint(s, max, &v, why))
		return -EINVAL;
	for (i = 0; i < size; i++)
		p[size - 1 - i] = (uint8_t)(v >> (8 * i));
	return 0;
}

int odp_scan_field(const char **s, enum odp_ftype t, void *dst,
		   const char **why)
{
	switch (t) {
	case FT_U8D:
	case FT_U8X:
		return scan_be(s, dst, 1, UINT8_MAX, why);
	case FT_BE16D:
	case FT_BE16X:
		return scan_be(s, dst, 2, UINT16_MAX, why);
	case FT_LABEL:
		return scan_be(s, dst, 4, 0xfffff, why);
	case FT_BE64X:
		return scan_be(s, dst, 8, UINT64_MAX, why);
	case FT_IPV4:
		return scan_addr(s, AF_INET, dst, "0123456789.", why);
	case FT_IPV6:
		return scan_addr(s, AF_INET6, dst,
				 "0123456789abcdefABCDEF:.", why);
	case FT_MAC:
		return scan_mac(s, dst, why);
	case FT_FRAG:
		return scan_frag(s, dst, why);
	}
	*why = "unsupported field type";
	return -EINVAL;
}

int odp_scan_field_masked(struct odp_parser *p, const char *attr,
			  const struct odp_field *f, const char **s,
			  uint8_t *key, uint8_t *mask, bool maskable)
{
	size_t size = odp_ftype_size(f->type);
	const char *why, *val = *s;

	if (odp_scan_field(s, f->type, key + f->offset, &why))
		return odp_field_error(p, attr, f->name, val, why);
	if (**s == '/') {
		if (!maskable || f->type == FT_FRAG || !mask)
			return odp_field_error(p, attr, f->name, val,
					       "field cannot be masked");
		(*s)++;
		val = *s;
		if (odp_scan_field(s, f->type, mask + f->offset, &why))
			return odp_field_error(p, attr, f->name, val, why);
	} else if (mask) {
		memset(mask + f->offset, 0xff, size);
		if (f->type == FT_LABEL)
			memcpy(mask + f->offset, "\x00\x0f\xff\xff", 4);
	}
	if (**s != ',' && **s != ')')
		return odp_field_error(p, attr, f->name, val,
				       "unexpected characters after value");
	return 0;
}

/* ---- port maps ---- */

void odp_portmap_add(struct odp_portmap *map, uint32_t port_no,
		     const char *name)
{
	struct odp_port *np;

	if (map->n == map->cap) {
		np = kf_vec_grow(map->ports, &map->cap, sizeof(*np), 16);
		if (!np)
			abort();
		map->ports = np;
	}
	map->ports[map->n].port_no = port_no;
	snprintf(map->ports[map->n].name, IFNAMSIZ, "%s", name);
	map->n++;
}

void odp_portmap_free(struct odp_portmap *map)
{
	free(map->ports);
	map->ports = NULL;
	map->n = map->cap = 0;
}

const char *odp_portmap_name(const struct odp_portmap *map, uint32_t port_no)
{
	size_t i;

	for (i = 0; map && i < map->n; i++)
		if (map->ports[i].port_no == port_no)
			return map->ports[i].name;
	return NULL;
}

bool odp_portmap_number(const struct odp_portmap *map, const char *name,
			size_t len, uint32_t *port_no)
{
	size_t i;

	for (i = 0; map && i < map->n; i++) {
		if (strlen(map->ports[i].name) == len &&
		    !strncmp(map->ports[i].name, name, len)) {
			*port_no = map->ports[i].port_no;
			return true;
		}
	}
	return false;
}
