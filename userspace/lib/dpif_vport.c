// SPDX-License-Identifier: GPL-2.0
/*
 * dpif_vport.c - ovs_vport family: add, delete, get, set, dump ports.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "nl_priv.h"

static const char *const vport_type_names[] = {
	[OVS_VPORT_TYPE_UNSPEC] = "unspec",
	[OVS_VPORT_TYPE_NETDEV] = "system",
	[OVS_VPORT_TYPE_INTERNAL] = "internal",
	[OVS_VPORT_TYPE_GRE] = "gre",
	[OVS_VPORT_TYPE_VXLAN] = "vxlan",
	[OVS_VPORT_TYPE_GENEVE] = "geneve",
};

const char *kf_vport_type_name(uint32_t type)
{
	static char buf[32];

	if (type < sizeof(vport_type_names) / sizeof(vport_type_names[0]))
		return vport_type_names[type];
	snprintf(buf, sizeof(buf), "type%u", type);
	return buf;
}

int kf_vport_type_from_name(const char *name, uint32_t *type)
{
	uint32_t i;

	if (!strcmp(name, "netdev")) {
		*type = OVS_VPORT_TYPE_NETDEV;
		return 0;
	}
	for (i = 1; i < sizeof(vport_type_names) / sizeof(vport_type_names[0]);
	     i++) {
		if (!strcmp(name, vport_type_names[i])) {
			*type = i;
			return 0;
		}
	}
	return -EINVAL;
}

static int vport_attr_cb(const struct nlattr *attr, void *data)
{
	return kf_attr_store(attr, data, OVS_VPORT_ATTR_MAX);
}

static int tunnel_attr_cb(const struct nlattr *attr, void *data)
{
	return kf_attr_store(attr, data, OVS_TUNNEL_ATTR_MAX);
}

static void vport_parse_options(const struct nlattr *opts, struct kf_vport *v)
{
	const struct nlattr *tb[OVS_TUNNEL_ATTR_MAX + 1] = { NULL };

	if (mnl_attr_parse_nested(opts, tunnel_attr_cb, tb) < 0)
		return;
	if (tb[OVS_TUNNEL_ATTR_DST_PORT] &&
	    !mnl_attr_validate(tb[OVS_TUNNEL_ATTR_DST_PORT], MNL_TYPE_U16)) {
		v->dst_port = mnl_attr_get_u16(tb[OVS_TUNNEL_ATTR_DST_PORT]);
		v->has_dst_port = true;
	}
}

static void vport_parse_optional(const struct nlattr **tb, struct kf_vport *v)
{
	if (tb[OVS_VPORT_ATTR_STATS] &&
	    kf_attr_len_ok(tb[OVS_VPORT_ATTR_STATS], sizeof(v->stats))) {
		memcpy(&v->stats, mnl_attr_get_payload(tb[OVS_VPORT_ATTR_STATS]),
		       sizeof(v->stats));
		v->has_stats = true;
	}
	if (tb[OVS_VPORT_ATTR_OPTIONS])
		vport_parse_options(tb[OVS_VPORT_ATTR_OPTIONS], v);
	if (tb[OVS_VPORT_ATTR_IFINDEX] &&
	    !mnl_attr_validate(tb[OVS_VPORT_ATTR_IFINDEX], MNL_TYPE_U32)) {
		v->ifindex = mnl_attr_get_u32(tb[OVS_VPORT_ATTR_IFINDEX]);
		v->has_ifindex = true;
	}
	if (tb[OVS_VPORT_ATTR_NETNSID] &&
	    !mnl_attr_validate(tb[OVS_VPORT_ATTR_NETNSID], MNL_TYPE_U32)) {
		v->netnsid = (int32_t)mnl_attr_get_u32(tb[OVS_VPORT_ATTR_NETNSID]);
		v->has_netnsid = true;
	}
	if (tb[OVS_VPORT_ATTR_UPCALL_PID])
		v->n_upcall_pids = mnl_attr_get_payload_len(
			tb[OVS_VPORT_ATTR_UPCALL_PID]) / sizeof(uint32_t);
}

int kf_vport_parse(const struct nlmsghdr *nlh, struct kf_vport *v)
{
	const struct nlattr *tb[OVS_VPORT_ATTR_MAX + 1] = { NULL };

	memset(v, 0, sizeof(*v));
	if (mnl_nlmsg_get_payload_len(nlh) < KF_ATTR_OFFSET ||
	    mnl_attr_parse(nlh, KF_ATTR_OFFSET, vport_attr_cb, tb) < 0)
		return -EBADMSG;
	v->dp_ifindex = kf_msg_ovs_header(nlh)->dp_ifindex;
	if (!tb[OVS_VPORT_ATTR_PORT_NO] || !tb[OVS_VPORT_ATTR_TYPE] ||
	    !tb[OVS_VPORT_ATTR_NAME] ||
	    mnl_attr_validate(tb[OVS_VPORT_ATTR_PORT_NO], MNL_TYPE_U32) < 0 ||
	    mnl_attr_validate(tb[OVS_VPORT_ATTR_TYPE], MNL_TYPE_U32) < 0 ||
	    mnl_attr_validate(tb[OVS_VPORT_ATTR_NAME], MNL_TYPE_NUL_STRING) < 0)
		return -EBADMSG;
	v->port_no = mnl_attr_get_u32(tb[OVS_VPORT_ATTR_PORT_NO]);
	v->type = mnl_attr_get_u32(tb[OVS_VPORT_ATTR_TYPE]);
	snprintf(v->name, sizeof(v->name), "%s",
		 mnl_attr_get_str(tb[OVS_VPORT_ATTR_NAME]));
	vport_parse_optional(tb, v);
	return 0;
}

static bool vport_is_udp_tunnel(uint32_t type)
{
	return type == OVS_VPORT_TYPE_VXLAN || type == OVS_VPORT_TYPE_GENEVE;
}

static bool vport_put_options(struct nlmsghdr *nlh, size_t room,
			      const struct kf_vport_req *req)
{
	struct nlattr *opts, *ext;
	uint16_t port = req->dst_port;

	if (!req->has_dst_port && !vport_is_udp_tunnel(req->type) && !req->gbp)
		return true;
	if (!req->has_dst_port)
		port = req->type == OVS_VPORT_TYPE_VXLAN ? 4789 : 6081;
	opts = mnl_attr_nest_start_check(nlh, room, OVS_VPORT_ATTR_OPTIONS);
	if (!opts)
		return false;
	if (req->has_dst_port || vport_is_udp_tunnel(req->type))
		if (!mnl_attr_put_u16_check(nlh, room, OVS_TUNNEL_ATTR_DST_PORT,
					    port))
			return false;
	if (req->gbp) {
		ext = mnl_attr_nest_start_check(nlh, room,
						OVS_TUNNEL_ATTR_EXTENSION);
		if (!ext ||
		    !mnl_attr_put_check(nlh, room, OVS_VXLAN_EXT_GBP, 0, NULL))
			return false;
		mnl_attr_nest_end(nlh, ext);
	}
	mnl_attr_nest_end(nlh, opts);
	return true;
}

int kf_vport_put_attrs(struct nlmsghdr *nlh, size_t room,
		       const struct kf_vport_req *req)
{
	if (req->name && strlen(req->name) >= IFNAMSIZ)
		return -ENAMETOOLONG;
	if (req->name &&
	    !mnl_attr_put_strz_check(nlh, room, OVS_VPORT_ATTR_NAME, req->name))
		return -EMSGSIZE;
	if (req->type &&
	    !mnl_attr_put_u32_check(nlh, room, OVS_VPORT_ATTR_TYPE, req->type))
		return -EMSGSIZE;
	if (req->port_no != KF_PORT_NONE &&
	    !mnl_attr_put_u32_check(nlh, room, OVS_VPORT_ATTR_PORT_NO,
				    req->port_no))
		return -EMSGSIZE;
	if (req->n_upcall_pids) {
		if (!mnl_attr_put_check(nlh, room, OVS_VPORT_ATTR_UPCALL_PID,
					req->n_upcall_pids *
					sizeof(*req->upcall_pids),
					req->upcall_pids))
			return -EMSGSIZE;
	} else if (req->has_upcall_pid &&
		   !mnl_attr_put_u32_check(nlh, room, OVS_VPORT_ATTR_UPCALL_PID,
					   req->upcall_pid)) {
		return -EMSGSIZE;
	}
	if (!vport_put_options(nlh, room, req))
		return -EMSGSIZE;
	return 0;
}

struct vport_reply {
	struct kf_vport *out;
	kf_vport_cb cb;
	void *data;
	int err;
};

static int vport_reply_cb(const struct nlmsghdr *nlh, void *data)
{
	struct vport_reply *r = data;
	struct kf_vport v, *p = r->out ? r->out : &v;
	int err;

	if (r->err)
		return MNL_CB_OK;	/* drain the rest of a dump */
	err = kf_vport_parse(nlh, p);
	if (!err && r->cb)
		err = r->cb(p, r->data);
	r->err = err;
	return MNL_CB_OK;
}

static int vport_request(struct kf_nl *nl, struct nlmsghdr *nlh,
			 struct kf_vport *out)
{
	struct vport_reply r = { out, NULL, NULL, 0 };
	int err;

	err = kf_transact(nl, nlh, out ? vport_reply_cb : NULL, &r);
	return err ? err : r.err;
}

int kf_vport_new(struct kf_nl *nl, int dp_ifindex,
		 const struct kf_vport_req *req, struct kf_vport *out)
{
	struct kf_vport_req r = *req;
	struct nlmsghdr *nlh;
	int err;

	r.has_upcall_pid = true;	/* required by the ABI on NEW */
	nlh = kf_msg_start(nl, KF_VPORT, OVS_VPORT_CMD_NEW,
			   out ? NLM_F_ECHO : 0, dp_ifindex);
	err = kf_vport_put_attrs(nlh, kf_msg_room(nl), &r);
	if (err)
		return err;
	return vport_request(nl, nlh, out);
}

int kf_vport_set(struct kf_nl *nl, int dp_ifindex,
		 const struct kf_vport_req *req)
{
	struct nlmsghdr *nlh;
	int err;

	nlh = kf_msg_start(nl, KF_VPORT, OVS_VPORT_CMD_SET, 0, dp_ifindex);
	err = kf_vport_put_attrs(nlh, kf_msg_room(nl), req);
	if (err)
		return err;
	return vport_request(nl, nlh, NULL);
}

static struct nlmsghdr *vport_id_msg(struct kf_nl *nl, uint8_t cmd,
				     int dp_ifindex, const char *name,
				     uint32_t port_no)
{
	struct nlmsghdr *nlh = kf_msg_start(nl, KF_VPORT, cmd, 0, dp_ifindex);

	if (name)
		mnl_attr_put_strz(nlh, OVS_VPORT_ATTR_NAME, name);
	else
		mnl_attr_put_u32(nlh, OVS_VPORT_ATTR_PORT_NO, port_no);
	return nlh;
}

int kf_vport_del(struct kf_nl *nl, int dp_ifindex, const char *name,
		 uint32_t port_no)
{
	if (name && strlen(name) >= IFNAMSIZ)
		return -ENODEV;
	return vport_request(nl, vport_id_msg(nl, OVS_VPORT_CMD_DEL,
					      dp_ifindex, name, port_no), NULL);
}

int kf_vport_get(struct kf_nl *nl, int dp_ifindex, const char *name,
		 uint32_t port_no, struct kf_vport *out)
{
	if (name && strlen(name) >= IFNAMSIZ)
		return -ENODEV;
	return vport_request(nl, vport_id_msg(nl, OVS_VPORT_CMD_GET,
					      dp_ifindex, name, port_no), out);
}

int kf_vport_dump(struct kf_nl *nl, int dp_ifindex, kf_vport_cb cb,
		  void *data)
{
	struct vport_reply r = { NULL, cb, data, 0 };
	struct nlmsghdr *nlh;
	int err;

	nlh = kf_msg_start(nl, KF_VPORT, OVS_VPORT_CMD_GET, NLM_F_DUMP,
			   dp_ifindex);
	err = kf_transact(nl, nlh, vport_reply_cb, &r);
	return err ? err : r.err;
}
