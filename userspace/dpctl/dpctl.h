/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dpctl.h - shared state and helpers of the kflow-dpctl subcommands.
 */
#ifndef KFLOW_DPCTL_H
#define KFLOW_DPCTL_H

#include <stdbool.h>
#include "dpif.h"
#include "odp.h"
#include "tool_error.h"

#define PROG_NAME	"kflow-dpctl"

struct dpctl {
	struct kf_nl *nl;
	bool statistics;	/* -s */
	int verbosity;		/* -m */
	bool names;		/* --names */
	bool may_create;	/* --may-create */
	bool clear;		/* --clear */
};

/* Print "kflow-dpctl: <fmt>" to stderr. */
#define dpctl_error(...) kf_tool_error(PROG_NAME, __VA_ARGS__)
/* Report a failed kernel request: "WHAT: strerror (kernel: extack)". */
int dpctl_kernel_error(struct dpctl *ctx, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Open the netlink handle lazily; returns 0 or a negative errno. */
int dpctl_connect(struct dpctl *ctx);
/* "system@br0" or "br0" -> "br0" (NULL if another type). */
const char *dpctl_dp_name(const char *arg);
/* Look up datapath @arg (NULL: the only one) and fill @dp. */
int dpctl_find_dp(struct dpctl *ctx, const char *arg, struct kf_dp *dp);
/* Port number <-> name map of a datapath. */
int dpctl_portmap(struct dpctl *ctx, int dp_ifindex, struct odp_portmap *map);
uint64_t dpctl_now_ms(void);
/* Add "NAME[,opt=val]..." ports to @dp. */
/* Parse FLOW and ACTIONS (ports named by @map) and put them into the
 * datapath @ifindex. */
int dpctl_put_flow(struct dpctl *ctx, int ifindex,
		   const struct odp_portmap *map, const char *flow,
		   const char *actions, enum kf_flow_put_mode mode);
int dpctl_add_ifaces(struct dpctl *ctx, const struct kf_dp *dp, int argc,
		     char **argv);

int cmd_show(struct dpctl *ctx, int argc, char **argv);
int cmd_dump_dps(struct dpctl *ctx, int argc, char **argv);
int cmd_add_dp(struct dpctl *ctx, int argc, char **argv);
int cmd_del_dp(struct dpctl *ctx, int argc, char **argv);
int cmd_add_if(struct dpctl *ctx, int argc, char **argv);
int cmd_set_if(struct dpctl *ctx, int argc, char **argv);
int cmd_del_if(struct dpctl *ctx, int argc, char **argv);
int cmd_dump_flows(struct dpctl *ctx, int argc, char **argv);
int cmd_add_flow(struct dpctl *ctx, int argc, char **argv);
int cmd_add_flows(struct dpctl *ctx, int argc, char **argv);
int cmd_mod_flow(struct dpctl *ctx, int argc, char **argv);
int cmd_get_flow(struct dpctl *ctx, int argc, char **argv);
int cmd_del_flow(struct dpctl *ctx, int argc, char **argv);
int cmd_del_flows(struct dpctl *ctx, int argc, char **argv);
int cmd_parse_flow(struct dpctl *ctx, int argc, char **argv);
int cmd_parse_actions(struct dpctl *ctx, int argc, char **argv);

#endif
