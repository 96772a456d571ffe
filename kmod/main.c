// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - module load and unload.
 *
 * kflow serves the Open vSwitch generic netlink families, so it cannot
 * load while openvswitch.ko holds their names.  The families are
 * registered last, when everything they reach is ready, and unregistered
 * first.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/kflow.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>

#include "datapath.h"
#include "flow.h"
#include "genl.h"
#include "vport.h"

static int __init kflow_register_family(struct genl_family *family)
{
	int err = genl_register_family(family);

	if (err == -EEXIST)
		pr_err("kflow: generic netlink family %s is already registered; unload openvswitch.ko first\n",
		       family->name);
	return err;
}

static int __init kflow_init(void)
{
	int err;

	err = kflow_flow_init();
	if (err)
		goto err;
	err = kflow_vport_init();
	if (err)
		goto err_flow;
	err = kflow_internal_dev_init();
	if (err)
		goto err_vport;
	err = kflow_netdev_init();
	if (err)
		goto err_internal_dev;
	err = kflow_tunnel_init();
	if (err)
		goto err_netdev;
	err = kflow_dp_pernet_init();
	if (err)
		goto err_tunnel;

	err = kflow_register_family(&kflow_dp_genl_family);
	if (err)
		goto err_pernet;
	err = kflow_register_family(&kflow_vport_genl_family);
	if (err)
		goto err_dp_family;
	err = kflow_register_family(&kflow_flow_genl_family);
	if (err)
		goto err_vport_family;
	err = kflow_register_family(&kflow_packet_genl_family);
	if (err)
		goto err_flow_family;

	pr_info("kflow: Open vSwitch compatible datapath loaded\n");
	return 0;

err_flow_family:
	genl_unregister_family(&kflow_flow_genl_family);
err_vport_family:
	genl_unregister_family(&kflow_vport_genl_family);
err_dp_family:
	genl_unregister_family(&kflow_dp_genl_family);
err_pernet:
	kflow_dp_pernet_exit();
err_tunnel:
	kflow_tunnel_exit();
err_netdev:
	kflow_netdev_exit();
err_internal_dev:
	kflow_internal_dev_exit();
err_vport:
	kflow_vport_exit();
err_flow:
	kflow_flow_exit();
err:
	return err;
}

static void __exit kflow_exit(void)
{
	genl_unregister_family(&kflow_packet_genl_family);
	genl_unregister_family(&kflow_flow_genl_family);
	genl_unregister_family(&kflow_vport_genl_family);
	genl_unregister_family(&kflow_dp_genl_family);
	kflow_dp_pernet_exit();
	kflow_tunnel_exit();
	kflow_netdev_exit();
	kflow_internal_dev_exit();
	kflow_vport_exit();
	kflow_flow_exit();
}

module_init(kflow_init);
module_exit(kflow_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Open vSwitch compatible kernel datapath");
MODULE_AUTHOR("kflow developers");
MODULE_ALIAS_RTNL_LINK(KFLOW_INTERNAL_DEV_KIND);
