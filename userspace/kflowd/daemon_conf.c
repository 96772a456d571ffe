// SPDX-License-Identifier: GPL-2.0
/*
 * daemon_conf.c - parse kflowd.conf:
 *
 *   # comment
 *   bridge NAME
 *   port NAME [type=system|internal|patch] [ofport=N] [peer=PORT]
 *             [tag=VLAN] [trunks=V,V,...] [no_flood]
 *   flow FLOW-LINE            (ovs-ofctl add-flow syntax)
 *
 * port and flow lines belong to the last bridge line.  A port named like
 * its bridge is the bridge's LOCAL port (always present, internal).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "daemon_conf.h"

struct cfg_ctx {
	struct kf_ofproto *ofp;
	struct kf_bridge *br;
	const char *name;
	unsigned int line;
	char *err;
};

static int fail(struct cfg_ctx *c, const char *fmt, const char *a,
		const char *b)
{
	char msg[KF_ERR_LEN];

	if (snprintf(msg, sizeof(msg), fmt, a, b) >= (int)sizeof(msg))
		msg[sizeof(msg) - 2] = '.';
	if (snprintf(c->err, KF_ERR_LEN, "%s:%u: %s", c->name, c->line,
		     msg) >= KF_ERR_LEN)
		c->err[KF_ERR_LEN - 4] = '.';	/* mark the cut */
	return -EINVAL;
}

static int parse_num(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 0);
	return errno || end == s || *end || *v > max ? -EINVAL : 0;
}

static int port_trunks(struct cfg_ctx *c, struct kf_port *p, char *list)
{
	char *tok, *save = NULL, orig[128];
	unsigned long v;

	snprintf(orig, sizeof(orig), "%s", list);
	p->all_trunks = false;
	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (parse_num(tok, 4095, &v))
			return fail(c, "trunks=%s: bad VLAN %s (0..4095)",
				    orig, tok);
		kf_port_set_trunk(p, (uint16_t)v);
	}
	return 0;
}

static int port_type(struct cfg_ctx *c, struct kf_port *p, const char *v)
{
	if (!strcmp(v, "system"))
		p->type = KF_PT_SYSTEM;
	else if (!strcmp(v, "internal"))
		p->type = KF_PT_INTERNAL;
	else if (!strcmp(v, "patch"))
		p->type = KF_PT_PATCH;
	else
		return fail(c, "type=%s: unknown port type%s (system, internal or patch)",
			    v, "");
	return 0;
}

/* One key=value of a port line. */
static int port_option(struct cfg_ctx *c, struct kf_port *p, char *opt)
{
	char *eq = strchr(opt, '=');
	unsigned long v;

	if (!strcmp(opt, "no_flood")) {
		p->no_flood = true;
		return 0;
	}
	if (!eq)
		return fail(c, "%s: expected key=value%s", opt, "");
	*eq++ = '\0';
	if (!strcmp(opt, "type"))
		return port_type(c, p, eq);
	if (!strcmp(opt, "peer")) {
		snprintf(p->peer, sizeof(p->peer), "%s", eq);
		return 0;
	}
	if (!strcmp(opt, "trunks"))
		return port_trunks(c, p, eq);
	if (!strcmp(opt, "ofport")) {
		if (parse_num(eq, KF_PORT_MAX - 1, &v) || !v)
			return fail(c, "ofport=%s: bad port number%s (1..65279)",
				    eq, "");
		p->ofport = (uint16_t)v;
		return 0;
	}
	if (!strcmp(opt, "tag")) {
		if (parse_num(eq, 4095, &v))
			return fail(c, "tag=%s: bad VLAN%s (0..4095)", eq, "");
		p->vlan_mode = KF_VLAN_ACCESS;
		p->tag = (uint16_t)v;
		return 0;
	}
	return fail(c, "%s: unknown port option%s", opt, "");
}

static int port_line(struct cfg_ctx *c, char *args)
{
	char *name, *opt, *save = NULL;
	struct kf_port p;
	int ret;

	name = strtok_r(args, " \t", &save);
	if (!name)
		return fail(c, "port: missing name%s%s", "", "");
	if (strlen(name) >= KF_NAME_LEN)
		return fail(c, "port %s: name longer than 15 characters%s",
			    name, "");
	if (kf_ofproto_port_by_name(c->ofp, name) &&
	    strcmp(name, c->br->name))
		return fail(c, "port %s: duplicate port name%s", name, "");
	memset(&p, 0, sizeof(p));
	snprintf(p.name, sizeof(p.name), "%s", name);
	p.odp_port = KF_ODPP_NONE;
	p.all_trunks = true;
	while ((opt = strtok_r(NULL, " \t", &save))) {
		ret = port_option(c, &p, opt);
		if (ret)
			return ret;
	}
	if (!strcmp(name, c->br->name))
		return 0;		/* the LOCAL port: always there */
	if (!p.ofport)
		return fail(c, "port %s: ofport=N is required%s", name, "");
	if (p.type == KF_PT_PATCH && !p.peer[0])
		return fail(c, "port %s: a patch port needs peer=PORT%s", name,
			    "");
	if (!kf_bridge_add_port(c->br, &p))
		return fail(c, "port %s: ofport already used in this bridge%s",
			    name, "");
	return 0;
}

static int bridge_line(struct cfg_ctx *c, char *args)
{
	char *name = strtok(args, " \t");

	if (!name || strtok(NULL, " \t"))
		return fail(c, "bridge: expected one name%s%s", "", "");
	if (strlen(name) >= KF_NAME_LEN)
		return fail(c, "bridge %s: name longer than 15 characters%s",
			    name, "");
	c->br = kf_bridge_create(c->ofp, name);
	if (!c->br)
		return fail(c, "bridge %s: duplicate bridge name%s", name, "");
	return 0;
}

static int one_line(struct cfg_ctx *c, char *s)
{
	char ferr[KF_ERR_LEN];
	char *kw, *rest;

	s += strspn(s, " \t");
	s[strcspn(s, "\r\n")] = '\0';
	if (!*s || *s == '#')
		return 0;
	kw = s;
	rest = s + strcspn(s, " \t");
	if (*rest)
		*rest++ = '\0';
	rest += strspn(rest, " \t");
	if (!strcmp(kw, "bridge"))
		return bridge_line(c, rest);
	if (strcmp(kw, "port") && strcmp(kw, "flow"))
		return fail(c, "%s: unknown keyword (bridge, port or flow)%s",
			    kw, "");
	if (!c->br)
		return fail(c, "%s: comes before any bridge line%s", kw, "");
	if (!strcmp(kw, "port"))
		return port_line(c, rest);
	if (kf_bridge_add_flow(c->br, rest, ferr))
		return fail(c, "flow %s: %s", rest, ferr);
	return 0;
}

int kfd_config_read(struct kf_ofproto *ofp, FILE *f, const char *name,
		    char err[KF_ERR_LEN])
{
	struct cfg_ctx c = { ofp, NULL, name, 0, err };
	char buf[4096];
	int ret;

	while (fgets(buf, sizeof(buf), f)) {
		c.line++;
		ret = one_line(&c, buf);
		if (ret)
			return ret;
	}
	if (!ofp->n_bridges) {
		snprintf(err, KF_ERR_LEN, "%s: no bridge defined", name);
		return -EINVAL;
	}
	return 0;
}

int kfd_config_load(struct kf_ofproto *ofp, const char *path,
		    char err[KF_ERR_LEN])
{
	FILE *f = fopen(path, "r");
	int ret;

	if (!f) {
		ret = -errno;
		if (snprintf(err, KF_ERR_LEN, "%s: %s", path,
			     strerror(errno)) >= KF_ERR_LEN)
			err[KF_ERR_LEN - 2] = '.';
		return ret;
	}
	ret = kfd_config_read(ofp, f, path, err);
	fclose(f);
	return ret;
}
