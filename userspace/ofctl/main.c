// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - kflow-ofctl: OpenFlow 1.3 flow programming of a kflowd (or
 * ovs-vswitchd) bridge over its management socket.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "ofctl.h"

struct command {
	const char *name;
	int (*fn)(struct ofctl *ctx, int argc, char **argv);
	int min_args, max_args;
	const char *args;
	const char *help;
};

static const struct command commands[] = {
	{ "show", cmd_show, 1, 1, "BR", "show features and ports of BR" },
	{ "dump-tables", cmd_dump_tables, 1, 1, "BR",
	  "print table statistics of BR" },
	{ "dump-flows", cmd_dump_flows, 1, 2, "BR [FLOW]",
	  "print the flows of BR (matching FLOW)" },
	{ "add-flow", cmd_add_flow, 2, 2, "BR FLOW", "add FLOW to BR" },
	{ "add-flows", cmd_add_flows, 2, 2, "BR FILE",
	  "add the flows in FILE (- for stdin)" },
	{ "mod-flows", cmd_mod_flows, 2, 2, "BR FLOW",
	  "change the actions of the flows matching FLOW" },
	{ "del-flows", cmd_del_flows, 1, 2, "BR [FLOW]",
	  "delete the flows matching FLOW (all)" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	char buf[64];
	size_t i;

	fprintf(f, "%s: OpenFlow 1.3 switch management utility\n"
		"usage: %s [OPTIONS] COMMAND BR [ARG...]\n", PROG_NAME,
		PROG_NAME);
	for (i = 0; i < N_COMMANDS; i++) {
		snprintf(buf, sizeof(buf), "%s %s", commands[i].name,
			 commands[i].args);
		fprintf(f, "  %-24s %s\n", buf, commands[i].help);
	}
	fprintf(f,
		"BR is a bridge name (its socket RUNDIR/BR.mgmt) or unix:PATH.\n"
		"FLOW is in ovs-ofctl syntax; mod/del/dump-flows also take\n"
		"out_port=PORT, and act on all tables unless table=N is given.\n"
		"Options:\n"
		"  --strict            mod-flows, del-flows: match priority and\n"
		"                      the exact match\n"
		"  --rundir DIR        where BR.mgmt is (default $KFLOW_RUNDIR or\n"
		"                      " OFCTL_DEFAULT_RUNDIR ")\n"
		"  -t, --timeout SECS  give up waiting for a reply after SECS\n"
		"  -O OpenFlow13       the only protocol spoken (accepted for\n"
		"                      compatibility)\n"
		"  -h, --help          display this help message\n");
}

enum { OPT_STRICT = 256, OPT_RUNDIR };

static int parse_timeout(struct ofctl *ctx, const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end || end == s || v < 0 || v > 86400) {
		ofctl_error("--timeout=%s: not a number of seconds (0..86400)",
			    s);
		return -1;
	}
	ctx->timeout_s = (int)v;
	return 0;
}

static int parse_options(struct ofctl *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "rundir", required_argument, NULL, OPT_RUNDIR },
		{ "timeout", required_argument, NULL, 't' },
		{ "protocols", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "t:O:h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_STRICT:
			ctx->strict = true;
			break;
		case OPT_RUNDIR:
			ctx->rundir = optarg;
			break;
		case 't':
			if (parse_timeout(ctx, optarg))
				return -1;
			break;
		case 'O':
			if (strcasecmp(optarg, "OpenFlow13")) {
				ofctl_error("-O %s: only OpenFlow13 is "
					    "supported", optarg);
				return -1;
			}
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct ofctl ctx = { getenv("KFLOW_RUNDIR"), false, 0 };
	const struct command *cmd = NULL;
	int nargs;
	size_t i;

	if (!ctx.rundir || !*ctx.rundir)
		ctx.rundir = OFCTL_DEFAULT_RUNDIR;
	if (parse_options(&ctx, argc, argv))
		return 1;
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		usage(stderr);
		return 1;
	}
	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(argv[0], commands[i].name))
			cmd = &commands[i];
	if (!cmd) {
		ofctl_error("unknown command '%s'; use --help for help",
			    argv[0]);
		return 1;
	}
	nargs = argc - 1;
	if (nargs < cmd->min_args || nargs > cmd->max_args) {
		ofctl_error("'%s' takes %s", cmd->name, cmd->args);
		return 1;
	}
	return cmd->fn(&ctx, argc, argv);
}
