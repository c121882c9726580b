/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The link between a CSV header and a model: which column is the id, which
 * columns feed which variables, and how a chunk of records becomes the typed
 * arrays bound to an anker_batch.
 */
#ifndef ANKER_TOOLS_CASE_COLUMNS_H
#define ANKER_TOOLS_CASE_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include <anker/anker.h>

#include "csv-reader.h"

struct bound_column {
	size_t column;	      /* 0-based position in the header */
	int kind;	      /* enum anker_variable_kind */
	double *numbers;      /* numeric and boolean variables; NaN is missing */
	const char **strings; /* categorical variables: pointers into the chunk; NULL is missing */
};

struct case_columns {
	long id_column; /* 0-based position, or -1: rows are numbered instead */
	struct bound_column *bound;
	size_t n_bound;
	size_t capacity; /* rows per chunk */
	const char *const
	    *na_texts; /* cells equal to one of these are missing, as are empty cells */
	size_t n_na_texts;
};

struct column_error {
	long line;   /* 1-based physical line */
	long column; /* 1-based position in the header, or 0 */
	char message[256];
};

struct case_columns_options {
	const char *id_column; /* NULL: "id" when the header has it */
	bool ignore_extra;     /* columns the model does not know are skipped, not an error */
	const char *const *na_texts;
	size_t n_na_texts;
	/* variables declared absent (--absent): missing for every case, no column */
	const char *const *absent;
	size_t n_absent;
	size_t capacity;
};

/*
 * Check the header against the model and bind one array per known column to @p batch.
 * @return 0, or -1 with @p err filled in (unknown or duplicate column, missing id column,
 * out of memory).
 */
int case_columns_setup(struct case_columns *cc, const struct csv_chunk *header,
		       const struct anker_model *model, struct anker_batch *batch,
		       const struct case_columns_options *options, struct column_error *err);

/*
 * Every variable needs a column or an absence declaration (options->absent), not
 * both, so that a misspelt column name fails before anything is written rather
 * than making the variable quietly missing for every case.
 * @return 0, or -1 with @p err naming the first variable without a column (and,
 * with options->ignore_extra, the ignored column nearest to it).
 */
int case_columns_check_variables(const struct case_columns *cc, const struct csv_chunk *header,
				 const struct anker_model *model,
				 const struct case_columns_options *options,
				 struct column_error *err);

/*
 * Parse every bound cell of @p chunk (at most capacity records) into the bound arrays.
 * The string pointers stay valid as long as the chunk's contents.
 * @return 0, or -1 with @p err naming the first bad cell.
 */
int case_columns_fill(struct case_columns *cc, const struct csv_chunk *chunk,
		      struct column_error *err);

void case_columns_free(struct case_columns *cc);

#endif
