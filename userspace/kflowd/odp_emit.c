// SPDX-License-Identifier: GPL-2.0
/*
 * odp_emit.c - datapath actions from the translation context: committing
 * pending header writes (set_masked per key attribute, pop/push_vlan),
 * output, userspace, dec_ttl, set(tunnel).
 *
 * A commit emits, for each key attribute the pending mask touches, one
 * set_masked carrying exactly the pending bits (value bits outside the
 * mask are zero, as the datapath requires).  The datapath's base flow
 * then takes the working flow's values there.  Values emitted must not
 * depend on unmatched packet bits, so the commit reads them (a no-op for
 * bits set by actions; it matters when a patch port or clone restored
 * the packet's own values).
 */
#include <arpa/inet.h>
#include <linux/openvswitch.h>
#include <string.h>
#include "xlate_priv.h"
#include "xlate_odp.h"
#include "tun_metadata.h"

static bool put_set_masked(struct nlbuf *b, uint16_t type, const void *key,
			   const void *mask, size_t len)
{
	uint8_t buf[2 * sizeof(struct ovs_key_ipv6)];
	struct nlattr *nest;
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = ((const uint8_t *)key)[i] & ((const uint8_t *)mask)[i];
	memcpy(buf + len, mask, len);
	nest = nlbuf_nest_start(b, OVS_ACTION_ATTR_SET_MASKED);
	if (!nest)
		return false;
	nlbuf_put(b, type, 2 * len, buf);
	nlbuf_nest_end(b, nest);
	return true;
}

static bool is_zero(const void *p, size_t len)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i])
			return false;
	return true;
}

/* One key attribute's worth of pending writes. */
static void commit_attr(struct xctx *c, const struct kf_odp_attr *a)
{
	uint8_t key[sizeof(struct ovs_key_ipv6)];
	uint8_t mask[sizeof(struct ovs_key_ipv6)];

	memset(mask, 0, sizeof(mask));
	a->get(&c->pending, mask);
	if (is_zero(mask, a->len) || !a->applies(&c->flow))
		return;
	memset(key, 0, sizeof(key));
	a->get(&c->flow, key);
	a->clear_ro(mask);
	if (is_zero(mask, a->len))
		return;
	put_set_masked(c->odp, a->type, key, mask, a->len);
	if (a->type == OVS_KEY_ATTR_ARP ? !c->ofp->caps.set_arp : a->slow)
		c->xout->slow |= KF_SLOW_ACTION;
}

static int n_tags(const struct kf_flow *f)
{
	if (!(f->vlan_tci[0] & KF_VLAN_CFI))
		return 0;
	return f->vlan_tci[1] & KF_VLAN_CFI ? 2 : 1;
}

static void push_vlan(struct xctx *c, uint16_t tci)
{
	struct ovs_action_push_vlan pv = {
		.vlan_tpid = htons(0x8100),
		.vlan_tci = htons(tci | KF_VLAN_CFI),
	};

	nlbuf_put(c->odp, OVS_ACTION_ATTR_PUSH_VLAN, sizeof(pv), &pv);
}

/* Re-tag: pop the tags that changed, push the new ones inner first. */
static void commit_vlan(struct xctx *c)
{
	int levels, i, nb = n_tags(&c->base), nf = n_tags(&c->flow);
	struct kf_flow m;

	if (c->pending.vlan_tci[1])
		levels = 2;
	else if (c->pending.vlan_tci[0])
		levels = 1;
	else
		return;
	memset(&m, 0, sizeof(m));
	for (i = 0; i < levels && i < nf; i++)
		m.vlan_tci[i] = UINT16_MAX;
	xc_read(c, &m);
	for (i = 0; i < levels && i < nb; i++)
		nlbuf_put(c->odp, OVS_ACTION_ATTR_POP_VLAN, 0, NULL);
	for (i = (levels < nf ? levels : nf) - 1; i >= 0; i--)
		push_vlan(c, c->flow.vlan_tci[i]);
}

void xc_commit(struct xctx *c)
{
	const struct kf_odp_attr *a;
	uint64_t *base = kf_flow_words_rw(&c->base);
	const uint64_t *flow = kf_flow_words(&c->flow);
	const uint64_t *p = kf_flow_words(&c->pending);
	size_t i;

	xc_read(c, &c->pending);
	for (a = kf_odp_set_attrs; a->get; a++)
		commit_attr(c, a);
	commit_vlan(c);
	for (i = 0; i < KF_FLOW_WORDS; i++)
		base[i] = (base[i] & ~p[i]) | (flow[i] & p[i]);
	memset(&c->pending, 0, sizeof(c->pending));
}

void xc_emit_output(struct xctx *c, uint32_t odp_port)
{
	nlbuf_put_u32(c->odp, OVS_ACTION_ATTR_OUTPUT, odp_port);
}

static void put_userspace(struct xctx *c, const struct kf_upcall_cookie *ck)
{
	struct nlattr *nest;
	uint8_t ud[16];

	kf_upcall_cookie_encode(ck, ud);
	nest = nlbuf_nest_start(c->odp, OVS_ACTION_ATTR_USERSPACE);
	if (!nest)
		return;
	nlbuf_put_u32(c->odp, OVS_USERSPACE_ATTR_PID, c->xin->upcall_pid);
	nlbuf_put(c->odp, OVS_USERSPACE_ATTR_USERDATA, sizeof(ud), ud);
	nlbuf_nest_end(c->odp, nest);
}

void xc_emit_userspace(struct xctx *c, const struct kf_upcall_cookie *ck)
{
	xc_commit(c);
	put_userspace(c, ck);
}

/* dec_ttl(le_1(userspace(INVALID_TTL packet-in))). */
void xc_emit_dec_ttl(struct xctx *c)
{
	struct kf_upcall_cookie ck;
	struct nlattr *outer, *inner;

	xc_commit(c);
	memset(&ck, 0, sizeof(ck));
	ck.type = KF_COOKIE_CONTROLLER;
	ck.reason = KF_PIN_INVALID_TTL;
	ck.table_id = c->table_id;
	ck.max_len = UINT16_MAX;
	ck.rule_cookie = c->rule ? c->rule->of.cookie : UINT64_MAX;
	outer = nlbuf_nest_start(c->odp, OVS_ACTION_ATTR_DEC_TTL);
	inner = nlbuf_nest_start(c->odp, OVS_DEC_TTL_ATTR_ACTION);
	if (!outer || !inner)
		return;
	put_userspace(c, &ck);
	nlbuf_nest_end(c->odp, inner);
	nlbuf_nest_end(c->odp, outer);
}

/* Geneve options for the non-zero tun_metadata slots (tun_metadata.h):
 * a zero slot sends no option, so only non-zero ones are read. */
static void put_tun_md(struct xctx *c)
{
	struct kf_flow m;
	int i;

	memset(&m, 0, sizeof(m));
	for (i = 0; i < KF_N_TUN_METADATA; i++)
		if (c->flow.tun_metadata[i])
			m.tun_metadata[i] = UINT32_MAX;
	xc_read(c, &m);
	kf_tun_md_put_geneve(c->odp, &c->flow, &c->flow, false);
}

/* Output to a tunnel port: set(tunnel(...)) from the port's options.
 * tun_id is the port's key=N, or the flow's tun_id with key=flow (as
 * set_tunnel or an input tunnel left it); tun_dst the port's remote_ip,
 * or the flow's with remote_ip=flow; tun_src the port's local_ip if set
 * (else the route decides); ttl 64 and DF, as OVS's defaults; tp_dst the
 * port's dst_port if set.  Only the flow fields used are read (megaflow
 * mask); a key makes the datapath set flags(key). */
void xc_emit_set_tunnel(struct xctx *c, const struct kf_port *p)
{
	const struct kf_tunnel_opts *t = &p->tun;
	uint64_t id = t->key_flow ? c->flow.tun_id : t->key;
	uint32_t dst = t->remote_ip ? t->remote_ip : c->flow.tun_dst;
	struct nlattr *set, *tun;
	struct kf_flow m;

	memset(&m, 0, sizeof(m));
	if (t->key_flow)
		m.tun_id = UINT64_MAX;
	if (!t->remote_ip)
		m.tun_dst = UINT32_MAX;
	xc_read(c, &m);
	if (!dst) {
		xc_trace(c, ">>>> tunnel port %s: no remote_ip and no tun_dst "
			 "<<<<", p->name);
		return;
	}
	xc_commit(c);
	set = nlbuf_nest_start(c->odp, OVS_ACTION_ATTR_SET);
	tun = nlbuf_nest_start(c->odp, OVS_KEY_ATTR_TUNNEL);
	if (!set || !tun)
		return;
	if (t->key_flow || t->key) {
		uint64_t be = htobe64(id);

		nlbuf_put(c->odp, OVS_TUNNEL_KEY_ATTR_ID, 8, &be);
	}
	if (t->local_ip)
		nlbuf_put_u32(c->odp, OVS_TUNNEL_KEY_ATTR_IPV4_SRC,
			      htonl(t->local_ip));
	nlbuf_put_u32(c->odp, OVS_TUNNEL_KEY_ATTR_IPV4_DST, htonl(dst));
	nlbuf_put_u8(c->odp, OVS_TUNNEL_KEY_ATTR_TTL, 64);
	nlbuf_put_flag(c->odp, OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT);
	if (t->dst_port)
		nlbuf_put_u16(c->odp, OVS_TUNNEL_KEY_ATTR_TP_DST,
			      htons(t->dst_port));
	put_tun_md(c);
	nlbuf_nest_end(c->odp, tun);
	nlbuf_nest_end(c->odp, set);
}

void kf_upcall_cookie_encode(const struct kf_upcall_cookie *c,
			     uint8_t out[16])
{
	uint64_t rc = htobe64(c->rule_cookie);
	uint16_t ml = htons(c->max_len);

	memset(out, 0, 16);
	out[0] = c->type;
	out[1] = c->reason;
	out[2] = c->table_id;
	out[3] = c->bridge_idx;
	memcpy(out + 4, &ml, 2);
	memcpy(out + 8, &rc, 8);
}

bool kf_upcall_cookie_decode(const void *data, size_t len,
			     struct kf_upcall_cookie *c)
{
	const uint8_t *in = data;
	uint64_t rc;
	uint16_t ml;

	if (len != 16 || !in[0])
		return false;
	memset(c, 0, sizeof(*c));
	c->type = in[0];
	c->reason = in[1];
	c->table_id = in[2];
	c->bridge_idx = in[3];
	memcpy(&ml, in + 4, 2);
	memcpy(&rc, in + 8, 8);
	c->max_len = ntohs(ml);
	c->rule_cookie = be64toh(rc);
	return true;
}

bool kf_xlate_put_slow_path(struct nlbuf *acts, uint32_t pid,
			    unsigned int slow)
{
	struct kf_upcall_cookie ck = { .type = KF_COOKIE_SLOW_PATH,
				       .reason = (uint8_t)slow };
	struct nlattr *nest = nlbuf_nest_start(acts,
					       OVS_ACTION_ATTR_USERSPACE);
	uint8_t ud[16];

	if (!nest)
		return false;
	kf_upcall_cookie_encode(&ck, ud);
	nlbuf_put_u32(acts, OVS_USERSPACE_ATTR_PID, pid);
	nlbuf_put(acts, OVS_USERSPACE_ATTR_USERDATA, sizeof(ud), ud);
	nlbuf_nest_end(acts, nest);
	return !acts->overflow;
}
