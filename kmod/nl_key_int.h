/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nl_key_int.h - private interface of the key codec: the parse context
 * shared by nl_key.c (driver: collect, VLAN unwrapping, validation) and
 * nl_key_attr.c (one parser per OVS_KEY_ATTR_* attribute).
 */
#ifndef _KFLOW_NL_KEY_INT_H
#define _KFLOW_NL_KEY_INT_H

#include <linux/netlink.h>
#include <linux/openvswitch.h>
#include "flow.h"
#include "nl_tunnel.h"

/* The in_port mask: the stock datapath keeps 16 bits of port. */
#define KFLOW_IN_PORT_MASK	0xffff

/* One key or mask nest being parsed into a struct kflow_match. */
struct kflow_nl_ctx {
	struct kflow_match *match;
	struct netlink_ext_ack *extack;
	const struct nlattr *a[OVS_KEY_ATTR_MAX + 1];
	u64 attrs;	/* collected, after VLAN unwrapping */
	u64 todo;	/* not yet applied */
	bool is_mask;
	bool ones;	/* exact mask from the key: values read as all-ones */
};

typedef int (*kflow_nl_from_fn)(struct kflow_nl_ctx *c,
				const struct nlattr *a);

#define KFLOW_NL_NESTED		(-1)
#define KFLOW_NL_VARIABLE	(-2)

struct kflow_key_attr_desc {
	s8 len;			/* exact length or KFLOW_NL_NESTED/VARIABLE */
	kflow_nl_from_fn from_nl; /* NULL: handled by the driver */
};

extern const struct kflow_key_attr_desc kflow_key_attrs[OVS_KEY_ATTR_MAX + 1];

#define KFLOW_OFF(f)	offsetof(struct kflow_key, f)

/* Write @len bytes at key offset @off of the key or mask; widen range. */
void kflow_nl_set(struct kflow_nl_ctx *c, size_t off, const void *val,
		  size_t len);

static inline void kflow_nl_set_u8(struct kflow_nl_ctx *c, size_t off, u8 v)
{
	kflow_nl_set(c, off, &v, sizeof(v));
}

static inline void kflow_nl_set_be16(struct kflow_nl_ctx *c, size_t off,
				     __be16 v)
{
	kflow_nl_set(c, off, &v, sizeof(v));
}

static inline void kflow_nl_set_u32(struct kflow_nl_ctx *c, size_t off, u32 v)
{
	kflow_nl_set(c, off, &v, sizeof(v));
}

/* The value of @a, or all-ones when building an exact mask. */
static inline const void *kflow_nl_val(const struct kflow_nl_ctx *c,
				       const struct nlattr *a)
{
	return kflow_nl_value(a, c->ones);
}

static inline u32 kflow_nl_u32(const struct kflow_nl_ctx *c,
			       const struct nlattr *a)
{
	u32 v;

	memcpy(&v, kflow_nl_val(c, a), sizeof(v));
	return v;
}

static inline __be16 kflow_nl_be16(const struct kflow_nl_ctx *c,
				   const struct nlattr *a)
{
	__be16 v;

	memcpy(&v, kflow_nl_val(c, a), sizeof(v));
	return v;
}

static inline bool kflow_nl_has(const struct kflow_nl_ctx *c, int type)
{
	return c->attrs & BIT_ULL(type);
}

/* -EINVAL with a message naming the refused attribute. */
int kflow_nl_unsupported(struct kflow_nl_ctx *c, const struct nlattr *a);

/* OVS_KEY_ATTR_ETHERNET and the innermost OVS_KEY_ATTR_ETHERTYPE. */
int kflow_nl_l2(struct kflow_nl_ctx *c);

#endif /* _KFLOW_NL_KEY_INT_H */
