// SPDX-License-Identifier: GPL-2.0
/*
 * ctl_show.c - kflow-ctl show (bridges and ports, read like ovs-vsctl
 * show) and upcall-stats (the daemon's counters).
 */
#include <stddef.h>
#include <stdio.h>
#include "ctl.h"
#include "port_conf.h"

static void show_ip(struct strbuf *sb, const char *key, uint32_t ip,
		    const char **sep)
{
	sb_printf(sb, "%s%s=\"%u.%u.%u.%u\"", *sep, key, ip >> 24,
		  (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
	*sep = ", ";
}

/* options: {dst_port="4790", key=flow, local_ip="..", remote_ip=".."}
 * in ovs-vsctl's alphabetical order. */
static void show_options(struct strbuf *sb, const struct kf_port *p)
{
	const struct kf_tunnel_opts *t = &p->tun;
	const char *sep = "";

	if (p->type == KF_PT_PATCH) {
		sb_printf(sb, "            options: {peer=%s}\n", p->peer);
		return;
	}
	if (p->type != KF_PT_TUNNEL)
		return;
	sb_puts(sb, "            options: {");
	if (t->dst_port) {
		sb_printf(sb, "dst_port=\"%u\"", t->dst_port);
		sep = ", ";
	}
	if (t->key_flow || t->key) {
		sb_printf(sb, "%skey=", sep);
		if (t->key_flow)
			sb_puts(sb, "flow");
		else
			sb_printf(sb, "\"%llu\"", (unsigned long long)t->key);
		sep = ", ";
	}
	if (t->local_ip)
		show_ip(sb, "local_ip", t->local_ip, &sep);
	if (t->remote_ip)
		show_ip(sb, "remote_ip", t->remote_ip, &sep);
	else
		sb_printf(sb, "%sremote_ip=flow", sep);
	sb_puts(sb, "}\n");
}

static void show_vlan(struct strbuf *sb, const struct kf_port *p)
{
	const char *sep = "";
	unsigned int v;

	if (p->vlan_mode == KF_VLAN_ACCESS) {
		sb_printf(sb, "        tag: %u\n", p->tag);
		return;
	}
	if (p->all_trunks)
		return;
	sb_puts(sb, "        trunks: [");
	for (v = 0; v < 4096; v++) {
		if ((p->trunks[v / 64] >> (v % 64)) & 1) {
			sb_printf(sb, "%s%u", sep, v);
			sep = ", ";
		}
	}
	sb_puts(sb, "]\n");
}

static void show_port(struct strbuf *sb, const struct kf_port *p)
{
	char vport[KF_NAME_LEN];

	sb_printf(sb, "    Port %s\n", p->name);
	show_vlan(sb, p);
	sb_printf(sb, "        Interface %s\n", p->name);
	if (p->type != KF_PT_SYSTEM)
		sb_printf(sb, "            type: %s\n", kf_port_type_name(p));
	show_options(sb, p);
	if (p->ofport == KF_PORT_LOCAL)
		sb_puts(sb, "            ofport: LOCAL\n");
	else
		sb_printf(sb, "            ofport: %u\n", p->ofport);
	kf_port_vport_name(p, vport);
	if (p->type == KF_PT_PATCH)
		return;
	if (p->odp_port == KF_ODPP_NONE)
		sb_puts(sb, "            datapath port: none (device missing)\n");
	else if (p->type == KF_PT_TUNNEL)
		sb_printf(sb, "            datapath port: %u (%s)\n",
			  p->odp_port, vport);
	else
		sb_printf(sb, "            datapath port: %u\n", p->odp_port);
	if (p->no_flood)
		sb_puts(sb, "            no_flood: true\n");
}

int kfd_ctl_show(struct kfd *d, int argc, char **argv, struct strbuf *out,
		 char err[KF_ERR_LEN])
{
	size_t b, i;

	(void)argc;
	(void)argv;
	(void)err;
	sb_printf(out, "datapath %s\n", d->dp.name);
	for (b = 0; b < d->ofp->n_bridges; b++) {
		const struct kf_bridge *br = d->ofp->bridges[b];

		sb_printf(out, "Bridge %s\n", br->name);
		for (i = 0; i < br->n_ports; i++)
			show_port(out, br->ports[i]);
	}
	return 0;
}

#define STAT(f, what) { #f, offsetof(struct kfd_stats, f), what }

static const struct {
	const char *name;
	size_t off;
	const char *what;
} stats[] = {
	STAT(upcalls, "upcalls received"),
	STAT(batches, "handler wake-ups with at least one upcall"),
	STAT(flows_installed, "megaflows installed"),
	STAT(flow_put_errors, "megaflow install errors"),
	STAT(flow_limit_hits, "executed, not installed: flow limit"),
	STAT(executed, "packets executed"),
	STAT(execute_errors, "execute errors"),
	STAT(slow_path, "packets run by the slow path"),
	STAT(slow_path_flows, "userspace(slow_path) megaflows"),
	STAT(slow_path_errors, "slow path rewrite or execute errors"),
	STAT(dropped, "dropped: bad key, unknown port, xlate error"),
	STAT(fair_drops, "dropped: over an in_port's budget"),
	STAT(recv_errors, "upcall receive errors (truncated, malformed)"),
	STAT(recv_lost, "upcalls the kernel dropped (ENOBUFS)"),
	STAT(dp_lost, "the datapath's lost upcalls (n_lost)"),
	STAT(packet_ins, "packet-ins"),
	STAT(packet_ins_sent, "packet-ins sent to controllers"),
	STAT(packet_outs, "packet-outs"),
	STAT(flushes, "datapath flow flushes"),
	STAT(reval_modified, "revalidated: new actions set in place"),
	STAT(reval_set_errors, "revalidated: set refused, flow deleted"),
	STAT(reval_deleted, "revalidated: deleted (mask or xlate changed)"),
	STAT(idle_deleted, "deleted: idle longer than --max-idle"),
	STAT(unknown_deleted, "deleted: in the datapath, not in kflowd"),
	STAT(rules_expired, "rules expired (idle/hard timeout)"),
};

/* Fairness drops of every in_port slot that dropped some. */
static void show_port_drops(const struct kfd *d, struct strbuf *out)
{
	char name[32];
	uint64_t n;
	size_t i;

	for (i = 0; i < KF_FAIR_SLOTS; i++) {
		n = __atomic_load_n(&d->port_drops[i], __ATOMIC_RELAXED);
		if (!n)
			continue;
		snprintf(name, sizeof(name), "port_drops[%zu]", i);
		sb_printf(out, "%-16s %12llu   %s\n", name,
			  (unsigned long long)n,
			  "fairness drops of in_port N (mod 256)");
	}
}

int kfd_ctl_upcall_stats(struct kfd *d, int argc, char **argv,
			 struct strbuf *out, char err[KF_ERR_LEN])
{
	struct kfd_stats s;
	size_t i;

	(void)argc;
	(void)argv;
	(void)err;
	kfd_stats_read(d, &s);
	sb_printf(out, "%-16s %12s   %s\n", "dispatch",
		  kfd_dispatch_name(d->dp.dispatch), "upcall dispatch mode");
	sb_printf(out, "%-16s %12u   %s\n", "handlers", d->n_handlers,
		  "handler threads");
	for (i = 0; i < sizeof(stats) / sizeof(stats[0]); i++)
		sb_printf(out, "%-16s %12llu   %s\n", stats[i].name,
			  (unsigned long long)*(const uint64_t *)
			  ((const char *)&s + stats[i].off), stats[i].what);
	show_port_drops(d, out);
	sb_printf(out, "%-16s %12zu   %s\n", "flows",
		  __atomic_load_n(&d->n_flows, __ATOMIC_RELAXED),
		  "megaflows installed since the last flush");
	sb_printf(out, "%-16s %12zu   %s\n", "flow_limit",
		  __atomic_load_n(&d->flow_limit, __ATOMIC_RELAXED),
		  "current flow limit (adapted to the dump time)");
	sb_printf(out, "%-16s %12zu   %s\n", "flow_limit_max",
		  d->flow_limit_max, "--flow-limit");
	pthread_mutex_lock(&d->mflow_lock);
	i = d->mflows.n;
	pthread_mutex_unlock(&d->mflow_lock);
	sb_printf(out, "%-16s %12zu   %s\n", "mflows", i,
		  "megaflows remembered with their rules");
	return 0;
}
