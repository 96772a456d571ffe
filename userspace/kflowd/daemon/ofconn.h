/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ofconn.h - the OpenFlow 1.3 management sockets: one listening unix
 * stream socket RUNDIR/BRIDGE.mgmt per bridge, and its connections.
 *
 * A connection gets our HELLO on accept; received bytes are framed with
 * the wire codec's header length and each whole message is handed to
 * kfd_of_handle().  Replies are written before the next message is read
 * (blocking writes: ovs-ofctl reads as it goes).
 */
#ifndef KFLOWD_DAEMON_OFCONN_H
#define KFLOWD_DAEMON_OFCONN_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include "kflowd.h"
#include "ofp_wire.h"
#include "controller.h"

struct kfd_ctrl;

struct kfd_conn {
	int fd;
	struct kf_bridge *br;
	struct kfd_ctrl *ctrl;		/* a controller connection, or NULL */
	uint64_t last_rx_ms;
	bool probed;			/* echo request sent since last rx */
	uint8_t *rbuf;
	size_t rlen;
	struct kf_wbuf out;
	bool dead;
};

/* Adopt connected socket @fd for @br: HELLO sent, messages handled. */
struct kfd_conn *kfd_conn_add(struct kfd *d, int fd, struct kf_bridge *br);
void kfd_conn_flush(struct kfd_conn *c);

int kfd_of_listen(struct kfd *d, const char *rundir, char err[KF_ERR_LEN]);
/* A bridge added or deleted at run time (kflow-ctl add-br/del-br):
 * listen on RUNDIR/BR.mgmt; close it and the bridge's connections. */
int kfd_of_listen_bridge(struct kfd *d, struct kf_bridge *br,
			 char err[KF_ERR_LEN]);
void kfd_of_unlisten_bridge(struct kfd *d, const struct kf_bridge *br);
void kfd_of_close_all(struct kfd *d);
/* Fill @pfd (listeners then connections); returns the count used. */
size_t kfd_of_pollfds(const struct kfd *d, struct pollfd *pfd, size_t max);
/* Act on the revents of what kfd_of_pollfds() filled. */
void kfd_of_run(struct kfd *d, const struct pollfd *pfd, size_t n);

/* ofhandle.c: a port as PORT_DESC and PORT_STATUS describe it. */
void kfd_of_port(const struct kf_port *p, struct kf_ofp_port *op);
/* ofhandle.c: one whole message; replies go to c->out. */
void kfd_of_handle(struct kfd *d, struct kfd_conn *c, const uint8_t *msg,
		   size_t len);
/* offlow.c: flow_mod and flow statistics. */
int kfd_of_flow_mod(struct kfd *d, struct kf_bridge *br,
		    struct kf_ofp_flow_mod *fm, struct kf_ofp_err *err);
void kfd_of_flow_stats(struct kfd_conn *c, uint32_t xid,
		       const struct kf_ofp_flow_stats_request *r);
void kfd_of_aggregate(struct kfd_conn *c, uint32_t xid,
		      const struct kf_ofp_flow_stats_request *r);
/* ofpacket.c: PACKET_OUT (translated and executed). */
int kfd_of_packet_out(struct kfd *d, struct kfd_conn *c, const uint8_t *msg,
		      size_t len, struct kf_ofp_err *e);

#endif
