// SPDX-License-Identifier: GPL-2.0
/*
 * xlate_trace.c - a human readable walk of a translation, in the style
 * of ovs-appctl ofproto/trace:
 *
 *   Flow: arp,in_port=11,...
 *
 *   bridge("br-int")
 *   ----------------
 *    0. in_port=11, priority 1000, cookie 0x0
 *       write_metadata:0x1f42/0xffff
 *       goto_table:40
 *       40. arp, priority 1000, cookie 0x0
 *   ...
 *   Final flow: ...
 *   Megaflow: recirc_id=0,arp,in_port=11,...
 *   Datapath flow: recirc_id(0),in_port(3),...
 *   Datapath actions: set(eth(src=...)),3
 */
#include <stdarg.h>
#include <string.h>
#include "odp.h"
#include "xlate_trace.h"

static bool tracing(const struct xctx *c)
{
	return c->xin->trace;
}

void xc_trace(struct xctx *c, const char *fmt, ...)
{
	va_list ap;
	int i;

	if (!tracing(c))
		return;
	for (i = 0; i < c->indent; i++)
		sb_puts(&c->xout->trace, "    ");
	va_start(ap, fmt);
	sb_vprintf(&c->xout->trace, fmt, ap);
	va_end(ap);
	sb_putc(&c->xout->trace, '\n');
}

void xc_trace_rule(struct xctx *c, const struct kf_rule *r)
{
	struct strbuf sb = STRBUF_INIT;

	if (!tracing(c))
		return;
	kf_ofp_format_match(&sb, &r->of.match, KF_DEFAULT_PRIORITY);
	xc_trace(c, "%2u. %s%spriority %d, cookie 0x%llx", r->of.table_id,
		 sb.len ? sb_str(&sb) : "", sb.len ? ", " : "",
		 r->of.priority, (unsigned long long)r->of.cookie);
	sb_free(&sb);
}

void xc_trace_action(struct xctx *c, const struct kf_action *a)
{
	struct kf_actions one = { (struct kf_action *)a, 1, 1 };
	struct strbuf sb = STRBUF_INIT;

	if (!tracing(c))
		return;
	kf_ofp_format_actions(&sb, &one);
	xc_trace(c, "%s", sb_str(&sb));
	sb_free(&sb);
}

static const enum kf_field_id flow_fields[] = {
	KF_F_DL_TYPE, KF_F_NW_PROTO, KF_F_TUN_ID, KF_F_PKT_MARK,
	KF_F_IN_PORT, KF_F_VLAN_TCI, KF_F_DL_SRC, KF_F_DL_DST,
	KF_F_NW_SRC, KF_F_NW_DST, KF_F_ARP_SPA, KF_F_ARP_TPA,
	KF_F_IPV6_SRC, KF_F_IPV6_DST, KF_F_IPV6_LABEL, KF_F_ARP_OP,
	KF_F_NW_TOS, KF_F_NW_ECN, KF_F_NW_TTL, KF_F_NW_FRAG,
	KF_F_TP_SRC, KF_F_TP_DST, KF_F_ICMP_TYPE, KF_F_ICMP_CODE,
	KF_F_ICMPV6_TYPE, KF_F_ICMPV6_CODE, KF_F_ND_TARGET, KF_F_ND_SLL,
	KF_F_ND_TLL, KF_F_ARP_SHA, KF_F_ARP_THA,
};

void kf_xlate_format_flow(struct strbuf *sb, const struct kf_flow *flow)
{
	struct kf_match m;
	struct kf_value v, ones;
	size_t i;

	kf_match_init_catchall(&m);
	for (i = 0; i < sizeof(flow_fields) / sizeof(flow_fields[0]); i++) {
		const struct kf_field *f = kf_field(flow_fields[i]);

		if (!kf_match_prereqs_ok(&m, f))
			continue;
		kf_field_get(flow, f, &v);
		if ((f->id == KF_F_TUN_ID || f->id == KF_F_PKT_MARK) &&
		    kf_value_is_zero(&v))
			continue;
		kf_value_all_ones(&ones, f->n_bits);
		kf_match_set(&m, f, &v, &ones);
	}
	kf_ofp_format_match(sb, &m, KF_DEFAULT_PRIORITY);
}

void xc_trace_begin(struct xctx *c)
{
	struct strbuf *t = &c->xout->trace;
	size_t n;

	if (!tracing(c))
		return;
	sb_puts(t, "Flow: ");
	kf_xlate_format_flow(t, &c->xin->flow);
	sb_printf(t, "\n\nbridge(\"%s\")\n", c->br->name);
	for (n = strlen(c->br->name) + 10; n; n--)
		sb_putc(t, '-');
	sb_putc(t, '\n');
}

static void megaflow(struct strbuf *t, const struct kf_xlate_out *x,
		     const struct kf_flow *flow)
{
	struct kf_match m;
	const uint64_t *f = kf_flow_words(flow), *w = kf_flow_words(&x->wc);
	uint64_t *mf = kf_flow_words_rw(&m.flow);
	size_t i;

	m.wc = x->wc;
	for (i = 0; i < KF_FLOW_WORDS; i++)
		mf[i] = f[i] & w[i];
	sb_puts(t, "Megaflow: ");
	kf_ofp_format_match(t, &m, KF_DEFAULT_PRIORITY);
	sb_puts(t, "\nDatapath flow: ");
	odp_key_format(t, nlbuf_data(&x->key), nlbuf_len(&x->key),
		       nlbuf_data(&x->mask), nlbuf_len(&x->mask), NULL, false);
	sb_putc(t, '\n');
}

void xc_trace_end(struct xctx *c)
{
	struct kf_xlate_out *x = c->xout;
	struct strbuf *t = &x->trace;

	if (!tracing(c))
		return;
	sb_puts(t, "\nFinal flow: ");
	kf_xlate_format_flow(t, &x->final_flow);
	sb_putc(t, '\n');
	megaflow(t, x, &c->xin->flow);
	sb_puts(t, "Datapath actions: ");
	if (nlbuf_len(&x->actions))
		odp_actions_format(t, nlbuf_data(&x->actions),
				   nlbuf_len(&x->actions), NULL);
	else
		sb_puts(t, "drop");
	sb_putc(t, '\n');
	if (x->slow)
		sb_puts(t, "\nThis flow is handled by the userspace slow path "
			"because it:\n  - Uses action(s) not supported by "
			"datapath.\n");
}

int kf_xlate_trace(struct kf_ofproto *ofp, struct kf_bridge *br,
		   const struct kf_flow *flow, uint64_t now_ms,
		   struct strbuf *out)
{
	struct kf_xlate_in xin;
	struct kf_xlate_out xout;
	int ret;

	memset(&xin, 0, sizeof(xin));
	xin.ofproto = ofp;
	xin.bridge = br;
	xin.flow = *flow;
	xin.now_ms = now_ms;
	xin.trace = true;
	kf_xlate_out_init(&xout);
	ret = kf_xlate(&xin, &xout);
	sb_puts(out, sb_str(&xout.trace));
	kf_xlate_out_free(&xout);
	return ret;
}
