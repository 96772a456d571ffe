// SPDX-License-Identifier: GPL-2.0
/*
 * odp_actions_parse.c - parse ovs-dpctl action lists into
 * OVS_ACTION_ATTR_* attributes.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "odp_priv.h"
#include "odp_actions.h"

static int act_error(struct odp_parser *p, const char *act, const char *at,
		     const char *why)
{
	return odp_error(p, "%s(%.*s): %s", act, (int)odp_token_len(at), at,
			 why);
}

/* "NAME=NUMBER" at *s, then an optional ','. */
static int scan_named(struct odp_parser *p, const char *act, const char **s,
		      const char *name, uint64_t max, uint64_t *v)
{
	const char *why, *val;
	char field[32];

	if (!odp_skip(s, name))
		return odp_error(p, "%s(%.*s): expected '%s'", act,
				 (int)odp_token_len(*s), *s, name);
	val = *s;
	if (odp_scan_uint(s, max, v, &why)) {
		snprintf(field, sizeof(field), "%.*s",
			 (int)strcspn(name, "="), name);
		return odp_field_error(p, act, field, val, why);
	}
	if (**s != ',' && **s != ')')
		return odp_error(p, "%s(%.*s%.*s): unexpected characters after value",
				 act, (int)strlen(name), name,
				 (int)odp_token_len(val), val);
	odp_skip(s, ",");
	return 0;
}

static int scan_num_paren(struct odp_parser *p, const char *act,
			  const char **s, uint64_t max, uint64_t *v)
{
	const char *why, *val = *s;

	if (odp_scan_uint(s, max, v, &why))
		return act_error(p, act, val, why);
	if (!odp_skip(s, ")"))
		return act_error(p, act, val, "expected ')'");
	return 0;
}

int odp_act_push_vlan(struct odp_parser *p, const char **s,
			   struct nlbuf *b)
{
	struct ovs_action_push_vlan pv;
	uint64_t tpid = 0x8100, vid, pcp, cfi = 1;

	if (!strncmp(*s, "tpid=", 5) &&
	    scan_named(p, "push_vlan", s, "tpid=", UINT16_MAX, &tpid))
		return -EINVAL;
	if (scan_named(p, "push_vlan", s, "vid=", 4095, &vid) ||
	    scan_named(p, "push_vlan", s, "pcp=", 7, &pcp))
		return -EINVAL;
	if (!strncmp(*s, "cfi=", 4) &&
	    scan_named(p, "push_vlan", s, "cfi=", 1, &cfi))
		return -EINVAL;
	if (!odp_skip(s, ")"))
		return act_error(p, "push_vlan", *s, "expected ')'");
	pv.vlan_tpid = htons((uint16_t)tpid);
	pv.vlan_tci = htons((uint16_t)(vid | pcp << 13 | (cfi ? 0x1000 : 0)));
	nlbuf_put(b, OVS_ACTION_ATTR_PUSH_VLAN, sizeof(pv), &pv);
	return 0;
}

static int parse_userdata(struct odp_parser *p, const char **s,
			  struct nlbuf *b)
{
	uint8_t data[4096];
	size_t n = 0;

	while (isxdigit((unsigned char)(*s)[0]) &&
	       isxdigit((unsigned char)(*s)[1]) && n < sizeof(data)) {
		char hex[3] = { (*s)[0], (*s)[1], 0 };

		data[n++] = (uint8_t)strtoul(hex, NULL, 16);
		*s += 2;
	}
	if (!odp_skip(s, ")"))
		return act_error(p, "userspace", *s,
				 "userdata must be pairs of hex digits");
	nlbuf_put(b, OVS_USERSPACE_ATTR_USERDATA, n, data);
	return 0;
}

/* tunnel_out_port=N or =NAME (the port's name is how it is printed). */
static int scan_tunnel_out_port(struct odp_parser *p, const char **s,
				uint64_t *port)
{
	const char *name = *s + 16;
	size_t n = strcspn(name, ",)");
	uint32_t no;

	if (!(name[0] >= '0' && name[0] <= '9') &&
	    odp_portmap_number(p->ports, name, n, &no)) {
		*port = no;
		*s = name + n;
		odp_skip(s, ",");
		return 0;
	}
	return scan_named(p, "userspace", s, "tunnel_out_port=", UINT32_MAX,
			  port);
}

int odp_act_userspace(struct odp_parser *p, const char **s,
			   struct nlbuf *b)
{
	struct nlattr *nest = nlbuf_nest_start(b, OVS_ACTION_ATTR_USERSPACE);
	uint64_t pid, port;

	if (scan_named(p, "userspace", s, "pid=", UINT32_MAX, &pid))
		return -EINVAL;
	nlbuf_put_u32(b, OVS_USERSPACE_ATTR_PID, (uint32_t)pid);
	while (!odp_skip(s, ")")) {
		if (odp_skip(s, "userdata(")) {
			if (parse_userdata(p, s, b))
				return -EINVAL;
		} else if (odp_skip(s, "actions")) {
			nlbuf_put_flag(b, OVS_USERSPACE_ATTR_ACTIONS);
		} else if (!strncmp(*s, "tunnel_out_port=", 16)) {
			if (scan_tunnel_out_port(p, s, &port))
				return -EINVAL;
			nlbuf_put_u32(b, OVS_USERSPACE_ATTR_EGRESS_TUN_PORT,
				      (uint32_t)port);
			continue;
		} else {
			return act_error(p, "userspace", *s, "unknown argument");
		}
		odp_skip(s, ",");
	}
	nlbuf_nest_end(b, nest);
	return 0;
}

static bool all_ones(const uint8_t *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (m[i] != 0xff)
			return false;
	return true;
}

int odp_act_set(struct odp_parser *p, const char **s, struct nlbuf *b)
{
	const char *start = *s;
	struct nlbuf kb, mb;
	const struct nlattr *k, *m;
	struct nlattr *nest;
	bool masked;
	int err;

	nlbuf_init(&kb, 4096);
	nlbuf_init(&mb, 4096);
	err = odp_parse_key_attr(p, s, &kb, &mb, NULL);
	if (!err && !odp_skip(s, ")"))
		err = act_error(p, "set", *s, "expected ')'");
	if (err)
		goto out;
	k = nlbuf_data(&kb);
	m = nlbuf_data(&mb);
	/* A tunnel is set whole; anything else by its mask. */
	masked = mnl_attr_get_type(k) != OVS_KEY_ATTR_TUNNEL &&
		 mnl_attr_get_payload_len(k) == mnl_attr_get_payload_len(m);
	if (masked && odp_mask_is_wildcard(m)) {
		err = odp_error(p, "set(%.*s): the mask selects no bit: "
				"nothing to set", (int)(*s - start - 1), start);
		goto out;
	}
	if (!masked ||
	    all_ones(mnl_attr_get_payload(m), mnl_attr_get_payload_len(m))) {
		nlbuf_put(b, OVS_ACTION_ATTR_SET, nlbuf_len(&kb), k);
	} else {
		size_t n = mnl_attr_get_payload_len(k), i;
		const uint8_t *kp = mnl_attr_get_payload(k);
		const uint8_t *mp = mnl_attr_get_payload(m);
		uint8_t *buf = malloc(2 * n);

		if (!buf) {
			err = odp_error(p, "set(...): out of memory");
			goto out;
		}
		/* The ABI wants key bits outside the mask to be zero. */
		for (i = 0; i < n; i++) {
			buf[i] = kp[i] & mp[i];
			buf[n + i] = mp[i];
		}
		nest = nlbuf_nest_start(b, OVS_ACTION_ATTR_SET_MASKED);
		nlbuf_put(b, mnl_attr_get_type(k), 2 * n, buf);
		nlbuf_nest_end(b, nest);
		free(buf);
	}
out:
	nlbuf_free(&kb);
	nlbuf_free(&mb);
	return err;
}

/* A nested action list ending with ')', or "drop". */
int odp_act_list(struct odp_parser *p, const char **s, struct nlbuf *b,
		      uint16_t type)
{
	struct nlattr *nest = nlbuf_nest_start(b, type);
	int err = 0;

	if (!strncmp(*s, "drop)", 5))
		*s += 4;
	else
		err = odp_parse_actions(p, s, b, ')');
	if (err)
		return err;
	(*s)++;
	nlbuf_nest_end(b, nest);
	return 0;
}

int odp_act_sample(struct odp_parser *p, const char **s,
			struct nlbuf *b)
{
	struct nlattr *nest;
	double pct, prob;
	char *end;

	pct = strtod(*s, &end);
	if (end == *s || strncmp(end, "%,actions(", 10) || !(pct >= 0) ||
	    pct > 100)
		return act_error(p, "sample(sample", *s,
				 "expected a percentage 0-100 and actions(...)");
	*s = end + 10;
	prob = floor(UINT32_MAX * (pct / 100.0) + 0.5);
	nest = nlbuf_nest_start(b, OVS_ACTION_ATTR_SAMPLE);
	nlbuf_put_u32(b, OVS_SAMPLE_ATTR_PROBABILITY,
		      prob >= UINT32_MAX ? UINT32_MAX : (uint32_t)prob);
	if (odp_act_list(p, s, b, OVS_SAMPLE_ATTR_ACTIONS))
		return -EINVAL;
	if (!odp_skip(s, ")"))
		return act_error(p, "sample", *s, "expected ')'");
	nlbuf_nest_end(b, nest);
	return 0;
}

int odp_act_check_pkt_len(struct odp_parser *p, const char **s,
			       struct nlbuf *b)
{
	struct nlattr *nest = nlbuf_nest_start(b, OVS_ACTION_ATTR_CHECK_PKT_LEN);
	uint64_t size;

	if (scan_named(p, "check_pkt_len", s, "size=", UINT16_MAX, &size))
		return -EINVAL;
	nlbuf_put_u16(b, OVS_CHECK_PKT_LEN_ATTR_PKT_LEN, (uint16_t)size);
	if (!odp_skip(s, "gt("))
		return act_error(p, "check_pkt_len", *s, "expected 'gt('");
	if (odp_act_list(p, s, b, OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER))
		return -EINVAL;
	if (!odp_skip(s, ",le("))
		return act_error(p, "check_pkt_len", *s, "expected ',le('");
	if (odp_act_list(p, s, b, OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL))
		return -EINVAL;
	if (!odp_skip(s, ")"))
		return act_error(p, "check_pkt_len", *s, "expected ')'");
	nlbuf_nest_end(b, nest);
	return 0;
}

int odp_act_dec_ttl(struct odp_parser *p, const char **s,
			 struct nlbuf *b)
{
	struct nlattr *nest = nlbuf_nest_start(b, OVS_ACTION_ATTR_DEC_TTL);

	if (!odp_skip(s, "le_1("))
		return act_error(p, "dec_ttl", *s, "expected 'le_1('");
	if (odp_act_list(p, s, b, OVS_DEC_TTL_ATTR_ACTION))
		return -EINVAL;
	if (!odp_skip(s, ")"))
		return act_error(p, "dec_ttl", *s, "expected ')'");
	nlbuf_nest_end(b, nest);
	return 0;
}

int odp_act_hash(struct odp_parser *p, const char **s, struct nlbuf *b)
{
	struct ovs_action_hash h = { 0, 0 };
	uint64_t basis;

	if (odp_skip(s, "l4("))
		h.hash_alg = OVS_HASH_ALG_L4;
	else if (odp_skip(s, "sym_l4("))
		h.hash_alg = 1;
	else
		return act_error(p, "hash", *s, "expected l4(N) or sym_l4(N)");
	if (scan_num_paren(p, "hash", s, UINT32_MAX, &basis))
		return -EINVAL;
	if (!odp_skip(s, ")"))
		return act_error(p, "hash", *s, "expected ')'");
	h.hash_basis = (uint32_t)basis;
	nlbuf_put(b, OVS_ACTION_ATTR_HASH, sizeof(h), &h);
	return 0;
}

int odp_act_mpls(struct odp_parser *p, const char **s, struct nlbuf *b)
{
	struct ovs_action_push_mpls m;
	uint64_t label, tc, ttl, bos, et;

	if (scan_named(p, "push_mpls", s, "label=", 0xfffff, &label) ||
	    scan_named(p, "push_mpls", s, "tc=", 7, &tc) ||
	    scan_named(p, "push_mpls", s, "ttl=", 255, &ttl) ||
	    scan_named(p, "push_mpls", s, "bos=", 1, &bos) ||
	    scan_named(p, "push_mpls", s, "eth_type=", UINT16_MAX, &et))
		return -EINVAL;
	if (!odp_skip(s, ")"))
		return act_error(p, "push_mpls", *s, "expected ')'");
	m.mpls_lse = htonl((uint32_t)(label << 12 | tc << 9 | bos << 8 | ttl));
	m.mpls_ethertype = htons((uint16_t)et);
	nlbuf_put(b, OVS_ACTION_ATTR_PUSH_MPLS, sizeof(m), &m);
	return 0;
}

int odp_act_push_eth(struct odp_parser *p, const char **s,
			  struct nlbuf *b)
{
	static const struct odp_field src = { "src", FT_MAC, 0 };
	static const struct odp_field dst = { "dst", FT_MAC, 6 };
	uint8_t k[12];

	if (!odp_skip(s, "src=") ||
	    odp_scan_field_masked(p, "push_eth", &src, s, k, NULL, false) ||
	    !odp_skip(s, ",dst=") ||
	    odp_scan_field_masked(p, "push_eth", &dst, s, k, NULL, false) ||
	    !odp_skip(s, ")"))
		return odp_error(p, "push_eth(...): expected push_eth(src=MAC,dst=MAC)");
	nlbuf_put(b, OVS_ACTION_ATTR_PUSH_ETH, sizeof(k), k);
	return 0;
}
