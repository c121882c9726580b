/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Generating one case (docs/simulation.md, "How a case is drawn"): the
 * variables in file order, the questionnaire answers, the questionnaire's
 * columns, then each outcome from its truth model. Every draw comes from the
 * case's own stream, in this fixed order, so a case depends on nothing but
 * the seed and its index.
 */
#include <math.h>
#include <string.h>

#include "../core/private.h"
#include "sim-private.h"

int sim_work_init(const struct anker_scenario *sc, struct sim_work *w)
{
	memset(w, 0, sizeof(*w));
	w->cells = anker_alloc_zeroed(sc->ctx, sc->n_columns, sizeof(*w->cells));
	w->lp = anker_alloc_zeroed(sc->ctx, sc->n_outcomes, sizeof(*w->lp));
	if (!w->cells || !w->lp || anker_case_new(sc->ctx, &w->c) < 0 ||
	    anker_result_new(sc->ctx, &w->res) < 0) {
		sim_work_fini(sc, w);
		return ANKER_E_NO_MEMORY;
	}
	return 0;
}

void sim_work_fini(const struct anker_scenario *sc, struct sim_work *w)
{
	anker_dealloc(sc->ctx, w->cells);
	anker_dealloc(sc->ctx, w->lp);
	anker_case_free(w->c);
	anker_result_free(w->res);
	memset(w, 0, sizeof(*w));
}

/* Round half away from zero to @p decimals decimals. */
static double round_to(double x, int decimals)
{
	double scale = pow(10.0, decimals);
	return round(x * scale) / scale;
}

static void draw_variable(const struct anker_scenario *sc, size_t index, struct sim_rng *rng,
			  struct sim_cell *cells)
{
	const struct sim_variable *v = &sc->variables[index];
	struct sim_cell *cell = &cells[1 + index];
	/* the missing draw comes first and only when the scenario asks for it */
	if (v->missing > 0 && sim_uniform(rng) < v->missing) {
		*cell = (struct sim_cell){CELL_EMPTY, 0, NULL};
		return;
	}
	double x;
	switch (v->draw) {
	case DRAW_UNIFORM_INT: {
		double span = (double)(v->int_max - v->int_min) + 1.0;
		x = (double)v->int_min + floor(sim_uniform(rng) * span);
		break;
	}
	case DRAW_NORMAL: {
		double mean = v->intercept;
		for (size_t t = 0; t < v->n_terms; t++) {
			const struct sim_cell *from = &cells[1 + v->terms[t].variable];
			/* an empty (missing) value adds nothing */
			if (from->state == CELL_NUMBER)
				mean += v->terms[t].coef * from->number;
		}
		x = mean + v->sd * sim_normal(rng);
		x = fmin(fmax(x, v->min), v->max);
		x = round_to(x, v->decimals);
		break;
	}
	case DRAW_BERNOULLI:
		x = sim_uniform(rng) < v->p ? 1.0 : 0.0;
		break;
	default: {
		double u = sim_uniform(rng);
		size_t k = 0;
		while (k + 1 < v->n_levels && u >= v->cumulative[k])
			k++;
		*cell = (struct sim_cell){CELL_LEVEL, 0, v->levels[k]};
		return;
	}
	}
	*cell = (struct sim_cell){CELL_NUMBER, x, NULL};
}

/* The option nearest @p target (ties: the lower value; for choice items a random one). */
static size_t nearest_option(const struct sim_item *it, double target, struct sim_rng *rng)
{
	double best = INFINITY;
	for (size_t k = 0; k < it->n_options; k++)
		best = fmin(best, fabs(it->values[k] - target));
	size_t near[64], n_near = 0, lowest = 0;
	for (size_t k = 0; k < it->n_options; k++) {
		if (fabs(it->values[k] - target) != best)
			continue;
		if (n_near == 0 || it->values[k] < it->values[lowest])
			lowest = k;
		if (n_near < 64)
			near[n_near++] = k;
	}
	if (it->response == ANKER_RESPONSE_LIKERT)
		return lowest;
	return near[(size_t)(sim_uniform(rng) * (double)n_near)];
}

static void answer_item(const struct anker_scenario *sc, size_t index, double position,
			struct sim_rng *rng, struct sim_cell *cells, struct sim_cell *cell)
{
	const struct sim_item *it = &sc->items[index];
	size_t option;
	if (it->from_variable >= 0) {
		const struct sim_cell *from = &cells[1 + it->from_variable];
		if (from->state != CELL_NUMBER) {
			*cell = (struct sim_cell){CELL_EMPTY, 0, NULL};
			return;
		}
		option = 0;
		while (option + 1 < it->n_options && from->number >= it->edges[option])
			option++;
	} else {
		double target = 3.0 + sc->loading * position + sc->noise_sd * sim_normal(rng);
		if (it->reverse)
			target = 6.0 - target;
		option = nearest_option(it, target, rng);
	}
	if (it->response == ANKER_RESPONSE_CHOICE)
		*cell = (struct sim_cell){CELL_LEVEL, 0, it->codes[option]};
	else
		*cell = (struct sim_cell){CELL_NUMBER, it->values[option], NULL};
}

/* Answers and questionnaire columns; returns whether the client completed it. */
static bool answer_questionnaire(const struct anker_scenario *sc, struct sim_rng *rng,
				 struct sim_cell *cells)
{
	struct sim_cell *answers = &cells[1 + sc->n_variables];
	double position = sim_normal(rng);
	for (size_t i = 0; i < sc->n_items; i++)
		answer_item(sc, i, position, rng, cells, &answers[i]);
	size_t stop = sc->n_items;
	if (sim_uniform(rng) >= sc->completion) {
		/* a non-completer answers nothing, or stops after 1..stop_within items */
		double u = sim_uniform(rng), v = sim_uniform(rng);
		stop = u < sc->answer_none || sc->stop_within == 0
			   ? 0
			   : 1 + (size_t)(v * (double)sc->stop_within);
	}
	bool complete = true;
	for (size_t i = 0; i < sc->n_items; i++) {
		if (i >= stop)
			answers[i] = (struct sim_cell){CELL_EMPTY, 0, NULL};
		if (answers[i].state == CELL_EMPTY)
			complete = false;
	}
	return complete;
}

static int set_cell(struct anker_case *c, const struct sim_column *col, const struct sim_cell *cell)
{
	switch (cell->state) {
	case CELL_EMPTY:
		return anker_case_set_missing(c, col->name);
	case CELL_LEVEL:
		return anker_case_set_level(c, col->name, cell->level);
	default:
		if (col->type == ANKER_SIM_COLUMN_BOOLEAN)
			return anker_case_set_bool(c, col->name, cell->number != 0);
		return anker_case_set_number(c, col->name, cell->number);
	}
}

/* The case's inputs, from column 1 up to @p end, into the scoring case. */
static int fill_case(const struct anker_scenario *sc, struct sim_work *w, size_t end)
{
	for (size_t i = 1; i < end; i++) {
		int r = set_cell(w->c, &sc->columns[i], &w->cells[i]);
		if (r < 0)
			return r;
	}
	return 0;
}

/* Score @p m on the case; a case the model cannot score is no error, only unscored. */
static int score(const struct anker_model *m, struct sim_work *w, bool *ret_scored)
{
	int r = anker_model_score(m, w->c, ANKER_SCORE_IGNORE_EXTRA, w->res, NULL);
	if (r == ANKER_E_NO_MEMORY)
		return r;
	*ret_scored = r == 0;
	return 0;
}

static int derive_columns(const struct anker_scenario *sc, bool complete, struct sim_work *w)
{
	struct sim_cell *derived = &w->cells[1 + sc->n_variables + sc->n_items];
	bool scored = false;
	int r = 0;
	if (complete)
		r = score(sc->questionnaire, w, &scored);
	for (size_t i = 0; i < sc->n_derived && r == 0; i++) {
		double x = scored ? anker_result_get_number(w->res, sc->derived[i].output) : NAN;
		/* rounded as written, so that truth models see what the CSV holds */
		derived[i] = isfinite(x) ? (struct sim_cell){CELL_NUMBER, round_to(x, 6), NULL}
					 : (struct sim_cell){CELL_EMPTY, 0, NULL};
	}
	return r;
}

int sim_generate_inputs(const struct anker_scenario *sc, uint64_t seed, uint64_t index,
			struct sim_work *w, struct sim_rng *rng, struct anker_error *err)
{
	sim_rng_init(rng, seed, index);
	w->cells[0] = (struct sim_cell){CELL_NUMBER, (double)(index + 1), NULL};
	for (size_t i = 0; i < sc->n_variables; i++)
		draw_variable(sc, i, rng, w->cells);
	anker_case_clear(w->c);
	int r = fill_case(sc, w, 1 + sc->n_variables);
	if (r == 0 && sc->questionnaire) {
		bool complete = answer_questionnaire(sc, rng, w->cells);
		r = fill_case(sc, w, 1 + sc->n_variables + sc->n_items);
		if (r == 0)
			r = derive_columns(sc, complete, w);
		if (r == 0)
			r = fill_case(sc, w, sc->n_input_columns);
	}
	for (size_t i = 0; i < sc->n_outcomes && r == 0; i++) {
		bool scored = false;
		r = score(sc->outcomes[i].model, w, &scored);
		/* a duration outcome's value only marks it scored: its draw re-scores it */
		if (!scored)
			w->lp[i] = NAN;
		else if (sc->outcomes[i].kind == ANKER_MODEL_BINARY)
			w->lp[i] = anker_result_get_linear_predictor(w->res);
		else
			w->lp[i] = 0;
	}
	if (r < 0)
		return anker_fail(err, r, ANKER_WHERE_NONE, "case %llu: cannot set up scoring: %s",
				  (unsigned long long)index, anker_strerror(r));
	return 0;
}

double sim_chance(int link, double eta)
{
	if (link == ANKER_LINK_PROBIT)
		return 0.5 * erfc(-eta / M_SQRT2);
	return 1.0 / (1.0 + exp(-eta));
}

/* First whole month m <= censor with S(m | x) <= u; else censored at censor. */
static void draw_duration(const struct sim_outcome *o, struct sim_work *w, double u,
			  struct sim_cell *time, struct sim_cell *event)
{
	for (int m = 1; m <= o->censor_months; m++) {
		if (anker_result_get_survival(w->res, 0, m) <= u) {
			*time = (struct sim_cell){CELL_NUMBER, m, NULL};
			*event = (struct sim_cell){CELL_NUMBER, 1, NULL};
			return;
		}
	}
	*time = (struct sim_cell){CELL_NUMBER, o->censor_months, NULL};
	*event = (struct sim_cell){CELL_NUMBER, 0, NULL};
}

int sim_generate_outcomes(const struct anker_scenario *sc, const double *shifts, struct sim_work *w,
			  struct sim_rng *rng, struct anker_error *err)
{
	size_t col = sc->n_input_columns;
	for (size_t i = 0; i < sc->n_outcomes; i++) {
		const struct sim_outcome *o = &sc->outcomes[i];
		/* one uniform per outcome, drawn whether or not the case scores */
		double u = sim_uniform(rng);
		struct sim_cell *cell = &w->cells[col];
		col += o->kind == ANKER_MODEL_DURATION ? 2 : 1;
		if (isnan(w->lp[i])) {
			cell[0] = (struct sim_cell){CELL_EMPTY, 0, NULL};
			if (o->kind == ANKER_MODEL_DURATION)
				cell[1] = cell[0];
			continue;
		}
		if (o->kind == ANKER_MODEL_BINARY) {
			double p = sim_chance(o->link, w->lp[i] + shifts[i]);
			cell[0] = (struct sim_cell){CELL_NUMBER, u < p ? 1 : 0, NULL};
			continue;
		}
		/* the result must be this outcome's: score it again */
		bool scored = false;
		int r = score(o->model, w, &scored);
		if (r < 0)
			return anker_fail(err, r, ANKER_WHERE_NONE, "cannot score: %s",
					  anker_strerror(r));
		draw_duration(o, w, u, &cell[0], &cell[1]);
	}
	return 0;
}
