// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_actions.c - action lists: growth, freeing, comparison; the mod_*
 * spellings.
 */
#include <stdlib.h>
#include <string.h>
#include "ofp_actions.h"
#include "vec.h"

struct kf_action *kf_actions_push(struct kf_actions *acts,
				  enum kf_act_type type)
{
	struct kf_action *a;

	if (acts->n == acts->cap) {
		a = kf_vec_grow(acts->v, &acts->cap, sizeof(*a), 4);
		if (!a)
			return NULL;
		acts->v = a;
	}
	a = &acts->v[acts->n++];
	memset(a, 0, sizeof(*a));
	a->type = type;
	return a;
}

void kf_actions_free(struct kf_actions *acts)
{
	size_t i;

	for (i = 0; i < acts->n; i++) {
		if (acts->v[i].type == KF_ACT_NOTE)
			free(acts->v[i].note.data);
		else if (acts->v[i].type == KF_ACT_CLONE)
			kf_actions_free(&acts->v[i].clone);
	}
	free(acts->v);
	memset(acts, 0, sizeof(*acts));
}

static bool action_equal(const struct kf_action *a, const struct kf_action *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case KF_ACT_NOTE:
		return a->note.len == b->note.len &&
		       !memcmp(a->note.data, b->note.data, a->note.len);
	case KF_ACT_CLONE:
		return kf_actions_equal(&a->clone, &b->clone);
	default:
		/* Actions are zeroed on creation, so padding compares. */
		return !memcmp(a, b, sizeof(*a));
	}
}

bool kf_actions_equal(const struct kf_actions *a, const struct kf_actions *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (!action_equal(&a->v[i], &b->v[i]))
			return false;
	return true;
}

static const struct {
	const char *name;
	enum kf_field_id field;
} mods[] = {
	{ "mod_dl_src", KF_F_DL_SRC }, { "mod_dl_dst", KF_F_DL_DST },
	{ "mod_nw_src", KF_F_NW_SRC }, { "mod_nw_dst", KF_F_NW_DST },
	{ "mod_tp_src", KF_F_TP_SRC }, { "mod_tp_dst", KF_F_TP_DST },
	{ "mod_vlan_vid", KF_F_DL_VLAN }, { "mod_vlan_pcp", KF_F_VLAN_PCP },
	{ "mod_nw_tos", KF_F_NW_TOS }, { "mod_nw_ecn", KF_F_NW_ECN },
	{ "mod_nw_ttl", KF_F_NW_TTL },
};

const struct kf_field *kf_mod_field(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(mods) / sizeof(mods[0]); i++)
		if (strlen(mods[i].name) == len &&
		    !strncmp(mods[i].name, name, len))
			return kf_field(mods[i].field);
	return NULL;
}

const char *kf_mod_name(const struct kf_field *f)
{
	size_t i;

	for (i = 0; i < sizeof(mods) / sizeof(mods[0]); i++)
		if (mods[i].field == f->id)
			return mods[i].name;
	return NULL;
}
