// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz_proc.c - one fuzzing process of kflow-nlfuzz: drops its
 * privileges (root, nobody, or root without capabilities), then builds,
 * mutates and sends requests in batches, and checks each answer: a
 * request other than a GET accepted from an unprivileged process is a
 * violation.  It aims at the datapaths nfz0/nfz1/nfzc0/nfzc1, found by
 * a dump every 512 requests, never at those of --protect.
 */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/genetlink.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include "nl_priv.h"
#include "nlfuzz.h"

/* What each request of a batch was. */
struct nf_meta {
	uint64_t index;
	enum kf_family fam;
	uint8_t cmd;
};

static bool drop_privileges(enum nf_role role)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (role == R_NOBODY)
		return !setgroups(0, NULL) && !setgid(65534) &&
		       !setuid(65534);
	if (role == R_NOCAP) {
		memset(d, 0, sizeof(d));
		return !syscall(SYS_capset, &h, d);
	}
	return true;
}

/*
 * Every answer is queued by the time sendmsg() returns (dumps go on as
 * they are read), so a read that waits has lost its answer: a short
 * timeout.  A large receive buffer (where allowed) for the upcalls of a
 * batch of executions.
 */
int nf_open_nl(struct kf_nl **nl)
{
	struct timeval tv = { 0, 500000 };
	int r = kf_nl_open(nl), fd, size = 4 << 20;

	if (r) {
		fprintf(stderr, "nlfuzz: netlink: %s\n", strerror(-r));
		return r;
	}
	fd = mnl_socket_get_fd((*nl)->sock);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	return 0;
}

/* Each fuzzer's socket for its own bookkeeping: no upcalls come to it. */
static struct kf_nl *ctl;

static int find_target(const struct kf_dp *dp, void *data)
{
	static const char *const dps[] = { "nfz0", "nfz1", "nfzc0", "nfzc1" };
	struct nf_ctx *c = data;
	int i;

	for (i = 0; i < 4; i++)
		if (!strcmp(dp->name, dps[i]) && !nf_protected(c, dp->ifindex) &&
		    c->n_ifindex < NF_MAX_IFINDEX)
			c->ifindex[c->n_ifindex++] = dp->ifindex;
	return 0;
}

static int find_protected(const struct kf_dp *dp, void *data)
{
	struct nf_ctx *c = data;
	int i;

	for (i = 0; i < nf_opt.n_protect; i++)
		if (!strcmp(dp->name, nf_opt.protect[i]) &&
		    c->n_protect < NF_MAX_IFINDEX)
			c->protect[c->n_protect++] = dp->ifindex;
	return 0;
}

/*
 * The datapaths to aim at, by a dump: if_nametoindex() of a name that
 * does not exist makes the kernel run modprobe twice for a privileged
 * caller ("netdev-NAME"), which under TCG took most of a run's time.
 */
static void refresh_ifindex(struct nf_ctx *c)
{
	c->n_ifindex = 0;
	kf_dp_dump(ctl, find_target, c);
}

static int ctx_init(struct nf_ctx *c, struct kf_nl *nl, uint64_t role)
{
	int i;

	memset(c, 0, sizeof(*c));
	fz_seed(&c->rng, nf_run.seed, role);
	c->nl = nl;
	for (i = 0; i < KF_N_FAMILIES; i++)
		c->family[i] = kf_nl_family_id(nl, (enum kf_family)i);
	c->upcall_pid = nl->portid;
	for (i = 0; i < KF_N_FAMILIES; i++)
		c->mix[i] = (uint8_t)(nf_opt.mix[i] + (i ? c->mix[i - 1] : 0));
	if (kf_dp_dump(ctl, find_protected, c)) {
		fprintf(stderr, "nlfuzz: cannot list the datapaths to spare\n");
		return -1;
	}
	refresh_ifindex(c);
	return 0;
}

/* Accepted although unprivileged: anything but a GET (and EXECUTE is
 * command 3 of ovs_packet, not a GET). */
static bool violates(const struct nf_ctx *c, const uint8_t *msg)
{
	const struct nlmsghdr *nlh = (const void *)msg;
	const struct genlmsghdr *g = (const void *)(msg + MNL_NLMSG_HDRLEN);

	return !(g->cmd == 3 && nlh->nlmsg_type != c->family[KF_PACKET]);
}

static void dump_msg(const uint8_t *msg, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		printf("%02x%s", msg[i], i % 32 == 31 ? "\n" : "");
	printf("\n");
}

uint64_t nf_now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/* Send @b, then look at each answer: trace, privilege check, profile. */
static void flush_batch(struct nf_ctx *c, enum nf_role role, int job,
			struct fz_batch *b, const struct nf_meta *m,
			struct nf_shared *sh)
{
	uint64_t t0 = nf_now_usec(), dt;
	struct nf_prof *p;
	const uint8_t *msg;
	int i, err;

	if (!b->n)
		return;
	fz_batch_send(c->nl, b, &sh->st[role]);
	dt = nf_now_usec() - t0;
	__atomic_add_fetch(&sh->kernel_usec[role], dt, __ATOMIC_RELAXED);
	for (i = 0; i < b->n; i++) {
		msg = b->buf + b->off[i];
		err = b->err[i];
		if (nf_run.trace)
			printf("%s.%d #%llu fam %d cmd %u len %u -> %d\n",
			       nf_role_names[role], job,
			       (unsigned long long)m[i].index, m[i].fam,
			       m[i].cmd, ((const struct nlmsghdr *)msg)->nlmsg_len,
			       err);
		if (role != R_ROOT && err == 0 && violates(c, msg)) {
			__atomic_add_fetch(&sh->violations, 1,
					   __ATOMIC_RELAXED);
			printf("nlfuzz: %s got request #%llu accepted:\n",
			       nf_role_names[role], (unsigned long long)m[i].index);
			dump_msg(msg, ((const struct nlmsghdr *)msg)->nlmsg_len);
		}
	}
	if (b->n == 1 && m[0].cmd >= 1 && m[0].cmd <= 4) {
		p = &sh->prof[m[0].fam][m[0].cmd - 1];
		__atomic_add_fetch(&p->n, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&p->ok, !b->err[0], __ATOMIC_RELAXED);
		__atomic_add_fetch(&p->usec, dt, __ATOMIC_RELAXED);
	}
	fz_batch_reset(b);
}

/* Where a fuzzer's time went: wall clock, its own CPU, the kernel's. */
static void print_times(enum nf_role role, int job, uint64_t n, uint64_t t0)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	printf("nlfuzz: %s.%d: %llu messages in %.1f s, CPU user %.1f s, "
	       "system %.1f s\n", nf_role_names[role], job,
	       (unsigned long long)n, (nf_now_usec() - t0) / 1e6,
	       ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6,
	       ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
}

int nf_fuzz(enum nf_role role, int job, uint64_t count, struct nf_shared *sh)
{
	static uint8_t msg[NF_MSG_MAX];
	static struct fz_batch batch;
	struct nf_meta meta[FZ_BATCH_MAX], cur;
	struct fz_batch *b = &batch;
	struct nf_ctx c;
	struct kf_nl *nl;
	uint64_t i, t0;
	size_t len;

	if (!drop_privileges(role)) {
		perror("nlfuzz: dropping privileges");
		return 1;
	}
	if (nf_open_nl(&nl) || nf_open_nl(&ctl) ||
	    ctx_init(&c, nl, (uint64_t)role << 8 | (uint64_t)job))
		return 1;
	fz_batch_reset(b);
	t0 = nf_now_usec();
	for (i = 0; !nf_stop && (!count || i < count); i++) {
		if (nf_deadline && time(NULL) >= nf_deadline)
			break;
		if (i % 512 == 0)
			refresh_ifindex(&c);
		cur.index = i;
		len = nf_build(&c, msg, &cur.fam, &cur.cmd);
		if (!fz_chance(&c.rng, (uint32_t)nf_opt.valid))
			len = nf_mutate(&c, msg, len);
		if (!fz_batch_add(nl, b, msg, len)) {	/* full: bytes */
			flush_batch(&c, role, job, b, meta, sh);
			fz_batch_add(nl, b, msg, len);
		}
		meta[b->n - 1] = cur;
		if (b->n == nf_opt.batch)
			flush_batch(&c, role, job, b, meta, sh);
		if (i && i % 20000 == 0) {
			printf("nlfuzz: %s.%d: %llu messages\n",
			       nf_role_names[role], job, (unsigned long long)i);
			fflush(stdout);
		}
	}
	flush_batch(&c, role, job, b, meta, sh);
	kf_nl_close(nl);
	kf_nl_close(ctl);
	print_times(role, job, i, t0);
	return 0;
}

