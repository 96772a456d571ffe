// SPDX-License-Identifier: GPL-2.0
/*
 * ctl_proto.c - request line and reply status of the control protocol
 * (see ctl_proto.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "ctl_proto.h"

int kf_ctl_request(struct strbuf *sb, int argc, char **argv,
		   char err[KF_ERR_LEN])
{
	int i;

	for (i = 0; i < argc; i++) {
		if (!*argv[i] || strpbrk(argv[i], " \t\r\n")) {
			snprintf(err, KF_ERR_LEN, "argument \"%.64s\": empty "
				 "or holds white space", argv[i]);
			return -EINVAL;
		}
	}
	sb_clear(sb);
	kf_ctl_join(sb, argc, argv);
	sb_putc(sb, '\n');
	if (sb->len > KF_CTL_MAX_REQUEST) {
		snprintf(err, KF_ERR_LEN, "request longer than %d bytes",
			 KF_CTL_MAX_REQUEST);
		return -EINVAL;
	}
	return 0;
}

void kf_ctl_join(struct strbuf *sb, int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (i)
			sb_putc(sb, ' ');
		sb_puts(sb, argv[i]);
	}
}

int kf_ctl_split(char *line, char **argv, int max, char err[KF_ERR_LEN])
{
	size_t len = strlen(line);
	char *tok, *save = NULL;
	int n = 0;

	if (len && line[len - 1] == '\n')
		line[--len] = '\0';
	if (strpbrk(line, "\r\n")) {
		snprintf(err, KF_ERR_LEN, "request: more than one line");
		return -EINVAL;
	}
	for (tok = strtok_r(line, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		if (n == max) {
			snprintf(err, KF_ERR_LEN, "request: more than %d "
				 "words", max);
			return -EINVAL;
		}
		argv[n++] = tok;
	}
	if (!n) {
		snprintf(err, KF_ERR_LEN, "request: empty");
		return -EINVAL;
	}
	return n;
}

int kf_ctl_reply(const char *buf, const char **body, char msg[KF_ERR_LEN])
{
	const char *nl = strchr(buf, '\n');

	*body = nl ? nl + 1 : buf + strlen(buf);
	msg[0] = '\0';
	if (!strncmp(buf, "ok\n", 3))
		return 0;
	if (strncmp(buf, "error: ", 7) || !nl)
		return -EINVAL;
	snprintf(msg, KF_ERR_LEN, "%.*s", (int)(nl - buf - 7), buf + 7);
	return 1;
}

int kf_ctl_send_all(int fd, const char *s, size_t len)
{
	ssize_t n;

	while (len) {
		n = send(fd, s, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}
