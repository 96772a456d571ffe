/* SPDX-License-Identifier: GPL-2.0 */
/*
 * packet.h - the fields of a packet as struct kf_flow, for packets that
 * come without a datapath key: the payload of an OpenFlow PACKET_OUT.
 * and of kflow-ctl trace's PACKET_HEX.  Ethernet with up to two VLAN
 * tags, ARP, IPv4, IPv6 (fixed header), TCP, UDP, SCTP ports and TCP
 * flags, ICMP type/code, ND target and link-layer addresses; a truncated
 * header leaves the fields of that layer zero, as the datapath does.
 */
#ifndef KFLOWD_PACKET_H
#define KFLOWD_PACKET_H

#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "ofp.h"

void kf_flow_from_packet(const void *pkt, size_t len, uint16_t in_port,
			 struct kf_flow *f);

/* Hex ("0x" optional, no separators) into @out; returns the length, or
 * -EINVAL with @err naming the bad digit. */
int kf_packet_from_hex(const char *hex, uint8_t *out, size_t cap,
		       char err[KF_ERR_LEN]);

#endif
