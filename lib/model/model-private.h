/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The in-memory form of a loaded model, shared by the loader (load*.c), the
 * accessors (model.c) and the scorers (score.c, batch.c).
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
	int type;         /* enum anker_term_type */
	size_t variable;  /* linear, categorical, spline, bins */
	double coef;      /* intercept, linear, interaction */
	double center;    /* linear: contribution is coef * (x - center) */
	int32_t reference; /* categorical: reference level */
	double *effects;  /* categorical: n_levels entries; bins: n_edges + 1 entries */
	double *knots;    /* spline: n_knots entries, strictly increasing */
	double *values;   /* spline: n_knots entries */
	size_t n_knots;
	double *edges;    /* bins: n_edges entries; bin i is [edges[i-1], edges[i]) */
	size_t n_edges;
	struct anker_factor *factors; /* interaction */
	size_t n_factors;
};

struct anker_band {
	char *name;
	char *label;
	double upper; /* 1.0 for the last band */
};

struct anker_provenance_entry {
	char *key;
	char *value;
};

struct anker_model {
	atomic_uint refcount;
	struct anker_ctx *ctx;
	int kind; /* enum anker_model_kind */
	char *id, *name, *version, *toets, *outcome, *valid_from;
	int horizon_months;
	struct anker_provenance_entry *provenance;
	size_t n_provenance;
	char sha256[ANKER_SHA256_HEX_SIZE];
	int link; /* enum anker_link */
	struct anker_variable *variables;
	size_t n_variables;
	struct anker_term *terms;
	size_t n_terms;
	struct anker_band *bands;
	size_t n_bands;
	int band_boundary; /* enum anker_band_boundary */
};

/* Allocate a zeroed model holding a context reference (refcount 1). */
struct anker_model *anker_model_alloc(struct anker_ctx *ctx);

/* Free everything a (possibly half-built) model owns. */
void anker_model_destroy(struct anker_model *model);

/* The probability for a linear predictor under the model's link. */
double anker_model_inverse_link(const struct anker_model *model, double eta);

#endif
