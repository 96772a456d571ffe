/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nlfuzz.h - kflow-nlfuzz: valid requests of every command of the four
 * OVS generic netlink families (nlfuzz_msg.c), their mutation at the
 * attribute level (nlfuzz_mut.c), and the processes that send them
 * concurrently with datapath/port/flow churn and traffic (nlfuzz.c,
 * nlfuzz_proc.c, nlfuzz_env.c).  The processes share nothing but the
 * counters of struct nf_shared (atomic adds) and the kernel under test.
 */
#ifndef KFLOW_NLFUZZ_H
#define KFLOW_NLFUZZ_H

#include <net/if.h>
#include <signal.h>
#include <time.h>
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
	uint8_t mix[KF_N_FAMILIES];	/* cumulative percent per family */
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

/* ---- A run's processes: nlfuzz.c (options, spawning, totals),
 * nlfuzz_proc.c (a fuzzing process), nlfuzz_env.c (setup, churn,
 * traffic, teardown) ---- */

enum nf_role { R_ROOT, R_NOBODY, R_NOCAP, R_N };
extern const char *const nf_role_names[R_N];

/* Requests of one family and command (sent in batches of one only). */
struct nf_prof {
	uint64_t n, ok, usec;
};

/* Counters of every process of a run, in an anonymous shared mapping. */
struct nf_shared {
	struct fz_stats st[R_N];
	uint64_t violations;
	uint64_t churn_rounds;
	uint64_t kernel_usec[R_N];	/* in sendmsg and reading answers */
	struct nf_prof prof[KF_N_FAMILIES][4];
};

struct nf_opts {
	int jobs;
	int unpriv;
	int valid;
	unsigned int churn_pause_ms;
	bool churn;
	bool profile;
	int batch;
	uint8_t mix[KF_N_FAMILIES];
	const char *traffic;
	const char *protect[NF_MAX_IFINDEX];
	int n_protect;
};

extern struct nf_opts nf_opt;
extern struct fz_run nf_run;
extern volatile sig_atomic_t nf_stop;	/* set by SIGTERM */
extern time_t nf_deadline;		/* --duration, 0: none */

/* Datapath names, to delete at the end every one the run created
 * (mutated names included: deleted by ifindex, which whatever bytes the
 * name holds cannot get wrong). */
struct nf_dp_names {
	char name[64][IFNAMSIZ];
	int ifindex[64];
	int n;
};

/* A netlink socket with the fuzzers' timeout and receive buffer. */
int nf_open_nl(struct kf_nl **nl);
uint64_t nf_now_usec(void);
/* A fuzzing process: @count requests (0: until stopped) as @role. */
int nf_fuzz(enum nf_role role, int job, uint64_t count, struct nf_shared *sh);
/* Churner and traffic processes: until stopped. */
int nf_churn(struct nf_shared *sh);
int nf_traffic(void);
/* The fuzzers' datapaths nfz0 and nfz1; at the end, delete every
 * datapath not in @before (filled by kf_dp_dump(nl, nf_collect_dp)). */
void nf_setup(void);
int nf_collect_dp(const struct kf_dp *dp, void *data);
void nf_teardown(const struct nf_dp_names *before);

#endif
