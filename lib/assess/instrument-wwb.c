/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The WWB-toets as an instrument of an assessment profile (instrument-wwb.h).
 * The norms files are pinned by SHA-256 like every other file a profile
 * names, so that a record names exactly the rules that produced its verdict.
 */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <anker/wwb.h>

#include "../core/date.h"
#include "../model/load-private.h"
#include "../model/score-private.h"
#include "assess-private.h"
#include "instrument-wwb.h"

#define MAX_NORMS_FILES 64
#define MAX_PATH	ANKER_PROFILE_MAX_PATH
#define MAX_FIELDS	64
#define NUMBER_TEXT	40

struct wwb_pin {
	char *file; /* as the profile names it */
	char sha256[ANKER_SHA256_HEX_SIZE];
};

struct p_wwb {
	char *alias;
	struct wwb_pin *pins;
	size_t n_pins;
	struct anker_wwb_norms *norms;
};

struct a_wwb {
	struct anker_wwb_result *result;
	bool has_months;
	int months_to_ww_end;
};

enum wwb_output {
	OUT_VERDICT,
	OUT_EXPECTED_BIJSTAND,
	OUT_NORM,
	OUT_ROUTE,
	OUT_EARLY_REPORT,
	OUT_LOAN,
	OUT_MONTHS_TO_WW_END,
	N_OUTPUTS
};

static const char *const verdict_levels[] = {"entitled", "not_entitled", "unknown"};
static const char *const route_levels[] = {"bijstand", "aio", "ioaw"};
static const char *const no_yes[] = {"no", "yes"};

static const struct {
	const char *name;
	const char *const *levels; /* NULL for a number */
	size_t n_levels;
} outputs[N_OUTPUTS] = {
    [OUT_VERDICT] = {"verdict", verdict_levels, 3},
    [OUT_EXPECTED_BIJSTAND] = {"expected_bijstand", NULL, 0},
    [OUT_NORM] = {"norm", NULL, 0},
    [OUT_ROUTE] = {"route", route_levels, 3},
    [OUT_EARLY_REPORT] = {"early_report", no_yes, 2},
    [OUT_LOAN] = {"loan", no_yes, 2},
    [OUT_MONTHS_TO_WW_END] = {"months_to_ww_end", NULL, 0},
};

/* The case value the instrument reads beside the household's fields. */
static const char assessment_date_field[] = "assessment_date";

void wwb_instrument_free(struct anker_ctx *ctx, struct p_wwb *w)
{
	if (!w)
		return;
	anker_dealloc(ctx, w->alias);
	for (size_t i = 0; w->pins && i < w->n_pins; i++)
		anker_dealloc(ctx, w->pins[i].file);
	anker_dealloc(ctx, w->pins);
	anker_wwb_norms_unref(w->norms);
	anker_dealloc(ctx, w);
}

/* {"file", "sha256"}: read the file, check its hash, and add it to the norms. */
static int load_pin(struct jr *jr, json_t *obj, const char *profile_path, struct p_wwb *w,
		    struct wwb_pin *pin)
{
	static const char *const keys[] = {"file", "sha256", NULL};
	const char *file = NULL, *sha = NULL;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_string(jr, obj, "file", true, &file);
	if (r == 0)
		r = jr_string(jr, obj, "sha256", true, &sha);
	if (r == 0 && (strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64))
		r = jr_fail_at(jr, "sha256", ANKER_E_BAD_VALUE, "64 lowercase hex digits");
	if (r == 0)
		r = jr_strdup(jr, file, &pin->file);
	if (r < 0)
		return r;
	char path[MAX_PATH];
	r = anker_profile_resolve_path(jr, profile_path, file, path);
	if (r < 0)
		return r;
	char *data = NULL;
	size_t size = 0;
	r = anker_read_path(jr->ctx, path, ANKER_WWB_MAX_BYTES, jr->err, &data, &size);
	if (r < 0)
		return r;
	anker_sha256_hex(data, size, pin->sha256);
	if (strcmp(pin->sha256, sha) != 0)
		r = jr_fail_at(jr, "sha256", ANKER_E_HASH_MISMATCH,
			       "%s has SHA-256 %s, but %s pins %s", file, pin->sha256, jr->file,
			       sha);
	if (r == 0)
		r = anker_wwb_norms_add_buffer(w->norms, data, size, path, jr->err);
	anker_dealloc(jr->ctx, data);
	return r;
}

static int load_wwb(struct jr *jr, json_t *obj, const char *profile_path, struct p_wwb *w)
{
	static const char *const keys[] = {"alias", "norms", NULL};
	const char *alias = NULL;
	json_t *list = NULL;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_identifier(jr, obj, "alias", true, &alias);
	if (r == 0)
		r = jr_strdup(jr, alias, &w->alias);
	if (r == 0)
		r = jr_array(jr, obj, "norms", true, 1, MAX_NORMS_FILES, &list);
	if (r == 0)
		r = anker_wwb_norms_new(jr->ctx, &w->norms) < 0 ? jr_fail_no_memory(jr) : 0;
	if (r < 0)
		return r;
	w->pins = anker_alloc_zeroed(jr->ctx, json_array_size(list), sizeof(*w->pins));
	if (!w->pins)
		return jr_fail_no_memory(jr);
	struct jr_mark mark = jr_push_key(jr, "norms");
	for (size_t i = 0; r == 0 && i < json_array_size(list); i++) {
		struct jr_mark at = jr_push_index(jr, i);
		w->n_pins++;
		r = load_pin(jr, json_array_get(list, i), profile_path, w, &w->pins[i]);
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	return r;
}

int wwb_instrument_load(struct jr *jr, json_t *root, const char *profile_path,
			struct anker_profile *p)
{
	json_t *obj = json_object_get(root, "wwb");
	if (!obj)
		return 0;
	p->wwb = anker_alloc_zeroed(jr->ctx, 1, sizeof(*p->wwb));
	if (!p->wwb)
		return jr_fail_no_memory(jr);
	struct jr_mark mark = jr_push_key(jr, "wwb");
	int r = load_wwb(jr, obj, profile_path, p->wwb);
	for (size_t i = 0; r == 0 && i < p->n_instruments; i++)
		if (strcmp(p->instruments[i].alias, p->wwb->alias) == 0)
			r = jr_fail_at(jr, "alias", ANKER_E_DUPLICATE,
				       "alias \"%s\" is also an instrument's", p->wwb->alias);
	jr_pop(jr, mark);
	return r;
}

/* The part of @p name after "<alias>.", or NULL when it is not the WWB-toets's. */
static const char *own_part(const struct p_wwb *w, const char *name)
{
	if (!w)
		return NULL;
	size_t n = strlen(w->alias);
	return strncmp(name, w->alias, n) == 0 && name[n] == '.' ? name + n + 1 : NULL;
}

bool wwb_instrument_owns(const struct p_wwb *w, const char *name)
{
	return own_part(w, name) != NULL;
}

int wwb_instrument_find_output(const struct p_wwb *w, const char *name, bool *ret_level,
			       const char *const **ret_levels, size_t *ret_n_levels)
{
	(void)w;
	for (int k = 0; k < N_OUTPUTS; k++)
		if (strcmp(outputs[k].name, name) == 0) {
			*ret_level = outputs[k].levels != NULL;
			*ret_levels = outputs[k].levels;
			*ret_n_levels = outputs[k].n_levels;
			return k;
		}
	return -1;
}

static bool is_household_field(const char *field)
{
	for (size_t i = 0; anker_wwb_household_field_name(i); i++)
		if (strcmp(anker_wwb_household_field_name(i), field) == 0)
			return true;
	return false;
}

char *wwb_instrument_case_fields(struct anker_ctx *ctx, const struct p_wwb *w, size_t *ret_count)
{
	size_t alias = strlen(w->alias), size = alias + 2 + sizeof(assessment_date_field), n = 1;
	for (size_t i = 0; anker_wwb_household_field_name(i); i++, n++)
		size += alias + 2 + strlen(anker_wwb_household_field_name(i));
	char *text = anker_alloc(ctx, size);
	if (!text)
		return NULL;
	size_t used = (size_t)snprintf(text, size, "%s.%s", w->alias, assessment_date_field) + 1;
	for (size_t i = 0; anker_wwb_household_field_name(i); i++)
		used += (size_t)snprintf(text + used, size - used, "%s.%s", w->alias,
					 anker_wwb_household_field_name(i)) +
			1;
	*ret_count = n;
	return text;
}

/* A case value as the flat field's text: numbers in the C locale, booleans as yes/no. */
static void value_text(const struct anker_ctx *ctx, const struct anker_case_value *v,
		       char buf[NUMBER_TEXT], const char **ret)
{
	if (v->type == ANKER_VALUE_LEVEL) {
		*ret = v->level;
	} else if (v->type == ANKER_VALUE_BOOLEAN) {
		*ret = v->number != 0.0 ? "yes" : "no";
	} else if (v->type == ANKER_VALUE_NUMBER) {
		locale_t old = uselocale(ctx->c_locale);
		snprintf(buf, NUMBER_TEXT, "%.17g", v->number);
		uselocale(old);
		*ret = buf;
	} else {
		*ret = ""; /* missing: an absent field */
	}
}

/* Whole months from the assessment date to the reference date (the day the WW ends). */
static int months_to_ww_end(const struct anker_case_value *v, const struct anker_wwb_result *res,
			    struct anker_error *err, struct a_wwb *out)
{
	if (!v || v->type == ANKER_VALUE_MISSING)
		return 0;
	struct anker_date from, to;
	if (v->type != ANKER_VALUE_LEVEL || !anker_date_parse(v->level, &from)) {
		struct anker_where where = ANKER_WHERE_NONE;
		where.field = v->name;
		return anker_fail(err, ANKER_E_BAD_VALUE, where,
				  "not a date YYYY-MM-DD that exists");
	}
	anker_date_parse(anker_wwb_result_get_reference_date(res), &to);
	out->has_months = true;
	out->months_to_ww_end = anker_date_months_between(from, to);
	return 0;
}

int wwb_instrument_assess(const struct p_wwb *w, const struct anker_case *c,
			  struct anker_error *err, struct a_wwb **ret)
{
	const char *names[MAX_FIELDS], *values[MAX_FIELDS];
	char numbers[MAX_FIELDS][NUMBER_TEXT];
	const struct anker_case_value *assessment_date = NULL;
	size_t n = 0;
	for (size_t i = 0; i < c->count; i++) {
		const char *field = own_part(w, c->values[i].name);
		if (!field)
			continue;
		if (strcmp(field, assessment_date_field) == 0) {
			assessment_date = &c->values[i];
		} else if (is_household_field(field) && n < MAX_FIELDS) {
			names[n] = field;
			value_text(c->ctx, &c->values[i], numbers[n], &values[n]);
			n++;
		}
	}
	struct a_wwb *out = anker_alloc_zeroed(c->ctx, 1, sizeof(*out));
	if (!out)
		return anker_assess_fail(err, ANKER_E_NO_MEMORY, NULL, "out of memory");
	struct anker_wwb_household *hh = NULL;
	int r = anker_wwb_household_from_fields(c->ctx, names, values, n, err, &hh);
	if (r == 0)
		r = anker_wwb_evaluate(w->norms, hh, NULL, err, &out->result);
	anker_wwb_household_free(hh);
	if (r == 0)
		r = months_to_ww_end(assessment_date, out->result, err, out);
	if (r < 0) {
		wwb_instrument_result_free(c->ctx, out);
		return r;
	}
	*ret = out;
	return 0;
}

void wwb_instrument_result_free(struct anker_ctx *ctx, struct a_wwb *res)
{
	if (!res)
		return;
	anker_wwb_result_free(res->result);
	anker_dealloc(ctx, res);
}

/* Output @p k: a level index (or -1), or a number (or NaN). */
static void output_value(const struct a_wwb *res, size_t k, int *level, double *number)
{
	const struct anker_wwb_result *r = res->result;
	unsigned int routes = anker_wwb_result_get_routes(r);
	long long cents = 0;
	*level = -1;
	*number = NAN;
	switch ((enum wwb_output)k) {
	case OUT_VERDICT: {
		int v = anker_wwb_result_get_verdict(r);
		*level = v == ANKER_WWB_PROBABLY_ENTITLED	? 0
			 : v == ANKER_WWB_PROBABLY_NOT_ENTITLED ? 1
								: 2;
		break;
	}
	case OUT_EXPECTED_BIJSTAND:
	case OUT_NORM:
		if (anker_wwb_result_get_amount(
			r, k == OUT_NORM ? ANKER_WWB_AMOUNT_NORM : ANKER_WWB_AMOUNT_BIJSTAND,
			&cents) == 0)
			*number = (double)cents / 100.0;
		break;
	case OUT_ROUTE:
		*level = routes & ANKER_WWB_ROUTE_AIO ? 1 : routes & ANKER_WWB_ROUTE_IOAW ? 2 : 0;
		break;
	case OUT_EARLY_REPORT:
		*level = (routes & ANKER_WWB_ROUTE_EARLY_REPORT) != 0;
		break;
	case OUT_LOAN:
		*level = anker_wwb_result_get_loan(r) == 1;
		break;
	case OUT_MONTHS_TO_WW_END:
		if (res->has_months)
			*number = res->months_to_ww_end;
		break;
	case N_OUTPUTS:
		break;
	}
}

int wwb_instrument_set_input(const struct p_wwb *w, const struct a_wwb *res, size_t output,
			     const char *name, struct anker_case *rc)
{
	(void)w;
	int level;
	double number;
	output_value(res, output, &level, &number);
	if (outputs[output].levels)
		return level < 0 ? anker_case_set_missing(rc, name)
				 : anker_case_set_level(rc, name, outputs[output].levels[level]);
	return isnan(number) ? anker_case_set_missing(rc, name)
			     : anker_case_set_number(rc, name, number);
}

const char *wwb_instrument_get_output(const struct a_wwb *res, size_t output, double *ret_number)
{
	int level;
	output_value(res, output, &level, ret_number);
	if (!outputs[output].levels)
		return NULL;
	*ret_number = NAN;
	return level < 0 ? NULL : outputs[output].levels[level];
}

static bool put(json_t *obj, const char *key, json_t *value)
{
	return value && json_object_set_new(obj, key, value) == 0;
}

static json_t *record_outputs(const struct a_wwb *res)
{
	json_t *o = json_object();
	for (size_t k = 0; o && k < N_OUTPUTS; k++) {
		int level;
		double number;
		output_value(res, k, &level, &number);
		json_t *v = outputs[k].levels
				? (level < 0 ? json_null() : json_string(outputs[k].levels[level]))
			    : isnan(number) ? json_null()
					    : json_real(number);
		if (!put(o, outputs[k].name, v)) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

static json_t *record_reasoning(const struct anker_wwb_result *r)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < anker_wwb_result_get_line_count(r); i++) {
		json_t *line =
		    json_pack("{s:s, s:s, s:s, s:s}", "code", anker_wwb_result_get_line_code(r, i),
			      "article", anker_wwb_result_get_line_article(r, i), "nl",
			      anker_wwb_result_get_line_text(r, i, ANKER_WWB_DUTCH), "en",
			      anker_wwb_result_get_line_text(r, i, ANKER_WWB_ENGLISH));
		if (!line || json_array_append_new(list, line) < 0) {
			json_decref(list);
			return NULL;
		}
	}
	return list;
}

static json_t *record_missing(const struct anker_wwb_result *r)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < anker_wwb_result_get_missing_count(r); i++)
		if (json_array_append_new(list, json_string(anker_wwb_result_get_missing(r, i))) <
		    0) {
			json_decref(list);
			return NULL;
		}
	return list;
}

static json_t *record_pins(const struct p_wwb *w)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < w->n_pins; i++) {
		json_t *pin =
		    json_pack("{s:s, s:s}", "file", w->pins[i].file, "sha256", w->pins[i].sha256);
		if (!pin || json_array_append_new(list, pin) < 0) {
			json_decref(list);
			return NULL;
		}
	}
	return list;
}

json_t *wwb_instrument_record(const struct p_wwb *w, const struct a_wwb *res)
{
	json_t *o = json_object();
	if (o && (!put(o, "alias", json_string(w->alias)) || !put(o, "norms", record_pins(w)) ||
		  !put(o, "outputs", record_outputs(res)) ||
		  !put(o, "reference_date",
		       json_string(anker_wwb_result_get_reference_date(res->result))) ||
		  !put(o, "norms_valid_from",
		       json_string(anker_wwb_result_get_norms_valid_from(res->result))) ||
		  !put(o, "reasoning", record_reasoning(res->result)) ||
		  !put(o, "missing", record_missing(res->result)))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

ANKER_EXPORT const char *anker_profile_get_wwb_alias(const struct anker_profile *profile)
{
	return profile && profile->wwb ? profile->wwb->alias : NULL;
}
