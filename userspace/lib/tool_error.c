// SPDX-License-Identifier: GPL-2.0
/*
 * tool_error.c - "PROGRAM: message" on stderr for kflow-dpctl, kflow-ofctl
 * and kflow-ctl.
 */
#include <stdarg.h>
#include <stdio.h>
#include "tool_error.h"

void kf_tool_error(const char *prog, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
