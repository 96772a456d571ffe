// SPDX-License-Identifier: GPL-2.0
/*
 * dp_flows.c - datapath flow dump, modify and delete (alone or batched)
 * by UFID, for revalidation.
 */
#include <string.h>
#include "dp.h"
#include "dpif.h"

struct dump_ctx {
	kfd_dp_dump_fn *fn;
	void *aux;
};

static int dump_cb(const struct kf_flow *flow, void *data)
{
	struct dump_ctx *c = data;
	struct kfd_dp_dumped d;

	memset(&d, 0, sizeof(d));
	d.has_ufid = flow->has_ufid;
	memcpy(d.ufid, flow->ufid.u32, sizeof(d.ufid));
	d.packets = flow->stats.n_packets;
	d.bytes = flow->stats.n_bytes;
	d.used_ms = flow->used;
	d.f.key = flow->key;
	d.f.key_len = flow->key_len;
	d.f.mask = flow->mask;
	d.f.mask_len = flow->has_mask ? flow->mask_len : 0;
	d.f.acts = flow->actions;
	d.f.acts_len = flow->has_actions ? flow->actions_len : 0;
	return c->fn(&d, c->aux);
}

int kfd_dp_reval_dump(struct kfd_dp *dp, bool with_attrs, kfd_dp_dump_fn *fn,
		      void *aux)
{
	struct dump_ctx c = { fn, aux };
	uint32_t flags = with_attrs ? 0 : OVS_UFID_F_OMIT_KEY |
					  OVS_UFID_F_OMIT_MASK |
					  OVS_UFID_F_OMIT_ACTIONS;

	return kf_flow_dump(dp->nl, dp->ifindex, flags, dump_cb, &c);
}

/* A set of @ufid's actions to @f's (@u: the UFID's storage). */
static void modify_req(struct kf_flow_req *req, struct kf_ufid *u,
		       const uint32_t ufid[4], const struct kfd_dpflow *f)
{
	memcpy(u->u32, ufid, sizeof(u->u32));
	memset(req, 0, sizeof(*req));
	req->key = f->key;
	req->key_len = f->key_len;
	req->mask = f->mask;
	req->mask_len = f->mask_len;
	req->actions = f->acts;
	req->actions_len = f->acts_len;
	req->has_actions = true;
	req->ufid = u;
	req->ufid_flags = OVS_UFID_F_OMIT_KEY | OVS_UFID_F_OMIT_MASK |
			  OVS_UFID_F_OMIT_ACTIONS;
}

int kfd_dp_flow_modify(struct kfd_dp *dp, const uint32_t ufid[4],
		       const struct kfd_dpflow *f)
{
	struct kf_flow_req req;
	struct kf_ufid u;

	modify_req(&req, &u, ufid, f);
	return kf_flow_put(dp->nl, dp->ifindex, KF_FLOW_MODIFY, &req, NULL);
}

int kfd_dp_batch_modify(struct kfd_dp *dp, struct kf_batch *b,
			const uint32_t ufid[4], const struct kfd_dpflow *f)
{
	struct kf_flow_req req;
	struct kf_ufid u;

	modify_req(&req, &u, ufid, f);
	return kf_batch_flow_put(b, dp->ifindex, KF_FLOW_MODIFY, &req);
}

/* A delete of @ufid (@u: its storage), answering with counters only. */
static void del_req(struct kf_flow_req *req, struct kf_ufid *u,
		    const uint32_t ufid[4])
{
	memcpy(u->u32, ufid, sizeof(u->u32));
	memset(req, 0, sizeof(*req));
	req->ufid = u;
	req->ufid_flags = OVS_UFID_F_OMIT_KEY | OVS_UFID_F_OMIT_MASK |
			  OVS_UFID_F_OMIT_ACTIONS;
}

int kfd_dp_batch_del(struct kfd_dp *dp, struct kf_batch *b,
		     const uint32_t ufid[4])
{
	struct kf_flow_req req;
	struct kf_ufid u;

	del_req(&req, &u, ufid);
	return kf_batch_flow_del(b, dp->ifindex, &req);
}

int kfd_dp_flow_del(struct kfd_dp *dp, const uint32_t ufid[4],
		    uint64_t *packets, uint64_t *bytes)
{
	struct kf_flow_req req;
	struct kf_flow reply;
	struct kf_ufid u;
	int ret;

	del_req(&req, &u, ufid);
	memset(&reply, 0, sizeof(reply));
	ret = kf_flow_del(dp->nl, dp->ifindex, &req,
			  packets || bytes ? &reply : NULL);
	if (ret)
		return ret;
	if (packets)
		*packets = reply.stats.n_packets;
	if (bytes)
		*bytes = reply.stats.n_bytes;
	kf_flow_free(&reply);
	return 0;
}
