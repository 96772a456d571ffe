// SPDX-License-Identifier: GPL-2.0
/*
 * odp_ufid.c - unique flow identifiers and flow statistics text.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include "dpif.h"
#include "odp.h"

int odp_ufid_from_string(const char *s, struct kf_ufid *ufid)
{
	static const int groups[] = { 8, 4, 4, 4, 12 };
	uint8_t nib[32];
	const char *p;
	int g, i, n = 0;

	if (strncmp(s, "ufid:", 5))
		return 0;
	p = s + 5;
	for (g = 0; g < 5; g++) {
		for (i = 0; i < groups[g]; i++, p++) {
			if (!isxdigit((unsigned char)*p))
				return -EINVAL;
			nib[n++] = (uint8_t)(isdigit((unsigned char)*p) ?
				*p - '0' : (tolower((unsigned char)*p) - 'a' + 10));
		}
		if (g < 4 && *p++ != '-')
			return -EINVAL;
	}
	if (isxdigit((unsigned char)*p))
		return -EINVAL;
	for (i = 0; i < 4; i++) {
		uint32_t v = 0;
		int j;

		for (j = 0; j < 8; j++)
			v = (v << 4) | nib[i * 8 + j];
		ufid->u32[i] = v;
	}
	return (int)(p - s);
}

void odp_ufid_format(struct strbuf *sb, const struct kf_ufid *u)
{
	sb_printf(sb, "ufid:%08x-%04x-%04x-%04x-%04x%08x", u->u32[0],
		  u->u32[1] >> 16, u->u32[1] & 0xffff, u->u32[2] >> 16,
		  u->u32[2] & 0xffff, u->u32[3]);
}

int odp_ufid_generate(struct kf_ufid *ufid)
{
	if (getrandom(ufid, sizeof(*ufid), 0) != (ssize_t)sizeof(*ufid))
		return -errno;
	return 0;
}

void odp_tcp_flags_format_short(struct strbuf *sb, uint16_t f)
{
	static const struct { uint16_t bit; const char *s; } names[] = {
		{ 0x002, "S" }, { 0x001, "F" }, { 0x008, "P" }, { 0x004, "R" },
		{ 0x020, "U" }, { 0x010, "." }, { 0x040, "E" }, { 0x080, "C" },
		{ 0x100, "N" }, { 0x200, "[200]" }, { 0x400, "[400]" },
		{ 0x800, "[800]" },
	};
	size_t i;

	if (!f) {
		sb_puts(sb, "none");
		return;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (f & names[i].bit)
			sb_puts(sb, names[i].s);
}

void odp_stats_format(struct strbuf *sb, uint64_t packets, uint64_t bytes,
		      uint64_t used_ms, uint8_t tcp_flags, uint64_t now_ms)
{
	sb_printf(sb, "packets:%llu, bytes:%llu, used:",
		  (unsigned long long)packets, (unsigned long long)bytes);
	if (used_ms)
		sb_printf(sb, "%.3fs", ((double)now_ms - (double)used_ms) / 1000.0);
	else
		sb_puts(sb, "never");
	if (tcp_flags) {
		sb_puts(sb, ", flags:");
		odp_tcp_flags_format_short(sb, tcp_flags);
	}
}
