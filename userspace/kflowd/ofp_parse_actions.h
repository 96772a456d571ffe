/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ofp_parse_actions.h - action parsers split by kind.
 */
#ifndef KFLOWD_OFP_PARSE_ACTIONS_H
#define KFLOWD_OFP_PARSE_ACTIONS_H

#include <errno.h>
#include <stdio.h>
#include "ofp_priv.h"

/* NAME:ARG or NAME(ARG): 0, -EINVAL, or 1 if NAME is not handled here. */
int kf_action_parse_simple(struct kf_actions *acts, const char *name,
			   size_t nlen, const char *arg, size_t alen,
			   bool paren, char *err);
int kf_action_parse_field(struct kf_actions *acts, const char *name,
			  size_t nlen, const char *arg, size_t alen,
			  char *err);

#endif
