/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "binary" in a batch: a chunk's pipeline (resolve every variable,
 * evaluate every term, then probabilities and bands), and its outputs. The
 * pipeline calls only inline functions, so that the compiler sees whole loops
 * to vectorize, once for SSE2 and once for AVX2.
 */
#include "../model/batch-bands.h"
#include "../model/batch-resolve.h"
#include "../model/logistic-private.h"
#include "binary.h"

/*
 * Probabilities into @p p, and bands into @p band unless it is NULL, computed
 * for every case as anker_binary_score() computes them. Returns false when a
 * probability is not in [0, 1] (a NaN linear predictor), which only the exact
 * path reports.
 */
CHUNK_INLINE bool finish_chunk(struct anker_batch *b, const struct anker_binary *bin, size_t m,
			       double *restrict p, int32_t *restrict band)
{
	const double *restrict eta = b->eta;
	if (bin->link == ANKER_LINK_LOGIT) {
		double floor = b->exp_floor;
		for (size_t i = 0; i < m; i++)
			p[i] = anker_logistic(eta[i], floor);
	} else {
		for (size_t i = 0; i < m; i++)
			p[i] = anker_binary_inverse_link(bin->link, eta[i]);
	}
	if (!band)
		return all_in_range(p, m, 0.0, 1.0);

	bands_chunk(b, p, band, m);
	return all_in_range(p, m, 0.0, 1.0);
}

CHUNK_INLINE bool score_chunk(struct anker_batch *b, size_t start, size_t m, double *contributions,
			      double *p, int32_t *band)
{
	predict_chunk(b, start, m, contributions);
	return finish_chunk(b, b->model->payload, m, p, band);
}

/*
 * The chunk's linear predictors into b->eta, probabilities into @p p and, when
 * @p band is not NULL, bands into it; see finish_chunk() for the result. Not
 * static, for the ifunc that CHUNK_CLONES makes; called from this file only.
 */
bool anker_binary_score_chunk(struct anker_batch *b, size_t start, size_t m, double *contributions,
			      double *p, int32_t *band);

/* Full chunks have the constant trip count CHUNK, which vectorizes best. */
CHUNK_CLONES bool anker_binary_score_chunk(struct anker_batch *b, size_t start, size_t m,
					   double *contributions, double *p, int32_t *band)
{
	if (m == CHUNK)
		return score_chunk(b, start, CHUNK, contributions, p, band);
	return score_chunk(b, start, m, contributions, p, band);
}

void anker_binary_batch_chunk(struct anker_batch *b, size_t start, size_t m,
			      const struct anker_batch_sink *sink)
{
	const struct anker_binary *bin = b->model->payload;
	double *linear_predictor = sink->outputs[BINARY_LINEAR_PREDICTOR];
	int32_t *band = sink->outputs[BINARY_BAND];

	/* Probabilities go straight to the caller's array; bands are only counted
	 * when asked for (the exact path below finds them itself). Every input of
	 * the chunk has been read when they are written. */
	double *p = anker_batch_number_out(b, sink, BINARY_PROBABILITY, start);
	int32_t *bands = b->levels + BINARY_BAND * CHUNK;
	bool in_range =
	    anker_binary_score_chunk(b, start, m, sink->contributions, p, band ? bands : NULL);
	if (in_range && b->n_failed == 0) {
		if (linear_predictor)
			memcpy(linear_predictor + start, b->eta, m * sizeof(double));
		if (band)
			memcpy(band + start, bands, m * sizeof(int32_t));
		return;
	}

	/* The exact path: a failed case, or a probability that is not one. */
	for (size_t i = 0; i < m; i++) {
		double eta = b->eta[i];
		double pi = p[i];
		int bi = anker_bands_find(&bin->bands, pi);
		if (b->status[i] == 0 && bi < 0)
			anker_batch_fail_case(b, i, ANKER_VERR_NOT_A_NUMBER, SIZE_MAX);
		if (b->status[i] != 0) {
			eta = pi = NAN;
			bi = -1;
		}
		p[i] = pi;
		if (linear_predictor)
			linear_predictor[start + i] = eta;
		if (band)
			band[start + i] = bi;
	}
}
