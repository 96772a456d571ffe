// SPDX-License-Identifier: GPL-2.0
/*
 * dp_vport.c - create or reuse a datapath vport (system netdev, internal
 * port, flow-based vxlan/geneve/gre tunnel), delete one.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include "dp.h"
#include "dpif.h"

static const uint32_t vport_type[] = {
	[KFD_VPORT_SYSTEM] = OVS_VPORT_TYPE_NETDEV,
	[KFD_VPORT_INTERNAL] = OVS_VPORT_TYPE_INTERNAL,
	[KFD_VPORT_VXLAN] = OVS_VPORT_TYPE_VXLAN,
	[KFD_VPORT_GENEVE] = OVS_VPORT_TYPE_GENEVE,
	[KFD_VPORT_GRE] = OVS_VPORT_TYPE_GRE,
};

int kfd_dp_vport_add(struct kfd_dp *dp, const char *name,
		     enum kfd_vport_kind kind, uint16_t dst_port,
		     uint32_t *port_no, char err[KFD_ERR_LEN])
{
	uint32_t pids[KFD_MAX_VPORT_PIDS];
	struct kf_vport_req vr;
	struct kf_vport v;
	int ret;

	memset(&vr, 0, sizeof(vr));
	vr.name = name;
	vr.port_no = KF_PORT_NONE;
	vr.has_upcall_pid = true;	/* 0: no handler yet (tests) */
	ret = kf_vport_get(dp->nl, dp->ifindex, name, KF_PORT_NONE, &v);
	if (!ret && v.type != vport_type[kind]) {
		snprintf(err, KFD_ERR_LEN, "datapath port %s exists with type "
			 "%s", name, kf_vport_type_name(v.type));
		return -EEXIST;
	}
	if (ret && kind == KFD_VPORT_SYSTEM && !if_nametoindex(name)) {
		snprintf(err, KFD_ERR_LEN, "no such network device");
		return -ENODEV;
	}
	kfd_dp_vport_pids(dp, &vr, pids);
	if (!ret) {
		ret = kf_vport_set(dp->nl, dp->ifindex, &vr);
	} else {
		vr.type = vport_type[kind];
		vr.has_dst_port = kind == KFD_VPORT_VXLAN ||
				  kind == KFD_VPORT_GENEVE;
		vr.dst_port = dst_port ? dst_port :
			      kind == KFD_VPORT_VXLAN ? 4789 : 6081;
		ret = kf_vport_new(dp->nl, dp->ifindex, &vr, &v);
	}
	if (ret) {
		snprintf(err, KFD_ERR_LEN, "datapath port %s: %s %s", name,
			 strerror(-ret), kfd_dp_errmsg(dp));
		return ret;
	}
	*port_no = v.port_no;
	return 0;
}

int kfd_dp_vport_del(struct kfd_dp *dp, const char *name,
		     char err[KFD_ERR_LEN])
{
	int ret = kf_vport_del(dp->nl, dp->ifindex, name, KF_PORT_NONE);

	if (ret && ret != -ENODEV && ret != -ENOENT) {
		snprintf(err, KFD_ERR_LEN, "datapath port %s: %s %s", name,
			 strerror(-ret), kfd_dp_errmsg(dp));
		return ret;
	}
	return 0;
}
