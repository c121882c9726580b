// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Classification at thresholds (confusion matrix, sensitivity, specificity,
 * PPV) and the fairness table: the same figures per group at one threshold,
 * with ratios to a reference group and flags outside [1/r, r].
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "../core/private.h"
#include "eval-private.h"

static double ratio(double num, double den)
{
	return den > 0 && isfinite(num) ? num / den : NAN; /* undefined, never inf */
}

void eval_classify(const struct anker_evaluation *ev, const unsigned char *selected,
		   const size_t *member, size_t group, double threshold,
		   double figures[EVAL_N_CLASS_FIGURES])
{
	double tp = 0, fp = 0, tn = 0, fn = 0, sum_p = 0;
	for (size_t i = 0; i < ev->n; i++) {
		if (member && member[i] != group)
			continue;
		sum_p += ev->p[i];
		if (selected[i])
			*(ev->y[i] ? &tp : &fp) += 1;
		else
			*(ev->y[i] ? &fn : &tn) += 1;
	}
	double n = tp + fp + tn + fn;
	for (int k = 0; k < EVAL_N_CLASS_FIGURES; k++)
		figures[k] = NAN;
	figures[ANKER_CLASS_THRESHOLD] = threshold;
	figures[ANKER_CLASS_COUNT] = n;
	figures[ANKER_CLASS_POSITIVES] = tp + fn;
	figures[ANKER_CLASS_TP] = tp;
	figures[ANKER_CLASS_FP] = fp;
	figures[ANKER_CLASS_TN] = tn;
	figures[ANKER_CLASS_FN] = fn;
	figures[ANKER_CLASS_SELECTION_RATE] = ratio(tp + fp, n);
	figures[ANKER_CLASS_TPR] = ratio(tp, tp + fn);
	figures[ANKER_CLASS_SPECIFICITY] = ratio(tn, tn + fp);
	figures[ANKER_CLASS_FPR] = ratio(fp, tn + fp);
	figures[ANKER_CLASS_FNR] = ratio(fn, tp + fn);
	figures[ANKER_CLASS_PPV] = ratio(tp, tp + fp);
	figures[ANKER_CLASS_CITL] = ratio(tp + fn - sum_p, n);
}

static void select_at(const struct anker_evaluation *ev, double threshold, long band,
		      unsigned char *selected)
{
	for (size_t i = 0; i < ev->n; i++)
		selected[i] = band >= 0
				  ? anker_model_band_for_probability(ev->model, ev->p[i]) > band
				  : ev->p[i] >= threshold;
}

static const int ratio_of[4][3] = {
    {ANKER_CLASS_SELECTION_RATE, ANKER_CLASS_RATIO_SELECTION_RATE, ANKER_FLAG_SELECTION_RATE},
    {ANKER_CLASS_TPR, ANKER_CLASS_RATIO_TPR, ANKER_FLAG_TPR},
    {ANKER_CLASS_FPR, ANKER_CLASS_RATIO_FPR, ANKER_FLAG_FPR},
    {ANKER_CLASS_FNR, ANKER_CLASS_RATIO_FNR, ANKER_FLAG_FNR},
};

static int fairness(struct anker_evaluation *ev, struct eval_grouping *gr,
		    const unsigned char *selected, struct anker_error *err)
{
	gr->reference = -1;
	for (size_t k = 0; k < gr->n_groups; k++) {
		struct eval_group *g = &gr->groups[k];
		eval_classify(ev, selected, gr->group_of, k, ev->figures[ANKER_EVAL_THRESHOLD],
			      g->figures);
		if (gr->reference_name
			? strcmp(g->name, gr->reference_name) == 0
			: gr->reference < 0 ||
			      g->figures[ANKER_CLASS_COUNT] >
				  gr->groups[gr->reference].figures[ANKER_CLASS_COUNT])
			gr->reference = (long)k;
	}
	if (gr->reference < 0) {
		struct anker_where where = ANKER_WHERE_NONE;
		where.field = gr->name;
		return anker_fail(err, gr->reference_name ? ANKER_E_NOT_FOUND : ANKER_E_BAD_VALUE,
				  where, "grouping '%s': %s", gr->name,
				  gr->reference_name ? "no case belongs to the reference group"
						     : "no case has a value");
	}
	const double *ref = gr->groups[gr->reference].figures;
	double r = ev->ratio_threshold;
	for (size_t k = 0; k < gr->n_groups; k++) {
		struct eval_group *g = &gr->groups[k];
		g->flags = 0;
		for (int m = 0; m < 4; m++) {
			double q = ratio(g->figures[ratio_of[m][0]], ref[ratio_of[m][0]]);
			g->figures[ratio_of[m][1]] = q;
			if (q > r || q < 1.0 / r)
				g->flags |= (unsigned int)ratio_of[m][2];
		}
	}
	return 0;
}

int eval_classifications(struct anker_evaluation *ev, struct anker_error *err)
{
	bool given = !isnan(ev->threshold);
	size_t nb = ev->model ? anker_model_get_band_count(ev->model) : 0;
	size_t count = !given && nb > 1 ? nb - 1 : 1;
	unsigned char *selected = anker_alloc_array(ev->ctx, ev->n, 1);
	anker_dealloc(ev->ctx, ev->classifications);
	ev->classifications = anker_alloc_array(ev->ctx, count, sizeof(*ev->classifications));
	if (!selected || !ev->classifications) {
		anker_dealloc(ev->ctx, selected);
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	}
	ev->n_classifications = count;
	for (size_t k = 0; k < count; k++) {
		bool by_band = !given && nb > 1;
		double t = given     ? ev->threshold
			   : by_band ? anker_model_get_band_upper(ev->model, k)
				     : 0.5;
		select_at(ev, t, by_band ? (long)k : -1, selected);
		eval_classify(ev, selected, NULL, 0, t, ev->classifications[k]);
	}
	/* The fairness table compares groups at one threshold: the given one, else 0.5. */
	double t = given ? ev->threshold : 0.5;
	ev->figures[ANKER_EVAL_THRESHOLD] = t;
	select_at(ev, t, -1, selected);
	int r = 0;
	for (size_t g = 0; g < ev->n_groupings && r == 0; g++)
		r = fairness(ev, &ev->groupings[g], selected, err);
	anker_dealloc(ev->ctx, selected);
	return r;
}
