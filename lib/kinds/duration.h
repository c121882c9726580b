/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "duration" (BLIJF): a linear predictor eta, the log relative hazard,
 * and a baseline, either a Cox baseline survival step function on a grid of
 * months or a Weibull shape and scale; S(t | x) = exp(-exp(eta) * H0(t)) with
 * H0 the baseline cumulative hazard. Its row in the kind table
 * (lib/model/kind.c) points at the functions below.
 *
 * Every survival probability, in the single-case scorer, the batch scorer and
 * the caller-chosen queries alike, is anker_duration_survival() of the hazard
 * ratio anker_duration_hazard_ratio() and a difference of cumulative hazards
 * from anker_duration_cumhaz(), so that all of them agree to the last bit.
 */
#ifndef ANKER_KINDS_DURATION_H
#define ANKER_KINDS_DURATION_H

#include <stdbool.h>

#include "../model/kind.h"
#include "../model/logistic-private.h"

/* Most horizons a file may declare; months of a grid; the longest time described. */
#define DURATION_MAX_HORIZONS 16
#define DURATION_MAX_GRID     1200
#define DURATION_MAX_MONTHS   1200.0

/* The outputs after the per-horizon ones (survival_H for every horizon, then exit_H). */
enum {
	DURATION_MEDIAN,
	DURATION_RMST,
	DURATION_LOG_RELATIVE_HAZARD,
	DURATION_BAND,
	DURATION_N_FIXED,
};

/* The payload of a duration model. */
struct anker_duration {
	struct anker_linear linear;
	int form; /* enum anker_survival_form */
	/* cox: the grid, S0 on it, and H0 = -log S0 there (0 before the first month) */
	double *months, *s0, *cumhaz;
	size_t n_grid;
	/* weibull */
	double shape, scale;
	double max_months; /* cox: the last grid month */
	int horizons[DURATION_MAX_HORIZONS];
	double horizon_cumhaz[DURATION_MAX_HORIZONS]; /* H0 at each horizon */
	size_t n_horizons;
	size_t headline; /* the index of outcome.horizon_months among the horizons */
	struct anker_bands bands;
	/* 2 * n_horizons + DURATION_N_FIXED outputs, and their names */
	struct anker_output *outputs;
	size_t n_outputs;
	char *names;
};

/* Output indices. */
static inline size_t duration_survival_output(size_t horizon)
{
	return horizon;
}
static inline size_t duration_exit_output(const struct anker_duration *dur, size_t horizon)
{
	return dur->n_horizons + horizon;
}
static inline size_t duration_fixed_output(const struct anker_duration *dur, size_t which)
{
	return 2 * dur->n_horizons + which;
}

extern const char *const anker_duration_keys[];

int anker_duration_load(struct jr *jr, struct json_t *root, struct anker_model *model);
void anker_duration_destroy(struct anker_ctx *ctx, void *payload);
const struct anker_output *anker_duration_outputs(const struct anker_model *model,
						  size_t *ret_count);
enum anker_value_error anker_duration_score(const struct anker_model *model,
					    const struct anker_resolved_value *values,
					    double *contributions,
					    struct anker_output_value *outputs);
void anker_duration_batch_chunk(struct anker_batch *b, size_t start, size_t m,
				const struct anker_batch_sink *sink);

/*
 * exp(eta), from the vectorizable exp of logistic-private.h so that the batch
 * scorer computes it in its loops: exp(-|eta|), inverted for eta > 0 (at most
 * about 2 ulp off the correctly rounded value; +inf beyond eta ~ 709).
 * @p floor must be ANKER_EXP_FLOOR, passed from memory in batches (see there).
 */
static inline double anker_duration_hazard_ratio(double eta, double floor)
{
	double e = anker_exp_nonpositive(-fabs(eta), floor);
	return eta > 0.0 ? 1.0 / e : e;
}

/*
 * exp(-hr * dh): the survival over a stretch of cumulative baseline hazard
 * @p dh >= 0 (NaN: undefined). No hazard accrued is survival 1, even for an
 * infinite hazard ratio.
 */
static inline double anker_duration_survival(double hr, double dh, double floor)
{
	double x = dh == 0.0 ? 0.0 : hr * dh;
	return anker_exp_nonpositive(-x, floor);
}

/* H0(t), the baseline cumulative hazard; NaN for t NaN, negative or beyond max_months. */
double anker_duration_cumhaz(const struct anker_duration *dur, double t);

/*
 * H0(t) - H0(s) for the query "S(t) given S(s)"; NaN when either is undefined
 * or t < s.
 */
double anker_duration_cumhaz_between(const struct anker_duration *dur, double s, double t);

/* The median and the restricted mean (months) for a hazard ratio; see docs/model-format.md. */
double anker_duration_median(const struct anker_duration *dur, double hr);
double anker_duration_rmst(const struct anker_duration *dur, double hr);

#endif
