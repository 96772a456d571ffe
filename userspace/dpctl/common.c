// SPDX-License-Identifier: GPL-2.0
/*
 * common.c - helpers shared by the kflow-dpctl subcommands.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "dpctl.h"

int dpctl_kernel_error(struct dpctl *ctx, int err, const char *fmt, ...)
{
	const char *ext = ctx->nl ? kf_nl_errmsg(ctx->nl) : NULL;
	va_list ap;

	fprintf(stderr, "%s: ", PROG_NAME);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (%s)", strerror(err < 0 ? -err : err));
	if (ext)
		fprintf(stderr, ": kernel: %s", ext);
	fputc('\n', stderr);
	return err < 0 ? -err : err;
}

int dpctl_connect(struct dpctl *ctx)
{
	int err;

	if (ctx->nl)
		return 0;
	err = kf_nl_open(&ctx->nl);
	if (err && ctx->nl && kf_nl_missing_family(ctx->nl)) {
		dpctl_error("generic netlink family %s not found "
			    "(is kflow.ko or openvswitch.ko loaded?)",
			    kf_nl_missing_family(ctx->nl));
		kf_nl_close(ctx->nl);
		ctx->nl = NULL;
		return err;
	}
	if (err) {
		dpctl_error("opening netlink socket failed (%s)",
			    strerror(-err));
		kf_nl_close(ctx->nl);
		ctx->nl = NULL;
	}
	return err;
}

const char *dpctl_dp_name(const char *arg)
{
	const char *at = strchr(arg, '@');

	if (!at)
		return arg;
	if (at - arg == 6 && !strncmp(arg, "system", 6))
		return at + 1;
	return NULL;
}

struct only_dp {
	struct kf_dp dp;
	int n;
};

static int only_dp_cb(const struct kf_dp *dp, void *data)
{
	struct only_dp *o = data;

	if (!o->n++)
		o->dp = *dp;
	return 0;
}

int dpctl_find_dp(struct dpctl *ctx, const char *arg, struct kf_dp *dp)
{
	struct only_dp o = { .n = 0 };
	const char *name;
	int err;

	err = dpctl_connect(ctx);
	if (err)
		return -err;
	if (arg) {
		name = dpctl_dp_name(arg);
		if (!name) {
			dpctl_error("%s: only datapaths of type \"system\" exist",
				    arg);
			return EINVAL;
		}
		err = kf_dp_get(ctx->nl, name, dp);
		if (err)
			return dpctl_kernel_error(ctx, err,
						  "opening datapath %s failed",
						  arg);
		return 0;
	}
	err = kf_dp_dump(ctx->nl, only_dp_cb, &o);
	if (err)
		return dpctl_kernel_error(ctx, err, "dumping datapaths failed");
	if (o.n != 1) {
		dpctl_error(o.n ? "multiple datapaths, specify one" :
			    "no datapaths exist");
		return o.n ? EINVAL : ENOENT;
	}
	*dp = o.dp;
	return 0;
}

static int portmap_cb(const struct kf_vport *v, void *data)
{
	odp_portmap_add(data, v->port_no, v->name);
	return 0;
}

int dpctl_portmap(struct dpctl *ctx, int dp_ifindex, struct odp_portmap *map)
{
	int err = kf_vport_dump(ctx->nl, dp_ifindex, portmap_cb, map);

	if (err)
		return dpctl_kernel_error(ctx, err, "dumping ports failed");
	return 0;
}

uint64_t dpctl_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}
