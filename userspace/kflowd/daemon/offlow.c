// SPDX-License-Identifier: GPL-2.0
/*
 * offlow.c - OpenFlow flow table operations of the management socket:
 * flow_mod (add, modify, delete, strict or not) on the bridge's tables,
 * and the flow and aggregate statistics replies.
 *
 * Non-strict selection, as OpenFlow defines it: a rule is selected when
 * it is at least as specific as the request's match (every bit the
 * request matches, the rule matches with the same value).  Strict: same
 * priority and identical match.  The cookie filter applies to modify,
 * delete and statistics, the out_port filter (an output or CONTROLLER
 * action to that port, clone() included) to delete and statistics;
 * out_group is ignored (no groups).
 *
 * Ordering: the datapath's counters are credited to the rules first (a
 * rule about to go gets its last packets; once per batch of flow_mods),
 * then the tables change, then the cached megaflows are revalidated
 * (revalidate.c) before a barrier is answered and before the poll loop
 * goes on: after the barrier reply the datapath no longer forwards by the
 * old rules.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "log.h"
#include "ofconn.h"
#include "vec.h"

#define MP_SPLIT 60000

struct select {
	const struct kf_match *m;
	int priority;
	bool strict;
	uint64_t cookie, cookie_mask;
	uint16_t out_port;		/* KF_PORT_NONE: any */
	struct kf_rule **rules;
	size_t n, cap;
	bool oom;
};

static bool covers(const struct kf_match *rule, const struct kf_match *req)
{
	const uint64_t *rf = (const uint64_t *)&rule->flow;
	const uint64_t *rw = (const uint64_t *)&rule->wc;
	const uint64_t *qf = (const uint64_t *)&req->flow;
	const uint64_t *qw = (const uint64_t *)&req->wc;
	size_t i;

	for (i = 0; i < KF_FLOW_WORDS; i++)
		if ((qw[i] & ~rw[i]) || (rf[i] & qw[i]) != qf[i])
			return false;
	return true;
}

static bool outputs_to(const struct kf_actions *acts, uint16_t port)
{
	size_t i;

	for (i = 0; i < acts->n; i++) {
		const struct kf_action *a = &acts->v[i];

		if ((a->type == KF_ACT_OUTPUT && a->output.port == port) ||
		    (a->type == KF_ACT_CONTROLLER &&
		     port == KF_PORT_CONTROLLER) ||
		    (a->type == KF_ACT_CLONE && outputs_to(&a->clone, port)))
			return true;
	}
	return false;
}

static bool visit(const struct kf_cls_rule *cr, void *aux)
{
	struct select *s = aux;
	struct kf_rule *r = cr->data;
	struct kf_rule **v;

	if ((r->of.cookie & s->cookie_mask) != (s->cookie & s->cookie_mask))
		return true;
	if (s->out_port != KF_PORT_NONE &&
	    !outputs_to(&r->of.actions, s->out_port))
		return true;
	if (s->strict ? r->of.priority != s->priority ||
			memcmp(&r->of.match, s->m, sizeof(*s->m)) :
			!covers(&r->of.match, s->m))
		return true;
	if (s->n == s->cap) {
		v = kf_vec_grow(s->rules, &s->cap, sizeof(*v), 16);
		if (!v) {
			s->oom = true;
			return false;
		}
		s->rules = v;
	}
	s->rules[s->n++] = r;
	return true;
}

/* Rules of @table (KF_OFPTT_ALL: every table) selected by @s. */
static void select_rules(struct kf_bridge *br, uint8_t table,
			 struct select *s)
{
	unsigned int t;

	for (t = 0; t < KF_N_TABLES; t++)
		if (table == KF_OFPTT_ALL || table == t)
			kf_cls_foreach(br->tables[t], visit, s);
}

static int add(struct kfd *d, struct kf_bridge *br, struct kf_ofp_flow *fl,
	       struct kf_ofp_err *e)
{
	struct kf_rule *r;

	(void)d;
	if (fl->table_id >= 254) {
		e->type = KF_OFPET_FLOW_MOD_FAILED;
		e->code = KF_OFPFMFC_BAD_TABLE_ID;
		snprintf(e->msg, sizeof(e->msg), "table_id %u: out of range "
			 "(0..253)", fl->table_id);
		return -EINVAL;
	}
	memset(&fl->stats, 0, sizeof(fl->stats));
	r = kf_bridge_insert(br, fl);
	if (!r) {
		snprintf(e->msg, sizeof(e->msg), "out of memory");
		return -ENOMEM;
	}
	r->created_ms = r->used_ms = kfd_now_ms();
	return 0;
}

/* Replace @r by a rule with its match and @acts (deep-copied through
 * the flow syntax, so several rules can take the same actions). */
static int modify_one(struct kf_bridge *br, struct kf_rule *r,
		      const struct kf_actions *acts)
{
	struct strbuf sb = STRBUF_INIT;
	struct kf_ofp_flow fl = r->of;
	uint64_t created = r->created_ms;
	char err[KF_ERR_LEN];
	struct kf_rule *nr;
	int ret;

	kf_ofp_format_actions(&sb, acts);
	memset(&fl.actions, 0, sizeof(fl.actions));
	ret = kf_ofp_parse_actions(sb_str(&sb), &fl.actions, err);
	sb_free(&sb);
	if (ret) {
		kfd_log(LOG_WARNING, "modify: actions do not re-parse: %s", err);
		return ret;
	}
	fl.stats.n_packets = r->n_packets;
	fl.stats.n_bytes = r->n_bytes;
	fl.has_actions = true;
	nr = kf_bridge_insert(br, &fl);	/* same table/match/priority: replaces */
	if (!nr) {
		kf_actions_free(&fl.actions);
		return -ENOMEM;
	}
	nr->created_ms = created;
	nr->used_ms = kfd_now_ms();
	return 0;
}

static int change(struct kfd *d, struct kf_bridge *br,
		  struct kf_ofp_flow_mod *fm, struct select *s)
{
	size_t i;
	int ret = 0;

	select_rules(br, fm->flow.table_id, s);
	if (s->oom)
		return -ENOMEM;
	for (i = 0; i < s->n && !ret; i++) {
		if (fm->command >= KF_OFPFC_DELETE) {
			kfd_ctrl_flow_removed(d, s->rules[i], KF_OFPRR_DELETE);
			kf_bridge_remove_rule(br, s->rules[i]);
		} else
			ret = modify_one(br, s->rules[i], &fm->flow.actions);
	}
	return ret;
}

int kfd_of_flow_mod(struct kfd *d, struct kf_bridge *br,
		    struct kf_ofp_flow_mod *fm, struct kf_ofp_err *e)
{
	struct select s = { &fm->flow.match, fm->flow.priority,
			    fm->command == KF_OFPFC_MODIFY_STRICT ||
			    fm->command == KF_OFPFC_DELETE_STRICT,
			    fm->flow.cookie, fm->flow.cookie_mask,
			    fm->command >= KF_OFPFC_DELETE ? fm->out_port :
							     KF_PORT_NONE,
			    NULL, 0, 0, false };
	int ret;

	if (!d->reval_pending)
		kfd_stats_pull(d);
	if (fm->command == KF_OFPFC_ADD)
		ret = add(d, br, &fm->flow, e);
	else
		ret = change(d, br, fm, &s);
	kfd_conf_changed(d);	/* the rule tables persist */
	free(s.rules);
	d->reval_pending = true;
	if (ret && !e->msg[0]) {
		e->type = KF_OFPET_FLOW_MOD_FAILED;
		e->code = 0;		/* OFPFMFC_UNKNOWN */
		snprintf(e->msg, sizeof(e->msg), "flow_mod: %s",
			 strerror(-ret));
	}
	return ret;
}

static void stats_select(struct kfd_conn *c,
			 const struct kf_ofp_flow_stats_request *r,
			 struct select *s)
{
	memset(s, 0, sizeof(*s));
	s->m = &r->match;
	s->cookie = r->cookie;
	s->cookie_mask = r->cookie_mask;
	s->out_port = r->out_port;
	select_rules(c->br, r->table_id, s);
}

void kfd_of_flow_stats(struct kfd_conn *c, uint32_t xid,
		       const struct kf_ofp_flow_stats_request *r)
{
	size_t start = kf_ofp_mp_start(&c->out, KF_OFPT_MULTIPART_REPLY, xid,
				       KF_OFPMP_FLOW, 0);
	uint64_t now = kfd_now_ms();
	char err[KF_ERR_LEN];
	struct kf_ofp_flow fl;
	struct select s;
	size_t i;

	stats_select(c, r, &s);
	for (i = 0; i < s.n; i++) {
		const struct kf_rule *rule = s.rules[i];

		if (c->out.len - start > MP_SPLIT && !c->out.oom) {
			uint16_t more = htons(KF_OFPMPF_MORE);

			memcpy(c->out.data + start + 10, &more, 2);
			kf_ofp_end(&c->out, start);
			start = kf_ofp_mp_start(&c->out,
						KF_OFPT_MULTIPART_REPLY, xid,
						KF_OFPMP_FLOW, 0);
		}
		fl = rule->of;
		fl.stats.present = true;
		fl.stats.duration_ms = now - rule->created_ms;
		fl.stats.n_packets = rule->n_packets;
		fl.stats.n_bytes = rule->n_bytes;
		if (kf_ofp_put_flow_stats(&c->out, &fl, err))
			kfd_log(LOG_WARNING, "%s: dump-flows: %s", c->br->name,
				err);
	}
	kf_ofp_end(&c->out, start);
	free(s.rules);
}

void kfd_of_aggregate(struct kfd_conn *c, uint32_t xid,
		      const struct kf_ofp_flow_stats_request *r)
{
	size_t start = kf_ofp_mp_start(&c->out, KF_OFPT_MULTIPART_REPLY, xid,
				       KF_OFPMP_AGGREGATE, 0);
	struct kf_ofp_aggregate a = { 0, 0, 0 };
	struct select s;
	size_t i;

	stats_select(c, r, &s);
	for (i = 0; i < s.n; i++) {
		a.packet_count += s.rules[i]->n_packets;
		a.byte_count += s.rules[i]->n_bytes;
		a.flow_count++;
	}
	kf_ofp_put_aggregate(&c->out, &a);
	kf_ofp_end(&c->out, start);
	free(s.rules);
}
