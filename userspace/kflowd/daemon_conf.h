/* SPDX-License-Identifier: GPL-2.0 */
/*
 * daemon_conf.h - kflowd's configuration file: bridges, their ports and
 * their rule tables, read into the switch model (bridge.h) at start and
 * written back after every change.  The format is documented in
 * Documentation/kflowd.rst ("Configuration file").
 *
 * One file holds both the configuration and the rules, so that one
 * rename replaces both at once: a restart never sees ports of one
 * moment and rules of another.  Saving writes FILE.tmp in the same
 * directory, fsyncs it, renames it over FILE and fsyncs the directory:
 * a crash leaves either the old or the new file, never a mix.
 */
#ifndef KFLOWD_DAEMON_CONF_H
#define KFLOWD_DAEMON_CONF_H

#include <stdio.h>
#include "bridge.h"

/* Read @path into @ofp (bridges, ports with odp_port KF_ODPP_NONE,
 * flows).  Returns 0 or -errno with "FILE:LINE: what" in @err. */
int kfd_config_load(struct kf_ofproto *ofp, const char *path,
		    char err[KF_ERR_LEN]);
/* The same from an open stream (@name for messages).  A stream without
 * bridges is an empty configuration, not an error. */
int kfd_config_read(struct kf_ofproto *ofp, FILE *f, const char *name,
		    char err[KF_ERR_LEN]);

/* Write @ofp in the file format: every bridge, its ports with their
 * OpenFlow numbers and options, its rules in ovs-ofctl add-flow syntax
 * (table, cookie, timeouts, flags, priority, match, actions), ordered
 * by table, then priority (highest first), then text.  0 or -errno. */
int kfd_config_write(const struct kf_ofproto *ofp, FILE *f);
/* kfd_config_write() to @path atomically (see above).  0, or -errno
 * with "PATH: what" in @err. */
int kfd_config_save(const struct kf_ofproto *ofp, const char *path,
		    char err[KF_ERR_LEN]);

#endif
