/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "questionnaire" in a batch: a chunk's pipeline. The items are resolved
 * by the shared kernels (batch-resolve.h; a missing answer stays NaN or -1),
 * then each scale is scored over the whole chunk in two passes over its
 * members (what was answered, then each contribution and the score), with the
 * arithmetic of questionnaire.h, so that every case agrees with
 * anker_model_score() to the last bit.
 */
#include "../model/batch-bands.h"
#include "../model/batch-resolve.h"
#include "questionnaire.h"

/* The chunk's score values of member @p k's item: the resolved values, or a choice's values. */
CHUNK_INLINE const double *member_values(struct anker_batch *b, const struct q_item *item, size_t k,
					 size_t m)
{
	if (item->response != ANKER_RESPONSE_CHOICE)
		return b->x[k];
	const int32_t *restrict level = b->level[k];
	double *restrict v = b->term;
	for (size_t i = 0; i < m; i++)
		v[i] = q_choice_value(item, level[i]);
	return v;
}

/* Fail every case whose answer to a Likert item is inside the range but no option. */
CHUNK_INLINE void check_options(struct anker_batch *b, const struct anker_questionnaire *q,
				size_t m)
{
	for (size_t k = 0; k < q->linear.n_variables; k++) {
		const struct q_item *item = &q->items[k];
		if (item->response != ANKER_RESPONSE_LIKERT)
			continue;
		const double *restrict x = b->x[k];
		if (item->whole_steps) {
			/* Resolution kept x within [min, max] (or NaN): an option exactly
			 * when whole. Adding and subtracting 1.5 * 2^52 rounds any |x| < 2^51
			 * to a whole number, in one vectorized pass. */
			const double round = 0x1.8p52;
			uint64_t any_bad = 0;
			for (size_t i = 0; i < m; i++)
				any_bad |= (x[i] == x[i]) & ((x[i] + round) - round != x[i]);
			if (!any_bad)
				continue;
		}
		double *restrict ok = b->index; /* 1.0 for missing or an option */
		for (size_t i = 0; i < m; i++)
			ok[i] = x[i] != x[i] ? 1.0 : 0.0;
		for (size_t o = 0; o < item->n_options; o++) {
			double value = item->options[o].value;
			for (size_t i = 0; i < m; i++)
				ok[i] = x[i] == value ? 1.0 : ok[i];
		}
		uint64_t any_bad = 0;
		for (size_t i = 0; i < m; i++)
			any_bad |= ok[i] == 0.0;
		for (size_t i = 0; any_bad && i < m; i++)
			if (!isnan(x[i]) && !q_is_option(item, x[i]))
				anker_batch_fail_case(b, i, ANKER_VERR_NOT_AN_OPTION, k);
	}
}

/*
 * One scale over the chunk: the score into @p score, the answered count into
 * @p answered, contributions into the caller's rows when bound.
 */
CHUNK_INLINE void scale_chunk(struct anker_batch *b, const struct anker_questionnaire *q,
			      const struct q_scale *s, size_t m, double *restrict score,
			      double *restrict answered, double *contributions, size_t nc)
{
	double *restrict weight = b->eta; /* the answered members' weight, per case */
	for (size_t i = 0; i < m; i++)
		answered[i] = weight[i] = 0.0;
	for (size_t j = 0; j < s->n_members; j++) {
		const struct q_member *mb = &s->members[j];
		const double *restrict v = member_values(b, &q->items[mb->item], mb->item, m);
		double w = mb->weight;
		for (size_t i = 0; i < m; i++) {
			bool given = v[i] == v[i];
			answered[i] += given ? 1.0 : 0.0;
			weight[i] += given ? w : 0.0;
		}
	}

	/*
	 * Per case, once: the factor of q_factor() and a mask that is 0.0 for a
	 * scorable scale and NaN for one that is not (c + 0.0 is c, as
	 * q_contribution()'s + 0.0; c + NaN is NaN, as anker_model_score() sets
	 * it). answered <= n_members, so the comparisons are exact in doubles.
	 */
	double n = (double)s->n_members, max_missing = (double)s->max_missing;
	double *restrict factor = b->index, *restrict mask = b->product;
	for (size_t i = 0; i < m; i++) {
		bool scorable = answered[i] > 0.0 && n - answered[i] <= max_missing;
		factor[i] = q_factor(s, weight[i]);
		mask[i] = scorable ? 0.0 : NAN;
		score[i] = 0.0;
	}
	for (size_t j = 0; j < s->n_members; j++) {
		const struct q_member *mb = &s->members[j];
		const struct q_item *item = &q->items[mb->item];
		const double *restrict v = member_values(b, item, mb->item, m);
		double w = mb->weight;
		for (size_t i = 0; i < m; i++) {
			double c = q_contribution(w, q_keyed(item, mb, v[i]), factor[i]);
			score[i] += (v[i] == v[i] ? c : 0.0) + mask[i];
		}
		if (!contributions)
			continue;
		double *col = contributions + s->first_contribution + j;
		for (size_t i = 0; i < m; i++) {
			double c = q_contribution(w, q_keyed(item, mb, v[i]), factor[i]);
			col[i * nc] = (v[i] == v[i] ? c : 0.0) + mask[i];
		}
	}
}

CHUNK_INLINE void score_chunk(struct anker_batch *b, size_t start, size_t m,
			      const struct anker_batch_sink *sink)
{
	const struct anker_questionnaire *q = b->model->payload;
	resolve_chunk(b, start, m);
	check_options(b, q, m);
	size_t nc = q->n_contributions;
	double *contributions = sink->contributions ? sink->contributions + start * nc : NULL;
	for (size_t s = 0; s < q->n_scales; s++) {
		const struct q_scale *scale = &q->scales[s];
		size_t o = s * Q_N_OUTPUTS;
		double *score = anker_batch_number_out(b, sink, o + Q_SCORE, start);
		double *answered = anker_batch_number_out(b, sink, o + Q_ANSWERED, start);
		int32_t *level = sink->outputs[o + Q_LEVEL];
		scale_chunk(b, q, scale, m, score, answered, contributions, nc);
		if (level)
			levels_chunk(b, scale->cuts, scale->levels.count - 1,
				     scale->levels.boundary, score, level + start, m);
		/* a failed case has no outputs */
		for (size_t i = 0; b->n_failed && i < m; i++) {
			if (b->status[i] == 0)
				continue;
			score[i] = answered[i] = NAN;
			if (level)
				level[start + i] = -1;
		}
	}
}

/*
 * Not static, for the ifunc that CHUNK_CLONES makes (AVX2 or not); called
 * from this file only. Full chunks have the constant trip count CHUNK, which
 * vectorizes best.
 */
void anker_questionnaire_score_chunk(struct anker_batch *b, size_t start, size_t m,
				     const struct anker_batch_sink *sink);

CHUNK_CLONES void anker_questionnaire_score_chunk(struct anker_batch *b, size_t start, size_t m,
						  const struct anker_batch_sink *sink)
{
	if (m == CHUNK)
		score_chunk(b, start, CHUNK, sink);
	else
		score_chunk(b, start, m, sink);
}

void anker_questionnaire_batch_chunk(struct anker_batch *b, size_t start, size_t m,
				     const struct anker_batch_sink *sink)
{
	anker_questionnaire_score_chunk(b, start, m, sink);
}
