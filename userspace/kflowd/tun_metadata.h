/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tun_metadata.h - tun_metadata0..63 <-> Geneve options in datapath keys
 * and set(tunnel(...)) actions.
 *
 * OVS maps Geneve options to tun_metadataN through a per-switch TLV map
 * (ovs-ofctl add-tlv-map).  kflowd has one fixed map, the one OVN
 * programs (and seed 004 shows on the wire: "class Open Virtual
 * Networking (OVN) (0x102) type 0x80(C) len 8 data 00010003"):
 *
 *     tun_metadataN  =  option class 0x0102, type 0x80 + N, 4 data bytes
 *
 * (type bit 0x80 is Geneve's "critical" bit, set for every slot, as OVN
 * does).  Other options are ignored when decoding.  A megaflow whose
 * translation read slot N carries in its key the options of every slot
 * it read, in slot order, headers exact and data under the read bits:
 * the datapath compares the whole option blob, so a packet with other or
 * more options misses such a megaflow and is translated in userspace
 * (correct, not cached).  Output to a tunnel port sends the slots whose
 * value is not zero.
 */
#ifndef KFLOWD_TUN_METADATA_H
#define KFLOWD_TUN_METADATA_H

#include <stdbool.h>
#include <stddef.h>
#include "flow.h"
#include "nlbuf.h"

#define KF_TUN_MD_CLASS 0x0102
#define KF_TUN_MD_TYPE0 0x80

/* OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS payload -> @f->tun_metadata.  -EINVAL
 * with @err for a malformed option list. */
int kf_tun_md_from_geneve(const void *opts, size_t len, struct kf_flow *f,
			  char *err, size_t err_len);

/* Put OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS into @b: one option per slot @sel
 * selects (non-zero), data @val & @sel; option headers all ones if
 * @mask.  Key: @sel the wildcards, @val the flow; mask: both the
 * wildcards; action: both the flow.  Nothing if no slot is selected. */
void kf_tun_md_put_geneve(struct nlbuf *b, const struct kf_flow *sel,
			  const struct kf_flow *val, bool mask);

#endif
