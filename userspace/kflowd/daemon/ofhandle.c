// SPDX-License-Identifier: GPL-2.0
/*
 * ofhandle.c - OpenFlow 1.3 requests: hello, echo, features, config,
 * barrier, role, Nicira set-format requests, flow_mod, multipart (desc,
 * flow, aggregate, table, table features, port desc), packet_out.
 * Anything else is answered with an OFPT_ERROR.
 */
#include <stdio.h>
#include <string.h>
#include "log.h"
#include "ofconn.h"

static void reply_error(struct kfd_conn *c, uint32_t xid,
			const struct kf_ofp_err *e, const uint8_t *msg,
			size_t len)
{
	kfd_log(LOG_INFO, "%s: OpenFlow request refused: %s", c->br->name,
		e->msg[0] ? e->msg : "unsupported");
	kf_ofp_encode_error_from(&c->out, xid, e, msg, len);
}

static void set_err(struct kf_ofp_err *e, uint16_t type, uint16_t code,
		    const char *msg)
{
	e->type = type;
	e->code = code;
	snprintf(e->msg, sizeof(e->msg), "%s", msg);
}

static uint64_t datapath_id(const struct kf_bridge *br)
{
	uint64_t h = 1469598103934665603ULL;
	const char *s;

	for (s = br->name; *s; s++)
		h = (h ^ (uint8_t)*s) * 1099511628211ULL;
	return h & 0x0000ffffffffffffULL;
}

static void features(struct kfd_conn *c, uint32_t xid)
{
	struct kf_ofp_features f = {
		.datapath_id = datapath_id(c->br),
		.n_buffers = 0,
		.n_tables = 254,
		.capabilities = 1 | 2 | 4,	/* flow, table, port stats */
	};

	kf_ofp_encode_features_reply(&c->out, xid, &f);
}

void kfd_of_port(const struct kf_port *p, struct kf_ofp_port *op)
{
	memset(op, 0, sizeof(*op));
	op->port_no = p->ofport;
	snprintf(op->name, sizeof(op->name), "%s", p->name);
	op->state = 4;			/* OFPPS_LIVE */
}

static void port_desc(struct kfd_conn *c, uint32_t xid)
{
	size_t start = kf_ofp_mp_start(&c->out, KF_OFPT_MULTIPART_REPLY, xid,
				       KF_OFPMP_PORT_DESC, 0);
	struct kf_ofp_port op;
	size_t i;

	for (i = 0; i < c->br->n_ports; i++) {
		kfd_of_port(c->br->ports[i], &op);
		kf_ofp_put_port(&c->out, &op);
	}
	kf_ofp_end(&c->out, start);
}

static void table_mp(struct kfd_conn *c, uint32_t xid, uint16_t type)
{
	size_t start = kf_ofp_mp_start(&c->out, KF_OFPT_MULTIPART_REPLY, xid,
				       type, 0);
	struct kf_ofp_table_stats ts;
	char name[32];
	unsigned int i;

	for (i = 0; i < 254; i++) {
		if (type == KF_OFPMP_TABLE_FEATURES) {
			snprintf(name, sizeof(name), "table%u", i);
			kf_ofp_put_table_features(&c->out, (uint8_t)i, name,
						  1000000);
			continue;
		}
		memset(&ts, 0, sizeof(ts));
		ts.table_id = (uint8_t)i;
		ts.active_count = (uint32_t)kf_cls_count(c->br->tables[i]);
		kf_ofp_put_table_stats(&c->out, &ts);
	}
	kf_ofp_end(&c->out, start);
}

static void desc(struct kfd_conn *c, uint32_t xid)
{
	struct kf_ofp_desc dd = { "kflow", "kflowd", "kflowd 0.1", "None",
				  c->br->name };
	size_t start = kf_ofp_mp_start(&c->out, KF_OFPT_MULTIPART_REPLY, xid,
				       KF_OFPMP_DESC, 0);

	kf_ofp_put_desc(&c->out, &dd);
	kf_ofp_end(&c->out, start);
}

static int multipart(struct kfd_conn *c, uint32_t xid, const uint8_t *msg,
		     size_t len, struct kf_ofp_err *e)
{
	struct kf_ofp_flow_stats_request r;
	struct kf_ofp_mp mp;

	if (kf_ofp_decode_multipart(msg, len, &mp, e))
		return -1;
	switch (mp.type) {
	case KF_OFPMP_DESC: desc(c, xid); return 0;
	case KF_OFPMP_PORT_DESC: port_desc(c, xid); return 0;
	case KF_OFPMP_TABLE:
	case KF_OFPMP_TABLE_FEATURES: table_mp(c, xid, mp.type); return 0;
	case KF_OFPMP_FLOW:
	case KF_OFPMP_AGGREGATE:
		if (kf_ofp_decode_flow_stats_request(&mp, &r, e))
			return -1;
		if (mp.type == KF_OFPMP_FLOW)
			kfd_of_flow_stats(c, xid, &r);
		else
			kfd_of_aggregate(c, xid, &r);
		return 0;
	}
	set_err(e, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_MULTIPART,
		"multipart type not supported by kflowd");
	return -1;
}

static int flow_mod(struct kfd *d, struct kfd_conn *c, const uint8_t *msg,
		    size_t len, struct kf_ofp_err *e)
{
	struct kf_ofp_flow_mod fm;
	int ret;

	kf_ofp_flow_mod_init(&fm);
	ret = kf_ofp_decode_flow_mod(msg, len, &fm, e);
	if (!ret)
		ret = kfd_of_flow_mod(d, c->br, &fm, e);
	kf_ofp_flow_mod_free(&fm);
	return ret ? -1 : 0;
}

static int experimenter(const uint8_t *msg, size_t len, struct kf_ofp_err *e)
{
	struct kf_ofp_experimenter x;

	if (kf_ofp_decode_experimenter(msg, len, &x, e))
		return -1;
	if (x.vendor != KF_NX_VENDOR_ID) {
		set_err(e, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_EXPERIMENTER,
			"experimenter: only Nicira (0x2320)");
		return -1;
	}
	if (x.subtype == KF_NXT_SET_PACKET_IN_FORMAT ||
	    x.subtype == KF_NXT_SET_FLOW_FORMAT ||
	    x.subtype == KF_NXT_FLOW_MOD_TABLE_ID)
		return 0;		/* accepted, nothing to answer */
	set_err(e, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_EXP_TYPE,
		"Nicira message type not supported by kflowd");
	return -1;
}

static int simple(struct kfd_conn *c, const struct kf_ofp_header *h,
		  const uint8_t *msg, size_t len, struct kf_ofp_err *e)
{
	struct kf_ofp_switch_config cfg = { 0, 0xffff };
	struct kf_ofp_role role;
	uint32_t versions;

	switch (h->type) {
	case KF_OFPT_HELLO:
		if (kf_ofp_decode_hello(msg, len, &versions, e))
			return -1;
		return 0;
	case KF_OFPT_ECHO_REQUEST:
		kf_ofp_encode_simple(&c->out, KF_OFPT_ECHO_REPLY, h->xid,
				     msg + 8, len - 8);
		return 0;
	case KF_OFPT_ECHO_REPLY:
	case KF_OFPT_SET_CONFIG:
		return 0;
	case KF_OFPT_FEATURES_REQUEST:
		features(c, h->xid);
		return 0;
	case KF_OFPT_GET_CONFIG_REQUEST:
		kf_ofp_encode_switch_config(&c->out, KF_OFPT_GET_CONFIG_REPLY,
					    h->xid, &cfg);
		return 0;
	case KF_OFPT_BARRIER_REQUEST:
		kf_ofp_encode_simple(&c->out, KF_OFPT_BARRIER_REPLY, h->xid,
				     NULL, 0);
		return 0;
	case KF_OFPT_ROLE_REQUEST:
		if (kf_ofp_decode_role(msg, len, &role, e))
			return -1;
		kf_ofp_encode_role(&c->out, KF_OFPT_ROLE_REPLY, h->xid, &role);
		return 0;
	}
	set_err(e, KF_OFPET_BAD_REQUEST, KF_OFPBRC_BAD_TYPE,
		"message type not supported by kflowd");
	return -1;
}

void kfd_of_handle(struct kfd *d, struct kfd_conn *c, const uint8_t *msg,
		   size_t len)
{
	struct kf_ofp_header h;
	struct kf_ofp_err e;
	int ret;

	memset(&e, 0, sizeof(e));
	memset(&h, 0, sizeof(h));
	if (kf_ofp_decode_header(msg, len, &h, &e)) {
		reply_error(c, h.xid, &e, msg, len);
		return;
	}
	if (h.type == KF_OFPT_BARRIER_REQUEST)
		kfd_revalidate_pending(d);	/* the datapath first */
	switch (h.type) {
	case KF_OFPT_FLOW_MOD:
		ret = flow_mod(d, c, msg, len, &e);
		break;
	case KF_OFPT_PACKET_OUT:
		ret = kfd_of_packet_out(d, c, msg, len, &e);
		break;
	case KF_OFPT_MULTIPART_REQUEST:
		ret = multipart(c, h.xid, msg, len, &e);
		break;
	case KF_OFPT_EXPERIMENTER:
		ret = experimenter(msg, len, &e);
		break;
	default:
		ret = simple(c, &h, msg, len, &e);
		break;
	}
	if (ret)
		reply_error(c, h.xid, &e, msg, len);
}
