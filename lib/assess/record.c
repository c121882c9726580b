/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The assessment record (docs/assessment.md, "Records"), written straight
 * into a buffer in canonical form (keys in sorted order, worked out once per
 * profile in record-plan.c; numbers as Python's repr()), so that it equals
 * Python's json.dumps(record, sort_keys=True, separators=(",", ":"),
 * ensure_ascii=False) byte for byte, with no JSON tree per record.
 *
 * Every top-level member but "digests" and "sha256" is a section; "digests"
 * holds the SHA-256 of each section's canonical text, and "sha256" is the
 * SHA-256 of the canonical text of "digests". A change to one section, one
 * digest or the top hash then shows as exactly that (verify.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <anker/werkverkenner.h>

#include "../kinds/rules.h"
#include "assess-private.h"
#include "chain.h"
#include "instrument-wwb.h"

#define MAX_SECTIONS 16

struct section {
	const char *key;
	size_t start, end; /* the value's text in the body */
};

struct writer {
	struct anker_text t;
	locale_t c_locale;
};

static void lit(struct writer *w, const char *s)
{
	anker_text_put(&w->t, s, strlen(s));
}

static void str(struct writer *w, const char *s)
{
	anker_text_put_string(&w->t, s, strlen(s));
}

/* "key": (keys are ASCII identifiers of the format, no escaping needed) */
static void key(struct writer *w, const char *k, bool first)
{
	if (!first)
		anker_text_put(&w->t, ",", 1);
	anker_text_put(&w->t, "\"", 1);
	lit(w, k);
	anker_text_put(&w->t, "\":", 2);
}

/* JSON has no NaN or infinity: an undefined or infinite output is null. */
static void number(struct writer *w, double x)
{
	if (isfinite(x))
		anker_text_put_double(&w->t, x, w->c_locale);
	else
		lit(w, "null");
}

/* Output @p k of @p res: a number, a level name, or null. */
static void output_value(struct writer *w, const struct anker_result *res, size_t k)
{
	const struct anker_model *m = anker_result_get_model(res);
	if (anker_model_get_output_type(m, k) == ANKER_OUTPUT_LEVEL) {
		int level = anker_result_get_level(res, k);
		if (level < 0)
			lit(w, "null");
		else
			str(w, anker_model_get_output_level_name(m, k, (size_t)level));
	} else {
		number(w, anker_result_get_number(res, k));
	}
}

/* Output @p output of the WWB-toets: a level name, a number, or null. */
static void wwb_value(struct writer *w, const struct anker_assessment *a, size_t output)
{
	double x;
	const char *level = wwb_instrument_get_output(a->wwb, output, &x);
	if (level)
		str(w, level);
	else
		number(w, x);
}

static void span(struct writer *w, const struct p_texts *x, struct p_span s)
{
	anker_text_put(&w->t, x->pool + s.at, s.len);
}

/* An instrument's member: its constant texts (record-texts.c) around the numbers. */
static void instrument(struct writer *w, const struct anker_assessment *a, size_t i)
{
	const struct p_instrument *ins = &a->profile->instruments[i];
	const struct p_texts *x = ins->texts;
	const struct anker_result *res = a->results[i];
	const struct anker_model *m = ins->model;
	span(w, x, x->head);
	size_t n = anker_model_get_contribution_count(m);
	for (size_t j = 0; j < n; j++) {
		span(w, x, x->contribution_keys[j]);
		number(w, anker_result_get_contribution(res, ins->contribution_order[j]));
	}
	span(w, x, x->mid);
	n = anker_model_get_output_count(m);
	for (size_t j = 0; j < n; j++) {
		size_t k = ins->output_order[j];
		span(w, x, x->output_keys[j]);
		if (anker_model_get_output_type(m, k) == ANKER_OUTPUT_LEVEL) {
			int level = anker_result_get_level(res, k);
			if (level < 0)
				lit(w, "null");
			else
				span(w, x, x->levels[x->level_at[k] + (size_t)level]);
		} else {
			number(w, anker_result_get_number(res, k));
		}
	}
	span(w, x, x->tail);
}

/* The band name of band @p band of @p m, or null. */
static void band_name(struct writer *w, const struct anker_model *m, int band)
{
	int o = anker_model_find_output(m, "band");
	if (band < 0 || o < 0)
		lit(w, "null");
	else
		str(w, anker_model_get_output_level_name(m, (size_t)o, (size_t)band));
}

/* The month-7 re-estimate next to the first estimate (chain.h), keys sorted. */
static void followup(struct writer *w, const struct anker_assessment *a,
		     const struct anker_followup *f)
{
	const struct anker_model *m = a->profile->instruments[f->instrument].model;
	key(w, "band", true);
	band_name(w, m, f->band);
	key(w, "band_drop", false);
	lit(w, f->band_drop ? "true" : "false");
	key(w, "chance", false);
	number(w, f->chance);
	key(w, "drop", false);
	number(w, f->drop);
	key(w, "drop_threshold", false);
	number(w, f->threshold);
	key(w, "first", false);
	lit(w, "{");
	key(w, "band", true);
	band_name(w, m, f->first_band);
	key(w, "chance", false);
	number(w, f->first_chance);
	lit(w, "}");
	key(w, "flag", false);
	lit(w, f->flag ? "true" : "false");
}

/* The WWB-toets' member: built as a tree (its reasoning lines are many and varied), written
 * canonically. */
static void wwb(struct writer *w, const struct anker_assessment *a)
{
	json_t *tree = wwb_instrument_record(a->profile->wwb, a->wwb);
	char *text = tree ? anker_canonical_json(tree, w->c_locale) : NULL;
	json_decref(tree);
	if (text)
		lit(w, text);
	else
		w->t.failed = true;
	free(text);
}

/* A constant text of the profile (record-texts.c), after a comma unless first. */
static void profile_text(struct writer *w, const struct anker_profile *p, struct p_span s,
			 bool first)
{
	if (!first)
		anker_text_put(&w->t, ",", 1);
	anker_text_put(&w->t, p->texts->pool + s.at, s.len);
}

static void inputs(struct writer *w, const struct anker_assessment *a)
{
	const struct anker_profile *p = a->profile;
	lit(w, "{");
	for (size_t i = 0; i < a->n_inputs; i++) {
		const struct a_input *in = &a->inputs[i];
		profile_text(w, p, p->texts->variable_keys[in->index], i == 0);
		if (in->type == ANKER_VALUE_NUMBER)
			number(w, in->number);
		else if (in->type == ANKER_VALUE_BOOLEAN)
			lit(w, in->number != 0.0 ? "true" : "false");
		else if (in->type == ANKER_VALUE_LEVEL)
			str(w, in->level);
		else
			lit(w, "null");
	}
	lit(w, "}");
}

static void field_values(struct writer *w, const struct anker_profile *p, const int32_t *levels)
{
	const struct anker_rules *t = p->rules->payload;
	lit(w, "{");
	for (size_t j = 0; j < t->n_fields; j++) {
		size_t f = p->field_order[j];
		profile_text(
		    w, p, p->texts->field_values[p->texts->field_level_at[f] + (size_t)levels[f]],
		    j == 0);
	}
	lit(w, "}");
}

/*
 * The advice and its explanation: the rules evaluated in order (the last is
 * the one that fired), the values of every rule-table input those rules read,
 * the advice fields. The prose (anker_result_get_contribution_detail()) is
 * reproducible from these and the table, so the record does not repeat it.
 */
static void advice(struct writer *w, const struct anker_assessment *a, int32_t *advised)
{
	const struct anker_profile *p = a->profile;
	const struct anker_rules *t = p->rules->payload;
	size_t nv = t->linear.n_variables;
	for (size_t f = 0; f < t->n_fields; f++)
		advised[f] = anker_result_get_level(a->advice, f);
	size_t fired = (size_t)anker_result_get_level(a->advice, t->n_fields);
	key(w, "evaluated", true);
	lit(w, "[");
	for (size_t r = 0; r <= fired; r++)
		profile_text(w, p, p->texts->rule_ids[r], r == 0);
	lit(w, "]");
	key(w, "read", false);
	lit(w, "{");
	bool first = true;
	for (size_t j = 0; j < nv; j++) {
		size_t k = p->input_order[j];
		bool read = false;
		for (size_t r = 0; !read && r <= fired; r++)
			read = p->rule_reads[r * nv + k];
		if (!read)
			continue;
		profile_text(w, p, p->texts->input_keys[k], first);
		first = false;
		if (p->sources[k].instrument == P_SOURCE_WWB)
			wwb_value(w, a, p->sources[k].output);
		else
			output_value(w, a->results[p->sources[k].instrument], p->sources[k].output);
	}
	lit(w, "}");
	key(w, "rule", false);
	profile_text(w, p, p->texts->rule_ids[fired], true);
	key(w, "table", false);
	lit(w, "{");
	profile_text(w, p, p->texts->table, true);
	lit(w, "}");
	key(w, "values", false);
	field_values(w, p, advised);
}

static void decision(struct writer *w, const struct anker_assessment *a, const int32_t *advised)
{
	if (!a->decided) {
		lit(w, "null");
		return;
	}
	const struct anker_rules *t = a->profile->rules->payload;
	bool agrees = memcmp(advised, a->decided_levels, t->n_fields * sizeof(int32_t)) == 0;
	key(w, "actor", true);
	lit(w, "{");
	key(w, "id", true);
	str(w, a->actor_id);
	key(w, "role", false);
	str(w, a->actor_role);
	lit(w, "}");
	key(w, "agrees", false);
	lit(w, agrees ? "true" : "false");
	key(w, "reason", false);
	if (a->reason_code || a->reason_text) {
		lit(w, "{");
		key(w, "code", true);
		if (a->reason_code)
			str(w, a->reason_code);
		else
			lit(w, "null");
		key(w, "text", false);
		if (a->reason_text)
			str(w, a->reason_text);
		else
			lit(w, "null");
		lit(w, "}");
	} else {
		lit(w, "null");
	}
	key(w, "time", false);
	str(w, a->time);
	key(w, "values", false);
	field_values(w, a->profile, a->decided_levels);
}

/* The sections' texts into w, in sorted order of their keys. */
static size_t sections(struct writer *w, const struct anker_assessment *a, const char *library,
		       struct section *s)
{
	const struct anker_profile *p = a->profile;
	int32_t advised[33]; /* MAX_FIELDS + 1 of rules-load.c */
	size_t n = 0;
#define SECTION(name, ...)                                                                         \
	do {                                                                                       \
		s[n].key = name;                                                                   \
		s[n].start = w->t.len;                                                             \
		__VA_ARGS__;                                                                       \
		s[n++].end = w->t.len;                                                             \
	} while (0)
	SECTION("advice", lit(w, "{"), advice(w, a, advised), lit(w, "}"));
	if (a->case_id)
		SECTION("case_id", str(w, a->case_id));
	SECTION("decision", if (a->decided) lit(w, "{"); decision(w, a, advised);
		if (a->decided) lit(w, "}"));
	struct anker_followup f;
	if (anker_assessment_get_followup(a, &f) == 0)
		SECTION("followup", lit(w, "{"); followup(w, a, &f); lit(w, "}"));
	SECTION("format", str(w, ANKER_RECORD_FORMAT));
	SECTION("format_version", lit(w, ANKER_RECORD_FORMAT_VERSION));
	SECTION("inputs", inputs(w, a));
	SECTION(
	    "instruments", lit(w, "["); for (size_t i = 0; i < p->n_instruments; i++) {
		    lit(w, i ? ",{" : "{");
		    instrument(w, a, i);
		    lit(w, "}");
	    } lit(w, "]"));
	SECTION("library", str(w, library));
	if (a->previous[0])
		SECTION("previous", str(w, a->previous));
	SECTION("profile", lit(w, "{"); key(w, "file", true); str(w, p->file_name);
		key(w, "id", false); str(w, p->id); key(w, "sha256", false); str(w, p->sha256);
		key(w, "version", false); str(w, p->version); lit(w, "}"));
	if (p->wwb)
		SECTION("wwb", wwb(w, a));
#undef SECTION
	return n;
}

int anker_record_append(const struct anker_assessment *a, const char *library,
			struct anker_text *dest, struct anker_error *err)
{
	if (a->failed)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "the assessment holds no case: anker_profile_reassess() failed");
	/* the sections are written into the assessment's scratch text, kept for the next record */
	struct anker_assessment *scratch = (struct anker_assessment *)a;
	struct writer body = {{scratch->scratch, 0, scratch->scratch_cap, false, false},
			      a->ctx->c_locale};
	struct writer out = {*dest, a->ctx->c_locale};
	struct section s[MAX_SECTIONS];
	size_t n = sections(&body, a, library, s);
	/* "digests": the SHA-256 of each section's text, keys in the same order */
	char digests[MAX_SECTIONS * (ANKER_SHA256_HEX_SIZE + 24) + 2];
	size_t dl = 0;
	digests[dl++] = '{';
	for (size_t i = 0; !body.t.failed && i < n; i++) {
		char hex[ANKER_SHA256_HEX_SIZE];
		anker_sha256_hex(body.t.buf + s[i].start, s[i].end - s[i].start, hex);
		size_t kl = strlen(s[i].key); /* "digests" holds at most MAX_SECTIONS of these */
		if (i)
			digests[dl++] = ',';
		digests[dl++] = '"';
		memcpy(digests + dl, s[i].key, kl);
		dl += kl;
		memcpy(digests + dl, "\":\"", 3);
		dl += 3;
		memcpy(digests + dl, hex, ANKER_SHA256_HEX_SIZE - 1);
		dl += ANKER_SHA256_HEX_SIZE - 1;
		digests[dl++] = '"';
	}
	digests[dl++] = '}';
	char top[ANKER_SHA256_HEX_SIZE];
	anker_sha256_hex(digests, dl, top);
	if (!out.t.fixed)
		anker_text_grow(&out.t, body.t.len + dl + 128);
	lit(&out, "{");
	bool digests_done = false;
	for (size_t i = 0; !body.t.failed && i < n; i++) {
		if (!digests_done && strcmp(s[i].key, "digests") > 0) {
			key(&out, "digests", i == 0);
			anker_text_put(&out.t, digests, dl);
			digests_done = true;
		}
		key(&out, s[i].key, i == 0 && !digests_done);
		anker_text_put(&out.t, body.t.buf + s[i].start, s[i].end - s[i].start);
	}
	key(&out, "sha256", false);
	str(&out, top);
	lit(&out, "}");
	bool failed = body.t.failed || out.t.failed;
	scratch->scratch = body.t.buf;
	scratch->scratch_cap = body.t.cap;
	*dest = out.t;
	if (failed)
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE,
				  dest->fixed ? "the buffer is too small" : "out of memory");
	return 0;
}

int anker_record_text(const struct anker_assessment *a, const char *library, char **ret,
		      size_t *ret_len, struct anker_error *err)
{
	struct anker_text out = {NULL, 0, 0, false, false};
	int r = anker_record_append(a, library, &out, err);
	if (r < 0) {
		free(out.buf);
		return r;
	}
	*ret = out.buf;
	*ret_len = out.len;
	return 0;
}

ANKER_EXPORT int anker_assessment_write_record(const struct anker_assessment *a, char *buf,
					       size_t cap, size_t *ret_len, struct anker_error *err)
{
	if (!a || !ret_len || (!buf && cap))
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_assessment_write_record: a and ret_len are required");
	/* straight into the caller's buffer when it fits (a caseload reuses one) */
	struct anker_text direct = {buf, 0, cap, false, true};
	if (cap > 0 && anker_record_append(a, anker_version_string(), &direct, NULL) == 0) {
		*ret_len = direct.len;
		anker_error_clear(err);
		return 0;
	}
	char *text = NULL;
	size_t len = 0;
	int r = anker_record_text(a, anker_version_string(), &text, &len, err);
	if (r < 0)
		return r;
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
	size_t len = 0;
	int r = anker_record_text(a, anker_version_string(), &text, &len, err);
	if (r < 0)
		return r;
	FILE *f = fopen(path, append ? "ae" : "we");
	struct anker_where where = ANKER_WHERE_NONE;
	where.file = path;
	if (!f) {
		r = anker_fail(err, ANKER_E_IO, where, "cannot open: %s", strerror(errno));
	} else {
		bool ok = fwrite(text, 1, len, f) == len && fputc('\n', f) != EOF;
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
	char *text = NULL;
	size_t len = 0;
	int r = anker_record_text(a, anker_version_string(), &text, &len, NULL);
	if (r < 0)
		return r;
	/* the text ends with "sha256":"<64 hex>"} */
	memcpy(out, text + len - 2 - 64, 64);
	out[64] = '\0';
	free(text);
	return 0;
}
