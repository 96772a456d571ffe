/* SPDX-License-Identifier: GPL-2.0 */
/* fz_flows.h - the flow keys and action lists the fuzzers start from. */
#ifndef KFLOW_FZ_FLOWS_H
#define KFLOW_FZ_FLOWS_H

#include <stddef.h>

extern const char *const fz_keys[];
extern const size_t fz_n_keys;
/* printf formats: "%u" is the upcall listener's port id. */
extern const char *const fz_actions[];
extern const size_t fz_n_actions;
extern const char *const fz_actions_refused[];
extern const size_t fz_n_actions_refused;

struct fz_rng;
/* Any action list, refused ones included. */
const char *fz_action_any(struct fz_rng *r);

#endif
