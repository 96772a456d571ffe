/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xlate_slow.h - the userspace slow path: run a translation whose
 * actions the datapath cannot execute (xout->slow).
 *
 * WHAT
 *
 * A Linux datapath has no set() for ARP, ICMP, ICMPv6 or ND fields (the
 * Dragonflow ARP responder rewrites an ARP request into a reply with
 * set_field/move on arp_op, arp_sha/tha, arp_spa/tpa).  Translation still
 * emits those writes as set_masked actions.  For the upcalled packet the
 * daemon applies them to the packet bytes itself (pkt_rewrite.h) and has
 * the datapath execute everything else; the megaflow it installs carries
 * a single userspace(pid, slow_path cookie) action (kf_xlate_put_slow_path)
 * so that later packets of the flow come back up and take the same way.
 *
 * HOW
 *
 * The top-level action list is cut at each slow write.  Actions before it
 * are executed by the datapath on the packet as it is; the write is then
 * applied to the packet bytes; the next execution replays the header
 * changes made so far (set, set_masked, push/pop_vlan, dec_ttl: outputs
 * and userspace actions are not repeated) followed by the actions after
 * the write.  The slow writes touch bytes no datapath action before them
 * moves or reads (the ARP/ICMP header, not Ethernet or VLAN), so applying
 * them to the original bytes is the same as applying them in place.  In
 * the common case (writes, then one output) this is one execution.
 *
 * A slow write nested in clone() or dec_ttl()'s expiry branch is refused
 * (-EOPNOTSUPP): its effect would have to stay inside the clone.
 */
#ifndef KFLOWD_XLATE_SLOW_H
#define KFLOWD_XLATE_SLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Have the datapath run @acts on @pkt; 0 or -errno. */
typedef int kf_slow_exec_fn(void *aux, const uint8_t *pkt, size_t pkt_len,
			    const void *acts, size_t acts_len);

/* True if @acts (OVS_ACTION_ATTR_*, nested lists included) hold a write
 * the datapath cannot do. */
bool kf_slow_actions_need_userspace(const void *acts, size_t acts_len);

/* Execute @acts on @pkt (rewritten in place) through @fn as described
 * above.  Returns the number of datapath executions (0: the actions only
 * dropped or rewrote), or -errno with @err filled: -EINVAL the packet
 * does not carry the header a write needs, -EOPNOTSUPP a nested slow
 * write, or what @fn returned. */
int kf_slow_execute(const void *acts, size_t acts_len, uint8_t *pkt,
		    size_t pkt_len, kf_slow_exec_fn *fn, void *aux,
		    char *err, size_t err_len);

#endif
