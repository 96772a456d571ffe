// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_table.c - syntax and classifier together: the Dragonflow L3
 * table quoted in seed 000 (table 52), parsed from its dump-flows lines
 * into a classifier, looked up with wildcard recording.
 */
#include <stdlib.h>
#include <string.h>
#include "classifier.h"
#include "ofp.h"
#include "tap.h"
#include "kf_seed_flows.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct kf_cls *load_table(int table, struct kf_ofp_flow *flows,
				 size_t *n)
{
	struct kf_cls *cls = kf_cls_create();
	char err[KF_ERR_LEN];
	size_t i;

	*n = 0;
	for (i = 0; i < N(kf_seed_dump); i++) {
		struct kf_ofp_flow *fl = &flows[*n];
		struct kf_cls_rule *r;

		if (strncmp(kf_seed_dump[i][0], "000", 3) ||
		    kf_ofp_parse_flow(kf_seed_dump[i][1], true, fl, err))
			continue;
		if (fl->table_id != table) {
			kf_ofp_flow_free(fl);
			continue;
		}
		r = malloc(sizeof(*r));
		kf_cls_rule_init(r, &fl->match, fl->priority, fl);
		if (kf_cls_insert(cls, r))
			tap_diag("seed flow %zu replaced another", i);
		(*n)++;
	}
	return cls;
}

static bool free_rule(const struct kf_cls_rule *r, void *aux)
{
	(void)aux;
	free((void *)r);
	return true;
}

static void ip_packet(struct kf_flow *f, uint64_t metadata, uint32_t dst)
{
	memset(f, 0, sizeof(*f));
	f->metadata = metadata;
	f->in_port = 11;
	f->dl_type = 0x0800;
	f->nw_proto = 1;
	f->nw_src = 0x0a010003;
	f->nw_dst = dst;
	f->nw_ttl = 64;
}

static const char *actions_of(const struct kf_cls_rule *r,
			      struct strbuf *sb)
{
	sb_clear(sb);
	if (r)
		kf_ofp_format_actions(sb, &((struct kf_ofp_flow *)r->data)->actions);
	return sb_str(sb);
}

int main(void)
{
	struct kf_ofp_flow flows[N(kf_seed_dump)];
	struct strbuf sb = STRBUF_INIT;
	const struct kf_cls_rule *r;
	struct kf_flow f, wc;
	struct kf_cls *cls;
	size_t n, i;

	cls = load_table(52, flows, &n);
	tap_ok(n == 8 && kf_cls_count(cls) == 8, "table 52: 8 flows loaded");

	ip_packet(&f, 0x1f42, 0x0a020005);
	memset(&wc, 0, sizeof(wc));
	r = kf_cls_lookup(cls, &f, &wc);
	tap_ok(r && r->priority == 20 && !strcmp(actions_of(r, &sb),
						 "CONTROLLER:65535"),
	       "10.1 net to 10.2.0.5: priority 20 to the controller (%s)",
	       sb_str(&sb));
	tap_ok(wc.metadata == ~0ULL && wc.dl_type == 0xffff &&
	       wc.nw_src == 0 && wc.nw_proto == 0 && wc.tp_src == 0 &&
	       wc.in_port == 0 && wc.dl_src[0] == 0,
	       "wildcards: metadata, dl_type, nw_dst only");
	/* The /32 host rules (priority 100, with in_port and MACs) are
	 * ruled out by 30 bits of nw_dst rather than by exact L2 fields. */
	tap_ok(wc.nw_dst == 0xfffffffc,
	       "wildcards: nw_dst /30 rules out 10.2.0.3/32 (wc %#x)",
	       wc.nw_dst);

	ip_packet(&f, 0x1f42, 0x08080808);
	memset(&wc, 0, sizeof(wc));
	r = kf_cls_lookup(cls, &f, &wc);
	tap_ok(r && r->priority == 1 && !strcmp(actions_of(r, &sb),
						"goto_table:53"),
	       "8.8.8.8: default route to table 53 (%s)", sb_str(&sb));
	tap_ok(wc.nw_dst && wc.nw_dst != 0xffffffff &&
	       __builtin_popcount(wc.nw_dst) <= 8,
	       "wildcards: the miss needs few nw_dst bits (wc %#x)",
	       wc.nw_dst);

	kf_cls_foreach(cls, free_rule, NULL);
	kf_cls_destroy(cls);
	for (i = 0; i < n; i++)
		kf_ofp_flow_free(&flows[i]);
	sb_free(&sb);
	return tap_done();
}
