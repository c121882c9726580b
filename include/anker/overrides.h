/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file overrides.h
 * @brief Override figures from a file of assessment records (docs/evaluation.md,
 * "Overrides"): how often professionals decide otherwise than the advice.
 *
 * anker_overrides_read_file() (or anker_overrides_read_text()) counts the
 * records of one profile (JSON Lines, format_version 2): records with and
 * without a decision, overrides (a decision whose values differ from the
 * advice's), per advice value combination and per advice rule, the
 * advice-to-decision matrix per advice field and the reason codes. Counting
 * does not verify the records: run anker_verify_file() first.
 */
#ifndef ANKER_OVERRIDES_H
#define ANKER_OVERRIDES_H

#include <stddef.h>

#include <anker/context.h>
#include <anker/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief The figures of a records file. Opaque. @since 1.0 */
struct anker_overrides;

/** @brief The counts of anker_overrides_get_count(). @since 1.0 */
enum anker_overrides_count {
	ANKER_OVERRIDES_RECORDS = 0,	/**< every record */
	ANKER_OVERRIDES_DECIDED = 1,	/**< records with a decision */
	ANKER_OVERRIDES_UNDECIDED = 2,	/**< records without one (decision null) */
	ANKER_OVERRIDES_OVERRIDDEN = 3, /**< decisions that differ from the advice */
};

/** @brief The groupings of anker_overrides_get_advice(). @since 1.0 */
enum anker_overrides_by {
	/** per combination of advice values, "field=value,field=value" in the record's key order */
	ANKER_OVERRIDES_BY_VALUES = 0,
	ANKER_OVERRIDES_BY_RULE = 1, /**< per advice rule id */
};

/**
 * @brief Count the records in @p data (JSON Lines; empty lines are skipped).
 *
 * Every record must be an object with "format" "anker-record",
 * "format_version" 2, "profile" (with "id"), "advice" ("values": strings,
 * "rule": a string) and "decision" (null, or "values" with the advice's
 * fields, "agrees" equal to whether they are the advice's, "reason" null or
 * with "code" a string or null). All records must name the same profile id;
 * versions of it may be mixed. The reason labels are read from the profile
 * the first record names, found as anker_verify_file() finds it from @p name
 * (else the codes have no labels).
 * @param name the file name errors cite (and where the profile is looked for first).
 * @param[out] ret the figures; untouched on failure. Free with anker_overrides_free().
 * @return 0; ANKER_E_SYNTAX (not JSON, no records), ANKER_E_DUPLICATE (a key
 *         twice in a record), ANKER_E_MISSING_KEY,
 *         ANKER_E_WRONG_TYPE, ANKER_E_BAD_VALUE (another format, another
 *         profile, "agrees" contradicting the values), ANKER_E_UNSUPPORTED
 *         (another format_version), ANKER_E_NO_MEMORY; @p err names file,
 *         line and field.
 * @since 1.0
 */
int anker_overrides_read_text(struct anker_ctx *ctx, const char *data, size_t size,
			      const char *name, struct anker_overrides **ret,
			      struct anker_error *err);

/**
 * @brief anker_overrides_read_text() on the file at @p path (read line by line).
 * @return as anker_overrides_read_text(), or ANKER_E_IO.
 * @since 1.0
 */
int anker_overrides_read_file(struct anker_ctx *ctx, const char *path, struct anker_overrides **ret,
			      struct anker_error *err);

/** @brief Free the figures; NULL is a no-op. @since 1.0 */
void anker_overrides_free(struct anker_overrides *ov);

/** @brief The profile id of the records. @since 1.0 */
const char *anker_overrides_get_profile_id(const struct anker_overrides *ov);

/** @brief A count (enum anker_overrides_count); 0 for an unknown one. @since 1.0 */
size_t anker_overrides_get_count(const struct anker_overrides *ov, int which);

/** @brief The number of rows of grouping @p by (enum anker_overrides_by). @since 1.0 */
size_t anker_overrides_get_advice_count(const struct anker_overrides *ov, int by);

/**
 * @brief Row @p index of grouping @p by, in order of first appearance: its key,
 * its records, those with a decision and the overridden ones among them.
 * @return 0, or ANKER_E_NOT_FOUND for an index or grouping out of range.
 * @since 1.0
 */
int anker_overrides_get_advice(const struct anker_overrides *ov, int by, size_t index,
			       const char **ret_key, size_t *ret_records, size_t *ret_decided,
			       size_t *ret_overridden);

/** @brief The number of cells of the advice-to-decision matrix. @since 1.0 */
size_t anker_overrides_get_cell_count(const struct anker_overrides *ov);

/**
 * @brief Cell @p index: how many decided records had advice field @p ret_field
 * advised as @p ret_advised and decided as @p ret_decided. Cells that count
 * nothing are absent; cells are grouped by field, each group in order of
 * first appearance.
 * @return 0, or ANKER_E_NOT_FOUND.
 * @since 1.0
 */
int anker_overrides_get_cell(const struct anker_overrides *ov, size_t index, const char **ret_field,
			     const char **ret_advised, const char **ret_decided, size_t *ret_count);

/** @brief The number of distinct reason codes of the decisions (a decision without a code counts as
 * NULL). @since 1.0 */
size_t anker_overrides_get_reason_count(const struct anker_overrides *ov);

/**
 * @brief Reason @p index, in order of first appearance: its code (NULL for a
 * reason with text only), how many decisions gave it and how many of those
 * are overrides.
 * @return 0, or ANKER_E_NOT_FOUND.
 * @since 1.0
 */
int anker_overrides_get_reason(const struct anker_overrides *ov, size_t index,
			       const char **ret_code, size_t *ret_count, size_t *ret_overridden);

/**
 * @brief The label of reason @p index in @p lang ("nl" or "en") from the
 * profile, or NULL when the profile was not found or does not list the code.
 * @since 1.0
 */
const char *anker_overrides_get_reason_label(const struct anker_overrides *ov, size_t index,
					     const char *lang);

#ifdef __cplusplus
}
#endif

#endif
