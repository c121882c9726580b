/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Chained instruments and the follow-up re-estimate (docs/werkverkenner.md,
 * "The profile"): an instrument of a profile may take some of its variables
 * from the outputs of instruments before it ("inputs": {"f_x": "WV.x_score"})
 * rather than from the case, and a profile may declare a "followup": the
 * binary instrument whose chance is re-estimated, the case variable that
 * carries the first estimate, and the drop that is flagged. What profile.c,
 * assess.c and record.c call is below; werkverkenner.c reads the tables.
 */
#ifndef ANKER_ASSESS_CHAIN_H
#define ANKER_ASSESS_CHAIN_H

#include <stdbool.h>

#include <jansson.h>

#include "../model/load-json.h"
#include "assess-private.h"

/* Variable @p variable of the chained instrument comes from @p source. */
struct chain_input {
	size_t variable;
	struct p_source source;
};

struct chain_instrument {
	struct chain_input *inputs; /* NULL when the instrument reads only the case */
	size_t n_inputs;
};

struct anker_chain {
	struct chain_instrument *per_instrument; /* one per instrument of the profile */
	bool followup;
	size_t followup_instrument;
	char *first_variable; /* the case variable with the first estimate */
	double drop_threshold;
};

/* profile.c: the instruments' "inputs" and the profile's "followup"; the profile's chain. */
int anker_chain_load(struct jr *jr, json_t *root, struct anker_profile *p);
void anker_chain_free(struct anker_profile *p);

/* record-plan.c: whether variable @p variable of instrument @p i comes from an instrument before
 * it rather than from the case. */
bool anker_chain_feeds(const struct anker_profile *p, size_t i, size_t variable);

/*
 * assess.c: score instrument @p i, feeding its chained variables from the
 * results before it. An instrument that is not chained is scored with
 * @p source, its variables matched to the case (anker_model_score_sourced()).
 */
int anker_chain_score(struct anker_assessment *a, size_t i, const struct anker_case *c,
		      const size_t *source, struct anker_error *err);

/* The first estimate the case gave, or NaN (werkverkenner.c). */
double anker_chain_first_estimate(const struct anker_assessment *a);

#endif
