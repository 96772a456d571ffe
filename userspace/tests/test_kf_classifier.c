// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_classifier.c - kflowd classifier: priorities, masks, wildcard
 * recording, staged lookup, prefix tracking, randomized cross-checks.
 */
#include <stdlib.h>
#include <string.h>
#include "classifier.h"
#include "tap.h"

static void set(struct kf_match *m, enum kf_field_id id, uint64_t v,
		uint64_t mask)
{
	struct kf_value val, msk;

	kf_value_from_u64(&val, v);
	kf_value_from_u64(&msk, mask);
	kf_match_set(m, kf_field(id), &val, &msk);
}

static void exact(struct kf_match *m, enum kf_field_id id, uint64_t v)
{
	set(m, id, v, ~0ULL);
}

static struct kf_cls_rule *add(struct kf_cls *cls, const struct kf_match *m,
			       int priority, const char *name)
{
	struct kf_cls_rule *r = malloc(sizeof(*r));

	kf_cls_rule_init(r, m, priority, (void *)name);
	if (kf_cls_insert(cls, r))
		tap_diag("insert %s replaced or failed", name);
	return r;
}

static bool free_rule(const struct kf_cls_rule *r, void *aux)
{
	(void)aux;
	free((void *)r);
	return true;
}

static void destroy(struct kf_cls *cls)
{
	kf_cls_foreach(cls, free_rule, NULL);
	kf_cls_destroy(cls);
}

static const char *name_of(const struct kf_cls_rule *r)
{
	return r ? r->data : "(none)";
}

static void tcp_packet(struct kf_flow *f, uint16_t sport, uint16_t dport)
{
	memset(f, 0, sizeof(*f));
	f->in_port = 1;
	f->dl_type = 0x0800;
	f->nw_proto = 6;
	f->nw_src = 0x0a000001;
	f->nw_dst = 0x0a000002;
	f->nw_ttl = 64;
	f->tp_src = sport;
	f->tp_dst = dport;
}

static void test_priorities(void)
{
	struct kf_cls *cls = kf_cls_create();
	struct kf_match m;
	struct kf_cls_rule *hi;
	struct kf_flow f;

	kf_match_init_catchall(&m);
	add(cls, &m, 0, "default");
	exact(&m, KF_F_IN_PORT, 1);
	hi = add(cls, &m, 100, "port1");
	kf_match_init_catchall(&m);
	exact(&m, KF_F_DL_TYPE, 0x0800);
	add(cls, &m, 50, "ip");
	tcp_packet(&f, 1, 2);
	tap_ok(!strcmp(name_of(kf_cls_lookup(cls, &f, NULL)), "port1"),
	       "highest priority of three overlapping rules wins");
	f.in_port = 2;
	tap_ok(!strcmp(name_of(kf_cls_lookup(cls, &f, NULL)), "ip"),
	       "next priority when the best does not match");
	f.dl_type = 0x86dd;
	tap_ok(!strcmp(name_of(kf_cls_lookup(cls, &f, NULL)), "default"),
	       "catch-all last");
	f.in_port = 1;
	kf_cls_remove(cls, hi);
	free(hi);
	tap_ok(!strcmp(name_of(kf_cls_lookup(cls, &f, NULL)), "default") &&
	       kf_cls_count(cls) == 2, "removed rule no longer matches");
	destroy(cls);
}

static void test_masks_and_replace(void)
{
	struct kf_cls *cls = kf_cls_create();
	struct kf_cls_rule *r1, *r2;
	struct kf_match m;
	struct kf_flow f;
	struct kf_value v, mask;

	kf_match_init_catchall(&m);
	memset(&v, 0, sizeof(v));
	memset(&mask, 0, sizeof(mask));
	v.be[10] = 0x01;
	mask.be[10] = 0x01;
	kf_match_set(&m, kf_field(KF_F_DL_DST), &v, &mask);
	r1 = add(cls, &m, 10, "mcast");
	memset(&f, 0, sizeof(f));
	f.dl_dst[0] = 0x33;
	f.dl_dst[5] = 0x07;
	tap_ok(kf_cls_lookup(cls, &f, NULL) == r1, "masked dl_dst matches");
	f.dl_dst[0] = 0x02;
	tap_ok(!kf_cls_lookup(cls, &f, NULL), "masked dl_dst misses");
	r2 = malloc(sizeof(*r2));
	kf_cls_rule_init(r2, &m, 10, "mcast2");
	tap_ok(kf_cls_insert(cls, r2) == r1 && kf_cls_count(cls) == 1,
	       "same match and priority replaces");
	free(r1);
	tap_ok(kf_cls_find_exactly(cls, &m, 10) == r2 &&
	       !kf_cls_find_exactly(cls, &m, 11), "find_exactly");
	destroy(cls);
}

static void test_wildcards_acl(void)
{
	struct kf_cls *cls = kf_cls_create();
	struct kf_match m;
	struct kf_flow f, wc;

	kf_match_init_catchall(&m);
	add(cls, &m, 0, "default");
	exact(&m, KF_F_DL_TYPE, 0x0800);
	exact(&m, KF_F_NW_PROTO, 6);
	exact(&m, KF_F_TCP_DST, 80);
	add(cls, &m, 100, "http");
	tcp_packet(&f, 1234, 22);
	memset(&wc, 0, sizeof(wc));
	tap_ok(!strcmp(name_of(kf_cls_lookup(cls, &f, &wc)), "default"),
	       "acl: port 22 hits default");
	/* 22 and 80 part at the tenth bit of tp_dst: port tracking
	 * un-wildcards those ten bits, not sixteen. */
	tap_ok(wc.tp_dst == 0xffc0 && wc.dl_type == 0xffff &&
	       wc.nw_proto == 0xff,
	       "acl: dl_type, nw_proto and tp_dst's top 10 bits examined");
	tap_ok(wc.tp_src == 0 && wc.nw_src == 0 && wc.nw_dst == 0 &&
	       wc.in_port == 0 && wc.nw_ttl == 0,
	       "acl: tp_src, addresses, in_port, ttl stay wildcarded");
	f.tp_dst = 80;
	memset(&wc, 0, sizeof(wc));
	tap_ok(!strcmp(name_of(kf_cls_lookup(cls, &f, &wc)), "http") &&
	       wc.tp_src == 0 && wc.tp_dst == 0xffff,
	       "acl: port 80 hits the ACL, default not examined");
	destroy(cls);
}

/* A classifier with a catch-all "default" at priority 0 and, at 100, the
 * rule @name: IPv4, IP protocol @proto, then @n (field, value) pairs. */
static struct kf_cls *two_rules(const char *name, uint8_t proto,
				const enum kf_field_id *fields,
				const uint64_t *values, int n)
{
	struct kf_cls *cls = kf_cls_create();
	struct kf_match m;
	int i;

	kf_match_init_catchall(&m);
	add(cls, &m, 0, "default");
	exact(&m, KF_F_DL_TYPE, 0x0800);
	exact(&m, KF_F_NW_PROTO, proto);
	for (i = 0; i < n; i++)
		exact(&m, fields[i], values[i]);
	add(cls, &m, 100, name);
	return cls;
}

/* The name of the rule @f hits, with its wildcards in a fresh @wc. */
static const char *lookup_wc(const struct kf_cls *cls,
			     const struct kf_flow *f, struct kf_flow *wc)
{
	memset(wc, 0, sizeof(*wc));
	return name_of(kf_cls_lookup(cls, f, wc));
}

static void test_ports(void)
{
	static const enum kf_field_id dhcp_f[] = { KF_F_UDP_SRC, KF_F_UDP_DST };
	static const uint64_t dhcp_v[] = { 68, 67 };
	static const enum kf_field_id syn_f[] = { KF_F_TCP_DST, KF_F_TCP_FLAGS };
	static const uint64_t syn_v[] = { 80, 0x002 };
	struct kf_cls *cls = two_rules("dhcp", 17, dhcp_f, dhcp_v, 2);
	struct kf_flow f, wc;

	tcp_packet(&f, 40000, 5001);
	f.nw_proto = 17;
	tap_ok(!strcmp(lookup_wc(cls, &f, &wc), "default") &&
	       wc.tp_src == 0x8000 && wc.tp_dst == 0 && wc.nw_proto == 0xff,
	       "ports: source port 40000 is told from 68 by its top bit");
	f.tp_src = 68;
	tap_ok(!strcmp(lookup_wc(cls, &f, &wc), "default") &&
	       wc.tp_src == 0xffff && wc.tp_dst == 0xf000,
	       "ports: 68 -> 5001 needs tp_src and tp_dst's top 4 bits");
	f.tp_dst = 67;
	tap_ok(!strcmp(lookup_wc(cls, &f, &wc), "dhcp") &&
	       wc.tp_src == 0xffff && wc.tp_dst == 0xffff,
	       "ports: 68 -> 67 hits the rule, both ports exact");
	destroy(cls);

	/* Same ports, other L4 bits differ: the ports prove nothing. */
	cls = two_rules("syn80", 6, syn_f, syn_v, 2);
	tcp_packet(&f, 1234, 80);
	f.tcp_flags = 0x010;
	tap_ok(!strcmp(lookup_wc(cls, &f, &wc), "default") &&
	       wc.tp_dst == 0xffff && wc.tcp_flags == 0xfff,
	       "ports: same port, other flags: all of L4 examined");
	destroy(cls);
}

static void test_staged(void)
{
	struct kf_cls *cls = kf_cls_create();
	struct kf_match m;
	struct kf_flow f, wc;

	kf_match_init_catchall(&m);
	add(cls, &m, 0, "default");
	exact(&m, KF_F_METADATA, 1);
	exact(&m, KF_F_DL_TYPE, 0x0800);
	exact(&m, KF_F_NW_PROTO, 6);
	exact(&m, KF_F_TCP_DST, 80);
	add(cls, &m, 100, "dp1-http");
	tcp_packet(&f, 5, 80);
	f.metadata = 2;
	memset(&wc, 0, sizeof(wc));
	tap_ok(!strcmp(name_of(kf_cls_lookup(cls, &f, &wc)), "default"),
	       "staged: other datapath hits default");
	tap_ok(wc.metadata == ~0ULL && wc.dl_type == 0 && wc.nw_proto == 0 &&
	       wc.tp_dst == 0, "staged: metadata-stage miss leaves L2-L4 out");
	f.metadata = 1;
	f.nw_proto = 17;
	memset(&wc, 0, sizeof(wc));
	kf_cls_lookup(cls, &f, &wc);
	tap_ok(wc.metadata == ~0ULL && wc.dl_type == 0xffff &&
	       wc.nw_proto == 0xff && wc.tp_dst == 0,
	       "staged: L3-stage miss leaves L4 out");
	destroy(cls);
}

static void test_prefix(void)
{
	struct kf_cls *cls = kf_cls_create();
	struct kf_match m;
	struct kf_flow f, wc;

	kf_match_init_catchall(&m);
	add(cls, &m, 0, "default");
	exact(&m, KF_F_DL_TYPE, 0x0800);
	set(&m, KF_F_NW_DST, 0x0a010000, 0xffff0000);
	add(cls, &m, 16, "10.1/16");
	set(&m, KF_F_NW_DST, 0x0a010203, 0xffffffff);
	add(cls, &m, 32, "10.1.2.3/32");
	tcp_packet(&f, 1, 2);
	f.nw_dst = 0xc0a80101;
	memset(&wc, 0, sizeof(wc));
	tap_ok(!strcmp(name_of(kf_cls_lookup(cls, &f, &wc)), "default") &&
	       wc.nw_dst == 0x80000000,
	       "prefix: 192.168.1.1 misses both on 1 bit (wc %#x)", wc.nw_dst);
	f.nw_dst = 0x0a010909;
	memset(&wc, 0, sizeof(wc));
	tap_ok(!strcmp(name_of(kf_cls_lookup(cls, &f, &wc)), "10.1/16") &&
	       wc.nw_dst == 0xfffff800,
	       "prefix: 10.1.9.9 hits /16 with a /21 mask (wc %#x)",
	       wc.nw_dst);
	f.nw_dst = 0x0a010203;
	memset(&wc, 0, sizeof(wc));
	tap_ok(!strcmp(name_of(kf_cls_lookup(cls, &f, &wc)), "10.1.2.3/32") &&
	       wc.nw_dst == 0xffffffff, "prefix: exact host hits /32");
	tap_ok(kf_cls_n_subtables(cls) == 3, "one subtable per mask");
	destroy(cls);
}

static bool count_visit(const struct kf_cls_rule *r, void *aux)
{
	int *last = aux;

	if (r->priority > *last)
		*last = -1000;
	else
		*last = r->priority;
	return true;
}

static void test_lookup_all(void)
{
	struct kf_cls *cls = kf_cls_create();
	struct kf_match m;
	struct kf_flow f;
	int last = 1 << 20;

	kf_match_init_catchall(&m);
	add(cls, &m, 1, "a");
	exact(&m, KF_F_IN_PORT, 1);
	add(cls, &m, 7, "b");
	kf_match_init_catchall(&m);
	exact(&m, KF_F_DL_TYPE, 0x0800);
	add(cls, &m, 5, "c");
	tcp_packet(&f, 1, 2);
	kf_cls_lookup_all(cls, &f, NULL, 2, count_visit, &last);
	tap_ok(last == 5, "lookup_all visits by priority, stops at minimum");
	destroy(cls);
}

int main(void)
{
	test_priorities();
	test_masks_and_replace();
	test_wildcards_acl();
	test_ports();
	test_staged();
	test_prefix();
	test_lookup_all();
	return tap_done();
}
