// SPDX-License-Identifier: GPL-2.0
/*
 * port_conf.c - parse and format a port's options (see port_conf.h).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "port_conf.h"

static const char *const type_names[] = {
	[KF_TUN_VXLAN] = "vxlan", [KF_TUN_GENEVE] = "geneve",
	[KF_TUN_GRE] = "gre",
};

static int __attribute__((format(printf, 2, 3)))
fail(char *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (vsnprintf(err, KF_ERR_LEN, fmt, ap) >= KF_ERR_LEN)
		err[KF_ERR_LEN - 2] = '.';	/* mark the cut */
	va_end(ap);
	return -EINVAL;
}

static int parse_num(const char *s, unsigned long long max,
		     unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || end == s || *end || *s == '-' || *v > max ?
	       -EINVAL : 0;
}

const char *kf_port_type_name(const struct kf_port *p)
{
	switch (p->type) {
	case KF_PT_SYSTEM: return "system";
	case KF_PT_INTERNAL: return "internal";
	case KF_PT_PATCH: return "patch";
	case KF_PT_TUNNEL: break;
	}
	return p->tun.type <= KF_TUN_GRE && type_names[p->tun.type] ?
	       type_names[p->tun.type] : "tunnel";
}

static int opt_type(struct kf_port *p, const char *v, char *err)
{
	size_t i;

	if (!strcmp(v, "system")) {
		p->type = KF_PT_SYSTEM;
		return 0;
	}
	if (!strcmp(v, "internal")) {
		p->type = KF_PT_INTERNAL;
		return 0;
	}
	if (!strcmp(v, "patch")) {
		p->type = KF_PT_PATCH;
		return 0;
	}
	for (i = KF_TUN_VXLAN; i <= KF_TUN_GRE; i++) {
		if (!strcmp(v, type_names[i])) {
			p->type = KF_PT_TUNNEL;
			p->tun.type = (enum kf_tunnel_type)i;
			return 0;
		}
	}
	return fail(err, "type=%s: unknown port type (system, internal, "
		    "patch, vxlan, geneve or gre)", v);
}

static int opt_ofport(struct kf_port *p, const char *v, char *err)
{
	unsigned long long n;

	if (parse_num(v, KF_PORT_MAX - 1, &n) || !n)
		return fail(err, "ofport=%s: bad port number (1..65279)", v);
	p->ofport = (uint16_t)n;
	return 0;
}

static int opt_peer(struct kf_port *p, const char *v, char *err)
{
	if (!*v || strlen(v) >= KF_NAME_LEN)
		return fail(err, "peer=%s: bad port name (1..15 characters)",
			    v);
	snprintf(p->peer, sizeof(p->peer), "%s", v);
	return 0;
}

static int opt_tag(struct kf_port *p, const char *v, char *err)
{
	unsigned long long n;

	if (parse_num(v, 4095, &n))
		return fail(err, "tag=%s: bad VLAN (0..4095)", v);
	p->vlan_mode = KF_VLAN_ACCESS;
	p->tag = (uint16_t)n;
	return 0;
}

static int opt_trunks(struct kf_port *p, const char *v, char *err)
{
	char list[256], *tok, *save = NULL;
	unsigned long long n;

	if (snprintf(list, sizeof(list), "%s", v) >= (int)sizeof(list))
		return fail(err, "trunks=%s: list too long", v);
	p->all_trunks = true;
	memset(p->trunks, 0, sizeof(p->trunks));
	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (parse_num(tok, 4095, &n))
			return fail(err, "trunks=%s: bad VLAN %s (0..4095)", v,
				    tok);
		kf_port_set_trunk(p, (uint16_t)n);
	}
	if (p->all_trunks)
		return fail(err, "trunks=%s: no VLAN given", v);
	return 0;
}

static int parse_ip(const char *key, const char *v, uint32_t *ip, char *err)
{
	struct in_addr a;

	if (inet_pton(AF_INET, v, &a) != 1)
		return fail(err, "%s=%s: bad IPv4 address", key, v);
	*ip = ntohl(a.s_addr);
	return 0;
}

static int opt_remote_ip(struct kf_port *p, const char *v, char *err)
{
	if (!strcmp(v, "flow")) {
		p->tun.remote_ip = 0;
		return 0;
	}
	if (parse_ip("remote_ip", v, &p->tun.remote_ip, err))
		return -EINVAL;
	if (!p->tun.remote_ip)
		return fail(err, "remote_ip=%s: use remote_ip=flow", v);
	return 0;
}

static int opt_local_ip(struct kf_port *p, const char *v, char *err)
{
	return parse_ip("local_ip", v, &p->tun.local_ip, err);
}

static int opt_key(struct kf_port *p, const char *v, char *err)
{
	unsigned long long n;

	if (!strcmp(v, "flow")) {
		p->tun.key_flow = true;
		p->tun.key = 0;
		return 0;
	}
	if (parse_num(v, UINT64_MAX, &n))
		return fail(err, "key=%s: expected flow or a number", v);
	p->tun.key_flow = false;
	p->tun.key = n;
	return 0;
}

static int opt_dst_port(struct kf_port *p, const char *v, char *err)
{
	unsigned long long n;

	if (parse_num(v, 65535, &n) || !n)
		return fail(err, "dst_port=%s: bad UDP port (1..65535)", v);
	p->tun.dst_port = (uint16_t)n;
	return 0;
}

#define TUN_OPT 1		/* only valid on tunnel ports */

static const struct {
	const char *name;
	int (*parse)(struct kf_port *p, const char *v, char *err);
	unsigned int flags;
} options[] = {
	{ "type", opt_type, 0 },
	{ "ofport", opt_ofport, 0 },
	{ "peer", opt_peer, 0 },
	{ "tag", opt_tag, 0 },
	{ "trunks", opt_trunks, 0 },
	{ "remote_ip", opt_remote_ip, TUN_OPT },
	{ "local_ip", opt_local_ip, TUN_OPT },
	{ "key", opt_key, TUN_OPT },
	{ "dst_port", opt_dst_port, TUN_OPT },
};

/* One OPTION; @tun_opt remembers the first tunnel-only option seen. */
static int one_option(struct kf_port *p, char *opt, const char **tun_opt,
		      char *err)
{
	char *eq = strchr(opt, '=');
	size_t i;

	if (!strcmp(opt, "no_flood")) {
		p->no_flood = true;
		return 0;
	}
	if (!eq)
		return fail(err, "%s: expected key=value", opt);
	*eq++ = '\0';
	for (i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
		if (strcmp(opt, options[i].name))
			continue;
		if ((options[i].flags & TUN_OPT) && !*tun_opt)
			*tun_opt = options[i].name;
		return options[i].parse(p, eq, err);
	}
	return fail(err, "%s: unknown port option", opt);
}

/* What one port can check on its own, after all options are read. */
static int check_port(const struct kf_port *p, const char *tun_opt,
		      bool has_remote, char *err)
{
	if (p->type == KF_PT_PATCH && !p->peer[0])
		return fail(err, "port %s: a patch port needs peer=PORT",
			    p->name);
	if (p->type != KF_PT_PATCH && p->peer[0])
		return fail(err, "port %s: peer= is only for type=patch",
			    p->name);
	if (p->type != KF_PT_TUNNEL) {
		if (tun_opt)
			return fail(err, "port %s: %s= is only for tunnel "
				    "ports (type=vxlan, geneve or gre)",
				    p->name, tun_opt);
		return 0;
	}
	if (!has_remote)
		return fail(err, "port %s: a tunnel port needs remote_ip=A "
			    "or remote_ip=flow", p->name);
	if (p->tun.type == KF_TUN_GRE && p->tun.dst_port)
		return fail(err, "port %s: dst_port= is only for vxlan and "
			    "geneve", p->name);
	return 0;
}

int kf_port_parse(char *args, struct kf_port *p, char err[KF_ERR_LEN])
{
	const char *tun_opt = NULL;
	char *name, *opt, *save = NULL;
	bool has_remote = false;
	int ret;

	memset(p, 0, sizeof(*p));
	p->odp_port = KF_ODPP_NONE;
	p->all_trunks = true;
	name = strtok_r(args, " \t", &save);
	if (!name)
		return fail(err, "missing port name");
	if (strlen(name) >= KF_NAME_LEN)
		return fail(err, "port %s: name longer than 15 characters",
			    name);
	snprintf(p->name, sizeof(p->name), "%s", name);
	while ((opt = strtok_r(NULL, " \t", &save))) {
		if (!strncmp(opt, "remote_ip=", 10))
			has_remote = true;
		ret = one_option(p, opt, &tun_opt, err);
		if (ret)
			return ret;
	}
	return check_port(p, tun_opt, has_remote, err);
}

static void format_ip(struct strbuf *sb, const char *key, uint32_t ip)
{
	sb_printf(sb, " %s=%u.%u.%u.%u", key, ip >> 24, (ip >> 16) & 255,
		  (ip >> 8) & 255, ip & 255);
}

static void format_tunnel(struct strbuf *sb, const struct kf_tunnel_opts *t)
{
	if (t->remote_ip)
		format_ip(sb, "remote_ip", t->remote_ip);
	else
		sb_puts(sb, " remote_ip=flow");
	if (t->local_ip)
		format_ip(sb, "local_ip", t->local_ip);
	if (t->key_flow)
		sb_puts(sb, " key=flow");
	else if (t->key)
		sb_printf(sb, " key=%llu", (unsigned long long)t->key);
	if (t->dst_port)
		sb_printf(sb, " dst_port=%u", t->dst_port);
}

static void format_trunks(struct strbuf *sb, const struct kf_port *p)
{
	char sep = '=';
	unsigned int v;

	sb_puts(sb, " trunks");
	for (v = 0; v < 4096; v++) {
		if (!((p->trunks[v / 64] >> (v % 64)) & 1))
			continue;
		sb_printf(sb, "%c%u", sep, v);
		sep = ',';
	}
}

void kf_port_format(struct strbuf *sb, const struct kf_port *p)
{
	sb_puts(sb, p->name);
	if (p->type != KF_PT_SYSTEM)
		sb_printf(sb, " type=%s", kf_port_type_name(p));
	if (p->ofport != KF_PORT_LOCAL)
		sb_printf(sb, " ofport=%u", p->ofport);
	if (p->type == KF_PT_PATCH)
		sb_printf(sb, " peer=%s", p->peer);
	if (p->type == KF_PT_TUNNEL)
		format_tunnel(sb, &p->tun);
	if (p->vlan_mode == KF_VLAN_ACCESS)
		sb_printf(sb, " tag=%u", p->tag);
	else if (!p->all_trunks)
		format_trunks(sb, p);
	if (p->no_flood)
		sb_puts(sb, " no_flood");
}

uint16_t kf_bridge_free_ofport(const struct kf_bridge *br)
{
	uint32_t n;

	for (n = 1; n < KF_PORT_MAX; n++)
		if (!kf_bridge_port(br, (uint16_t)n))
			return (uint16_t)n;
	return 0;
}

void kf_port_vport_name(const struct kf_port *p, char name[KF_NAME_LEN])
{
	uint16_t port = p->tun.dst_port;

	if (p->type != KF_PT_TUNNEL) {
		snprintf(name, KF_NAME_LEN, "%s", p->name);
		return;
	}
	if (p->tun.type == KF_TUN_GRE) {
		snprintf(name, KF_NAME_LEN, "gre_sys");
		return;
	}
	if (!port)
		port = p->tun.type == KF_TUN_VXLAN ? 4789 : 6081;
	snprintf(name, KF_NAME_LEN, "%s_sys_%u", type_names[p->tun.type],
		 port);
}
