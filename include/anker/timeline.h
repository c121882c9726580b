/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file timeline.h
 * @brief The case timeline: the WW end date and every deadline from the WW start to the
 * sluitende aanpak.
 *
 * From the WW start date, the work history (or the maximum duration UWV
 * granted) and the date of birth, a timeline holds the day the WW ends (WW
 * art. 42, capped at the day the client reaches the state pension age, WW
 * art. 19(1)(f)) and the deadlines the case systems live by, each with a
 * stable rule id, a Dutch and an English label and its source (an article of
 * the law or a line of a report). docs/timeline.md gives every rule.
 *
 * Dates are "YYYY-MM-DD". Month arithmetic has one convention: adding months
 * keeps the day of the month, and a day the target month lacks becomes that
 * month's last day (31 January + 1 month = 28 or 29 February; 31 March -
 * 1 month = 28 or 29 February). Half a month (work history from 2016 counts
 * half a month a year) is 15 days, added after the whole months.
 *
 * The pension age comes from the pension-age table of a struct
 * anker_wwb_norms (wwb.h). A timeline is immutable and may be read by any
 * number of threads.
 */
#ifndef ANKER_TIMELINE_H
#define ANKER_TIMELINE_H

#include <stddef.h>

#include <anker/context.h>
#include <anker/error.h>
#include <anker/wwb.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief One case's WW end date and deadlines. Opaque, owned by the caller. @since 1.0 */
struct anker_timeline;

/**
 * @brief The timeline of a WW from its work history (WW art. 42).
 *
 * The duration is one month per year for the first 10 years of work history
 * (the earliest years, so years before 2016 first); above 10 years, one month
 * per year before 2016 and half a month per year from 2016; at least 3 and at
 * most 24 months. The 24-month cap holds for a WW that starts on or after
 * 2019-04-01; an earlier start is ANKER_E_OUT_OF_RANGE (the cap was phased in
 * from 38 months): use anker_timeline_new_max_months() with UWV's duration.
 *
 * @param norms a set holding the pension-age table.
 * @param ww_start the first day of the WW.
 * @param birth_date the client's date of birth, on or before @p ww_start.
 * @param years_before_2016 whole calendar years of work history before 2016:
 *        0 up to 2016 minus the year the client turned 18.
 * @param years_from_2016 whole calendar years from 2016: 0 up to the years
 *        between 2016 and the year the WW starts (that year does not count).
 * @param[out] ret the timeline; untouched on failure.
 * @return 0; ANKER_E_BAD_VALUE for a date that does not exist or a birth
 *         date after the WW start; ANKER_E_OUT_OF_RANGE for a number of years
 *         outside its range, a WW starting at or after pension age, or before
 *         2019-04-01; ANKER_E_NOT_FOUND when the pension age is needed and the
 *         table has no row for the date of birth; ANKER_E_INVALID_ARGUMENT,
 *         ANKER_E_NO_MEMORY. The message names the field.
 * @since 1.0
 */
int anker_timeline_new(struct anker_ctx *ctx, const struct anker_wwb_norms *norms,
		       const char *ww_start, const char *birth_date, int years_before_2016,
		       int years_from_2016, struct anker_error *err, struct anker_timeline **ret);

/**
 * @brief The timeline of a WW whose maximum duration is given (as in UWV's decision).
 * @param max_months 3 to 38, in whole or half months.
 * @return as anker_timeline_new(); a duration that is not a whole or half
 *         number of months in 3..38 is ANKER_E_OUT_OF_RANGE.
 * @since 1.0
 */
int anker_timeline_new_max_months(struct anker_ctx *ctx, const struct anker_wwb_norms *norms,
				  const char *ww_start, const char *birth_date, double max_months,
				  struct anker_error *err, struct anker_timeline **ret);

/**
 * @brief A timeline from a JSON case (docs/timeline.md, "A case").
 *
 * The object has "ww_start", "birth_date", and either "years_before_2016"
 * and "years_from_2016" or "max_months". An error names @p source_name, the
 * JSON path and the field.
 * @return 0 or a negative ANKER_E_* code.
 * @since 1.0
 */
int anker_timeline_parse(struct anker_ctx *ctx, const struct anker_wwb_norms *norms,
			 const char *json, size_t size, const char *source_name,
			 struct anker_error *err, struct anker_timeline **ret);

/**
 * @brief A timeline from the flat text fields of a caseload row.
 *
 * @p names[i] is a field name (anker_timeline_field_name()) and @p values[i]
 * its text; an empty text is an absent field. An unknown name is
 * ANKER_E_UNKNOWN_KEY; errors name the field.
 * @return 0 or a negative ANKER_E_* code.
 * @since 1.0
 */
int anker_timeline_from_fields(struct anker_ctx *ctx, const struct anker_wwb_norms *norms,
			       const char *const *names, const char *const *values, size_t count,
			       struct anker_error *err, struct anker_timeline **ret);

/**
 * @brief The name of case field @p index ("ww_start", "birth_date",
 * "years_before_2016", "years_from_2016", "max_months"); NULL past the last.
 * @since 1.0
 */
const char *anker_timeline_field_name(size_t index);

/** @brief Free a timeline. NULL is a no-op. @since 1.0 */
void anker_timeline_free(struct anker_timeline *timeline);

/** @brief The first day of the WW, "YYYY-MM-DD". @since 1.0 */
const char *anker_timeline_get_ww_start(const struct anker_timeline *timeline);

/**
 * @brief The day the WW ends: the first day without WW, "YYYY-MM-DD".
 *
 * The WW start plus the duration, or the day the client reaches pension
 * age when that is earlier. Bijstand can start on this day.
 * @since 1.0
 */
const char *anker_timeline_get_ww_end(const struct anker_timeline *timeline);

/** @brief The last day with WW (the day before anker_timeline_get_ww_end()). @since 1.0 */
const char *anker_timeline_get_ww_last_day(const struct anker_timeline *timeline);

/** @brief The duration in months (whole or half) before the pension-age cap. @since 1.0 */
double anker_timeline_get_duration_months(const struct anker_timeline *timeline);

/** @brief 1 when the pension age ended the WW before its duration, else 0. @since 1.0 */
int anker_timeline_get_capped(const struct anker_timeline *timeline);

/**
 * @brief The day the client reaches pension age, or "" when the table only
 * says it is after the WW (a date of birth after its last row).
 * @since 1.0
 */
const char *anker_timeline_get_pension_date(const struct anker_timeline *timeline);

/** @brief The number of deadlines, in order of date. @since 1.0 */
size_t anker_timeline_get_count(const struct anker_timeline *timeline);

/** @brief The rule id of deadline @p index ("monitorgesprek"...); NULL past the last. @since 1.0 */
const char *anker_timeline_get_rule(const struct anker_timeline *timeline, size_t index);

/** @brief The date of deadline @p index, "YYYY-MM-DD"; NULL past the last. @since 1.0 */
const char *anker_timeline_get_date(const struct anker_timeline *timeline, size_t index);

/**
 * @brief The label of deadline @p index in @p language (ANKER_WWB_DUTCH or ANKER_WWB_ENGLISH).
 * @return the label; NULL past the last or for an unknown language.
 * @since 1.0
 */
const char *anker_timeline_get_label(const struct anker_timeline *timeline, size_t index,
				     int language);

/**
 * @brief The source of deadline @p index: an article ("WW art. 42") or a report
 * and its lines ("IWI R06/09 (2006), 000:81"); NULL past the last.
 * @since 1.0
 */
const char *anker_timeline_get_source(const struct anker_timeline *timeline, size_t index);

/**
 * @brief The index of the deadline with rule id @p rule, or -1 when the
 * timeline has none (the rule does not apply to this case).
 * @since 1.0
 */
long anker_timeline_find(const struct anker_timeline *timeline, const char *rule);

/**
 * @brief Rule id @p index of every deadline a timeline may hold, in a fixed
 * order (the columns of a caseload's output); NULL past the last.
 * @since 1.0
 */
const char *anker_timeline_rule_name(size_t index);

/**
 * @brief Write the timeline as canonical JSON (sorted keys, compact, UTF-8), without a newline.
 * @param buf where to write, or NULL with @p cap 0 to ask for the size.
 * @param[out] ret_len the length in bytes (without a NUL), also when @p buf is too small.
 * @return 0 (the text and a NUL written), ANKER_E_TOO_LARGE when @p cap is
 *         not at least *ret_len + 1, ANKER_E_INVALID_ARGUMENT or ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_timeline_write_json(const struct anker_timeline *timeline, char *buf, size_t cap,
			      size_t *ret_len, struct anker_error *err);

#ifdef __cplusplus
}
#endif
#endif
