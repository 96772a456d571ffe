// SPDX-License-Identifier: GPL-2.0
/*
 * conn.c - one request to kflowd's control socket: connect, send the
 * line, read the reply to EOF, print the body or the error.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "ctl_proto.h"
#include "kflow_ctl.h"

static int connect_ctl(const struct kfc *c)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if ((size_t)snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/%s",
			     c->rundir, KF_CTL_SOCKET) >= sizeof(sa.sun_path)) {
		kfc_error("%s/%s: path too long", c->rundir, KF_CTL_SOCKET);
		return -1;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		kfc_error("%s: %s (is kflowd running?)", sa.sun_path,
			  strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* The whole reply, NUL-terminated, in @sb. */
static int read_all(int fd, struct strbuf *sb)
{
	char buf[65536];
	ssize_t n;

	for (;;) {
		n = recv(fd, buf, sizeof(buf) - 1, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (!n)
			break;
		buf[n] = '\0';
		sb_puts(sb, buf);
	}
	sb_str(sb);
	return 0;
}

int kfc_call(const struct kfc *c, int argc, char **argv)
{
	struct strbuf req = STRBUF_INIT, reply = STRBUF_INIT;
	char err[KF_ERR_LEN];
	const char *body;
	int fd, ret = 1;

	if (kf_ctl_request(&req, argc, argv, err)) {
		kfc_error("%s: %s", argv[0], err);
		goto out;
	}
	fd = connect_ctl(c);
	if (fd < 0)
		goto out;
	if (kf_ctl_send_all(fd, req.s, req.len) || read_all(fd, &reply)) {
		kfc_error("%s: %s", argv[0], strerror(errno));
	} else {
		ret = kf_ctl_reply(sb_str(&reply), &body, err);
		if (ret < 0)
			kfc_error("%s: no reply from kflowd", argv[0]);
		else if (ret)
			kfc_error("%s", err);
		else
			fputs(body, stdout);
		ret = ret ? 1 : 0;
	}
	close(fd);
out:
	sb_free(&req);
	sb_free(&reply);
	return ret;
}

int kfc_cmd_send(const struct kfc *c, int argc, char **argv)
{
	return kfc_call(c, argc, argv);
}
