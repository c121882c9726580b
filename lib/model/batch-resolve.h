/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Resolving the variables over a chunk: static inline kernels, inlined into
 * each kind's chunk pipeline (resolve_chunk() first) so that the loops
 * vectorize there.
 */
#ifndef ANKER_BATCH_RESOLVE_H
#define ANKER_BATCH_RESOLVE_H

#include <float.h>
#include <string.h>

#include "batch-private.h"

/* Rows start..start+m of a column as doubles; NaN stays NaN. */
CHUNK_INLINE void load_doubles(const struct column *col, size_t start, size_t m,
			       double *restrict dst)
{
	/* an unbound column has no base, and NULL + offset is undefined even unused */
	const char *p = col->base ? col->base + start * col->stride : NULL;
	size_t stride = col->stride;
	switch (col->type) {
	case COLUMN_F64:
		for (size_t i = 0; i < m; i++)
			memcpy(&dst[i], p + i * stride, sizeof(double));
		break;
	case COLUMN_I32:
		for (size_t i = 0; i < m; i++) {
			int32_t v;
			memcpy(&v, p + i * stride, sizeof(v));
			dst[i] = (double)v;
		}
		break;
	case COLUMN_I64:
		for (size_t i = 0; i < m; i++) {
			int64_t v;
			memcpy(&v, p + i * stride, sizeof(v));
			dst[i] = (double)v;
		}
		break;
	case COLUMN_U8:
		for (size_t i = 0; i < m; i++)
			dst[i] = (double)(uint8_t)p[i * stride];
		break;
	case COLUMN_NONE:
	case COLUMN_STRINGS:
	default:
		break;
	}
}

/*
 * The checks and resolutions below have no early exit and are written in shapes
 * GCC turns into a few SIMD instructions (max, min, compare, blend, or). A
 * column's chunk that is all in range is used as it is; one with missing values
 * the policy imputes or maps to a level, or values the policy clamps, is
 * resolved by the same kind of loop. Only a chunk with a value that fails
 * (rejected, infinite, not a level, not a boolean) takes the exact path, case
 * by case, for that variable, which records each case's first failure.
 */
CHUNK_INLINE uint64_t bits_of(double v)
{
	uint64_t u;
	memcpy(&u, &v, sizeof(u));
	return u;
}

/*
 * Every value in [lo, hi]: clamping changes none of them. NaN clamps to lo, so
 * it fails; so may a zero of the other sign than a zero bound, which the exact
 * path then accepts.
 */
CHUNK_INLINE bool all_in_range(const double *restrict v, size_t m, double lo, double hi)
{
	uint64_t changed = 0;
	for (size_t i = 0; i < m; i++) {
		double c = v[i] > lo ? v[i] : lo;
		c = c < hi ? c : hi;
		changed |= bits_of(c) ^ bits_of(v[i]);
	}
	return !changed;
}

/* Exactly 0.0 or 1.0 (not -0.0, which anker_resolve_boolean() turns into 0.0). */
CHUNK_INLINE bool all_boolean(const double *restrict v, size_t m)
{
	uint64_t other = 0;
	for (size_t i = 0; i < m; i++) {
		double c = v[i] == 1.0 ? 0.0 : v[i];
		other |= bits_of(c); /* all bits zero only for 0.0 and 1.0 */
	}
	return !other;
}

/* An absent column: every value missing, resolved (or failed) by the policy, and noted. */
CHUNK_INLINE void fill_missing_values(struct anker_batch *b, size_t k, double *dst, size_t m)
{
	const struct anker_variable *var = &b->vars[k];
	double x = 0.0;
	int32_t level;
	enum anker_value_origin origin;
	enum anker_value_error e = anker_resolve_missing(var, &x, &level, &origin);
	for (size_t i = 0; i < m; i++)
		dst[i] = x;
	if (e != ANKER_VERR_OK)
		for (size_t i = 0; i < m; i++)
			anker_batch_fail_case(b, i, e, k);
	anker_batch_note_all_missing(b, k, m);
}

/* Whether the variable's missing policy resolves a missing value, and to what. */
CHUNK_INLINE bool missing_resolves(const struct anker_variable *var, double *x, int32_t *level)
{
	enum anker_value_origin origin;
	*x = 0.0;
	*level = 0;
	return anker_resolve_missing(var, x, level, &origin) == ANKER_VERR_OK;
}

/*
 * dst[i] = what anker_resolve_numeric() or, for NaN, anker_resolve_missing()
 * makes of src[i], without branches: src[i] itself within [lo, hi] (-0.0
 * included), @p impute for NaN, the nearer bound below or above the range
 * (which only the clamp policy accepts). Returns false when some value fails
 * instead: missing under "reject" (@p missing_fails), outside [@p fail_lo,
 * @p fail_hi], which is [lo, hi] under "reject" and the finite numbers under
 * "clamp". Then dst is not to be used, and the exact path finds which case
 * fails and why.
 */
CHUNK_INLINE bool resolve_numbers(const double *restrict src, double *restrict dst, size_t m,
				  double lo, double hi, double impute, double fail_lo,
				  double fail_hi, bool missing_fails)
{
	uint64_t any_bad = 0;
	for (size_t i = 0; i < m; i++) {
		double v = src[i];
		bool missing = v != v;
		double c = v < lo ? lo : v; /* NaN and -0.0 stay */
		c = v > hi ? hi : c;
		dst[i] = missing ? impute : c;
		bool bad = (v < fail_lo) | (v > fail_hi) | (missing & missing_fails);
		any_bad |= bad;
	}
	return !any_bad;
}

/*
 * Flags and counts for a numeric or boolean chunk that was not all in range:
 * which values were missing and, under "clamp", which finite values were
 * outside [lo, hi]. Branch-free, like the resolution before it.
 */
CHUNK_INLINE void note_numbers(struct anker_batch *b, size_t k, const double *restrict src,
			       size_t m, double lo, double hi, bool clamp)
{
	uint8_t *restrict flags = b->case_flags;
	uint8_t missing_flag = missing_flags(&b->vars[k]);
	uint8_t clamp_flag = clamp ? ANKER_VALUE_FLAG_CLAMPED : 0;
	uint64_t n_missing = 0, n_outside = 0;
	for (size_t i = 0; i < m; i++) {
		double v = src[i];
		bool missing = v != v;
		bool outside = ((v < lo) | (v > hi)) & (v >= -DBL_MAX) & (v <= DBL_MAX);
		flags[i] |= (uint8_t)((missing ? missing_flag : 0) | (outside ? clamp_flag : 0));
		n_missing += missing;
		n_outside += outside;
	}
	count_missing(b, k, n_missing);
	if (clamp)
		b->counts[COUNT_KINDS * k + COUNT_CLAMPED] += n_outside;
}

/*
 * A bound numeric or boolean column's chunk as doubles: the caller's own array
 * when it holds contiguous doubles (*in_place, read where it is), otherwise a
 * copy in b->index, which is free until the terms are evaluated.
 */
CHUNK_INLINE const double *column_doubles(struct anker_batch *b, const struct column *col,
					  size_t start, size_t m, bool *in_place)
{
	*in_place = col->type == COLUMN_F64 && col->stride == sizeof(double);
	if (*in_place)
		return (const double *)(const void *)col->base + start;
	load_doubles(col, start, m, b->index);
	return b->index;
}

/*
 * A strided column of doubles copied into @p dst, and whether every value is
 * in [lo, hi] (as all_in_range()), in one pass.
 */
CHUNK_INLINE bool copy_in_range(const char *restrict p, size_t stride, double *restrict dst,
				size_t m, double lo, double hi)
{
	uint64_t changed = 0;
	for (size_t i = 0; i < m; i++) {
		double v;
		memcpy(&v, p + i * stride, sizeof(v));
		dst[i] = v;
		double c = v > lo ? v : lo;
		c = c < hi ? c : hi;
		changed |= bits_of(c) ^ bits_of(v);
	}
	return !changed;
}

/*
 * With @p defer (see predict_chunk()), a deferrable variable's contiguous
 * column is used in place unchecked, and the linear terms check its range.
 */
CHUNK_INLINE void resolve_numeric(struct anker_batch *b, size_t k, size_t start, size_t m,
				  bool defer)
{
	const struct anker_variable *var = &b->vars[k];
	const struct column *col = &b->columns[k];
	double *dst = b->values + b->slot[k] * CHUNK;
	b->x[k] = dst;
	b->check_lo[k] = -INFINITY;
	b->check_hi[k] = INFINITY;
	if (col->type == COLUMN_NONE) {
		fill_missing_values(b, k, dst, m);
		return;
	}
	if (col->type == COLUMN_F64 && col->stride != sizeof(double) &&
	    copy_in_range(col->base + start * col->stride, col->stride, dst, m, var->min, var->max))
		return; /* a strided column, all in range: the copy is the values */
	bool in_place;
	const double *src = column_doubles(b, col, start, m, &in_place);
	if (in_place && defer && b->deferrable[k]) {
		b->x[k] = src;
		b->check_lo[k] = var->min;
		b->check_hi[k] = var->max;
		return;
	}
	if (in_place && all_in_range(src, m, var->min, var->max)) {
		b->x[k] = src; /* the common case: use the caller's column in place */
		return;
	}
	double impute;
	int32_t level;
	bool missing_fails = !missing_resolves(var, &impute, &level);
	bool clamp = var->out_of_range == ANKER_RANGE_CLAMP;
	double fail_lo = clamp ? -DBL_MAX : var->min, fail_hi = clamp ? DBL_MAX : var->max;
	if (!resolve_numbers(src, dst, m, var->min, var->max, impute, fail_lo, fail_hi,
			     missing_fails))
		anker_batch_resolve_values_exact(b, k, src, dst, m);
	note_numbers(b, k, src, m, var->min, var->max, clamp);
}

/*
 * dst[i] = what anker_resolve_boolean() or, for NaN, anker_resolve_missing()
 * makes of src[i], without branches. Returns false when some value fails
 * (neither 0 nor 1, or missing under "reject"); the exact path then runs.
 */
CHUNK_INLINE bool resolve_booleans(const double *restrict src, double *restrict dst, size_t m,
				   double impute, bool missing_ok)
{
	uint64_t any_missing = 0, any_other = 0;
	for (size_t i = 0; i < m; i++) {
		double v = src[i];
		bool missing = v != v;
		bool one = v == 1.0;
		bool zero = v == 0.0; /* -0.0 too, which becomes 0.0 */
		double r = missing ? impute : 0.0;
		dst[i] = one ? 1.0 : r;
		any_missing |= missing;
		any_other |= !(one | zero | missing);
	}
	return !any_other && (missing_ok || !any_missing);
}

CHUNK_INLINE void resolve_boolean(struct anker_batch *b, size_t k, size_t start, size_t m)
{
	const struct anker_variable *var = &b->vars[k];
	const struct column *col = &b->columns[k];
	double *dst = b->values + b->slot[k] * CHUNK;
	b->x[k] = dst;
	if (col->type == COLUMN_NONE) {
		fill_missing_values(b, k, dst, m);
		return;
	}
	bool in_place;
	const double *src = column_doubles(b, col, start, m, &in_place);
	if (in_place && all_boolean(src, m)) {
		b->x[k] = src;
		return;
	}
	double impute;
	int32_t level;
	bool missing_ok = missing_resolves(var, &impute, &level);
	if (!resolve_booleans(src, dst, m, impute, missing_ok))
		anker_batch_resolve_values_exact(b, k, src, dst, m);
	note_numbers(b, k, src, m, 0.0, 1.0, false);
}

CHUNK_INLINE bool all_codes_valid(const int32_t *restrict v, size_t m, size_t n_levels)
{
	int ok = 1;
	for (size_t i = 0; i < m; i++)
		ok &= (uint32_t)v[i] < (uint32_t)n_levels;
	return ok;
}

/*
 * dst[i] = src[i] for a valid level code, @p missing_level for -1, without
 * branches. Returns false when some code fails (neither a level nor -1, or -1
 * under the "reject" policy); the exact path then runs.
 */
CHUNK_INLINE bool resolve_codes(const int32_t *restrict src, int32_t *restrict dst, size_t m,
				size_t n_levels, int32_t missing_level, bool missing_ok)
{
	uint32_t any_missing = 0, any_bad = 0;
	for (size_t i = 0; i < m; i++) {
		int32_t v = src[i];
		bool valid = (uint32_t)v < (uint32_t)n_levels;
		bool missing = v == -1;
		dst[i] = valid ? v : missing_level;
		any_missing |= missing;
		any_bad |= !valid & !missing;
	}
	return !any_bad && (missing_ok || !any_missing);
}

/* Flags and counts for the missing codes (-1) of a chunk of valid-or-missing codes. */
CHUNK_INLINE void note_codes(struct anker_batch *b, size_t k, const int32_t *restrict src, size_t m)
{
	uint8_t *restrict flags = b->case_flags;
	uint8_t f = missing_flags(&b->vars[k]);
	uint64_t n = 0;
	for (size_t i = 0; i < m; i++) {
		bool missing = src[i] == -1;
		flags[i] |= missing ? f : 0;
		n += missing;
	}
	count_missing(b, k, n);
}

CHUNK_INLINE void resolve_categorical(struct anker_batch *b, size_t k, size_t start, size_t m)
{
	const struct anker_variable *var = &b->vars[k];
	const struct column *col = &b->columns[k];
	int32_t *dst = b->codes + b->slot[k] * CHUNK;
	b->level[k] = dst;

	double x;
	int32_t missing_level = 0;
	enum anker_value_origin origin;
	enum anker_value_error missing = anker_resolve_missing(var, &x, &missing_level, &origin);
	if (missing != ANKER_VERR_OK)
		missing_level = 0;

	/* an unbound column has no base, and NULL + offset is undefined even unused */
	const char *p = col->base ? col->base + start * col->stride : NULL;
	switch (col->type) {
	case COLUMN_I32:
		if (col->stride == sizeof(int32_t) &&
		    all_codes_valid((const int32_t *)(const void *)p, m, var->n_levels)) {
			b->level[k] = (const int32_t *)(const void *)p;
			return;
		}
		if (col->stride == sizeof(int32_t) &&
		    resolve_codes((const int32_t *)(const void *)p, dst, m, var->n_levels,
				  missing_level, missing == ANKER_VERR_OK)) {
			note_codes(b, k, (const int32_t *)(const void *)p, m);
			return;
		}
		/* the exact path */
		/* fall through */
	case COLUMN_I64:
		for (size_t i = 0; i < m; i++) {
			int64_t v;
			if (col->type == COLUMN_I32) {
				int32_t v32;
				memcpy(&v32, p + i * col->stride, sizeof(v32));
				v = v32;
			} else {
				memcpy(&v, p + i * col->stride, sizeof(v));
			}
			if (v >= 0 && (uint64_t)v < var->n_levels) {
				dst[i] = (int32_t)v;
			} else {
				dst[i] = missing_level;
				if (v != -1)
					anker_batch_fail_case(b, i, ANKER_VERR_BAD_LEVEL_CODE, k);
				else if (missing != ANKER_VERR_OK)
					anker_batch_fail_case(b, i, missing, k);
				if (v == -1)
					anker_batch_note_missing(b, k, i);
			}
		}
		return;
	case COLUMN_STRINGS: {
		/*
		 * Columns often repeat the same few pointers (interned or shared level
		 * strings), so remember recent ones. Only within this chunk: between
		 * calls the caller may reuse an address for other text.
		 */
		const char *seen[8] = {NULL};
		int32_t seen_code[8];
		for (size_t i = 0; i < m; i++) {
			const char *s;
			memcpy(&s, p + i * col->stride, sizeof(s));
			size_t slot = ((uintptr_t)s >> 4) & 7;
			int32_t code;
			if (s && seen[slot] == s) {
				code = seen_code[slot];
			} else {
				code = s ? anker_batch_find_level(b, k, s) : -1;
				seen[slot] = s;
				seen_code[slot] = code;
			}
			if (code >= 0) {
				dst[i] = code;
			} else {
				dst[i] = missing_level;
				if (s)
					anker_batch_fail_case(b, i, ANKER_VERR_UNKNOWN_LEVEL, k);
				else if (missing != ANKER_VERR_OK)
					anker_batch_fail_case(b, i, missing, k);
				if (!s)
					anker_batch_note_missing(b, k, i);
			}
		}
		return;
	}
	case COLUMN_NONE:
	default:
		for (size_t i = 0; i < m; i++)
			dst[i] = missing_level;
		if (missing != ANKER_VERR_OK)
			for (size_t i = 0; i < m; i++)
				anker_batch_fail_case(b, i, missing, k);
		anker_batch_note_all_missing(b, k, m);
		return;
	}
}

/*
 * Every variable of cases start..start+m resolved: afterwards b->x[k] (numeric
 * and boolean) and b->level[k] (categorical) point at the chunk's values, and
 * each failing case is recorded (b->status, b->n_failed).
 */
CHUNK_INLINE void resolve_variables(struct anker_batch *b, size_t start, size_t m, bool defer)
{
	const struct anker_linear *lin = b->lin;
	b->n_failed = 0;
	for (size_t i = 0; i < m; i++)
		b->status[i] = 0;
	memset(b->case_flags, 0, m);

	for (size_t k = 0; k < lin->n_variables; k++) {
		switch (lin->variables[k].kind) {
		case ANKER_VARIABLE_NUMERIC:
			resolve_numeric(b, k, start, m, defer);
			break;
		case ANKER_VARIABLE_BOOLEAN:
			resolve_boolean(b, k, start, m);
			break;
		default:
			resolve_categorical(b, k, start, m);
			break;
		}
	}
}

CHUNK_INLINE void resolve_chunk(struct anker_batch *b, size_t start, size_t m)
{
	resolve_variables(b, start, m, false);
}

#endif
