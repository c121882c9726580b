/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "command.h"
#include "norms-files.h"

int norms_files_load(const char *const *paths, size_t n_paths, struct anker_ctx *ctx,
		     struct anker_error *err, struct anker_wwb_norms **ret)
{
	if (anker_wwb_norms_new(ctx, ret) < 0) {
		message("out of memory");
		return ANKER_EXIT_DATA;
	}
	for (size_t i = 0; i < n_paths; i++) {
		struct stat st;
		int r = stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)
			    ? anker_wwb_norms_add_directory(*ret, paths[i], err)
			    : anker_wwb_norms_add_file(*ret, paths[i], err);
		if (r < 0) {
			message("%s", anker_error_message(err));
			return ANKER_EXIT_DATA;
		}
	}
	return ANKER_EXIT_OK;
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
