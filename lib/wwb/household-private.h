/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A household as the toets reads it. The parser (household.c) checks the
 * structure; facts the JSON leaves out are kept as "unknown" (WWB_UNKNOWN),
 * so that the toets can list them as missing instead of guessing.
 */
#ifndef ANKER_WWB_HOUSEHOLD_PRIVATE_H
#define ANKER_WWB_HOUSEHOLD_PRIVATE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "../core/date.h"
#include "../core/private.h"
#include "../model/load-private.h"

/* A yes/no fact that may not have been given. */
enum wwb_fact { WWB_UNKNOWN = -1, WWB_NO = 0, WWB_YES = 1 };

/* An integer member that is not given. */
#define WWB_NOT_GIVEN LLONG_MIN

#define WWB_HOUSEMATES_MAX 32
#define WWB_ENTRIES_MAX	   64

enum wwb_relation {
	WWB_REL_RELATIVE_1, /* relative in the first degree: parent, child */
	WWB_REL_RELATIVE_2, /* relative in the second degree: sibling, grandparent, grandchild */
	WWB_REL_OTHER,	    /* anyone else without a contract */
	WWB_REL_TENANT,
	WWB_REL_LANDLORD,
	WWB_REL_BOARDER,
	WWB_REL_STUDENT,
	WWB_REL_CARER,
	WWB_REL_SPOUSE, /* refused: a spouse is the partner */
};

struct wwb_person {
	bool present;
	struct anker_date birth;
	bool has_unemployed_since;
	struct anker_date unemployed_since;
	int parents_cannot_support; /* enum wwb_fact */
	int disregard_months_used; /* months of the earnings disregard used before; -1: not given */
};

struct wwb_housemate {
	bool has_birth;
	struct anker_date birth;
	int age; /* on the reference date; -1 when neither age nor birth date is given */
	int relation;
	int written_contract, commercial_price; /* tenant, landlord, boarder */
	int relative_degree;			/* 0 (none), 1 or 2; tenant, landlord, boarder */
	int study_finance, bbl;			/* student */
	int intensive_care;			/* carer */
};

enum wwb_income_source {
	WWB_INCOME_EARNINGS,
	WWB_INCOME_BENEFIT,
	WWB_INCOME_PENSION,
	WWB_INCOME_ALIMONY,
	WWB_INCOME_OTHER,
	WWB_INCOME_CHILD_BENEFIT, /* not counted from here on */
	WWB_INCOME_CHILD_BUDGET,
	WWB_INCOME_ALLOWANCE,
};
#define WWB_INCOME_FIRST_NOT_COUNTED WWB_INCOME_CHILD_BENEFIT

enum wwb_asset_kind {
	WWB_ASSET_SAVINGS,
	WWB_ASSET_OTHER,
	WWB_ASSET_DEBT,		   /* subtracted */
	WWB_ASSET_HOUSEHOLD_GOODS, /* not counted from here on */
	WWB_ASSET_IMMATERIAL_DAMAGE,
};
#define WWB_ASSET_FIRST_NOT_COUNTED WWB_ASSET_HOUSEHOLD_GOODS

struct wwb_income {
	int source;
	bool partner; /* whose: the claimant's or the partner's */
	long long cents;
};

struct wwb_asset {
	int kind;
	long long cents;
};

struct anker_wwb_household {
	struct anker_ctx *ctx;
	bool has_reference_date;
	struct anker_date reference_date;
	struct wwb_person claimant, partner;
	int children; /* minor children at home; -1 when not given */
	struct wwb_housemate *housemates;
	size_t n_housemates;
	bool has_income; /* "income" given, even as [] */
	struct wwb_income *incomes;
	size_t n_incomes;
	bool has_assets;
	struct wwb_asset *assets;
	size_t n_assets;
	bool has_gifts;
	long long gifts; /* received in the reference date's calendar year */
	bool has_home_equity;
	long long home_equity; /* may be negative */
};

extern const struct anker_name_value wwb_relation_names[];
extern const struct anker_name_value wwb_income_source_names[];
extern const struct anker_name_value wwb_asset_kind_names[];

/*
 * The setters (household-set.c) hold every check on a household's values.
 * @p jr stands at the object the value goes into ("$", "$.claimant",
 * "$.housemates[2]"...), so that errors name the key there; the C API and the
 * JSON parser both call them. 0 or a recorded negative code; on failure the
 * household is unchanged.
 */
struct anker_wwb_household *wwb_household_new(struct anker_ctx *ctx);
int wwb_hh_reference_date(struct jr *jr, struct anker_wwb_household *hh, const char *text);
int wwb_hh_person(struct jr *jr, struct anker_wwb_household *hh, int person, const char *birth);
int wwb_hh_unemployed_since(struct jr *jr, struct anker_wwb_household *hh, const char *text);
int wwb_hh_parents(struct jr *jr, struct anker_wwb_household *hh, int person, int fact);
int wwb_hh_disregard_months(struct jr *jr, struct anker_wwb_household *hh, int person,
			    long long months);
int wwb_hh_children(struct jr *jr, struct anker_wwb_household *hh, long long count);
/* @p birth NULL and/or @p age -1 when not given. */
int wwb_hh_add_housemate(struct jr *jr, struct anker_wwb_household *hh, const char *relation,
			 const char *birth, long long age);
int wwb_hh_housemate_fact(struct jr *jr, struct anker_wwb_household *hh, size_t index,
			  const char *fact, long long value);
int wwb_hh_add_income(struct jr *jr, struct anker_wwb_household *hh, const char *source, int person,
		      long long cents);
int wwb_hh_add_asset(struct jr *jr, struct anker_wwb_household *hh, const char *kind,
		     long long cents);
int wwb_hh_home_equity(struct jr *jr, struct anker_wwb_household *hh, long long cents);
int wwb_hh_gifts(struct jr *jr, struct anker_wwb_household *hh, long long cents);

/* Parse a household from parsed JSON; errors cite @p file. */
int wwb_household_from_json(struct anker_ctx *ctx, json_t *root, const char *file,
			    struct anker_error *err, struct anker_wwb_household **ret);

#endif
