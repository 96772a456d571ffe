// SPDX-License-Identifier: GPL-2.0
/*
 * vport_tunnel.c - OVS_VPORT_TYPE_VXLAN, _GENEVE and _GRE.
 *
 * kflow does no encapsulation of its own.  A tunnel vport is a device of
 * the kernel's own tunnel drivers in collect-metadata ("external") mode,
 * created in the datapath's namespace under the vport's name, brought up
 * and then attached exactly like a netdev vport:
 *  - received packets carry their outer header as skb tunnel info, which
 *    the netdev rx_handler hands to the flow key;
 *  - output takes the outer header from the metadata dst the
 *    set(tunnel(...)) action attached.
 * Deleting the vport deletes the device.  A device that goes away first
 * is handled by the netdev notifier like any netdev port; destroy() then
 * finds it unregistering and leaves it alone.
 *
 * Options (OVS_VPORT_ATTR_OPTIONS): VXLAN and Geneve require
 * OVS_TUNNEL_ATTR_DST_PORT (u16, host order); VXLAN also accepts
 * OVS_TUNNEL_ATTR_EXTENSION { OVS_VXLAN_EXT_GBP }.  GRE takes none.
 */
#include <linux/if_tunnel.h>
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/geneve.h>
#include <net/gre.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>
#include <net/vxlan.h>

#include "datapath.h"
#include "vport.h"

/* What a tunnel vport was created with; kept in vport->priv. */
struct kflow_tunnel_cfg {
	u16 dst_port;		/* host order; 0 for GRE */
	bool gbp;		/* VXLAN Group Based Policy extension */
};

struct kflow_tunnel_type {
	struct kflow_vport_ops ops;
	bool needs_port;
	/* RTNL held: create the collect-metadata device @name. */
	struct net_device *(*make)(struct net *net, const char *name,
				   const struct kflow_tunnel_cfg *cfg);
};

static const struct nla_policy kflow_tunnel_policy[OVS_TUNNEL_ATTR_MAX + 1] = {
	[OVS_TUNNEL_ATTR_DST_PORT] = { .type = NLA_U16 },
	[OVS_TUNNEL_ATTR_EXTENSION] = { .type = NLA_NESTED },
};

static const struct nla_policy kflow_vxlan_ext_policy[OVS_VXLAN_EXT_MAX + 1] = {
	[OVS_VXLAN_EXT_GBP] = { .type = NLA_FLAG },
};

static struct net_device *kflow_vxlan_make(struct net *net, const char *name,
					   const struct kflow_tunnel_cfg *cfg)
{
	struct vxlan_config conf = {
		.dst_port = htons(cfg->dst_port),
		.flags = VXLAN_F_COLLECT_METADATA | VXLAN_F_UDP_ZERO_CSUM6_RX,
		/* The datapath, not the device, bounds what is sent. */
		.mtu = IP_MAX_MTU,
		.no_share = true,
	};

	if (cfg->gbp)
		conf.flags |= VXLAN_F_GBP;
	return vxlan_dev_create(net, name, NET_NAME_USER, &conf);
}

static struct net_device *kflow_geneve_make(struct net *net, const char *name,
					    const struct kflow_tunnel_cfg *cfg)
{
	return geneve_dev_create_fb(net, name, NET_NAME_USER, cfg->dst_port);
}

static struct net_device *kflow_gre_make(struct net *net, const char *name,
					 const struct kflow_tunnel_cfg *cfg)
{
	return gretap_fb_dev_create(net, name, NET_NAME_USER);
}

static int kflow_vxlan_parse_ext(const struct nlattr *attr,
				 struct kflow_tunnel_cfg *cfg,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *ext[OVS_VXLAN_EXT_MAX + 1];
	int err;

	err = nla_parse_nested_deprecated(ext, OVS_VXLAN_EXT_MAX, attr,
					  kflow_vxlan_ext_policy, extack);
	if (err)
		return err;
	cfg->gbp = !!ext[OVS_VXLAN_EXT_GBP];
	return 0;
}

static int kflow_tunnel_parse(const struct kflow_tunnel_type *t,
			      struct nlattr *options,
			      struct kflow_tunnel_cfg *cfg,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *a[OVS_TUNNEL_ATTR_MAX + 1];
	int err;

	if (!t->needs_port)
		return 0;
	if (!options) {
		NL_SET_ERR_MSG_MOD(extack, "Tunnel port needs options with a destination port");
		return -EINVAL;
	}
	err = nla_parse_nested_deprecated(a, OVS_TUNNEL_ATTR_MAX, options,
					  kflow_tunnel_policy, extack);
	if (err)
		return err;
	if (!a[OVS_TUNNEL_ATTR_DST_PORT]) {
		NL_SET_ERR_MSG_ATTR(extack, options,
				    "Missing OVS_TUNNEL_ATTR_DST_PORT");
		return -EINVAL;
	}
	cfg->dst_port = nla_get_u16(a[OVS_TUNNEL_ATTR_DST_PORT]);
	if (!a[OVS_TUNNEL_ATTR_EXTENSION])
		return 0;
	if (t->ops.type != OVS_VPORT_TYPE_VXLAN) {
		NL_SET_ERR_MSG_ATTR(extack, a[OVS_TUNNEL_ATTR_EXTENSION],
				    "Only VXLAN ports take extensions");
		return -EINVAL;
	}
	return kflow_vxlan_parse_ext(a[OVS_TUNNEL_ATTR_EXTENSION], cfg, extack);
}

/* RTNL held.  Delete a device this file created, unless it is going. */
static void kflow_tunnel_delete_dev(struct net_device *dev)
{
	ASSERT_RTNL();
	if (dev->reg_state == NETREG_REGISTERED)
		rtnl_delete_link(dev, 0, NULL);
}

/* Create and bring up the device; its ifindex or -errno. */
static int kflow_tunnel_make_dev(const struct kflow_tunnel_type *t,
				 const struct kflow_vport_parms *parms,
				 const struct kflow_tunnel_cfg *cfg,
				 struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	int err;

	rtnl_lock();
	dev = t->make(kflow_dp_net(parms->dp), parms->name, cfg);
	if (IS_ERR(dev)) {
		rtnl_unlock();
		NL_SET_ERR_MSG_MOD(extack, "Cannot create the tunnel device (name in use?)");
		return PTR_ERR(dev);
	}
	err = dev_change_flags(dev, dev->flags | IFF_UP, extack);
	if (err < 0)
		kflow_tunnel_delete_dev(dev);
	else
		err = dev->ifindex;
	rtnl_unlock();
	return err;
}

/* The attach failed: delete the device created for it, if still there. */
static void kflow_tunnel_undo_dev(struct net *net, int ifindex,
				  const char *name)
{
	struct net_device *dev;

	rtnl_lock();
	dev = __dev_get_by_index(net, ifindex);
	if (dev && !strcmp(dev->name, name) && !kflow_netdev_get_vport(dev))
		kflow_tunnel_delete_dev(dev);
	rtnl_unlock();
}

static const struct kflow_tunnel_type *kflow_tunnel_type_of(u32 type);

static struct kflow_vport *kflow_tunnel_create(const struct kflow_vport_parms *parms,
					       struct netlink_ext_ack *extack)
{
	const struct kflow_tunnel_type *t = kflow_tunnel_type_of(parms->type);
	struct kflow_tunnel_cfg cfg = {};
	struct kflow_vport *vport;
	int err, ifindex;

	err = kflow_tunnel_parse(t, parms->options, &cfg, extack);
	if (err)
		return ERR_PTR(err);
	vport = kflow_vport_alloc(sizeof(cfg), &t->ops, parms);
	if (IS_ERR(vport))
		return vport;
	memcpy(vport->priv, &cfg, sizeof(cfg));

	ifindex = kflow_tunnel_make_dev(t, parms, &cfg, extack);
	if (ifindex < 0) {
		kflow_vport_free(vport);
		return ERR_PTR(ifindex);
	}
	vport = kflow_netdev_link(vport, parms->name, extack);
	if (IS_ERR(vport))
		kflow_tunnel_undo_dev(kflow_dp_net(parms->dp), ifindex,
				      parms->name);
	return vport;
}

/* kflow_mutex held. */
static void kflow_tunnel_destroy(struct kflow_vport *vport)
{
	rtnl_lock();
	kflow_netdev_unlink(vport);
	kflow_tunnel_delete_dev(vport->dev);
	/* Before rtnl_unlock(): it waits for the device reference, which
	 * the RCU callback drops.
	 */
	kflow_vport_free_rcu(vport);
	rtnl_unlock();
}

static int kflow_tunnel_get_options(const struct kflow_vport *vport,
				    struct sk_buff *skb)
{
	const struct kflow_tunnel_cfg *cfg = vport->priv;
	struct nlattr *ext;

	if (nla_put_u16(skb, OVS_TUNNEL_ATTR_DST_PORT, cfg->dst_port))
		return -EMSGSIZE;
	if (!cfg->gbp)
		return 0;
	ext = nla_nest_start_noflag(skb, OVS_TUNNEL_ATTR_EXTENSION);
	if (!ext || nla_put_flag(skb, OVS_VXLAN_EXT_GBP))
		return -EMSGSIZE;
	nla_nest_end(skb, ext);
	return 0;
}

/* kflow_vport_send() checked that the device is up with a carrier. */
static void kflow_tunnel_send(struct kflow_vport *vport, struct sk_buff *skb)
{
	dev_queue_xmit(skb);
}

static struct kflow_tunnel_type kflow_tunnel_types[] = {
	{
		.ops = {
			.type = OVS_VPORT_TYPE_VXLAN,
			.get_options = kflow_tunnel_get_options,
		},
		.needs_port = true,
		.make = kflow_vxlan_make,
	},
	{
		.ops = {
			.type = OVS_VPORT_TYPE_GENEVE,
			.get_options = kflow_tunnel_get_options,
		},
		.needs_port = true,
		.make = kflow_geneve_make,
	},
	{
		.ops = { .type = OVS_VPORT_TYPE_GRE },
		.make = kflow_gre_make,
	},
};

static const struct kflow_tunnel_type *kflow_tunnel_type_of(u32 type)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(kflow_tunnel_types); i++)
		if (kflow_tunnel_types[i].ops.type == type)
			return &kflow_tunnel_types[i];
	return NULL;	/* not reached: only registered types get here */
}

int kflow_tunnel_init(void)
{
	struct kflow_tunnel_type *t;
	int i, err;

	for (i = 0; i < ARRAY_SIZE(kflow_tunnel_types); i++) {
		t = &kflow_tunnel_types[i];
		t->ops.create = kflow_tunnel_create;
		t->ops.destroy = kflow_tunnel_destroy;
		t->ops.send = kflow_tunnel_send;
		err = kflow_vport_ops_register(&t->ops);
		if (err)
			goto err_unregister;
	}
	return 0;

err_unregister:
	while (i--)
		kflow_vport_ops_unregister(&kflow_tunnel_types[i].ops);
	return err;
}

void kflow_tunnel_exit(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(kflow_tunnel_types); i++)
		kflow_vport_ops_unregister(&kflow_tunnel_types[i].ops);
}
