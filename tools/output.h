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

struct output {
	FILE *stream;
	enum output_format format;
	const struct anker_model *model;
	bool explain; /* write one contribution per term */
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
};

/* One scored row. A NULL id means the row is identified by its 1-based number. */
struct output_row {
	const char *id;
	size_t id_len;
	uint64_t row_number;
	double probability;
	double linear_predictor;
	int band;
	unsigned int flags;	     /* enum anker_value_flags; only read with flags */
	const double *contributions; /* term count entries; only read with explain */
};

/* Write the CSV header or the opening of the JSON array. Returns 0, or -1 when out of memory. */
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
