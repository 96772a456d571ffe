// SPDX-License-Identifier: GPL-2.0
/*
 * replay.c - the plain-build driver of a harness: runs its
 * LLVMFuzzerTestOneInput over every file named on the command line (or in
 * a directory named there) and prints one TAP line per file.  A crash
 * kills the driver, which the TAP consumer sees as a missing plan.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "fuzz.h"

static int n_run;

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (!f) {
		printf("not ok %d - %s: %s\n", ++n_run, path, strerror(errno));
		return 1;
	}
	do {
		if (len == cap) {
			uint8_t *nb = realloc(buf, cap = cap ? cap * 2 : 4096);

			if (!nb) {
				free(buf);
				fclose(f);
				return 1;
			}
			buf = nb;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	printf("ok %d - %s\n", ++n_run, path);
	fflush(stdout);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_dir(const char *dir)
{
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, NULL), rc = 0;
	char **paths;
	int i, k = 0;

	if (n < 0) {
		printf("not ok %d - %s: %s\n", ++n_run, dir, strerror(errno));
		return 1;
	}
	paths = calloc(n ? n : 1, sizeof(*paths));
	for (i = 0; i < n; i++) {
		if (paths && ents[i]->d_name[0] != '.' &&
		    asprintf(&paths[k], "%s/%s", dir, ents[i]->d_name) > 0)
			k++;
		free(ents[i]);
	}
	free(ents);
	if (!paths)
		return 1;
	qsort(paths, k, sizeof(*paths), cmp_names);
	for (i = 0; i < k; i++) {
		rc |= replay_file(paths[i]);
		free(paths[i]);
	}
	free(paths);
	return rc;
}

int main(int argc, char **argv)
{
	struct stat st;
	int i, rc = 0;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			rc |= replay_dir(argv[i]);
		else
			rc |= replay_file(argv[i]);
	}
	printf("1..%d\n", n_run);
	return rc;
}
