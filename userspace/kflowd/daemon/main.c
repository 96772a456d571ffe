// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - kflowd: options, start-up (config, datapath, handler threads,
 * ports, OpenFlow sockets), the main thread's poll loop (under the model
 * write lock after each wake-up), clean exit on SIGTERM/SIGINT.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <unistd.h>
#include "daemon_conf.h"
#include "handler.h"
#include "log.h"
#include "controller.h"
#include "ctl.h"
#include "mac_learning.h"
#include "ofconn.h"
#include "reval_policy.h"

#define MAX_POLLFDS 256

struct opts {
	const char *config;
	const char *rundir;
	const char *datapath;
	const char *pidfile;
	bool detach;
	bool verbose;
	size_t flow_limit;
	const char **controllers;	/* BR=tcp:IP:PORT */
	size_t n_controllers;
	unsigned long n_handlers;
	unsigned long port_budget;
	bool per_vport;
	unsigned long max_idle_ms;
	unsigned long mac_aging_s;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: kflowd [--config FILE] [--rundir DIR] [--datapath NAME]\n"
		"              [--flow-limit N] [--n-handlers N] [--port-budget N]\n"
		"              [--dispatch auto|per-vport] [--max-idle MS]\n"
		"              [--detach] [--pidfile FILE] [--mac-aging SECS] [-v]\n"
		"              [--controller BR=tcp:IP[:PORT]]...\n"
		"defaults: --config /var/lib/kflow/kflowd.conf --rundir /run/kflow\n"
		"          --datapath kflow-system --flow-limit %d\n"
		"          --n-handlers (online CPUs) --port-budget %d (upcalls per\n"
		"          in_port per %d ms round while a handler is backlogged)\n"
		"          --dispatch auto (per-CPU upcalls if the datapath can)\n"
		"          --max-idle %d (ms before an unused datapath flow goes)\n"
		"          --mac-aging %d (NORMAL's MAC entries idle this long\n"
		"          are forgotten)\n",
		KFD_DEFAULT_FLOW_LIMIT, KF_FAIR_DEFAULT_BUDGET,
		KF_FAIR_DEFAULT_ROUND_MS, KFD_DEFAULT_MAX_IDLE_MS,
		KF_MAC_DEFAULT_IDLE_MS / 1000);
}

/* A count option from optarg, @min to @max. */
static int parse_count(const char *name, unsigned long min,
		       unsigned long max, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(optarg, &end, 0);
	if (*end || !*optarg || errno || optarg[0] == '-' || *out < min ||
	    *out > max) {
		fprintf(stderr, "kflowd: --%s=%s: not a number from %lu to "
			"%lu\n", name, optarg, min, max);
		return -1;
	}
	return 0;
}

static int add_controller(struct opts *o, const char *spec)
{
	const char **v = realloc(o->controllers,
				 (o->n_controllers + 1) * sizeof(*v));

	if (!v)
		return -1;
	v[o->n_controllers++] = spec;
	o->controllers = v;
	return 0;
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "rundir", required_argument, NULL, 'r' },
		{ "datapath", required_argument, NULL, 'd' },
		{ "pidfile", required_argument, NULL, 'p' },
		{ "flow-limit", required_argument, NULL, 'l' },
		{ "n-handlers", required_argument, NULL, 'n' },
		{ "port-budget", required_argument, NULL, 'b' },
		{ "dispatch", required_argument, NULL, 'u' },
		{ "max-idle", required_argument, NULL, 'i' },
		{ "detach", no_argument, NULL, 'D' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "controller", required_argument, NULL, 'C' },
		{ "mac-aging", required_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*o = (struct opts){ "/var/lib/kflow/kflowd.conf", "/run/kflow",
			    "kflow-system", NULL, false, false,
			    KFD_DEFAULT_FLOW_LIMIT, NULL, 0, kfd_online_cpus(),
			    KF_FAIR_DEFAULT_BUDGET, false,
			    KFD_DEFAULT_MAX_IDLE_MS,
			    KF_MAC_DEFAULT_IDLE_MS / 1000 };
	while ((c = getopt_long(argc, argv, "vh", lo, NULL)) != -1) {
		switch (c) {
		case 'c': o->config = optarg; break;
		case 'r': o->rundir = optarg; break;
		case 'd': o->datapath = optarg; break;
		case 'p': o->pidfile = optarg; break;
		case 'D': o->detach = true; break;
		case 'v': o->verbose = true; break;
		case 'C':
			if (add_controller(o, optarg))
				return -1;
			break;
		case 'l':
			if (parse_count("flow-limit", 0, SIZE_MAX, &o->flow_limit))
				return -1;
			break;
		case 'n':
			if (parse_count("n-handlers", 1, KFD_MAX_HANDLERS,
					&o->n_handlers))
				return -1;
			break;
		case 'b':
			if (parse_count("port-budget", 1, UINT32_MAX,
					&o->port_budget))
				return -1;
			break;
		case 'A':
			if (parse_count("mac-aging", 1, 86400 * 365,
					&o->mac_aging_s))
				return -1;
			break;
		case 'u':
			o->per_vport = !strcmp(optarg, "per-vport");
			if (!o->per_vport && strcmp(optarg, "auto")) {
				fprintf(stderr, "kflowd: --dispatch=%s: not auto "
					"or per-vport\n", optarg);
				return -1;
			}
			break;
		case 'i':
			if (parse_count("max-idle", 1, ULONG_MAX,
					&o->max_idle_ms))
				return -1;
			break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "kflowd: unexpected argument %s\n", argv[optind]);
		return -1;
	}
	return 0;
}

/* Create or attach the datapath port of every non-patch port.  A port
 * whose device is gone stays configured without a datapath port (as in
 * OVS): the daemon still starts, and says so. */
static int attach_ports(struct kfd *d, char *err)
{
	size_t b, i;
	int ret;

	for (b = 0; b < d->ofp->n_bridges; b++) {
		struct kf_bridge *br = d->ofp->bridges[b];

		for (i = 0; i < br->n_ports; i++) {
			struct kf_port *p = br->ports[i];

			if (p->type == KF_PT_PATCH)
				continue;
			ret = kfd_port_attach(d, p, err);
			if (ret) {
				kfd_log(LOG_WARNING, "%s: port %s: %s",
					br->name, p->name, err);
				continue;
			}
			kfd_log(LOG_INFO, "%s: port %s ofport %u = datapath "
				"port %u", br->name, p->name, p->ofport,
				p->odp_port);
		}
	}
	return 0;
}

static int write_pidfile(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		kfd_log(LOG_ERR, "--pidfile %s: %s", path, strerror(errno));
		return -1;
	}
	fprintf(f, "%ld\n", (long)getpid());
	fclose(f);
	return 0;
}

/* The configuration and rule tables; a missing file is a switch with no
 * bridges yet (kflow-ctl add-br creates the file). */
static int load_config(struct kfd *d, const char *path, char *err)
{
	char dir[4096], *slash;
	int ret = kfd_config_load(d->ofp, path, err);

	if (ret != -ENOENT)
		return ret;
	kfd_log(LOG_INFO, "%s: not found, starting with no bridges", path);
	/* its directory (/var/lib/kflow) may not exist yet either */
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0755) && errno != EEXIST)
			kfd_log(LOG_WARNING, "%s: %s (the configuration cannot "
				"be saved)", dir, strerror(errno));
	}
	return 0;
}

static int start(struct kfd *d, const struct opts *o)
{
	char err[KF_ERR_LEN] = "";
	size_t i;

	d->ofp = kf_ofproto_create();
	if (d->ofp)
		d->ofp->mac_idle_ms = (uint64_t)o->mac_aging_s * 1000;
	d->conf_path = o->config;
	d->flow_limit = o->flow_limit;
	d->flow_limit_max = o->flow_limit;
	d->fair_budget = (uint32_t)o->port_budget;
	d->max_idle_ms = o->max_idle_ms;
	d->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (!d->ofp || d->wake_fd < 0) {
		kfd_log(LOG_ERR, "start: %s", d->ofp ? strerror(errno) :
			"out of memory");
		return -1;
	}
	if (load_config(d, o->config, err) ||
	    kfd_dp_open(&d->dp, o->datapath, err) ||
	    kfd_handlers_create(d, (unsigned int)o->n_handlers, o->per_vport,
				err) ||
	    attach_ports(d, err)) {
		kfd_log(LOG_ERR, "%s", err);
		return -1;
	}
	kfd_probe_caps(d);
	/* Before the management sockets exist: their appearance tells
	 * tools and tests that the kernel's cache is already reconciled. */
	kfd_reval_reconcile(d);	/* megaflows of an earlier run */
	if (mkdir(o->rundir, 0755) && errno != EEXIST) {
		kfd_log(LOG_ERR, "--rundir %s: %s", o->rundir, strerror(errno));
		return -1;
	}
	if (kfd_of_listen(d, o->rundir, err) || kfd_ctl_listen(d, err)) {
		kfd_log(LOG_ERR, "%s", err);
		return -1;
	}
	for (i = 0; i < o->n_controllers; i++) {
		if (kfd_ctrl_add(d, o->controllers[i], err)) {
			kfd_log(LOG_ERR, "%s", err);
			return -1;
		}
	}
	return 0;
}

/* Rewrite the configuration file if something changed: at most once per
 * KFD_SAVE_INTERVAL_MS however many changes came (ovs-ofctl add-flows of
 * thousands of rules costs a few writes, not thousands), and at exit.
 * A save taking long (many rules, a slow disk) waits ten times its
 * duration before the next, so saving stays under a tenth of the time. */
static void save_config(struct kfd *d, bool at_exit)
{
	char err[KF_ERR_LEN];
	uint64_t now, took;

	if (!d->conf_dirty)
		return;
	now = kfd_now_ms();
	if (!at_exit && now < d->next_save_ms)
		return;
	d->conf_dirty = false;
	if (kfd_config_save(d->ofp, d->conf_path, err))
		kfd_log(LOG_ERR, "saving the configuration: %s", err);
	took = kfd_now_ms() - now;
	d->next_save_ms = now + (10 * took > KFD_SAVE_INTERVAL_MS ?
				 10 * took : KFD_SAVE_INTERVAL_MS);
}

static void loop(struct kfd *d)
{
	struct pollfd pfd[MAX_POLLFDS];
	uint64_t wakes;
	size_t n, nc;

	while (!stop) {
		pfd[0] = (struct pollfd){ d->wake_fd, POLLIN, 0 };
		pfd[1] = (struct pollfd){ d->ctl_fd, POLLIN, 0 };
		n = kfd_of_pollfds(d, pfd + 2, MAX_POLLFDS - 2);
		nc = kfd_ctrl_pollfds(d, pfd + 2 + n, MAX_POLLFDS - 2 - n);
		if (poll(pfd, n + nc + 2, 1000) < 0) {
			if (errno == EINTR)
				continue;
			kfd_log(LOG_ERR, "poll: %s", strerror(errno));
			return;
		}
		if (pfd[0].revents && read(d->wake_fd, &wakes, sizeof(wakes)) < 0)
			kfd_log(LOG_DEBUG, "wake-up: %s", strerror(errno));
		/* Everything below, the control requests included, runs
		 * under the model lock held for writing (kflowd.h). */
		pthread_rwlock_wrlock(&d->model_lock);
		kfd_handlers_tick(d);
		kfd_of_run(d, pfd + 2, n);
		kfd_ctrl_run(d, pfd + 2 + n, nc);
		if (pfd[1].revents)
			kfd_ctl_run(d);
		kfd_tick(d);
		pthread_rwlock_unlock(&d->model_lock);
		/* Writing reads the model: handlers go on translating
		 * during the write and fsync. */
		if (d->conf_dirty) {
			pthread_rwlock_rdlock(&d->model_lock);
			save_config(d, false);
			pthread_rwlock_unlock(&d->model_lock);
		}
	}
}

static void init_locks(struct kfd *d)
{
	pthread_rwlockattr_t a;

	/* A flood of upcalls keeps read locks held back to back: writers
	 * (flow_mods) must still get in. */
	pthread_rwlockattr_init(&a);
	pthread_rwlockattr_setkind_np(&a,
		PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&d->model_lock, &a);
	pthread_rwlockattr_destroy(&a);
	pthread_mutex_init(&d->mflow_lock, NULL);
	d->wake_fd = -1;
}

int main(int argc, char **argv)
{
	char err[KF_ERR_LEN] = "";
	struct kfd d;
	struct opts o;
	int rc = 1;

	if (parse_opts(argc, argv, &o))
		return 2;
	memset(&d, 0, sizeof(d));
	init_locks(&d);
	d.ctl_fd = -1;
	kfd_log_init(false, o.verbose);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGPIPE, SIG_IGN);
	if (start(&d, &o))
		goto out;
	if (o.detach) {
		if (daemon(0, 0)) {
			kfd_log(LOG_ERR, "--detach: %s", strerror(errno));
			goto out;
		}
		kfd_log_init(true, o.verbose);
	}
	if (o.pidfile && write_pidfile(o.pidfile))
		goto out;
	/* After daemon(): threads do not survive a fork. */
	if (kfd_handlers_start(&d, err)) {
		kfd_log(LOG_ERR, "%s", err);
		goto out;
	}
	kfd_log(LOG_INFO, "running on datapath %s", o.datapath);
	loop(&d);
	rc = 0;
out:
	kfd_handlers_destroy(&d);
	if (rc == 0)
		kfd_stats_log(&d);
	if (o.pidfile && rc == 0)
		unlink(o.pidfile);
	save_config(&d, true);
	kfd_ctl_close(&d);
	kfd_of_close_all(&d);
	kfd_ctrl_close_all(&d);
	free(o.controllers);
	kfd_dp_close(&d.dp);
	kfd_mflows_clear(&d.mflows);
	kf_ofproto_destroy(d.ofp);
	if (d.wake_fd >= 0)
		close(d.wake_fd);
	pthread_rwlock_destroy(&d.model_lock);
	pthread_mutex_destroy(&d.mflow_lock);
	return rc;
}
