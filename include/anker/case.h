/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file case.h
 * @brief A case: named, typed values describing one client.
 *
 * A case is independent of any model; values are matched to a model's
 * variables by name when the case is scored. A case belongs to one thread.
 */
#ifndef ANKER_CASE_H
#define ANKER_CASE_H

#include <stddef.h>

#include <anker/context.h>
#include <anker/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief One client's values. Opaque; owned by one thread. @since 1.0 */
struct anker_case;

/** @brief The kind of a value held in a case. @since 1.0 */
enum anker_value_type {
	ANKER_VALUE_NUMBER = 1,  /**< a real number */
	ANKER_VALUE_BOOLEAN = 2, /**< true or false */
	ANKER_VALUE_LEVEL = 3,   /**< a level name of a categorical variable */
	ANKER_VALUE_MISSING = 4, /**< explicitly missing: the model's missing-value policy applies */
};

/** @brief Longest variable name or level name accepted, in bytes. @since 1.0 */
#define ANKER_NAME_MAX 255

/**
 * @brief Create an empty case.
 * @param[out] ret the case; untouched on failure.
 * @since 1.0
 */
int anker_case_new(struct anker_ctx *ctx, struct anker_case **ret);

/** @brief Free a case; NULL is a no-op. @since 1.0 */
void anker_case_free(struct anker_case *c);

/** @brief Remove every value, keeping the memory for reuse. @since 1.0 */
void anker_case_clear(struct anker_case *c);

/**
 * @brief Set a number. Setting a name again replaces its value.
 * NaN is stored as a missing value; infinities are stored and rejected when scored.
 * @return 0, ANKER_E_INVALID_ARGUMENT (NULL, empty or over-long name) or ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_case_set_number(struct anker_case *c, const char *name, double value);

/** @brief Set a boolean (any non-zero @p value is true). @since 1.0 */
int anker_case_set_bool(struct anker_case *c, const char *name, int value);

/** @brief Set a categorical level by name; the string is copied. @since 1.0 */
int anker_case_set_level(struct anker_case *c, const char *name, const char *level);

/**
 * @brief Set the values of a JSON object text: each member a variable name
 * and its value, a number, true or false, a level name (a string), or null
 * for a value that is explicitly missing. Values already in the case stay
 * unless the object sets them again; on failure some may have been set.
 * @param json the text, UTF-8, @p size bytes (no NUL needed).
 * @param source a name for the text in messages (a file name), or NULL.
 * @return 0; ANKER_E_SYNTAX or ANKER_E_DUPLICATE for text that is no JSON
 *         or names a member twice (line and column in @p err);
 *         ANKER_E_WRONG_TYPE for no object or a member that is an array or
 *         object; ANKER_E_INVALID_ARGUMENT for an empty or over-long name or
 *         level name; ANKER_E_NO_MEMORY. @p err names the member ("$.age").
 * @since 1.0
 */
int anker_case_set_json(struct anker_case *c, const char *json, size_t size, const char *source,
			struct anker_error *err);

/** @brief Mark a value as explicitly missing. @since 1.0 */
int anker_case_set_missing(struct anker_case *c, const char *name);

/** @brief The number of values set. @since 1.0 */
size_t anker_case_get_count(const struct anker_case *c);

/**
 * @brief The type (enum anker_value_type) of the value called @p name,
 * or ANKER_E_NOT_FOUND when it was never set.
 * @since 1.0
 */
int anker_case_get_type(const struct anker_case *c, const char *name);

#ifdef __cplusplus
}
#endif
#endif
