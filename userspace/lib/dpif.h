/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dpif.h - userspace side of the Open vSwitch datapath generic netlink
 * ABI (families ovs_datapath, ovs_vport, ovs_flow, ovs_packet), as spoken
 * by both kflow.ko and the stock openvswitch.ko.
 *
 * All functions return 0 or a negative errno.  When the kernel rejects a
 * request with an extended ACK message, kf_nl_errmsg() returns it until
 * the next request.
 */
#ifndef KFLOW_DPIF_H
#define KFLOW_DPIF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>
#include <linux/openvswitch.h>
#include <libmnl/libmnl.h>

enum kf_family {
	KF_DATAPATH,
	KF_VPORT,
	KF_FLOW,
	KF_PACKET,
	KF_N_FAMILIES,
};

struct kf_nl;

int kf_nl_open(struct kf_nl **nlp);
void kf_nl_close(struct kf_nl *nl);
/* The kernel's extack message for the last failed request, or NULL. */
const char *kf_nl_errmsg(const struct kf_nl *nl);
/* Name of the family that could not be resolved by kf_nl_open(). */
const char *kf_nl_missing_family(const struct kf_nl *nl);
uint16_t kf_nl_family_id(const struct kf_nl *nl, enum kf_family fam);
/* Multicast group id of @fam, 0 if the family has none. */
uint32_t kf_nl_mcgroup(const struct kf_nl *nl, enum kf_family fam);

/*
 * Low-level request helpers.  kf_msg_start() returns a message in the
 * handle's send buffer with genl and ovs headers filled in; add
 * attributes with mnl_attr_put*(nlh, ...) and pass it to kf_transact().
 * @cb is called for every reply message (may be NULL).
 */
struct nlmsghdr *kf_msg_start(struct kf_nl *nl, enum kf_family fam,
			      uint8_t cmd, uint16_t flags, int dp_ifindex);
size_t kf_msg_room(const struct kf_nl *nl);
/* kf_msg_start() into @buf (at least KF_ATTR_OFFSET + 16 bytes). */
struct nlmsghdr *kf_msg_start_in(const struct kf_nl *nl, void *buf,
				 enum kf_family fam, uint8_t cmd,
				 uint16_t flags, int dp_ifindex);
int kf_transact(struct kf_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		void *data);
/* Payload (after genl + ovs headers) helpers for reply parsing. */
const struct ovs_header *kf_msg_ovs_header(const struct nlmsghdr *nlh);
#define KF_ATTR_OFFSET	(GENL_HDRLEN + sizeof(struct ovs_header))

/* ---- Datapaths ---- */

struct kf_dp {
	int ifindex;			/* ovs_header.dp_ifindex */
	char name[IFNAMSIZ];
	bool has_stats;
	struct ovs_dp_stats stats;
	bool has_megaflow_stats;
	bool has_cache_hit;		/* kernel reports n_cache_hit */
	struct ovs_dp_megaflow_stats mf;
	bool has_user_features;
	uint32_t user_features;
	bool has_masks_cache_size;
	uint32_t masks_cache_size;
};

#define KF_DP_DEFAULT_FEATURES	(OVS_DP_F_UNALIGNED | OVS_DP_F_VPORT_PIDS)

int kf_dp_new(struct kf_nl *nl, const char *name, uint32_t user_features,
	      struct kf_dp *out);
int kf_dp_del(struct kf_nl *nl, const char *name);
int kf_dp_get(struct kf_nl *nl, const char *name, struct kf_dp *out);
int kf_dp_set_features(struct kf_nl *nl, const char *name,
		       uint32_t user_features);
/* Set @user_features with OVS_DP_ATTR_PER_CPU_PIDS: @pids[cpu] receives
 * the upcalls of that CPU (with OVS_DP_F_DISPATCH_UPCALL_PER_CPU). */
int kf_dp_set_per_cpu_pids(struct kf_nl *nl, const char *name,
			   uint32_t user_features, const uint32_t *pids,
			   size_t n_pids);
typedef int (*kf_dp_cb)(const struct kf_dp *dp, void *data);
int kf_dp_dump(struct kf_nl *nl, kf_dp_cb cb, void *data);
int kf_dp_parse(const struct nlmsghdr *nlh, struct kf_dp *dp);

/* ---- Vports ---- */

#define KF_PORT_NONE	UINT32_MAX

struct kf_vport {
	int dp_ifindex;
	uint32_t port_no;
	uint32_t type;			/* OVS_VPORT_TYPE_* */
	char name[IFNAMSIZ];
	bool has_stats;
	struct ovs_vport_stats stats;
	bool has_dst_port;
	uint16_t dst_port;		/* tunnels: OVS_TUNNEL_ATTR_DST_PORT */
	bool has_ifindex;
	uint32_t ifindex;
	bool has_netnsid;
	int32_t netnsid;
	uint32_t n_upcall_pids;
};

struct kf_vport_req {
	const char *name;
	uint32_t type;
	uint32_t port_no;		/* KF_PORT_NONE: kernel chooses */
	bool has_dst_port;
	uint16_t dst_port;
	bool gbp;			/* vxlan: group policy extension */
	bool has_upcall_pid;		/* always sent by kf_vport_new() */
	uint32_t upcall_pid;
	/* If n_upcall_pids: this array is sent instead of upcall_pid (the
	 * kernel picks one per packet by its hash). */
	const uint32_t *upcall_pids;
	size_t n_upcall_pids;
};

const char *kf_vport_type_name(uint32_t type);
int kf_vport_type_from_name(const char *name, uint32_t *type);
int kf_vport_new(struct kf_nl *nl, int dp_ifindex,
		 const struct kf_vport_req *req, struct kf_vport *out);
int kf_vport_set(struct kf_nl *nl, int dp_ifindex,
		 const struct kf_vport_req *req);
int kf_vport_del(struct kf_nl *nl, int dp_ifindex, const char *name,
		 uint32_t port_no);
int kf_vport_get(struct kf_nl *nl, int dp_ifindex, const char *name,
		 uint32_t port_no, struct kf_vport *out);
typedef int (*kf_vport_cb)(const struct kf_vport *vport, void *data);
int kf_vport_dump(struct kf_nl *nl, int dp_ifindex, kf_vport_cb cb,
		  void *data);
int kf_vport_parse(const struct nlmsghdr *nlh, struct kf_vport *vport);
/* Build the attributes of a vport request into @nlh (for tests too). */
int kf_vport_put_attrs(struct nlmsghdr *nlh, size_t room,
		       const struct kf_vport_req *req);

/* ---- Flows ---- */

#define KF_UFID_LEN	16

struct kf_ufid {
	uint32_t u32[4];		/* host order, as ovs-dpctl prints it */
};

/*
 * A flow as received from the kernel.  The pointers reference the reply
 * message and are only valid inside the callback, or until
 * kf_flow_free() for kf_flow_get().
 */
struct kf_flow {
	const void *key;
	size_t key_len;
	const void *mask;
	size_t mask_len;
	bool has_mask;
	const void *actions;
	size_t actions_len;
	bool has_actions;
	bool has_ufid;
	struct kf_ufid ufid;
	struct ovs_flow_stats stats;
	uint8_t tcp_flags;
	uint64_t used;			/* msecs, monotonic; 0 = never */
	void *owned;			/* buffer owned by this struct */
};

/* A flow to install, modify, look up or delete. */
struct kf_flow_req {
	const void *key;
	size_t key_len;
	const void *mask;		/* NULL: no mask attribute */
	size_t mask_len;
	const void *actions;		/* NULL: no actions attribute */
	size_t actions_len;
	bool has_actions;
	const struct kf_ufid *ufid;	/* NULL: identify by key */
	bool clear;			/* OVS_FLOW_ATTR_CLEAR */
	bool probe;
	uint32_t ufid_flags;
};

enum kf_flow_put_mode {
	KF_FLOW_CREATE,			/* NEW + NLM_F_CREATE: fail if exists */
	KF_FLOW_MODIFY,			/* SET: fail if missing */
	KF_FLOW_CREATE_OR_MODIFY,	/* NEW without NLM_F_CREATE */
};

int kf_flow_put(struct kf_nl *nl, int dp_ifindex, enum kf_flow_put_mode mode,
		const struct kf_flow_req *req, struct kf_flow *reply);
int kf_flow_del(struct kf_nl *nl, int dp_ifindex,
		const struct kf_flow_req *req, struct kf_flow *reply);
int kf_flow_flush(struct kf_nl *nl, int dp_ifindex);
int kf_flow_get(struct kf_nl *nl, int dp_ifindex,
		const struct kf_flow_req *req, struct kf_flow *out);
typedef int (*kf_flow_cb)(const struct kf_flow *flow, void *data);
int kf_flow_dump(struct kf_nl *nl, int dp_ifindex, uint32_t ufid_flags,
		 kf_flow_cb cb, void *data);
void kf_flow_free(struct kf_flow *flow);
int kf_flow_parse(const struct nlmsghdr *nlh, struct kf_flow *flow);
int kf_flow_put_attrs(struct nlmsghdr *nlh, size_t room,
		      const struct kf_flow_req *req);

/* ---- Packets ---- */

struct kf_packet_req {
	const void *packet;
	size_t packet_len;
	const void *key;
	size_t key_len;
	const void *actions;
	size_t actions_len;
	uint16_t mru;			/* 0: none */
	bool probe;
};

int kf_packet_execute(struct kf_nl *nl, int dp_ifindex,
		      const struct kf_packet_req *req);
int kf_packet_put_attrs(struct nlmsghdr *nlh, size_t room,
			const struct kf_packet_req *req);

/* ---- Batches ----
 *
 * Requests sent together in one sendmsg() and answered only by their
 * errors and by the last one's acknowledgement: a batch of n flow
 * installs, deletes and packet executions costs two system calls plus
 * one per failed request, where kf_transact() costs two each.  The
 * kernel runs the messages of one sendmsg() in order, so every error
 * comes before the last acknowledgement.  The batch has its own buffer:
 * kf_transact() on the same handle may run between two
 * kf_batch_commit()s.
 */
#define KF_BATCH_MAX 128
#define KF_BATCH_BUF (128 * 1024)

struct kf_batch {
	struct kf_nl *nl;
	uint8_t *buf;			/* KF_BATCH_BUF */
	size_t len;
	size_t last;			/* offset of the last message */
	unsigned int n;
	int err[KF_BATCH_MAX];		/* after commit: 0 or -errno each */
};

int kf_batch_init(struct kf_batch *b, struct kf_nl *nl);
void kf_batch_free(struct kf_batch *b);
/* Is there room for @msgs more requests of @bytes of attributes in all? */
bool kf_batch_fits(const struct kf_batch *b, unsigned int msgs,
		   size_t bytes);
/* Append a request; its index in err[], or -ENOSPC when the batch is
 * full (commit, then add again) or -EMSGSIZE if it can never fit. */
int kf_batch_flow_put(struct kf_batch *b, int dp_ifindex,
		      enum kf_flow_put_mode mode, const struct kf_flow_req *req);
int kf_batch_execute(struct kf_batch *b, int dp_ifindex,
		     const struct kf_packet_req *req);
/* A flow delete (by @req's UFID or key), without a reply of its stats. */
int kf_batch_flow_del(struct kf_batch *b, int dp_ifindex,
		      const struct kf_flow_req *req);
/* Send the requests, collect their results into err[] (the extack
 * message of the last error in kf_nl_errmsg()), and empty the batch for
 * the next ones (err[] keeps the results until the next add).  0, or
 * -errno when sending or receiving failed (then every err[] is set to
 * it). */
int kf_batch_commit(struct kf_batch *b);

#endif
