// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz.c - kflow-nlfuzz: fuzz the datapath's generic netlink interface
 * (ovs_datapath, ovs_vport, ovs_flow, ovs_packet) from inside the VM.
 *
 *   kflow-nlfuzz [--seed N] [--count N] [--duration SECONDS] [--jobs N]
 *                [--unpriv PERCENT] [--valid PERCENT] [--no-churn]
 *                [--churn-pause MS]
 *                [--traffic 'SHELL COMMAND'] [--protect DPNAME]... [--trace]
 *
 * Processes: --jobs privileged fuzzers, one as user nobody and one as root
 * without capabilities (together --unpriv percent of the messages; any
 * request other than a GET they get accepted is a failure), a churner
 * that creates and deletes datapaths, ports and flows (a round, then a
 * --churn-pause, default 200 ms: each round serialises the others behind
 * the rtnl and RCU grace periods), and a traffic
 * process running the given command (e.g. a ping through a datapath with
 * flows) over and over.  Each fuzzer's messages follow from the seed
 * (printed first; --seed replays it, --trace prints every message).
 * Datapaths named by --protect are never aimed at.  Exit status 0 when
 * every process ended normally and no privilege check failed.
 */
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/genetlink.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "fz_flows.h"
#include "nl_priv.h"
#include "nlfuzz.h"

enum role { R_ROOT, R_NOBODY, R_NOCAP, R_N };
static const char *const role_names[R_N] = { "root", "nobody", "nocap" };

struct shared {
	struct fz_stats st[R_N];
	uint64_t violations;
	uint64_t churn_rounds;
};

static struct fz_run run;
static struct {
	int jobs;
	int unpriv;
	int valid;
	unsigned int churn_pause_ms;
	bool churn;
	const char *traffic;
	const char *protect[NF_MAX_IFINDEX];
	int n_protect;
} opt = { 1, 20, 10, 200, true, NULL, { NULL }, 0 };

static volatile sig_atomic_t stop;
static time_t deadline;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static bool drop_privileges(enum role role)
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

static int open_nl(struct kf_nl **nl)
{
	struct timeval tv = { 2, 0 };
	int r = kf_nl_open(nl);

	if (r) {
		fprintf(stderr, "nlfuzz: netlink: %s\n", strerror(-r));
		return r;
	}
	setsockopt(mnl_socket_get_fd((*nl)->sock), SOL_SOCKET, SO_RCVTIMEO,
		   &tv, sizeof(tv));
	return 0;
}

static void refresh_ifindex(struct nf_ctx *c)
{
	static const char *const dps[] = { "nfz0", "nfz1", "nfzc0", "nfzc1" };
	int i, k;

	c->n_ifindex = 0;
	for (i = 0; i < 4; i++) {
		k = (int)if_nametoindex(dps[i]);
		if (k && !nf_protected(c, k))
			c->ifindex[c->n_ifindex++] = k;
	}
}

static void ctx_init(struct nf_ctx *c, struct kf_nl *nl, uint64_t role)
{
	int i, k;

	memset(c, 0, sizeof(*c));
	fz_seed(&c->rng, run.seed, role);
	c->nl = nl;
	for (i = 0; i < KF_N_FAMILIES; i++)
		c->family[i] = kf_nl_family_id(nl, (enum kf_family)i);
	c->upcall_pid = nl->portid;
	for (i = 0; i < opt.n_protect; i++) {
		k = (int)if_nametoindex(opt.protect[i]);
		if (k)
			c->protect[c->n_protect++] = k;
	}
	refresh_ifindex(c);
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

static int fuzz(enum role role, int job, uint64_t count, struct shared *sh)
{
	static uint8_t msg[NF_MSG_MAX];
	struct fz_stats *st = &sh->st[role];
	enum kf_family fam;
	struct nf_ctx c;
	struct kf_nl *nl;
	uint64_t i;
	size_t len;
	uint8_t cmd;
	int err;

	if (!drop_privileges(role)) {
		perror("nlfuzz: dropping privileges");
		return 1;
	}
	if (open_nl(&nl))
		return 1;
	ctx_init(&c, nl, (uint64_t)role << 8 | (uint64_t)job);
	for (i = 0; !stop && (!count || i < count); i++) {
		if (deadline && time(NULL) >= deadline)
			break;
		if (i % 512 == 0)
			refresh_ifindex(&c);
		len = nf_build(&c, msg, &fam, &cmd);
		if (!fz_chance(&c.rng, (uint32_t)opt.valid))
			len = nf_mutate(&c, msg, len);
		err = fz_nl_request(nl, msg, len, st);
		if (run.trace)
			printf("%s.%d #%llu fam %d cmd %u len %zu -> %d\n",
			       role_names[role], job, (unsigned long long)i,
			       fam, cmd, len, err);
		if (role != R_ROOT && err == 0 && violates(&c, msg)) {
			__atomic_add_fetch(&sh->violations, 1,
					   __ATOMIC_RELAXED);
			printf("nlfuzz: %s got request #%llu accepted:\n",
			       role_names[role], (unsigned long long)i);
			dump_msg(msg, len);
		}
		if (i && i % 20000 == 0) {
			printf("nlfuzz: %s.%d: %llu messages\n",
			       role_names[role], job, (unsigned long long)i);
			fflush(stdout);
		}
	}
	kf_nl_close(nl);
	return 0;
}

static void churn_flows(struct kf_nl *nl, struct fz_rng *r, int dp)
{
	int i;

	for (i = 0; i < 8; i++)
		fz_flow_add(nl, dp, fz_keys[fz_below(r, fz_n_keys)],
			    fz_action_any(r), nl->portid,
			    fz_chance(r, 30));
}

static int count_cb(const struct kf_flow *f, void *data)
{
	(void)f;
	++*(int *)data;
	return 0;
}

/* Datapaths nfzc0/nfzc1 come and go, with ports and flows. */
static int churn(struct shared *sh)
{
	struct kf_vport_req vr;
	struct fz_rng r;
	struct kf_nl *nl;
	struct kf_dp dp;
	char name[IFNAMSIZ], port[IFNAMSIZ];
	int round, i, n;

	if (open_nl(&nl))
		return 1;
	fz_seed(&r, run.seed, 0xc4);
	for (round = 0; !stop; round++) {
		snprintf(name, sizeof(name), "nfzc%d", round % 2);
		if (kf_dp_new(nl, name, KF_DP_DEFAULT_FEATURES, &dp) &&
		    kf_dp_get(nl, name, &dp))
			continue;
		for (i = 0; i < 3; i++) {
			snprintf(port, sizeof(port), "nfzc%dp%d", round % 2, i);
			memset(&vr, 0, sizeof(vr));
			vr.name = port;
			vr.type = OVS_VPORT_TYPE_INTERNAL;
			vr.port_no = KF_PORT_NONE;
			vr.has_upcall_pid = true;
			vr.upcall_pid = nl->portid;
			kf_vport_new(nl, dp.ifindex, &vr, NULL);
		}
		churn_flows(nl, &r, dp.ifindex);
		n = 0;
		kf_flow_dump(nl, dp.ifindex, 0, count_cb, &n);
		snprintf(port, sizeof(port), "nfzc%dp1", round % 2);
		kf_vport_del(nl, dp.ifindex, port, KF_PORT_NONE);
		if (fz_chance(&r, 50))
			kf_flow_flush(nl, dp.ifindex);
		if (fz_chance(&r, 70))
			kf_dp_del(nl, name);
		__atomic_add_fetch(&sh->churn_rounds, 1, __ATOMIC_RELAXED);
		usleep(opt.churn_pause_ms * 1000);
	}
	kf_dp_del(nl, "nfzc0");
	kf_dp_del(nl, "nfzc1");
	kf_nl_close(nl);
	return 0;
}

static int traffic(void)
{
	pid_t p;
	int st;

	setpgid(0, 0);
	while (!stop) {
		p = fork();
		if (p == 0) {
			execl("/bin/sh", "sh", "-c", opt.traffic, (char *)NULL);
			_exit(127);
		}
		if (p < 0 || waitpid(p, &st, 0) < 0)
			break;
		if (!stop)
			usleep(100000);
	}
	return 0;
}

/* Targets for the fuzzers: nfz0 and nfz1 with an internal port, and a
 * netdev port for each existing device nfzv0 / nfzv1. */
static void setup(void)
{
	static const char *const netdevs[] = { "nfzv0", "nfzv1" };
	struct kf_vport_req vr;
	struct kf_nl *nl;
	struct kf_dp dp;
	char name[IFNAMSIZ], port[IFNAMSIZ];
	int d, i;

	if (open_nl(&nl))
		exit(1);
	for (d = 0; d < 2; d++) {
		snprintf(name, sizeof(name), "nfz%d", d);
		if (kf_dp_new(nl, name, KF_DP_DEFAULT_FEATURES, &dp) &&
		    kf_dp_get(nl, name, &dp))
			continue;
		memset(&vr, 0, sizeof(vr));
		vr.port_no = KF_PORT_NONE;
		vr.has_upcall_pid = true;
		vr.upcall_pid = 0;
		snprintf(port, sizeof(port), "nfzp%d", d);
		vr.name = port;
		vr.type = OVS_VPORT_TYPE_INTERNAL;
		kf_vport_new(nl, dp.ifindex, &vr, NULL);
		for (i = d; i < 2; i += 2) {
			if (!if_nametoindex(netdevs[i]))
				continue;
			vr.name = netdevs[i];
			vr.type = OVS_VPORT_TYPE_NETDEV;
			kf_vport_new(nl, dp.ifindex, &vr, NULL);
		}
	}
	kf_nl_close(nl);
}

/* Datapath names, to delete at the end every one the run created
 * (mutated names included). */
struct dp_names {
	char name[64][IFNAMSIZ];
	int n;
};

static int collect_dp(const struct kf_dp *dp, void *data)
{
	struct dp_names *names = data;

	if (names->n < 64)
		snprintf(names->name[names->n++], IFNAMSIZ, "%s", dp->name);
	return 0;
}

static bool has_name(const struct dp_names *names, const char *name)
{
	int i;

	for (i = 0; i < names->n; i++)
		if (!strcmp(names->name[i], name))
			return true;
	return false;
}

static void teardown(const struct dp_names *before)
{
	struct dp_names now = { .n = 0 };
	struct kf_nl *nl;
	int i;

	if (open_nl(&nl))
		return;
	kf_dp_dump(nl, collect_dp, &now);
	for (i = 0; i < now.n; i++)
		if (!has_name(before, now.name[i]))
			kf_dp_del(nl, now.name[i]);
	kf_nl_close(nl);
}

static void usage(void)
{
	fprintf(stderr, "usage: kflow-nlfuzz [--seed N] [--count N] "
		"[--duration SECONDS] [--jobs N] [--unpriv PERCENT]\n"
		"       [--valid PERCENT] [--no-churn] [--churn-pause MS] "
		"[--traffic CMD] [--protect DPNAME]... [--trace]\n");
	exit(2);
}

static void parse_args(int argc, char **argv)
{
	static const struct option lo[] = {
		FZ_RUN_LONGOPTS, { "jobs", 1, NULL, 'j' },
		{ "unpriv", 1, NULL, 'u' }, { "valid", 1, NULL, 'v' },
		{ "no-churn", 0, NULL, 'n' }, { "churn-pause", 1, NULL, 'P' },
		{ "traffic", 1, NULL, 't' },
		{ "protect", 1, NULL, 'p' }, { NULL, 0, NULL, 0 },
	};
	int o;

	fz_run_init(&run, 100000);
	while ((o = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		if (fz_run_option(&run, o, optarg))
			continue;
		switch (o) {
		case 'j': opt.jobs = atoi(optarg); break;
		case 'u': opt.unpriv = atoi(optarg); break;
		case 'v': opt.valid = atoi(optarg); break;
		case 'n': opt.churn = false; break;
		case 'P': opt.churn_pause_ms = (unsigned int)atoi(optarg);
			  break;
		case 't': opt.traffic = optarg; break;
		case 'p':
			if (opt.n_protect < NF_MAX_IFINDEX)
				opt.protect[opt.n_protect++] = optarg;
			break;
		default: usage();
		}
	}
	if (optind != argc || opt.jobs < 1 || opt.jobs > 16 ||
	    opt.unpriv < 0 || opt.unpriv > 100 || opt.valid < 0 ||
	    opt.valid > 100)
		usage();
	fz_run_finish(&run);
}

static pid_t spawn(int (*fn)(enum role, int, uint64_t, struct shared *),
		   enum role role, int job, uint64_t count, struct shared *sh)
{
	pid_t p = fork();

	if (p == 0) {
		signal(SIGTERM, on_term);
		exit(fn(role, job, count, sh));
	}
	return p;
}

static int churn_main(enum role role, int job, uint64_t count,
		      struct shared *sh)
{
	(void)role, (void)job, (void)count;
	return churn(sh);
}

static int traffic_main(enum role role, int job, uint64_t count,
			struct shared *sh)
{
	(void)role, (void)job, (void)count, (void)sh;
	return traffic();
}

static int reap(pid_t p, const char *what)
{
	int st;

	if (waitpid(p, &st, 0) < 0)
		return 1;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	printf("nlfuzz: %s process %s %d\n", what,
	       WIFSIGNALED(st) ? "killed by signal" : "exited",
	       WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
	return 1;
}

int main(int argc, char **argv)
{
	pid_t fuzzers[R_N + 16], churner = 0, traf = 0;
	uint64_t priv, unpriv;
	struct dp_names before = { .n = 0 };
	struct fz_stats total;
	struct kf_nl *nl;
	struct shared *sh;
	int n = 0, i, bad = 0;
	time_t start = time(NULL);

	parse_args(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("nlfuzz: seed %llu (replay with --seed %llu)\n",
	       (unsigned long long)run.seed, (unsigned long long)run.seed);
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 1;
	memset(sh, 0, sizeof(*sh));
	if (run.duration)
		deadline = start + run.duration;
	if (open_nl(&nl))
		return 1;
	kf_dp_dump(nl, collect_dp, &before);
	kf_nl_close(nl);
	setup();
	if (opt.churn)
		churner = spawn(churn_main, R_ROOT, 0, 0, sh);
	if (opt.traffic)
		traf = spawn(traffic_main, R_ROOT, 0, 0, sh);
	unpriv = run.count * (uint64_t)opt.unpriv / 100;
	priv = run.count - unpriv;
	for (i = 0; i < opt.jobs; i++)
		fuzzers[n++] = spawn(fuzz, R_ROOT, i, priv / opt.jobs +
				     (i == 0 ? priv % opt.jobs : 0), sh);
	if (opt.unpriv) {
		fuzzers[n++] = spawn(fuzz, R_NOBODY, 0, unpriv / 2, sh);
		fuzzers[n++] = spawn(fuzz, R_NOCAP, 0, unpriv - unpriv / 2,
				     sh);
	}
	for (i = 0; i < n; i++)
		bad |= reap(fuzzers[i], "fuzzer");
	if (churner) {
		kill(churner, SIGTERM);
		bad |= reap(churner, "churn");
	}
	if (traf) {
		kill(-traf, SIGTERM);
		reap(traf, "traffic");
	}
	teardown(&before);
	memset(&total, 0, sizeof(total));
	for (i = 0; i < R_N; i++) {
		fz_stats_print(role_names[i], &sh->st[i]);
		total.sent += sh->st[i].sent;
		total.ok += sh->st[i].ok;
		total.rejected += sh->st[i].rejected;
		total.no_answer += sh->st[i].no_answer;
	}
	printf("nlfuzz: seed %llu: %llu messages in %lds (%llu accepted, "
	       "%llu rejected, %llu unanswered), %llu churn rounds, %llu "
	       "unprivileged requests accepted\n",
	       (unsigned long long)run.seed, (unsigned long long)total.sent,
	       (long)(time(NULL) - start), (unsigned long long)total.ok,
	       (unsigned long long)total.rejected,
	       (unsigned long long)total.no_answer,
	       (unsigned long long)sh->churn_rounds,
	       (unsigned long long)sh->violations);
	return bad || sh->violations ? 1 : 0;
}
