// SPDX-License-Identifier: GPL-2.0
/*
 * datapath.c - datapath objects, per-namespace lists and the fast path.
 *
 * Control plane (kflow_mutex): datapaths are allocated unlocked, made
 * visible by kflow_dp_publish() and torn down by kflow_dp_destroy(), which
 * unlinks every port (the local port last, so the datapath keeps a name
 * while its other ports go) and frees the datapath after a grace period.
 *
 * Fast path (RCU, BH disabled): kflow_dp_process_packet() looks the key up
 * in the flow table and either runs the flow's actions or upcalls a miss.
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/rculist.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "actions.h"
#include "datapath.h"
#include "flow.h"
#include "flow_table.h"
#include "upcall.h"
#include "vport.h"
#include "test_export.h"

/* How often the mask array is re-sorted by use, and the retry delay. */
#define KFLOW_REBALANCE_INTERVAL	msecs_to_jiffies(4000)
#define KFLOW_REBALANCE_RETRY		msecs_to_jiffies(100)

/* Serialises all control-plane changes; see datapath.h. */
DEFINE_MUTEX(kflow_mutex);
EXPORT_SYMBOL_IF_KFLOW_TEST(kflow_mutex);

#ifdef CONFIG_LOCKDEP
int lockdep_kflow_is_held(void)
{
	if (!debug_locks)
		return 1;
	return lockdep_is_held(&kflow_mutex);
}
EXPORT_SYMBOL_IF_KFLOW_TEST(lockdep_kflow_is_held);
#endif

struct kflow_net {
	struct list_head dps;		/* kflow_dp.list_node, kflow_mutex */
};

static unsigned int kflow_net_id __read_mostly;

struct list_head *kflow_dp_list(struct net *net)
{
	struct kflow_net *kn = net_generic(net, kflow_net_id);

	return &kn->dps;
}

struct kflow_dp *kflow_dp_get(struct net *net, int dp_ifindex)
{
	struct kflow_vport *vport;
	struct kflow_dp *dp = NULL;
	struct net_device *dev;

	rcu_read_lock();
	dev = dev_get_by_index_rcu(net, dp_ifindex);
	if (dev && kflow_is_internal_dev(dev)) {
		vport = kflow_internal_dev_get_vport(dev);
		if (vport && vport->port_no == OVSP_LOCAL &&
		    net_eq(kflow_dp_net(vport->dp), net))
			dp = vport->dp;
	}
	rcu_read_unlock();
	return dp;
}

const char *kflow_dp_name(const struct kflow_dp *dp)
{
	struct kflow_vport *local = kflow_vport_lookup(dp, OVSP_LOCAL);

	return local ? local->dev->name : "(detached)";
}

void kflow_dp_count_lost(struct kflow_dp *dp)
{
	struct kflow_dp_stats_percpu *stats = this_cpu_ptr(dp->stats);

	u64_stats_update_begin(&stats->syncp);
	stats->n_lost++;
	u64_stats_update_end(&stats->syncp);
}

static void kflow_dp_count(struct kflow_dp *dp, bool hit, u32 n_mask_hit,
			   u32 n_cache_hit)
{
	struct kflow_dp_stats_percpu *stats = this_cpu_ptr(dp->stats);

	u64_stats_update_begin(&stats->syncp);
	if (hit)
		stats->n_hit++;
	else
		stats->n_missed++;
	stats->n_mask_hit += n_mask_hit;
	stats->n_cache_hit += n_cache_hit;
	u64_stats_update_end(&stats->syncp);
}

static void kflow_dp_miss(struct kflow_dp *dp, struct sk_buff *skb,
			  const struct kflow_key *key)
{
	struct kflow_upcall_info upcall = {
		.cmd = OVS_PACKET_CMD_MISS,
		.portid = kflow_upcall_portid(dp, skb),
		.mru = KFLOW_CB(skb)->mru,
	};
	int err;

	err = kflow_upcall(dp, skb, key, &upcall, U32_MAX);
	if (!err || err == -EAGAIN) {
		consume_skb(skb);
	} else {
		skb_tx_error(skb);
		kfree_skb(skb);
	}
}

void kflow_dp_process_packet(struct sk_buff *skb, struct kflow_key *key)
{
	struct kflow_dp *dp = KFLOW_CB(skb)->input_vport->dp;
	u32 n_mask_hit = 0, n_cache_hit = 0;
	struct kflow_flow *flow;
	int err;

	flow = kflow_table_lookup_stats(&dp->table, key, skb_get_hash(skb),
					&n_mask_hit, &n_cache_hit);
	if (unlikely(!flow)) {
		kflow_dp_miss(dp, skb, key);
		kflow_dp_count(dp, false, n_mask_hit, n_cache_hit);
		return;
	}

	kflow_flow_stats_update(flow, key->tp.flags, skb);
	err = kflow_actions_execute(dp, skb, rcu_dereference(flow->acts), key);
	if (unlikely(err))
		net_dbg_ratelimited("kflow: %s: action execution failed: %d\n",
				    kflow_dp_name(dp), err);
	kflow_dp_count(dp, true, n_mask_hit, n_cache_hit);
}

/*
 * The flow table's masks are re-sorted by use every few seconds.  The
 * work only trylocks kflow_mutex, so kflow_dp_destroy() can cancel it
 * synchronously while holding the mutex.
 */
static void kflow_dp_rebalance_work(struct work_struct *work)
{
	struct kflow_dp *dp = container_of(to_delayed_work(work),
					   struct kflow_dp, masks_rebalance);
	unsigned long delay = KFLOW_REBALANCE_INTERVAL;

	if (mutex_trylock(&kflow_mutex)) {
		kflow_table_masks_rebalance(&dp->table);
		kflow_unlock();
	} else {
		delay = KFLOW_REBALANCE_RETRY;
	}
	schedule_delayed_work(&dp->masks_rebalance, delay);
}

struct kflow_dp *kflow_dp_alloc(struct net *net)
{
	struct kflow_dp *dp;
	int i;

	dp = kzalloc(sizeof(*dp), GFP_KERNEL);
	if (!dp)
		return NULL;

	dp->ports = kmalloc_array(KFLOW_VPORT_HASH_BUCKETS,
				  sizeof(*dp->ports), GFP_KERNEL);
	if (!dp->ports)
		goto err_free_dp;
	for (i = 0; i < KFLOW_VPORT_HASH_BUCKETS; i++)
		INIT_HLIST_HEAD(&dp->ports[i]);

	dp->stats = netdev_alloc_pcpu_stats(struct kflow_dp_stats_percpu);
	if (!dp->stats)
		goto err_free_ports;

	if (kflow_table_init(&dp->table))
		goto err_free_stats;

	write_pnet(&dp->net, net);
	INIT_LIST_HEAD(&dp->list_node);
	INIT_DELAYED_WORK(&dp->masks_rebalance, kflow_dp_rebalance_work);
	return dp;

err_free_stats:
	free_percpu(dp->stats);
err_free_ports:
	kfree(dp->ports);
err_free_dp:
	kfree(dp);
	return NULL;
}

/* Frees what kflow_dp_alloc() allocated plus the upcall PIDs. */
static void kflow_dp_release(struct kflow_dp *dp)
{
	kfree(rcu_dereference_raw(dp->upcall_pids));
	free_percpu(dp->stats);
	kfree(dp->ports);
	kfree(dp);
}

static void kflow_dp_release_rcu(struct rcu_head *head)
{
	kflow_dp_release(container_of(head, struct kflow_dp, rcu));
}

/*
 * Never listed, but its local port may have existed for a moment (a failed
 * kflow_vport_add()), so readers may hold it: free after a grace period.
 */
void kflow_dp_free(struct kflow_dp *dp)
{
	kflow_table_destroy(&dp->table);
	call_rcu(&dp->rcu, kflow_dp_release_rcu);
}

int kflow_dp_publish(struct kflow_dp *dp, struct kflow_vport_parms *local,
		     struct netlink_ext_ack *extack)
{
	struct kflow_vport *vport;

	local->dp = dp;
	local->type = OVS_VPORT_TYPE_INTERNAL;
	local->port_no = OVSP_LOCAL;
	vport = kflow_vport_add(local, extack);
	if (IS_ERR(vport))
		return PTR_ERR(vport);

	list_add_tail_rcu(&dp->list_node, kflow_dp_list(kflow_dp_net(dp)));
	schedule_delayed_work(&dp->masks_rebalance, KFLOW_REBALANCE_INTERVAL);
	return 0;
}

void kflow_dp_destroy(struct kflow_dp *dp)
{
	struct kflow_vport *vport, *local = NULL;
	struct hlist_node *next;
	int i;

	for (i = 0; i < KFLOW_VPORT_HASH_BUCKETS; i++) {
		hlist_for_each_entry_safe(vport, next, &dp->ports[i],
					  dp_hash_node) {
			if (vport->port_no == OVSP_LOCAL)
				local = vport;
			else
				kflow_vport_del(vport);
		}
	}

	list_del_rcu(&dp->list_node);
	if (local)
		kflow_vport_del(local);

	/* The work never blocks on kflow_mutex (trylock), so this is safe. */
	cancel_delayed_work_sync(&dp->masks_rebalance);
	kflow_table_destroy(&dp->table);
	call_rcu(&dp->rcu, kflow_dp_release_rcu);
}

void kflow_dp_destroy_all(struct net *net)
{
	struct kflow_dp *dp, *next;

	list_for_each_entry_safe(dp, next, kflow_dp_list(net), list_node)
		kflow_dp_destroy(dp);
}

/*
 * An internal port moved into the dying namespace @dnet must leave its
 * datapath before the namespace unregisters the device.  Other device
 * types are detached by the netdev notifier; the local port cannot leave
 * its namespace.
 */
static bool kflow_vport_in_dying_net(const struct kflow_vport *vport,
				     const struct net *dnet)
{
	return vport->ops->type == OVS_VPORT_TYPE_INTERNAL &&
	       vport->port_no != OVSP_LOCAL &&
	       net_eq(dev_net(vport->dev), dnet);
}

static void kflow_collect_foreign_vports(struct net *net, struct net *dnet,
					 struct list_head *head)
{
	struct kflow_vport *vport;
	struct kflow_dp *dp;
	int i;

	list_for_each_entry(dp, kflow_dp_list(net), list_node) {
		for (i = 0; i < KFLOW_VPORT_HASH_BUCKETS; i++) {
			hlist_for_each_entry(vport, &dp->ports[i], dp_hash_node)
				if (kflow_vport_in_dying_net(vport, dnet))
					list_add(&vport->detach_list, head);
		}
	}
}

static int __net_init kflow_net_init(struct net *net)
{
	INIT_LIST_HEAD(kflow_dp_list(net));
	return 0;
}

static void __net_exit kflow_net_exit(struct net *dnet)
{
	struct kflow_vport *vport, *next;
	struct net *net;
	LIST_HEAD(doomed);

	kflow_lock();
	kflow_dp_destroy_all(dnet);

	/* Internal ports may have been moved into @dnet from elsewhere. */
	down_read(&net_rwsem);
	for_each_net(net)
		kflow_collect_foreign_vports(net, dnet, &doomed);
	up_read(&net_rwsem);

	list_for_each_entry_safe(vport, next, &doomed, detach_list) {
		list_del(&vport->detach_list);
		kflow_vport_del(vport);
	}
	kflow_unlock();
}

static struct pernet_operations kflow_net_ops = {
	.init = kflow_net_init,
	.exit = kflow_net_exit,
	.id = &kflow_net_id,
	.size = sizeof(struct kflow_net),
};

int kflow_dp_pernet_init(void)
{
	BUILD_BUG_ON(sizeof(struct kflow_skb_cb) >
		     sizeof_field(struct sk_buff, cb));

	return register_pernet_device(&kflow_net_ops);
}

void kflow_dp_pernet_exit(void)
{
	unregister_pernet_device(&kflow_net_ops);
	/* Datapaths, flows and vports are freed by RCU callbacks. */
	rcu_barrier();
}
