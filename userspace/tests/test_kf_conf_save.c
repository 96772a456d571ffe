// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_conf_save.c - the configuration file written back by kflowd:
 * every port type and option and rules with every attribute survive
 * write -> read -> write unchanged; saving replaces the file atomically
 * (a new inode by rename, no temporary left behind, the old file intact
 * when the rename fails); the lowest free OpenFlow port is assigned.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "daemon_conf.h"
#include "port_conf.h"
#include "tap.h"

static const char conf[] =
	"bridge br0\n"
	"  port eth1 ofport=1\n"
	"  port eth2 ofport=7 tag=10 no_flood\n"
	"  port eth3 trunks=10,20,4095\n"
	"  port i0 type=internal ofport=9\n"
	"  port pa type=patch ofport=4 peer=pb\n"
	"  port vx0 type=vxlan ofport=10 remote_ip=192.168.1.2 "
	"local_ip=192.168.1.1 key=flow dst_port=4790\n"
	"  port gn0 type=geneve remote_ip=flow key=5000\n"
	"  port gr0 type=gre ofport=12 remote_ip=10.0.0.9\n"
	"  flow table=0,priority=100,in_port=1,actions=output:2\n"
	"  flow priority=0,actions=NORMAL\n"
	"  flow table=40, cookie=0x1234, idle_timeout=30, hard_timeout=300, "
	"send_flow_rem priority=200,ip,nw_src=10.0.0.0/8,tp_dst=80,nw_proto=6 "
	"actions=set_field:0x2->reg0,resubmit(,41)\n"
	"  flow table=41,priority=1,arp,arp_tpa=10.0.0.1,actions=drop\n"
	"bridge br1\n"
	"  port pb type=patch ofport=1 peer=pa\n";

static char *write_str(const struct kf_ofproto *ofp)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (kfd_config_write(ofp, f))
		tap_diag("kfd_config_write failed");
	fclose(f);
	return buf;
}

static struct kf_ofproto *read_str(const char *text, char *err)
{
	struct kf_ofproto *ofp = kf_ofproto_create();
	FILE *f = fmemopen((void *)text, strlen(text), "r");

	if (kfd_config_read(ofp, f, "t.conf", err)) {
		kf_ofproto_destroy(ofp);
		ofp = NULL;
	}
	fclose(f);
	return ofp;
}

static void check_ports(const struct kf_ofproto *ofp)
{
	const struct kf_port *p = kf_ofproto_port_by_name(ofp, "vx0");

	tap_ok(p && p->type == KF_PT_TUNNEL && p->tun.type == KF_TUN_VXLAN &&
	       p->ofport == 10 && p->tun.remote_ip == 0xc0a80102 &&
	       p->tun.local_ip == 0xc0a80101 && p->tun.key_flow &&
	       p->tun.dst_port == 4790, "vx0: vxlan with every option");
	p = kf_ofproto_port_by_name(ofp, "gn0");
	tap_ok(p && p->tun.type == KF_TUN_GENEVE && !p->tun.remote_ip &&
	       !p->tun.key_flow && p->tun.key == 5000 && p->ofport == 3,
	       "gn0: geneve remote_ip=flow key=5000, lowest free ofport 3");
	p = kf_ofproto_port_by_name(ofp, "eth3");
	tap_ok(p && p->ofport == 2 && !p->all_trunks &&
	       kf_port_in_vlan(p, 4095) && !kf_port_in_vlan(p, 11),
	       "eth3: ofport 2 (lowest free), trunks");
	p = kf_ofproto_port_by_name(ofp, "gr0");
	tap_ok(p && p->tun.type == KF_TUN_GRE && !p->tun.key &&
	       !strcmp(kf_port_type_name(p), "gre"), "gr0: gre");
}

static void test_round_trip(void)
{
	char err[KF_ERR_LEN] = "";
	struct kf_ofproto *a = read_str(conf, err), *b;
	char *t1, *t2;

	tap_ok(a != NULL, "configuration with every option loads %s", err);
	if (!a)
		return;
	check_ports(a);
	t1 = write_str(a);
	b = read_str(t1, err);
	tap_ok(b != NULL, "written file reads back %s", err);
	if (b) {
		check_ports(b);
		t2 = write_str(b);
		tap_ok(!strcmp(t1, t2), "write -> read -> write is identical");
		if (strcmp(t1, t2))
			tap_diag("first:\n%s\nsecond:\n%s", t1, t2);
		free(t2);
		kf_ofproto_destroy(b);
	}
	tap_ok(strstr(t1, "  port vx0 type=vxlan ofport=10 "
		       "remote_ip=192.168.1.2 local_ip=192.168.1.1 key=flow "
		       "dst_port=4790\n") != NULL, "vxlan port line");
	tap_ok(strstr(t1, "  flow table=40, cookie=0x1234, idle_timeout=30, "
		       "hard_timeout=300, send_flow_rem priority=200,tcp,"
		       "nw_src=10.0.0.0/8,tp_dst=80 actions=") != NULL,
	       "rule with table, cookie, timeouts, flags");
	tap_ok(strstr(t1, "flow priority=100,in_port=1 actions=output:2\n"
		       "  flow priority=0 actions=NORMAL\n") != NULL,
	       "table 0 highest priority first");
	free(t1);
	kf_ofproto_destroy(a);
}

static void test_save(void)
{
	char dir[] = "/tmp/kf_conf_save.XXXXXX", path[64], tmp[80];
	char err[KF_ERR_LEN] = "";
	struct kf_ofproto *ofp = read_str(conf, err);
	struct stat st1, st2;
	FILE *f;
	char buf[8192];
	size_t n;
	char *text;

	if (!ofp || !mkdtemp(dir)) {
		tap_ok(false, "setup");
		return;
	}
	snprintf(path, sizeof(path), "%s/kflowd.conf", dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	tap_ok(!kfd_config_save(ofp, path, err), "save %s", err);
	stat(path, &st1);
	tap_ok(!kfd_config_save(ofp, path, err) && !stat(path, &st2) &&
	       st1.st_ino != st2.st_ino, "a second save replaces the inode "
	       "(rename, not rewrite in place)");
	tap_ok(access(tmp, F_OK), "no temporary file left");
	f = fopen(path, "r");
	n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
	buf[n] = '\0';
	if (f)
		fclose(f);
	text = write_str(ofp);
	tap_ok(!strcmp(buf, text), "the file holds kfd_config_write's text");
	free(text);

	/* A rename that fails (the target is a directory) leaves no
	 * temporary file and reports the path. */
	snprintf(path, sizeof(path), "%s", dir);
	tap_ok(kfd_config_save(ofp, path, err) && strstr(err, "rename") &&
	       !strncmp(err, dir, strlen(dir)), "failed rename: %s", err);
	snprintf(tmp, sizeof(tmp), "%s.tmp", dir);
	tap_ok(access(tmp, F_OK), "failed save leaves no temporary");
	snprintf(path, sizeof(path), "%s/none/kflowd.conf", dir);
	tap_ok(kfd_config_save(ofp, path, err) && strstr(err, "none/kflowd."
	       "conf.tmp: create: No such file"), "missing directory: %s",
	       err);
	snprintf(path, sizeof(path), "%s/kflowd.conf", dir);
	unlink(path);
	rmdir(dir);
	kf_ofproto_destroy(ofp);
}

static void test_empty(void)
{
	char err[KF_ERR_LEN] = "";
	struct kf_ofproto *ofp = read_str("# nothing yet\n", err);
	char *t;

	tap_ok(ofp && !ofp->n_bridges, "an empty file is an empty switch");
	if (!ofp)
		return;
	t = write_str(ofp);
	tap_ok(t && t[0] == '#' && !strchr(t, '\n')[1], "and writes as a "
	       "comment only");
	free(t);
	kf_ofproto_destroy(ofp);
}

int main(void)
{
	test_round_trip();
	test_save();
	test_empty();
	return tap_done();
}
