// SPDX-License-Identifier: GPL-2.0
/*
 * daemon_conf.c - parse kflowd.conf:
 *
 *   # comment
 *   bridge NAME
 *   port NAME [OPTION...]     (port_conf.h)
 *   flow FLOW-LINE            (ovs-ofctl add-flow syntax)
 *
 * port and flow lines belong to the last bridge line.  A port named like
 * its bridge is the bridge's LOCAL port (always present, internal).
 * kflowd rewrites the file in this form after every change
 * (daemon_conf_write.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "daemon_conf.h"
#include "port_conf.h"

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

static int port_line(struct cfg_ctx *c, char *args)
{
	char perr[KF_ERR_LEN];
	struct kf_port p;

	if (kf_port_parse(args, &p, perr))
		return fail(c, "%s%s", perr, "");
	if (!strcmp(p.name, c->br->name))
		return 0;		/* the LOCAL port: always there */
	if (kf_ofproto_port_by_name(c->ofp, p.name) ||
	    kf_bridge_find(c->ofp, p.name))
		return fail(c, "port %s: duplicate port name%s", p.name, "");
	if (!p.ofport)
		p.ofport = kf_bridge_free_ofport(c->br);
	if (!p.ofport || !kf_bridge_add_port(c->br, &p))
		return fail(c, "port %s: ofport already used in this bridge%s",
			    p.name, "");
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
	if (!kf_bridge_find(c->ofp, name) &&
	    kf_ofproto_port_by_name(c->ofp, name))
		return fail(c, "bridge %s: a port has that name%s", name, "");
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
	if (ferror(f)) {
		snprintf(err, KF_ERR_LEN, "%s: read error", name);
		return -EIO;
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
