/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `anker werkverkenner --in`: a whole intake from CSV, one result row per
 * client (wv-outcome.h), to standard output or atomically to a file, with
 * progress; the first bad row stops the run naming file and line.
 */
#ifndef ANKER_TOOLS_WV_INTAKE_H
#define ANKER_TOOLS_WV_INTAKE_H

#include <stdbool.h>
#include <stddef.h>

#include <anker/anker.h>

struct wv_intake_options {
	const char *in_path, *out_path, *id_column, *lang;
	size_t top;
	bool progress;
};

/* Assess the intake with the chained estimate @p estimate; an enum anker_exit value. */
int wv_run_intake(const struct wv_intake_options *o, const struct anker_profile *p, size_t estimate,
		  struct anker_ctx *ctx, struct anker_error *err);

#endif
