/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file batch.h
 * @brief Columnar batch scoring of many cases.
 *
 * Bind one caller-owned array per variable by name, then score n cases in one
 * call. Scoring allocates nothing per case. A batch belongs to one thread; the
 * model it scores with may be shared.
 *
 * Missing values: NaN in double columns, -1 in level-code columns, NULL in
 * string columns. A variable left unbound is missing for every case.
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
 * @param flags ANKER_SCORE_IGNORE_EXTRA makes binding an unknown name a silent no-op.
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

/** @brief Remove every binding. @since 1.0 */
void anker_batch_unbind_all(struct anker_batch *batch);

/**
 * @brief Score @p n cases.
 *
 * Each output array is optional (NULL) and, when given, holds @p n entries;
 * @p contributions holds n * term-count entries, row-major (one row per case).
 *
 * Without @p status, the first bad case fails the call with its index in the
 * error object. With @p status, every case gets its own status code, a bad
 * case gets NaN probability, linear predictor and contributions and band -1,
 * and the call returns 0. On failure the output arrays hold unspecified values.
 * @return 0 or a negative ANKER_E_* code.
 * @since 1.0
 */
int anker_batch_score(struct anker_batch *batch, size_t n, double *probability,
		      double *linear_predictor, int32_t *band, double *contributions,
		      int32_t *status, struct anker_error *err);

#ifdef __cplusplus
}
#endif
#endif
