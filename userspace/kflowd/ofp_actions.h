/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ofp_actions.h - the OpenFlow action model of kflowd.
 *
 * An action list keeps the spelling the controller used where OVS has
 * several (mod_dl_src vs set_field, strip_vlan vs pop_vlan, set_tunnel vs
 * set_tunnel64), so a flow prints back the way it was written; the
 * translator treats the spellings alike.  An empty list is "drop".
 */
#ifndef KFLOWD_OFP_ACTIONS_H
#define KFLOWD_OFP_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"

enum kf_act_type {
	KF_ACT_OUTPUT,		/* output:N, NORMAL, FLOOD, ALL, IN_PORT, LOCAL */
	KF_ACT_CONTROLLER,	/* CONTROLLER[:max_len] */
	KF_ACT_SET_FIELD,	/* set_field, mod_*, set_tunnel[64] */
	KF_ACT_LOAD,		/* load:V->FIELD[a..b] */
	KF_ACT_MOVE,		/* move:SRC[a..b]->DST[c..d] */
	KF_ACT_POP_VLAN,	/* strip_vlan / pop_vlan */
	KF_ACT_PUSH_VLAN,	/* push_vlan:TPID */
	KF_ACT_DEC_TTL,
	KF_ACT_RESUBMIT,	/* resubmit:port, resubmit(port,table) */
	KF_ACT_GOTO_TABLE,
	KF_ACT_WRITE_METADATA,
	KF_ACT_CONJUNCTION,
	KF_ACT_NOTE,
	KF_ACT_CLONE,
};

/* How a KF_ACT_SET_FIELD was spelled. */
enum kf_sf_style {
	KF_SF_SET_FIELD,
	KF_SF_MOD,		/* mod_dl_src: ... (name in kf_mod_name()) */
	KF_SF_SET_TUNNEL,
	KF_SF_SET_TUNNEL64,
};

struct kf_subfield {
	const struct kf_field *field;
	uint8_t ofs;
	uint8_t n_bits;
};

struct kf_action;

struct kf_actions {
	struct kf_action *v;
	size_t n;
	size_t cap;
};

#define KF_TABLE_NONE 255	/* resubmit without a table */
/* Action lists nest (in clone) at most this deep, the outermost list
 * counted: the text parser and the OpenFlow decoder refuse deeper ones. */
#define KF_ACTIONS_MAX_DEPTH 8

struct kf_action {
	enum kf_act_type type;
	union {
		struct {
			uint16_t port;
			uint16_t max_len;	/* CONTROLLER */
		} output;
		struct {
			const struct kf_field *field;
			struct kf_value value;
			struct kf_value mask;
			enum kf_sf_style style;
		} set_field;
		struct {
			struct kf_subfield dst;
			struct kf_value value;
		} load;
		struct {
			struct kf_subfield src;
			struct kf_subfield dst;
		} move;
		bool strip;		/* POP_VLAN: spelled strip_vlan */
		uint16_t tpid;		/* PUSH_VLAN */
		struct {
			uint16_t port;
			uint8_t table;
			bool paren;	/* spelled resubmit(...) */
		} resubmit;
		uint8_t table;		/* GOTO_TABLE */
		struct {
			uint64_t value;
			uint64_t mask;
		} metadata;
		struct {
			uint32_t id;
			uint8_t clause;		/* 1-based k */
			uint8_t n_clauses;
		} conj;
		struct {
			uint8_t *data;
			size_t len;
		} note;
		struct kf_actions clone;
	};
};

/* Append a zeroed action of @type; NULL on allocation failure. */
struct kf_action *kf_actions_push(struct kf_actions *acts,
				  enum kf_act_type type);
void kf_actions_free(struct kf_actions *acts);
bool kf_actions_equal(const struct kf_actions *a, const struct kf_actions *b);

/* mod_* spellings: the field each one sets, and back. */
const struct kf_field *kf_mod_field(const char *name, size_t len);
const char *kf_mod_name(const struct kf_field *f);

#endif
