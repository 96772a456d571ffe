/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cls_priv.h - classifier internals shared by classifier.c, cls_subtable.c
 * and cls_trie.c.
 */
#ifndef KFLOWD_CLS_PRIV_H
#define KFLOWD_CLS_PRIV_H

#include "classifier.h"

/* A multiset of 32-bit hashes (stage indices). */
struct kf_hcount {
	struct kf_hnode **buckets;
	size_t n_buckets;	/* power of 2 or 0 */
	size_t n;
};

/* Binary trie of the prefixes the rules use on one 32-bit field. */
struct kf_tnode {
	struct kf_tnode *child[2];
	uint32_t n_rules;	/* rules whose prefix ends here */
};

#define KF_N_TRIES 2

struct kf_trie {
	uint16_t offset;	/* field storage in struct kf_flow */
	struct kf_tnode *root;
};

/* Result of walking a trie along one packet address. */
struct kf_trie_walk {
	uint64_t plens;		/* bit P: a rule prefix of length P matched */
	unsigned int depth;	/* deepest node reached */
};

struct kf_subtable {
	struct kf_flow mask;
	int max_priority;
	size_t n_rules;
	/* Nonzero mask words; words[0..stage_end[s]) are stages 0..s. */
	uint8_t words[KF_FLOW_WORDS];
	uint8_t stage_end[KF_N_STAGES];
	uint8_t n_idx;			/* stage indices in use */
	uint8_t idx_stage[KF_N_STAGES];	/* stage of each index */
	struct kf_hcount idx[KF_N_STAGES];
	int plen[KF_N_TRIES];		/* prefix length, 0: none, -1: !CIDR */
	/* Port tracking: the rules' tp_src:tp_dst (as one 32-bit value,
	 * tp_src on top) under ports_mask, in a trie of prefixes of
	 * ports_plen bits (the mask up to its lowest one bit). */
	uint32_t ports_mask;
	unsigned int ports_plen;
	struct kf_trie ports;
	struct kf_cls_rule **buckets;	/* chained by rule->next */
	size_t n_buckets;
};

struct kf_cls {
	struct kf_subtable **subtables;	/* by max_priority, descending */
	size_t n_subtables;
	size_t n_rules;
	struct kf_trie tries[KF_N_TRIES];
};

/* Hash of the masked words of @flow in @st->words[0..end). */
uint32_t kf_st_hash(const struct kf_subtable *st, const struct kf_flow *flow,
		    unsigned int end);
struct kf_subtable *kf_st_create(const struct kf_flow *mask);
void kf_st_destroy(struct kf_subtable *st);
int kf_st_insert(struct kf_subtable *st, struct kf_cls_rule *rule);
void kf_st_remove(struct kf_subtable *st, struct kf_cls_rule *rule);
/* Un-wildcard the mask words of words[0..end). */
void kf_st_unwildcard(const struct kf_subtable *st, struct kf_flow *wc,
		      unsigned int end);

int kf_hcount_add(struct kf_hcount *h, uint32_t hash);
void kf_hcount_del(struct kf_hcount *h, uint32_t hash);
bool kf_hcount_has(const struct kf_hcount *h, uint32_t hash);
void kf_hcount_destroy(struct kf_hcount *h);

int kf_trie_insert(struct kf_trie *t, uint32_t value, unsigned int plen);
void kf_trie_remove(struct kf_trie *t, uint32_t value, unsigned int plen);
void kf_trie_walk(const struct kf_trie *t, uint32_t value,
		  struct kf_trie_walk *w);
void kf_trie_destroy(struct kf_trie *t);
/* tp_src:tp_dst of @flow as the 32-bit value the port tries hold. */
uint32_t kf_ports_value(const struct kf_flow *flow);
/* Prefix length of a 32-bit mask, -1 if not a CIDR prefix. */
int kf_prefix_len(uint32_t mask);

#endif
