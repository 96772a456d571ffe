// SPDX-License-Identifier: GPL-2.0
/*
 * genl.c - open the socket and resolve the four OVS families (ids and
 * multicast groups) with CTRL_CMD_GETFAMILY.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>
#include "nl_priv.h"

struct family_ctx {
	uint16_t id;
	uint32_t mcgroup;
	const char *mcname;
};

static int ctrl_attr_cb(const struct nlattr *attr, void *data)
{
	return kf_attr_store(attr, data, CTRL_ATTR_MAX);
}

static int mcgrp_attr_cb(const struct nlattr *attr, void *data)
{
	return kf_attr_store(attr, data, CTRL_ATTR_MCAST_GRP_MAX);
}

static void parse_mcgroups(const struct nlattr *nest, struct family_ctx *f)
{
	const struct nlattr *grp;

	mnl_attr_for_each_nested(grp, nest) {
		const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = { NULL };

		if (mnl_attr_parse_nested(grp, mcgrp_attr_cb, tb) < 0)
			continue;
		if (!tb[CTRL_ATTR_MCAST_GRP_NAME] || !tb[CTRL_ATTR_MCAST_GRP_ID])
			continue;
		if (mnl_attr_validate(tb[CTRL_ATTR_MCAST_GRP_NAME],
				      MNL_TYPE_NUL_STRING) < 0 ||
		    mnl_attr_validate(tb[CTRL_ATTR_MCAST_GRP_ID],
				      MNL_TYPE_U32) < 0)
			continue;
		if (f->mcname &&
		    !strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]),
			    f->mcname))
			f->mcgroup = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
	}
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1] = { NULL };
	struct family_ctx *f = data;

	if (mnl_attr_parse(nlh, GENL_HDRLEN, ctrl_attr_cb, tb) < 0)
		return MNL_CB_ERROR;
	if (!tb[CTRL_ATTR_FAMILY_ID] ||
	    mnl_attr_validate(tb[CTRL_ATTR_FAMILY_ID], MNL_TYPE_U16) < 0) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	f->id = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	if (tb[CTRL_ATTR_MCAST_GROUPS])
		parse_mcgroups(tb[CTRL_ATTR_MCAST_GROUPS], f);
	return MNL_CB_OK;
}

static int resolve_one(struct kf_nl *nl, const char *name, const char *mcname,
		       uint16_t *id, uint32_t *mcgroup)
{
	struct family_ctx f = { 0, 0, mcname };
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;
	int err;

	nlh = mnl_nlmsg_put_header(nl->sendbuf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = CTRL_CMD_GETFAMILY;
	genl->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);
	err = kf_transact(nl, nlh, family_cb, &f);
	if (err)
		return err;
	*id = f.id;
	*mcgroup = f.mcgroup;
	return 0;
}

int kf_resolve_families(struct kf_nl *nl)
{
	static const char *const names[KF_N_FAMILIES] = {
		OVS_DATAPATH_FAMILY, OVS_VPORT_FAMILY,
		OVS_FLOW_FAMILY, OVS_PACKET_FAMILY,
	};
	static const char *const mcnames[KF_N_FAMILIES] = {
		OVS_DATAPATH_MCGROUP, OVS_VPORT_MCGROUP,
		OVS_FLOW_MCGROUP, NULL,
	};
	int i, err;

	for (i = 0; i < KF_N_FAMILIES; i++) {
		err = resolve_one(nl, names[i], mcnames[i], &nl->family[i],
				  &nl->mcgroup[i]);
		if (err) {
			nl->missing = names[i];
			return err;
		}
	}
	return 0;
}

int kf_nl_open(struct kf_nl **nlp)
{
	struct kf_nl *nl;
	int one = 1, err;

	*nlp = NULL;
	nl = calloc(1, sizeof(*nl));
	if (!nl)
		return -ENOMEM;
	nl->sendbuf = calloc(1, KF_SEND_BUF);
	nl->recvbuf = malloc(KF_RECV_BUF);
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sendbuf || !nl->recvbuf || !nl->sock) {
		err = nl->sock ? -ENOMEM : -errno;
		goto fail;
	}
	/* Both are best effort: old kernels lack them. */
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		goto fail;
	}
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (uint32_t)time(NULL);
	err = kf_resolve_families(nl);
	*nlp = nl;
	return err;
fail:
	kf_nl_close(nl);
	return err;
}

void kf_nl_close(struct kf_nl *nl)
{
	if (!nl)
		return;
	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl->sendbuf);
	free(nl->recvbuf);
	free(nl);
}
