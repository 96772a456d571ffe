// SPDX-License-Identifier: GPL-2.0
/*
 * xlate_normal.c - the NORMAL action: an 802.1Q learning switch.
 *
 * Input VLAN from the in_port's mode (access: its tag, untagged frames
 * only; trunk: the frame's VID, 0 if untagged, must be trunked), learn
 * dl_src on (VLAN, in_port), then forward by (dl_dst, VLAN): the learned
 * port, or a flood to every other port in the VLAN for multicast and
 * unknown destinations.  Each output gets the tagging of its port.
 * Reads: in_port, the VLAN TCI, dl_src, dl_dst.  The MAC table itself is
 * not part of the megaflow: learning changes are side effects
 * (xout->macs) after which the daemon revalidates.
 */
#include <stdio.h>
#include <string.h>
#include "mac_learning.h"
#include "xlate_priv.h"

static void read_vlan(struct xctx *c, uint16_t bits)
{
	struct kf_flow m;

	memset(&m, 0, sizeof(m));
	m.vlan_tci[0] = bits;
	xc_read(c, &m);
}

static void read_mac(struct xctx *c, bool src)
{
	struct kf_flow m;

	memset(&m, 0, sizeof(m));
	memset(src ? m.dl_src : m.dl_dst, 0xff, 6);
	xc_read(c, &m);
}

static bool input_vlan(struct xctx *c, const struct kf_port *in,
		       uint16_t *vlan)
{
	uint16_t tci = c->flow.vlan_tci[0];
	uint16_t vid = tci & KF_VLAN_CFI ? tci & KF_VLAN_VID_MASK : 0;

	read_vlan(c, KF_VLAN_CFI | KF_VLAN_VID_MASK);
	if (in->vlan_mode == KF_VLAN_ACCESS) {
		if (vid) {
			xc_trace(c, ">>>> dropping VLAN %u tagged packet "
				 "received on port %s configured as VLAN %u "
				 "access port <<<<", vid, in->name, in->tag);
			return false;
		}
		*vlan = in->tag;
		return true;
	}
	if (!kf_port_in_vlan(in, vid)) {
		xc_trace(c, ">>>> dropping VLAN %u packet received on "
			 "port %s not configured for trunking VLAN %u <<<<",
			 vid, in->name, vid);
		return false;
	}
	*vlan = vid;
	return true;
}

static void fmt_mac(char *buf, const uint8_t *m)
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x",
		 m[0], m[1], m[2], m[3], m[4], m[5]);
}

static void learn(struct xctx *c, const struct kf_port *in, uint16_t vlan)
{
	const uint8_t *mac = c->flow.dl_src;
	char buf[18];

	read_mac(c, true);
	if (mac[0] & 1)
		return;
	if (!kf_mac_would_change(c->br->ml, mac, vlan, in->ofport,
				 c->xin->now_ms)) {
		if (c->xin->may_learn)
			kf_mac_learn(c->br->ml, mac, vlan, in->ofport,
				     c->xin->now_ms);
		return;
	}
	fmt_mac(buf, mac);
	xc_trace(c, "learned that %s is on port %s in VLAN %u", buf,
		 in->name, vlan);
	xc_mac_update(c, mac, vlan, in->ofport);
	if (c->xin->may_learn)
		kf_mac_learn(c->br->ml, mac, vlan, in->ofport, c->xin->now_ms);
}

/* Output with @out's tagging for @vlan.  The tag stays for the next
 * output (consecutive trunk outputs need no re-tagging); xc_normal()
 * restores the flow's own tag at the end. */
static void output_vlan(struct xctx *c, const struct kf_port *out,
			uint16_t vlan)
{
	uint16_t tci = 0;
	struct kf_flow m;

	if (!kf_port_in_vlan(out, vlan))
		return;
	if (out->vlan_mode == KF_VLAN_TRUNK && vlan) {
		tci = KF_VLAN_CFI | vlan;
		if (c->normal_tci & KF_VLAN_CFI) {
			read_vlan(c, KF_VLAN_PCP_MASK);
			tci |= c->normal_tci & KF_VLAN_PCP_MASK;
		}
	}
	memset(&m, 0, sizeof(m));
	m.vlan_tci[0] = UINT16_MAX;
	if (tci != c->flow.vlan_tci[0]) {
		c->flow.vlan_tci[0] = tci;
		xc_wrote(c, &m);
	}
	xc_output_port(c, out);
}

static void flood_vlan(struct xctx *c, const struct kf_port *in,
		       uint16_t vlan)
{
	size_t i;

	xc_trace(c, "-> flooding in VLAN %u", vlan);
	for (i = 0; i < c->br->n_ports && !c->exit; i++) {
		const struct kf_port *p = c->br->ports[i];

		if (p != in && !p->no_flood)
			output_vlan(c, p, vlan);
	}
}

static void normal(struct xctx *c, const struct kf_port *in)
{
	const struct kf_port *out;
	uint16_t vlan;
	int port;

	if (!input_vlan(c, in, &vlan))
		return;
	learn(c, in, vlan);
	read_mac(c, false);
	if (c->flow.dl_dst[0] & 1) {
		flood_vlan(c, in, vlan);
		return;
	}
	port = kf_mac_lookup(c->br->ml, c->flow.dl_dst, vlan, c->xin->now_ms);
	if (port < 0) {
		xc_trace(c, "-> no learned MAC for destination, flooding");
		flood_vlan(c, in, vlan);
		return;
	}
	if (port == in->ofport) {
		xc_trace(c, "-> learned port is input port, dropping");
		return;
	}
	out = kf_bridge_port(c->br, (uint16_t)port);
	xc_trace(c, "-> forwarding to learned port %s",
		 out ? out->name : "(deleted)");
	if (out)
		output_vlan(c, out, vlan);
}

void xc_normal(struct xctx *c)
{
	const struct kf_port *in = kf_bridge_port(c->br, c->flow.in_port);
	uint16_t old = c->flow.vlan_tci[0], old_det = c->det.vlan_tci[0];
	uint16_t saved_normal = c->normal_tci;

	if (!in)
		return;
	c->normal_tci = old;
	normal(c, in);
	c->normal_tci = saved_normal;
	if (c->flow.vlan_tci[0] != old) {
		c->flow.vlan_tci[0] = old;
		c->det.vlan_tci[0] = old_det;
		c->pending.vlan_tci[0] = UINT16_MAX;
	}
}
