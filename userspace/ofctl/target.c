// SPDX-License-Identifier: GPL-2.0
/*
 * target.c - what a command line names: the switch to connect to, and the
 * flow filter of mod-flows/del-flows/dump-flows.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ofctl.h"

int ofctl_target_path(const char *rundir, const char *target, char *path,
		      size_t size, char err[KF_ERR_LEN])
{
	const char *colon = strchr(target, ':');
	int n;

	if (!*target) {
		snprintf(err, KF_ERR_LEN, "empty bridge name");
		return -EINVAL;
	}
	if (!strncmp(target, "unix:", 5))
		n = snprintf(path, size, "%s", target + 5);
	else if (colon || strchr(target, '/')) {
		snprintf(err, KF_ERR_LEN, "%s: not a bridge name or unix:PATH "
			 "(only unix sockets are supported)", target);
		return -EINVAL;
	} else {
		n = snprintf(path, size, "%s/%s.mgmt", rundir, target);
	}
	if (n <= 0 || (size_t)n >= size) {
		snprintf(err, KF_ERR_LEN, "%s: socket path %s", target,
			 n <= 0 ? "empty" : "too long");
		return -EINVAL;
	}
	return 0;
}

/* Does the token [p, p+len) start with "key="? */
static bool tok_is(const char *p, size_t len, const char *key)
{
	size_t k = strlen(key);

	return len > k && !strncmp(p, key, k) && p[k] == '=';
}

/* Take out_port=P out of @s (before actions=) into @f->out_port; note
 * whether table= was given.  @rest gets the remaining text. */
static int split_filter(const char *s, struct ofctl_filter *f, char *rest,
			char err[KF_ERR_LEN])
{
	const char *p = s, *end;
	size_t len, o = 0;
	int ret;

	while (*p) {
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		if (!strncmp(p, "actions=", 8) || !strncmp(p, "actions:", 8)) {
			o += sprintf(rest + o, "%s%s", o ? "," : "", p);
			break;
		}
		end = p + strcspn(p, ", \t");
		len = (size_t)(end - p);
		if (tok_is(p, len, "out_port")) {
			ret = kf_ofp_parse_port(p + 9, len - 9, &f->out_port);
			if (ret) {
				snprintf(err, KF_ERR_LEN, "out_port=%.*s: not "
					 "a port number or name",
					 (int)(len - 9), p + 9);
				return -EINVAL;
			}
		} else {
			f->table_given |= tok_is(p, len, "table");
			o += sprintf(rest + o, "%s%.*s", o ? "," : "",
				     (int)len, p);
		}
		p = end;
	}
	rest[o] = '\0';
	return 0;
}

int ofctl_parse_filter(const char *s, bool need_actions,
		       struct ofctl_filter *f, char err[KF_ERR_LEN])
{
	char *rest = malloc(strlen(s) + 2);
	int ret;

	memset(f, 0, sizeof(*f));
	kf_ofp_flow_init(&f->flow);
	f->out_port = KF_PORT_NONE;
	if (!rest) {
		snprintf(err, KF_ERR_LEN, "out of memory");
		return -ENOMEM;
	}
	ret = split_filter(s, f, rest, err);
	if (!ret)
		ret = kf_ofp_parse_flow(rest, need_actions, &f->flow, err);
	free(rest);
	return ret;
}
