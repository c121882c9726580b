/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Typed values of the WWB files on top of the jr_* reader (model/load-json.h):
 * calendar dates, money in cents, small integers in a range. Same conventions:
 * 0 or a recorded negative code, outputs written only on success, an absent
 * optional key leaves the output untouched.
 */
#ifndef ANKER_WWB_JSON_VALUES_H
#define ANKER_WWB_JSON_VALUES_H

#include "../core/date.h"
#include "../model/load-private.h"

/*
 * Dates of the WWB files and households lie in 1900..2200, so that a birth
 * date plus a pension age, or a date plus any period, stays a 4-digit year.
 */
#define WWB_YEAR_MIN 1900
#define WWB_YEAR_MAX 2200
bool wwb_date_in_range(struct anker_date date);

/* A string "YYYY-MM-DD" that is a real date in WWB_YEAR_MIN..WWB_YEAR_MAX. *ret_present (may be
 * NULL) says whether it was there. */
int wwb_jr_date(struct jr *jr, json_t *obj, const char *key, bool required, struct anker_date *ret,
		bool *ret_present);

/* Parse the JSON text of a WWB file or household, refusing more than ANKER_WWB_MAX_BYTES. */
int wwb_parse_json(const char *data, size_t size, const char *file, struct anker_error *err,
		   json_t **ret);

/* Euros with at most two decimals, min_cents..WWB_CENTS_MAX, as cents. */
int wwb_jr_cents(struct jr *jr, json_t *obj, const char *key, bool required, long long min_cents,
		 long long *ret);

/* An integer in lo..hi. */
int wwb_jr_int(struct jr *jr, json_t *obj, const char *key, bool required, int lo, int hi,
	       int *ret);

/* true or false; absent leaves *ret untouched. */
int wwb_jr_bool(struct jr *jr, json_t *obj, const char *key, bool required, bool *ret);

#endif
