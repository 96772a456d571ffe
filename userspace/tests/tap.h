/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tap.h - a minimal Test Anything Protocol harness.
 */
#ifndef KFLOW_TAP_H
#define KFLOW_TAP_H

#include <stdbool.h>

/* Report one test result; extra diagnostics are printed as "# ..." lines. */
void tap_ok(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the plan line and return the exit status. */
int tap_done(void);

#endif
