// SPDX-License-Identifier: GPL-2.0
/*
 * flows.c - dump-flows, add-flow, mod-flow, get-flow, del-flow, del-flows.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "dpctl.h"

struct flow_args {
	const char *dp;		/* NULL: the only datapath */
	const char *flow;
	const char *actions;
};

/*
 * [DP] FLOW [ACTIONS]: @n is the number of arguments without DP.  Splits
 * them into @a and finds the datapath they name into @dp.
 */
static int flow_cmd_args(struct dpctl *ctx, int argc, char **argv, int n,
			 struct flow_args *a, struct kf_dp *dp)
{
	memset(a, 0, sizeof(*a));
	if (argc - 1 != n && argc - 1 != n + 1) {
		dpctl_error("'%s' command takes %s%d arguments", argv[0],
			    n ? "" : "at most ", n + 1);
		return EINVAL;
	}
	if (argc - 1 == n + 1)
		a->dp = argv[1];
	if (n >= 1)
		a->flow = argv[argc - n];
	if (n >= 2)
		a->actions = argv[argc - 1];
	return dpctl_find_dp(ctx, a->dp, dp);
}

static void print_flow(struct dpctl *ctx, const struct kf_flow *f,
		       const struct odp_portmap *names)
{
	struct strbuf sb;

	sb_init(&sb);
	if (ctx->verbosity && f->has_ufid) {
		odp_ufid_format(&sb, &f->ufid);
		sb_puts(&sb, ", ");
	}
	odp_key_format(&sb, f->key, f->key_len, f->mask, f->mask_len, names,
		       ctx->verbosity > 0);
	sb_puts(&sb, ", ");
	odp_stats_format(&sb, f->stats.n_packets, f->stats.n_bytes, f->used,
			 f->tcp_flags, dpctl_now_ms());
	if (ctx->verbosity)
		sb_puts(&sb, ", dp:ovs");
	sb_puts(&sb, ", actions:");
	odp_actions_format(&sb, f->actions, f->actions_len, names);
	printf("%s\n", sb_str(&sb));
	sb_free(&sb);
}

struct dump_ctx {
	struct dpctl *ctx;
	const struct odp_portmap *names;
};

static int dump_cb(const struct kf_flow *f, void *data)
{
	struct dump_ctx *d = data;

	print_flow(d->ctx, f, d->names);
	return 0;
}

int cmd_dump_flows(struct dpctl *ctx, int argc, char **argv)
{
	struct odp_portmap map = { NULL, 0, 0 };
	struct dump_ctx d = { ctx, NULL };
	struct flow_args a;
	struct kf_dp dp;
	int err;

	err = flow_cmd_args(ctx, argc, argv, 0, &a, &dp);
	if (err)
		return err;
	if (ctx->names) {
		err = dpctl_portmap(ctx, dp.ifindex, &map);
		if (err)
			return err;
		d.names = &map;
	}
	err = kf_flow_dump(ctx->nl, dp.ifindex, 0, dump_cb, &d);
	odp_portmap_free(&map);
	if (err)
		return dpctl_kernel_error(ctx, err,
					  "Failed to dump flows from datapath");
	return 0;
}

struct parsed_flow {
	struct nlbuf key, mask, acts;
	struct kf_ufid ufid;
	bool has_ufid;
	bool has_key;
};

static void parsed_flow_free(struct parsed_flow *pf)
{
	nlbuf_free(&pf->key);
	nlbuf_free(&pf->mask);
	nlbuf_free(&pf->acts);
}

/* Parse "[ufid:UUID] [KEY]" and optional actions. */
static int parse_flow(const char *flow, const char *actions,
		      const struct odp_portmap *ports, struct parsed_flow *pf)
{
	char err[ODP_ERR_LEN];
	int n;

	nlbuf_init(&pf->key, NLBUF_DEFAULT_SIZE);
	nlbuf_init(&pf->mask, NLBUF_DEFAULT_SIZE);
	nlbuf_init(&pf->acts, NLBUF_DEFAULT_SIZE);
	pf->has_ufid = false;
	n = odp_ufid_from_string(flow, &pf->ufid);
	if (n < 0) {
		dpctl_error("%.41s: invalid UFID (expected ufid:XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX)",
			    flow);
		return EINVAL;
	}
	pf->has_ufid = n > 0;
	if (odp_key_from_string(flow + n, ports, &pf->key, &pf->mask, err)) {
		dpctl_error("%s", err);
		return EINVAL;
	}
	pf->has_key = nlbuf_len(&pf->key) > 0;
	if (actions && odp_actions_from_string(actions, ports, &pf->acts, err)) {
		dpctl_error("%s", err);
		return EINVAL;
	}
	return 0;
}

/*
 * Parse FLOW and ACTIONS against @map and put them into datapath
 * @ifindex; with -s, print the statistics of the flow replaced.
 */
int dpctl_put_flow(struct dpctl *ctx, int ifindex,
		   const struct odp_portmap *map, const char *flow,
		   const char *actions, enum kf_flow_put_mode mode)
{
	struct kf_flow_req req = { 0 };
	struct parsed_flow pf;
	struct kf_flow reply;
	int err;

	err = parse_flow(flow, actions, map, &pf);
	if (err)
		goto out;
	if (!pf.has_ufid && mode == KF_FLOW_CREATE) {
		err = odp_ufid_generate(&pf.ufid);
		if (err) {
			dpctl_error("generating a UFID failed (%s)",
				    strerror(-err));
			err = -err;
			goto out;
		}
		pf.has_ufid = true;
	}
	req.key = nlbuf_data(&pf.key);
	req.key_len = nlbuf_len(&pf.key);
	req.mask = nlbuf_data(&pf.mask);
	req.mask_len = nlbuf_len(&pf.mask);
	req.actions = nlbuf_data(&pf.acts);
	req.actions_len = nlbuf_len(&pf.acts);
	req.has_actions = true;
	req.ufid = pf.has_ufid ? &pf.ufid : NULL;
	req.clear = ctx->clear;
	err = kf_flow_put(ctx->nl, ifindex, mode, &req,
			  ctx->statistics ? &reply : NULL);
	if (err) {
		err = dpctl_kernel_error(ctx, err, "updating flow table");
		goto out;
	}
	if (ctx->statistics) {
		struct strbuf sb;

		sb_init(&sb);
		odp_stats_format(&sb, reply.stats.n_packets,
				 reply.stats.n_bytes, reply.used,
				 reply.tcp_flags, dpctl_now_ms());
		printf("%s\n", sb_str(&sb));
		sb_free(&sb);
		kf_flow_free(&reply);
	}
out:
	parsed_flow_free(&pf);
	return err;
}

static int put_flow(struct dpctl *ctx, int argc, char **argv,
		    enum kf_flow_put_mode mode)
{
	struct odp_portmap map = { NULL, 0, 0 };
	struct flow_args a;
	struct kf_dp dp;
	int err;

	err = flow_cmd_args(ctx, argc, argv, 2, &a, &dp);
	if (!err)
		err = dpctl_portmap(ctx, dp.ifindex, &map);
	if (err)
		return err;
	err = dpctl_put_flow(ctx, dp.ifindex, &map, a.flow, a.actions, mode);
	odp_portmap_free(&map);
	return err;
}

int cmd_add_flow(struct dpctl *ctx, int argc, char **argv)
{
	return put_flow(ctx, argc, argv, KF_FLOW_CREATE);
}

int cmd_mod_flow(struct dpctl *ctx, int argc, char **argv)
{
	return put_flow(ctx, argc, argv, ctx->may_create ?
			KF_FLOW_CREATE_OR_MODIFY : KF_FLOW_MODIFY);
}

static int lookup_flow(struct dpctl *ctx, int argc, char **argv, bool del)
{
	struct odp_portmap map = { NULL, 0, 0 };
	struct kf_flow_req req = { 0 };
	struct parsed_flow pf;
	struct kf_flow reply;
	struct flow_args a;
	struct kf_dp dp;
	bool want = !del || ctx->statistics;
	int err;

	err = flow_cmd_args(ctx, argc, argv, 1, &a, &dp);
	if (!err)
		err = dpctl_portmap(ctx, dp.ifindex, &map);
	if (err)
		return err;
	err = parse_flow(a.flow, NULL, &map, &pf);
	if (err)
		goto out;
	if (!pf.has_ufid && !pf.has_key) {
		dpctl_error("%s: a flow key or ufid:UFID is required", argv[0]);
		err = EINVAL;
		goto out;
	}
	if (pf.has_key) {
		req.key = nlbuf_data(&pf.key);
		req.key_len = nlbuf_len(&pf.key);
	}
	req.ufid = pf.has_ufid ? &pf.ufid : NULL;
	if (del)
		err = kf_flow_del(ctx->nl, dp.ifindex, &req,
				  want ? &reply : NULL);
	else
		err = kf_flow_get(ctx->nl, dp.ifindex, &req, &reply);
	if (err) {
		err = dpctl_kernel_error(ctx, err, del ? "deleting flow" :
					 "getting flow");
		if (err == ENOENT && del && !pf.has_ufid)
			printf("Perhaps you need to specify a UFID?\n");
		goto out;
	}
	if (del && want) {
		struct strbuf sb;

		sb_init(&sb);
		odp_stats_format(&sb, reply.stats.n_packets,
				 reply.stats.n_bytes, reply.used,
				 reply.tcp_flags, dpctl_now_ms());
		printf("%s\n", sb_str(&sb));
		sb_free(&sb);
	} else if (want) {
		print_flow(ctx, &reply, ctx->names ? &map : NULL);
	}
	if (want)
		kf_flow_free(&reply);
out:
	odp_portmap_free(&map);
	parsed_flow_free(&pf);
	return err;
}

int cmd_get_flow(struct dpctl *ctx, int argc, char **argv)
{
	return lookup_flow(ctx, argc, argv, false);
}

int cmd_del_flow(struct dpctl *ctx, int argc, char **argv)
{
	return lookup_flow(ctx, argc, argv, true);
}

int cmd_del_flows(struct dpctl *ctx, int argc, char **argv)
{
	struct flow_args a;
	struct kf_dp dp;
	int err;

	err = flow_cmd_args(ctx, argc, argv, 0, &a, &dp);
	if (err)
		return err;
	err = kf_flow_flush(ctx->nl, dp.ifindex);
	if (err)
		return dpctl_kernel_error(ctx, err, "deleting all flows");
	return 0;
}

/* Offline helpers: parse and re-print, no kernel needed. */
int cmd_parse_flow(struct dpctl *ctx, int argc, char **argv)
{
	struct parsed_flow pf;
	struct strbuf sb;
	int i, err = 0;

	for (i = 1; i < argc && !err; i++) {
		err = parse_flow(argv[i], NULL, NULL, &pf);
		if (!err) {
			sb_init(&sb);
			odp_key_format(&sb, nlbuf_data(&pf.key),
				       nlbuf_len(&pf.key), nlbuf_data(&pf.mask),
				       nlbuf_len(&pf.mask), NULL,
				       ctx->verbosity > 0);
			printf("%s\n", sb_str(&sb));
			sb_free(&sb);
		}
		parsed_flow_free(&pf);
	}
	return err;
}

int cmd_parse_actions(struct dpctl *ctx, int argc, char **argv)
{
	char err[ODP_ERR_LEN];
	struct strbuf sb;
	struct nlbuf b;
	int i, ret = 0;

	(void)ctx;
	for (i = 1; i < argc && !ret; i++) {
		nlbuf_init(&b, NLBUF_DEFAULT_SIZE);
		if (odp_actions_from_string(argv[i], NULL, &b, err)) {
			dpctl_error("%s", err);
			ret = EINVAL;
		} else {
			sb_init(&sb);
			odp_actions_format(&sb, nlbuf_data(&b), nlbuf_len(&b),
					   NULL);
			printf("%s\n", sb_str(&sb));
			sb_free(&sb);
		}
		nlbuf_free(&b);
	}
	return ret;
}
