// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_ofp_parse.c - libFuzzer harness for kflowd's ovs-ofctl flow syntax
 * (kflowd/ofp_parse*.c, ofp_value.c, flow_fields.c).
 *
 * Input: one flow as add-flow/del-flows take it.  A flow that parses is
 * formatted back (both styles), and the add-flow form must parse again to
 * an equal flow; then it is encoded as an OpenFlow 1.3 flow_mod and, when
 * OpenFlow can say it, decoded again.
 */
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"
#include "ofp.h"
#include "ofp_wire.h"

static void check_wire(const struct kf_ofp_flow *fl)
{
	struct kf_wbuf b = KF_WBUF_INIT;
	struct kf_ofp_flow_mod fm, back;
	struct kf_ofp_err oerr;
	char err[KF_ERR_LEN];

	kf_ofp_flow_mod_init(&fm);
	kf_ofp_flow_mod_init(&back);
	fm.flow = *fl;		/* borrowed: not freed through fm */
	if (kf_ofp_encode_flow_mod(&b, 1, &fm, err) == 0 && !b.oom &&
	    kf_ofp_decode_flow_mod(b.data, b.len, &back, &oerr) != 0)
		fuzz_fail("our own flow_mod does not decode", oerr.msg);
	kf_ofp_flow_mod_free(&back);
	kf_wbuf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kf_ofp_flow fl, fl2;
	char *s = fuzz_strndup(data, size);
	char err[KF_ERR_LEN];
	struct kf_actions acts;
	struct strbuf sb;

	if (!s)
		return 0;
	sb_init(&sb);
	kf_ofp_flow_init(&fl);
	kf_ofp_flow_init(&fl2);
	if (kf_ofp_parse_flow(s, false, &fl, err) == 0) {
		kf_ofp_format_flow(&sb, &fl, KF_STYLE_DUMP);
		sb_clear(&sb);
		kf_ofp_format_flow(&sb, &fl, KF_STYLE_ADD);
		if (kf_ofp_parse_flow(sb_str(&sb), false, &fl2, err) != 0)
			fuzz_fail(sb_str(&sb), err);
		check_wire(&fl);
	}
	kf_ofp_flow_free(&fl);
	kf_ofp_flow_free(&fl2);
	memset(&acts, 0, sizeof(acts));
	if (kf_ofp_parse_actions(s, &acts, err) == 0) {
		sb_clear(&sb);
		kf_ofp_format_actions(&sb, &acts);
	}
	kf_actions_free(&acts);
	sb_free(&sb);
	free(s);
	return 0;
}
