/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Scoring one case with a per-term explanation.
 *
 * anker_model_score() works in three steps so that a failure leaves the result
 * untouched: reserve every buffer the model needs (the only step that
 * allocates, and only when the model is larger than any scored before),
 * resolve and evaluate into scratch space, then commit.
 *
 * The per-term details are text, and formatting numbers costs more than
 * scoring, so they are written only when first asked for, from the resolved
 * values the commit keeps. Their buffer is reserved while scoring, so that
 * asking cannot fail.
 */
#include <string.h>

#include "score-private.h"

/* A variable's value as the terms see it, and how it came about. */
struct resolved_value {
	double x;      /* numeric: the value used (clamped or imputed); boolean: 0 or 1 */
	double given;  /* numeric: the value the case gave, before clamping */
	int32_t level; /* categorical: the level code used */
	enum anker_value_origin origin;
};

struct anker_result {
	struct anker_ctx *ctx;
	struct anker_model *model; /* a reference, NULL while the result is empty */
	double linear_predictor;
	double probability;
	int band;
	size_t n_terms;

	double *contributions; /* n_terms entries, what the getters show */
	double *scratch;       /* the next contributions; swapped in on success */
	size_t *detail_at;     /* where each term's detail starts in details */
	size_t terms_cap;
	char *details;
	size_t details_cap;
	size_t details_need;  /* details_bound(model) for the committed model */
	bool details_written; /* details hold the committed result's text */

	struct resolved_value *resolved;  /* per variable: what the details describe */
	struct resolved_value *resolving; /* the next resolved values; swapped in on success */
	size_t *source;			  /* per variable: index of its case value, or SIZE_MAX */
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
	res->linear_predictor = NAN;
	res->probability = NAN;
	res->band = ANKER_E_NOT_FOUND;
	*ret = res;
	return 0;
}

ANKER_EXPORT void anker_result_free(struct anker_result *res)
{
	if (!res)
		return;
	struct anker_ctx *ctx = res->ctx;
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

/* Explanations */

static const char missing_imputed[] = " (missing, imputed)";
static const char missing_level[] = " (missing)";
static const char clamped_from[] = " (clamped from ";
static const char reference_is[] = " (reference: ";
static const char at_reference[] = " (reference)";

/* The longest text mention() can write for @p var, without the NUL. */
static size_t mention_bound(const struct anker_variable *var)
{
	/* Generous: every annotation counted, whichever applies. */
	size_t fixed = strlen(var->name) + strlen(" = ") + sizeof(missing_imputed) +
		       sizeof(missing_level) + sizeof(at_reference);
	if (var->kind == ANKER_VARIABLE_CATEGORICAL)
		return fixed + ANKER_NAME_MAX + sizeof(reference_is) + ANKER_NAME_MAX + 1;
	return fixed + ANKER_NUMBER_MAX + sizeof(clamped_from) + ANKER_NUMBER_MAX + 1;
}

/* Bytes the details of every term of @p model need, NULs included. */
static size_t details_bound(const struct anker_model *model)
{
	size_t total = 0;
	for (size_t t = 0; t < model->n_terms; t++) {
		const struct anker_term *term = &model->terms[t];
		switch (term->type) {
		case ANKER_TERM_INTERCEPT:
			total += sizeof("baseline");
			break;
		case ANKER_TERM_INTERACTION:
			for (size_t f = 0; f < term->n_factors; f++)
				total +=
				    mention_bound(&model->variables[term->factors[f].variable]) + 2;
			total += 1;
			break;
		default:
			total += mention_bound(&model->variables[term->variable]) + 1;
			break;
		}
	}
	return total;
}

struct writer {
	char *buf;
	size_t cap;
	size_t len;
};

static void put(struct writer *w, const char *s)
{
	size_t n = strlen(s);
	if (w->len + n + 1 > w->cap)
		n = w->len + 1 < w->cap ? w->cap - w->len - 1 : 0; /* never: the bound holds */
	memcpy(w->buf + w->len, s, n);
	w->len += n;
	w->buf[w->len] = '\0';
}

static void put_number(struct writer *w, double v)
{
	char num[ANKER_NUMBER_MAX];
	anker_format_number(v, num);
	put(w, num);
}

/*
 * "name = value" plus how the value came about; @p term is the categorical
 * term whose reference to name, or NULL (interaction factors).
 */
static void mention(struct writer *w, const struct anker_variable *var,
		    const struct resolved_value *rv, const struct anker_term *term)
{
	put(w, var->name);
	put(w, " = ");
	switch (var->kind) {
	case ANKER_VARIABLE_CATEGORICAL:
		put(w, var->levels[rv->level]);
		break;
	case ANKER_VARIABLE_BOOLEAN:
		put(w, rv->x != 0.0 ? "yes" : "no");
		break;
	default:
		put_number(w, rv->x);
		break;
	}
	switch (rv->origin) {
	case ANKER_ORIGIN_CLAMPED:
		put(w, clamped_from);
		put_number(w, rv->given);
		put(w, ")");
		break;
	case ANKER_ORIGIN_IMPUTED:
		put(w, missing_imputed);
		break;
	case ANKER_ORIGIN_MISSING_LEVEL:
		put(w, missing_level);
		break;
	case ANKER_ORIGIN_GIVEN:
	default:
		if (term && rv->level == term->reference) {
			put(w, at_reference);
		} else if (term) {
			put(w, reference_is);
			put(w, var->levels[term->reference]);
			put(w, ")");
		}
		break;
	}
}

static void write_details(struct anker_result *res, const struct anker_model *model)
{
	struct writer w = {res->details, res->details_cap, 0};
	for (size_t t = 0; t < model->n_terms; t++) {
		const struct anker_term *term = &model->terms[t];
		res->detail_at[t] = w.len;
		switch (term->type) {
		case ANKER_TERM_INTERCEPT:
			put(&w, "baseline");
			break;
		case ANKER_TERM_INTERACTION:
			for (size_t f = 0; f < term->n_factors; f++) {
				size_t v = term->factors[f].variable;
				if (f > 0)
					put(&w, ", ");
				mention(&w, &model->variables[v], &res->resolved[v], NULL);
			}
			break;
		default:
			mention(&w, &model->variables[term->variable],
				&res->resolved[term->variable],
				term->type == ANKER_TERM_CATEGORICAL ? term : NULL);
			break;
		}
		/* step past the NUL so the next detail starts fresh */
		if (w.len < w.cap)
			w.len++;
	}
}

/* Scoring */

/* Grow the buffers to fit @p model; realloc keeps what the getters show. */
static int reserve(struct anker_result *res, const struct anker_model *model, size_t *details_need)
{
	struct anker_ctx *ctx = res->ctx;
	size_t nt = model->n_terms, nv = model->n_variables;
	if (res->terms_cap < nt) {
		double *a = anker_realloc_array(ctx, res->contributions, nt, sizeof(*a));
		if (!a)
			return ANKER_E_NO_MEMORY;
		res->contributions = a;
		double *b = anker_realloc_array(ctx, res->scratch, nt, sizeof(*b));
		if (!b)
			return ANKER_E_NO_MEMORY;
		res->scratch = b;
		size_t *d = anker_realloc_array(ctx, res->detail_at, nt, sizeof(*d));
		if (!d)
			return ANKER_E_NO_MEMORY;
		res->detail_at = d;
		res->terms_cap = nt;
	}
	/* the committed model is referenced, so no other model can share its address */
	size_t bytes = model == res->model ? res->details_need : details_bound(model);
	*details_need = bytes;
	if (res->details_cap < bytes) {
		char *s = anker_realloc_array(ctx, res->details, bytes, 1);
		if (!s)
			return ANKER_E_NO_MEMORY;
		res->details = s;
		res->details_cap = bytes;
	}
	if (res->variables_cap < nv) {
		struct resolved_value *r = anker_realloc_array(ctx, res->resolved, nv, sizeof(*r));
		if (!r)
			return ANKER_E_NO_MEMORY;
		res->resolved = r;
		r = anker_realloc_array(ctx, res->resolving, nv, sizeof(*r));
		if (!r)
			return ANKER_E_NO_MEMORY;
		res->resolving = r;
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
	for (size_t k = 0; k < model->n_variables; k++)
		source[k] = SIZE_MAX;
	/* Cases usually hold their values in the model's order: try the variable after
	 * the last one found before searching (names are unique, so either way finds it). */
	size_t next = 0;
	for (size_t j = 0; j < c->count; j++) {
		const char *name = c->values[j].name;
		int k = next < model->n_variables && strcmp(model->variables[next].name, name) == 0
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
					    struct resolved_value *out)
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

static double contribution(const struct anker_term *term, const struct resolved_value *resolved)
{
	switch (term->type) {
	case ANKER_TERM_INTERCEPT:
		return term->coef;
	case ANKER_TERM_LINEAR:
		return anker_linear_contribution(term->coef, term->center,
						 resolved[term->variable].x);
	case ANKER_TERM_CATEGORICAL:
		return term->effects[resolved[term->variable].level];
	case ANKER_TERM_SPLINE:
		return anker_spline_contribution(term, resolved[term->variable].x);
	case ANKER_TERM_BINS:
		return anker_bins_contribution(term, resolved[term->variable].x);
	case ANKER_TERM_INTERACTION: {
		double product = 1.0;
		for (size_t f = 0; f < term->n_factors; f++) {
			const struct resolved_value *rv = &resolved[term->factors[f].variable];
			product *= anker_factor_value(&term->factors[f], rv->x, rv->level);
		}
		return term->coef * product;
	}
	default:
		return NAN;
	}
}

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
	for (size_t k = 0; k < model->n_variables; k++) {
		const struct anker_case_value *v =
		    res->source[k] == SIZE_MAX ? NULL : &c->values[res->source[k]];
		const struct anker_variable *var = &model->variables[k];
		struct anker_variable strict_var;
		if (flags & ANKER_SCORE_STRICT) {
			strict_var = anker_variable_strict(var);
			var = &strict_var;
		}
		enum anker_value_error e = resolve_value(var, v, &res->resolving[k]);
		if (e != ANKER_VERR_OK)
			return anker_value_fail(model, err, e, k, -1);
	}

	/* Contributions first, then their sum in a separate pass: the batch scorer adds
	 * in the same order, and nothing can fuse a multiply into the sum. */
	/* + 0.0 turns a -0.0 contribution (a negative coefficient times 0) into 0.0 and
	 * changes nothing else, nor the sum. */
	for (size_t t = 0; t < model->n_terms; t++)
		res->scratch[t] = contribution(&model->terms[t], res->resolving) + 0.0;
	double eta = 0.0;
	for (size_t t = 0; t < model->n_terms; t++)
		eta += res->scratch[t];
	if (isnan(eta))
		return anker_value_fail(model, err, ANKER_VERR_NOT_A_NUMBER, SIZE_MAX, -1);
	double p = anker_model_inverse_link(model, eta);
	int band = anker_model_band_for_probability(model, p);
	if (band < 0)
		return anker_value_fail(model, err, ANKER_VERR_NOT_A_NUMBER, SIZE_MAX, -1);

	/* Commit: nothing below can fail. */
	double *shown = res->contributions;
	res->contributions = res->scratch;
	res->scratch = shown;
	struct resolved_value *described = res->resolved;
	res->resolved = res->resolving;
	res->resolving = described;
	res->details_need = details_need;
	res->details_written = false;
	res->n_terms = model->n_terms;
	res->linear_predictor = eta;
	res->probability = p;
	res->band = band;
	if (res->model != model) {
		anker_model_unref(res->model);
		/* The model is immutable; the reference count is its only mutable part. */
		res->model = anker_model_ref((struct anker_model *)model);
	}
	anker_error_clear(err);
	return 0;
}

/* Getters */

ANKER_EXPORT double anker_result_get_linear_predictor(const struct anker_result *res)
{
	return res ? res->linear_predictor : NAN;
}

ANKER_EXPORT double anker_result_get_probability(const struct anker_result *res)
{
	return res ? res->probability : NAN;
}

ANKER_EXPORT int anker_result_get_band(const struct anker_result *res)
{
	if (!res)
		return ANKER_E_INVALID_ARGUMENT;
	return res->model ? res->band : ANKER_E_NOT_FOUND;
}

ANKER_EXPORT const char *anker_result_get_band_name(const struct anker_result *res)
{
	if (!res || !res->model)
		return NULL;
	return res->model->bands[res->band].name;
}

ANKER_EXPORT const char *anker_result_get_band_label(const struct anker_result *res)
{
	if (!res || !res->model || res->band < 0)
		return NULL;
	return res->model->bands[res->band].label;
}

static unsigned int origin_flags(enum anker_value_origin origin)
{
	switch (origin) {
	case ANKER_ORIGIN_CLAMPED:
		return ANKER_VALUE_FLAG_CLAMPED;
	case ANKER_ORIGIN_IMPUTED:
		return ANKER_VALUE_FLAG_MISSING | ANKER_VALUE_FLAG_IMPUTED;
	case ANKER_ORIGIN_MISSING_LEVEL:
		return ANKER_VALUE_FLAG_MISSING;
	case ANKER_ORIGIN_GIVEN:
	default:
		return 0;
	}
}

ANKER_EXPORT unsigned int anker_result_get_variable_flags(const struct anker_result *res,
							  size_t variable)
{
	if (!res || !res->model || variable >= res->model->n_variables)
		return 0;
	return origin_flags(res->resolved[variable].origin);
}

ANKER_EXPORT unsigned int anker_result_get_flags(const struct anker_result *res)
{
	unsigned int flags = 0;
	if (!res || !res->model)
		return 0;
	for (size_t k = 0; k < res->model->n_variables; k++)
		flags |= origin_flags(res->resolved[k].origin);
	return flags;
}

ANKER_EXPORT size_t anker_result_get_contribution_count(const struct anker_result *res)
{
	return res ? res->n_terms : 0;
}

ANKER_EXPORT double anker_result_get_contribution(const struct anker_result *res, size_t index)
{
	if (!res || index >= res->n_terms)
		return NAN;
	return res->contributions[index];
}

ANKER_EXPORT const char *anker_result_get_contribution_label(const struct anker_result *res,
							     size_t index)
{
	if (!res || index >= res->n_terms)
		return NULL;
	return res->model->terms[index].label;
}

ANKER_EXPORT const char *anker_result_get_contribution_detail(const struct anker_result *res,
							      size_t index)
{
	if (!res || index >= res->n_terms)
		return NULL;
	if (!res->details_written) {
		/* Written once per scoring, all at once, so that every pointer handed out
		 * stays valid until the result is scored again. A result belongs to one
		 * thread and is never const itself: only this view of it is. */
		struct anker_result *mut = (struct anker_result *)res;
		write_details(mut, res->model);
		mut->details_written = true;
	}
	return res->details + res->detail_at[index];
}

ANKER_EXPORT const struct anker_model *anker_result_get_model(const struct anker_result *res)
{
	return res ? res->model : NULL;
}
