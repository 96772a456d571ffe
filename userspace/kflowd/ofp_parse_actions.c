// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_parse_actions.c - the ovs-ofctl action syntax: the list, and the
 * output/controller/resubmit/vlan/metadata/conjunction/note/clone actions.
 * Field-writing actions are in ofp_parse_field_actions.c.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "ofp_priv.h"
#include "ofp_parse_actions.h"

/* Append an action, or return -EINVAL from the caller. */
#define NEW(acts, type, err) \
	({ \
		struct kf_action *a_ = kf_actions_push(acts, type); \
		if (!a_) \
			return kf_err(err, "out of memory"); \
		a_; \
	})

static int parse_output(struct kf_actions *acts, const char *arg,
			size_t alen, char *err)
{
	uint16_t port;

	if (kf_ofp_parse_port(arg, alen, &port))
		return kf_err(err, "output:%.*s: invalid port", (int)alen, arg);
	if (port == KF_PORT_NONE)	/* as OVS: OFPBAC_BAD_OUT_PORT */
		return kf_err(err, "output:%.*s: NONE is not an output port",
			      (int)alen, arg);
	if (port == KF_PORT_CONTROLLER)	/* as ovs-ofctl: CONTROLLER:65535 */
		NEW(acts, KF_ACT_CONTROLLER, err)->output.max_len = 65535;
	else
		NEW(acts, KF_ACT_OUTPUT, err)->output.port = port;
	return 0;
}

static int parse_controller(struct kf_actions *acts, const char *arg,
			    size_t alen, char *err)
{
	uint64_t v = 65535;

	if (alen >= 8 && !strncmp(arg, "max_len=", 8)) {
		arg += 8;
		alen -= 8;
	}
	if (alen && (kf_scan_u64(arg, alen, &v) || v > 65535))
		return kf_err(err, "controller:%.*s: max_len must be a number "
			      "up to 65535", (int)alen, arg);
	NEW(acts, KF_ACT_CONTROLLER, err)->output.max_len = v;
	return 0;
}

/* resubmit:PORT or resubmit([PORT],[TABLE]) */
static int parse_resubmit(struct kf_actions *acts, const char *arg,
			  size_t alen, bool paren, char *err)
{
	const char *comma = paren ? memchr(arg, ',', alen) : NULL;
	size_t plen = comma ? (size_t)(comma - arg) : alen;
	uint16_t port = KF_PORT_IN_PORT;
	uint64_t table = KF_TABLE_NONE;
	struct kf_action *a;

	if (plen && kf_ofp_parse_port(arg, plen, &port))
		return kf_err(err, "resubmit:%.*s: invalid port", (int)alen,
			      arg);
	if (comma && comma + 1 < arg + alen &&
	    (kf_scan_u64(comma + 1, arg + alen - comma - 1, &table) ||
	     table > 254))
		return kf_err(err, "resubmit(%.*s): invalid table (0 to 254)",
			      (int)alen, arg);
	if (!plen && table == KF_TABLE_NONE)
		return kf_err(err, "resubmit(%.*s): needs a port or a table",
			      (int)alen, arg);
	a = NEW(acts, KF_ACT_RESUBMIT, err);
	a->resubmit.port = port;
	a->resubmit.table = table;
	a->resubmit.paren = paren;
	return 0;
}

static int parse_u64_pair(const char *what, const char *arg, size_t alen,
			  uint64_t *v, uint64_t *m, char *err)
{
	const char *slash = memchr(arg, '/', alen);
	size_t n = slash ? (size_t)(slash - arg) : alen;

	*m = ~0ULL;
	if (kf_scan_u64(arg, n, v) ||
	    (slash && kf_scan_u64(slash + 1, alen - n - 1, m)))
		return kf_err(err, "%s:%.*s: invalid number", what, (int)alen,
			      arg);
	return 0;
}

static int parse_small(struct kf_actions *acts, enum kf_act_type type,
		       const char *arg, size_t alen, char *err)
{
	struct kf_action *a;
	uint64_t v, m;

	if (type == KF_ACT_WRITE_METADATA) {
		if (parse_u64_pair("write_metadata", arg, alen, &v, &m, err))
			return -EINVAL;
		a = NEW(acts, type, err);
		a->metadata.value = v & m;
		a->metadata.mask = m;
		return 0;
	}
	if (kf_scan_u64(arg, alen, &v) || v > (type == KF_ACT_GOTO_TABLE ?
					       254 : 0xffff))
		return kf_err(err, "%s:%.*s: invalid %s",
			      type == KF_ACT_GOTO_TABLE ? "goto_table" :
			      "push_vlan", (int)alen, arg,
			      type == KF_ACT_GOTO_TABLE ? "table (0 to 254)" :
			      "ethertype");
	/* As the wire codec (and OVS): only the two VLAN TPIDs. */
	if (type == KF_ACT_PUSH_VLAN && v != 0x8100 && v != 0x88a8)
		return kf_err(err, "push_vlan:%.*s: ethertype 0x%04x is not "
			      "0x8100 or 0x88a8", (int)alen, arg,
			      (unsigned int)v);
	a = NEW(acts, type, err);
	if (type == KF_ACT_GOTO_TABLE)
		a->table = v;
	else
		a->tpid = v;
	return 0;
}

/* conjunction(ID,K/N) */
static int parse_conjunction(struct kf_actions *acts, const char *arg,
			     size_t alen, char *err)
{
	unsigned int id, k, n;
	char buf[KF_TOKEN_MAX];
	struct kf_action *a;
	int end = -1;

	if (!kf_token(buf, arg, alen) ||
	    sscanf(buf, "%u , %u / %u %n", &id, &k, &n, &end) != 3 ||
	    buf[end])
		return kf_err(err, "conjunction(%.*s): expected "
			      "conjunction(id,k/n)", (int)alen, arg);
	if (n < 2 || n > 64 || k < 1 || k > n)
		return kf_err(err, "conjunction(%.*s): need 2 <= n <= 64 and "
			      "1 <= k <= n", (int)alen, arg);
	a = NEW(acts, KF_ACT_CONJUNCTION, err);
	a->conj.id = id;
	a->conj.clause = k;
	a->conj.n_clauses = n;
	return 0;
}

/* note:HEX[.HEX]... */
static int parse_note(struct kf_actions *acts, const char *arg, size_t alen,
		      char *err)
{
	uint8_t *data = malloc(alen / 2 + 1);
	size_t i = 0, n = 0;
	struct kf_action *a;

	if (!data)
		return kf_err(err, "out of memory");
	while (i < alen) {
		if (arg[i] == '.') {
			i++;
			continue;
		}
		if (i + 1 >= alen || !isxdigit((unsigned char)arg[i]) ||
		    !isxdigit((unsigned char)arg[i + 1])) {
			free(data);
			return kf_err(err, "note:%.*s: expected hex bytes",
				      (int)alen, arg);
		}
		data[n++] = strtoul((char[]){ arg[i], arg[i + 1], 0 }, NULL,
				    16);
		i += 2;
	}
	a = kf_actions_push(acts, KF_ACT_NOTE);
	if (!a) {
		free(data);
		return kf_err(err, "out of memory");
	}
	a->note.data = data;
	a->note.len = n;
	return 0;
}

static int parse_clone(struct kf_actions *acts, const char *arg, size_t alen,
		       char *err)
{
	char *inner = strndup(arg, alen);
	struct kf_action *a;
	int r;

	if (!inner)
		return kf_err(err, "out of memory");
	a = kf_actions_push(acts, KF_ACT_CLONE);
	r = a ? kf_ofp_parse_actions(inner, &a->clone, err) :
		kf_err(err, "out of memory");
	free(inner);
	return r;
}

int kf_action_parse_simple(struct kf_actions *acts, const char *name,
			   size_t nlen, const char *arg, size_t alen,
			   bool paren, char *err)
{
#define IS(s) (strlen(s) == nlen && !strncasecmp(name, s, nlen))
	if (IS("output"))
		return parse_output(acts, arg, alen, err);
	if (IS("controller"))
		return parse_controller(acts, arg, alen, err);
	if (IS("resubmit"))
		return parse_resubmit(acts, arg, alen, paren, err);
	if (IS("goto_table"))
		return parse_small(acts, KF_ACT_GOTO_TABLE, arg, alen, err);
	if (IS("push_vlan"))
		return parse_small(acts, KF_ACT_PUSH_VLAN, arg, alen, err);
	if (IS("write_metadata"))
		return parse_small(acts, KF_ACT_WRITE_METADATA, arg, alen, err);
	if (IS("conjunction"))
		return parse_conjunction(acts, arg, alen, err);
	if (IS("note"))
		return parse_note(acts, arg, alen, err);
	if (IS("clone"))
		return parse_clone(acts, arg, alen, err);
	return 1;
#undef IS
}
