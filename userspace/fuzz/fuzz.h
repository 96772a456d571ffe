/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fuzz.h - the libFuzzer entry point every harness in userspace/fuzz/
 * defines.  The same harness source links either with libFuzzer
 * (`make -C userspace fuzz`, clang -fsanitize=fuzzer,address,undefined)
 * or with replay.c (the plain build), which runs it over reproducer and
 * corpus files so each crash ever found stays a regression test.
 *
 * A harness must not keep state between calls, and aborts (abort()) on a
 * broken invariant that is not a sanitizer report, e.g. a value that
 * formats to text its own parser then rejects.
 */
#ifndef KFLOW_FUZZ_H
#define KFLOW_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of @data (caller frees); NULL on ENOMEM. */
char *fuzz_strndup(const uint8_t *data, size_t size);
/* Report a broken invariant (with the input as text) and abort. */
void fuzz_fail(const char *what, const char *detail) __attribute__((noreturn));

#endif
