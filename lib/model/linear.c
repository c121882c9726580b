/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * One case's linear predictor, for every kind that has one: each term's
 * contribution from the resolved values, and their sum. The batch scorer
 * computes the same numbers over a chunk (batch-terms.h), with the same
 * inline kernels and the same order of additions.
 */
#include "score-private.h"

static double contribution(const struct anker_term *term,
			   const struct anker_resolved_value *resolved)
{
	switch (term->type) {
	case ANKER_TERM_INTERCEPT:
		return term->coef;
	case ANKER_TERM_LINEAR:
		return anker_linear_contribution(term->coef, term->center,
						 resolved[term->variable].x);
	case ANKER_TERM_CATEGORICAL:
		return term->effects[resolved[term->variable].level];
	case ANKER_TERM_SPLINE:
		return anker_spline_contribution(term, resolved[term->variable].x);
	case ANKER_TERM_BINS:
		return anker_bins_contribution(term, resolved[term->variable].x);
	case ANKER_TERM_INTERACTION: {
		double product = 1.0;
		for (size_t f = 0; f < term->n_factors; f++) {
			const struct anker_resolved_value *rv =
			    &resolved[term->factors[f].variable];
			product *= anker_factor_value(&term->factors[f], rv->x, rv->level);
		}
		return term->coef * product;
	}
	default:
		return NAN;
	}
}

double anker_linear_score(const struct anker_linear *linear,
			  const struct anker_resolved_value *values, double *contributions)
{
	/* Contributions first, then their sum in a separate pass: the batch scorer adds
	 * in the same order, and nothing can fuse a multiply into the sum. */
	/* + 0.0 turns a -0.0 contribution (a negative coefficient times 0) into 0.0 and
	 * changes nothing else, nor the sum. */
	for (size_t t = 0; t < linear->n_terms; t++)
		contributions[t] = contribution(&linear->terms[t], values) + 0.0;
	double eta = 0.0;
	for (size_t t = 0; t < linear->n_terms; t++)
		eta += contributions[t];
	return eta;
}
