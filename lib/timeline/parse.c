/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A timeline case from JSON or from the flat fields of a caseload row
 * (docs/timeline.md, "A case"). A row is turned into the JSON object and read
 * by the one JSON reader, so that both are checked alike.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../wwb/json-values.h"
#include "timeline-private.h"

/* Far outside every valid count, so that a long long fits an int before the range check. */
#define YEARS_LIMIT 100000

static const char *const field_names[] = {
    "ww_start", "birth_date", "years_before_2016", "years_from_2016", "max_months", NULL,
};
#define N_FIELDS (sizeof(field_names) / sizeof(field_names[0]) - 1)

ANKER_EXPORT const char *anker_timeline_field_name(size_t index)
{
	return index < N_FIELDS ? field_names[index] : NULL;
}

static int read_years(struct jr *jr, json_t *root, const char *key, int *ret)
{
	long long years = 0;
	int r = jr_integer(jr, root, key, true, &years);
	if (r < 0)
		return r;
	if (years < -YEARS_LIMIT || years > YEARS_LIMIT)
		return jr_fail_at(jr, key, ANKER_E_OUT_OF_RANGE, "not a number of years");
	*ret = (int)years;
	return 0;
}

static int read_max_months(struct jr *jr, json_t *root, int *ret_half_months)
{
	double months = 0;
	int r = jr_number(jr, root, "max_months", true, &months);
	if (r < 0)
		return r;
	double twice = months * 2;
	if (!(twice == floor(twice) && twice >= TIMELINE_MIN_HALF_MONTHS &&
	      twice <= TIMELINE_GIVEN_MAX_HALF_MONTHS))
		return jr_fail_at(jr, "max_months", ANKER_E_OUT_OF_RANGE,
				  "must be 3 to 38 months, whole or half");
	*ret_half_months = (int)twice;
	return 0;
}

static int from_json(struct anker_ctx *ctx, const struct anker_wwb_norms *norms, json_t *root,
		     const char *file, struct anker_error *err, struct anker_timeline **ret)
{
	struct jr jr;
	jr_init(&jr, ctx, err, file);
	struct timeline_input in = {NULL, NULL, -1, -1, -1};
	int r = jr_check_object(&jr, root);
	if (r == 0)
		r = jr_check_keys(&jr, root, field_names, NULL);
	if (r == 0)
		r = jr_string(&jr, root, "ww_start", true, &in.ww_start);
	if (r == 0)
		r = jr_string(&jr, root, "birth_date", true, &in.birth_date);
	if (r < 0)
		return r;
	bool given = json_object_get(root, "max_months") != NULL;
	bool history =
	    json_object_get(root, "years_before_2016") || json_object_get(root, "years_from_2016");
	if (given && history)
		return jr_fail_at(&jr, "max_months", ANKER_E_BAD_VALUE,
				  "give either the work history (years_before_2016 and "
				  "years_from_2016) or max_months, not both");
	if (given) {
		r = read_max_months(&jr, root, &in.max_half_months);
	} else {
		r = read_years(&jr, root, "years_before_2016", &in.years_before_2016);
		if (r == 0)
			r = read_years(&jr, root, "years_from_2016", &in.years_from_2016);
	}
	return r < 0 ? r : timeline_build(ctx, norms, &in, file, err, ret);
}

ANKER_EXPORT int anker_timeline_parse(struct anker_ctx *ctx, const struct anker_wwb_norms *norms,
				      const char *json, size_t size, const char *source_name,
				      struct anker_error *err, struct anker_timeline **ret)
{
	if (!ctx || !norms || !json || !ret)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_timeline_parse: ctx, norms, json and ret are required");
	const char *file = source_name ? source_name : "<case>";
	json_t *root = NULL;
	int r = wwb_parse_json(json, size, file, err, &root);
	if (r < 0)
		return r;
	r = from_json(ctx, norms, root, file, err, ret);
	json_decref(root);
	return r;
}

static int field_fail(struct anker_error *err, int code, const char *field, const char *message)
{
	struct anker_where where = ANKER_WHERE_NONE;
	where.field = field;
	return anker_fail(err, code, where, "%s", message);
}

/* A whole number: an optional '-' and 1 to 6 digits. */
static json_t *integer_value(const char *text)
{
	const char *p = text + (text[0] == '-');
	size_t n = strspn(p, "0123456789");
	if (n == 0 || n > 6 || p[n] != '\0')
		return NULL;
	return json_integer(strtol(text, NULL, 10));
}

/* Months as digits with an optional ".5" or ".0" (only whole and half months exist). */
static json_t *months_value(const char *text)
{
	size_t n = strspn(text, "0123456789");
	if (n == 0 || n > 3)
		return NULL;
	bool half = strcmp(text + n, ".5") == 0;
	if (text[n] != '\0' && !half && strcmp(text + n, ".0") != 0)
		return NULL;
	return json_real((double)strtol(text, NULL, 10) + (half ? 0.5 : 0.0));
}

static bool is_field(const char *name)
{
	for (size_t k = 0; k < N_FIELDS; k++)
		if (strcmp(name, field_names[k]) == 0)
			return true;
	return false;
}

static int add_field(json_t *root, const char *name, const char *text, struct anker_error *err)
{
	json_t *value;
	if (strcmp(name, "max_months") == 0)
		value = months_value(text);
	else if (strncmp(name, "years_", 6) == 0)
		value = integer_value(text);
	else
		value = json_string(text);
	if (!value)
		return field_fail(err, ANKER_E_BAD_VALUE, name,
				  strcmp(name, "max_months") == 0
				      ? "not a number of months (whole, or with .5)"
				      : (strncmp(name, "years_", 6) == 0 ? "not a whole number"
									 : "not valid text"));
	if (json_object_get(root, name)) {
		json_decref(value);
		return field_fail(err, ANKER_E_DUPLICATE, name, "given twice");
	}
	if (json_object_set_new(root, name, value) < 0)
		return field_fail(err, ANKER_E_NO_MEMORY, name, "out of memory");
	return 0;
}

ANKER_EXPORT int anker_timeline_from_fields(struct anker_ctx *ctx,
					    const struct anker_wwb_norms *norms,
					    const char *const *names, const char *const *values,
					    size_t count, struct anker_error *err,
					    struct anker_timeline **ret)
{
	if (!ctx || !norms || (count && (!names || !values)) || !ret)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_timeline_from_fields: ctx, norms, names, values and ret "
				  "are required");
	json_t *root = json_object();
	if (!root)
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	int r = 0;
	for (size_t i = 0; r == 0 && i < count; i++) {
		if (!names[i] || !values[i])
			r = anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				       "field %zu: a NULL name or value", i);
		else if (!is_field(names[i]))
			r = field_fail(err, ANKER_E_UNKNOWN_KEY, names[i], "is no timeline field");
		else if (values[i][0] != '\0')
			r = add_field(root, names[i], values[i], err);
	}
	if (r == 0)
		r = from_json(ctx, norms, root, NULL, err, ret);
	json_decref(root);
	return r;
}
