// SPDX-License-Identifier: GPL-2.0
/*
 * flowfile.c - the input of add-flows: one flow per line in the
 * add-flow syntax, '#' comments and blank lines skipped.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "ofctl.h"

void ofctl_flows_free(struct ofctl_flows *fl)
{
	size_t i;

	for (i = 0; i < fl->n; i++)
		kf_ofp_flow_free(&fl->v[i]);
	free(fl->v);
	free(fl->line);
	memset(fl, 0, sizeof(*fl));
}

static bool grow(struct ofctl_flows *fl)
{
	struct kf_ofp_flow *v = realloc(fl->v, (fl->n + 1) * sizeof(*v));
	unsigned int *l;

	if (v)
		fl->v = v;
	l = realloc(fl->line, (fl->n + 1) * sizeof(*l));
	if (l)
		fl->line = l;
	return v && l;
}

/* Strip the comment and surrounding blanks in place; "" if nothing. */
static char *trim(char *s)
{
	char *e;

	s[strcspn(s, "#")] = '\0';
	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int add_line(struct ofctl_flows *out, char *text, const char *name,
		    unsigned int lineno, char err[KF_ERR_LEN])
{
	char perr[KF_ERR_LEN];
	struct kf_ofp_flow *fl;

	if (!grow(out)) {
		snprintf(err, KF_ERR_LEN, "%s:%u: out of memory", name, lineno);
		return -ENOMEM;
	}
	fl = &out->v[out->n];
	kf_ofp_flow_init(fl);
	if (kf_ofp_parse_flow(text, true, fl, perr)) {
		kf_ofp_flow_free(fl);
		snprintf(err, KF_ERR_LEN, "%.60s:%u: %.180s", name, lineno,
			 perr);
		return -EINVAL;
	}
	out->line[out->n++] = lineno;
	return 0;
}

int ofctl_read_flows(const char *name, FILE *f, struct ofctl_flows *out,
		     char err[KF_ERR_LEN])
{
	unsigned int lineno = 0;
	size_t cap = 0;
	char *buf = NULL, *text;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	while (!ret && getline(&buf, &cap, f) >= 0) {
		lineno++;
		text = trim(buf);
		if (*text)
			ret = add_line(out, text, name, lineno, err);
	}
	if (!ret && ferror(f)) {
		snprintf(err, KF_ERR_LEN, "%s: read error: %s", name,
			 strerror(errno));
		ret = -EIO;
	}
	free(buf);
	if (ret)
		ofctl_flows_free(out);
	return ret;
}
