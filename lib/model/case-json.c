/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A case from a JSON object of variable names and values (docs/assessment.md,
 * "Interfaces"): a number, true or false, a level name, or null for a value
 * that is explicitly missing. Used by `anker assess --case`, by verification
 * (a record's "inputs" are such an object) and by anyone with cases in JSON.
 */
#include <stdio.h>

#include <jansson.h>

#include "load-private.h"
#include "score-private.h"

static int fail_field(struct anker_error *err, int code, const char *file, const char *prefix,
		      const char *name, const char *what)
{
	char path[512];
	snprintf(path, sizeof(path), "%s.%s", prefix, name);
	struct anker_where where = ANKER_WHERE_NONE;
	where.file = file;
	where.path = path;
	where.field = name;
	return anker_fail(err, code, where, "%s", what);
}

int anker_case_fill_json(struct anker_case *c, const json_t *obj, const char *file,
			 const char *prefix, struct anker_error *err)
{
	struct anker_where where = ANKER_WHERE_NONE;
	where.file = file;
	where.path = prefix;
	if (!json_is_object(obj))
		return anker_fail(err, ANKER_E_WRONG_TYPE, where,
				  "a case is a JSON object of names and values");
	const char *name;
	json_t *v;
	json_object_foreach((json_t *)obj, name, v)
	{
		int r;
		if (json_is_number(v))
			r = anker_case_set_number(c, name, json_number_value(v));
		else if (json_is_boolean(v))
			r = anker_case_set_bool(c, name, json_is_true(v));
		else if (json_is_string(v))
			r = anker_case_set_level(c, name, json_string_value(v));
		else if (json_is_null(v))
			r = anker_case_set_missing(c, name);
		else
			return fail_field(err, ANKER_E_WRONG_TYPE, file, prefix, name,
					  "a value is a number, true, false, a level name or null");
		if (r == ANKER_E_INVALID_ARGUMENT)
			return fail_field(err, r, file, prefix, name,
					  "not a valid name or level name (empty or too long)");
		if (r < 0)
			return fail_field(err, r, file, prefix, name, anker_strerror(r));
	}
	return 0;
}

ANKER_EXPORT int anker_case_set_json(struct anker_case *c, const char *json, size_t size,
				     const char *source, struct anker_error *err)
{
	if (!c || !json)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_case_set_json: c and json are required");
	json_t *root = NULL;
	int r = anker_parse_json(json, size, source ? source : "<case>", err, &root);
	if (r == 0)
		r = anker_case_fill_json(c, root, source ? source : "<case>", "$", err);
	json_decref(root);
	if (r == 0)
		anker_error_clear(err);
	return r;
}
