// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_parse_field_actions.c - actions that write fields: set_field, load,
 * move, mod_*, set_tunnel/set_tunnel64; subfields NAME[a..b].
 */
#include <string.h>
#include "ofp_parse_actions.h"

/* NAME, NAME[], NAME[a] or NAME[a..b] */
static int parse_subfield(const char *s, size_t len, struct kf_subfield *sf,
			  char *err)
{
	const char *br = memchr(s, '[', len);
	size_t nlen = br ? (size_t)(br - s) : len;
	unsigned int a, b;
	char buf[KF_TOKEN_MAX];
	int end = -1;

	memset(sf, 0, sizeof(*sf));	/* padding too: actions compare bytes */
	sf->field = kf_field_by_name(s, nlen);
	if (!sf->field)
		return kf_err(err, "%.*s: unknown field %.*s", (int)len, s,
			      (int)nlen, s);
	a = 0;
	b = sf->field->n_bits - 1;
	if (br && !(len - nlen == 2 && br[1] == ']')) {
		if (!kf_token(buf, br, len - nlen))
			return kf_err(err, "%.*s: too long", (int)len, s);
		/* %n is only set when the closing ']' matched too. */
		if (sscanf(buf, "[%u..%u]%n", &a, &b, &end) == 2 &&
		    end > 0 && !buf[end])
			;
		else if (end = -1, sscanf(buf, "[%u]%n", &a, &end) == 1 &&
			 end > 0 && !buf[end])
			b = a;
		else
			return kf_err(err, "%.*s: bad bit range (use [], "
				      "[bit] or [start..end])", (int)len, s);
	}
	if (a > b || b >= sf->field->n_bits)
		return kf_err(err, "%.*s: bits %u..%u out of range (%s has "
			      "%u bits)", (int)len, s, a, b, sf->field->name,
			      sf->field->n_bits);
	sf->ofs = a;
	sf->n_bits = b - a + 1;
	return 0;
}

static const char *find_arrow(const char *arg, size_t alen)
{
	size_t i;

	for (i = 0; i + 1 < alen; i++)
		if (arg[i] == '-' && arg[i + 1] == '>')
			return arg + i;
	return NULL;
}

static int writable(const struct kf_field *f, const char *what, char *err)
{
	if (f->writable)
		return 0;
	return kf_err(err, "%s: field %s is read-only", what, f->name);
}

/* set_field:VALUE[/MASK]->FIELD */
static int parse_set_field(struct kf_actions *acts, const char *arg,
			   size_t alen, char *err)
{
	const char *arrow = find_arrow(arg, alen);
	const struct kf_field *f;
	struct kf_action *a;
	struct kf_value v, m;
	int r;

	if (!arrow)
		return kf_err(err, "set_field:%.*s: expected VALUE->FIELD",
			      (int)alen, arg);
	f = kf_field_by_name(arrow + 2, arg + alen - arrow - 2);
	if (!f)
		return kf_err(err, "set_field:%.*s: unknown field %.*s",
			      (int)alen, arg, (int)(arg + alen - arrow - 2),
			      arrow + 2);
	r = writable(f, "set_field", err);
	if (!r)
		r = kf_value_parse(f, arg, arrow - arg, &v, &m, err);
	if (r)
		return r;
	a = kf_actions_push(acts, KF_ACT_SET_FIELD);
	if (!a)
		return kf_err(err, "out of memory");
	a->set_field.field = f;
	a->set_field.value = v;
	a->set_field.mask = m;
	return 0;
}

/* load:VALUE->DST[a..b] */
static int parse_load(struct kf_actions *acts, const char *arg, size_t alen,
		      char *err)
{
	const char *arrow = find_arrow(arg, alen);
	struct kf_subfield dst;
	struct kf_action *a;
	uint64_t v;
	int r;

	if (!arrow)
		return kf_err(err, "load:%.*s: expected VALUE->FIELD[bits]",
			      (int)alen, arg);
	r = parse_subfield(arrow + 2, arg + alen - arrow - 2, &dst, err);
	if (!r)
		r = writable(dst.field, "load", err);
	if (r)
		return r;
	if (kf_scan_u64(arg, arrow - arg, &v))
		return kf_err(err, "load:%.*s: invalid value %.*s", (int)alen,
			      arg, (int)(arrow - arg), arg);
	if (dst.n_bits < 64 && v >> dst.n_bits)
		return kf_err(err, "load:%.*s: value does not fit in %u bits",
			      (int)alen, arg, dst.n_bits);
	a = kf_actions_push(acts, KF_ACT_LOAD);
	if (!a)
		return kf_err(err, "out of memory");
	a->load.dst = dst;
	kf_value_from_u64(&a->load.value, v);
	return 0;
}

/* move:SRC[a..b]->DST[c..d] */
static int parse_move(struct kf_actions *acts, const char *arg, size_t alen,
		      char *err)
{
	const char *arrow = find_arrow(arg, alen);
	struct kf_subfield src, dst;
	struct kf_action *a;
	int r;

	if (!arrow)
		return kf_err(err, "move:%.*s: expected SRC->DST", (int)alen,
			      arg);
	r = parse_subfield(arg, arrow - arg, &src, err);
	if (!r)
		r = parse_subfield(arrow + 2, arg + alen - arrow - 2, &dst, err);
	if (!r)
		r = writable(dst.field, "move", err);
	if (r)
		return r;
	if (src.n_bits != dst.n_bits)
		return kf_err(err, "move:%.*s: source has %u bits, destination "
			      "%u", (int)alen, arg, src.n_bits, dst.n_bits);
	a = kf_actions_push(acts, KF_ACT_MOVE);
	if (!a)
		return kf_err(err, "out of memory");
	a->move.src = src;
	a->move.dst = dst;
	return 0;
}

/* mod_xxx:VALUE, set_tunnel[64]:VALUE */
static int parse_mod(struct kf_actions *acts, const struct kf_field *f,
		     enum kf_sf_style style, const char *name, size_t nlen,
		     const char *arg, size_t alen, char *err)
{
	struct kf_action *a;
	struct kf_value v, m;
	int r;

	r = kf_value_parse(f, arg, alen, &v, &m, err);
	if (r)
		return r;
	if (!kf_value_is_exact(&m, f))
		return kf_err(err, "%.*s:%.*s: no mask allowed", (int)nlen,
			      name, (int)alen, arg);
	if (style == KF_SF_SET_TUNNEL && kf_value_to_u64(&v) >> 32)
		return kf_err(err, "set_tunnel:%.*s: more than 32 bits, use "
			      "set_tunnel64", (int)alen, arg);
	a = kf_actions_push(acts, KF_ACT_SET_FIELD);
	if (!a)
		return kf_err(err, "out of memory");
	a->set_field.field = f;
	a->set_field.value = v;
	a->set_field.mask = m;
	a->set_field.style = style;
	return 0;
}

int kf_action_parse_field(struct kf_actions *acts, const char *name,
			  size_t nlen, const char *arg, size_t alen, char *err)
{
	const struct kf_field *f = kf_mod_field(name, nlen);

#define IS(s) (strlen(s) == nlen && !strncmp(name, s, nlen))
	if (f)
		return parse_mod(acts, f, KF_SF_MOD, name, nlen, arg, alen,
				 err);
	if (IS("set_tunnel") || IS("set_tunnel64"))
		return parse_mod(acts, kf_field(KF_F_TUN_ID), nlen == 10 ?
				 KF_SF_SET_TUNNEL : KF_SF_SET_TUNNEL64, name,
				 nlen, arg, alen, err);
	if (IS("set_field"))
		return parse_set_field(acts, arg, alen, err);
	if (IS("load"))
		return parse_load(acts, arg, alen, err);
	if (IS("move"))
		return parse_move(acts, arg, alen, err);
	return 1;
#undef IS
}
