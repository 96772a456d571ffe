// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz_env.c - what kflow-nlfuzz runs around its fuzzers: the target
 * datapaths nfz0/nfz1 (with an internal port and the netdevs nfzv0 and
 * nfzv1 if they exist), a churner that creates and deletes datapaths
 * nfzc0/nfzc1 with ports and flows, a traffic process group, and the
 * teardown of every datapath a run created.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "fz_flows.h"
#include "nl_priv.h"
#include "nlfuzz.h"

static void churn_flows(struct kf_nl *nl, struct fz_rng *r, int dp)
{
	const struct fz_action *a;
	int i;

	for (i = 0; i < 8; i++) {
		a = fz_action_any(r);
		fz_flow_add(nl, dp, fz_keys[fz_key_for(r, a)].text, a->text,
			    nl->portid, fz_chance(r, 30));
	}
}

static int count_cb(const struct kf_flow *f, void *data)
{
	(void)f;
	++*(int *)data;
	return 0;
}

/* Datapaths nfzc0/nfzc1 come and go, with ports and flows. */
int nf_churn(struct nf_shared *sh)
{
	struct kf_vport_req vr;
	struct fz_rng r;
	struct kf_nl *nl;
	struct kf_dp dp;
	char name[IFNAMSIZ], port[IFNAMSIZ];
	int round, i, n;

	if (nf_open_nl(&nl))
		return 1;
	fz_seed(&r, nf_run.seed, 0xc4);
	for (round = 0; !nf_stop; round++) {
		snprintf(name, sizeof(name), "nfzc%d", round % 2);
		if (kf_dp_new(nl, name, KF_DP_DEFAULT_FEATURES, &dp) &&
		    kf_dp_get(nl, name, &dp))
			continue;
		for (i = 0; i < 3; i++) {
			snprintf(port, sizeof(port), "nfzc%dp%d", round % 2, i);
			memset(&vr, 0, sizeof(vr));
			vr.name = port;
			vr.type = OVS_VPORT_TYPE_INTERNAL;
			vr.port_no = KF_PORT_NONE;
			vr.has_upcall_pid = true;
			vr.upcall_pid = nl->portid;
			kf_vport_new(nl, dp.ifindex, &vr, NULL);
		}
		churn_flows(nl, &r, dp.ifindex);
		n = 0;
		kf_flow_dump(nl, dp.ifindex, 0, count_cb, &n);
		snprintf(port, sizeof(port), "nfzc%dp1", round % 2);
		kf_vport_del(nl, dp.ifindex, port, KF_PORT_NONE);
		if (fz_chance(&r, 50))
			kf_flow_flush(nl, dp.ifindex);
		if (fz_chance(&r, 70))
			kf_dp_del(nl, name);
		__atomic_add_fetch(&sh->churn_rounds, 1, __ATOMIC_RELAXED);
		usleep(nf_opt.churn_pause_ms * 1000);
	}
	kf_dp_del(nl, "nfzc0");
	kf_dp_del(nl, "nfzc1");
	kf_nl_close(nl);
	return 0;
}

int nf_traffic(void)
{
	pid_t p;
	int st;

	setpgid(0, 0);
	while (!nf_stop) {
		p = fork();
		if (p == 0) {
			execl("/bin/sh", "sh", "-c", nf_opt.traffic, (char *)NULL);
			_exit(127);
		}
		if (p < 0 || waitpid(p, &st, 0) < 0)
			break;
		if (!nf_stop)
			usleep(100000);
	}
	return 0;
}

/* Targets for the fuzzers: nfz0 and nfz1 with an internal port, and a
 * netdev port for each existing device nfzv0 / nfzv1. */
void nf_setup(void)
{
	static const char *const netdevs[] = { "nfzv0", "nfzv1" };
	struct kf_vport_req vr;
	struct kf_nl *nl;
	struct kf_dp dp;
	char name[IFNAMSIZ], port[IFNAMSIZ], path[64];
	int d, i;

	if (nf_open_nl(&nl))
		exit(1);
	for (d = 0; d < 2; d++) {
		snprintf(name, sizeof(name), "nfz%d", d);
		if (kf_dp_new(nl, name, KF_DP_DEFAULT_FEATURES, &dp) &&
		    kf_dp_get(nl, name, &dp))
			continue;
		memset(&vr, 0, sizeof(vr));
		vr.port_no = KF_PORT_NONE;
		vr.has_upcall_pid = true;
		vr.upcall_pid = 0;
		snprintf(port, sizeof(port), "nfzp%d", d);
		vr.name = port;
		vr.type = OVS_VPORT_TYPE_INTERNAL;
		kf_vport_new(nl, dp.ifindex, &vr, NULL);
		for (i = d; i < 2; i += 2) {
			snprintf(path, sizeof(path), "/sys/class/net/%s",
				 netdevs[i]);	/* not if_nametoindex(): modprobe */
			if (access(path, F_OK))
				continue;
			vr.name = netdevs[i];
			vr.type = OVS_VPORT_TYPE_NETDEV;
			kf_vport_new(nl, dp.ifindex, &vr, NULL);
		}
	}
	kf_nl_close(nl);
}

int nf_collect_dp(const struct kf_dp *dp, void *data)
{
	struct nf_dp_names *names = data;

	if (names->n < 64) {
		names->ifindex[names->n] = dp->ifindex;
		snprintf(names->name[names->n++], IFNAMSIZ, "%s", dp->name);
	}
	return 0;
}

static bool has_name(const struct nf_dp_names *names, const char *name)
{
	int i;

	for (i = 0; i < names->n; i++)
		if (!strcmp(names->name[i], name))
			return true;
	return false;
}

void nf_teardown(const struct nf_dp_names *before)
{
	struct nf_dp_names now = { .n = 0 };
	struct kf_nl *nl;
	int i, err;

	if (nf_open_nl(&nl))
		return;
	kf_dp_dump(nl, nf_collect_dp, &now);
	for (i = 0; i < now.n; i++) {
		if (has_name(before, now.name[i]))
			continue;
		err = kf_transact(nl, kf_msg_start(nl, KF_DATAPATH,
						   OVS_DP_CMD_DEL, 0,
						   now.ifindex[i]), NULL, NULL);
		if (err)
			printf("nlfuzz: deleting datapath %s (ifindex %d): %s\n",
			       now.name[i], now.ifindex[i], strerror(-err));
	}
	kf_nl_close(nl);
}

