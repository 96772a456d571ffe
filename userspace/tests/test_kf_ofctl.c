// SPDX-License-Identifier: GPL-2.0
/*
 * test_kf_ofctl.c - kflow-ofctl's argument and file parsing: bridge ->
 * socket path, the out_port/table filter, add-flows files with FILE:LINE
 * errors, OpenFlow error names.
 */
#include <stdio.h>
#include <string.h>
#include "ofctl.h"
#include "tap.h"

static void test_target(void)
{
	char path[108], err[KF_ERR_LEN] = "";

	tap_ok(!ofctl_target_path("/run/kflow", "br0", path, sizeof(path),
				  err) && !strcmp(path, "/run/kflow/br0.mgmt"),
	       "br0 -> RUNDIR/br0.mgmt (%s)", path);
	tap_ok(!ofctl_target_path("/x", "unix:/var/run/openvswitch/br0.mgmt",
				  path, sizeof(path), err) &&
	       !strcmp(path, "/var/run/openvswitch/br0.mgmt"),
	       "unix:PATH -> PATH");
	tap_ok(ofctl_target_path("/x", "tcp:1.2.3.4:6653", path, sizeof(path),
				 err) && strstr(err, "tcp:1.2.3.4:6653") &&
	       strstr(err, "unix"), "tcp: refused, naming it: %s", err);
	tap_ok(ofctl_target_path("/x", "", path, sizeof(path), err) &&
	       strstr(err, "empty"), "empty name refused: %s", err);
	tap_ok(ofctl_target_path("/a/very/long/run/directory/that/goes/on"
				 "/and/on/and/on/and/on/and/on/and/on/and/on"
				 "/and/on/and/on/and/on/and/on/and/on/and/on",
				 "bridge-name", path, sizeof(path), err) &&
	       strstr(err, "too long"), "long path refused: %s", err);
}

static void test_filter(void)
{
	struct ofctl_filter f;
	char err[KF_ERR_LEN] = "";
	struct strbuf sb = STRBUF_INIT;

	tap_ok(!ofctl_parse_filter("tcp,out_port=2,tp_dst=80", false, &f,
				   err) && f.out_port == 2 && !f.table_given,
	       "out_port=2 taken out of the match, no table: %s", err);
	kf_ofp_format_match(&sb, &f.flow.match, f.flow.priority);
	tap_ok(!strcmp(sb_str(&sb), "tcp,tp_dst=80"), "match left: %s",
	       sb_str(&sb));
	kf_ofp_flow_free(&f.flow);
	tap_ok(!ofctl_parse_filter("table=3 out_port=LOCAL", false, &f, err) &&
	       f.out_port == KF_PORT_LOCAL && f.table_given &&
	       f.flow.table_id == 3, "table=3, out_port=LOCAL (blanks)");
	kf_ofp_flow_free(&f.flow);
	tap_ok(!ofctl_parse_filter("", false, &f, err) &&
	       f.out_port == KF_PORT_NONE && !f.table_given,
	       "empty filter: everything");
	kf_ofp_flow_free(&f.flow);
	tap_ok(!ofctl_parse_filter("priority=10,in_port=1,actions=output:2,"
				   "output:3", true, &f, err) &&
	       f.flow.priority == 10 && f.flow.actions.n == 2,
	       "actions after the match kept whole: %s", err);
	kf_ofp_flow_free(&f.flow);
	tap_ok(ofctl_parse_filter("out_port=bogus", false, &f, err) &&
	       strstr(err, "out_port=bogus"), "bad out_port named: %s", err);
	kf_ofp_flow_free(&f.flow);
	tap_ok(ofctl_parse_filter("in_port=1", true, &f, err),
	       "mod-flows needs actions: %s", err);
	kf_ofp_flow_free(&f.flow);
	sb_free(&sb);
}

static int read_text(const char *text, struct ofctl_flows *fl, char *err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret = ofctl_read_flows("flows.txt", f, fl, err);

	fclose(f);
	return ret;
}

static void test_file(void)
{
	static const char good[] =
		"# Neutron-style table\n"
		"\n"
		"table=0, priority=10,in_port=1 actions=output:2  # comment\n"
		"   \t\n"
		"priority=0 actions=drop\n";
	static const char bad[] =
		"priority=10,in_port=1,actions=output:2\n"
		"# fine so far\n"
		"priority=5,nw_src=10.0.0.300,actions=drop\n";
	struct ofctl_flows fl;
	char err[KF_ERR_LEN] = "";

	tap_ok(!read_text(good, &fl, err) && fl.n == 2 && fl.line[0] == 3 &&
	       fl.line[1] == 5, "two flows, comments and blanks skipped, "
	       "lines 3 and 5: %s", err);
	tap_ok(fl.n == 2 && fl.v[0].priority == 10 && fl.v[1].priority == 0,
	       "priorities parsed");
	ofctl_flows_free(&fl);
	tap_ok(read_text(bad, &fl, err) && fl.n == 0 &&
	       strstr(err, "flows.txt:3: ") && strstr(err, "nw_src") &&
	       strstr(err, "10.0.0.300"), "error names FILE:LINE and the "
	       "field: %s", err);
	tap_ok(read_text("in_port=1\n", &fl, err) &&
	       strstr(err, "flows.txt:1: "), "missing actions: %s", err);
}

static void test_errors(void)
{
	struct strbuf sb = STRBUF_INIT;

	ofctl_format_error(&sb, KF_OFPET_BAD_ACTION, KF_OFPBAC_BAD_OUT_PORT);
	tap_ok(!strcmp(sb_str(&sb), "OFPBAC_BAD_OUT_PORT"), "%s",
	       sb_str(&sb));
	sb_clear(&sb);
	ofctl_format_error(&sb, KF_OFPET_FLOW_MOD_FAILED,
			   KF_OFPFMFC_BAD_TABLE_ID);
	tap_ok(!strcmp(sb_str(&sb), "OFPFMFC_BAD_TABLE_ID"), "%s",
	       sb_str(&sb));
	sb_clear(&sb);
	ofctl_format_error(&sb, KF_OFPET_BAD_MATCH, 99);
	tap_ok(!strcmp(sb_str(&sb), "OFPET_BAD_MATCH code 99"), "%s",
	       sb_str(&sb));
	sb_clear(&sb);
	ofctl_format_error(&sb, 200, 1);
	tap_ok(!strcmp(sb_str(&sb), "OFPET 200 code 1"), "%s", sb_str(&sb));
	sb_free(&sb);
}

int main(void)
{
	test_target();
	test_filter();
	test_file();
	test_errors();
	return tap_done();
}
