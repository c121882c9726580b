/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Evaluating terms over a chunk: static inline kernels, inlined into the chunk
 * pipeline of each kind with a linear predictor (linear_chunk(), after
 * resolve_chunk()) so that the loops vectorize there.
 */
#ifndef ANKER_BATCH_TERMS_H
#define ANKER_BATCH_TERMS_H

#include "batch-resolve.h"

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
 * eta[i] += each of @p r (1 to 4, a constant where inlined) linear terms in
 * turn, in one pass: the same additions in the same order as one pass per
 * term, with the partial sum kept in a register. With @p check (a constant
 * where inlined), each x[j][i] is also checked against [lo[j], hi[j]] (as
 * all_in_range(); +-inf for values already resolved): returns whether all
 * were in range.
 */
CHUNK_INLINE bool linear_run(double *restrict eta, size_t m, size_t r, bool check,
			     const double *restrict x0, const double *restrict x1,
			     const double *restrict x2, const double *restrict x3,
			     const double *coef, const double *center, const double *lo,
			     const double *hi)
{
	const double *restrict x[4] = {x0, x1, x2, x3};
	uint64_t changed = 0;
	for (size_t i = 0; i < m; i++) {
		double e = eta[i];
		for (size_t j = 0; j < r; j++) {
			double v = x[j][i];
			e = e + anker_linear_contribution(coef[j], center[j], v);
			if (!check)
				continue;
			double c = v > lo[j] ? v : lo[j];
			c = c < hi[j] ? c : hi[j];
			changed |= bits_of(c) ^ bits_of(v);
		}
		eta[i] = e;
	}
	return !changed;
}

/* The terms t.. that linear_run() adds in one pass: up to 4 linear terms in a row. */
CHUNK_INLINE size_t linear_run_length(const struct anker_term *terms, size_t t, size_t nt)
{
	size_t r = 0;
	while (r < 4 && t + r < nt && terms[t + r].type == ANKER_TERM_LINEAR)
		r++;
	return r;
}

/* linear_run() over terms t..t+r-1, with r a constant in each call. */
CHUNK_INLINE bool add_linear_terms(struct anker_batch *b, const struct anker_term *terms, size_t r,
				   size_t m)
{
	const double *x[4] = {NULL, NULL, NULL, NULL};
	double coef[4] = {0}, center[4] = {0}, lo[4] = {0}, hi[4] = {0};
	bool check = false; /* only where a variable's check was left to its terms */
	for (size_t j = 0; j < r; j++) {
		size_t k = terms[j].variable;
		x[j] = b->x[k];
		coef[j] = terms[j].coef;
		center[j] = terms[j].center;
		lo[j] = b->check_lo[k];
		hi[j] = b->check_hi[k];
		check |= lo[j] != -INFINITY || hi[j] != INFINITY;
	}
	if (!check) {
		switch (r) {
		case 1:
			return linear_run(b->eta, m, 1, false, x[0], x[1], x[2], x[3], coef, center,
					  lo, hi);
		case 2:
			return linear_run(b->eta, m, 2, false, x[0], x[1], x[2], x[3], coef, center,
					  lo, hi);
		case 3:
			return linear_run(b->eta, m, 3, false, x[0], x[1], x[2], x[3], coef, center,
					  lo, hi);
		default:
			return linear_run(b->eta, m, 4, false, x[0], x[1], x[2], x[3], coef, center,
					  lo, hi);
		}
	}
	switch (r) {
	case 1:
		return linear_run(b->eta, m, 1, true, x[0], x[1], x[2], x[3], coef, center, lo, hi);
	case 2:
		return linear_run(b->eta, m, 2, true, x[0], x[1], x[2], x[3], coef, center, lo, hi);
	case 3:
		return linear_run(b->eta, m, 3, true, x[0], x[1], x[2], x[3], coef, center, lo, hi);
	default:
		return linear_run(b->eta, m, 4, true, x[0], x[1], x[2], x[3], coef, center, lo, hi);
	}
}

/*
 * The chunk's linear predictor into b->eta, from the resolved variables: 0.0,
 * then term by term, the order of additions of anker_linear_score(). With
 * @p contributions, each term's contribution is also stored into its row
 * start.. (one row of n_terms per case). Returns whether the range checks
 * left to the linear terms (b->check_lo, b->check_hi) all passed.
 */
CHUNK_INLINE bool linear_terms(struct anker_batch *b, size_t start, size_t m, double *contributions)
{
	const struct anker_term *terms = b->lin->terms;
	size_t nt = b->lin->n_terms;
	bool in_range = true;
	for (size_t i = 0; i < m; i++)
		b->eta[i] = 0.0;
	for (size_t t = 0; t < nt;) {
		size_t r = contributions ? 0 : linear_run_length(terms, t, nt);
		if (r > 0) {
			in_range &= add_linear_terms(b, &terms[t], r, m);
			t += r;
			continue;
		}
		if (!contributions) {
			evaluate_term(b, &terms[t], m, b->eta, true);
		} else {
			evaluate_term(b, &terms[t], m, b->term, false);
			add_term(b->eta, b->term, m);
			store_term(contributions + start * nt + t, nt, b->term, m);
		}
		t++;
	}
	return in_range;
}

CHUNK_INLINE void linear_chunk(struct anker_batch *b, size_t start, size_t m, double *contributions)
{
	linear_terms(b, start, m, contributions);
}

/*
 * resolve_chunk() then linear_chunk(), except that without contributions, the
 * range check of a deferrable variable (batch.c) with a contiguous column is
 * left to the linear terms, which read its values anyway: one pass over the
 * column instead of two. Should a value fail that check, the chunk is resolved
 * and its terms evaluated again the ordinary way, with the counts as they were
 * before it, so that failures, flags and counts are exactly resolve_chunk()'s.
 */
CHUNK_INLINE void predict_chunk(struct anker_batch *b, size_t start, size_t m,
				double *contributions)
{
	bool defer = !contributions && b->n_deferrable > 0;
	size_t n_counts = COUNT_KINDS * b->lin->n_variables;
	if (defer)
		memcpy(b->counts_saved, b->counts, n_counts * sizeof(*b->counts));
	resolve_variables(b, start, m, defer);
	if (linear_terms(b, start, m, contributions) || !defer)
		return;
	memcpy(b->counts, b->counts_saved, n_counts * sizeof(*b->counts));
	resolve_variables(b, start, m, false);
	linear_terms(b, start, m, contributions);
}

#endif
