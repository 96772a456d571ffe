// SPDX-License-Identifier: GPL-2.0
/*
 * port.c - a bridge port's datapath side: which vport backs it (its own
 * netdev or internal port, or the tunnel vport shared by every tunnel
 * port of one type and UDP port), attaching it and letting it go.
 */
#include <string.h>
#include "kflowd.h"
#include "port_conf.h"

static enum kfd_vport_kind vport_kind(const struct kf_port *p)
{
	switch (p->type) {
	case KF_PT_INTERNAL:
		return KFD_VPORT_INTERNAL;
	case KF_PT_TUNNEL:
		return p->tun.type == KF_TUN_VXLAN ? KFD_VPORT_VXLAN :
		       p->tun.type == KF_TUN_GENEVE ? KFD_VPORT_GENEVE :
		       KFD_VPORT_GRE;
	default:
		return KFD_VPORT_SYSTEM;
	}
}

int kfd_port_attach(struct kfd *d, struct kf_port *p, char err[KF_ERR_LEN])
{
	char name[KF_NAME_LEN];

	if (p->type == KF_PT_PATCH)
		return 0;
	kf_port_vport_name(p, name);
	return kfd_dp_vport_add(&d->dp, name, vport_kind(p), p->tun.dst_port,
				&p->odp_port, err);
}

/* Does a port other than @p use datapath port @odp_port? */
static bool vport_shared(const struct kf_ofproto *ofp,
			 const struct kf_port *p)
{
	size_t i, j;

	for (i = 0; i < ofp->n_bridges; i++)
		for (j = 0; j < ofp->bridges[i]->n_ports; j++)
			if (ofp->bridges[i]->ports[j] != p &&
			    ofp->bridges[i]->ports[j]->odp_port == p->odp_port)
				return true;
	return false;
}

int kfd_port_detach(struct kfd *d, struct kf_port *p, char err[KF_ERR_LEN])
{
	char name[KF_NAME_LEN];
	int ret;

	if (p->odp_port == KF_ODPP_NONE || vport_shared(d->ofp, p))
		return 0;
	kf_port_vport_name(p, name);
	ret = kfd_dp_vport_del(&d->dp, name, err);
	if (!ret)
		p->odp_port = KF_ODPP_NONE;
	return ret;
}
