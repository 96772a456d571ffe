/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xlate_priv.h - the translation context shared by xlate*.c and
 * odp_emit.c.  See xlate.h for the design.
 */
#ifndef KFLOWD_XLATE_PRIV_H
#define KFLOWD_XLATE_PRIV_H

#include "ofp_actions.h"
#include "xlate.h"

struct xctx {
	const struct kf_xlate_in *xin;
	struct kf_xlate_out *xout;
	struct kf_ofproto *ofp;
	struct kf_bridge *br;		/* bridge being translated */
	struct kf_flow flow;		/* working copy */
	struct kf_flow base;		/* the datapath packet at this point */
	struct kf_flow det;		/* bits independent of the packet */
	struct kf_flow pending;		/* written, not yet committed */
	struct kf_flow written;		/* written in this bridge visit */
	struct nlbuf *odp;		/* where actions go */
	uint8_t table_id;
	const struct kf_rule *rule;	/* rule whose actions run */
	int depth;
	int resubmits;
	bool exit;			/* stop: error or expired TTL */
	int indent;			/* trace nesting */
	uint16_t normal_tci;		/* NORMAL: the input tag */
	struct kf_match scratch;
};

/* Bits of @f[ofs, ofs + n_bits) as a mask over struct kf_flow. */
void xc_field_mask(const struct kf_field *f, unsigned int ofs,
		   unsigned int n_bits, struct kf_flow *m);
/* The packet was read under @m: un-wildcard what is not determined. */
void xc_read(struct xctx *c, const struct kf_flow *m);
void xc_read_field(struct xctx *c, enum kf_field_id id);
/* The working flow was written under @m. */
void xc_wrote(struct xctx *c, const struct kf_flow *m);
void xc_wrote_field(struct xctx *c, enum kf_field_id id);
void xc_flow_or(struct kf_flow *dst, const struct kf_flow *m);

/* Trace output (no-ops unless tracing). */
void xc_trace(struct xctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void xc_trace_rule(struct xctx *c, const struct kf_rule *r);
void xc_trace_action(struct xctx *c, const struct kf_action *a);

/* xlate.c */
void xc_table(struct xctx *c, uint8_t table_id, uint16_t in_port);
bool xc_resource_ok(struct xctx *c);
void xc_packet_in(struct xctx *c, enum kf_pin_reason reason,
		  uint16_t max_len);
bool xc_mac_update(struct xctx *c, const uint8_t mac[6], uint16_t vlan,
		   uint16_t port);

/* xlate_lookup.c: the rule for the working flow in @table_id, with
 * conjunctive matches resolved; the bits examined go through xc_read(). */
const struct kf_rule *xc_lookup(struct xctx *c, uint8_t table_id);

/* xlate_actions.c */
void xc_actions(struct xctx *c, const struct kf_actions *acts);

/* xlate_output.c */
void xc_output(struct xctx *c, uint16_t port, uint16_t max_len);
void xc_output_port(struct xctx *c, const struct kf_port *p);
void xc_flood(struct xctx *c, bool all);

/* xlate_normal.c */
void xc_normal(struct xctx *c);

/* odp_emit.c */
void xc_commit(struct xctx *c);
void xc_emit_output(struct xctx *c, uint32_t odp_port);
void xc_emit_userspace(struct xctx *c, const struct kf_upcall_cookie *ck);
void xc_emit_dec_ttl(struct xctx *c);
void xc_emit_set_tunnel(struct xctx *c, const struct kf_port *p);

#endif
