/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nlfuzz.h - kflow-nlfuzz: valid requests of every command of the four
 * OVS generic netlink families (nlfuzz_msg.c), their mutation at the
 * attribute level (nlfuzz_mut.c), and the processes that send them
 * concurrently with datapath/port/flow churn and traffic (nlfuzz.c).
 */
#ifndef KFLOW_NLFUZZ_H
#define KFLOW_NLFUZZ_H

#include "fz.h"

#define NF_MSG_MAX	16384
#define NF_MAX_IFINDEX	8
#define NF_ATTR_OFF	(MNL_NLMSG_HDRLEN + MNL_ALIGN(4) + MNL_ALIGN(4))

/* What a fuzzing process knows of the kernel's state. */
struct nf_ctx {
	struct fz_rng rng;
	struct kf_nl *nl;
	uint16_t family[KF_N_FAMILIES];
	int ifindex[NF_MAX_IFINDEX];	/* datapaths to aim at */
	int n_ifindex;
	int protect[NF_MAX_IFINDEX];	/* datapaths never to touch */
	int n_protect;
	uint32_t upcall_pid;
};

/* A valid request (family, command, flags, attributes) in @buf; returns
 * its length.  *fam and *cmd say what it is. */
size_t nf_build(struct nf_ctx *c, uint8_t *buf, enum kf_family *fam,
		uint8_t *cmd);
/* Mutate the request in place; returns its new length. */
size_t nf_mutate(struct nf_ctx *c, uint8_t *buf, size_t len);
/* A datapath ifindex to put in ovs_header: mostly known ones. */
int nf_pick_ifindex(struct nf_ctx *c);
bool nf_protected(const struct nf_ctx *c, int ifindex);
/* Put "%u"-expanded action text @fmt (a string of fz_flows.c: parsed
 * once, remembered by its address) as attribute @type; false if the text
 * does not parse (a bug in fz_flows.c). */
bool nf_put_actions(struct nf_ctx *c, struct nlmsghdr *nlh, uint16_t type,
		    const char *fmt);
/* The same for a key (and its mask, if @mask_type). */
bool nf_put_key(struct nf_ctx *c, struct nlmsghdr *nlh, uint16_t key_type,
		uint16_t mask_type, const char *text);

#endif
