/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nl_priv.h - internals shared by the dpif_*.c files.
 */
#ifndef KFLOW_NL_PRIV_H
#define KFLOW_NL_PRIV_H

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include "dpif.h"

#define KF_SEND_BUF	(256 * 1024)
#define KF_RECV_BUF	(256 * 1024)

struct kf_nl {
	struct mnl_socket *sock;
	uint32_t portid;
	uint32_t seq;
	uint16_t family[KF_N_FAMILIES];
	uint32_t mcgroup[KF_N_FAMILIES];
	const char *missing;
	char errmsg[512];
	char *sendbuf;
	char *recvbuf;
};

int kf_extack_attr_cb(const struct nlattr *attr, void *data);
/* Error code of an NLMSG_ERROR message (0 for an ACK); the extack
 * message, if any, is copied to @msg. */
int kf_parse_nlmsgerr(const struct nlmsghdr *nlh, char *msg, size_t len);
int kf_resolve_families(struct kf_nl *nl);

/* Attribute table callback helper: store @attr if its type is <= @max. */
static inline int kf_attr_store(const struct nlattr *attr, void *tb,
				unsigned int max)
{
	const struct nlattr **t = tb;

	if (mnl_attr_type_valid(attr, (uint16_t)max) < 0)
		return MNL_CB_OK;		/* skip unknown */
	t[mnl_attr_get_type(attr)] = attr;
	return MNL_CB_OK;
}

/* Check the payload of @attr is exactly @len bytes. */
static inline bool kf_attr_len_ok(const struct nlattr *attr, size_t len)
{
	return mnl_attr_get_payload_len(attr) == len;
}

#endif
