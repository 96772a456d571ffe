// SPDX-License-Identifier: GPL-2.0
/*
 * vport.c - the vport type registry and what every vport type shares:
 * allocation, linking into a datapath, upcall PIDs, statistics and the
 * packet entry and exit points.
 *
 * A vport is reachable two ways: by number in its datapath's port hash
 * (the fast path and most commands) and by device name in a module-wide
 * hash keyed by (namespace, name), for commands that name a port.  Both
 * links are made and broken under kflow_mutex and read under RCU; the
 * vport itself is freed by its type's destroy() after a grace period
 * (kflow_vport_free_rcu()), together with its device reference.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/jhash.h>
#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/net_namespace.h>

#include "datapath.h"
#include "flow_key.h"
#include "vport.h"

#define KFLOW_NAME_HASH_BUCKETS	1024

/* Registered vport types, kflow_mutex. */
static LIST_HEAD(kflow_vport_types);

/* Every vport, by (datapath namespace, device name).  kflow_mutex/RCU. */
static struct hlist_head *kflow_name_hash;

int kflow_vport_init(void)
{
	kflow_name_hash = kcalloc(KFLOW_NAME_HASH_BUCKETS,
				  sizeof(*kflow_name_hash), GFP_KERNEL);
	return kflow_name_hash ? 0 : -ENOMEM;
}

void kflow_vport_exit(void)
{
	/* Pending kflow_vport_free_rcu() callbacks live in this module. */
	rcu_barrier();
	kfree(kflow_name_hash);
	kflow_name_hash = NULL;
}

static struct hlist_head *kflow_name_bucket(const struct net *net,
					    const char *name)
{
	u32 hash = jhash(name, strlen(name), (unsigned long)net);

	return &kflow_name_hash[hash & (KFLOW_NAME_HASH_BUCKETS - 1)];
}

static struct hlist_head *kflow_port_bucket(const struct kflow_dp *dp,
					    u16 port_no)
{
	return &dp->ports[port_no & (KFLOW_VPORT_HASH_BUCKETS - 1)];
}

int kflow_vport_ops_register(struct kflow_vport_ops *ops)
{
	struct kflow_vport_ops *o;
	int err = 0;

	kflow_lock();
	list_for_each_entry(o, &kflow_vport_types, list) {
		if (o->type == ops->type) {
			err = -EEXIST;
			goto out;
		}
	}
	list_add_tail(&ops->list, &kflow_vport_types);
out:
	kflow_unlock();
	return err;
}

void kflow_vport_ops_unregister(struct kflow_vport_ops *ops)
{
	kflow_lock();
	list_del(&ops->list);
	kflow_unlock();
}

static const struct kflow_vport_ops *kflow_vport_find_ops(u32 type)
{
	const struct kflow_vport_ops *ops;

	list_for_each_entry(ops, &kflow_vport_types, list)
		if (ops->type == type)
			return ops;
	return NULL;
}

/* A vport with no PID array yet gets the single PID 0: "no upcalls". */
static int kflow_vport_init_pids(struct kflow_vport *vport,
				 const struct nlattr *ids)
{
	struct kflow_vport_pids *pids;

	if (ids)
		return kflow_vport_set_upcall_portids(vport, ids);

	pids = kzalloc(struct_size(pids, ids, 1), GFP_KERNEL);
	if (!pids)
		return -ENOMEM;
	pids->n_ids = 1;
	RCU_INIT_POINTER(vport->upcall_pids, pids);
	return 0;
}

struct kflow_vport *kflow_vport_alloc(int priv_size,
				      const struct kflow_vport_ops *ops,
				      const struct kflow_vport_parms *parms)
{
	size_t head = ALIGN(sizeof(struct kflow_vport), 16);
	struct kflow_vport *vport;
	int err;

	if (priv_size < 0)
		return ERR_PTR(-EINVAL);

	vport = kzalloc(head + priv_size, GFP_KERNEL);
	if (!vport)
		return ERR_PTR(-ENOMEM);

	vport->dp = parms->dp;
	vport->port_no = parms->port_no;
	vport->ops = ops;
	INIT_HLIST_NODE(&vport->dp_hash_node);
	INIT_HLIST_NODE(&vport->hash_node);
	INIT_LIST_HEAD(&vport->detach_list);
	if (priv_size)
		vport->priv = (u8 *)vport + head;

	vport->stats = netdev_alloc_pcpu_stats(struct kflow_vport_stats_percpu);
	if (!vport->stats) {
		err = -ENOMEM;
		goto err_free;
	}

	err = kflow_vport_init_pids(vport, parms->upcall_portids);
	if (err)
		goto err_free;
	return vport;

err_free:
	kflow_vport_free(vport);
	return ERR_PTR(err);
}

/* No reader can reach @vport any more (never published, or a grace period
 * passed since it was unlinked).
 */
void kflow_vport_free(struct kflow_vport *vport)
{
	kfree(rcu_dereference_raw(vport->upcall_pids));
	free_percpu(vport->stats);
	kfree(vport);
}

static void kflow_vport_free_cb(struct rcu_head *rcu)
{
	struct kflow_vport *vport = container_of(rcu, struct kflow_vport, rcu);

	netdev_put(vport->dev, &vport->dev_tracker);
	kflow_vport_free(vport);
}

void kflow_vport_free_rcu(struct kflow_vport *vport)
{
	call_rcu(&vport->rcu, kflow_vport_free_cb);
}

struct kflow_vport *kflow_vport_add(const struct kflow_vport_parms *parms,
				    struct netlink_ext_ack *extack)
{
	const struct kflow_vport_ops *ops;
	struct kflow_vport *vport;

	ops = kflow_vport_find_ops(parms->type);
	if (!ops) {
		NL_SET_ERR_MSG_MOD(extack, "Unsupported vport type");
		return ERR_PTR(-EAFNOSUPPORT);
	}

	vport = ops->create(parms, extack);
	if (IS_ERR(vport))
		return vport;

	hlist_add_head_rcu(&vport->dp_hash_node,
			   kflow_port_bucket(vport->dp, vport->port_no));
	hlist_add_head_rcu(&vport->hash_node,
			   kflow_name_bucket(kflow_dp_net(vport->dp),
					     vport->dev->name));
	return vport;
}

void kflow_vport_del(struct kflow_vport *vport)
{
	hlist_del_rcu(&vport->dp_hash_node);
	hlist_del_rcu(&vport->hash_node);
	vport->ops->destroy(vport);
}

struct kflow_vport *kflow_vport_lookup(const struct kflow_dp *dp, u16 port_no)
{
	struct kflow_vport *vport;

	hlist_for_each_entry_rcu(vport, kflow_port_bucket(dp, port_no),
				 dp_hash_node, lockdep_kflow_is_held())
		if (vport->port_no == port_no)
			return vport;
	return NULL;
}

struct kflow_vport *kflow_vport_locate(const struct net *net, const char *name)
{
	struct kflow_vport *vport;

	hlist_for_each_entry_rcu(vport, kflow_name_bucket(net, name),
				 hash_node, lockdep_kflow_is_held())
		if (!strcmp(vport->dev->name, name) &&
		    net_eq(kflow_dp_net(vport->dp), net))
			return vport;
	return NULL;
}

int kflow_vport_set_upcall_portids(struct kflow_vport *vport,
				   const struct nlattr *ids)
{
	struct kflow_vport_pids *pids, *old;
	int len = nla_len(ids);

	if (!len || len % sizeof(u32) || len / sizeof(u32) > nr_cpu_ids)
		return -EINVAL;

	pids = kmalloc(struct_size(pids, ids, len / sizeof(u32)), GFP_KERNEL);
	if (!pids)
		return -ENOMEM;
	pids->n_ids = len / sizeof(u32);
	nla_memcpy(pids->ids, ids, len);

	old = kflow_dereference(vport->upcall_pids);
	rcu_assign_pointer(vport->upcall_pids, pids);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

/* The whole array if userspace negotiated OVS_DP_F_VPORT_PIDS, else one. */
int kflow_vport_get_upcall_portids(const struct kflow_vport *vport,
				   struct sk_buff *skb)
{
	const struct kflow_vport_pids *pids;

	pids = rcu_dereference_kflow(vport->upcall_pids);
	if (vport->dp->user_features & OVS_DP_F_VPORT_PIDS)
		return nla_put(skb, OVS_VPORT_ATTR_UPCALL_PID,
			       pids->n_ids * sizeof(u32), pids->ids);
	return nla_put_u32(skb, OVS_VPORT_ATTR_UPCALL_PID, pids->ids[0]);
}

u32 kflow_vport_find_upcall_portid(const struct kflow_vport *vport,
				   struct sk_buff *skb)
{
	const struct kflow_vport_pids *pids;

	pids = rcu_dereference(vport->upcall_pids);
	if (pids->n_ids == 1)
		return pids->ids[0];
	/* Same spread as the stock datapath: packet hash modulo count. */
	return pids->ids[skb_get_hash(skb) % pids->n_ids];
}

static void kflow_vport_sum_stats(const struct kflow_vport *vport,
				  struct kflow_vport_stats_percpu *sum)
{
	const struct kflow_vport_stats_percpu *s;
	struct kflow_vport_stats_percpu v;
	unsigned int start;
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		s = per_cpu_ptr(vport->stats, cpu);
		do {
			start = u64_stats_fetch_begin(&s->syncp);
			v.rx_packets = s->rx_packets;
			v.rx_bytes = s->rx_bytes;
			v.tx_packets = s->tx_packets;
			v.tx_bytes = s->tx_bytes;
			v.rx_dropped = s->rx_dropped;
			v.tx_dropped = s->tx_dropped;
			v.tx_errors = s->tx_errors;
		} while (u64_stats_fetch_retry(&s->syncp, start));

		sum->rx_packets += v.rx_packets;
		sum->rx_bytes += v.rx_bytes;
		sum->tx_packets += v.tx_packets;
		sum->tx_bytes += v.tx_bytes;
		sum->rx_dropped += v.rx_dropped;
		sum->tx_dropped += v.tx_dropped;
		sum->tx_errors += v.tx_errors;
	}
}

/*
 * The counters are kept from the datapath's side.  The stock datapath
 * reports its device's counters instead, which for a netdev port are the
 * same direction, and for an internal port (whose device sits on the host
 * side of the switch) the opposite one: report those swapped so that
 * userspace sees the numbers it sees with openvswitch.ko.
 */
void kflow_vport_get_stats(const struct kflow_vport *vport,
			   struct ovs_vport_stats *stats)
{
	struct kflow_vport_stats_percpu sum;

	kflow_vport_sum_stats(vport, &sum);
	memset(stats, 0, sizeof(*stats));
	if (vport->ops->type == OVS_VPORT_TYPE_INTERNAL) {
		stats->rx_packets = sum.tx_packets;
		stats->rx_bytes = sum.tx_bytes;
		stats->rx_dropped = sum.tx_dropped;
		stats->tx_packets = sum.rx_packets;
		stats->tx_bytes = sum.rx_bytes;
		stats->tx_dropped = sum.rx_dropped;
	} else {
		stats->rx_packets = sum.rx_packets;
		stats->rx_bytes = sum.rx_bytes;
		stats->rx_dropped = sum.rx_dropped;
		stats->tx_packets = sum.tx_packets;
		stats->tx_bytes = sum.tx_bytes;
		stats->tx_dropped = sum.tx_dropped;
	}
	/* Over-MTU output drops, counted as tx errors for every type. */
	stats->tx_errors = sum.tx_errors;
}

int kflow_vport_get_options(const struct kflow_vport *vport,
			    struct sk_buff *skb)
{
	struct nlattr *nest;
	int err;

	if (!vport->ops->get_options)
		return 0;

	nest = nla_nest_start_noflag(skb, OVS_VPORT_ATTR_OPTIONS);
	if (!nest)
		return -EMSGSIZE;
	err = vport->ops->get_options(vport, skb);
	if (err) {
		nla_nest_cancel(skb, nest);
		return err;
	}
	nla_nest_end(skb, nest);
	return 0;
}

enum kflow_vport_counter { KFLOW_RX_DROP, KFLOW_TX_DROP, KFLOW_TX_ERROR };

static void kflow_vport_count(struct kflow_vport *vport,
			      enum kflow_vport_counter what)
{
	struct kflow_vport_stats_percpu *s = this_cpu_ptr(vport->stats);

	u64_stats_update_begin(&s->syncp);
	if (what == KFLOW_RX_DROP)
		s->rx_dropped++;
	else if (what == KFLOW_TX_DROP)
		s->tx_dropped++;
	else
		s->tx_errors++;
	u64_stats_update_end(&s->syncp);
}

void kflow_vport_receive(struct kflow_vport *vport, struct sk_buff *skb,
			 const struct ip_tunnel_info *tun_info)
{
	struct kflow_vport_stats_percpu *s = this_cpu_ptr(vport->stats);
	struct kflow_key key;

	u64_stats_update_begin(&s->syncp);
	s->rx_packets++;
	s->rx_bytes += skb->len;
	u64_stats_update_end(&s->syncp);

	KFLOW_CB(skb)->input_vport = vport;
	KFLOW_CB(skb)->mru = 0;
	KFLOW_CB(skb)->acts_origlen = 0;
	KFLOW_CB(skb)->cutlen = 0;

	/* A device moved to another namespace: forget that namespace's state
	 * (but keep the mark, as the stock datapath does).
	 */
	if (unlikely(!net_eq(dev_net(skb->dev), kflow_dp_net(vport->dp)))) {
		u32 mark = skb->mark;

		skb_scrub_packet(skb, true);
		skb->mark = mark;
		tun_info = NULL;
	}

	if (unlikely(kflow_key_extract(skb, vport->port_no, tun_info, &key))) {
		kflow_vport_count(vport, KFLOW_RX_DROP);
		kfree_skb(skb);
		return;
	}
	kflow_dp_process_packet(skb, &key);
}

/* L2 payload length as an MTU sees it: one untagged VLAN header is free. */
static unsigned int kflow_packet_length(const struct sk_buff *skb,
					const struct net_device *dev)
{
	int len = skb->len - dev->hard_header_len;

	if (!skb_vlan_tag_present(skb) && eth_type_vlan(skb->protocol))
		len -= VLAN_HLEN;
	return len > 0 ? len : 0;
}

void kflow_vport_send(struct kflow_vport *vport, struct sk_buff *skb)
{
	struct net_device *dev = vport->dev;
	struct kflow_vport_stats_percpu *s;
	unsigned int len;

	if (unlikely(dev->type != ARPHRD_ETHER || !netif_running(dev) ||
		     !netif_carrier_ok(dev))) {
		kflow_vport_count(vport, KFLOW_TX_DROP);
		kfree_skb(skb);
		return;
	}

	len = kflow_packet_length(skb, dev);
	if (unlikely(len > dev->mtu && !skb_is_gso(skb))) {
		kflow_vport_count(vport, KFLOW_TX_ERROR);
		if (dev->flags & IFF_UP)
			net_warn_ratelimited("%s: dropped over-mtu packet: %u > %u\n",
					     dev->name, len, dev->mtu);
		kfree_skb(skb);
		return;
	}

	s = this_cpu_ptr(vport->stats);
	u64_stats_update_begin(&s->syncp);
	s->tx_packets++;
	s->tx_bytes += skb->len;
	u64_stats_update_end(&s->syncp);

	skb->dev = dev;
	skb_clear_tstamp(skb);
	vport->ops->send(vport, skb);
}

/* For vport types: count an output the device could not take. */
void kflow_vport_count_tx_dropped(struct kflow_vport *vport)
{
	kflow_vport_count(vport, KFLOW_TX_DROP);
}
