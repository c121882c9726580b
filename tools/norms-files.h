/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the commands on the WWB rule files share: loading --norms paths (a
 * directory or a file each) and reading one JSON case whole.
 */
#ifndef ANKER_TOOLS_NORMS_FILES_H
#define ANKER_TOOLS_NORMS_FILES_H

#include <stdio.h>

#include <anker/anker.h>

/* What a command on the rule files works with. */
struct norms_files {
	struct anker_ctx *ctx;
	struct anker_error *err;
	struct anker_wwb_norms *norms;
};

/*
 * Create the context and error object and load every path of @p paths (a
 * directory or a file each) into a new set. ANKER_EXIT_OK or ANKER_EXIT_DATA
 * (with a message); call norms_files_close() either way.
 */
int norms_files_open(struct norms_files *f, const char *const *paths, size_t n_paths);

void norms_files_close(struct norms_files *f);

/*
 * The whole of @p path ("-" is standard input), up to ANKER_WWB_MAX_BYTES and
 * one byte more so that the library can refuse it; NULL (with a message) when
 * it cannot be read. Free with free().
 */
char *norms_files_read_case(const char *path, size_t *ret_size);

#endif
