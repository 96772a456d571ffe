// SPDX-License-Identifier: GPL-2.0
/*
 * daemon_conf_write.c - write the configuration file back: bridges,
 * ports, rules; atomically (FILE.tmp, fsync, rename, fsync directory).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "daemon_conf.h"
#include "port_conf.h"
#include "vec.h"

struct line {
	int priority;
	char *text;
};

struct lines {
	struct line *v;
	size_t n, cap;
	int err;
};

static bool collect(const struct kf_cls_rule *cr, void *aux)
{
	const struct kf_rule *r = cr->data;
	struct strbuf sb = STRBUF_INIT;
	struct lines *l = aux;
	struct line *v;

	if (l->n == l->cap) {
		v = kf_vec_grow(l->v, &l->cap, sizeof(*v), 64);
		if (!v) {
			l->err = -ENOMEM;
			return false;
		}
		l->v = v;
	}
	kf_ofp_format_flow(&sb, &r->of, KF_STYLE_ADD);
	l->v[l->n].priority = r->of.priority;
	l->v[l->n].text = strdup(sb_str(&sb));
	sb_free(&sb);
	if (!l->v[l->n].text) {
		l->err = -ENOMEM;
		return false;
	}
	l->n++;
	return true;
}

/* Highest priority first; equal priorities in text order, so that the
 * file does not change from one save to the next. */
static int line_cmp(const void *a, const void *b)
{
	const struct line *la = a, *lb = b;

	if (la->priority != lb->priority)
		return la->priority < lb->priority ? 1 : -1;
	return strcmp(la->text, lb->text);
}

static int write_table(const struct kf_cls *cls, FILE *f)
{
	struct lines l = { NULL, 0, 0, 0 };
	size_t i;

	kf_cls_foreach(cls, collect, &l);
	if (!l.err && l.n)
		qsort(l.v, l.n, sizeof(*l.v), line_cmp);
	for (i = 0; i < l.n; i++) {
		if (!l.err)
			fprintf(f, "  flow %s\n", l.v[i].text);
		free(l.v[i].text);
	}
	free(l.v);
	return l.err;
}

static int write_bridge(const struct kf_bridge *br, FILE *f)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int ret = 0;

	fprintf(f, "bridge %s\n", br->name);
	for (i = 0; i < br->n_ports; i++) {
		if (br->ports[i]->ofport == KF_PORT_LOCAL)
			continue;
		sb_clear(&sb);
		kf_port_format(&sb, br->ports[i]);
		fprintf(f, "  port %s\n", sb_str(&sb));
	}
	sb_free(&sb);
	for (i = 0; i < KF_N_TABLES && !ret; i++)
		ret = write_table(br->tables[i], f);
	return ret;
}

int kfd_config_write(const struct kf_ofproto *ofp, FILE *f)
{
	size_t i;
	int ret = 0;

	fputs("# kflowd configuration and rule tables, rewritten by kflowd "
	      "after every change.\n", f);
	for (i = 0; i < ofp->n_bridges && !ret; i++)
		ret = write_bridge(ofp->bridges[i], f);
	if (!ret && (fflush(f) || ferror(f)))
		ret = -EIO;
	return ret;
}

/* fsync the directory holding @path, so the rename itself is durable. */
static int sync_dir(const char *path)
{
	char dir[4096];
	char *slash;
	int fd, ret = 0;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fsync(fd))
		ret = -errno;
	close(fd);
	return ret;
}

static int save_err(char *err, const char *path, const char *what, int ret)
{
	if (snprintf(err, KF_ERR_LEN, "%s: %s: %s", path, what,
		     strerror(-ret)) >= KF_ERR_LEN)
		err[KF_ERR_LEN - 2] = '.';
	return ret;
}

int kfd_config_save(const struct kf_ofproto *ofp, const char *path,
		    char err[KF_ERR_LEN])
{
	char tmp[4096];
	FILE *f;
	int ret;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return save_err(err, path, "path", -ENAMETOOLONG);
	f = fopen(tmp, "we");
	if (!f)
		return save_err(err, tmp, "create", -errno);
	ret = kfd_config_write(ofp, f);
	if (!ret && fsync(fileno(f)))
		ret = -errno;
	if (fclose(f) && !ret)
		ret = -errno;
	if (ret) {
		unlink(tmp);
		return save_err(err, tmp, "write", ret);
	}
	if (rename(tmp, path)) {
		ret = -errno;
		unlink(tmp);
		return save_err(err, path, "rename", ret);
	}
	ret = sync_dir(path);
	return ret ? save_err(err, path, "fsync directory", ret) : 0;
}
