// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - kflowd: options, start-up (config, datapath, ports, OpenFlow
 * sockets), the single-threaded poll loop, clean exit on SIGTERM/SIGINT.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "daemon_conf.h"
#include "log.h"
#include "controller.h"
#include "ofconn.h"

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
		"              [--flow-limit N] [--detach] [--pidfile FILE] [-v]\n"
		"              [--controller BR=tcp:IP[:PORT]]...\n"
		"defaults: --config /var/lib/kflow/kflowd.conf --rundir /run/kflow\n"
		"          --datapath kflow-system --flow-limit %d\n",
		KFD_DEFAULT_FLOW_LIMIT);
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
		{ "detach", no_argument, NULL, 'D' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "controller", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int c;

	*o = (struct opts){ "/var/lib/kflow/kflowd.conf", "/run/kflow",
			    "kflow-system", NULL, false, false,
			    KFD_DEFAULT_FLOW_LIMIT, NULL, 0 };
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
			o->flow_limit = strtoul(optarg, &end, 0);
			if (*end || !*optarg) {
				fprintf(stderr, "kflowd: --flow-limit=%s: not a "
					"number\n", optarg);
				return -1;
			}
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

/* Create or attach the datapath port of every non-patch port. */
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
			ret = kfd_dp_port(&d->dp, p->name,
					  p->type == KF_PT_INTERNAL,
					  &p->odp_port, err);
			if (ret)
				return ret;
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

static int start(struct kfd *d, const struct opts *o)
{
	char err[KF_ERR_LEN] = "";
	size_t i;

	d->ofp = kf_ofproto_create();
	d->flow_limit = o->flow_limit;
	d->upbuf_len = 256 * 1024;
	d->upbuf = malloc(d->upbuf_len);
	if (!d->ofp || !d->upbuf) {
		kfd_log(LOG_ERR, "out of memory");
		return -1;
	}
	if (kfd_config_load(d->ofp, o->config, err) ||
	    kfd_dp_open(&d->dp, o->datapath, err) ||
	    attach_ports(d, err)) {
		kfd_log(LOG_ERR, "%s", err);
		return -1;
	}
	kfd_probe_caps(d);
	if (mkdir(o->rundir, 0755) && errno != EEXIST) {
		kfd_log(LOG_ERR, "--rundir %s: %s", o->rundir, strerror(errno));
		return -1;
	}
	if (kfd_of_listen(d, o->rundir, err)) {
		kfd_log(LOG_ERR, "%s", err);
		return -1;
	}
	for (i = 0; i < o->n_controllers; i++) {
		if (kfd_ctrl_add(d, o->controllers[i], err)) {
			kfd_log(LOG_ERR, "%s", err);
			return -1;
		}
	}
	kfd_revalidate(d);	/* megaflows of an earlier run are stale */
	return 0;
}

static void loop(struct kfd *d)
{
	struct pollfd pfd[MAX_POLLFDS];
	size_t n, nc;

	while (!stop) {
		pfd[0] = (struct pollfd){ d->dp.up_fd, POLLIN, 0 };
		n = kfd_of_pollfds(d, pfd + 1, MAX_POLLFDS - 1);
		nc = kfd_ctrl_pollfds(d, pfd + 1 + n, MAX_POLLFDS - 1 - n);
		if (poll(pfd, n + nc + 1, 1000) < 0) {
			if (errno == EINTR)
				continue;
			kfd_log(LOG_ERR, "poll: %s", strerror(errno));
			return;
		}
		if (pfd[0].revents)
			kfd_upcall_run(d);
		kfd_of_run(d, pfd + 1, n);
		kfd_ctrl_run(d, pfd + 1 + n, nc);
		kfd_tick(d);
	}
}

static void report(const struct kfd *d)
{
	const struct kfd_stats *s = &d->stats;

	kfd_log(LOG_INFO, "upcalls %llu, flows installed %llu (put errors "
		"%llu, over limit %llu), executed %llu (errors %llu), slow "
		"path %llu (flows %llu, errors %llu), dropped %llu, recv "
		"errors %llu, packet-ins %llu (sent %llu), packet-outs %llu, "
		"flushes %llu",
		(unsigned long long)s->upcalls,
		(unsigned long long)s->flows_installed,
		(unsigned long long)s->flow_put_errors,
		(unsigned long long)s->flow_limit_hits,
		(unsigned long long)s->executed,
		(unsigned long long)s->execute_errors,
		(unsigned long long)s->slow_path,
		(unsigned long long)s->slow_path_flows,
		(unsigned long long)s->slow_path_errors,
		(unsigned long long)s->dropped,
		(unsigned long long)s->recv_errors,
		(unsigned long long)s->packet_ins,
		(unsigned long long)s->packet_ins_sent,
		(unsigned long long)s->packet_outs,
		(unsigned long long)s->flushes);
}

int main(int argc, char **argv)
{
	struct kfd d;
	struct opts o;
	int rc = 1;

	if (parse_opts(argc, argv, &o))
		return 2;
	memset(&d, 0, sizeof(d));
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
	kfd_log(LOG_INFO, "running on datapath %s", o.datapath);
	loop(&d);
	report(&d);
	rc = 0;
out:
	if (o.pidfile && rc == 0)
		unlink(o.pidfile);
	kfd_of_close_all(&d);
	kfd_ctrl_close_all(&d);
	free(o.controllers);
	kfd_dp_close(&d.dp);
	kfd_mflows_clear(&d.mflows);
	kf_ofproto_destroy(d.ofp);
	free(d.upbuf);
	return rc;
}
