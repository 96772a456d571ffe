// SPDX-License-Identifier: GPL-2.0
/*
 * trace.c - kflow-ctl trace BR FLOW: FLOW may come as one argument with
 * spaces ("in_port=1, ip") or as several; it is sent as words (the
 * protocol's words hold no white space) and rejoined by kflowd.
 */
#include <string.h>
#include "ctl_proto.h"
#include "kflow_ctl.h"

int kfc_cmd_trace(const struct kfc *c, int argc, char **argv)
{
	char *words[KF_CTL_MAX_ARGS + 1], *tok, *save;
	int i, n = 2;

	words[0] = argv[0];
	words[1] = argv[1];
	for (i = 2; i < argc; i++) {
		save = NULL;
		for (tok = strtok_r(argv[i], " \t\n", &save); tok;
		     tok = strtok_r(NULL, " \t\n", &save)) {
			if (n == KF_CTL_MAX_ARGS) {
				kfc_error("trace: the flow has more than %d "
					  "words", KF_CTL_MAX_ARGS - 2);
				return 1;
			}
			words[n++] = tok;
		}
	}
	if (n == 2) {
		kfc_error("trace %s: the flow is empty", argv[1]);
		return 1;
	}
	return kfc_call(c, n, words);
}
