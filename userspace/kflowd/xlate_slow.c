// SPDX-License-Identifier: GPL-2.0
/*
 * xlate_slow.c - cut a slow translation's actions at the writes the
 * datapath cannot do, apply those to the packet, execute the rest.
 * See xlate_slow.h.
 */
#include <errno.h>
#include <linux/openvswitch.h>
#include <stdio.h>
#include "nlbuf.h"
#include "pkt_rewrite.h"
#include "xlate_slow.h"

/* A set/set_masked of a key attribute only userspace can write: its
 * type, value and mask (NULL for a plain set). */
struct slow_set {
	uint16_t type;
	size_t len;
	const void *key;
	const void *mask;
};

static bool slow_set(const struct nlattr *a, struct slow_set *s)
{
	uint16_t t = mnl_attr_get_type(a);
	const struct nlattr *k;
	size_t n;

	if (t != OVS_ACTION_ATTR_SET && t != OVS_ACTION_ATTR_SET_MASKED)
		return false;
	k = mnl_attr_get_payload(a);
	if (mnl_attr_get_payload_len(a) < MNL_ATTR_HDRLEN ||
	    !kf_pkt_set_supported(mnl_attr_get_type(k)))
		return false;
	n = mnl_attr_get_payload_len(k);
	s->type = mnl_attr_get_type(k);
	s->key = mnl_attr_get_payload(k);
	s->mask = NULL;
	if (t == OVS_ACTION_ATTR_SET_MASKED) {
		n /= 2;
		s->mask = (const uint8_t *)s->key + n;
	}
	s->len = n;
	return true;
}

/* The nested action lists of clone() and dec_ttl(). */
static bool nested_slow(const struct nlattr *a)
{
	const struct nlattr *n;

	switch (mnl_attr_get_type(a)) {
	case OVS_ACTION_ATTR_CLONE:
		return kf_slow_actions_need_userspace(
			mnl_attr_get_payload(a), mnl_attr_get_payload_len(a));
	case OVS_ACTION_ATTR_DEC_TTL:
		n = nla_find(mnl_attr_get_payload(a),
			     mnl_attr_get_payload_len(a),
			     OVS_DEC_TTL_ATTR_ACTION);
		return n && kf_slow_actions_need_userspace(
			mnl_attr_get_payload(n), mnl_attr_get_payload_len(n));
	}
	return false;
}

bool kf_slow_actions_need_userspace(const void *acts, size_t acts_len)
{
	const struct nlattr *a;
	struct slow_set s;

	nla_for_each(a, acts, acts_len)
		if (slow_set(a, &s) || nested_slow(a))
			return true;
	return false;
}

/* Header changes a later execution must replay. */
static bool rewrites_headers(uint16_t type)
{
	switch (type) {
	case OVS_ACTION_ATTR_SET:
	case OVS_ACTION_ATTR_SET_MASKED:
	case OVS_ACTION_ATTR_PUSH_VLAN:
	case OVS_ACTION_ATTR_POP_VLAN:
	case OVS_ACTION_ATTR_DEC_TTL:
		return true;
	}
	return false;
}

static bool copy_attr(struct nlbuf *b, const struct nlattr *a)
{
	return nlbuf_put(b, a->nla_type, mnl_attr_get_payload_len(a),
			 mnl_attr_get_payload(a));
}

struct slow_run {
	struct nlbuf cur;	/* the next execution's actions */
	struct nlbuf replay;	/* header changes so far */
	bool emits;		/* cur has more than replayed changes */
	int n_exec;
};

static int flush(struct slow_run *r, const uint8_t *pkt, size_t pkt_len,
		 kf_slow_exec_fn *fn, void *aux)
{
	const struct nlattr *a;
	int ret;

	if (!r->emits)
		return 0;
	ret = fn(aux, pkt, pkt_len, nlbuf_data(&r->cur), nlbuf_len(&r->cur));
	if (ret)
		return ret;
	r->n_exec++;
	r->emits = false;
	nlbuf_reset(&r->cur);
	nla_for_each(a, nlbuf_data(&r->replay), nlbuf_len(&r->replay))
		copy_attr(&r->cur, a);
	return 0;
}

static int run(struct slow_run *r, const void *acts, size_t acts_len,
	       uint8_t *pkt, size_t pkt_len, kf_slow_exec_fn *fn, void *aux,
	       char *err, size_t err_len)
{
	const struct nlattr *a;
	struct slow_set s;
	int ret;

	nla_for_each(a, acts, acts_len) {
		if (slow_set(a, &s)) {
			ret = flush(r, pkt, pkt_len, fn, aux);
			if (ret) {
				snprintf(err, err_len, "slow path: datapath "
					 "execute failed (%d)", ret);
				return ret;
			}
			ret = kf_pkt_set(pkt, pkt_len, s.type, s.key, s.mask,
					 s.len, err, err_len);
			if (ret)
				return ret;
			continue;
		}
		if (nested_slow(a)) {
			snprintf(err, err_len, "slow path: action %u nests a "
				 "write the datapath cannot do",
				 mnl_attr_get_type(a));
			return -EOPNOTSUPP;
		}
		copy_attr(&r->cur, a);
		if (rewrites_headers(mnl_attr_get_type(a)))
			copy_attr(&r->replay, a);
		else
			r->emits = true;
	}
	ret = flush(r, pkt, pkt_len, fn, aux);
	if (ret)
		snprintf(err, err_len, "slow path: datapath execute failed "
			 "(%d)", ret);
	return ret;
}

int kf_slow_execute(const void *acts, size_t acts_len, uint8_t *pkt,
		    size_t pkt_len, kf_slow_exec_fn *fn, void *aux,
		    char *err, size_t err_len)
{
	struct slow_run r = { .emits = false, .n_exec = 0 };
	int ret;

	/* Each buffer holds at most the whole list. */
	nlbuf_init(&r.cur, acts_len + MNL_NLMSG_HDRLEN);
	nlbuf_init(&r.replay, acts_len + MNL_NLMSG_HDRLEN);
	ret = run(&r, acts, acts_len, pkt, pkt_len, fn, aux, err, err_len);
	nlbuf_free(&r.cur);
	nlbuf_free(&r.replay);
	return ret ? ret : r.n_exec;
}
