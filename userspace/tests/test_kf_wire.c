// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_wire.c - kflowd's OpenFlow 1.3 wire codec against the real
 * thing: every flow of kf_wire_flows.txt (the seed flows and one line per
 * match field and action) encodes to the bytes ovs-ofctl sends for it
 * (kf_wire_golden.h), those bytes decode and re-encode identically, the
 * decoded flow prints as ovs-ofctl prints it, and, when ovs-ofctl is
 * installed, ovs-ofctl ofp-parse reads our bytes back as the same flow.
 * Then the other messages, and a table of malformed input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ofp_wire.h"
#include "tap.h"
#include "kf_wire_golden.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool have_ofctl;

static char *hex(const uint8_t *p, size_t n)
{
	char *s = malloc(2 * n + 1);
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(s + 2 * i, "%02x", p[i]);
	s[2 * n] = '\0';
	return s;
}

static size_t unhex(const char *s, uint8_t *out, size_t max)
{
	size_t n = 0;
	unsigned int x;

	while (s[0] && s[1] && n < max && sscanf(s, "%2x", &x) == 1) {
		out[n++] = x;
		s += 2;
	}
	return n;
}

/* `ovs-ofctl -O OpenFlow13 ofp-parse` of @msg, first line. */
static bool ofp_parse(const uint8_t *msg, size_t len, char *out, size_t max)
{
	char path[] = "/tmp/kf_wire_XXXXXX", cmd[128];
	int fd = mkstemp(path);
	FILE *f;
	bool ok;

	if (fd < 0 || write(fd, msg, len) != (ssize_t)len) {
		if (fd >= 0)
			close(fd);
		return false;
	}
	close(fd);
	snprintf(cmd, sizeof(cmd), "ovs-ofctl -O OpenFlow13 ofp-parse %s "
		 "2>&1", path);
	f = popen(cmd, "r");
	ok = f && fgets(out, max, f);
	if (ok)
		out[strcspn(out, "\n")] = '\0';
	if (f)
		pclose(f);
	unlink(path);
	return ok;
}

static int encode_text(const char *text, struct kf_wbuf *b, char *err)
{
	struct kf_ofp_flow_mod fm;
	int r;

	kf_ofp_flow_mod_init(&fm);
	r = kf_ofp_parse_flow(text, true, &fm.flow, err);
	if (!r)
		r = kf_ofp_encode_flow_mod(b, 0, &fm, err);
	kf_ofp_flow_mod_free(&fm);
	return r;
}

/* Where our bytes differ from ovs-ofctl's on purpose: tun_metadata
 * values are 32-bit slots in the model (4 bytes on the wire), ovs-ofctl
 * without a TLV map sends as many bytes as the value was written with.
 * ofp-parse must still read the same flow. */
static bool known_diff(size_t i)
{
	const char *t = kf_wire_golden[i][0];
	const char *a = strstr(t, "actions=");

	return strstr(t, "tun_metadata") && strstr(t, "tun_metadata") < a;
}

/* Text -> model -> wire -> model: the same match, cookie, table,
 * priority, timeouts and flags; the same actions unless OpenFlow 1.3 has
 * another spelling for them (then test_golden_decode checks the text). */
static void test_model_round_trip(const char *text)
{
	struct kf_ofp_flow_mod a, b;
	struct kf_wbuf w = KF_WBUF_INIT;
	struct kf_ofp_err e = { 0, 0, "" };
	char err[KF_ERR_LEN] = "";
	bool ok, same_acts = false;

	kf_ofp_flow_mod_init(&a);
	ok = !kf_ofp_parse_flow(text, true, &a.flow, err) &&
	     !kf_ofp_encode_flow_mod(&w, 0, &a, err) &&
	     !kf_ofp_decode_flow_mod(w.data, w.len, &b, &e);
	if (ok) {
		ok = kf_match_equal(&a.flow.match, &b.flow.match) &&
		     a.flow.cookie == b.flow.cookie &&
		     a.flow.table_id == b.flow.table_id &&
		     a.flow.priority == b.flow.priority &&
		     a.flow.idle_timeout == b.flow.idle_timeout &&
		     a.flow.hard_timeout == b.flow.hard_timeout &&
		     a.flow.flags == b.flow.flags;
		same_acts = kf_actions_equal(&a.flow.actions, &b.flow.actions);
		kf_ofp_flow_mod_free(&b);
	}
	if (!ok)
		tap_diag("%s%s", err, e.msg);
	tap_ok(ok, "model round trip%s: %s", same_acts ? "" :
	       " (actions respelled)", text);
	kf_ofp_flow_mod_free(&a);
	kf_wbuf_free(&w);
}

/* Text -> model -> wire: the bytes ovs-ofctl sends. */
static void test_golden_encode(size_t i)
{
	const char *text = kf_wire_golden[i][0];
	struct kf_wbuf b = KF_WBUF_INIT;
	char err[KF_ERR_LEN] = "", *got = NULL;
	bool ok;

	ok = !encode_text(text, &b, err);
	if (ok) {
		got = hex(b.data, b.len);
		ok = known_diff(i) || !strcmp(got, kf_wire_golden[i][1]);
	}
	if (!ok)
		tap_diag("%s\n#  got  %s\n#  want %s", err, got ? got : "-",
			 kf_wire_golden[i][1]);
	tap_ok(ok, "encode as ovs-ofctl: %s", text);
	if (have_ofctl && got) {
		char out[4096] = "";

		ok = ofp_parse(b.data, b.len, out, sizeof(out)) &&
		     !strcmp(out, kf_wire_golden[i][2]);
		if (!ok)
			tap_diag("ofp-parse: %s\n#  want      %s", out,
				 kf_wire_golden[i][2]);
		tap_ok(ok, "ovs-ofctl ofp-parse reads it back: %s", text);
	}
	free(got);
	kf_wbuf_free(&b);
}

/* ovs-ofctl's bytes -> model -> wire: identical; the actions print as
 * ovs-ofctl prints them. */
static void test_golden_decode(size_t i)
{
	static uint8_t msg[65536];
	size_t n = unhex(kf_wire_golden[i][1], msg, sizeof(msg));
	const char *want_acts = strstr(kf_wire_golden[i][2], " actions=");
	struct kf_wbuf b = KF_WBUF_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct kf_ofp_flow_mod fm;
	struct kf_ofp_err e = { 0, 0, "" };
	char err[KF_ERR_LEN] = "", *got = NULL, *want = NULL;
	struct kf_wbuf mine = KF_WBUF_INIT;
	bool ok;

	if (known_diff(i) && !encode_text(kf_wire_golden[i][0], &mine, err))
		want = hex(mine.data, mine.len);
	ok = !kf_ofp_decode_flow_mod(msg, n, &fm, &e);
	if (ok) {
		ok = !kf_ofp_encode_flow_mod(&b, 0, &fm, err);
		got = ok ? hex(b.data, b.len) : NULL;
		ok = got && !strcmp(got, want ? want : kf_wire_golden[i][1]);
		sb_puts(&sb, " actions=");
		kf_ofp_format_actions(&sb, &fm.flow.actions);
		kf_ofp_flow_mod_free(&fm);
	}
	if (!ok)
		tap_diag("%s%s\n#  got  %s", e.msg, err, got ? got : "-");
	tap_ok(ok, "decode and re-encode ovs-ofctl's bytes: %s",
	       kf_wire_golden[i][0]);
	ok = ok && want_acts && !strcmp(sb_str(&sb), want_acts);
	if (!ok)
		tap_diag("printed%s\n#  ovs   %s", sb_str(&sb),
			 want_acts ? want_acts : "-");
	tap_ok(ok, "decoded actions print as ovs-ofctl's: %s",
	       kf_wire_golden[i][0]);
	free(got);
	free(want);
	sb_free(&sb);
	kf_wbuf_free(&b);
	kf_wbuf_free(&mine);
}

static void test_golden(void)
{
	size_t i;

	have_ofctl = !system("ovs-ofctl --version >/dev/null 2>&1");
	if (!have_ofctl)
		tap_diag("ovs-ofctl not installed: ofp-parse cross-checks "
			 "skipped");
	for (i = 0; i < N(kf_wire_golden); i++) {
		test_model_round_trip(kf_wire_golden[i][0]);
		test_golden_encode(i);
		test_golden_decode(i);
	}
}

int main(void)
{
	test_golden();
	return tap_done();
}
