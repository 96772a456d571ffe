// SPDX-License-Identifier: GPL-2.0
/*
 * dp.c - datapath, upcall sockets and dispatch (the port ids each vport
 * gets), flow install and execute.  Vports themselves: dp_vport.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/sock_diag.h>
#include "dp.h"
#include "dpif.h"
#include "odp.h"
#include "upcall_policy.h"

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
	/* Bounded queue: past it the kernel drops (counted as lost). */
	if (setsockopt(dp->up_fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
		       sizeof(rcvbuf)))
		setsockopt(dp->up_fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
			   sizeof(rcvbuf));
	fcntl(dp->up_fd, F_SETFL, fcntl(dp->up_fd, F_GETFL) | O_NONBLOCK);
	return 0;
}

static int open_request_socket(struct kfd_dp *dp, char *err)
{
	int ret = kf_nl_open(&dp->nl);

	if (ret)
		snprintf(err, KFD_ERR_LEN,
			 "netlink: %s (family %s missing: is a datapath module loaded?)",
			 strerror(-ret), dp->nl ? kf_nl_missing_family(dp->nl) : "?");
	return ret;
}

int kfd_dp_open(struct kfd_dp *dp, const char *name, char err[KFD_ERR_LEN])
{
	struct kf_dp info;
	int ret;

	memset(dp, 0, sizeof(*dp));
	dp->up_fd = -1;
	snprintf(dp->name, sizeof(dp->name), "%s", name);
	ret = open_request_socket(dp, err);
	if (ret)
		return ret;
	ret = kf_dp_get(dp->nl, name, &info);
	if (ret == -ENODEV || ret == -ENOENT)
		ret = kf_dp_new(dp->nl, name, KF_DP_DEFAULT_FEATURES, &info);
	if (!ret)
		ret = kf_dp_get(dp->nl, name, &info);
	if (ret) {
		snprintf(err, KFD_ERR_LEN, "datapath %s: %s %s", name,
			 strerror(-ret), kfd_dp_errmsg(dp));
		return ret;
	}
	dp->ifindex = info.ifindex;
	return 0;
}

int kfd_dp_handler_open(const struct kfd_dp *main_dp, struct kfd_dp *h,
			char err[KFD_ERR_LEN])
{
	int ret;

	memset(h, 0, sizeof(*h));
	h->up_fd = -1;
	h->ifindex = main_dp->ifindex;
	memcpy(h->name, main_dp->name, sizeof(h->name));
	ret = open_request_socket(h, err);
	return ret ? ret : open_upcall_socket(h, err);
}

void kfd_dp_close(struct kfd_dp *dp)
{
	if (dp->up)
		mnl_socket_close(dp->up);
	if (dp->nl)
		kf_nl_close(dp->nl);
	free(dp->vport_pids);
	dp->vport_pids = NULL;
	dp->n_vport_pids = 0;
	dp->up = NULL;
	dp->nl = NULL;
}

const char *kfd_dispatch_name(enum kfd_dispatch mode)
{
	switch (mode) {
	case KFD_DISPATCH_PER_CPU: return "per-cpu";
	case KFD_DISPATCH_PER_VPORT: return "per-vport";
	default: return "none";
	}
}

/* Per-CPU dispatch: one port id per possible CPU, CPU c served by
 * handler kf_cpu_handler(c, n). */
static int set_per_cpu(struct kfd_dp *dp, const uint32_t *pids, size_t n)
{
	uint32_t *cpu_pids;
	unsigned int c;
	int ret;

	cpu_pids = calloc(dp->n_cpus, sizeof(*cpu_pids));
	if (!cpu_pids)
		return -ENOMEM;
	for (c = 0; c < dp->n_cpus; c++)
		cpu_pids[c] = pids[kf_cpu_handler(c, (unsigned int)n)];
	ret = kf_dp_set_per_cpu_pids(dp->nl, dp->name, KF_DP_DEFAULT_FEATURES |
				     OVS_DP_F_DISPATCH_UPCALL_PER_CPU,
				     cpu_pids, dp->n_cpus);
	free(cpu_pids);
	return ret;
}

void kfd_dp_vport_pids(struct kfd_dp *dp, struct kf_vport_req *req,
		       uint32_t buf[KFD_MAX_VPORT_PIDS])
{
	unsigned int idx[KFD_MAX_VPORT_PIDS], i, n;

	if (!dp->n_vport_pids)
		return;
	n = kf_vport_handlers(dp->n_vports_set++,
			      (unsigned int)dp->n_vport_pids,
			      dp->n_cpus < KFD_MAX_VPORT_PIDS ? dp->n_cpus :
			      KFD_MAX_VPORT_PIDS, idx);
	for (i = 0; i < n; i++)
		buf[i] = dp->vport_pids[idx[i]];
	req->upcall_pids = buf;
	req->n_upcall_pids = n;
}

static int set_vport_pids(struct kfd_dp *dp, uint32_t port_no)
{
	uint32_t buf[KFD_MAX_VPORT_PIDS];
	struct kf_vport_req vr;

	memset(&vr, 0, sizeof(vr));
	vr.port_no = port_no;
	kfd_dp_vport_pids(dp, &vr, buf);
	return kf_vport_set(dp->nl, dp->ifindex, &vr);
}

int kfd_dp_set_dispatch(struct kfd_dp *dp, const uint32_t *pids, size_t n,
			bool try_per_cpu, char err[KFD_ERR_LEN])
{
	long ncpu;
	int ret;

	free(dp->vport_pids);
	dp->vport_pids = calloc(n, sizeof(*pids));
	if (!n || !dp->vport_pids) {
		snprintf(err, KFD_ERR_LEN, "upcall dispatch: %s",
			 n ? "out of memory" : "no handler");
		return n ? -ENOMEM : -EINVAL;
	}
	memcpy(dp->vport_pids, pids, n * sizeof(*pids));
	dp->n_vport_pids = n;
	dp->up_pid = pids[0];	/* for the main thread's userspace() actions */
	ncpu = sysconf(_SC_NPROCESSORS_CONF);
	dp->n_cpus = ncpu > 0 ? (unsigned int)ncpu : 1;
	if (try_per_cpu && !set_per_cpu(dp, pids, n)) {
		dp->dispatch = KFD_DISPATCH_PER_CPU;
	} else {
		dp->dispatch = KFD_DISPATCH_PER_VPORT;
		ret = kf_dp_set_features(dp->nl, dp->name,
					 KF_DP_DEFAULT_FEATURES);
		if (ret) {
			snprintf(err, KFD_ERR_LEN, "datapath %s: features: %s %s",
				 dp->name, strerror(-ret), kfd_dp_errmsg(dp));
			return ret;
		}
	}
	/* The local port always gets the handlers' ids: per-vport dispatch
	 * needs them, per-CPU dispatch ignores them. */
	ret = set_vport_pids(dp, 0);
	if (ret)
		snprintf(err, KFD_ERR_LEN, "datapath %s: local port upcall pids: %s",
			 dp->name, strerror(-ret));
	return ret;
}

static int upcall_attr_cb(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_get_type(a) <= OVS_PACKET_ATTR_MAX)
		tb[mnl_attr_get_type(a)] = a;
	return MNL_CB_OK;
}

static uint32_t key_in_port(const struct nlattr *key)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, key)
		if (mnl_attr_get_type(a) == OVS_KEY_ATTR_IN_PORT &&
		    !mnl_attr_validate(a, MNL_TYPE_U32))
			return mnl_attr_get_u32(a);
	return 0;
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
	up->in_port = key_in_port(tb[OVS_PACKET_ATTR_KEY]);
	up->msg_len = len;
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
		n = recv(dp->up_fd, buf, cap, MSG_DONTWAIT | MSG_TRUNC);
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 :
									 -errno;
		if ((size_t)n > cap)
			return -EMSGSIZE;
		ret = parse_upcall(buf, (size_t)n, up);
		if (ret != -EAGAIN)
			return ret ? ret : 1;
	}
}

long kfd_dp_queued(const struct kfd_dp *dp)
{
	uint32_t mem[SK_MEMINFO_VARS];
	socklen_t len = sizeof(mem);

	if (getsockopt(dp->up_fd, SOL_SOCKET, SO_MEMINFO, mem, &len))
		return -errno;
	if (len <= SK_MEMINFO_RMEM_ALLOC * sizeof(mem[0]))
		return -EOPNOTSUPP;
	return mem[SK_MEMINFO_RMEM_ALLOC];
}

static void flow_req(struct kf_flow_req *req, struct kf_ufid *ufid,
		     const void *key, size_t key_len, const void *mask,
		     size_t mask_len, const void *acts, size_t acts_len,
		     uint32_t ufid_out[4])
{
	odp_ufid_generate(ufid);
	memcpy(ufid_out, ufid->u32, 16);
	memset(req, 0, sizeof(*req));
	req->key = key;
	req->key_len = key_len;
	req->mask = mask;
	req->mask_len = mask_len;
	req->actions = acts;
	req->actions_len = acts_len;
	req->has_actions = true;
	req->ufid = ufid;
}

int kfd_dp_flow_put(struct kfd_dp *dp, const void *key, size_t key_len,
		    const void *mask, size_t mask_len, const void *acts,
		    size_t acts_len, uint32_t ufid_out[4])
{
	struct kf_flow_req req;
	struct kf_ufid ufid;

	flow_req(&req, &ufid, key, key_len, mask, mask_len, acts, acts_len,
		 ufid_out);
	return kf_flow_put(dp->nl, dp->ifindex, KF_FLOW_CREATE, &req, NULL);
}

struct kf_batch *kfd_dp_batch_new(struct kfd_dp *dp)
{
	struct kf_batch *b = malloc(sizeof(*b));

	if (b && kf_batch_init(b, dp->nl)) {
		free(b);
		b = NULL;
	}
	return b;
}

void kfd_dp_batch_free(struct kf_batch *b)
{
	if (!b)
		return;
	kf_batch_free(b);
	free(b);
}

bool kfd_dp_batch_fits(const struct kf_batch *b, unsigned int msgs,
		       size_t bytes)
{
	return kf_batch_fits(b, msgs, bytes);
}

int kfd_dp_batch_commit(struct kf_batch *b)
{
	return kf_batch_commit(b);
}

int kfd_dp_batch_result(const struct kf_batch *b, int idx)
{
	return idx >= 0 && idx < KF_BATCH_MAX ? b->err[idx] : -EINVAL;
}

int kfd_dp_batch_put(struct kfd_dp *dp, struct kf_batch *b, const void *key,
		     size_t key_len, const void *mask, size_t mask_len,
		     const void *acts, size_t acts_len, uint32_t ufid_out[4])
{
	struct kf_flow_req req;
	struct kf_ufid ufid;

	flow_req(&req, &ufid, key, key_len, mask, mask_len, acts, acts_len,
		 ufid_out);
	return kf_batch_flow_put(b, dp->ifindex, KF_FLOW_CREATE, &req);
}

static void packet_req(struct kf_packet_req *req, const void *pkt,
		       size_t pkt_len, const void *key, size_t key_len,
		       const void *acts, size_t acts_len)
{
	memset(req, 0, sizeof(*req));
	req->packet = pkt;
	req->packet_len = pkt_len;
	req->key = key;
	req->key_len = key_len;
	req->actions = acts;
	req->actions_len = acts_len;
}

int kfd_dp_execute(struct kfd_dp *dp, const void *pkt, size_t pkt_len,
		   const void *key, size_t key_len, const void *acts,
		   size_t acts_len)
{
	struct kf_packet_req req;

	packet_req(&req, pkt, pkt_len, key, key_len, acts, acts_len);
	return kf_packet_execute(dp->nl, dp->ifindex, &req);
}

int kfd_dp_batch_execute(struct kfd_dp *dp, struct kf_batch *b,
			 const void *pkt, size_t pkt_len, const void *key,
			 size_t key_len, const void *acts, size_t acts_len)
{
	struct kf_packet_req req;

	packet_req(&req, pkt, pkt_len, key, key_len, acts, acts_len);
	return kf_batch_execute(b, dp->ifindex, &req);
}

int kfd_dp_flush(struct kfd_dp *dp)
{
	return kf_flow_flush(dp->nl, dp->ifindex);
}

int kfd_dp_counts(struct kfd_dp *dp, uint64_t *n_flows, uint64_t *n_lost)
{
	struct kf_dp info;
	int ret = kf_dp_get(dp->nl, dp->name, &info);

	if (!ret && !info.has_stats)
		ret = -ENODATA;
	if (ret)
		return ret;
	*n_flows = info.stats.n_flows;
	*n_lost = info.stats.n_lost;
	return 0;
}
