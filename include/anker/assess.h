/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file assess.h
 * @brief The ANKER assessment: a profile of instruments and a rule table, the
 * eerste advies, the professional's decision, and the assessment record.
 *
 * The flow (docs/assessment.md): a profile names the instruments (models and
 * questionnaires, each pinned by id, version and SHA-256), an advice rule
 * table (a model of kind "rules") and the reason codes a coach may give for
 * deviating. anker_profile_assess() scores one case with every instrument and
 * feeds their outputs to the rule table: the eerste advies. The coach's
 * decision (the afgewogen oordeel) is attached with anker_assessment_decide();
 * anker_assessment_write_record() writes the canonical JSON record, which
 * anker_profile_verify_record() re-assesses bit for bit.
 *
 * A profile is immutable once loaded and may be used by any number of threads
 * at once; each thread keeps its own assessments. Records hold personal data:
 * the library never logs them.
 */
#ifndef ANKER_ASSESS_H
#define ANKER_ASSESS_H

#include <stddef.h>

#include <anker/case.h>
#include <anker/context.h>
#include <anker/error.h>
#include <anker/model.h>
#include <anker/score.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A loaded assessment profile. Opaque, refcounted, immutable. @since 1.0 */
struct anker_profile;

/** @brief One assessed case: outputs, advice and, once given, the decision. Opaque. @since 1.0 */
struct anker_assessment;

/** @brief Flags for anker_profile_assess(). @since 1.0 */
enum anker_assess_flags {
	ANKER_ASSESS_DEFAULT = 0, /**< a case value that no instrument reads is an error */
	/** Values that no instrument reads are ignored, and left out of the record. @since 1.0 */
	ANKER_ASSESS_IGNORE_EXTRA = 1u << 0,
};

/**
 * @brief Load a profile and every file it names (docs/assessment.md, "Profiles").
 *
 * Instrument and rule-table files are read relative to the profile's
 * directory. Each must have the id, version and SHA-256 the profile pins
 * (ANKER_E_HASH_MISMATCH names both files otherwise); each rule-table input
 * "<ALIAS>.<output>" must be an output of the instrument with that alias, of
 * the same type and, for a level, with the same levels (ANKER_E_REFERENCE).
 * @param[out] ret the profile; untouched on failure.
 * @return 0 or a negative ANKER_E_* code; @p err names the file, JSON path and field.
 * @since 1.0
 */
int anker_profile_load_file(struct anker_ctx *ctx, const char *path, struct anker_error *err,
			    struct anker_profile **ret);

/** @brief Take a reference. @since 1.0 */
struct anker_profile *anker_profile_ref(struct anker_profile *profile);

/** @brief Drop a reference; NULL is a no-op. @return NULL. @since 1.0 */
struct anker_profile *anker_profile_unref(struct anker_profile *profile);

/** @brief The profile's id. @since 1.0 */
const char *anker_profile_get_id(const struct anker_profile *profile);

/** @brief The profile's version. @since 1.0 */
const char *anker_profile_get_version(const struct anker_profile *profile);

/** @brief The SHA-256 of the profile file's bytes, 64 lowercase hex digits. @since 1.0 */
const char *anker_profile_get_sha256(const struct anker_profile *profile);

/** @brief How many instruments the profile names. @since 1.0 */
size_t anker_profile_get_instrument_count(const struct anker_profile *profile);

/** @brief The alias of instrument @p index ("AMT"), or NULL when out of range. @since 1.0 */
const char *anker_profile_get_instrument_alias(const struct anker_profile *profile, size_t index);

/** @brief The model of instrument @p index, owned by the profile, or NULL. @since 1.0 */
const struct anker_model *anker_profile_get_instrument(const struct anker_profile *profile,
						       size_t index);

/** @brief The rule table (a model of kind "rules"), owned by the profile. @since 1.0 */
const struct anker_model *anker_profile_get_rules(const struct anker_profile *profile);

/**
 * @brief The alias of the profile's WWB-toets instrument ("WWB"), or NULL when it has none.
 *
 * The case supplies the household as "<alias>.<field>" values, with the
 * fields of anker_wwb_household_field_name() and "<alias>.assessment_date";
 * the rule table reads "<alias>.verdict", "<alias>.expected_bijstand" and the
 * other outputs docs/assessment.md lists.
 * @since 1.0
 */
const char *anker_profile_get_wwb_alias(const struct anker_profile *profile);

/** @brief How many override reason codes the profile lists. @since 1.0 */
size_t anker_profile_get_reason_count(const struct anker_profile *profile);

/** @brief Reason code @p index, or NULL when out of range. @since 1.0 */
const char *anker_profile_get_reason_code(const struct anker_profile *profile, size_t index);

/**
 * @brief The label of reason code @p index in @p lang ("nl" or "en"), or NULL.
 * @since 1.0
 */
const char *anker_profile_get_reason_label(const struct anker_profile *profile, size_t index,
					   const char *lang);

/**
 * @brief Assess one case: score it with every instrument and apply the rule table.
 *
 * The case holds the inputs of all instruments; a variable several
 * instruments read has one value for all of them. An instrument output that
 * cannot be computed (a questionnaire scale with too many missing answers)
 * reaches the rule table as missing.
 * @param flags a combination of enum anker_assess_flags.
 * @param[out] ret the assessment; untouched on failure. Free it with anker_assessment_free().
 * @return 0, ANKER_E_UNKNOWN_VARIABLE for a value no instrument reads, or an
 *         error of anker_model_score() (the message names the instrument).
 * @since 1.0
 */
int anker_profile_assess(const struct anker_profile *profile, const struct anker_case *c,
			 unsigned int flags, struct anker_assessment **ret,
			 struct anker_error *err);

/**
 * @brief Assess another case into @p a, an assessment of @p profile that is
 * no longer needed, reusing its memory: anker_profile_assess() for a
 * caseload, one assessment refilled per case.
 *
 * Everything @p a held (outputs, advice, decision, case id, previous hash) is
 * replaced, and pointers taken from it (anker_assessment_get_result()) are
 * invalid. The record is the one anker_profile_assess() gives for @p c.
 * @param flags a combination of enum anker_assess_flags.
 * @return 0, or an error of anker_profile_assess(); ANKER_E_INVALID_ARGUMENT
 *         when @p a is not an assessment of @p profile. On failure @p a holds
 *         no case: free it, or assess again; writing its record fails with
 *         ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_profile_reassess(const struct anker_profile *profile, const struct anker_case *c,
			   unsigned int flags, struct anker_assessment *a, struct anker_error *err);

/** @brief Free an assessment; NULL is a no-op. @since 1.0 */
void anker_assessment_free(struct anker_assessment *a);

/**
 * @brief Instrument @p index's result (its outputs and explanation), owned by
 * the assessment, or NULL when out of range.
 * @since 1.0
 */
const struct anker_result *anker_assessment_get_result(const struct anker_assessment *a,
						       size_t index);

/**
 * @brief The rule table's result: its outputs are the advice fields and
 * "rule"; its contributions, one per rule, are 1 for the rule that fired, 0
 * for one that did not match, NaN for one not evaluated, and their details
 * (anker_result_get_contribution_detail()) say which values decided each.
 * @since 1.0
 */
const struct anker_result *anker_assessment_get_advice(const struct anker_assessment *a);

/**
 * @brief The advice for field @p field ("service", "fase", "route", or "rule"
 * for the id of the rule that fired): a level name owned by the profile, or
 * NULL for an unknown field.
 * @since 1.0
 */
const char *anker_assessment_get_advice_value(const struct anker_assessment *a, const char *field);

/**
 * @brief Record the professional's decision (the afgewogen oordeel).
 *
 * @p fields and @p values are @p count pairs of an advice field and the
 * decided level; a field not given keeps the advice. When any field differs
 * from the advice, @p reason_code must be one of the profile's reason codes
 * (ANKER_E_REASON_REQUIRED, ANKER_E_UNKNOWN_REASON); agreeing is recorded as
 * agreement, and a reason is then optional.
 * @param actor_id an opaque id of the professional; required.
 * @param actor_role the professional's role (e.g. "werkcoach"); required.
 * @param time when the decision was made, ISO 8601 as the caller gives it
 *        (the library reads no clock); required.
 * @param reason_code a reason code, or NULL.
 * @param reason_text free text explaining the decision, or NULL.
 * @return 0, ANKER_E_INVALID_ARGUMENT, ANKER_E_NOT_FOUND (a field the table
 *         does not have), ANKER_E_UNKNOWN_LEVEL, ANKER_E_REASON_REQUIRED or
 *         ANKER_E_UNKNOWN_REASON; on failure no decision is recorded.
 * @since 1.0
 */
int anker_assessment_decide(struct anker_assessment *a, size_t count, const char *const *fields,
			    const char *const *values, const char *actor_id, const char *actor_role,
			    const char *time, const char *reason_code, const char *reason_text,
			    struct anker_error *err);

/**
 * @brief Chain the record to the client's previous record: its "sha256".
 * @param previous 64 lowercase hex digits, or NULL for no chain.
 * @return 0 or ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_assessment_set_previous(struct anker_assessment *a, const char *previous);

/**
 * @brief The case system's id for the case (a client or case number), written
 * into the record as "case_id" so that a record can be found again.
 * @param case_id a non-empty string, or NULL for none.
 * @return 0, ANKER_E_INVALID_ARGUMENT or ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_assessment_set_case_id(struct anker_assessment *a, const char *case_id);

/**
 * @brief Write the assessment record: canonical JSON (sorted keys, compact,
 * UTF-8, numbers that read back exactly), without a newline.
 *
 * @param buf where to write, or NULL with @p cap 0 to ask for the size.
 * @param[out] ret_len the record's length in bytes (without a NUL), also when
 *             @p buf is too small.
 * @return 0 (the record and a NUL written), ANKER_E_TOO_LARGE when @p cap is
 *         not at least *ret_len + 1, or ANKER_E_NO_MEMORY. On an error the
 *         contents of @p buf are unspecified (a record is written straight
 *         into it while it fits): use it only after a return of 0.
 * @since 1.0
 */
int anker_assessment_write_record(const struct anker_assessment *a, char *buf, size_t cap,
				  size_t *ret_len, struct anker_error *err);

/**
 * @brief Write the record and a newline to a file (a JSON Lines line).
 * @param append nonzero to append (a chain), zero to replace the file.
 * @return 0, ANKER_E_IO or ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_assessment_write_record_file(const struct anker_assessment *a, const char *path,
				       int append, struct anker_error *err);

/**
 * @brief The SHA-256 of the record (its "sha256" field), 64 lowercase hex
 * digits into @p out (65 bytes with the NUL).
 * @return 0 or ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_assessment_get_record_sha256(const struct anker_assessment *a, char out[65]);

/**
 * @brief Verify one record against @p profile: re-assess its inputs, re-apply
 * its decision, and compare every field bit for bit, its SHA-256 and, when
 * @p previous is not NULL, that the record chains to it.
 *
 * A record verifies whatever the library version that wrote it, under any
 * locale and thread count.
 * @return 0; ANKER_E_VERIFY with the first differing field's JSON path in
 *         @p err (anker_error_path(); the message lists the differences);
 *         ANKER_E_SYNTAX, ANKER_E_HASH_MISMATCH (written with another profile
 *         or instrument), or an assessment error.
 * @since 1.0
 */
int anker_profile_verify_record(const struct anker_profile *profile, const char *data, size_t size,
				const char *previous, struct anker_error *err);

/**
 * @brief Verify a JSON Lines file of records: each as
 * anker_profile_verify_record(), and each record that has a "previous" field
 * must chain to the line before it.
 * @param[out] ret_count the number of records verified, or NULL.
 * @return 0 or the first failure, with anker_error_case_index() its 0-based line.
 * @since 1.0
 */
int anker_profile_verify_file(const struct anker_profile *profile, const char *path,
			      size_t *ret_count, struct anker_error *err);

/**
 * @brief Verify a JSON Lines file of records with the profile they name, as
 * anker_profile_verify_file().
 *
 * The first record's "profile" gives the profile's file name, id and SHA-256.
 * The file is looked for in the records file's directory, the current
 * directory, each directory of the environment variable ANKER_PROFILE_PATH
 * (colon-separated), and the installed profiles (share/anker/profiles), in
 * that order; the first whose id and SHA-256 are the record's is used.
 * @param[out] ret_count the number of records verified, or NULL.
 * @return 0; ANKER_E_NOT_FOUND when no place holds the profile (the message
 *         lists every place tried and why each was no match); or an error of
 *         anker_profile_verify_file().
 * @since 1.0
 */
int anker_verify_file(struct anker_ctx *ctx, const char *path, size_t *ret_count,
		      struct anker_error *err);

#ifdef __cplusplus
}
#endif
#endif
