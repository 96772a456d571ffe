/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ctl_proto.h - the kflowd control protocol, spoken on the unix stream
 * socket RUNDIR/kflowd.ctl between kflow-ctl and the daemon.
 *
 * One request per connection.  The client sends one line: the command
 * and its arguments separated by spaces or tabs, ended by "\n", at most
 * KF_CTL_MAX_REQUEST bytes:
 *
 *   add-port br0 vx0 type=vxlan remote_ip=192.168.1.2 key=flow\n
 *
 * The daemon answers with a status line, then the body, then closes:
 *
 *   ok\n                      success; the body (maybe empty) follows
 *   error: MESSAGE\n          failure; MESSAGE names the command, the
 *                             object and the reason, e.g.
 *                             "add-port br0 eth9: no such network device"
 *
 * Words never contain spaces; a command whose last argument may (trace's
 * flow) gets its remaining words joined with single spaces, which the
 * ovs-ofctl flow syntax reads the same.  Anyone can talk to the socket
 * by hand: echo show | socat - UNIX-CONNECT:/run/kflow/kflowd.ctl
 */
#ifndef KFLOWD_CTL_PROTO_H
#define KFLOWD_CTL_PROTO_H

#include <stddef.h>
#include "ofp.h"
#include "strbuf.h"

#define KF_CTL_SOCKET "kflowd.ctl"
#define KF_CTL_MAX_REQUEST 4096
#define KF_CTL_MAX_ARGS 64

/* Build the request line for @argv into @sb.  -EINVAL with @err if an
 * argument is empty or holds a space, tab or newline, or the line is
 * too long. */
int kf_ctl_request(struct strbuf *sb, int argc, char **argv,
		   char err[KF_ERR_LEN]);
/* Split request @line (modified in place; one "\n" at the end allowed)
 * into words.  Returns the count, or -EINVAL with @err. */
int kf_ctl_split(char *line, char **argv, int max, char err[KF_ERR_LEN]);
/* Join @argv[0..argc) with single spaces into @sb. */
void kf_ctl_join(struct strbuf *sb, int argc, char **argv);
/* Split reply @buf (NUL-terminated) into @body and, for an error, the
 * message (without "error: " and the newline) in @msg.  Returns 0 for
 * ok, 1 for an error reply, -EINVAL if the status line is neither. */
int kf_ctl_reply(const char *buf, const char **body, char msg[KF_ERR_LEN]);

/* Write all of @s to stream socket @fd (EINTR retried, no SIGPIPE).
 * 0 or -1 with errno. */
int kf_ctl_send_all(int fd, const char *s, size_t len);

#endif
