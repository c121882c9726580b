/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The set of WWB rules: loading files into it, and finding what is in force
 * on a date. A date outside every period is an error that names the nearest
 * periods; it never falls back on the nearest table.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "json-values.h"
#include "money.h"
#include "norms-private.h"

ANKER_EXPORT int anker_wwb_norms_new(struct anker_ctx *ctx, struct anker_wwb_norms **ret)
{
	if (!ctx || !ret)
		return ANKER_E_INVALID_ARGUMENT;
	struct anker_wwb_norms *norms = anker_alloc_zeroed(ctx, 1, sizeof(*norms));
	if (!norms)
		return ANKER_E_NO_MEMORY;
	atomic_init(&norms->refcount, 1);
	norms->ctx = anker_ctx_ref(ctx);
	*ret = norms;
	return 0;
}

ANKER_EXPORT struct anker_wwb_norms *anker_wwb_norms_ref(struct anker_wwb_norms *norms)
{
	if (norms)
		anker_refcount_inc(&norms->refcount);
	return norms;
}

ANKER_EXPORT struct anker_wwb_norms *anker_wwb_norms_unref(struct anker_wwb_norms *norms)
{
	if (!norms || !anker_refcount_dec(&norms->refcount))
		return NULL;
	struct anker_ctx *ctx = norms->ctx;
	for (size_t i = 0; i < norms->n_tables; i++)
		wwb_period_free(ctx, &norms->tables[i].period);
	for (size_t i = 0; i < norms->n_asset_tables; i++)
		wwb_period_free(ctx, &norms->asset_tables[i].period);
	anker_dealloc(ctx, norms->tables);
	anker_dealloc(ctx, norms->asset_tables);
	wwb_pension_free(ctx, norms->pension);
	anker_dealloc(ctx, norms);
	anker_ctx_unref(ctx);
	return NULL;
}

ANKER_EXPORT int anker_wwb_norms_add_buffer(struct anker_wwb_norms *norms, const char *data,
					    size_t size, const char *source_name,
					    struct anker_error *err)
{
	if (!norms || !data)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_wwb_norms_add_buffer: norms and data are required");
	int r = wwb_norms_add_json(norms, data, size, source_name ? source_name : "<buffer>", err);
	if (r == 0)
		anker_error_clear(err);
	return r;
}

ANKER_EXPORT int anker_wwb_norms_add_file(struct anker_wwb_norms *norms, const char *path,
					  struct anker_error *err)
{
	if (!norms || !path)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_wwb_norms_add_file: norms and path are required");
	char *data = NULL;
	size_t size = 0;
	int r = anker_read_path(norms->ctx, path, ANKER_WWB_MAX_BYTES, err, &data, &size);
	if (r < 0)
		return r;
	r = wwb_norms_add_json(norms, data, size, path, err);
	anker_dealloc(norms->ctx, data);
	if (r == 0)
		anker_error_clear(err);
	return r;
}

static bool is_json_name(const char *name)
{
	size_t len = strlen(name);
	return name[0] != '.' && len > 5 && strcmp(name + len - 5, ".json") == 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.json names in @p dir, sorted, in context memory. */
static int list_json_files(struct anker_ctx *ctx, DIR *dir, char ***ret, size_t *ret_n)
{
	char **names = NULL;
	size_t n = 0;
	struct dirent *entry;
	int r = 0;
	while (r == 0 && (entry = readdir(dir))) {
		if (!is_json_name(entry->d_name))
			continue;
		char **grown = anker_realloc_array(ctx, names, n + 1, sizeof(*names));
		char *copy = anker_strdup(ctx, entry->d_name);
		if (grown)
			names = grown;
		if (!grown || !copy) {
			anker_dealloc(ctx, copy);
			r = ANKER_E_NO_MEMORY;
			break;
		}
		names[n++] = copy;
	}
	if (r == 0)
		qsort(names, n, sizeof(*names), compare_names);
	*ret = names;
	*ret_n = n;
	return r;
}

ANKER_EXPORT int anker_wwb_norms_add_directory(struct anker_wwb_norms *norms, const char *path,
					       struct anker_error *err)
{
	if (!norms || !path)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_wwb_norms_add_directory: norms and path are required");
	struct anker_where where = ANKER_WHERE_NONE;
	where.file = path;
	DIR *dir = opendir(path);
	if (!dir) {
		char buf[256];
		return anker_fail(err, ANKER_E_IO, where, "cannot open directory: %s",
				  strerror_r(errno, buf, sizeof(buf)));
	}
	char **names = NULL;
	size_t n = 0;
	int r = list_json_files(norms->ctx, dir, &names, &n);
	closedir(dir);
	if (r < 0)
		r = anker_fail(err, r, where, "out of memory");
	if (r == 0 && n == 0)
		r = anker_fail(err, ANKER_E_NOT_FOUND, where, "no *.json files");
	for (size_t i = 0; i < n; i++) {
		if (r == 0) {
			size_t len = strlen(path) + strlen(names[i]) + 2;
			char *full = anker_alloc(norms->ctx, len);
			if (!full) {
				r = anker_fail(err, ANKER_E_NO_MEMORY, where, "out of memory");
			} else {
				snprintf(full, len, "%s/%s", path, names[i]);
				r = anker_wwb_norms_add_file(norms, full, err);
				anker_dealloc(norms->ctx, full);
			}
		}
		anker_dealloc(norms->ctx, names[i]);
	}
	anker_dealloc(norms->ctx, names);
	return r;
}

/*
 * The element of a list sorted by period whose period holds @p date, or NULL
 * with ANKER_E_NOT_FOUND and the periods around @p date in the message.
 */
static const void *find_period(const void *list, size_t n, size_t stride, const char *what,
			       struct anker_date date, struct anker_error *err, int *ret_status)
{
	const struct wwb_period *before = NULL, *after = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct wwb_period *p =
		    (const struct wwb_period *)((const char *)list + i * stride);
		if (anker_date_compare(date, p->from) < 0) {
			after = p;
			break;
		}
		if (anker_date_compare(date, p->until) <= 0) {
			*ret_status = 0;
			return p;
		}
		before = p;
	}
	char day[ANKER_DATE_TEXT_SIZE], edge[ANKER_DATE_TEXT_SIZE], next[ANKER_DATE_TEXT_SIZE];
	anker_date_format(date, day);
	if (!before && !after)
		*ret_status = anker_fail(err, ANKER_E_NOT_FOUND, ANKER_WHERE_NONE,
					 "no %s table is loaded", what);
	else if (!before)
		*ret_status = anker_fail(err, ANKER_E_NOT_FOUND, ANKER_WHERE_NONE,
					 "%s is before the first %s table (from %s)", day, what,
					 anker_date_format(after->from, edge));
	else if (!after)
		*ret_status = anker_fail(err, ANKER_E_NOT_FOUND, ANKER_WHERE_NONE,
					 "%s is after the last %s table (until %s)", day, what,
					 anker_date_format(before->until, edge));
	else
		*ret_status = anker_fail(err, ANKER_E_NOT_FOUND, ANKER_WHERE_NONE,
					 "no %s table is in force on %s: one ends on %s, the "
					 "next starts on %s",
					 what, day, anker_date_format(before->until, edge),
					 anker_date_format(after->from, next));
	return NULL;
}

const struct wwb_norms_table *wwb_find_norms(const struct anker_wwb_norms *norms,
					     struct anker_date date, struct anker_error *err,
					     int *ret_status)
{
	return find_period(norms->tables, norms->n_tables, sizeof(*norms->tables), "norms", date,
			   err, ret_status);
}

const struct wwb_asset_table *wwb_find_assets(const struct anker_wwb_norms *norms,
					      struct anker_date date, struct anker_error *err,
					      int *ret_status)
{
	return find_period(norms->asset_tables, norms->n_asset_tables, sizeof(*norms->asset_tables),
			   "asset-limit", date, err, ret_status);
}

const struct wwb_pension_row *wwb_pension_row(const struct anker_wwb_norms *norms,
					      struct anker_date birth)
{
	const struct wwb_pension_table *t = norms->pension;
	for (size_t i = 0; t && i < t->n_rows; i++)
		if (anker_date_compare(birth, t->rows[i].born_from) >= 0 &&
		    anker_date_compare(birth, t->rows[i].born_until) <= 0)
			return &t->rows[i];
	return NULL;
}

enum wwb_pension_state wwb_pension_state(const struct anker_wwb_norms *norms,
					 struct anker_date birth, struct anker_date date,
					 struct anker_date *ret_date, bool *ret_known)
{
	*ret_known = false;
	const struct wwb_pension_table *t = norms->pension;
	if (!t)
		return WWB_PENSION_UNKNOWN;
	const struct wwb_pension_row *row = wwb_pension_row(norms, birth);
	int months = anker_date_months_between(birth, date);
	if (row) {
		*ret_known = true;
		*ret_date = anker_date_add_months(birth, row->months);
		return months >= row->months ? WWB_PENSION_REACHED : WWB_PENSION_NOT_REACHED;
	}
	bool later = anker_date_compare(birth, t->rows[t->n_rows - 1].born_until) > 0;
	if (later && t->later_births_at_least >= 0 && months < t->later_births_at_least)
		return WWB_PENSION_NOT_REACHED;
	if (!later && t->earlier_births_at_most >= 0 && months >= t->earlier_births_at_most)
		return WWB_PENSION_REACHED;
	return WWB_PENSION_UNKNOWN;
}

int wwb_parse_date_arg(const char *text, const char *what, struct anker_error *err,
		       struct anker_date *ret)
{
	if (!text || !anker_date_parse(text, ret) || !wwb_date_in_range(*ret)) {
		struct anker_where where = ANKER_WHERE_NONE;
		where.field = what;
		return anker_fail(err, ANKER_E_BAD_VALUE, where,
				  "not a calendar date YYYY-MM-DD in the years %d..%d",
				  WWB_YEAR_MIN, WWB_YEAR_MAX);
	}
	return 0;
}

static int find_name(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

static int not_in_table(struct anker_error *err, const struct wwb_period *p, const char *name)
{
	char from[ANKER_DATE_TEXT_SIZE];
	struct anker_where where = ANKER_WHERE_NONE;
	where.file = p->file;
	where.field = name;
	return anker_fail(err, ANKER_E_NOT_FOUND, where, "not in the table of %s",
			  anker_date_format(p->from, from));
}

/* The norms table for a public lookup, with its argument checks. */
static const struct wwb_norms_table *public_table(const struct anker_wwb_norms *norms,
						  const char *date, struct anker_error *err,
						  int *ret_status)
{
	struct anker_date day;
	if (!norms) {
		*ret_status = anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
					 "norms is required");
		return NULL;
	}
	*ret_status = wwb_parse_date_arg(date, "date", err, &day);
	return *ret_status < 0 ? NULL : wwb_find_norms(norms, day, err, ret_status);
}

ANKER_EXPORT int anker_wwb_norms_get_norm(const struct anker_wwb_norms *norms, const char *date,
					  const char *name, long long *ret_cents,
					  struct anker_error *err)
{
	int r = 0;
	const struct wwb_norms_table *t = public_table(norms, date, err, &r);
	if (!t)
		return r;
	long long cents = WWB_ABSENT;
	int i = find_name(wwb_norm_names, WWB_N_NORMS, name);
	if (i >= 0)
		cents = t->norms[i];
	else if (name && strcmp(name, "youth_supplement") == 0)
		cents = t->youth_supplement;
	else if (name && strcmp(name, "earnings_disregard_max") == 0)
		cents = t->disregard_percent ? t->disregard_max : WWB_ABSENT;
	else
		return anker_fail(err, ANKER_E_BAD_VALUE, ANKER_WHERE_NONE, "unknown norm name");
	if (cents == WWB_ABSENT)
		return not_in_table(err, &t->period, name);
	if (ret_cents)
		*ret_cents = cents;
	anker_error_clear(err);
	return 0;
}

ANKER_EXPORT int anker_wwb_norms_get_cost_sharing_norm(const struct anker_wwb_norms *norms,
						       const char *date, int cost_sharers,
						       int pension_age, long long *ret_cents,
						       struct anker_error *err)
{
	if (cost_sharers < 1 || cost_sharers > 99)
		return anker_fail(err, ANKER_E_OUT_OF_RANGE, ANKER_WHERE_NONE,
				  "the number of cost-sharers must be 1..99");
	int r = 0;
	const struct wwb_norms_table *t = public_table(norms, date, err, &r);
	if (!t)
		return r;
	enum wwb_norm base = pension_age ? WWB_NORM_COUPLE_PENSION : WWB_NORM_COUPLE;
	if (t->norms[base] == WWB_ABSENT)
		return not_in_table(err, &t->period, wwb_norm_names[base]);
	if (ret_cents)
		*ret_cents = wwb_cost_sharing_norm(t->norms[base], cost_sharers);
	anker_error_clear(err);
	return 0;
}

ANKER_EXPORT int anker_wwb_norms_get_cost_sharer_age(const struct anker_wwb_norms *norms,
						     const char *date, int *ret_years,
						     struct anker_error *err)
{
	int r = 0;
	const struct wwb_norms_table *t = public_table(norms, date, err, &r);
	if (!t)
		return r;
	if (ret_years)
		*ret_years = t->cost_sharer_min_age;
	anker_error_clear(err);
	return 0;
}

ANKER_EXPORT int anker_wwb_norms_get_asset_limit(const struct anker_wwb_norms *norms,
						 const char *date, const char *name,
						 long long *ret_cents, struct anker_error *err)
{
	struct anker_date day;
	if (!norms)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "norms is required");
	int r = wwb_parse_date_arg(date, "date", err, &day);
	if (r < 0)
		return r;
	int i = find_name(wwb_limit_names, WWB_N_LIMITS, name);
	if (i < 0)
		return anker_fail(err, ANKER_E_BAD_VALUE, ANKER_WHERE_NONE, "unknown limit name");
	const struct wwb_asset_table *t = wwb_find_assets(norms, day, err, &r);
	if (!t)
		return r;
	if (ret_cents)
		*ret_cents = t->limits[i];
	anker_error_clear(err);
	return 0;
}

/*
 * No row for @p birth: after the last row the age is not yet fixed by law (the
 * AOW age is set five years ahead); before the first row it is simply not in
 * the table. Never a guess at the age.
 */
static int pension_not_in_table(const struct wwb_pension_table *t, struct anker_date birth,
				struct anker_error *err)
{
	struct anker_where where = ANKER_WHERE_NONE;
	where.file = t->file;
	char first[ANKER_DATE_TEXT_SIZE], last[ANKER_DATE_TEXT_SIZE];
	anker_date_format(t->rows[0].born_from, first);
	anker_date_format(t->rows[t->n_rows - 1].born_until, last);
	if (anker_date_compare(birth, t->rows[t->n_rows - 1].born_until) > 0)
		return anker_fail(err, ANKER_E_NOT_FOUND, where,
				  "the pension age for births after %s is not yet fixed by law%s",
				  last,
				  t->later_births_at_least >= 0 ? " (it will not be lower than the "
								  "last row's)"
								: "");
	return anker_fail(err, ANKER_E_NOT_FOUND, where,
			  "the pension age for births before %s is not in this table", first);
}

ANKER_EXPORT int anker_wwb_norms_get_pension_age(const struct anker_wwb_norms *norms,
						 const char *birth_date, int *ret_years,
						 int *ret_months,
						 char ret_date[ANKER_WWB_DATE_SIZE],
						 struct anker_error *err)
{
	struct anker_date birth;
	if (!norms)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "norms is required");
	int r = wwb_parse_date_arg(birth_date, "birth_date", err, &birth);
	if (r < 0)
		return r;
	if (!norms->pension)
		return anker_fail(err, ANKER_E_NOT_FOUND, ANKER_WHERE_NONE,
				  "no pension-age table is loaded");
	const struct wwb_pension_row *row = wwb_pension_row(norms, birth);
	if (!row)
		return pension_not_in_table(norms->pension, birth, err);
	if (ret_years)
		*ret_years = row->months / 12;
	if (ret_months)
		*ret_months = row->months % 12;
	if (ret_date)
		anker_date_format(anker_date_add_months(birth, row->months), ret_date);
	anker_error_clear(err);
	return 0;
}
