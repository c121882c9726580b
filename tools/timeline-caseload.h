/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `anker timeline --in`: a caseload's timelines, one CSV row per case. */
#ifndef ANKER_TOOLS_TIMELINE_CASELOAD_H
#define ANKER_TOOLS_TIMELINE_CASELOAD_H

#include <stdbool.h>

#include <anker/anker.h>

struct timeline_caseload_options {
	const char *in_path, *out_path, *id_column;
	bool progress, quiet;
};

/* Returns an enum anker_exit value; failures are reported with message(). */
int timeline_caseload_run(const struct timeline_caseload_options *opt, struct anker_ctx *ctx,
			  const struct anker_wwb_norms *norms, struct anker_error *err);

#endif
