// SPDX-License-Identifier: GPL-2.0
/*
 * ctl_trace.c - kflow-ctl trace BR FLOW: run a flow through the bridge's
 * pipeline without learning or installing anything and print the walk
 * (xlate_trace.c: each table, the rule matched, its actions), the final
 * flow, the megaflow and the datapath actions, as ovs-appctl
 * ofproto/trace does.  FLOW is a match in ovs-ofctl syntax with in_port
 * (a number or a port name of BR); unset fields are zero.  Or a packet:
 * "in_port=N PACKET_HEX", the frame's headers decoded as the datapath
 * would (packet.c), the words before it giving in_port and any
 * metadata (tun_id=...).
 */
#include <ctype.h>
#include <stddef.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ctl.h"
#include "ctl_proto.h"
#include "packet.h"
#include "xlate.h"

/* Rewrite "in_port=NAME" to "in_port=N" for a port of @br. */
static int resolve_in_port(const struct kf_bridge *br, struct strbuf *text,
			   char *err)
{
	char *v = strstr(text->s, "in_port="), name[KF_NAME_LEN];
	struct strbuf sb = STRBUF_INIT;
	size_t i, len;

	if (!v)
		return kfd_ctl_err(err, "trace %s: the flow needs in_port=PORT",
				   br->name);
	v += strlen("in_port=");
	len = strcspn(v, ", \t");
	if (!len || isdigit((unsigned char)*v) || len >= KF_NAME_LEN)
		return 0;
	snprintf(name, sizeof(name), "%.*s", (int)len, v);
	for (i = 0; i < br->n_ports; i++)
		if (!strcmp(br->ports[i]->name, name))
			break;
	if (i == br->n_ports)
		return 0;	/* LOCAL etc.: the flow parser decides */
	sb_printf(&sb, "%.*s%u%s", (int)(v - text->s), text->s,
		  br->ports[i]->ofport, v + len);
	sb_free(text);
	*text = sb;
	return 0;
}

/* Is @w a frame in hex (at least an Ethernet header)? */
static bool is_packet(const char *w)
{
	if (!strncmp(w, "0x", 2))
		w += 2;
	return strlen(w) >= 28 && strspn(w, "0123456789abcdefABCDEF") ==
				  strlen(w);
}

/* The packet's header fields over @flow (which keeps in_port and the
 * metadata the words before it gave). */
static int packet_fields(const struct kf_bridge *br, const char *hex,
			 struct kf_flow *flow, char *err)
{
	uint8_t pkt[2048];
	char perr[KF_ERR_LEN];
	struct kf_flow pf;
	int n;

	n = kf_packet_from_hex(hex, pkt, sizeof(pkt), perr);
	if (n < 0)
		return kfd_ctl_err(err, "trace %s: %s", br->name, perr);
	if (n < 14)
		return kfd_ctl_err(err, "trace %s: packet of %d bytes: shorter "
				   "than an Ethernet header", br->name, n);
	kf_flow_from_packet(pkt, (size_t)n, 0, &pf);
	memcpy(&pf, flow, offsetof(struct kf_flow, dl_dst));
	*flow = pf;
	return 0;
}

int kfd_ctl_trace(struct kfd *d, int argc, char **argv, struct strbuf *out,
		  char err[KF_ERR_LEN])
{
	struct kf_bridge *br = kf_bridge_find(d->ofp, argv[1]);
	struct strbuf text = STRBUF_INIT;
	char perr[KF_ERR_LEN];
	const char *hex = NULL;
	struct kf_ofp_flow fl;
	int ret;

	if (!br)
		return kfd_ctl_err(err, "trace %s: no such bridge", argv[1]);
	if (argc > 3 && is_packet(argv[argc - 1]))
		hex = argv[--argc];
	kf_ctl_join(&text, argc - 2, argv + 2);
	kf_ofp_flow_init(&fl);
	ret = resolve_in_port(br, &text, err);
	if (!ret && kf_ofp_parse_flow(text.s, false, &fl, perr))
		ret = kfd_ctl_err(err, "trace %s %s: %s", br->name, text.s,
				  perr);
	sb_free(&text);
	if (!ret && hex)
		ret = packet_fields(br, hex, &fl.match.flow, err);
	if (ret) {
		kf_ofp_flow_free(&fl);
		return ret;
	}
	ret = kf_xlate_trace(d->ofp, br, &fl.match.flow, kfd_now_ms(), out);
	if (ret)
		sb_printf(out, "\nTranslation failed: %s\n", strerror(-ret));
	kf_ofp_flow_free(&fl);
	return 0;
}
