// SPDX-License-Identifier: GPL-2.0
/*
 * genl_packet.c - the "ovs_packet" generic netlink family.
 *
 * Userspace sends OVS_PACKET_CMD_EXECUTE to run a list of actions on one
 * Ethernet frame, typically the packet of an upcall after it has decided
 * what to do with it.  The frame is rebuilt as an skb, its key is the
 * metadata from OVS_PACKET_ATTR_KEY plus what the frame itself says, and
 * the actions run as on the fast path (RCU, bottom halves disabled),
 * entering from the port named by the key's in_port (or the local port).
 *
 * The family has no multicast group: MISS and ACTION messages (upcall.c)
 * are unicast to the PIDs userspace registered.
 */
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "actions.h"
#include "datapath.h"
#include "flow_key.h"
#include "genl.h"
#include "nl_key.h"
#include "upcall.h"
#include "vport.h"

/*
 * skb->protocol for a frame starting at skb->data, as eth_type_trans()
 * would set it: the EtherType (a VLAN TPID for a tagged frame), or for an
 * 802.3 length field ETH_P_802_3 (raw IPX, payload 0xffff) / ETH_P_802_2.
 */
static __be16 kflow_frame_protocol(const struct sk_buff *skb)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	const __be16 *payload = (const __be16 *)(skb->data + ETH_HLEN);

	if (eth_proto_is_802_3(eth->h_proto))
		return eth->h_proto;
	if (skb->len >= ETH_HLEN + sizeof(*payload) && *payload == htons(0xFFFF))
		return htons(ETH_P_802_3);
	return htons(ETH_P_802_2);
}

/* A fresh skb holding the frame of OVS_PACKET_ATTR_PACKET. */
static struct sk_buff *kflow_packet_build(struct nlattr **a)
{
	const struct nlattr *frame = a[OVS_PACKET_ATTR_PACKET];
	int len = nla_len(frame);
	struct sk_buff *packet;

	packet = __dev_alloc_skb(NET_IP_ALIGN + len, GFP_KERNEL);
	if (!packet)
		return NULL;
	skb_reserve(packet, NET_IP_ALIGN);
	nla_memcpy(__skb_put(packet, len), frame, len);

	skb_reset_mac_header(packet);
	packet->protocol = kflow_frame_protocol(packet);

	memset(KFLOW_CB(packet), 0, sizeof(struct kflow_skb_cb));
	KFLOW_CB(packet)->cutlen = U32_MAX;
	if (a[OVS_PACKET_ATTR_MRU]) {
		KFLOW_CB(packet)->mru = nla_get_u16(a[OVS_PACKET_ATTR_MRU]);
		packet->ignore_df = 1;
	}

	if (a[OVS_PACKET_ATTR_HASH]) {
		u64 hash = nla_get_u64(a[OVS_PACKET_ATTR_HASH]);

		__skb_set_hash(packet, lower_32_bits(hash),
			       !!(hash & KFLOW_PACKET_HASH_SW_BIT),
			       !!(hash & KFLOW_PACKET_HASH_L4_BIT));
	}
	return packet;
}

/* The key: metadata from netlink, the rest from the frame. */
static int kflow_packet_key(struct net *net, struct nlattr **a,
			    struct sk_buff *packet, struct kflow_key *key,
			    struct netlink_ext_ack *extack)
{
	int err;

	err = kflow_nl_key_metadata_from_nl(net, a[OVS_PACKET_ATTR_KEY], key,
					    extack);
	if (err)
		return err;

	err = kflow_key_extract_packet(packet, key);
	if (err) {
		NL_SET_ERR_MSG_ATTR(extack, a[OVS_PACKET_ATTR_PACKET],
				    "Cannot parse the packet's headers");
		return err;
	}

	packet->priority = key->phy.priority;
	packet->mark = key->phy.skb_mark;
	return 0;
}

/*
 * Run @acts on @packet (consumed) in the datapath of @info's header, as
 * if it arrived on the key's in_port, or on the local port if there is
 * no such port.
 */
static int kflow_packet_run(struct genl_info *info, struct sk_buff *packet,
			    const struct kflow_actions *acts,
			    struct kflow_key *key)
{
	struct kflow_vport *input = NULL;
	struct kflow_dp *dp;
	int err;

	rcu_read_lock();
	dp = kflow_dp_from_header(genl_info_net(info), info);
	if (!dp) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "No datapath with this dp_ifindex");
		goto err_unlock;
	}

	if (key->phy.in_port <= U16_MAX)
		input = kflow_vport_lookup(dp, key->phy.in_port);
	if (!input)
		input = kflow_vport_lookup(dp, OVSP_LOCAL);
	if (!input) {
		NL_SET_ERR_MSG_MOD(info->extack, "Datapath is being destroyed");
		goto err_unlock;
	}

	packet->dev = input->dev;
	KFLOW_CB(packet)->input_vport = input;

	local_bh_disable();
	err = kflow_actions_execute(dp, packet, acts, key);
	local_bh_enable();
	rcu_read_unlock();
	return err;

err_unlock:
	rcu_read_unlock();
	kfree_skb(packet);
	return -ENODEV;
}

static int kflow_packet_cmd_execute(struct sk_buff *skb,
				    struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct net *net = genl_info_net(info);
	struct nlattr **a = info->attrs;
	struct kflow_actions *acts;
	struct sk_buff *packet;
	struct kflow_key *key;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, OVS_PACKET_ATTR_PACKET) ||
	    GENL_REQ_ATTR_CHECK(info, OVS_PACKET_ATTR_KEY) ||
	    GENL_REQ_ATTR_CHECK(info, OVS_PACKET_ATTR_ACTIONS)) {
		GENL_SET_ERR_MSG(info, "Execute needs a packet, a key and actions");
		return -EINVAL;
	}

	packet = kflow_packet_build(a);
	if (!packet)
		return -ENOMEM;

	err = -ENOMEM;
	key = kzalloc(sizeof(*key), GFP_KERNEL);
	if (!key)
		goto err_free_packet;

	err = kflow_packet_key(net, a, packet, key, extack);
	if (err)
		goto err_free_key;

	acts = kflow_actions_from_nl(net, a[OVS_PACKET_ATTR_ACTIONS], key,
				     extack);
	if (IS_ERR(acts)) {
		err = PTR_ERR(acts);
		goto err_free_key;
	}

	err = kflow_packet_run(info, packet, acts, key);
	kflow_actions_free(acts);
	kfree(key);
	return err;

err_free_key:
	kfree(key);
err_free_packet:
	kfree_skb(packet);
	return err;
}

static const struct nla_policy kflow_packet_policy[OVS_PACKET_ATTR_MAX + 1] = {
	[OVS_PACKET_ATTR_PACKET] = NLA_POLICY_MIN_LEN(ETH_HLEN),
	[OVS_PACKET_ATTR_KEY] = { .type = NLA_NESTED },
	[OVS_PACKET_ATTR_ACTIONS] = { .type = NLA_NESTED },
	[OVS_PACKET_ATTR_PROBE] = { .type = NLA_FLAG },
	[OVS_PACKET_ATTR_MRU] = { .type = NLA_U16 },
	[OVS_PACKET_ATTR_HASH] = { .type = NLA_U64 },
};

static const struct genl_small_ops kflow_packet_ops[] = {
	{
		.cmd = OVS_PACKET_CMD_EXECUTE,
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = kflow_packet_cmd_execute,
	},
};

struct genl_family kflow_packet_genl_family __ro_after_init = {
	.hdrsize = sizeof(struct ovs_header),
	.name = OVS_PACKET_FAMILY,
	.version = OVS_PACKET_VERSION,
	.maxattr = OVS_PACKET_ATTR_MAX,
	.policy = kflow_packet_policy,
	.netnsok = true,
	.parallel_ops = true,
	.small_ops = kflow_packet_ops,
	.n_small_ops = ARRAY_SIZE(kflow_packet_ops),
	.resv_start_op = OVS_PACKET_CMD_EXECUTE + 1,
	.module = THIS_MODULE,
};
