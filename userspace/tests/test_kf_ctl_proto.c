// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_ctl_proto.c - the control protocol: request lines built from
 * arguments and split back, what is refused and why, reply status
 * parsing; kflow-ctl add-port's options parsed as the daemon parses them.
 */
#include <string.h>
#include "ctl_proto.h"
#include "port_conf.h"
#include "tap.h"

static void test_round_trip(void)
{
	char *argv[] = { "add-port", "br0", "vx0", "type=vxlan",
			 "remote_ip=10.0.0.2", "key=flow" };
	struct strbuf sb = STRBUF_INIT;
	char err[KF_ERR_LEN], *words[8];
	int n, i, same = 1;

	tap_ok(!kf_ctl_request(&sb, 6, argv, err), "request built");
	tap_ok(!strcmp(sb_str(&sb), "add-port br0 vx0 type=vxlan "
		       "remote_ip=10.0.0.2 key=flow\n"), "one line: %s",
	       sb_str(&sb));
	n = kf_ctl_split(sb.s, words, 8, err);
	for (i = 0; i < n && i < 6; i++)
		same &= !strcmp(words[i], argv[i]);
	tap_ok(n == 6 && same, "split gives the arguments back (%d)", n);
	sb_free(&sb);
}

static void test_split(void)
{
	char line1[] = "  trace\tbr0   in_port=1,  ip \n";
	char line2[] = "show\nshow\n", line3[] = " \t\n", line4[] = "a b c d";
	char err[KF_ERR_LEN], *w[4];
	int n;

	n = kf_ctl_split(line1, w, 4, err);
	tap_ok(n == 4 && !strcmp(w[0], "trace") && !strcmp(w[2], "in_port=1,")
	       && !strcmp(w[3], "ip"), "tabs and runs of spaces separate");
	tap_ok(kf_ctl_split(line2, w, 4, err) < 0 &&
	       !strcmp(err, "request: more than one line"), "%s", err);
	tap_ok(kf_ctl_split(line3, w, 4, err) < 0 &&
	       !strcmp(err, "request: empty"), "%s", err);
	tap_ok(kf_ctl_split(line4, w, 3, err) < 0 &&
	       !strcmp(err, "request: more than 3 words"), "%s", err);
}

static void test_refused(void)
{
	char *sp[] = { "trace", "br0", "in_port=1, ip" };
	char *nl[] = { "add-br", "br\n0" }, *empty[] = { "add-br", "" };
	struct strbuf sb = STRBUF_INIT;
	char err[KF_ERR_LEN], big[5000];
	char *lng[] = { "add-br", big };

	tap_ok(kf_ctl_request(&sb, 3, sp, err) &&
	       strstr(err, "\"in_port=1, ip\": empty or holds white space"),
	       "%s", err);
	tap_ok(kf_ctl_request(&sb, 2, nl, err), "newline refused");
	tap_ok(kf_ctl_request(&sb, 2, empty, err), "empty argument refused");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	tap_ok(kf_ctl_request(&sb, 2, lng, err) &&
	       !strcmp(err, "request longer than 4096 bytes"), "%s", err);
	sb_free(&sb);
}

static void test_reply(void)
{
	char msg[KF_ERR_LEN];
	const char *body;

	tap_ok(kf_ctl_reply("ok\nBridge br0\n", &body, msg) == 0 &&
	       !strcmp(body, "Bridge br0\n"), "ok reply and body");
	tap_ok(kf_ctl_reply("ok\n", &body, msg) == 0 && !*body,
	       "ok reply, empty body");
	tap_ok(kf_ctl_reply("error: add-port br0 eth9: no such network "
			    "device\n", &body, msg) == 1 &&
	       !strcmp(msg, "add-port br0 eth9: no such network device"),
	       "error reply: %s", msg);
	tap_ok(kf_ctl_reply("", &body, msg) < 0, "no reply is malformed");
	tap_ok(kf_ctl_reply("error: cut", &body, msg) < 0,
	       "error without newline is malformed");
}

static void test_port_options(void)
{
	char args[] = "gn0 type=geneve remote_ip=flow key=77 dst_port=6082 "
		      "local_ip=10.1.1.1";
	char bad[] = "p1 type=patch", err[KF_ERR_LEN], name[KF_NAME_LEN];
	struct kf_port p;

	tap_ok(!kf_port_parse(args, &p, err) && p.type == KF_PT_TUNNEL &&
	       p.tun.type == KF_TUN_GENEVE && p.tun.key == 77 &&
	       p.tun.dst_port == 6082 && p.tun.local_ip == 0x0a010101 &&
	       !p.ofport, "geneve options, no ofport yet");
	kf_port_vport_name(&p, name);
	tap_ok(!strcmp(name, "geneve_sys_6082"), "shared vport %s", name);
	tap_ok(kf_port_parse(bad, &p, err) &&
	       !strcmp(err, "port p1: a patch port needs peer=PORT"), "%s",
	       err);
}

int main(void)
{
	test_round_trip();
	test_split();
	test_refused();
	test_reply();
	test_port_options();
	return tap_done();
}
