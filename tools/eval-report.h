/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The readable text report and the JSON document of `anker evaluate`. */
#ifndef ANKER_TOOLS_EVAL_REPORT_H
#define ANKER_TOOLS_EVAL_REPORT_H

#include <stdio.h>

#include <anker/anker.h>
#include <jansson.h>

/* The population stability index of one variable, or of the score (variable -1). */
struct psi_row {
	const char *name;
	const char *kind; /* "numeric", "boolean", "categorical" or "score" */
	double psi;
	const char *bins; /* "model" (the model's bin edges), "deciles" or "levels" */
};

/* Harrell's C of a duration model (anker evaluate --time --event). */
struct duration_figures {
	size_t count, events;
	double c, c_horizon, horizon;
};

struct eval_report {
	const struct anker_model *model;
	const struct anker_evaluation *ev;	 /* NULL for a duration model */
	const struct duration_figures *duration; /* NULL for a binary model */
	const char *caseload_name;
	const char *reference_name; /* NULL without --reference */
	size_t reference_count;
	const struct psi_row *psi;
	size_t n_psi;
};

/* "stable" below 0.1, "moderate shift" below 0.25, else "major shift". */
const char *psi_reading(double psi);

void eval_report_text(FILE *out, const struct eval_report *r, double ratio_threshold);

/* The same figures as a JSON object (NaN is null). NULL when out of memory. */
json_t *eval_report_json(const struct eval_report *r);

#endif
