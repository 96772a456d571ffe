// SPDX-License-Identifier: GPL-2.0
/*
 * dump.c - dump-flows, dump-tables and show: multipart and simple
 * requests, printed the way ovs-ofctl prints them.
 */
#include <stdlib.h>
#include <string.h>
#include "ofctl.h"

static int bad_reply(const char *what, const struct kf_ofp_err *e)
{
	ofctl_error("%s: malformed reply: %s", what, e->msg);
	return -1;
}

static int print_flows(void *arg, const uint8_t *msg, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	struct kf_ofp_flow *flows;
	struct kf_ofp_err e = { 0 };
	struct kf_ofp_mp mp;
	size_t i, n;

	(void)arg;
	if (kf_ofp_decode_multipart(msg, len, &mp, &e) ||
	    kf_ofp_decode_flow_stats_reply(&mp, &flows, &n, &e))
		return bad_reply("dump-flows", &e);
	for (i = 0; i < n; i++) {
		sb_clear(&sb);
		kf_ofp_format_flow(&sb, &flows[i], KF_STYLE_DUMP);
		printf("%s\n", sb_str(&sb));
		kf_ofp_flow_free(&flows[i]);
	}
	free(flows);
	sb_free(&sb);
	return 0;
}

/* Open @target, send the request built by the caller, print replies. */
static int request(struct ofctl *ctx, const char *target, struct kf_wbuf *b,
		   ofctl_reply_fn *cb, void *arg)
{
	struct ofctl_conn c;
	int ret;

	if (ofctl_open(ctx, target, &c))
		return 1;
	ret = b->oom ? -1 : ofctl_transact(&c, b, cb, arg);
	ofctl_close(&c);
	return ret ? 1 : 0;
}

int cmd_dump_flows(struct ofctl *ctx, int argc, char **argv)
{
	struct kf_ofp_flow_stats_request r = { 0 };
	struct kf_wbuf b = KF_WBUF_INIT;
	struct ofctl_filter f;
	char err[KF_ERR_LEN];
	int ret = 1;

	if (ofctl_parse_filter(argc > 2 ? argv[2] : "", false, &f, err)) {
		ofctl_error("%s", err);
		goto out;
	}
	r.table_id = f.table_given ? f.flow.table_id : KF_OFPTT_ALL;
	r.out_port = f.out_port;
	r.out_group = KF_OFPG_ANY;
	r.cookie = f.flow.cookie;
	r.cookie_mask = f.flow.cookie_mask;
	r.match = f.flow.match;
	if (kf_ofp_encode_flow_stats_request(&b, 1, KF_OFPMP_FLOW, &r, err))
		ofctl_error("dump-flows: %s", err);
	else
		ret = request(ctx, argv[1], &b, print_flows, NULL);
out:
	kf_ofp_flow_free(&f.flow);
	kf_wbuf_free(&b);
	return ret;
}

/* Table statistics; a run of empty tables prints as one line. */
struct tables {
	bool header;
	bool in_run;
	unsigned int first;	/* of the run of empty tables */
	unsigned int last;
};

static void end_run(struct tables *t)
{
	if (!t->in_run)
		return;
	if (t->first == t->last)
		printf("  table %u: empty\n", t->last);
	else
		printf("  tables %u...%u: empty\n", t->first, t->last);
	t->in_run = false;
}

static int print_tables(void *arg, const uint8_t *msg, size_t len)
{
	struct kf_ofp_table_stats ts[256];
	struct kf_ofp_err e = { 0 };
	struct tables *t = arg;
	struct kf_ofp_mp mp;
	size_t i, n;

	if (kf_ofp_decode_multipart(msg, len, &mp, &e) ||
	    kf_ofp_decode_table_stats(&mp, ts, 256, &n, &e))
		return bad_reply("dump-tables", &e);
	if (!t->header)
		printf("OFPST_TABLE reply (OF1.3) (xid=0x%x):\n",
		       ofctl_msg_xid(msg));
	t->header = true;
	for (i = 0; i < n; i++) {
		if (ts[i].table_id && !ts[i].active_count &&
		    !ts[i].lookup_count) {
			if (!t->in_run)
				t->first = ts[i].table_id;
			t->in_run = true;
			t->last = ts[i].table_id;
			continue;
		}
		end_run(t);
		printf("  table %u:\n    active=%u, lookup=%llu, "
		       "matched=%llu\n", ts[i].table_id, ts[i].active_count,
		       (unsigned long long)ts[i].lookup_count,
		       (unsigned long long)ts[i].matched_count);
	}
	return 0;
}

int cmd_dump_tables(struct ofctl *ctx, int argc, char **argv)
{
	struct kf_wbuf b = KF_WBUF_INIT;
	struct tables t = { false, false, 0, 0 };
	int ret;

	(void)argc;
	kf_ofp_end(&b, kf_ofp_mp_start(&b, KF_OFPT_MULTIPART_REQUEST, 1,
				       KF_OFPMP_TABLE, 0));
	ret = request(ctx, argv[1], &b, print_tables, &t);
	end_run(&t);
	kf_wbuf_free(&b);
	return ret;
}
