// SPDX-License-Identifier: GPL-2.0
/*
 * flows_file.c - add-flows: install many flows from a file in one run
 * (one netlink socket, one port map), "FLOW ACTIONS" per line.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dpctl.h"

/*
 * Split @line in place into the flow and its actions (the last word);
 * returns false for a line without both.
 */
static bool split_flow_line(char *line, char **flow, char **actions)
{
	char *end = line + strlen(line);
	char *sp;

	while (end > line && isspace((unsigned char)end[-1]))
		*--end = '\0';
	while (isspace((unsigned char)*line))
		line++;
	sp = end;
	while (sp > line && !isspace((unsigned char)sp[-1]))
		sp--;
	if (sp == line)
		return false;
	*actions = sp;
	while (sp > line && isspace((unsigned char)sp[-1]))
		*--sp = '\0';
	*flow = line;
	return true;
}

static int add_flows_from(struct dpctl *ctx, const struct kf_dp *dp,
			  const struct odp_portmap *map, FILE *f,
			  const char *fname)
{
	char *line = NULL, *flow, *actions;
	unsigned long lineno = 0;
	size_t cap = 0;
	int err = 0;

	while (getline(&line, &cap, f) >= 0) {
		char *p = line;

		lineno++;
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0' || *p == '#')
			continue;
		if (!split_flow_line(p, &flow, &actions)) {
			dpctl_error("%s:%lu: expected 'FLOW ACTIONS', got '%s'",
				    fname, lineno, p);
			err = EINVAL;
			break;
		}
		err = dpctl_put_flow(ctx, dp->ifindex, map, flow, actions,
				     KF_FLOW_CREATE);
		if (err) {
			dpctl_error("%s:%lu: flow not added", fname, lineno);
			break;
		}
	}
	if (!err && ferror(f)) {
		dpctl_error("%s: read error (%s)", fname, strerror(errno));
		err = EIO;
	}
	free(line);
	return err;
}

int cmd_add_flows(struct dpctl *ctx, int argc, char **argv)
{
	struct odp_portmap map = { NULL, 0, 0 };
	const char *fname = argv[argc - 1];
	struct kf_dp dp;
	FILE *f;
	int err;

	err = dpctl_find_dp(ctx, argc == 3 ? argv[1] : NULL, &dp);
	if (!err)
		err = dpctl_portmap(ctx, dp.ifindex, &map);
	if (err)
		return err;
	f = strcmp(fname, "-") ? fopen(fname, "r") : stdin;
	if (!f) {
		dpctl_error("%s: cannot open (%s)", fname, strerror(errno));
		odp_portmap_free(&map);
		return errno;
	}
	err = add_flows_from(ctx, &dp, &map, f, fname);
	if (f != stdin)
		fclose(f);
	odp_portmap_free(&map);
	return err;
}
