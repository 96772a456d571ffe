// SPDX-License-Identifier: GPL-2.0
/*
 * vec.c - growing a plain array by doubling (see vec.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include "vec.h"

void *kf_vec_grow(void *v, size_t *cap, size_t size, size_t first)
{
	size_t n = *cap ? *cap : first;
	void *nv;

	if (!size || !n || n > SIZE_MAX / 2 / size)
		return NULL;
	if (*cap)
		n *= 2;
	nv = realloc(v, n * size);
	if (nv)
		*cap = n;
	return nv;
}
