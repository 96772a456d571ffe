// SPDX-License-Identifier: GPL-2.0
/*
 * vport_internal.c - OVS_VPORT_TYPE_INTERNAL: a network device of kflow's
 * own, the host's window onto a datapath.  Port 0 of every datapath is one
 * (named after the datapath); userspace adds more.
 *
 * Directions, seen from the device: what the host transmits on it enters
 * the datapath (ndo_start_xmit -> kflow_vport_receive()); what the
 * datapath outputs to it is received by the host (send -> netif_rx()).
 * The device's own counters (tstats) are kept in that device view.
 *
 * Lifetime.  The device holds an RCU pointer to its vport, cleared under
 * RTNL when the vport is destroyed; the vport holds a reference on the
 * device, dropped by the vport's RCU callback.  Destroy unregisters the
 * device and queues that callback before rtnl_unlock(), which waits for
 * the last reference and then frees the device (needs_free_netdev).
 *
 * The rtnl kind KFLOW_INTERNAL_DEV_KIND ("kflow") makes `ip -d link` name the driver; creating or
 * deleting such devices through rtnetlink is refused (no dellink), as the
 * stock datapath does: only the ovs_vport family manages them.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/kflow.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <net/dst.h>
#include <net/rtnetlink.h>
#include <net/xfrm.h>

#include "datapath.h"
#include "vport.h"

#define KFLOW_INTERNAL_FEATURES	(NETIF_F_LLTX | NETIF_F_SG |		\
				 NETIF_F_FRAGLIST | NETIF_F_HIGHDMA |	\
				 NETIF_F_HW_CSUM | NETIF_F_GSO_SOFTWARE | \
				 NETIF_F_GSO_ENCAP_ALL)

struct kflow_internal_dev {
	struct kflow_vport __rcu *vport;
};

static struct kflow_vport_ops kflow_internal_vport_ops;

static struct kflow_internal_dev *kflow_internal_priv(const struct net_device *dev)
{
	return netdev_priv(dev);
}

/* The host sent a frame: it enters the datapath.  BH disabled. */
static netdev_tx_t kflow_internal_xmit(struct sk_buff *skb,
				       struct net_device *dev)
{
	struct kflow_vport *vport;
	unsigned int len = skb->len;

	rcu_read_lock();
	vport = rcu_dereference(kflow_internal_priv(dev)->vport);
	if (likely(vport)) {
		kflow_vport_receive(vport, skb, NULL);
		dev_sw_netstats_tx_add(dev, 1, len);
	} else {
		dev_core_stats_tx_dropped_inc(dev);
		kfree_skb(skb);
	}
	rcu_read_unlock();
	return NETDEV_TX_OK;
}

static int kflow_internal_open(struct net_device *dev)
{
	netif_start_queue(dev);
	return 0;
}

static int kflow_internal_stop(struct net_device *dev)
{
	netif_stop_queue(dev);
	return 0;
}

static const struct net_device_ops kflow_internal_netdev_ops = {
	.ndo_open = kflow_internal_open,
	.ndo_stop = kflow_internal_stop,
	.ndo_start_xmit = kflow_internal_xmit,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_get_stats64 = dev_get_tstats64,
};

/* ovs-vswitchd and tools recognise internal ports by this driver name. */
static void kflow_internal_get_drvinfo(struct net_device *dev,
				       struct ethtool_drvinfo *info)
{
	strscpy(info->driver, "openvswitch", sizeof(info->driver));
}

static const struct ethtool_ops kflow_internal_ethtool_ops = {
	.get_drvinfo = kflow_internal_get_drvinfo,
	.get_link = ethtool_op_get_link,
};

static int kflow_internal_validate(struct nlattr *tb[], struct nlattr *data[],
				   struct netlink_ext_ack *extack)
{
	NL_SET_ERR_MSG_MOD(extack,
			   "kflow devices are managed by the ovs_vport family only");
	return -EOPNOTSUPP;
}

static struct rtnl_link_ops kflow_internal_link_ops __read_mostly = {
	.kind = KFLOW_INTERNAL_DEV_KIND,
	.validate = kflow_internal_validate,
};

/* Runs once the last reference is gone, just before the device is freed. */
static void kflow_internal_destructor(struct net_device *dev)
{
	free_percpu(dev->tstats);
}

static void kflow_internal_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->max_mtu = ETH_MAX_MTU;
	dev->netdev_ops = &kflow_internal_netdev_ops;
	dev->ethtool_ops = &kflow_internal_ethtool_ops;
	dev->rtnl_link_ops = &kflow_internal_link_ops;
	dev->needs_free_netdev = true;

	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_OPENVSWITCH |
			   IFF_NO_QUEUE;

	dev->features = KFLOW_INTERNAL_FEATURES;
	dev->vlan_features = KFLOW_INTERNAL_FEATURES;
	dev->hw_enc_features = KFLOW_INTERNAL_FEATURES;
	dev->features |= NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_STAG_TX;
	dev->hw_features = dev->features & ~NETIF_F_LLTX;

	eth_hw_addr_random(dev);
}

/* RTNL held. */
static int kflow_internal_register(struct net_device *dev,
				   struct netlink_ext_ack *extack)
{
	int err;

	err = register_netdevice(dev);
	if (err == -EEXIST) {
		NL_SET_ERR_MSG_MOD(extack, "A device with this name exists");
		return err;
	}
	if (err == -EBUSY) {
		NL_SET_ERR_MSG_MOD(extack, "The requested ifindex is in use");
		return err;
	}
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "Cannot register the device");
		return err;
	}
	/* Only now: a failed register_netdevice() runs it itself. */
	dev->priv_destructor = kflow_internal_destructor;
	dev_set_promiscuity(dev, 1);
	return 0;
}

static struct kflow_vport *kflow_internal_create(const struct kflow_vport_parms *parms,
						 struct netlink_ext_ack *extack)
{
	struct kflow_vport *vport;
	struct net_device *dev;
	int err;

	if (parms->desired_ifindex < 0) {
		NL_SET_ERR_MSG_MOD(extack, "Negative ifindex");
		return ERR_PTR(-EINVAL);
	}
	vport = kflow_vport_alloc(0, &kflow_internal_vport_ops, parms);
	if (IS_ERR(vport))
		return vport;

	err = -ENOMEM;
	dev = alloc_netdev(sizeof(struct kflow_internal_dev), parms->name,
			   NET_NAME_USER, kflow_internal_setup);
	if (!dev)
		goto err_vport;
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		goto err_dev;

	dev_net_set(dev, kflow_dp_net(vport->dp));
	dev->ifindex = parms->desired_ifindex;
	/* The local port names the datapath: it stays in its namespace. */
	if (vport->port_no == OVSP_LOCAL)
		dev->features |= NETIF_F_NETNS_LOCAL;
	RCU_INIT_POINTER(kflow_internal_priv(dev)->vport, vport);
	vport->dev = dev;

	rtnl_lock();
	err = kflow_internal_register(dev, extack);
	if (!err)
		netdev_hold(dev, &vport->dev_tracker, GFP_KERNEL);
	rtnl_unlock();
	if (err)
		goto err_stats;
	return vport;

err_stats:
	free_percpu(dev->tstats);
err_dev:
	free_netdev(dev);
err_vport:
	kflow_vport_free(vport);
	return ERR_PTR(err);
}

static void kflow_internal_destroy(struct kflow_vport *vport)
{
	struct net_device *dev = vport->dev;

	rtnl_lock();
	/* From here the device drops what the host sends. */
	RCU_INIT_POINTER(kflow_internal_priv(dev)->vport, NULL);
	if (dev->reg_state == NETREG_REGISTERED) {
		dev_set_promiscuity(dev, -1);
		unregister_netdevice(dev);
	}
	/* Before rtnl_unlock(): it waits for this callback's dev_put. */
	kflow_vport_free_rcu(vport);
	rtnl_unlock();
}

/* The datapath output a frame to the host.  BH disabled, under RCU. */
static void kflow_internal_send(struct kflow_vport *vport,
				struct sk_buff *skb)
{
	struct net_device *dev = vport->dev;

	/* kflow_vport_send() dropped it if the device was down. */
	if (unlikely(!pskb_may_pull(skb, ETH_HLEN))) {
		kflow_vport_count_tx_dropped(vport);
		kfree_skb(skb);
		return;
	}

	/* Leave no datapath state on a packet entering the host stack. */
	skb_dst_drop(skb);
	nf_reset_ct(skb);
	secpath_reset(skb);

	skb->pkt_type = PACKET_HOST;
	skb->protocol = eth_type_trans(skb, dev);
	skb_postpull_rcsum(skb, eth_hdr(skb), ETH_HLEN);
	dev_sw_netstats_rx_add(dev, skb->len);
	netif_rx(skb);
}

static struct kflow_vport_ops kflow_internal_vport_ops = {
	.type = OVS_VPORT_TYPE_INTERNAL,
	.create = kflow_internal_create,
	.destroy = kflow_internal_destroy,
	.send = kflow_internal_send,
};

bool kflow_is_internal_dev(const struct net_device *dev)
{
	return dev->netdev_ops == &kflow_internal_netdev_ops;
}

/* RCU, RTNL or kflow_mutex.  NULL once the vport is being destroyed. */
struct kflow_vport *kflow_internal_dev_get_vport(struct net_device *dev)
{
	if (!kflow_is_internal_dev(dev))
		return NULL;
	return rcu_dereference_check(kflow_internal_priv(dev)->vport,
				     lockdep_kflow_is_held() ||
				     lockdep_rtnl_is_held());
}

int kflow_internal_dev_init(void)
{
	int err;

	err = rtnl_link_register(&kflow_internal_link_ops);
	if (err)
		return err;
	err = kflow_vport_ops_register(&kflow_internal_vport_ops);
	if (err)
		rtnl_link_unregister(&kflow_internal_link_ops);
	return err;
}

/*
 * Only once every datapath is gone: rtnl_link_unregister() would call
 * the (absent) dellink of any kflow device still registered.
 */
void kflow_internal_dev_exit(void)
{
	kflow_vport_ops_unregister(&kflow_internal_vport_ops);
	rtnl_link_unregister(&kflow_internal_link_ops);
}
