/* SPDX-License-Identifier: GPL-2.0 */
/*
 * odp_actions.h - parsers of individual actions, called with *s just
 * past "name(".  Each consumes the closing parenthesis.
 */
#ifndef KFLOW_ODP_ACTIONS_H
#define KFLOW_ODP_ACTIONS_H

#include "odp_priv.h"

int odp_act_push_vlan(struct odp_parser *p, const char **s, struct nlbuf *b);
int odp_act_userspace(struct odp_parser *p, const char **s, struct nlbuf *b);
int odp_act_set(struct odp_parser *p, const char **s, struct nlbuf *b);
int odp_act_sample(struct odp_parser *p, const char **s, struct nlbuf *b);
int odp_act_check_pkt_len(struct odp_parser *p, const char **s,
			  struct nlbuf *b);
int odp_act_dec_ttl(struct odp_parser *p, const char **s, struct nlbuf *b);
int odp_act_hash(struct odp_parser *p, const char **s, struct nlbuf *b);
int odp_act_mpls(struct odp_parser *p, const char **s, struct nlbuf *b);
int odp_act_push_eth(struct odp_parser *p, const char **s, struct nlbuf *b);
int odp_act_ct(struct odp_parser *p, const char **s, struct nlbuf *b);
void odp_format_ct_action(struct strbuf *sb, const struct nlattr *ct);
void odp_format_u128(struct strbuf *sb, const uint8_t *v, const uint8_t *m,
		     bool verbose);
int odp_scan_u128(const char **s, uint8_t *v);
/* Nested list up to ')' (or "drop)") inside attribute @type. */
int odp_act_list(struct odp_parser *p, const char **s, struct nlbuf *b,
		 uint16_t type);

#endif
