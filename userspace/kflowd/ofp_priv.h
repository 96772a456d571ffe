/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ofp_priv.h - helpers shared by the ovs-ofctl syntax parser/formatter.
 */
#ifndef KFLOWD_OFP_PRIV_H
#define KFLOWD_OFP_PRIV_H

#include "ofp.h"

#define KF_TOKEN_MAX 256

/* Set @err (if nonnull) and return -EINVAL. */
int kf_err(char *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Whole-token unsigned integer, C syntax (0x hex, decimal). */
int kf_scan_u64(const char *s, size_t len, uint64_t *v);
/* Copy a token into a NUL-terminated buffer; false if too long. */
bool kf_token(char *buf, const char *s, size_t len);

/* Field value "V[/M]" in the field's syntax; @mask all ones if absent. */
int kf_value_parse(const struct kf_field *f, const char *s, size_t len,
		   struct kf_value *v, struct kf_value *mask, char *err);
/* The same, naming the field @name (as the user spelled it) in errors. */
int kf_value_parse_as(const struct kf_field *f, const char *name,
		      const char *s, size_t len, struct kf_value *v,
		      struct kf_value *mask, char *err);
/* V, or V/M when @mask (nullable) is not all ones. */
void kf_value_format(struct strbuf *sb, const struct kf_field *f,
		     const struct kf_value *v, const struct kf_value *mask);

/* Flags syntax (tcp_flags, tun_flags). */
int kf_flags_parse(const struct kf_field *f, const char *name, const char *s,
		   struct kf_value *v, struct kf_value *mask, char *err);
void kf_flags_format(struct strbuf *sb, const struct kf_field *f,
		     uint64_t v, uint64_t mask);

/* Match key=value (or shorthand) into @m; @seen records fields named. */
int kf_match_parse_token(struct kf_match *m, const char *key, size_t klen,
			 const char *val, size_t vlen, bool has_val,
			 uint8_t *seen, char *err);
/* After all tokens: ARP nw_proto is arp_op; prerequisites. */
int kf_match_parse_finish(struct kf_match *m, const uint8_t *seen,
			  char *err);

int kf_action_parse_one(const char *s, size_t len, struct kf_actions *acts,
			char *err);

#endif
