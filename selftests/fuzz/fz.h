/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fz.h - shared parts of the in-VM fuzzers kflow-nlfuzz (netlink
 * messages to the four OVS generic netlink families) and kflow-pktfuzz
 * (frames through datapath ports): a seeded generator, so a run is
 * replayed exactly from the seed it prints; frames of every protocol the
 * flow key parses and their mutations; one netlink request/answer.
 *
 * Both run as several processes (fuzzer, churner, traffic, listener);
 * each derives its own generator from the run's seed and its role, and
 * shares nothing else but the kernel under test.
 */
#ifndef KFLOW_FZ_H
#define KFLOW_FZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "dpif.h"

/* ---- Generator (xorshift64*): deterministic from the seed ---- */

struct fz_rng {
	uint64_t s;
};

static inline uint64_t fz_next(struct fz_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545F4914F6CDD1DULL;
}

void fz_seed(struct fz_rng *r, uint64_t seed, uint64_t role);
/* Uniform in [0, n) (n > 0). */
static inline uint32_t fz_below(struct fz_rng *r, uint32_t n)
{
	return (uint32_t)((fz_next(r) >> 32) % n);
}

static inline bool fz_chance(struct fz_rng *r, uint32_t percent)
{
	return fz_below(r, 100) < percent;
}

/* An "interesting" integer of @bytes bytes: 0, 1, all ones, sign bits,
 * off-by-one around them, or random. */
uint64_t fz_interesting(struct fz_rng *r, int bytes);
void fz_fill(struct fz_rng *r, uint8_t *p, size_t len);

/* ---- Run options both tools take (fz_frames.c) ---- */

struct fz_run {
	uint64_t seed;		/* printed; --seed replays */
	uint64_t count;		/* 0: bound by duration only */
	unsigned int duration;	/* seconds, 0: none */
	bool trace;
	bool count_given;
};

#define FZ_RUN_LONGOPTS \
	{ "seed", 1, NULL, 's' }, { "count", 1, NULL, 'c' }, \
	{ "duration", 1, NULL, 'd' }, { "trace", 0, NULL, 'T' }

void fz_run_init(struct fz_run *run, uint64_t default_count);
/* Handle option @o of FZ_RUN_LONGOPTS; false if it is not one. */
bool fz_run_option(struct fz_run *run, int o, const char *arg);
/* After the options: a duration without a count bounds by time only. */
void fz_run_finish(struct fz_run *run);

/* ---- Frames (fz_frames.c) ---- */

#define FZ_FRAME_MAX	1600

/* The protocols a frame template can be built of. */
enum fz_proto {
	FZ_ARP, FZ_IPV4_TCP, FZ_IPV4_UDP, FZ_IPV4_SCTP, FZ_IPV4_ICMP,
	FZ_IPV4_OPTS, FZ_IPV4_FRAG_FIRST, FZ_IPV4_FRAG_LATER,
	FZ_IPV6_TCP, FZ_IPV6_UDP, FZ_IPV6_SCTP, FZ_IPV6_ICMP,
	FZ_IPV6_ND_NS, FZ_IPV6_ND_NA, FZ_IPV6_EXTHDRS, FZ_IPV6_FRAG_FIRST,
	FZ_IPV6_FRAG_LATER, FZ_MPLS, FZ_ETH_ONLY, FZ_N_PROTOS
};

const char *fz_proto_name(enum fz_proto p);
/* A valid frame of @proto with random addresses and ports; @vlans
 * (0..2) 802.1Q/802.1ad tags.  Returns its length. */
size_t fz_frame(struct fz_rng *r, enum fz_proto proto, int vlans,
		uint8_t *buf);
/* Mutate a frame in place (bit flips, interesting values in header
 * fields, truncation anywhere, lengths that lie); returns the new
 * length (<= FZ_FRAME_MAX). */
size_t fz_frame_mutate(struct fz_rng *r, uint8_t *buf, size_t len);
/* A frame: random bytes, a valid one, or a mutated valid one. */
size_t fz_frame_any(struct fz_rng *r, uint8_t *buf, enum fz_proto *proto);

/* ---- Netlink (fz_nl.c) ---- */

struct fz_stats {
	uint64_t sent;
	uint64_t ok;		/* answered with error 0 */
	uint64_t rejected;	/* answered with an error */
	uint64_t no_answer;	/* none within the timeout */
	uint64_t by_errno[140];
};

/*
 * A batch of requests sent with one sendmsg().  Generic netlink handles
 * each request in turn inside that call, so every answer (ack, error, or
 * the first part of a dump) is queued by the time it returns; one read
 * loop then collects them by sequence number, discarding anything else
 * (upcalls, echoed replies).  A batch of one is a plain request.
 */
#define FZ_BATCH_MAX	64
#define FZ_BATCH_BYTES	(64 * 1024)
#define FZ_PENDING	(-1)	/* err[] of a request not answered yet */

struct fz_batch {
	uint8_t buf[FZ_BATCH_BYTES];
	size_t len;
	int n;
	uint32_t seq0;			/* of the first request */
	size_t off[FZ_BATCH_MAX];	/* of each request in buf */
	int err[FZ_BATCH_MAX];		/* errno it got, 0, or -ETIMEDOUT */
};

static inline void fz_batch_reset(struct fz_batch *b)
{
	b->len = 0;
	b->n = 0;
}

/* Append request @msg (NLM_F_REQUEST | NLM_F_ACK and the next sequence
 * number of @nl are set in the copy); false if the batch is full. */
bool fz_batch_add(struct kf_nl *nl, struct fz_batch *b, const void *msg,
		  size_t len);
/* Send the batch and read until every request is answered or nothing
 * more comes within the socket's timeout; counts each in @st. */
void fz_batch_send(struct kf_nl *nl, struct fz_batch *b,
		   struct fz_stats *st);
void fz_stats_print(const char *who, const struct fz_stats *st);
/* Install flow @key_text (ovs-dpctl syntax, with mask) with actions
 * @acts_fmt ("%u" = @pid); delete it again if @del_after.  Returns the
 * kernel's answer (0 or -errno), -EINVAL if the text does not parse. */
int fz_flow_add(struct kf_nl *nl, int dp_ifindex, const char *key_text,
		const char *acts_fmt, uint32_t pid, bool del_after);

#endif
