// SPDX-License-Identifier: GPL-2.0
/*
 * log.c - stderr or syslog.
 */
#include <stdarg.h>
#include <stdio.h>
#include "log.h"

static bool to_syslog;
static bool debug;

void kfd_log_init(bool use_syslog, bool verbose)
{
	to_syslog = use_syslog;
	debug = verbose;
	if (use_syslog)
		openlog("kflowd", LOG_PID, LOG_DAEMON);
}

static const char *level_name(int level)
{
	switch (level) {
	case LOG_ERR: return "error";
	case LOG_WARNING: return "warning";
	case LOG_INFO: return "info";
	default: return "debug";
	}
}

void kfd_log(int level, const char *fmt, ...)
{
	va_list ap;

	if (level == LOG_DEBUG && !debug)
		return;
	va_start(ap, fmt);
	if (to_syslog) {
		vsyslog(level, fmt, ap);
	} else {
		fprintf(stderr, "kflowd: %s: ", level_name(level));
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}
