// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_dpif_reply.c - libFuzzer harness for the tools' parsing of what
 * the datapath sends back (lib/dpif_*.c), and kflow-dpctl's printing of
 * the keys, masks and actions in it (lib/odp_*format.c).
 *
 * Input: one selector byte (which family's reply), then the generic
 * netlink payload: struct genlmsghdr, struct ovs_header, attributes.  The
 * harness puts it behind a netlink header, as the socket layer would.
 * (regress/fuzz_dpif_reply/unaligned_msg_len: a length not a multiple of
 * 4 let the last attribute end past an exactly sized buffer - libmnl's
 * rule, not a parser bug, hence the padded buffer below.)
 */
#include <stdlib.h>
#include <string.h>
#include "dpif.h"
#include "fuzz.h"
#include "odp.h"

static void print_flow(const struct nlmsghdr *nlh)
{
	struct odp_portmap map = { NULL, 0, 0 };
	struct kf_flow f;
	struct strbuf sb;

	if (kf_flow_parse(nlh, &f))
		return;
	odp_portmap_add(&map, 1, "p1");
	sb_init(&sb);
	odp_key_format(&sb, f.key, f.key_len, f.mask, f.mask_len, &map,
		       false);
	odp_key_format(&sb, f.key, f.key_len, f.mask, f.mask_len, &map,
		       true);
	odp_key_format(&sb, f.key, f.key_len, NULL, 0, NULL, false);
	if (f.has_actions)
		odp_actions_format(&sb, f.actions, f.actions_len, &map);
	sb_free(&sb);
	odp_portmap_free(&map);
	kf_flow_free(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kf_vport vport;
	struct nlmsghdr *nlh;
	struct kf_dp dp;
	size_t len;

	if (size < 1 || size > 65536)
		return 0;
	len = MNL_NLMSG_HDRLEN + size - 1;
	/*
	 * Sized to the aligned length: libmnl walks attributes up to
	 * MNL_ALIGN(nlmsg_len), as the kernel pads every message (a reply
	 * in a receive buffer always has those bytes); any read beyond is
	 * the parser's bug.
	 */
	nlh = calloc(1, MNL_ALIGN(len));
	if (!nlh)
		return 0;
	nlh->nlmsg_len = len;
	memcpy((char *)nlh + MNL_NLMSG_HDRLEN, data + 1, size - 1);
	switch (data[0] % 3) {
	case 0:
		kf_dp_parse(nlh, &dp);
		break;
	case 1:
		kf_vport_parse(nlh, &vport);
		break;
	default:
		print_flow(nlh);
		break;
	}
	free(nlh);
	return 0;
}
