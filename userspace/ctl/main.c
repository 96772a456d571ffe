// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - kflow-ctl: manage kflowd's bridges and ports and look into
 * its pipeline and datapath cache, over RUNDIR/kflowd.ctl.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kflow_ctl.h"

static const struct {
	const char *name;
	int (*fn)(const struct kfc *c, int argc, char **argv);
	int min_args, max_args;
	const char *args;
	const char *help;
} commands[] = {
	{ "add-br", kfc_cmd_send, 1, 1, "BR", "add bridge BR" },
	{ "del-br", kfc_cmd_send, 1, 1, "BR",
	  "delete bridge BR, its ports and rules" },
	{ "add-port", kfc_cmd_add_port, 2, 60, "BR PORT [OPTION...]",
	  "add PORT to BR (options below)" },
	{ "del-port", kfc_cmd_send, 2, 2, "BR PORT", "delete PORT from BR" },
	{ "show", kfc_cmd_send, 0, 0, "", "bridges, ports, types, options" },
	{ "trace", kfc_cmd_trace, 2, 60, "BR FLOW|in_port=N HEX",
	  "walk FLOW through BR's tables" },
	{ "dump-dp-flows", kfc_cmd_send, 0, 1, "[BR]",
	  "cached datapath flows and their rules" },
	{ "upcall-stats", kfc_cmd_send, 0, 0, "", "the daemon's counters" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	char buf[64];
	size_t i;

	fprintf(f, "%s: manage kflowd's bridges and ports, trace its "
		"pipeline\nusage: %s [--rundir DIR] COMMAND [ARG...]\n",
		PROG_NAME, PROG_NAME);
	for (i = 0; i < N_COMMANDS; i++) {
		snprintf(buf, sizeof(buf), "%s %s", commands[i].name,
			 commands[i].args);
		fprintf(f, "  %-32s %s\n", buf, commands[i].help);
	}
	fprintf(f,
		"OPTION: type=system|internal|patch|vxlan|geneve|gre ofport=N\n"
		"        peer=PORT (patch) tag=VLAN trunks=V,V... no_flood\n"
		"        remote_ip=A|flow local_ip=A key=flow|N dst_port=N (tunnels)\n"
		"FLOW:   ovs-ofctl match syntax with in_port=N|PORT, e.g.\n"
		"        \"in_port=1,icmp,nw_src=10.0.0.1,nw_dst=10.0.0.2\"\n"
		"  --rundir DIR   kflowd's run directory (default /run/kflow)\n"
		"  -h, --help     this message\n");
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "rundir", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct kfc c = { "/run/kflow" };
	size_t i;
	int opt, n;

	while ((opt = getopt_long(argc, argv, "+h", lo, NULL)) != -1) {
		switch (opt) {
		case 'r': c.rundir = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind == argc) {
		usage(stderr);
		return 2;
	}
	argv += optind;
	argc -= optind;
	for (i = 0; i < N_COMMANDS; i++) {
		if (strcmp(argv[0], commands[i].name))
			continue;
		n = argc - 1;
		if (n < commands[i].min_args || n > commands[i].max_args) {
			kfc_error("%s: expected %s%s", argv[0],
				  *commands[i].args ? commands[i].args :
				  "no arguments", "");
			return 2;
		}
		return commands[i].fn(&c, argc, argv);
	}
	kfc_error("%s: unknown command (try --help)", argv[0]);
	return 2;
}
