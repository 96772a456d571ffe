// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_parse.c - one ovs-ofctl flow: table/priority/cookie/timeouts/flags,
 * dump-flows statistics, the match, and actions=...
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "ofp_priv.h"

#define DELIMS ", \t\r\n"

static const char *const flag_names[] = {
	"send_flow_rem", "check_overlap", "reset_counts", "no_packet_counts",
	"no_byte_counts",
};

void kf_ofp_flow_init(struct kf_ofp_flow *fl)
{
	memset(fl, 0, sizeof(*fl));
	fl->priority = KF_DEFAULT_PRIORITY;
	fl->stats.idle_age = -1;
	fl->stats.hard_age = -1;
}

void kf_ofp_flow_free(struct kf_ofp_flow *fl)
{
	kf_actions_free(&fl->actions);
}

static bool key_is(const char *key, size_t klen, const char *name)
{
	return strlen(name) == klen && !strncmp(key, name, klen);
}

static int parse_uint(const char *key, size_t klen, const char *val,
		      size_t vlen, uint64_t max, uint64_t *v, char *err)
{
	if (kf_scan_u64(val, vlen, v))
		return kf_err(err, "%.*s=%.*s: invalid number", (int)klen, key,
			      (int)vlen, val);
	if (*v > max)
		return kf_err(err, "%.*s=%.*s: must be at most %llu",
			      (int)klen, key, (int)vlen, val,
			      (unsigned long long)max);
	return 0;
}

/* "260870.502s": seconds with up to 9 decimals, kept in milliseconds. */
static int parse_duration(const char *val, size_t vlen, uint64_t *ms,
			  char *err)
{
	uint64_t sec = 0, frac = 0;
	size_t i = 0, digits = 0;
	int scale = 0;

	if (vlen && val[vlen - 1] == 's')
		vlen--;
	for (; i < vlen && val[i] >= '0' && val[i] <= '9' && i < 15; i++)
		sec = sec * 10 + (val[i] - '0');
	if (i < vlen && val[i] == '.' && i > 0)
		for (i++; i < vlen && val[i] >= '0' && val[i] <= '9'; i++) {
			if (++digits <= 3) {
				frac = frac * 10 + (val[i] - '0');
				scale++;
			}
		}
	if (!vlen || i != vlen || digits > 9)
		return kf_err(err, "duration=%.*s: invalid duration (seconds "
			      "like 1.234s)", (int)vlen, val);
	while (scale++ < 3)
		frac *= 10;
	*ms = sec * 1000 + frac;
	return 0;
}

static int parse_cookie(struct kf_ofp_flow *fl, const char *val, size_t vlen,
			char *err)
{
	const char *slash = memchr(val, '/', vlen);
	size_t n = slash ? (size_t)(slash - val) : vlen;

	if (kf_scan_u64(val, n, &fl->cookie) ||
	    (slash && kf_scan_u64(slash + 1, vlen - n - 1, &fl->cookie_mask)))
		return kf_err(err, "cookie=%.*s: invalid number", (int)vlen,
			      val);
	return 0;
}

static int parse_stat(struct kf_ofp_flow *fl, const char *key, size_t klen,
		      const char *val, size_t vlen, char *err)
{
	uint64_t v;
	int r;

	fl->stats.present = true;
	if (key_is(key, klen, "duration"))
		return parse_duration(val, vlen, &fl->stats.duration_ms, err);
	r = parse_uint(key, klen, val, vlen, INT64_MAX, &v, err);
	if (r)
		return r;
	if (key_is(key, klen, "n_packets"))
		fl->stats.n_packets = v;
	else if (key_is(key, klen, "n_bytes"))
		fl->stats.n_bytes = v;
	else if (key_is(key, klen, "idle_age"))
		fl->stats.idle_age = v;
	else
		fl->stats.hard_age = v;
	return 0;
}

/* Keys that are not match fields; 1 if @key is not one of them. */
static int parse_key(struct kf_ofp_flow *fl, const char *key, size_t klen,
		     const char *val, size_t vlen, bool has_val, char *err)
{
	static const char *const stats[] = { "duration", "n_packets",
		"n_bytes", "idle_age", "hard_age" };
	uint64_t v;
	size_t i;
	int r;

	for (i = 0; !has_val && i < sizeof(flag_names) / sizeof(*flag_names);
	     i++) {
		if (key_is(key, klen, flag_names[i])) {
			fl->flags |= 1 << i;
			return 0;
		}
	}
	if (!has_val)
		return 1;
	for (i = 0; i < sizeof(stats) / sizeof(stats[0]); i++)
		if (key_is(key, klen, stats[i]))
			return parse_stat(fl, key, klen, val, vlen, err);
	if (key_is(key, klen, "cookie"))
		return parse_cookie(fl, val, vlen, err);
	if (key_is(key, klen, "table")) {
		r = parse_uint(key, klen, val, vlen, 254, &v, err);
		fl->table_id = v;
	} else if (key_is(key, klen, "priority")) {
		r = parse_uint(key, klen, val, vlen, 65535, &v, err);
		fl->priority = v;
	} else if (key_is(key, klen, "idle_timeout")) {
		r = parse_uint(key, klen, val, vlen, 65535, &v, err);
		fl->idle_timeout = v;
	} else if (key_is(key, klen, "hard_timeout")) {
		r = parse_uint(key, klen, val, vlen, 65535, &v, err);
		fl->hard_timeout = v;
	} else if (key_is(key, klen, "importance")) {
		r = parse_uint(key, klen, val, vlen, 65535, &v, err);
		fl->importance = v;
	} else {
		return 1;
	}
	return r;
}

static int parse_fields(struct kf_ofp_flow *fl, const char *s,
			const char *end, char *err)
{
	uint8_t seen[KF_N_FIELDS] = { 0 };

	for (;;) {
		const char *key, *eq;
		size_t len;
		int r;

		while (s < end && strchr(DELIMS, *s))
			s++;
		if (s >= end)
			break;
		key = s;
		len = strcspn(s, DELIMS);
		if (key + len > end)
			len = end - key;
		s += len;
		eq = memchr(key, '=', len);
		if (eq)
			r = parse_key(fl, key, eq - key, eq + 1,
				      len - (eq - key) - 1, true, err);
		else
			r = parse_key(fl, key, len, NULL, 0, false, err);
		if (r == 1 && eq)
			r = kf_match_parse_token(&fl->match, key, eq - key,
						 eq + 1, len - (eq - key) - 1,
						 true, seen, err);
		else if (r == 1)
			r = kf_match_parse_token(&fl->match, key, len, NULL, 0,
						 false, seen, err);
		if (r)
			return r;
	}
	return kf_match_parse_finish(&fl->match, seen, err);
}

int kf_ofp_parse_flow(const char *s, bool need_actions,
		      struct kf_ofp_flow *fl, char err[KF_ERR_LEN])
{
	const char *act = strstr(s, "actions=");
	int r;

	kf_ofp_flow_init(fl);
	if (err)
		err[0] = '\0';
	r = parse_fields(fl, s, act ? act : s + strlen(s), err);
	if (r)
		return r;
	if (!act) {
		if (need_actions)
			return kf_err(err, "must specify an action "
				      "(actions=...)");
		return 0;
	}
	fl->has_actions = true;
	r = kf_ofp_parse_actions(act + strlen("actions="), &fl->actions, err);
	if (r)
		kf_actions_free(&fl->actions);
	return r;
}

bool kf_ofp_flow_equal(const struct kf_ofp_flow *a,
		       const struct kf_ofp_flow *b)
{
	return a->cookie == b->cookie && a->cookie_mask == b->cookie_mask &&
	       a->table_id == b->table_id && a->priority == b->priority &&
	       a->idle_timeout == b->idle_timeout &&
	       a->hard_timeout == b->hard_timeout &&
	       a->importance == b->importance && a->flags == b->flags &&
	       kf_match_equal(&a->match, &b->match) &&
	       a->has_actions == b->has_actions &&
	       kf_actions_equal(&a->actions, &b->actions) &&
	       !memcmp(&a->stats, &b->stats, sizeof(a->stats));
}
