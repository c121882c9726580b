/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file batch.h
 * @brief Columnar batch scoring of many cases.
 *
 * Bind one caller-owned array per variable by name, bind arrays to the named
 * outputs you want (anker_batch_bind_output_f64(), anker_batch_bind_output_i32()),
 * then score n cases in one call (anker_batch_run()). Scoring allocates nothing
 * per case. A batch belongs to one thread; the model it scores with may be shared.
 *
 * Missing values: NaN in double columns, -1 in level-code columns, NULL in
 * string columns.
 *
 * Every variable of the model needs a column, or a declaration that it is
 * absent for every case (anker_batch_bind_absent()): a variable left unbound
 * fails anker_batch_run() and anker_batch_score() with ANKER_E_NO_COLUMN, so
 * that a misspelt column name cannot quietly turn a variable into "missing" for
 * everyone.
 */
#ifndef ANKER_BATCH_H
#define ANKER_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include <anker/error.h>
#include <anker/model.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A set of column bindings for one model. Opaque; one thread. @since 1.0 */
struct anker_batch;

/**
 * @brief Create a batch for @p model (which it keeps a reference to).
 * @param flags ANKER_SCORE_IGNORE_EXTRA makes binding an unknown name a no-op
 *        (the name is kept, to suggest it when a variable has no column);
 *        ANKER_SCORE_STRICT makes values the model would clamp or impute errors.
 * @since 1.0
 */
int anker_batch_new(struct anker_model *model, unsigned int flags, struct anker_batch **ret);

/** @brief Free a batch; NULL is a no-op. The bound arrays are not touched. @since 1.0 */
void anker_batch_free(struct anker_batch *batch);

/**
 * @brief Bind a column of doubles: numeric values, or 0/1 for a boolean variable.
 * @param stride distance between values in bytes; 0 means sizeof(double).
 * @return 0, ANKER_E_UNKNOWN_VARIABLE, ANKER_E_TYPE_MISMATCH (categorical variable)
 *         or ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_batch_bind_f64(struct anker_batch *batch, const char *name, const double *values,
			 size_t stride);

/**
 * @brief Bind a column of 64-bit integers: numeric values, 0/1 for a boolean,
 * or 0-based level codes for a categorical variable (-1 is missing).
 * @since 1.0
 */
int anker_batch_bind_i64(struct anker_batch *batch, const char *name, const int64_t *values,
			 size_t stride);

/** @brief As anker_batch_bind_i64(), for 32-bit integers. @since 1.0 */
int anker_batch_bind_i32(struct anker_batch *batch, const char *name, const int32_t *values,
			 size_t stride);

/** @brief Bind a column of bytes: 0/1 for a boolean variable (as numpy bool). @since 1.0 */
int anker_batch_bind_u8(struct anker_batch *batch, const char *name, const uint8_t *values,
			size_t stride);

/**
 * @brief Bind a column of level names for a categorical variable (NULL is missing).
 * @param stride distance between pointers in bytes; 0 means sizeof(char *).
 * @since 1.0
 */
int anker_batch_bind_strings(struct anker_batch *batch, const char *name,
			     const char *const *values, size_t stride);

/**
 * @brief Declare that the caller has no column for variable @p name: it is
 * missing for every case, and its missing-value policy applies.
 * @return 0, ANKER_E_UNKNOWN_VARIABLE (even with ANKER_SCORE_IGNORE_EXTRA: a
 *         declaration about a variable the model lacks is a mistake) or
 *         ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_batch_bind_absent(struct anker_batch *batch, const char *name);

/**
 * @brief Remove every binding (of variables, outputs and contributions) and
 * absence declaration.
 * @since 1.0
 */
void anker_batch_unbind_all(struct anker_batch *batch);

/**
 * @brief Where anker_batch_run() writes the number output @p name
 * (anker_model_get_output_name()) from now on: @p values[i] for case i, NaN
 * where the output is undefined or the case failed.
 * @param values a caller-owned contiguous array of at least the @p n of every
 *        later anker_batch_run() call, or NULL to stop writing the output.
 * @return 0, ANKER_E_NOT_FOUND (no output of that name), ANKER_E_TYPE_MISMATCH
 *         (a level output: bind it with anker_batch_bind_output_i32()) or
 *         ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_batch_bind_output_f64(struct anker_batch *batch, const char *name, double *values);

/**
 * @brief As anker_batch_bind_output_f64(), for a level output: @p values[i] is
 * case i's level (anker_model_get_output_level_name()), -1 where it is undefined
 * or the case failed. A number output is ANKER_E_TYPE_MISMATCH.
 * @since 1.0
 */
int anker_batch_bind_output_i32(struct anker_batch *batch, const char *name, int32_t *values);

/**
 * @brief Where anker_batch_run() writes the contributions that explain each
 * case from now on: n rows of anker_model_get_contribution_count() entries,
 * row-major; NaN for a failed case.
 * @param values a caller-owned array, or NULL to stop writing them.
 * @return 0 or ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_batch_bind_contributions(struct anker_batch *batch, double *values);

/**
 * @brief Where anker_batch_run() and anker_batch_score() write two optional
 * per-case outputs from now on.
 * @param flags NULL, or n entries: enum anker_value_flags OR-ed over the
 *        case's variables (0 when every value was used as given).
 * @param variable NULL, or n entries: for a case that failed (see the @p status
 *        array of anker_batch_run()), the index of the variable at fault, as
 *        in anker_model_get_variable_name(); -1 for a case that succeeded or
 *        failed as a whole (a linear predictor that is not a number).
 * Each array must hold as many entries as the @p n of every later
 * anker_batch_run() or anker_batch_score() call; pass NULL to stop writing it.
 * @since 1.0
 */
void anker_batch_set_case_outputs(struct anker_batch *batch, uint32_t *flags, int32_t *variable);

/**
 * @brief How many values of variable @p variable were missing, imputed and
 * clamped, over every case of every anker_batch_run() or anker_batch_score()
 * call since the batch was created or anker_batch_reset_counts() (failed cases
 * included: a case that fails for one variable still counts for the others).
 * A missing value that the policy "level" maps to the explicit missing level
 * counts as missing, not imputed. Each output is optional.
 * @return 0, ANKER_E_NOT_FOUND for a variable index out of range, or
 *         ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_batch_get_counts(const struct anker_batch *batch, size_t variable,
			   uint64_t *ret_missing, uint64_t *ret_imputed, uint64_t *ret_clamped);

/** @brief Set every count of anker_batch_get_counts() to 0. @since 1.0 */
void anker_batch_reset_counts(struct anker_batch *batch);

/**
 * @brief Score @p n cases into the bound outputs and contributions.
 *
 * Outputs nobody bound are not written (nor, where the kind can avoid it,
 * computed). Without @p status, the first bad case fails the call with its
 * index in the error object. With @p status (@p n entries), every case gets its
 * own status code, a bad case gets NaN in number outputs and contributions and
 * -1 in level outputs, and the call returns 0. On failure the bound arrays hold
 * unspecified values.
 * @return 0, ANKER_E_NO_COLUMN (a variable has neither a column nor an absence
 *         declaration; the field names it, and the message suggests the nearest
 *         ignored column name), or another negative ANKER_E_* code.
 * @since 1.0
 */
int anker_batch_run(struct anker_batch *batch, size_t n, int32_t *status, struct anker_error *err);

/**
 * @brief Score @p n cases into the outputs a binary model declares: a shortcut
 * for anker_batch_run() with "probability", "linear_predictor" and "band" bound
 * to these arrays (the batch's own output bindings are neither used nor changed).
 *
 * Each output array is optional (NULL) and, when given, holds @p n entries;
 * @p contributions holds n * anker_model_get_contribution_count() entries, row-major (one row per case).
 * @p status as for anker_batch_run().
 * @return as anker_batch_run(); also ANKER_E_NOT_FOUND when an array is given
 *         for an output the model does not have.
 * @since 1.0
 */
int anker_batch_score(struct anker_batch *batch, size_t n, double *probability,
		      double *linear_predictor, int32_t *band, double *contributions,
		      int32_t *status, struct anker_error *err);

#ifdef __cplusplus
}
#endif
#endif
