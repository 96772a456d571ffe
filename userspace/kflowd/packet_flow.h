/* SPDX-License-Identifier: GPL-2.0 */
/*
 * packet_flow.h - an Ethernet frame's header fields into a struct kf_flow,
 * as the datapath's key extraction would see them (for kflow-ctl trace
 * BR in_port=N PACKET_HEX): up to two VLAN tags, ARP, IPv4, IPv6 (no
 * extension headers), TCP/UDP/SCTP ports and TCP flags, ICMP/ICMPv6 type
 * and code, ND target and link-layer addresses.  A truncated header
 * leaves the fields of that layer zero, as the kernel does.
 */
#ifndef KFLOWD_PACKET_FLOW_H
#define KFLOWD_PACKET_FLOW_H

#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "ofp.h"

/* Fill @flow (other than in_port and metadata) from @pkt.  -EINVAL with
 * @err for a frame shorter than an Ethernet header. */
int kf_packet_to_flow(const uint8_t *pkt, size_t len, struct kf_flow *flow,
		      char err[KF_ERR_LEN]);
/* Hex ("0x" optional, no separators) into bytes; returns the length or
 * -EINVAL with @err. */
int kf_hex_to_bytes(const char *hex, uint8_t *out, size_t cap,
		    char err[KF_ERR_LEN]);

#endif
