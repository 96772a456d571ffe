// SPDX-License-Identifier: GPL-2.0
/*
 * controller.c - connect, reconnect with backoff, probe, and send the
 * asynchronous messages to a bridge's controllers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "controller.h"
#include "log.h"
#include "ofconn.h"

int kfd_ctrl_add(struct kfd *d, const char *spec, char err[KF_ERR_LEN])
{
	const char *eq = strchr(spec, '=');
	struct kfd_ctrl *v, *ctl;
	struct kf_bridge *br = NULL;
	size_t i;

	if (!eq) {
		snprintf(err, KF_ERR_LEN, "--controller %s: expected "
			 "BRIDGE=tcp:IP[:PORT]", spec);
		return -EINVAL;
	}
	for (i = 0; i < d->ofp->n_bridges; i++)
		if (strlen(d->ofp->bridges[i]->name) == (size_t)(eq - spec) &&
		    !strncmp(d->ofp->bridges[i]->name, spec, eq - spec))
			br = d->ofp->bridges[i];
	if (!br) {
		snprintf(err, KF_ERR_LEN, "--controller %s: no bridge %.*s",
			 spec, (int)(eq - spec), spec);
		return -ENOENT;
	}
	v = realloc(d->ctrls, (d->n_ctrls + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	d->ctrls = v;
	ctl = &v[d->n_ctrls];
	memset(ctl, 0, sizeof(*ctl));
	if (kf_ctrl_parse_target(eq + 1, &ctl->sa, err))
		return -EINVAL;
	ctl->br = br;
	ctl->fd = -1;
	snprintf(ctl->target, sizeof(ctl->target), "%s", eq + 1);
	d->n_ctrls++;
	return 0;
}

/* Pointers to controllers are held by connections: the array must not
 * move once the loop runs (kfd_ctrl_add is only called at start-up). */
void kfd_ctrl_close_all(struct kfd *d)
{
	size_t i;

	for (i = 0; i < d->n_ctrls; i++)
		if (d->ctrls[i].fd >= 0)
			close(d->ctrls[i].fd);
	free(d->ctrls);
	d->ctrls = NULL;
	d->n_ctrls = 0;
}

void kfd_ctrl_forget_bridge(struct kfd *d, const struct kf_bridge *br)
{
	size_t i;

	for (i = 0; i < d->n_ctrls; i++) {
		struct kfd_ctrl *ctl = &d->ctrls[i];

		if (ctl->br != br)
			continue;
		if (ctl->fd >= 0)
			close(ctl->fd);
		ctl->fd = -1;
		if (ctl->conn)
			ctl->conn->ctrl = NULL;
		ctl->conn = NULL;
		ctl->br = NULL;		/* never retried */
	}
}

static void retry_later(struct kfd_ctrl *ctl, const char *why)
{
	ctl->backoff_ms = kf_ctrl_backoff_ms(ctl->backoff_ms);
	ctl->next_try_ms = kfd_now_ms() + ctl->backoff_ms;
	kfd_log(LOG_INFO, "%s: controller %s: %s; retrying in %u ms",
		ctl->br->name, ctl->target, why, ctl->backoff_ms);
}

void kfd_ctrl_lost(struct kfd_ctrl *ctl)
{
	ctl->conn = NULL;
	retry_later(ctl, "connection closed");
}

static void connected(struct kfd *d, struct kfd_ctrl *ctl)
{
	int fd = ctl->fd, flags = fcntl(fd, F_GETFL);

	ctl->fd = -1;
	/* Writes are blocking, as on the management sockets. */
	fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	ctl->conn = kfd_conn_add(d, fd, ctl->br);
	if (!ctl->conn) {
		retry_later(ctl, "out of memory");
		return;
	}
	ctl->conn->ctrl = ctl;
	ctl->backoff_ms = 0;
	ctl->n_connects++;
	kfd_log(LOG_INFO, "%s: connected to controller %s", ctl->br->name,
		ctl->target);
}

static void start_connect(struct kfd *d, struct kfd_ctrl *ctl)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
			0);

	if (fd < 0) {
		retry_later(ctl, strerror(errno));
		return;
	}
	ctl->fd = fd;
	if (!connect(fd, (struct sockaddr *)&ctl->sa, sizeof(ctl->sa))) {
		connected(d, ctl);
	} else if (errno != EINPROGRESS) {
		close(fd);
		ctl->fd = -1;
		retry_later(ctl, strerror(errno));
	}
}

static void finish_connect(struct kfd *d, struct kfd_ctrl *ctl)
{
	socklen_t len = sizeof(int);
	int soerr = 0;

	if (getsockopt(ctl->fd, SOL_SOCKET, SO_ERROR, &soerr, &len) < 0)
		soerr = errno;
	if (soerr == EINPROGRESS)
		return;
	if (!soerr) {
		connected(d, ctl);
		return;
	}
	close(ctl->fd);
	ctl->fd = -1;
	retry_later(ctl, strerror(soerr));
}

size_t kfd_ctrl_pollfds(const struct kfd *d, struct pollfd *pfd, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < d->n_ctrls && n < max; i++)
		if (d->ctrls[i].fd >= 0)
			pfd[n++] = (struct pollfd){ d->ctrls[i].fd, POLLOUT, 0 };
	return n;
}

static void probe(struct kfd_conn *c, uint64_t now)
{
	switch (kf_ctrl_liveness(now, c->last_rx_ms, c->probed)) {
	case KF_CTRL_DEAD:
		kfd_log(LOG_WARNING, "%s: controller silent for %llu ms: "
			"reconnecting", c->br->name,
			(unsigned long long)(now - c->last_rx_ms));
		c->dead = true;
		break;
	case KF_CTRL_PROBE:
		kf_ofp_encode_simple(&c->out, KF_OFPT_ECHO_REQUEST, 0, NULL, 0);
		kfd_conn_flush(c);
		c->probed = true;
		break;
	case KF_CTRL_LIVE:
		break;
	}
}

void kfd_ctrl_run(struct kfd *d, const struct pollfd *pfd, size_t n)
{
	uint64_t now = kfd_now_ms();
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (!pfd[i].revents)
			continue;
		for (j = 0; j < d->n_ctrls; j++)
			if (d->ctrls[j].fd == pfd[i].fd)
				finish_connect(d, &d->ctrls[j]);
	}
	for (i = 0; i < d->n_ctrls; i++) {
		struct kfd_ctrl *ctl = &d->ctrls[i];

		if (!ctl->br)
			continue;
		if (ctl->conn)
			probe(ctl->conn, now);
		else if (ctl->fd < 0 && now >= ctl->next_try_ms)
			start_connect(d, ctl);
	}
}

size_t kfd_ctrl_send(struct kfd *d, const struct kf_bridge *br,
		     const struct kf_wbuf *msg)
{
	size_t i, n = 0;

	if (msg->oom)
		return 0;
	for (i = 0; i < d->n_ctrls; i++) {
		struct kfd_conn *c = d->ctrls[i].conn;

		if (d->ctrls[i].br != br || !c || c->dead)
			continue;
		kf_wbuf_append(&c->out, msg->data, msg->len);
		kfd_conn_flush(c);
		n++;
	}
	return n;
}

void kfd_ctrl_flow_removed(struct kfd *d, const struct kf_rule *r,
			   uint8_t reason)
{
	struct kf_ofp_flow_removed fr;
	struct kf_wbuf b = KF_WBUF_INIT;
	char err[KF_ERR_LEN];

	if (!(r->of.flags & KF_FF_SEND_FLOW_REM))
		return;
	kf_ctrl_flow_removed(r, reason, kfd_now_ms(), &fr);
	if (kf_ofp_encode_flow_removed(&b, 0, &fr, err))
		kfd_log(LOG_WARNING, "%s: flow_removed: %s", r->bridge->name,
			err);
	else
		kfd_ctrl_send(d, r->bridge, &b);
	kf_wbuf_free(&b);
}

void kfd_ctrl_port_status(struct kfd *d, const struct kf_port *p,
			  uint8_t reason)
{
	struct kf_wbuf b = KF_WBUF_INIT;
	struct kf_ofp_port op;

	kfd_of_port(p, &op);
	kf_ofp_encode_port_status(&b, 0, reason, &op);
	kfd_ctrl_send(d, p->bridge, &b);
	kf_wbuf_free(&b);
}
