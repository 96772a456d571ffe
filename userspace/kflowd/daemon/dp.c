// SPDX-License-Identifier: GPL-2.0
/*
 * dp.c - datapath, vports, upcall socket, flow install and execute.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include "dp.h"
#include "dpif.h"
#include "odp.h"

const char *kfd_dp_errmsg(const struct kfd_dp *dp)
{
	const char *m = dp->nl ? kf_nl_errmsg(dp->nl) : NULL;

	return m ? m : "";
}

static int open_upcall_socket(struct kfd_dp *dp, char *err)
{
	int rcvbuf = 4 * 1024 * 1024;

	dp->up = mnl_socket_open(NETLINK_GENERIC);
	if (!dp->up || mnl_socket_bind(dp->up, 0, MNL_SOCKET_AUTOPID) < 0) {
		snprintf(err, KFD_ERR_LEN, "upcall socket: %s",
			 strerror(errno));
		return -errno;
	}
	dp->up_pid = mnl_socket_get_portid(dp->up);
	dp->up_fd = mnl_socket_get_fd(dp->up);
	setsockopt(dp->up_fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	fcntl(dp->up_fd, F_SETFL, fcntl(dp->up_fd, F_GETFL) | O_NONBLOCK);
	return 0;
}

int kfd_dp_open(struct kfd_dp *dp, const char *name, char err[KFD_ERR_LEN])
{
	struct kf_vport_req vr;
	struct kf_dp info;
	int ret;

	memset(dp, 0, sizeof(*dp));
	snprintf(dp->name, sizeof(dp->name), "%s", name);
	ret = kf_nl_open(&dp->nl);
	if (ret) {
		snprintf(err, KFD_ERR_LEN,
			 "netlink: %s (family %s missing: is a datapath module loaded?)",
			 strerror(-ret), dp->nl ? kf_nl_missing_family(dp->nl) : "?");
		return ret;
	}
	ret = open_upcall_socket(dp, err);
	if (ret)
		return ret;
	ret = kf_dp_get(dp->nl, name, &info);
	if (ret == -ENODEV || ret == -ENOENT)
		ret = kf_dp_new(dp->nl, name, KF_DP_DEFAULT_FEATURES, &info);
	else if (!ret)
		ret = kf_dp_set_features(dp->nl, name, KF_DP_DEFAULT_FEATURES);
	if (!ret)
		ret = kf_dp_get(dp->nl, name, &info);
	if (ret) {
		snprintf(err, KFD_ERR_LEN, "datapath %s: %s %s", name,
			 strerror(-ret), kfd_dp_errmsg(dp));
		return ret;
	}
	dp->ifindex = info.ifindex;
	memset(&vr, 0, sizeof(vr));
	vr.port_no = 0;
	vr.has_upcall_pid = true;
	vr.upcall_pid = dp->up_pid;
	ret = kf_vport_set(dp->nl, dp->ifindex, &vr);
	if (ret)
		snprintf(err, KFD_ERR_LEN, "datapath %s: local port upcall pid: %s",
			 name, strerror(-ret));
	return ret;
}

void kfd_dp_close(struct kfd_dp *dp)
{
	if (dp->up)
		mnl_socket_close(dp->up);
	if (dp->nl)
		kf_nl_close(dp->nl);
	dp->up = NULL;
	dp->nl = NULL;
}

int kfd_dp_port(struct kfd_dp *dp, const char *name, bool internal,
		uint32_t *port_no, char err[KFD_ERR_LEN])
{
	struct kf_vport_req vr;
	struct kf_vport v;
	int ret;

	memset(&vr, 0, sizeof(vr));
	vr.name = name;
	vr.port_no = KF_PORT_NONE;
	vr.has_upcall_pid = true;
	vr.upcall_pid = dp->up_pid;
	ret = kf_vport_get(dp->nl, dp->ifindex, name, KF_PORT_NONE, &v);
	if (!ret) {
		ret = kf_vport_set(dp->nl, dp->ifindex, &vr);
	} else {
		vr.type = internal ? OVS_VPORT_TYPE_INTERNAL :
				     OVS_VPORT_TYPE_NETDEV;
		ret = kf_vport_new(dp->nl, dp->ifindex, &vr, &v);
	}
	if (ret) {
		snprintf(err, KFD_ERR_LEN, "port %s: %s %s", name,
			 strerror(-ret), kfd_dp_errmsg(dp));
		return ret;
	}
	*port_no = v.port_no;
	return 0;
}

static int upcall_attr_cb(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_get_type(a) <= OVS_PACKET_ATTR_MAX)
		tb[mnl_attr_get_type(a)] = a;
	return MNL_CB_OK;
}

static int parse_upcall(const struct nlmsghdr *nlh, size_t len,
			struct kfd_upcall *up)
{
	const struct nlattr *tb[OVS_PACKET_ATTR_MAX + 1] = { NULL };
	const struct genlmsghdr *g;

	if (!mnl_nlmsg_ok(nlh, (int)len) ||
	    nlh->nlmsg_len < NLMSG_HDRLEN + KF_ATTR_OFFSET)
		return -EBADMSG;
	if (nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE)
		return -EAGAIN;
	g = mnl_nlmsg_get_payload(nlh);
	mnl_attr_parse(nlh, KF_ATTR_OFFSET, upcall_attr_cb, tb);
	if (!tb[OVS_PACKET_ATTR_PACKET] || !tb[OVS_PACKET_ATTR_KEY])
		return -EBADMSG;
	memset(up, 0, sizeof(*up));
	up->cmd = g->cmd;
	up->packet = mnl_attr_get_payload(tb[OVS_PACKET_ATTR_PACKET]);
	up->packet_len = mnl_attr_get_payload_len(tb[OVS_PACKET_ATTR_PACKET]);
	up->key = mnl_attr_get_payload(tb[OVS_PACKET_ATTR_KEY]);
	up->key_len = mnl_attr_get_payload_len(tb[OVS_PACKET_ATTR_KEY]);
	if (tb[OVS_PACKET_ATTR_USERDATA]) {
		up->userdata = mnl_attr_get_payload(tb[OVS_PACKET_ATTR_USERDATA]);
		up->userdata_len =
			mnl_attr_get_payload_len(tb[OVS_PACKET_ATTR_USERDATA]);
	}
	return 0;
}

int kfd_dp_recv(struct kfd_dp *dp, void *buf, size_t cap,
		struct kfd_upcall *up)
{
	ssize_t n;
	int ret;

	for (;;) {
		n = recv(dp->up_fd, buf, cap, MSG_DONTWAIT);
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 :
									 -errno;
		ret = parse_upcall(buf, (size_t)n, up);
		if (ret != -EAGAIN)
			return ret ? ret : 1;
	}
}

int kfd_dp_flow_put(struct kfd_dp *dp, const void *key, size_t key_len,
		    const void *mask, size_t mask_len, const void *acts,
		    size_t acts_len, uint32_t ufid_out[4])
{
	struct kf_flow_req req;
	struct kf_ufid ufid;

	odp_ufid_generate(&ufid);
	memcpy(ufid_out, ufid.u32, 16);
	memset(&req, 0, sizeof(req));
	req.key = key;
	req.key_len = key_len;
	req.mask = mask;
	req.mask_len = mask_len;
	req.actions = acts;
	req.actions_len = acts_len;
	req.has_actions = true;
	req.ufid = &ufid;
	return kf_flow_put(dp->nl, dp->ifindex, KF_FLOW_CREATE, &req, NULL);
}

int kfd_dp_execute(struct kfd_dp *dp, const void *pkt, size_t pkt_len,
		   const void *key, size_t key_len, const void *acts,
		   size_t acts_len)
{
	struct kf_packet_req req;

	memset(&req, 0, sizeof(req));
	req.packet = pkt;
	req.packet_len = pkt_len;
	req.key = key;
	req.key_len = key_len;
	req.actions = acts;
	req.actions_len = acts_len;
	return kf_packet_execute(dp->nl, dp->ifindex, &req);
}

int kfd_dp_flush(struct kfd_dp *dp)
{
	return kf_flow_flush(dp->nl, dp->ifindex);
}

struct stats_ctx {
	kfd_dp_stats_fn *fn;
	void *aux;
};

static int stats_cb(const struct kf_flow *flow, void *data)
{
	struct stats_ctx *c = data;

	if (flow->has_ufid)
		c->fn(flow->ufid.u32, flow->stats.n_packets,
		      flow->stats.n_bytes, c->aux);
	return 0;
}

int kfd_dp_flow_stats(struct kfd_dp *dp, kfd_dp_stats_fn *fn, void *aux)
{
	struct stats_ctx c = { fn, aux };

	return kf_flow_dump(dp->nl, dp->ifindex,
			    OVS_UFID_F_OMIT_KEY | OVS_UFID_F_OMIT_MASK |
			    OVS_UFID_F_OMIT_ACTIONS, stats_cb, &c);
}
