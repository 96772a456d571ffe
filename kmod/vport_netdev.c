// SPDX-License-Identifier: GPL-2.0
/*
 * vport_netdev.c - OVS_VPORT_TYPE_NETDEV: an existing Ethernet device
 * joined to a datapath.
 *
 * Attaching installs an rx_handler (every frame the device receives goes
 * to the datapath instead of the host stack), makes the datapath's local
 * device the master of the port (so `ip link` shows "master <dp>"), and
 * puts the device in promiscuous mode.  Output is dev_queue_xmit().
 *
 * Lock order, for the whole module: kflow_mutex, then RTNL.  Commands
 * hold kflow_mutex and take RTNL inside create()/destroy().  The netdev
 * notifier runs with RTNL held, so it cannot take kflow_mutex: when an
 * attached device is unregistered (or leaves the namespace) it detaches
 * the device at once (everything that needs RTNL) and queues the vport;
 * a work item then takes kflow_mutex, removes the vport from its datapath
 * and tells the ovs_vport multicast group.  Until then the vport stays in
 * the datapath with its device reference, so the device's unregistration
 * waits for the work, not the other way round.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/dst_metadata.h>
#include <net/genetlink.h>

#include "datapath.h"
#include "genl.h"
#include "vport.h"

static struct kflow_vport_ops kflow_netdev_vport_ops;

/* Vports whose device went away, waiting for the work (detach_list). */
static LIST_HEAD(kflow_gone_list);
static DEFINE_SPINLOCK(kflow_gone_lock);

static void kflow_gone_work_fn(struct work_struct *work);
static DECLARE_WORK(kflow_gone_work, kflow_gone_work_fn);

/* rx_handler: RCU, BH disabled. */
static rx_handler_result_t kflow_netdev_frame_hook(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct kflow_vport *vport;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;

	vport = rcu_dereference(skb->dev->rx_handler_data);
	if (unlikely(!vport || skb_warn_if_lro(skb))) {
		kfree_skb(skb);
		return RX_HANDLER_CONSUMED;
	}

	/* Others (packet sockets) may hold the same skb: work on our own. */
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb))
		return RX_HANDLER_CONSUMED;

	/* The datapath sees frames from their Ethernet header. */
	skb_push_rcsum(skb, ETH_HLEN);
	kflow_vport_receive(vport, skb, skb_tunnel_info(skb));
	return RX_HANDLER_CONSUMED;
}

struct kflow_vport *kflow_netdev_get_vport(struct net_device *dev)
{
	if (rcu_access_pointer(dev->rx_handler) != kflow_netdev_frame_hook)
		return NULL;
	return rcu_dereference_rtnl(dev->rx_handler_data);
}

/* RTNL held.  Why @dev cannot be a netdev port, or 0. */
static int kflow_netdev_check(const struct net_device *dev,
			      struct netlink_ext_ack *extack)
{
	if (!dev) {
		NL_SET_ERR_MSG_MOD(extack, "No such device in the datapath's namespace");
		return -ENODEV;
	}
	if (dev->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG_MOD(extack, "A loopback device cannot be a port");
		return -EINVAL;
	}
	if (dev->type != ARPHRD_ETHER) {
		NL_SET_ERR_MSG_MOD(extack, "Only Ethernet devices can be ports");
		return -EINVAL;
	}
	if (kflow_is_internal_dev(dev)) {
		NL_SET_ERR_MSG_MOD(extack, "A datapath internal device cannot be a netdev port");
		return -EINVAL;
	}
	if (rtnl_dereference(dev->rx_handler)) {
		NL_SET_ERR_MSG_MOD(extack, "Device is already attached to a datapath or bridge");
		return -EBUSY;
	}
	return 0;
}

/* RTNL held: install the rx_handler, then link under the local device. */
static int kflow_netdev_attach(struct kflow_vport *vport,
			       struct net_device *dev,
			       struct netlink_ext_ack *extack)
{
	struct kflow_vport *local = kflow_vport_lookup(vport->dp, OVSP_LOCAL);
	int err;

	if (!local) {
		NL_SET_ERR_MSG_MOD(extack, "Datapath has no local port");
		return -ENODEV;
	}

	vport->dev = dev;
	err = netdev_rx_handler_register(dev, kflow_netdev_frame_hook, vport);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "Device already has an rx handler");
		return err;
	}
	err = netdev_master_upper_dev_link(dev, local->dev, NULL, NULL, extack);
	if (err)
		goto err_rx;
	err = dev_set_promiscuity(dev, 1);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "Cannot make the device promiscuous");
		goto err_upper;
	}
	dev_disable_lro(dev);
	/* No IFF_OVS_DATAPATH: that flag tells openvswitch.ko the device is
	 * its own, and its notifier would treat our vport as its struct
	 * (a failed `modprobe openvswitch`, which ovs-dpctl and ovs-vswitchd
	 * attempt, replays NETDEV_UNREGISTER through it).
	 */
	netdev_hold(dev, &vport->dev_tracker, GFP_KERNEL);
	return 0;

err_upper:
	netdev_upper_dev_unlink(dev, local->dev);
err_rx:
	netdev_rx_handler_unregister(dev);
	return err;
}

struct kflow_vport *kflow_netdev_link(struct kflow_vport *vport,
				      const char *name,
				      struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	int err;

	/* Look the device up under RTNL: it cannot start unregistering
	 * between the lookup and the attach, which the notifier would miss.
	 */
	rtnl_lock();
	dev = __dev_get_by_name(kflow_dp_net(vport->dp), name);
	err = kflow_netdev_check(dev, extack);
	if (!err)
		err = kflow_netdev_attach(vport, dev, extack);
	rtnl_unlock();

	if (err) {
		kflow_vport_free(vport);
		return ERR_PTR(err);
	}
	return vport;
}

/* Still attached through @vport?  RTNL held. */
static bool kflow_netdev_attached(const struct kflow_vport *vport)
{
	const struct net_device *dev = vport->dev;

	return rtnl_dereference(dev->rx_handler) == kflow_netdev_frame_hook &&
	       rtnl_dereference(dev->rx_handler_data) == vport;
}

void kflow_netdev_detach_dev(struct kflow_vport *vport)
{
	struct net_device *dev = vport->dev;
	struct net_device *master;

	ASSERT_RTNL();
	/* Waits for rx_handler calls in flight to finish. */
	netdev_rx_handler_unregister(dev);
	master = netdev_master_upper_dev_get(dev);
	if (master)
		netdev_upper_dev_unlink(dev, master);
	dev_set_promiscuity(dev, -1);
}

static struct kflow_vport *kflow_netdev_create(const struct kflow_vport_parms *parms,
					       struct netlink_ext_ack *extack)
{
	struct kflow_vport *vport;

	vport = kflow_vport_alloc(0, &kflow_netdev_vport_ops, parms);
	if (IS_ERR(vport))
		return vport;
	return kflow_netdev_link(vport, parms->name, extack);
}

void kflow_netdev_unlink(struct kflow_vport *vport)
{
	ASSERT_RTNL();
	if (kflow_netdev_attached(vport))
		kflow_netdev_detach_dev(vport);

	/* Detached now, so the notifier can no longer queue it. */
	spin_lock(&kflow_gone_lock);
	list_del_init(&vport->detach_list);
	spin_unlock(&kflow_gone_lock);
}

/* kflow_mutex held.  Also reached from the work, for a queued vport. */
static void kflow_netdev_destroy(struct kflow_vport *vport)
{
	rtnl_lock();
	kflow_netdev_unlink(vport);
	rtnl_unlock();
	kflow_vport_free_rcu(vport);
}

/* kflow_vport_send() checked that the device is up with a carrier. */
static void kflow_netdev_send(struct kflow_vport *vport, struct sk_buff *skb)
{
	dev_queue_xmit(skb);
}

/* kflow_mutex held: remove a port whose device left, and say so. */
static void kflow_netdev_gone(struct kflow_vport *vport)
{
	struct net *net = kflow_dp_net(vport->dp);
	struct sk_buff *msg;

	msg = kflow_vport_cmd_build_info(vport, net, 0, 0, OVS_VPORT_CMD_DEL,
					 GFP_KERNEL);
	kflow_vport_del(vport);
	if (IS_ERR(msg)) {
		genl_set_err(&kflow_vport_genl_family, net, 0, 0, PTR_ERR(msg));
		return;
	}
	genlmsg_multicast_netns(&kflow_vport_genl_family, net, msg, 0, 0,
				GFP_KERNEL);
}

static void kflow_gone_work_fn(struct work_struct *work)
{
	struct kflow_vport *vport;

	kflow_lock();
	for (;;) {
		spin_lock(&kflow_gone_lock);
		vport = list_first_entry_or_null(&kflow_gone_list,
						 struct kflow_vport,
						 detach_list);
		if (vport)
			list_del_init(&vport->detach_list);
		spin_unlock(&kflow_gone_lock);
		if (!vport)
			break;
		kflow_netdev_gone(vport);
	}
	kflow_unlock();
}

/* RTNL held.  Never takes kflow_mutex (see the lock order above). */
static int kflow_netdev_event(struct notifier_block *nb, unsigned long event,
			      void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct kflow_vport *vport;

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;

	vport = kflow_netdev_get_vport(dev);
	if (!vport)
		return NOTIFY_DONE;

	/* Detached, it cannot be found here again: queued exactly once. */
	kflow_netdev_detach_dev(vport);
	spin_lock(&kflow_gone_lock);
	list_add_tail(&vport->detach_list, &kflow_gone_list);
	spin_unlock(&kflow_gone_lock);
	queue_work(system_wq, &kflow_gone_work);
	return NOTIFY_DONE;
}

static struct notifier_block kflow_netdev_notifier = {
	.notifier_call = kflow_netdev_event,
};

static struct kflow_vport_ops kflow_netdev_vport_ops = {
	.type = OVS_VPORT_TYPE_NETDEV,
	.create = kflow_netdev_create,
	.destroy = kflow_netdev_destroy,
	.send = kflow_netdev_send,
};

int kflow_netdev_init(void)
{
	int err;

	err = kflow_vport_ops_register(&kflow_netdev_vport_ops);
	if (err)
		return err;
	err = register_netdevice_notifier(&kflow_netdev_notifier);
	if (err)
		kflow_vport_ops_unregister(&kflow_netdev_vport_ops);
	return err;
}

/* Not with kflow_mutex held: waits for the work, which takes it. */
void kflow_netdev_exit(void)
{
	/* Unregistering replays NETDEV_UNREGISTER for every device, which
	 * detaches and queues any port still attached; the flush removes
	 * them.  After it, nothing queues the work again.
	 */
	unregister_netdevice_notifier(&kflow_netdev_notifier);
	flush_work(&kflow_gone_work);
	kflow_vport_ops_unregister(&kflow_netdev_vport_ops);
}
