// SPDX-License-Identifier: GPL-2.0
/*
 * fz_nl.c - one fuzzing request over a libkflow netlink socket: send it
 * as is (whatever its attributes say), wait for its answer, count it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "fz.h"
#include "nl_priv.h"
#include "odp.h"

/* Our answer in @buf: 1 found (*err set), 0 not in this datagram. */
static int find_answer(const void *buf, int len, uint32_t seq, int *err)
{
	const struct nlmsghdr *nlh = buf;

	for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
		if (nlh->nlmsg_seq != seq)
			continue;	/* upcalls (seq 0), stale answers */
		if (nlh->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

			if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*e))
				*err = EBADMSG;
			else
				*err = -e->error;
			return 1;
		}
		if (nlh->nlmsg_type == NLMSG_DONE) {
			*err = 0;
			return 1;
		}
	}
	return 0;
}

int fz_nl_request(struct kf_nl *nl, void *msg, size_t len,
		  struct fz_stats *st)
{
	struct nlmsghdr *nlh = msg;
	uint32_t seq = ++nl->seq;
	int err = 0, n, tries = 0;

	nlh->nlmsg_seq = seq;
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	st->sent++;
	if (mnl_socket_sendto(nl->sock, msg, len) < 0) {
		err = errno;
		goto out;
	}
	for (;;) {
		n = mnl_socket_recvfrom(nl->sock, nl->recvbuf, KF_RECV_BUF);
		if (n < 0 && errno == ENOBUFS)
			continue;	/* upcalls overflowed: keep reading */
		if (n < 0 && (errno == EAGAIN || errno == EINTR) &&
		    ++tries < 3)
			continue;
		if (n < 0) {
			st->no_answer++;
			return -ETIMEDOUT;
		}
		if (find_answer(nl->recvbuf, n, seq, &err))
			break;
	}
out:
	if (err)
		st->rejected++;
	else
		st->ok++;
	if (err > 0 && err < (int)(sizeof(st->by_errno) /
				   sizeof(st->by_errno[0])))
		st->by_errno[err]++;
	return err;
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
