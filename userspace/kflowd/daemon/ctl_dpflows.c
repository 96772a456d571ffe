// SPDX-License-Identifier: GPL-2.0
/*
 * ctl_dpflows.c - kflow-ctl dump-dp-flows [BR]: the datapath's cached
 * flows as ovs-dpctl prints them (UFID, key/mask, counters, actions),
 * each followed by its bridge and the OpenFlow rules its translation
 * hit (what mflow.c remembers of the megaflows kflowd installed).
 */
#include <stdio.h>
#include <string.h>
#include "ctl.h"
#include "odp.h"
#include "upcall_key.h"

struct dump_ctx {
	struct kfd *d;
	const struct kf_bridge *only;	/* NULL: all bridges */
	struct strbuf *out;
	uint64_t now_ms;
	size_t n;
};

static void format_rules(struct strbuf *out, const struct kfd_mflow *m)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (!m) {
		sb_puts(out, "    rules: unknown (not installed by this run "
			"of kflowd)\n");
		return;
	}
	for (i = 0; i < m->n_rules; i++) {
		sb_clear(&sb);
		kf_ofp_format_flow(&sb, &m->rules[i]->of, KF_STYLE_ADD);
		sb_printf(out, "    rule: %s%s\n", m->rules[i]->of.table_id ?
			  "" : "table=0, ", sb_str(&sb));
	}
	if (!m->n_rules)
		sb_puts(out, "    rules: none (table miss)\n");
	sb_free(&sb);
}

static int one_flow(const struct kfd_dp_flow *f, void *aux)
{
	struct dump_ctx *c = aux;
	struct kf_bridge *br = NULL;
	char err[KF_ERR_LEN];
	struct kf_flow flow;

	if (kf_upcall_key_to_flow(c->d->ofp, f->key, f->key_len, &flow, &br,
				  err))
		br = NULL;
	if (c->only && br != c->only)
		return 0;
	if (f->ufid)
		sb_printf(c->out, "%s, ", f->ufid_text);
	odp_key_format(c->out, f->key, f->key_len, f->mask, f->mask_len, NULL,
		       false);
	sb_puts(c->out, ", ");
	odp_stats_format(c->out, f->packets, f->bytes, f->used_ms,
			 f->tcp_flags, c->now_ms);
	sb_puts(c->out, ", actions:");
	odp_actions_format(c->out, f->acts, f->acts_len, NULL);
	sb_printf(c->out, "\n    bridge: %s\n", br ? br->name : "?");
	format_rules(c->out, f->ufid ? kfd_mflows_find(&c->d->mflows,
						       f->ufid) : NULL);
	c->n++;
	return 0;
}

int kfd_ctl_dump_dp_flows(struct kfd *d, int argc, char **argv,
			  struct strbuf *out, char err[KF_ERR_LEN])
{
	struct dump_ctx c = { d, NULL, out, kfd_now_ms(), 0 };
	int ret;

	if (argc > 1) {
		c.only = kf_bridge_find(d->ofp, argv[1]);
		if (!c.only)
			return kfd_ctl_err(err, "dump-dp-flows %s: no such "
					   "bridge", argv[1]);
	}
	pthread_mutex_lock(&d->mflow_lock);	/* kfd_mflows_find() */
	ret = kfd_dp_flow_dump(&d->dp, one_flow, &c);
	pthread_mutex_unlock(&d->mflow_lock);
	if (ret)
		return kfd_ctl_err(err, "dump-dp-flows: %s %s", strerror(-ret),
				   kfd_dp_errmsg(&d->dp));
	return 0;
}
