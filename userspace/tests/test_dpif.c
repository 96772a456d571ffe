// SPDX-License-Identifier: GPL-2.0
/*
 * test_dpif.c - netlink encoding of datapath, vport, flow and packet
 * messages: build a message with the library's request builders (or as
 * the kernel would reply), parse it back with the library's parsers.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include "dpif.h"
#include "nl_priv.h"
#include "odp.h"
#include "tap.h"

static char buf[65536];

static struct nlmsghdr *msg_start(uint8_t cmd, int dp_ifindex)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	struct ovs_header *o;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = 42;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	o = mnl_nlmsg_put_extra_header(nlh, sizeof(*o));
	o->dp_ifindex = dp_ifindex;
	return nlh;
}

static void parse_key(const char *k, struct nlbuf *key, struct nlbuf *mask)
{
	char err[ODP_ERR_LEN];

	nlbuf_init(key, NLBUF_DEFAULT_SIZE);
	nlbuf_init(mask, NLBUF_DEFAULT_SIZE);
	if (odp_key_from_string(k, NULL, key, mask, err))
		tap_diag("parse error: %s", err);
}

static void test_flow_request(void)
{
	static const char *k = "in_port(1),eth_type(0x0800),ipv4(src=1.1.1.1)";
	struct kf_ufid ufid = { { 1, 2, 3, 4 } };
	struct kf_flow_req req = { 0 };
	struct nlbuf key, mask, acts;
	char err[ODP_ERR_LEN];
	struct nlmsghdr *nlh;
	struct kf_flow f;
	int ret;

	parse_key(k, &key, &mask);
	nlbuf_init(&acts, 4096);
	odp_actions_from_string("push_vlan(vid=5,pcp=0),2", NULL, &acts, err);
	req.key = nlbuf_data(&key);
	req.key_len = nlbuf_len(&key);
	req.mask = nlbuf_data(&mask);
	req.mask_len = nlbuf_len(&mask);
	req.actions = nlbuf_data(&acts);
	req.actions_len = nlbuf_len(&acts);
	req.has_actions = true;
	req.ufid = &ufid;
	req.clear = true;
	nlh = msg_start(OVS_FLOW_CMD_NEW, 7);
	ret = kf_flow_put_attrs(nlh, sizeof(buf), &req);
	tap_ok(!ret, "flow request attributes fit");
	ret = kf_flow_parse(nlh, &f);
	tap_ok(!ret && f.key_len == req.key_len &&
	       !memcmp(f.key, req.key, f.key_len) && f.has_mask &&
	       f.mask_len == req.mask_len &&
	       !memcmp(f.mask, req.mask, f.mask_len) && f.has_actions &&
	       f.actions_len == req.actions_len &&
	       !memcmp(f.actions, req.actions, f.actions_len),
	       "flow key, mask and actions survive encoding");
	tap_ok(f.has_ufid && !memcmp(&f.ufid, &ufid, sizeof(ufid)),
	       "flow ufid survives encoding");
	tap_ok(mnl_attr_get_type(nla_find(mnl_nlmsg_get_payload_offset(nlh,
			KF_ATTR_OFFSET), nlh->nlmsg_len - MNL_NLMSG_HDRLEN -
			KF_ATTR_OFFSET, OVS_FLOW_ATTR_CLEAR)) ==
	       OVS_FLOW_ATTR_CLEAR, "clear flag encoded");
	tap_ok(kf_msg_ovs_header(nlh)->dp_ifindex == 7, "dp_ifindex in header");
	nlbuf_free(&key);
	nlbuf_free(&mask);
	nlbuf_free(&acts);
}

static void test_flow_dump_reply(void)
{
	static const char *k = "recirc_id(0),in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02),eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=6,tos=0,ttl=64,frag=no)";
	static const char *m = "recirc_id(0xffffffff),in_port(0xffffffff),eth(src=00:00:00:00:00:00,dst=00:00:00:00:00:00),eth_type(0xffff),ipv4(src=0.0.0.0,dst=255.255.255.255,proto=0,tos=0,ttl=0,frag=no)";
	struct ovs_flow_stats st = { 3, 294 };
	struct nlbuf key, mask, mk, mm, acts;
	char err[ODP_ERR_LEN];
	struct nlmsghdr *nlh;
	struct strbuf sb;
	struct kf_flow f;
	uint32_t junk = 5;

	parse_key(k, &key, &mask);
	parse_key(m, &mk, &mm);
	nlbuf_init(&acts, 4096);
	odp_actions_from_string("2", NULL, &acts, err);
	nlh = msg_start(OVS_FLOW_CMD_NEW, 3);
	mnl_attr_put(nlh, OVS_FLOW_ATTR_KEY, nlbuf_len(&key), nlbuf_data(&key));
	mnl_attr_put(nlh, OVS_FLOW_ATTR_UFID, 16, "0123456789abcdef");
	mnl_attr_put(nlh, OVS_FLOW_ATTR_MASK, nlbuf_len(&mk), nlbuf_data(&mk));
	mnl_attr_put(nlh, OVS_FLOW_ATTR_STATS, sizeof(st), &st);
	mnl_attr_put_u8(nlh, OVS_FLOW_ATTR_TCP_FLAGS, 0x12);
	mnl_attr_put(nlh, 250, sizeof(junk), &junk);	/* unknown: skipped */
	mnl_attr_put(nlh, OVS_FLOW_ATTR_ACTIONS, nlbuf_len(&acts),
		     nlbuf_data(&acts));
	tap_ok(!kf_flow_parse(nlh, &f) && f.stats.n_packets == 3 &&
	       f.stats.n_bytes == 294 && f.tcp_flags == 0x12 && !f.used &&
	       f.has_ufid, "dump reply parsed, unknown attribute skipped");
	sb_init(&sb);
	odp_key_format(&sb, f.key, f.key_len, f.mask, f.mask_len, NULL, false);
	sb_puts(&sb, ", ");
	odp_stats_format(&sb, f.stats.n_packets, f.stats.n_bytes, f.used,
			 f.tcp_flags, 0);
	sb_puts(&sb, ", actions:");
	odp_actions_format(&sb, f.actions, f.actions_len, NULL);
	tap_ok(!strcmp(sb_str(&sb), "recirc_id(0),in_port(1),eth(),eth_type(0x0800),ipv4(dst=10.0.0.2), packets:3, bytes:294, used:never, flags:S., actions:2"),
	       "dump-flows line");
	tap_diag("%s", sb_str(&sb));
	sb_free(&sb);
	nlbuf_free(&key);
	nlbuf_free(&mask);
	nlbuf_free(&mk);
	nlbuf_free(&mm);
	nlbuf_free(&acts);
}

static void test_vport(void)
{
	struct kf_vport_req req = {
		.name = "vxlan0", .type = OVS_VPORT_TYPE_VXLAN,
		.port_no = 5, .has_dst_port = true, .dst_port = 4790,
		.has_upcall_pid = true, .gbp = true,
	};
	struct ovs_vport_stats st = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct nlmsghdr *nlh;
	struct kf_vport v;
	uint32_t t;

	nlh = msg_start(OVS_VPORT_CMD_NEW, 9);
	tap_ok(!kf_vport_put_attrs(nlh, sizeof(buf), &req),
	       "vport request built");
	mnl_attr_put(nlh, OVS_VPORT_ATTR_STATS, sizeof(st), &st);
	tap_ok(!kf_vport_parse(nlh, &v) && v.port_no == 5 &&
	       v.type == OVS_VPORT_TYPE_VXLAN && !strcmp(v.name, "vxlan0") &&
	       v.has_dst_port && v.dst_port == 4790 && v.dp_ifindex == 9 &&
	       v.has_stats && v.stats.tx_dropped == 8 && v.n_upcall_pids == 1,
	       "vport round trip (name, type, port, dst_port, stats)");
	req.name = "geneve0";
	req.type = OVS_VPORT_TYPE_GENEVE;
	req.has_dst_port = false;
	req.gbp = false;
	nlh = msg_start(OVS_VPORT_CMD_NEW, 9);
	kf_vport_put_attrs(nlh, sizeof(buf), &req);
	tap_ok(!kf_vport_parse(nlh, &v) && v.has_dst_port &&
	       v.dst_port == 6081, "geneve gets the default dst_port");
	req.name = "0123456789abcdefg";
	tap_ok(kf_vport_put_attrs(nlh, sizeof(buf), &req) == -ENAMETOOLONG,
	       "over-long port name rejected");
	tap_ok(!kf_vport_type_from_name("internal", &t) &&
	       t == OVS_VPORT_TYPE_INTERNAL &&
	       !kf_vport_type_from_name("netdev", &t) &&
	       t == OVS_VPORT_TYPE_NETDEV &&
	       kf_vport_type_from_name("bogus", &t) == -EINVAL &&
	       !strcmp(kf_vport_type_name(OVS_VPORT_TYPE_GRE), "gre"),
	       "vport type names");
	nlh = msg_start(OVS_VPORT_CMD_NEW, 9);
	mnl_attr_put_strz(nlh, OVS_VPORT_ATTR_NAME, "x");
	tap_ok(kf_vport_parse(nlh, &v) == -EBADMSG,
	       "vport reply without port number rejected");
}

static void test_dp(void)
{
	struct ovs_dp_stats st = { 10, 5, 1, 4 };
	struct ovs_dp_megaflow_stats mf = { 30, 2, 0, 12, 0 };
	struct nlmsghdr *nlh;
	struct kf_dp dp;

	nlh = msg_start(OVS_DP_CMD_NEW, 11);
	mnl_attr_put_strz(nlh, OVS_DP_ATTR_NAME, "br0");
	mnl_attr_put(nlh, OVS_DP_ATTR_STATS, sizeof(st), &st);
	mnl_attr_put(nlh, OVS_DP_ATTR_MEGAFLOW_STATS, sizeof(mf), &mf);
	mnl_attr_put_u32(nlh, OVS_DP_ATTR_USER_FEATURES, 3);
	mnl_attr_put_u32(nlh, OVS_DP_ATTR_MASKS_CACHE_SIZE, 256);
	tap_ok(!kf_dp_parse(nlh, &dp) && dp.ifindex == 11 &&
	       !strcmp(dp.name, "br0") && dp.has_stats &&
	       dp.stats.n_flows == 4 && dp.has_megaflow_stats &&
	       dp.has_cache_hit && dp.mf.n_cache_hit == 12 &&
	       dp.mf.n_masks == 2 && dp.user_features == 3 &&
	       dp.masks_cache_size == 256, "datapath reply parsed");
	nlh = msg_start(OVS_DP_CMD_NEW, 11);
	mnl_attr_put_strz(nlh, OVS_DP_ATTR_NAME, "br1");
	mnl_attr_put(nlh, OVS_DP_ATTR_MEGAFLOW_STATS, 16, &mf);
	tap_ok(!kf_dp_parse(nlh, &dp) && dp.has_megaflow_stats &&
	       !dp.has_cache_hit && !dp.has_stats &&
	       !dp.has_masks_cache_size, "old kernel megaflow stats");
	nlh = msg_start(OVS_DP_CMD_NEW, 11);
	tap_ok(kf_dp_parse(nlh, &dp) == -EBADMSG, "nameless datapath rejected");
}

static void test_packet(void)
{
	static const uint8_t pkt[60] = { 0xff, 0xff };
	struct kf_packet_req req = { pkt, sizeof(pkt), "\x08\x00\x03\x00\x01\x00\x00\x00", 8,
				     NULL, 0, 1500, false };
	const struct nlattr *a;
	struct nlmsghdr *nlh;
	int n = 0;

	nlh = msg_start(OVS_PACKET_CMD_EXECUTE, 2);
	tap_ok(!kf_packet_put_attrs(nlh, sizeof(buf), &req),
	       "packet execute built");
	mnl_attr_for_each(a, nlh, KF_ATTR_OFFSET) {
		switch (mnl_attr_get_type(a)) {
		case OVS_PACKET_ATTR_PACKET:
			n += mnl_attr_get_payload_len(a) == sizeof(pkt);
			break;
		case OVS_PACKET_ATTR_KEY:
			n += mnl_attr_get_payload_len(a) == 8;
			break;
		case OVS_PACKET_ATTR_ACTIONS:
			n += mnl_attr_get_payload_len(a) == 0;
			break;
		case OVS_PACKET_ATTR_MRU:
			n += mnl_attr_get_u16(a) == 1500;
			break;
		}
	}
	tap_ok(n == 4, "packet, key, actions and mru attributes present");
}

static void test_extack(void)
{
	struct nlmsghdr *nlh;
	struct nlmsgerr *e;
	char msg[128];

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = NLM_F_CAPPED | NLM_F_ACK_TLVS;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	e->error = -EINVAL;
	e->msg.nlmsg_len = 64;	/* capped: the request is not echoed */
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "Flow key attribute not present");
	tap_ok(kf_parse_nlmsgerr(nlh, msg, sizeof(msg)) == -EINVAL &&
	       !strcmp(msg, "Flow key attribute not present"),
	       "extack message extracted from NLMSG_ERROR");
	nlh->nlmsg_flags = 0;
	e->error = 0;
	tap_ok(kf_parse_nlmsgerr(nlh, msg, sizeof(msg)) == 0 && !msg[0],
	       "plain ACK");
}

/* A batch against the kernel's nlctrl family, which every kernel has:
 * flow puts are OVS_FLOW_CMD_NEW (1), nlctrl's CTRL_CMD_NEWFAMILY, which
 * userspace may not send: each must come back as its own error, and the
 * commit must end with the last request's answer. */
static void test_batch(void)
{
	struct kf_flow_req req = { 0 };
	struct kf_batch b;
	struct kf_nl *nl;
	int i, idx[3], ok = 1;

	if (kf_nl_open(&nl), !nl) {
		tap_ok(0, "batch: a generic netlink socket");
		return;
	}
	nl->family[KF_FLOW] = GENL_ID_CTRL;
	if (kf_batch_init(&b, nl)) {
		tap_ok(0, "batch: init");
		kf_nl_close(nl);
		return;
	}
	tap_ok(!kf_batch_commit(&b), "batch: committing an empty batch is a no-op");
	req.key = "\x08\x00\x03\x00\x01\x00\x00\x00";
	req.key_len = 8;
	for (i = 0; i < 3; i++)
		idx[i] = kf_batch_flow_put(&b, 7, KF_FLOW_CREATE, &req);
	tap_ok(idx[0] == 0 && idx[1] == 1 && idx[2] == 2,
	       "batch: three requests queued as 0, 1, 2 (%d %d %d)", idx[0],
	       idx[1], idx[2]);
	tap_ok(kf_batch_fits(&b, 2, 1000) && !kf_batch_fits(&b, 1, KF_BATCH_BUF),
	       "batch: room for two more small requests, not for a huge one");
	tap_ok(!kf_batch_commit(&b), "batch: commit returns once the last "
	       "request is answered");
	for (i = 0; i < 3; i++)
		ok &= b.err[i] == -EOPNOTSUPP;
	tap_ok(ok, "batch: every refused request has its own error (%d %d %d)",
	       b.err[0], b.err[1], b.err[2]);
	idx[0] = kf_batch_flow_put(&b, 7, KF_FLOW_CREATE, &req);
	tap_ok(idx[0] == 0 && !kf_batch_commit(&b) && b.err[0] == -EOPNOTSUPP,
	       "batch: emptied by the commit, reused: index 0, its own answer");
	/* Deletes are OVS_FLOW_CMD_DEL (2), CTRL_CMD_DELFAMILY: refused. */
	idx[0] = kf_batch_flow_del(&b, 7, &req);
	idx[1] = kf_batch_flow_del(&b, 7, &req);
	tap_ok(idx[0] == 0 && idx[1] == 1 &&
	       ((struct genlmsghdr *)mnl_nlmsg_get_payload(
			(struct nlmsghdr *)b.buf))->cmd == OVS_FLOW_CMD_DEL &&
	       !kf_batch_commit(&b) && b.err[0] == -EOPNOTSUPP &&
	       b.err[1] == -EOPNOTSUPP,
	       "batch: two deletes, each OVS_FLOW_CMD_DEL with its own answer "
	       "(%d %d)", b.err[0], b.err[1]);
	for (i = 0; i < KF_BATCH_MAX; i++)
		kf_batch_flow_put(&b, 7, KF_FLOW_CREATE, &req);
	tap_ok(kf_batch_flow_put(&b, 7, KF_FLOW_CREATE, &req) == -ENOSPC,
	       "batch: full after %d requests (-ENOSPC)", KF_BATCH_MAX);
	kf_batch_free(&b);
	kf_nl_close(nl);
}

int main(void)
{
	test_flow_request();
	test_flow_dump_reply();
	test_vport();
	test_dp();
	test_packet();
	test_extack();
	test_batch();
	return tap_done();
}
