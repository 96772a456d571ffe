// SPDX-License-Identifier: GPL-2.0
/*
 * bridge.c - the switch model: bridges, ports, rule tables.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bridge.h"
#include "mac_learning.h"

struct kf_ofproto *kf_ofproto_create(void)
{
	return calloc(1, sizeof(struct kf_ofproto));
}

static bool free_rule(const struct kf_cls_rule *cr, void *aux)
{
	struct kf_rule *r = cr->data;

	(void)aux;
	kf_ofp_flow_free(&r->of);
	free(r);
	return true;
}

static void bridge_destroy(struct kf_bridge *br)
{
	size_t i;

	for (i = 0; i < KF_N_TABLES; i++) {
		kf_cls_foreach(br->tables[i], free_rule, NULL);
		kf_cls_destroy(br->tables[i]);
	}
	for (i = 0; i < br->n_ports; i++)
		free(br->ports[i]);
	free(br->ports);
	kf_mac_table_destroy(br->ml);
	free(br);
}

void kf_ofproto_destroy(struct kf_ofproto *ofp)
{
	size_t i;

	if (!ofp)
		return;
	for (i = 0; i < ofp->n_bridges; i++)
		bridge_destroy(ofp->bridges[i]);
	free(ofp->bridges);
	free(ofp);
}

static struct kf_bridge *bridge_alloc(const char *name, uint64_t mac_idle_ms)
{
	struct kf_bridge *br = calloc(1, sizeof(*br));
	struct kf_port local = { .ofport = KF_PORT_LOCAL,
				 .odp_port = KF_ODPP_NONE,
				 .type = KF_PT_INTERNAL,
				 .all_trunks = true };
	size_t i;

	if (!br)
		return NULL;
	snprintf(br->name, sizeof(br->name), "%s", name);
	br->ml = kf_mac_table_create(mac_idle_ms, 0);
	for (i = 0; i < KF_N_TABLES && br->ml; i++) {
		br->tables[i] = kf_cls_create();
		if (!br->tables[i])
			break;
	}
	snprintf(local.name, sizeof(local.name), "%s", name);
	if (i < KF_N_TABLES || !kf_bridge_add_port(br, &local)) {
		bridge_destroy(br);
		return NULL;
	}
	return br;
}

struct kf_bridge *kf_bridge_create(struct kf_ofproto *ofp, const char *name)
{
	struct kf_bridge **v, *br;

	if (kf_bridge_find(ofp, name))
		return NULL;
	v = realloc(ofp->bridges, (ofp->n_bridges + 1) * sizeof(*v));
	if (!v)
		return NULL;
	ofp->bridges = v;
	br = bridge_alloc(name, ofp->mac_idle_ms);
	if (!br)
		return NULL;
	br->ofproto = ofp;
	v[ofp->n_bridges++] = br;
	return br;
}

struct kf_bridge *kf_bridge_find(const struct kf_ofproto *ofp,
				 const char *name)
{
	size_t i;

	for (i = 0; i < ofp->n_bridges; i++)
		if (!strcmp(ofp->bridges[i]->name, name))
			return ofp->bridges[i];
	return NULL;
}

struct kf_port *kf_bridge_add_port(struct kf_bridge *br,
				   const struct kf_port *tmpl)
{
	struct kf_port **v, *p;

	if (kf_bridge_port(br, tmpl->ofport))
		return NULL;
	v = realloc(br->ports, (br->n_ports + 1) * sizeof(*v));
	if (!v)
		return NULL;
	br->ports = v;
	p = malloc(sizeof(*p));
	if (!p)
		return NULL;
	*p = *tmpl;
	p->bridge = br;
	v[br->n_ports++] = p;
	return p;
}

struct kf_port *kf_bridge_port(const struct kf_bridge *br, uint16_t ofport)
{
	size_t i;

	for (i = 0; i < br->n_ports; i++)
		if (br->ports[i]->ofport == ofport)
			return br->ports[i];
	return NULL;
}

struct kf_port *kf_ofproto_port_by_name(const struct kf_ofproto *ofp,
					const char *name)
{
	size_t i, j;

	for (i = 0; i < ofp->n_bridges; i++)
		for (j = 0; j < ofp->bridges[i]->n_ports; j++)
			if (!strcmp(ofp->bridges[i]->ports[j]->name, name))
				return ofp->bridges[i]->ports[j];
	return NULL;
}

struct kf_port *kf_ofproto_port_by_odp(const struct kf_ofproto *ofp,
				       uint32_t odp_port)
{
	size_t i, j;

	if (odp_port == KF_ODPP_NONE)
		return NULL;
	for (i = 0; i < ofp->n_bridges; i++)
		for (j = 0; j < ofp->bridges[i]->n_ports; j++)
			if (ofp->bridges[i]->ports[j]->odp_port == odp_port)
				return ofp->bridges[i]->ports[j];
	return NULL;
}

bool kf_port_in_vlan(const struct kf_port *p, uint16_t vlan)
{
	if (p->vlan_mode == KF_VLAN_ACCESS)
		return p->tag == vlan;
	if (p->all_trunks)
		return true;
	vlan &= KF_VLAN_VID_MASK;
	return (p->trunks[vlan / 64] >> (vlan % 64)) & 1;
}

void kf_port_set_trunk(struct kf_port *p, uint16_t vlan)
{
	vlan &= KF_VLAN_VID_MASK;
	p->all_trunks = false;
	p->trunks[vlan / 64] |= 1ULL << (vlan % 64);
}

struct kf_rule *kf_bridge_insert(struct kf_bridge *br,
				 struct kf_ofp_flow *fl)
{
	struct kf_rule *r = calloc(1, sizeof(*r));
	struct kf_cls_rule *old;

	if (!r)
		return NULL;
	r->bridge = br;
	r->of = *fl;
	r->n_packets = fl->stats.n_packets;
	r->n_bytes = fl->stats.n_bytes;
	kf_cls_rule_init(&r->cr, &r->of.match, r->of.priority, r);
	old = kf_cls_insert(br->tables[r->of.table_id], &r->cr);
	if (old == &r->cr) {
		free(r);
		return NULL;
	}
	if (old)
		free_rule(old, NULL);
	memset(fl, 0, sizeof(*fl));	/* ownership moved */
	return r;
}

void kf_bridge_remove_rule(struct kf_bridge *br, struct kf_rule *rule)
{
	kf_cls_remove(br->tables[rule->of.table_id], &rule->cr);
	free_rule(&rule->cr, NULL);
}

int kf_bridge_add_flow(struct kf_bridge *br, const char *line,
		       char err[KF_ERR_LEN])
{
	struct kf_ofp_flow fl;
	int ret;

	kf_ofp_flow_init(&fl);
	ret = kf_ofp_parse_flow(line, true, &fl, err);
	if (ret)
		return ret;
	if (fl.table_id >= KF_N_TABLES) {
		snprintf(err, KF_ERR_LEN, "table=%u: out of range",
			 fl.table_id);
		kf_ofp_flow_free(&fl);
		return -EINVAL;
	}
	if (!kf_bridge_insert(br, &fl)) {
		snprintf(err, KF_ERR_LEN, "out of memory");
		kf_ofp_flow_free(&fl);
		return -ENOMEM;
	}
	return 0;
}

void kf_bridge_remove_port(struct kf_bridge *br, struct kf_port *p)
{
	size_t i, j = 0;

	for (i = 0; i < br->n_ports; i++)
		if (br->ports[i] != p)
			br->ports[j++] = br->ports[i];
	br->n_ports = j;
	kf_mac_flush(br->ml, p->ofport);
	free(p);
}

void kf_ofproto_remove_bridge(struct kf_ofproto *ofp, struct kf_bridge *br)
{
	size_t i, j = 0;

	for (i = 0; i < ofp->n_bridges; i++)
		if (ofp->bridges[i] != br)
			ofp->bridges[j++] = ofp->bridges[i];
	ofp->n_bridges = j;
	bridge_destroy(br);
}
