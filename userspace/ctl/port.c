// SPDX-License-Identifier: GPL-2.0
/*
 * port.c - kflow-ctl add-port BR PORT [OPTION...]: the options are
 * checked here with the parser kflowd uses (port_conf.h), so a typo is
 * reported without a round trip, then sent.
 */
#include <stdio.h>
#include "ctl_proto.h"
#include "kflow_ctl.h"
#include "port_conf.h"

int kfc_cmd_add_port(const struct kfc *c, int argc, char **argv)
{
	struct strbuf args = STRBUF_INIT;
	char err[KF_ERR_LEN];
	struct kf_port p;
	int ret;

	kf_ctl_join(&args, argc - 2, argv + 2);
	ret = kf_port_parse(args.s, &p, err);
	sb_free(&args);
	if (ret) {
		kfc_error("add-port %s %s: %s", argv[1], argv[2], err);
		return 1;
	}
	return kfc_call(c, argc, argv);
}
