// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - kflow-dpctl: manage kflow / Open vSwitch kernel datapaths.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dpctl.h"

struct command {
	const char *name;
	int (*fn)(struct dpctl *ctx, int argc, char **argv);
	int min_args, max_args;
	const char *args;
	const char *help;
};

static const struct command commands[] = {
	{ "show", cmd_show, 0, 1000, "[DP...]", "show basic info on datapaths" },
	{ "dump-dps", cmd_dump_dps, 0, 0, "", "display names of all datapaths" },
	{ "add-dp", cmd_add_dp, 1, 1000, "DP [IFACE...]",
	  "add new datapath DP (with IFACEs)" },
	{ "del-dp", cmd_del_dp, 1, 1, "DP", "delete datapath DP" },
	{ "add-if", cmd_add_if, 2, 1000, "DP IFACE...",
	  "add each IFACE as a port on DP" },
	{ "set-if", cmd_set_if, 2, 1000, "DP IFACE...",
	  "reconfigure each IFACE within DP" },
	{ "del-if", cmd_del_if, 2, 1000, "DP IFACE...",
	  "delete each IFACE from DP" },
	{ "dump-flows", cmd_dump_flows, 0, 1, "[DP]", "display flows in DP" },
	{ "add-flow", cmd_add_flow, 2, 3, "[DP] FLOW ACTIONS",
	  "add FLOW with ACTIONS to DP" },
	{ "add-flows", cmd_add_flows, 1, 2, "[DP] FILE",
	  "add the flows of FILE ('FLOW ACTIONS' per line; - for stdin)" },
	{ "mod-flow", cmd_mod_flow, 2, 3, "[DP] FLOW ACTIONS",
	  "change FLOW actions to ACTIONS in DP" },
	{ "get-flow", cmd_get_flow, 1, 2, "[DP] ufid:UFID|FLOW",
	  "fetch flow corresponding to UFID or FLOW" },
	{ "del-flow", cmd_del_flow, 1, 2, "[DP] FLOW|ufid:UFID",
	  "delete FLOW from DP" },
	{ "del-flows", cmd_del_flows, 0, 1, "[DP]", "delete all flows from DP" },
	{ "parse-flow", cmd_parse_flow, 1, 1000, "FLOW...",
	  "parse and print FLOWs (no datapath needed)" },
	{ "parse-actions", cmd_parse_actions, 1, 1000, "ACTIONS...",
	  "parse and print ACTIONS (no datapath needed)" },
};

#define N_COMMANDS	(sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "%s: kflow / Open vSwitch datapath management utility\n"
		"usage: %s [OPTIONS] COMMAND [ARG...]\n", PROG_NAME, PROG_NAME);
	for (i = 0; i < N_COMMANDS; i++) {
		char buf[64];

		snprintf(buf, sizeof(buf), "%s %s", commands[i].name,
			 commands[i].args);
		fprintf(f, "  %-30s %s\n", buf, commands[i].help);
	}
	fprintf(f,
		"DP is NAME or system@NAME; it is optional for the flow commands\n"
		"if there is only one datapath.  IFACE is NAME[,OPTION=VALUE]...\n"
		"with type=system|internal|gre|vxlan|geneve, dst_port=N,\n"
		"port_no=N and exts=gbp.\n"
		"Options:\n"
		"  -s, --statistics   print statistics for ports or flows\n"
		"  -m, --more         increase verbosity of output\n"
		"  --names            use port names in output (default with -m)\n"
		"  --no-names         use port numbers in output\n"
		"  --may-create       mod-flow: create the flow if missing\n"
		"  --clear            mod-flow: reset the flow statistics\n"
		"  -h, --help         display this help message\n");
}

enum { OPT_NAMES = 256, OPT_NO_NAMES, OPT_MAY_CREATE, OPT_CLEAR };

static int parse_options(struct dpctl *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "statistics", no_argument, NULL, 's' },
		{ "more", no_argument, NULL, 'm' },
		{ "names", no_argument, NULL, OPT_NAMES },
		{ "no-names", no_argument, NULL, OPT_NO_NAMES },
		{ "may-create", no_argument, NULL, OPT_MAY_CREATE },
		{ "clear", no_argument, NULL, OPT_CLEAR },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool set_names = false;
	int c;

	while ((c = getopt_long(argc, argv, "smh", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			ctx->statistics = true;
			break;
		case 'm':
			ctx->verbosity++;
			break;
		case OPT_NAMES:
			ctx->names = set_names = true;
			break;
		case OPT_NO_NAMES:
			ctx->names = false;
			set_names = true;
			break;
		case OPT_MAY_CREATE:
			ctx->may_create = true;
			break;
		case OPT_CLEAR:
			ctx->clear = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(1);
		}
	}
	if (!set_names)		/* like ovs-dpctl: names with -m */
		ctx->names = ctx->verbosity > 0;
	return optind;
}

int main(int argc, char **argv)
{
	struct dpctl ctx = { 0 };
	const struct command *cmd = NULL;
	int first, nargs, ret;
	size_t i;

	first = parse_options(&ctx, argc, argv);
	if (first >= argc) {
		usage(stderr);
		return 1;
	}
	if (!strcmp(argv[first], "help")) {
		usage(stdout);
		return 0;
	}
	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(argv[first], commands[i].name))
			cmd = &commands[i];
	if (!cmd) {
		dpctl_error("unknown command '%s'; use --help for help",
			    argv[first]);
		return 1;
	}
	nargs = argc - first - 1;
	if (nargs < cmd->min_args || nargs > cmd->max_args) {
		dpctl_error("'%s' command requires %s%s", cmd->name,
			    *cmd->args ? "arguments: " : "no arguments",
			    cmd->args);
		return 1;
	}
	ret = cmd->fn(&ctx, argc - first, argv + first);
	kf_nl_close(ctx.nl);
	return ret ? 1 : 0;
}
