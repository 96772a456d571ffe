// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_async.c - controller targets, reconnect backoff, PACKET_IN and
 * FLOW_REMOVED contents.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ofp_async.h"

int kf_ctrl_parse_target(const char *s, struct sockaddr_in *sa,
			 char err[KF_ERR_LEN])
{
	char ip[INET_ADDRSTRLEN + 1];
	const char *colon;
	unsigned long port = KF_CTRL_DEFAULT_PORT;
	size_t n;
	char *end;

	memset(sa, 0, sizeof(*sa));
	if (strncmp(s, "tcp:", 4)) {
		snprintf(err, KF_ERR_LEN, "controller %s: only tcp:IP[:PORT] "
			 "is supported", s);
		return -EINVAL;
	}
	s += 4;
	colon = strchr(s, ':');
	n = colon ? (size_t)(colon - s) : strlen(s);
	if (n >= sizeof(ip)) {
		snprintf(err, KF_ERR_LEN, "controller tcp:%s: bad IPv4 "
			 "address", s);
		return -EINVAL;
	}
	memcpy(ip, s, n);
	ip[n] = '\0';
	if (inet_pton(AF_INET, ip, &sa->sin_addr) != 1) {
		snprintf(err, KF_ERR_LEN, "controller tcp:%s: %s: not an "
			 "IPv4 address", s, ip);
		return -EINVAL;
	}
	if (colon) {
		errno = 0;
		port = strtoul(colon + 1, &end, 10);
		if (*end || end == colon + 1 || !port || port > 65535) {
			snprintf(err, KF_ERR_LEN, "controller tcp:%s: port "
				 "%s: not in 1..65535", s, colon + 1);
			return -EINVAL;
		}
	}
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	return 0;
}

uint32_t kf_ctrl_backoff_ms(uint32_t prev)
{
	if (prev < KF_CTRL_BACKOFF_MIN_MS)
		return KF_CTRL_BACKOFF_MIN_MS;
	return prev >= KF_CTRL_BACKOFF_MAX_MS / 2 ? KF_CTRL_BACKOFF_MAX_MS :
						    prev * 2;
}

enum kf_ctrl_liveness kf_ctrl_liveness(uint64_t now_ms, uint64_t last_rx_ms,
				       bool probed)
{
	uint64_t idle = now_ms > last_rx_ms ? now_ms - last_rx_ms : 0;

	if (idle >= KF_CTRL_DEAD_MS)
		return KF_CTRL_DEAD;
	if (idle >= KF_CTRL_PROBE_MS && !probed)
		return KF_CTRL_PROBE;
	return KF_CTRL_LIVE;
}

void kf_ctrl_packet_in(const struct kf_upcall_cookie *ck,
		       const struct kf_flow *flow, const void *pkt, size_t len,
		       struct kf_ofp_packet_in *pi)
{
	struct kf_match *m = &pi->match;

	memset(pi, 0, sizeof(*pi));
	pi->buffer_id = KF_OFP_NO_BUFFER;
	pi->total_len = len > UINT16_MAX ? UINT16_MAX : (uint16_t)len;
	pi->reason = ck->reason;
	pi->table_id = ck->table_id;
	pi->cookie = ck->rule_cookie;
	m->flow.in_port = flow->in_port;
	m->wc.in_port = UINT16_MAX;
	if (flow->tun_dst) {
		m->flow.tun_id = flow->tun_id;
		m->wc.tun_id = UINT64_MAX;
		m->flow.tun_src = flow->tun_src;
		m->wc.tun_src = UINT32_MAX;
		m->flow.tun_dst = flow->tun_dst;
		m->wc.tun_dst = UINT32_MAX;
	}
	if (flow->pkt_mark) {
		m->flow.pkt_mark = flow->pkt_mark;
		m->wc.pkt_mark = UINT32_MAX;
	}
	pi->data = pkt;
	pi->data_len = len < ck->max_len ? len : ck->max_len;
}

void kf_ctrl_flow_removed(const struct kf_rule *r, uint8_t reason,
			  uint64_t now_ms, struct kf_ofp_flow_removed *fr)
{
	memset(fr, 0, sizeof(*fr));
	fr->reason = reason;
	fr->flow.cookie = r->of.cookie;
	fr->flow.priority = r->of.priority;
	fr->flow.table_id = r->of.table_id;
	fr->flow.idle_timeout = r->of.idle_timeout;
	fr->flow.hard_timeout = r->of.hard_timeout;
	fr->flow.match = r->of.match;
	fr->flow.stats.present = true;
	fr->flow.stats.duration_ms = now_ms > r->created_ms ?
				     now_ms - r->created_ms : 0;
	fr->flow.stats.n_packets = r->n_packets;
	fr->flow.stats.n_bytes = r->n_bytes;
	fr->flow.stats.idle_age = -1;
	fr->flow.stats.hard_age = -1;
}
