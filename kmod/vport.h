/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vport.h - datapath ports.
 *
 * A vport joins a net_device to a datapath under a port number.  Types:
 *  - netdev (vport_netdev.c): an existing Ethernet device; received frames
 *    are taken with an rx_handler, output is dev_queue_xmit().
 *  - internal (vport_internal.c): a device kflow creates (rtnl kind
 *    "kflow"); frames the host transmits on it enter the datapath, frames
 *    the datapath outputs to it are received by the host stack.
 *  - tunnel types (GRE, VXLAN, GENEVE): the kernel's collect-metadata
 *    tunnel devices wrapped as netdev vports (vport_tunnel.c).
 *
 * Ports are hashed by number in dp->ports and by (namespace, device name)
 * for kflow_vport_locate().  Each vport keeps per-CPU counters from the
 * datapath's point of view: rx = entered the datapath from this port,
 * tx = sent by the datapath to this port.  kflow_vport_get_stats() reports
 * them as the stock datapath does (its device's view: swapped for
 * internal ports).
 *
 * Locking: created, changed and destroyed under kflow_mutex (and RTNL
 * where the device is touched); looked up under RCU on the fast path;
 * freed after a grace period.  Lock order: kflow_mutex, then RTNL, never
 * the reverse.  Code running under RTNL (netdev notifier, ndo_*, rtnl
 * link ops) never takes kflow_mutex: the netdev notifier defers port
 * removal to a work item that takes kflow_mutex first.
 */
#ifndef _KFLOW_VPORT_H
#define _KFLOW_VPORT_H

#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <linux/openvswitch.h>
#include <linux/u64_stats_sync.h>
#include <net/ip_tunnels.h>

struct kflow_dp;

struct kflow_vport_pids {
	struct rcu_head rcu;
	u32 n_ids;
	u32 ids[];
};

struct kflow_vport_stats_percpu {
	u64 rx_packets;
	u64 rx_bytes;
	u64 tx_packets;
	u64 tx_bytes;
	u64 rx_dropped;
	u64 tx_dropped;
	u64 tx_errors;
	struct u64_stats_sync syncp;
};

struct kflow_vport {
	struct net_device *dev;
	struct kflow_dp *dp;
	struct kflow_vport_pids __rcu *upcall_pids;
	u16 port_no;
	struct hlist_node dp_hash_node;
	const struct kflow_vport_ops *ops;
	struct kflow_vport_stats_percpu __percpu *stats;
	/* netdev-based types: pending removal after the device left
	 * (vport_netdev.c); internal: namespace-exit collection (datapath.c).
	 */
	struct list_head detach_list;
	struct rcu_head rcu;
	void *priv;			/* type-specific */
	netdevice_tracker dev_tracker;	/* the reference on @dev */
	struct hlist_node hash_node;	/* by (netns, name), for locate */
};

struct kflow_vport_parms {
	const char *name;
	enum ovs_vport_type type;
	struct nlattr *options;		/* OVS_VPORT_ATTR_OPTIONS or NULL */
	struct kflow_dp *dp;
	u16 port_no;
	struct nlattr *upcall_portids;	/* OVS_VPORT_ATTR_UPCALL_PID */
	int desired_ifindex;		/* internal: requested ifindex, 0 any */
};

struct kflow_vport_ops {
	enum ovs_vport_type type;
	/* kflow_mutex held; takes RTNL itself.  vport->dev is held. */
	struct kflow_vport *(*create)(const struct kflow_vport_parms *parms,
				      struct netlink_ext_ack *extack);
	/*
	 * kflow_mutex held; takes RTNL itself.  Detaches the device and
	 * frees the vport with kflow_vport_free_rcu().
	 */
	void (*destroy)(struct kflow_vport *vport);
	int (*get_options)(const struct kflow_vport *vport,
			   struct sk_buff *skb);
	/* Consumes skb.  Called with BH disabled under RCU. */
	void (*send)(struct kflow_vport *vport, struct sk_buff *skb);
	struct list_head list;
};

int kflow_vport_init(void);
void kflow_vport_exit(void);
int kflow_vport_ops_register(struct kflow_vport_ops *ops);
void kflow_vport_ops_unregister(struct kflow_vport_ops *ops);

/* Common allocation for a vport type's create(); priv_size bytes after. */
struct kflow_vport *kflow_vport_alloc(int priv_size,
				      const struct kflow_vport_ops *ops,
				      const struct kflow_vport_parms *parms);
void kflow_vport_free(struct kflow_vport *vport);
/* After a grace period: drop the reference on vport->dev, then free. */
void kflow_vport_free_rcu(struct kflow_vport *vport);

/* kflow_mutex held.  Creates the vport and links it into parms->dp. */
struct kflow_vport *kflow_vport_add(const struct kflow_vport_parms *parms,
				    struct netlink_ext_ack *extack);
/* kflow_mutex held.  Unlinks and destroys (RCU-deferred free). */
void kflow_vport_del(struct kflow_vport *vport);

/* RCU or kflow_mutex. */
struct kflow_vport *kflow_vport_lookup(const struct kflow_dp *dp, u16 port_no);
/* RCU or kflow_mutex: the vport on @dp whose device is named @name. */
struct kflow_vport *kflow_vport_locate(const struct net *net, const char *name);

int kflow_vport_set_upcall_portids(struct kflow_vport *vport,
				   const struct nlattr *ids);
int kflow_vport_get_upcall_portids(const struct kflow_vport *vport,
				   struct sk_buff *skb);
/* The PID for an upcall of a packet from @vport (by skb hash). */
u32 kflow_vport_find_upcall_portid(const struct kflow_vport *vport,
				   struct sk_buff *skb);
void kflow_vport_get_stats(const struct kflow_vport *vport,
			   struct ovs_vport_stats *stats);
int kflow_vport_get_options(const struct kflow_vport *vport,
			    struct sk_buff *skb);

/*
 * Fast path entry from a device: extract the key and hand the packet to
 * the datapath.  @tun_info is the packet's tunnel metadata or NULL.
 * Consumes @skb.  BH disabled, under RCU.
 */
void kflow_vport_receive(struct kflow_vport *vport, struct sk_buff *skb,
			 const struct ip_tunnel_info *tun_info);
/*
 * Output to @vport.  Consumes @skb.  BH disabled, under RCU.  Drops (and
 * counts) what the device cannot take: down, no carrier, over its MTU.
 */
void kflow_vport_send(struct kflow_vport *vport, struct sk_buff *skb);
/* For a type's send(): the device could not take the packet. */
void kflow_vport_count_tx_dropped(struct kflow_vport *vport);

/* The vport of a device attached to a datapath, or NULL.  RCU. */
struct kflow_vport *kflow_netdev_get_vport(struct net_device *dev);
/*
 * Attach the existing device @name to @vport (from kflow_vport_alloc()),
 * for netdev-based types.  kflow_mutex held.  Frees @vport on error.
 */
struct kflow_vport *kflow_netdev_link(struct kflow_vport *vport,
				      const char *name,
				      struct netlink_ext_ack *extack);
/* Release the device of a kflow_netdev_link() vport.  RTNL held. */
void kflow_netdev_detach_dev(struct kflow_vport *vport);
/*
 * For a netdev-based type's destroy(): detach if still attached and drop
 * any pending removal queued by the netdev notifier.  kflow_mutex and RTNL
 * held.  Then free with kflow_vport_free_rcu() (before rtnl_unlock() if
 * the device is being unregistered, which waits for the reference).
 */
void kflow_netdev_unlink(struct kflow_vport *vport);
bool kflow_is_internal_dev(const struct net_device *dev);
struct kflow_vport *kflow_internal_dev_get_vport(struct net_device *dev);

int kflow_netdev_init(void);
void kflow_netdev_exit(void);
int kflow_internal_dev_init(void);
void kflow_internal_dev_exit(void);
/* vport_tunnel.c: registers the VXLAN, GENEVE and GRE types. */
int kflow_tunnel_init(void);
void kflow_tunnel_exit(void);

#endif /* _KFLOW_VPORT_H */
