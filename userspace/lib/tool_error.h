/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tool_error.h - the command-line tools' error line on stderr:
 * "PROGRAM: message".
 */
#ifndef KFLOW_TOOL_ERROR_H
#define KFLOW_TOOL_ERROR_H

void kf_tool_error(const char *prog, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
