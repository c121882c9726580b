/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A whole caseload read into memory for `anker evaluate`: each case scored
 * with the model, its label columns (0/1 outcome, or time and event) and grouping values, and every
 * model variable's values (numbers, or level codes) for the population stability index.
 */
#ifndef ANKER_TOOLS_LABELLED_CASELOAD_H
#define ANKER_TOOLS_LABELLED_CASELOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <anker/anker.h>

/* The label columns a caseload can have: the outcome of a binary model, the
 * time and event of a duration model. */
enum label { LABEL_OUTCOME, LABEL_TIME, LABEL_EVENT, N_LABELS };

struct labelled_caseload {
	size_t n;
	size_t capacity; /* of every per-case array */
	double *probability;
	double *labels[N_LABELS]; /* NULL for a label column not asked for */
	char ***groups;		  /* per grouping column, n values; NULL for an empty cell */
	size_t n_groups;
	size_t n_variables; /* the model's */
	double **numbers;   /* per variable: numeric and boolean values, NaN when missing */
	int32_t **levels;   /* per variable: categorical level codes, -1 when missing */
};

struct labelled_options {
	const char *labels[N_LABELS]; /* column names; NULL: none (a reference caseload) */
	const char *score;	      /* the output to score: "probability" or another number */
	const char *const *groups;
	size_t n_groups;
	bool progress;
};

/*
 * Read and score @p path ("-" is standard input) with @p model. Bad input is
 * reported with message(), naming the file, line and column.
 * @return 0 or ANKER_EXIT_DATA.
 */
int labelled_caseload_read(const char *path, struct anker_model *model,
			   const struct labelled_options *options, struct labelled_caseload *out);

void labelled_caseload_free(struct labelled_caseload *c);

#endif
