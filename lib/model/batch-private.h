/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The batch scorer's parts: the batch object, shared by batch.c (lifetime,
 * input bindings, counts, the exact paths), batch-run.c (output bindings and
 * the call loop) and each kind's batch_chunk() (kind.h; lib/kinds/), a chunk's
 * vectorized pipeline built from the inline kernels of batch-resolve.h and
 * batch-terms.h.
 */
#ifndef ANKER_BATCH_PRIVATE_H
#define ANKER_BATCH_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "kind.h"

#define CHUNK 256

/*
 * The per-chunk functions are inlined into two copies of a kind's chunk
 * pipeline: one for full chunks, where the trip count is the constant CHUNK
 * and even -O2 vectorizes the simple loops, and one for the last, partial
 * chunk.
 */
#define CHUNK_INLINE static inline __attribute__((always_inline))

/*
 * A kind's chunk pipeline, into which all of the above is inlined, is also
 * compiled for AVX2 (4 doubles per instruction instead of SSE2's 2), and the dynamic
 * loader picks the copy for the running CPU once (an ifunc). "avx2" does not
 * imply FMA, and -ffp-contract=off holds anyway, so both copies do the same
 * IEEE operations in the same order and agree with anker_model_score() to the
 * last bit. Only where GCC or clang can build ifuncs: x86-64 with glibc.
 */
#if defined(__x86_64__) && defined(__GLIBC__) && defined(__has_attribute) &&                       \
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
	const struct anker_linear *lin; /* model->linear */
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
	/* Per variable: whether its range check may be left to the linear terms
	 * (see predict_chunk()), and the range the terms then check in this chunk:
	 * the variable's range when the check was left to them, else +-inf. */
	bool *deferrable;
	size_t n_deferrable;
	double *check_lo, *check_hi;
	uint64_t *counts_saved; /* the counts before a chunk whose checks were left to the terms */
	const int32_t **level; /* per variable: the chunk's resolved level codes */
	double *eta;	       /* the linear predictor, for kinds with one */
	double *term;
	double *product;
	double exp_floor;    /* ANKER_EXP_FLOOR, kept in memory: see anker_exp_nonpositive() */
	double one;	     /* 1.0, kept in memory: see count_thresholds() */
	double *band_upper;  /* the model's band thresholds (model->bands), contiguous */
	double *numbers;     /* CHUNK per output: a number output the caller did not bind */
	int32_t *levels;     /* CHUNK per output: a level output, before it is copied out */
	double *index;	     /* per case: a spline segment or bin, counted in a double */
	int32_t *status;     /* per case in the chunk: 0 or the first failure's code */
	uint8_t *why;	     /* enum anker_value_error of the first failure */
	size_t *culprit;     /* the variable of the first failure, SIZE_MAX for none */
	size_t n_failed;     /* cases in the chunk with a failure */
	uint8_t *case_flags; /* per case in the chunk: enum anker_value_flags */

	/* Outputs, per output of the model as its kind declares them. */
	size_t n_outputs;
	void **bound;	       /* anker_batch_bind_output_*(): the caller's array, or NULL */
	void **shortcut;       /* anker_batch_score()'s arrays, by output */
	double *contributions; /* anker_batch_bind_contributions(), or NULL */

	/* anker_batch_bind_survival(), for a duration model: S(months) / S(given), the
	 * baseline cumulative hazard between them, and the caller's array. */
	struct anker_survival_query {
		double given, months, dh;
		double *values;
	} survival[ANKER_BATCH_SURVIVAL_MAX];
	size_t n_survival;
};

enum { COUNT_MISSING, COUNT_IMPUTED, COUNT_CLAMPED, COUNT_KINDS };

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

/* The exact paths (batch.c): slow, case by case, and they record each case's first failure. */
void anker_batch_fail_case(struct anker_batch *b, size_t i, enum anker_value_error why, size_t k);
void anker_batch_note_missing(struct anker_batch *b, size_t k, size_t i);
void anker_batch_note_all_missing(struct anker_batch *b, size_t k, size_t m);
void anker_batch_resolve_values_exact(struct anker_batch *b, size_t k, const double *src,
				      double *dst, size_t m);
int32_t anker_batch_find_level(const struct anker_batch *b, size_t k, const char *name);

/* ANKER_E_NO_COLUMN unless every variable has a column or an absence declaration (batch.c). */
int anker_batch_check_columns(const struct anker_batch *b, struct anker_error *err);

/* Where a kind's chunk pipeline writes output @p k of cases start.. : the caller's array or
 * scratch. */
static inline double *anker_batch_number_out(const struct anker_batch *b,
					     const struct anker_batch_sink *sink, size_t k,
					     size_t start)
{
	double *bound = sink->outputs[k];
	return bound ? bound + start : b->numbers + k * CHUNK;
}

#endif
