// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The population stability index, sum over bins of (c - r) ln(c / r) for the
 * current and reference shares c and r. Numeric values are binned at the
 * reference deciles or at given edges (a model's bins); categorical values by
 * level. A share of 0 is replaced by
 * PSI_EPSILON, so that an empty bin gives a large but finite index.
 */
#include <math.h>
#include <stdlib.h>

#include "../core/private.h"
#include "eval-private.h"

#define PSI_EPSILON 1e-4
#define PSI_BINS    10

static double psi_term(double current, double reference)
{
	double c = current > 0 ? current : PSI_EPSILON;
	double r = reference > 0 ? reference : PSI_EPSILON;
	return (c - r) * log(c / r);
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/*
 * The bin of @p x: the number of edges below it (x <= edges[bin]), or with
 * @p left_closed (a model's bins) the number at or below it; n_edges + 1 for NaN.
 */
static size_t bin_of(const double *edges, size_t n_edges, bool left_closed, double x)
{
	if (isnan(x))
		return n_edges + 1;
	size_t lo = 0, hi = n_edges;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (edges[mid] < x || (left_closed && edges[mid] == x))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The reference deciles: edge k (k = 1..9) is the smallest value with at least
 * k/10 of the reference at or below it; repeated edges are merged. */
static size_t decile_edges(const double *sorted, size_t m, double edges[PSI_BINS - 1])
{
	size_t n_edges = 0;
	for (size_t k = 1; k < PSI_BINS && m > 0; k++) {
		double e = sorted[(k * m + PSI_BINS - 1) / PSI_BINS - 1];
		if (n_edges == 0 || e > edges[n_edges - 1])
			edges[n_edges++] = e;
	}
	return n_edges;
}

/* ANKER_E_INVALID_ARGUMENT for a NULL argument (!@p given) or an empty caseload. */
static int check_caseloads(const char *function, bool given, size_t n_reference, size_t n_current,
			   struct anker_error *err)
{
	if (!given)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "%s: NULL argument", function);
	if (n_reference == 0 || n_current == 0)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "the %s caseload is empty",
				  n_reference ? "current" : "reference");
	return 0;
}

/* The PSI over the bins @p edges make, plus one for NaN when either caseload has any. */
static int psi_binned(struct anker_ctx *ctx, const double *edges, size_t n_edges, bool left_closed,
		      const double *reference, size_t n_reference, const double *current,
		      size_t n_current, double *ret_psi, size_t *ret_bins, struct anker_error *err)
{
	double *counts = anker_alloc_zeroed(ctx, 2 * (n_edges + 2), sizeof(*counts));
	if (!counts)
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	double *ref = counts, *cur = counts + n_edges + 2;
	for (size_t i = 0; i < n_reference; i++)
		ref[bin_of(edges, n_edges, left_closed, reference[i])]++;
	for (size_t i = 0; i < n_current; i++)
		cur[bin_of(edges, n_edges, left_closed, current[i])]++;
	size_t missing_bin = n_edges + 1;
	bool with_missing = ref[missing_bin] > 0 || cur[missing_bin] > 0;
	double psi = 0;
	for (size_t b = 0; b <= missing_bin; b++)
		if (b < missing_bin || with_missing)
			psi += psi_term(cur[b] / (double)n_current, ref[b] / (double)n_reference);
	anker_dealloc(ctx, counts);
	*ret_psi = psi;
	if (ret_bins)
		*ret_bins = n_edges + 1 + (with_missing ? 1 : 0);
	anker_error_clear(err);
	return 0;
}

ANKER_EXPORT int anker_psi_numbers(struct anker_ctx *ctx, const double *reference,
				   size_t n_reference, const double *current, size_t n_current,
				   double *ret_psi, size_t *ret_bins, struct anker_error *err)
{
	int r = check_caseloads("anker_psi_numbers", ctx && reference && current && ret_psi,
				n_reference, n_current, err);
	if (r < 0)
		return r;
	double *sorted = anker_alloc_array(ctx, n_reference, sizeof(*sorted));
	if (!sorted)
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	size_t m = 0;
	for (size_t i = 0; i < n_reference; i++)
		if (!isnan(reference[i]))
			sorted[m++] = reference[i];
	qsort(sorted, m, sizeof(*sorted), compare_double);
	double edges[PSI_BINS - 1];
	size_t n_edges = decile_edges(sorted, m, edges);
	anker_dealloc(ctx, sorted);

	return psi_binned(ctx, edges, n_edges, false, reference, n_reference, current, n_current,
			  ret_psi, ret_bins, err);
}

ANKER_EXPORT int anker_psi_edges(struct anker_ctx *ctx, const double *edges, size_t n_edges,
				 const double *reference, size_t n_reference, const double *current,
				 size_t n_current, double *ret_psi, size_t *ret_bins,
				 struct anker_error *err)
{
	int r = check_caseloads("anker_psi_edges",
				ctx && (edges || !n_edges) && reference && current && ret_psi,
				n_reference, n_current, err);
	if (r < 0)
		return r;
	for (size_t k = 0; k < n_edges; k++) {
		if (!isfinite(edges[k]) || (k > 0 && !(edges[k] > edges[k - 1]))) {
			struct anker_where where = ANKER_WHERE_NONE;
			where.field = "edges";
			return anker_fail(err, ANKER_E_ORDER, where,
					  "edge %zu is not finite or not above the one before", k);
		}
	}
	return psi_binned(ctx, edges, n_edges, true, reference, n_reference, current, n_current,
			  ret_psi, ret_bins, err);
}

static int count_levels(const int32_t *codes, size_t n, size_t n_levels, double *counts,
			const char *which, struct anker_error *err)
{
	for (size_t i = 0; i < n; i++) {
		if (codes[i] < -1 || codes[i] >= (int64_t)n_levels) {
			struct anker_where where = ANKER_WHERE_NONE;
			where.field = which;
			where.case_index = (long long)i;
			return anker_fail(err, ANKER_E_OUT_OF_RANGE, where,
					  "%s case %zu: level code %d is not one of -1 .. %zu",
					  which, i, (int)codes[i], n_levels - 1);
		}
		counts[codes[i] + 1]++; /* slot 0 holds the missing values */
	}
	return 0;
}

ANKER_EXPORT int anker_psi_levels(const int32_t *reference, size_t n_reference,
				  const int32_t *current, size_t n_current, size_t n_levels,
				  double *ret_psi, struct anker_error *err)
{
	if (!reference || !current || !ret_psi || n_levels == 0 || n_levels > INT32_MAX)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_psi_levels: NULL argument or no levels");
	if (n_reference == 0 || n_current == 0)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "the %s caseload is empty",
				  n_reference ? "current" : "reference");
	double *counts = calloc(2 * (n_levels + 1), sizeof(*counts));
	if (!counts)
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	double *ref = counts, *cur = counts + n_levels + 1;
	int r = count_levels(reference, n_reference, n_levels, ref, "reference", err);
	if (r == 0)
		r = count_levels(current, n_current, n_levels, cur, "current", err);
	if (r == 0) {
		double psi = 0;
		for (size_t b = 0; b <= n_levels; b++)
			if (b > 0 || ref[0] > 0 || cur[0] > 0)
				psi += psi_term(cur[b] / (double)n_current,
						ref[b] / (double)n_reference);
		*ret_psi = psi;
		anker_error_clear(err);
	}
	free(counts);
	return r;
}
