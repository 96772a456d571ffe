// SPDX-License-Identifier: GPL-2.0
/*
 * ctl.c - the control socket: listen, accept, read one request, dispatch
 * it through the command table, write the reply, close.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>
#include "ctl.h"
#include "ctl_proto.h"
#include "log.h"

static const struct {
	const char *name;
	kfd_ctl_fn *fn;
	int min_args, max_args;		/* without the command name */
	const char *args;
} commands[] = {
	{ "add-br", kfd_ctl_add_br, 1, 1, "BR" },
	{ "del-br", kfd_ctl_del_br, 1, 1, "BR" },
	{ "add-port", kfd_ctl_add_port, 2, KF_CTL_MAX_ARGS, "BR PORT [OPTION...]" },
	{ "del-port", kfd_ctl_del_port, 2, 2, "BR PORT" },
	{ "show", kfd_ctl_show, 0, 0, "" },
	{ "trace", kfd_ctl_trace, 2, KF_CTL_MAX_ARGS, "BR FLOW|PACKET_HEX" },
	{ "dump-dp-flows", kfd_ctl_dump_dp_flows, 0, 1, "[BR]" },
	{ "upcall-stats", kfd_ctl_upcall_stats, 0, 0, "" },
};

int kfd_ctl_err(char err[KF_ERR_LEN], const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (vsnprintf(err, KF_ERR_LEN, fmt, ap) >= KF_ERR_LEN)
		err[KF_ERR_LEN - 2] = '.';
	va_end(ap);
	return -EINVAL;
}

static int dispatch(struct kfd *d, int argc, char **argv, struct strbuf *out,
		    char *err)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[0], commands[i].name))
			continue;
		if (argc - 1 < commands[i].min_args ||
		    argc - 1 > commands[i].max_args)
			return *commands[i].args ?
			       kfd_ctl_err(err, "%s: expected %s", argv[0],
					   commands[i].args) :
			       kfd_ctl_err(err, "%s: takes no arguments",
					   argv[0]);
		return commands[i].fn(d, argc, argv, out, err);
	}
	return kfd_ctl_err(err, "%s: unknown command (add-br, del-br, "
			   "add-port, del-port, show, trace, dump-dp-flows, "
			   "upcall-stats)", argv[0]);
}

int kfd_ctl_listen(struct kfd *d, char err[KF_ERR_LEN])
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	if ((size_t)snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/%s",
			     d->rundir, KF_CTL_SOCKET) >= sizeof(sa.sun_path))
		return kfd_ctl_err(err, "%s/%s: socket path too long",
				   d->rundir, KF_CTL_SOCKET);
	unlink(sa.sun_path);
	d->ctl_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
			   0);
	if (d->ctl_fd < 0 || bind(d->ctl_fd, (struct sockaddr *)&sa,
				  sizeof(sa)) || listen(d->ctl_fd, 16)) {
		kfd_ctl_err(err, "%s: %s", sa.sun_path, strerror(errno));
		return -errno;
	}
	return 0;
}

void kfd_ctl_close(struct kfd *d)
{
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];

	if (d->ctl_fd < 0)
		return;
	close(d->ctl_fd);
	d->ctl_fd = -1;
	snprintf(path, sizeof(path), "%s/%s", d->rundir, KF_CTL_SOCKET);
	unlink(path);
}

/* Read up to the first newline (2 s timeout). */
static int read_request(int fd, char *buf, size_t cap)
{
	size_t len = 0;
	ssize_t n;

	while (len < cap - 1) {
		n = recv(fd, buf + len, cap - 1 - len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		if (memchr(buf, '\n', len))
			break;
	}
	buf[len] = '\0';
	return memchr(buf, '\n', len) ? 0 : -EINVAL;
}

static void serve(struct kfd *d, int fd)
{
	struct timeval tv = { 2, 0 };
	char buf[KF_CTL_MAX_REQUEST + 1], err[KF_ERR_LEN] = "";
	struct strbuf out = STRBUF_INIT, reply = STRBUF_INIT;
	char *argv[KF_CTL_MAX_ARGS + 1];
	int argc, ret;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (read_request(fd, buf, sizeof(buf))) {
		ret = kfd_ctl_err(err, "request: no complete line within %d "
				  "bytes and 2 s", KF_CTL_MAX_REQUEST);
	} else {
		argc = kf_ctl_split(buf, argv, KF_CTL_MAX_ARGS + 1, err);
		ret = argc < 0 ? argc : dispatch(d, argc, argv, &out, err);
	}
	if (ret) {
		sb_printf(&reply, "error: %s\n", err);
		kfd_log(LOG_INFO, "kflow-ctl: %s", err);
	} else {
		sb_puts(&reply, "ok\n");
		sb_puts(&reply, sb_str(&out));
	}
	kf_ctl_send_all(fd, reply.s, reply.len);
	sb_free(&out);
	sb_free(&reply);
}

/* At most KFD_CTL_BATCH requests per poll round: the handlers wait for
 * model_lock while they run. */
#define KFD_CTL_BATCH 8

void kfd_ctl_run(struct kfd *d)
{
	int i, fd;

	for (i = 0; i < KFD_CTL_BATCH; i++) {
		fd = accept4(d->ctl_fd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0)
			return;
		serve(d, fd);
		close(fd);
	}
}
