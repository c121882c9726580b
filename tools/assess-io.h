/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `anker assess`'s inputs: a case and a decision as JSON objects, and the
 * columns of a CSV caseload turned into cases for a profile. Errors are
 * reported (command.h message()) and never quote a value: they are personal
 * data.
 */
#ifndef ANKER_TOOLS_ASSESS_IO_H
#define ANKER_TOOLS_ASSESS_IO_H

#include <stdbool.h>

#include <anker/anker.h>

#include "csv-reader.h"

/*
 * A context, an error object and the profile at @p path, for `anker assess`
 * and `anker verify`; 0, or -1 (reported, and whatever was made freed).
 */
int assess_open_profile(const char *path, struct anker_ctx **ctx, struct anker_error **err,
			struct anker_profile **profile);

/* Set @p c from a JSON object of names and values; 0 or -1 (reported). */
int assess_read_case_json(const char *path, struct anker_case *c, struct anker_error *err);

/*
 * Apply the decision in the JSON object at @p path; with @p now, the current
 * UTC time stands in for a missing "time". 0 or -1 (reported).
 */
int assess_read_decision(const char *path, bool now, struct anker_assessment *a,
			 struct anker_error *err);

struct assess_column {
	size_t column; /* in the header */
	const char *name;
	int kind; /* enum anker_variable_kind */
};

struct assess_columns {
	struct assess_column *items;
	size_t count;
	long id_column; /* or -1 */
};

/*
 * Which columns are which variables of the profile's instruments; a column no
 * instrument reads is an error unless @p ignore_extra. 0 or -1 (reported).
 */
int assess_columns_setup(struct assess_columns *cols, const struct csv_chunk *header,
			 const struct anker_profile *p, const char *id_column, bool ignore_extra,
			 const char *file);

/* Set @p c (cleared first) from row @p row of @p chunk. 0 or -1 (reported). */
int assess_columns_fill(const struct assess_columns *cols, const struct csv_chunk *chunk,
			size_t row, struct anker_case *c, const char *file);

void assess_columns_free(struct assess_columns *cols);

#endif
