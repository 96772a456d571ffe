// SPDX-License-Identifier: GPL-2.0
/*
 * ports.c - add-if, set-if, del-if.
 *
 * An interface argument is NAME[,OPTION=VALUE]..., with the options
 * type=system|netdev|internal|gre|vxlan|geneve, dst_port=N, port_no=N and
 * exts=gbp (vxlan).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dpctl.h"

static int parse_u32_opt(const char *iface, const char *key, const char *val,
			 uint32_t max, uint32_t *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(val, &end, 0);
	if (!*val || *end || errno || v > max) {
		dpctl_error("%s: %s=%s: invalid value (expected 0..%u)", iface,
			    key, val, max);
		return EINVAL;
	}
	*out = (uint32_t)v;
	return 0;
}

static int parse_option(const char *iface, char *opt,
			struct kf_vport_req *req)
{
	char *val = strchr(opt, '=');
	uint32_t v;

	if (!val) {
		dpctl_error("%s: option \"%s\" has no value (expected KEY=VALUE)",
			    iface, opt);
		return EINVAL;
	}
	*val++ = '\0';
	if (!strcmp(opt, "type")) {
		if (kf_vport_type_from_name(val, &req->type)) {
			dpctl_error("%s: type=%s: unknown port type (expected "
				    "system, internal, gre, vxlan or geneve)",
				    iface, val);
			return EINVAL;
		}
	} else if (!strcmp(opt, "dst_port")) {
		if (parse_u32_opt(iface, opt, val, UINT16_MAX, &v))
			return EINVAL;
		req->dst_port = (uint16_t)v;
		req->has_dst_port = true;
	} else if (!strcmp(opt, "port_no")) {
		if (parse_u32_opt(iface, opt, val, UINT16_MAX - 1, &v))
			return EINVAL;
		req->port_no = v;
	} else if (!strcmp(opt, "exts")) {
		if (strcmp(val, "gbp")) {
			dpctl_error("%s: exts=%s: unknown extension (expected gbp)",
				    iface, val);
			return EINVAL;
		}
		req->gbp = true;
	} else {
		dpctl_error("%s: %s: unknown option", iface, opt);
		return EINVAL;
	}
	return 0;
}

/* Parse "NAME,opt=val,..." in place. */
static int parse_iface(char *arg, struct kf_vport_req *req,
		       uint32_t default_type)
{
	char *save = NULL, *tok;
	int err;

	memset(req, 0, sizeof(*req));
	req->port_no = KF_PORT_NONE;
	req->type = default_type;
	req->name = strtok_r(arg, ",", &save);
	if (!req->name || !*req->name) {
		dpctl_error("missing interface name");
		return EINVAL;
	}
	if (strlen(req->name) >= IFNAMSIZ) {
		dpctl_error("%s: interface name too long (max %d characters)",
			    req->name, IFNAMSIZ - 1);
		return EINVAL;
	}
	while ((tok = strtok_r(NULL, ",", &save))) {
		err = parse_option(req->name, tok, req);
		if (err)
			return err;
	}
	if (!req->type)
		return 0;	/* set-if: checked against the current type */
	if (req->has_dst_port && req->type != OVS_VPORT_TYPE_VXLAN &&
	    req->type != OVS_VPORT_TYPE_GENEVE) {
		dpctl_error("%s: dst_port is only valid for vxlan and geneve ports",
			    req->name);
		return EINVAL;
	}
	if (req->gbp && req->type != OVS_VPORT_TYPE_VXLAN) {
		dpctl_error("%s: exts=gbp is only valid for vxlan ports",
			    req->name);
		return EINVAL;
	}
	return 0;
}

int dpctl_add_ifaces(struct dpctl *ctx, const struct kf_dp *dp, int argc,
		     char **argv)
{
	struct kf_vport_req req;
	int i, err, last = 0;

	for (i = 0; i < argc; i++) {
		err = parse_iface(argv[i], &req, OVS_VPORT_TYPE_NETDEV);
		if (!err) {
			err = kf_vport_new(ctx->nl, dp->ifindex, &req, NULL);
			if (err)
				err = dpctl_kernel_error(ctx, err,
					"adding %s to %s failed", req.name,
					dp->name);
		}
		if (err)
			last = err;
	}
	return last;
}

int cmd_add_if(struct dpctl *ctx, int argc, char **argv)
{
	struct kf_dp dp;
	int err;

	err = dpctl_find_dp(ctx, argv[1], &dp);
	if (err)
		return err;
	return dpctl_add_ifaces(ctx, &dp, argc - 2, argv + 2);
}

int cmd_set_if(struct dpctl *ctx, int argc, char **argv)
{
	struct kf_vport_req req;
	struct kf_vport cur;
	struct kf_dp dp;
	int i, err, last = 0;

	err = dpctl_find_dp(ctx, argv[1], &dp);
	if (err)
		return err;
	for (i = 2; i < argc; i++) {
		err = parse_iface(argv[i], &req, 0);
		if (err) {
			last = err;
			continue;
		}
		err = kf_vport_get(ctx->nl, dp.ifindex, req.name, 0, &cur);
		if (!err) {
			/* The type cannot change; keep the current one. */
			if (!req.type)
				req.type = cur.type;
			err = kf_vport_set(ctx->nl, dp.ifindex, &req);
		}
		if (err)
			last = dpctl_kernel_error(ctx, err,
				"reconfiguring %s on %s failed", req.name,
				dp.name);
	}
	return last;
}

int cmd_del_if(struct dpctl *ctx, int argc, char **argv)
{
	struct kf_dp dp;
	int i, err, last = 0;

	err = dpctl_find_dp(ctx, argv[1], &dp);
	if (err)
		return err;
	for (i = 2; i < argc; i++) {
		err = kf_vport_del(ctx->nl, dp.ifindex, argv[i], 0);
		if (err)
			last = dpctl_kernel_error(ctx, err,
				"deleting port %s from %s failed", argv[i],
				dp.name);
	}
	return last;
}
