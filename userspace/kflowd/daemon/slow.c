// SPDX-License-Identifier: GPL-2.0
/*
 * slow.c - the daemon's slow path (see xlate_slow.h): the upcalled packet
 * is rewritten here and executed, and its megaflow sends the flow's later
 * packets back up with a slow_path cookie, which kfd_slow_upcall()
 * recognises so they are translated and executed the same way.
 */
#include <errno.h>
#include <linux/openvswitch.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include "handler.h"
#include "kflowd.h"
#include "log.h"
#include "xlate.h"
#include "xlate_slow.h"

struct slow_exec {
	struct kfd_handler *h;
	const struct kfd_upcall *up;
};

static int exec_one(void *aux, const uint8_t *pkt, size_t pkt_len,
		    const void *acts, size_t acts_len)
{
	struct slow_exec *s = aux;

	return kfd_dp_execute(&s->h->dp, pkt, pkt_len, s->up->key,
			      s->up->key_len, acts, acts_len);
}

bool kfd_slow_upcall(const struct kfd_upcall *up)
{
	struct kf_upcall_cookie c;

	return up->cmd == OVS_PACKET_CMD_ACTION && up->userdata &&
	       kf_upcall_cookie_decode(up->userdata, up->userdata_len, &c) &&
	       c.type == KF_COOKIE_SLOW_PATH;
}

static void install_slow_flow(struct kfd_handler *h,
			      const struct kfd_upcall *up,
			      const struct kf_xlate_out *x)
{
	struct nlbuf acts;

	nlbuf_init(&acts, 256);
	if (kf_xlate_put_slow_path(&acts, h->dp.up_pid, x->slow) &&
	    kfd_install(h, up, x, &acts))
		KFD_COUNT(h->d, slow_path_flows, 1);
	nlbuf_free(&acts);
}

void kfd_slow_path(struct kfd_handler *h, const struct kfd_upcall *up,
		   const struct kf_xlate_out *x)
{
	struct slow_exec s = { .h = h, .up = up };
	struct kfd *d = h->d;
	char err[256];
	uint8_t *pkt;
	int n;

	if (up->cmd == OVS_PACKET_CMD_MISS)
		install_slow_flow(h, up, x);
	pkt = malloc(up->packet_len ? up->packet_len : 1);
	if (!pkt) {
		KFD_COUNT(d, slow_path_errors, 1);
		kfd_log(LOG_WARNING, "slow path: out of memory");
		return;
	}
	memcpy(pkt, up->packet, up->packet_len);
	n = kf_slow_execute(nlbuf_data(&x->actions), nlbuf_len(&x->actions),
			    pkt, up->packet_len, exec_one, &s, err,
			    sizeof(err));
	free(pkt);
	if (n < 0) {
		KFD_COUNT(d, slow_path_errors, 1);
		kfd_log(LOG_DEBUG, "%s %s", err,
			n == -EINVAL || n == -EOPNOTSUPP ? "" :
			kfd_dp_errmsg(&h->dp));
		return;
	}
	KFD_COUNT(d, slow_path, 1);
	KFD_COUNT(d, executed, (uint64_t)n);
}
