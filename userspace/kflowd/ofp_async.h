/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ofp_async.h - the switch side of a controller connection, as pure
 * logic the daemon's I/O code calls: the controller target syntax, the
 * reconnect backoff, and the asynchronous messages built from the model
 * (PACKET_IN from a CONTROLLER upcall, FLOW_REMOVED from a rule).
 *
 * Packet-ins are never buffered: buffer_id is NO_BUFFER and the data is
 * the packet cut to max_len (OFPCML_NO_BUFFER 0xffff: all of it), with
 * total_len the full length.  The match carries in_port and, for packets
 * that came from a tunnel, tun_id/tun_src/tun_dst, and pkt_mark if set.
 */
#ifndef KFLOWD_OFP_ASYNC_H
#define KFLOWD_OFP_ASYNC_H

#include <netinet/in.h>
#include <stdint.h>
#include "bridge.h"
#include "ofp_wire.h"
#include "xlate.h"

#define KF_CTRL_DEFAULT_PORT 6653
#define KF_CTRL_BACKOFF_MIN_MS 1000
#define KF_CTRL_BACKOFF_MAX_MS 8000
#define KF_CTRL_PROBE_MS 5000		/* idle: send an echo request */
#define KF_CTRL_DEAD_MS 15000		/* idle: reconnect */

/* "tcp:IP[:PORT]" (IPv4; port 6653 if omitted). */
int kf_ctrl_parse_target(const char *s, struct sockaddr_in *sa,
			 char err[KF_ERR_LEN]);
/* The next wait before reconnecting after @prev ms (0: first failure). */
uint32_t kf_ctrl_backoff_ms(uint32_t prev);

enum kf_ctrl_liveness {
	KF_CTRL_LIVE,			/* heard from recently enough */
	KF_CTRL_PROBE,			/* idle: send an echo request */
	KF_CTRL_DEAD,			/* silent too long: reconnect */
};
/* What to do about a controller last heard from at @last_rx_ms, at
 * @now_ms (either may be the later: a connection made after @now_ms was
 * read is not idle); @probed: an echo request is already out. */
enum kf_ctrl_liveness kf_ctrl_liveness(uint64_t now_ms, uint64_t last_rx_ms,
				       bool probed);

/* PACKET_IN for a packet @pkt of @len bytes that hit the userspace()
 * action of @ck; @flow is the upcall key (in_port: OpenFlow port). */
void kf_ctrl_packet_in(const struct kf_upcall_cookie *ck,
		       const struct kf_flow *flow, const void *pkt, size_t len,
		       struct kf_ofp_packet_in *pi);
/* FLOW_REMOVED of @r for @reason (KF_OFPRR_*); @now_ms for duration.
 * fr->flow borrows @r's match (no actions): do not free it. */
void kf_ctrl_flow_removed(const struct kf_rule *r, uint8_t reason,
			  uint64_t now_ms, struct kf_ofp_flow_removed *fr);

#endif
