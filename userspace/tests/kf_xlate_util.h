/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kf_xlate_util.h - helpers for the translation tests: build bridges and
 * ports, load flows, make packets from ovs-ofctl match syntax, translate
 * and print the datapath actions and megaflow as ovs-dpctl would.
 * Header-only (static inline): every tests/ helper .c file is linked
 * into every test, and these need libkflowd.
 */
#ifndef KFLOW_TESTS_KF_XLATE_UTIL_H
#define KFLOW_TESTS_KF_XLATE_UTIL_H

#include <stdio.h>
#include <string.h>
#include "bridge.h"
#include "odp.h"
#include "ofp.h"
#include "tap.h"
#include "xlate.h"

static inline struct kf_port *tx_port(struct kf_bridge *br, uint16_t ofport,
			uint32_t odp_port, const char *name)
{
	struct kf_port p;

	memset(&p, 0, sizeof(p));
	p.ofport = ofport;
	p.odp_port = odp_port;
	p.all_trunks = true;
	snprintf(p.name, sizeof(p.name), "%s", name);
	return kf_bridge_add_port(br, &p);
}

static inline struct kf_port *tx_patch(struct kf_bridge *br, uint16_t ofport,
			 const char *name, const char *peer)
{
	struct kf_port *p = tx_port(br, ofport, KF_ODPP_NONE, name);

	p->type = KF_PT_PATCH;
	snprintf(p->peer, sizeof(p->peer), "%s", peer);
	return p;
}

static inline int tx_flows(struct kf_bridge *br, const char *const *lines, size_t n)
{
	char err[KF_ERR_LEN];
	int bad = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (kf_bridge_add_flow(br, lines[i], err)) {
			tap_diag("%s: %s", lines[i], err);
			bad++;
		}
	}
	return bad;
}

static inline void tx_packet(struct kf_flow *f, const char *match)
{
	struct kf_ofp_flow fl;
	char err[KF_ERR_LEN];

	if (kf_ofp_parse_flow(match, false, &fl, err))
		tap_diag("packet %s: %s", match, err);
	*f = fl.match.flow;
	if (f->dl_type == 0x0800 || f->dl_type == 0x86dd)
		f->nw_ttl = f->nw_ttl ? f->nw_ttl : 64;
	kf_ofp_flow_free(&fl);
}

static inline int tx_run(struct kf_ofproto *ofp, struct kf_bridge *br,
	   const struct kf_flow *f, uint64_t now_ms,
	   struct kf_xlate_out *xout)
{
	struct kf_xlate_in xin;

	memset(&xin, 0, sizeof(xin));
	xin.ofproto = ofp;
	xin.bridge = br;
	xin.flow = *f;
	xin.upcall_pid = 77;
	xin.now_ms = now_ms;
	xin.may_learn = true;
	return kf_xlate(&xin, xout);
}

static inline const char *tx_actions(const struct kf_xlate_out *xout)
{
	static struct strbuf sb;

	sb_clear(&sb);
	if (!nlbuf_len(&xout->actions))
		sb_puts(&sb, "drop");
	else
		odp_actions_format(&sb, nlbuf_data(&xout->actions),
				   nlbuf_len(&xout->actions), NULL);
	return sb_str(&sb);
}

static inline const char *tx_megaflow(const struct kf_xlate_out *xout)
{
	static struct strbuf sb;

	sb_clear(&sb);
	odp_key_format(&sb, nlbuf_data(&xout->key), nlbuf_len(&xout->key),
		       nlbuf_data(&xout->mask), nlbuf_len(&xout->mask), NULL,
		       false);
	return sb_str(&sb);
}

static inline void tx_diag_trace(struct kf_ofproto *ofp, struct kf_bridge *br,
		   const struct kf_flow *f)
{
	struct strbuf sb = STRBUF_INIT;
	char *line, *save = NULL;

	kf_xlate_trace(ofp, br, f, 0, &sb);
	for (line = strtok_r(sb.s, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		tap_diag("%s", line);
	sb_free(&sb);
}

#endif
