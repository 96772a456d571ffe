// SPDX-License-Identifier: GPL-2.0
/*
 * ofconn.c - listening sockets, accept, framing, writes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "log.h"
#include "ofconn.h"

#define RBUF_CAP (KF_OFP_MAX_MSG + 1)

static int listen_one(struct kfd_listener *l, const char *rundir,
		      char err[KF_ERR_LEN])
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	if ((size_t)snprintf(l->path, sizeof(l->path), "%s/%s.mgmt", rundir,
			     l->br->name) >= sizeof(l->path) ||
	    strlen(l->path) >= sizeof(sa.sun_path)) {
		snprintf(err, KF_ERR_LEN, "%s/%s.mgmt: socket path too long",
			 rundir, l->br->name);
		return -ENAMETOOLONG;
	}
	memcpy(sa.sun_path, l->path, strlen(l->path) + 1);
	unlink(l->path);
	l->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (l->fd < 0 || bind(l->fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(l->fd, 16)) {
		snprintf(err, KF_ERR_LEN, "%s: %s", l->path, strerror(errno));
		return -errno;
	}
	return 0;
}

int kfd_of_listen_bridge(struct kfd *d, struct kf_bridge *br,
			 char err[KF_ERR_LEN])
{
	struct kfd_listener *v, *l;
	int ret;

	v = realloc(d->listeners, (d->n_listeners + 1) * sizeof(*v));
	if (!v) {
		snprintf(err, KF_ERR_LEN, "%s: out of memory", br->name);
		return -ENOMEM;
	}
	d->listeners = v;
	l = &v[d->n_listeners];
	memset(l, 0, sizeof(*l));
	l->fd = -1;
	l->br = br;
	ret = listen_one(l, d->rundir, err);
	if (ret) {
		if (l->fd >= 0)
			close(l->fd);
		return ret;
	}
	d->n_listeners++;
	return 0;
}

int kfd_of_listen(struct kfd *d, const char *rundir, char err[KF_ERR_LEN])
{
	size_t i;
	int ret;

	d->rundir = rundir;
	for (i = 0; i < d->ofp->n_bridges; i++) {
		ret = kfd_of_listen_bridge(d, d->ofp->bridges[i], err);
		if (ret)
			return ret;
	}
	return 0;
}

static void conn_free(struct kfd_conn *c)
{
	if (c->ctrl)
		kfd_ctrl_lost(c->ctrl);
	close(c->fd);
	free(c->rbuf);
	kf_wbuf_free(&c->out);
	free(c);
}

void kfd_of_unlisten_bridge(struct kfd *d, const struct kf_bridge *br)
{
	size_t i, j = 0;

	for (i = 0; i < d->n_conns; i++) {
		if (d->conns[i]->br == br)
			conn_free(d->conns[i]);
		else
			d->conns[j++] = d->conns[i];
	}
	d->n_conns = j;
	for (i = 0, j = 0; i < d->n_listeners; i++) {
		if (d->listeners[i].br != br) {
			d->listeners[j++] = d->listeners[i];
			continue;
		}
		close(d->listeners[i].fd);
		unlink(d->listeners[i].path);
	}
	d->n_listeners = j;
}

void kfd_of_close_all(struct kfd *d)
{
	size_t i;

	for (i = 0; i < d->n_conns; i++)
		conn_free(d->conns[i]);
	free(d->conns);
	d->conns = NULL;
	d->n_conns = 0;
	for (i = 0; i < d->n_listeners; i++) {
		if (d->listeners[i].fd >= 0) {
			close(d->listeners[i].fd);
			unlink(d->listeners[i].path);
		}
	}
	free(d->listeners);
	d->listeners = NULL;
	d->n_listeners = 0;
}

size_t kfd_of_pollfds(const struct kfd *d, struct pollfd *pfd, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < d->n_listeners && n < max; i++, n++)
		pfd[n] = (struct pollfd){ d->listeners[i].fd, POLLIN, 0 };
	for (i = 0; i < d->n_conns && n < max; i++, n++)
		pfd[n] = (struct pollfd){ d->conns[i]->fd, POLLIN, 0 };
	return n;
}

/* Write everything queued; the socket is blocking for writes. */
void kfd_conn_flush(struct kfd_conn *c)
{
	size_t off = 0;
	ssize_t n;

	while (off < c->out.len) {
		n = send(c->fd, c->out.data + off, c->out.len - off,
			 MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			c->dead = true;
			break;
		}
		off += (size_t)n;
	}
	kf_wbuf_clear(&c->out);
}

struct kfd_conn *kfd_conn_add(struct kfd *d, int fd, struct kf_bridge *br)
{
	struct kfd_conn **v, *c;

	v = realloc(d->conns, (d->n_conns + 1) * sizeof(*v));
	c = calloc(1, sizeof(*c));
	if (v)
		d->conns = v;
	if (!v || !c || !(c->rbuf = malloc(RBUF_CAP))) {
		kfd_log(LOG_WARNING, "%s: out of memory for a connection",
			br->name);
		free(c);
		close(fd);
		return NULL;
	}
	c->fd = fd;
	c->br = br;
	c->last_rx_ms = kfd_now_ms();
	d->conns[d->n_conns++] = c;
	kf_ofp_encode_hello(&c->out, 0);
	kfd_conn_flush(c);
	return c;
}

static void accept_one(struct kfd *d, struct kfd_listener *l)
{
	int fd = accept4(l->fd, NULL, NULL, SOCK_CLOEXEC);

	if (fd >= 0)
		kfd_conn_add(d, fd, l->br);
}

/* Hand every whole buffered message to the handler. */
static void conn_frame(struct kfd *d, struct kfd_conn *c)
{
	size_t off = 0, len;

	while (!c->dead && (len = kf_ofp_msg_len(c->rbuf + off,
						  c->rlen - off))) {
		if (len < KF_OFP_HEADER_LEN) {
			kfd_log(LOG_WARNING, "%s: OpenFlow message length %zu "
				"below header size: closing", c->br->name, len);
			c->dead = true;
			return;
		}
		if (len > c->rlen - off)
			break;
		kfd_of_handle(d, c, c->rbuf + off, len);
		kfd_conn_flush(c);
		off += len;
	}
	memmove(c->rbuf, c->rbuf + off, c->rlen - off);
	c->rlen -= off;
}

static void conn_read(struct kfd *d, struct kfd_conn *c)
{
	ssize_t n = recv(c->fd, c->rbuf + c->rlen, RBUF_CAP - c->rlen,
			 MSG_DONTWAIT);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		c->dead = true;
		return;
	}
	c->rlen += (size_t)n;
	c->last_rx_ms = kfd_now_ms();
	c->probed = false;
	conn_frame(d, c);
}

static void reap(struct kfd *d)
{
	size_t i, j = 0;

	for (i = 0; i < d->n_conns; i++) {
		if (d->conns[i]->dead)
			conn_free(d->conns[i]);
		else
			d->conns[j++] = d->conns[i];
	}
	d->n_conns = j;
}

void kfd_of_run(struct kfd *d, const struct pollfd *pfd, size_t n)
{
	size_t i, nl = d->n_listeners, nc = d->n_conns;

	for (i = 0; i < nc && nl + i < n; i++)
		if (pfd[nl + i].revents)
			conn_read(d, d->conns[i]);
	for (i = 0; i < nl && i < n; i++)
		if (pfd[i].revents & POLLIN)
			accept_one(d, &d->listeners[i]);
	reap(d);
}
