// SPDX-License-Identifier: GPL-2.0
/*
 * cls_hcount.c - a multiset of 32-bit hashes, the staged-lookup indices.
 */
#include <stdlib.h>
#include "cls_priv.h"

struct kf_hnode {
	struct kf_hnode *next;
	uint32_t hash;
	uint32_t count;
};

static struct kf_hnode **slot(const struct kf_hcount *h, uint32_t hash)
{
	return &h->buckets[hash & (h->n_buckets - 1)];
}

static int grow(struct kf_hcount *h)
{
	size_t n = h->n_buckets ? h->n_buckets * 2 : 8, i;
	struct kf_hnode **b = calloc(n, sizeof(*b)), *node, *next;

	if (!b)
		return -1;
	for (i = 0; i < h->n_buckets; i++) {
		for (node = h->buckets[i]; node; node = next) {
			next = node->next;
			node->next = b[node->hash & (n - 1)];
			b[node->hash & (n - 1)] = node;
		}
	}
	free(h->buckets);
	h->buckets = b;
	h->n_buckets = n;
	return 0;
}

static struct kf_hnode *find(const struct kf_hcount *h, uint32_t hash)
{
	struct kf_hnode *node;

	if (!h->n_buckets)
		return NULL;
	for (node = *slot(h, hash); node; node = node->next)
		if (node->hash == hash)
			return node;
	return NULL;
}

int kf_hcount_add(struct kf_hcount *h, uint32_t hash)
{
	struct kf_hnode *node = find(h, hash);

	if (node) {
		node->count++;
		return 0;
	}
	if (h->n >= h->n_buckets && grow(h))
		return -1;
	node = calloc(1, sizeof(*node));
	if (!node)
		return -1;
	node->hash = hash;
	node->count = 1;
	node->next = *slot(h, hash);
	*slot(h, hash) = node;
	h->n++;
	return 0;
}

void kf_hcount_del(struct kf_hcount *h, uint32_t hash)
{
	struct kf_hnode **np, *node;

	if (!h->n_buckets)
		return;
	for (np = slot(h, hash); (node = *np); np = &node->next) {
		if (node->hash != hash)
			continue;
		if (--node->count == 0) {
			*np = node->next;
			free(node);
			h->n--;
		}
		return;
	}
}

bool kf_hcount_has(const struct kf_hcount *h, uint32_t hash)
{
	return find(h, hash) != NULL;
}

void kf_hcount_destroy(struct kf_hcount *h)
{
	struct kf_hnode *node, *next;
	size_t i;

	for (i = 0; i < h->n_buckets; i++) {
		for (node = h->buckets[i]; node; node = next) {
			next = node->next;
			free(node);
		}
	}
	free(h->buckets);
	h->buckets = NULL;
	h->n_buckets = h->n = 0;
}
