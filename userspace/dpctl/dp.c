// SPDX-License-Identifier: GPL-2.0
/*
 * dp.c - show, dump-dps, add-dp, del-dp.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dpctl.h"
#include "vec.h"

struct port_list {
	struct kf_vport *v;
	size_t n, cap;
};

static int port_list_cb(const struct kf_vport *v, void *data)
{
	struct port_list *l = data;
	struct kf_vport *nv;

	if (l->n == l->cap) {
		nv = kf_vec_grow(l->v, &l->cap, sizeof(*nv), 16);
		if (!nv)
			return -ENOMEM;
		l->v = nv;
	}
	l->v[l->n++] = *v;
	return 0;
}

static int port_cmp(const void *a, const void *b)
{
	const struct kf_vport *x = a, *y = b;

	return x->port_no < y->port_no ? -1 : x->port_no > y->port_no;
}

static void print_stat(const char *label, uint64_t v)
{
	if (v == UINT64_MAX)
		printf("%s?", label);
	else
		printf("%s%" PRIu64, label, v);
}

static void print_human(uint64_t v)
{
	static const char *const units[] = { "TiB", "GiB", "MiB", "KiB" };
	int i;

	for (i = 0; i < 4; i++) {
		double div = (double)(1ULL << (10 * (4 - i)));

		if (v != UINT64_MAX && (double)v >= div) {
			printf(" (%.1f %s)", (double)v / div, units[i]);
			return;
		}
	}
}

/* Counters the vport does not report come from sysfs, or print "?". */
static uint64_t sysfs_stat(const char *dev, const char *name)
{
	char path[128];
	unsigned long long v;
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "/sys/class/net/%s/statistics/%s", dev,
		 name);
	f = fopen(path, "r");
	if (!f)
		return UINT64_MAX;
	ok = fscanf(f, "%llu", &v) == 1;
	fclose(f);
	return ok ? v : UINT64_MAX;
}

static void show_port_stats(const struct kf_vport *v)
{
	const struct ovs_vport_stats *s = &v->stats;

	if (!v->has_stats) {
		printf("    could not retrieve stats\n");
		return;
	}
	print_stat("    RX packets:", s->rx_packets);
	print_stat(" errors:", s->rx_errors);
	print_stat(" dropped:", s->rx_dropped);
	print_stat(" overruns:", sysfs_stat(v->name, "rx_over_errors"));
	print_stat(" frame:", sysfs_stat(v->name, "rx_frame_errors"));
	printf("\n");
	print_stat("    TX packets:", s->tx_packets);
	print_stat(" errors:", s->tx_errors);
	print_stat(" dropped:", s->tx_dropped);
	print_stat(" aborted:", sysfs_stat(v->name, "tx_aborted_errors"));
	print_stat(" carrier:", sysfs_stat(v->name, "tx_carrier_errors"));
	printf("\n");
	print_stat("    collisions:", sysfs_stat(v->name, "collisions"));
	printf("\n");
	print_stat("    RX bytes:", s->rx_bytes);
	print_human(s->rx_bytes);
	print_stat("  TX bytes:", s->tx_bytes);
	print_human(s->tx_bytes);
	printf("\n");
}

static void show_port(struct dpctl *ctx, const struct kf_vport *v)
{
	printf("  port %u: %s", v->port_no, v->name);
	if (v->type != OVS_VPORT_TYPE_NETDEV) {
		printf(" (%s", kf_vport_type_name(v->type));
		if (v->has_dst_port)
			printf(": dst_port=%u", v->dst_port);
		printf(")");
	}
	printf("\n");
	if (ctx->statistics)
		show_port_stats(v);
}

static void show_dp_stats(const struct kf_dp *dp)
{
	const struct ovs_dp_stats *s = &dp->stats;
	uint64_t pkts = s->n_hit + s->n_missed;

	printf("  lookups: hit:%" PRIu64 " missed:%" PRIu64 " lost:%" PRIu64
	       "\n  flows: %" PRIu64 "\n", (uint64_t)s->n_hit,
	       (uint64_t)s->n_missed, (uint64_t)s->n_lost,
	       (uint64_t)s->n_flows);
	if (!dp->has_megaflow_stats)
		return;
	printf("  masks: hit:%" PRIu64 " total:%" PRIu32 " hit/pkt:%.2f\n",
	       (uint64_t)dp->mf.n_mask_hit, dp->mf.n_masks,
	       pkts ? (double)dp->mf.n_mask_hit / (double)pkts : 0.0);
	if (dp->has_cache_hit)
		printf("  cache: hit:%" PRIu64 " hit-rate:%.2f%%\n",
		       (uint64_t)dp->mf.n_cache_hit,
		       pkts ? (double)dp->mf.n_cache_hit / (double)pkts * 100
			    : 0.0);
}

static int show_dp(struct dpctl *ctx, const struct kf_dp *dp)
{
	struct port_list l = { NULL, 0, 0 };
	size_t i;
	int err;

	printf("system@%s:\n", dp->name);
	if (dp->has_stats)
		show_dp_stats(dp);
	if (dp->has_masks_cache_size)
		printf("  caches:\n    masks-cache: size:%u\n",
		       dp->masks_cache_size);
	err = kf_vport_dump(ctx->nl, dp->ifindex, port_list_cb, &l);
	if (err) {
		free(l.v);
		return dpctl_kernel_error(ctx, err, "dumping ports of %s failed",
					  dp->name);
	}
	qsort(l.v, l.n, sizeof(*l.v), port_cmp);
	for (i = 0; i < l.n; i++)
		show_port(ctx, &l.v[i]);
	free(l.v);
	return 0;
}

struct dp_list {
	struct kf_dp *dp;
	size_t n, cap;
};

static int dp_list_cb(const struct kf_dp *dp, void *data)
{
	struct dp_list *l = data;
	struct kf_dp *nd;

	if (l->n == l->cap) {
		nd = kf_vec_grow(l->dp, &l->cap, sizeof(*nd), 8);
		if (!nd)
			return -ENOMEM;
		l->dp = nd;
	}
	l->dp[l->n++] = *dp;
	return 0;
}

static int dp_cmp(const void *a, const void *b)
{
	return strcmp(((const struct kf_dp *)a)->name,
		      ((const struct kf_dp *)b)->name);
}

static int list_dps(struct dpctl *ctx, struct dp_list *l)
{
	int err = dpctl_connect(ctx);

	if (err)
		return -err;
	err = kf_dp_dump(ctx->nl, dp_list_cb, l);
	if (err)
		return dpctl_kernel_error(ctx, err, "dumping datapaths failed");
	qsort(l->dp, l->n, sizeof(*l->dp), dp_cmp);
	return 0;
}

int cmd_show(struct dpctl *ctx, int argc, char **argv)
{
	struct dp_list l = { NULL, 0, 0 };
	struct kf_dp dp;
	int i, err, last = 0;

	if (argc > 1) {
		for (i = 1; i < argc; i++) {
			err = dpctl_find_dp(ctx, argv[i], &dp);
			if (!err)
				err = show_dp(ctx, &dp);
			if (err)
				last = err;
		}
		return last;
	}
	err = list_dps(ctx, &l);
	for (i = 0; !err && i < (int)l.n; i++) {
		err = show_dp(ctx, &l.dp[i]);
		if (err)
			last = err;
	}
	free(l.dp);
	return err ? err : last;
}

int cmd_dump_dps(struct dpctl *ctx, int argc, char **argv)
{
	struct dp_list l = { NULL, 0, 0 };
	size_t i;
	int err;

	(void)argc;
	(void)argv;
	err = list_dps(ctx, &l);
	for (i = 0; !err && i < l.n; i++)
		printf("system@%s\n", l.dp[i].name);
	free(l.dp);
	return err;
}

int cmd_add_dp(struct dpctl *ctx, int argc, char **argv)
{
	const char *name = dpctl_dp_name(argv[1]);
	struct kf_dp dp;
	int err;

	if (!name || !*name) {
		dpctl_error("%s: invalid datapath name", argv[1]);
		return EINVAL;
	}
	err = dpctl_connect(ctx);
	if (err)
		return -err;
	err = kf_dp_new(ctx->nl, name, KF_DP_DEFAULT_FEATURES, &dp);
	if (err)
		return dpctl_kernel_error(ctx, err, "add_dp: creating datapath %s failed",
					  argv[1]);
	if (argc > 2)
		return dpctl_add_ifaces(ctx, &dp, argc - 2, argv + 2);
	return 0;
}

int cmd_del_dp(struct dpctl *ctx, int argc, char **argv)
{
	const char *name = dpctl_dp_name(argv[1]);
	int err;

	(void)argc;
	if (!name) {
		dpctl_error("%s: invalid datapath name", argv[1]);
		return EINVAL;
	}
	err = dpctl_connect(ctx);
	if (err)
		return -err;
	err = kf_dp_del(ctx->nl, name);
	if (err)
		return dpctl_kernel_error(ctx, err, "opening datapath %s failed",
					  argv[1]);
	return 0;
}
