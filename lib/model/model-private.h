/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The in-memory form of a loaded model: the header every kind shares, and the
 * parts a kind's payload may embed so that shared code can use them (the
 * variables and terms of a linear predictor, bands). Shared by the loader
 * (load*.c), the accessors (model.c, outputs.c), the scorers (score.c,
 * batch*.c) and the kinds (lib/kinds/, reached through kind.h).
 *
 * Invariants established by the loader, which the scorers rely on without
 * re-checking:
 * - every index (variable, level, band) is in range;
 * - numeric ranges have min <= max and are finite;
 * - spline knots and bin edges are strictly increasing and finite;
 * - every coefficient and effect is finite;
 * - band uppers are strictly increasing within (0, 1);
 * - categorical effects arrays have exactly n_levels entries, 0.0 at the reference.
 */
#ifndef ANKER_MODEL_PRIVATE_H
#define ANKER_MODEL_PRIVATE_H

#include <stdint.h>

#include "../core/private.h"

/* enum anker_out_of_range_policy and enum anker_missing_policy are public (model.h). */

struct anker_variable {
	char *name;
	char *label;
	int kind; /* enum anker_variable_kind */
	/* numeric */
	double min, max;
	int out_of_range; /* enum anker_out_of_range_policy */
	/* missing values */
	int missing;         /* enum anker_missing_policy */
	double impute_value; /* numeric value, or 0/1 for boolean */
	int32_t impute_level;
	/* categorical */
	size_t n_levels;
	char **levels;
};

struct anker_factor {
	size_t variable;
	int32_t level; /* categorical: indicator of this level; -1: the variable's value */
};

struct anker_term {
	char *name;
	char *label;
	int type;	   /* enum anker_term_type */
	size_t variable;   /* linear, categorical, spline, bins */
	double coef;	   /* intercept, linear, interaction */
	double center;	   /* linear: contribution is coef * (x - center) */
	int32_t reference; /* categorical: reference level */
	double *effects;   /* categorical: n_levels entries; bins: n_edges + 1 entries */
	double *knots;	   /* spline: n_knots entries, strictly increasing */
	double *values;	   /* spline: n_knots entries */
	size_t n_knots;
	double *edges; /* bins: n_edges entries; bin i is [edges[i-1], edges[i]) */
	size_t n_edges;
	struct anker_factor *factors; /* interaction */
	size_t n_factors;
};

/*
 * The variables a kind reads from a case and, for kinds with a linear
 * predictor (binary, duration), the terms that sum to it. Variable
 * resolution (score-private.h, batch-resolve.h) needs only the variables, so a
 * kind without a linear predictor (a questionnaire: its items are variables)
 * can embed one with no terms.
 */
struct anker_linear {
	struct anker_variable *variables;
	size_t n_variables;
	struct anker_term *terms;
	size_t n_terms;
};

struct anker_band {
	char *name;
	char *label;
	double upper; /* 1.0 for the last band */
};

/*
 * Ordered thresholds that turn a number into a level: a binary model's bands
 * on its probability, and the levels of any ANKER_OUTPUT_LEVEL output.
 */
struct anker_bands {
	struct anker_band *items;
	size_t count;
	int boundary; /* enum anker_band_boundary */
};

/* One output a kind declares (see kind.h). Its strings belong to the kind or the model. */
struct anker_output {
	const char *name;
	const char *label;
	int type;			  /* enum anker_output_type */
	const struct anker_bands *levels; /* ANKER_OUTPUT_LEVEL: its levels, low to high */
};

struct anker_provenance_entry {
	char *key;
	char *value;
};

struct anker_kind;

struct anker_model {
	atomic_uint refcount;
	struct anker_ctx *ctx;
	const struct anker_kind *kind; /* its row of the kind table (kind.h) */
	char *id, *name, *version, *toets, *outcome, *valid_from;
	int horizon_months;
	struct anker_provenance_entry *provenance;
	size_t n_provenance;
	char sha256[ANKER_SHA256_HEX_SIZE];

	void *payload; /* the kind's own data, freed by its destroy() */
	/*
	 * The shared parts inside the payload, set by the kind's loader. Never
	 * NULL: a kind without one leaves the empty anker_linear_none or
	 * anker_bands_none, so that the accessors and the scorers need no checks.
	 */
	const struct anker_linear *linear;
	const struct anker_bands *bands;
};

extern const struct anker_linear anker_linear_none;
extern const struct anker_bands anker_bands_none;

/* Allocate a zeroed model holding a context reference (refcount 1). */
struct anker_model *anker_model_alloc(struct anker_ctx *ctx);

/* Free everything a (possibly half-built) model owns. */
void anker_model_destroy(struct anker_model *model);

/* Free what a (possibly half-built) linear part or set of bands owns, not the struct. */
void anker_linear_free(struct anker_ctx *ctx, struct anker_linear *linear);
void anker_bands_free(struct anker_ctx *ctx, struct anker_bands *bands);

/*
 * The band @p value falls in (docs/model-format.md, "Bands"), or
 * ANKER_E_OUT_OF_RANGE for NaN or a value outside [0, 1]; ANKER_E_INVALID_ARGUMENT
 * when there are no bands.
 */
int anker_bands_find(const struct anker_bands *bands, double value);

#endif
