// SPDX-License-Identifier: GPL-2.0
/*
 * show.c - `show BR`: features, port descriptions and switch config, in
 * ovs-ofctl's layout.
 */
#include <stdlib.h>
#include <string.h>
#include "ofctl.h"

struct bit_name {
	uint32_t bit;
	const char *name;
};

static const struct bit_name caps[] = {
	{ 1, "FLOW_STATS" }, { 2, "TABLE_STATS" }, { 4, "PORT_STATS" },
	{ 8, "GROUP_STATS" }, { 0x20, "IP_REASM" }, { 0x40, "QUEUE_STATS" },
	{ 0x100, "PORT_BLOCKED" },
};
static const struct bit_name port_config[] = {
	{ 1, "PORT_DOWN" }, { 4, "NO_RECV" }, { 0x20, "NO_FWD" },
	{ 0x40, "NO_PACKET_IN" },
};
static const struct bit_name port_state[] = {
	{ 1, "LINK_DOWN" }, { 2, "BLOCKED" }, { 4, "LIVE" },
};

static void print_bits(uint32_t v, const struct bit_name *t, size_t n)
{
	const char *sep = "";
	size_t i;

	if (!v)
		printf("0");
	for (i = 0; i < n; i++) {
		if (v & t[i].bit) {
			printf("%s%s", sep, t[i].name);
			sep = " ";
		}
	}
	printf("\n");
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int features(void *arg, const uint8_t *msg, size_t len)
{
	struct kf_ofp_features f;
	struct kf_ofp_err e = { 0 };

	(void)arg;
	if (kf_ofp_decode_features_reply(msg, len, &f, &e)) {
		ofctl_error("show: malformed FEATURES_REPLY: %s", e.msg);
		return -1;
	}
	printf("OFPT_FEATURES_REPLY (OF1.3) (xid=0x%x): dpid:%016llx\n"
	       "n_tables:%u, n_buffers:%u\ncapabilities: ", ofctl_msg_xid(msg),
	       (unsigned long long)f.datapath_id, f.n_tables, f.n_buffers);
	print_bits(f.capabilities, caps, N(caps));
	return 0;
}

static void print_port(const struct kf_ofp_port *p)
{
	struct strbuf sb = STRBUF_INIT;
	const uint8_t *a = p->hw_addr;

	kf_ofp_format_port(&sb, p->port_no);
	printf(" %s(%s): addr:%02x:%02x:%02x:%02x:%02x:%02x\n", sb_str(&sb),
	       p->name, a[0], a[1], a[2], a[3], a[4], a[5]);
	printf("     config:     ");
	print_bits(p->config, port_config, N(port_config));
	printf("     state:      ");
	print_bits(p->state, port_state, N(port_state));
	printf("     speed: %u Mbps now, %u Mbps max\n", p->curr_speed / 1000,
	       p->max_speed / 1000);
	sb_free(&sb);
}

/* Port descriptions, collected over the replies: printed sorted by
 * number (LOCAL last), as ovs-ofctl does. */
struct ports {
	struct kf_ofp_port *v;
	size_t n;
	uint32_t xid;
};

static int ports(void *arg, const uint8_t *msg, size_t len)
{
	struct kf_ofp_err e = { 0 };
	struct ports *ps = arg;
	struct kf_ofp_port *v;
	struct kf_ofp_mp mp;
	size_t ofs;

	if (kf_ofp_decode_multipart(msg, len, &mp, &e))
		goto bad;
	ps->xid = ofctl_msg_xid(msg);
	for (ofs = 0; ofs < mp.body_len; ofs += 64) {
		v = realloc(ps->v, (ps->n + 1) * sizeof(*v));
		if (!v) {
			ofctl_error("show: out of memory");
			return -1;
		}
		ps->v = v;
		if (kf_ofp_decode_port(mp.body + ofs, mp.body_len - ofs,
				       &v[ps->n], &e))
			goto bad;
		ps->n++;
	}
	return 0;
bad:
	ofctl_error("show: malformed PORT_DESC reply: %s", e.msg);
	return -1;
}

static int port_cmp(const void *a, const void *b)
{
	const struct kf_ofp_port *x = a, *y = b;

	return (int)x->port_no - (int)y->port_no;
}

static void print_ports(struct ports *ps)
{
	size_t i;

	qsort(ps->v, ps->n, sizeof(*ps->v), port_cmp);
	printf("OFPST_PORT_DESC reply (OF1.3) (xid=0x%x):\n", ps->xid);
	for (i = 0; i < ps->n; i++)
		print_port(&ps->v[i]);
}

static int config(void *arg, const uint8_t *msg, size_t len)
{
	static const char *const frags[] = { "normal", "drop", "reassemble" };
	struct kf_ofp_switch_config cfg;
	struct kf_ofp_err e = { 0 };

	(void)arg;
	if (kf_ofp_decode_switch_config(msg, len, &cfg, &e)) {
		ofctl_error("show: malformed GET_CONFIG_REPLY: %s", e.msg);
		return -1;
	}
	printf("OFPT_GET_CONFIG_REPLY (OF1.3) (xid=0x%x): frags=%s "
	       "miss_send_len=%u\n", ofctl_msg_xid(msg),
	       (cfg.flags & 3) < 3 ? frags[cfg.flags & 3] : "nx-match",
	       cfg.miss_send_len);
	return 0;
}

int cmd_show(struct ofctl *ctx, int argc, char **argv)
{
	struct kf_wbuf b = KF_WBUF_INIT;
	struct ports ps = { NULL, 0, 0 };
	struct ofctl_conn c;
	int r;

	(void)argc;
	if (ofctl_open(ctx, argv[1], &c))
		return 1;
	kf_ofp_encode_simple(&b, KF_OFPT_FEATURES_REQUEST, ofctl_xid(&c),
			     NULL, 0);
	r = ofctl_transact(&c, &b, features, NULL);
	kf_wbuf_clear(&b);
	kf_ofp_end(&b, kf_ofp_mp_start(&b, KF_OFPT_MULTIPART_REQUEST,
				       ofctl_xid(&c), KF_OFPMP_PORT_DESC, 0));
	r = r ? r : ofctl_transact(&c, &b, ports, &ps);
	if (!r)
		print_ports(&ps);
	free(ps.v);
	kf_wbuf_clear(&b);
	kf_ofp_encode_simple(&b, KF_OFPT_GET_CONFIG_REQUEST, ofctl_xid(&c),
			     NULL, 0);
	r = r ? r : ofctl_transact(&c, &b, config, NULL);
	kf_wbuf_free(&b);
	ofctl_close(&c);
	return r ? 1 : 0;
}
