// SPDX-License-Identifier: GPL-2.0
/*
 * probe.c - what the datapath can execute, found by trying: an IPv4
 * packet is executed (on the local port, with no output) with the action
 * under test; the datapath validates the action list and refuses one it
 * does not know.  Results go to ofproto->caps, which translation reads.
 *
 * dec_ttl: OVS_ACTION_ATTR_DEC_TTL (Linux 5.11+, kflow.ko).  With it,
 * routed megaflows leave the TTL wildcarded and the datapath decrements
 * (and sends TTL-expired packets up); without it translation matches the
 * TTL exactly and writes set(ipv4(ttl)).
 */
#include <linux/openvswitch.h>
#include <string.h>
#include <syslog.h>
#include "kflowd.h"
#include "log.h"
#include "nlbuf.h"

#define PROBE_PKT_LEN 34	/* Ethernet + IPv4 header */

static void probe_packet(uint8_t *p)
{
	static const uint8_t ip[] = { 0x45, 0, 0, 20, 0, 0, 0, 0, 64, 253 };

	memset(p, 0, PROBE_PKT_LEN);
	p[0] = 0x02;			/* locally administered, unicast */
	p[6] = 0x02;
	p[11] = 1;
	p[12] = 0x08;
	memcpy(p + 14, ip, sizeof(ip));	/* protocol 253: experimental */
}

static bool probe_dec_ttl(struct kfd *d)
{
	struct nlbuf key, acts;
	struct nlattr *outer, *inner;
	uint8_t pkt[PROBE_PKT_LEN];
	bool ok = false;

	nlbuf_init(&key, 256);
	nlbuf_init(&acts, 256);
	probe_packet(pkt);
	nlbuf_put_u32(&key, OVS_KEY_ATTR_IN_PORT, OVSP_LOCAL);
	outer = nlbuf_nest_start(&acts, OVS_ACTION_ATTR_DEC_TTL);
	inner = nlbuf_nest_start(&acts, OVS_DEC_TTL_ATTR_ACTION);
	if (outer && inner) {
		nlbuf_nest_end(&acts, inner);	/* expired: drop */
		nlbuf_nest_end(&acts, outer);
		ok = !kfd_dp_execute(&d->dp, pkt, sizeof(pkt),
				     nlbuf_data(&key), nlbuf_len(&key),
				     nlbuf_data(&acts), nlbuf_len(&acts));
	}
	nlbuf_free(&key);
	nlbuf_free(&acts);
	return ok;
}

void kfd_probe_caps(struct kfd *d)
{
	d->ofp->caps.dec_ttl = probe_dec_ttl(d);
	kfd_log(LOG_INFO, "datapath %s: dec_ttl action %s", d->dp.name,
		d->ofp->caps.dec_ttl ? "supported" :
		"not supported (TTL matched exactly, set(ipv4))");
}
