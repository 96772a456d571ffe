/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dp.h - the daemon's datapath: one request socket (libkflow) and one
 * non-blocking upcall socket whose port id every vport sends misses to.
 *
 * This is the only daemon file that includes dpif.h (whose struct
 * kf_flow, a datapath flow, is not kflowd's struct kf_flow): the rest of
 * the daemon passes keys, masks and actions as attribute byte streams.
 */
#ifndef KFLOWD_DAEMON_DP_H
#define KFLOWD_DAEMON_DP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KFD_ERR_LEN 256

struct kf_nl;
struct mnl_socket;

struct kfd_dp {
	struct kf_nl *nl;
	struct mnl_socket *up;		/* upcalls */
	uint32_t up_pid;
	int up_fd;
	int ifindex;
	char name[16];
};

/* One received upcall; pointers into the receive buffer. */
struct kfd_upcall {
	uint8_t cmd;			/* OVS_PACKET_CMD_MISS / _ACTION */
	const void *packet;
	size_t packet_len;
	const void *key;
	size_t key_len;
	const void *userdata;		/* NULL if none */
	size_t userdata_len;
};

/* Open (or create, features UNALIGNED|VPORT_PIDS) datapath @name and
 * point its local port's upcalls at the upcall socket. */
int kfd_dp_open(struct kfd_dp *dp, const char *name, char err[KFD_ERR_LEN]);
void kfd_dp_close(struct kfd_dp *dp);

/* Attach netdev @name (or create internal port @name); an existing vport
 * of that name is reused.  Its upcalls go to the daemon. */
int kfd_dp_port(struct kfd_dp *dp, const char *name, bool internal,
		uint32_t *port_no, char err[KFD_ERR_LEN]);

/* Receive one upcall without blocking: 1 with @up filled, 0 if none is
 * queued, -errno on error (-ENOBUFS: the kernel dropped some). */
int kfd_dp_recv(struct kfd_dp *dp, void *buf, size_t cap,
		struct kfd_upcall *up);

/* OVS_FLOW_CMD_NEW with a random UFID, returned in @ufid. */
int kfd_dp_flow_put(struct kfd_dp *dp, const void *key, size_t key_len,
		    const void *mask, size_t mask_len, const void *acts,
		    size_t acts_len, uint32_t ufid[4]);
/* Dump every flow's UFID and counters (key, mask, actions omitted). */
typedef void kfd_dp_stats_fn(const uint32_t ufid[4], uint64_t packets,
			     uint64_t bytes, void *aux);
int kfd_dp_flow_stats(struct kfd_dp *dp, kfd_dp_stats_fn *fn, void *aux);
int kfd_dp_execute(struct kfd_dp *dp, const void *pkt, size_t pkt_len,
		   const void *key, size_t key_len, const void *acts,
		   size_t acts_len);
int kfd_dp_flush(struct kfd_dp *dp);
/* The kernel's message for the last failed request ("" if none). */
const char *kfd_dp_errmsg(const struct kfd_dp *dp);

#endif
