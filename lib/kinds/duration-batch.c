/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "duration" in a batch: a chunk's pipeline (resolve every variable,
 * evaluate every term, hazard ratios, then the survival at every bound
 * horizon and caller query, bands, and a Cox model's median and restricted
 * mean), a Weibull model's median and restricted mean, and
 * anker_batch_bind_survival(). The pipeline calls only inline
 * functions, so that its loops vectorize, once for SSE2 and once for AVX2;
 * they are the functions anker_duration_score() calls, so both scorers agree
 * to the last bit.
 */
#include <anker/duration.h>

#include "../model/batch-bands.h"
#include "../model/batch-resolve.h"
#include "duration.h"

CHUNK_INLINE void hazard_ratios(double *restrict hr, const double *restrict eta, size_t m,
				double floor)
{
	for (size_t i = 0; i < m; i++)
		hr[i] = anker_duration_hazard_ratio(eta[i], floor);
}

CHUNK_INLINE void survivals(double *restrict s, const double *restrict hr, double dh, size_t m,
			    double floor)
{
	for (size_t i = 0; i < m; i++)
		s[i] = anker_duration_survival(hr[i], dh, floor);
}

CHUNK_INLINE void exits(double *restrict e, const double *restrict s, size_t m)
{
	for (size_t i = 0; i < m; i++)
		e[i] = 1.0 - s[i];
}

/* Every horizon whose survival, exit or band is asked for; then the caller's queries. */
CHUNK_INLINE void survival_chunk(struct anker_batch *b, const struct anker_duration *dur,
				 size_t start, size_t m, const struct anker_batch_sink *sink)
{
	const double *hr = b->product;
	double floor = b->exp_floor;
	int32_t *band = sink->outputs[duration_fixed_output(dur, DURATION_BAND)];
	for (size_t h = 0; h < dur->n_horizons; h++) {
		size_t k = duration_survival_output(h);
		double *exit = sink->outputs[duration_exit_output(dur, h)];
		bool banded = band && h == dur->headline;
		if (!sink->outputs[k] && !exit && !banded)
			continue;
		double *s = anker_batch_number_out(b, sink, k, start);
		survivals(s, hr, dur->horizon_cumhaz[h], m, floor);
		if (exit)
			exits(exit + start, s, m);
		if (banded)
			bands_chunk(b, s, band + start, m);
	}
	for (size_t q = 0; q < b->n_survival; q++)
		survivals(b->survival[q].values + start, hr, b->survival[q].dh, m, floor);
}

/*
 * A Cox model's median and restricted mean for the chunk, one grid month at a
 * time, as anker_duration_median() and anker_duration_rmst() compute them per
 * case: the first month with S <= 1/2, and the area added step by step in grid
 * order.
 */
CHUNK_INLINE void cox_summaries(const struct anker_duration *dur, const double *restrict hr,
				double *restrict median, double *restrict rmst, double *restrict s,
				size_t m, double floor)
{
	for (size_t i = 0; i < m; i++) {
		median[i] = INFINITY;
		rmst[i] = dur->months[0];
	}
	for (size_t g = 0; g < dur->n_grid; g++) {
		survivals(s, hr, dur->cumhaz[g], m, floor);
		double month = dur->months[g];
		for (size_t i = 0; i < m; i++)
			median[i] = s[i] <= 0.5 && median[i] == INFINITY ? month : median[i];
		if (g + 1 == dur->n_grid)
			break;
		double width = dur->months[g + 1] - dur->months[g];
		for (size_t i = 0; i < m; i++)
			rmst[i] += s[i] * width;
	}
}

CHUNK_INLINE bool score_chunk(struct anker_batch *b, size_t start, size_t m,
			      const struct anker_batch_sink *sink)
{
	const struct anker_duration *dur = b->model->payload;
	resolve_chunk(b, start, m);
	linear_chunk(b, start, m, sink->contributions);
	/* b->product and b->term are the terms' scratch, free once eta is summed */
	hazard_ratios(b->product, b->eta, m, b->exp_floor);
	survival_chunk(b, dur, start, m, sink);
	size_t median = duration_fixed_output(dur, DURATION_MEDIAN);
	size_t rmst = duration_fixed_output(dur, DURATION_RMST);
	if (dur->form == ANKER_SURVIVAL_COX && (sink->outputs[median] || sink->outputs[rmst]))
		cox_summaries(dur, b->product, anker_batch_number_out(b, sink, median, start),
			      anker_batch_number_out(b, sink, rmst, start), b->term, m,
			      b->exp_floor);
	return all_in_range(b->eta, m, -INFINITY, INFINITY); /* no NaN */
}

/*
 * The chunk's linear predictors into b->eta, hazard ratios into b->product and
 * every bound survival, exit and band; false when a linear predictor is NaN.
 * Not static, for the ifunc that CHUNK_CLONES makes; called from this file only.
 */
bool anker_duration_score_chunk(struct anker_batch *b, size_t start, size_t m,
				const struct anker_batch_sink *sink);

/* Full chunks have the constant trip count CHUNK, which vectorizes best. */
CHUNK_CLONES bool anker_duration_score_chunk(struct anker_batch *b, size_t start, size_t m,
					     const struct anker_batch_sink *sink)
{
	if (m == CHUNK)
		return score_chunk(b, start, CHUNK, sink);
	return score_chunk(b, start, m, sink);
}

/* A failed case: NaN or -1 in everything bound. */
static void clear_case(struct anker_batch *b, const struct anker_duration *dur,
		       const struct anker_batch_sink *sink, size_t i)
{
	for (size_t k = 0; k < dur->n_outputs; k++) {
		if (!sink->outputs[k])
			continue;
		if (dur->outputs[k].type == ANKER_OUTPUT_LEVEL)
			((int32_t *)sink->outputs[k])[i] = -1;
		else
			((double *)sink->outputs[k])[i] = NAN;
	}
	for (size_t q = 0; q < b->n_survival; q++)
		b->survival[q].values[i] = NAN;
}

void anker_duration_batch_chunk(struct anker_batch *b, size_t start, size_t m,
				const struct anker_batch_sink *sink)
{
	const struct anker_duration *dur = b->model->payload;
	bool ok = anker_duration_score_chunk(b, start, m, sink);

	/* A Weibull model's median and restricted mean: pow() and GSL, case by case. */
	double *median = sink->outputs[duration_fixed_output(dur, DURATION_MEDIAN)];
	double *rmst = sink->outputs[duration_fixed_output(dur, DURATION_RMST)];
	double *eta = sink->outputs[duration_fixed_output(dur, DURATION_LOG_RELATIVE_HAZARD)];
	bool weibull = dur->form == ANKER_SURVIVAL_WEIBULL;
	for (size_t i = 0; weibull && median && i < m; i++)
		median[start + i] = anker_duration_median(dur, b->product[i]);
	for (size_t i = 0; weibull && rmst && i < m; i++)
		rmst[start + i] = anker_duration_rmst(dur, b->product[i]);
	if (eta)
		memcpy(eta + start, b->eta, m * sizeof(double));
	if (ok && b->n_failed == 0)
		return;

	/* The exact path: a failed case, or a linear predictor that is not a number. */
	for (size_t i = 0; i < m; i++) {
		if (b->status[i] == 0 && isnan(b->eta[i]))
			anker_batch_fail_case(b, i, ANKER_VERR_NOT_A_NUMBER, SIZE_MAX);
		if (b->status[i] != 0)
			clear_case(b, dur, sink, start + i);
	}
}

ANKER_EXPORT int anker_batch_bind_survival(struct anker_batch *batch, double given_months,
					   double months, double *values)
{
	if (!batch || !values)
		return ANKER_E_INVALID_ARGUMENT;
	if (batch->model->kind->value != ANKER_MODEL_DURATION)
		return ANKER_E_UNSUPPORTED;
	double dh = anker_duration_cumhaz_between(batch->model->payload, given_months, months);
	if (isnan(dh))
		return ANKER_E_OUT_OF_RANGE;
	size_t q = 0;
	while (q < batch->n_survival &&
	       !(batch->survival[q].given == given_months && batch->survival[q].months == months))
		q++;
	if (q == ANKER_BATCH_SURVIVAL_MAX)
		return ANKER_E_TOO_LARGE;
	batch->survival[q] = (struct anker_survival_query){given_months, months, dh, values};
	if (q == batch->n_survival)
		batch->n_survival++;
	return 0;
}
