/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file wwb.h
 * @brief The WWB-toets: will the client probably have a right to bijstand after the WW?
 *
 * The toets is a calculation on published, dated rules of the Participatiewet.
 * The rules are data (docs/wwb-toets.md describes the files):
 *   - norms tables ("anker-norms", "table": "norms"), one per half-year period,
 *     with the norms per household type and age group, the cost-sharer rules,
 *     the earnings disregard and the supplement for 18-20 year-olds;
 *   - asset-limit tables ("anker-norms", "table": "asset-limits"), one per
 *     calendar year;
 *   - the state pension (AOW) age by date of birth ("anker-pension-age").
 * All of them are loaded into one struct anker_wwb_norms.
 *
 * A household is parsed from JSON (what case systems send) or from the flat
 * field set of a caseload row. anker_wwb_evaluate() applies the rules in force
 * on a reference date and gives a struct anker_wwb_result: the verdict, the
 * amounts in euro cents, the routes that are not municipal bijstand, the facts
 * missing for a verdict, and every line of the reasoning with the article it
 * applies, in Dutch and in English.
 *
 * Money is in whole euro cents (long long). Dates are "YYYY-MM-DD" strings.
 * Norms are loaded before they are shared: a loaded set may be used by any
 * number of threads at once, each with its own households and results.
 * Reasoning texts hold the household's amounts and dates; the library never
 * logs them.
 */
#ifndef ANKER_WWB_H
#define ANKER_WWB_H

#include <stddef.h>

#include <anker/context.h>
#include <anker/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Dated norms, asset limits and the pension-age table. Opaque and refcounted. @since 1.0 */
struct anker_wwb_norms;

/** @brief One household to test. Opaque, owned by the caller. @since 1.0 */
struct anker_wwb_household;

/** @brief The outcome of one toets. Opaque, owned by the caller. @since 1.0 */
struct anker_wwb_result;

/** @brief Bytes of a date "YYYY-MM-DD" with its NUL. @since 1.0 */
#define ANKER_WWB_DATE_SIZE 11

/** @brief Largest norms, asset-limit, pension-age or household file, in bytes. @since 1.0 */
#define ANKER_WWB_MAX_BYTES 1048576

/**
 * @brief The verdict of the toets.
 * @since 1.0
 */
enum anker_wwb_verdict {
	/** facts are missing; see anker_wwb_result_get_missing() */
	ANKER_WWB_UNKNOWN = 0,
	/** income below the norm and assets within the limit */
	ANKER_WWB_PROBABLY_ENTITLED = 1,
	/** income at or above the norm, or assets above the limit */
	ANKER_WWB_PROBABLY_NOT_ENTITLED = 2,
};

/**
 * @brief The amounts of a result, in euro cents per month (assets: in euro cents).
 * @since 1.0
 */
enum anker_wwb_amount {
	/** the household's norm including holiday allowance */
	ANKER_WWB_AMOUNT_NORM = 0,
	/** 95% of the norm, rounded half up to the cent (art. 19(3)) */
	ANKER_WWB_AMOUNT_NORM_WITHOUT_HOLIDAY = 1,
	/** the norm minus the norm without holiday allowance */
	ANKER_WWB_AMOUNT_HOLIDAY_ALLOWANCE = 2,
	/** the income counted, after disregards */
	ANKER_WWB_AMOUNT_INCOME = 3,
	/** the earnings disregarded (art. 31(2)(n)) */
	ANKER_WWB_AMOUNT_DISREGARDED = 4,
	/** the norm minus the income counted, not below 0 */
	ANKER_WWB_AMOUNT_BIJSTAND = 5,
	/** the assets counted (art. 34) */
	ANKER_WWB_AMOUNT_ASSETS = 6,
	/** the asset limit that applies */
	ANKER_WWB_AMOUNT_ASSET_LIMIT = 7,
	/** the equity in the own home */
	ANKER_WWB_AMOUNT_HOME_EQUITY = 8,
	/** the limit on that equity (above it: a loan, art. 50) */
	ANKER_WWB_AMOUNT_HOME_EQUITY_LIMIT = 9,
};

/**
 * @brief Routes other than municipal bijstand, as bits of anker_wwb_result_get_routes().
 * @since 1.0
 */
enum anker_wwb_route {
	/** pension age: the AIO through the SVB (art. 47a) */
	ANKER_WWB_ROUTE_AIO = 1,
	/** born before 1965 and unemployed after 50: IOAW, no asset test */
	ANKER_WWB_ROUTE_IOAW = 2,
	/** under 27: may report 4 weeks before the WW ends (art. 41(6)) */
	ANKER_WWB_ROUTE_EARLY_REPORT = 4,
};

/**
 * @brief Languages of the reasoning lines.
 * @since 1.0
 */
enum anker_wwb_language {
	/** Nederlands */
	ANKER_WWB_DUTCH = 0,
	/** English */
	ANKER_WWB_ENGLISH = 1,
};

/**
 * @brief Create an empty set of norms.
 * @param[out] ret the new set, with one reference; untouched on failure.
 * @return 0, ANKER_E_INVALID_ARGUMENT or ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_wwb_norms_new(struct anker_ctx *ctx, struct anker_wwb_norms **ret);

/**
 * @brief Add one file: a norms table, an asset-limit table or the pension-age table.
 *
 * The file is validated strictly; an error names the file, the JSON path and
 * the field. A table whose period overlaps one already loaded is
 * ANKER_E_DUPLICATE, as is a second pension-age table. On failure the set is
 * unchanged. Not thread-safe: load before sharing.
 * @return 0 or a negative ANKER_E_* code.
 * @since 1.0
 */
int anker_wwb_norms_add_file(struct anker_wwb_norms *norms, const char *path,
			     struct anker_error *err);

/**
 * @brief As anker_wwb_norms_add_file(), from @p size bytes at @p data; errors cite @p source_name.
 * @since 1.0
 */
int anker_wwb_norms_add_buffer(struct anker_wwb_norms *norms, const char *data, size_t size,
			       const char *source_name, struct anker_error *err);

/**
 * @brief Add every regular file whose name ends in ".json" in the directory @p path, by name order.
 *
 * The first file that does not load stops it; the files before it stay loaded.
 * @return 0 or a negative ANKER_E_* code.
 * @since 1.0
 */
int anker_wwb_norms_add_directory(struct anker_wwb_norms *norms, const char *path,
				  struct anker_error *err);

/** @brief Take a reference. Thread-safe. @return @p norms. @since 1.0 */
struct anker_wwb_norms *anker_wwb_norms_ref(struct anker_wwb_norms *norms);

/** @brief Drop a reference; NULL is a no-op. Thread-safe. @return NULL. @since 1.0 */
struct anker_wwb_norms *anker_wwb_norms_unref(struct anker_wwb_norms *norms);

/**
 * @brief A norm of the table in force on @p date, in cents.
 *
 * @p name is a key of the file's "norms" object ("single", "couple",
 * "single_18_20", "couple_18_20", "couple_18_20_children", "couple_mixed",
 * "couple_mixed_children", "single_pension", "couple_pension") or
 * "youth_supplement" or "earnings_disregard_max".
 * @return 0; ANKER_E_NOT_FOUND when no table is in force on @p date or the
 *         table does not hold the figure (the message says which);
 *         ANKER_E_BAD_VALUE for a date that does not exist or an unknown name.
 * @since 1.0
 */
int anker_wwb_norms_get_norm(const struct anker_wwb_norms *norms, const char *date,
			     const char *name, long long *ret_cents, struct anker_error *err);

/**
 * @brief The kostendelersnorm per person for @p cost_sharers (A, 1..99) on @p date, in cents.
 *
 * (40% + A x 30%) / A x B with B the norm "couple" (or "couple_pension" when
 * @p pension_age is non-zero), rounded half up to the cent.
 * @return 0, ANKER_E_NOT_FOUND, ANKER_E_BAD_VALUE or ANKER_E_OUT_OF_RANGE (A outside 1..99).
 * @since 1.0
 */
int anker_wwb_norms_get_cost_sharing_norm(const struct anker_wwb_norms *norms, const char *date,
					  int cost_sharers, int pension_age, long long *ret_cents,
					  struct anker_error *err);

/**
 * @brief The age from which a housemate is a cost-sharer (art. 19a) on @p date.
 * @return 0, ANKER_E_NOT_FOUND or ANKER_E_BAD_VALUE.
 * @since 1.0
 */
int anker_wwb_norms_get_cost_sharer_age(const struct anker_wwb_norms *norms, const char *date,
					int *ret_years, struct anker_error *err);

/**
 * @brief An asset limit in force on @p date, in cents: @p name is "single", "family" or
 * "home_equity".
 * @return 0, ANKER_E_NOT_FOUND or ANKER_E_BAD_VALUE.
 * @since 1.0
 */
int anker_wwb_norms_get_asset_limit(const struct anker_wwb_norms *norms, const char *date,
				    const char *name, long long *ret_cents,
				    struct anker_error *err);

/**
 * @brief The state pension (AOW) age for a date of birth, and the day it is reached.
 *
 * The day is the birth date plus the age in months, a missing day of the
 * month becoming the month's last day (31 January + 1 month = 28/29 February).
 * @param[out] ret_years, ret_months the age (may be NULL).
 * @param[out] ret_date the day it is reached, "YYYY-MM-DD" (may be NULL).
 * @return 0; ANKER_E_NOT_FOUND when no pension-age table is loaded or it has
 *         no row for @p birth_date; ANKER_E_BAD_VALUE for a date that does not exist.
 * @since 1.0
 */
int anker_wwb_norms_get_pension_age(const struct anker_wwb_norms *norms, const char *birth_date,
				    int *ret_years, int *ret_months,
				    char ret_date[ANKER_WWB_DATE_SIZE], struct anker_error *err);

/**
 * @brief Parse a household from JSON (docs/wwb-toets.md, "The household").
 *
 * Structure, types, dates, relations and amounts are checked here; an error
 * names @p source_name, the JSON path and the field. Facts that may be
 * missing (a housemate's contract, say) are not errors: the verdict is then
 * "unknown" and lists them.
 * @param[out] ret the household; untouched on failure.
 * @return 0 or a negative ANKER_E_* code.
 * @since 1.0
 */
int anker_wwb_household_parse(struct anker_ctx *ctx, const char *json, size_t size,
			      const char *source_name, struct anker_error *err,
			      struct anker_wwb_household **ret);

/**
 * @brief The people of a household whose facts a setter takes.
 * @since 1.0
 */
enum anker_wwb_person {
	/** the claimant (aanvrager) */
	ANKER_WWB_CLAIMANT = 0,
	/** the partner */
	ANKER_WWB_PARTNER = 1,
};

/*
 * Building a household value by value. Every check on a value is made by
 * these setters, and anker_wwb_household_parse() calls them too: an error
 * names the JSON path and field the value would have in the household JSON
 * ("$.claimant.birth_date", "$.housemates[1].bbl") and the source
 * "<household>". On failure the household is unchanged. Dates are
 * "YYYY-MM-DD", amounts euro cents per month (assets: cents).
 */

/**
 * @brief An empty household: set at least the claimant before evaluating it.
 * @return 0, ANKER_E_INVALID_ARGUMENT or ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_wwb_household_new(struct anker_ctx *ctx, struct anker_wwb_household **ret);

/** @brief The reference date, normally the day the WW ends ($.reference_date).
 * @return 0 or ANKER_E_BAD_VALUE (not a date, or outside 1900..2200). @since 1.0 */
int anker_wwb_household_set_reference_date(struct anker_wwb_household *household, const char *date,
					   struct anker_error *err);

/**
 * @brief The claimant or the partner, by date of birth ($.claimant.birth_date).
 * Setting the partner makes the household a couple.
 * @param person an enum anker_wwb_person value.
 * @return 0, ANKER_E_MISSING_KEY (NULL date), ANKER_E_BAD_VALUE or ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_wwb_household_set_person(struct anker_wwb_household *household, int person,
				   const char *birth_date, struct anker_error *err);

/** @brief The day the claimant became unemployed (for the IOAW); the claimant must be set.
 * @since 1.0 */
int anker_wwb_household_set_unemployed_since(struct anker_wwb_household *household,
					     const char *date, struct anker_error *err);

/** @brief For an 18-20 year-old: 1 when the parents cannot support them, 0 when they can.
 * @since 1.0 */
int anker_wwb_household_set_parents_cannot_support(struct anker_wwb_household *household,
						   int person, int fact, struct anker_error *err);

/**
 * @brief Months of the earnings disregard (art. 31(2)(n)) the person has already had, 0..1200.
 *
 * The disregard runs for at most the months the norms table gives (6): with
 * that many used it stops. Not set: see docs/wwb-toets.md, "The earnings
 * disregard's six months".
 * @since 1.0
 */
int anker_wwb_household_set_disregard_months_used(struct anker_wwb_household *household, int person,
						  int months, struct anker_error *err);

/** @brief Minor children at home, 0..30 ($.children). @since 1.0 */
int anker_wwb_household_set_children(struct anker_wwb_household *household, int count,
				     struct anker_error *err);

/**
 * @brief Add a housemate ($.housemates[i]) by relation ("relative_1st_degree",
 * "relative_2nd_degree", "other", "tenant", "landlord", "boarder", "student",
 * "carer") and either a birth date or an age (the other NULL or -1; both
 * unknown is allowed, and the toets then lists the age as missing).
 * @return 0, ANKER_E_BAD_VALUE (unknown relation, "spouse", both given, a bad
 *         date, an age outside 0..130, more than 32 housemates).
 * @since 1.0
 */
int anker_wwb_household_add_housemate(struct anker_wwb_household *household, const char *relation,
				      const char *birth_date, int age, struct anker_error *err);

/**
 * @brief A fact of housemate @p index: "written_contract", "commercial_price"
 * or "relative_degree" (0..2) for a tenant, landlord or boarder;
 * "study_finance" or "bbl" for a student; "intensive_care" for a carer.
 * Facts are 0 or 1.
 * @return 0, ANKER_E_OUT_OF_RANGE (no such housemate), ANKER_E_UNKNOWN_KEY
 *         (not a fact of that relation) or ANKER_E_BAD_VALUE.
 * @since 1.0
 */
int anker_wwb_household_set_housemate_fact(struct anker_wwb_household *household, size_t index,
					   const char *fact, int value, struct anker_error *err);

/**
 * @brief Add a net monthly income ($.income[i]): source "earnings", "benefit",
 * "pension", "alimony", "other", "child_benefit", "child_budget" or
 * "allowance", of the claimant or the partner (who must be set first).
 * @return 0 or ANKER_E_BAD_VALUE (unknown source, negative amount, no partner).
 * @since 1.0
 */
int anker_wwb_household_add_income(struct anker_wwb_household *household, const char *source,
				   int person, long long cents, struct anker_error *err);

/** @brief Add an asset or debt ($.assets[i]): kind "savings", "other", "debt",
 * "household_goods" or "immaterial_damage", a non-negative amount. @since 1.0 */
int anker_wwb_household_add_asset(struct anker_wwb_household *household, const char *kind,
				  long long cents, struct anker_error *err);

/**
 * @brief Say that the "income" or "assets" list is complete, even when empty
 * (JSON: "income": []); adding an entry says so too. A list never stated is
 * a missing fact for the toets.
 * @since 1.0
 */
int anker_wwb_household_set_listed(struct anker_wwb_household *household, const char *list,
				   struct anker_error *err);

/**
 * @brief Gifts received in the calendar year of the reference date, up to it ($.gifts_in_year).
 *
 * From 2026 (a table with "gifts_not_counted_per_year") gifts up to that much
 * a year are not means; the rest, and all of it under earlier tables, counts
 * as assets. Not set: no gifts.
 * @since 1.0
 */
int anker_wwb_household_set_gifts_in_year(struct anker_wwb_household *household, long long cents,
					  struct anker_error *err);

/** @brief The equity in the own home, may be negative ($.home_equity). @since 1.0 */
int anker_wwb_household_set_home_equity(struct anker_wwb_household *household, long long cents,
					struct anker_error *err);

/**
 * @brief Build a household from the flat fields of a caseload row (docs/wwb-toets.md, "A
 * caseload").
 *
 * @p names[i] is a field name (see anker_wwb_household_field_name()) and
 * @p values[i] its text; an empty text is an absent field. An unknown name is
 * ANKER_E_UNKNOWN_KEY; errors name the field.
 * @return 0 or a negative ANKER_E_* code.
 * @since 1.0
 */
int anker_wwb_household_from_fields(struct anker_ctx *ctx, const char *const *names,
				    const char *const *values, size_t count,
				    struct anker_error *err, struct anker_wwb_household **ret);

/**
 * @brief The name of flat field @p index, in documented order; NULL past the last.
 * @since 1.0
 */
const char *anker_wwb_household_field_name(size_t index);

/** @brief Free a household. NULL is a no-op. @since 1.0 */
void anker_wwb_household_free(struct anker_wwb_household *household);

/**
 * @brief Apply the toets to @p household on @p reference_date.
 *
 * @p reference_date (normally the day the WW ends) may be NULL: the
 * household's "reference_date" is used then. No norms table in force on that
 * date is ANKER_E_NOT_FOUND, never the nearest table. A claimant or partner
 * younger than 18 on that date is ANKER_E_BAD_VALUE.
 * @param[out] ret the result; untouched on failure.
 * @return 0 or a negative ANKER_E_* code.
 * @since 1.0
 */
int anker_wwb_evaluate(const struct anker_wwb_norms *norms,
		       const struct anker_wwb_household *household, const char *reference_date,
		       struct anker_error *err, struct anker_wwb_result **ret);

/** @brief Free a result. NULL is a no-op. @since 1.0 */
void anker_wwb_result_free(struct anker_wwb_result *result);

/** @brief The verdict, an enum anker_wwb_verdict value. @since 1.0 */
int anker_wwb_result_get_verdict(const struct anker_wwb_result *result);

/** @brief "unknown", "probably_entitled", "probably_not_entitled"; NULL for other values.
 * @since 1.0 */
const char *anker_wwb_verdict_name(int verdict);

/**
 * @brief An amount of the result, in cents.
 * @param which an enum anker_wwb_amount value.
 * @return 0; ANKER_E_NOT_FOUND when the toets could not determine it;
 *         ANKER_E_INVALID_ARGUMENT for a NULL or unknown argument.
 * @since 1.0
 */
int anker_wwb_result_get_amount(const struct anker_wwb_result *result, int which,
				long long *ret_cents);

/** @brief "norm", "norm_without_holiday", ...: the name of an amount; NULL past the last.
 * @since 1.0 */
const char *anker_wwb_amount_name(int which);

/** @brief A of the kostendelersnorm when it applied, else 0 (or ANKER_E_INVALID_ARGUMENT).
 * @since 1.0 */
int anker_wwb_result_get_cost_sharers(const struct anker_wwb_result *result);

/** @brief The routes that apply, as enum anker_wwb_route bits. @since 1.0 */
unsigned int anker_wwb_result_get_routes(const struct anker_wwb_result *result);

/** @brief "aio", "ioaw", "early_report" for one route bit; NULL otherwise. @since 1.0 */
const char *anker_wwb_route_name(unsigned int route);

/** @brief 1 when bijstand would be a loan (home equity above its limit, art. 50), else 0.
 * @since 1.0 */
int anker_wwb_result_get_loan(const struct anker_wwb_result *result);

/** @brief The reference date, "YYYY-MM-DD". @since 1.0 */
const char *anker_wwb_result_get_reference_date(const struct anker_wwb_result *result);

/** @brief The first day of the norms table applied, "YYYY-MM-DD". @since 1.0 */
const char *anker_wwb_result_get_norms_valid_from(const struct anker_wwb_result *result);

/** @brief "single", "single_parent" or "couple". @since 1.0 */
const char *anker_wwb_result_get_household_type(const struct anker_wwb_result *result);

/**
 * @brief The norm that was chosen: a key of the norms table ("single", "couple_pension"...),
 * or "cost_sharing" for the kostendelersnorm; NULL when none could be.
 * @since 1.0
 */
const char *anker_wwb_result_get_norm_name(const struct anker_wwb_result *result);

/** @brief The number of reasoning lines. @since 1.0 */
size_t anker_wwb_result_get_line_count(const struct anker_wwb_result *result);

/** @brief The stable code of line @p index ("norm", "cost_sharer", "verdict"...); NULL past the
 * last. @since 1.0 */
const char *anker_wwb_result_get_line_code(const struct anker_wwb_result *result, size_t index);

/** @brief The article line @p index applies ("Participatiewet art. 19a(1)"), or "" when none.
 * @since 1.0 */
const char *anker_wwb_result_get_line_article(const struct anker_wwb_result *result, size_t index);

/**
 * @brief The text of line @p index in @p language (an enum anker_wwb_language value).
 * @return the text; NULL past the last line or for an unknown language.
 * @since 1.0
 */
const char *anker_wwb_result_get_line_text(const struct anker_wwb_result *result, size_t index,
					   int language);

/** @brief The number of facts missing for a verdict. @since 1.0 */
size_t anker_wwb_result_get_missing_count(const struct anker_wwb_result *result);

/**
 * @brief Missing fact @p index: the household's JSON path ("$.housemates[0].written_contract"),
 * or "norms:" and the figure a table lacks ("norms:single_18_20"); NULL past the last.
 * @since 1.0
 */
const char *anker_wwb_result_get_missing(const struct anker_wwb_result *result, size_t index);

#ifdef __cplusplus
}
#endif
#endif
