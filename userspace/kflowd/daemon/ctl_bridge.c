// SPDX-License-Identifier: GPL-2.0
/*
 * ctl_bridge.c - kflow-ctl add-br, del-br, add-port, del-port: the switch
 * model, the datapath ports and the OpenFlow listeners together.
 *
 * Order matters, as for flow_mods (offlow.c): a change that can make
 * cached megaflows wrong (a port gone, a new port in FLOOD, a bridge gone
 * with its rules) first credits the datapath's counters to the rules
 * (model_changing()), then changes the model, then revalidates every
 * cached flow before the reply (model_changed()): no megaflow outlives
 * what it was computed from, and the megaflow table's rule lists, which
 * may point at freed rules in between, are replaced before anything
 * reads them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "ctl.h"
#include "controller.h"
#include "ctl_proto.h"
#include "log.h"
#include "ofconn.h"
#include "port_conf.h"

static int check_name(const char *cmd, const char *name, char *err)
{
	if (!*name || strlen(name) >= KF_NAME_LEN)
		return kfd_ctl_err(err, "%s %s: name must be 1..15 characters",
				   cmd, name);
	return 0;
}

int kfd_ctl_add_br(struct kfd *d, int argc, char **argv, struct strbuf *out,
		   char err[KF_ERR_LEN])
{
	char derr[KF_ERR_LEN];
	struct kf_bridge *br;
	const char *name = argv[1];

	(void)argc;
	(void)out;
	if (check_name(argv[0], name, err))
		return -EINVAL;
	if (kf_bridge_find(d->ofp, name))
		return kfd_ctl_err(err, "add-br %s: bridge %s already exists",
				   name, name);
	if (kf_ofproto_port_by_name(d->ofp, name))
		return kfd_ctl_err(err, "add-br %s: a port is named %s", name,
				   name);
	br = kf_bridge_create(d->ofp, name);
	if (!br)
		return kfd_ctl_err(err, "add-br %s: out of memory", name);
	if (kfd_port_attach(d, br->ports[0], derr) ||
	    kfd_of_listen_bridge(d, br, derr)) {
		kfd_port_detach(d, br->ports[0], err);
		kf_ofproto_remove_bridge(d->ofp, br);
		return kfd_ctl_err(err, "add-br %s: %s", name, derr);
	}
	kfd_conf_changed(d);
	return 0;
}

/* Delete the datapath ports of @br's ports.  A tunnel vport shared with
 * a port of another bridge stays; one shared only within @br goes with
 * the last of its ports (a detached port no longer counts). */
static void detach_all(struct kfd *d, struct kf_bridge *br)
{
	char derr[KF_ERR_LEN];
	size_t i;

	for (i = 0; i < br->n_ports; i++) {
		if (kfd_port_detach(d, br->ports[i], derr))
			kfd_log(LOG_WARNING, "del-br %s: %s", br->name, derr);
		br->ports[i]->odp_port = KF_ODPP_NONE;
	}
}

static void model_changing(struct kfd *d)
{
	if (!d->reval_pending)	/* else pulled before the pending change */
		kfd_stats_pull(d);
}

static void model_changed(struct kfd *d)
{
	kfd_revalidate(d);
}

int kfd_ctl_del_br(struct kfd *d, int argc, char **argv, struct strbuf *out,
		   char err[KF_ERR_LEN])
{
	struct kf_bridge *br = kf_bridge_find(d->ofp, argv[1]);

	(void)argc;
	(void)out;
	if (!br)
		return kfd_ctl_err(err, "del-br %s: no such bridge", argv[1]);
	model_changing(d);		/* megaflows point at its rules */
	kfd_ctrl_forget_bridge(d, br);
	kfd_of_unlisten_bridge(d, br);
	detach_all(d, br);
	kf_ofproto_remove_bridge(d->ofp, br);
	model_changed(d);
	kfd_conf_changed(d);
	return 0;
}

/* Parse "PORT [OPTION...]" of add-port into @p and check it against
 * the switch: a unique name, a free ofport (or the lowest free one). */
static int new_port(struct kfd *d, struct kf_bridge *br, int argc,
		    char **argv, struct kf_port *p, char *err)
{
	struct strbuf args = STRBUF_INIT;
	const struct kf_port *other;
	char perr[KF_ERR_LEN];
	int ret;

	kf_ctl_join(&args, argc - 2, argv + 2);
	ret = kf_port_parse(args.s, p, perr);
	sb_free(&args);
	if (ret)
		return kfd_ctl_err(err, "add-port %s %s: %s", br->name,
				   argv[2], perr);
	other = kf_ofproto_port_by_name(d->ofp, p->name);
	if (other)
		return kfd_ctl_err(err, "add-port %s %s: port %s already "
				   "exists (bridge %s)", br->name, p->name,
				   p->name, other->bridge->name);
	if (kf_bridge_find(d->ofp, p->name))
		return kfd_ctl_err(err, "add-port %s %s: a bridge is named %s",
				   br->name, p->name, p->name);
	other = p->ofport ? kf_bridge_port(br, p->ofport) : NULL;
	if (other)
		return kfd_ctl_err(err, "add-port %s %s: ofport=%u is used by "
				   "port %s", br->name, p->name, p->ofport,
				   other->name);
	if (!p->ofport)
		p->ofport = kf_bridge_free_ofport(br);
	if (!p->ofport)
		return kfd_ctl_err(err, "add-port %s %s: no free OpenFlow "
				   "port number", br->name, p->name);
	return 0;
}

int kfd_ctl_add_port(struct kfd *d, int argc, char **argv,
		     struct strbuf *out, char err[KF_ERR_LEN])
{
	struct kf_bridge *br = kf_bridge_find(d->ofp, argv[1]);
	char derr[KF_ERR_LEN];
	struct kf_port tmpl, *p;

	if (!br)
		return kfd_ctl_err(err, "add-port %s %s: no such bridge",
				   argv[1], argv[2]);
	if (new_port(d, br, argc, argv, &tmpl, err))
		return -EINVAL;
	if (kfd_port_attach(d, &tmpl, derr))
		return kfd_ctl_err(err, "add-port %s %s: %s", br->name,
				   tmpl.name, derr);
	model_changing(d);		/* FLOOD and NORMAL now reach it */
	p = kf_bridge_add_port(br, &tmpl);
	if (!p) {
		kfd_port_detach(d, &tmpl, derr);
		return kfd_ctl_err(err, "add-port %s %s: out of memory",
				   br->name, tmpl.name);
	}
	model_changed(d);
	kfd_ctrl_port_status(d, p, KF_OFPPR_ADD);
	sb_printf(out, "%s ofport=%u\n", p->name, p->ofport);
	kfd_conf_changed(d);
	return 0;
}

int kfd_ctl_del_port(struct kfd *d, int argc, char **argv,
		     struct strbuf *out, char err[KF_ERR_LEN])
{
	struct kf_bridge *br = kf_bridge_find(d->ofp, argv[1]);
	char derr[KF_ERR_LEN];
	struct kf_port *p = NULL;
	size_t i;

	(void)argc;
	(void)out;
	if (!br)
		return kfd_ctl_err(err, "del-port %s %s: no such bridge",
				   argv[1], argv[2]);
	for (i = 0; i < br->n_ports && !p; i++)
		if (!strcmp(br->ports[i]->name, argv[2]))
			p = br->ports[i];
	if (!p)
		return kfd_ctl_err(err, "del-port %s %s: no such port in "
				   "bridge %s", br->name, argv[2], br->name);
	if (p->ofport == KF_PORT_LOCAL)
		return kfd_ctl_err(err, "del-port %s %s: the bridge's own "
				   "port goes with del-br", br->name, p->name);
	model_changing(d);		/* megaflows in or out of it */
	if (kfd_port_detach(d, p, derr))
		return kfd_ctl_err(err, "del-port %s %s: %s", br->name,
				   p->name, derr);
	kfd_ctrl_port_status(d, p, KF_OFPPR_DELETE);
	kf_bridge_remove_port(br, p);
	model_changed(d);
	kfd_conf_changed(d);
	return 0;
}
