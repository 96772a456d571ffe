// SPDX-License-Identifier: GPL-2.0
/*
 * genl_dp.c - the "ovs_datapath" generic netlink family.
 *
 * NEW creates a datapath and its local port, DEL destroys it, SET changes
 * its user features, mask cache size and per-CPU upcall PIDs, GET/dump
 * report it.  NEW, DEL and SET answer with the datapath's full state and
 * send the same message to the "ovs_datapath" multicast group.
 *
 * Requests are parsed and every allocation they need is made before
 * kflow_mutex is taken; under the mutex only the lookup, the change and
 * the reply are done.
 */
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "datapath.h"
#include "flow_table.h"
#include "genl.h"
#include "vport.h"

/* A parsed OVS_DP_CMD_NEW/SET request, ready to apply. */
struct kflow_dp_change {
	u32 user_features;
	bool set_cache_size;
	u32 cache_size;
	struct kflow_dp_pids *pids;	/* NULL: keep the current PIDs */
};

static const struct genl_multicast_group kflow_dp_mcgrps[] = {
	{ .name = OVS_DATAPATH_MCGROUP },
};

struct kflow_dp *kflow_dp_from_header(struct net *net,
				      const struct genl_info *info)
{
	const struct ovs_header *hdr = info->userhdr;

	return kflow_dp_get(net, hdr->dp_ifindex);
}

static size_t kflow_dp_msg_size(void)
{
	return NLMSG_ALIGN(sizeof(struct ovs_header)) +
	       nla_total_size(IFNAMSIZ) +
	       nla_total_size_64bit(sizeof(struct ovs_dp_stats)) +
	       nla_total_size_64bit(sizeof(struct ovs_dp_megaflow_stats)) +
	       nla_total_size(sizeof(u32)) +		/* USER_FEATURES */
	       nla_total_size(sizeof(u32)) +		/* MASKS_CACHE_SIZE */
	       nla_total_size(sizeof(u32) * nr_cpu_ids); /* PER_CPU_PIDS */
}

static void kflow_dp_get_stats(const struct kflow_dp *dp,
			       struct ovs_dp_stats *st,
			       struct ovs_dp_megaflow_stats *mst)
{
	int cpu;

	memset(st, 0, sizeof(*st));
	memset(mst, 0, sizeof(*mst));
	st->n_flows = kflow_table_count(&dp->table);
	mst->n_masks = kflow_table_num_masks(&dp->table);

	for_each_possible_cpu(cpu) {
		const struct kflow_dp_stats_percpu *pcpu;
		struct kflow_dp_stats_percpu tmp;
		unsigned int start;

		pcpu = per_cpu_ptr(dp->stats, cpu);
		do {
			start = u64_stats_fetch_begin(&pcpu->syncp);
			tmp.n_hit = pcpu->n_hit;
			tmp.n_missed = pcpu->n_missed;
			tmp.n_lost = pcpu->n_lost;
			tmp.n_mask_hit = pcpu->n_mask_hit;
			tmp.n_cache_hit = pcpu->n_cache_hit;
		} while (u64_stats_fetch_retry(&pcpu->syncp, start));

		st->n_hit += tmp.n_hit;
		st->n_missed += tmp.n_missed;
		st->n_lost += tmp.n_lost;
		mst->n_mask_hit += tmp.n_mask_hit;
		mst->n_cache_hit += tmp.n_cache_hit;
	}
}

static int kflow_dp_put_pids(const struct kflow_dp *dp, struct sk_buff *skb)
{
	const struct kflow_dp_pids *pids = kflow_dereference(dp->upcall_pids);

	if (!(dp->user_features & OVS_DP_F_DISPATCH_UPCALL_PER_CPU) || !pids)
		return 0;
	return nla_put(skb, OVS_DP_ATTR_PER_CPU_PIDS,
		       min(pids->n_pids, nr_cpu_ids) * sizeof(u32), pids->pids);
}

/* kflow_mutex held. */
static int kflow_dp_fill_info(struct kflow_dp *dp, struct sk_buff *skb,
			      u32 portid, u32 seq, u32 flags, u8 cmd)
{
	struct ovs_dp_megaflow_stats mst;
	struct kflow_vport *local;
	struct ovs_header *hdr;
	struct ovs_dp_stats st;

	hdr = genlmsg_put(skb, portid, seq, &kflow_dp_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;

	local = kflow_vport_lookup(dp, OVSP_LOCAL);
	hdr->dp_ifindex = local ? local->dev->ifindex : 0;
	kflow_dp_get_stats(dp, &st, &mst);

	if (nla_put_string(skb, OVS_DP_ATTR_NAME, kflow_dp_name(dp)) ||
	    nla_put_64bit(skb, OVS_DP_ATTR_STATS, sizeof(st), &st,
			  OVS_DP_ATTR_PAD) ||
	    nla_put_64bit(skb, OVS_DP_ATTR_MEGAFLOW_STATS, sizeof(mst), &mst,
			  OVS_DP_ATTR_PAD) ||
	    nla_put_u32(skb, OVS_DP_ATTR_USER_FEATURES, dp->user_features) ||
	    nla_put_u32(skb, OVS_DP_ATTR_MASKS_CACHE_SIZE,
			kflow_table_cache_size(&dp->table)) ||
	    kflow_dp_put_pids(dp, skb)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}

	genlmsg_end(skb, hdr);
	return 0;
}

/*
 * Build the reply to @info (kflow_mutex held).  The message is sized for
 * any datapath, so this cannot fail short of a bug; then it is dropped.
 */
static struct sk_buff *kflow_dp_build_reply(struct kflow_dp *dp,
					    struct sk_buff *reply,
					    struct genl_info *info, u8 cmd)
{
	if (WARN_ON_ONCE(kflow_dp_fill_info(dp, reply, info->snd_portid,
					    info->snd_seq, 0, cmd))) {
		kfree_skb(reply);
		return NULL;
	}
	return reply;
}

/* Send the reply (if echo was asked) and notify the group.  No locks. */
static void kflow_dp_notify(struct sk_buff *reply, struct genl_info *info)
{
	if (reply)
		genl_notify(&kflow_dp_genl_family, reply, info, 0, GFP_KERNEL);
}

static struct kflow_dp *kflow_dp_by_name(struct net *net, const char *name)
{
	struct kflow_vport *vport = kflow_vport_locate(net, name);

	return vport && vport->port_no == OVSP_LOCAL ? vport->dp : NULL;
}

/* By OVS_DP_ATTR_NAME if present, else by ovs_header.  kflow_mutex. */
static struct kflow_dp *kflow_dp_lookup(struct genl_info *info)
{
	struct nlattr *name = info->attrs[OVS_DP_ATTR_NAME];
	struct net *net = genl_info_net(info);
	struct kflow_dp *dp;

	if (name) {
		dp = kflow_dp_by_name(net, nla_data(name));
		if (!dp)
			NL_SET_ERR_MSG_ATTR(info->extack, name,
					    "No datapath with this name");
	} else {
		dp = kflow_dp_from_header(net, info);
		if (!dp)
			NL_SET_ERR_MSG_MOD(info->extack,
					   "No datapath with this dp_ifindex");
	}
	return dp;
}

static struct kflow_dp_pids *kflow_dp_parse_pids(const struct nlattr *attr,
						 struct netlink_ext_ack *extack)
{
	struct kflow_dp_pids *pids;
	int len = nla_len(attr);

	if (!len || len % sizeof(u32)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "Per-CPU PIDs must be a non-empty u32 array");
		return ERR_PTR(-EINVAL);
	}
	pids = kmalloc(struct_size(pids, pids, len / sizeof(u32)), GFP_KERNEL);
	if (!pids)
		return ERR_PTR(-ENOMEM);
	pids->n_pids = len / sizeof(u32);
	nla_memcpy(pids->pids, attr, len);
	return pids;
}

/*
 * Like the stock datapath, an absent OVS_DP_ATTR_USER_FEATURES means no
 * features: userspace always sends the full set.
 */
static int kflow_dp_parse_change(struct genl_info *info,
				 struct kflow_dp_change *chg)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **a = info->attrs;
	struct nlattr *attr;

	memset(chg, 0, sizeof(*chg));

	attr = a[OVS_DP_ATTR_USER_FEATURES];
	if (attr) {
		chg->user_features = nla_get_u32(attr);
		if (chg->user_features & ~KFLOW_DP_F_SUPPORTED) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "Unsupported datapath feature");
			return -EOPNOTSUPP;
		}
	}

	attr = a[OVS_DP_ATTR_MASKS_CACHE_SIZE];
	if (attr) {
		chg->set_cache_size = true;
		chg->cache_size = nla_get_u32(attr);
		if (chg->cache_size && !is_power_of_2(chg->cache_size)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "Mask cache size must be 0 or a power of 2");
			return -EINVAL;
		}
	}

	attr = a[OVS_DP_ATTR_PER_CPU_PIDS];
	if (attr && chg->user_features & OVS_DP_F_DISPATCH_UPCALL_PER_CPU) {
		chg->pids = kflow_dp_parse_pids(attr, extack);
		if (IS_ERR(chg->pids)) {
			int err = PTR_ERR(chg->pids);

			chg->pids = NULL;
			return err;
		}
	}
	return 0;
}

/* kflow_mutex held.  Takes the PIDs from @chg on success. */
static int kflow_dp_apply_change(struct kflow_dp *dp,
				 struct kflow_dp_change *chg,
				 struct netlink_ext_ack *extack)
{
	struct kflow_dp_pids *old;
	int err;

	if (chg->set_cache_size &&
	    chg->cache_size != kflow_table_cache_size(&dp->table)) {
		err = kflow_table_set_cache_size(&dp->table, chg->cache_size);
		if (err) {
			NL_SET_ERR_MSG_MOD(extack,
					   "Cannot resize the mask cache");
			return err;
		}
	}

	WRITE_ONCE(dp->user_features, chg->user_features);

	if (chg->pids) {
		old = kflow_dereference(dp->upcall_pids);
		rcu_assign_pointer(dp->upcall_pids, chg->pids);
		chg->pids = NULL;
		if (old)
			kfree_rcu(old, rcu);
	}
	return 0;
}

/*
 * A pre-feature userspace (genl version < OVS_DP_VER_FEATURES) that finds
 * its datapath already present will reuse it without knowing about the
 * features a newer instance negotiated: drop them.  kflow_mutex held.
 */
static void kflow_dp_reset_features(struct genl_info *info)
{
	struct kflow_dp *dp;

	if (info->genlhdr->version >= OVS_DP_VER_FEATURES)
		return;
	dp = kflow_dp_by_name(genl_info_net(info),
			      nla_data(info->attrs[OVS_DP_ATTR_NAME]));
	if (!dp)
		return;
	pr_warn("kflow: %s: dropping previously announced user features\n",
		kflow_dp_name(dp));
	WRITE_ONCE(dp->user_features, 0);
}

static int kflow_dp_create_locked(struct kflow_dp *dp,
				  struct kflow_dp_change *chg,
				  struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct kflow_vport_parms local = {
		.name = nla_data(a[OVS_DP_ATTR_NAME]),
		.upcall_portids = a[OVS_DP_ATTR_UPCALL_PID],
	};
	int err;

	if (a[OVS_DP_ATTR_IFINDEX])
		local.desired_ifindex = nla_get_s32(a[OVS_DP_ATTR_IFINDEX]);

	err = kflow_dp_apply_change(dp, chg, info->extack);
	if (err)
		return err;

	err = kflow_dp_publish(dp, &local, info->extack);
	if (err == -EBUSY)
		err = -EEXIST;
	if (err == -EEXIST)
		kflow_dp_reset_features(info);
	return err;
}

static int kflow_dp_cmd_new(struct sk_buff *skb, struct genl_info *info)
{
	struct kflow_dp_change chg;
	struct sk_buff *reply;
	struct kflow_dp *dp;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, OVS_DP_ATTR_NAME) ||
	    GENL_REQ_ATTR_CHECK(info, OVS_DP_ATTR_UPCALL_PID)) {
		GENL_SET_ERR_MSG(info, "A new datapath needs a name and an upcall PID");
		return -EINVAL;
	}

	err = kflow_dp_parse_change(info, &chg);
	if (err)
		return err;

	err = -ENOMEM;
	reply = genlmsg_new(kflow_dp_msg_size(), GFP_KERNEL);
	if (!reply)
		goto err_free_pids;
	dp = kflow_dp_alloc(genl_info_net(info));
	if (!dp)
		goto err_free_reply;

	kflow_lock();
	err = kflow_dp_create_locked(dp, &chg, info);
	if (err) {
		kflow_dp_free(dp);
		kflow_unlock();
		goto err_free_reply;
	}
	reply = kflow_dp_build_reply(dp, reply, info, OVS_DP_CMD_NEW);
	kflow_unlock();

	kflow_dp_notify(reply, info);
	return 0;

err_free_reply:
	kfree_skb(reply);
err_free_pids:
	kfree(chg.pids);
	return err;
}

static int kflow_dp_cmd_del(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *reply;
	struct kflow_dp *dp;

	reply = genlmsg_new(kflow_dp_msg_size(), GFP_KERNEL);
	if (!reply)
		return -ENOMEM;

	kflow_lock();
	dp = kflow_dp_lookup(info);
	if (!dp) {
		kflow_unlock();
		kfree_skb(reply);
		return -ENODEV;
	}
	/* The notification describes the datapath as it was. */
	reply = kflow_dp_build_reply(dp, reply, info, OVS_DP_CMD_DEL);
	kflow_dp_destroy(dp);
	kflow_unlock();

	kflow_dp_notify(reply, info);
	return 0;
}

static int kflow_dp_cmd_set(struct sk_buff *skb, struct genl_info *info)
{
	struct kflow_dp_change chg;
	struct sk_buff *reply;
	struct kflow_dp *dp;
	int err;

	err = kflow_dp_parse_change(info, &chg);
	if (err)
		return err;

	err = -ENOMEM;
	reply = genlmsg_new(kflow_dp_msg_size(), GFP_KERNEL);
	if (!reply)
		goto err_free_pids;

	kflow_lock();
	dp = kflow_dp_lookup(info);
	err = dp ? kflow_dp_apply_change(dp, &chg, info->extack) : -ENODEV;
	if (err) {
		kflow_unlock();
		kfree_skb(reply);
		goto err_free_pids;
	}
	reply = kflow_dp_build_reply(dp, reply, info, OVS_DP_CMD_SET);
	kflow_unlock();

	kflow_dp_notify(reply, info);
	return 0;

err_free_pids:
	kfree(chg.pids);
	return err;
}

static int kflow_dp_cmd_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *reply;
	struct kflow_dp *dp;
	int err;

	reply = genlmsg_new(kflow_dp_msg_size(), GFP_KERNEL);
	if (!reply)
		return -ENOMEM;

	kflow_lock();
	dp = kflow_dp_lookup(info);
	err = dp ? kflow_dp_fill_info(dp, reply, info->snd_portid,
				      info->snd_seq, 0, OVS_DP_CMD_GET) :
		   -ENODEV;
	kflow_unlock();

	if (err) {
		kfree_skb(reply);
		return err;
	}
	return genlmsg_reply(reply, info);
}

static int kflow_dp_cmd_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	long skip = cb->args[0], i = 0;
	struct kflow_dp *dp;

	kflow_lock();
	list_for_each_entry(dp, kflow_dp_list(net), list_node) {
		if (i >= skip &&
		    kflow_dp_fill_info(dp, skb, NETLINK_CB(cb->skb).portid,
				       cb->nlh->nlmsg_seq, NLM_F_MULTI,
				       OVS_DP_CMD_GET))
			break;
		i++;
	}
	kflow_unlock();

	cb->args[0] = i;
	return skb->len;
}

static struct netlink_range_validation kflow_dp_cache_range = {
	.max = KFLOW_MASK_CACHE_MAX,
};

static const struct nla_policy kflow_dp_policy[OVS_DP_ATTR_MAX + 1] = {
	[OVS_DP_ATTR_NAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[OVS_DP_ATTR_UPCALL_PID] = { .type = NLA_U32 },
	[OVS_DP_ATTR_USER_FEATURES] = { .type = NLA_U32 },
	[OVS_DP_ATTR_MASKS_CACHE_SIZE] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &kflow_dp_cache_range),
	[OVS_DP_ATTR_PER_CPU_PIDS] = { .type = NLA_BINARY },
	[OVS_DP_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_S32, 0),
};

static const struct genl_small_ops kflow_dp_ops[] = {
	{
		.cmd = OVS_DP_CMD_NEW,
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = kflow_dp_cmd_new,
	},
	{
		.cmd = OVS_DP_CMD_DEL,
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = kflow_dp_cmd_del,
	},
	{
		.cmd = OVS_DP_CMD_GET,
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
		.doit = kflow_dp_cmd_get,
		.dumpit = kflow_dp_cmd_dump,
	},
	{
		.cmd = OVS_DP_CMD_SET,
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = kflow_dp_cmd_set,
	},
};

struct genl_family kflow_dp_genl_family __ro_after_init = {
	.hdrsize = sizeof(struct ovs_header),
	.name = OVS_DATAPATH_FAMILY,
	.version = OVS_DATAPATH_VERSION,
	.maxattr = OVS_DP_ATTR_MAX,
	.policy = kflow_dp_policy,
	.netnsok = true,
	.parallel_ops = true,
	.small_ops = kflow_dp_ops,
	.n_small_ops = ARRAY_SIZE(kflow_dp_ops),
	.resv_start_op = OVS_DP_CMD_SET + 1,
	.mcgrps = kflow_dp_mcgrps,
	.n_mcgrps = ARRAY_SIZE(kflow_dp_mcgrps),
	.module = THIS_MODULE,
};
