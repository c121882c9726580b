// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The AUC with its DeLong (1988) standard error, in O(n log n): for a positive
 * case the placement V10 is the share of negatives it outranks (ties 1/2), for
 * a negative case V01 the share of positives that outrank it; the AUC is the
 * mean of V10, and var(AUC) = s2(V10) / n1 + s2(V01) / n0 with sample variances.
 */
#include <math.h>
#include <stdlib.h>

#include "../core/private.h"
#include "eval-private.h"

/* The 0.975 quantile of the standard normal distribution. */
#define Z_975 1.959963984540054

struct by_probability {
	const double *p;
	size_t i;
};

static int compare_probability(const void *a, const void *b)
{
	const struct by_probability *x = a, *y = b;
	double px = x->p[x->i], py = y->p[y->i];
	if (px != py)
		return px < py ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i; /* stable: ties keep input order */
}

size_t *eval_order_by_probability(struct anker_ctx *ctx, const double *p, size_t n)
{
	struct by_probability *keys = anker_alloc_array(ctx, n, sizeof(*keys));
	size_t *order = anker_alloc_array(ctx, n, sizeof(*order));
	if (!keys || !order) {
		anker_dealloc(ctx, keys);
		anker_dealloc(ctx, order);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		keys[i] = (struct by_probability){p, i};
	qsort(keys, n, sizeof(*keys), compare_probability);
	for (size_t i = 0; i < n; i++)
		order[i] = keys[i].i;
	anker_dealloc(ctx, keys);
	return order;
}

int eval_discrimination(struct anker_evaluation *ev, const size_t *order)
{
	double *f = ev->figures;
	size_t n1 = 0;
	for (size_t i = 0; i < ev->n; i++)
		n1 += ev->y[i];
	size_t n0 = ev->n - n1;
	f[ANKER_EVAL_AUC] = f[ANKER_EVAL_AUC_SE] = NAN;
	f[ANKER_EVAL_AUC_LOWER] = f[ANKER_EVAL_AUC_UPPER] = NAN;
	if (n1 == 0 || n0 == 0)
		return 0;

	/* Every case of a tie group shares its placement, so sums over groups suffice. */
	double sum10 = 0, sumsq10 = 0, sum01 = 0, sumsq01 = 0;
	size_t below0 = 0, below1 = 0;
	for (size_t start = 0; start < ev->n;) {
		size_t end = start, t0 = 0, t1 = 0;
		while (end < ev->n && ev->p[order[end]] == ev->p[order[start]]) {
			if (ev->y[order[end]])
				t1++;
			else
				t0++;
			end++;
		}
		double v10 = ((double)below0 + 0.5 * (double)t0) / (double)n0;
		double v01 = 1.0 - ((double)below1 + 0.5 * (double)t1) / (double)n1;
		sum10 += (double)t1 * v10;
		sumsq10 += (double)t1 * v10 * v10;
		sum01 += (double)t0 * v01;
		sumsq01 += (double)t0 * v01 * v01;
		below0 += t0;
		below1 += t1;
		start = end;
	}
	double auc = sum10 / (double)n1;
	f[ANKER_EVAL_AUC] = auc;
	if (n1 < 2 || n0 < 2)
		return 0;
	double s10 = (sumsq10 - (double)n1 * auc * auc) / (double)(n1 - 1);
	double s01 = (sumsq01 - (double)n0 * auc * auc) / (double)(n0 - 1);
	double var = fmax(0.0, s10 / (double)n1 + s01 / (double)n0);
	double se = sqrt(var);
	f[ANKER_EVAL_AUC_SE] = se;
	f[ANKER_EVAL_AUC_LOWER] = fmax(0.0, auc - Z_975 * se);
	f[ANKER_EVAL_AUC_UPPER] = fmin(1.0, auc + Z_975 * se);
	return 0;
}
