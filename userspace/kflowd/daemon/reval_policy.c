// SPDX-License-Identifier: GPL-2.0
/*
 * reval_policy.c - keep/modify/delete, idle and timeout arithmetic, and
 * the canonical match text of revalidation (see reval_policy.h).
 */
#include <string.h>
#include <linux/openvswitch.h>
#include <libmnl/libmnl.h>
#include "nlbuf.h"
#include "odp.h"
#include "ofp_wire.h"
#include "reval_policy.h"
#include "xlate.h"

#define MAX_ATTRS 64

static bool same(const void *a, size_t alen, const void *b, size_t blen)
{
	return alen == blen && (!alen || !memcmp(a, b, alen));
}

void kfd_reval_dpflow(struct kfd_dpflow *f, const struct kf_xlate_out *x)
{
	f->key = nlbuf_data(&x->key);
	f->key_len = nlbuf_len(&x->key);
	f->mask = nlbuf_data(&x->mask);
	f->mask_len = nlbuf_len(&x->mask);
	f->acts = nlbuf_data(&x->actions);
	f->acts_len = nlbuf_len(&x->actions);
}

enum kfd_reval_op kfd_reval_decide(const struct kfd_dpflow *cached,
				   const struct kfd_dpflow *fresh)
{
	if (!fresh || !same(cached->mask, cached->mask_len, fresh->mask,
			    fresh->mask_len))
		return KFD_REVAL_DELETE;
	if (!same(cached->acts, cached->acts_len, fresh->acts,
		  fresh->acts_len))
		return KFD_REVAL_MODIFY;
	return KFD_REVAL_KEEP;
}

static bool elapsed(uint64_t since_ms, uint64_t now_ms, uint64_t span_ms)
{
	return now_ms >= since_ms && now_ms - since_ms >= span_ms;
}

bool kfd_reval_idle(uint64_t created_ms, uint64_t used_ms, uint64_t now_ms,
		    uint64_t max_idle_ms)
{
	uint64_t last = used_ms > created_ms ? used_ms : created_ms;

	return elapsed(last, now_ms, max_idle_ms);
}

int kfd_rule_timeout(uint16_t idle_s, uint16_t hard_s, uint64_t created_ms,
		     uint64_t used_ms, uint64_t now_ms)
{
	if (hard_s && elapsed(created_ms, now_ms, hard_s * 1000ULL))
		return KF_OFPRR_HARD_TIMEOUT;
	if (idle_s && kfd_reval_idle(created_ms, used_ms, now_ms,
				     idle_s * 1000ULL))
		return KF_OFPRR_IDLE_TIMEOUT;
	return -1;
}

/* Copy the attributes of @data to @out in type order (stable).  At the
 * key level (@keys), encap() and tunnel() contents are sorted too. */
static void sorted_copy(struct nlbuf *out, const void *data, size_t len,
			bool keys)
{
	const struct nlattr *v[MAX_ATTRS], *a, *t;
	struct nlattr *nest;
	size_t n = 0, i, j;

	nla_for_each(a, data, len) {
		if (n == MAX_ATTRS)
			break;
		for (j = n++; j && mnl_attr_get_type(v[j - 1]) >
				   mnl_attr_get_type(a); j--)
			v[j] = v[j - 1];
		v[j] = a;
	}
	for (i = 0; i < n; i++) {
		t = v[i];
		if (keys && (mnl_attr_get_type(t) == OVS_KEY_ATTR_ENCAP ||
			     mnl_attr_get_type(t) == OVS_KEY_ATTR_TUNNEL)) {
			nest = nlbuf_nest_start(out, mnl_attr_get_type(t));
			sorted_copy(out, mnl_attr_get_payload(t),
				    mnl_attr_get_payload_len(t),
				    mnl_attr_get_type(t) == OVS_KEY_ATTR_ENCAP);
			if (nest)
				nlbuf_nest_end(out, nest);
		} else {
			nlbuf_put(out, mnl_attr_get_type(t),
				  mnl_attr_get_payload_len(t),
				  mnl_attr_get_payload(t));
		}
	}
}

void kfd_reval_match_text(struct strbuf *sb, const void *key, size_t key_len,
			  const void *mask, size_t mask_len)
{
	struct nlbuf k, m;

	nlbuf_init(&k, 2 * key_len + 256);
	nlbuf_init(&m, 2 * mask_len + 256);
	sorted_copy(&k, key, key_len, true);
	sorted_copy(&m, mask, mask_len, true);
	odp_key_format(sb, nlbuf_data(&k), nlbuf_len(&k), nlbuf_data(&m),
		       nlbuf_len(&m), NULL, false);
	nlbuf_free(&k);
	nlbuf_free(&m);
}
