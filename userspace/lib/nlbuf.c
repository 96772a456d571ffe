// SPDX-License-Identifier: GPL-2.0
/*
 * nlbuf.c - stand-alone netlink attribute streams.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nlbuf.h"

/* Not zeroed: every put writes its header, payload and padding, and a
 * 64 KiB memset per buffer was most of a translation's time. */
void nlbuf_init(struct nlbuf *b, size_t cap)
{
	void *mem = malloc(cap);

	if (!mem) {
		perror("malloc");
		abort();
	}
	b->cap = cap;
	b->overflow = false;
	b->nlh = mnl_nlmsg_put_header(mem);
}

void nlbuf_free(struct nlbuf *b)
{
	free(b->nlh);
	b->nlh = NULL;
}

void nlbuf_reset(struct nlbuf *b)
{
	b->nlh->nlmsg_len = MNL_NLMSG_HDRLEN;
	b->overflow = false;
}

const void *nlbuf_data(const struct nlbuf *b)
{
	return mnl_nlmsg_get_payload(b->nlh);
}

size_t nlbuf_len(const struct nlbuf *b)
{
	return b->nlh->nlmsg_len - MNL_NLMSG_HDRLEN;
}

size_t nlbuf_mark(const struct nlbuf *b)
{
	return b->nlh->nlmsg_len;
}

void nlbuf_truncate(struct nlbuf *b, size_t mark)
{
	b->nlh->nlmsg_len = (uint32_t)mark;
}

bool nlbuf_put(struct nlbuf *b, uint16_t type, size_t len, const void *data)
{
	struct nlattr *a = mnl_nlmsg_get_payload_tail(b->nlh);

	if (len > UINT16_MAX - MNL_ATTR_HDRLEN ||
	    !mnl_attr_put_check(b->nlh, b->cap, type, len, data)) {
		b->overflow = true;
		return false;
	}
	/* libmnl before 1.0.5 leaves the padding as it was: zero it, so
	 * that equal attribute lists are equal bytes (revalidation compares
	 * them with what the kernel, which zeroes padding, dumps). */
	memset((uint8_t *)mnl_attr_get_payload(a) + len, 0, MNL_ALIGN(len) - len);
	return true;
}

bool nlbuf_put_u8(struct nlbuf *b, uint16_t type, uint8_t v)
{
	return nlbuf_put(b, type, sizeof(v), &v);
}

bool nlbuf_put_u16(struct nlbuf *b, uint16_t type, uint16_t v)
{
	return nlbuf_put(b, type, sizeof(v), &v);
}

bool nlbuf_put_u32(struct nlbuf *b, uint16_t type, uint32_t v)
{
	return nlbuf_put(b, type, sizeof(v), &v);
}

bool nlbuf_put_flag(struct nlbuf *b, uint16_t type)
{
	return nlbuf_put(b, type, 0, NULL);
}

struct nlattr *nlbuf_nest_start(struct nlbuf *b, uint16_t type)
{
	struct nlattr *nest = mnl_attr_nest_start_check(b->nlh, b->cap, type);

	if (!nest)
		b->overflow = true;
	return nest;
}

void nlbuf_nest_end(struct nlbuf *b, struct nlattr *nest)
{
	if (nest)
		mnl_attr_nest_end(b->nlh, nest);
}

const struct nlattr *nla_find(const void *data, size_t len, uint16_t type)
{
	const struct nlattr *a;

	nla_for_each(a, data, len)
		if (mnl_attr_get_type(a) == type)
			return a;
	return NULL;
}
