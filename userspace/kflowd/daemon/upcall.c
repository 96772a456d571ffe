// SPDX-License-Identifier: GPL-2.0
/*
 * upcall.c - miss upcalls: decode the key, translate, install the
 * megaflow, execute the packet.
 */
#include <errno.h>
#include <linux/openvswitch.h>
#include <stdio.h>
#include <syslog.h>
#include <time.h>
#include "controller.h"
#include "kflowd.h"
#include "log.h"
#include "mac_learning.h"
#include "upcall_key.h"
#include "xlate.h"

uint64_t kfd_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void credit_one(const uint32_t ufid[4], uint64_t packets,
		       uint64_t bytes, void *aux)
{
	struct kfd *d = aux;

	kfd_mflows_credit(&d->mflows, ufid, packets, bytes, kfd_now_ms());
}

void kfd_stats_pull(struct kfd *d)
{
	int ret;

	d->next_stats_ms = kfd_now_ms() + KFD_STATS_INTERVAL_MS;
	if (!d->mflows.n)
		return;
	ret = kfd_dp_flow_stats(&d->dp, credit_one, d);
	if (ret)
		kfd_log(LOG_WARNING, "dump datapath flow statistics: %s %s",
			strerror(-ret), kfd_dp_errmsg(&d->dp));
}

void kfd_revalidate(struct kfd *d)
{
	int ret;

	kfd_stats_pull(d);
	kfd_mflows_clear(&d->mflows);
	ret = kfd_dp_flush(&d->dp);

	if (ret)
		kfd_log(LOG_WARNING, "flush datapath flows: %s %s",
			strerror(-ret), kfd_dp_errmsg(&d->dp));
	d->n_flows = 0;
	d->stats.flushes++;
}

bool kfd_install(struct kfd *d, const struct kf_xlate_out *x,
		 const struct nlbuf *acts)
{
	uint32_t ufid[4];
	int ret;

	if (d->n_flows >= d->flow_limit) {
		d->stats.flow_limit_hits++;
		return false;
	}
	ret = kfd_dp_flow_put(&d->dp, nlbuf_data(&x->key), nlbuf_len(&x->key),
			      nlbuf_data(&x->mask), nlbuf_len(&x->mask),
			      nlbuf_data(acts), nlbuf_len(acts), ufid);
	if (ret == -EEXIST)
		return false;	/* another packet of the batch installed it */
	if (ret) {
		d->stats.flow_put_errors++;
		kfd_log(LOG_WARNING, "install megaflow: %s %s",
			strerror(-ret), kfd_dp_errmsg(&d->dp));
		return false;
	}
	d->n_flows++;
	d->stats.flows_installed++;
	if (kfd_mflows_add(&d->mflows, ufid, x->rules, x->n_rules))
		kfd_log(LOG_WARNING, "megaflow table: out of memory (its "
			"statistics will not reach the rules)");
	return true;
}

static void execute(struct kfd *d, const struct kfd_upcall *up,
		    const struct kf_xlate_out *x)
{
	int ret;

	if (!nlbuf_len(&x->actions))
		return;			/* drop */
	ret = kfd_dp_execute(&d->dp, up->packet, up->packet_len, up->key,
			     up->key_len, nlbuf_data(&x->actions),
			     nlbuf_len(&x->actions));
	if (ret) {
		d->stats.execute_errors++;
		kfd_log(LOG_WARNING, "execute packet: %s %s", strerror(-ret),
			kfd_dp_errmsg(&d->dp));
		return;
	}
	d->stats.executed++;
}

static void handle_miss(struct kfd *d, const struct kfd_upcall *up)
{
	char err[KF_ERR_LEN];
	struct kf_xlate_out x;
	struct kf_xlate_in xin;

	memset(&xin, 0, sizeof(xin));
	if (kf_upcall_key_to_flow(d->ofp, up->key, up->key_len, &xin.flow,
				  &xin.bridge, err)) {
		d->stats.dropped++;
		kfd_log(LOG_DEBUG, "upcall dropped: %s", err);
		return;
	}
	xin.ofproto = d->ofp;
	xin.upcall_pid = d->dp.up_pid;
	xin.now_ms = kfd_now_ms();
	xin.may_learn = true;
	kf_xlate_out_init(&x);
	if (kf_xlate(&xin, &x)) {
		d->stats.dropped++;
		kfd_log(LOG_DEBUG, "translation failed: error %d", x.error);
	}
	d->stats.packet_ins += x.n_pins;
	/* A slow-path megaflow's own statistics count its packets. */
	if (up->cmd == OVS_PACKET_CMD_MISS)
		kf_xlate_credit(&x, 1, up->packet_len, xin.now_ms);
	if (x.n_macs)
		kfd_revalidate(d);	/* flows flooding to a MAC now known */
	if (x.slow) {
		kfd_slow_path(d, up, &x);
	} else {
		if (!x.error && up->cmd == OVS_PACKET_CMD_MISS)
			kfd_install(d, &x, &x.actions);
		execute(d, up, &x);
	}
	kf_xlate_out_free(&x);
}

void kfd_upcall_run(struct kfd *d)
{
	struct kfd_upcall up;
	int i, ret;

	for (i = 0; i < KFD_UPCALL_BATCH; i++) {
		ret = kfd_dp_recv(&d->dp, d->upbuf, d->upbuf_len, &up);
		if (ret == 0)
			return;
		if (ret < 0) {
			d->stats.recv_errors++;
			if (ret != -ENOBUFS && ret != -EBADMSG)
				return;
			continue;
		}
		d->stats.upcalls++;
		if (up.cmd == OVS_PACKET_CMD_MISS || kfd_slow_upcall(&up))
			handle_miss(d, &up);
		else if (up.cmd == OVS_PACKET_CMD_ACTION)
			kfd_ctrl_packet_in(d, &up);
	}
}

void kfd_tick(struct kfd *d)
{
	uint64_t now = kfd_now_ms();
	size_t i, expired = 0;

	if (now < d->next_stats_ms)
		return;
	for (i = 0; i < d->ofp->n_bridges; i++)
		expired += kf_mac_expire(d->ofp->bridges[i]->ml, now);
	if (expired)
		kfd_revalidate(d);	/* forwarding to aged-out MACs floods */
	else
		kfd_stats_pull(d);
}
