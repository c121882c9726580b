// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Harrell's C in O(n log n): the cases are visited from the longest time down,
 * and a Fenwick tree over the ranks of the risk scores counts, for each event,
 * the cases with a longer time and a lower (or equal) risk.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "../core/private.h"
#include "eval-private.h"

struct keyed {
	double key;
	size_t i;
};

static int compare_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

static void fenwick_add(double *tree, size_t size, size_t pos)
{
	for (size_t k = pos + 1; k <= size; k += k & (~k + 1))
		tree[k - 1] += 1;
}

/* The number of entries at positions < pos. */
static double fenwick_below(const double *tree, size_t pos)
{
	double sum = 0;
	for (size_t k = pos; k > 0; k -= k & (~k + 1))
		sum += tree[k - 1];
	return sum;
}

static int check_inputs(const double *risk, const double *time, const double *event, size_t n,
			struct anker_error *err)
{
	for (size_t i = 0; i < n; i++) {
		struct anker_where where = ANKER_WHERE_NONE;
		where.case_index = (long long)i;
		const char *bad = isnan(risk[i])    ? "risk"
				  : isnan(time[i])  ? "time"
				  : isnan(event[i]) ? "event"
						    : NULL;
		if (bad) {
			where.field = bad;
			return anker_fail(err, ANKER_E_MISSING_VALUE, where,
					  "case %zu: the %s is missing (NaN)", i, bad);
		}
		if (time[i] < 0 || (event[i] != 0 && event[i] != 1)) {
			where.field = time[i] < 0 ? "time" : "event";
			return anker_fail(err, ANKER_E_BAD_VALUE, where, "case %zu: %s", i,
					  time[i] < 0 ? "the time is negative"
						      : "the event is neither 0 nor 1");
		}
	}
	return 0;
}

/* Ranks of the risks, equal risks sharing one rank. */
static size_t risk_ranks(const double *risk, size_t n, struct keyed *keys, size_t *rank)
{
	for (size_t i = 0; i < n; i++)
		keys[i] = (struct keyed){risk[i], i};
	qsort(keys, n, sizeof(*keys), compare_keyed);
	size_t r = 0;
	for (size_t j = 0; j < n; j++) {
		if (j > 0 && keys[j].key != keys[j - 1].key)
			r++;
		rank[keys[j].i] = r;
	}
	return r + 1;
}

ANKER_EXPORT int anker_harrell_c(struct anker_ctx *ctx, const double *risk, const double *time,
				 const double *event, size_t n, double horizon, double *ret_c,
				 struct anker_error *err)
{
	if (!ctx || !risk || !time || !event || !ret_c || isnan(horizon))
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_harrell_c: NULL argument or NaN horizon");
	int r = check_inputs(risk, time, event, n, err);
	if (r < 0)
		return r;
	struct keyed *keys = anker_alloc_array(ctx, n ? n : 1, sizeof(*keys));
	size_t *rank = anker_alloc_array(ctx, n ? n : 1, sizeof(*rank));
	double *tree = anker_alloc_zeroed(ctx, n ? n : 1, sizeof(*tree));
	if (!keys || !rank || !tree) {
		anker_dealloc(ctx, keys);
		anker_dealloc(ctx, rank);
		anker_dealloc(ctx, tree);
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	}
	size_t n_ranks = risk_ranks(risk, n, keys, rank);
	for (size_t i = 0; i < n; i++)
		keys[i] = (struct keyed){time[i], i};
	qsort(keys, n, sizeof(*keys), compare_keyed);

	double concordant = 0, comparable = 0, inserted = 0;
	for (size_t end = n; end > 0;) {
		size_t start = end;
		while (start > 0 && keys[start - 1].key == keys[end - 1].key)
			start--;
		/* the tree holds every case with a longer time than this tie group */
		for (size_t j = start; j < end; j++) {
			size_t i = keys[j].i;
			if (event[i] != 1 || time[i] > horizon)
				continue;
			double lower = fenwick_below(tree, rank[i]);
			double equal = fenwick_below(tree, rank[i] + 1) - lower;
			concordant += lower + 0.5 * equal;
			comparable += inserted;
		}
		for (size_t j = start; j < end; j++)
			fenwick_add(tree, n_ranks, rank[keys[j].i]);
		inserted += (double)(end - start);
		end = start;
	}
	*ret_c = comparable > 0 ? concordant / comparable : NAN;
	anker_dealloc(ctx, keys);
	anker_dealloc(ctx, rank);
	anker_dealloc(ctx, tree);
	anker_error_clear(err);
	return 0;
}
