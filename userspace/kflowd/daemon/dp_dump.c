// SPDX-License-Identifier: GPL-2.0
/*
 * dp_dump.c - dump the datapath's flows whole (UFID, key, mask,
 * actions, counters) for kflow-ctl dump-dp-flows.
 */
#include <string.h>
#include "dp.h"
#include "dpif.h"
#include "odp.h"

struct dump_ctx {
	kfd_dp_flow_fn *fn;
	void *aux;
};

static int dump_cb(const struct kf_flow *f, void *data)
{
	struct dump_ctx *c = data;
	struct strbuf ufid = STRBUF_INIT;
	struct kfd_dp_flow df;
	int ret;

	memset(&df, 0, sizeof(df));
	if (f->has_ufid) {
		odp_ufid_format(&ufid, &f->ufid);
		df.ufid = f->ufid.u32;
		df.ufid_text = sb_str(&ufid);
	}
	df.key = f->key;
	df.key_len = f->key_len;
	df.mask = f->has_mask ? f->mask : NULL;
	df.mask_len = f->has_mask ? f->mask_len : 0;
	df.acts = f->actions;
	df.acts_len = f->actions_len;
	df.packets = f->stats.n_packets;
	df.bytes = f->stats.n_bytes;
	df.used_ms = f->used;
	df.tcp_flags = f->tcp_flags;
	ret = c->fn(&df, c->aux);
	sb_free(&ufid);
	return ret;
}

int kfd_dp_flow_dump(struct kfd_dp *dp, kfd_dp_flow_fn *fn, void *aux)
{
	struct dump_ctx c = { fn, aux };

	return kf_flow_dump(dp->nl, dp->ifindex, 0, dump_cb, &c);
}
