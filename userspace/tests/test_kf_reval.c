// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_reval.c - the pure parts of kflowd's revalidation
 * (daemon/reval_policy.c, daemon/mflow.c): keep/modify/delete decided on
 * real translations before and after rule changes, idle and rule timeout
 * arithmetic, the canonical match text (attribute order, wildcarded
 * attributes), and the megaflow table (removal under collisions, counter
 * crediting).
 */
#include <arpa/inet.h>
#include <linux/openvswitch.h>
#include <stdlib.h>
#include <string.h>
#include "daemon/mflow.h"
#include "daemon/reval_policy.h"
#include "kf_xlate_util.h"
#include "ofp_wire.h"

struct collected {
	struct kf_rule *v[16];
	size_t n;
};

static bool collect(const struct kf_cls_rule *cr, void *aux)
{
	struct collected *c = aux;

	if (c->n < 16)
		c->v[c->n++] = cr->data;
	return true;
}

static void delete_all(struct kf_bridge *br)
{
	struct collected c = { { NULL }, 0 };
	size_t i;

	kf_cls_foreach(br->tables[0], collect, &c);
	for (i = 0; i < c.n; i++)
		kf_bridge_remove_rule(br, c.v[i]);
}

/* Translate @pkt, change the tables with @line (NULL: none), translate
 * again and decide. */
static enum kfd_reval_op decide_after(const char *const *rules, size_t n,
				      const char *pkt, const char *line,
				      bool del_all)
{
	struct kf_ofproto *ofp = kf_ofproto_create();
	struct kf_bridge *br = kf_bridge_create(ofp, "br0");
	struct kf_xlate_out x1, x2;
	struct kfd_dpflow a, b;
	enum kfd_reval_op op;
	char err[KF_ERR_LEN];
	struct kf_flow f;

	tx_port(br, 1, 1, "p1");
	tx_port(br, 2, 2, "p2");
	tx_port(br, 3, 3, "p3");
	tx_flows(br, rules, n);
	tx_packet(&f, pkt);
	kf_xlate_out_init(&x1);
	kf_xlate_out_init(&x2);
	tx_run(ofp, br, &f, 0, &x1);
	if (del_all)
		delete_all(br);
	if (line && kf_bridge_add_flow(br, line, err))
		tap_diag("%s: %s", line, err);
	tx_run(ofp, br, &f, 0, &x2);
	kfd_reval_dpflow(&a, &x1);
	kfd_reval_dpflow(&b, &x2);
	op = kfd_reval_decide(&a, x2.error || x2.slow ? NULL : &b);
	kf_xlate_out_free(&x1);
	kf_xlate_out_free(&x2);
	kf_ofproto_destroy(ofp);
	return op;
}

static void test_decide(void)
{
	static const char *const rules[] = {
		"priority=10,in_port=1,actions=output:2",
		"priority=10,in_port=2,actions=output:1",
	};
	static const char *const acl[] = {
		"priority=10,udp,tp_dst=53,actions=output:2",
	};
	const char *pkt = "in_port=1,udp,nw_src=10.0.0.1,nw_dst=10.0.0.2,"
			  "tp_src=5,tp_dst=53";

	tap_ok(decide_after(rules, 2, pkt, NULL, false) == KFD_REVAL_KEEP,
	       "decide: unchanged tables keep the flow");
	tap_ok(decide_after(rules, 2, pkt,
			    "priority=10,in_port=2,actions=drop", false) ==
	       KFD_REVAL_KEEP,
	       "decide: a change of another port's rule keeps it");
	tap_ok(decide_after(rules, 2, pkt,
			    "priority=10,in_port=1,actions=output:3", false) ==
	       KFD_REVAL_MODIFY,
	       "decide: same match, new output: modify in place");
	tap_ok(decide_after(rules, 2, pkt,
			    "priority=20,in_port=1,udp,tp_dst=99,actions=drop",
			    false) == KFD_REVAL_DELETE,
	       "decide: a rule on tp_dst widens the mask: delete");
	tap_ok(decide_after(rules, 2, pkt, NULL, true) == KFD_REVAL_MODIFY,
	       "decide: rules gone, same match (in_port): modify to drop");
	tap_ok(decide_after(acl, 1, pkt, NULL, true) == KFD_REVAL_DELETE,
	       "decide: rules gone, tp_dst no longer matched: delete");
	tap_ok(kfd_reval_decide(&(struct kfd_dpflow){ 0 }, NULL) ==
	       KFD_REVAL_DELETE, "decide: failed translation: delete");
}

static void test_idle_and_timeouts(void)
{
	tap_ok(!kfd_reval_idle(1000, 0, 10999, 10000) &&
	       kfd_reval_idle(1000, 0, 11000, 10000),
	       "idle: never used, counted from installation");
	tap_ok(!kfd_reval_idle(1000, 5000, 14999, 10000) &&
	       kfd_reval_idle(1000, 5000, 15000, 10000),
	       "idle: counted from the datapath's last use");
	tap_ok(!kfd_reval_idle(5000, 0, 4000, 10000),
	       "idle: a clock behind the creation time is not idle");
	tap_ok(kfd_rule_timeout(0, 0, 0, 0, 1000000) == -1,
	       "timeout: none set, never expires");
	tap_ok(kfd_rule_timeout(0, 5, 1000, 1000, 5999) == -1 &&
	       kfd_rule_timeout(0, 5, 1000, 5900, 6000) ==
	       KF_OFPRR_HARD_TIMEOUT,
	       "timeout: hard_timeout=5 from creation, use does not matter");
	tap_ok(kfd_rule_timeout(3, 0, 1000, 4000, 6999) == -1 &&
	       kfd_rule_timeout(3, 0, 1000, 4000, 7000) ==
	       KF_OFPRR_IDLE_TIMEOUT,
	       "timeout: idle_timeout=3 from the last use");
	tap_ok(kfd_rule_timeout(3, 3, 1000, 1000, 4000) ==
	       KF_OFPRR_HARD_TIMEOUT,
	       "timeout: both due: hard is reported");
}

static void put_key(struct nlbuf *b, bool swap, uint32_t port,
		    uint16_t ethtype)
{
	uint8_t eth[12] = { 0 };

	if (swap)
		nlbuf_put_u16(b, OVS_KEY_ATTR_ETHERTYPE, htons(ethtype));
	nlbuf_put_u32(b, OVS_KEY_ATTR_IN_PORT, port);
	nlbuf_put(b, OVS_KEY_ATTR_ETHERNET, sizeof(eth), eth);
	if (!swap)
		nlbuf_put_u16(b, OVS_KEY_ATTR_ETHERTYPE, htons(ethtype));
}

static const char *text(const struct nlbuf *k, const struct nlbuf *m)
{
	static struct strbuf sb[4];
	static int i;

	i = (i + 1) % 4;
	sb_clear(&sb[i]);
	kfd_reval_match_text(&sb[i], nlbuf_data(k), nlbuf_len(k),
			     nlbuf_data(m), nlbuf_len(m));
	return sb_str(&sb[i]);
}

static void test_match_text(void)
{
	struct nlbuf k1, m1, k2, m2;
	uint32_t mark0 = 0;
	const char *a, *b;

	nlbuf_init(&k1, 1024);
	nlbuf_init(&m1, 1024);
	nlbuf_init(&k2, 1024);
	nlbuf_init(&m2, 1024);
	put_key(&k1, false, 1, 0x0800);
	put_key(&m1, false, 0xffffffff, 0xffff);
	put_key(&k2, true, 1, 0x0800);
	put_key(&m2, true, 0xffffffff, 0xffff);
	/* The kernel adds attributes it does not match on. */
	nlbuf_put(&k2, OVS_KEY_ATTR_SKB_MARK, 4, &mark0);
	nlbuf_put(&m2, OVS_KEY_ATTR_SKB_MARK, 4, &mark0);
	a = text(&k1, &m1);
	b = text(&k2, &m2);
	tap_ok(!strcmp(a, b), "match text: order and wildcarded attributes "
	       "do not matter (%s | %s)", a, b);
	nlbuf_reset(&k2);
	nlbuf_reset(&m2);
	put_key(&k2, true, 2, 0x0800);
	put_key(&m2, true, 0xffffffff, 0xffff);
	b = text(&k2, &m2);
	tap_ok(strcmp(a, b), "match text: another in_port differs");
	nlbuf_reset(&k2);
	nlbuf_reset(&m2);
	put_key(&k2, false, 1, 0x0800);
	put_key(&m2, false, 0xffffffff, 0);
	b = text(&k2, &m2);
	tap_ok(strcmp(a, b), "match text: a wider mask differs (%s)", b);
	nlbuf_free(&k1);
	nlbuf_free(&m1);
	nlbuf_free(&k2);
	nlbuf_free(&m2);
}

static void test_table(void)
{
	struct kfd_mflows t = { NULL, 0, 0 };
	struct kf_rule r1, r2, *rules[2] = { &r1, &r2 };
	struct kfd_mflow_data md = { "k", 1, { "K", 1, "M", 1, "A", 1 },
				     rules, 2, false, 4242 };
	uint32_t ufid[4];
	unsigned int i, found = 0;
	struct kfd_mflow *m;

	/* 600 UFIDs whose hashes collide a lot (same low bits). */
	for (i = 0; i < 600; i++) {
		uint32_t u[4] = { i << 12, 0, 0, 0 };

		kfd_mflows_add(&t, u, &md, 100);
	}
	for (i = 0; i < 600; i += 2) {
		uint32_t u[4] = { i << 12, 0, 0, 0 };

		kfd_mflows_remove(&t, u);
	}
	for (i = 0; i < 600; i++) {
		uint32_t u[4] = { i << 12, 0, 0, 0 };

		m = kfd_mflows_find(&t, u);
		found += (m != NULL) == (i % 2 == 1);
	}
	tap_ok(found == 600 && t.n == 300,
	       "mflows: removal under collisions keeps the others findable "
	       "(%u/600 right, %zu left)", found, t.n);
	memset(ufid, 0, sizeof(ufid));
	ufid[0] = 1 << 12;
	m = kfd_mflows_find(&t, ufid);
	memset(&r1, 0, sizeof(r1));
	memset(&r2, 0, sizeof(r2));
	kfd_mflow_credit(m, 10, 1000, 5000);
	kfd_mflow_credit(m, 10, 1000, 6000);
	kfd_mflow_credit(m, 15, 1600, 7000);
	tap_ok(r1.n_packets == 15 && r2.n_bytes == 1600 &&
	       r1.used_ms == 7000 && m->used_ms == 7000,
	       "mflows: deltas credited once to every rule (%llu packets)",
	       (unsigned long long)r1.n_packets);
	tap_ok(m->dp.key_len == 1 && !memcmp(m->dp.acts, "A", 1) &&
	       !memcmp(kfd_mflow_ukey(m), "k", 1) && m->created_ms == 100 &&
	       m->up_pid == 4242,
	       "mflows: key, mask, actions, upcall key and port id copied");
	kfd_mflows_clear(&t);
}

int main(void)
{
	test_decide();
	test_idle_and_timeouts();
	test_match_text();
	test_table();
	return tap_done();
}
