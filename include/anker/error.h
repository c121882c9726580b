/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file error.h
 * @brief Status codes and the caller-owned error object.
 *
 * Every fallible call returns an int: 0 on success, a negative ANKER_E_* code on
 * failure. The values are stable: a code is never renumbered or reused.
 * Details go into an optional struct anker_error that the caller creates,
 * passes to calls and frees. The library keeps no "last error" anywhere.
 *
 * A call that takes an error object and succeeds clears it, so that after any
 * call anker_error_code() describes that call: 0 after a success, the failure's
 * code after a failure.
 */
#ifndef ANKER_ERROR_H
#define ANKER_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Status codes. 0 is success; failures are negative and stable.
 * @since 1.0
 */
enum anker_status {
	ANKER_OK = 0,                  /**< success */
	ANKER_E_INVALID_ARGUMENT = -1, /**< a NULL or otherwise invalid argument */
	ANKER_E_NO_MEMORY = -2,        /**< an allocation failed */
	ANKER_E_IO = -3,               /**< a file could not be opened, read or written */
	ANKER_E_SYNTAX = -4,           /**< input is not well-formed (JSON or CSV syntax) */
	ANKER_E_UNKNOWN_KEY = -5,      /**< a model file holds a key the format does not define */
	ANKER_E_WRONG_TYPE = -6,       /**< a JSON value has the wrong type */
	ANKER_E_MISSING_KEY = -7,      /**< a required key is absent */
	ANKER_E_BAD_VALUE = -8,        /**< a value has the right type but is not allowed */
	ANKER_E_DUPLICATE = -9,        /**< a name, level or band appears twice */
	ANKER_E_ORDER = -10,           /**< thresholds, knots, edges or a range are out of order */
	ANKER_E_REFERENCE = -11,       /**< a term names an unknown or unsuitable variable or level */
	ANKER_E_UNSUPPORTED = -12,     /**< unknown format version, model kind or link */
	ANKER_E_UNKNOWN_VARIABLE = -13, /**< a case sets a variable the model does not know */
	ANKER_E_TYPE_MISMATCH = -14,   /**< a case value does not fit the variable's kind */
	ANKER_E_UNKNOWN_LEVEL = -15,   /**< a categorical value names no level of the variable */
	ANKER_E_MISSING_VALUE = -16,   /**< a value is missing and the policy is to reject */
	ANKER_E_OUT_OF_RANGE = -17,    /**< a value is outside its range (or not finite) and the policy is to reject */
	ANKER_E_NOT_FOUND = -18,       /**< a lookup by name or index found nothing */
	ANKER_E_TOO_LARGE = -19,       /**< an input exceeds a documented limit */
	ANKER_E_NO_COLUMN = -20,       /**< a batch has no column for a variable, and it was not declared absent */
	ANKER_E_NOT_AN_OPTION = -21,   /**< a questionnaire answer is none of the item's options (e.g. 2.5 or 6 on a 1-5 Likert item); @since 1.0 */
	ANKER_E_HASH_MISMATCH = -22,   /**< a file's SHA-256, id or version is not the one a profile pins; @since 1.0 */
	ANKER_E_REASON_REQUIRED = -23, /**< a decision deviates from the advice without a reason code; @since 1.0 */
	ANKER_E_UNKNOWN_REASON = -24,  /**< a reason code the profile does not list; @since 1.0 */
	ANKER_E_VERIFY = -25,          /**< an assessment record does not match its re-assessment, its hash or its chain; @since 1.0 */
	ANKER_E_SEPARATION = -34,      /**< a fit's outcome is (quasi-)completely separated by a term: no finite estimate; @since 1.0 */
	ANKER_E_SINGULAR = -35,        /**< a fit's design is singular: collinear terms, or a level, bin or knot without cases; @since 1.0 */
	ANKER_E_NOT_CONVERGED = -36,   /**< a fit did not converge within its maximum number of iterations; @since 1.0 */
};

/**
 * @brief A short English description of a status code.
 * @return a static string; "unknown status" for a value that is no code.
 * @since 1.0
 */
const char *anker_strerror(int status);

/**
 * @brief The symbolic name of a status code, e.g. "ANKER_E_SYNTAX".
 *
 * This is the function twin of the enum for bindings: iterating 0, -1, -2, ...
 * until NULL lists every code this library knows.
 * @return a static string, or NULL for a value that is no code.
 * @since 1.0
 */
const char *anker_status_name(int status);

/**
 * @brief Details of a failure: message and where it applies. Opaque, caller-owned.
 * @since 1.0
 */
struct anker_error;

/**
 * @brief Create an empty error object.
 *
 * Uses the C library's malloc, so that an error can be created before any context.
 * Filling it in later never allocates.
 * @param[out] ret the new object; untouched on failure.
 * @return 0, ANKER_E_INVALID_ARGUMENT or ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_error_new(struct anker_error **ret);

/** @brief Free an error object. NULL is a no-op. @since 1.0 */
void anker_error_free(struct anker_error *err);

/** @brief Reset an error object to "no error". NULL is a no-op. @since 1.0 */
void anker_error_clear(struct anker_error *err);

/** @brief The status code recorded, or 0 when none. @since 1.0 */
int anker_error_code(const struct anker_error *err);

/**
 * @brief The full human-readable message, including where ("file:line:column: $.path: ...").
 * @return a string owned by @p err; "" when there is no error. Never NULL.
 * @since 1.0
 */
const char *anker_error_message(const struct anker_error *err);

/**
 * @brief The message alone, without the location prefix of anker_error_message().
 * @return a string owned by @p err; "" when there is no error. Never NULL.
 * @since 1.0
 */
const char *anker_error_text(const struct anker_error *err);

/** @brief The file the error applies to, or NULL. @since 1.0 */
const char *anker_error_file(const struct anker_error *err);

/** @brief The 1-based line the error applies to, or 0. @since 1.0 */
long anker_error_line(const struct anker_error *err);

/** @brief The 1-based column the error applies to, or 0. @since 1.0 */
long anker_error_column(const struct anker_error *err);

/** @brief The JSON path the error applies to (e.g. "$.terms[2].coef"), or NULL. @since 1.0 */
const char *anker_error_path(const struct anker_error *err);

/** @brief The field (variable or key) the error applies to, or NULL. @since 1.0 */
const char *anker_error_field(const struct anker_error *err);

/** @brief The 0-based case index in a batch the error applies to, or -1. @since 1.0 */
long long anker_error_case_index(const struct anker_error *err);

#ifdef __cplusplus
}
#endif
#endif
