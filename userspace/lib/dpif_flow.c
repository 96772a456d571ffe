// SPDX-License-Identifier: GPL-2.0
/*
 * dpif_flow.c - ovs_flow family: install, modify, get, delete, flush and
 * dump flows.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "nl_priv.h"

static int flow_attr_cb(const struct nlattr *attr, void *data)
{
	return kf_attr_store(attr, data, OVS_FLOW_ATTR_MAX);
}

static void flow_parse_optional(const struct nlattr **tb, struct kf_flow *f)
{
	const struct nlattr *a;

	a = tb[OVS_FLOW_ATTR_UFID];
	if (a && mnl_attr_get_payload_len(a) >= 1 &&
	    mnl_attr_get_payload_len(a) <= KF_UFID_LEN) {
		memcpy(&f->ufid, mnl_attr_get_payload(a),
		       mnl_attr_get_payload_len(a));
		f->has_ufid = true;
	}
	a = tb[OVS_FLOW_ATTR_STATS];
	if (a && kf_attr_len_ok(a, sizeof(f->stats)))
		memcpy(&f->stats, mnl_attr_get_payload(a), sizeof(f->stats));
	a = tb[OVS_FLOW_ATTR_TCP_FLAGS];
	if (a && !mnl_attr_validate(a, MNL_TYPE_U8))
		f->tcp_flags = mnl_attr_get_u8(a);
	a = tb[OVS_FLOW_ATTR_USED];
	if (a && !mnl_attr_validate(a, MNL_TYPE_U64))
		f->used = mnl_attr_get_u64(a);
}

int kf_flow_parse(const struct nlmsghdr *nlh, struct kf_flow *f)
{
	const struct nlattr *tb[OVS_FLOW_ATTR_MAX + 1] = { NULL };

	memset(f, 0, sizeof(*f));
	if (mnl_nlmsg_get_payload_len(nlh) < KF_ATTR_OFFSET ||
	    mnl_attr_parse(nlh, KF_ATTR_OFFSET, flow_attr_cb, tb) < 0)
		return -EBADMSG;
	if (tb[OVS_FLOW_ATTR_KEY]) {
		f->key = mnl_attr_get_payload(tb[OVS_FLOW_ATTR_KEY]);
		f->key_len = mnl_attr_get_payload_len(tb[OVS_FLOW_ATTR_KEY]);
	}
	if (tb[OVS_FLOW_ATTR_MASK]) {
		f->mask = mnl_attr_get_payload(tb[OVS_FLOW_ATTR_MASK]);
		f->mask_len = mnl_attr_get_payload_len(tb[OVS_FLOW_ATTR_MASK]);
		f->has_mask = true;
	}
	if (tb[OVS_FLOW_ATTR_ACTIONS]) {
		f->actions = mnl_attr_get_payload(tb[OVS_FLOW_ATTR_ACTIONS]);
		f->actions_len =
			mnl_attr_get_payload_len(tb[OVS_FLOW_ATTR_ACTIONS]);
		f->has_actions = true;
	}
	flow_parse_optional(tb, f);
	return 0;
}

void kf_flow_free(struct kf_flow *flow)
{
	free(flow->owned);
	flow->owned = NULL;
}

static bool flow_put_blob(struct nlmsghdr *nlh, size_t room, uint16_t type,
			  const void *data, size_t len)
{
	if (len > UINT16_MAX - MNL_ATTR_HDRLEN)
		return false;
	return mnl_attr_put_check(nlh, room, type, len, data);
}

int kf_flow_put_attrs(struct nlmsghdr *nlh, size_t room,
		      const struct kf_flow_req *req)
{
	if (req->key && !flow_put_blob(nlh, room, OVS_FLOW_ATTR_KEY,
				       req->key, req->key_len))
		return -EMSGSIZE;
	if (req->mask && !flow_put_blob(nlh, room, OVS_FLOW_ATTR_MASK,
					req->mask, req->mask_len))
		return -EMSGSIZE;
	if (req->has_actions &&
	    !flow_put_blob(nlh, room, OVS_FLOW_ATTR_ACTIONS, req->actions,
			   req->actions_len))
		return -EMSGSIZE;
	if (req->ufid && !flow_put_blob(nlh, room, OVS_FLOW_ATTR_UFID,
					req->ufid, KF_UFID_LEN))
		return -EMSGSIZE;
	if (req->ufid_flags &&
	    !mnl_attr_put_u32_check(nlh, room, OVS_FLOW_ATTR_UFID_FLAGS,
				    req->ufid_flags))
		return -EMSGSIZE;
	if (req->clear &&
	    !mnl_attr_put_check(nlh, room, OVS_FLOW_ATTR_CLEAR, 0, NULL))
		return -EMSGSIZE;
	if (req->probe &&
	    !mnl_attr_put_check(nlh, room, OVS_FLOW_ATTR_PROBE, 0, NULL))
		return -EMSGSIZE;
	return 0;
}

struct flow_reply {
	struct kf_flow *out;		/* single reply, copied */
	kf_flow_cb cb;			/* dump */
	void *data;
	int err;
};

static int flow_copy_reply(const struct nlmsghdr *nlh, struct kf_flow *out)
{
	struct nlmsghdr *copy;
	int err;

	copy = malloc(nlh->nlmsg_len);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, nlh, nlh->nlmsg_len);
	kf_flow_free(out);
	err = kf_flow_parse(copy, out);
	if (err) {
		free(copy);
		return err;
	}
	out->owned = copy;
	return 0;
}

static int flow_reply_cb(const struct nlmsghdr *nlh, void *data)
{
	struct flow_reply *r = data;
	struct kf_flow f;
	int err;

	if (r->err)
		return MNL_CB_OK;	/* drain the rest of a dump */
	if (r->out) {
		r->err = flow_copy_reply(nlh, r->out);
		return MNL_CB_OK;
	}
	err = kf_flow_parse(nlh, &f);
	if (!err && r->cb)
		err = r->cb(&f, r->data);
	r->err = err;
	return MNL_CB_OK;
}

static int flow_request(struct kf_nl *nl, int dp_ifindex, uint8_t cmd,
			uint16_t flags, const struct kf_flow_req *req,
			struct kf_flow *reply)
{
	struct flow_reply r = { reply, NULL, NULL, 0 };
	struct nlmsghdr *nlh;
	int err;

	if (reply) {
		memset(reply, 0, sizeof(*reply));
		if (cmd != OVS_FLOW_CMD_GET)
			flags |= NLM_F_ECHO;
	}
	nlh = kf_msg_start(nl, KF_FLOW, cmd, flags, dp_ifindex);
	if (req) {
		err = kf_flow_put_attrs(nlh, kf_msg_room(nl), req);
		if (err)
			return err;
	}
	err = kf_transact(nl, nlh, reply ? flow_reply_cb : NULL, &r);
	if (!err)
		err = r.err;
	if (err && reply)
		kf_flow_free(reply);
	return err;
}

int kf_flow_put(struct kf_nl *nl, int dp_ifindex, enum kf_flow_put_mode mode,
		const struct kf_flow_req *req, struct kf_flow *reply)
{
	switch (mode) {
	case KF_FLOW_CREATE:
		return flow_request(nl, dp_ifindex, OVS_FLOW_CMD_NEW,
				    NLM_F_CREATE, req, reply);
	case KF_FLOW_MODIFY:
		return flow_request(nl, dp_ifindex, OVS_FLOW_CMD_SET, 0, req,
				    reply);
	case KF_FLOW_CREATE_OR_MODIFY:
		return flow_request(nl, dp_ifindex, OVS_FLOW_CMD_NEW, 0, req,
				    reply);
	}
	return -EINVAL;
}

int kf_flow_del(struct kf_nl *nl, int dp_ifindex,
		const struct kf_flow_req *req, struct kf_flow *reply)
{
	return flow_request(nl, dp_ifindex, OVS_FLOW_CMD_DEL, 0, req, reply);
}

int kf_flow_flush(struct kf_nl *nl, int dp_ifindex)
{
	return flow_request(nl, dp_ifindex, OVS_FLOW_CMD_DEL, 0, NULL, NULL);
}

int kf_flow_get(struct kf_nl *nl, int dp_ifindex,
		const struct kf_flow_req *req, struct kf_flow *out)
{
	return flow_request(nl, dp_ifindex, OVS_FLOW_CMD_GET, 0, req, out);
}

int kf_flow_dump(struct kf_nl *nl, int dp_ifindex, uint32_t ufid_flags,
		 kf_flow_cb cb, void *data)
{
	struct flow_reply r = { NULL, cb, data, 0 };
	struct nlmsghdr *nlh;
	int err;

	nlh = kf_msg_start(nl, KF_FLOW, OVS_FLOW_CMD_GET, NLM_F_DUMP,
			   dp_ifindex);
	if (ufid_flags)
		mnl_attr_put_u32(nlh, OVS_FLOW_ATTR_UFID_FLAGS, ufid_flags);
	err = kf_transact(nl, nlh, flow_reply_cb, &r);
	return err ? err : r.err;
}
