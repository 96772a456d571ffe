// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz.c - kflow-nlfuzz: fuzz the datapath's generic netlink interface
 * (ovs_datapath, ovs_vport, ovs_flow, ovs_packet) from inside the VM.
 *
 *   kflow-nlfuzz [--seed N] [--count N] [--duration SECONDS] [--jobs N]
 *                [--unpriv PERCENT] [--valid PERCENT] [--no-churn]
 *                [--churn-pause MS] [--batch N] [--mix DP,VPORT,FLOW,PACKET]
 *                [--traffic 'SHELL COMMAND'] [--protect DPNAME]... [--trace]
 *                [--profile]
 *
 * Processes: --jobs privileged fuzzers, one as user nobody and one as root
 * without capabilities (together --unpriv percent of the messages; any
 * request other than a GET they get accepted is a failure), a churner
 * that creates and deletes datapaths, ports and flows (a round, then a
 * --churn-pause, default 1000 ms: each round serialises the others behind
 * the rtnl and RCU grace periods), and a traffic process group running
 * the given command (e.g. a ping through a datapath with flows) over and
 * over.  A fuzzer sends --batch requests (default 16) in one sendmsg()
 * and then collects their answers; --mix weighs the four families.  Each
 * fuzzer's messages follow from the seed (printed first; --seed replays
 * it, --trace prints every message; --profile the time per command).
 * Datapaths named by --protect are never aimed at.  Exit status 0 when
 * every process ended normally and no privilege check failed.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "nlfuzz.h"

const char *const nf_role_names[R_N] = { "root", "nobody", "nocap" };
struct fz_run nf_run;
struct nf_opts nf_opt = {
	.jobs = 1, .unpriv = 20, .valid = 10, .churn_pause_ms = 1000,
	.churn = true, .batch = 16, .mix = { 8, 17, 40, 35 },
};
volatile sig_atomic_t nf_stop;
time_t nf_deadline;

static void on_term(int sig)
{
	(void)sig;
	nf_stop = 1;
}

static void usage(void)
{
	fprintf(stderr, "usage: kflow-nlfuzz [--seed N] [--count N] "
		"[--duration SECONDS] [--jobs N] [--unpriv PERCENT]\n"
		"       [--valid PERCENT] [--no-churn] [--churn-pause MS] "
		"[--batch N] [--mix DP,VPORT,FLOW,PACKET]\n"
		"       [--traffic CMD] [--protect DPNAME]... [--trace] "
		"[--profile]\n");
	exit(2);
}

/* --mix D,V,F,P: percentages of the four families, summing to 100. */
static bool parse_mix(const char *arg)
{
	unsigned int m[KF_N_FAMILIES];
	int i;

	if (sscanf(arg, "%u,%u,%u,%u", &m[0], &m[1], &m[2], &m[3]) != 4 ||
	    m[0] + m[1] + m[2] + m[3] != 100)
		return false;
	for (i = 0; i < KF_N_FAMILIES; i++)
		nf_opt.mix[i] = (uint8_t)m[i];
	return true;
}

static void parse_args(int argc, char **argv)
{
	static const struct option lo[] = {
		FZ_RUN_LONGOPTS, { "jobs", 1, NULL, 'j' },
		{ "unpriv", 1, NULL, 'u' }, { "valid", 1, NULL, 'v' },
		{ "no-churn", 0, NULL, 'n' }, { "churn-pause", 1, NULL, 'P' },
		{ "traffic", 1, NULL, 't' }, { "batch", 1, NULL, 'b' },
		{ "mix", 1, NULL, 'm' }, { "profile", 0, NULL, 'f' },
		{ "protect", 1, NULL, 'p' }, { NULL, 0, NULL, 0 },
	};
	int o;

	fz_run_init(&nf_run, 100000);
	while ((o = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		if (fz_run_option(&nf_run, o, optarg))
			continue;
		switch (o) {
		case 'j': nf_opt.jobs = atoi(optarg); break;
		case 'u': nf_opt.unpriv = atoi(optarg); break;
		case 'v': nf_opt.valid = atoi(optarg); break;
		case 'n': nf_opt.churn = false; break;
		case 'P': nf_opt.churn_pause_ms = (unsigned int)atoi(optarg);
			  break;
		case 't': nf_opt.traffic = optarg; break;
		case 'b': nf_opt.batch = atoi(optarg); break;
		case 'm':
			if (!parse_mix(optarg))
				usage();
			break;
		case 'f': nf_opt.profile = true; break;
		case 'p':
			if (nf_opt.n_protect < NF_MAX_IFINDEX)
				nf_opt.protect[nf_opt.n_protect++] = optarg;
			break;
		default: usage();
		}
	}
	if (optind != argc || nf_opt.jobs < 1 || nf_opt.jobs > 16 ||
	    nf_opt.unpriv < 0 || nf_opt.unpriv > 100 || nf_opt.valid < 0 ||
	    nf_opt.valid > 100 || nf_opt.batch < 1 || nf_opt.batch > FZ_BATCH_MAX)
		usage();
	fz_run_finish(&nf_run);
}

static pid_t spawn(int (*fn)(enum nf_role, int, uint64_t, struct nf_shared *),
		   enum nf_role role, int job, uint64_t count, struct nf_shared *sh)
{
	pid_t p = fork();

	if (p == 0) {
		signal(SIGTERM, on_term);
		exit(fn(role, job, count, sh));
	}
	return p;
}

static int churn_main(enum nf_role role, int job, uint64_t count,
		      struct nf_shared *sh)
{
	(void)role, (void)job, (void)count;
	return nf_churn(sh);
}

static int traffic_main(enum nf_role role, int job, uint64_t count,
			struct nf_shared *sh)
{
	(void)role, (void)job, (void)count, (void)sh;
	return nf_traffic();
}

static void print_profile(const struct nf_shared *sh)
{
	static const char *const fams[] = { "dp", "vport", "flow", "packet" };
	static const char *const cmds[] = { "new", "del", "get", "set" };
	const struct nf_prof *p;
	int f, k;

	if (nf_opt.batch != 1) {
		printf("nlfuzz: (no profile: batches of %d)\n", nf_opt.batch);
		return;
	}
	for (f = 0; f < KF_N_FAMILIES; f++)
		for (k = 0; k < 4; k++) {
			p = &sh->prof[f][k];
			if (p->n)
				printf("nlfuzz: profile %s.%s: %llu sent, %llu "
				       "accepted, %.2f ms each, %.1f s\n",
				       fams[f], f == KF_PACKET && k == 2 ?
				       "execute" : cmds[k],
				       (unsigned long long)p->n,
				       (unsigned long long)p->ok,
				       p->usec / 1e3 / p->n, p->usec / 1e6);
		}
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
	struct nf_dp_names before = { .n = 0 };
	struct fz_stats total;
	struct kf_nl *nl;
	struct nf_shared *sh;
	int n = 0, i, bad = 0;
	time_t start = time(NULL);
	uint64_t t;

	parse_args(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("nlfuzz: seed %llu (replay with --seed %llu)\n",
	       (unsigned long long)nf_run.seed, (unsigned long long)nf_run.seed);
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 1;
	memset(sh, 0, sizeof(*sh));
	if (nf_run.duration)
		nf_deadline = start + nf_run.duration;
	if (nf_open_nl(&nl))
		return 1;
	kf_dp_dump(nl, nf_collect_dp, &before);
	kf_nl_close(nl);
	t = nf_now_usec();
	nf_setup();
	printf("nlfuzz: setup %.1f s\n", (nf_now_usec() - t) / 1e6);
	if (nf_opt.churn)
		churner = spawn(churn_main, R_ROOT, 0, 0, sh);
	if (nf_opt.traffic) {
		traf = spawn(traffic_main, R_ROOT, 0, 0, sh);
		setpgid(traf, traf);	/* as the child does: no race */
	}
	unpriv = nf_run.count * (uint64_t)nf_opt.unpriv / 100;
	priv = nf_run.count - unpriv;
	for (i = 0; i < nf_opt.jobs; i++)
		fuzzers[n++] = spawn(nf_fuzz, R_ROOT, i, priv / nf_opt.jobs +
				     (i == 0 ? priv % nf_opt.jobs : 0), sh);
	if (nf_opt.unpriv) {
		fuzzers[n++] = spawn(nf_fuzz, R_NOBODY, 0, unpriv / 2, sh);
		fuzzers[n++] = spawn(nf_fuzz, R_NOCAP, 0, unpriv - unpriv / 2,
				     sh);
	}
	for (i = 0; i < n; i++)
		bad |= reap(fuzzers[i], "fuzzer");
	if (churner) {
		kill(churner, SIGTERM);
		bad |= reap(churner, "churn");
	}
	if (traf > 0) {		/* the whole group: its commands too */
		kill(-traf, SIGKILL);
		waitpid(traf, NULL, 0);
	}
	t = nf_now_usec();
	nf_teardown(&before);
	printf("nlfuzz: teardown %.1f s\n", (nf_now_usec() - t) / 1e6);
	memset(&total, 0, sizeof(total));
	if (nf_opt.profile)
		print_profile(sh);
	for (i = 0; i < R_N; i++) {
		fz_stats_print(nf_role_names[i], &sh->st[i]);
		printf("%s: %.1f s sending and reading answers\n",
		       nf_role_names[i], sh->kernel_usec[i] / 1e6);
		total.sent += sh->st[i].sent;
		total.ok += sh->st[i].ok;
		total.rejected += sh->st[i].rejected;
		total.no_answer += sh->st[i].no_answer;
	}
	printf("nlfuzz: seed %llu: %llu messages in %lds (%llu accepted, "
	       "%llu rejected, %llu unanswered), %llu churn rounds, %llu "
	       "unprivileged requests accepted\n",
	       (unsigned long long)nf_run.seed, (unsigned long long)total.sent,
	       (long)(time(NULL) - start), (unsigned long long)total.ok,
	       (unsigned long long)total.rejected,
	       (unsigned long long)total.no_answer,
	       (unsigned long long)sh->churn_rounds,
	       (unsigned long long)sh->violations);
	return bad || sh->violations ? 1 : 0;
}
