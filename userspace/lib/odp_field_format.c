// SPDX-License-Identifier: GPL-2.0
/*
 * odp_field_format.c - formatting of one key field with its mask:
 * wildcarded fields are omitted unless verbose, partially masked ones
 * print as VALUE/MASK, exact ones as VALUE.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include "odp_priv.h"

static bool all_bytes(const uint8_t *p, size_t n, uint8_t v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

static uint64_t get_be(const uint8_t *p, size_t n)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = (v << 8) | p[i];
	return v;
}

static void put_mac(struct strbuf *sb, const uint8_t *m)
{
	sb_printf(sb, "%02x:%02x:%02x:%02x:%02x:%02x",
		  m[0], m[1], m[2], m[3], m[4], m[5]);
}

static void put_addr(struct strbuf *sb, int af, const uint8_t *a)
{
	char buf[INET6_ADDRSTRLEN];

	inet_ntop(af, a, buf, sizeof(buf));
	sb_puts(sb, buf);
}

static void put_value(struct strbuf *sb, enum odp_ftype t, const uint8_t *v,
		      bool is_mask)
{
	switch (t) {
	case FT_U8D:
	case FT_BE16D:
		sb_printf(sb, is_mask ? "%#llx" : "%llu",
			  (unsigned long long)get_be(v, odp_ftype_size(t)));
		break;
	case FT_U8X:
	case FT_BE16X:
	case FT_LABEL:
		sb_printf(sb, "%#llx",
			  (unsigned long long)get_be(v, odp_ftype_size(t)));
		break;
	case FT_BE64X:
		sb_printf(sb, is_mask ? "%#llx" : "0x%llx",
			  (unsigned long long)get_be(v, 8));
		break;
	case FT_IPV4:
		put_addr(sb, AF_INET, v);
		break;
	case FT_IPV6:
		put_addr(sb, AF_INET6, v);
		break;
	case FT_MAC:
		put_mac(sb, v);
		break;
	case FT_FRAG:
		sb_puts(sb, *v == OVS_FRAG_TYPE_NONE ? "no" :
			    *v == OVS_FRAG_TYPE_FIRST ? "first" :
			    *v == OVS_FRAG_TYPE_LATER ? "later" : "<error>");
		break;
	}
}

static bool mask_full(enum odp_ftype t, const uint8_t *m)
{
	if (t == FT_LABEL)
		return (get_be(m, 4) & 0xfffff) == 0xfffff;
	return all_bytes(m, odp_ftype_size(t), 0xff);
}

void odp_format_field(struct strbuf *sb, const struct odp_field *f,
		      const uint8_t *key, const uint8_t *mask, bool verbose)
{
	size_t size = odp_ftype_size(f->type);
	const uint8_t *k = key + f->offset;
	const uint8_t *m = mask ? mask + f->offset : NULL;
	bool empty = m && all_bytes(m, size, 0);

	if (f->type == FT_FRAG) {
		/* An enumeration: only exact matches are meaningful. */
		if (m && !empty && *m != 0xff)
			sb_printf(sb, "error: partial mask not supported for frag (%#x),",
				  *m);
		else if (!empty)
			sb_printf(sb, "%s=%s,", f->name,
				  *k == OVS_FRAG_TYPE_NONE ? "no" :
				  *k == OVS_FRAG_TYPE_FIRST ? "first" :
				  *k == OVS_FRAG_TYPE_LATER ? "later" :
				  "<error>");
		return;
	}
	if (!verbose && empty)
		return;
	sb_printf(sb, "%s=", f->name);
	put_value(sb, f->type, k, false);
	if (m && !mask_full(f->type, m)) {
		sb_putc(sb, '/');
		put_value(sb, f->type, m, true);
	}
	sb_putc(sb, ',');
}

void odp_format_struct(struct strbuf *sb, const struct odp_key_desc *d,
		       const uint8_t *key, const uint8_t *mask, bool verbose)
{
	unsigned int i;

	for (i = 0; i < d->n_fields; i++)
		odp_format_field(sb, &d->fields[i], key, mask, verbose);
	sb_chomp(sb, ',');
}

void odp_format_hex_bytes(struct strbuf *sb, const void *data, size_t len)
{
	const uint8_t *p = data;
	size_t i;

	for (i = 0; i < len; i++)
		sb_printf(sb, i ? " %02x" : "%02x", p[i]);
}
