/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Checking a case and computing its WW end: the duration, then the cap at
 * the day the client reaches pension age (WW art. 19(1)(f)). The deadlines
 * are added by deadlines.c.
 */
#include <math.h>
#include <string.h>

#include "../wwb/json-values.h"
#include "../wwb/norms-private.h"
#include "timeline-private.h"

/* The 24-month maximum of art. 42 holds in full for a WW from this day. */
static const struct anker_date full_cap_from = {2019, 4, 1};

static int fail_field(struct anker_error *err, int code, const char *file, const char *field,
		      const char *message)
{
	struct anker_where where = ANKER_WHERE_NONE;
	where.file = file;
	where.field = field;
	return anker_fail(err, code, where, "%s", message);
}

static int parse_date(const char *text, const char *field, const char *file,
		      struct anker_error *err, struct anker_date *ret)
{
	if (!text)
		return fail_field(err, ANKER_E_MISSING_KEY, file, field, "is required");
	if (!anker_date_parse(text, ret) || !wwb_date_in_range(*ret))
		return fail_field(err, ANKER_E_BAD_VALUE, file, field,
				  "not a calendar date YYYY-MM-DD in the years 1900..2200");
	return 0;
}

static int check_years(const struct timeline_input *in, struct anker_date start,
		       struct anker_date birth, const char *file, struct anker_error *err)
{
	int max_before = 2016 - (birth.year + TIMELINE_WORK_FROM_AGE);
	int max_from = start.year - 2016;
	if (in->years_before_2016 < 0 || in->years_before_2016 > (max_before > 0 ? max_before : 0))
		return fail_field(err, ANKER_E_OUT_OF_RANGE, file, "years_before_2016",
				  "must be 0 up to the calendar years from the year the client "
				  "turned 18 to 2015");
	if (in->years_from_2016 < 0 || in->years_from_2016 > (max_from > 0 ? max_from : 0))
		return fail_field(err, ANKER_E_OUT_OF_RANGE, file, "years_from_2016",
				  "must be 0 up to the calendar years from 2016 to the year "
				  "before the WW starts");
	if (anker_date_compare(start, full_cap_from) < 0)
		return fail_field(err, ANKER_E_OUT_OF_RANGE, file, "ww_start",
				  "before 2019-04-01 the maximum duration was being phased in "
				  "from 38 to 24 months: give max_months from UWV's decision");
	return 0;
}

/* The duration in half months from either the work history or the given maximum. */
static int duration(const struct timeline_input *in, struct anker_date start,
		    struct anker_date birth, const char *file, struct anker_error *err, int *ret)
{
	if (in->max_half_months >= 0) {
		if (in->max_half_months < TIMELINE_MIN_HALF_MONTHS ||
		    in->max_half_months > TIMELINE_GIVEN_MAX_HALF_MONTHS)
			return fail_field(err, ANKER_E_OUT_OF_RANGE, file, "max_months",
					  "must be 3 to 38 months, whole or half");
		*ret = in->max_half_months;
		return 0;
	}
	int r = check_years(in, start, birth, file, err);
	if (r == 0)
		*ret = timeline_duration_half_months(in->years_before_2016, in->years_from_2016);
	return r;
}

/* The WW end without the cap: whole months first, then half a month as 15 days. */
static struct anker_date add_half_months(struct anker_date d, int half_months)
{
	d = anker_date_add_months(d, half_months / 2);
	return half_months % 2 ? anker_date_add_days(d, TIMELINE_HALF_MONTH_DAYS) : d;
}

static int cap_at_pension(const struct anker_wwb_norms *norms, struct anker_timeline *t,
			  const char *file, struct anker_error *err)
{
	struct anker_date last_day = anker_date_add_days(t->ww_end, -1);
	bool known = false;
	enum wwb_pension_state state =
	    wwb_pension_state(norms, t->birth, last_day, &t->pension, &known);
	t->pension_known = known;
	if (known && anker_date_compare(t->pension, t->ww_start) <= 0)
		return fail_field(err, ANKER_E_OUT_OF_RANGE, file, "birth_date",
				  "the client has reached pension age on the WW start: no WW "
				  "(WW art. 19(1)(f))");
	if (known && anker_date_compare(t->pension, t->ww_end) < 0) {
		t->ww_end = t->pension;
		t->capped = true;
	}
	if (!known && state != WWB_PENSION_NOT_REACHED)
		return fail_field(err, ANKER_E_NOT_FOUND, file, "birth_date",
				  "the pension-age table has no row for this date of birth, and "
				  "the WW may last until pension age");
	return 0;
}

int timeline_build(struct anker_ctx *ctx, const struct anker_wwb_norms *norms,
		   const struct timeline_input *in, const char *file, struct anker_error *err,
		   struct anker_timeline **ret)
{
	if (!ctx || !norms || !ret)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "ctx, norms and ret are required");
	struct anker_date start, birth;
	int r = parse_date(in->ww_start, "ww_start", file, err, &start);
	if (r == 0)
		r = parse_date(in->birth_date, "birth_date", file, err, &birth);
	if (r < 0)
		return r;
	if (anker_date_compare(birth, start) > 0)
		return fail_field(err, ANKER_E_BAD_VALUE, file, "birth_date", "after the WW start");
	int half_months = 0;
	r = duration(in, start, birth, file, err, &half_months);
	if (r < 0)
		return r;
	struct anker_timeline *t = anker_alloc_zeroed(ctx, 1, sizeof(*t));
	if (!t)
		return fail_field(err, ANKER_E_NO_MEMORY, file, NULL, "out of memory");
	t->ww_start = start;
	t->birth = birth;
	t->half_months = half_months;
	t->ww_end = add_half_months(start, half_months);
	r = cap_at_pension(norms, t, file, err);
	if (r < 0) {
		anker_dealloc(ctx, t);
		return r;
	}
	t->ctx = anker_ctx_ref(ctx);
	anker_date_format(t->ww_start, t->ww_start_text);
	anker_date_format(t->ww_end, t->ww_end_text);
	anker_date_format(anker_date_add_days(t->ww_end, -1), t->ww_last_text);
	if (t->pension_known)
		anker_date_format(t->pension, t->pension_text);
	timeline_add_deadlines(t);
	*ret = t;
	anker_error_clear(err);
	return 0;
}

ANKER_EXPORT int anker_timeline_new(struct anker_ctx *ctx, const struct anker_wwb_norms *norms,
				    const char *ww_start, const char *birth_date,
				    int years_before_2016, int years_from_2016,
				    struct anker_error *err, struct anker_timeline **ret)
{
	struct timeline_input in = {ww_start, birth_date, years_before_2016, years_from_2016, -1};
	return timeline_build(ctx, norms, &in, NULL, err, ret);
}

ANKER_EXPORT int anker_timeline_new_max_months(struct anker_ctx *ctx,
					       const struct anker_wwb_norms *norms,
					       const char *ww_start, const char *birth_date,
					       double max_months, struct anker_error *err,
					       struct anker_timeline **ret)
{
	/* Only whole and half months: anything else (and NaN) is out of range. */
	double twice = max_months * 2;
	bool ok = isfinite(twice) && twice == floor(twice) && twice >= 0 &&
		  twice <= TIMELINE_GIVEN_MAX_HALF_MONTHS;
	struct timeline_input in = {ww_start, birth_date, -1, -1, ok ? (int)twice : 0};
	return timeline_build(ctx, norms, &in, NULL, err, ret);
}

ANKER_EXPORT void anker_timeline_free(struct anker_timeline *t)
{
	if (!t)
		return;
	struct anker_ctx *ctx = t->ctx;
	anker_dealloc(ctx, t);
	anker_ctx_unref(ctx);
}
