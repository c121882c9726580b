/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Scoring one case, for every kind: the result object, matching and resolving
 * the case's values, the kind's score() (kind.h), and the getters of outputs
 * and of the explanation.
 *
 * anker_model_score() works in three steps so that a failure leaves the result
 * untouched: reserve every buffer the model needs (the only step that
 * allocates, and only when the model is larger than any scored before),
 * resolve and evaluate into scratch space, then commit.
 *
 * The per-term details are text, and formatting numbers costs more than
 * scoring, so they are written only when first asked for (explain.c), from the
 * resolved values the commit keeps. Their buffer is reserved while scoring, so
 * that asking cannot fail.
 */
#include <string.h>

#include "kind.h"

/* The outputs the binary getters read (anker_result_get_probability() ...), by name. */
enum { SHORTCUT_PROBABILITY, SHORTCUT_LINEAR_PREDICTOR, SHORTCUT_BAND, N_SHORTCUTS };
static const char *const shortcut_names[N_SHORTCUTS] = {"probability", "linear_predictor", "band"};

struct anker_result {
	struct anker_ctx *ctx;
	struct anker_model *model; /* a reference, NULL while the result is empty */
	/* The model's index of each shortcut output, or ANKER_E_NOT_FOUND; found when
	 * the model changes, so that a getter called per case compares no names. */
	int shortcut[N_SHORTCUTS];
	const struct anker_output *declared; /* the model's outputs, n_outputs of them */
	size_t n_outputs;		     /* 0 while empty */
	struct anker_output_value *outputs;  /* n_outputs entries, what the getters show */
	struct anker_output_value *next;     /* the next outputs; swapped in on success */
	size_t outputs_cap;
	size_t n_contributions;

	double *contributions; /* n_contributions entries, what the getters show */
	double *scratch;       /* the next contributions; swapped in on success */
	size_t *detail_at;     /* where each term's detail starts in details */
	size_t terms_cap;
	char *details;
	size_t details_cap;
	size_t details_need;  /* anker_explain_bound() for the committed model */
	bool details_written; /* details hold the committed result's text */

	struct anker_resolved_value *resolved; /* per variable: what the details describe */
	struct anker_resolved_value
	    *resolving; /* the next resolved values; swapped in on success */
	size_t *source; /* per variable: index of its case value, or SIZE_MAX */
	size_t variables_cap;
};

ANKER_EXPORT int anker_result_new(struct anker_ctx *ctx, struct anker_result **ret)
{
	if (!ctx || !ret)
		return ANKER_E_INVALID_ARGUMENT;
	struct anker_result *res = anker_alloc_zeroed(ctx, 1, sizeof(*res));
	if (!res)
		return ANKER_E_NO_MEMORY;
	res->ctx = anker_ctx_ref(ctx);
	for (size_t k = 0; k < N_SHORTCUTS; k++)
		res->shortcut[k] = ANKER_E_NOT_FOUND;
	*ret = res;
	return 0;
}

ANKER_EXPORT void anker_result_free(struct anker_result *res)
{
	if (!res)
		return;
	struct anker_ctx *ctx = res->ctx;
	anker_dealloc(ctx, res->outputs);
	anker_dealloc(ctx, res->next);
	anker_dealloc(ctx, res->contributions);
	anker_dealloc(ctx, res->scratch);
	anker_dealloc(ctx, res->detail_at);
	anker_dealloc(ctx, res->details);
	anker_dealloc(ctx, res->resolved);
	anker_dealloc(ctx, res->resolving);
	anker_dealloc(ctx, res->source);
	anker_model_unref(res->model);
	anker_dealloc(ctx, res);
	anker_ctx_unref(ctx);
}

/* Scoring */

/*
 * Grow *a and *b to @p n entries of @p size each. realloc keeps what the
 * getters show, and a failure leaves both usable.
 */
static int grow_pair(struct anker_ctx *ctx, void **a, void **b, size_t n, size_t size)
{
	void *p = anker_realloc_array(ctx, *a, n, size);
	if (!p)
		return ANKER_E_NO_MEMORY;
	*a = p;
	p = anker_realloc_array(ctx, *b, n, size);
	if (!p)
		return ANKER_E_NO_MEMORY;
	*b = p;
	return 0;
}

/* Grow the buffers to fit @p model. */
static int reserve(struct anker_result *res, const struct anker_model *model, size_t *details_need)
{
	struct anker_ctx *ctx = res->ctx;
	size_t nt = anker_model_contribution_count(model), nv = model->linear->n_variables;
	size_t no = res->n_outputs;
	if (model != res->model)
		anker_model_outputs(model, &no);
	if (res->outputs_cap < no) {
		if (grow_pair(ctx, (void **)&res->outputs, (void **)&res->next, no,
			      sizeof(*res->outputs)) < 0)
			return ANKER_E_NO_MEMORY;
		res->outputs_cap = no;
	}
	if (res->terms_cap < nt) {
		if (grow_pair(ctx, (void **)&res->contributions, (void **)&res->scratch, nt,
			      sizeof(double)) < 0)
			return ANKER_E_NO_MEMORY;
		size_t *d = anker_realloc_array(ctx, res->detail_at, nt, sizeof(*d));
		if (!d)
			return ANKER_E_NO_MEMORY;
		res->detail_at = d;
		res->terms_cap = nt;
	}
	/* the committed model is referenced, so no other model can share its address */
	size_t bytes = model == res->model ? res->details_need : anker_model_explain_bound(model);
	*details_need = bytes;
	if (res->details_cap < bytes) {
		char *s = anker_realloc_array(ctx, res->details, bytes, 1);
		if (!s)
			return ANKER_E_NO_MEMORY;
		res->details = s;
		res->details_cap = bytes;
	}
	if (res->variables_cap < nv) {
		if (grow_pair(ctx, (void **)&res->resolved, (void **)&res->resolving, nv,
			      sizeof(*res->resolved)) < 0)
			return ANKER_E_NO_MEMORY;
		size_t *s = anker_realloc_array(ctx, res->source, nv, sizeof(*s));
		if (!s)
			return ANKER_E_NO_MEMORY;
		res->source = s;
		res->variables_cap = nv;
	}
	return 0;
}

/* Pair each case value with its variable: source[variable] = index in the case. */
static int match_values(const struct anker_model *model, const struct anker_case *c,
			unsigned int flags, size_t *source, struct anker_error *err)
{
	for (size_t k = 0; k < model->linear->n_variables; k++)
		source[k] = SIZE_MAX;
	/* Cases usually hold their values in the model's order: try the variable after
	 * the last one found before searching (names are unique, so either way finds it). */
	size_t next = 0;
	for (size_t j = 0; j < c->count; j++) {
		const char *name = c->values[j].name;
		int k = next < model->linear->n_variables &&
				strcmp(model->linear->variables[next].name, name) == 0
			    ? (int)next
			    : anker_model_find_variable(model, name);
		if (k >= 0) {
			source[k] = j;
			next = (size_t)k + 1;
		} else if (!(flags & ANKER_SCORE_IGNORE_EXTRA)) {
			struct anker_where where = ANKER_WHERE_NONE;
			where.field = c->values[j].name;
			return anker_fail(err, ANKER_E_UNKNOWN_VARIABLE, where,
					  "the model has no variable of this name");
		}
	}
	return 0;
}

/*
 * The type rules, strict on purpose: a numeric variable takes only numbers (a
 * boolean is a mismatch, not 0/1), a boolean takes booleans or the numbers 0
 * and 1, a categorical variable takes only level names.
 */
static enum anker_value_error resolve_value(const struct anker_variable *var,
					    const struct anker_case_value *v,
					    struct anker_resolved_value *out)
{
	out->x = 0.0;
	out->given = 0.0;
	out->level = 0;
	out->origin = ANKER_ORIGIN_GIVEN;
	int type = v ? v->type : ANKER_VALUE_MISSING;
	if (type == ANKER_VALUE_MISSING || (type == ANKER_VALUE_NUMBER && isnan(v->number)))
		return anker_resolve_missing(var, &out->x, &out->level, &out->origin);

	switch (var->kind) {
	case ANKER_VARIABLE_NUMERIC: {
		if (type == ANKER_VALUE_LEVEL)
			return ANKER_VERR_LEVEL_FOR_NUMBER;
		if (type == ANKER_VALUE_BOOLEAN)
			return ANKER_VERR_BOOL_FOR_NUMBER;
		bool clamped;
		out->given = v->number;
		enum anker_value_error e = anker_resolve_numeric(var, v->number, &out->x, &clamped);
		if (clamped)
			out->origin = ANKER_ORIGIN_CLAMPED;
		return e;
	}
	case ANKER_VARIABLE_BOOLEAN:
		if (type == ANKER_VALUE_LEVEL)
			return ANKER_VERR_LEVEL_FOR_NUMBER;
		return anker_resolve_boolean(v->number, &out->x);
	case ANKER_VARIABLE_CATEGORICAL:
	default:
		if (type != ANKER_VALUE_LEVEL)
			return ANKER_VERR_NUMBER_FOR_LEVEL;
		out->level = anker_find_level(var, v->level);
		return out->level >= 0 ? ANKER_VERR_OK : ANKER_VERR_UNKNOWN_LEVEL;
	}
}

static int score_matched(const struct anker_model *model, const struct anker_case *c,
			 unsigned int flags, struct anker_result *res, size_t details_need,
			 struct anker_error *err);

ANKER_EXPORT int anker_model_score(const struct anker_model *model, const struct anker_case *c,
				   unsigned int flags, struct anker_result *res,
				   struct anker_error *err)
{
	if (!model || !c || !res)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "model, case and result are required");
	if (flags & ~(unsigned int)(ANKER_SCORE_IGNORE_EXTRA | ANKER_SCORE_STRICT))
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "unknown flags 0x%x", flags);
	size_t details_need;
	if (reserve(res, model, &details_need) < 0)
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");

	int r = match_values(model, c, flags, res->source, err);
	if (r < 0)
		return r;
	return score_matched(model, c, flags, res, details_need, err);
}

int anker_model_score_sourced(const struct anker_model *model, const struct anker_case *c,
			      const size_t *source, unsigned int flags, struct anker_result *res,
			      struct anker_error *err)
{
	size_t details_need;
	if (reserve(res, model, &details_need) < 0)
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	memcpy(res->source, source, model->linear->n_variables * sizeof(*source));
	return score_matched(model, c, flags, res, details_need, err);
}

/* Resolve, evaluate and commit, with res->source matched to the case. */
static int score_matched(const struct anker_model *model, const struct anker_case *c,
			 unsigned int flags, struct anker_result *res, size_t details_need,
			 struct anker_error *err)
{
	const struct anker_linear *lin = model->linear;
	for (size_t k = 0; k < lin->n_variables; k++) {
		const struct anker_case_value *v =
		    res->source[k] == SIZE_MAX ? NULL : &c->values[res->source[k]];
		const struct anker_variable *var = &lin->variables[k];
		struct anker_variable strict_var;
		if (flags & ANKER_SCORE_STRICT) {
			strict_var = anker_variable_strict(var);
			var = &strict_var;
		}
		enum anker_value_error e = resolve_value(var, v, &res->resolving[k]);
		if (e != ANKER_VERR_OK)
			return anker_value_fail(model, err, anker_variable_error(var, e), k, -1);
	}
	if (model->kind->check) {
		size_t k = SIZE_MAX;
		enum anker_value_error e = model->kind->check(model, res->resolving, &k);
		if (e != ANKER_VERR_OK)
			return anker_value_fail(model, err, e, k, -1);
	}
	enum anker_value_error e =
	    model->kind->score(model, res->resolving, res->scratch, res->next);
	if (e != ANKER_VERR_OK)
		return anker_value_fail(model, err, e, SIZE_MAX, -1);

	/* Commit: nothing below can fail. */
	double *shown = res->contributions;
	res->contributions = res->scratch;
	res->scratch = shown;
	struct anker_output_value *values = res->outputs;
	res->outputs = res->next;
	res->next = values;
	struct anker_resolved_value *described = res->resolved;
	res->resolved = res->resolving;
	res->resolving = described;
	res->details_need = details_need;
	res->details_written = false;
	res->n_contributions = anker_model_contribution_count(model);
	if (res->model != model) {
		res->declared = anker_model_outputs(model, &res->n_outputs);
		anker_model_unref(res->model);
		/* The model is immutable; the reference count is its only mutable part. */
		res->model = anker_model_ref((struct anker_model *)model);
		for (size_t k = 0; k < N_SHORTCUTS; k++)
			res->shortcut[k] = anker_model_find_output(model, shortcut_names[k]);
	}
	anker_error_clear(err);
	return 0;
}

/* Outputs */

/* The declaration of output @p index of the committed result, or NULL. */
static const struct anker_output *output_at(const struct anker_result *res, size_t index)
{
	if (!res || index >= res->n_outputs)
		return NULL;
	return &res->declared[index];
}

/* The getters, static so that the shortcuts below call them directly, not through the PLT. */
static double number_at(const struct anker_result *res, size_t output)
{
	const struct anker_output *decl = output_at(res, output);
	if (!decl || decl->type != ANKER_OUTPUT_NUMBER)
		return NAN;
	return res->outputs[output].number;
}

static int level_at(const struct anker_result *res, size_t output)
{
	if (!res)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_output *decl = output_at(res, output);
	if (!decl)
		return ANKER_E_NOT_FOUND;
	if (decl->type != ANKER_OUTPUT_LEVEL)
		return ANKER_E_TYPE_MISMATCH;
	int32_t level = res->outputs[output].level;
	return level >= 0 ? level : ANKER_E_NOT_FOUND;
}

ANKER_EXPORT double anker_result_get_number(const struct anker_result *res, size_t output)
{
	return number_at(res, output);
}

ANKER_EXPORT int anker_result_get_level(const struct anker_result *res, size_t output)
{
	return level_at(res, output);
}

/* The shortcuts: the outputs binary models declare, by name, for any kind that has them. */

static double shortcut_number(const struct anker_result *res, int k)
{
	if (!res || res->shortcut[k] < 0)
		return NAN;
	return number_at(res, (size_t)res->shortcut[k]);
}

ANKER_EXPORT double anker_result_get_linear_predictor(const struct anker_result *res)
{
	return shortcut_number(res, SHORTCUT_LINEAR_PREDICTOR);
}

ANKER_EXPORT double anker_result_get_probability(const struct anker_result *res)
{
	return shortcut_number(res, SHORTCUT_PROBABILITY);
}

ANKER_EXPORT int anker_result_get_band(const struct anker_result *res)
{
	if (!res)
		return ANKER_E_INVALID_ARGUMENT;
	int i = res->shortcut[SHORTCUT_BAND];
	return i >= 0 ? level_at(res, (size_t)i) : ANKER_E_NOT_FOUND;
}

ANKER_EXPORT const char *anker_result_get_band_name(const struct anker_result *res)
{
	int band = anker_result_get_band(res);
	if (band < 0)
		return NULL;
	return anker_model_get_output_level_name(res->model, (size_t)res->shortcut[SHORTCUT_BAND],
						 (size_t)band);
}

ANKER_EXPORT const char *anker_result_get_band_label(const struct anker_result *res)
{
	int band = anker_result_get_band(res);
	if (band < 0)
		return NULL;
	return anker_model_get_output_level_label(res->model, (size_t)res->shortcut[SHORTCUT_BAND],
						  (size_t)band);
}

/* Flags and the explanation */

static unsigned int origin_flags(enum anker_value_origin origin)
{
	switch (origin) {
	case ANKER_ORIGIN_CLAMPED:
		return ANKER_VALUE_FLAG_CLAMPED;
	case ANKER_ORIGIN_IMPUTED:
		return ANKER_VALUE_FLAG_MISSING | ANKER_VALUE_FLAG_IMPUTED;
	case ANKER_ORIGIN_MISSING_LEVEL:
	case ANKER_ORIGIN_MISSING:
		return ANKER_VALUE_FLAG_MISSING;
	case ANKER_ORIGIN_GIVEN:
	default:
		return 0;
	}
}

ANKER_EXPORT unsigned int anker_result_get_variable_flags(const struct anker_result *res,
							  size_t variable)
{
	if (!res || !res->model || variable >= res->model->linear->n_variables)
		return 0;
	return origin_flags(res->resolved[variable].origin);
}

ANKER_EXPORT unsigned int anker_result_get_flags(const struct anker_result *res)
{
	unsigned int flags = 0;
	if (!res || !res->model)
		return 0;
	for (size_t k = 0; k < res->model->linear->n_variables; k++)
		flags |= origin_flags(res->resolved[k].origin);
	return flags;
}

ANKER_EXPORT size_t anker_result_get_contribution_count(const struct anker_result *res)
{
	return res ? res->n_contributions : 0;
}

ANKER_EXPORT double anker_result_get_contribution(const struct anker_result *res, size_t index)
{
	if (!res || index >= res->n_contributions)
		return NAN;
	return res->contributions[index];
}

ANKER_EXPORT const char *anker_result_get_contribution_label(const struct anker_result *res,
							     size_t index)
{
	if (!res || index >= res->n_contributions)
		return NULL;
	return anker_model_get_contribution_label(res->model, index);
}

ANKER_EXPORT const char *anker_result_get_contribution_detail(const struct anker_result *res,
							      size_t index)
{
	if (!res || index >= res->n_contributions)
		return NULL;
	if (!res->details_written) {
		/* Written once per scoring, all at once, so that every pointer handed out
		 * stays valid until the result is scored again. A result belongs to one
		 * thread and is never const itself: only this view of it is. */
		struct anker_result *mut = (struct anker_result *)res;
		anker_model_explain_write(res->model, res->resolved, mut->details, mut->details_cap,
					  mut->detail_at);
		mut->details_written = true;
	}
	return res->details + res->detail_at[index];
}

ANKER_EXPORT const struct anker_model *anker_result_get_model(const struct anker_result *res)
{
	return res ? res->model : NULL;
}
