// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz_mut.c - mutations of a request at the netlink attribute level.
 *
 * The attributes are walked as a tree (a payload that is itself a clean
 * sequence of attributes counts as a nest), then one to four of: change
 * an attribute's type (or its NLA_F_NESTED bit), make its length lie,
 * truncate or grow its payload, duplicate or delete it, wrap it in a new
 * nest (deep nesting), put an interesting value in its payload, insert a
 * random attribute, graft an attribute from elsewhere in the message,
 * flip bytes, change the generic netlink command/version, aim at another
 * datapath, or cut the whole message short.  Structural changes keep
 * the enclosing nests' lengths right, so the kernel parses down to the
 * mutated attribute instead of rejecting the envelope.
 */
#include <string.h>
#include <linux/genetlink.h>
#include "nlfuzz.h"

#define NF_MAX_ATTRS	256

struct nf_attr {
	size_t off;
	int parent;		/* index, -1 at the top level */
};

struct nf_tree {
	struct nf_attr a[NF_MAX_ATTRS];
	int n;
};

static uint16_t nla_len_at(const uint8_t *b, size_t off)
{
	uint16_t v;

	memcpy(&v, b + off, 2);
	return v;
}

static void set_len(uint8_t *b, size_t off, uint16_t v)
{
	memcpy(b + off, &v, 2);
}

static bool clean_stream(const uint8_t *b, size_t start, size_t end)
{
	size_t off = start;
	uint16_t l;

	while (off + 4 <= end) {
		l = nla_len_at(b, off);
		if (l < 4 || off + l > end)
			return false;
		off += MNL_ALIGN(l);
	}
	return off == end || (off > end && off - end < 4);
}

static void walk(const uint8_t *b, size_t start, size_t end, int parent,
		 int depth, struct nf_tree *t)
{
	size_t off = start;
	uint16_t l;
	int me;

	while (off + 4 <= end && t->n < NF_MAX_ATTRS) {
		l = nla_len_at(b, off);
		if (l < 4 || off + l > end)
			return;
		me = t->n++;
		t->a[me].off = off;
		t->a[me].parent = parent;
		if (l >= 8 && depth < 10 && clean_stream(b, off + 4, off + l))
			walk(b, off + 4, off + l, me, depth + 1, t);
		off += MNL_ALIGN(l);
	}
}

/* Insert (@delta > 0) or remove bytes at @pos; every ancestor of attr
 * @i (and @i itself if @self) grows or shrinks with it. */
static bool resize(uint8_t *b, size_t *len, const struct nf_tree *t, int i,
		   bool self, size_t pos, int delta)
{
	int k = self ? i : t->a[i].parent;

	if (pos > *len || (delta > 0 && *len + delta > NF_MSG_MAX))
		return false;
	if (delta < 0 && pos + (size_t)-delta > *len)
		return false;
	for (; k >= 0; k = t->a[k].parent)
		if (nla_len_at(b, t->a[k].off) + delta > 0xffff ||
		    nla_len_at(b, t->a[k].off) + delta < 4)
			return false;
	if (delta > 0)
		memmove(b + pos + delta, b + pos, *len - pos);
	else
		memmove(b + pos, b + pos - delta, *len - pos + delta);
	*len += delta;
	for (k = self ? i : t->a[i].parent; k >= 0; k = t->a[k].parent)
		set_len(b, t->a[k].off, nla_len_at(b, t->a[k].off) + delta);
	return true;
}

static void attr_mutate(struct nf_ctx *c, uint8_t *b, size_t *len,
			const struct nf_tree *t)
{
	struct fz_rng *r = &c->rng;
	int i = (int)fz_below(r, t->n), j;
	size_t off = t->a[i].off, al;
	uint16_t l = nla_len_at(b, off), type;
	uint8_t tmp[NF_MSG_MAX];
	uint64_t v;

	al = MNL_ALIGN(l);
	if (off + al > *len)
		al = *len - off;
	memcpy(&type, b + off + 2, 2);
	switch (fz_below(r, 10)) {
	case 0:		/* another type */
		type = fz_chance(r, 50) ? (uint16_t)(type + fz_below(r, 3) - 1) :
		       fz_chance(r, 20) ? type ^ NLA_F_NESTED :
		       (uint16_t)fz_below(r, 48);
		memcpy(b + off + 2, &type, 2);
		break;
	case 1:		/* a length that lies */
		set_len(b, off, (uint16_t)(fz_chance(r, 50) ?
					   l + fz_below(r, 9) - 4 :
					   fz_interesting(r, 2)));
		break;
	case 2:		/* payload cut by 4n bytes */
		if (l >= 8) {
			int cut = 4 * (1 + fz_below(r, (l - 4) / 4));

			resize(b, len, t, i, true, off + al - cut, -cut);
		}
		break;
	case 3:		/* payload grown */
		j = 4 * (1 + fz_below(r, 4));
		if (resize(b, len, t, i, true, off + al, j))
			fz_fill(r, b + off + al, j);
		break;
	case 4:		/* duplicated */
		memcpy(tmp, b + off, al);
		if (resize(b, len, t, i, false, off + al, (int)al))
			memcpy(b + off + al, tmp, al);
		break;
	case 5:		/* deleted */
		resize(b, len, t, i, false, off, -(int)al);
		break;
	case 6:		/* wrapped in a nest of the same type, 1..8 deep */
		for (j = 1 + fz_below(r, 8); j > 0; j--) {
			if (!resize(b, len, t, i, false, off, 4))
				break;
			set_len(b, off, (uint16_t)(al + 4));
			memcpy(b + off + 2, &type, 2);
			al += 4;
		}
		break;
	case 7:		/* interesting value in the payload */
		if (l > 4) {
			v = fz_interesting(r, 8);
			j = (int)fz_below(r, l - 4);
			memcpy(b + off + 4 + j, &v,
			       l - 4 - j < 8 ? (size_t)(l - 4 - j) :
			       (size_t)1 << fz_below(r, 4));
		}
		break;
	case 8:		/* graft another attribute after this one */
		j = (int)fz_below(r, t->n);
		al = MNL_ALIGN(nla_len_at(b, t->a[j].off));
		if (t->a[j].off + al <= *len && al <= sizeof(tmp)) {
			memcpy(tmp, b + t->a[j].off, al);
			if (resize(b, len, t, i, false, off +
				   MNL_ALIGN(l), (int)al))
				memcpy(b + off + MNL_ALIGN(l), tmp, al);
		}
		break;
	default:	/* a random new attribute */
		j = 4 * (1 + fz_below(r, 5));
		if (resize(b, len, t, i, false, off, j)) {
			fz_fill(r, b + off, j);
			set_len(b, off, (uint16_t)j);
		}
		break;
	}
}

static void header_mutate(struct nf_ctx *c, uint8_t *b, size_t *len)
{
	struct fz_rng *r = &c->rng;
	struct genlmsghdr *g = (void *)(b + MNL_NLMSG_HDRLEN);
	struct ovs_header *oh = (void *)(g + 1);
	struct nlmsghdr *nlh = (void *)b;

	switch (fz_below(r, 5)) {
	case 0:
		g->cmd = (uint8_t)fz_below(r, 8);
		break;
	case 1:
		g->version = (uint8_t)fz_interesting(r, 1);
		break;
	case 2:
		oh->dp_ifindex = nf_pick_ifindex(c);
		break;
	case 3:		/* same attributes, another family */
		nlh->nlmsg_type = c->family[fz_below(r, KF_N_FAMILIES)];
		break;
	default:	/* cut anywhere after the headers */
		if (*len > NF_ATTR_OFF)
			*len = NF_ATTR_OFF + fz_below(r, (uint32_t)(*len -
							 NF_ATTR_OFF));
		break;
	}
}

size_t nf_mutate(struct nf_ctx *c, uint8_t *buf, size_t len)
{
	struct fz_rng *r = &c->rng;
	struct nf_tree t;
	int n = 1 + fz_below(r, 4);
	struct ovs_header *oh;

	while (n--) {
		t.n = 0;
		walk(buf, NF_ATTR_OFF, len, -1, 0, &t);
		if (t.n && fz_chance(r, 75))
			attr_mutate(c, buf, &len, &t);
		else if (fz_chance(r, 70))
			header_mutate(c, buf, &len);
		else if (len > NF_ATTR_OFF)	/* a byte anywhere */
			buf[NF_ATTR_OFF + fz_below(r, (uint32_t)(len -
					NF_ATTR_OFF))] = (uint8_t)fz_next(r);
	}
	((struct nlmsghdr *)buf)->nlmsg_len = (uint32_t)len;
	oh = (void *)(buf + MNL_NLMSG_HDRLEN + MNL_ALIGN(4));
	if (nf_protected(c, oh->dp_ifindex))
		oh->dp_ifindex = 0;
	return len;
}
