/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sections of a scenario file, each read by its own loader (load*.c). */
#ifndef ANKER_SIM_LOAD_H
#define ANKER_SIM_LOAD_H

#include "../model/load-json.h"
#include "sim-private.h"

int sim_load_variables(struct jr *jr, json_t *root, struct anker_scenario *sc);
int sim_find_earlier(struct jr *jr, const struct anker_scenario *sc, size_t before,
		     const char *user, const char *name, size_t *ret);

/* $.questionnaire, when present; @p base is the scenario's own path. */
int sim_load_questionnaire(struct jr *jr, json_t *root, const char *base,
			   struct anker_scenario *sc);

/* $.outcomes, after the other columns are known (sc->columns holds them). */
int sim_load_outcomes(struct jr *jr, json_t *root, const char *base, struct anker_scenario *sc);

/*
 * Load the model file @p file (relative to @p base) named at the current
 * path's key @p key; a failure is reported at that key with the model's own
 * message and code.
 */
int sim_load_model(struct jr *jr, const char *base, const char *key, const char *file,
		   struct anker_model **ret);

/* Append a column; @p name stays owned by its section. */
int sim_add_column(struct jr *jr, struct anker_scenario *sc, const char *name, int type,
		   int decimals);

#endif
