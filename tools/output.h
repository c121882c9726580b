/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Writing scored rows as CSV or as one streamed JSON array.
 */
#ifndef ANKER_TOOLS_OUTPUT_H
#define ANKER_TOOLS_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <anker/anker.h>

enum output_format {
	OUTPUT_CSV,
	OUTPUT_JSON,
};

/*
 * One named output of the model (anker_model_get_output_name()), in the
 * model's declared order, and the arrays the batch writes a chunk of it to.
 */
struct output_values {
	size_t index; /* the output's index in the model (unless name is set) */
	const char *name; /* NULL: the model's output; else a column of the caller's own */
	int type;     /* enum anker_output_type */
	double *numbers; /* ANKER_OUTPUT_NUMBER: one entry per case of the chunk */
	int32_t *levels; /* ANKER_OUTPUT_LEVEL: one level index per case, -1 when undefined */
};

/* What output_begin() prepares for one output (output.c). */
struct output_text;

struct output {
	FILE *stream;
	enum output_format format;
	const struct anker_model *model;
	/* the columns after the id: every output of the model, in its order */
	const struct output_values *values;
	size_t n_values;
	bool explain; /* write one contribution per term */
	bool hazard_ratios; /* with explain: also exp(contribution) per term (duration models) */
	bool flags;   /* write what the model did to each case's values */
	/* number text: format_double() or format_double_shortest() (format.h) */
	const char *(*number)(double value, char *buf);
	/* JSON: the run's metadata around the cases (run-meta.h) */
	const struct anker_batch *batch;
	const char *const *absent;
	size_t n_absent;
	uint64_t rows;
	/* JSON: the escaped "term": prefixes, made once rather than per row */
	char *term_keys;
	size_t *term_key_offsets;
	/* n_values entries: the keys and level texts, made once rather than per row */
	struct output_text *text;
};

/* One scored row. A NULL id means the row is identified by its 1-based number. */
struct output_row {
	const char *id;
	size_t id_len;
	uint64_t row_number;
	size_t index; /* the case's index in the chunk, into every output_values array */
	unsigned int flags;	     /* enum anker_value_flags; only read with flags */
	const double *contributions; /* term count entries; only read with explain */
};

/*
 * Write the CSV header (id, each output in the model's order: a number output
 * as its number, a level output as its level's name followed by the column
 * <output>_label with the level's label; then flags, then contrib.<term>, then
 * with hazard_ratios hr.<term>) or
 * the opening of the JSON array (whose cases have the same outputs by name).
 * Returns 0, or -1 when out of memory.
 */
int output_begin(struct output *o);
void output_write_row(struct output *o, const struct output_row *row);
/*
 * Close the JSON array and write the counts after it (they are known only at
 * the end, and the cases are streamed); release what output_begin() allocated.
 */
void output_end(struct output *o);
/* Release what output_begin() allocated, without writing (after a failure). */
void output_free(struct output *o);

#endif
