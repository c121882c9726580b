/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `anker assess`'s inputs (assess-io.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "assess-io.h"
#include "command.h"
#include "value-parse.h"

int assess_open_profile(const char *path, struct anker_ctx **ctx, struct anker_error **err,
			struct anker_profile **profile)
{
	*ctx = NULL;
	*err = NULL;
	*profile = NULL;
	if (anker_ctx_new(ctx) < 0 || anker_error_new(err) < 0) {
		message("out of memory");
	} else if (anker_profile_load_file(*ctx, path, *err, profile) < 0) {
		message("%s", anker_error_message(*err));
	} else {
		return 0;
	}
	anker_error_free(*err);
	anker_ctx_unref(*ctx);
	*err = NULL;
	*ctx = NULL;
	return -1;
}

static json_t *load_object(const char *path)
{
	json_error_t jerr;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		message("%s:%d:%d: %s", path, jerr.line, jerr.column, jerr.text);
		return NULL;
	}
	if (!json_is_object(root)) {
		message("%s: not a JSON object", path);
		json_decref(root);
		return NULL;
	}
	return root;
}

int assess_read_case_json(const char *path, struct anker_case *c, struct anker_error *err)
{
	FILE *f = fopen(path, "re");
	if (!f) {
		message("%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	char *text = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len + 4096 > cap) {
			char *bigger = realloc(text, cap = 2 * cap + 4096);
			if (!bigger)
				break;
			text = bigger;
		}
		size_t n = fread(text + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	bool ok = !ferror(f) && text;
	fclose(f);
	if (!ok) {
		free(text);
		message("%s: cannot read", path);
		return -1;
	}
	int r = anker_case_set_json(c, text, len, path, err);
	free(text);
	if (r < 0)
		message("%s", anker_error_message(err));
	return r < 0 ? -1 : 0;
}

static const char *member(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

int assess_read_decision(const char *path, bool now, struct anker_assessment *a,
			 struct anker_error *err)
{
	json_t *root = load_object(path);
	if (!root)
		return -1;
	json_t *values = json_object_get(root, "values"), *actor = json_object_get(root, "actor");
	json_t *reason = json_object_get(root, "reason");
	const char *fields[64], *levels[64], *key;
	size_t n = 0;
	json_t *v;
	int r = 0;
	json_object_foreach(values, key, v)
	{
		if (n == 64 || !json_is_string(v)) {
			message("%s: $.values.%s: a level name", path, key);
			r = -1;
			break;
		}
		fields[n] = key;
		levels[n++] = json_string_value(v);
	}
	char stamp[32];
	const char *time_text = member(root, "time");
	if (r == 0 && !time_text && now) {
		time_t t = time(NULL);
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
		time_text = stamp;
	}
	if (r == 0 && !time_text) {
		message("%s: the decision has no \"time\" (or give --now)", path);
		r = -1;
	}
	if (r == 0 && anker_assessment_decide(
			  a, n, fields, levels, member(actor, "id"), member(actor, "role"),
			  time_text, member(reason, "code"), member(reason, "text"), err) < 0) {
		message("%s: %s", path, anker_error_message(err));
		r = -1;
	}
	json_decref(root);
	return r;
}

/*
 * The kind of variable @p name in the first instrument that reads it, or 0.
 * The household fields of a WWB-toets ("WWB.claimant_birth_date") are text,
 * checked by the library, which names the field at fault.
 */
static int variable_kind(const struct anker_profile *p, const char *name)
{
	const char *first = NULL; /* the first estimate of a follow-up (docs/werkverkenner.md) */
	if (anker_profile_get_followup(p, NULL, &first, NULL) == 0 && strcmp(first, name) == 0)
		return ANKER_VARIABLE_NUMERIC;
	const char *wwb = anker_profile_get_wwb_alias(p);
	if (wwb && strncmp(name, wwb, strlen(wwb)) == 0 && name[strlen(wwb)] == '.')
		return ANKER_VARIABLE_CATEGORICAL;
	for (size_t i = 0; i < anker_profile_get_instrument_count(p); i++) {
		const struct anker_model *m = anker_profile_get_instrument(p, i);
		int v = anker_model_find_variable(m, name);
		if (v >= 0)
			return anker_model_get_variable_kind(m, (size_t)v);
	}
	return 0;
}

int assess_columns_setup(struct assess_columns *cols, const struct csv_chunk *header,
			 const struct anker_profile *p, const char *id_column, bool ignore_extra,
			 const char *file)
{
	cols->items = calloc(header->n_fields ? header->n_fields : 1, sizeof(*cols->items));
	cols->id_column = -1;
	if (!cols->items) {
		message("out of memory");
		return -1;
	}
	const char *id_name = id_column ? id_column : "id";
	for (size_t k = 0; k < header->n_fields && cols->id_column < 0; k++)
		if (strcmp(csv_chunk_field(header, 0, k), id_name) == 0)
			cols->id_column = (long)k;
	if (id_column && cols->id_column < 0) {
		message("%s: no column '%s' (--id-column)", file, id_column);
		return -1;
	}
	for (size_t k = 0; k < header->n_fields; k++) {
		const char *name = csv_chunk_field(header, 0, k);
		if ((long)k == cols->id_column)
			continue;
		int kind = variable_kind(p, name);
		if (!kind && ignore_extra)
			continue;
		if (!kind) {
			message("%s: column %zu (%s): no instrument of the profile reads it; "
				"--ignore-extra skips it",
				file, k + 1, name);
			return -1;
		}
		cols->items[cols->count++] = (struct assess_column){k, name, kind};
	}
	return 0;
}

static bool is_missing(const char *s, size_t len)
{
	return len == 0 || (len == 2 && memcmp(s, "NA", 2) == 0);
}

int assess_columns_fill(const struct assess_columns *cols, const struct csv_chunk *chunk,
			size_t row, struct anker_case *c, const char *file)
{
	anker_case_clear(c);
	for (size_t j = 0; j < cols->count; j++) {
		const struct assess_column *col = &cols->items[j];
		const char *s = csv_chunk_field(chunk, row, col->column);
		size_t len = csv_chunk_field_len(chunk, row, col->column);
		double x = 0;
		int r;
		if (is_missing(s, len)) {
			r = anker_case_set_missing(c, col->name);
		} else if (col->kind == ANKER_VARIABLE_CATEGORICAL) {
			r = anker_case_set_level(c, col->name, s);
		} else {
			bool boolean = col->kind == ANKER_VARIABLE_BOOLEAN;
			r = boolean ? value_parse_boolean(s, len, &x)
				    : value_parse_number(s, len, &x);
			if (r < 0) {
				message("%s:%ld: column %zu (%s): not a %s", file,
					chunk->lines[row], col->column + 1, col->name,
					boolean ? "boolean" : "number");
				return -1;
			}
			r = boolean ? anker_case_set_bool(c, col->name, x != 0.0)
				    : anker_case_set_number(c, col->name, x);
		}
		if (r < 0) {
			message("%s:%ld: %s", file, chunk->lines[row], anker_strerror(r));
			return -1;
		}
	}
	return 0;
}

void assess_columns_free(struct assess_columns *cols)
{
	free(cols->items);
	cols->items = NULL;
}
