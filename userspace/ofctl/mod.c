// SPDX-License-Identifier: GPL-2.0
/*
 * mod.c - add-flow, add-flows, mod-flows, del-flows: flow_mods followed
 * by a barrier, errors reported against the flow (or FILE:LINE) they
 * answer.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "ofctl.h"

/* Which request an error answers: xids first..first+n-1 are flows
 * index base..base+n-1 of @lines (NULL: a single command line flow). */
struct err_ctx {
	struct ofctl_conn *conn;
	const char *what;	/* "add-flow", "FILE" */
	const unsigned int *lines;
	uint32_t first_xid;
	size_t base;
};

static void on_error(void *arg, uint32_t xid,
		     const struct kf_ofp_error_msg *em)
{
	struct err_ctx *ec = arg;
	char what[KF_ERR_LEN];
	size_t i = xid - ec->first_xid;

	if (ec->lines)
		snprintf(what, sizeof(what), "%s:%u", ec->what,
			 ec->lines[ec->base + i]);
	else
		snprintf(what, sizeof(what), "%s", ec->what);
	ofctl_report_error(ec->conn, what, em);
}

/* Encode one flow_mod of @fl (borrowed) with @command. */
static int put_flow_mod(struct kf_wbuf *b, uint32_t xid, uint8_t command,
			const struct kf_ofp_flow *fl, uint16_t out_port,
			const char *what)
{
	struct kf_ofp_flow_mod fm;
	char err[KF_ERR_LEN];

	kf_ofp_flow_mod_init(&fm);
	fm.command = command;
	fm.out_port = out_port;
	fm.flow = *fl;
	if (kf_ofp_encode_flow_mod(b, xid, &fm, err)) {
		ofctl_error("%s: %s", what, err);
		return -EINVAL;
	}
	return 0;
}

/* Send @n flows as ADD flow_mods, OFCTL_BATCH per barrier. */
static int add_flows(struct ofctl_conn *c, const struct ofctl_flows *fl,
		     const char *what)
{
	struct kf_wbuf b = KF_WBUF_INIT;
	struct err_ctx ec = { c, what, fl->line, 0, 0 };
	size_t i, end;
	int r = 0, n_err = 0;

	for (ec.base = 0; ec.base < fl->n && !r; ec.base = end) {
		end = ec.base + OFCTL_BATCH < fl->n ? ec.base + OFCTL_BATCH :
						      fl->n;
		kf_wbuf_clear(&b);
		ec.first_xid = c->next_xid;
		for (i = ec.base; i < end && !r; i++)
			r = put_flow_mod(&b, ofctl_xid(c), KF_OFPFC_ADD,
					 &fl->v[i], KF_PORT_NONE, what);
		if (!r)
			r = ofctl_transact_barrier(c, &b, on_error, &ec);
		if (r > 0)
			n_err += r;
		r = r < 0 ? r : 0;
	}
	kf_wbuf_free(&b);
	return r || n_err ? 1 : 0;
}

int cmd_add_flow(struct ofctl *ctx, int argc, char **argv)
{
	struct ofctl_flows fl = { 0 };
	struct kf_ofp_flow f;
	struct ofctl_conn c;
	char err[KF_ERR_LEN];
	int ret;

	(void)argc;
	kf_ofp_flow_init(&f);
	if (kf_ofp_parse_flow(argv[2], true, &f, err)) {
		ofctl_error("%s", err);
		return 1;
	}
	fl.v = &f;
	fl.line = NULL;		/* errors name "add-flow", no line */
	fl.n = 1;
	ret = ofctl_open(ctx, argv[1], &c) ? 1 : add_flows(&c, &fl, "add-flow");
	if (c.fd >= 0)
		ofctl_close(&c);
	kf_ofp_flow_free(&f);
	return ret;
}

int cmd_add_flows(struct ofctl *ctx, int argc, char **argv)
{
	const char *name = argv[2];
	struct ofctl_flows fl;
	struct ofctl_conn c;
	char err[KF_ERR_LEN];
	FILE *f = strcmp(name, "-") ? fopen(name, "r") : stdin;
	int ret;

	(void)argc;
	if (!f) {
		ofctl_error("%s: %s", name, strerror(errno));
		return 1;
	}
	ret = ofctl_read_flows(strcmp(name, "-") ? name : "stdin", f, &fl,
			       err);
	if (f != stdin)
		fclose(f);
	if (ret) {
		ofctl_error("%s", err);
		return 1;
	}
	ret = ofctl_open(ctx, argv[1], &c) ? 1 :
		add_flows(&c, &fl, strcmp(name, "-") ? name : "stdin");
	if (c.fd >= 0)
		ofctl_close(&c);
	ofctl_flows_free(&fl);
	return ret;
}

/* mod-flows / del-flows: one flow_mod selecting rules by @text. */
static int change(struct ofctl *ctx, const char *target, const char *text,
		  uint8_t command, const char *what)
{
	struct kf_wbuf b = KF_WBUF_INIT;
	struct ofctl_filter f;
	struct ofctl_conn c;
	char err[KF_ERR_LEN];
	struct err_ctx ec = { &c, what, NULL, 0, 0 };
	bool del = command >= KF_OFPFC_DELETE;
	int ret;

	if (ofctl_parse_filter(text, !del, &f, err)) {
		ofctl_error("%s", err);
		kf_ofp_flow_free(&f.flow);
		return 1;
	}
	/* OpenFlow 1.3 allows "all tables" only for deletes: a modify
	 * without table= acts on table 0, as with ovs-ofctl -O OpenFlow13. */
	if (!f.table_given && del)
		f.flow.table_id = KF_OFPTT_ALL;
	ret = ofctl_open(ctx, target, &c) ? 1 : 0;
	if (!ret) {
		ec.first_xid = ofctl_xid(&c);
		ret = put_flow_mod(&b, ec.first_xid, command, &f.flow,
				   f.out_port, what) ? 1 :
			ofctl_transact_barrier(&c, &b, on_error, &ec) ? 1 : 0;
		ofctl_close(&c);
	}
	kf_wbuf_free(&b);
	kf_ofp_flow_free(&f.flow);
	return ret;
}

int cmd_mod_flows(struct ofctl *ctx, int argc, char **argv)
{
	(void)argc;
	return change(ctx, argv[1], argv[2], ctx->strict ?
		      KF_OFPFC_MODIFY_STRICT : KF_OFPFC_MODIFY, "mod-flows");
}

int cmd_del_flows(struct ofctl *ctx, int argc, char **argv)
{
	return change(ctx, argv[1], argc > 2 ? argv[2] : "", ctx->strict ?
		      KF_OFPFC_DELETE_STRICT : KF_OFPFC_DELETE, "del-flows");
}
