/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Columnar batch scoring.
 *
 * Cases are scored in chunks of CHUNK. For each chunk every variable is first
 * resolved into a contiguous array (or, when a caller's contiguous column is
 * already valid, used in place), then each term is evaluated over the whole
 * chunk, so that the common loops are simple enough to vectorize. Everything
 * the chunks need is allocated in anker_batch_new(); anker_batch_score()
 * allocates nothing.
 *
 * Values are resolved and terms evaluated with the same inline functions as
 * anker_model_score(), and contributions are added in the same order, so the
 * two scorers agree to the last bit.
 */
#include <float.h>
#include <stdio.h>
#include <string.h>

#include "../core/suggest.h"
#include "logistic-private.h"
#include "score-private.h"

#define CHUNK 256

/*
 * The per-chunk functions are inlined into two copies of score_chunk(): one for
 * full chunks, where the trip count is the constant CHUNK and even -O2
 * vectorizes the simple loops, and one for the last, partial chunk.
 */
#define CHUNK_INLINE static inline __attribute__((always_inline))

/*
 * score_any_chunk(), into which all of the above is inlined, is also compiled
 * for AVX2 (4 doubles per instruction instead of SSE2's 2), and the dynamic
 * loader picks the copy for the running CPU once (an ifunc). "avx2" does not
 * imply FMA, and -ffp-contract=off holds anyway, so both copies do the same
 * IEEE operations in the same order and agree with anker_model_score() to the
 * last bit. Only where GCC or clang can build ifuncs: x86-64 with glibc.
 */
#if defined(__x86_64__) && defined(__GLIBC__) && defined(__has_attribute) && \
	!defined(ANKER_NO_CPU_DISPATCH) /* meson -Dcpu_dispatch=false, e.g. for TSan */
#if __has_attribute(target_clones)
#define CHUNK_CLONES __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef CHUNK_CLONES
#define CHUNK_CLONES
#endif

enum column_type {
	COLUMN_NONE = 0, /* unbound: every value is missing */
	COLUMN_F64,
	COLUMN_I32,
	COLUMN_I64,
	COLUMN_U8,
	COLUMN_STRINGS,
};

struct column {
	enum column_type type;
	const char *base;
	size_t stride; /* in bytes, never 0 */
};

/* Ignored column names kept for "did you mean"; beyond this many, no more are kept. */
#define IGNORED_MAX 256

struct anker_batch {
	struct anker_model *model; /* a reference */
	unsigned int flags;
	/* The variables as this batch resolves them: the model's, or under
	 * ANKER_SCORE_STRICT shallow copies that reject instead of clamping or imputing. */
	const struct anker_variable *vars;
	struct anker_variable *strict_vars;
	struct column *columns; /* per variable */
	bool *absent;		/* per variable: declared absent by the caller */
	char **ignored;		/* names bound under ANKER_SCORE_IGNORE_EXTRA, for suggestions */
	size_t n_ignored;
	uint64_t *counts; /* per variable: missing, imputed, clamped */
	uint32_t *flags_out;
	int32_t *variable_out;
	size_t *slot; /* per variable: its row in values (numeric, boolean) or codes */

	/* Per categorical variable: an open-addressing table from level name to code. */
	int32_t *tables;
	size_t *table_at;   /* per variable: where its table starts in tables */
	size_t *table_mask; /* per variable: table size - 1 */

	/* Chunk scratch. */
	double *values;	       /* CHUNK per numeric or boolean variable */
	int32_t *codes;	       /* CHUNK per categorical variable */
	const double **x;      /* per variable: the chunk's resolved values */
	const int32_t **level; /* per variable: the chunk's resolved level codes */
	double *eta;
	double *term;
	double *product;
	double exp_floor;    /* ANKER_EXP_FLOOR, kept in memory: see anker_exp_nonpositive() */
	double one;	     /* 1.0, kept in memory: see count_thresholds() */
	double *prob;	     /* the chunk's probabilities when the caller wants none */
	double *band_upper;  /* the model's band thresholds, contiguous */
	int32_t *band;	     /* the chunk's bands */
	double *index;	     /* per case: a spline segment or bin, counted in a double */
	int32_t *status;     /* per case in the chunk: 0 or the first failure's code */
	uint8_t *why;	     /* enum anker_value_error of the first failure */
	size_t *culprit;     /* the variable of the first failure, SIZE_MAX for none */
	size_t n_failed;     /* cases in the chunk with a failure */
	uint8_t *case_flags; /* per case in the chunk: enum anker_value_flags */
};

/* Level names to codes */

static uint32_t hash_text(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

static void table_build(int32_t *table, size_t mask, const struct anker_variable *var)
{
	for (size_t i = 0; i <= mask; i++)
		table[i] = -1;
	for (size_t l = 0; l < var->n_levels; l++) {
		size_t h = hash_text(var->levels[l]) & mask;
		while (table[h] >= 0)
			h = (h + 1) & mask;
		table[h] = (int32_t)l;
	}
}

static int32_t table_find(const struct anker_batch *b, size_t k, const char *name)
{
	const struct anker_variable *var = &b->vars[k];
	const int32_t *table = b->tables + b->table_at[k];
	size_t mask = b->table_mask[k];
	for (size_t h = hash_text(name) & mask; table[h] >= 0; h = (h + 1) & mask)
		if (strcmp(var->levels[table[h]], name) == 0)
			return table[h];
	return -1;
}

/* Lifetime */

ANKER_EXPORT void anker_batch_free(struct anker_batch *b)
{
	if (!b)
		return;
	struct anker_ctx *ctx = b->model->ctx;
	anker_dealloc(ctx, b->columns);
	anker_dealloc(ctx, b->strict_vars);
	anker_dealloc(ctx, b->absent);
	for (size_t i = 0; i < b->n_ignored; i++)
		anker_dealloc(ctx, b->ignored[i]);
	anker_dealloc(ctx, b->ignored);
	anker_dealloc(ctx, b->counts);
	anker_dealloc(ctx, b->case_flags);
	anker_dealloc(ctx, b->slot);
	anker_dealloc(ctx, b->tables);
	anker_dealloc(ctx, b->table_at);
	anker_dealloc(ctx, b->table_mask);
	anker_dealloc(ctx, b->values);
	anker_dealloc(ctx, b->codes);
	anker_dealloc(ctx, b->x);
	anker_dealloc(ctx, b->level);
	anker_dealloc(ctx, b->eta);
	anker_dealloc(ctx, b->term);
	anker_dealloc(ctx, b->product);
	anker_dealloc(ctx, b->prob);
	anker_dealloc(ctx, b->band);
	anker_dealloc(ctx, b->band_upper);
	anker_dealloc(ctx, b->index);
	anker_dealloc(ctx, b->status);
	anker_dealloc(ctx, b->why);
	anker_dealloc(ctx, b->culprit);
	anker_model_unref(b->model);
	anker_dealloc(ctx, b);
}

static size_t table_size(size_t n_levels)
{
	size_t size = 4;
	while (size < 2 * n_levels)
		size *= 2;
	return size;
}

ANKER_EXPORT int anker_batch_new(struct anker_model *model, unsigned int flags,
				 struct anker_batch **ret)
{
	if (!model || !ret ||
	    (flags & ~(unsigned int)(ANKER_SCORE_IGNORE_EXTRA | ANKER_SCORE_STRICT)))
		return ANKER_E_INVALID_ARGUMENT;
	struct anker_ctx *ctx = model->ctx;
	size_t nv = model->n_variables;

	struct anker_batch *b = anker_alloc_zeroed(ctx, 1, sizeof(*b));
	if (!b)
		return ANKER_E_NO_MEMORY;
	b->model = anker_model_ref(model);
	b->flags = flags;
	b->exp_floor = ANKER_EXP_FLOOR;
	b->one = 1.0;

	size_t n_values = 0, n_codes = 0, n_table = 0;
	for (size_t k = 0; k < nv; k++) {
		const struct anker_variable *var = &model->variables[k];
		if (var->kind == ANKER_VARIABLE_CATEGORICAL)
			n_table += table_size(var->n_levels), n_codes++;
		else
			n_values++;
	}

	b->columns = anker_alloc_zeroed(ctx, nv, sizeof(*b->columns));
	b->absent = anker_alloc_zeroed(ctx, nv, sizeof(*b->absent));
	b->ignored = anker_alloc_array(ctx, IGNORED_MAX, sizeof(*b->ignored));
	b->counts = anker_alloc_zeroed(ctx, nv, 3 * sizeof(*b->counts));
	b->case_flags = anker_alloc_array(ctx, CHUNK, sizeof(*b->case_flags));
	b->vars = model->variables;
	if (flags & ANKER_SCORE_STRICT) {
		b->strict_vars = anker_alloc_array(ctx, nv, sizeof(*b->strict_vars));
		if (b->strict_vars)
			for (size_t k = 0; k < nv; k++)
				b->strict_vars[k] = anker_variable_strict(&model->variables[k]);
		b->vars = b->strict_vars;
	}
	b->slot = anker_alloc_array(ctx, nv, sizeof(*b->slot));
	b->tables = anker_alloc_array(ctx, n_table, sizeof(*b->tables));
	b->table_at = anker_alloc_zeroed(ctx, nv, sizeof(*b->table_at));
	b->table_mask = anker_alloc_zeroed(ctx, nv, sizeof(*b->table_mask));
	b->values = anker_alloc_array(ctx, n_values, CHUNK * sizeof(*b->values));
	b->codes = anker_alloc_array(ctx, n_codes, CHUNK * sizeof(*b->codes));
	b->x = anker_alloc_zeroed(ctx, nv, sizeof(*b->x));
	b->level = anker_alloc_zeroed(ctx, nv, sizeof(*b->level));
	b->eta = anker_alloc_array(ctx, CHUNK, sizeof(*b->eta));
	b->term = anker_alloc_array(ctx, CHUNK, sizeof(*b->term));
	b->product = anker_alloc_array(ctx, CHUNK, sizeof(*b->product));
	b->prob = anker_alloc_array(ctx, CHUNK, sizeof(*b->prob));
	b->band = anker_alloc_array(ctx, CHUNK, sizeof(*b->band));
	b->band_upper = anker_alloc_array(ctx, model->n_bands, sizeof(*b->band_upper));
	b->index = anker_alloc_array(ctx, CHUNK, sizeof(*b->index));
	b->status = anker_alloc_array(ctx, CHUNK, sizeof(*b->status));
	b->why = anker_alloc_array(ctx, CHUNK, sizeof(*b->why));
	b->culprit = anker_alloc_array(ctx, CHUNK, sizeof(*b->culprit));
	if (!b->columns || !b->absent || !b->ignored || !b->counts || !b->case_flags ||
	    ((flags & ANKER_SCORE_STRICT) && !b->strict_vars) || !b->slot || !b->tables ||
	    !b->table_at || !b->table_mask || !b->values || !b->codes || !b->x || !b->level ||
	    !b->eta || !b->term || !b->product || !b->prob || !b->band || !b->band_upper ||
	    !b->index || !b->status || !b->why || !b->culprit) {
		anker_batch_free(b);
		return ANKER_E_NO_MEMORY;
	}

	for (size_t j = 0; j < model->n_bands; j++)
		b->band_upper[j] = model->bands[j].upper;
	n_values = n_codes = n_table = 0;
	for (size_t k = 0; k < nv; k++) {
		const struct anker_variable *var = &model->variables[k];
		if (var->kind != ANKER_VARIABLE_CATEGORICAL) {
			b->slot[k] = n_values++;
			continue;
		}
		b->slot[k] = n_codes++;
		b->table_at[k] = n_table;
		b->table_mask[k] = table_size(var->n_levels) - 1;
		table_build(b->tables + n_table, b->table_mask[k], var);
		n_table += table_size(var->n_levels);
	}
	*ret = b;
	return 0;
}

/* Bindings */

/*
 * Which columns suit which variables. Integer columns carry numbers for
 * numeric variables, 0/1 for booleans (anything else, -1 included, is out of
 * range: only level codes have a missing marker) and level codes for
 * categorical variables.
 */
static bool column_fits(enum column_type type, int kind)
{
	switch (type) {
	case COLUMN_F64:
		return kind != ANKER_VARIABLE_CATEGORICAL;
	case COLUMN_I32:
	case COLUMN_I64:
		return true;
	case COLUMN_U8:
		return kind == ANKER_VARIABLE_BOOLEAN;
	case COLUMN_STRINGS:
		return kind == ANKER_VARIABLE_CATEGORICAL;
	case COLUMN_NONE:
	default:
		return false;
	}
}

/* Remember an ignored name, once, for the "no column" message's suggestion. */
static int keep_ignored(struct anker_batch *b, const char *name)
{
	if (b->n_ignored == IGNORED_MAX || strlen(name) > ANKER_SUGGEST_MAX)
		return 0;
	for (size_t i = 0; i < b->n_ignored; i++)
		if (strcmp(b->ignored[i], name) == 0)
			return 0;
	char *copy = anker_strdup(b->model->ctx, name);
	if (!copy)
		return ANKER_E_NO_MEMORY;
	b->ignored[b->n_ignored++] = copy;
	return 0;
}

static int bind(struct anker_batch *b, const char *name, enum column_type type, const void *values,
		size_t stride, size_t natural)
{
	if (!b || !name || !values || (stride != 0 && stride < natural))
		return ANKER_E_INVALID_ARGUMENT;
	int k = anker_model_find_variable(b->model, name);
	if (k < 0)
		return (b->flags & ANKER_SCORE_IGNORE_EXTRA) ? keep_ignored(b, name)
							     : ANKER_E_UNKNOWN_VARIABLE;
	if (!column_fits(type, b->model->variables[k].kind))
		return ANKER_E_TYPE_MISMATCH;
	b->columns[k] = (struct column){type, values, stride ? stride : natural};
	b->absent[k] = false;
	return 0;
}

ANKER_EXPORT int anker_batch_bind_f64(struct anker_batch *batch, const char *name,
				      const double *values, size_t stride)
{
	return bind(batch, name, COLUMN_F64, values, stride, sizeof(double));
}

ANKER_EXPORT int anker_batch_bind_i64(struct anker_batch *batch, const char *name,
				      const int64_t *values, size_t stride)
{
	return bind(batch, name, COLUMN_I64, values, stride, sizeof(int64_t));
}

ANKER_EXPORT int anker_batch_bind_i32(struct anker_batch *batch, const char *name,
				      const int32_t *values, size_t stride)
{
	return bind(batch, name, COLUMN_I32, values, stride, sizeof(int32_t));
}

ANKER_EXPORT int anker_batch_bind_u8(struct anker_batch *batch, const char *name,
				     const uint8_t *values, size_t stride)
{
	return bind(batch, name, COLUMN_U8, values, stride, sizeof(uint8_t));
}

ANKER_EXPORT int anker_batch_bind_strings(struct anker_batch *batch, const char *name,
					  const char *const *values, size_t stride)
{
	return bind(batch, name, COLUMN_STRINGS, values, stride, sizeof(char *));
}

ANKER_EXPORT int anker_batch_bind_absent(struct anker_batch *batch, const char *name)
{
	if (!batch || !name)
		return ANKER_E_INVALID_ARGUMENT;
	int k = anker_model_find_variable(batch->model, name);
	if (k < 0)
		return ANKER_E_UNKNOWN_VARIABLE;
	batch->columns[k] = (struct column){COLUMN_NONE, NULL, 0};
	batch->absent[k] = true;
	return 0;
}

ANKER_EXPORT void anker_batch_unbind_all(struct anker_batch *batch)
{
	if (!batch)
		return;
	size_t nv = batch->model->n_variables;
	memset(batch->columns, 0, nv * sizeof(*batch->columns));
	memset(batch->absent, 0, nv * sizeof(*batch->absent));
}

ANKER_EXPORT void anker_batch_set_case_outputs(struct anker_batch *batch, uint32_t *flags,
					       int32_t *variable)
{
	if (!batch)
		return;
	batch->flags_out = flags;
	batch->variable_out = variable;
}

enum { COUNT_MISSING, COUNT_IMPUTED, COUNT_CLAMPED, COUNT_KINDS };

ANKER_EXPORT int anker_batch_get_counts(const struct anker_batch *batch, size_t variable,
					uint64_t *ret_missing, uint64_t *ret_imputed,
					uint64_t *ret_clamped)
{
	if (!batch)
		return ANKER_E_INVALID_ARGUMENT;
	if (variable >= batch->model->n_variables)
		return ANKER_E_NOT_FOUND;
	const uint64_t *c = batch->counts + COUNT_KINDS * variable;
	if (ret_missing)
		*ret_missing = c[COUNT_MISSING];
	if (ret_imputed)
		*ret_imputed = c[COUNT_IMPUTED];
	if (ret_clamped)
		*ret_clamped = c[COUNT_CLAMPED];
	return 0;
}

ANKER_EXPORT void anker_batch_reset_counts(struct anker_batch *batch)
{
	if (batch)
		memset(batch->counts, 0,
		       batch->model->n_variables * COUNT_KINDS * sizeof(*batch->counts));
}

/* What the model does with a missing value of the variable, as value flags. */
static inline uint8_t missing_flags(const struct anker_variable *var)
{
	return (uint8_t)(ANKER_VALUE_FLAG_MISSING |
			 (var->missing == ANKER_MISSING_IMPUTE ? ANKER_VALUE_FLAG_IMPUTED : 0));
}

/* Count @p n missing values of variable @p k (their cases are flagged by the caller). */
static inline void count_missing(struct anker_batch *b, size_t k, uint64_t n)
{
	uint64_t *c = b->counts + COUNT_KINDS * k;
	c[COUNT_MISSING] += n;
	if (b->vars[k].missing == ANKER_MISSING_IMPUTE)
		c[COUNT_IMPUTED] += n;
}

/* One case's missing value, on the exact paths. */
static void note_missing(struct anker_batch *b, size_t k, size_t i)
{
	b->case_flags[i] |= missing_flags(&b->vars[k]);
	count_missing(b, k, 1);
}

/* A whole chunk missing: an absent column. */
static void note_all_missing(struct anker_batch *b, size_t k, size_t m)
{
	uint8_t f = missing_flags(&b->vars[k]);
	for (size_t i = 0; i < m; i++)
		b->case_flags[i] |= f;
	count_missing(b, k, m);
}

/* Resolving one variable over a chunk */

static void fail_case(struct anker_batch *b, size_t i, enum anker_value_error why, size_t k)
{
	if (b->status[i] != 0)
		return; /* report the first failure, as anker_model_score() would */
	b->status[i] = anker_value_error_code(why);
	b->why[i] = (uint8_t)why;
	b->culprit[i] = k;
	b->n_failed++;
}

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
			fail_case(b, i, e, k);
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
 * The exact path for a numeric or boolean column: every case of the chunk
 * through anker_resolve_*(), failures recorded.
 */
static void resolve_values_exact(struct anker_batch *b, size_t k, const double *src, double *dst,
				 size_t m)
{
	const struct anker_variable *var = &b->vars[k];
	bool boolean = var->kind == ANKER_VARIABLE_BOOLEAN;
	for (size_t i = 0; i < m; i++) {
		double v = src[i];
		enum anker_value_error e;
		bool clamped;
		if (isnan(v)) {
			int32_t level;
			enum anker_value_origin origin;
			e = anker_resolve_missing(var, &dst[i], &level, &origin);
		} else if (boolean) {
			e = anker_resolve_boolean(v, &dst[i]);
		} else {
			e = anker_resolve_numeric(var, v, &dst[i], &clamped);
		}
		if (e != ANKER_VERR_OK) {
			dst[i] = 0.0;
			fail_case(b, i, e, k);
		}
	}
}

CHUNK_INLINE void resolve_numeric(struct anker_batch *b, size_t k, size_t start, size_t m)
{
	const struct anker_variable *var = &b->vars[k];
	const struct column *col = &b->columns[k];
	double *dst = b->values + b->slot[k] * CHUNK;
	b->x[k] = dst;
	if (col->type == COLUMN_NONE) {
		fill_missing_values(b, k, dst, m);
		note_all_missing(b, k, m);
		return;
	}
	const double *src = b->index; /* free until the terms are evaluated */
	if (col->type == COLUMN_F64 && col->stride == sizeof(double)) {
		src = (const double *)(const void *)col->base + start;
		if (all_in_range(src, m, var->min, var->max)) {
			b->x[k] = src; /* the common case: use the caller's column in place */
			return;
		}
	} else {
		load_doubles(col, start, m, b->index);
	}
	double impute;
	int32_t level;
	bool missing_fails = !missing_resolves(var, &impute, &level);
	bool clamp = var->out_of_range == ANKER_RANGE_CLAMP;
	double fail_lo = clamp ? -DBL_MAX : var->min, fail_hi = clamp ? DBL_MAX : var->max;
	if (!resolve_numbers(src, dst, m, var->min, var->max, impute, fail_lo, fail_hi,
			     missing_fails))
		resolve_values_exact(b, k, src, dst, m);
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
		note_all_missing(b, k, m);
		return;
	}
	const double *src = b->index; /* free until the terms are evaluated */
	if (col->type == COLUMN_F64 && col->stride == sizeof(double)) {
		src = (const double *)(const void *)col->base + start;
		if (all_boolean(src, m)) {
			b->x[k] = src;
			return;
		}
	} else {
		load_doubles(col, start, m, b->index);
	}
	double impute;
	int32_t level;
	bool missing_ok = missing_resolves(var, &impute, &level);
	if (!resolve_booleans(src, dst, m, impute, missing_ok))
		resolve_values_exact(b, k, src, dst, m);
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
					fail_case(b, i, ANKER_VERR_BAD_LEVEL_CODE, k);
				else if (missing != ANKER_VERR_OK)
					fail_case(b, i, missing, k);
				if (v == -1)
					note_missing(b, k, i);
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
				code = s ? table_find(b, k, s) : -1;
				seen[slot] = s;
				seen_code[slot] = code;
			}
			if (code >= 0) {
				dst[i] = code;
			} else {
				dst[i] = missing_level;
				if (s)
					fail_case(b, i, ANKER_VERR_UNKNOWN_LEVEL, k);
				else if (missing != ANKER_VERR_OK)
					fail_case(b, i, missing, k);
				if (!s)
					note_missing(b, k, i);
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
				fail_case(b, i, missing, k);
		note_all_missing(b, k, m);
		return;
	}
}

/* Evaluating terms over a chunk */

/*
 * Up to this many knots or edges, segments and bins are found by comparing
 * every case with every knot (branch-free and vectorized); beyond it, by the
 * binary search of anker_model_score(). Both find the same segment.
 */
#define SCAN_MAX 16

/*
 * count[i] = the number of the @p n thresholds t[j] <= x[i] (t[j] < x[i] when
 * @p strict), as a double (which vectorizes). Four thresholds per pass over the
 * chunk, so that each x[i] is loaded and each count stored once per four; +inf
 * pads the last pass and counts for no x (x is never +inf here: values are
 * resolved into finite ranges, probabilities are in [0, 1] or NaN). The counts
 * are small whole numbers, so the order of the additions does not matter.
 *
 * @p one must be 1.0, from memory: with the constant, GCC 12 folds the first
 * comparisons into a table of selects that costs twice as many instructions.
 */
CHUNK_INLINE void count_thresholds(const double *restrict t, size_t n, bool strict,
				   const double *restrict x, double *restrict count, size_t m,
				   double one)
{
	for (size_t j = 0; j == 0 || j < n; j += 4) {
		double t0 = j < n ? t[j] : INFINITY;
		double t1 = j + 1 < n ? t[j + 1] : INFINITY;
		double t2 = j + 2 < n ? t[j + 2] : INFINITY;
		double t3 = j + 3 < n ? t[j + 3] : INFINITY;
		for (size_t i = 0; i < m; i++) {
			double c0, c1, c2, c3;
			if (strict) {
				c0 = t0 < x[i] ? one : 0.0;
				c1 = t1 < x[i] ? one : 0.0;
				c2 = t2 < x[i] ? one : 0.0;
				c3 = t3 < x[i] ? one : 0.0;
			} else {
				c0 = t0 <= x[i] ? one : 0.0;
				c1 = t1 <= x[i] ? one : 0.0;
				c2 = t2 <= x[i] ? one : 0.0;
				c3 = t3 <= x[i] ? one : 0.0;
			}
			double c = (c0 + c1) + (c2 + c3);
			count[i] = j == 0 ? c : count[i] + c;
		}
	}
}

/* out[i] = c[i], or out[i] += c[i] when accumulating into the linear predictor. */
#define EMIT(out, i, c, acc) ((out)[i] = (acc) ? (out)[i] + (c) : (c))

CHUNK_INLINE void spline_scan(struct anker_batch *b, const struct anker_term *term, size_t m,
			      double *restrict out, bool acc)
{
	const double *restrict x = b->x[term->variable];
	const double *restrict k = term->knots, *restrict v = term->values;
	double *restrict seg = b->index;
	size_t last = term->n_knots - 1;
	/* The inner knots only: below k[1] the segment is 0, from k[last-1] on it is last-1. */
	count_thresholds(k + 1, last - 1, false, x, seg, m, b->one);
	double k_first = k[0], k_last = k[last], v_first = v[0], v_last = v[last];
	for (size_t i = 0; i < m; i++) {
		double mid = anker_spline_segment(k, v, (int)seg[i], x[i]);
		double c = x[i] <= k_first ? v_first : x[i] >= k_last ? v_last : mid;
		EMIT(out, i, c, acc);
	}
}

CHUNK_INLINE void bins_scan(struct anker_batch *b, const struct anker_term *term, size_t m,
			    double *restrict out, bool acc)
{
	const double *restrict x = b->x[term->variable];
	const double *restrict effects = term->effects;
	double *restrict bin = b->index;
	count_thresholds(term->edges, term->n_edges, false, x, bin, m, b->one);
	for (size_t i = 0; i < m; i++)
		EMIT(out, i, effects[(int)bin[i]], acc);
}

CHUNK_INLINE void evaluate_term(struct anker_batch *b, const struct anker_term *term, size_t m,
				double *restrict out, bool acc)
{
	switch (term->type) {
	case ANKER_TERM_INTERCEPT: {
		double coef = term->coef;
		for (size_t i = 0; i < m; i++)
			EMIT(out, i, coef, acc);
		break;
	}
	case ANKER_TERM_LINEAR: {
		const double *restrict x = b->x[term->variable];
		double coef = term->coef, center = term->center;
		for (size_t i = 0; i < m; i++)
			EMIT(out, i, anker_linear_contribution(coef, center, x[i]), acc);
		break;
	}
	case ANKER_TERM_CATEGORICAL: {
		const int32_t *restrict code = b->level[term->variable];
		const double *restrict effects = term->effects;
		for (size_t i = 0; i < m; i++)
			EMIT(out, i, effects[code[i]], acc);
		break;
	}
	case ANKER_TERM_SPLINE:
		if (term->n_knots <= SCAN_MAX) {
			spline_scan(b, term, m, out, acc);
		} else {
			const double *restrict x = b->x[term->variable];
			for (size_t i = 0; i < m; i++)
				EMIT(out, i, anker_spline_contribution(term, x[i]), acc);
		}
		break;
	case ANKER_TERM_BINS:
		if (term->n_edges <= SCAN_MAX) {
			bins_scan(b, term, m, out, acc);
		} else {
			const double *restrict x = b->x[term->variable];
			for (size_t i = 0; i < m; i++)
				EMIT(out, i, anker_bins_contribution(term, x[i]), acc);
		}
		break;
	case ANKER_TERM_INTERACTION: {
		double *restrict product = b->product;
		for (size_t i = 0; i < m; i++)
			product[i] = 1.0;
		for (size_t f = 0; f < term->n_factors; f++) {
			const struct anker_factor *factor = &term->factors[f];
			if (factor->level >= 0) {
				const int32_t *restrict code = b->level[factor->variable];
				int32_t level = factor->level;
				for (size_t i = 0; i < m; i++)
					product[i] *= code[i] == level ? 1.0 : 0.0;
			} else {
				const double *restrict x = b->x[factor->variable];
				for (size_t i = 0; i < m; i++)
					product[i] *= x[i];
			}
		}
		double coef = term->coef;
		for (size_t i = 0; i < m; i++)
			EMIT(out, i, coef * product[i], acc);
		break;
	}
	default:
		for (size_t i = 0; i < m; i++)
			EMIT(out, i, NAN, acc);
		break;
	}
}

/* Function parameters, unlike local pointers, make GCC trust restrict. */
CHUNK_INLINE void add_term(double *restrict eta, const double *restrict term, size_t m)
{
	for (size_t i = 0; i < m; i++)
		eta[i] += term[i];
}

CHUNK_INLINE void store_term(double *restrict out, size_t stride, const double *restrict term,
			     size_t m)
{
	for (size_t i = 0; i < m; i++)
		out[i * stride] = term[i] + 0.0; /* -0.0 becomes 0.0, as in anker_model_score() */
}

/*
 * Probabilities into @p p, and bands when asked for, computed for every case as
 * anker_model_score() computes them. Returns false when a probability is not in
 * [0, 1] (a NaN linear predictor), which only the slow path reports.
 */
CHUNK_INLINE bool finish_chunk(struct anker_batch *b, size_t m, double *restrict p, bool bands)
{
	const struct anker_model *model = b->model;
	const double *restrict eta = b->eta;
	if (model->link == ANKER_LINK_LOGIT) {
		double floor = b->exp_floor;
		for (size_t i = 0; i < m; i++)
			p[i] = anker_logistic(eta[i], floor);
	} else {
		for (size_t i = 0; i < m; i++)
			p[i] = anker_model_inverse_link(model, eta[i]);
	}
	if (!bands)
		return all_in_range(p, m, 0.0, 1.0);

	/* The band counts the thresholds below p (at or below it for boundary "upper"),
	 * as anker_model_band_for_probability() does. */
	double *restrict count = b->index;
	size_t n = model->n_bands - 1;
	if (model->band_boundary == ANKER_BAND_BOUNDARY_UPPER)
		count_thresholds(b->band_upper, n, false, p, count, m, b->one);
	else
		count_thresholds(b->band_upper, n, true, p, count, m, b->one);
	int32_t *restrict band = b->band;
	for (size_t i = 0; i < m; i++)
		band[i] = (int32_t)count[i];
	return all_in_range(p, m, 0.0, 1.0);
}

/*
 * Scores the chunk's linear predictors into b->eta, its probabilities into @p p
 * and, when @p bands, its bands into b->band; see finish_chunk() for the result.
 */
CHUNK_INLINE bool score_chunk(struct anker_batch *b, size_t start, size_t m, double *contributions,
			      double *p, bool bands)
{
	const struct anker_model *model = b->model;
	b->n_failed = 0;
	for (size_t i = 0; i < m; i++)
		b->status[i] = 0;
	memset(b->case_flags, 0, m);

	for (size_t k = 0; k < model->n_variables; k++) {
		switch (model->variables[k].kind) {
		case ANKER_VARIABLE_NUMERIC:
			resolve_numeric(b, k, start, m);
			break;
		case ANKER_VARIABLE_BOOLEAN:
			resolve_boolean(b, k, start, m);
			break;
		default:
			resolve_categorical(b, k, start, m);
			break;
		}
	}

	/* The same order of additions as anker_model_score(): 0.0, then term by term. */
	size_t nt = model->n_terms;
	for (size_t i = 0; i < m; i++)
		b->eta[i] = 0.0;
	for (size_t t = 0; t < nt; t++) {
		if (!contributions) {
			evaluate_term(b, &model->terms[t], m, b->eta, true);
			continue;
		}
		evaluate_term(b, &model->terms[t], m, b->term, false);
		add_term(b->eta, b->term, m);
		store_term(contributions + start * nt + t, nt, b->term, m);
	}
	return finish_chunk(b, m, p, bands);
}

/* Full chunks have the constant trip count CHUNK, which vectorizes best. */
CHUNK_CLONES static bool score_any_chunk(struct anker_batch *b, size_t start, size_t m,
					 double *contributions, double *p, bool bands)
{
	if (m == CHUNK)
		return score_chunk(b, start, CHUNK, contributions, p, bands);
	return score_chunk(b, start, m, contributions, p, bands);
}

/*
 * Every variable needs a column or an absence declaration: the first that has
 * neither fails the call, with the nearest ignored column name as a suggestion.
 */
static int check_columns(const struct anker_batch *b, struct anker_error *err)
{
	const struct anker_model *model = b->model;
	size_t first = SIZE_MAX, n_unbound = 0;
	for (size_t k = 0; k < model->n_variables; k++)
		if (b->columns[k].type == COLUMN_NONE && !b->absent[k] && n_unbound++ == 0)
			first = k;
	if (n_unbound == 0)
		return 0;

	const char *name = model->variables[first].name;
	const char *nearest = NULL;
	size_t best = SIZE_MAX, d;
	for (size_t i = 0; i < b->n_ignored; i++)
		if (anker_name_is_near(name, b->ignored[i], &d) && d < best)
			nearest = b->ignored[i], best = d;
	char others[64] = "";
	if (n_unbound > 1)
		snprintf(others, sizeof(others), " (%zu more variables have none)", n_unbound - 1);
	struct anker_where where = ANKER_WHERE_NONE;
	where.field = name;
	if (nearest)
		return anker_fail(err, ANKER_E_NO_COLUMN, where,
				  "no column for this variable%s; did you mean '%s'?", others,
				  nearest);
	return anker_fail(err, ANKER_E_NO_COLUMN, where,
			  "no column for this variable%s; bind one, or declare it absent if it "
			  "is missing for every case",
			  others);
}

/* The per-case outputs of anker_batch_set_case_outputs() for a chunk. */
static void emit_case_outputs(const struct anker_batch *b, size_t start, size_t m)
{
	if (b->flags_out)
		for (size_t i = 0; i < m; i++)
			b->flags_out[start + i] = b->case_flags[i];
	if (b->variable_out)
		for (size_t i = 0; i < m; i++)
			b->variable_out[start + i] = b->status[i] != 0 && b->culprit[i] != SIZE_MAX
							 ? (int32_t)b->culprit[i]
							 : -1;
}

/* Copy a clean chunk's outputs (its probabilities are in place already). */
static void emit_clean(const struct anker_batch *b, size_t start, size_t m,
		       double *linear_predictor, int32_t *band, int32_t *status)
{
	if (linear_predictor)
		memcpy(linear_predictor + start, b->eta, m * sizeof(double));
	if (band)
		memcpy(band + start, b->band, m * sizeof(int32_t));
	if (status)
		memset(status + start, 0, m * sizeof(int32_t));
}

ANKER_EXPORT int anker_batch_score(struct anker_batch *batch, size_t n, double *probability,
				   double *linear_predictor, int32_t *band, double *contributions,
				   int32_t *status, struct anker_error *err)
{
	if (!batch)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "a batch is required");
	const struct anker_model *model = batch->model;
	size_t nt = model->n_terms;
	if (contributions && nt && n > SIZE_MAX / nt)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "too many cases for the contributions array");
	int r = check_columns(batch, err);
	if (r < 0)
		return r;

	for (size_t start = 0; start < n; start += CHUNK) {
		size_t m = n - start < CHUNK ? n - start : CHUNK;
		/* Probabilities go straight to the caller's array; bands are only counted
		 * when asked for (the exact path below finds them itself). Every input of
		 * the chunk has been read when they are written. */
		double *p_chunk = probability ? probability + start : batch->prob;
		bool in_range =
		    score_any_chunk(batch, start, m, contributions, p_chunk, band != NULL);
		if (in_range && batch->n_failed == 0) {
			emit_clean(batch, start, m, linear_predictor, band, status);
			emit_case_outputs(batch, start, m);
			continue;
		}

		for (size_t i = 0; i < m; i++) {
			double eta = batch->eta[i];
			double p = p_chunk[i];
			int bi = anker_model_band_for_probability(model, p);
			if (batch->status[i] == 0 && bi < 0)
				fail_case(batch, i, ANKER_VERR_NOT_A_NUMBER, SIZE_MAX);
			if (batch->status[i] != 0) {
				eta = p = NAN;
				bi = -1;
			}
			if (probability)
				probability[start + i] = p;
			if (linear_predictor)
				linear_predictor[start + i] = eta;
			if (band)
				band[start + i] = bi;
			if (status)
				status[start + i] = batch->status[i];
		}
		emit_case_outputs(batch, start, m);
		if (batch->n_failed == 0)
			continue;
		for (size_t i = 0; i < m; i++) {
			if (batch->status[i] == 0)
				continue;
			if (!status)
				return anker_value_fail(model, err, batch->why[i],
							batch->culprit[i], (long long)(start + i));
			if (contributions)
				for (size_t t = 0; t < nt; t++)
					contributions[(start + i) * nt + t] = NAN;
		}
	}
	anker_error_clear(err);
	return 0;
}
