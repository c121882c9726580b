/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Assessment profiles (docs/assessment.md, "Profiles"): the file, and the
 * checks that tie its instruments and rule table together. A profile pins
 * every file it names by id, version and SHA-256, so that a record names
 * exactly what produced it; a file that does not match its pin is an error
 * naming both files.
 */
#include <string.h>

#include "../kinds/rules.h"
#include "../model/load-private.h"
#include "assess-private.h"
#include "chain.h"
#include "instrument-wwb.h"

#define FORMAT_VERSION	1
#define MAX_INSTRUMENTS 32
#define MAX_REASONS	64
#define MAX_PATH	ANKER_PROFILE_MAX_PATH

int anker_assess_fail(struct anker_error *err, int code, const char *field, const char *fmt, ...)
{
	struct anker_where where = ANKER_WHERE_NONE;
	where.field = field;
	va_list ap;
	va_start(ap, fmt);
	anker_failv(err, code, where, fmt, ap);
	va_end(ap);
	return code;
}

bool anker_assess_strdup(struct anker_ctx *ctx, const char *s, char **ret)
{
	*ret = NULL;
	if (!s)
		return true;
	size_t n = strlen(s) + 1;
	*ret = anker_alloc(ctx, n);
	if (*ret)
		memcpy(*ret, s, n);
	return *ret != NULL;
}

static void profile_destroy(struct anker_profile *p)
{
	struct anker_ctx *ctx = p->ctx;
	anker_record_plan_free(p);
	anker_dealloc(ctx, p->file_name);
	anker_dealloc(ctx, p->id);
	anker_dealloc(ctx, p->name);
	anker_dealloc(ctx, p->version);
	for (size_t i = 0; p->instruments && i < p->n_instruments; i++) {
		anker_dealloc(ctx, p->instruments[i].alias);
		anker_dealloc(ctx, p->instruments[i].file);
		anker_model_unref(p->instruments[i].model);
	}
	anker_dealloc(ctx, p->instruments);
	anker_dealloc(ctx, p->rules_file);
	anker_model_unref(p->rules);
	anker_dealloc(ctx, p->sources);
	for (size_t i = 0; p->reasons && i < p->n_reasons; i++) {
		anker_dealloc(ctx, p->reasons[i].code);
		anker_dealloc(ctx, p->reasons[i].label_en);
		anker_dealloc(ctx, p->reasons[i].label_nl);
	}
	anker_dealloc(ctx, p->reasons);
	anker_chain_free(p);
	wwb_instrument_free(ctx, p->wwb);
	anker_dealloc(ctx, p);
	anker_ctx_unref(ctx); /* last: the context may go with it */
}

int anker_profile_resolve_path(struct jr *jr, const char *base, const char *file, char *out)
{
	const char *slash = strrchr(base, '/');
	size_t dir = file[0] == '/' || !slash ? 0 : (size_t)(slash - base) + 1;
	if (dir + strlen(file) + 1 > MAX_PATH)
		return jr_fail_at(jr, "file", ANKER_E_TOO_LARGE, "path longer than %d bytes",
				  MAX_PATH);
	memcpy(out, base, dir);
	strcpy(out + dir, file);
	return 0;
}

/*
 * {"file", "id", "version", "sha256"} at the current path: load the model and
 * check it against the pin. The model's own errors name its file; a pin that
 * does not match names both.
 */
static int load_pinned(struct jr *jr, json_t *obj, const char *profile_path,
		       const char *const *more_keys, char **ret_file, struct anker_model **ret)
{
	static const char *const keys[] = {"file", "id", "version", "sha256", NULL};
	const char *file = NULL, *id = NULL, *version = NULL, *sha = NULL;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, more_keys);
	if (r == 0)
		r = jr_string(jr, obj, "file", true, &file);
	if (r == 0)
		r = jr_string(jr, obj, "id", true, &id);
	if (r == 0)
		r = jr_string(jr, obj, "version", true, &version);
	if (r == 0)
		r = jr_string(jr, obj, "sha256", true, &sha);
	if (r == 0 && (strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64))
		r = jr_fail_at(jr, "sha256", ANKER_E_BAD_VALUE, "64 lowercase hex digits");
	if (r == 0)
		r = jr_strdup(jr, file, ret_file);
	char path[MAX_PATH];
	if (r == 0)
		r = anker_profile_resolve_path(jr, profile_path, file, path);
	if (r < 0)
		return r;
	r = anker_model_load_file(jr->ctx, path, jr->err, ret);
	if (r < 0)
		return r;
	const struct anker_model *m = *ret;
	if (strcmp(m->sha256, sha) != 0)
		return jr_fail_at(jr, "sha256", ANKER_E_HASH_MISMATCH,
				  "%s has SHA-256 %s, but %s pins %s", file, m->sha256, jr->file,
				  sha);
	if (strcmp(m->id, id) != 0)
		return jr_fail_at(jr, "id", ANKER_E_HASH_MISMATCH,
				  "%s has id \"%s\", but %s pins \"%s\"", file, m->id, jr->file,
				  id);
	if (strcmp(m->version, version) != 0)
		return jr_fail_at(jr, "version", ANKER_E_HASH_MISMATCH,
				  "%s has version \"%s\", but %s pins \"%s\"", file, m->version,
				  jr->file, version);
	return 0;
}

static int load_instruments(struct jr *jr, json_t *root, const char *path, struct anker_profile *p)
{
	static const char *const more[] = {"alias", "inputs", NULL};
	json_t *array = NULL;
	int r = jr_array(jr, root, "instruments", true, 1, MAX_INSTRUMENTS, &array);
	if (r < 0)
		return r;
	size_t n = json_array_size(array);
	p->instruments = anker_alloc_zeroed(jr->ctx, n, sizeof(*p->instruments));
	if (!p->instruments)
		return jr_fail_no_memory(jr);
	p->n_instruments = n;
	struct jr_mark mark = jr_push_key(jr, "instruments");
	for (size_t i = 0; r == 0 && i < n; i++) {
		struct jr_mark at = jr_push_index(jr, i);
		json_t *obj = json_array_get(array, i);
		struct p_instrument *ins = &p->instruments[i];
		const char *alias = NULL;
		r = jr_check_object(jr, obj);
		if (r == 0)
			r = jr_identifier(jr, obj, "alias", true, &alias);
		for (size_t j = 0; r == 0 && j < i; j++)
			if (strcmp(p->instruments[j].alias, alias) == 0)
				r = jr_fail_at(jr, "alias", ANKER_E_DUPLICATE,
					       "alias \"%s\" appears twice", alias);
		if (r == 0)
			r = jr_strdup(jr, alias, &ins->alias);
		if (r == 0)
			r = load_pinned(jr, obj, path, more, &ins->file, &ins->model);
		if (r == 0 && ins->model->kind->value == ANKER_MODEL_RULES)
			r = jr_fail_at(
			    jr, "file", ANKER_E_BAD_VALUE,
			    "a rule table is the profile's \"rules\", not an instrument");
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	return r;
}

static int load_reasons(struct jr *jr, json_t *root, struct anker_profile *p)
{
	static const char *const keys[] = {"code", "label", NULL};
	static const char *const text_keys[] = {"nl", "en", NULL};
	json_t *array = NULL;
	int r = jr_array(jr, root, "reasons", true, 1, MAX_REASONS, &array);
	if (r < 0)
		return r;
	size_t n = json_array_size(array);
	p->reasons = anker_alloc_zeroed(jr->ctx, n, sizeof(*p->reasons));
	if (!p->reasons)
		return jr_fail_no_memory(jr);
	p->n_reasons = n;
	struct jr_mark mark = jr_push_key(jr, "reasons");
	for (size_t i = 0; r == 0 && i < n; i++) {
		struct jr_mark at = jr_push_index(jr, i);
		json_t *obj = json_array_get(array, i), *label = NULL;
		const char *code = NULL, *nl = NULL, *en = NULL;
		r = jr_check_object(jr, obj);
		if (r == 0)
			r = jr_check_keys(jr, obj, keys, NULL);
		if (r == 0)
			r = jr_identifier(jr, obj, "code", true, &code);
		for (size_t j = 0; r == 0 && j < i; j++)
			if (strcmp(p->reasons[j].code, code) == 0)
				r = jr_fail_at(jr, "code", ANKER_E_DUPLICATE,
					       "reason code \"%s\" appears twice", code);
		if (r == 0)
			r = jr_object(jr, obj, "label", true, &label);
		if (r == 0) {
			struct jr_mark l = jr_push_key(jr, "label");
			r = jr_check_keys(jr, label, text_keys, NULL);
			if (r == 0)
				r = jr_string(jr, label, "nl", true, &nl);
			if (r == 0)
				r = jr_string(jr, label, "en", true, &en);
			jr_pop(jr, l);
		}
		if (r == 0)
			r = jr_strdup(jr, code, &p->reasons[i].code);
		if (r == 0)
			r = jr_strdup(jr, nl, &p->reasons[i].label_nl);
		if (r == 0)
			r = jr_strdup(jr, en, &p->reasons[i].label_en);
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	return r;
}

/* Do a level output's levels equal a rule-table input's, in order? */
static bool same_levels(const struct anker_output *out, const struct anker_variable *var)
{
	if (out->levels->count != var->n_levels)
		return false;
	for (size_t i = 0; i < var->n_levels; i++)
		if (strcmp(out->levels->items[i].name, var->levels[i]) != 0)
			return false;
	return true;
}

/* A rule-table input the WWB-toets supplies: one of its outputs, of the same type and levels. */
static int link_wwb_input(struct jr *jr, struct anker_profile *p, const struct anker_variable *var,
			  const char *output, struct p_source *ret)
{
	bool level = false;
	const char *const *levels = NULL;
	size_t n_levels = 0;
	int o = wwb_instrument_find_output(p->wwb, output, &level, &levels, &n_levels);
	if (o < 0)
		return jr_fail_at(jr, "file", ANKER_E_REFERENCE,
				  "rule-table input \"%s\": the WWB-toets has no output \"%s\"",
				  var->name, output);
	bool same = level == (var->kind == ANKER_VARIABLE_CATEGORICAL) &&
		    (!level || var->n_levels == n_levels);
	for (size_t i = 0; same && level && i < n_levels; i++)
		same = strcmp(var->levels[i], levels[i]) == 0;
	if (!same)
		return jr_fail_at(jr, "file", ANKER_E_REFERENCE,
				  "rule-table input \"%s\" declares another type or other levels "
				  "than the WWB-toets's output",
				  var->name);
	*ret = (struct p_source){P_SOURCE_WWB, (size_t)o};
	return 0;
}

/* Each rule-table input "<ALIAS>.<output>": an instrument's output of the same type and levels. */
static int link_inputs(struct jr *jr, struct anker_profile *p)
{
	const struct anker_linear *in = p->rules->linear;
	p->sources = anker_alloc_zeroed(jr->ctx, in->n_variables, sizeof(*p->sources));
	if (!p->sources)
		return jr_fail_no_memory(jr);
	struct jr_mark mark = jr_push_key(jr, "rules");
	int r = 0;
	for (size_t k = 0; r == 0 && k < in->n_variables; k++) {
		const struct anker_variable *var = &in->variables[k];
		const char *dot = strchr(var->name, '.');
		size_t alias_len = (size_t)(dot - var->name);
		if (wwb_instrument_owns(p->wwb, var->name)) {
			r = link_wwb_input(jr, p, var, dot + 1, &p->sources[k]);
			continue;
		}
		size_t i = 0;
		while (i < p->n_instruments &&
		       !(strlen(p->instruments[i].alias) == alias_len &&
			 memcmp(p->instruments[i].alias, var->name, alias_len) == 0))
			i++;
		if (i == p->n_instruments) {
			r = jr_fail_at(jr, "file", ANKER_E_REFERENCE,
				       "rule-table input \"%s\": the profile has no instrument "
				       "with alias \"%.*s\"",
				       var->name, (int)alias_len, var->name);
			break;
		}
		const struct anker_model *m = p->instruments[i].model;
		int o = anker_model_find_output(m, dot + 1);
		if (o < 0) {
			r = jr_fail_at(
			    jr, "file", ANKER_E_REFERENCE,
			    "rule-table input \"%s\": instrument %s (%s) has no output \"%s\"",
			    var->name, p->instruments[i].alias, m->id, dot + 1);
			break;
		}
		size_t n_out = 0;
		const struct anker_output *out = &anker_model_outputs(m, &n_out)[o];
		bool level = var->kind == ANKER_VARIABLE_CATEGORICAL;
		if (level != (out->type == ANKER_OUTPUT_LEVEL))
			r = jr_fail_at(
			    jr, "file", ANKER_E_REFERENCE,
			    "rule-table input \"%s\" is a %s, but the instrument's output is a %s",
			    var->name, level ? "level" : "number", level ? "number" : "level");
		else if (level && !same_levels(out, var))
			r = jr_fail_at(jr, "file", ANKER_E_REFERENCE,
				       "rule-table input \"%s\" declares other levels than the "
				       "instrument's output",
				       var->name);
		p->sources[k] = (struct p_source){i, (size_t)o};
	}
	jr_pop(jr, mark);
	return r;
}

static int load_root(struct jr *jr, json_t *root, const char *path, struct anker_profile *p)
{
	static const char *const keys[] = {"format", "format_version", "id",	"name",
					   "version", "instruments",	"rules", "reasons",
					   "followup", "wwb",		NULL};
	static const char *const no_more[] = {NULL};
	if (!json_is_object(root))
		return jr_fail(jr, ANKER_E_WRONG_TYPE, "a profile is a JSON object");
	const char *id = NULL, *name = NULL, *version = NULL;
	json_t *rules = NULL;
	int r = jr_format(jr, root, ANKER_PROFILE_FORMAT, FORMAT_VERSION);
	if (r == 0)
		r = jr_check_keys(jr, root, keys, NULL);
	if (r == 0)
		r = jr_identifier(jr, root, "id", true, &id);
	if (r == 0)
		r = jr_string(jr, root, "name", true, &name);
	if (r == 0)
		r = jr_string(jr, root, "version", true, &version);
	if (r == 0)
		r = jr_strdup(jr, id, &p->id);
	if (r == 0)
		r = jr_strdup(jr, name, &p->name);
	if (r == 0)
		r = jr_strdup(jr, version, &p->version);
	if (r == 0)
		r = load_instruments(jr, root, path, p);
	if (r == 0)
		r = wwb_instrument_load(jr, root, path, p);
	if (r == 0)
		r = jr_object(jr, root, "rules", true, &rules);
	if (r == 0) {
		struct jr_mark mark = jr_push_key(jr, "rules");
		r = load_pinned(jr, rules, path, no_more, &p->rules_file, &p->rules);
		if (r == 0 && p->rules->kind->value != ANKER_MODEL_RULES)
			r = jr_fail_at(jr, "file", ANKER_E_BAD_VALUE,
				       "%s is a model of kind \"%s\", not a rule table",
				       p->rules_file, p->rules->kind->name);
		jr_pop(jr, mark);
	}
	if (r == 0)
		r = link_inputs(jr, p);
	if (r == 0)
		r = load_reasons(jr, root, p);
	if (r == 0)
		r = anker_chain_load(jr, root, p);
	if (r == 0) {
		const char *slash = strrchr(path, '/');
		r = jr_strdup(jr, slash ? slash + 1 : path, &p->file_name);
	}
	if (r == 0)
		r = anker_record_plan(jr, p);
	return r;
}

ANKER_EXPORT int anker_profile_load_file(struct anker_ctx *ctx, const char *path,
					 struct anker_error *err, struct anker_profile **ret)
{
	if (!ctx || !path || !ret)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_profile_load_file: ctx, path and ret are required");
	struct anker_profile *p = anker_alloc_zeroed(ctx, 1, sizeof(*p));
	if (!p)
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	atomic_init(&p->refcount, 1);
	p->ctx = anker_ctx_ref(ctx);
	json_t *root = NULL;
	int r = anker_load_json_file(ctx, path, err, &root, p->sha256);
	if (r == 0) {
		struct jr jr;
		jr_init(&jr, ctx, err, path);
		r = load_root(&jr, root, path, p);
	}
	json_decref(root);
	if (r < 0) {
		profile_destroy(p);
		return r;
	}
	*ret = p;
	anker_error_clear(err);
	return 0;
}

ANKER_EXPORT struct anker_profile *anker_profile_ref(struct anker_profile *profile)
{
	if (profile)
		anker_refcount_inc(&profile->refcount);
	return profile;
}

ANKER_EXPORT struct anker_profile *anker_profile_unref(struct anker_profile *profile)
{
	if (profile && anker_refcount_dec(&profile->refcount))
		profile_destroy(profile);
	return NULL;
}

ANKER_EXPORT const char *anker_profile_get_id(const struct anker_profile *profile)
{
	return profile ? profile->id : NULL;
}

ANKER_EXPORT const char *anker_profile_get_version(const struct anker_profile *profile)
{
	return profile ? profile->version : NULL;
}

ANKER_EXPORT const char *anker_profile_get_sha256(const struct anker_profile *profile)
{
	return profile ? profile->sha256 : NULL;
}

ANKER_EXPORT size_t anker_profile_get_instrument_count(const struct anker_profile *profile)
{
	return profile ? profile->n_instruments : 0;
}

ANKER_EXPORT const char *anker_profile_get_instrument_alias(const struct anker_profile *profile,
							    size_t index)
{
	return profile && index < profile->n_instruments ? profile->instruments[index].alias : NULL;
}

ANKER_EXPORT const struct anker_model *
anker_profile_get_instrument(const struct anker_profile *profile, size_t index)
{
	return profile && index < profile->n_instruments ? profile->instruments[index].model : NULL;
}

ANKER_EXPORT const struct anker_model *anker_profile_get_rules(const struct anker_profile *profile)
{
	return profile ? profile->rules : NULL;
}

ANKER_EXPORT size_t anker_profile_get_reason_count(const struct anker_profile *profile)
{
	return profile ? profile->n_reasons : 0;
}

ANKER_EXPORT const char *anker_profile_get_reason_code(const struct anker_profile *profile,
						       size_t index)
{
	return profile && index < profile->n_reasons ? profile->reasons[index].code : NULL;
}

ANKER_EXPORT const char *anker_profile_get_reason_label(const struct anker_profile *profile,
							size_t index, const char *lang)
{
	if (!profile || index >= profile->n_reasons || !lang)
		return NULL;
	if (strcmp(lang, "nl") == 0)
		return profile->reasons[index].label_nl;
	if (strcmp(lang, "en") == 0)
		return profile->reasons[index].label_en;
	return NULL;
}
