// SPDX-License-Identifier: GPL-2.0
/*
 * xlate.c - translation entry point, table lookups (with conjunctive
 * matches), resubmit limits, rule and packet-in records.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "xlate_priv.h"
#include "xlate_odp.h"
#include "xlate_trace.h"

void kf_xlate_out_init(struct kf_xlate_out *x)
{
	memset(x, 0, sizeof(*x));
	nlbuf_init(&x->actions, NLBUF_DEFAULT_SIZE);
	nlbuf_init(&x->key, 4096);
	nlbuf_init(&x->mask, 4096);
	sb_init(&x->trace);
}

void kf_xlate_out_free(struct kf_xlate_out *x)
{
	nlbuf_free(&x->actions);
	nlbuf_free(&x->key);
	nlbuf_free(&x->mask);
	sb_free(&x->trace);
	free(x->rules);
	free(x->pins);
	free(x->macs);
	memset(x, 0, sizeof(*x));
}

/* Grow a vector of @size-byte elements to hold one more. */
static void *vec_push(void **v, size_t *n, size_t size)
{
	void *nv = realloc(*v, (*n + 1) * size);

	if (!nv)
		return NULL;
	*v = nv;
	return (char *)nv + (*n)++ * size;
}

static void fail(struct xctx *c, enum kf_xlate_error e)
{
	if (!c->xout->error)
		c->xout->error = e;
	c->exit = true;
}

bool xc_resource_ok(struct xctx *c)
{
	if (c->depth >= KF_XLATE_MAX_DEPTH) {
		xc_trace(c, ">>>> over max translation depth %d <<<<",
			 KF_XLATE_MAX_DEPTH);
		fail(c, KF_XLATE_RECURSION_TOO_DEEP);
		return false;
	}
	if (c->resubmits >= KF_XLATE_MAX_RESUBMITS) {
		xc_trace(c, ">>>> over %d resubmit actions <<<<",
			 KF_XLATE_MAX_RESUBMITS);
		fail(c, KF_XLATE_TOO_MANY_RESUBMITS);
		return false;
	}
	c->resubmits++;
	return true;
}

static void record_rule(struct xctx *c, struct kf_rule *r)
{
	struct kf_rule **slot = vec_push((void **)&c->xout->rules,
					 &c->xout->n_rules, sizeof(*slot));

	if (!slot) {
		fail(c, KF_XLATE_NOMEM);
		return;
	}
	*slot = r;
}

static uint8_t bridge_idx(const struct xctx *c)
{
	size_t i;

	for (i = 0; i < c->ofp->n_bridges; i++)
		if (c->ofp->bridges[i] == c->br)
			return (uint8_t)i;
	return 0xff;
}

void xc_packet_in(struct xctx *c, enum kf_pin_reason reason,
		  uint16_t max_len)
{
	struct kf_packet_in *pin;
	struct kf_upcall_cookie ck;

	pin = vec_push((void **)&c->xout->pins, &c->xout->n_pins,
		       sizeof(*pin));
	if (!pin) {
		fail(c, KF_XLATE_NOMEM);
		return;
	}
	memset(&ck, 0, sizeof(ck));
	pin->bridge = c->br;
	pin->reason = reason;
	pin->table_id = c->table_id;
	pin->cookie = c->rule ? c->rule->of.cookie : UINT64_MAX;
	pin->max_len = max_len;
	pin->flow = c->flow;
	ck.type = KF_COOKIE_CONTROLLER;
	ck.reason = reason;
	ck.table_id = c->table_id;
	ck.bridge_idx = bridge_idx(c);
	ck.max_len = max_len;
	ck.rule_cookie = pin->cookie;
	xc_emit_userspace(c, &ck);
}

static void table_miss(struct xctx *c, uint8_t table_id)
{
	const struct kf_rule *saved = c->rule;

	c->table_id = table_id;
	xc_trace(c, "%2u. No match.", table_id);
	c->indent++;
	if (c->br->miss_to_controller) {
		xc_trace(c, "CONTROLLER (table miss)");
		c->rule = NULL;
		xc_packet_in(c, KF_PIN_NO_MATCH, UINT16_MAX);
		c->rule = saved;
	} else {
		xc_trace(c, "drop");
	}
	c->indent--;
}

void xc_table(struct xctx *c, uint8_t table_id, uint16_t in_port)
{
	uint16_t old_in_port = c->flow.in_port;
	const struct kf_rule *old_rule = c->rule;
	uint8_t old_table = c->table_id;
	const struct kf_rule *r;

	if (c->exit || !xc_resource_ok(c))
		return;
	c->flow.in_port = in_port;
	r = xc_lookup(c, table_id);
	if (!r) {
		table_miss(c, table_id);
	} else {
		record_rule(c, (struct kf_rule *)r);
		c->table_id = table_id;
		c->rule = r;
		xc_trace_rule(c, r);
		c->depth++;
		c->indent++;
		xc_actions(c, &r->of.actions);
		c->indent--;
		c->depth--;
	}
	c->flow.in_port = old_in_port;
	c->rule = old_rule;
	c->table_id = old_table;
}

static void wc_init(struct xctx *c)
{
	struct kf_flow *wc = &c->xout->wc;
	const struct kf_flow *f = &c->xin->flow;
	const struct kf_port *in;

	memset(wc, 0, sizeof(*wc));
	wc->recirc_id = UINT32_MAX;
	wc->in_port = UINT16_MAX;
	wc->dl_type = UINT16_MAX;
	wc->vlan_tci[0] = KF_VLAN_CFI;
	if (f->vlan_tci[0] & KF_VLAN_CFI)
		wc->vlan_tci[1] = KF_VLAN_CFI;
	if (f->dl_type == 0x0800 || f->dl_type == 0x86dd)
		wc->nw_frag = KF_FRAG_MASK;
	/* From a tunnel port: which port the packet belongs to depends on
	 * its remote (tun_src), local address (tun_dst) and key (tun_id). */
	in = kf_bridge_port(c->br, f->in_port);
	if (in && in->type == KF_PT_TUNNEL && f->tun_dst) {
		wc->tun_id = UINT64_MAX;
		wc->tun_src = wc->tun_dst = UINT32_MAX;
	}

	/* Pipeline state starts as constants. */
	memset(&c->det, 0, sizeof(c->det));
	c->det.conj_id = UINT32_MAX;
	c->det.metadata = UINT64_MAX;
	memset(c->det.regs, 0xff, sizeof(c->det.regs));
}

static int errno_of(enum kf_xlate_error e)
{
	switch (e) {
	case KF_XLATE_OK:
		return 0;
	case KF_XLATE_NOMEM:
		return -ENOMEM;
	case KF_XLATE_NO_PORT:
		return -ENODEV;
	default:
		return -ELOOP;
	}
}

int kf_xlate(const struct kf_xlate_in *xin, struct kf_xlate_out *xout)
{
	struct xctx *c = calloc(1, sizeof(*c));
	int ret;

	if (!c)
		return -ENOMEM;
	c->xin = xin;
	c->xout = xout;
	c->ofp = xin->ofproto;
	c->br = xin->bridge;
	c->flow = xin->flow;
	c->base = xin->flow;
	c->odp = &xout->actions;
	c->rule = NULL;
	wc_init(c);
	xc_trace_begin(c);
	if (xin->actions) {
		xc_actions(c, xin->actions);
	} else if (!kf_bridge_port(c->br, c->flow.in_port)) {
		xc_trace(c, "no such port %u", c->flow.in_port);
		fail(c, KF_XLATE_NO_PORT);
	} else {
		xc_table(c, 0, c->flow.in_port);
	}
	xout->final_flow = c->flow;
	kf_xlate_wc_finish(&xin->flow, &xout->wc);
	if (xout->error)
		nlbuf_reset(&xout->actions);
	ret = xin->actions ? 0 :
		kf_xlate_odp_key(xin->bridge, &xin->flow, &xout->wc,
				 &xout->key, &xout->mask);
	if (!ret && (xout->actions.overflow || xout->key.overflow))
		ret = -E2BIG;
	xc_trace_end(c);
	free(c);
	return xout->error ? errno_of(xout->error) : ret;
}

void kf_xlate_credit(const struct kf_xlate_out *xout, uint64_t packets,
		     uint64_t bytes, uint64_t now_ms)
{
	size_t i;

	for (i = 0; i < xout->n_rules; i++) {
		xout->rules[i]->n_packets += packets;
		xout->rules[i]->n_bytes += bytes;
		if (packets)
			xout->rules[i]->used_ms = now_ms;
	}
}

bool xc_mac_update(struct xctx *c, const uint8_t mac[6], uint16_t vlan,
		   uint16_t port)
{
	struct kf_mac_update *u = vec_push((void **)&c->xout->macs,
					   &c->xout->n_macs, sizeof(*u));

	if (!u) {
		fail(c, KF_XLATE_NOMEM);
		return false;
	}
	u->bridge = c->br;
	memcpy(u->mac, mac, 6);
	u->vlan = vlan;
	u->port = port;
	return true;
}
