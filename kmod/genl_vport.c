// SPDX-License-Identifier: GPL-2.0
/*
 * genl_vport.c - the ovs_vport generic netlink family: add, delete, get,
 * change and dump the ports of a datapath.
 *
 * A port is named either by OVS_VPORT_ATTR_NAME (its device name in the
 * requester's namespace; a non-zero dp_ifindex must then match its
 * datapath) or by dp_ifindex + OVS_VPORT_ATTR_PORT_NO.  Changes are
 * answered to the requester (NLM_F_ECHO) and multicast to "ovs_vport".
 *
 * Locking: NEW, DEL and SET hold kflow_mutex (the vport types take RTNL
 * inside it); GET and dumps only read, under RCU.  Replies are allocated
 * before the lock, sized for any port, so they cannot fail once a change
 * is made.
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/rculist.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>

#include "datapath.h"
#include "genl.h"
#include "vport.h"

static const struct genl_multicast_group kflow_vport_mcgrps[] = {
	{ .name = OVS_VPORT_MCGROUP },
};

static const struct nla_policy kflow_vport_policy[OVS_VPORT_ATTR_MAX + 1] = {
	[OVS_VPORT_ATTR_NAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[OVS_VPORT_ATTR_STATS] = { .len = sizeof(struct ovs_vport_stats) },
	[OVS_VPORT_ATTR_PORT_NO] = { .type = NLA_U32 },
	[OVS_VPORT_ATTR_TYPE] = { .type = NLA_U32 },
	[OVS_VPORT_ATTR_UPCALL_PID] = { .type = NLA_UNSPEC },
	[OVS_VPORT_ATTR_OPTIONS] = { .type = NLA_NESTED },
	[OVS_VPORT_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_S32, 0),
	[OVS_VPORT_ATTR_NETNSID] = { .type = NLA_S32 },
};

/* RCU or kflow_mutex. */
static int kflow_dp_ifindex(const struct kflow_dp *dp)
{
	const struct kflow_vport *local = kflow_vport_lookup(dp, OVSP_LOCAL);

	return local ? local->dev->ifindex : 0;
}

static size_t kflow_vport_msg_size(void)
{
	return NLMSG_ALIGN(sizeof(struct ovs_header)) +
	       nla_total_size(sizeof(u32)) +		/* PORT_NO */
	       nla_total_size(sizeof(u32)) +		/* TYPE */
	       nla_total_size(IFNAMSIZ) +		/* NAME */
	       nla_total_size(sizeof(u32)) +		/* IFINDEX */
	       nla_total_size(sizeof(s32)) +		/* NETNSID */
	       nla_total_size_64bit(sizeof(struct ovs_vport_stats)) +
	       nla_total_size(nr_cpu_ids * sizeof(u32)) + /* UPCALL_PID */
	       /* OPTIONS: tunnel dst port and extensions, with room to spare */
	       nla_total_size(nla_total_size(sizeof(u16)) +
			      nla_total_size(nla_total_size(0)) + 64);
}

/* The device's namespace, if not the one the message is for. */
static int kflow_vport_put_netnsid(const struct kflow_vport *vport,
				   struct sk_buff *skb, struct net *net)
{
	struct net *dev_netns;
	int err = 0;

	rcu_read_lock();
	dev_netns = dev_net(vport->dev);
	if (!net_eq(net, dev_netns))
		err = nla_put_s32(skb, OVS_VPORT_ATTR_NETNSID,
				  peernet2id_alloc(net, dev_netns, GFP_ATOMIC));
	rcu_read_unlock();
	return err;
}

/* RCU or kflow_mutex. */
static int kflow_vport_fill_info(struct kflow_vport *vport,
				 struct sk_buff *skb, struct net *net,
				 u32 portid, u32 seq, u32 flags, u8 cmd)
{
	struct ovs_vport_stats stats;
	struct ovs_header *hdr;

	hdr = genlmsg_put(skb, portid, seq, &kflow_vport_genl_family, flags,
			  cmd);
	if (!hdr)
		return -EMSGSIZE;
	hdr->dp_ifindex = kflow_dp_ifindex(vport->dp);

	kflow_vport_get_stats(vport, &stats);
	if (nla_put_u32(skb, OVS_VPORT_ATTR_PORT_NO, vport->port_no) ||
	    nla_put_u32(skb, OVS_VPORT_ATTR_TYPE, vport->ops->type) ||
	    nla_put_string(skb, OVS_VPORT_ATTR_NAME, vport->dev->name) ||
	    nla_put_u32(skb, OVS_VPORT_ATTR_IFINDEX, vport->dev->ifindex) ||
	    kflow_vport_put_netnsid(vport, skb, net) ||
	    nla_put_64bit(skb, OVS_VPORT_ATTR_STATS, sizeof(stats), &stats,
			  OVS_VPORT_ATTR_PAD) ||
	    kflow_vport_get_upcall_portids(vport, skb) ||
	    kflow_vport_get_options(vport, skb) == -EMSGSIZE) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

struct sk_buff *kflow_vport_cmd_build_info(struct kflow_vport *vport,
					   struct net *net, u32 portid,
					   u32 seq, u8 cmd, gfp_t gfp)
{
	struct sk_buff *skb;
	int err;

	skb = genlmsg_new(kflow_vport_msg_size(), gfp);
	if (!skb)
		return ERR_PTR(-ENOMEM);
	err = kflow_vport_fill_info(vport, skb, net, portid, seq, 0, cmd);
	if (err) {
		kfree_skb(skb);
		return ERR_PTR(err);
	}
	return skb;
}

/*
 * Fill the preallocated @reply for @info.  It is sized for any port, so a
 * failure is a kflow bug: the change stands and only the reply is lost.
 */
static struct sk_buff *kflow_vport_build_reply(struct kflow_vport *vport,
					       struct sk_buff *reply,
					       struct genl_info *info, u8 cmd)
{
	if (WARN_ON_ONCE(kflow_vport_fill_info(vport, reply,
					       genl_info_net(info),
					       info->snd_portid,
					       info->snd_seq, 0, cmd))) {
		kfree_skb(reply);
		return NULL;
	}
	return reply;
}

/* Echo to the requester if asked, and tell the group.  No locks held. */
static void kflow_vport_notify(struct sk_buff *reply, struct genl_info *info)
{
	if (reply)
		genl_notify(&kflow_vport_genl_family, reply, info, 0,
			    GFP_KERNEL);
}

static int kflow_vport_check_pids(const struct nlattr *attr,
				  struct netlink_ext_ack *extack)
{
	int len = nla_len(attr);

	if (!len || len % sizeof(u32) || len / sizeof(u32) > nr_cpu_ids) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "Upcall PIDs must be 1 to nr_cpu_ids u32 values");
		return -EINVAL;
	}
	return 0;
}

/* The port a request names.  RCU or kflow_mutex. */
static struct kflow_vport *kflow_vport_from_req(struct genl_info *info)
{
	const struct ovs_header *hdr = info->userhdr;
	struct net *net = genl_info_net(info);
	struct nlattr **a = info->attrs;
	struct kflow_vport *vport;
	struct kflow_dp *dp;
	u32 port_no;

	if (a[OVS_VPORT_ATTR_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[OVS_VPORT_ATTR_IFINDEX],
				    "Ports cannot be looked up by ifindex");
		return ERR_PTR(-EOPNOTSUPP);
	}

	if (a[OVS_VPORT_ATTR_NAME]) {
		vport = kflow_vport_locate(net, nla_data(a[OVS_VPORT_ATTR_NAME]));
		if (!vport || (hdr->dp_ifindex &&
			       hdr->dp_ifindex != kflow_dp_ifindex(vport->dp))) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    a[OVS_VPORT_ATTR_NAME],
					    "No such port");
			return ERR_PTR(-ENODEV);
		}
		return vport;
	}

	if (!a[OVS_VPORT_ATTR_PORT_NO]) {
		NL_SET_ERR_MSG_MOD(info->extack, "Port name or number required");
		return ERR_PTR(-EINVAL);
	}
	port_no = nla_get_u32(a[OVS_VPORT_ATTR_PORT_NO]);
	if (port_no >= KFLOW_MAX_PORTS) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[OVS_VPORT_ATTR_PORT_NO],
				    "Port number out of range");
		return ERR_PTR(-EFBIG);
	}
	dp = kflow_dp_from_header(net, info);
	if (!dp) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "No datapath with this dp_ifindex");
		return ERR_PTR(-ENODEV);
	}
	vport = kflow_vport_lookup(dp, port_no);
	if (!vport) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[OVS_VPORT_ATTR_PORT_NO],
				    "No such port");
		return ERR_PTR(-ENODEV);
	}
	return vport;
}

/* kflow_mutex held.  Every port gets the largest forwarding headroom. */
static void kflow_dp_set_headroom(struct kflow_dp *dp, unsigned int headroom)
{
	struct kflow_vport *vport;
	int i;

	dp->max_headroom = headroom;
	for (i = 0; i < KFLOW_VPORT_HASH_BUCKETS; i++)
		hlist_for_each_entry(vport, &dp->ports[i], dp_hash_node)
			netdev_set_rx_headroom(vport->dev, headroom);
}

static unsigned int kflow_dp_max_headroom(const struct kflow_dp *dp)
{
	unsigned int max = 0, headroom;
	struct kflow_vport *vport;
	int i;

	for (i = 0; i < KFLOW_VPORT_HASH_BUCKETS; i++) {
		hlist_for_each_entry(vport, &dp->ports[i], dp_hash_node) {
			headroom = netdev_get_fwd_headroom(vport->dev);
			max = max(max, headroom);
		}
	}
	return max;
}

/* Request checks that need no lock. */
static int kflow_vport_new_check(struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	u32 type;

	if (GENL_REQ_ATTR_CHECK(info, OVS_VPORT_ATTR_NAME) ||
	    GENL_REQ_ATTR_CHECK(info, OVS_VPORT_ATTR_TYPE) ||
	    GENL_REQ_ATTR_CHECK(info, OVS_VPORT_ATTR_UPCALL_PID)) {
		GENL_SET_ERR_MSG(info, "Name, type and upcall PID are required");
		return -EINVAL;
	}

	type = nla_get_u32(a[OVS_VPORT_ATTR_TYPE]);
	if (a[OVS_VPORT_ATTR_IFINDEX] && type != OVS_VPORT_TYPE_INTERNAL) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[OVS_VPORT_ATTR_IFINDEX],
				    "Only internal ports take an ifindex");
		return -EOPNOTSUPP;
	}
	if (a[OVS_VPORT_ATTR_PORT_NO] &&
	    nla_get_u32(a[OVS_VPORT_ATTR_PORT_NO]) >= KFLOW_MAX_PORTS) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[OVS_VPORT_ATTR_PORT_NO],
				    "Port number out of range");
		return -EFBIG;
	}
	return kflow_vport_check_pids(a[OVS_VPORT_ATTR_UPCALL_PID],
				      info->extack);
}

/* kflow_mutex held.  The requested port number if free, else the lowest. */
static int kflow_vport_pick_port(struct kflow_dp *dp, struct genl_info *info,
				 u16 *port_no)
{
	struct nlattr *attr = info->attrs[OVS_VPORT_ATTR_PORT_NO];
	u32 n = attr ? nla_get_u32(attr) : 0;

	if (n) {
		if (kflow_vport_lookup(dp, n)) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "Port number in use");
			return -EBUSY;
		}
		*port_no = n;
		return 0;
	}
	for (n = 1; n < KFLOW_MAX_PORTS; n++) {
		if (!kflow_vport_lookup(dp, n)) {
			*port_no = n;
			return 0;
		}
	}
	NL_SET_ERR_MSG_MOD(info->extack, "No free port number");
	return -EFBIG;
}

/* kflow_mutex held.  Create the port described by @info on @dp. */
static struct kflow_vport *kflow_vport_new(struct kflow_dp *dp,
					   struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct kflow_vport_parms parms = {
		.name = nla_data(a[OVS_VPORT_ATTR_NAME]),
		.type = nla_get_u32(a[OVS_VPORT_ATTR_TYPE]),
		.options = a[OVS_VPORT_ATTR_OPTIONS],
		.dp = dp,
		.upcall_portids = a[OVS_VPORT_ATTR_UPCALL_PID],
	};
	struct kflow_vport *vport;
	unsigned int headroom;
	int err;

	err = kflow_vport_pick_port(dp, info, &parms.port_no);
	if (err)
		return ERR_PTR(err);
	if (a[OVS_VPORT_ATTR_IFINDEX])
		parms.desired_ifindex = nla_get_s32(a[OVS_VPORT_ATTR_IFINDEX]);

	vport = kflow_vport_add(&parms, info->extack);
	if (IS_ERR(vport)) {
		/* The type said why; point at what it refused. */
		if (info->extack && !info->extack->bad_attr)
			NL_SET_BAD_ATTR(info->extack,
					PTR_ERR(vport) == -EAFNOSUPPORT ?
					a[OVS_VPORT_ATTR_TYPE] :
					a[OVS_VPORT_ATTR_NAME]);
		return vport;
	}

	headroom = netdev_get_fwd_headroom(vport->dev);
	if (headroom > dp->max_headroom)
		kflow_dp_set_headroom(dp, headroom);
	else
		netdev_set_rx_headroom(vport->dev, dp->max_headroom);
	return vport;
}

static int kflow_vport_cmd_new(struct sk_buff *skb, struct genl_info *info)
{
	struct kflow_vport *vport;
	struct sk_buff *reply;
	struct kflow_dp *dp;
	int err;

	err = kflow_vport_new_check(info);
	if (err)
		return err;
	reply = genlmsg_new(kflow_vport_msg_size(), GFP_KERNEL);
	if (!reply)
		return -ENOMEM;

	kflow_lock();
	dp = kflow_dp_from_header(genl_info_net(info), info);
	if (!dp) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "No datapath with this dp_ifindex");
		err = -ENODEV;
		goto err_unlock;
	}
	vport = kflow_vport_new(dp, info);
	if (IS_ERR(vport)) {
		err = PTR_ERR(vport);
		goto err_unlock;
	}
	reply = kflow_vport_build_reply(vport, reply, info, OVS_VPORT_CMD_NEW);
	kflow_unlock();

	kflow_vport_notify(reply, info);
	return 0;

err_unlock:
	kflow_unlock();
	kfree_skb(reply);
	return err;
}

static int kflow_vport_cmd_del(struct sk_buff *skb, struct genl_info *info)
{
	struct kflow_vport *vport;
	struct sk_buff *reply;
	bool was_max;
	struct kflow_dp *dp;
	int err;

	reply = genlmsg_new(kflow_vport_msg_size(), GFP_KERNEL);
	if (!reply)
		return -ENOMEM;

	kflow_lock();
	vport = kflow_vport_from_req(info);
	if (IS_ERR(vport)) {
		err = PTR_ERR(vport);
		goto err_unlock;
	}
	if (vport->port_no == OVSP_LOCAL) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[OVS_VPORT_ATTR_NAME] ?:
				    info->attrs[OVS_VPORT_ATTR_PORT_NO],
				    "The local port goes only with its datapath");
		err = -EINVAL;
		goto err_unlock;
	}
	reply = kflow_vport_build_reply(vport, reply, info, OVS_VPORT_CMD_DEL);

	dp = vport->dp;
	was_max = netdev_get_fwd_headroom(vport->dev) == dp->max_headroom;
	netdev_reset_rx_headroom(vport->dev);
	kflow_vport_del(vport);
	if (was_max)
		kflow_dp_set_headroom(dp, kflow_dp_max_headroom(dp));
	kflow_unlock();

	kflow_vport_notify(reply, info);
	return 0;

err_unlock:
	kflow_unlock();
	kfree_skb(reply);
	return err;
}

static int kflow_vport_cmd_get(struct sk_buff *skb, struct genl_info *info)
{
	struct kflow_vport *vport;
	struct sk_buff *reply;
	int err;

	reply = genlmsg_new(kflow_vport_msg_size(), GFP_KERNEL);
	if (!reply)
		return -ENOMEM;

	rcu_read_lock();
	vport = kflow_vport_from_req(info);
	if (IS_ERR(vport))
		err = PTR_ERR(vport);
	else
		err = kflow_vport_fill_info(vport, reply, genl_info_net(info),
					    info->snd_portid, info->snd_seq,
					    0, OVS_VPORT_CMD_GET);
	rcu_read_unlock();

	if (err) {
		kfree_skb(reply);
		return err;
	}
	return genlmsg_reply(reply, info);
}

/* kflow_mutex held.  Only the upcall PIDs of a port can change. */
static int kflow_vport_set(struct kflow_vport *vport, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	int err;

	if (a[OVS_VPORT_ATTR_TYPE] &&
	    nla_get_u32(a[OVS_VPORT_ATTR_TYPE]) != vport->ops->type) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[OVS_VPORT_ATTR_TYPE],
				    "Port type does not match");
		return -EINVAL;
	}
	if (a[OVS_VPORT_ATTR_OPTIONS]) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[OVS_VPORT_ATTR_OPTIONS],
				    "Port options cannot be changed");
		return -EOPNOTSUPP;
	}
	if (!a[OVS_VPORT_ATTR_UPCALL_PID])
		return 0;

	err = kflow_vport_check_pids(a[OVS_VPORT_ATTR_UPCALL_PID],
				     info->extack);
	if (!err)
		err = kflow_vport_set_upcall_portids(vport,
						     a[OVS_VPORT_ATTR_UPCALL_PID]);
	if (err == -ENOMEM)
		NL_SET_ERR_MSG_MOD(info->extack, "Out of memory for upcall PIDs");
	return err;
}

static int kflow_vport_cmd_set(struct sk_buff *skb, struct genl_info *info)
{
	struct kflow_vport *vport;
	struct sk_buff *reply;
	int err;

	reply = genlmsg_new(kflow_vport_msg_size(), GFP_KERNEL);
	if (!reply)
		return -ENOMEM;

	kflow_lock();
	vport = kflow_vport_from_req(info);
	err = IS_ERR(vport) ? PTR_ERR(vport) : kflow_vport_set(vport, info);
	if (err) {
		kflow_unlock();
		kfree_skb(reply);
		return err;
	}
	reply = kflow_vport_build_reply(vport, reply, info, OVS_VPORT_CMD_SET);
	kflow_unlock();

	kflow_vport_notify(reply, info);
	return 0;
}

/* cb->args[0]: hash bucket, cb->args[1]: ports of it already sent. */
static int kflow_vport_cmd_dump(struct sk_buff *skb,
				struct netlink_callback *cb)
{
	const struct ovs_header *hdr = genlmsg_data(nlmsg_data(cb->nlh));
	long bucket = cb->args[0], skip = cb->args[1], i, j = 0;
	struct kflow_vport *vport;
	struct kflow_dp *dp;

	rcu_read_lock();
	dp = kflow_dp_get(sock_net(skb->sk), hdr->dp_ifindex);
	if (!dp) {
		rcu_read_unlock();
		NL_SET_ERR_MSG_MOD(cb->extack, "No datapath with this dp_ifindex");
		return -ENODEV;
	}
	for (i = bucket; i < KFLOW_VPORT_HASH_BUCKETS; i++) {
		j = 0;
		hlist_for_each_entry_rcu(vport, &dp->ports[i], dp_hash_node) {
			if (j >= skip &&
			    kflow_vport_fill_info(vport, skb, sock_net(skb->sk),
						  NETLINK_CB(cb->skb).portid,
						  cb->nlh->nlmsg_seq,
						  NLM_F_MULTI,
						  OVS_VPORT_CMD_GET) < 0)
				goto out;
			j++;
		}
		skip = 0;
	}
out:
	rcu_read_unlock();
	cb->args[0] = i;
	cb->args[1] = j;
	return skb->len;
}

static const struct genl_small_ops kflow_vport_ops[] = {
	{
		.cmd = OVS_VPORT_CMD_NEW,
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = kflow_vport_cmd_new,
	},
	{
		.cmd = OVS_VPORT_CMD_DEL,
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = kflow_vport_cmd_del,
	},
	{
		.cmd = OVS_VPORT_CMD_GET,
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
		.doit = kflow_vport_cmd_get,
		.dumpit = kflow_vport_cmd_dump,
	},
	{
		.cmd = OVS_VPORT_CMD_SET,
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = kflow_vport_cmd_set,
	},
};

struct genl_family kflow_vport_genl_family __ro_after_init = {
	.hdrsize = sizeof(struct ovs_header),
	.name = OVS_VPORT_FAMILY,
	.version = OVS_VPORT_VERSION,
	.maxattr = OVS_VPORT_ATTR_MAX,
	.policy = kflow_vport_policy,
	.netnsok = true,
	.parallel_ops = true,
	.small_ops = kflow_vport_ops,
	.n_small_ops = ARRAY_SIZE(kflow_vport_ops),
	.resv_start_op = OVS_VPORT_CMD_SET + 1,
	.mcgrps = kflow_vport_mcgrps,
	.n_mcgrps = ARRAY_SIZE(kflow_vport_mcgrps),
	.module = THIS_MODULE,
};
