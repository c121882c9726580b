/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "binary": loading its sections, its outputs, scoring one case, and its
 * accessor (the link). The batch scorer is binary-batch.c.
 */
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "../model/load-private.h"
#include "../model/logistic-private.h"
#include "binary.h"

const char *const anker_binary_keys[] = {"outcome", "variables", "link", "terms", "bands", NULL};

static const struct anker_binary *binary_of(const struct anker_model *model)
{
	return model->payload;
}

/* Loading */

static int load_link(struct jr *jr, json_t *root, struct anker_binary *bin)
{
	const char *link = NULL;
	int r = jr_string(jr, root, "link", true, &link);
	if (r < 0)
		return r;
	for (const struct anker_name_value *c = anker_link_names; c->name; c++) {
		if (strcmp(link, c->name) == 0) {
			bin->link = c->value;
			return 0;
		}
	}
	/* A link this library does not know is a newer model, not a typo we can name. */
	return jr_fail_at(jr, "link", ANKER_E_UNSUPPORTED,
			  "link \"%s\" is not supported (\"logit\" or \"probit\")", link);
}

/* The outputs every binary model has; only the band's levels come from the file. */
static void declare_outputs(struct anker_binary *bin)
{
	bin->outputs[BINARY_PROBABILITY] = (struct anker_output){
	    .name = "probability",
	    .label = "Probability of the outcome",
	    .label_nl = "Kans op de uitkomst",
	    .type = ANKER_OUTPUT_NUMBER,
	};
	bin->outputs[BINARY_LINEAR_PREDICTOR] = (struct anker_output){
	    .name = "linear_predictor",
	    .label = "Linear predictor (the link's scale)",
	    .label_nl = "Lineaire predictor (op de schaal van de link)",
	    .type = ANKER_OUTPUT_NUMBER,
	};
	bin->outputs[BINARY_BAND] = (struct anker_output){
	    .name = "band",
	    .label = "Band of the probability",
	    .label_nl = "Klasse van de kans",
	    .type = ANKER_OUTPUT_LEVEL,
	    .levels = &bin->bands,
	};
}

int anker_binary_load(struct jr *jr, struct json_t *root, struct anker_model *model)
{
	struct anker_binary *bin = anker_alloc_zeroed(jr->ctx, 1, sizeof(*bin));
	if (!bin)
		return jr_fail_no_memory(jr);
	model->payload = bin;
	model->linear = &bin->linear;
	model->bands = &bin->bands;
	int r = anker_load_outcome(jr, root, model);
	if (r == 0)
		r = anker_load_variables(jr, root, &bin->linear);
	if (r == 0)
		r = load_link(jr, root, bin);
	if (r == 0)
		r = anker_load_terms(jr, root, &bin->linear);
	if (r == 0)
		r = anker_load_bands(jr, root, &bin->bands);
	if (r == 0)
		declare_outputs(bin);
	return r;
}

void anker_binary_destroy(struct anker_ctx *ctx, void *payload)
{
	struct anker_binary *bin = payload;
	anker_linear_free(ctx, &bin->linear);
	anker_bands_free(ctx, &bin->bands);
	anker_dealloc(ctx, bin);
}

const struct anker_output *anker_binary_outputs(const struct anker_model *model, size_t *ret_count)
{
	*ret_count = BINARY_N_OUTPUTS;
	return binary_of(model)->outputs;
}

/* Scoring */

double anker_binary_inverse_link(int link, double eta)
{
	if (isnan(eta))
		return NAN;
	switch (link) {
	case ANKER_LINK_LOGIT:
		/* The batch scorer computes the same function, vectorized. */
		return anker_logistic(eta, ANKER_EXP_FLOOR);
	case ANKER_LINK_PROBIT:
		/* gsl_cdf_ugaussian_P handles every finite and infinite x without the error
		 * handler. */
		return gsl_cdf_ugaussian_P(eta);
	default:
		return NAN;
	}
}

enum anker_value_error anker_binary_score(const struct anker_model *model,
					  const struct anker_resolved_value *values,
					  double *contributions, struct anker_output_value *outputs)
{
	const struct anker_binary *bin = binary_of(model);
	double eta = anker_linear_score(&bin->linear, values, contributions);
	if (isnan(eta))
		return ANKER_VERR_NOT_A_NUMBER;
	double p = anker_binary_inverse_link(bin->link, eta);
	int band = anker_bands_find(&bin->bands, p);
	if (band < 0)
		return ANKER_VERR_NOT_A_NUMBER;
	outputs[BINARY_PROBABILITY] = (struct anker_output_value){p, -1};
	outputs[BINARY_LINEAR_PREDICTOR] = (struct anker_output_value){eta, -1};
	outputs[BINARY_BAND] = (struct anker_output_value){NAN, band};
	return ANKER_VERR_OK;
}

/* Accessors */

ANKER_EXPORT int anker_model_get_link(const struct anker_model *model)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	return model->kind->value == ANKER_MODEL_BINARY ? binary_of(model)->link
							: ANKER_E_NOT_FOUND;
}
