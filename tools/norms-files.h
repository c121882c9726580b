/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the commands on the WWB rule files share: loading --norms paths (a
 * directory or a file each) and reading one JSON case whole.
 */
#ifndef ANKER_TOOLS_NORMS_FILES_H
#define ANKER_TOOLS_NORMS_FILES_H

#include <stdio.h>

#include <anker/anker.h>

/* Load every path of @p paths into a new set; ANKER_EXIT_OK or ANKER_EXIT_DATA (with a message). */
int norms_files_load(const char *const *paths, size_t n_paths, struct anker_ctx *ctx,
		     struct anker_error *err, struct anker_wwb_norms **ret);

/*
 * The whole of @p path ("-" is standard input), up to ANKER_WWB_MAX_BYTES and
 * one byte more so that the library can refuse it; NULL (with a message) when
 * it cannot be read. Free with free().
 */
char *norms_files_read_case(const char *path, size_t *ret_size);

#endif
