// SPDX-License-Identifier: GPL-2.0
/*
 * ofp_util.c - errors, integers, ports of the ovs-ofctl syntax.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "ofp_priv.h"

int kf_err(char *err, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		vsnprintf(err, KF_ERR_LEN, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

bool kf_token(char *buf, const char *s, size_t len)
{
	if (len >= KF_TOKEN_MAX)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return true;
}

int kf_scan_u64(const char *s, size_t len, uint64_t *v)
{
	char buf[KF_TOKEN_MAX], *end;

	if (!len || !kf_token(buf, s, len) || buf[0] == '-' || buf[0] == '+')
		return -1;
	errno = 0;
	*v = strtoull(buf, &end, 0);
	return errno || *end ? -1 : 0;
}

static const struct {
	const char *name;
	uint16_t port;
} port_names[] = {
	{ "IN_PORT", KF_PORT_IN_PORT },
	{ "TABLE", KF_PORT_TABLE },
	{ "NORMAL", KF_PORT_NORMAL },
	{ "FLOOD", KF_PORT_FLOOD },
	{ "ALL", KF_PORT_ALL },
	{ "CONTROLLER", KF_PORT_CONTROLLER },
	{ "LOCAL", KF_PORT_LOCAL },
	{ "NONE", KF_PORT_NONE },
	{ "ANY", KF_PORT_NONE },
};

int kf_ofp_parse_port(const char *s, size_t len, uint16_t *port)
{
	uint64_t v;
	size_t i;

	for (i = 0; i < sizeof(port_names) / sizeof(port_names[0]); i++) {
		if (strlen(port_names[i].name) == len &&
		    !strncasecmp(port_names[i].name, s, len)) {
			*port = port_names[i].port;
			return 0;
		}
	}
	if (kf_scan_u64(s, len, &v) || v > 0xffff)
		return -1;
	*port = v;
	return 0;
}

void kf_ofp_format_port(struct strbuf *sb, uint16_t port)
{
	size_t i;

	for (i = 0; i < sizeof(port_names) / sizeof(port_names[0]); i++) {
		if (port_names[i].port == port) {
			sb_puts(sb, port_names[i].name);
			return;
		}
	}
	sb_printf(sb, "%u", port);
}
