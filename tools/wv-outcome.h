/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `anker werkverkenner`'s view of one assessment: the chance and band of the
 * profile's chained binary instrument (or "not completed" with the missing
 * answers), the advice fields, the factor diagnosis and the month-7
 * re-estimate, in one language; and the ways it is printed (text, CSV
 * row, HTML page in wv-html.c).
 */
#ifndef ANKER_TOOLS_WV_OUTCOME_H
#define ANKER_TOOLS_WV_OUTCOME_H

#include <stdbool.h>
#include <stdio.h>

#include <anker/anker.h>

#define WV_MAX_FACTORS 64
#define WV_MAX_MISSING 256
#define WV_MAX_FIELDS  32

struct wv_factor {
	char name[72];	   /* the scale's name */
	const char *label; /* the scale's label */
	const char *say;   /* what a coach can say */
	double score, pull;
	int type; /* enum anker_factor_type */
};

struct wv_field {
	const char *name, *label, *value, *value_label;
};

struct wv_outcome {
	const char *lang;
	const struct anker_profile *profile;
	const struct anker_assessment *assessment;
	size_t estimate; /* the chained binary instrument */
	bool completed;
	double chance;
	const char *band, *band_label;
	const char *missing[WV_MAX_MISSING]; /* item names */
	const char *missing_text[WV_MAX_MISSING];
	size_t n_missing;
	struct wv_factor factors[WV_MAX_FACTORS]; /* every factor, largest pull first */
	size_t n_factors;
	struct wv_field fields[WV_MAX_FIELDS]; /* the advice fields */
	size_t n_fields;
	const char *rule, *reason;
	bool has_followup;
	struct anker_followup followup;
	const char *first_band_label, *followup_band_label;
};

/* The profile's chained binary instrument; false (reported) when there is none. */
bool wv_find_estimate(const struct anker_profile *p, size_t *ret);

/* Fill @p o from assessment @p a in @p lang. */
void wv_outcome_get(const struct anker_profile *p, size_t estimate,
		    const struct anker_assessment *a, const char *lang, struct wv_outcome *o);

/* The readable summary on @p out, with at most @p top factors. */
void wv_print_text(FILE *out, const struct wv_outcome *o, size_t top);

/* The CSV header and one row (wv-outcome.c). */
void wv_print_csv_header(FILE *out, const struct wv_outcome *o, bool with_id, size_t top,
			 bool followup);
void wv_print_csv_row(FILE *out, const struct wv_outcome *o, const char *id, size_t top,
		      bool followup);

/* The self-contained HTML page (wv-html.c). */
void wv_print_html(FILE *out, const struct wv_outcome *o, size_t top);

#endif
