/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The design of a fit. Its columns are the contributions of a "basis" model:
 * the specification with each term replaced by one copy per coefficient, that
 * coefficient set to 1 and the term's others to 0. The batch scorer's own
 * kernels (and the variables' missing, range and level policies) then expand
 * the design, so the fitted model scores exactly what was fitted.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fit-private.h"

#define MAX_PARAMS 4096

static int add_param(struct anker_fit *fit, size_t term, enum fit_param_kind kind, size_t index,
		     bool penalised)
{
	if (fit->p == MAX_PARAMS)
		return ANKER_E_TOO_LARGE;
	fit->params[fit->p++] = (struct fit_param){term, kind, index, penalised};
	return 0;
}

/* The copy of term @p t for coefficient @p j, in the basis model. */
static json_t *unit_term(const struct anker_fit *fit, json_t *spec_term, size_t j)
{
	const struct fit_param *prm = &fit->params[j];
	const struct anker_term *term = &fit->spec->linear->terms[prm->term];
	json_t *copy = json_deep_copy(spec_term);
	if (!copy)
		return NULL;
	char name[32];
	snprintf(name, sizeof(name), "p%zu", j);
	int r = json_object_set_new(copy, "name", json_string(name));
	json_t *unit = NULL;
	switch (prm->kind) {
	case PARAM_COEF:
		r |= json_object_set_new(copy, "coef", json_real(1.0));
		break;
	case PARAM_LEVEL: {
		const struct anker_variable *var = &fit->spec->linear->variables[term->variable];
		unit = json_object();
		for (size_t l = 0; unit && l < var->n_levels; l++)
			if ((int32_t)l != term->reference)
				r |= json_object_set_new(unit, var->levels[l],
							 json_real(l == prm->index ? 1.0 : 0.0));
		r |= json_object_set_new(copy, "effects", unit);
		break;
	}
	case PARAM_BIN:
	case PARAM_KNOT: {
		size_t count = prm->kind == PARAM_BIN ? term->n_edges + 1 : term->n_knots;
		unit = json_array();
		for (size_t i = 0; unit && i < count; i++)
			r |= json_array_append_new(unit, json_real(i == prm->index ? 1.0 : 0.0));
		r |= json_object_set_new(copy, prm->kind == PARAM_BIN ? "effects" : "values", unit);
		break;
	}
	}
	if (r != 0 || (prm->kind != PARAM_COEF && !unit)) {
		json_decref(copy);
		return NULL;
	}
	return copy;
}

/* One parameter per coefficient of each term, with the identifying constraints of fit.h. */
static int list_params(struct anker_fit *fit)
{
	const struct anker_linear *lin = fit->spec->linear;
	for (size_t t = 0; t < lin->n_terms; t++)
		if (lin->terms[t].type == ANKER_TERM_INTERCEPT)
			fit->has_intercept = true;
	/* a duration model's baseline plays the intercept's part */
	bool constant = fit->has_intercept || fit->kind == ANKER_MODEL_DURATION;
	size_t first = constant ? 1 : 0;
	int r = 0;
	for (size_t t = 0; t < lin->n_terms && r == 0; t++) {
		const struct anker_term *term = &lin->terms[t];
		switch (term->type) {
		case ANKER_TERM_INTERCEPT:
			r = add_param(fit, t, PARAM_COEF, 0, false);
			break;
		case ANKER_TERM_LINEAR:
		case ANKER_TERM_INTERACTION:
			r = add_param(fit, t, PARAM_COEF, 0, true);
			break;
		case ANKER_TERM_CATEGORICAL:
			for (size_t l = 0; l < lin->variables[term->variable].n_levels && r == 0;
			     l++)
				if ((int32_t)l != term->reference)
					r = add_param(fit, t, PARAM_LEVEL, l, true);
			break;
		case ANKER_TERM_BINS:
			for (size_t i = first; i <= term->n_edges && r == 0; i++)
				r = add_param(fit, t, PARAM_BIN, i, true);
			break;
		case ANKER_TERM_SPLINE:
			for (size_t i = first; i < term->n_knots && r == 0; i++)
				r = add_param(fit, t, PARAM_KNOT, i, true);
			break;
		default:
			r = ANKER_E_UNSUPPORTED;
		}
	}
	return r;
}

int fit_build_basis(struct anker_fit *fit, unsigned int flags, struct anker_error *err)
{
	fit->params = anker_alloc_array(fit->ctx, MAX_PARAMS, sizeof(*fit->params));
	if (!fit->params)
		return fit_fail(fit, err, ANKER_E_NO_MEMORY, NULL, -1, "out of memory");
	int r = list_params(fit);
	if (r == ANKER_E_TOO_LARGE)
		return fit_fail(fit, err, r, "terms", -1, "more than %d coefficients to fit",
				MAX_PARAMS);
	if (r < 0)
		return fit_fail(fit, err, r, "terms", -1, "a term type that cannot be fitted");
	if (fit->p == 0)
		return fit_fail(fit, err, ANKER_E_BAD_VALUE, "terms", -1, "no coefficient to fit");

	json_t *root = json_deep_copy(fit->spec_json);
	json_t *terms = json_array();
	json_t *spec_terms = json_object_get(fit->spec_json, "terms");
	bool ok = root && terms;
	for (size_t j = 0; ok && j < fit->p; j++) {
		json_t *unit = unit_term(fit, json_array_get(spec_terms, fit->params[j].term), j);
		ok = unit && json_array_append_new(terms, unit) == 0;
	}
	char *text = NULL;
	if (ok && json_object_set_new(root, "terms", terms) == 0) {
		terms = NULL;
		text = json_dumps(root, JSON_COMPACT);
	}
	json_decref(terms);
	json_decref(root);
	if (!text)
		return fit_fail(fit, err, ANKER_E_NO_MEMORY, NULL, -1, "out of memory");
	r = anker_model_load_buffer(fit->ctx, text, strlen(text), fit->spec_name, err, &fit->basis);
	free(text);
	if (r < 0)
		return r;
	return anker_batch_new(fit->basis, flags, &fit->batch);
}

const char *fit_param_describe(const struct anker_fit *fit, size_t j, char *buf, size_t size)
{
	const struct fit_param *prm = &fit->params[j];
	const struct anker_linear *lin = fit->spec->linear;
	const struct anker_term *term = &lin->terms[prm->term];
	switch (prm->kind) {
	case PARAM_LEVEL:
		snprintf(buf, size, "term '%s' (level '%s')", term->name,
			 lin->variables[term->variable].levels[prm->index]);
		break;
	case PARAM_BIN:
		snprintf(buf, size, "term '%s' (bin %zu)", term->name, prm->index);
		break;
	case PARAM_KNOT:
		snprintf(buf, size, "term '%s' (knot %zu, at %g)", term->name, prm->index,
			 term->knots[prm->index]);
		break;
	default:
		snprintf(buf, size, "term '%s'", term->name);
	}
	return buf;
}
