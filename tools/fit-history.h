/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The history file of `anker fit`: every row of a CSV file read into columns
 * (the model's variables, the outcome, weights and times), with each row's
 * line for messages.
 */
#ifndef ANKER_TOOLS_FIT_HISTORY_H
#define ANKER_TOOLS_FIT_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <anker/anker.h>

#include "progress.h"

/* One column of the history, all rows. */
struct column {
	const char *name;
	size_t field; /* in the header */
	int kind;     /* enum anker_variable_kind, or -1 for outcome and weights */
	bool is_outcome, is_weights, is_time;
	size_t variable;
	double *numbers;
	int32_t *codes; /* categorical */
};

struct history {
	const char *path;
	struct column *cols;
	size_t n_cols;
	size_t n, cap;
	long *lines;
	struct progress progress;
};

/* The columns besides the model's variables (NULL: none). */
struct history_request {
	const char *outcome, *weights, *time;
	bool progress;
};

/* Read @p h->path; 0, or ANKER_EXIT_DATA after a message naming file, line and column. */
int history_read(struct history *h, const struct anker_model *model,
		 const struct history_request *req);

/* Free the columns (not @p h itself). */
void history_free(struct history *h);

/* "anker: FILE[:LINE[:COLUMN]] [(NAME)]: text" on standard error; returns ANKER_EXIT_DATA. */
int history_report(const struct history *h, long line, const struct column *col, const char *fmt,
		   ...) __attribute__((format(printf, 4, 5)));

/* The SHA-256 of the file at @p path, as 64 hex digits; 0 or -1. */
int history_sha256(const char *path, char hex[65]);

#endif
