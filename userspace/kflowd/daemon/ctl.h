/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ctl.h - the daemon's control socket RUNDIR/kflowd.ctl (kflow-ctl):
 * bridges and ports at run time, show, trace, dump-dp-flows,
 * upcall-stats.  The protocol (one request line, "ok" or "error: ..."
 * and a text body, then close) is in ctl_proto.h.
 *
 * Served from the main poll loop like the OpenFlow sockets: a request is
 * read and answered in one go, with 2 s send/receive timeouts so a stuck
 * client cannot hold the loop longer than that.  The main loop holds
 * model_lock for writing around kfd_ctl_run() (kflowd.h): the command
 * functions change the switch model directly (the upcall handler
 * threads wait meanwhile; counters are read through kfd_stats_read(),
 * d->mflows under mflow_lock), flush the
 * datapath when a change can make cached megaflows stale, and call
 * kfd_conf_changed() so the configuration file is rewritten at the end
 * of the round.
 */
#ifndef KFLOWD_DAEMON_CTL_H
#define KFLOWD_DAEMON_CTL_H

#include "kflowd.h"
#include "strbuf.h"

/* Listen on RUNDIR/kflowd.ctl (d->rundir). */
int kfd_ctl_listen(struct kfd *d, char err[KF_ERR_LEN]);
void kfd_ctl_close(struct kfd *d);
/* Accept and answer the connections waiting on the listener. */
void kfd_ctl_run(struct kfd *d);

/* One command: argv[0] is its name.  The reply body goes to @out; on
 * failure returns -errno with the message in @err. */
typedef int kfd_ctl_fn(struct kfd *d, int argc, char **argv,
		       struct strbuf *out, char err[KF_ERR_LEN]);

kfd_ctl_fn kfd_ctl_add_br, kfd_ctl_del_br, kfd_ctl_add_port,
	kfd_ctl_del_port;				/* ctl_bridge.c */
kfd_ctl_fn kfd_ctl_show, kfd_ctl_upcall_stats;		/* ctl_show.c */
kfd_ctl_fn kfd_ctl_trace;				/* ctl_trace.c */
kfd_ctl_fn kfd_ctl_dump_dp_flows;			/* ctl_dpflows.c */

/* printf into @err, marking a cut; returns -EINVAL. */
int kfd_ctl_err(char err[KF_ERR_LEN], const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
