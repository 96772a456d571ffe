// SPDX-License-Identifier: GPL-2.0
/*
 * dpif_batch.c - flow installs, deletes and packet executions sent many
 * to one sendmsg(), acknowledged by errors and by the last request only
 * (see "Batches" in dpif.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <libmnl/libmnl.h>
#include "dpif.h"
#include "nl_priv.h"

/* Room a request needs beyond its attributes' worst case is checked by
 * the attribute writers; this much must be left to start one. */
#define BATCH_MIN_ROOM (MNL_NLMSG_HDRLEN + KF_ATTR_OFFSET + 64)

int kf_batch_init(struct kf_batch *b, struct kf_nl *nl)
{
	memset(b, 0, sizeof(*b));
	b->nl = nl;
	b->buf = malloc(KF_BATCH_BUF);
	return b->buf ? 0 : -ENOMEM;
}

void kf_batch_free(struct kf_batch *b)
{
	free(b->buf);
	b->buf = NULL;
}

bool kf_batch_fits(const struct kf_batch *b, unsigned int msgs,
		   size_t bytes)
{
	return b->n + msgs <= KF_BATCH_MAX &&
	       KF_BATCH_BUF - b->len >= bytes + msgs * BATCH_MIN_ROOM;
}

/* A new message at the end of the batch, or NULL if it is full. */
static struct nlmsghdr *batch_msg(struct kf_batch *b, enum kf_family fam,
				  uint8_t cmd, uint16_t flags, int dp_ifindex)
{
	if (b->n == KF_BATCH_MAX || KF_BATCH_BUF - b->len < BATCH_MIN_ROOM)
		return NULL;
	return kf_msg_start_in(b->nl, b->buf + b->len, fam, cmd, flags,
			       dp_ifindex);
}

/* Keep the message whose attributes @err said fit (or not). */
static int batch_add(struct kf_batch *b, struct nlmsghdr *nlh, int err)
{
	if (err)
		return b->n ? -ENOSPC : -EMSGSIZE;	/* try an empty batch */
	b->last = b->len;
	b->len += NLMSG_ALIGN(nlh->nlmsg_len);
	return (int)b->n++;
}

static int batch_flow(struct kf_batch *b, int dp_ifindex, uint8_t cmd,
		      uint16_t flags, const struct kf_flow_req *req)
{
	struct nlmsghdr *nlh = batch_msg(b, KF_FLOW, cmd, flags, dp_ifindex);

	if (!nlh)
		return -ENOSPC;
	return batch_add(b, nlh, kf_flow_put_attrs(nlh, KF_BATCH_BUF - b->len,
						   req));
}

int kf_batch_flow_put(struct kf_batch *b, int dp_ifindex,
		      enum kf_flow_put_mode mode, const struct kf_flow_req *req)
{
	return batch_flow(b, dp_ifindex, mode == KF_FLOW_MODIFY ?
			  OVS_FLOW_CMD_SET : OVS_FLOW_CMD_NEW,
			  mode == KF_FLOW_CREATE ? NLM_F_CREATE : 0, req);
}

int kf_batch_flow_del(struct kf_batch *b, int dp_ifindex,
		      const struct kf_flow_req *req)
{
	return batch_flow(b, dp_ifindex, OVS_FLOW_CMD_DEL, 0, req);
}

int kf_batch_execute(struct kf_batch *b, int dp_ifindex,
		     const struct kf_packet_req *req)
{
	struct nlmsghdr *nlh = batch_msg(b, KF_PACKET, OVS_PACKET_CMD_EXECUTE,
					 0, dp_ifindex);

	if (!nlh)
		return -ENOSPC;
	return batch_add(b, nlh, kf_packet_put_attrs(nlh,
						     KF_BATCH_BUF - b->len,
						     req));
}

/* Record the NLMSG_ERRORs of @buf; true once the last request's came. */
static bool batch_results(struct kf_batch *b, uint32_t seq0, unsigned int n,
			  const void *buf, size_t len)
{
	const struct nlmsghdr *nlh = buf;
	int left = (int)len;
	bool done = false;

	for (; mnl_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
		uint32_t i = nlh->nlmsg_seq - seq0;
		char msg[sizeof(b->nl->errmsg)];
		int err;

		/* Stale answers of earlier requests are not ours. */
		if (nlh->nlmsg_type != NLMSG_ERROR || i >= n)
			continue;
		err = kf_parse_nlmsgerr(nlh, msg, sizeof(msg));
		b->err[i] = err > 0 ? -err : err;
		if (err && msg[0])
			memcpy(b->nl->errmsg, msg, sizeof(msg));
		if (i == n - 1)
			done = true;
	}
	return done;
}

int kf_batch_commit(struct kf_batch *b)
{
	struct kf_nl *nl = b->nl;
	unsigned int i, n = b->n;
	uint32_t seq0 = nl->seq + 1;
	size_t off = 0;
	ssize_t r;
	int ret = 0;

	if (!n)
		return 0;
	nl->errmsg[0] = '\0';
	for (i = 0; i < n; i++) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)(b->buf + off);

		nlh->nlmsg_seq = seq0 + i;
		b->err[i] = 0;
		off += NLMSG_ALIGN(nlh->nlmsg_len);
	}
	nl->seq += n;
	((struct nlmsghdr *)(b->buf + b->last))->nlmsg_flags |= NLM_F_ACK;
	b->n = 0;
	b->len = 0;
	if (mnl_socket_sendto(nl->sock, b->buf, off) < 0) {
		ret = -errno;
		goto fail;
	}
	for (;;) {
		r = mnl_socket_recvfrom(nl->sock, nl->recvbuf, KF_RECV_BUF);
		if (r < 0) {
			ret = errno == ENOSPC ? -EMSGSIZE : -errno;
			goto fail;
		}
		if (batch_results(b, seq0, n, nl->recvbuf, (size_t)r))
			return 0;
	}
fail:
	for (i = 0; i < n; i++)
		b->err[i] = ret;
	return ret;
}
