// SPDX-License-Identifier: GPL-2.0
/*
 * fz_nl.c - fuzzing requests over a libkflow netlink socket: sent as
 * they are (whatever their attributes say), in batches of one sendmsg(),
 * their answers collected and counted.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "fz.h"
#include "nl_priv.h"
#include "odp.h"

/* Record the answers to @b's requests found in datagram @buf; returns
 * how many were new. */
static int collect_answers(struct fz_batch *b, const void *buf, int len)
{
	const struct nlmsghdr *nlh = buf;
	uint32_t i;
	int found = 0;

	for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
		i = nlh->nlmsg_seq - b->seq0;	/* upcalls have seq 0 */
		if (i >= (uint32_t)b->n || b->err[i] != FZ_PENDING)
			continue;
		if (nlh->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

			if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*e))
				b->err[i] = EBADMSG;
			else
				b->err[i] = -e->error;
		} else if (nlh->nlmsg_type == NLMSG_DONE) {
			b->err[i] = 0;
		} else {
			continue;	/* a dump's or an echo's content */
		}
		found++;
	}
	return found;
}

bool fz_batch_add(struct kf_nl *nl, struct fz_batch *b, const void *msg,
		  size_t len)
{
	struct nlmsghdr *nlh;

	if (b->n == FZ_BATCH_MAX || b->len + MNL_ALIGN(len) > sizeof(b->buf))
		return false;
	if (!b->n)
		b->seq0 = nl->seq + 1;
	nlh = (struct nlmsghdr *)(b->buf + b->len);
	memcpy(nlh, msg, len);
	memset(b->buf + b->len + len, 0, MNL_ALIGN(len) - len);
	nlh->nlmsg_seq = ++nl->seq;
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	b->off[b->n] = b->len;
	b->err[b->n++] = FZ_PENDING;
	b->len += MNL_ALIGN(len);
	return true;
}

static void count_answer(struct fz_stats *st, int err)
{
	st->sent++;
	if (err == -ETIMEDOUT) {
		st->no_answer++;
		return;
	}
	if (err)
		st->rejected++;
	else
		st->ok++;
	if (err > 0 && err < (int)(sizeof(st->by_errno) /
				   sizeof(st->by_errno[0])))
		st->by_errno[err]++;
}

void fz_batch_send(struct kf_nl *nl, struct fz_batch *b,
		   struct fz_stats *st)
{
	int i, n, left = b->n, tries = 0;

	if (mnl_socket_sendto(nl->sock, b->buf, b->len) < 0) {
		for (i = 0; i < b->n; i++)
			b->err[i] = errno;
		left = 0;
	}
	while (left > 0) {
		n = mnl_socket_recvfrom(nl->sock, nl->recvbuf, KF_RECV_BUF);
		if (n < 0 && errno == ENOBUFS)
			continue;	/* upcalls overflowed: keep reading */
		if (n < 0 && (errno == EAGAIN || errno == EINTR) &&
		    ++tries < 2)
			continue;
		if (n < 0)
			break;
		left -= collect_answers(b, nl->recvbuf, n);
	}
	for (i = 0; i < b->n; i++) {
		if (b->err[i] == FZ_PENDING)
			b->err[i] = -ETIMEDOUT;
		count_answer(st, b->err[i]);
	}
}

void fz_stats_print(const char *who, const struct fz_stats *st)
{
	size_t i;

	printf("%s: sent %llu, accepted %llu, rejected %llu, unanswered %llu"
	       " (errors:", who, (unsigned long long)st->sent,
	       (unsigned long long)st->ok, (unsigned long long)st->rejected,
	       (unsigned long long)st->no_answer);
	for (i = 1; i < sizeof(st->by_errno) / sizeof(st->by_errno[0]); i++)
		if (st->by_errno[i])
			printf(" %s %llu", strerrorname_np((int)i) ?
			       strerrorname_np((int)i) : "?",
			       (unsigned long long)st->by_errno[i]);
	printf(")\n");
	fflush(stdout);
}

int fz_flow_add(struct kf_nl *nl, int dp_ifindex, const char *key_text,
		const char *acts_fmt, uint32_t pid, bool del_after)
{
	char text[512], err[ODP_ERR_LEN];
	struct nlbuf key, mask, acts;
	struct kf_flow_req req;
	int r = -EINVAL;

	snprintf(text, sizeof(text), acts_fmt, pid);
	nlbuf_init(&key, 4096);
	nlbuf_init(&mask, 4096);
	nlbuf_init(&acts, 4096);
	if (!odp_key_from_string(key_text, NULL, &key, &mask, err) &&
	    !odp_actions_from_string(text, NULL, &acts, err)) {
		memset(&req, 0, sizeof(req));
		req.key = nlbuf_data(&key);
		req.key_len = nlbuf_len(&key);
		req.mask = nlbuf_data(&mask);
		req.mask_len = nlbuf_len(&mask);
		req.actions = nlbuf_data(&acts);
		req.actions_len = nlbuf_len(&acts);
		req.has_actions = true;
		r = kf_flow_put(nl, dp_ifindex, KF_FLOW_CREATE_OR_MODIFY, &req,
				NULL);
		if (del_after)
			kf_flow_del(nl, dp_ifindex, &req, NULL);
	} else {
		fprintf(stderr, "fuzz: flow %s actions %s: %s\n", key_text,
			text, err);
	}
	nlbuf_free(&key);
	nlbuf_free(&mask);
	nlbuf_free(&acts);
	return r;
}
