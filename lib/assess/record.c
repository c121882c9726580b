/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The assessment record (docs/assessment.md, "Records"), built as a jansson
 * object and written in canonical form (canonical.c). The record's "sha256"
 * is the SHA-256 of that form of the record without the "sha256" member.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../kinds/rules.h"
#include "assess-private.h"
#include "instrument-wwb.h"

int anker_record_hash(const struct anker_ctx *ctx, json_t *record, char out[ANKER_SHA256_HEX_SIZE])
{
	json_t *copy = json_copy(record);
	if (!copy)
		return ANKER_E_NO_MEMORY;
	json_object_del(copy, "sha256");
	char *text = anker_canonical_json(copy, ctx->c_locale);
	json_decref(copy);
	if (!text)
		return ANKER_E_NO_MEMORY;
	anker_sha256_hex(text, strlen(text), out);
	free(text);
	return 0;
}

/* Add @p value (taking the reference) under @p key; false when out of memory. */
static bool put(json_t *obj, const char *key, json_t *value)
{
	return value && json_object_set_new(obj, key, value) == 0;
}

/*
 * JSON has no NaN or infinity: an undefined output (NaN) and an infinite one
 * (a duration model's median_months beyond its last month) are null, as in
 * `anker score --format json`.
 */
static json_t *number_or_null(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

static json_t *text_pair(const char *en, const char *nl)
{
	json_t *t = json_object();
	if (t && (!put(t, "en", json_string(en)) || !put(t, "nl", json_string(nl ? nl : en)))) {
		json_decref(t);
		return NULL;
	}
	return t;
}

static json_t *pin(const struct anker_model *m)
{
	json_t *o = json_object();
	if (o &&
	    (!put(o, "id", json_string(m->id)) || !put(o, "version", json_string(m->version)) ||
	     !put(o, "sha256", json_string(m->sha256)))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *inputs(const struct anker_assessment *a)
{
	json_t *o = json_object();
	for (size_t i = 0; o && i < a->n_inputs; i++) {
		const struct a_input *in = &a->inputs[i];
		json_t *v = in->type == ANKER_VALUE_NUMBER    ? json_real(in->number)
			    : in->type == ANKER_VALUE_BOOLEAN ? json_boolean(in->number != 0.0)
			    : in->type == ANKER_VALUE_LEVEL   ? json_string(in->level)
							      : json_null();
		if (!put(o, in->name, v)) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

/* A result's outputs by name: numbers, level names, or null when undefined. */
static json_t *outputs(const struct anker_result *res)
{
	const struct anker_model *m = anker_result_get_model(res);
	json_t *o = json_object();
	size_t n = anker_model_get_output_count(m);
	for (size_t k = 0; o && k < n; k++) {
		json_t *v;
		if (anker_model_get_output_type(m, k) == ANKER_OUTPUT_LEVEL) {
			int level = anker_result_get_level(res, k);
			v = level < 0 ? json_null()
				      : json_string(
					    anker_model_get_output_level_name(m, k, (size_t)level));
		} else {
			v = number_or_null(anker_result_get_number(res, k));
		}
		if (!put(o, anker_model_get_output_name(m, k), v)) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

/* Per contribution: its name, value (null for NaN) and detail text. */
static json_t *explanation(const struct anker_result *res)
{
	const struct anker_model *m = anker_result_get_model(res);
	json_t *array = json_array();
	size_t n = anker_result_get_contribution_count(res);
	for (size_t i = 0; array && i < n; i++) {
		json_t *e = json_object();
		const char *detail = anker_result_get_contribution_detail(res, i);
		if (!e || !put(e, "name", json_string(anker_model_get_contribution_name(m, i))) ||
		    !put(e, "value", number_or_null(anker_result_get_contribution(res, i))) ||
		    !put(e, "detail", json_string(detail ? detail : "")) ||
		    json_array_append_new(array, e) < 0) {
			json_decref(e);
			json_decref(array);
			return NULL;
		}
	}
	return array;
}

static json_t *instrument(const struct anker_assessment *a, size_t i)
{
	const struct p_instrument *ins = &a->profile->instruments[i];
	json_t *o = pin(ins->model);
	if (o && (!put(o, "alias", json_string(ins->alias)) ||
		  !put(o, "outputs", outputs(a->results[i])) ||
		  !put(o, "explanation", explanation(a->results[i])))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* Advice field values (levels per field) as an object. */
static json_t *field_values(const struct anker_rules *t, const int32_t *levels)
{
	json_t *o = json_object();
	for (size_t f = 0; o && f < t->n_fields; f++) {
		if (!put(o, t->field_names[f], json_string(t->fields[f].items[levels[f]].name))) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

static json_t *advice(const struct anker_assessment *a, int32_t *advised)
{
	const struct anker_model *rules = a->profile->rules;
	const struct anker_rules *t = rules->payload;
	for (size_t f = 0; f < t->n_fields; f++)
		advised[f] = anker_result_get_level(a->advice, f);
	size_t fired = (size_t)anker_result_get_level(a->advice, t->n_fields);
	const struct anker_band *rule = &t->rule_levels.items[fired];
	json_t *o = json_object();
	if (o && (!put(o, "table", pin(rules)) || !put(o, "values", field_values(t, advised)) ||
		  !put(o, "rule", json_string(rule->name)) ||
		  !put(o, "reason", text_pair(rule->label, rule->label_nl)) ||
		  !put(o, "explanation", explanation(a->advice)))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *decision(const struct anker_assessment *a, const int32_t *advised)
{
	if (!a->decided)
		return json_null();
	const struct anker_rules *t = a->profile->rules->payload;
	bool agrees = memcmp(advised, a->decided_levels, t->n_fields * sizeof(int32_t)) == 0;
	json_t *o = json_object(), *actor = json_object(), *reason = json_null();
	if (a->reason_code || a->reason_text) {
		reason = json_object();
		if (reason && (!put(reason, "code",
				    a->reason_code ? json_string(a->reason_code) : json_null()) ||
			       !put(reason, "text",
				    a->reason_text ? json_string(a->reason_text) : json_null()))) {
			json_decref(reason);
			reason = NULL;
		}
	}
	if (!o || !actor || !put(actor, "id", json_string(a->actor_id)) ||
	    !put(actor, "role", json_string(a->actor_role)) || !put(o, "actor", actor) ||
	    !put(o, "values", field_values(t, a->decided_levels)) ||
	    !put(o, "agrees", json_boolean(agrees)) || !put(o, "time", json_string(a->time)) ||
	    !put(o, "reason", reason)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int anker_record_build(const struct anker_assessment *a, const char *library, bool with_hash,
		       json_t **ret, struct anker_error *err)
{
	const struct anker_profile *p = a->profile;
	const struct anker_rules *t = p->rules->payload;
	int32_t advised[33]; /* MAX_FIELDS + 1 of rules-load.c */
	json_t *record = json_object(), *profile = json_object(), *list = json_array();
	bool ok = record && profile && list && put(profile, "id", json_string(p->id)) &&
		  put(profile, "version", json_string(p->version)) &&
		  put(profile, "sha256", json_string(p->sha256));
	ok = ok && put(record, "format", json_string(ANKER_RECORD_FORMAT)) &&
	     put(record, "format_version", json_integer(1)) &&
	     put(record, "library", json_string(library)) && put(record, "profile", profile);
	profile = NULL;
	for (size_t i = 0; ok && i < p->n_instruments; i++)
		ok = json_array_append_new(list, instrument(a, i)) == 0;
	ok = ok && put(record, "instruments", list);
	list = NULL;
	if (ok && p->wwb)
		ok = put(record, "wwb", wwb_instrument_record(p->wwb, a->wwb));
	ok = ok && t->n_fields < 33 && put(record, "inputs", inputs(a)) &&
	     put(record, "advice", advice(a, advised)) &&
	     put(record, "decision", decision(a, advised));
	if (ok && a->case_id)
		ok = put(record, "case_id", json_string(a->case_id));
	if (ok && a->previous[0])
		ok = put(record, "previous", json_string(a->previous));
	char sha[ANKER_SHA256_HEX_SIZE];
	if (ok && with_hash)
		ok = anker_record_hash(a->ctx, record, sha) == 0 &&
		     put(record, "sha256", json_string(sha));
	json_decref(profile);
	json_decref(list);
	if (!ok) {
		json_decref(record);
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	}
	*ret = record;
	return 0;
}

/*
 * The record's canonical text, malloc'ed: the text without "sha256", hashed,
 * and the hash appended as the last member, which is where sorting puts it
 * (no other top-level key sorts after "sha256"), so that the record is
 * written once rather than twice.
 */
static int record_text(const struct anker_assessment *a, char **ret, struct anker_error *err)
{
	json_t *record = NULL;
	int r = anker_record_build(a, anker_version_string(), false, &record, err);
	if (r < 0)
		return r;
	char *text = anker_canonical_json(record, a->ctx->c_locale);
	json_decref(record);
	size_t len = text ? strlen(text) : 0;
	static const char key[] = ",\"sha256\":\"";
	char *whole = text ? realloc(text, len + sizeof(key) + ANKER_SHA256_HEX_SIZE + 2) : NULL;
	if (!whole) {
		free(text);
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	}
	char sha[ANKER_SHA256_HEX_SIZE];
	anker_sha256_hex(whole, len, sha);
	/* replace the closing brace */
	snprintf(whole + len - 1, sizeof(key) + ANKER_SHA256_HEX_SIZE + 3, "%s%s\"}", key, sha);
	*ret = whole;
	return 0;
}

ANKER_EXPORT int anker_assessment_write_record(const struct anker_assessment *a, char *buf,
					       size_t cap, size_t *ret_len, struct anker_error *err)
{
	if (!a || !ret_len || (!buf && cap))
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_assessment_write_record: a and ret_len are required");
	char *text = NULL;
	int r = record_text(a, &text, err);
	if (r < 0)
		return r;
	size_t len = strlen(text);
	*ret_len = len;
	if (cap < len + 1) {
		free(text);
		return anker_fail(err, ANKER_E_TOO_LARGE, ANKER_WHERE_NONE,
				  "the record needs %zu bytes and a NUL; the buffer has %zu", len,
				  cap);
	}
	memcpy(buf, text, len + 1);
	free(text);
	anker_error_clear(err);
	return 0;
}

ANKER_EXPORT int anker_assessment_write_record_file(const struct anker_assessment *a,
						    const char *path, int append,
						    struct anker_error *err)
{
	if (!a || !path)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_assessment_write_record_file: a and path are required");
	char *text = NULL;
	int r = record_text(a, &text, err);
	if (r < 0)
		return r;
	FILE *f = fopen(path, append ? "ae" : "we");
	struct anker_where where = ANKER_WHERE_NONE;
	where.file = path;
	if (!f) {
		r = anker_fail(err, ANKER_E_IO, where, "cannot open: %s", strerror(errno));
	} else {
		bool ok = fputs(text, f) >= 0 && fputc('\n', f) != EOF;
		ok = fclose(f) == 0 && ok;
		if (!ok)
			r = anker_fail(err, ANKER_E_IO, where, "cannot write");
	}
	free(text);
	if (r == 0)
		anker_error_clear(err);
	return r;
}

ANKER_EXPORT int anker_assessment_get_record_sha256(const struct anker_assessment *a, char out[65])
{
	if (!a || !out)
		return ANKER_E_INVALID_ARGUMENT;
	json_t *record = NULL;
	int r = anker_record_build(a, anker_version_string(), false, &record, NULL);
	if (r == 0)
		r = anker_record_hash(a->ctx, record, out);
	json_decref(record);
	return r;
}
