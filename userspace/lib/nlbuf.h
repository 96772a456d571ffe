/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nlbuf.h - a stand-alone stream of netlink attributes (a flow key, a
 * mask, an action list), built with libmnl on top of a scratch netlink
 * header so the mnl_attr_* helpers can be used unchanged.
 */
#ifndef KFLOW_NLBUF_H
#define KFLOW_NLBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

#define NLBUF_DEFAULT_SIZE	65536

struct nlbuf {
	struct nlmsghdr *nlh;
	size_t cap;
	bool overflow;
};

void nlbuf_init(struct nlbuf *b, size_t cap);
void nlbuf_free(struct nlbuf *b);
void nlbuf_reset(struct nlbuf *b);
const void *nlbuf_data(const struct nlbuf *b);
size_t nlbuf_len(const struct nlbuf *b);
/* Offset to roll back to with nlbuf_truncate(). */
size_t nlbuf_mark(const struct nlbuf *b);
void nlbuf_truncate(struct nlbuf *b, size_t mark);

bool nlbuf_put(struct nlbuf *b, uint16_t type, size_t len, const void *data);
bool nlbuf_put_u8(struct nlbuf *b, uint16_t type, uint8_t v);
bool nlbuf_put_u16(struct nlbuf *b, uint16_t type, uint16_t v);
bool nlbuf_put_u32(struct nlbuf *b, uint16_t type, uint32_t v);
bool nlbuf_put_flag(struct nlbuf *b, uint16_t type);
/* Returns NULL (and sets overflow) when there is no room. */
struct nlattr *nlbuf_nest_start(struct nlbuf *b, uint16_t type);
void nlbuf_nest_end(struct nlbuf *b, struct nlattr *nest);

/* Find the first attribute of @type in a stream (not recursive). */
const struct nlattr *nla_find(const void *data, size_t len, uint16_t type);

/* Iterate over a raw attribute stream; stops at a malformed attribute. */
#define nla_for_each(attr, data, len)					\
	for ((attr) = (const struct nlattr *)(data);			\
	     mnl_attr_ok((attr), (int)((const char *)(data) + (len) -	\
					(const char *)(attr)));		\
	     (attr) = mnl_attr_next(attr))

#endif
