// SPDX-License-Identifier: GPL-2.0
/*
 * test_vec.c - kf_vec_grow(): doubling from the first capacity, the
 * contents kept, and a size that would overflow refused with the array
 * and its capacity untouched.
 */
#include <stdint.h>
#include <stdlib.h>
#include "tap.h"
#include "vec.h"

int main(void)
{
	size_t cap = 0, n, bad_cap;
	int *v = NULL, *nv;
	bool kept = true;

	for (n = 0; n < 100; n++) {
		if (n == cap) {
			nv = kf_vec_grow(v, &cap, sizeof(*v), 4);
			if (!nv)
				break;
			v = nv;
		}
		v[n] = n;
	}
	for (size_t i = 0; i < n; i++)
		kept &= v[i] == (int)i;
	tap_ok(n == 100 && cap == 128 && kept,
	       "grows 4, 8, ... 128 for 100 elements, contents kept (cap %zu)",
	       cap);
	bad_cap = SIZE_MAX / 2;
	nv = kf_vec_grow(v, &bad_cap, sizeof(*v), 4);
	tap_ok(!nv && bad_cap == SIZE_MAX / 2 && v[99] == 99,
	       "an overflowing size is refused, array and capacity untouched");
	nv = kf_vec_grow(v, &cap, 0, 4);
	tap_ok(!nv && cap == 128, "a zero element size is refused");
	free(v);
	return tap_done();
}
