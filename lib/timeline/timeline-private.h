/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The case timeline (include/anker/timeline.h): what one timeline holds, and
 * the steps that build it. docs/timeline.md is the normative description of
 * every rule; deadlines.c holds them as one table.
 */
#ifndef ANKER_TIMELINE_PRIVATE_H
#define ANKER_TIMELINE_PRIVATE_H

#include <anker/timeline.h>

#include "../core/date.h"
#include "../core/private.h"

/* Work history from the 18th year: fictive and actual years start then. */
#define TIMELINE_WORK_FROM_AGE 18
/* The duration in half months: 3..24 by art. 42, 3..38 when UWV's duration is given. */
#define TIMELINE_MIN_HALF_MONTHS       (3 * 2)
#define TIMELINE_MAX_HALF_MONTHS       (24 * 2)
#define TIMELINE_GIVEN_MAX_HALF_MONTHS (38 * 2)
/* Half a month, by this library's convention (no public source gives a day count). */
#define TIMELINE_HALF_MONTH_DAYS 15
/* Herfasering every 6 months within the WW: at most 38 / 6 of them. */
#define TIMELINE_MAX_REPHASINGS 6
#define TIMELINE_MAX_DEADLINES	32
#define TIMELINE_LABEL_SIZE	256
#define TIMELINE_RULE_SIZE	32

/* What a case gives; years are -1 when the duration is given instead. */
struct timeline_input {
	const char *ww_start, *birth_date;
	int years_before_2016, years_from_2016;
	int max_half_months; /* -1 when the work history is given */
};

struct timeline_deadline {
	char rule[TIMELINE_RULE_SIZE];
	struct anker_date date;
	char date_text[ANKER_DATE_TEXT_SIZE];
	char label[2][TIMELINE_LABEL_SIZE]; /* ANKER_WWB_DUTCH, ANKER_WWB_ENGLISH */
	const char *source;
};

struct anker_timeline {
	struct anker_ctx *ctx;
	struct anker_date ww_start, birth, ww_end, pension;
	char ww_start_text[ANKER_DATE_TEXT_SIZE], ww_end_text[ANKER_DATE_TEXT_SIZE];
	char ww_last_text[ANKER_DATE_TEXT_SIZE], pension_text[ANKER_DATE_TEXT_SIZE];
	int half_months;
	bool capped, pension_known;
	size_t n_deadlines;
	struct timeline_deadline deadlines[TIMELINE_MAX_DEADLINES];
};

/* Check @p in, compute the WW end and every deadline; errors cite @p file (may be NULL). */
int timeline_build(struct anker_ctx *ctx, const struct anker_wwb_norms *norms,
		   const struct timeline_input *in, const char *file, struct anker_error *err,
		   struct anker_timeline **ret);

/* The WW duration by WW art. 42, in half months, before the pension-age cap. */
int timeline_duration_half_months(int years_before_2016, int years_from_2016);

/* Fill in every deadline of @p t, whose dates and cap are set, in order of date. */
void timeline_add_deadlines(struct anker_timeline *t);

#endif
