/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Override figures from assessment records (docs/evaluation.md, "Overrides").
 * Records are counted as they stand, not re-assessed: the reader checks only
 * what the counts depend on (format, profile id, advice, decision), so that a
 * malformed record is an error naming its line and field rather than a
 * silently wrong count. Distinct keys (advice combinations, rules, cells,
 * reasons) are few, so the tables are searched linearly.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <anker/assess.h>
#include <anker/overrides.h>

#include "../model/load-private.h"
#include "assess-private.h"

#include "overrides-private.h"

/* Where the current record's errors point. */
struct reader {
	struct anker_overrides *ov;
	struct anker_error *err;
	struct anker_where where;
};

static int fail(struct reader *r, int code, const char *field, const char *fmt, ...)
    ANKER_PRINTF(4, 5);
static int fail(struct reader *r, int code, const char *field, const char *fmt, ...)
{
	struct anker_where w = r->where;
	w.field = field;
	va_list ap;
	va_start(ap, fmt);
	int rc = anker_failv(r->err, code, w, fmt, ap);
	va_end(ap);
	return rc;
}

static void *table_add(struct anker_ctx *ctx, struct ov_table *t)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 8;
		void *rows = anker_realloc_array(ctx, t->rows, cap, t->size);
		if (!rows)
			return NULL;
		t->rows = rows;
		t->cap = cap;
	}
	void *row = (char *)t->rows + t->n++ * t->size;
	memset(row, 0, t->size);
	return row;
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static struct ov_row *row_of(struct anker_ctx *ctx, struct ov_table *t, const char *key)
{
	struct ov_row *rows = t->rows;
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(rows[i].key, key) == 0)
			return &rows[i];
	struct ov_row *row = table_add(ctx, t);
	if (row && !(row->key = anker_strdup(ctx, key))) {
		t->n--;
		return NULL;
	}
	return row;
}

/* The cell, added after the last one of the same field when new: cells are grouped by field. */
static struct ov_cell *cell_of(struct anker_ctx *ctx, struct ov_table *t, const char *field,
			       const char *advised, const char *decided)
{
	struct ov_cell *cells = t->rows;
	size_t at = t->n;
	for (size_t i = 0; i < t->n; i++) {
		if (strcmp(cells[i].field, field) != 0)
			continue;
		if (strcmp(cells[i].advised, advised) == 0 &&
		    strcmp(cells[i].decided, decided) == 0)
			return &cells[i];
		at = i + 1;
	}
	struct ov_cell c = {anker_strdup(ctx, field), anker_strdup(ctx, advised),
			    anker_strdup(ctx, decided), 0};
	if (!c.field || !c.advised || !c.decided || !table_add(ctx, t)) {
		anker_dealloc(ctx, c.field);
		anker_dealloc(ctx, c.advised);
		anker_dealloc(ctx, c.decided);
		return NULL;
	}
	cells = t->rows;
	memmove(&cells[at + 1], &cells[at], (t->n - 1 - at) * sizeof(*cells));
	cells[at] = c;
	return &cells[at];
}

static struct ov_reason *reason_of(struct anker_ctx *ctx, struct ov_table *t, const char *code)
{
	struct ov_reason *reasons = t->rows;
	for (size_t i = 0; i < t->n; i++)
		if (same(reasons[i].code, code))
			return &reasons[i];
	struct ov_reason *r = table_add(ctx, t);
	if (r && code && !(r->code = anker_strdup(ctx, code)))
		return NULL;
	return r;
}

/* A member of type @p type, or an error naming @p field. */
static int member(struct reader *r, json_t *obj, const char *key, const char *field, json_type type,
		  json_t **ret)
{
	json_t *v = json_object_get(obj, key);
	if (!v)
		return fail(r, ANKER_E_MISSING_KEY, field, "%s is missing", field);
	if (json_typeof(v) != type)
		return fail(r, ANKER_E_WRONG_TYPE, field, "%s has the wrong type", field);
	*ret = v;
	return 0;
}

/* An object of strings (advice or decision values). */
static int values(struct reader *r, json_t *obj, const char *field)
{
	const char *k;
	json_t *v;
	json_object_foreach(obj, k, v) if (!json_is_string(v)) return fail(
	    r, ANKER_E_WRONG_TYPE, field, "%s: every value must be a level name (a string)", field);
	if (json_object_size(obj) == 0)
		return fail(r, ANKER_E_BAD_VALUE, field, "%s is empty", field);
	return 0;
}

static int check_header(struct reader *r, json_t *rec)
{
	json_t *v = NULL, *profile = NULL, *id = NULL;
	int rc;
	if (!json_is_object(rec))
		return fail(r, ANKER_E_WRONG_TYPE, NULL, "a record must be a JSON object");
	if ((rc = member(r, rec, "format", "format", JSON_STRING, &v)) < 0)
		return rc;
	if (strcmp(json_string_value(v), "anker-record") != 0)
		return fail(r, ANKER_E_BAD_VALUE, "format", "format is '%s', not anker-record",
			    json_string_value(v));
	if ((rc = member(r, rec, "format_version", "format_version", JSON_INTEGER, &v)) < 0)
		return rc;
	if (json_integer_value(v) != 2)
		return fail(r, ANKER_E_UNSUPPORTED, "format_version",
			    "format_version %s is not supported (only 2)",
			    json_integer_value(v) == 1 ? "1" : "other than 2");
	if ((rc = member(r, rec, "profile", "profile", JSON_OBJECT, &profile)) < 0 ||
	    (rc = member(r, profile, "id", "profile.id", JSON_STRING, &id)) < 0)
		return rc;
	struct anker_overrides *ov = r->ov;
	if (!ov->profile_id) {
		if (!(ov->profile_id = anker_strdup(ov->ctx, json_string_value(id))))
			return fail(r, ANKER_E_NO_MEMORY, NULL, "out of memory");
	} else if (strcmp(ov->profile_id, json_string_value(id)) != 0) {
		return fail(r, ANKER_E_BAD_VALUE, "profile.id",
			    "records of several profiles (the first is %s): count them apart",
			    ov->profile_id);
	}
	return 0;
}

/* "field=value,field=value" of an advice's values, in the record's key order. */
static char *combination(struct anker_ctx *ctx, json_t *advised)
{
	size_t len = 1;
	const char *k;
	json_t *v;
	json_object_foreach(advised, k, v) len += strlen(k) + strlen(json_string_value(v)) + 2;
	char *key = anker_alloc(ctx, len), *p = key;
	if (!key)
		return NULL;
	json_object_foreach(advised, k, v) p +=
	    sprintf(p, "%s%s=%s", p == key ? "" : ",", k, json_string_value(v));
	*p = '\0';
	return key;
}

static int count_decision(struct reader *r, json_t *advised, json_t *decision, int *ret_overridden)
{
	json_t *decided = NULL, *agrees, *reason;
	int rc;
	if ((rc = member(r, decision, "values", "decision.values", JSON_OBJECT, &decided)) < 0 ||
	    (rc = values(r, decided, "decision.values")) < 0)
		return rc;
	if (!(agrees = json_object_get(decision, "agrees")))
		return fail(r, ANKER_E_MISSING_KEY, "decision.agrees", "%s is missing",
			    "decision.agrees");
	if (!json_is_boolean(agrees))
		return fail(r, ANKER_E_WRONG_TYPE, "decision.agrees", "%s has the wrong type",
			    "decision.agrees");
	if (json_object_size(decided) != json_object_size(advised))
		return fail(r, ANKER_E_BAD_VALUE, "decision.values",
			    "%s must give every advice field", "decision.values");
	int differs = 0;
	const char *k;
	json_t *v;
	json_object_foreach(advised, k, v)
	{
		json_t *d = json_object_get(decided, k);
		if (!d)
			return fail(r, ANKER_E_MISSING_KEY, "decision.values",
				    "decision.values has no field %s", k);
		if (!json_is_string(d))
			return fail(r, ANKER_E_WRONG_TYPE, "decision.values",
				    "decision.values: field %s must be a level name", k);
		differs |= strcmp(json_string_value(v), json_string_value(d)) != 0;
		struct ov_cell *c = cell_of(r->ov->ctx, &r->ov->cells, k, json_string_value(v),
					    json_string_value(d));
		if (!c)
			return fail(r, ANKER_E_NO_MEMORY, NULL, "out of memory");
		c->count++;
	}
	if (json_is_true(agrees) == differs)
		return fail(r, ANKER_E_BAD_VALUE, "decision.agrees",
			    "decision.agrees is %s, but the decision's values say otherwise",
			    json_is_true(agrees) ? "true" : "false");
	if (!(reason = json_object_get(decision, "reason")))
		return fail(r, ANKER_E_MISSING_KEY, "decision.reason", "%s is missing",
			    "decision.reason");
	if (!json_is_null(reason)) {
		json_t *code;
		if (!json_is_object(reason))
			return fail(r, ANKER_E_WRONG_TYPE, "decision.reason",
				    "%s must be null or an object", "decision.reason");
		if (!(code = json_object_get(reason, "code")))
			return fail(r, ANKER_E_MISSING_KEY, "decision.reason.code", "%s is missing",
				    "decision.reason.code");
		if (!json_is_null(code) && !json_is_string(code))
			return fail(r, ANKER_E_WRONG_TYPE, "decision.reason.code",
				    "%s must be null or a string", "decision.reason.code");
		struct ov_reason *rs =
		    reason_of(r->ov->ctx, &r->ov->reasons, json_string_value(code));
		if (!rs)
			return fail(r, ANKER_E_NO_MEMORY, NULL, "out of memory");
		rs->count++;
		rs->overridden += differs;
	}
	*ret_overridden = differs;
	return 0;
}

static int count_record(struct reader *r, json_t *rec)
{
	json_t *advice = NULL, *advised = NULL, *rule = NULL, *decision;
	int rc, overridden = 0;
	if ((rc = check_header(r, rec)) < 0 ||
	    (rc = member(r, rec, "advice", "advice", JSON_OBJECT, &advice)) < 0 ||
	    (rc = member(r, advice, "values", "advice.values", JSON_OBJECT, &advised)) < 0 ||
	    (rc = values(r, advised, "advice.values")) < 0 ||
	    (rc = member(r, advice, "rule", "advice.rule", JSON_STRING, &rule)) < 0)
		return rc;
	if (!(decision = json_object_get(rec, "decision")))
		return fail(r, ANKER_E_MISSING_KEY, "decision", "%s is missing", "decision");
	if (!json_is_null(decision) && !json_is_object(decision))
		return fail(r, ANKER_E_WRONG_TYPE, "decision", "%s must be null or an object",
			    "decision");
	int decided = json_is_object(decision);
	if (decided && (rc = count_decision(r, advised, decision, &overridden)) < 0)
		return rc;
	char *key = combination(r->ov->ctx, advised);
	struct ov_row *rows[2] = {
	    key ? row_of(r->ov->ctx, &r->ov->by[ANKER_OVERRIDES_BY_VALUES], key) : NULL,
	    row_of(r->ov->ctx, &r->ov->by[ANKER_OVERRIDES_BY_RULE], json_string_value(rule))};
	anker_dealloc(r->ov->ctx, key);
	if (!rows[0] || !rows[1])
		return fail(r, ANKER_E_NO_MEMORY, NULL, "out of memory");
	for (int i = 0; i < 2; i++) {
		rows[i]->records++;
		rows[i]->decided += decided;
		rows[i]->overridden += overridden;
	}
	size_t *c = r->ov->counts;
	c[ANKER_OVERRIDES_RECORDS]++;
	c[decided ? ANKER_OVERRIDES_DECIDED : ANKER_OVERRIDES_UNDECIDED]++;
	c[ANKER_OVERRIDES_OVERRIDDEN] += overridden;
	return 0;
}

/*
 * A line that is not JSON. jansson's text ends in "near '<token>'", which may
 * be a piece of a record's personal data: the message stops before it.
 */
static int syntax_error(struct reader *r, const json_error_t *je)
{
	struct anker_where w = r->where;
	w.column = je->column > 0 ? je->column : 0;
	int code = json_error_code(je) == json_error_duplicate_key   ? ANKER_E_DUPLICATE
		   : json_error_code(je) == json_error_out_of_memory ? ANKER_E_NO_MEMORY
								     : ANKER_E_SYNTAX;
	const char *near = strstr(je->text, " near ");
	int len = near ? (int)(near - je->text) : (int)strlen(je->text);
	return anker_fail(r->err, code, w, "not a JSON record: %.*s", len, je->text);
}

static int read_line(struct reader *r, const char *line, size_t len, json_t **ret_first)
{
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	if (len == 0)
		return 0; /* an empty line: nothing to count */
	json_error_t je;
	json_t *rec = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
	if (!rec)
		return syntax_error(r, &je);
	int rc = count_record(r, rec);
	if (rc == 0 && ret_first && !*ret_first)
		*ret_first = json_incref(json_object_get(rec, "profile"));
	json_decref(rec);
	return rc;
}

static struct anker_overrides *new_overrides(struct anker_ctx *ctx)
{
	struct anker_overrides *ov = anker_alloc_zeroed(ctx, 1, sizeof(*ov));
	if (!ov)
		return NULL;
	ov->ctx = anker_ctx_ref(ctx);
	ov->by[0].size = ov->by[1].size = sizeof(struct ov_row);
	ov->cells.size = sizeof(struct ov_cell);
	ov->reasons.size = sizeof(struct ov_reason);
	return ov;
}

/* The labels' profile, when it can be found; not finding it is no error. */
static void find_labels(struct anker_ctx *ctx, struct anker_overrides *ov, const char *path,
			json_t *profile)
{
	anker_profile_find(ctx, path, json_string_value(json_object_get(profile, "file")),
			   json_string_value(json_object_get(profile, "id")),
			   json_string_value(json_object_get(profile, "sha256")), &ov->profile);
}

static int finish(struct anker_ctx *ctx, struct reader *r, const char *path, json_t *first, int rc,
		  struct anker_overrides **ret)
{
	if (rc == 0 && r->ov->counts[ANKER_OVERRIDES_RECORDS] == 0) {
		struct anker_where w = ANKER_WHERE_NONE;
		w.file = r->where.file;
		rc = anker_fail(r->err, ANKER_E_SYNTAX, w, "no records");
	}
	if (rc == 0) {
		find_labels(ctx, r->ov, path, first);
		*ret = r->ov;
	} else {
		anker_overrides_free(r->ov);
	}
	json_decref(first);
	return rc;
}

ANKER_EXPORT int anker_overrides_read_text(struct anker_ctx *ctx, const char *data, size_t size,
					   const char *name, struct anker_overrides **ret,
					   struct anker_error *err)
{
	if (!ctx || (!data && size) || !ret)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_overrides_read_text: ctx, data and ret are required");
	struct reader r = {new_overrides(ctx), err, ANKER_WHERE_NONE};
	if (!r.ov)
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	r.where.file = name ? name : "<records>";
	json_t *first = NULL;
	int rc = 0;
	for (size_t at = 0; rc == 0 && at < size;) {
		const char *nl = memchr(data + at, '\n', size - at);
		size_t len = nl ? (size_t)(nl - (data + at)) : size - at;
		r.where.line++;
		rc = read_line(&r, data + at, len, &first);
		at += len + 1;
	}
	return finish(ctx, &r, name, first, rc, ret);
}

ANKER_EXPORT int anker_overrides_read_file(struct anker_ctx *ctx, const char *path,
					   struct anker_overrides **ret, struct anker_error *err)
{
	if (!ctx || !path || !ret)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_overrides_read_file: ctx, path and ret are required");
	struct anker_where where = ANKER_WHERE_NONE;
	where.file = path;
	FILE *f = fopen(path, "re");
	if (!f)
		return anker_fail(err, ANKER_E_IO, where, "cannot open: %s", strerror(errno));
	struct reader r = {new_overrides(ctx), err, where};
	if (!r.ov) {
		fclose(f);
		return anker_fail(err, ANKER_E_NO_MEMORY, where, "out of memory");
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	json_t *first = NULL;
	int rc = 0;
	while (rc == 0 && (len = getline(&line, &cap, f)) >= 0) {
		r.where.line++;
		rc = read_line(&r, line, (size_t)len, &first);
	}
	if (rc == 0 && ferror(f))
		rc = anker_fail(err, ANKER_E_IO, where, "read error");
	free(line);
	fclose(f);
	return finish(ctx, &r, path, first, rc, ret);
}
