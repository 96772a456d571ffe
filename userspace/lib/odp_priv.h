/* SPDX-License-Identifier: GPL-2.0 */
/*
 * odp_priv.h - internals of the flow syntax parser and formatter.
 */
#ifndef KFLOW_ODP_PRIV_H
#define KFLOW_ODP_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <arpa/inet.h>
#include <linux/openvswitch.h>
#include "odp.h"

#define ODP_MAX_DEPTH	32

struct odp_parser {
	const struct odp_portmap *ports;
	char *err;
	int depth;
};

/* Record an error (the first one wins); returns -EINVAL. */
int odp_error(struct odp_parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "ATTR(FIELD=VALUE): REASON", VALUE being the token at @val. */
int odp_field_error(struct odp_parser *p, const char *attr, const char *field,
		    const char *val, const char *reason);
/* Length of the token at @s (up to a delimiter , ) / or end). */
size_t odp_token_len(const char *s);
bool odp_skip(const char **s, const char *lit);

/* Field types of fixed-layout keys. */
enum odp_ftype {
	FT_U8D,		/* u8, printed in decimal */
	FT_U8X,		/* u8, printed in hex */
	FT_BE16D,	/* be16, decimal */
	FT_BE16X,	/* be16, hex */
	FT_LABEL,	/* be32 IPv6 flow label (20 bits) */
	FT_IPV4,
	FT_IPV6,
	FT_MAC,
	FT_FRAG,	/* enum ovs_frag_type */
	FT_BE64X,	/* tunnel id */
};

struct odp_field {
	const char *name;
	uint8_t type;
	uint8_t offset;
};

enum odp_kind {
	KIND_NONE,
	KIND_STRUCT,	/* fixed struct made of odp_fields */
	KIND_U32,	/* %#x, maskable */
	KIND_U32_EXACT,	/* recirc_id: never masked when parsing */
	KIND_IN_PORT,
	KIND_ETHERTYPE,
	KIND_VLAN,
	KIND_TCP_FLAGS,
	KIND_TUNNEL,
	KIND_ENCAP,
	KIND_CT_STATE,
	KIND_CT_ZONE,
	KIND_CT_MARK,
	KIND_MPLS,
	KIND_CT_LABEL,
};

struct odp_key_desc {
	const char *name;
	uint8_t kind;
	uint16_t len;		/* payload length, 0 for nested/variable */
	uint16_t cmp_len;	/* bytes compared for exact/wildcard tests */
	const struct odp_field *fields;
	uint8_t n_fields;
};

const struct odp_key_desc *odp_key_desc(unsigned int type);
const struct odp_key_desc *odp_key_desc_by_name(const char *s, size_t len,
						unsigned int *type);
size_t odp_ftype_size(enum odp_ftype t);

/* Scanners: parse one value at *s, advance *s.  0 or -EINVAL with
 * *why set to a reason. */
int odp_scan_uint(const char **s, uint64_t max, uint64_t *v, const char **why);
int odp_scan_field(const char **s, enum odp_ftype t, void *dst,
		   const char **why);
/* Value and optional "/mask" of field @f into key/mask structs. */
int odp_scan_field_masked(struct odp_parser *p, const char *attr,
			  const struct odp_field *f, const char **s,
			  uint8_t *key, uint8_t *mask, bool maskable);

/* Formatters for one field; @mask NULL means exact. */
void odp_format_field(struct strbuf *sb, const struct odp_field *f,
		      const uint8_t *key, const uint8_t *mask, bool verbose);
void odp_format_struct(struct strbuf *sb, const struct odp_key_desc *d,
		       const uint8_t *key, const uint8_t *mask, bool verbose);

/* Flags (tcp_flags, tunnel flags, ct_state). */
typedef const char *(*odp_flag_name_fn)(uint32_t bit);
const char *odp_tcp_flag_name(uint32_t bit);
const char *odp_tun_flag_name(uint32_t bit);
const char *odp_ct_state_name(uint32_t bit);
void odp_format_flags(struct strbuf *sb, odp_flag_name_fn name,
		      uint32_t flags, char sep);
void odp_format_flags_masked(struct strbuf *sb, odp_flag_name_fn name,
			     uint32_t flags, uint32_t mask, uint32_t max);
/* Parse flags up to @end.  Returns characters consumed or -EINVAL. */
int odp_scan_flags(const char *s, odp_flag_name_fn name, char end,
		   uint32_t allowed, uint32_t *flags, uint32_t *mask,
		   const char **why);

/* Tunnel flag bits, as OVS names them. */
#define ODP_TNL_F_OAM		(1 << 0)
#define ODP_TNL_F_DF		(1 << 1)
#define ODP_TNL_F_CSUM		(1 << 2)
#define ODP_TNL_F_KEY		(1 << 3)
#define ODP_TNL_F_MASK		0xf

/* Key attributes: one attribute (with mask) at *s.  @seen (NULL: no
 * check) is the set of types its list has had: a repeat is an error. */
int odp_parse_key_attr(struct odp_parser *p, const char **s,
		       struct nlbuf *key, struct nlbuf *mask, uint64_t *seen);
int odp_parse_tunnel(struct odp_parser *p, const char **s,
		     struct nlbuf *key, struct nlbuf *mask);
void odp_format_key_attr(struct strbuf *sb, const struct nlattr *a,
			 const struct nlattr *ma,
			 const struct odp_portmap *ports, bool verbose);
void odp_format_tunnel(struct strbuf *sb, const struct nlattr *a,
		       const struct nlattr *ma, bool verbose);
bool odp_mask_is_wildcard(const struct nlattr *ma);
bool odp_mask_is_exact(const struct nlattr *ma);
/* Checks key/mask lengths; on mismatch prints a diagnostic and returns
 * false. */
bool odp_check_attr_len(struct strbuf *sb, const struct nlattr *a,
			const struct nlattr *ma);
void odp_format_hex_bytes(struct strbuf *sb, const void *data, size_t len);

void odp_format_vlan_tci(struct strbuf *sb, uint16_t tci, uint16_t mask,
			 bool verbose);

int odp_parse_actions(struct odp_parser *p, const char **s, struct nlbuf *b,
		      char end);

#endif
