// SPDX-License-Identifier: GPL-2.0
/* fuzz_util.c - helpers shared by the harnesses (see fuzz.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		return NULL;
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

void fuzz_fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz: invariant broken: %s: %s\n", what, detail);
	abort();
}
