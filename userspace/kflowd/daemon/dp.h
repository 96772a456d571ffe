/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dp.h - the daemon's datapath: a request socket (libkflow), and per
 * handler thread a struct kfd_dp of its own (kfd_dp_handler_open(): a
 * request socket for flow installs and executes, and a non-blocking
 * upcall socket).  kfd_dp_set_dispatch() points the datapath's misses at
 * the handlers: per CPU (OVS_DP_F_DISPATCH_UPCALL_PER_CPU, one netlink
 * port id per CPU) where the datapath accepts it, otherwise per vport
 * (every vport, at start or added later through kfd_dp_vport_add(),
 * gets its rotation of the handlers' port ids, kfd_dp_vport_pids(); the
 * kernel picks one by the packet's hash).
 *
 * A struct kfd_dp is used by one thread at a time.
 *
 * dp.c, dp_vport.c and dp_dump.c are the only daemon files that include
 * dpif.h (whose struct kf_flow, a datapath flow, is not kflowd's struct
 * kf_flow): the rest of the daemon passes keys, masks and actions as
 * attribute byte streams.
 */
#ifndef KFLOWD_DAEMON_DP_H
#define KFLOWD_DAEMON_DP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KFD_ERR_LEN 256

#define KFD_MAX_VPORT_PIDS 1024	/* port ids sent per vport */

struct kf_batch;
struct kf_nl;
struct mnl_socket;

enum kfd_dispatch {
	KFD_DISPATCH_NONE,		/* not set up yet */
	KFD_DISPATCH_PER_CPU,
	KFD_DISPATCH_PER_VPORT,
};

struct kfd_dp {
	struct kf_nl *nl;
	struct mnl_socket *up;		/* upcalls (handlers' copies only) */
	uint32_t up_pid;
	int up_fd;
	int ifindex;
	char name[16];
	enum kfd_dispatch dispatch;	/* the main copy's */
	uint32_t *vport_pids;		/* every handler's port id */
	size_t n_vport_pids;
	unsigned int n_cpus;		/* possible CPUs */
	unsigned int n_vports_set;	/* rotates the ids of big sets */
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
	uint32_t in_port;		/* OVS_KEY_ATTR_IN_PORT, 0 if none */
	size_t msg_len;			/* bytes used in the receive buffer */
};

/* Open (or create, features UNALIGNED|VPORT_PIDS) datapath @name. */
int kfd_dp_open(struct kfd_dp *dp, const char *name, char err[KFD_ERR_LEN]);
/* A handler's copy of @main: its own request and upcall sockets. */
int kfd_dp_handler_open(const struct kfd_dp *main_dp, struct kfd_dp *h,
			char err[KFD_ERR_LEN]);
void kfd_dp_close(struct kfd_dp *dp);
/* Send misses to the handlers' port ids @pids: per CPU if @try_per_cpu
 * and the datapath takes it, else per vport (the local port now,
 * kfd_dp_vport_add() later). */
int kfd_dp_set_dispatch(struct kfd_dp *dp, const uint32_t *pids, size_t n,
			bool try_per_cpu, char err[KFD_ERR_LEN]);
const char *kfd_dispatch_name(enum kfd_dispatch mode);

/* dp_vport.c: create or reuse datapath port @name of @kind (an existing
 * vport of that name is reused if its type matches); its upcalls go to
 * the handlers (kfd_dp_vport_pids()).  @dst_port: UDP port of
 * vxlan/geneve (0: 4789/6081).  A system port's netdev must exist ("no
 * such network device"). */
enum kfd_vport_kind {
	KFD_VPORT_SYSTEM,
	KFD_VPORT_INTERNAL,
	KFD_VPORT_VXLAN,
	KFD_VPORT_GENEVE,
	KFD_VPORT_GRE,
};
int kfd_dp_vport_add(struct kfd_dp *dp, const char *name,
		     enum kfd_vport_kind kind, uint16_t dst_port,
		     uint32_t *port_no, char err[KFD_ERR_LEN]);
/* Delete datapath port @name (gone already is not an error). */
int kfd_dp_vport_del(struct kfd_dp *dp, const char *name,
		     char err[KFD_ERR_LEN]);
/* The handlers' port ids the next vport gets into @req (none before
 * kfd_dp_set_dispatch()): under per-vport dispatch each vport gets its
 * own rotation of the handlers, at most one id per CPU; per-CPU dispatch
 * ignores them.  For dp.c and dp_vport.c. */
struct kf_vport_req;
void kfd_dp_vport_pids(struct kfd_dp *dp, struct kf_vport_req *req,
		       uint32_t buf[KFD_MAX_VPORT_PIDS]);

/* Receive one upcall without blocking: 1 with @up filled, 0 if none is
 * queued, -errno on error (-ENOBUFS: the kernel dropped some).  A message
 * longer than @cap is truncated and reported as -EMSGSIZE. */
int kfd_dp_recv(struct kfd_dp *dp, void *buf, size_t cap,
		struct kfd_upcall *up);

/* A handler's batch of requests on @dp's request socket (dpif.h
 * "Batches"); NULL if out of memory. */
struct kf_batch *kfd_dp_batch_new(struct kfd_dp *dp);
void kfd_dp_batch_free(struct kf_batch *b);
/* Room for @msgs more requests of @bytes (packets, keys, masks, actions)
 * in all? */
bool kfd_dp_batch_fits(const struct kf_batch *b, unsigned int msgs,
		       size_t bytes);
/* Send the batch and collect the results; 0 or -errno (then every
 * request failed with it). */
int kfd_dp_batch_commit(struct kf_batch *b);
/* After the commit: 0 or -errno of request @idx. */
int kfd_dp_batch_result(const struct kf_batch *b, int idx);
/* kfd_dp_flow_put() and kfd_dp_execute() queued in batch @b: the
 * request's index, or -ENOSPC (full) / -EMSGSIZE (too big ever). */
int kfd_dp_batch_put(struct kfd_dp *dp, struct kf_batch *b, const void *key,
		     size_t key_len, const void *mask, size_t mask_len,
		     const void *acts, size_t acts_len, uint32_t ufid_out[4]);
int kfd_dp_batch_execute(struct kfd_dp *dp, struct kf_batch *b,
			 const void *pkt, size_t pkt_len, const void *key,
			 size_t key_len, const void *acts, size_t acts_len);

/* Bytes (skb truesize) of upcalls queued in @dp's upcall socket, or
 * -errno (SO_MEMINFO). */
long kfd_dp_queued(const struct kfd_dp *dp);

/* OVS_FLOW_CMD_NEW with a random UFID, returned in @ufid. */
int kfd_dp_flow_put(struct kfd_dp *dp, const void *key, size_t key_len,
		    const void *mask, size_t mask_len, const void *acts,
		    size_t acts_len, uint32_t ufid[4]);
/* dp_dump.c: every flow whole (kflow-ctl dump-dp-flows).  Pointers are
 * valid only during the callback; @ufid is NULL for a flow without. */
struct kfd_dp_flow {
	const uint32_t *ufid;
	const char *ufid_text;		/* "ufid:...", as ovs-dpctl prints */
	const void *key, *mask, *acts;
	size_t key_len, mask_len, acts_len;
	uint64_t packets, bytes;
	uint64_t used_ms;		/* monotonic; 0: never */
	uint8_t tcp_flags;
};
typedef int kfd_dp_flow_fn(const struct kfd_dp_flow *f, void *aux);
int kfd_dp_flow_dump(struct kfd_dp *dp, kfd_dp_flow_fn *fn, void *aux);
int kfd_dp_execute(struct kfd_dp *dp, const void *pkt, size_t pkt_len,
		   const void *key, size_t key_len, const void *acts,
		   size_t acts_len);
int kfd_dp_flush(struct kfd_dp *dp);
/* The datapath's flow count and lost upcalls (OVS_DP_ATTR_STATS). */
int kfd_dp_counts(struct kfd_dp *dp, uint64_t *n_flows, uint64_t *n_lost);
/* The kernel's message for the last failed request ("" if none). */
const char *kfd_dp_errmsg(const struct kfd_dp *dp);

/* dp_flows.c: what revalidation needs (see revalidate.c). */

/* A datapath flow's attribute streams (OVS_KEY_ATTR_* / ACTION_ATTR_*). */
struct kfd_dpflow {
	const void *key;
	size_t key_len;
	const void *mask;
	size_t mask_len;
	const void *acts;
	size_t acts_len;
};

/* One flow of a dump; the pointers are valid during the callback. */
struct kfd_dp_dumped {
	bool has_ufid;
	uint32_t ufid[4];
	uint64_t packets;
	uint64_t bytes;
	uint64_t used_ms;		/* CLOCK_MONOTONIC ms, 0: never */
	struct kfd_dpflow f;		/* empty unless @with_attrs */
};

typedef int kfd_dp_dump_fn(const struct kfd_dp_dumped *fl, void *aux);
/* Dump every flow: UFID, counters, last use, and (@with_attrs) key,
 * mask and actions.  No other request may run from @fn. */
int kfd_dp_reval_dump(struct kfd_dp *dp, bool with_attrs, kfd_dp_dump_fn *fn,
		      void *aux);
/* OVS_FLOW_CMD_SET of @ufid: new actions (the kernel validates them
 * against @f's key and mask; the flow keeps its mask and counters). */
int kfd_dp_flow_modify(struct kfd_dp *dp, const uint32_t ufid[4],
		       const struct kfd_dpflow *f);
/* Delete @ufid; its final counters go to @packets/@bytes if not NULL. */
int kfd_dp_flow_del(struct kfd_dp *dp, const uint32_t ufid[4],
		    uint64_t *packets, uint64_t *bytes);
/* The same queued in batch @b (no counters): the request's index, or
 * -ENOSPC (full) or -EMSGSIZE (never fits). */
int kfd_dp_batch_del(struct kfd_dp *dp, struct kf_batch *b,
		     const uint32_t ufid[4]);
int kfd_dp_batch_modify(struct kfd_dp *dp, struct kf_batch *b,
			const uint32_t ufid[4], const struct kfd_dpflow *f);

#endif
