// SPDX-License-Identifier: GPL-2.0
/*
 * cls_trie.c - prefix tracking: a binary trie of the nw_src/nw_dst
 * prefixes rules use, walked once per lookup to skip subtables; the same
 * trie holds each subtable's tp_src:tp_dst values (port tracking).
 */
#include <stdlib.h>
#include "cls_priv.h"

static unsigned int bit_at(uint32_t value, unsigned int depth)
{
	return (value >> (31 - depth)) & 1;
}

int kf_prefix_len(uint32_t mask)
{
	uint32_t inv = ~mask;

	if (inv & (inv + 1))
		return -1;	/* ones not contiguous from the top */
	return 32 - __builtin_popcount(inv);
}

int kf_trie_insert(struct kf_trie *t, uint32_t value, unsigned int plen)
{
	struct kf_tnode **np = &t->root;
	unsigned int d;

	for (d = 0;; d++) {
		if (!*np) {
			*np = calloc(1, sizeof(**np));
			if (!*np)
				return -1;
		}
		if (d == plen)
			break;
		np = &(*np)->child[bit_at(value, d)];
	}
	(*np)->n_rules++;
	return 0;
}

/* Returns true if @n became empty and was freed. */
static bool remove_at(struct kf_tnode **np, uint32_t value, unsigned int d,
		      unsigned int plen)
{
	struct kf_tnode *n = *np;

	if (!n)
		return false;
	if (d == plen) {
		if (n->n_rules)
			n->n_rules--;
	} else {
		remove_at(&n->child[bit_at(value, d)], value, d + 1, plen);
	}
	if (n->n_rules || n->child[0] || n->child[1])
		return false;
	free(n);
	*np = NULL;
	return true;
}

void kf_trie_remove(struct kf_trie *t, uint32_t value, unsigned int plen)
{
	remove_at(&t->root, value, 0, plen);
}

void kf_trie_walk(const struct kf_trie *t, uint32_t value,
		  struct kf_trie_walk *w)
{
	const struct kf_tnode *n = t->root;
	unsigned int d = 0;

	w->plens = 0;
	w->depth = 0;
	while (n) {
		if (n->n_rules)
			w->plens |= 1ULL << d;
		w->depth = d;
		if (d == 32)
			break;
		n = n->child[bit_at(value, d)];
		d++;
	}
}

static void free_nodes(struct kf_tnode *n)
{
	if (!n)
		return;
	free_nodes(n->child[0]);
	free_nodes(n->child[1]);
	free(n);
}

void kf_trie_destroy(struct kf_trie *t)
{
	free_nodes(t->root);
	t->root = NULL;
}

uint32_t kf_ports_value(const struct kf_flow *flow)
{
	return (uint32_t)flow->tp_src << 16 | flow->tp_dst;
}
