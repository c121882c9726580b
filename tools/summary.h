/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The one line `anker score` ends a run with: how many rows, how fast, and how
 * many values the model did not use as given (missing, imputed, clamped), per
 * variable. Counts only: never a case value.
 */
#ifndef ANKER_TOOLS_SUMMARY_H
#define ANKER_TOOLS_SUMMARY_H

#include <stdint.h>
#include <stdio.h>

#include <anker/anker.h>

/*
 * Write "scored ROWS rows in S s (R rows/s)", then "; missing: VAR N (imputed), ..."
 * and "; clamped: VAR N, ..." for the variables whose counts are not zero, to
 * @p out without a line end. A variable whose missing values were partly imputed
 * says how many, "VAR N (M imputed)"; one whose missing values all went to the
 * explicit missing level has no remark.
 */
void summary_write(FILE *out, const struct anker_model *model, const struct anker_batch *batch,
		   uint64_t rows, double seconds);

#endif
