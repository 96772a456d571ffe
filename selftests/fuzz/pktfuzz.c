// SPDX-License-Identifier: GPL-2.0
/*
 * pktfuzz.c - kflow-pktfuzz: frames of every protocol the flow key
 * parses, valid, mutated and random, through a datapath's ports while its
 * flows exercise key extraction and every action kind.
 *
 *   kflow-pktfuzz [--seed N] [--count N] [--duration SECONDS] [--trace]
 *                 --in IFNAME --ports IF1,IF2 [--exec PERCENT]
 *
 * Builds datapath "pfz": port 1 and 2 are the netdevs of --ports, 3 a
 * vxlan and 4 a geneve vport.  Every --rotate frames the flow table is
 * replaced: each action list of fz_flows.c on a key shape of fz_flows.c
 * (in_port(1), masks as written) that accepts it, drawn anew each time,
 * so over a run every action kind meets every protocol it applies to.
 * Frames go in through an AF_PACKET socket on --in (the peer of port 1),
 * or, --exec percent of them and those too short for AF_PACKET, through
 * OVS_PACKET_CMD_EXECUTE with an action list.  A listener process owns
 * the upcall socket and reads and discards misses and userspace actions.
 * Prints the seed first (--seed replays the frame sequence), the counts
 * at the end; exit status 0 unless a process died.
 */
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include "fz.h"
#include "fz_flows.h"
#include "nl_priv.h"
#include "odp.h"

#define PF_DP "pfz"

static struct fz_run run;
static struct {
	unsigned int rotate;
	int exec;
	const char *in;
	char ports[2][IFNAMSIZ];
} opt = { 400, 20, NULL, { "", "" } };

struct counts {
	uint64_t upcalls;
	uint64_t frames;
	uint64_t executes;
	uint64_t exec_ok;
	uint64_t send_errors;
	uint64_t flows_ok;
	uint64_t flows_bad;
	uint64_t by_proto[FZ_N_PROTOS + 1];
	uint64_t action_ok[64];		/* per fz_actions[] entry */
	uint64_t action_bad[64];	/* refused with a key it fits */
};

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static void usage(void)
{
	fprintf(stderr, "usage: kflow-pktfuzz --in IFNAME --ports IF1,IF2 "
		"[--seed N] [--count N] [--duration SECONDS]\n"
		"       [--rotate N] [--exec PERCENT] [--trace]\n");
	exit(2);
}

static void parse_args(int argc, char **argv)
{
	static const struct option lo[] = {
		FZ_RUN_LONGOPTS, { "rotate", 1, NULL, 'r' },
		{ "exec", 1, NULL, 'e' }, { "in", 1, NULL, 'i' },
		{ "ports", 1, NULL, 'p' }, { NULL, 0, NULL, 0 },
	};
	int o;

	fz_run_init(&run, 20000);
	while ((o = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		if (fz_run_option(&run, o, optarg))
			continue;
		switch (o) {
		case 'r': opt.rotate = (unsigned int)atoi(optarg); break;
		case 'e': opt.exec = atoi(optarg); break;
		case 'i': opt.in = optarg; break;
		case 'p':
			if (sscanf(optarg, "%15[^,],%15s", opt.ports[0],
				   opt.ports[1]) != 2)
				usage();
			break;
		default: usage();
		}
	}
	if (optind != argc || !opt.in || !opt.ports[1][0] || !opt.rotate ||
	    opt.exec < 0 || opt.exec > 100)
		usage();
	fz_run_finish(&run);
}

/* The listener: reads and discards upcalls until told to stop. */
static int listen_upcalls(struct kf_nl *nl, struct counts *n)
{
	struct timeval tv = { 0, 200000 };
	int fd = mnl_socket_get_fd(nl->sock), r;

	signal(SIGTERM, on_term);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	while (!stop) {
		r = (int)recv(fd, nl->recvbuf, KF_RECV_BUF, 0);
		if (r > 0)
			__atomic_add_fetch(&n->upcalls, 1, __ATOMIC_RELAXED);
	}
	return 0;
}

static int add_port(struct kf_nl *nl, int dp, const char *name,
		    uint32_t type, uint16_t dst_port, uint32_t pid)
{
	struct kf_vport_req vr;
	int r;

	memset(&vr, 0, sizeof(vr));
	vr.name = name;
	vr.type = type;
	vr.port_no = KF_PORT_NONE;
	vr.has_upcall_pid = true;
	vr.upcall_pid = pid;
	vr.has_dst_port = dst_port != 0;
	vr.dst_port = dst_port;
	r = kf_vport_new(nl, dp, &vr, NULL);
	if (r)
		fprintf(stderr, "pktfuzz: port %s: %s (%s)\n", name,
			strerror(-r), kf_nl_errmsg(nl));
	return r;
}

static int setup(struct kf_nl *nl, uint32_t pid)
{
	struct kf_dp dp;
	int r;

	kf_dp_del(nl, PF_DP);
	r = kf_dp_new(nl, PF_DP, KF_DP_DEFAULT_FEATURES, &dp);
	if (r) {
		fprintf(stderr, "pktfuzz: datapath: %s\n", strerror(-r));
		return -1;
	}
	kf_dp_set_features(nl, PF_DP, KF_DP_DEFAULT_FEATURES);
	if (add_port(nl, dp.ifindex, opt.ports[0], OVS_VPORT_TYPE_NETDEV, 0,
		     pid) ||
	    add_port(nl, dp.ifindex, opt.ports[1], OVS_VPORT_TYPE_NETDEV, 0,
		     pid) ||
	    add_port(nl, dp.ifindex, "pfz-vx", OVS_VPORT_TYPE_VXLAN, 4789,
		     pid) ||
	    add_port(nl, dp.ifindex, "pfz-gn", OVS_VPORT_TYPE_GENEVE, 6081,
		     pid))
		return -1;
	return dp.ifindex;
}

static void shuffle(struct fz_rng *r, size_t *v, size_t n)
{
	size_t i, j, t;

	for (i = 0; i < n; i++)
		v[i] = i;
	for (i = n; i > 1; i--) {
		j = fz_below(r, (uint32_t)i);
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

/* The action lists in random order, those that need certain keys
 * first (they have fewer to choose from). */
static void action_order(struct fz_rng *r, size_t *acts)
{
	size_t tmp[64], i, n = 0;

	shuffle(r, tmp, fz_n_actions);
	for (i = 0; i < fz_n_actions; i++)
		if (fz_actions[tmp[i]].keys)
			acts[n++] = tmp[i];
	for (i = 0; i < fz_n_actions; i++)
		if (!fz_actions[tmp[i]].keys)
			acts[n++] = tmp[i];
}

/*
 * A new flow table.  Action lists each take a free key shape (in random
 * order) that they fit (fz_flows.h); then the flows are added in the
 * order of the keys, those that cover others last.  A refusal is counted
 * and its first occurrence printed: it is a bug of the fuzzer's tables or
 * of the module.  There are more action lists than keys: each table
 * holds a different subset.
 */
static void rotate_flows(struct kf_nl *nl, int dp, struct fz_rng *r,
			 uint32_t pid, struct counts *n)
{
	size_t acts[64], keys[64], a, k;
	int owner[FZ_N_KEYS];		/* action list of each key, or -1 */
	const struct fz_action *act;

	kf_flow_flush(nl, dp);
	for (k = 0; k < FZ_N_KEYS; k++)
		owner[k] = -1;
	action_order(r, acts);
	for (a = 0; a < fz_n_actions; a++) {
		act = &fz_actions[acts[a]];
		shuffle(r, keys, FZ_N_KEYS);
		for (k = 0; k < FZ_N_KEYS; k++) {
			if (owner[keys[k]] >= 0 || fz_keys[keys[k]].refused ||
			    (act->keys && !(act->keys & FZ_KB(keys[k]))))
				continue;
			owner[keys[k]] = (int)acts[a];
			break;
		}
	}
	for (k = 0; k < FZ_N_KEYS; k++) {
		if (owner[k] < 0)
			continue;
		act = &fz_actions[owner[k]];
		if (fz_flow_add(nl, dp, fz_keys[k].text, act->text, pid,
				false)) {
			n->flows_bad++;
			if (!n->action_bad[owner[k]]++)
				printf("pktfuzz: refused: %s with %s: %s\n",
				       act->text, fz_keys[k].text,
				       kf_nl_errmsg(nl));
			continue;
		}
		n->flows_ok++;
		n->action_ok[owner[k]]++;
	}
}

static void execute(struct kf_nl *nl, int dp, struct fz_rng *r,
		    const uint8_t *frame, size_t len, uint32_t pid,
		    struct counts *n)
{
	char text[512], err[ODP_ERR_LEN];
	struct nlbuf key, mask, acts;
	struct kf_packet_req req;

	snprintf(text, sizeof(text),
		 fz_actions[fz_below(r, fz_n_actions)].text, pid);
	nlbuf_init(&key, 1024);
	nlbuf_init(&mask, 1024);
	nlbuf_init(&acts, 4096);
	if (!odp_key_from_string("in_port(1)", NULL, &key, &mask, err) &&
	    !odp_actions_from_string(text, NULL, &acts, err)) {
		memset(&req, 0, sizeof(req));
		req.packet = frame;
		req.packet_len = len;
		req.key = nlbuf_data(&key);
		req.key_len = nlbuf_len(&key);
		req.actions = nlbuf_data(&acts);
		req.actions_len = nlbuf_len(&acts);
		if (fz_chance(r, 10))
			req.mru = (uint16_t)(64 + fz_below(r, 1500));
		n->executes++;
		if (kf_packet_execute(nl, dp, &req) == 0)
			n->exec_ok++;
	}
	nlbuf_free(&key);
	nlbuf_free(&mask);
	nlbuf_free(&acts);
}

static int open_inject(void)
{
	struct sockaddr_ll sll;
	int fd = socket(AF_PACKET, SOCK_RAW, 0);

	if (fd < 0)
		return -1;
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = (int)if_nametoindex(opt.in);
	if (!sll.sll_ifindex ||
	    bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void print_counts(const struct counts *n, long secs)
{
	size_t i, kinds = 0;

	printf("pktfuzz: frames by protocol:");
	for (i = 0; i <= FZ_N_PROTOS; i++)
		printf(" %s %llu", fz_proto_name((enum fz_proto)i),
		       (unsigned long long)n->by_proto[i]);
	printf("\n");
	for (i = 0; i < fz_n_actions && i < 64; i++) {
		if (n->action_bad[i])
			printf("pktfuzz: refused %llu times: %s\n",
			       (unsigned long long)n->action_bad[i],
			       fz_actions[i].text);
		if (n->action_ok[i])
			kinds++;
		else
			printf("pktfuzz: never installed: %s\n",
			       fz_actions[i].text);
	}
	printf("pktfuzz: seed %llu: %llu frames injected, %llu executed "
	       "(%llu accepted), %llu send errors in %lds; flows installed "
	       "%llu (refused %llu), action lists used %zu of %zu; %llu "
	       "upcalls read\n", (unsigned long long)run.seed,
	       (unsigned long long)n->frames,
	       (unsigned long long)n->executes,
	       (unsigned long long)n->exec_ok,
	       (unsigned long long)n->send_errors, secs,
	       (unsigned long long)n->flows_ok,
	       (unsigned long long)n->flows_bad, kinds, fz_n_actions,
	       (unsigned long long)n->upcalls);
}

int main(int argc, char **argv)
{
	uint8_t frame[FZ_FRAME_MAX];
	struct kf_nl *nl, *up;
	struct kf_dp dpst;
	struct counts *n;
	enum fz_proto proto;
	struct fz_rng r;
	time_t start = time(NULL);
	pid_t listener;
	int dp, fd, st;
	uint64_t i;
	size_t len;

	parse_args(argc, argv);
	if (fz_n_actions > 64 || FZ_N_KEYS > 64)
		return 1;	/* rotate_flows()' arrays */
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("pktfuzz: seed %llu (replay with --seed %llu)\n",
	       (unsigned long long)run.seed, (unsigned long long)run.seed);
	fz_seed(&r, run.seed, 0x9a);
	n = mmap(NULL, sizeof(*n), PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (n == MAP_FAILED || kf_nl_open(&nl) || kf_nl_open(&up))
		return 1;
	memset(n, 0, sizeof(*n));
	dp = setup(nl, up->portid);
	fd = open_inject();
	if (dp < 0 || fd < 0) {
		fprintf(stderr, "pktfuzz: setup failed (%s)\n",
			fd < 0 ? strerror(errno) : "datapath");
		return 1;
	}
	listener = fork();
	if (listener == 0)
		exit(listen_upcalls(up, n));
	for (i = 0; !stop && (!run.count || i < run.count); i++) {
		if (run.duration && time(NULL) - start >= run.duration)
			break;
		if (i % opt.rotate == 0)
			rotate_flows(nl, dp, &r, up->portid, n);
		len = fz_frame_any(&r, frame, &proto);
		n->by_proto[proto]++;
		if (run.trace)
			printf("#%llu %s len %zu\n", (unsigned long long)i,
			       fz_proto_name(proto), len);
		if (len < 14 || fz_chance(&r, (uint32_t)opt.exec)) {
			execute(nl, dp, &r, frame, len, up->portid, n);
			continue;
		}
		n->frames++;
		if (send(fd, frame, len, 0) < 0)
			n->send_errors++;
	}
	kill(listener, SIGTERM);
	if (waitpid(listener, &st, 0) < 0 || !WIFEXITED(st) ||
	    WEXITSTATUS(st)) {
		printf("pktfuzz: listener died\n");
		return 1;
	}
	if (kf_dp_get(nl, PF_DP, &dpst) == 0 && dpst.has_stats)
		printf("pktfuzz: datapath hit %llu missed %llu lost %llu\n",
		       (unsigned long long)dpst.stats.n_hit,
		       (unsigned long long)dpst.stats.n_missed,
		       (unsigned long long)dpst.stats.n_lost);
	kf_dp_del(nl, PF_DP);
	print_counts(n, (long)(time(NULL) - start));
	kf_nl_close(nl);
	kf_nl_close(up);
	return 0;
}
