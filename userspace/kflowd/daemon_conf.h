/* SPDX-License-Identifier: GPL-2.0 */
/*
 * daemon_conf.h - kflowd's configuration file: bridges, their ports and
 * initial flows, read into the switch model (bridge.h).  The format is
 * documented in kflowd/README.md ("kflowd configuration").
 */
#ifndef KFLOWD_DAEMON_CONF_H
#define KFLOWD_DAEMON_CONF_H

#include <stdio.h>
#include "bridge.h"

/* Read @path into @ofp (bridges, ports with odp_port KF_ODPP_NONE,
 * flows).  Returns 0 or -errno with "FILE:LINE: what" in @err. */
int kfd_config_load(struct kf_ofproto *ofp, const char *path,
		    char err[KF_ERR_LEN]);
/* The same from an open stream (@name for messages). */
int kfd_config_read(struct kf_ofproto *ofp, FILE *f, const char *name,
		    char err[KF_ERR_LEN]);

#endif
