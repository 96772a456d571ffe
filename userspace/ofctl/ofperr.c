// SPDX-License-Identifier: GPL-2.0
/*
 * ofperr.c - names of OpenFlow 1.3 error types/codes and message types,
 * so that a refusal reads "OFPBAC_BAD_OUT_PORT" rather than "2/4".
 */
#include "ofctl.h"

struct err_type {
	const char *type;	/* OFPET_ name */
	const char *prefix;	/* code prefix */
	const char *const *codes;
	size_t n_codes;
};

#define CODES(...) (const char *const[]){ __VA_ARGS__ }, \
	sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *)

static const struct err_type err_types[] = {
	{ "HELLO_FAILED", "OFPHFC", CODES("INCOMPATIBLE", "EPERM") },
	{ "BAD_REQUEST", "OFPBRC", CODES("BAD_VERSION", "BAD_TYPE",
		"BAD_MULTIPART", "BAD_EXPERIMENTER", "BAD_EXP_TYPE", "EPERM",
		"BAD_LEN", "BUFFER_EMPTY", "BUFFER_UNKNOWN", "BAD_TABLE_ID",
		"IS_SLAVE", "BAD_PORT", "BAD_PACKET",
		"MULTIPART_BUFFER_OVERFLOW") },
	{ "BAD_ACTION", "OFPBAC", CODES("BAD_TYPE", "BAD_LEN",
		"BAD_EXPERIMENTER", "BAD_EXP_TYPE", "BAD_OUT_PORT",
		"BAD_ARGUMENT", "EPERM", "TOO_MANY", "BAD_QUEUE",
		"BAD_OUT_GROUP", "MATCH_INCONSISTENT", "UNSUPPORTED_ORDER",
		"BAD_TAG", "BAD_SET_TYPE", "BAD_SET_LEN", "BAD_SET_ARGUMENT") },
	{ "BAD_INSTRUCTION", "OFPBIC", CODES("UNKNOWN_INST", "UNSUP_INST",
		"BAD_TABLE_ID", "UNSUP_METADATA", "UNSUP_METADATA_MASK",
		"BAD_EXPERIMENTER", "BAD_EXP_TYPE", "BAD_LEN", "EPERM") },
	{ "BAD_MATCH", "OFPBMC", CODES("BAD_TYPE", "BAD_LEN", "BAD_TAG",
		"BAD_DL_ADDR_MASK", "BAD_NW_ADDR_MASK", "BAD_WILDCARDS",
		"BAD_FIELD", "BAD_VALUE", "BAD_MASK", "BAD_PREREQ",
		"DUP_FIELD", "EPERM") },
	{ "FLOW_MOD_FAILED", "OFPFMFC", CODES("UNKNOWN", "TABLE_FULL",
		"BAD_TABLE_ID", "OVERLAP", "EPERM", "BAD_TIMEOUT",
		"BAD_COMMAND", "BAD_FLAGS") },
	{ "GROUP_MOD_FAILED", "OFPGMFC", CODES("GROUP_EXISTS") },
	{ "PORT_MOD_FAILED", "OFPPMFC", CODES("BAD_PORT", "BAD_HW_ADDR",
		"BAD_CONFIG", "BAD_ADVERTISE", "EPERM") },
	{ "TABLE_MOD_FAILED", "OFPTMFC", CODES("BAD_TABLE", "BAD_CONFIG",
		"EPERM") },
	{ "QUEUE_OP_FAILED", "OFPQOFC", CODES("BAD_PORT", "BAD_QUEUE",
		"EPERM") },
	{ "SWITCH_CONFIG_FAILED", "OFPSCFC", CODES("BAD_FLAGS", "BAD_LEN",
		"EPERM") },
	{ "ROLE_REQUEST_FAILED", "OFPRRFC", CODES("STALE", "UNSUP",
		"BAD_ROLE") },
	{ "METER_MOD_FAILED", "OFPMMFC", CODES("UNKNOWN") },
	{ "TABLE_FEATURES_FAILED", "OFPTFFC", CODES("BAD_TABLE",
		"BAD_METADATA", "BAD_TYPE", "BAD_LEN", "BAD_ARGUMENT",
		"EPERM") },
};

void ofctl_format_error(struct strbuf *sb, uint16_t type, uint16_t code)
{
	const struct err_type *t;

	if (type >= sizeof(err_types) / sizeof(err_types[0])) {
		sb_printf(sb, "OFPET %u code %u", type, code);
		return;
	}
	t = &err_types[type];
	if (code < t->n_codes)
		sb_printf(sb, "%s_%s", t->prefix, t->codes[code]);
	else
		sb_printf(sb, "OFPET_%s code %u", t->type, code);
}

static const char *const msg_names[] = {
	"HELLO", "ERROR", "ECHO_REQUEST", "ECHO_REPLY", "EXPERIMENTER",
	"FEATURES_REQUEST", "FEATURES_REPLY", "GET_CONFIG_REQUEST",
	"GET_CONFIG_REPLY", "SET_CONFIG", "PACKET_IN", "FLOW_REMOVED",
	"PORT_STATUS", "PACKET_OUT", "FLOW_MOD", "GROUP_MOD", "PORT_MOD",
	"TABLE_MOD", "MULTIPART_REQUEST", "MULTIPART_REPLY",
	"BARRIER_REQUEST", "BARRIER_REPLY",
};

const char *ofctl_msg_name(uint8_t type)
{
	if (type < sizeof(msg_names) / sizeof(msg_names[0]))
		return msg_names[type];
	return "message";
}
