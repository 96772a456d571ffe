/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vec.h - growing a plain array by doubling.
 *
 * The daemon and the tools collect dumps and rule sets into arrays that
 * grow as they fill: `struct { T *v; size_t n, cap; }`.  kf_vec_grow() is
 * the one place that doubles such an array, so every caller gets the same
 * two guarantees: the size computation cannot overflow, and on failure
 * neither the array nor its capacity changes (the caller may keep using
 * what it has, or free it).
 *
 *	if (l->n == l->cap) {
 *		nv = kf_vec_grow(l->v, &l->cap, sizeof(*nv), 16);
 *		if (!nv)
 *			return -ENOMEM;
 *		l->v = nv;
 *	}
 */
#ifndef KFLOW_VEC_H
#define KFLOW_VEC_H

#include <stddef.h>

/* @v (of *@cap elements of @size bytes) reallocated to twice its
 * capacity, or to @first elements when it has none; *@cap updated.
 * NULL when out of memory or the size would overflow, with @v and *@cap
 * untouched. */
void *kf_vec_grow(void *v, size_t *cap, size_t size, size_t first);

#endif
