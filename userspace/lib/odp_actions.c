// SPDX-License-Identifier: GPL-2.0
/*
 * odp_actions.c - the action list grammar: dispatch on the action name.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "odp_actions.h"

static const char *delims = ", \t\r\n";

typedef int (*act_parser)(struct odp_parser *p, const char **s,
			  struct nlbuf *b);

static int act_clone(struct odp_parser *p, const char **s, struct nlbuf *b)
{
	return odp_act_list(p, s, b, OVS_ACTION_ATTR_CLONE);
}

static int act_u32(struct odp_parser *p, const char **s, struct nlbuf *b,
		   const char *name, uint16_t type)
{
	const char *why, *val = *s;
	uint64_t v;

	if (odp_scan_uint(s, UINT32_MAX, &v, &why))
		return odp_field_error(p, name, NULL, val, why);
	if (!odp_skip(s, ")"))
		return odp_field_error(p, name, NULL, val, "expected ')'");
	nlbuf_put_u32(b, type, (uint32_t)v);
	return 0;
}

static int act_recirc(struct odp_parser *p, const char **s, struct nlbuf *b)
{
	return act_u32(p, s, b, "recirc", OVS_ACTION_ATTR_RECIRC);
}

static int act_meter(struct odp_parser *p, const char **s, struct nlbuf *b)
{
	return act_u32(p, s, b, "meter", OVS_ACTION_ATTR_METER);
}

static int act_trunc(struct odp_parser *p, const char **s, struct nlbuf *b)
{
	return act_u32(p, s, b, "trunc", OVS_ACTION_ATTR_TRUNC);
}

static int act_pop_mpls(struct odp_parser *p, const char **s, struct nlbuf *b)
{
	const char *why, *val;
	uint64_t v;
	uint16_t et;

	if (!odp_skip(s, "eth_type="))
		return odp_error(p, "pop_mpls(%.*s): expected eth_type=",
				 (int)odp_token_len(*s), *s);
	val = *s;
	if (odp_scan_uint(s, UINT16_MAX, &v, &why))
		return odp_field_error(p, "pop_mpls", "eth_type", val, why);
	if (!odp_skip(s, ")"))
		return odp_field_error(p, "pop_mpls", "eth_type", val,
				       "expected ')'");
	et = htons((uint16_t)v);
	nlbuf_put(b, OVS_ACTION_ATTR_POP_MPLS, 2, &et);
	return 0;
}

static const struct {
	const char *name;	/* including '(' */
	act_parser parse;
} act_parsers[] = {
	{ "set(", odp_act_set },
	{ "push_vlan(", odp_act_push_vlan },
	{ "userspace(", odp_act_userspace },
	{ "recirc(", act_recirc },
	{ "meter(", act_meter },
	{ "trunc(", act_trunc },
	{ "sample(sample=", odp_act_sample },
	{ "clone(", act_clone },
	{ "check_pkt_len(", odp_act_check_pkt_len },
	{ "dec_ttl(", odp_act_dec_ttl },
	{ "hash(", odp_act_hash },
	{ "push_mpls(", odp_act_mpls },
	{ "pop_mpls(", act_pop_mpls },
	{ "push_eth(", odp_act_push_eth },
};

static const struct {
	const char *name;
	uint16_t type;
} act_flags[] = {
	{ "pop_vlan", OVS_ACTION_ATTR_POP_VLAN },
	{ "pop_eth", OVS_ACTION_ATTR_POP_ETH },
	{ "ct_clear", OVS_ACTION_ATTR_CT_CLEAR },
	{ "pop_nsh()", OVS_ACTION_ATTR_POP_NSH },
};

static int parse_output(struct odp_parser *p, const char **s, struct nlbuf *b)
{
	size_t n = strcspn(*s, ",) \t\r\n");
	const char *why, *val = *s;
	uint32_t port;
	uint64_t v;

	if (**s >= '0' && **s <= '9') {
		if (odp_scan_uint(s, UINT32_MAX, &v, &why))
			return odp_error(p, "output %.*s: %s", (int)n, val, why);
		if (**s && !strchr(",) \t\r\n", **s))
			return odp_error(p, "%.*s: unknown action", (int)n, val);
		nlbuf_put_u32(b, OVS_ACTION_ATTR_OUTPUT, (uint32_t)v);
		return 0;
	}
	if (odp_portmap_number(p->ports, *s, n, &port)) {
		*s += n;
		nlbuf_put_u32(b, OVS_ACTION_ATTR_OUTPUT, port);
		return 0;
	}
	return odp_error(p, "%.*s: unknown action", (int)strcspn(*s, "(,) \t\r\n"),
			 *s);
}

static int parse_action(struct odp_parser *p, const char **s, struct nlbuf *b)
{
	size_t i, n;
	int err;

	for (i = 0; i < sizeof(act_flags) / sizeof(act_flags[0]); i++) {
		n = strlen(act_flags[i].name);
		if (!strncmp(*s, act_flags[i].name, n) &&
		    (!(*s)[n] || strchr(",) \t\r\n", (*s)[n]))) {
			*s += n;
			nlbuf_put_flag(b, act_flags[i].type);
			return 0;
		}
	}
	for (i = 0; i < sizeof(act_parsers) / sizeof(act_parsers[0]); i++) {
		if (odp_skip(s, act_parsers[i].name)) {
			if (++p->depth > ODP_MAX_DEPTH)
				return odp_error(p, "actions nested too deeply");
			err = act_parsers[i].parse(p, s, b);
			p->depth--;
			return err;
		}
	}
	if (!strncmp(*s, "ct", 2) &&
	    (!(*s)[2] || strchr("(, \t\r\n)", (*s)[2]))) {
		*s += 2;
		return odp_act_ct(p, s, b);
	}
	return parse_output(p, s, b);
}

int odp_parse_actions(struct odp_parser *p, const char **s, struct nlbuf *b,
		      char end)
{
	for (;;) {
		*s += strspn(*s, delims);
		if (**s == end)
			return 0;
		if (!**s)
			return odp_error(p, "missing ')' at end of actions");
		if (parse_action(p, s, b))
			return -EINVAL;
		if (**s && **s != end && !strchr(delims, **s))
			return odp_error(p, "syntax error at '%.32s'", *s);
		if (b->overflow)
			return odp_error(p, "actions too large");
	}
}

int odp_actions_from_string(const char *s, const struct odp_portmap *ports,
			    struct nlbuf *acts, char err[ODP_ERR_LEN])
{
	struct odp_parser p = { ports, err, 0 };
	size_t mark = nlbuf_mark(acts);
	const char *t;
	int ret;

	err[0] = '\0';
	t = s + strspn(s, delims);
	if (!strncasecmp(t, "drop", 4) && !t[4 + strspn(t + 4, delims)])
		return 0;		/* an empty list drops */
	ret = odp_parse_actions(&p, &s, acts, '\0');
	if (ret)
		nlbuf_truncate(acts, mark);
	return ret;
}
