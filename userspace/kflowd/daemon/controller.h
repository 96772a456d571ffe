/* SPDX-License-Identifier: GPL-2.0 */
/*
 * controller.h - active connections from a bridge to its OpenFlow
 * controllers (kflowd --controller BR=tcp:IP:PORT, repeatable).
 *
 * Each controller is connected with a non-blocking connect(); while it is
 * in progress its socket is polled for POLLOUT.  Once connected, the
 * socket becomes an ordinary struct kfd_conn (ofconn.c): HELLO, then the
 * controller's requests are handled like those on the management socket
 * (features, set_config, flow_mod, multipart, barrier, packet_out).  The
 * connection is probed with an ECHO_REQUEST after KF_CTRL_PROBE_MS of
 * silence and dropped after KF_CTRL_DEAD_MS; a failed or lost connection
 * is retried after a backoff doubling from 1 s to 8 s.
 *
 * Asynchronous messages (PACKET_IN, FLOW_REMOVED, PORT_STATUS) go only to
 * the controller connections of the bridge, not to management clients,
 * through kfd_ctrl_send().  Single-threaded, like the rest of the daemon.
 */
#ifndef KFLOWD_DAEMON_CONTROLLER_H
#define KFLOWD_DAEMON_CONTROLLER_H

#include <netinet/in.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include "kflowd.h"
#include "ofp_async.h"

struct kfd_conn;
struct kfd_upcall;

struct kfd_ctrl {
	struct kf_bridge *br;
	char target[64];
	struct sockaddr_in sa;
	int fd;				/* connect() in progress, else -1 */
	struct kfd_conn *conn;		/* connected */
	uint64_t next_try_ms;
	uint32_t backoff_ms;
	uint64_t n_connects;
};

/* "BR=tcp:IP[:PORT]": the bridge must exist. */
int kfd_ctrl_add(struct kfd *d, const char *spec, char err[KF_ERR_LEN]);
void kfd_ctrl_close_all(struct kfd *d);
/* Bridge @br goes away (del-br): its controllers stop; call before its
 * connections are freed. */
void kfd_ctrl_forget_bridge(struct kfd *d, const struct kf_bridge *br);
/* Sockets with a connect() in progress (POLLOUT). */
size_t kfd_ctrl_pollfds(const struct kfd *d, struct pollfd *pfd, size_t max);
/* Finish connects, start due ones, probe idle connections. */
void kfd_ctrl_run(struct kfd *d, const struct pollfd *pfd, size_t n);
/* The connection of @ctl is being freed. */
void kfd_ctrl_lost(struct kfd_ctrl *ctl);
/* Queue and write @msg to every connected controller of @br; returns how
 * many got it. */
size_t kfd_ctrl_send(struct kfd *d, const struct kf_bridge *br,
		     const struct kf_wbuf *msg);
/* FLOW_REMOVED of @r (if it has send_flow_rem) to @br's controllers. */
void kfd_ctrl_flow_removed(struct kfd *d, const struct kf_rule *r,
			   uint8_t reason);

/* PORT_STATUS (KF_OFPPR_ADD/DELETE/MODIFY) of @p to its bridge's
 * controllers: for whoever adds or removes ports at run time. */
void kfd_ctrl_port_status(struct kfd *d, const struct kf_port *p,
			  uint8_t reason);

/* ofpacket.c: an OVS_PACKET_CMD_ACTION upcall of a CONTROLLER action. */
void kfd_ctrl_packet_in(struct kfd *d, const struct kfd_upcall *up);

#endif
