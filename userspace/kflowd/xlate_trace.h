/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xlate_trace.h - the ofproto/trace text: header, footer.
 */
#ifndef KFLOWD_XLATE_TRACE_H
#define KFLOWD_XLATE_TRACE_H

#include "xlate_priv.h"

/* "Flow: ..." and the first bridge banner. */
void xc_trace_begin(struct xctx *c);
/* Final flow, megaflow, datapath flow and actions. */
void xc_trace_end(struct xctx *c);
/* The packet's fields as a match: "arp,in_port=1,dl_src=...". */
void kf_xlate_format_flow(struct strbuf *sb, const struct kf_flow *flow);

#endif
