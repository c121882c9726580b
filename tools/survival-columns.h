/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * anker score --horizons and --given-months: the caller's survival queries on
 * a duration model, parsed from the command line, named as columns
 * (survival_9, survival_18_given_7) and bound to a batch
 * (anker_batch_bind_survival()).
 */
#ifndef ANKER_TOOLS_SURVIVAL_COLUMNS_H
#define ANKER_TOOLS_SURVIVAL_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include <anker/anker.h>

#include "output.h"

/* "survival_", "_given_", two numbers of up to 31 bytes and a NUL */
#define SURVIVAL_COLUMN_MAX 96

struct survival_columns {
	double months[ANKER_BATCH_SURVIVAL_MAX];
	size_t n;
	bool have_horizons; /* --horizons was given */
	double given;	    /* --given-months, 0 when not given */
	bool have_given;
	char names[ANKER_BATCH_SURVIVAL_MAX][SURVIVAL_COLUMN_MAX];
};

/*
 * Parse --horizons LIST (numbers separated by commas) or --given-months S
 * into @p sc. Returns NULL, or a message for a usage error (a static string
 * or @p why).
 */
const char *survival_columns_parse_horizons(struct survival_columns *sc, const char *list,
					    char *why, size_t why_size);
const char *survival_columns_parse_given(struct survival_columns *sc, const char *text);

/*
 * With --given-months and no --horizons: the model's own horizons at or
 * after it. Then name every column, dropping a horizon given twice and one
 * that is already an output of the model (survival_H without --given-months),
 * so that no column appears twice. Returns 0, or -1 with a message in @p why
 * (the model is no duration model, or a horizon is out of its range).
 */
int survival_columns_prepare(struct survival_columns *sc, const struct anker_model *model,
			     char *why, size_t why_size);

/*
 * Bind each query's chunk array (@p values[i], one per query) to @p batch, and
 * describe it as a column @p out[i] after the model's outputs.
 */
int survival_columns_bind(const struct survival_columns *sc, struct anker_batch *batch,
			  double *const *values, struct output_values *out);

#endif
