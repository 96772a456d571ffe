// SPDX-License-Identifier: GPL-2.0
/*
 * ofpacket.c - packets between the datapath and controllers: PACKET_IN
 * from the userspace() action a CONTROLLER output became, and PACKET_OUT
 * translated like a rule's actions and executed in the datapath.
 */
#include <linux/openvswitch.h>
#include <stdio.h>
#include <string.h>
#include "controller.h"
#include "log.h"
#include "ofconn.h"
#include "packet.h"
#include "upcall_key.h"
#include "xlate.h"

void kfd_ctrl_packet_in(struct kfd *d, const struct kfd_upcall *up)
{
	struct kf_wbuf b = KF_WBUF_INIT;
	struct kf_upcall_cookie ck;
	struct kf_ofp_packet_in pi;
	struct kf_bridge *br, *in_br;
	char err[KF_ERR_LEN];
	struct kf_flow flow;

	if (!up->userdata ||
	    !kf_upcall_cookie_decode(up->userdata, up->userdata_len, &ck) ||
	    ck.type != KF_COOKIE_CONTROLLER ||
	    ck.bridge_idx >= d->ofp->n_bridges)
		return;
	br = d->ofp->bridges[ck.bridge_idx];
	if (kf_upcall_key_to_flow(d->ofp, up->key, up->key_len, &flow, &in_br,
				  err)) {
		kfd_log(LOG_DEBUG, "packet-in dropped: %s", err);
		return;
	}
	if (in_br != br)		/* came in through a patch port */
		flow.in_port = KF_PORT_LOCAL;
	kf_ctrl_packet_in(&ck, &flow, up->packet, up->packet_len, &pi);
	if (kf_ofp_encode_packet_in(&b, 0, &pi, err))
		kfd_log(LOG_WARNING, "%s: packet_in: %s", br->name, err);
	else if (kfd_ctrl_send(d, br, &b))
		d->stats.packet_ins_sent++;
	kf_wbuf_free(&b);
}

static int set_err(struct kf_ofp_err *e, uint16_t type, uint16_t code,
		   const char *msg)
{
	e->type = type;
	e->code = code;
	snprintf(e->msg, sizeof(e->msg), "%s", msg);
	return -1;
}

/* The execute key: only metadata (in_port); the datapath parses the
 * packet itself. */
static void execute(struct kfd *d, struct kfd_conn *c,
		    const struct kf_ofp_packet_out *po,
		    const struct kf_xlate_out *x, const struct kf_port *in)
{
	struct nlbuf key;
	int ret;

	if (!nlbuf_len(&x->actions))
		return;
	nlbuf_init(&key, 64);
	if (in && in->odp_port != KF_ODPP_NONE)
		nlbuf_put_u32(&key, OVS_KEY_ATTR_IN_PORT, in->odp_port);
	ret = kfd_dp_execute(&d->dp, po->data, po->data_len, nlbuf_data(&key),
			     nlbuf_len(&key), nlbuf_data(&x->actions),
			     nlbuf_len(&x->actions));
	if (ret)
		kfd_log(LOG_WARNING, "%s: packet_out: execute: %s %s",
			c->br->name, strerror(-ret), kfd_dp_errmsg(&d->dp));
	nlbuf_free(&key);
}

int kfd_of_packet_out(struct kfd *d, struct kfd_conn *c, const uint8_t *msg,
		      size_t len, struct kf_ofp_err *e)
{
	struct kf_ofp_packet_out po;
	const struct kf_port *in = NULL;
	struct kf_xlate_in xin;
	struct kf_xlate_out x;
	int ret = 0;

	if (kf_ofp_decode_packet_out(msg, len, &po, e))
		return -1;
	if (po.buffer_id != KF_OFP_NO_BUFFER)
		ret = set_err(e, KF_OFPET_BAD_REQUEST, 8 /* BUFFER_UNKNOWN */,
			      "packet_out: kflowd buffers no packets");
	else if (po.in_port != KF_PORT_CONTROLLER &&
		 po.in_port != KF_PORT_NONE &&
		 !(in = kf_bridge_port(c->br, po.in_port)))
		ret = set_err(e, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_PORT,
			      "packet_out: in_port is not a port of the "
			      "bridge");
	if (ret) {
		kf_actions_free(&po.actions);
		return ret;
	}
	memset(&xin, 0, sizeof(xin));
	xin.ofproto = d->ofp;
	xin.bridge = c->br;
	kf_flow_from_packet(po.data, po.data_len, in ? po.in_port :
			    KF_PORT_CONTROLLER, &xin.flow);
	xin.upcall_pid = d->dp.up_pid;
	xin.now_ms = kfd_now_ms();
	xin.actions = &po.actions;
	kf_xlate_out_init(&x);
	if (kf_xlate(&xin, &x))
		kfd_log(LOG_INFO, "%s: packet_out: translation failed (%d)",
			c->br->name, x.error);
	else
		execute(d, c, &po, &x, in);
	d->stats.packet_outs++;
	kf_xlate_out_free(&x);
	kf_actions_free(&po.actions);
	return 0;
}
