/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shared by the single-case scorer (score.c, linear.c, explain.c), the batch
 * scorer (batch*.c), the kinds (lib/kinds/) and cases (case.c): how a value is
 * resolved against a variable and what each term contributes.
 *
 * Both scorers resolve values and evaluate terms through the inline functions
 * below, and both add the contributions in term order starting from 0.0, so
 * that they give bit-identical linear predictors and probabilities.
 */
#ifndef ANKER_SCORE_PRIVATE_H
#define ANKER_SCORE_PRIVATE_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "model-private.h"

/* Cases */

struct anker_case_value {
	char *name;
	size_t name_cap; /* the buffers outlive anker_case_clear() for reuse */
	uint32_t hash;	 /* anker_name_hash() of name: most lookups compare no text */
	char *level;
	size_t level_cap;
	int type;      /* enum anker_value_type */
	double number; /* ANKER_VALUE_NUMBER: the number; ANKER_VALUE_BOOLEAN: 0 or 1 */
};

struct anker_case {
	struct anker_ctx *ctx;
	struct anker_case_value *values;
	size_t count;	 /* values in use */
	size_t capacity; /* slots allocated, each possibly holding reusable buffers */
};

/*
 * A hash of the name @p s (FNV-1a), and its length into *len: a case keeps
 * it with each value, so that finding a name among a case's values or a
 * profile's variables compares numbers and, on a match, the text once.
 */
static inline uint32_t anker_name_hash(const char *s, size_t *len)
{
	uint32_t h = 2166136261u;
	size_t n = 0;
	for (; s[n]; n++)
		h = (h ^ (unsigned char)s[n]) * 16777619u;
	*len = n;
	return h;
}

/*
 * anker_model_score() with the case already matched to the model's variables:
 * @p source[k] is the index in @p c of variable k's value, or SIZE_MAX when
 * the case has none. For callers that match once and score many cases (an
 * assessment profile's instruments); anker_model_score() matches by name.
 */
struct anker_result;
int anker_model_score_sourced(const struct anker_model *model, const struct anker_case *c,
			      const size_t *source, unsigned int flags, struct anker_result *res,
			      struct anker_error *err);

/* Resolving values */

/* Why a value cannot be used. Each maps to one ANKER_E_* code (anker_value_fail). */
enum anker_value_error {
	ANKER_VERR_OK = 0,
	ANKER_VERR_MISSING,	     /* missing under the "reject" policy */
	ANKER_VERR_NOT_FINITE,	     /* an infinite number */
	ANKER_VERR_BELOW_RANGE,	     /* under the "reject" range policy */
	ANKER_VERR_ABOVE_RANGE,	     /* under the "reject" range policy */
	ANKER_VERR_NOT_BOOLEAN,	     /* a number other than 0 or 1 for a boolean */
	ANKER_VERR_UNKNOWN_LEVEL,    /* a level name the variable does not have */
	ANKER_VERR_BAD_LEVEL_CODE,   /* a level code outside 0..n-1 (and not -1) */
	ANKER_VERR_NUMBER_FOR_LEVEL, /* a number for a categorical variable */
	ANKER_VERR_LEVEL_FOR_NUMBER, /* a level name for a numeric or boolean variable */
	ANKER_VERR_BOOL_FOR_NUMBER,  /* a boolean for a numeric variable */
	ANKER_VERR_NOT_A_NUMBER,     /* the linear predictor came out NaN (inf - inf) */
	ANKER_VERR_NOT_AN_OPTION,    /* a listed variable's value that is none of the list */
};

/* How a resolved value came about; the explanation tells the coach. */
enum anker_value_origin {
	ANKER_ORIGIN_GIVEN = 0,
	ANKER_ORIGIN_CLAMPED,	    /* outside the range, moved to the nearer bound */
	ANKER_ORIGIN_IMPUTED,	    /* missing, replaced by the imputation value */
	ANKER_ORIGIN_MISSING_LEVEL, /* missing, mapped to the explicit "missing" level */
	ANKER_ORIGIN_MISSING,	    /* missing, passed on as missing (ANKER_MISSING_PASS) */
};

/* A variable's value as a single-case scorer sees it, and how it came about. */
struct anker_resolved_value {
	double x;      /* numeric: the value used (clamped or imputed); boolean: 0 or 1 */
	double given;  /* numeric: the value the case gave, before clamping */
	int32_t level; /* categorical: the level code used */
	enum anker_value_origin origin;
};

/*
 * A numeric value for a numeric variable: checked against the range, then
 * clamped or rejected. @p v must not be NaN (NaN means missing).
 */
static inline enum anker_value_error anker_resolve_numeric(const struct anker_variable *var,
							   double v, double *x, bool *clamped)
{
	*clamped = false;
	if (v >= var->min && v <= var->max) {
		*x = v;
		return ANKER_VERR_OK;
	}
	if (isinf(v))
		return ANKER_VERR_NOT_FINITE;
	if (var->out_of_range != ANKER_RANGE_CLAMP)
		return v < var->min ? ANKER_VERR_BELOW_RANGE : ANKER_VERR_ABOVE_RANGE;
	*x = v < var->min ? var->min : var->max;
	*clamped = true;
	return ANKER_VERR_OK;
}

/* A number for a boolean variable: exactly 0 or 1. @p v must not be NaN. */
static inline enum anker_value_error anker_resolve_boolean(double v, double *x)
{
	if (v == 0.0 || v == 1.0) {
		*x = v == 0.0 ? 0.0 : 1.0; /* -0.0 becomes 0.0 */
		return ANKER_VERR_OK;
	}
	return isinf(v) ? ANKER_VERR_NOT_FINITE : ANKER_VERR_NOT_BOOLEAN;
}

/*
 * The variable as ANKER_SCORE_STRICT sees it: a clamp or an imputation becomes
 * a rejection. A shallow copy: the names, levels and labels stay the model's.
 */
static inline struct anker_variable anker_variable_strict(const struct anker_variable *var)
{
	struct anker_variable strict = *var;
	if (strict.out_of_range == ANKER_RANGE_CLAMP)
		strict.out_of_range = ANKER_RANGE_REJECT;
	if (strict.missing == ANKER_MISSING_IMPUTE)
		strict.missing = ANKER_MISSING_REJECT;
	return strict;
}

/*
 * A missing value under the variable's policy: *x for numeric and boolean,
 * *level for categorical variables.
 */
static inline enum anker_value_error anker_resolve_missing(const struct anker_variable *var,
							   double *x, int32_t *level,
							   enum anker_value_origin *origin)
{
	switch (var->missing) {
	case ANKER_MISSING_IMPUTE:
		*x = var->impute_value;
		*level = var->impute_level;
		*origin = ANKER_ORIGIN_IMPUTED;
		return ANKER_VERR_OK;
	case ANKER_MISSING_LEVEL:
		*x = var->impute_value;
		*level = var->impute_level;
		*origin = ANKER_ORIGIN_MISSING_LEVEL;
		return ANKER_VERR_OK;
	case ANKER_MISSING_PASS:
		*x = NAN;
		*level = -1;
		*origin = ANKER_ORIGIN_MISSING;
		return ANKER_VERR_OK;
	default:
		return ANKER_VERR_MISSING;
	}
}

/* The code of @p name among the variable's levels, or -1. */
static inline int32_t anker_find_level(const struct anker_variable *var, const char *name)
{
	for (size_t i = 0; i < var->n_levels; i++)
		if (strcmp(var->levels[i], name) == 0)
			return (int32_t)i;
	return -1;
}

/*
 * Why a value of @p var fails: outside the hull of a listed variable's values
 * (a questionnaire's options) it is "not an option" rather than "out of range".
 * Only on failure paths, so that resolution itself stays as it is.
 */
static inline enum anker_value_error anker_variable_error(const struct anker_variable *var,
							  enum anker_value_error why)
{
	if (var->listed && (why == ANKER_VERR_BELOW_RANGE || why == ANKER_VERR_ABOVE_RANGE))
		return ANKER_VERR_NOT_AN_OPTION;
	return why;
}

/* The status code for a value error. */
static inline int anker_value_error_code(enum anker_value_error why)
{
	switch (why) {
	case ANKER_VERR_OK:
		return 0;
	case ANKER_VERR_MISSING:
		return ANKER_E_MISSING_VALUE;
	case ANKER_VERR_NOT_AN_OPTION:
		return ANKER_E_NOT_AN_OPTION;
	case ANKER_VERR_UNKNOWN_LEVEL:
	case ANKER_VERR_BAD_LEVEL_CODE:
		return ANKER_E_UNKNOWN_LEVEL;
	case ANKER_VERR_NUMBER_FOR_LEVEL:
	case ANKER_VERR_LEVEL_FOR_NUMBER:
	case ANKER_VERR_BOOL_FOR_NUMBER:
		return ANKER_E_TYPE_MISMATCH;
	case ANKER_VERR_NOT_FINITE:
	case ANKER_VERR_BELOW_RANGE:
	case ANKER_VERR_ABOVE_RANGE:
	case ANKER_VERR_NOT_BOOLEAN:
	case ANKER_VERR_NOT_A_NUMBER:
	default:
		return ANKER_E_OUT_OF_RANGE;
	}
}

/*
 * Record the error for a value that cannot be used and return its ANKER_E_* code.
 * @p case_index is -1 outside a batch. The message never holds the case's value.
 */
int anker_value_fail(const struct anker_model *model, struct anker_error *err,
		     enum anker_value_error why, size_t variable, long long case_index);

/*
 * One case's linear predictor: each term's contribution into @p contributions
 * (+0.0 for a zero), then their sum in term order from 0.0, which is returned
 * (linear.c). NaN when the terms overflowed.
 */
double anker_linear_score(const struct anker_linear *linear,
			  const struct anker_resolved_value *values, double *contributions);

/*
 * The explanation of a linear predictor (explain.c): the bytes its texts need
 * for any case, NULs included; and the texts themselves, one per term, each
 * starting at buf + detail_at[term].
 */
size_t anker_explain_bound(const struct anker_linear *linear);
void anker_explain_write(const struct anker_linear *linear,
			 const struct anker_resolved_value *resolved, char *buf, size_t cap,
			 size_t *detail_at);

/*
 * Texts written into a buffer whose size was bounded in advance (explain.c),
 * so that writing an explanation cannot fail: put a string, a number (as
 * anker_format_number()), and end a text (step past its NUL).
 */
struct anker_writer {
	char *buf;
	size_t cap;
	size_t len;
};
void anker_writer_put(struct anker_writer *w, const char *s);
void anker_writer_put_number(struct anker_writer *w, double v);
void anker_writer_end(struct anker_writer *w);

/* Terms: each contribution, shared by both scorers. */

/* Takes the coefficients by value so that the batch scorer can hoist them out of its loops. */
static inline double anker_linear_contribution(double coef, double center, double x)
{
	return coef * (x - center);
}

/*
 * The line through knots lo and lo + 1 at x. The batch scorer finds the
 * segment its own way but computes the value with this same arithmetic.
 */
static inline double anker_spline_segment(const double *k, const double *v, size_t lo, double x)
{
	double t = (x - k[lo]) / (k[lo + 1] - k[lo]);
	return v[lo] + (v[lo + 1] - v[lo]) * t;
}

/* Piecewise-linear through the knots, flat outside them; exactly values[i] at knots[i]. */
static inline double anker_spline_contribution(const struct anker_term *term, double x)
{
	const double *k = term->knots, *v = term->values;
	size_t last = term->n_knots - 1;
	if (x <= k[0])
		return v[0];
	if (x >= k[last])
		return v[last];
	/* invariant: k[lo] <= x < k[hi] */
	size_t lo = 0, hi = last;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (k[mid] <= x)
			lo = mid;
		else
			hi = mid;
	}
	return anker_spline_segment(k, v, lo, x);
}

/* How many of the @p n increasing values @p v are <= x (a binary search). */
static inline size_t anker_count_at_or_below(const double *v, size_t n, double x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* effects[i] where i counts the edges <= x, so x == edges[i] falls in the upper bin. */
static inline double anker_bins_contribution(const struct anker_term *term, double x)
{
	return term->effects[anker_count_at_or_below(term->edges, term->n_edges, x)];
}

/* An interaction factor's value: the variable's value, or a level indicator. */
static inline double anker_factor_value(const struct anker_factor *factor, double x, int32_t level)
{
	if (factor->level >= 0)
		return level == factor->level ? 1.0 : 0.0;
	return x;
}

/* Numbers in explanations and messages, with '.' whatever the process locale. */

/* Enough for "-1.2345678901234567e-308" and a NUL. */
#define ANKER_NUMBER_MAX 32

/*
 * Write @p v for people: at most 15 significant digits, which shows every
 * decimal typed with up to 15 digits exactly as typed ("52.3", not
 * "52.299999999999997"). Returns the length written (excluding the NUL).
 */
size_t anker_format_number(double v, char buf[ANKER_NUMBER_MAX]);

#endif
