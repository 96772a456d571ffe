/* SPDX-License-Identifier: GPL-2.0 */
/*
 * upcall_key.h - the datapath's flow key of an upcall (OVS_KEY_ATTR_*
 * attributes of OVS_PACKET_CMD_MISS) back into a struct kf_flow: the
 * inverse of kf_xlate_odp_key() for the key (not the mask).
 *
 * Attributes the model has no field for (conntrack state, ct tuples,
 * tunnel TTL/TOS/checksum flags, NSH, MPLS) are skipped; a malformed
 * attribute (wrong length, bad nesting) is an error naming the attribute.
 */
#ifndef KFLOWD_UPCALL_KEY_H
#define KFLOWD_UPCALL_KEY_H

#include <stddef.h>
#include <stdint.h>
#include "bridge.h"
#include "flow.h"

/* Decode @key into @flow.  @flow->in_port is left 0; the datapath port
 * is stored in @odp_port (KF_ODPP_NONE if the key has none).  Returns 0
 * or -EINVAL with a message in @err. */
int kf_upcall_key_decode(const void *key, size_t len, struct kf_flow *flow,
			 uint32_t *odp_port, char err[KF_ERR_LEN]);

/* Decode and map the datapath in_port to its bridge and OpenFlow port.
 * Returns -ENODEV (with @err) for a port no bridge has. */
int kf_upcall_key_to_flow(const struct kf_ofproto *ofp, const void *key,
			  size_t len, struct kf_flow *flow,
			  struct kf_bridge **brp, char err[KF_ERR_LEN]);

#endif
