/* SPDX-License-Identifier: GPL-2.0 */
/*
 * log.h - kflowd's log: "kflowd: LEVEL: message" lines on stderr, or
 * syslog once detached.  LOG_DEBUG lines only with --verbose.
 */
#ifndef KFLOWD_DAEMON_LOG_H
#define KFLOWD_DAEMON_LOG_H

#include <stdbool.h>
#include <string.h>
#include <syslog.h>

void kfd_log_init(bool use_syslog, bool verbose);
void kfd_log(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
