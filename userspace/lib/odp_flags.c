// SPDX-License-Identifier: GPL-2.0
/*
 * odp_flags.c - named bit flags: "syn|ack" (exact) and "+syn-ack"
 * (masked), as used by tcp_flags(), tunnel flags() and ct_state().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "odp_priv.h"

const char *odp_tcp_flag_name(uint32_t bit)
{
	switch (bit) {
	case 0x001:
		return "fin";
	case 0x002:
		return "syn";
	case 0x004:
		return "rst";
	case 0x008:
		return "psh";
	case 0x010:
		return "ack";
	case 0x020:
		return "urg";
	case 0x040:
		return "ece";
	case 0x080:
		return "cwr";
	case 0x100:
		return "ns";
	case 0x200:
		return "[200]";
	case 0x400:
		return "[400]";
	case 0x800:
		return "[800]";
	}
	return NULL;
}

const char *odp_tun_flag_name(uint32_t bit)
{
	switch (bit) {
	case ODP_TNL_F_OAM:
		return "oam";
	case ODP_TNL_F_DF:
		return "df";
	case ODP_TNL_F_CSUM:
		return "csum";
	case ODP_TNL_F_KEY:
		return "key";
	}
	return NULL;
}

const char *odp_ct_state_name(uint32_t bit)
{
	switch (bit) {
	case OVS_CS_F_NEW:
		return "new";
	case OVS_CS_F_ESTABLISHED:
		return "est";
	case OVS_CS_F_RELATED:
		return "rel";
	case OVS_CS_F_REPLY_DIR:
		return "rpl";
	case OVS_CS_F_INVALID:
		return "inv";
	case OVS_CS_F_TRACKED:
		return "trk";
	case OVS_CS_F_SRC_NAT:
		return "snat";
	case OVS_CS_F_DST_NAT:
		return "dnat";
	}
	return NULL;
}

void odp_format_flags(struct strbuf *sb, odp_flag_name_fn name,
		      uint32_t flags, char sep)
{
	uint32_t bad = 0;

	if (!flags) {
		sb_putc(sb, '0');
		return;
	}
	while (flags) {
		uint32_t bit = flags & -flags;
		const char *s = name(bit);

		if (s)
			sb_printf(sb, "%s%c", s, sep);
		else
			bad |= bit;
		flags &= ~bit;
	}
	if (bad)
		sb_printf(sb, "0x%x%c", bad, sep);
	sb_chomp(sb, sep);
}

void odp_format_flags_masked(struct strbuf *sb, odp_flag_name_fn name,
			     uint32_t flags, uint32_t mask, uint32_t max)
{
	if (mask == max) {
		odp_format_flags(sb, name, flags, '|');
		return;
	}
	if (!mask) {
		sb_puts(sb, "0/0");
		return;
	}
	while (mask) {
		uint32_t bit = mask & -mask;
		const char *s = name(bit);

		sb_printf(sb, "%c%s", (flags & bit) ? '+' : '-',
			  s ? s : "[Unknown]");
		mask &= ~bit;
	}
}

/* Index of the named flag at @s followed by one of @follow, or 0. */
static uint32_t match_flag(const char *s, odp_flag_name_fn name,
			   const char *follow, size_t *len)
{
	uint32_t bit;

	for (bit = 1; bit; bit <<= 1) {
		const char *n = name(bit);
		size_t l;

		if (!n)
			continue;
		l = strlen(n);
		if (!strncmp(s, n, l) && s[l] && strchr(follow, s[l])) {
			*len = l;
			return bit;
		}
	}
	return 0;
}

static int scan_flags_masked(const char *s, odp_flag_name_fn name, char end,
			     uint32_t allowed, uint32_t *flags,
			     uint32_t *mask, const char **why)
{
	char follow[4] = { '+', '-', end, '\0' };
	const char *p = s;
	uint32_t f = 0, m = 0;

	while (*p != end) {
		bool set = *p == '+';
		uint32_t bit;
		size_t len;

		if (*p != '+' && *p != '-') {
			*why = "flags must be preceded by '+' (set) or '-' (not set)";
			return -EINVAL;
		}
		p++;
		bit = match_flag(p, name, follow, &len);
		if (!bit || !(bit & allowed)) {
			*why = "unknown flag";
			return -EINVAL;
		}
		if (m & bit) {
			*why = "flag given twice";
			return -EINVAL;
		}
		m |= bit;
		if (set)
			f |= bit;
		p += len;
	}
	*flags = f;
	*mask = m;
	return (int)(p - s);
}

int odp_scan_flags(const char *s, odp_flag_name_fn name, char end,
		   uint32_t allowed, uint32_t *flags, uint32_t *mask,
		   const char **why)
{
	char follow[3] = { '|', end, '\0' };
	unsigned long v, m;
	const char *p = s;
	uint32_t f = 0;
	char *e;

	/* Numeric "VALUE/MASK". */
	if (mask && *p >= '0' && *p <= '9' && strchr(p, '/') &&
	    (!strchr(p, end) || strchr(p, '/') < strchr(p, end))) {
		v = strtoul(p, &e, 0);
		if (*e == '/') {
			const char *ms = e + 1;

			m = strtoul(ms, &e, 0);
			/* Callers step over @end: it must be there. */
			if (e == ms || *e != end) {
				*why = "expected VALUE/MASK";
				return -EINVAL;
			}
			if ((v | m) & ~(unsigned long)allowed) {
				*why = "unknown flag bits";
				return -EINVAL;
			}
			*flags = (uint32_t)v;
			*mask = (uint32_t)m;
			return (int)(e - s);
		}
	}
	if (mask && (*p == '+' || *p == '-'))
		return scan_flags_masked(s, name, end, allowed, flags, mask,
					 why);
	while (*p != end) {
		uint32_t bit;
		size_t len;

		if (*p >= '0' && *p <= '9') {
			v = strtoul(p, &e, 0);
			if (v & ~(unsigned long)allowed) {
				*why = "unknown flag bits";
				return -EINVAL;
			}
			f |= (uint32_t)v;
			p = e;
		} else {
			bit = match_flag(p, name, follow, &len);
			if (!bit || !(bit & allowed)) {
				*why = "unknown flag";
				return -EINVAL;
			}
			f |= bit;
			p += len;
		}
		if (*p == '|')
			p++;
		else if (*p != end) {
			*why = "unknown flag";
			return -EINVAL;
		}
	}
	*flags = f;
	if (mask)
		*mask = UINT32_MAX;
	return (int)(p - s);
}
