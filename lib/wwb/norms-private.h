/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The loaded WWB rules: norms tables (one per period), asset-limit tables
 * (one per year) and the pension-age table, and the lookups by date that the
 * toets (and the case timeline) use. The file formats are in docs/wwb-toets.md.
 */
#ifndef ANKER_WWB_NORMS_PRIVATE_H
#define ANKER_WWB_NORMS_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/date.h"
#include "../core/private.h"

/* A figure a table does not hold. */
#define WWB_ABSENT (-1LL)

/* The keys of a norms table's "norms" object, in this order. */
enum wwb_norm {
	WWB_NORM_SINGLE,
	WWB_NORM_COUPLE,
	WWB_NORM_SINGLE_18_20,
	WWB_NORM_COUPLE_18_20,
	WWB_NORM_COUPLE_18_20_CHILDREN,
	WWB_NORM_COUPLE_MIXED,
	WWB_NORM_COUPLE_MIXED_CHILDREN,
	WWB_NORM_SINGLE_PENSION,
	WWB_NORM_COUPLE_PENSION,
	WWB_N_NORMS,
};
extern const char *const wwb_norm_names[WWB_N_NORMS];

/* The keys of an asset-limit table's "limits" object. */
enum wwb_limit {
	WWB_LIMIT_SINGLE,
	WWB_LIMIT_FAMILY,
	WWB_LIMIT_HOME_EQUITY,
	WWB_N_LIMITS,
};
extern const char *const wwb_limit_names[WWB_N_LIMITS];

/* What a table cites. document and date are required. */
struct wwb_source {
	char *document;
	char *date;
	char *url;
	char *article;
};

struct wwb_period {
	struct anker_date from, until; /* both days included */
	char *file;
	struct wwb_source source;
};

/* Both kinds of table start with their period: the lookups walk either list as periods. */
struct wwb_norms_table {
	struct wwb_period period;
	long long norms[WWB_N_NORMS]; /* cents, or WWB_ABSENT */
	int cost_sharer_min_age;      /* art. 19a: 21 until 2022, 27 from 2023 */
	bool carer_exempt;	      /* a carer moving in for intensive care is no cost-sharer */
	long long youth_supplement;   /* cents, or WWB_ABSENT */
	int disregard_percent;	      /* 0 when the table has no earnings disregard */
	long long disregard_max;      /* cents */
	int disregard_months;
};

struct wwb_asset_table {
	struct wwb_period period;
	long long limits[WWB_N_LIMITS]; /* cents */
	/* From 2026: gifts up to this much a year are not means (cents), or WWB_ABSENT. */
	long long gifts_not_counted_per_year;
	/* From 2026: the limit applies to the assets at any time, not only at the start. */
	bool assets_at_any_time;
};

_Static_assert(offsetof(struct wwb_norms_table, period) == 0, "period first");
_Static_assert(offsetof(struct wwb_asset_table, period) == 0, "period first");

struct wwb_pension_row {
	struct anker_date born_from, born_until;
	int months; /* the pension age in months */
};

struct wwb_pension_table {
	char *file;
	struct wwb_source source;
	struct wwb_pension_row *rows; /* in order of birth date, not overlapping */
	size_t n_rows;
	/* Births after the last row reach pension age no earlier than this (months). */
	int later_births_at_least;
	/* Births before the first row reached it no later than this (months). */
	int earlier_births_at_most;
};

struct anker_wwb_norms {
	atomic_uint refcount;
	struct anker_ctx *ctx;
	struct wwb_norms_table *tables; /* by valid_from */
	size_t n_tables;
	struct wwb_asset_table *asset_tables; /* by valid_from */
	size_t n_asset_tables;
	struct wwb_pension_table *pension; /* NULL until loaded */
};

/* Parse one file's JSON into @p norms (norms-load.c); the set is unchanged on failure. */
int wwb_norms_add_json(struct anker_wwb_norms *norms, const char *data, size_t size,
		       const char *file, struct anker_error *err);

/*
 * The table in force on @p date, or NULL with ANKER_E_NOT_FOUND recorded in
 * @p err (which may be NULL), naming the date and the nearest periods.
 */
const struct wwb_norms_table *wwb_find_norms(const struct anker_wwb_norms *norms,
					     struct anker_date date, struct anker_error *err,
					     int *ret_status);
const struct wwb_asset_table *wwb_find_assets(const struct anker_wwb_norms *norms,
					      struct anker_date date, struct anker_error *err,
					      int *ret_status);

/* Whether someone born on @p birth has reached pension age on @p date. */
enum wwb_pension_state {
	WWB_PENSION_NOT_REACHED,
	WWB_PENSION_REACHED,
	WWB_PENSION_UNKNOWN, /* no table, or a birth date outside its rows and bounds */
};

/*
 * @p ret_date is the day pension age is reached when the table has a row for
 * @p birth (ret_known true), else untouched.
 */
enum wwb_pension_state wwb_pension_state(const struct anker_wwb_norms *norms,
					 struct anker_date birth, struct anker_date date,
					 struct anker_date *ret_date, bool *ret_known);

/* The row for @p birth, or NULL. */
const struct wwb_pension_row *wwb_pension_row(const struct anker_wwb_norms *norms,
					      struct anker_date birth);

void wwb_source_free(struct anker_ctx *ctx, struct wwb_source *source);
void wwb_period_free(struct anker_ctx *ctx, struct wwb_period *period);
void wwb_pension_free(struct anker_ctx *ctx, struct wwb_pension_table *table);

/* Parse @p text as a date for a public call; ANKER_E_BAD_VALUE (recorded) when it is none. */
int wwb_parse_date_arg(const char *text, const char *what, struct anker_error *err,
		       struct anker_date *ret);

#endif
