/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "command.h"
#include "norms-files.h"

int norms_files_open(struct norms_files *f, const char *const *paths, size_t n_paths)
{
	*f = (struct norms_files){NULL, NULL, NULL};
	if (anker_ctx_new(&f->ctx) < 0 || anker_error_new(&f->err) < 0 ||
	    anker_wwb_norms_new(f->ctx, &f->norms) < 0) {
		message("out of memory");
		return ANKER_EXIT_DATA;
	}
	for (size_t i = 0; i < n_paths; i++) {
		struct stat st;
		int r = stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)
			    ? anker_wwb_norms_add_directory(f->norms, paths[i], f->err)
			    : anker_wwb_norms_add_file(f->norms, paths[i], f->err);
		if (r < 0) {
			message("%s", anker_error_message(f->err));
			return ANKER_EXIT_DATA;
		}
	}
	return ANKER_EXIT_OK;
}

void norms_files_close(struct norms_files *f)
{
	anker_wwb_norms_unref(f->norms);
	anker_error_free(f->err);
	anker_ctx_unref(f->ctx);
}

static char *read_all(FILE *in, size_t *ret_size)
{
	size_t cap = 65536, size = 0;
	char *data = malloc(cap);
	while (data) {
		size_t n = fread(data + size, 1, cap - size, in);
		size += n;
		if (n == 0 || size > ANKER_WWB_MAX_BYTES)
			break;
		if (size == cap) {
			char *grown = realloc(data, cap * 2);
			if (!grown)
				free(data);
			data = grown;
			cap *= 2;
		}
	}
	if (data && ferror(in)) {
		free(data);
		return NULL;
	}
	*ret_size = size;
	return data;
}

char *norms_files_read_case(const char *path, size_t *ret_size)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *in = is_stdin ? stdin : fopen(path, "rb");
	if (!in) {
		message("%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	char *data = read_all(in, ret_size);
	if (!is_stdin)
		fclose(in);
	if (!data)
		message("%s: cannot read", path);
	return data;
}
