// SPDX-License-Identifier: GPL-3.0-or-later
/* The evaluation object: its inputs, setters and accessors (include/anker/evaluate.h). */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "../core/private.h"
#include "eval-private.h"

static int check_case(const double *p, const double *y, size_t i, struct anker_error *err)
{
	struct anker_where where = ANKER_WHERE_NONE;
	where.case_index = (long long)i;
	where.field = isnan(p[i]) || p[i] < 0 || p[i] > 1 ? "probability" : "outcome";
	if (isnan(p[i]))
		return anker_fail(err, ANKER_E_MISSING_VALUE, where,
				  "case %zu: the probability is missing (NaN)", i);
	if (!(p[i] >= 0 && p[i] <= 1))
		return anker_fail(err, ANKER_E_OUT_OF_RANGE, where,
				  "case %zu: the probability is outside [0, 1]", i);
	if (isnan(y[i]))
		return anker_fail(err, ANKER_E_MISSING_VALUE, where,
				  "case %zu: the outcome is missing (NaN)", i);
	if (y[i] != 0 && y[i] != 1)
		return anker_fail(err, ANKER_E_BAD_VALUE, where,
				  "case %zu: the outcome is neither 0 nor 1", i);
	return 0;
}

ANKER_EXPORT int anker_evaluation_new(struct anker_ctx *ctx, const double *probability,
				      const double *outcome, size_t n,
				      struct anker_evaluation **ret, struct anker_error *err)
{
	if (!ctx || !probability || !outcome || !ret)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_evaluation_new: NULL argument");
	if (n == 0)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "the caseload is empty: nothing to evaluate");
	for (size_t i = 0; i < n; i++) {
		int r = check_case(probability, outcome, i, err);
		if (r < 0)
			return r;
	}
	struct anker_evaluation *ev = anker_alloc_zeroed(ctx, 1, sizeof(*ev));
	if (!ev)
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	ev->ctx = anker_ctx_ref(ctx);
	ev->n = n;
	ev->threshold = NAN;
	ev->ratio_threshold = 1.25;
	ev->p = anker_alloc_array(ctx, n, sizeof(*ev->p));
	ev->y = anker_alloc_array(ctx, n, sizeof(*ev->y));
	if (!ev->p || !ev->y) {
		anker_evaluation_free(ev);
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	}
	memcpy(ev->p, probability, n * sizeof(*ev->p));
	for (size_t i = 0; i < n; i++)
		ev->y[i] = outcome[i] == 1;
	*ret = ev;
	anker_error_clear(err);
	return 0;
}

static void free_grouping(struct anker_ctx *ctx, struct eval_grouping *gr)
{
	for (size_t k = 0; k < gr->n_groups; k++)
		anker_dealloc(ctx, gr->groups[k].name);
	anker_dealloc(ctx, gr->groups);
	anker_dealloc(ctx, gr->group_of);
	anker_dealloc(ctx, gr->name);
	anker_dealloc(ctx, gr->reference_name);
}

ANKER_EXPORT void anker_evaluation_free(struct anker_evaluation *ev)
{
	if (!ev)
		return;
	struct anker_ctx *ctx = ev->ctx;
	for (size_t g = 0; g < ev->n_groupings; g++)
		free_grouping(ctx, &ev->groupings[g]);
	anker_dealloc(ctx, ev->groupings);
	anker_dealloc(ctx, ev->bands);
	anker_dealloc(ctx, ev->classifications);
	anker_dealloc(ctx, ev->p);
	anker_dealloc(ctx, ev->y);
	anker_model_unref(ev->model);
	anker_dealloc(ctx, ev);
	anker_ctx_unref(ctx);
}

ANKER_EXPORT int anker_evaluation_set_model(struct anker_evaluation *ev, struct anker_model *model)
{
	if (!ev || !model || anker_model_get_band_count(model) == 0)
		return ANKER_E_INVALID_ARGUMENT;
	anker_model_unref(ev->model);
	ev->model = anker_model_ref(model);
	ev->computed = false;
	return 0;
}

ANKER_EXPORT int anker_evaluation_set_threshold(struct anker_evaluation *ev, double threshold)
{
	if (!ev || !(threshold >= 0 && threshold <= 1))
		return ANKER_E_INVALID_ARGUMENT;
	ev->threshold = threshold;
	ev->computed = false;
	return 0;
}

ANKER_EXPORT int anker_evaluation_set_ratio_threshold(struct anker_evaluation *ev, double ratio)
{
	if (!ev || !(ratio > 1 && isfinite(ratio)))
		return ANKER_E_INVALID_ARGUMENT;
	ev->ratio_threshold = ratio;
	ev->computed = false;
	return 0;
}

/* The index of group @p value in @p gr, adding it when new; SIZE_MAX when out of memory. */
static size_t group_index(struct anker_ctx *ctx, struct eval_grouping *gr, const char *value,
			  size_t *capacity)
{
	for (size_t k = gr->n_groups; k-- > 0;)
		if (strcmp(gr->groups[k].name, value) == 0)
			return k;
	if (gr->n_groups == *capacity) {
		size_t cap = *capacity ? 2 * *capacity : 8;
		struct eval_group *more =
		    anker_realloc_array(ctx, gr->groups, cap, sizeof(*gr->groups));
		if (!more)
			return SIZE_MAX;
		gr->groups = more;
		*capacity = cap;
	}
	struct eval_group *g = &gr->groups[gr->n_groups];
	memset(g, 0, sizeof(*g));
	g->name = anker_strdup(ctx, value);
	if (!g->name)
		return SIZE_MAX;
	return gr->n_groups++;
}

static int fill_grouping(struct anker_evaluation *ev, struct eval_grouping *gr,
			 const char *const *values)
{
	size_t capacity = 0;
	gr->group_of = anker_alloc_array(ev->ctx, ev->n, sizeof(*gr->group_of));
	if (!gr->group_of)
		return ANKER_E_NO_MEMORY;
	for (size_t i = 0; i < ev->n; i++) {
		if (!values[i]) {
			gr->group_of[i] = SIZE_MAX;
			gr->missing++;
			continue;
		}
		gr->group_of[i] = group_index(ev->ctx, gr, values[i], &capacity);
		if (gr->group_of[i] == SIZE_MAX)
			return ANKER_E_NO_MEMORY;
	}
	return 0;
}

ANKER_EXPORT int anker_evaluation_add_grouping(struct anker_evaluation *ev, const char *name,
					       const char *const *values, const char *reference,
					       struct anker_error *err)
{
	if (!ev || !name || !values)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_evaluation_add_grouping: NULL argument");
	struct anker_where where = ANKER_WHERE_NONE;
	where.field = name;
	for (size_t g = 0; g < ev->n_groupings; g++)
		if (strcmp(ev->groupings[g].name, name) == 0)
			return anker_fail(err, ANKER_E_DUPLICATE, where,
					  "grouping '%s' was already added", name);
	struct eval_grouping *more = anker_realloc_array(
	    ev->ctx, ev->groupings, ev->n_groupings + 1, sizeof(*ev->groupings));
	if (!more)
		return anker_fail(err, ANKER_E_NO_MEMORY, where, "out of memory");
	ev->groupings = more;
	struct eval_grouping *gr = &ev->groupings[ev->n_groupings++];
	memset(gr, 0, sizeof(*gr));
	gr->reference = -1;
	gr->name = anker_strdup(ev->ctx, name);
	if (reference)
		gr->reference_name = anker_strdup(ev->ctx, reference);
	if (!gr->name || (reference && !gr->reference_name) || fill_grouping(ev, gr, values) < 0) {
		free_grouping(ev->ctx, gr); /* a half-built grouping is not kept */
		ev->n_groupings--;
		return anker_fail(err, ANKER_E_NO_MEMORY, where, "out of memory");
	}
	ev->computed = false;
	anker_error_clear(err);
	return 0;
}

ANKER_EXPORT int anker_evaluation_compute(struct anker_evaluation *ev, struct anker_error *err)
{
	if (!ev)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_evaluation_compute: NULL argument");
	size_t *order = eval_order_by_probability(ev->ctx, ev->p, ev->n);
	if (!order)
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	int r = eval_discrimination(ev, order);
	if (r == 0)
		r = eval_calibration(ev, order);
	anker_dealloc(ev->ctx, order);
	if (r < 0)
		return anker_fail(err, r, ANKER_WHERE_NONE, "out of memory");
	r = eval_classifications(ev, err);
	if (r < 0)
		return r;
	ev->computed = true;
	anker_error_clear(err);
	return 0;
}

ANKER_EXPORT double anker_evaluation_get(const struct anker_evaluation *ev, int figure)
{
	if (!ev || !ev->computed || figure < 0 || figure >= EVAL_N_FIGURES)
		return NAN;
	return ev->figures[figure];
}

static const struct eval_reliability_row *reliability_rows(const struct anker_evaluation *ev,
							   int by, size_t *n)
{
	*n = 0;
	if (!ev || !ev->computed)
		return NULL;
	if (by == ANKER_RELIABILITY_DECILE) {
		*n = ev->n_deciles;
		return ev->deciles;
	}
	if (by == ANKER_RELIABILITY_BAND) {
		*n = ev->n_bands;
		return ev->bands;
	}
	return NULL;
}

ANKER_EXPORT size_t anker_evaluation_get_reliability_count(const struct anker_evaluation *ev,
							   int by)
{
	size_t n;
	reliability_rows(ev, by, &n);
	return n;
}

ANKER_EXPORT int anker_evaluation_get_reliability(const struct anker_evaluation *ev, int by,
						  size_t index, size_t *ret_count,
						  double *ret_mean_predicted,
						  double *ret_observed_rate)
{
	size_t n;
	const struct eval_reliability_row *rows = reliability_rows(ev, by, &n);
	if (index >= n)
		return ANKER_E_NOT_FOUND;
	if (ret_count)
		*ret_count = rows[index].count;
	if (ret_mean_predicted)
		*ret_mean_predicted = rows[index].mean_predicted;
	if (ret_observed_rate)
		*ret_observed_rate = rows[index].observed_rate;
	return 0;
}

ANKER_EXPORT size_t anker_evaluation_get_classification_count(const struct anker_evaluation *ev)
{
	return ev && ev->computed ? ev->n_classifications : 0;
}

ANKER_EXPORT double anker_evaluation_get_classification(const struct anker_evaluation *ev,
							size_t index, int figure)
{
	if (!ev || !ev->computed || index >= ev->n_classifications || figure < 0 ||
	    figure > ANKER_CLASS_CITL)
		return NAN;
	return ev->classifications[index][figure];
}

ANKER_EXPORT size_t anker_evaluation_get_grouping_count(const struct anker_evaluation *ev)
{
	return ev ? ev->n_groupings : 0;
}

ANKER_EXPORT const char *anker_evaluation_get_grouping_name(const struct anker_evaluation *ev,
							    size_t grouping)
{
	return ev && grouping < ev->n_groupings ? ev->groupings[grouping].name : NULL;
}

ANKER_EXPORT size_t anker_evaluation_get_grouping_missing(const struct anker_evaluation *ev,
							  size_t grouping)
{
	return ev && grouping < ev->n_groupings ? ev->groupings[grouping].missing : 0;
}

ANKER_EXPORT size_t anker_evaluation_get_group_count(const struct anker_evaluation *ev,
						     size_t grouping)
{
	return ev && grouping < ev->n_groupings ? ev->groupings[grouping].n_groups : 0;
}

static const struct eval_group *group_at(const struct anker_evaluation *ev, size_t grouping,
					 size_t group)
{
	if (!ev || grouping >= ev->n_groupings || group >= ev->groupings[grouping].n_groups)
		return NULL;
	return &ev->groupings[grouping].groups[group];
}

ANKER_EXPORT const char *anker_evaluation_get_group_name(const struct anker_evaluation *ev,
							 size_t grouping, size_t group)
{
	const struct eval_group *g = group_at(ev, grouping, group);
	return g ? g->name : NULL;
}

ANKER_EXPORT long anker_evaluation_get_reference_group(const struct anker_evaluation *ev,
						       size_t grouping)
{
	if (!ev || !ev->computed || grouping >= ev->n_groupings)
		return -1;
	return ev->groupings[grouping].reference;
}

ANKER_EXPORT double anker_evaluation_get_group(const struct anker_evaluation *ev, size_t grouping,
					       size_t group, int figure)
{
	const struct eval_group *g = group_at(ev, grouping, group);
	if (!g || !ev->computed || figure < 0 || figure >= EVAL_N_CLASS_FIGURES)
		return NAN;
	return g->figures[figure];
}

ANKER_EXPORT unsigned int anker_evaluation_get_group_flags(const struct anker_evaluation *ev,
							   size_t grouping, size_t group)
{
	const struct eval_group *g = group_at(ev, grouping, group);
	return g && ev->computed ? g->flags : 0;
}
