/* SPDX-License-Identifier: GPL-2.0 */
/*
 * port_conf.h - a port's text form, shared by the configuration file
 * ("port NAME OPTIONS") and kflow-ctl add-port ("BR NAME OPTIONS"):
 *
 *   NAME [type=system|internal|patch|vxlan|geneve|gre] [ofport=N]
 *        [peer=PORT] [tag=VLAN] [trunks=V,V,...] [no_flood]
 *        [remote_ip=A|flow] [local_ip=A] [key=flow|N] [dst_port=N]
 *
 * Parsing fills a struct kf_port template (odp_port KF_ODPP_NONE, ofport
 * 0 when not given) and checks what one port can check on its own; the
 * caller checks names and numbers against the bridges.  Formatting
 * writes the canonical form back (every option that differs from its
 * default), so parse(format(p)) == p.
 */
#ifndef KFLOWD_PORT_CONF_H
#define KFLOWD_PORT_CONF_H

#include "bridge.h"
#include "strbuf.h"

/* Parse @args ("NAME [OPTION...]", modified in place) into @p.  0, or
 * -EINVAL with the reason in @err ("tag=4096: bad VLAN (0..4095)"). */
int kf_port_parse(char *args, struct kf_port *p, char err[KF_ERR_LEN]);
/* "NAME type=vxlan ofport=3 remote_ip=..." (no newline). */
void kf_port_format(struct strbuf *sb, const struct kf_port *p);
/* "system", "internal", "patch", "vxlan", "geneve", "gre". */
const char *kf_port_type_name(const struct kf_port *p);
/* The datapath vport behind @p: its own name, except for tunnels:
 * ports of one type and UDP port share one flow-based vport, named as
 * OVS names it (vxlan_sys_4789, geneve_sys_6081, gre_sys). */
void kf_port_vport_name(const struct kf_port *p, char name[KF_NAME_LEN]);
/* The lowest OpenFlow port number not used in @br (0 if none is free). */
uint16_t kf_bridge_free_ofport(const struct kf_bridge *br);

#endif
