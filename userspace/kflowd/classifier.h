/* SPDX-License-Identifier: GPL-2.0 */
/*
 * classifier.h - an OpenFlow flow table: find the highest-priority rule
 * matching a packet, and say which packet bits that decision depended on.
 *
 * WHAT IT DOES
 *
 * A classifier holds rules.  A rule is a struct kf_match (values plus a
 * bit mask over struct kf_flow), a priority and an opaque pointer owned by
 * the caller (the OpenFlow rule with its actions, counters, timeouts).
 * kf_cls_lookup() returns the matching rule with the highest priority.
 * Two rules with the same priority that both match a packet are an
 * ambiguity OpenFlow leaves undefined; which one wins here is arbitrary
 * but stable while the table does not change.
 *
 * WHY THE WILDCARDS MATTER
 *
 * kflowd does not install OpenFlow rules in the kernel.  For each upcall
 * it runs the packet through the OpenFlow tables and installs one
 * datapath flow (a "megaflow") whose mask must cover exactly the packet
 * bits the pipeline's decisions depended on.  Any bit outside the mask
 * must be one the pipeline could not have reacted to, otherwise a later
 * packet differing only in that bit would be handled by a stale decision.
 * Conversely every bit inside the mask that was not needed splits traffic
 * into more megaflows than necessary and costs upcalls.
 *
 * So the lookup takes a caller's struct kf_flow @wc and ORs into it every
 * bit it examined.  That includes bits examined for rules that did NOT
 * match: if a priority-100 "tcp,tp_dst=80" rule is tried before a
 * priority-0 catch-all, the answer "catch-all" depends on tp_dst not being
 * 80, so tp_dst goes into @wc.  tp_src, which no rule looks at, does not.
 *
 * TUPLE SPACE SEARCH
 *
 * Rules are grouped into subtables, one per distinct mask.  Within a
 * subtable a packet is looked up by hashing the packet's bits under that
 * mask, so the cost is one hash probe per subtable rather than one
 * comparison per rule.  Subtables are kept sorted by the highest rule
 * priority they hold; once a match of priority P is found, subtables
 * whose best priority is <= P cannot change the answer and are neither
 * searched nor un-wildcarded.
 *
 * STAGED LOOKUP
 *
 * struct kf_flow is laid out in four stages: metadata (in_port,
 * registers, metadata, tunnel), L2, L3, L4.  A subtable keeps, besides its
 * full hash table, a set of the hashes of its rules' bits restricted to
 * stages 0..s for each earlier stage s that it matches on.  The lookup
 * hashes stage by stage; when the partial hash is not in the set, no rule
 * of the subtable can match and only the mask bits of the stages hashed
 * so far are un-wildcarded.  A table that separates logical datapaths by
 * metadata thus keeps L3/L4 bits out of the megaflows of other datapaths.
 *
 * PREFIX TRACKING
 *
 * Routing-style tables match nw_src/nw_dst with many prefix lengths, one
 * subtable each.  Without help every such subtable that misses would
 * un-wildcard its whole prefix, and a /32 in the table would force all
 * megaflows to match the exact address.  The classifier keeps a binary
 * trie per tracked field (nw_src, nw_dst; arp_spa/arp_tpa share their
 * storage) of the prefixes its rules use.  Before probing a subtable
 * with prefix length P on a tracked field, one walk of the trie along
 * the packet's address (done once per lookup and field) tells whether any
 * rule prefix of length P lies on the packet's path.  If none does, the
 * subtable is skipped and only the address bits needed to prove it are
 * un-wildcarded: P bits, or fewer when the trie has no node at all past
 * some shallower depth D (then D+1 bits suffice).  Subtables whose mask
 * on the field is not a CIDR prefix do not use the trie.
 *
 * PORT TRACKING
 *
 * The same trie, over tp_src:tp_dst as one 32-bit value, serves each
 * subtable that matches on transport ports.  When a subtable's last (L4)
 * probe finds no rule and no rule has the packet's ports, the walk along
 * them says how many leading port bits separate the packet from every
 * rule; only those, plus the earlier stages the probe looked at, are
 * un-wildcarded.  So an ACL allowing "tcp,tp_dst=22" leaves connections
 * to port 80 from any source port in one megaflow, matching a few high
 * bits of tp_dst, and a DHCP rule "udp,tp_src=68,tp_dst=67" does not
 * make every UDP flow's source port exact.
 *
 * When both the stage indices and a trie can prove that a subtable
 * misses, the proof that needs fewer packet bits is the one recorded:
 * a /30 of nw_dst is a better megaflow than exact in_port and MACs.
 *
 * CONJUNCTIVE MATCHES
 *
 * The classifier does not interpret conjunction(id,k/n) actions; rules
 * are opaque to it.  The translator implements them with two hooks:
 * kf_cls_lookup_all() visits every matching rule in priority order (with
 * the same wildcard bookkeeping), so the translator can collect, at the
 * priority of the best match, the clauses whose conjunction rules
 * matched; when every clause 1..n of some id has a match it sets
 * flow.conj_id = id (un-wildcarding nothing for conj_id, a pipeline
 * field) and looks up again, now hitting the "conj_id=id" rule.
 *
 * THREAD SAFETY AND VERSIONING
 *
 * None built in.  Lookups do not modify the classifier, so any number of
 * threads may look up concurrently while no thread modifies it; inserts
 * and removals need exclusive access (the daemon takes a table lock, or
 * builds a new classifier and swaps it).  There are no rule versions: a
 * flow-mod batch that must appear atomic should be applied under the
 * lock.  A later revision can add RCU-deferred frees without changing
 * this API.
 */
#ifndef KFLOWD_CLASSIFIER_H
#define KFLOWD_CLASSIFIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"

struct kf_subtable;

struct kf_cls_rule {
	struct kf_match match;
	int priority;
	void *data;		/* the caller's */
	/* Private to the classifier. */
	struct kf_subtable *subtable;
	struct kf_cls_rule *next;
	uint32_t hash;
};

struct kf_cls;

struct kf_cls *kf_cls_create(void);
/* Frees the classifier, not the rules (the caller owns them). */
void kf_cls_destroy(struct kf_cls *cls);

void kf_cls_rule_init(struct kf_cls_rule *rule, const struct kf_match *m,
		      int priority, void *data);
/* Insert @rule.  A rule with the same match and priority is replaced and
 * returned (the caller frees it); otherwise NULL.  Returns @rule itself on
 * allocation failure (nothing inserted). */
struct kf_cls_rule *kf_cls_insert(struct kf_cls *cls, struct kf_cls_rule *rule);
void kf_cls_remove(struct kf_cls *cls, struct kf_cls_rule *rule);
struct kf_cls_rule *kf_cls_find_exactly(const struct kf_cls *cls,
					const struct kf_match *m,
					int priority);
size_t kf_cls_count(const struct kf_cls *cls);
size_t kf_cls_n_subtables(const struct kf_cls *cls);

/* Highest-priority rule matching @flow, or NULL.  If @wc is nonnull, every
 * bit of @flow the decision depended on is ORed into it. */
const struct kf_cls_rule *kf_cls_lookup(const struct kf_cls *cls,
					const struct kf_flow *flow,
					struct kf_flow *wc);

/* Visit each rule matching @flow with priority >= @min_priority, highest
 * priority first (ties in arbitrary order), until @visit returns false.
 * @wc as for kf_cls_lookup(). */
typedef bool kf_cls_visit_fn(const struct kf_cls_rule *rule, void *aux);
void kf_cls_lookup_all(const struct kf_cls *cls, const struct kf_flow *flow,
		       struct kf_flow *wc, int min_priority,
		       kf_cls_visit_fn *visit, void *aux);

/* Every rule, in no particular order; @visit must not modify @cls. */
void kf_cls_foreach(const struct kf_cls *cls, kf_cls_visit_fn *visit,
		    void *aux);

#endif
