// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_parse_actlist.c - an action list: split at top-level commas, bare
 * words (NORMAL, drop, dec_ttl, ...), dispatch NAME:ARG and NAME(ARG).
 */
#include <string.h>
#include <strings.h>
#include "ofp_parse_actions.h"

static bool word_is(const char *s, size_t len, const char *w)
{
	return strlen(w) == len && !strncasecmp(s, w, len);
}

/* Actions without an argument; 1 if @s is not one. */
static int parse_word(const char *s, size_t len, struct kf_actions *acts,
		      char *err)
{
	static const char *const ports[] = { "NORMAL", "FLOOD", "ALL",
		"IN_PORT", "LOCAL" };
	enum kf_act_type type;
	struct kf_action *a;
	uint16_t port = 0;
	size_t i;

	for (i = 0; i < sizeof(ports) / sizeof(ports[0]); i++)
		if (word_is(s, len, ports[i]))
			break;
	if (i < sizeof(ports) / sizeof(ports[0]) ||
	    (len && s[0] >= '0' && s[0] <= '9')) {
		if (kf_ofp_parse_port(s, len, &port))
			return kf_err(err, "%.*s: invalid port", (int)len, s);
		if (port == KF_PORT_NONE)
			return kf_err(err, "%.*s: NONE is not an output port",
				      (int)len, s);
		type = KF_ACT_OUTPUT;
	} else if (word_is(s, len, "controller")) {
		type = KF_ACT_CONTROLLER;
	} else if (word_is(s, len, "strip_vlan") ||
		   word_is(s, len, "pop_vlan")) {
		type = KF_ACT_POP_VLAN;
	} else if (word_is(s, len, "dec_ttl")) {
		type = KF_ACT_DEC_TTL;
	} else {
		return 1;
	}
	a = kf_actions_push(acts, type);
	if (!a)
		return kf_err(err, "out of memory");
	if (type == KF_ACT_OUTPUT)
		a->output.port = port;
	else if (type == KF_ACT_CONTROLLER)
		a->output.max_len = 65535;
	else if (type == KF_ACT_POP_VLAN)
		a->strip = word_is(s, len, "strip_vlan");
	return 0;
}

int kf_action_parse_one(const char *s, size_t len, struct kf_actions *acts,
			char *err)
{
	size_t nlen = strcspn(s, ":(");
	const char *arg;
	size_t alen;
	bool paren;
	int r;

	if (nlen >= len) {
		r = parse_word(s, len, acts, err);
		if (r == 1)
			return kf_err(err, "%.*s: unknown action", (int)len, s);
		return r;
	}
	paren = s[nlen] == '(';
	arg = s + nlen + 1;
	alen = len - nlen - 1;
	if (paren) {
		if (!alen || arg[alen - 1] != ')')
			return kf_err(err, "%.*s: missing )", (int)len, s);
		alen--;
	}
	r = kf_action_parse_simple(acts, s, nlen, arg, alen, paren, err);
	if (r == 1)
		r = kf_action_parse_field(acts, s, nlen, arg, alen, err);
	if (r == 1)
		return kf_err(err, "%.*s: unknown action %.*s", (int)len, s,
			      (int)nlen, s);
	return r;
}

/* Length of the next action: up to a comma outside parentheses. */
static size_t action_len(const char *s, char *err, bool *bad)
{
	int depth = 0;
	size_t i;

	for (i = 0; s[i]; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth < 0)
			break;
		else if (s[i] == ',' && !depth)
			return i;
	}
	*bad = depth != 0;
	if (*bad)
		kf_err(err, "%s: unbalanced parentheses", s);
	return i;
}

static __thread unsigned int depth;	/* of clone() being parsed */

static int parse_list(const char *s, struct kf_actions *acts,
		      char err[KF_ERR_LEN])
{
	bool drop = false, bad = false;
	size_t len;
	int r;

	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == ',')
			s++;
		if (!*s)
			break;
		len = action_len(s, err, &bad);
		if (bad)
			return -EINVAL;
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
			       s[len - 1] == '\n' || s[len - 1] == '\r'))
			len--;
		if (word_is(s, len, "drop"))
			drop = true;
		else if ((r = kf_action_parse_one(s, len, acts, err)))
			return r;
		s += len;
		if (*s == ')')
			return kf_err(err, "%s: unbalanced parentheses", s);
	}
	if (drop && acts->n)
		return kf_err(err, "drop: must not be accompanied by any other "
			      "action");
	return 0;
}

int kf_ofp_parse_actions(const char *s, struct kf_actions *acts,
			 char err[KF_ERR_LEN])
{
	int r;

	if (depth >= KF_ACTIONS_MAX_DEPTH)
		return kf_err(err, "clone: nested more than %u deep",
			      KF_ACTIONS_MAX_DEPTH);
	depth++;
	r = parse_list(s, acts, err);
	depth--;
	return r;
}
