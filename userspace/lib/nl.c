// SPDX-License-Identifier: GPL-2.0
/*
 * nl.c - the generic netlink request/response loop: sequence numbers,
 * ACKs, NLMSG_ERROR and NLMSG_DONE with extended ACK messages.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include "dpif.h"
#include "nl_priv.h"

static const uint8_t family_versions[KF_N_FAMILIES] = {
	[KF_DATAPATH] = OVS_DATAPATH_VERSION,
	[KF_VPORT] = OVS_VPORT_VERSION,
	[KF_FLOW] = OVS_FLOW_VERSION,
	[KF_PACKET] = OVS_PACKET_VERSION,
};

const char *kf_nl_errmsg(const struct kf_nl *nl)
{
	return nl->errmsg[0] ? nl->errmsg : NULL;
}

const char *kf_nl_missing_family(const struct kf_nl *nl)
{
	return nl->missing;
}

uint16_t kf_nl_family_id(const struct kf_nl *nl, enum kf_family fam)
{
	return nl->family[fam];
}

uint32_t kf_nl_mcgroup(const struct kf_nl *nl, enum kf_family fam)
{
	return nl->mcgroup[fam];
}

size_t kf_msg_room(const struct kf_nl *nl)
{
	(void)nl;
	return KF_SEND_BUF;
}

const struct ovs_header *kf_msg_ovs_header(const struct nlmsghdr *nlh)
{
	return (const struct ovs_header *)
		((const char *)mnl_nlmsg_get_payload(nlh) + GENL_HDRLEN);
}

struct nlmsghdr *kf_msg_start_in(const struct kf_nl *nl, void *buf,
				 enum kf_family fam, uint8_t cmd,
				 uint16_t flags, int dp_ifindex)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;
	struct ovs_header *ovs;

	memset(buf, 0, MNL_NLMSG_HDRLEN + KF_ATTR_OFFSET);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = nl->family[fam];
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = family_versions[fam];
	ovs = mnl_nlmsg_put_extra_header(nlh, sizeof(*ovs));
	ovs->dp_ifindex = dp_ifindex;
	return nlh;
}

struct nlmsghdr *kf_msg_start(struct kf_nl *nl, enum kf_family fam,
			      uint8_t cmd, uint16_t flags, int dp_ifindex)
{
	return kf_msg_start_in(nl, nl->sendbuf, fam, cmd, flags, dp_ifindex);
}

int kf_parse_nlmsgerr(const struct nlmsghdr *nlh, char *msg, size_t len)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = { NULL };
	size_t off = sizeof(*err);

	if (len)
		msg[0] = '\0';
	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*err)))
		return -EBADMSG;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && len &&
	    mnl_nlmsg_get_payload_len(nlh) > off &&
	    mnl_attr_parse(nlh, (unsigned int)off, kf_extack_attr_cb,
			   tb) == MNL_CB_OK && tb[NLMSGERR_ATTR_MSG])
		snprintf(msg, len, "%s", mnl_attr_get_str(tb[NLMSGERR_ATTR_MSG]));
	return err->error;
}

/* NLMSG_ERROR: remember errno and the extack message, stop the loop. */
static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	struct kf_nl *nl = data;
	int err = kf_parse_nlmsgerr(nlh, nl->errmsg, sizeof(nl->errmsg));

	if (!err)
		return MNL_CB_STOP;
	errno = err < 0 ? -err : err;
	return MNL_CB_ERROR;
}

/* NLMSG_DONE of a dump may carry an error code (and extack). */
static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct kf_nl *nl = data;
	const struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = { NULL };
	int err = 0;

	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int))
		memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(int));
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) &&
	    mnl_nlmsg_get_payload_len(nlh) > sizeof(int) &&
	    mnl_attr_parse(nlh, sizeof(int), kf_extack_attr_cb,
			   tb) == MNL_CB_OK && tb[NLMSGERR_ATTR_MSG])
		snprintf(nl->errmsg, sizeof(nl->errmsg), "%s",
			 mnl_attr_get_str(tb[NLMSGERR_ATTR_MSG]));
	if (err < 0) {
		errno = -err;
		return MNL_CB_ERROR;
	}
	return MNL_CB_STOP;
}

int kf_extack_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	uint16_t type = mnl_attr_get_type(attr);

	if (mnl_attr_type_valid(attr, NLMSGERR_ATTR_MAX) < 0)
		return MNL_CB_OK;
	if (type == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
		return MNL_CB_OK;
	tb[type] = attr;
	return MNL_CB_OK;
}

struct reply_ctx {
	struct kf_nl *nl;
	mnl_cb_t cb;
	void *data;
};

static int data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct reply_ctx *ctx = data;

	if (!ctx->cb)
		return MNL_CB_OK;
	return ctx->cb(nlh, ctx->data);
}

static int ctl_error_cb(const struct nlmsghdr *nlh, void *data)
{
	return error_cb(nlh, ((struct reply_ctx *)data)->nl);
}

static int ctl_done_cb(const struct nlmsghdr *nlh, void *data)
{
	return done_cb(nlh, ((struct reply_ctx *)data)->nl);
}

static int ctl_noop_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(void)data;
	return MNL_CB_OK;
}

int kf_transact(struct kf_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		void *data)
{
	static mnl_cb_t ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_NOOP] = ctl_noop_cb,
		[NLMSG_ERROR] = ctl_error_cb,
		[NLMSG_DONE] = ctl_done_cb,
		[NLMSG_OVERRUN] = ctl_noop_cb,
	};
	struct reply_ctx ctx = { nl, cb, data };
	uint32_t seq = ++nl->seq;
	ssize_t n;
	int ret;

	nl->errmsg[0] = '\0';
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_flags |= NLM_F_ACK;
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	do {
		n = mnl_socket_recvfrom(nl->sock, nl->recvbuf, KF_RECV_BUF);
		if (n < 0)
			return errno == ENOSPC ? -EMSGSIZE : -errno;
		ret = mnl_cb_run2(nl->recvbuf, (size_t)n, seq, nl->portid,
				  data_cb, &ctx, ctl, NLMSG_MIN_TYPE);
	} while (ret == MNL_CB_OK);
	if (ret == MNL_CB_ERROR)
		return errno ? -errno : -EIO;
	return 0;
}
