// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz_msg.c - valid requests to start mutating from: new/del/get/set
 * and dumps of datapaths, vports (internal, netdev, vxlan, geneve, gre
 * with options), flows (keys, masks, nested actions, UFIDs, probes,
 * flush) and packet execution with frames, keys and actions.
 */
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include "fz_flows.h"
#include "nlfuzz.h"
#include "odp.h"

static const char *const dp_names[] = { "nfz0", "nfz1", "nfzc0", "nfzc1" };
static const char *const port_names[] = {
	"nfzp0", "nfzp1", "nfzp2", "nfzv0", "nfzv1", "nfzvx", "nfzgn",
	"nfzgr",
};

bool nf_protected(const struct nf_ctx *c, int ifindex)
{
	int i;

	for (i = 0; i < c->n_protect; i++)
		if (c->protect[i] == ifindex)
			return true;
	return false;
}

int nf_pick_ifindex(struct nf_ctx *c)
{
	int v;

	if (c->n_ifindex && fz_chance(&c->rng, 85))
		return c->ifindex[fz_below(&c->rng, c->n_ifindex)];
	v = (int)fz_interesting(&c->rng, 4);
	if (fz_chance(&c->rng, 50))
		v = (int)fz_below(&c->rng, 64);
	return nf_protected(c, v) ? 0 : v;
}

/*
 * Parsed keys and action lists, by their text: parsing text is most of a
 * fuzzer's own CPU time under emulation, and the same few dozen texts
 * come back all the time.
 */
struct nf_parsed {
	const char *text;
	bool ok;
	struct nlbuf a, b;	/* key and mask, or actions */
};

static struct nf_parsed cache[128];

static struct nf_parsed *parsed(struct nf_ctx *c, const char *text,
				bool actions)
{
	char buf[512], err[ODP_ERR_LEN];
	struct nf_parsed *e;
	size_t i;

	for (i = 0; i < 128 && cache[i].text; i++)
		if (cache[i].text == text)
			return &cache[i];
	if (i == 128)
		return NULL;
	e = &cache[i];
	e->text = text;
	nlbuf_init(&e->a, 4096);
	nlbuf_init(&e->b, 4096);
	if (actions) {
		snprintf(buf, sizeof(buf), text, c->upcall_pid);
		e->ok = !odp_actions_from_string(buf, NULL, &e->a, err);
	} else {
		e->ok = !odp_key_from_string(text, NULL, &e->a, &e->b, err);
	}
	if (!e->ok)
		fprintf(stderr, "nlfuzz: %s: %s\n", text, err);
	return e;
}

bool nf_put_key(struct nf_ctx *c, struct nlmsghdr *nlh, uint16_t key_type,
		uint16_t mask_type, const char *text)
{
	struct nf_parsed *e = parsed(c, text, false);

	if (!e || !e->ok)
		return false;
	mnl_attr_put(nlh, key_type, nlbuf_len(&e->a), nlbuf_data(&e->a));
	if (mask_type)
		mnl_attr_put(nlh, mask_type, nlbuf_len(&e->b),
			     nlbuf_data(&e->b));
	return true;
}

bool nf_put_actions(struct nf_ctx *c, struct nlmsghdr *nlh, uint16_t type,
		    const char *fmt)
{
	struct nf_parsed *e = parsed(c, fmt, true);

	if (!e || !e->ok)
		return false;
	mnl_attr_put(nlh, type, nlbuf_len(&e->a), nlbuf_data(&e->a));
	return true;
}

static void dp_attrs(struct nf_ctx *c, struct nlmsghdr *nlh, uint8_t cmd)
{
	struct fz_rng *r = &c->rng;

	if (fz_chance(r, 80))
		mnl_attr_put_strz(nlh, OVS_DP_ATTR_NAME,
				  dp_names[fz_below(r, 4)]);
	if (cmd == OVS_DP_CMD_NEW || fz_chance(r, 20))
		mnl_attr_put_u32(nlh, OVS_DP_ATTR_UPCALL_PID, c->upcall_pid);
	if (cmd == OVS_DP_CMD_NEW || cmd == OVS_DP_CMD_SET)
		mnl_attr_put_u32(nlh, OVS_DP_ATTR_USER_FEATURES,
				 fz_chance(r, 70) ? OVS_DP_F_UNALIGNED |
				 OVS_DP_F_VPORT_PIDS :
				 (uint32_t)fz_next(r));
	if (cmd == OVS_DP_CMD_SET && fz_chance(r, 50))
		mnl_attr_put_u32(nlh, OVS_DP_ATTR_MASKS_CACHE_SIZE,
				 fz_chance(r, 50) ? 256 : fz_below(r, 70000));
	if (fz_chance(r, 10)) {
		uint32_t pids[4] = { c->upcall_pid, c->upcall_pid, 0, 1 };

		mnl_attr_put(nlh, OVS_DP_ATTR_PER_CPU_PIDS,
			     4 * (1 + fz_below(r, 4)), pids);
	}
}

static void vport_attrs(struct nf_ctx *c, struct nlmsghdr *nlh, uint8_t cmd)
{
	static const uint32_t types[] = {
		OVS_VPORT_TYPE_INTERNAL, OVS_VPORT_TYPE_NETDEV,
		OVS_VPORT_TYPE_VXLAN, OVS_VPORT_TYPE_GENEVE,
		OVS_VPORT_TYPE_GRE,
	};
	struct fz_rng *r = &c->rng;
	uint32_t type = types[fz_below(r, 5)];
	struct nlattr *opts, *ext;

	if (fz_chance(r, 60) || cmd == OVS_VPORT_CMD_NEW)
		mnl_attr_put_strz(nlh, OVS_VPORT_ATTR_NAME,
				  port_names[fz_below(r, 8)]);
	if (fz_chance(r, 40) || cmd != OVS_VPORT_CMD_NEW)
		mnl_attr_put_u32(nlh, OVS_VPORT_ATTR_PORT_NO,
				 fz_chance(r, 80) ? fz_below(r, 8) :
				 (uint32_t)fz_interesting(r, 4));
	if (cmd == OVS_VPORT_CMD_NEW || fz_chance(r, 20))
		mnl_attr_put_u32(nlh, OVS_VPORT_ATTR_TYPE, type);
	if (cmd == OVS_VPORT_CMD_NEW || cmd == OVS_VPORT_CMD_SET)
		mnl_attr_put_u32(nlh, OVS_VPORT_ATTR_UPCALL_PID,
				 c->upcall_pid);
	if (type >= OVS_VPORT_TYPE_GRE && fz_chance(r, 70)) {
		opts = mnl_attr_nest_start(nlh, OVS_VPORT_ATTR_OPTIONS);
		if (type != OVS_VPORT_TYPE_GRE)
			mnl_attr_put_u16(nlh, OVS_TUNNEL_ATTR_DST_PORT,
					 (uint16_t)(fz_chance(r, 50) ?
					 4789 + fz_below(r, 4) :
					 fz_interesting(r, 2)));
		if (type == OVS_VPORT_TYPE_VXLAN && fz_chance(r, 30)) {
			ext = mnl_attr_nest_start(nlh,
						  OVS_TUNNEL_ATTR_EXTENSION);
			mnl_attr_put(nlh, OVS_VXLAN_EXT_GBP, 0, NULL);
			mnl_attr_nest_end(nlh, ext);
		}
		mnl_attr_nest_end(nlh, opts);
	}
	if (fz_chance(r, 10))
		mnl_attr_put_u32(nlh, OVS_VPORT_ATTR_IFINDEX, fz_below(r, 64));
	if (fz_chance(r, 10))
		mnl_attr_put_u32(nlh, OVS_VPORT_ATTR_NETNSID,
				 (uint32_t)fz_interesting(r, 4));
}

static void flow_attrs(struct nf_ctx *c, struct nlmsghdr *nlh, uint8_t cmd)
{
	struct fz_rng *r = &c->rng;
	uint32_t ufid[4] = { 0x5eed, 0, 0, fz_below(r, 64) };
	const struct fz_action *a = fz_action_any(r);
	/* Mostly a key the actions fit, or the request is refused early. */
	enum fz_key_id k = fz_chance(r, 90) ? fz_key_for(r, a) :
			   (enum fz_key_id)fz_below(r, FZ_N_KEYS);

	if (cmd != OVS_FLOW_CMD_DEL || fz_chance(r, 80))
		nf_put_key(c, nlh, OVS_FLOW_ATTR_KEY,
			   fz_chance(r, 80) ? OVS_FLOW_ATTR_MASK : 0,
			   fz_keys[k].text);
	if (cmd == OVS_FLOW_CMD_NEW || (cmd == OVS_FLOW_CMD_SET &&
					fz_chance(r, 80)))
		nf_put_actions(c, nlh, OVS_FLOW_ATTR_ACTIONS, a->text);
	if (fz_chance(r, 50))
		mnl_attr_put(nlh, OVS_FLOW_ATTR_UFID, sizeof(ufid), ufid);
	if (fz_chance(r, 20))
		mnl_attr_put_u32(nlh, OVS_FLOW_ATTR_UFID_FLAGS,
				 fz_below(r, 8));
	if (cmd == OVS_FLOW_CMD_SET && fz_chance(r, 30))
		mnl_attr_put(nlh, OVS_FLOW_ATTR_CLEAR, 0, NULL);
	if (fz_chance(r, 10))
		mnl_attr_put(nlh, OVS_FLOW_ATTR_PROBE, 0, NULL);
}

static void packet_attrs(struct nf_ctx *c, struct nlmsghdr *nlh)
{
	struct fz_rng *r = &c->rng;
	const struct fz_action *a = fz_action_any(r);
	const struct fz_key *k = &fz_keys[fz_key_for(r, a)];
	uint8_t frame[FZ_FRAME_MAX];
	enum fz_proto proto;
	size_t len;

	/* The actions are checked against the frame's own key: mostly a
	 * frame of a protocol they fit. */
	if (a->keys && fz_chance(r, 70))
		len = fz_frame(r, k->proto, k->vlans, frame);
	else
		len = fz_frame_any(r, frame, &proto);
	mnl_attr_put(nlh, OVS_PACKET_ATTR_PACKET, len, frame);
	nf_put_key(c, nlh, OVS_PACKET_ATTR_KEY, 0,
		   fz_chance(r, 50) ? "in_port(1)" : k->text);
	nf_put_actions(c, nlh, OVS_PACKET_ATTR_ACTIONS, a->text);
	if (fz_chance(r, 20))
		mnl_attr_put_u16(nlh, OVS_PACKET_ATTR_MRU,
				 (uint16_t)fz_interesting(r, 2));
	if (fz_chance(r, 10))
		mnl_attr_put(nlh, OVS_PACKET_ATTR_PROBE, 0, NULL);
	if (fz_chance(r, 10))
		mnl_attr_put_u64(nlh, OVS_PACKET_ATTR_HASH, fz_next(r));
}

size_t nf_build(struct nf_ctx *c, uint8_t *buf, enum kf_family *fam,
		uint8_t *cmd)
{
	static const uint8_t versions[KF_N_FAMILIES] = {
		OVS_DATAPATH_VERSION, OVS_VPORT_VERSION, OVS_FLOW_VERSION,
		OVS_PACKET_VERSION,
	};
	struct fz_rng *r = &c->rng;
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	struct ovs_header *oh;
	uint32_t i;

	memset(buf, 0, NF_ATTR_OFF);
	nlh = mnl_nlmsg_put_header(buf);
	/* Datapath and port changes take the rtnl and RCU grace periods
	 * (slow, and serialising everything else): fewer of them (--mix). */
	i = fz_below(r, 100);
	for (*fam = KF_DATAPATH; *fam < KF_PACKET; (*fam)++)
		if (i < c->mix[*fam])
			break;
	*cmd = *fam == KF_PACKET ? OVS_PACKET_CMD_EXECUTE :
	       (uint8_t)(1 + fz_below(r, 4));	/* NEW DEL GET SET */
	nlh->nlmsg_type = c->family[*fam];
	if (*fam != KF_PACKET && *cmd == 3 && fz_chance(r, 40))
		nlh->nlmsg_flags |= NLM_F_DUMP;
	if (*cmd == 1 && fz_chance(r, 50))
		nlh->nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
	if (fz_chance(r, 10))
		nlh->nlmsg_flags |= NLM_F_ECHO;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = *cmd;
	g->version = versions[*fam];
	oh = mnl_nlmsg_put_extra_header(nlh, sizeof(*oh));
	oh->dp_ifindex = *fam == KF_DATAPATH && fz_chance(r, 70) ? 0 :
			 nf_pick_ifindex(c);
	switch (*fam) {
	case KF_DATAPATH: dp_attrs(c, nlh, *cmd); break;
	case KF_VPORT: vport_attrs(c, nlh, *cmd); break;
	case KF_FLOW: flow_attrs(c, nlh, *cmd); break;
	default: packet_attrs(c, nlh); break;
	}
	return nlh->nlmsg_len;
}
