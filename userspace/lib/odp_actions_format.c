// SPDX-License-Identifier: GPL-2.0
/*
 * odp_actions_format.c - format OVS_ACTION_ATTR_* lists the way
 * ovs-dpctl prints them.
 */
#include <arpa/inet.h>
#include <string.h>
#include "odp_actions.h"

static int action_len(uint16_t type)
{
	switch (type) {
	case OVS_ACTION_ATTR_OUTPUT:
	case OVS_ACTION_ATTR_RECIRC:
	case OVS_ACTION_ATTR_METER:
		return 4;
	case OVS_ACTION_ATTR_TRUNC:
		return sizeof(struct ovs_action_trunc);
	case OVS_ACTION_ATTR_PUSH_VLAN:
		return sizeof(struct ovs_action_push_vlan);
	case OVS_ACTION_ATTR_HASH:
		return sizeof(struct ovs_action_hash);
	case OVS_ACTION_ATTR_PUSH_MPLS:
		return sizeof(struct ovs_action_push_mpls);
	case OVS_ACTION_ATTR_POP_MPLS:
		return 2;
	case OVS_ACTION_ATTR_PUSH_ETH:
		return sizeof(struct ovs_action_push_eth);
	case OVS_ACTION_ATTR_POP_VLAN:
	case OVS_ACTION_ATTR_POP_ETH:
	case OVS_ACTION_ATTR_CT_CLEAR:
	case OVS_ACTION_ATTR_POP_NSH:
		return 0;
	}
	return -1;	/* variable */
}

static void format_generic(struct strbuf *sb, const struct nlattr *a)
{
	const uint8_t *p = mnl_attr_get_payload(a);
	size_t len = mnl_attr_get_payload_len(a), i;

	sb_printf(sb, "action%u", mnl_attr_get_type(a));
	for (i = 0; i < len; i++)
		sb_printf(sb, "%c%02x", i ? ' ' : '(', p[i]);
	if (len)
		sb_putc(sb, ')');
}

static void format_nested_list(struct strbuf *sb, const struct nlattr *a,
			       const struct odp_portmap *ports)
{
	odp_actions_format(sb, mnl_attr_get_payload(a),
			   mnl_attr_get_payload_len(a), ports);
}

static void format_userspace(struct strbuf *sb, const struct nlattr *a,
			     const struct odp_portmap *ports)
{
	const struct nlattr *pid = NULL, *ud = NULL, *tun = NULL, *acts = NULL;
	const struct nlattr *sub;
	const char *name;
	size_t i;

	mnl_attr_for_each_nested(sub, a) {
		switch (mnl_attr_get_type(sub)) {
		case OVS_USERSPACE_ATTR_PID:
			pid = sub;
			break;
		case OVS_USERSPACE_ATTR_USERDATA:
			ud = sub;
			break;
		case OVS_USERSPACE_ATTR_EGRESS_TUN_PORT:
			tun = sub;
			break;
		case OVS_USERSPACE_ATTR_ACTIONS:
			acts = sub;
			break;
		}
	}
	if (!pid || mnl_attr_validate(pid, MNL_TYPE_U32) ||
	    (tun && mnl_attr_validate(tun, MNL_TYPE_U32))) {
		sb_puts(sb, "userspace(error)");
		return;
	}
	sb_printf(sb, "userspace(pid=%u", mnl_attr_get_u32(pid));
	if (ud) {
		const uint8_t *p = mnl_attr_get_payload(ud);

		sb_puts(sb, ",userdata(");
		for (i = 0; i < mnl_attr_get_payload_len(ud); i++)
			sb_printf(sb, "%02x", p[i]);
		sb_putc(sb, ')');
	}
	if (acts)
		sb_puts(sb, ",actions");
	if (tun) {
		name = odp_portmap_name(ports, mnl_attr_get_u32(tun));
		if (name)
			sb_printf(sb, ",tunnel_out_port=%s", name);
		else
			sb_printf(sb, ",tunnel_out_port=%u",
				  mnl_attr_get_u32(tun));
	}
	sb_putc(sb, ')');
}

static void format_sample(struct strbuf *sb, const struct nlattr *a,
			  const struct odp_portmap *ports)
{
	const struct nlattr *prob = NULL, *acts = NULL, *sub;

	mnl_attr_for_each_nested(sub, a) {
		if (mnl_attr_get_type(sub) == OVS_SAMPLE_ATTR_PROBABILITY)
			prob = sub;
		else if (mnl_attr_get_type(sub) == OVS_SAMPLE_ATTR_ACTIONS)
			acts = sub;
	}
	if (!prob || !acts || mnl_attr_validate(prob, MNL_TYPE_U32)) {
		sb_puts(sb, "sample(error)");
		return;
	}
	sb_printf(sb, "sample(sample=%.1f%%,actions(",
		  100.0 * mnl_attr_get_u32(prob) / UINT32_MAX);
	format_nested_list(sb, acts, ports);
	sb_puts(sb, "))");
}

static void format_check_pkt_len(struct strbuf *sb, const struct nlattr *a,
				 const struct odp_portmap *ports)
{
	const struct nlattr *tb[OVS_CHECK_PKT_LEN_ATTR_MAX + 1] = { NULL };
	const struct nlattr *sub;

	mnl_attr_for_each_nested(sub, a)
		if (mnl_attr_get_type(sub) <= OVS_CHECK_PKT_LEN_ATTR_MAX)
			tb[mnl_attr_get_type(sub)] = sub;
	sb_puts(sb, "check_pkt_len");
	if (!tb[OVS_CHECK_PKT_LEN_ATTR_PKT_LEN] ||
	    mnl_attr_validate(tb[OVS_CHECK_PKT_LEN_ATTR_PKT_LEN], MNL_TYPE_U16) ||
	    !tb[OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER] ||
	    !tb[OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL]) {
		sb_puts(sb, "(error)");
		return;
	}
	sb_printf(sb, "(size=%u,gt(",
		  mnl_attr_get_u16(tb[OVS_CHECK_PKT_LEN_ATTR_PKT_LEN]));
	format_nested_list(sb, tb[OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER],
			   ports);
	sb_puts(sb, "),le(");
	format_nested_list(sb,
			   tb[OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL],
			   ports);
	sb_puts(sb, "))");
}

static void format_dec_ttl(struct strbuf *sb, const struct nlattr *a,
			   const struct odp_portmap *ports)
{
	const struct nlattr *sub;

	sb_puts(sb, "dec_ttl(le_1(");
	mnl_attr_for_each_nested(sub, a) {
		if (mnl_attr_get_type(sub) == OVS_DEC_TTL_ATTR_ACTION) {
			format_nested_list(sb, sub, ports);
			break;
		}
	}
	sb_puts(sb, "))");
}

static void format_set_masked(struct strbuf *sb, const struct nlattr *a)
{
	const struct nlattr *inner = mnl_attr_get_payload(a);
	size_t size;
	struct nlbuf kb, mb;

	if (mnl_attr_get_payload_len(a) < MNL_ATTR_HDRLEN ||
	    !mnl_attr_ok(inner, (int)mnl_attr_get_payload_len(a))) {
		format_generic(sb, a);
		return;
	}
	size = mnl_attr_get_payload_len(inner) / 2;
	sb_puts(sb, "set(");
	if (size <= sizeof(struct ovs_key_ipv6)) {
		const uint8_t *p = mnl_attr_get_payload(inner);

		nlbuf_init(&kb, 256);
		nlbuf_init(&mb, 256);
		nlbuf_put(&kb, mnl_attr_get_type(inner), size, p);
		nlbuf_put(&mb, mnl_attr_get_type(inner), size, p + size);
		odp_format_key_attr(sb, nlbuf_data(&kb), nlbuf_data(&mb),
				    NULL, false);
		nlbuf_free(&kb);
		nlbuf_free(&mb);
	} else {
		odp_format_key_attr(sb, inner, NULL, NULL, false);
	}
	sb_putc(sb, ')');
}

static void format_set(struct strbuf *sb, const struct nlattr *a)
{
	const struct nlattr *inner = mnl_attr_get_payload(a);

	if (mnl_attr_get_payload_len(a) < MNL_ATTR_HDRLEN ||
	    !mnl_attr_ok(inner, (int)mnl_attr_get_payload_len(a))) {
		format_generic(sb, a);
		return;
	}
	sb_puts(sb, "set(");
	odp_format_key_attr(sb, inner, NULL, NULL, true);
	sb_putc(sb, ')');
}

static uint16_t be16_at(const void *p)
{
	const uint8_t *b = p;

	return (uint16_t)((b[0] << 8) | b[1]);
}

static void format_fixed(struct strbuf *sb, const struct nlattr *a,
			 const struct odp_portmap *ports)
{
	const uint8_t *p = mnl_attr_get_payload(a);
	const struct ovs_action_hash *h;
	uint32_t lse;
	const char *name;

	switch (mnl_attr_get_type(a)) {
	case OVS_ACTION_ATTR_OUTPUT:
		name = odp_portmap_name(ports, mnl_attr_get_u32(a));
		if (name)
			sb_puts(sb, name);
		else
			sb_printf(sb, "%u", mnl_attr_get_u32(a));
		break;
	case OVS_ACTION_ATTR_RECIRC:
		sb_printf(sb, "recirc(%#x)", mnl_attr_get_u32(a));
		break;
	case OVS_ACTION_ATTR_METER:
		sb_printf(sb, "meter(%u)", mnl_attr_get_u32(a));
		break;
	case OVS_ACTION_ATTR_TRUNC:
		sb_printf(sb, "trunc(%u)", mnl_attr_get_u32(a));
		break;
	case OVS_ACTION_ATTR_PUSH_VLAN:
		sb_puts(sb, "push_vlan(");
		if (be16_at(p) != 0x8100)
			sb_printf(sb, "tpid=0x%04x,", be16_at(p));
		odp_format_vlan_tci(sb, be16_at(p + 2), 0xffff, false);
		sb_putc(sb, ')');
		break;
	case OVS_ACTION_ATTR_HASH:
		h = (const void *)p;
		if (h->hash_alg == OVS_HASH_ALG_L4)
			sb_printf(sb, "hash(l4(%u))", h->hash_basis);
		else if (h->hash_alg == 1)
			sb_printf(sb, "hash(sym_l4(%u))", h->hash_basis);
		else
			sb_printf(sb, "hash(Unknown hash algorithm(%u))",
				  h->hash_alg);
		break;
	case OVS_ACTION_ATTR_PUSH_MPLS:
		lse = ((uint32_t)p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
		sb_printf(sb, "push_mpls(label=%u,tc=%u,ttl=%u,bos=%u,eth_type=0x%x)",
			  lse >> 12, (lse >> 9) & 7, lse & 0xff, (lse >> 8) & 1,
			  be16_at(p + 4));
		break;
	case OVS_ACTION_ATTR_POP_MPLS:
		sb_printf(sb, "pop_mpls(eth_type=0x%x)", be16_at(p));
		break;
	case OVS_ACTION_ATTR_PUSH_ETH:
		sb_printf(sb, "push_eth(src=%02x:%02x:%02x:%02x:%02x:%02x,dst=%02x:%02x:%02x:%02x:%02x:%02x)",
			  p[0], p[1], p[2], p[3], p[4], p[5],
			  p[6], p[7], p[8], p[9], p[10], p[11]);
		break;
	case OVS_ACTION_ATTR_POP_VLAN:
		sb_puts(sb, "pop_vlan");
		break;
	case OVS_ACTION_ATTR_POP_ETH:
		sb_puts(sb, "pop_eth");
		break;
	case OVS_ACTION_ATTR_CT_CLEAR:
		sb_puts(sb, "ct_clear");
		break;
	case OVS_ACTION_ATTR_POP_NSH:
		sb_puts(sb, "pop_nsh()");
		break;
	}
}

static void format_action(struct strbuf *sb, const struct nlattr *a,
			  const struct odp_portmap *ports)
{
	uint16_t type = mnl_attr_get_type(a);
	int len = action_len(type);

	if (len >= 0 && mnl_attr_get_payload_len(a) != (uint16_t)len) {
		sb_printf(sb, "bad length %u, expected %d for: ",
			  mnl_attr_get_payload_len(a), len);
		format_generic(sb, a);
		return;
	}
	if (len >= 0) {
		format_fixed(sb, a, ports);
		return;
	}
	switch (type) {
	case OVS_ACTION_ATTR_USERSPACE:
		format_userspace(sb, a, ports);
		break;
	case OVS_ACTION_ATTR_SET:
		format_set(sb, a);
		break;
	case OVS_ACTION_ATTR_SET_MASKED:
		format_set_masked(sb, a);
		break;
	case OVS_ACTION_ATTR_SAMPLE:
		format_sample(sb, a, ports);
		break;
	case OVS_ACTION_ATTR_CLONE:
		sb_puts(sb, "clone(");
		format_nested_list(sb, a, ports);
		sb_putc(sb, ')');
		break;
	case OVS_ACTION_ATTR_CHECK_PKT_LEN:
		format_check_pkt_len(sb, a, ports);
		break;
	case OVS_ACTION_ATTR_DEC_TTL:
		format_dec_ttl(sb, a, ports);
		break;
	case OVS_ACTION_ATTR_CT:
		odp_format_ct_action(sb, a);
		break;
	default:
		format_generic(sb, a);
		break;
	}
}

void odp_actions_format(struct strbuf *sb, const void *acts, size_t len,
			const struct odp_portmap *ports)
{
	const struct nlattr *a;
	size_t used = 0;

	if (!len) {
		sb_puts(sb, "drop");
		return;
	}
	nla_for_each(a, acts, len) {
		if (used)
			sb_putc(sb, ',');
		format_action(sb, a, ports);
		used = (size_t)((const char *)mnl_attr_next(a) -
				(const char *)acts);
		if (used > len)
			used = len;
	}
	if (used < len) {
		if (!used)
			sb_puts(sb, "<empty>");
		sb_printf(sb, ",***%zu leftover bytes*** (", len - used);
		for (; used < len; used++)
			sb_printf(sb, "%02x", ((const uint8_t *)acts)[used]);
		sb_putc(sb, ')');
	}
}
