/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pkt_rewrite.h - apply to packet bytes the header writes a Linux
 * datapath cannot: set / set_masked of OVS_KEY_ATTR_ARP, _ICMP, _ICMPV6
 * and _ND (the attributes xlate_odp.c marks slow).
 *
 * The packet is an Ethernet frame (with any number of 802.1Q / 802.1ad
 * tags).  A masked write changes only the bits set in the mask:
 * new = (old & ~mask) | (key & mask), per byte.  ICMP and ICMPv6
 * checksums are recomputed over the rewritten message.  ND link-layer
 * addresses are written into the source/target link-layer address option
 * the packet already carries; a packet without the option keeps its
 * length (the write is then a no-op, as a set on an absent field).
 */
#ifndef KFLOWD_PKT_REWRITE_H
#define KFLOWD_PKT_REWRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True for the key attributes kf_pkt_set() implements. */
bool kf_pkt_set_supported(uint16_t key_type);

/* Write @key under @mask (NULL: all ones), both @len bytes in the
 * struct ovs_key_* layout of @key_type, into @pkt.  Returns 0, or
 * -EINVAL with @err naming the reason (the packet does not carry the
 * header, or @len does not fit the attribute). */
int kf_pkt_set(uint8_t *pkt, size_t pkt_len, uint16_t key_type,
	       const void *key, const void *mask, size_t len, char *err,
	       size_t err_len);

#endif
