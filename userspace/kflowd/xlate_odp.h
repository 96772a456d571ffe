/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xlate_odp.h - how struct kf_flow maps onto the datapath's key
 * attributes (struct ovs_key_*), for set_masked commits and for the
 * megaflow key/mask.  The same get() converts values and masks: the
 * mapping is bitwise except the fragment type (see xlate_odp_key.c).
 */
#ifndef KFLOWD_XLATE_ODP_H
#define KFLOWD_XLATE_ODP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"

struct kf_odp_attr {
	uint16_t type;			/* OVS_KEY_ATTR_* */
	uint16_t len;			/* sizeof(struct ovs_key_*) */
	void (*get)(const struct kf_flow *f, void *out);
	bool (*applies)(const struct kf_flow *f);	/* packet has it */
	void (*clear_ro)(void *mask);	/* read-only for set */
	bool slow;			/* no Linux datapath can set it */
};

/* Settable attributes, in commit order; ends with get == NULL. */
extern const struct kf_odp_attr kf_odp_set_attrs[];
/* The attribute of @type, or NULL. */
const struct kf_odp_attr *kf_odp_attr(uint16_t type);

/* Datapath prerequisites and limits applied to a megaflow mask. */
void kf_xlate_wc_finish(const struct kf_flow *flow, struct kf_flow *wc);

#endif
