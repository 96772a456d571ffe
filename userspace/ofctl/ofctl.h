/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ofctl.h - kflow-ofctl: program a bridge's OpenFlow tables over its
 * management socket (kflowd's RUNDIR/BR.mgmt or ovs-vswitchd's), speaking
 * OpenFlow 1.3 with the Nicira extensions through libkflowd's wire codec.
 *
 * Layout: main.c (options, command table), target.c (BR -> socket path,
 * flow filter arguments: out_port=, table=), flowfile.c (add-flows input
 * with FILE:LINE errors), vconn.c (connect, hello, send/receive, echo,
 * barrier, OpenFlow errors), ofperr.c (error names), mod.c (add/mod/del),
 * dump.c (dump-flows, dump-tables, show).
 *
 * Every modification is followed by a BARRIER_REQUEST; the command returns
 * once the barrier reply arrived, so the switch has applied every flow_mod
 * before the tool exits.  Errors the switch sends back are reported with
 * their names and the request they answer (FILE:LINE for add-flows).
 */
#ifndef KFLOW_OFCTL_H
#define KFLOW_OFCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "ofp.h"
#include "ofp_wire.h"
#include "tool_error.h"

#define PROG_NAME "kflow-ofctl"
#define OFCTL_DEFAULT_RUNDIR "/run/kflow"
#define OFCTL_BATCH 256		/* flow_mods sent per barrier */

struct ofctl {
	const char *rundir;	/* --rundir, $KFLOW_RUNDIR or the default */
	bool strict;		/* --strict */
	int timeout_s;		/* --timeout: 0 waits forever */
};

/* One open connection to a switch. */
struct ofctl_conn {
	int fd;
	char target[160];	/* as given, for messages */
	uint8_t *rbuf;
	size_t rlen;
	size_t consumed;	/* length of the message last returned */
	uint32_t next_xid;
	int timeout_s;
};

/* The xid of a whole message (at least a header). */
static inline uint32_t ofctl_msg_xid(const uint8_t *msg)
{
	return (uint32_t)msg[4] << 24 | (uint32_t)msg[5] << 16 |
	       (uint32_t)msg[6] << 8 | msg[7];
}

/* Print "kflow-ofctl: <fmt>" to stderr. */
#define ofctl_error(...) kf_tool_error(PROG_NAME, __VA_ARGS__)

/* target.c */
/* "unix:PATH" -> PATH, "br0" -> RUNDIR/br0.mgmt.  -EINVAL with a message
 * for other methods (tcp:, ssl:) or a name that is too long. */
int ofctl_target_path(const char *rundir, const char *target, char *path,
		      size_t size, char err[KF_ERR_LEN]);
/* A flow given to mod/del/dump-flows.  out_port=P is not part of the flow
 * syntax (it is a filter of the request): it is removed from the text.
 * @table_given tells whether table=N was written (else: all tables). */
struct ofctl_filter {
	struct kf_ofp_flow flow;
	uint16_t out_port;	/* KF_PORT_NONE: any */
	bool table_given;
};
int ofctl_parse_filter(const char *s, bool need_actions,
		       struct ofctl_filter *f, char err[KF_ERR_LEN]);

/* flowfile.c: the flows of an add-flows FILE ("-" for stdin): comments
 * (#) and blank lines are skipped; a bad line fails the whole file with
 * "FILE:LINE: <parse error>". */
struct ofctl_flows {
	struct kf_ofp_flow *v;
	unsigned int *line;	/* source line of each flow */
	size_t n;
};
int ofctl_read_flows(const char *name, FILE *f, struct ofctl_flows *out,
		     char err[KF_ERR_LEN]);
void ofctl_flows_free(struct ofctl_flows *fl);

/* ofperr.c: "OFPBAC_BAD_OUT_PORT" or "OFPET 2 code 99". */
void ofctl_format_error(struct strbuf *sb, uint16_t type, uint16_t code);
const char *ofctl_msg_name(uint8_t type);

/* vconn.c */
int ofctl_open(const struct ofctl *ctx, const char *target,
	       struct ofctl_conn *c);
void ofctl_close(struct ofctl_conn *c);
uint32_t ofctl_xid(struct ofctl_conn *c);
int ofctl_send(struct ofctl_conn *c, const struct kf_wbuf *b);
/* Next message other than ECHO_REQUEST (answered here).  *msg points into
 * the connection's buffer until the next call. */
int ofctl_recv(struct ofctl_conn *c, const uint8_t **msg, size_t *len);
/* Send @b (requests whose xids are [first, last]) and a barrier; wait for
 * the barrier reply.  Each OFPT_ERROR is reported through @on_error
 * (return value ignored) and counted; returns the error count, or -1 if
 * the connection failed. */
typedef void ofctl_error_fn(void *arg, uint32_t xid,
			    const struct kf_ofp_error_msg *em);
int ofctl_transact_barrier(struct ofctl_conn *c, const struct kf_wbuf *b,
			   ofctl_error_fn *on_error, void *arg);
/* Report an OFPT_ERROR: "TARGET: WHAT: OFPBAC_BAD_OUT_PORT ...". */
void ofctl_report_error(const struct ofctl_conn *c, const char *what,
			const struct kf_ofp_error_msg *em);
/* Send one request, receive replies with its xid until one without
 * KF_OFPMPF_MORE (multipart) or any other reply: @cb gets each.  An
 * OFPT_ERROR is reported and fails the call. */
typedef int ofctl_reply_fn(void *arg, const uint8_t *msg, size_t len);
int ofctl_transact(struct ofctl_conn *c, const struct kf_wbuf *req,
		   ofctl_reply_fn *cb, void *arg);

/* Subcommands. */
int cmd_add_flow(struct ofctl *ctx, int argc, char **argv);
int cmd_add_flows(struct ofctl *ctx, int argc, char **argv);
int cmd_mod_flows(struct ofctl *ctx, int argc, char **argv);
int cmd_del_flows(struct ofctl *ctx, int argc, char **argv);
int cmd_dump_flows(struct ofctl *ctx, int argc, char **argv);
int cmd_dump_tables(struct ofctl *ctx, int argc, char **argv);
int cmd_show(struct ofctl *ctx, int argc, char **argv);

#endif
