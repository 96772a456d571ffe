/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mac_learning.h - a bridge's MAC learning table for the NORMAL action:
 * (MAC, VLAN) -> OpenFlow port, with idle aging and a size limit (the
 * least recently learned entry is evicted when full).  Times are
 * milliseconds of the caller's monotonic clock.  Thread-safe: every
 * call holds the table's own mutex (kflowd's handlers learn during
 * translation); a would_change + learn pair is not atomic, at worst two
 * threads both report the same change.
 */
#ifndef KFLOWD_MAC_LEARNING_H
#define KFLOWD_MAC_LEARNING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KF_MAC_DEFAULT_IDLE_MS (300 * 1000)
#define KF_MAC_DEFAULT_MAX 8192

struct kf_mac_table;

enum kf_mac_learn_result {
	KF_MAC_UNCHANGED,	/* known on this port; refreshed */
	KF_MAC_NEW,
	KF_MAC_MOVED,		/* was on another port */
};

struct kf_mac_table *kf_mac_table_create(uint64_t idle_ms, size_t max);
void kf_mac_table_destroy(struct kf_mac_table *t);
/* Port of (@mac, @vlan), or -1 if unknown or aged out at @now_ms. */
int kf_mac_lookup(const struct kf_mac_table *t, const uint8_t mac[6],
		  uint16_t vlan, uint64_t now_ms);
/* Would learning change the table (new or moved entry)? */
bool kf_mac_would_change(const struct kf_mac_table *t, const uint8_t mac[6],
			 uint16_t vlan, uint16_t port, uint64_t now_ms);
enum kf_mac_learn_result kf_mac_learn(struct kf_mac_table *t,
				      const uint8_t mac[6], uint16_t vlan,
				      uint16_t port, uint64_t now_ms);
/* Drop entries idle since before @now_ms - idle; returns how many. */
size_t kf_mac_expire(struct kf_mac_table *t, uint64_t now_ms);
/* Forget entries on @port (port deleted), or all if @port is 0. */
void kf_mac_flush(struct kf_mac_table *t, uint16_t port);
size_t kf_mac_count(const struct kf_mac_table *t);

#endif
