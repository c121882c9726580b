/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "rules": loading $.inputs, $.advice and $.rules (docs/assessment.md,
 * "Rule tables"). Every failure names its code, JSON path and field. A rule
 * that can never fire (after the default, or covered by an earlier rule as
 * far as rules-cover.c can decide) is ANKER_E_ORDER.
 */
#include <string.h>

#include "../model/load-private.h"
#include "questionnaire.h"
#include "rules.h"

#define MAX_INPUTS 256
#define MAX_FIELDS 32
#define MAX_RULES  1024
#define MAX_DEPTH  16
#define MAX_KIDS   64

const char *const anker_rules_keys[] = {"inputs", "advice", "rules", NULL};

/*
 * {"nl": ..., "en": ...}, both required, into two strings: the questionnaire's
 * loader for texts, whose pair this kind keeps as an output's two labels.
 */
static int load_text(struct jr *jr, json_t *obj, const char *key, char **en, char **nl)
{
	struct q_text text = {NULL, NULL};
	int r = anker_questionnaire_load_text(jr, obj, key, true, &text);
	*en = text.en;
	*nl = text.nl;
	return r;
}

/* A level name: any non-empty string of at most JR_NAME_MAX bytes ("1" for fase 1, "A"). */
static int level_name(struct jr *jr, json_t *value, const char **ret)
{
	int r = jr_check_string(jr, value, ret);
	if (r == 0 && strlen(*ret) > JR_NAME_MAX)
		r = jr_fail(jr, ANKER_E_TOO_LARGE, "longer than %d bytes", JR_NAME_MAX);
	return r;
}

/* "<ALIAS>.<output>": two identifiers. */
static bool is_input_name(const char *s)
{
	const char *dot = strchr(s, '.');
	if (!dot || dot == s || strlen(s) > 2 * JR_NAME_MAX + 1)
		return false;
	char alias[2 * JR_NAME_MAX + 2];
	memcpy(alias, s, (size_t)(dot - s));
	alias[dot - s] = '\0';
	return jr_is_identifier(alias) && jr_is_identifier(dot + 1);
}

/* Inputs */

static int load_input_levels(struct jr *jr, json_t *obj, struct anker_variable *var)
{
	json_t *levels = NULL;
	int r = jr_array(jr, obj, "levels", true, 1, R_MAX_LEVELS, &levels);
	if (r < 0)
		return r;
	var->kind = ANKER_VARIABLE_CATEGORICAL;
	struct jr_mark mark = jr_push_key(jr, "levels");
	r = anker_load_level_names(jr, levels, var);
	jr_pop(jr, mark);
	return r;
}

static int load_input(struct jr *jr, json_t *obj, struct anker_variable *var)
{
	static const char *const keys[] = {"name", "levels", "range", NULL};
	const char *name = NULL;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_string(jr, obj, "name", true, &name);
	if (r == 0 && !is_input_name(name))
		r = jr_fail_at(jr, "name", ANKER_E_BAD_VALUE,
			       "an input is named \"<ALIAS>.<output>\", two identifiers");
	if (r == 0)
		r = jr_strdup(jr, name, &var->name);
	if (r == 0) /* its label is its name: the instrument's output has the texts */
		r = jr_strdup(jr, name, &var->label);
	if (r < 0)
		return r;
	var->missing = ANKER_MISSING_PASS;
	var->out_of_range = ANKER_RANGE_REJECT;
	var->impute_value = NAN;
	var->impute_level = -1;
	bool has_levels = json_object_get(obj, "levels") != NULL;
	bool has_range = json_object_get(obj, "range") != NULL;
	if (has_levels == has_range)
		return jr_fail(jr, ANKER_E_BAD_VALUE,
			       "an input has either \"levels\" (a level output) or \"range\" (a "
			       "number output)");
	if (has_levels)
		return load_input_levels(jr, obj, var);
	var->kind = ANKER_VARIABLE_NUMERIC;
	return anker_load_range(jr, obj, var);
}

static int load_inputs(struct jr *jr, json_t *root, struct anker_rules *t)
{
	json_t *inputs = NULL;
	int r = jr_array(jr, root, "inputs", true, 1, MAX_INPUTS, &inputs);
	if (r < 0)
		return r;
	size_t n = json_array_size(inputs);
	t->linear.variables = anker_alloc_zeroed(jr->ctx, n, sizeof(*t->linear.variables));
	if (!t->linear.variables)
		return jr_fail_no_memory(jr);
	t->linear.n_variables = n;
	struct jr_mark mark = jr_push_key(jr, "inputs");
	for (size_t i = 0; r == 0 && i < n; i++) {
		struct jr_mark at = jr_push_index(jr, i);
		r = load_input(jr, json_array_get(inputs, i), &t->linear.variables[i]);
		jr_pop(jr, at);
	}
	if (r == 0)
		r = anker_loader_check_unique_variables(jr, &t->linear);
	jr_pop(jr, mark);
	return r;
}

/* Advice fields */

static int load_field_level(struct jr *jr, json_t *obj, struct anker_bands *levels, size_t i)
{
	static const char *const keys[] = {"name", "label", NULL};
	struct anker_band *band = &levels->items[i];
	json_t *name = NULL;
	const char *s = NULL;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_member(jr, obj, "name", true, &name);
	if (r == 0) {
		struct jr_mark at = jr_push_key(jr, "name");
		r = level_name(jr, name, &s);
		for (size_t j = 0; r == 0 && j < i; j++)
			if (strcmp(levels->items[j].name, s) == 0)
				r = jr_fail(jr, ANKER_E_DUPLICATE, "level \"%s\" appears twice", s);
		jr_pop(jr, at);
	}
	if (r == 0)
		r = jr_strdup(jr, s, &band->name);
	if (r == 0)
		r = load_text(jr, obj, "label", &band->label, &band->label_nl);
	band->upper = 1.0;
	return r;
}

static int load_field(struct jr *jr, json_t *obj, struct anker_rules *t, size_t f)
{
	static const char *const keys[] = {"name", "label", "levels", NULL};
	const char *name = NULL;
	json_t *levels = NULL;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_identifier(jr, obj, "name", true, &name);
	for (size_t j = 0; r == 0 && j < f; j++)
		if (strcmp(t->field_names[j], name) == 0)
			r = jr_fail_at(jr, "name", ANKER_E_DUPLICATE,
				       "advice field \"%s\" appears twice", name);
	if (r == 0 && strcmp(name, "rule") == 0)
		r = jr_fail_at(jr, "name", ANKER_E_DUPLICATE,
			       "\"rule\" is the output that names the rule that fired");
	if (r == 0)
		r = jr_strdup(jr, name, &t->field_names[f]);
	if (r == 0)
		r = load_text(jr, obj, "label", &t->field_labels[f], &t->field_labels_nl[f]);
	if (r == 0)
		r = jr_array(jr, obj, "levels", true, 1, R_MAX_LEVELS, &levels);
	if (r < 0)
		return r;
	struct anker_bands *b = &t->fields[f];
	b->items = anker_alloc_zeroed(jr->ctx, json_array_size(levels), sizeof(*b->items));
	if (!b->items)
		return jr_fail_no_memory(jr);
	b->count = json_array_size(levels);
	struct jr_mark mark = jr_push_key(jr, "levels");
	for (size_t i = 0; r == 0 && i < b->count; i++) {
		struct jr_mark at = jr_push_index(jr, i);
		r = load_field_level(jr, json_array_get(levels, i), b, i);
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	return r;
}

static int load_fields(struct jr *jr, json_t *root, struct anker_rules *t)
{
	json_t *fields = NULL;
	int r = jr_array(jr, root, "advice", true, 1, MAX_FIELDS, &fields);
	if (r < 0)
		return r;
	size_t n = json_array_size(fields);
	t->fields = anker_alloc_zeroed(jr->ctx, n, sizeof(*t->fields));
	/* NULL-terminated: the keys a rule's "advice" may have */
	t->field_names = anker_alloc_zeroed(jr->ctx, n + 1, sizeof(char *));
	t->field_labels = anker_alloc_zeroed(jr->ctx, n, sizeof(char *));
	t->field_labels_nl = anker_alloc_zeroed(jr->ctx, n, sizeof(char *));
	if (!t->fields || !t->field_names || !t->field_labels || !t->field_labels_nl)
		return jr_fail_no_memory(jr);
	t->n_fields = n;
	struct jr_mark mark = jr_push_key(jr, "advice");
	for (size_t f = 0; r == 0 && f < n; f++) {
		struct jr_mark at = jr_push_index(jr, f);
		r = load_field(jr, json_array_get(fields, f), t, f);
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	return r;
}

/* Rules */

static int load_advice(struct jr *jr, json_t *rule, struct anker_rules *t, struct r_rule *out)
{
	json_t *advice = NULL;
	int r = jr_object(jr, rule, "advice", true, &advice);
	if (r < 0)
		return r;
	out->advice = anker_alloc_array(jr->ctx, t->n_fields, sizeof(int32_t));
	if (!out->advice)
		return jr_fail_no_memory(jr);
	struct jr_mark mark = jr_push_key(jr, "advice");
	r = jr_check_keys(jr, advice, (const char *const *)t->field_names, NULL);
	for (size_t f = 0; r == 0 && f < t->n_fields; f++) {
		json_t *value = NULL;
		r = jr_member(jr, advice, t->field_names[f], true, &value);
		if (r < 0)
			break;
		struct jr_mark at = jr_push_key(jr, t->field_names[f]);
		const char *name = NULL;
		r = jr_check_string(jr, value, &name);
		out->advice[f] = -1;
		for (size_t i = 0; r == 0 && i < t->fields[f].count; i++)
			if (strcmp(t->fields[f].items[i].name, name) == 0)
				out->advice[f] = (int32_t)i;
		if (r == 0 && out->advice[f] < 0)
			r = jr_fail(jr, ANKER_E_UNKNOWN_LEVEL,
				    "advice field \"%s\" has no level \"%s\"", t->field_names[f],
				    name);
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	return r;
}

static int load_rule(struct jr *jr, json_t *obj, struct anker_rules *t, size_t i)
{
	static const char *const keys[] = {"id", "when", "advice", "reason", NULL};
	struct r_rule *rule = &t->rules[i];
	struct anker_band *level = &t->rule_levels.items[i];
	const char *id = NULL;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_identifier(jr, obj, "id", true, &id);
	for (size_t j = 0; r == 0 && j < i; j++)
		if (strcmp(t->rules[j].id, id) == 0)
			r = jr_fail_at(jr, "id", ANKER_E_DUPLICATE, "rule \"%s\" appears twice",
				       id);
	if (r == 0)
		r = jr_strdup(jr, id, &rule->id);
	if (r == 0)
		r = jr_strdup(jr, id, &level->name);
	level->upper = 1.0;
	if (r == 0 && json_object_get(obj, "when")) {
		rule->when = anker_alloc_zeroed(jr->ctx, 1, sizeof(*rule->when));
		if (!rule->when)
			return jr_fail_no_memory(jr);
		struct jr_mark mark = jr_push_key(jr, "when");
		r = anker_rules_load_cond(jr, json_object_get(obj, "when"), t, rule->when);
		jr_pop(jr, mark);
	}
	if (r == 0)
		r = load_advice(jr, obj, t, rule);
	if (r == 0)
		r = load_text(jr, obj, "reason", &level->label, &level->label_nl);
	return r;
}

/* A rule that no case can reach; the default must be last. */
static int check_reachable(struct jr *jr, const struct anker_rules *t, size_t i)
{
	const struct r_rule *rule = &t->rules[i];
	for (size_t j = 0; j < i; j++) {
		const struct r_rule *earlier = &t->rules[j];
		if (!earlier->when)
			return jr_fail_at(
			    jr, "id", ANKER_E_ORDER,
			    "rule \"%s\" can never fire: the default rule \"%s\" comes before it",
			    rule->id, earlier->id);
		if (rule->when && anker_rules_covers(t, earlier->when, rule->when))
			return jr_fail_at(jr, "when", ANKER_E_ORDER,
					  "rule \"%s\" can never fire: every case it matches, rule "
					  "\"%s\" before it matches",
					  rule->id, earlier->id);
	}
	if (i < 1 || !rule->when)
		return 0;
	/* the earlier rules together: exactly by regions where that can be decided */
	bool *used = anker_alloc_zeroed(jr->ctx, i, sizeof(*used));
	if (!used)
		return jr_fail_no_memory(jr);
	int region = anker_rules_region_covers(t, i, used);
	if (region == 1) {
		char names[512] = "";
		size_t n = 0;
		for (size_t j = 0; j < i; j++) {
			if (!used[j])
				continue;
			size_t len = strlen(names);
			snprintf(names + len, sizeof(names) - len, "%s\"%s\"", n++ ? ", " : "",
				 t->rules[j].id);
		}
		anker_dealloc(jr->ctx, used);
		return jr_fail_at(jr, "when", ANKER_E_ORDER,
				  "rule \"%s\" can never fire: rules %s before it together match "
				  "every case it matches",
				  rule->id, names);
	}
	anker_dealloc(jr->ctx, used);
	if (region == 0 || i < 2)
		return 0;
	/* undecided by regions: the earlier rules' "any" (shallow copies), taken apart */
	struct r_cond *kids = anker_alloc_array(jr->ctx, i, sizeof(*kids));
	if (!kids)
		return jr_fail_no_memory(jr);
	for (size_t j = 0; j < i; j++)
		kids[j] = *t->rules[j].when;
	struct r_cond union_of = {.op = R_ANY, .kids = kids, .n_kids = i};
	bool covered = anker_rules_covers(t, &union_of, rule->when);
	anker_dealloc(jr->ctx, kids);
	if (covered)
		return jr_fail_at(jr, "when", ANKER_E_ORDER,
				  "rule \"%s\" can never fire: the rules before it together match "
				  "every case it matches",
				  rule->id);
	return 0;
}

static int load_rules(struct jr *jr, json_t *root, struct anker_rules *t)
{
	json_t *rules = NULL;
	int r = jr_array(jr, root, "rules", true, 1, MAX_RULES, &rules);
	if (r < 0)
		return r;
	size_t n = json_array_size(rules);
	t->rules = anker_alloc_zeroed(jr->ctx, n, sizeof(*t->rules));
	t->rule_levels.items = anker_alloc_zeroed(jr->ctx, n, sizeof(*t->rule_levels.items));
	if (!t->rules || !t->rule_levels.items)
		return jr_fail_no_memory(jr);
	t->n_rules = t->rule_levels.count = n;
	struct jr_mark mark = jr_push_key(jr, "rules");
	for (size_t i = 0; r == 0 && i < n; i++) {
		struct jr_mark at = jr_push_index(jr, i);
		r = load_rule(jr, json_array_get(rules, i), t, i);
		if (r == 0)
			r = check_reachable(jr, t, i);
		jr_pop(jr, at);
	}
	if (r == 0 && t->rules[n - 1].when) {
		struct jr_mark at = jr_push_index(jr, n - 1);
		r = jr_fail_at(jr, "when", ANKER_E_MISSING_KEY,
			       "the last rule must be the default (a rule without \"when\"), so "
			       "that every case gets an advice");
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	return r;
}

/* Outputs, contributions and the explanation's size */

static size_t cond_bound(const struct anker_rules *t, const struct r_cond *c)
{
	if (c->op == R_ALL || c->op == R_ANY || c->op == R_NOT) {
		size_t n = 8;
		for (size_t i = 0; i < c->n_kids; i++)
			n += cond_bound(t, &c->kids[i]);
		return n;
	}
	const struct anker_variable *var = &t->linear.variables[c->input];
	size_t n = strlen(var->name) + 2 * ANKER_NUMBER_MAX + 32;
	for (size_t i = 0; i < var->n_levels; i++)
		n += 2 * (strlen(var->levels[i]) + 2);
	return n;
}

static int finish(struct jr *jr, struct anker_rules *t)
{
	size_t n = t->n_fields + 1;
	t->outputs = anker_alloc_zeroed(jr->ctx, n, sizeof(*t->outputs));
	t->contributions = anker_alloc_zeroed(jr->ctx, t->n_rules, sizeof(*t->contributions));
	if (!t->outputs || !t->contributions)
		return jr_fail_no_memory(jr);
	for (size_t f = 0; f < t->n_fields; f++)
		t->outputs[f] =
		    (struct anker_output){t->field_names[f], t->field_labels[f],
					  t->field_labels_nl[f], ANKER_OUTPUT_LEVEL, &t->fields[f]};
	t->outputs[t->n_fields] =
	    (struct anker_output){"rule", "Rule that fired", "Regel die de doorslag gaf",
				  ANKER_OUTPUT_LEVEL, &t->rule_levels};
	size_t bound = 0;
	for (size_t i = 0; i < t->n_rules; i++) {
		t->contributions[i] =
		    (struct anker_contribution){t->rules[i].id, t->rule_levels.items[i].label};
		bound += 64 + (t->rules[i].when ? cond_bound(t, t->rules[i].when) : 0);
	}
	t->explain_bound = bound;
	return 0;
}

int anker_rules_load(struct jr *jr, json_t *root, struct anker_model *model)
{
	struct anker_rules *t = anker_alloc_zeroed(jr->ctx, 1, sizeof(*t));
	if (!t)
		return jr_fail_no_memory(jr);
	model->payload = t;
	model->linear = &t->linear;
	int r = load_inputs(jr, root, t);
	if (r == 0)
		r = load_fields(jr, root, t);
	if (r == 0)
		r = load_rules(jr, root, t);
	if (r == 0)
		r = finish(jr, t);
	return r;
}

static void free_cond(struct anker_ctx *ctx, struct r_cond *c)
{
	for (size_t i = 0; c->kids && i < c->n_kids; i++)
		free_cond(ctx, &c->kids[i]);
	anker_dealloc(ctx, c->kids);
}

void anker_rules_destroy(struct anker_ctx *ctx, void *payload)
{
	struct anker_rules *t = payload;
	if (!t)
		return;
	anker_linear_free(ctx, &t->linear);
	for (size_t f = 0; f < t->n_fields; f++) {
		if (t->fields)
			anker_bands_free(ctx, &t->fields[f]);
		if (t->field_names)
			anker_dealloc(ctx, t->field_names[f]);
		if (t->field_labels)
			anker_dealloc(ctx, t->field_labels[f]);
		if (t->field_labels_nl)
			anker_dealloc(ctx, t->field_labels_nl[f]);
	}
	anker_dealloc(ctx, t->fields);
	anker_dealloc(ctx, t->field_names);
	anker_dealloc(ctx, t->field_labels);
	anker_dealloc(ctx, t->field_labels_nl);
	for (size_t i = 0; t->rules && i < t->n_rules; i++) {
		anker_dealloc(ctx, t->rules[i].id);
		if (t->rules[i].when) {
			free_cond(ctx, t->rules[i].when);
			anker_dealloc(ctx, t->rules[i].when);
		}
		anker_dealloc(ctx, t->rules[i].advice);
	}
	anker_dealloc(ctx, t->rules);
	anker_bands_free(ctx, &t->rule_levels);
	anker_dealloc(ctx, t->outputs);
	anker_dealloc(ctx, t->contributions);
	anker_dealloc(ctx, t);
}
