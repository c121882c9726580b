/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "questionnaire": loading $.scales (members with weights and reverse
 * keys, the rule, missing items, cut-offs into levels), declaring the outputs
 * and contributions they make, and the kind's load() and destroy().
 */
#include <string.h>

#include "../model/load-private.h"
#include "questionnaire.h"

#define MAX_SCALES  32
#define MAX_MEMBERS 256
#define MAX_LEVELS  16

const char *const anker_questionnaire_keys[] = {"items", "scales", NULL};

/* Members */

static int load_member(struct jr *jr, json_t *obj, const struct anker_linear *lin,
		       struct q_member *mb)
{
	static const char *const keys[] = {"item", "weight", "reverse", NULL};
	const char *item = NULL;
	mb->weight = 1.0;
	mb->reverse = false;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_string(jr, obj, "item", true, &item);
	if (r == 0 && !anker_loader_find_variable(lin, item, &mb->item))
		r = jr_fail_at(jr, "item", ANKER_E_REFERENCE, "\"%s\" is not an item", item);
	if (r == 0)
		r = jr_number(jr, obj, "weight", false, &mb->weight);
	/* Weights are positive: a reversed item is keyed with "reverse", not a sign. */
	if (r == 0 && !(mb->weight > 0.0))
		r = jr_fail_at(jr, "weight", ANKER_E_BAD_VALUE, "%g is not above 0", mb->weight);
	if (r == 0)
		r = jr_boolean(jr, obj, "reverse", false, &mb->reverse);
	return r;
}

static int load_members(struct jr *jr, json_t *obj, const struct anker_linear *lin,
			struct q_scale *s)
{
	json_t *array = NULL;
	int r = jr_array(jr, obj, "items", true, 1, MAX_MEMBERS, &array);
	if (r < 0)
		return r;
	size_t n = json_array_size(array);
	s->members = anker_alloc_zeroed(jr->ctx, n, sizeof(*s->members));
	if (!s->members)
		return jr_fail_no_memory(jr);
	s->n_members = n;
	struct jr_mark mark = jr_push_key(jr, "items");
	for (size_t i = 0; i < n && r == 0; i++) {
		struct jr_mark at = jr_push_index(jr, i);
		r = load_member(jr, json_array_get(array, i), lin, &s->members[i]);
		for (size_t j = 0; r == 0 && j < i; j++)
			if (s->members[j].item == s->members[i].item)
				r = jr_fail_at(jr, "item", ANKER_E_DUPLICATE,
					       "item \"%s\" is in the scale twice",
					       lin->variables[s->members[i].item].name);
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	/* in member order, as the scorers add the answered weights */
	s->total_weight = 0.0;
	for (size_t i = 0; r == 0 && i < n; i++)
		s->total_weight += s->members[i].weight;
	return r;
}

/* The lowest and highest score the scale can reach: cut-offs must lie strictly inside. */
static void attainable(const struct anker_questionnaire *q, const struct q_scale *s, double *lo,
		       double *hi)
{
	double sum_lo = 0.0, sum_hi = 0.0, min_lo = INFINITY, max_hi = -INFINITY;
	for (size_t i = 0; i < s->n_members; i++) {
		const struct q_item *item = &q->items[s->members[i].item];
		double w = s->members[i].weight;
		sum_lo += w * item->min;
		sum_hi += w * item->max;
		min_lo = fmin(min_lo, item->min);
		max_hi = fmax(max_hi, item->max);
	}
	*lo = s->rule == ANKER_SCALE_SUM ? sum_lo : min_lo;
	*hi = s->rule == ANKER_SCALE_SUM ? sum_hi : max_hi;
}

/* Levels */

static int load_level(struct jr *jr, json_t *obj, struct anker_band *level, bool last,
		      double previous, double lo, double hi)
{
	struct q_text label = {NULL, NULL};
	int r = anker_load_band_name(jr, obj, level);
	if (r == 0)
		r = anker_questionnaire_load_text(jr, obj, "label", true, &label);
	level->label = label.en;
	level->label_nl = label.nl;
	if (r == 0)
		r = anker_load_band_upper(jr, obj, level, last, previous, lo, hi);
	return r;
}

static int load_level_array(struct jr *jr, json_t *array, struct q_scale *s, double lo, double hi)
{
	size_t n = json_array_size(array);
	struct anker_bands *levels = &s->levels;
	levels->items = anker_alloc_zeroed(jr->ctx, n, sizeof(*levels->items));
	s->cuts = anker_alloc_array(jr->ctx, n, sizeof(*s->cuts));
	if (!levels->items || !s->cuts)
		return jr_fail_no_memory(jr);
	levels->count = n;
	double previous = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		struct jr_mark mark = jr_push_index(jr, i);
		struct anker_band *level = &levels->items[i];
		int r =
		    load_level(jr, json_array_get(array, i), level, i + 1 == n, previous, lo, hi);
		for (size_t j = 0; r == 0 && j < i; j++)
			if (strcmp(levels->items[j].name, level->name) == 0)
				r = jr_fail_at(jr, "name", ANKER_E_DUPLICATE,
					       "level \"%s\" is defined twice", level->name);
		jr_pop(jr, mark);
		if (r < 0)
			return r;
		previous = s->cuts[i] = level->upper;
	}
	return 0;
}

static int load_levels(struct jr *jr, json_t *obj, const struct anker_questionnaire *q,
		       struct q_scale *s)
{
	static const char *const keys[] = {"boundary", "items", NULL};
	json_t *levels = NULL, *array = NULL;
	int r = jr_object(jr, obj, "levels", true, &levels);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "levels");
	r = jr_check_keys(jr, levels, keys, NULL);
	if (r == 0)
		r = jr_choice(jr, levels, "boundary", true, anker_band_boundary_names,
			      &s->levels.boundary);
	if (r == 0)
		r = jr_array(jr, levels, "items", true, 1, MAX_LEVELS, &array);
	if (r == 0) {
		double lo, hi;
		attainable(q, s, &lo, &hi);
		struct jr_mark at = jr_push_key(jr, "items");
		r = load_level_array(jr, array, s, lo, hi);
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	return r;
}

/* Scales */

static int load_missing_rule(struct jr *jr, json_t *obj, struct q_scale *s)
{
	long long max_missing = 0;
	int r = jr_integer(jr, obj, "max_missing", false, &max_missing);
	if (r == 0 && !(max_missing >= 0 && (unsigned long long)max_missing < s->n_members))
		r = jr_fail_at(jr, "max_missing", ANKER_E_BAD_VALUE,
			       "%lld is outside 0..%zu (fewer than the scale's items)", max_missing,
			       s->n_members - 1);
	s->max_missing = (size_t)max_missing;
	if (r == 0)
		r = jr_boolean(jr, obj, "prorate", false, &s->prorate);
	/* A sum over fewer items would count a missing answer as 0: never silently. */
	if (r == 0 && s->rule == ANKER_SCALE_SUM && s->max_missing > 0 && !s->prorate)
		r = jr_fail_at(jr, "max_missing", ANKER_E_BAD_VALUE,
			       "a sum with missing items needs \"prorate\": true");
	return r;
}

static int load_scale(struct jr *jr, json_t *obj, struct anker_questionnaire *q, struct q_scale *s)
{
	static const char *const keys[] = {"name",	  "label",  "rule",   "items",
					   "max_missing", "levels", "factor", NULL};
	static const char *const sum_keys[] = {"prorate", NULL};
	const char *name = NULL;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_identifier(jr, obj, "name", true, &name);
	if (r == 0)
		r = jr_choice(jr, obj, "rule", true, anker_scale_rule_names, &s->rule);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, s->rule == ANKER_SCALE_SUM ? sum_keys : NULL);
	if (r == 0)
		r = jr_strdup(jr, name, &s->name);
	if (r == 0)
		r = anker_questionnaire_load_text(jr, obj, "label", true, &s->label);
	if (r == 0)
		r = load_members(jr, obj, &q->linear, s);
	if (r == 0)
		r = load_missing_rule(jr, obj, s);
	if (r == 0)
		r = load_levels(jr, obj, q, s);
	if (r == 0)
		r = anker_questionnaire_load_factor(jr, obj, s);
	return r;
}

static int load_scales(struct jr *jr, json_t *root, struct anker_questionnaire *q)
{
	json_t *array = NULL;
	int r = jr_array(jr, root, "scales", true, 1, MAX_SCALES, &array);
	if (r < 0)
		return r;
	size_t n = json_array_size(array);
	q->scales = anker_alloc_zeroed(jr->ctx, n, sizeof(*q->scales));
	if (!q->scales)
		return jr_fail_no_memory(jr);
	q->n_scales = n;
	struct jr_mark mark = jr_push_key(jr, "scales");
	for (size_t i = 0; i < n && r == 0; i++) {
		struct jr_mark at = jr_push_index(jr, i);
		r = load_scale(jr, json_array_get(array, i), q, &q->scales[i]);
		for (size_t j = 0; r == 0 && j < i; j++)
			if (strcmp(q->scales[j].name, q->scales[i].name) == 0)
				r = jr_fail_at(jr, "name", ANKER_E_DUPLICATE,
					       "scale \"%s\" is defined twice", q->scales[i].name);
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	return r;
}

/* What the scales declare */

/* @p a followed by @p b, in a new string the payload owns. */
static const char *own_join(struct jr *jr, struct anker_questionnaire *q, const char *a,
			    const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = anker_alloc(jr->ctx, la + lb + 1);
	if (!s)
		return NULL;
	memcpy(s, a, la);
	memcpy(s + la, b, lb + 1);
	q->output_texts[q->n_output_texts++] = s;
	return s;
}

/* Per scale: <scale>_score, <scale>_level, <scale>_answered (docs/model-format.md, "Outputs"). */
static int declare_outputs(struct jr *jr, struct anker_questionnaire *q)
{
	static const char *const suffix[Q_N_OUTPUTS][3] = {
	    {"_score", ": score", ": score"},
	    {"_level", ": level", ": niveau"},
	    {"_answered", ": items answered", ": beantwoorde vragen"},
	};
	static const int types[Q_N_OUTPUTS] = {ANKER_OUTPUT_NUMBER, ANKER_OUTPUT_LEVEL,
					       ANKER_OUTPUT_NUMBER};
	size_t n = q->n_scales * Q_N_OUTPUTS;
	q->outputs = anker_alloc_zeroed(jr->ctx, n, sizeof(*q->outputs));
	if (!q->outputs)
		return jr_fail_no_memory(jr);
	for (size_t s = 0; s < q->n_scales; s++) {
		const struct q_scale *scale = &q->scales[s];
		for (size_t k = 0; k < Q_N_OUTPUTS; k++) {
			struct anker_output *out = &q->outputs[s * Q_N_OUTPUTS + k];
			out->type = types[k];
			out->levels = k == Q_LEVEL ? &scale->levels : NULL;
			out->name = own_join(jr, q, scale->name, suffix[k][0]);
			out->label = own_join(jr, q, scale->label.en, suffix[k][1]);
			out->label_nl = own_join(jr, q, scale->label.nl, suffix[k][2]);
			if (!out->name || !out->label || !out->label_nl)
				return jr_fail_no_memory(jr);
		}
	}
	return 0;
}

/* Per scale and member: "<scale>.<item>", labelled "<scale label>: <item label>". */
static int declare_contributions(struct jr *jr, struct anker_questionnaire *q)
{
	size_t n = 0;
	for (size_t s = 0; s < q->n_scales; s++) {
		q->scales[s].first_contribution = n;
		n += q->scales[s].n_members;
	}
	q->contributions = anker_alloc_zeroed(jr->ctx, n, sizeof(*q->contributions));
	if (!q->contributions)
		return jr_fail_no_memory(jr);
	q->n_contributions = n;
	for (size_t s = 0; s < q->n_scales; s++) {
		const struct q_scale *scale = &q->scales[s];
		const char *name = own_join(jr, q, scale->name, ".");
		const char *label = own_join(jr, q, scale->label.en, ": ");
		if (!name || !label)
			return jr_fail_no_memory(jr);
		for (size_t j = 0; j < scale->n_members; j++) {
			const struct q_item *item = &q->items[scale->members[j].item];
			struct anker_contribution *c =
			    &q->contributions[scale->first_contribution + j];
			c->name =
			    own_join(jr, q, name, q->linear.variables[scale->members[j].item].name);
			c->label = own_join(jr, q, label, item->label.en);
			if (!c->name || !c->label)
				return jr_fail_no_memory(jr);
		}
	}
	return 0;
}

int anker_questionnaire_load(struct jr *jr, json_t *root, struct anker_model *model)
{
	struct anker_questionnaire *q = anker_alloc_zeroed(jr->ctx, 1, sizeof(*q));
	if (!q)
		return jr_fail_no_memory(jr);
	model->payload = q;
	model->linear = &q->linear;
	int r = anker_questionnaire_load_items(jr, root, q);
	if (r == 0)
		r = load_scales(jr, root, q);
	if (r < 0)
		return r;
	size_t n_texts = q->n_scales * (3 * Q_N_OUTPUTS + 2);
	for (size_t s = 0; s < q->n_scales; s++)
		n_texts += 2 * q->scales[s].n_members;
	q->output_texts = anker_alloc_zeroed(jr->ctx, n_texts, sizeof(*q->output_texts));
	if (!q->output_texts)
		return jr_fail_no_memory(jr);
	r = declare_outputs(jr, q);
	if (r == 0)
		r = declare_contributions(jr, q);
	return r;
}

static void free_text(struct anker_ctx *ctx, struct q_text *t)
{
	anker_dealloc(ctx, t->nl);
	anker_dealloc(ctx, t->en);
}

void anker_questionnaire_destroy(struct anker_ctx *ctx, void *payload)
{
	struct anker_questionnaire *q = payload;
	for (size_t i = 0; q->items && i < q->linear.n_variables; i++) {
		struct q_item *item = &q->items[i];
		free_text(ctx, &item->text);
		free_text(ctx, &item->label);
		for (size_t o = 0; item->options && o < item->n_options; o++)
			free_text(ctx, &item->options[o].label);
		anker_dealloc(ctx, item->options);
	}
	anker_dealloc(ctx, q->items);
	anker_linear_free(ctx, &q->linear);
	for (size_t s = 0; q->scales && s < q->n_scales; s++) {
		struct q_scale *scale = &q->scales[s];
		anker_dealloc(ctx, scale->name);
		free_text(ctx, &scale->label);
		free_text(ctx, &scale->say);
		anker_dealloc(ctx, scale->members);
		anker_bands_free(ctx, &scale->levels);
		anker_dealloc(ctx, scale->cuts);
	}
	anker_dealloc(ctx, q->scales);
	for (size_t i = 0; i < q->n_output_texts; i++)
		anker_dealloc(ctx, q->output_texts[i]);
	anker_dealloc(ctx, q->output_texts);
	anker_dealloc(ctx, q->outputs);
	anker_dealloc(ctx, q->contributions);
	anker_dealloc(ctx, q);
}
