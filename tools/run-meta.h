/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Which model scored a run, and what it did to the values: the members
 * "model", "absent", "rows" and "counts" of the JSON output, and of the
 * sidecar file OUT.meta.json next to CSV output. No case values, only counts.
 */
#ifndef ANKER_TOOLS_RUN_META_H
#define ANKER_TOOLS_RUN_META_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <anker/anker.h>

/*
 * Write `"model": {"id", "name", "version", "sha256"}, "absent": [NAME, ...]`
 * (the variables declared absent, in the order given), without braces around.
 */
void run_meta_write_model(FILE *out, const struct anker_model *model, const char *const *absent,
			  size_t n_absent);

/*
 * Write `"rows": N, "counts": {VAR: {"missing", "imputed", "clamped"}, ...}`
 * with every variable in model order (anker_batch_get_counts()).
 */
void run_meta_write_counts(FILE *out, const struct anker_model *model,
			   const struct anker_batch *batch, uint64_t rows);

#endif
