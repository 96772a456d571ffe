// SPDX-License-Identifier: GPL-2.0
/*
 * dpif_packet.c - ovs_packet family: OVS_PACKET_CMD_EXECUTE.
 */
#include <errno.h>
#include <string.h>
#include "nl_priv.h"

int kf_packet_put_attrs(struct nlmsghdr *nlh, size_t room,
			const struct kf_packet_req *req)
{
	if (req->packet_len > UINT16_MAX - MNL_ATTR_HDRLEN ||
	    req->key_len > UINT16_MAX - MNL_ATTR_HDRLEN ||
	    req->actions_len > UINT16_MAX - MNL_ATTR_HDRLEN)
		return -EMSGSIZE;
	if (!mnl_attr_put_check(nlh, room, OVS_PACKET_ATTR_PACKET,
				req->packet_len, req->packet) ||
	    !mnl_attr_put_check(nlh, room, OVS_PACKET_ATTR_KEY, req->key_len,
				req->key) ||
	    !mnl_attr_put_check(nlh, room, OVS_PACKET_ATTR_ACTIONS,
				req->actions_len, req->actions))
		return -EMSGSIZE;
	if (req->mru &&
	    !mnl_attr_put_u16_check(nlh, room, OVS_PACKET_ATTR_MRU, req->mru))
		return -EMSGSIZE;
	if (req->probe &&
	    !mnl_attr_put_check(nlh, room, OVS_PACKET_ATTR_PROBE, 0, NULL))
		return -EMSGSIZE;
	return 0;
}

int kf_packet_execute(struct kf_nl *nl, int dp_ifindex,
		      const struct kf_packet_req *req)
{
	struct nlmsghdr *nlh;
	int err;

	nlh = kf_msg_start(nl, KF_PACKET, OVS_PACKET_CMD_EXECUTE, 0,
			   dp_ifindex);
	err = kf_packet_put_attrs(nlh, kf_msg_room(nl), req);
	if (err)
		return err;
	return kf_transact(nl, nlh, NULL, NULL);
}
