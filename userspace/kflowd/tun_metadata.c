// SPDX-License-Identifier: GPL-2.0
/*
 * tun_metadata.c - the fixed Geneve option map of tun_metadata0..63.
 * See tun_metadata.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/openvswitch.h>
#include <stdio.h>
#include <string.h>
#include "tun_metadata.h"

#define OPT_HLEN 4		/* class(16), type(8), rsvd(3) len(5) */
#define SLOT_LEN 4

int kf_tun_md_from_geneve(const void *opts, size_t len, struct kf_flow *f,
			  char *err, size_t err_len)
{
	const uint8_t *o = opts;
	size_t off = 0, dlen;
	uint32_t v;

	while (off < len) {
		if (len - off < OPT_HLEN)
			goto bad;
		dlen = (size_t)(o[off + 3] & 0x1f) * 4;
		if (len - off - OPT_HLEN < dlen)
			goto bad;
		if ((o[off] << 8 | o[off + 1]) == KF_TUN_MD_CLASS &&
		    o[off + 2] >= KF_TUN_MD_TYPE0 &&
		    o[off + 2] < KF_TUN_MD_TYPE0 + KF_N_TUN_METADATA &&
		    dlen == SLOT_LEN) {
			memcpy(&v, o + off + OPT_HLEN, 4);
			f->tun_metadata[o[off + 2] - KF_TUN_MD_TYPE0] =
				ntohl(v);
		}
		off += OPT_HLEN + dlen;
	}
	return 0;
bad:
	snprintf(err, err_len, "tunnel geneve options: option at byte %zu "
		 "overruns the %zu bytes", off, len);
	return -EINVAL;
}

void kf_tun_md_put_geneve(struct nlbuf *b, const struct kf_flow *sel,
			  const struct kf_flow *val, bool mask)
{
	uint8_t buf[KF_N_TUN_METADATA * (OPT_HLEN + SLOT_LEN)];
	size_t n = 0;
	uint32_t v;
	int i;

	for (i = 0; i < KF_N_TUN_METADATA; i++) {
		if (!sel->tun_metadata[i])
			continue;
		if (mask) {
			memset(buf + n, 0xff, OPT_HLEN);
		} else {
			buf[n] = KF_TUN_MD_CLASS >> 8;
			buf[n + 1] = KF_TUN_MD_CLASS & 0xff;
			buf[n + 2] = (uint8_t)(KF_TUN_MD_TYPE0 + i);
			buf[n + 3] = SLOT_LEN / 4;
		}
		v = htonl(val->tun_metadata[i] & sel->tun_metadata[i]);
		memcpy(buf + n + OPT_HLEN, &v, 4);
		n += OPT_HLEN + SLOT_LEN;
	}
	if (n)
		nlbuf_put(b, OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS, n, buf);
}
