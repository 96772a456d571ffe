// SPDX-License-Identifier: GPL-2.0
/*
 * vconn.c - one OpenFlow 1.3 connection over a unix stream socket:
 * version negotiation, framed receive (echo requests answered), requests
 * followed by a barrier, multipart replies, error reports.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "ofctl.h"

#define RBUF_CAP (2 * (KF_OFP_MAX_MSG + 1))

uint32_t ofctl_xid(struct ofctl_conn *c)
{
	return c->next_xid++;
}

int ofctl_send(struct ofctl_conn *c, const struct kf_wbuf *b)
{
	size_t off = 0;
	ssize_t n;

	if (b->oom) {
		ofctl_error("%s: out of memory building a request", c->target);
		return -ENOMEM;
	}
	while (off < b->len) {
		n = send(c->fd, b->data + off, b->len - off, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			ofctl_error("%s: send: %s", c->target,
				    n ? strerror(errno) : "connection closed");
			return -EIO;
		}
		off += (size_t)n;
	}
	return 0;
}

static int fill(struct ofctl_conn *c)
{
	struct pollfd pfd = { c->fd, POLLIN, 0 };
	ssize_t n;
	int r;

	r = poll(&pfd, 1, c->timeout_s ? c->timeout_s * 1000 : -1);
	if (r == 0) {
		ofctl_error("%s: no reply within %d s", c->target,
			    c->timeout_s);
		return -ETIMEDOUT;
	}
	n = r < 0 ? -1 : recv(c->fd, c->rbuf + c->rlen, RBUF_CAP - c->rlen, 0);
	if (n < 0 && errno == EINTR)
		return 0;
	if (n <= 0) {
		ofctl_error("%s: receive: %s", c->target,
			    n ? strerror(errno) : "connection closed by peer");
		return -EIO;
	}
	c->rlen += (size_t)n;
	return 0;
}

/* One whole message, echo requests included. */
static int recv_any(struct ofctl_conn *c, const uint8_t **msg, size_t *len)
{
	size_t mlen;
	int r;

	memmove(c->rbuf, c->rbuf + c->consumed, c->rlen - c->consumed);
	c->rlen -= c->consumed;
	c->consumed = 0;
	for (;;) {
		mlen = kf_ofp_msg_len(c->rbuf, c->rlen);
		if (mlen && mlen < KF_OFP_HEADER_LEN) {
			ofctl_error("%s: bad OpenFlow framing (length %zu)",
				    c->target, mlen);
			return -EPROTO;
		}
		if (mlen && mlen <= c->rlen)
			break;
		r = fill(c);
		if (r)
			return r;
	}
	*msg = c->rbuf;
	*len = mlen;
	c->consumed = mlen;
	return 0;
}

int ofctl_recv(struct ofctl_conn *c, const uint8_t **msg, size_t *len)
{
	struct kf_wbuf b = KF_WBUF_INIT;
	int r;

	for (;;) {
		r = recv_any(c, msg, len);
		if (r || (*msg)[1] != KF_OFPT_ECHO_REQUEST)
			return r;
		kf_ofp_encode_simple(&b, KF_OFPT_ECHO_REPLY,
				     ofctl_msg_xid(*msg), *msg + 8, *len - 8);
		r = ofctl_send(c, &b);
		kf_wbuf_free(&b);
		if (r)
			return r;
	}
}

static int hello(struct ofctl_conn *c)
{
	struct kf_wbuf b = KF_WBUF_INIT;
	struct kf_ofp_err e = { 0 };
	const uint8_t *msg;
	uint32_t versions;
	size_t len;
	int r;

	kf_ofp_encode_hello(&b, ofctl_xid(c));
	r = ofctl_send(c, &b);
	kf_wbuf_free(&b);
	if (!r)
		r = recv_any(c, &msg, &len);
	if (r)
		return r;
	if (msg[1] != KF_OFPT_HELLO ||
	    kf_ofp_decode_hello(msg, len, &versions, &e)) {
		ofctl_error("%s: expected HELLO, got %s%s%s", c->target,
			    ofctl_msg_name(msg[1]), e.msg[0] ? ": " : "",
			    e.msg);
		return -EPROTO;
	}
	if (!(versions & (1u << KF_OFP13_VERSION))) {
		ofctl_error("%s: version negotiation failed: the switch does "
			    "not offer OpenFlow 1.3 (versions 0x%x)",
			    c->target, versions);
		return -EPROTO;
	}
	return 0;
}

int ofctl_open(const struct ofctl *ctx, const char *target,
	       struct ofctl_conn *c)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char err[KF_ERR_LEN];

	memset(c, 0, sizeof(*c));
	c->fd = -1;
	c->next_xid = 1;
	c->timeout_s = ctx->timeout_s;
	snprintf(c->target, sizeof(c->target), "%s", target);
	if (ofctl_target_path(ctx->rundir, target, sa.sun_path,
			      sizeof(sa.sun_path), err)) {
		ofctl_error("%s", err);
		return -EINVAL;
	}
	c->rbuf = malloc(RBUF_CAP);
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (!c->rbuf || c->fd < 0 ||
	    connect(c->fd, (struct sockaddr *)&sa, sizeof(sa))) {
		ofctl_error("%s: cannot connect to %s: %s", target,
			    sa.sun_path, strerror(errno));
		ofctl_close(c);
		return -errno;
	}
	if (hello(c)) {
		ofctl_close(c);
		return -EPROTO;
	}
	return 0;
}

void ofctl_close(struct ofctl_conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	free(c->rbuf);
	c->rbuf = NULL;
}

void ofctl_report_error(const struct ofctl_conn *c, const char *what,
			const struct kf_ofp_error_msg *em)
{
	struct strbuf sb = STRBUF_INIT;

	ofctl_format_error(&sb, em->type, em->code);
	ofctl_error("%s: %s: %s (OpenFlow error type %u, code %u)", c->target,
		    what, sb_str(&sb), em->type, em->code);
	sb_free(&sb);
}

/* Decode an OFPT_ERROR, or fill a placeholder when it is malformed. */
static void decode_error(const uint8_t *msg, size_t len,
			 struct kf_ofp_error_msg *em)
{
	struct kf_ofp_err e;

	if (kf_ofp_decode_error(msg, len, em, &e))
		*em = (struct kf_ofp_error_msg){ 0xffff, 0, NULL, 0 };
}

int ofctl_transact_barrier(struct ofctl_conn *c, const struct kf_wbuf *b,
			   ofctl_error_fn *on_error, void *arg)
{
	struct kf_wbuf bar = KF_WBUF_INIT;
	struct kf_ofp_error_msg em;
	uint32_t xid = ofctl_xid(c);
	const uint8_t *msg;
	int r, n_err = 0;
	size_t len;

	kf_ofp_encode_simple(&bar, KF_OFPT_BARRIER_REQUEST, xid, NULL, 0);
	r = ofctl_send(c, b);
	if (!r)
		r = ofctl_send(c, &bar);
	kf_wbuf_free(&bar);
	while (!r) {
		r = ofctl_recv(c, &msg, &len);
		if (r)
			break;
		if (msg[1] == KF_OFPT_BARRIER_REPLY && ofctl_msg_xid(msg) == xid)
			return n_err;
		if (msg[1] == KF_OFPT_ERROR) {
			decode_error(msg, len, &em);
			on_error(arg, ofctl_msg_xid(msg), &em);
			n_err++;
		}
	}
	return -1;
}

int ofctl_transact(struct ofctl_conn *c, const struct kf_wbuf *req,
		   ofctl_reply_fn *cb, void *arg)
{
	uint32_t xid = ofctl_msg_xid(req->data);
	struct kf_ofp_error_msg em;
	const uint8_t *msg;
	size_t len;
	int r;

	r = ofctl_send(c, req);
	while (!r) {
		r = ofctl_recv(c, &msg, &len);
		if (r || ofctl_msg_xid(msg) != xid)
			continue;
		if (msg[1] == KF_OFPT_ERROR) {
			decode_error(msg, len, &em);
			ofctl_report_error(c, ofctl_msg_name(req->data[1]),
					   &em);
			return -1;
		}
		r = cb(arg, msg, len);
		if (r || msg[1] != KF_OFPT_MULTIPART_REPLY || len < 12 ||
		    !((msg[10] << 8 | msg[11]) & KF_OFPMPF_MORE))
			return r;
	}
	return -1;
}
