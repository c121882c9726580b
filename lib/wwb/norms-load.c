/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reading the WWB data files (docs/wwb-toets.md): "anker-norms" tables of
 * norms or asset limits, and the "anker-pension-age" table. Validation is
 * strict: every key is known, every amount has at most two decimals, every
 * date exists, periods are ordered and do not overlap a table already loaded.
 */
#include <string.h>

#include "json-values.h"
#include "money.h"
#include "norms-private.h"

#define NORMS_FORMAT	 "anker-norms"
#define PENSION_FORMAT	 "anker-pension-age"
#define FORMAT_VERSION	 1
#define PENSION_ROWS_MAX 256

const char *const wwb_norm_names[WWB_N_NORMS] = {
    "single",
    "couple",
    "single_18_20",
    "couple_18_20",
    "couple_18_20_children",
    "couple_mixed",
    "couple_mixed_children",
    "single_pension",
    "couple_pension",
};

const char *const wwb_limit_names[WWB_N_LIMITS] = {"single", "family", "home_equity"};

enum table_kind { TABLE_NORMS, TABLE_ASSETS };

static const struct anker_name_value table_kinds[] = {
    {"norms", TABLE_NORMS},
    {"asset-limits", TABLE_ASSETS},
    {NULL, 0},
};

void wwb_source_free(struct anker_ctx *ctx, struct wwb_source *source)
{
	anker_dealloc(ctx, source->document);
	anker_dealloc(ctx, source->date);
	anker_dealloc(ctx, source->url);
	anker_dealloc(ctx, source->article);
}

static int copy_optional(struct jr *jr, json_t *obj, const char *key, bool required, char **ret)
{
	const char *s = NULL;
	int r = jr_string(jr, obj, key, required, &s);
	return r < 0 || !s ? r : jr_strdup(jr, s, ret);
}

static int load_source(struct jr *jr, json_t *root, struct wwb_source *source)
{
	static const char *const keys[] = {"document", "date", "url", "article", NULL};
	json_t *obj = NULL;
	int r = jr_object(jr, root, "source", true, &obj);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "source");
	struct anker_date date;
	r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = copy_optional(jr, obj, "document", true, &source->document);
	if (r == 0)
		r = wwb_jr_date(jr, obj, "date", true, &date, NULL);
	if (r == 0)
		r = copy_optional(jr, obj, "date", true, &source->date);
	if (r == 0)
		r = copy_optional(jr, obj, "url", false, &source->url);
	if (r == 0)
		r = copy_optional(jr, obj, "article", false, &source->article);
	jr_pop(jr, mark);
	return r;
}

static int load_period(struct jr *jr, json_t *root, struct wwb_period *period)
{
	int r = wwb_jr_date(jr, root, "valid_from", true, &period->from, NULL);
	if (r == 0)
		r = wwb_jr_date(jr, root, "valid_until", true, &period->until, NULL);
	if (r == 0 && anker_date_compare(period->until, period->from) < 0)
		r = jr_fail_at(jr, "valid_until", ANKER_E_ORDER, "before valid_from");
	if (r == 0)
		r = jr_strdup(jr, jr->file, &period->file);
	if (r == 0)
		r = load_source(jr, root, &period->source);
	return r;
}

/* An object whose keys are all from @p names, each an amount; at least one. */
static int load_amounts(struct jr *jr, json_t *root, const char *key, const char *const *names,
			size_t n, long long *amounts)
{
	json_t *obj = NULL;
	int r = jr_object(jr, root, key, true, &obj);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, key);
	const char *allowed[WWB_N_NORMS + 1];
	for (size_t i = 0; i < n; i++)
		allowed[i] = names[i];
	allowed[n] = NULL;
	r = jr_check_keys(jr, obj, allowed, NULL);
	if (r == 0 && json_object_size(obj) == 0)
		r = jr_fail(jr, ANKER_E_BAD_VALUE, "no amounts");
	for (size_t i = 0; r == 0 && i < n; i++) {
		amounts[i] = WWB_ABSENT;
		r = wwb_jr_cents(jr, obj, names[i], false, 1, &amounts[i]);
	}
	jr_pop(jr, mark);
	return r;
}

static int load_cost_sharing(struct jr *jr, json_t *root, struct wwb_norms_table *t)
{
	static const char *const keys[] = {"min_age", "carer_exempt", NULL};
	json_t *obj = NULL;
	int r = jr_object(jr, root, "cost_sharing", true, &obj);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "cost_sharing");
	r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = wwb_jr_int(jr, obj, "min_age", true, 18, 99, &t->cost_sharer_min_age);
	if (r == 0)
		r = wwb_jr_bool(jr, obj, "carer_exempt", true, &t->carer_exempt);
	jr_pop(jr, mark);
	return r;
}

static int load_disregard(struct jr *jr, json_t *root, struct wwb_norms_table *t)
{
	static const char *const keys[] = {"percent", "max", "months", NULL};
	json_t *obj = NULL;
	int r = jr_object(jr, root, "earnings_disregard", false, &obj);
	if (r < 0 || !obj)
		return r;
	struct jr_mark mark = jr_push_key(jr, "earnings_disregard");
	r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = wwb_jr_int(jr, obj, "percent", true, 1, 100, &t->disregard_percent);
	if (r == 0)
		r = wwb_jr_cents(jr, obj, "max", true, 1, &t->disregard_max);
	if (r == 0)
		r = wwb_jr_int(jr, obj, "months", true, 1, 120, &t->disregard_months);
	jr_pop(jr, mark);
	return r;
}

static int load_norms_table(struct jr *jr, json_t *root, struct wwb_norms_table *t)
{
	static const char *const keys[] = {
	    "format", "format_version", "table",	"valid_from",	      "valid_until",
	    "source", "norms",		"cost_sharing", "earnings_disregard", "youth_supplement",
	    NULL,
	};
	t->youth_supplement = WWB_ABSENT;
	int r = jr_check_keys(jr, root, keys, NULL);
	if (r == 0)
		r = load_period(jr, root, &t->period);
	if (r == 0)
		r = load_amounts(jr, root, "norms", wwb_norm_names, WWB_N_NORMS, t->norms);
	if (r == 0)
		r = load_cost_sharing(jr, root, t);
	if (r == 0)
		r = load_disregard(jr, root, t);
	if (r == 0)
		r = wwb_jr_cents(jr, root, "youth_supplement", false, 1, &t->youth_supplement);
	return r;
}

static int load_asset_table(struct jr *jr, json_t *root, struct wwb_asset_table *t)
{
	static const char *const keys[] = {
	    "format",
	    "format_version",
	    "table",
	    "valid_from",
	    "valid_until",
	    "source",
	    "limits",
	    "gifts_not_counted_per_year",
	    "assets_at_any_time",
	    NULL,
	};
	t->gifts_not_counted_per_year = WWB_ABSENT;
	int r = jr_check_keys(jr, root, keys, NULL);
	if (r == 0)
		r = wwb_jr_cents(jr, root, "gifts_not_counted_per_year", false, 0,
				 &t->gifts_not_counted_per_year);
	if (r == 0)
		r = wwb_jr_bool(jr, root, "assets_at_any_time", false, &t->assets_at_any_time);
	if (r == 0)
		r = load_period(jr, root, &t->period);
	if (r == 0)
		r = load_amounts(jr, root, "limits", wwb_limit_names, WWB_N_LIMITS, t->limits);
	for (size_t i = 0; r == 0 && i < WWB_N_LIMITS; i++)
		if (t->limits[i] == WWB_ABSENT)
			r = jr_fail_at(jr, "limits", ANKER_E_MISSING_KEY, "\"%s\" is required",
				       wwb_limit_names[i]);
	return r;
}

static bool overlaps(const struct wwb_period *a, const struct wwb_period *b)
{
	return anker_date_compare(a->from, b->until) <= 0 &&
	       anker_date_compare(b->from, a->until) <= 0;
}

/*
 * Where a period goes in a list sorted by valid_from; ANKER_E_DUPLICATE when it
 * overlaps one there. @p stride is the size of an element whose first member
 * is its struct wwb_period.
 */
static int insertion_point(struct jr *jr, const void *list, size_t n, size_t stride,
			   const struct wwb_period *period, size_t *ret)
{
	size_t at = n;
	for (size_t i = 0; i < n; i++) {
		const struct wwb_period *other =
		    (const struct wwb_period *)((const char *)list + i * stride);
		if (overlaps(period, other)) {
			char from[ANKER_DATE_TEXT_SIZE], until[ANKER_DATE_TEXT_SIZE];
			return jr_fail_at(jr, "valid_from", ANKER_E_DUPLICATE,
					  "overlaps the table of %s..%s in %s",
					  anker_date_format(other->from, from),
					  anker_date_format(other->until, until), other->file);
		}
		if (at == n && anker_date_compare(period->from, other->from) < 0)
			at = i;
	}
	*ret = at;
	return 0;
}

/* Insert @p element (stride bytes) at @p at into *list of *n, growing it. */
static int insert_element(struct jr *jr, void **list, size_t *n, size_t stride, size_t at,
			  const void *element)
{
	char *grown = anker_realloc_array(jr->ctx, *list, *n + 1, stride);
	if (!grown)
		return jr_fail_no_memory(jr);
	memmove(grown + (at + 1) * stride, grown + at * stride, (*n - at) * stride);
	memcpy(grown + at * stride, element, stride);
	*list = grown;
	(*n)++;
	return 0;
}

static void period_free(struct anker_ctx *ctx, struct wwb_period *period)
{
	anker_dealloc(ctx, period->file);
	wwb_source_free(ctx, &period->source);
}

/*
 * Put a loaded table (@p stride bytes, its struct wwb_period first) into its
 * sorted list, unless its period overlaps one there; on failure free its period.
 */
static int add_loaded(struct jr *jr, int r, void **list, size_t *n, size_t stride, void *table)
{
	struct wwb_period *period = table;
	size_t at = 0;
	if (r == 0)
		r = insertion_point(jr, *list, *n, stride, period, &at);
	if (r == 0)
		r = insert_element(jr, list, n, stride, at, table);
	if (r < 0)
		period_free(jr->ctx, period);
	return r;
}

static int add_table(struct jr *jr, json_t *root, struct anker_wwb_norms *norms)
{
	int kind = 0;
	int r = jr_choice(jr, root, "table", true, table_kinds, &kind);
	if (r < 0)
		return r;
	if (kind == TABLE_NORMS) {
		struct wwb_norms_table t = {0};
		r = load_norms_table(jr, root, &t);
		return add_loaded(jr, r, (void **)&norms->tables, &norms->n_tables, sizeof(t), &t);
	}
	struct wwb_asset_table t = {0};
	r = load_asset_table(jr, root, &t);
	return add_loaded(jr, r, (void **)&norms->asset_tables, &norms->n_asset_tables, sizeof(t),
			  &t);
}

/* {"years": Y, "months": M} as months. */
static int load_age(struct jr *jr, json_t *obj, const char *key, bool required, int *ret)
{
	static const char *const keys[] = {"years", "months", NULL};
	json_t *age = NULL;
	int r = jr_object(jr, obj, key, required, &age);
	if (r < 0 || !age)
		return r;
	struct jr_mark mark = jr_push_key(jr, key);
	int years = 0, months = 0;
	r = jr_check_keys(jr, age, keys, NULL);
	if (r == 0)
		r = wwb_jr_int(jr, age, "years", true, 60, 80, &years);
	if (r == 0)
		r = wwb_jr_int(jr, age, "months", true, 0, 11, &months);
	if (r == 0)
		*ret = years * 12 + months;
	jr_pop(jr, mark);
	return r;
}

static int load_pension_row(struct jr *jr, json_t *row, const struct wwb_pension_row *previous,
			    struct wwb_pension_row *out)
{
	static const char *const keys[] = {"born_from", "born_until", "age", NULL};
	int r = jr_check_object(jr, row);
	if (r == 0)
		r = jr_check_keys(jr, row, keys, NULL);
	if (r == 0)
		r = wwb_jr_date(jr, row, "born_from", true, &out->born_from, NULL);
	if (r == 0)
		r = wwb_jr_date(jr, row, "born_until", true, &out->born_until, NULL);
	if (r == 0 && anker_date_compare(out->born_until, out->born_from) < 0)
		r = jr_fail_at(jr, "born_until", ANKER_E_ORDER, "before born_from");
	if (r == 0 && previous &&
	    anker_date_to_days(out->born_from) != anker_date_to_days(previous->born_until) + 1)
		r = jr_fail_at(jr, "born_from", ANKER_E_ORDER,
			       "not the day after the previous row's born_until");
	if (r == 0)
		r = load_age(jr, row, "age", true, &out->months);
	return r;
}

static int load_pension_rows(struct jr *jr, json_t *root, struct wwb_pension_table *t)
{
	json_t *rows = NULL;
	int r = jr_array(jr, root, "rows", true, 1, PENSION_ROWS_MAX, &rows);
	if (r < 0)
		return r;
	size_t n = json_array_size(rows);
	t->rows = anker_alloc_array(jr->ctx, n, sizeof(*t->rows));
	if (!t->rows)
		return jr_fail_no_memory(jr);
	struct jr_mark outer = jr_push_key(jr, "rows");
	for (size_t i = 0; r == 0 && i < n; i++) {
		struct jr_mark mark = jr_push_index(jr, i);
		r = load_pension_row(jr, json_array_get(rows, i), i ? &t->rows[i - 1] : NULL,
				     &t->rows[i]);
		jr_pop(jr, mark);
		if (r == 0)
			t->n_rows++;
	}
	jr_pop(jr, outer);
	return r;
}

static void pension_free(struct anker_ctx *ctx, struct wwb_pension_table *t)
{
	if (!t)
		return;
	anker_dealloc(ctx, t->file);
	wwb_source_free(ctx, &t->source);
	anker_dealloc(ctx, t->rows);
	anker_dealloc(ctx, t);
}

static int add_pension(struct jr *jr, json_t *root, struct anker_wwb_norms *norms)
{
	static const char *const keys[] = {
	    "format", "format_version",	       "source",
	    "rows",   "later_births_at_least", "earlier_births_at_most",
	    NULL,
	};
	int r = jr_format(jr, root, PENSION_FORMAT, FORMAT_VERSION);
	if (r == 0)
		r = jr_check_keys(jr, root, keys, NULL);
	if (r == 0 && norms->pension)
		return jr_fail(jr, ANKER_E_DUPLICATE, "a pension-age table is already loaded (%s)",
			       norms->pension->file);
	if (r < 0)
		return r;
	struct wwb_pension_table *t = anker_alloc_zeroed(jr->ctx, 1, sizeof(*t));
	if (!t)
		return jr_fail_no_memory(jr);
	t->later_births_at_least = -1;
	t->earlier_births_at_most = -1;
	r = jr_strdup(jr, jr->file, &t->file);
	if (r == 0)
		r = load_source(jr, root, &t->source);
	if (r == 0)
		r = load_pension_rows(jr, root, t);
	if (r == 0)
		r = load_age(jr, root, "later_births_at_least", false, &t->later_births_at_least);
	if (r == 0)
		r = load_age(jr, root, "earlier_births_at_most", false, &t->earlier_births_at_most);
	if (r < 0) {
		pension_free(jr->ctx, t);
		return r;
	}
	norms->pension = t;
	return 0;
}

void wwb_pension_free(struct anker_ctx *ctx, struct wwb_pension_table *t)
{
	pension_free(ctx, t);
}

void wwb_period_free(struct anker_ctx *ctx, struct wwb_period *period)
{
	period_free(ctx, period);
}

int wwb_norms_add_json(struct anker_wwb_norms *norms, const char *data, size_t size,
		       const char *file, struct anker_error *err)
{
	json_t *root = NULL;
	int r = wwb_parse_json(data, size, file, err, &root);
	if (r < 0)
		return r;
	struct jr jr;
	jr_init(&jr, norms->ctx, err, file);
	if (!json_is_object(root)) {
		r = jr_fail(&jr, ANKER_E_WRONG_TYPE, "a norms file is a JSON object");
	} else {
		json_t *format = json_object_get(root, "format");
		if (json_is_string(format) &&
		    strcmp(json_string_value(format), PENSION_FORMAT) == 0) {
			r = add_pension(&jr, root, norms);
		} else {
			r = jr_format(&jr, root, NORMS_FORMAT, FORMAT_VERSION);
			if (r == 0)
				r = add_table(&jr, root, norms);
		}
	}
	json_decref(root);
	return r;
}
