/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A chunk's pipeline: resolve every variable, evaluate every term, finish
 * with probabilities and bands. Everything it calls is inline, so that the
 * compiler sees whole loops to vectorize, once for SSE2 and once for AVX2.
 */
#include "batch-resolve.h"
#include "batch-terms.h"
#include "logistic-private.h"

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
CHUNK_CLONES bool anker_batch_score_chunk(struct anker_batch *b, size_t start, size_t m,
					  double *contributions, double *p, bool bands)
{
	if (m == CHUNK)
		return score_chunk(b, start, CHUNK, contributions, p, bands);
	return score_chunk(b, start, m, contributions, p, bands);
}
