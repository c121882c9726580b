/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * anker_simulation_*: a scenario with a seed and a number of cases. Making
 * one calibrates every target rate; writing rows generates cases in order
 * into a buffer handed to the caller's writer in whole lines.
 */
#include <math.h>
#include <string.h>

#include "../core/private.h"
#include "sim-private.h"

#define WRITE_BUFFER	(64 * 1024)
#define BISECTION_STEPS 200
#define SHIFT_BOUND	30.0
#define PROGRESS_EVERY	1000

/* The mean chance over the scored cases' linear predictors @p lp after @p shift. */
static double mean_chance(int link, const double *lp, size_t n, double shift)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += sim_chance(link, lp[i] + shift);
	return sum / (double)n;
}

/*
 * The shift that makes the mean chance equal the target, by bisection on
 * [-30, 30]: the mean chance is increasing in the shift. A fixed number of
 * halvings (or until the interval stops shrinking), in one thread, so the
 * result is a function of the linear predictors alone.
 */
static double bisect_shift(int link, const double *lp, size_t n, double target)
{
	double lo = -SHIFT_BOUND, hi = SHIFT_BOUND;
	for (int step = 0; step < BISECTION_STEPS; step++) {
		double mid = 0.5 * (lo + hi);
		if (mid <= lo || mid >= hi)
			break;
		if (mean_chance(link, lp, n, mid) < target)
			lo = mid;
		else
			hi = mid;
	}
	return 0.5 * (lo + hi);
}

/*
 * Generate every case once: keep the linear predictors of the outcomes with a
 * target (to calibrate them) and sum the chances of the others (their
 * expected rates).
 */
static int calibrate(struct anker_simulation *sim, anker_sim_progress_fn progress,
		     void *progress_data, struct anker_error *err)
{
	const struct anker_scenario *sc = sim->scenario;
	struct anker_ctx *ctx = sc->ctx;
	size_t n_out = sc->n_outcomes;
	double **lp = anker_alloc_zeroed(ctx, n_out, sizeof(*lp));
	double *sum = anker_alloc_zeroed(ctx, n_out, sizeof(*sum));
	size_t *n_scored = anker_alloc_zeroed(ctx, n_out, sizeof(*n_scored));
	bool ok = lp && sum && n_scored && sim->cases <= SIZE_MAX / sizeof(double);
	for (size_t i = 0; ok && i < n_out; i++)
		if (sc->outcomes[i].has_target)
			ok = (lp[i] = anker_alloc_array(ctx, (size_t)sim->cases, sizeof(double))) !=
			     NULL;
	struct sim_work w;
	int r = ok ? sim_work_init(sc, &w) : ANKER_E_NO_MEMORY;
	bool have_work = r == 0;
	if (r < 0)
		r = anker_fail(err, r, ANKER_WHERE_NONE, "out of memory");
	for (uint64_t k = 0; k < sim->cases && r == 0; k++) {
		struct sim_rng rng;
		r = sim_generate_inputs(sc, sim->seed, k, &w, &rng, err);
		for (size_t i = 0; i < n_out && r == 0; i++) {
			if (isnan(w.lp[i]) || sc->outcomes[i].kind != ANKER_MODEL_BINARY)
				continue;
			if (lp[i])
				lp[i][n_scored[i]] = w.lp[i];
			else
				sum[i] += sim_chance(sc->outcomes[i].link, w.lp[i]);
			n_scored[i]++;
		}
		if (progress && ((k + 1) % PROGRESS_EVERY == 0 || k + 1 == sim->cases))
			progress(progress_data, k + 1, sim->cases);
	}
	for (size_t i = 0; i < n_out && r == 0; i++) {
		const struct sim_outcome *o = &sc->outcomes[i];
		if (o->kind != ANKER_MODEL_BINARY || n_scored[i] == 0) {
			if (o->has_target)
				r = anker_fail(err, ANKER_E_BAD_VALUE, ANKER_WHERE_NONE,
					       "outcome '%s': its truth model scores none of the "
					       "cases, so its target rate cannot be met",
					       o->name);
			continue;
		}
		if (!o->has_target) {
			sim->expected[i] = sum[i] / (double)n_scored[i];
			continue;
		}
		sim->shifts[i] = bisect_shift(o->link, lp[i], n_scored[i], o->target_rate);
		sim->expected[i] = mean_chance(o->link, lp[i], n_scored[i], sim->shifts[i]);
	}
	if (have_work)
		sim_work_fini(sc, &w);
	for (size_t i = 0; lp && i < n_out; i++)
		anker_dealloc(ctx, lp[i]);
	anker_dealloc(ctx, lp);
	anker_dealloc(ctx, sum);
	anker_dealloc(ctx, n_scored);
	return r;
}

ANKER_EXPORT void anker_simulation_free(struct anker_simulation *sim)
{
	if (!sim)
		return;
	struct anker_ctx *ctx = sim->scenario->ctx;
	anker_dealloc(ctx, sim->shifts);
	anker_dealloc(ctx, sim->expected);
	anker_dealloc(ctx, sim);
}

ANKER_EXPORT int anker_simulation_new(const struct anker_scenario *sc, uint64_t seed,
				      uint64_t cases, anker_sim_progress_fn progress,
				      void *progress_data, struct anker_error *err,
				      struct anker_simulation **ret)
{
	if (!sc || !ret || cases == 0)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_simulation_new: scenario and ret are required, and at "
				  "least one case");
	struct anker_simulation *sim = anker_alloc_zeroed(sc->ctx, 1, sizeof(*sim));
	if (sim) {
		sim->scenario = sc;
		sim->seed = seed;
		sim->cases = cases;
		sim->shifts = anker_alloc_zeroed(sc->ctx, sc->n_outcomes, sizeof(double));
		sim->expected = anker_alloc_array(sc->ctx, sc->n_outcomes, sizeof(double));
	}
	if (!sim || !sim->shifts || !sim->expected) {
		anker_simulation_free(sim);
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	}
	for (size_t i = 0; i < sc->n_outcomes; i++)
		sim->expected[i] = NAN;
	int r = calibrate(sim, progress, progress_data, err);
	if (r < 0) {
		anker_simulation_free(sim);
		return r;
	}
	anker_error_clear(err);
	*ret = sim;
	return 0;
}

ANKER_EXPORT double anker_simulation_get_shift(const struct anker_simulation *sim, size_t outcome)
{
	return sim && outcome < sim->scenario->n_outcomes ? sim->shifts[outcome] : NAN;
}

ANKER_EXPORT double anker_simulation_get_expected_rate(const struct anker_simulation *sim,
						       size_t outcome)
{
	return sim && outcome < sim->scenario->n_outcomes ? sim->expected[outcome] : NAN;
}

static int writer_refused(struct anker_error *err)
{
	return anker_fail(err, ANKER_E_IO, ANKER_WHERE_NONE, "the writer refused the output");
}

ANKER_EXPORT int anker_simulation_write_header(const struct anker_simulation *sim,
					       anker_sim_write_fn write, void *data,
					       struct anker_error *err)
{
	if (!sim || !write)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_simulation_write_header: sim and write are required");
	const struct anker_scenario *sc = sim->scenario;
	for (size_t i = 0; i < sc->n_columns; i++) {
		const char *name = sc->columns[i].name;
		if ((i > 0 && write(data, ",", 1) != 0) || write(data, name, strlen(name)) != 0)
			return writer_refused(err);
	}
	if (write(data, "\n", 1) != 0)
		return writer_refused(err);
	anker_error_clear(err);
	return 0;
}

ANKER_EXPORT int anker_simulation_write_rows(const struct anker_simulation *sim, uint64_t first,
					     uint64_t count, anker_sim_write_fn write, void *data,
					     struct anker_error *err)
{
	if (!sim || !write || first > sim->cases || count > sim->cases - first)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_simulation_write_rows: sim and write are required, and "
				  "the rows must be among the simulation's cases");
	const struct anker_scenario *sc = sim->scenario;
	char *buf = anker_alloc(sc->ctx, WRITE_BUFFER);
	struct sim_work w;
	int r = buf ? sim_work_init(sc, &w) : ANKER_E_NO_MEMORY;
	if (r < 0) {
		anker_dealloc(sc->ctx, buf);
		return anker_fail(err, r, ANKER_WHERE_NONE, "out of memory");
	}
	size_t used = 0;
	for (uint64_t k = first; k < first + count && r == 0; k++) {
		struct sim_rng rng;
		r = sim_generate_inputs(sc, sim->seed, k, &w, &rng, err);
		if (r == 0)
			r = sim_generate_outcomes(sc, sim->shifts, &w, &rng, err);
		if (r < 0)
			break;
		size_t n = sim_format_row(sc, &w, buf + used, WRITE_BUFFER - used);
		if (n == 0 && used > 0) {
			if (write(data, buf, used) != 0) {
				r = writer_refused(err);
				break;
			}
			used = 0;
			n = sim_format_row(sc, &w, buf, WRITE_BUFFER);
		}
		if (n == 0) {
			r = anker_fail(err, ANKER_E_TOO_LARGE, ANKER_WHERE_NONE,
				       "a row is longer than %d bytes", WRITE_BUFFER);
			break;
		}
		used += n;
	}
	if (r == 0 && used > 0 && write(data, buf, used) != 0)
		r = writer_refused(err);
	sim_work_fini(sc, &w);
	anker_dealloc(sc->ctx, buf);
	if (r == 0)
		anker_error_clear(err);
	return r;
}
