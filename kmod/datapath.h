/* SPDX-License-Identifier: GPL-2.0 */
/*
 * datapath.h - a datapath: ports, a flow table, upcall targets, stats.
 *
 * What.  A datapath is a switch with no brain: packets arrive on a vport,
 * their key is extracted, the flow table is searched, and either the
 * flow's actions run (a hit) or the packet is upcalled to userspace over
 * the ovs_packet generic netlink family (a miss).  Userspace answers by
 * installing flows (ovs_flow) and by executing the packet
 * (OVS_PACKET_CMD_EXECUTE).  Each datapath lives in one network namespace;
 * port 0 (OVSP_LOCAL) is an internal device named after the datapath.
 *
 * Locking.
 *  - kflow_mutex serialises every control-plane change: datapaths, vports,
 *    flows, features.  Generic netlink handlers take it; so do namespace
 *    exit and the work item that removes ports whose device went away.
 *  - Lock order: kflow_mutex, then RTNL.  The netdevice notifier runs
 *    under RTNL, so it never takes kflow_mutex: it detaches the device
 *    and queues the vport for that work item.
 *  - The packet path (rx_handler, internal device xmit, packet execute)
 *    runs under rcu_read_lock with bottom halves disabled and never
 *    sleeps.  Datapaths, vports, flows, actions and upcall PID arrays are
 *    freed after an RCU grace period.
 *  - Statistics are per CPU and updated without locks.
 */
#ifndef _KFLOW_DATAPATH_H
#define _KFLOW_DATAPATH_H

#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/u64_stats_sync.h>
#include <net/net_namespace.h>
#include <net/ip_tunnels.h>
#include <linux/openvswitch.h>
#include "flow_table.h"

#define KFLOW_VPORT_HASH_BUCKETS	1024
#define KFLOW_MAX_PORTS			USHRT_MAX

/* The user features this datapath accepts (others: -EOPNOTSUPP). */
#define KFLOW_DP_F_SUPPORTED	(OVS_DP_F_UNALIGNED | OVS_DP_F_VPORT_PIDS | \
				 OVS_DP_F_DISPATCH_UPCALL_PER_CPU)

extern struct mutex kflow_mutex;

static inline void kflow_lock(void)
{
	mutex_lock(&kflow_mutex);
}

static inline void kflow_unlock(void)
{
	mutex_unlock(&kflow_mutex);
}

#ifdef CONFIG_LOCKDEP
int lockdep_kflow_is_held(void);
#else
static inline int lockdep_kflow_is_held(void)
{
	return 1;
}
#endif

#define kflow_dereference(p) rcu_dereference_protected(p, lockdep_kflow_is_held())
#define rcu_dereference_kflow(p) rcu_dereference_check(p, lockdep_kflow_is_held())

struct kflow_dp_stats_percpu {
	u64 n_hit;
	u64 n_missed;
	u64 n_lost;
	u64 n_mask_hit;
	u64 n_cache_hit;
	struct u64_stats_sync syncp;
};

/* Per-CPU upcall PIDs (OVS_DP_ATTR_PER_CPU_PIDS). */
struct kflow_dp_pids {
	struct rcu_head rcu;
	u32 n_pids;
	u32 pids[];
};

struct kflow_dp {
	struct rcu_head rcu;
	struct list_head list_node;		/* in the netns' list */
	struct kflow_table table;
	struct hlist_head *ports;		/* KFLOW_VPORT_HASH_BUCKETS */
	struct kflow_dp_stats_percpu __percpu *stats;
	possible_net_t net;
	u32 user_features;
	unsigned int max_headroom;
	struct kflow_dp_pids __rcu *upcall_pids;
	struct delayed_work masks_rebalance;
};

/* Per-packet state kept in skb->cb while the datapath owns the skb. */
struct kflow_skb_cb {
	struct kflow_vport *input_vport;
	u16 mru;		/* max received fragment size, 0: none */
	u16 acts_origlen;
	u32 cutlen;		/* trunc: max bytes to keep; 0 or U32_MAX: all */
};

#define KFLOW_CB(skb) ((struct kflow_skb_cb *)(skb)->cb)

static inline struct net *kflow_dp_net(const struct kflow_dp *dp)
{
	return read_pnet(&dp->net);
}

/* RCU or kflow_mutex.  The datapath whose local port has @dp_ifindex. */
struct kflow_dp *kflow_dp_get(struct net *net, int dp_ifindex);
/* The name of the datapath (its local port's device name). */
const char *kflow_dp_name(const struct kflow_dp *dp);

/*
 * Fast path entry: @skb arrived on KFLOW_CB(skb)->input_vport with @key
 * extracted.  Looks up the flow and runs its actions, or upcalls a miss.
 * Consumes @skb.  Softirq or process context with BH disabled, under RCU.
 */
void kflow_dp_process_packet(struct sk_buff *skb, struct kflow_key *key);

/* Count an upcall that could not be delivered. */
void kflow_dp_count_lost(struct kflow_dp *dp);

/* Datapath teardown for namespace exit and module unload. kflow_mutex. */
void kflow_dp_destroy_all(struct net *net);

/*
 * Datapath lifecycle for genl_dp.c.  kflow_dp_alloc() sleeps and needs no
 * lock; the others need kflow_mutex.  A datapath becomes visible (netns
 * list, local port) only in kflow_dp_publish(); one that was never
 * published is released with kflow_dp_free(), a published one with
 * kflow_dp_destroy() (ports deleted, local port last, freed after RCU).
 */
struct kflow_vport_parms;
struct kflow_dp *kflow_dp_alloc(struct net *net);
void kflow_dp_free(struct kflow_dp *dp);
int kflow_dp_publish(struct kflow_dp *dp, struct kflow_vport_parms *local,
		     struct netlink_ext_ack *extack);
void kflow_dp_destroy(struct kflow_dp *dp);
/* The datapaths of @net, linked by list_node.  kflow_mutex. */
struct list_head *kflow_dp_list(struct net *net);

int kflow_dp_pernet_init(void);
void kflow_dp_pernet_exit(void);

#endif /* _KFLOW_DATAPATH_H */
