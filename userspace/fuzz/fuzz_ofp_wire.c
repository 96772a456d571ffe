// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_ofp_wire.c - libFuzzer harness for kflowd's OpenFlow 1.3 message
 * decoder (kflowd/ofp_wire*.c): what a controller or kflow-ofctl sends
 * kflowd, and what kflow-ofctl reads back.
 *
 * Input: one OpenFlow message.  The header is checked as kflowd does,
 * then the message goes to the decoder of its type.  A flow_mod that
 * decodes is formatted and encoded again, and our own encoding must
 * decode.
 */
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"
#include "ofp_wire.h"

static void flow_mod(const uint8_t *msg, size_t len, struct kf_ofp_err *e)
{
	struct kf_ofp_flow_mod fm, back;
	struct kf_wbuf b = KF_WBUF_INIT;
	char err[KF_ERR_LEN];
	struct strbuf sb;

	if (kf_ofp_decode_flow_mod(msg, len, &fm, e))
		return;
	sb_init(&sb);
	kf_ofp_format_flow(&sb, &fm.flow, KF_STYLE_DUMP);
	sb_free(&sb);
	if (kf_ofp_encode_flow_mod(&b, 7, &fm, err) == 0 && !b.oom) {
		if (kf_ofp_decode_flow_mod(b.data, b.len, &back, e))
			fuzz_fail("re-encoded flow_mod does not decode",
				  e->msg);
		kf_ofp_flow_mod_free(&back);
	}
	kf_wbuf_free(&b);
	kf_ofp_flow_mod_free(&fm);
}

static void multipart(const uint8_t *msg, size_t len, bool reply,
		      struct kf_ofp_err *e)
{
	struct kf_ofp_flow_stats_request r;
	struct kf_ofp_table_stats ts[4];
	struct kf_ofp_flow *flows = NULL;
	struct kf_ofp_mp mp;
	size_t n = 0, i;

	if (kf_ofp_decode_multipart(msg, len, &mp, e))
		return;
	if (!reply && (mp.type == KF_OFPMP_FLOW ||
		       mp.type == KF_OFPMP_AGGREGATE))
		kf_ofp_decode_flow_stats_request(&mp, &r, e);
	if (reply && mp.type == KF_OFPMP_FLOW &&
	    kf_ofp_decode_flow_stats_reply(&mp, &flows, &n, e) == 0) {
		for (i = 0; i < n; i++)
			kf_ofp_flow_free(&flows[i]);
		free(flows);
	}
	if (reply && mp.type == KF_OFPMP_TABLE)
		kf_ofp_decode_table_stats(&mp, ts, 4, &n, e);
}

static void decode(uint8_t type, const uint8_t *msg, size_t len,
		   struct kf_ofp_err *e)
{
	union {
		struct kf_ofp_error_msg em;
		struct kf_ofp_features f;
		struct kf_ofp_switch_config c;
		struct kf_ofp_role r;
		struct kf_ofp_experimenter x;
		struct kf_ofp_packet_in pi;
	} u;
	struct kf_ofp_flow_removed fr;
	struct kf_ofp_packet_out po;
	struct kf_ofp_port port;
	uint32_t versions;
	uint8_t reason;

	switch (type) {
	case KF_OFPT_HELLO:
		kf_ofp_decode_hello(msg, len, &versions, e);
		break;
	case KF_OFPT_ERROR:
		kf_ofp_decode_error(msg, len, &u.em, e);
		break;
	case KF_OFPT_FEATURES_REPLY:
		kf_ofp_decode_features_reply(msg, len, &u.f, e);
		break;
	case KF_OFPT_GET_CONFIG_REPLY:
	case KF_OFPT_SET_CONFIG:
		kf_ofp_decode_switch_config(msg, len, &u.c, e);
		break;
	case KF_OFPT_ROLE_REQUEST:
	case KF_OFPT_ROLE_REPLY:
		kf_ofp_decode_role(msg, len, &u.r, e);
		break;
	case KF_OFPT_EXPERIMENTER:
		kf_ofp_decode_experimenter(msg, len, &u.x, e);
		break;
	case KF_OFPT_PACKET_IN:
		kf_ofp_decode_packet_in(msg, len, &u.pi, e);
		break;
	case KF_OFPT_FLOW_REMOVED:
		if (kf_ofp_decode_flow_removed(msg, len, &fr, e) == 0)
			kf_ofp_flow_free(&fr.flow);
		break;
	case KF_OFPT_PORT_STATUS:
		kf_ofp_decode_port_status(msg, len, &reason, &port, e);
		break;
	case KF_OFPT_PACKET_OUT:
		memset(&po, 0, sizeof(po));
		if (kf_ofp_decode_packet_out(msg, len, &po, e) == 0)
			kf_actions_free(&po.actions);
		break;
	case KF_OFPT_FLOW_MOD:
		flow_mod(msg, len, e);
		break;
	case KF_OFPT_MULTIPART_REQUEST:
	case KF_OFPT_MULTIPART_REPLY:
		multipart(msg, len, type == KF_OFPT_MULTIPART_REPLY, e);
		break;
	default:
		kf_ofp_decode_empty(msg, len, e);
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kf_ofp_header h;
	struct kf_ofp_err e;
	uint8_t *msg;

	kf_ofp_msg_len(data, size);
	/* A private copy, so ASan sees reads past the message's end. */
	msg = malloc(size ? size : 1);
	if (!msg)
		return 0;
	memcpy(msg, data, size);
	if (kf_ofp_decode_header(msg, size, &h, &e) == 0)
		decode(h.type, msg, size, &e);
	free(msg);
	return 0;
}
