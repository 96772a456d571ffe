// SPDX-License-Identifier: GPL-2.0
/*
 * dpif_dp.c - ovs_datapath family: create, delete, get, dump, features.
 */
#include <errno.h>
#include <string.h>
#include "nl_priv.h"

static int dp_attr_cb(const struct nlattr *attr, void *data)
{
	return kf_attr_store(attr, data, OVS_DP_ATTR_MAX);
}

static void dp_parse_megaflow(const struct nlattr *a, struct kf_dp *dp)
{
	size_t len = mnl_attr_get_payload_len(a);
	size_t min = offsetof(struct ovs_dp_megaflow_stats, n_cache_hit);

	if (len < min)
		return;
	if (len > sizeof(dp->mf))
		len = sizeof(dp->mf);
	memcpy(&dp->mf, mnl_attr_get_payload(a), len);
	dp->has_megaflow_stats = true;
	dp->has_cache_hit = len >= min + sizeof(dp->mf.n_cache_hit);
}

int kf_dp_parse(const struct nlmsghdr *nlh, struct kf_dp *dp)
{
	const struct nlattr *tb[OVS_DP_ATTR_MAX + 1] = { NULL };

	memset(dp, 0, sizeof(*dp));
	if (mnl_nlmsg_get_payload_len(nlh) < KF_ATTR_OFFSET ||
	    mnl_attr_parse(nlh, KF_ATTR_OFFSET, dp_attr_cb, tb) < 0)
		return -EBADMSG;
	dp->ifindex = kf_msg_ovs_header(nlh)->dp_ifindex;
	if (!tb[OVS_DP_ATTR_NAME] ||
	    mnl_attr_validate(tb[OVS_DP_ATTR_NAME], MNL_TYPE_NUL_STRING) < 0)
		return -EBADMSG;
	snprintf(dp->name, sizeof(dp->name), "%s",
		 mnl_attr_get_str(tb[OVS_DP_ATTR_NAME]));
	if (tb[OVS_DP_ATTR_STATS] &&
	    kf_attr_len_ok(tb[OVS_DP_ATTR_STATS], sizeof(dp->stats))) {
		memcpy(&dp->stats, mnl_attr_get_payload(tb[OVS_DP_ATTR_STATS]),
		       sizeof(dp->stats));
		dp->has_stats = true;
	}
	if (tb[OVS_DP_ATTR_MEGAFLOW_STATS])
		dp_parse_megaflow(tb[OVS_DP_ATTR_MEGAFLOW_STATS], dp);
	if (tb[OVS_DP_ATTR_USER_FEATURES] &&
	    !mnl_attr_validate(tb[OVS_DP_ATTR_USER_FEATURES], MNL_TYPE_U32)) {
		dp->user_features =
			mnl_attr_get_u32(tb[OVS_DP_ATTR_USER_FEATURES]);
		dp->has_user_features = true;
	}
	if (tb[OVS_DP_ATTR_MASKS_CACHE_SIZE] &&
	    !mnl_attr_validate(tb[OVS_DP_ATTR_MASKS_CACHE_SIZE], MNL_TYPE_U32)) {
		dp->masks_cache_size =
			mnl_attr_get_u32(tb[OVS_DP_ATTR_MASKS_CACHE_SIZE]);
		dp->has_masks_cache_size = true;
	}
	return 0;
}

struct dp_reply {
	struct kf_dp *dp;
	kf_dp_cb cb;
	void *data;
	int err;
};

static int dp_reply_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dp_reply *r = data;
	struct kf_dp dp, *p = r->dp ? r->dp : &dp;
	int err;

	if (r->err)
		return MNL_CB_OK;	/* drain the rest of a dump */
	err = kf_dp_parse(nlh, p);
	if (!err && r->cb)
		err = r->cb(p, r->data);
	r->err = err;
	return MNL_CB_OK;
}

static int dp_request(struct kf_nl *nl, uint8_t cmd, uint16_t flags,
		      const char *name, const uint32_t *features,
		      struct kf_dp *out)
{
	struct dp_reply r = { out, NULL, NULL, 0 };
	struct nlmsghdr *nlh;
	int err;

	nlh = kf_msg_start(nl, KF_DATAPATH, cmd, flags, 0);
	if (name)
		mnl_attr_put_strz(nlh, OVS_DP_ATTR_NAME, name);
	if (cmd == OVS_DP_CMD_NEW)
		mnl_attr_put_u32(nlh, OVS_DP_ATTR_UPCALL_PID, 0);
	if (features)
		mnl_attr_put_u32(nlh, OVS_DP_ATTR_USER_FEATURES, *features);
	err = kf_transact(nl, nlh, out ? dp_reply_cb : NULL, &r);
	return err ? err : r.err;
}

int kf_dp_new(struct kf_nl *nl, const char *name, uint32_t user_features,
	      struct kf_dp *out)
{
	if (strlen(name) >= IFNAMSIZ)
		return -ENAMETOOLONG;
	return dp_request(nl, OVS_DP_CMD_NEW, out ? NLM_F_ECHO : 0, name,
			  &user_features, out);
}

int kf_dp_del(struct kf_nl *nl, const char *name)
{
	return dp_request(nl, OVS_DP_CMD_DEL, 0, name, NULL, NULL);
}

int kf_dp_get(struct kf_nl *nl, const char *name, struct kf_dp *out)
{
	if (strlen(name) >= IFNAMSIZ)
		return -ENODEV;
	return dp_request(nl, OVS_DP_CMD_GET, 0, name, NULL, out);
}

int kf_dp_set_features(struct kf_nl *nl, const char *name,
		       uint32_t user_features)
{
	return dp_request(nl, OVS_DP_CMD_SET, 0, name, &user_features, NULL);
}

int kf_dp_set_per_cpu_pids(struct kf_nl *nl, const char *name,
			   uint32_t user_features, const uint32_t *pids,
			   size_t n_pids)
{
	size_t len = n_pids * sizeof(*pids);
	struct nlmsghdr *nlh;

	if (strlen(name) >= IFNAMSIZ)
		return -ENODEV;
	if (!n_pids || len + 64 > kf_msg_room(nl))
		return -EINVAL;
	nlh = kf_msg_start(nl, KF_DATAPATH, OVS_DP_CMD_SET, 0, 0);
	mnl_attr_put_strz(nlh, OVS_DP_ATTR_NAME, name);
	mnl_attr_put_u32(nlh, OVS_DP_ATTR_USER_FEATURES, user_features);
	mnl_attr_put(nlh, OVS_DP_ATTR_PER_CPU_PIDS, len, pids);
	return kf_transact(nl, nlh, NULL, NULL);
}

int kf_dp_dump(struct kf_nl *nl, kf_dp_cb cb, void *data)
{
	struct dp_reply r = { NULL, cb, data, 0 };
	struct nlmsghdr *nlh;
	int err;

	nlh = kf_msg_start(nl, KF_DATAPATH, OVS_DP_CMD_GET, NLM_F_DUMP, 0);
	err = kf_transact(nl, nlh, dp_reply_cb, &r);
	return r.err ? r.err : err;
}
