/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The synthetic caseload generator (docs/simulation.md): a loaded scenario,
 * the generation of one case, and the CSV text of a row. A scenario is
 * immutable once loaded; a simulation adds the seed, the number of cases and
 * the calibrated shifts, and is immutable too, so that any number of threads
 * may write rows of one simulation at once.
 */
#ifndef ANKER_SIM_PRIVATE_H
#define ANKER_SIM_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <anker/anker.h>
#include <anker/simulate.h>

#include "rng.h"

enum sim_draw { DRAW_UNIFORM_INT = 1, DRAW_NORMAL, DRAW_BERNOULLI, DRAW_CATEGORICAL };

/* coef * (value of an earlier variable) in a normal draw's mean. */
struct sim_term {
	size_t variable;
	double coef;
};

struct sim_variable {
	char *name;
	int kind;			/* enum anker_variable_kind */
	int draw;			/* enum sim_draw */
	double missing;			/* share of empty cells */
	long long int_min, int_max;	/* uniform_int */
	double intercept, sd, min, max; /* normal: mean = intercept + sum of terms */
	struct sim_term *terms;
	size_t n_terms;
	int decimals;	    /* normal: round to this many decimals */
	double p;	    /* bernoulli */
	char **levels;	    /* categorical */
	double *cumulative; /* running sums of the shares */
	size_t n_levels;
};

/* One questionnaire item and how it is answered. */
struct sim_item {
	const char *name; /* the questionnaire model's */
	int response;	  /* enum anker_response_type */
	size_t n_options;
	double *values;	    /* each option's value */
	const char **codes; /* choice items: each option's code */
	bool reverse;	    /* answered the other way round (6 - target) */
	long from_variable; /* -1, or the numeric variable whose bins pick the option */
	double *edges;	    /* n_options - 1 bin edges for from_variable */
};

struct sim_derived {
	char *column;
	size_t output; /* index of a number output of the questionnaire */
};

struct sim_outcome {
	char *name;
	struct anker_model *model;
	int kind;	   /* ANKER_MODEL_BINARY or ANKER_MODEL_DURATION */
	int link;	   /* binary */
	int censor_months; /* duration */
	bool has_target;
	double target_rate;
};

/* What a column holds: the enum anker_sim_column_type of the header. */
struct sim_column {
	const char *name; /* owned elsewhere (a variable, item, derived or outcome) */
	int type;
	int decimals; /* for ANKER_SIM_COLUMN_NUMBER: fixed decimals; -1: up to 6, trimmed */
};

struct anker_scenario {
	struct anker_ctx *ctx;
	char *id, *version;
	struct sim_variable *variables;
	size_t n_variables;

	struct anker_model *questionnaire; /* NULL when the scenario has none */
	struct sim_item *items;
	size_t n_items, items_alloc;
	double completion, loading, noise_sd, answer_none;
	long stop_within;
	struct sim_derived *derived;
	size_t n_derived;

	struct sim_outcome *outcomes;
	size_t n_outcomes, outcomes_alloc;
	char **outcome_columns; /* outcome column names, in column order */
	size_t n_outcome_columns;

	struct sim_column *columns;
	size_t n_columns;
	size_t n_input_columns; /* the columns before the outcomes' */
};

struct anker_simulation {
	const struct anker_scenario *scenario;
	uint64_t seed, cases;
	double *shifts;	  /* per outcome; 0 without a target */
	double *expected; /* per outcome: the mean chance after the shift (binary), else NaN */
};

/* One cell of a generated row. */
enum sim_cell_state { CELL_EMPTY = 0, CELL_NUMBER, CELL_LEVEL };

struct sim_cell {
	int state;
	double number;	   /* numbers, booleans (0/1), integers */
	const char *level; /* a level or an option code */
};

/* The per-thread workspace of row generation. */
struct sim_work {
	struct anker_case *c;
	struct anker_result *res;
	struct sim_cell *cells; /* n_columns */
	double *lp; /* per outcome: a binary truth model's linear predictor (0 for a duration
		       model), NaN when unscored */
};

int sim_work_init(const struct anker_scenario *sc, struct sim_work *w);
void sim_work_fini(const struct anker_scenario *sc, struct sim_work *w);

/*
 * Generate case @p index: every cell but the outcomes', and each outcome's
 * linear predictor (w->lp). The rng is left where the outcome draws start.
 */
int sim_generate_inputs(const struct anker_scenario *sc, uint64_t seed, uint64_t index,
			struct sim_work *w, struct sim_rng *rng, struct anker_error *err);

/* Draw the outcome cells of the case in @p w, with the calibrated shifts. */
int sim_generate_outcomes(const struct anker_scenario *sc, const double *shifts, struct sim_work *w,
			  struct sim_rng *rng, struct anker_error *err);

/* The chance from a binary outcome's linear predictor plus a shift. */
double sim_chance(int link, double eta);

/*
 * Append the CSV row of the cells in @p w (ending in "\n") at @p out, which
 * has room for @p room bytes; returns the length, or 0 when it does not fit.
 */
size_t sim_format_row(const struct anker_scenario *sc, const struct sim_work *w, char *out,
		      size_t room);

#endif
