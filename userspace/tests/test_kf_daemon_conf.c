// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_daemon_conf.c - kflowd.conf: bridges, ports with their types
 * and options, initial flows; every error names file, line, value, why.
 */
#include <stdio.h>
#include <string.h>
#include "daemon_conf.h"
#include "tap.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int load(struct kf_ofproto *ofp, const char *text, char *err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret = kfd_config_read(ofp, f, "t.conf", err);

	fclose(f);
	return ret;
}

static void test_good(void)
{
	static const char text[] =
		"# two bridges joined by patch ports\n"
		"bridge br0\n"
		"  port br0 type=internal\n"
		"  port eth1 ofport=1\n"
		"\n"
		"  port eth2 ofport=2 tag=10\n"
		"  port eth3 ofport=3 trunks=10,20 no_flood\n"
		"  port pa type=patch ofport=4 peer=pb\n"
		"  flow priority=0,actions=NORMAL\n"
		"bridge br1\n"
		"  port pb type=patch ofport=1 peer=pa\n"
		"  port i1 type=internal ofport=2\n";
	struct kf_ofproto *ofp = kf_ofproto_create();
	char err[KF_ERR_LEN] = "";
	struct kf_bridge *br0, *br1;
	struct kf_port *p;
	int ret = load(ofp, text, err);

	tap_ok(!ret, "example configuration loads %s", err);
	br0 = kf_bridge_find(ofp, "br0");
	br1 = kf_bridge_find(ofp, "br1");
	tap_ok(br0 && br1 && ofp->n_bridges == 2, "two bridges");
	if (!br0 || !br1)
		goto out;
	tap_ok(br0->n_ports == 5 && br1->n_ports == 3,
	       "ports incl. LOCAL: br0 %zu, br1 %zu", br0->n_ports,
	       br1->n_ports);
	p = kf_bridge_port(br0, 2);
	tap_ok(p && p->vlan_mode == KF_VLAN_ACCESS && p->tag == 10 &&
	       p->odp_port == KF_ODPP_NONE, "eth2: access port, VLAN 10");
	p = kf_bridge_port(br0, 3);
	tap_ok(p && !p->all_trunks && kf_port_in_vlan(p, 20) &&
	       !kf_port_in_vlan(p, 30) && p->no_flood,
	       "eth3: trunks 10,20, no_flood");
	p = kf_bridge_port(br0, 4);
	tap_ok(p && p->type == KF_PT_PATCH && !strcmp(p->peer, "pb"),
	       "pa: patch port, peer pb");
	p = kf_bridge_port(br1, 2);
	tap_ok(p && p->type == KF_PT_INTERNAL, "i1: internal port");
	tap_ok(kf_cls_count(br0->tables[0]) == 1, "br0: one flow in table 0");
out:
	kf_ofproto_destroy(ofp);
}

static const struct {
	const char *text;
	const char *err;
} bad[] = {
	{ "port p1 ofport=1\n", "t.conf:1: port: comes before any bridge line" },
	{ "bridge b\nswitch x\n", "t.conf:2: switch: unknown keyword" },
	{ "bridge b\nbridge b\n", "t.conf:2: bridge b: duplicate bridge name" },
	{ "bridge b c\n", "t.conf:1: bridge: expected one name" },
	{ "bridge b\nport b2 ofport=1\nbridge b2\n",
	  "t.conf:3: bridge b2: a port has that name" },
	{ "bridge b\nport p1 ofport=0\n", "t.conf:2: ofport=0: bad port number (1..65279)" },
	{ "bridge b\nport p1 ofport=x\n", "t.conf:2: ofport=x: bad port number" },
	{ "bridge b\nport p1 ofport=1 type=vxlan0\n",
	  "t.conf:2: type=vxlan0: unknown port type (system, internal, patch, vxlan, geneve or gre)" },
	{ "bridge b\nport v1 type=vxlan\n",
	  "t.conf:2: port v1: a tunnel port needs remote_ip=A or remote_ip=flow" },
	{ "bridge b\nport v1 type=vxlan remote_ip=10.0.0.300\n",
	  "t.conf:2: remote_ip=10.0.0.300: bad IPv4 address" },
	{ "bridge b\nport v1 type=geneve remote_ip=flow local_ip=x\n",
	  "t.conf:2: local_ip=x: bad IPv4 address" },
	{ "bridge b\nport v1 type=vxlan remote_ip=flow key=fl\n",
	  "t.conf:2: key=fl: expected flow or a number" },
	{ "bridge b\nport v1 type=vxlan remote_ip=flow dst_port=65536\n",
	  "t.conf:2: dst_port=65536: bad UDP port (1..65535)" },
	{ "bridge b\nport v1 type=gre remote_ip=flow dst_port=4789\n",
	  "t.conf:2: port v1: dst_port= is only for vxlan and geneve" },
	{ "bridge b\nport p1 key=5\n",
	  "t.conf:2: port p1: key= is only for tunnel ports (type=vxlan, geneve or gre)" },
	{ "bridge b\nport p1 peer=p2\n",
	  "t.conf:2: port p1: peer= is only for type=patch" },
	{ "bridge b\nport p1 trunks=,\n", "t.conf:2: trunks=,: no VLAN given" },
	{ "bridge b\nport p1 ofport=1 tag=4096\n", "t.conf:2: tag=4096: bad VLAN (0..4095)" },
	{ "bridge b\nport p1 ofport=1 trunks=1,x\n", "t.conf:2: trunks=1,x: bad VLAN x (0..4095)" },
	{ "bridge b\nport p1 ofport=1 color=red\n", "t.conf:2: color: unknown port option" },
	{ "bridge b\nport p1 ofport=1 speed\n", "t.conf:2: speed: expected key=value" },
	{ "bridge b\nport p1 ofport=1\nport p2 ofport=1\n",
	  "t.conf:3: port p2: ofport already used in this bridge" },
	{ "bridge b\nport p1 ofport=1\nport p1 ofport=2\n",
	  "t.conf:3: port p1: duplicate port name" },
	{ "bridge b\nport pa type=patch ofport=1\n",
	  "t.conf:2: port pa: a patch port needs peer=PORT" },
	{ "bridge b\nport abcdefghijklmnop ofport=1\n",
	  "t.conf:2: port abcdefghijklmnop: name longer than 15 characters" },
	{ "bridge b\nflow actions=frobnicate\n", "t.conf:2: flow actions=frobnicate: " },
};

static void test_bad(void)
{
	char err[KF_ERR_LEN];
	size_t i;

	for (i = 0; i < N(bad); i++) {
		struct kf_ofproto *ofp = kf_ofproto_create();
		int ret;

		err[0] = '\0';
		ret = load(ofp, bad[i].text, err);
		tap_ok(ret && !strncmp(err, bad[i].err, strlen(bad[i].err)),
		       "error: %s", err);
		if (!ret || strncmp(err, bad[i].err, strlen(bad[i].err)))
			tap_diag("expected: %s", bad[i].err);
		kf_ofproto_destroy(ofp);
	}
}

int main(void)
{
	test_good();
	test_bad();
	return tap_done();
}
