/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kflow_ctl.h - kflow-ctl: a client of kflowd's control socket
 * RUNDIR/kflowd.ctl (protocol: kflowd/ctl_proto.h).  Every command is
 * checked here for its shape, sent as one request line, and its reply
 * body printed; an error reply is printed as "kflow-ctl: MESSAGE" and
 * exits 1.
 */
#ifndef KFLOW_CTL_H
#define KFLOW_CTL_H

#include "tool_error.h"

#define PROG_NAME "kflow-ctl"

struct kfc {
	const char *rundir;		/* --rundir, default /run/kflow */
};

/* Send @argv (argv[0] is the command) and print the reply.  Returns the
 * exit status: 0, or 1 after printing the error. */
int kfc_call(const struct kfc *c, int argc, char **argv);
#define kfc_error(...) kf_tool_error(PROG_NAME, __VA_ARGS__)

/* The commands; argv[0] is the command name. */
int kfc_cmd_send(const struct kfc *c, int argc, char **argv);	/* as is */
int kfc_cmd_add_port(const struct kfc *c, int argc, char **argv);
int kfc_cmd_trace(const struct kfc *c, int argc, char **argv);

#endif
