/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ofp.h - the ovs-ofctl flow syntax: add-flow input and dump-flows output.
 *
 *   [table=N,][priority=N,][cookie=0xC[/M],][idle_timeout=N,]
 *   [hard_timeout=N,][send_flow_rem,] MATCH actions=ACTIONS
 *
 * Lines printed by `ovs-ofctl dump-flows` (with duration, n_packets,
 * n_bytes, idle_age, hard_age) parse too; the statistics are kept in
 * struct kf_ofp_flow.stats so the line prints back the same.
 *
 * Errors are returned as -EINVAL with a message in @err naming the field,
 * the offending value and the reason, e.g.
 *   nw_src=10.0.0.300: invalid IPv4 address
 */
#ifndef KFLOWD_OFP_H
#define KFLOWD_OFP_H

#include <stdbool.h>
#include <stdint.h>
#include "flow.h"
#include "ofp_actions.h"
#include "strbuf.h"

#define KF_ERR_LEN 256
#define KF_DEFAULT_PRIORITY 32768

/* Flow flags, in the order dump-flows prints them. */
enum {
	KF_FF_SEND_FLOW_REM = 1 << 0,
	KF_FF_CHECK_OVERLAP = 1 << 1,
	KF_FF_RESET_COUNTS = 1 << 2,
	KF_FF_NO_PKT_COUNTS = 1 << 3,
	KF_FF_NO_BYT_COUNTS = 1 << 4,
};

struct kf_flow_stats {
	bool present;		/* a dump-flows line */
	uint64_t duration_ms;
	uint64_t n_packets;
	uint64_t n_bytes;
	int64_t idle_age;	/* -1: not shown */
	int64_t hard_age;	/* -1: not shown */
};

struct kf_ofp_flow {
	uint64_t cookie;
	uint64_t cookie_mask;	/* 0 unless cookie=V/M was given */
	uint8_t table_id;
	int priority;
	uint16_t idle_timeout;
	uint16_t hard_timeout;
	uint16_t importance;
	uint16_t flags;		/* KF_FF_* */
	struct kf_match match;
	bool has_actions;
	struct kf_actions actions;
	struct kf_flow_stats stats;
};

enum kf_ofp_style {
	KF_STYLE_DUMP,		/* " cookie=0x0, duration=..., actions=..." */
	KF_STYLE_ADD,		/* only what add-flow needs */
};

void kf_ofp_flow_init(struct kf_ofp_flow *fl);
void kf_ofp_flow_free(struct kf_ofp_flow *fl);
/* Parse one flow; actions=... required if @need_actions. */
int kf_ofp_parse_flow(const char *s, bool need_actions,
		      struct kf_ofp_flow *fl, char err[KF_ERR_LEN]);
int kf_ofp_parse_actions(const char *s, struct kf_actions *acts,
			 char err[KF_ERR_LEN]);
bool kf_ofp_flow_equal(const struct kf_ofp_flow *a,
		       const struct kf_ofp_flow *b);

void kf_ofp_format_flow(struct strbuf *sb, const struct kf_ofp_flow *fl,
			enum kf_ofp_style style);
/* "priority=N,ip,nw_src=..." as dump-flows prints a match. */
void kf_ofp_format_match(struct strbuf *sb, const struct kf_match *m,
			 int priority);
void kf_ofp_format_actions(struct strbuf *sb, const struct kf_actions *acts);

/* OpenFlow port: number or reserved name (LOCAL, IN_PORT, ...). */
int kf_ofp_parse_port(const char *s, size_t len, uint16_t *port);
void kf_ofp_format_port(struct strbuf *sb, uint16_t port);

#endif
