// SPDX-License-Identifier: GPL-2.0
/*
 * xlate_output.c - output actions: ports, IN_PORT, LOCAL, ALL, FLOOD,
 * CONTROLLER, and patch ports (translation continues in the peer).
 */
#include <string.h>
#include "xlate_priv.h"

/* Continue in the peer bridge as if the packet arrived on @peer: fresh
 * pipeline metadata, same packet.  Afterwards the flow is restored and
 * whatever the peer rewrote is pending again, so later outputs of this
 * bridge see the packet this bridge made. */
static void patch_output(struct xctx *c, const struct kf_port *p)
{
	struct kf_port *peer = kf_ofproto_port_by_name(c->ofp, p->peer);
	struct kf_bridge *br = c->br;
	struct kf_flow flow = c->flow, det = c->det, written = c->written;
	struct kf_flow *f = &c->flow, *d = &c->det;

	if (!peer || peer->type != KF_PT_PATCH || peer->bridge == br) {
		xc_trace(c, ">>>> patch port %s has no peer <<<<",
			 p->name);
		return;
	}
	c->br = peer->bridge;
	f->metadata = 0;
	memset(f->regs, 0, sizeof(f->regs));
	f->tun_id = 0;
	f->tun_src = f->tun_dst = 0;
	f->tun_flags = f->tun_tp_dst = 0;
	memset(f->tun_metadata, 0, sizeof(f->tun_metadata));
	d->in_port = UINT16_MAX;
	d->tun_id = UINT64_MAX;
	d->tun_src = d->tun_dst = UINT32_MAX;
	d->tun_flags = d->tun_tp_dst = UINT16_MAX;
	memset(d->tun_metadata, 0xff, sizeof(d->tun_metadata));
	memset(&c->written, 0, sizeof(c->written));
	xc_trace(c, "%s", "");
	xc_trace(c, "bridge(\"%s\")", c->br->name);
	xc_trace(c, "%.*s", (int)strlen(c->br->name) + 10,
		 "------------------------------");
	c->depth++;
	xc_table(c, 0, peer->ofport);
	c->depth--;
	c->br = br;
	c->flow = flow;
	c->det = det;
	xc_flow_or(&c->pending, &c->written);
	xc_flow_or(&c->written, &written);
}

void xc_output_port(struct xctx *c, const struct kf_port *p)
{
	if (p->type == KF_PT_PATCH) {
		patch_output(c, p);
		return;
	}
	if (p->odp_port == KF_ODPP_NONE) {
		xc_trace(c, ">>>> port %s has no datapath port <<<<",
			 p->name);
		return;
	}
	if (p->type == KF_PT_TUNNEL) {
		xc_emit_set_tunnel(c, p);	/* commits first */
		if (!c->flow.tun_dst && !p->tun.remote_ip)
			return;
	}
	xc_commit(c);
	xc_emit_output(c, p->odp_port);
}

void xc_flood(struct xctx *c, bool all)
{
	size_t i;

	for (i = 0; i < c->br->n_ports && !c->exit; i++) {
		const struct kf_port *p = c->br->ports[i];

		if (p->ofport == c->flow.in_port || (!all && p->no_flood))
			continue;
		xc_output_port(c, p);
	}
}

void xc_output(struct xctx *c, uint16_t port, uint16_t max_len)
{
	const struct kf_port *p;

	switch (port) {
	case KF_PORT_IN_PORT:
		port = c->flow.in_port;
		break;
	case KF_PORT_NORMAL:
		xc_normal(c);
		return;
	case KF_PORT_FLOOD:
	case KF_PORT_ALL:
		xc_flood(c, port == KF_PORT_ALL);
		return;
	case KF_PORT_CONTROLLER:
		xc_packet_in(c, KF_PIN_ACTION, max_len);
		return;
	case KF_PORT_TABLE:		/* PACKET_OUT only: the pipeline */
		if (c->xin->actions)
			xc_table(c, 0, c->flow.in_port);
		return;
	case KF_PORT_NONE:
		return;
	default:
		if (port == c->flow.in_port) {
			xc_trace(c, ">>>> skipping output to input port "
				 "<<<<");
			return;
		}
	}
	p = kf_bridge_port(c->br, port);
	if (!p) {
		xc_trace(c, ">>>> output to nonexistent port %u <<<<",
			 port);
		return;
	}
	xc_output_port(c, p);
}
