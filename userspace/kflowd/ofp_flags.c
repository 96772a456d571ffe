// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_flags.c - tcp_flags and tun_flags: "+syn-ack" (masked), "syn|ack"
 * (exact) or numbers.
 */
#include <string.h>
#include "ofp_priv.h"

static const char *const tcp_names[] = {
	"fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr", "ns",
};
static const char *const tun_names[] = { "oam" };

static const char *const *names_of(const struct kf_field *f, unsigned int *n)
{
	if (f->fmt == KF_FMT_TUN_FLAGS) {
		*n = 1;
		return tun_names;
	}
	*n = sizeof(tcp_names) / sizeof(tcp_names[0]);
	return tcp_names;
}

static int flag_bit(const struct kf_field *f, const char *s, size_t len)
{
	unsigned int i, n;
	const char *const *names = names_of(f, &n);

	for (i = 0; i < n; i++)
		if (strlen(names[i]) == len && !strncmp(names[i], s, len))
			return i;
	return -1;
}

/* "+syn-ack": the named bits are matched, set or clear. */
static int parse_signed(const struct kf_field *f, const char *name,
			const char *s,
			uint64_t *v, uint64_t *m, char *err)
{
	const char *p = s;

	*v = *m = 0;
	while (*p) {
		bool set = *p == '+';
		size_t len;
		int bit;

		if (*p != '+' && *p != '-')
			return kf_err(err, "%s=%s: expected + or - before "
				      "a flag name", name, s);
		p++;
		len = strcspn(p, "+-");
		bit = flag_bit(f, p, len);
		if (bit < 0)
			return kf_err(err, "%s=%s: unknown flag \"%.*s\"",
				      name, s, (int)len, p);
		*m |= 1ULL << bit;
		if (set)
			*v |= 1ULL << bit;
		p += len;
	}
	return 0;
}

/* "[200]": bits without a name, in hex. */
static int unbracket(const char *s, size_t len, uint64_t *x)
{
	char buf[20];

	if (len > 16)
		return -1;
	buf[0] = '0';
	buf[1] = 'x';
	memcpy(buf + 2, s, len);
	return kf_scan_u64(buf, len + 2, x);
}

/* "syn|ack": exactly these bits set. */
static int parse_names(const struct kf_field *f, const char *name,
		       const char *s,
		       uint64_t *v, char *err)
{
	const char *p = s;

	*v = 0;
	for (;;) {
		size_t len = strcspn(p, "|");
		int bit = flag_bit(f, p, len);
		uint64_t x;

		if (bit >= 0)
			*v |= 1ULL << bit;
		else if (len > 2 && p[0] == '[' && p[len - 1] == ']' &&
			 !unbracket(p + 1, len - 2, &x))
			*v |= x;
		else
			return kf_err(err, "%s=%s: unknown flag \"%.*s\"",
				      name, s, (int)len, p);
		if (!p[len])
			return 0;
		p += len + 1;
	}
}

int kf_flags_parse(const struct kf_field *f, const char *name, const char *s,
		   struct kf_value *v, struct kf_value *mask, char *err)
{
	uint64_t x, m = (1ULL << f->n_bits) - 1;
	const char *slash = strchr(s, '/');
	int r;

	if (*s == '+' || *s == '-') {
		r = parse_signed(f, name, s, &x, &m, err);
	} else if (*s >= '0' && *s <= '9') {
		r = kf_scan_u64(s, slash ? (size_t)(slash - s) : strlen(s), &x);
		if (!r && slash)
			r = kf_scan_u64(slash + 1, strlen(slash + 1), &m);
		if (r || x >> f->n_bits || m >> f->n_bits)
			return kf_err(err, "%s=%s: invalid flags value (a "
				      "%u-bit number or +flag-flag)", name,
				      s, f->n_bits);
	} else {
		r = parse_names(f, name, s, &x, err);
	}
	if (r)
		return r;
	kf_value_from_u64(v, x & m);
	kf_value_from_u64(mask, m);
	return 0;
}

void kf_flags_format(struct strbuf *sb, const struct kf_field *f,
		     uint64_t v, uint64_t mask)
{
	unsigned int i, n;
	const char *const *names = names_of(f, &n);
	uint64_t named = (1ULL << n) - 1, all = (1ULL << f->n_bits) - 1;
	bool first = true;

	if (mask == all && f->fmt == KF_FMT_TCP_FLAGS) {
		for (i = 0; i < n; i++)
			if (v & (1ULL << i)) {
				sb_printf(sb, "%s%s", first ? "" : "|",
					  names[i]);
				first = false;
			}
		if (v & ~named)
			sb_printf(sb, "%s[%llx]", first ? "" : "|",
				  (unsigned long long)(v & ~named));
		else if (first)
			sb_puts(sb, "0");
		return;
	}
	if (mask & ~named) {
		sb_printf(sb, "0x%03llx/0x%03llx", (unsigned long long)v,
			  (unsigned long long)mask);
		return;
	}
	for (i = 0; i < n; i++)
		if (mask & (1ULL << i))
			sb_printf(sb, "%c%s", v & (1ULL << i) ? '+' : '-',
				  names[i]);
}
