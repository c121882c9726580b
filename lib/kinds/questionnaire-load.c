/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "questionnaire": loading $.items, the variables with their texts and
 * options (docs/model-format.md, "Questionnaires"). The scales are
 * questionnaire-scales.c. Every failure names its code, JSON path and field,
 * like every other section.
 */
#include <string.h>

#include "../model/load-private.h"
#include "questionnaire.h"

#define MAX_ITEMS	   256
#define MAX_LIKERT_OPTIONS 11
#define MAX_CHOICE_OPTIONS 64
#define MAX_CODE_BYTES	   255

/* Texts */

/* {"nl": ..., "en": ...} at @p key of @p obj, both required; absent and optional: untouched. */
int anker_questionnaire_load_text(struct jr *jr, json_t *obj, const char *key, bool required,
				  struct q_text *ret)
{
	static const char *const keys[] = {"nl", "en", NULL};
	json_t *text = NULL;
	int r = jr_object(jr, obj, key, required, &text);
	if (r < 0 || !text)
		return r;
	struct jr_mark mark = jr_push_key(jr, key);
	const char *nl = NULL, *en = NULL;
	r = jr_check_keys(jr, text, keys, NULL);
	if (r == 0)
		r = jr_string(jr, text, "nl", true, &nl);
	if (r == 0)
		r = jr_string(jr, text, "en", true, &en);
	if (r == 0)
		r = jr_strdup(jr, nl, &ret->nl);
	if (r == 0)
		r = jr_strdup(jr, en, &ret->en);
	jr_pop(jr, mark);
	return r;
}

static int copy_text(struct jr *jr, const struct q_text *from, struct q_text *to)
{
	int r = jr_strdup(jr, from->nl, &to->nl);
	return r < 0 ? r : jr_strdup(jr, from->en, &to->en);
}

/* Items */

/* One option of a Likert (value, label) or choice item (code, label, value). */
static int load_option(struct jr *jr, json_t *obj, bool choice, struct anker_variable *var,
		       size_t i, struct q_option *opt)
{
	static const char *const likert_keys[] = {"value", "label", NULL};
	static const char *const choice_keys[] = {"code", "label", "value", NULL};
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, choice ? choice_keys : likert_keys, NULL);
	if (r == 0 && choice) {
		const char *code = NULL;
		r = jr_string(jr, obj, "code", true, &code);
		if (r == 0 && strlen(code) > MAX_CODE_BYTES)
			r = jr_fail_at(jr, "code", ANKER_E_BAD_VALUE, "longer than %d bytes",
				       MAX_CODE_BYTES);
		if (r == 0)
			r = jr_strdup(jr, code, &var->levels[i]);
	}
	if (r == 0)
		r = anker_questionnaire_load_text(jr, obj, "label", true, &opt->label);
	if (r == 0)
		r = jr_number(jr, obj, "value", true, &opt->value);
	return r;
}

/* $.items[i].options: Likert values strictly increasing, choice codes unique. */
static int load_option_array(struct jr *jr, json_t *array, bool choice, struct anker_variable *var,
			     struct q_item *item)
{
	size_t n = json_array_size(array);
	item->options = anker_alloc_zeroed(jr->ctx, n, sizeof(*item->options));
	if (!item->options)
		return jr_fail_no_memory(jr);
	item->n_options = n;
	if (choice) {
		var->levels = anker_alloc_zeroed(jr->ctx, n, sizeof(*var->levels));
		if (!var->levels)
			return jr_fail_no_memory(jr);
		var->n_levels = n;
	}
	for (size_t i = 0; i < n; i++) {
		struct jr_mark mark = jr_push_index(jr, i);
		struct q_option *opt = &item->options[i];
		int r = load_option(jr, json_array_get(array, i), choice, var, i, opt);
		if (r == 0 && !choice && i > 0 && !(opt->value > opt[-1].value))
			r = jr_fail_at(jr, "value", ANKER_E_ORDER,
				       "%g does not exceed the previous option's %g", opt->value,
				       opt[-1].value);
		jr_pop(jr, mark);
		if (r < 0)
			return r;
	}
	size_t dup = n;
	int r = choice ? jr_first_duplicate(jr, (const char *const *)var->levels, n, &dup) : 0;
	if (r == 0 && dup < n) {
		struct jr_mark mark = jr_push_index(jr, dup);
		r = jr_fail_at(jr, "code", ANKER_E_DUPLICATE, "option \"%s\" appears twice",
			       var->levels[dup]);
		jr_pop(jr, mark);
	}
	return r;
}

static int load_options(struct jr *jr, json_t *obj, bool choice, struct anker_variable *var,
			struct q_item *item)
{
	json_t *array = NULL;
	int r = jr_array(jr, obj, "options", true, 2,
			 choice ? MAX_CHOICE_OPTIONS : MAX_LIKERT_OPTIONS, &array);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "options");
	r = load_option_array(jr, array, choice, var, item);
	jr_pop(jr, mark);
	return r;
}

/* yes/no has its options built in: no (0) and yes (1). */
static int yes_no_options(struct jr *jr, struct q_item *item)
{
	static const char *const texts[2][2] = {{"nee", "no"}, {"ja", "yes"}};
	item->options = anker_alloc_zeroed(jr->ctx, 2, sizeof(*item->options));
	if (!item->options)
		return jr_fail_no_memory(jr);
	item->n_options = 2;
	int r = 0;
	for (size_t i = 0; i < 2 && r == 0; i++) {
		item->options[i].value = (double)i;
		r = jr_strdup(jr, texts[i][0], &item->options[i].label.nl);
		if (r == 0)
			r = jr_strdup(jr, texts[i][1], &item->options[i].label.en);
	}
	return r;
}

/* The variable and the score values of each response type. */
static int load_response(struct jr *jr, json_t *obj, struct anker_variable *var,
			 struct q_item *item)
{
	int r = 0;
	switch (item->response) {
	case ANKER_RESPONSE_LIKERT:
		var->kind = ANKER_VARIABLE_NUMERIC;
		var->listed = true; /* an answer must be one of the values, never clamped */
		r = load_options(jr, obj, false, var, item);
		if (r == 0) {
			var->min = item->options[0].value;
			var->max = item->options[item->n_options - 1].value;
			item->whole_steps = fabs(var->min) < 0x1p51 && fabs(var->max) < 0x1p51;
			for (size_t o = 0; o < item->n_options; o++)
				item->whole_steps &= item->options[o].value == var->min + (double)o;
		}
		break;
	case ANKER_RESPONSE_YES_NO:
		var->kind = ANKER_VARIABLE_BOOLEAN;
		r = yes_no_options(jr, item);
		break;
	case ANKER_RESPONSE_NUMBER:
		var->kind = ANKER_VARIABLE_NUMERIC;
		r = anker_load_range(jr, obj, var);
		break;
	case ANKER_RESPONSE_CHOICE:
	default:
		var->kind = ANKER_VARIABLE_CATEGORICAL;
		r = load_options(jr, obj, true, var, item);
		break;
	}
	if (r < 0)
		return r;
	item->min = var->kind == ANKER_VARIABLE_CATEGORICAL ? INFINITY : var->min;
	item->max = var->kind == ANKER_VARIABLE_CATEGORICAL ? -INFINITY : var->max;
	if (var->kind == ANKER_VARIABLE_BOOLEAN)
		item->min = 0.0, item->max = 1.0;
	for (size_t o = 0; var->kind == ANKER_VARIABLE_CATEGORICAL && o < item->n_options; o++) {
		item->min = fmin(item->min, item->options[o].value);
		item->max = fmax(item->max, item->options[o].value);
	}
	item->flip = item->min + item->max;
	return 0;
}

static int load_item(struct jr *jr, json_t *obj, struct anker_variable *var, struct q_item *item)
{
	static const char *const keys[] = {"name", "label", "text", "response", NULL};
	static const char *const option_keys[] = {"options", NULL};
	static const char *const range_keys[] = {"range", NULL};
	int r = jr_check_object(jr, obj);
	if (r < 0)
		return r;
	/* A missing answer goes to the scales as missing: their rules decide. */
	var->missing = ANKER_MISSING_PASS;
	var->out_of_range = ANKER_RANGE_REJECT;
	var->impute_level = -1;
	const char *name = NULL;
	r = jr_identifier(jr, obj, "name", true, &name);
	if (r == 0)
		r = jr_choice(jr, obj, "response", true, anker_response_type_names,
			      &item->response);
	if (r < 0)
		return r;
	const char *const *more = item->response == ANKER_RESPONSE_NUMBER   ? range_keys
				  : item->response == ANKER_RESPONSE_YES_NO ? NULL
									    : option_keys;
	r = jr_check_keys(jr, obj, keys, more);
	if (r == 0)
		r = jr_strdup(jr, name, &var->name);
	if (r == 0)
		r = anker_questionnaire_load_text(jr, obj, "text", true, &item->text);
	if (r == 0)
		r = anker_questionnaire_load_text(jr, obj, "label", false, &item->label);
	if (r == 0 && !item->label.en)
		r = copy_text(jr, &item->text, &item->label);
	if (r == 0)
		r = jr_strdup(jr, item->label.en, &var->label);
	if (r == 0)
		r = load_response(jr, obj, var, item);
	return r;
}

int anker_questionnaire_load_items(struct jr *jr, json_t *root, struct anker_questionnaire *q)
{
	json_t *array = NULL;
	int r = jr_array(jr, root, "items", true, 1, MAX_ITEMS, &array);
	if (r < 0)
		return r;
	size_t n = json_array_size(array);
	struct anker_linear *lin = &q->linear;
	lin->variables = anker_alloc_zeroed(jr->ctx, n, sizeof(*lin->variables));
	q->items = anker_alloc_zeroed(jr->ctx, n, sizeof(*q->items));
	if (!lin->variables || !q->items)
		return jr_fail_no_memory(jr);
	lin->n_variables = n;
	struct jr_mark mark = jr_push_key(jr, "items");
	for (size_t i = 0; i < n && r == 0; i++) {
		struct jr_mark at = jr_push_index(jr, i);
		r = load_item(jr, json_array_get(array, i), &lin->variables[i], &q->items[i]);
		jr_pop(jr, at);
	}
	if (r == 0)
		r = anker_loader_check_unique_variables(jr, lin);
	jr_pop(jr, mark);
	return r;
}
