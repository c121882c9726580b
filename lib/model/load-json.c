/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "load-json.h"

void jr_init(struct jr *jr, struct anker_ctx *ctx, struct anker_error *err, const char *file)
{
	jr->ctx = ctx;
	jr->err = err;
	jr->file = file;
	jr->path[0] = '$';
	jr->path[1] = '\0';
	jr->path_len = 1;
	jr->field = NULL;
}

/* Append to the path; on overflow the path stays truncated until popped. */
static void path_append(struct jr *jr, const char *text, size_t len)
{
	size_t room = JR_PATH_MAX - 1 - jr->path_len;
	if (len > room)
		len = room;
	memcpy(jr->path + jr->path_len, text, len);
	jr->path_len += len;
	jr->path[jr->path_len] = '\0';
}

bool jr_is_identifier(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

/* Keys that are not identifiers (level names may hold any text) are written ["..."]. */
static void path_append_quoted(struct jr *jr, const char *key)
{
	path_append(jr, "[\"", 2);
	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		char buf[8];
		int n;
		if (*p == '"' || *p == '\\')
			n = snprintf(buf, sizeof(buf), "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			n = snprintf(buf, sizeof(buf), "\\u%04x", *p);
		else
			n = snprintf(buf, sizeof(buf), "%c", *p);
		path_append(jr, buf, (size_t)n);
	}
	path_append(jr, "\"]", 2);
}

struct jr_mark jr_push_key(struct jr *jr, const char *key)
{
	struct jr_mark mark = { jr->path_len, jr->field };
	if (jr_is_identifier(key)) {
		path_append(jr, ".", 1);
		path_append(jr, key, strlen(key));
	} else {
		path_append_quoted(jr, key);
	}
	jr->field = key;
	return mark;
}

struct jr_mark jr_push_index(struct jr *jr, size_t index)
{
	struct jr_mark mark = { jr->path_len, jr->field };
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "[%zu]", index);
	path_append(jr, buf, (size_t)n);
	return mark;
}

void jr_pop(struct jr *jr, struct jr_mark mark)
{
	jr->path_len = mark.path_len;
	jr->path[jr->path_len] = '\0';
	jr->field = mark.field;
}

static int jr_failv(struct jr *jr, int code, const char *fmt, va_list ap) ANKER_PRINTF(3, 0);
static int jr_failv(struct jr *jr, int code, const char *fmt, va_list ap)
{
	struct anker_where where = ANKER_WHERE_NONE;
	where.file = jr->file;
	where.path = jr->path;
	where.field = jr->field;
	return anker_failv(jr->err, code, where, fmt, ap);
}

int jr_fail(struct jr *jr, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	jr_failv(jr, code, fmt, ap);
	va_end(ap);
	return code;
}

int jr_fail_at(struct jr *jr, const char *key, int code, const char *fmt, ...)
{
	struct jr_mark mark = jr_push_key(jr, key);
	va_list ap;
	va_start(ap, fmt);
	jr_failv(jr, code, fmt, ap);
	va_end(ap);
	jr_pop(jr, mark);
	return code;
}

int jr_fail_no_memory(struct jr *jr)
{
	struct anker_where where = ANKER_WHERE_NONE;
	where.file = jr->file;
	return anker_fail(jr->err, ANKER_E_NO_MEMORY, where, "out of memory");
}

static bool in_list(const char *key, const char *const *list)
{
	for (; list && *list; list++)
		if (strcmp(key, *list) == 0)
			return true;
	return false;
}

int jr_check_keys(struct jr *jr, json_t *obj, const char *const *allowed,
		  const char *const *more_allowed)
{
	const char *key;
	json_t *value;
	json_object_foreach (obj, key, value) {
		if (!in_list(key, allowed) && !in_list(key, more_allowed))
			return jr_fail_at(jr, key, ANKER_E_UNKNOWN_KEY, "unknown key");
	}
	return 0;
}

static const char *type_name(const json_t *value)
{
	switch (json_typeof(value)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
	default:
		return "null";
	}
}

static int wrong_type(struct jr *jr, json_t *value, const char *expected)
{
	return jr_fail(jr, ANKER_E_WRONG_TYPE, "expected %s, found %s", expected,
		       type_name(value));
}

int jr_check_object(struct jr *jr, json_t *value)
{
	return json_is_object(value) ? 0 : wrong_type(jr, value, "an object");
}

int jr_check_boolean(struct jr *jr, json_t *value, bool *ret)
{
	if (!json_is_boolean(value))
		return wrong_type(jr, value, "true or false");
	*ret = json_is_true(value);
	return 0;
}

int jr_check_number(struct jr *jr, json_t *value, double *ret)
{
	if (!json_is_number(value))
		return wrong_type(jr, value, "a number");
	double v = json_number_value(value);
	/* jansson never yields a non-finite number; the bound keeps sums and products finite. */
	if (!(fabs(v) <= JR_NUMBER_MAX))
		return jr_fail(jr, ANKER_E_BAD_VALUE, "magnitude exceeds the limit of 1e15");
	*ret = v;
	return 0;
}

int jr_check_string(struct jr *jr, json_t *value, const char **ret)
{
	if (!json_is_string(value))
		return wrong_type(jr, value, "a string");
	const char *s = json_string_value(value);
	if (s[0] == '\0')
		return jr_fail(jr, ANKER_E_BAD_VALUE, "empty string");
	*ret = s;
	return 0;
}

int jr_member(struct jr *jr, json_t *obj, const char *key, bool required, json_t **ret)
{
	json_t *value = json_object_get(obj, key);
	if (!value) {
		if (required)
			return jr_fail_at(jr, key, ANKER_E_MISSING_KEY, "required key is missing");
		return 0;
	}
	*ret = value;
	return 0;
}

/* Fetch a member and run a check on it with the path pointing at it. */
#define JR_TYPED_MEMBER(jr, obj, key, required, check)                                        \
	do {                                                                                  \
		json_t *value_ = NULL;                                                        \
		int r_ = jr_member(jr, obj, key, required, &value_);                          \
		if (r_ < 0 || !value_)                                                        \
			return r_;                                                            \
		struct jr_mark mark_ = jr_push_key(jr, key);                                  \
		r_ = (check);                                                                 \
		jr_pop(jr, mark_);                                                            \
		return r_;                                                                    \
	} while (0)

static int check_object_out(struct jr *jr, json_t *value, json_t **ret)
{
	int r = jr_check_object(jr, value);
	if (r == 0)
		*ret = value;
	return r;
}

int jr_object(struct jr *jr, json_t *obj, const char *key, bool required, json_t **ret)
{
	JR_TYPED_MEMBER(jr, obj, key, required, check_object_out(jr, value_, ret));
}

static int check_array(struct jr *jr, json_t *value, size_t min, size_t max, json_t **ret)
{
	if (!json_is_array(value))
		return wrong_type(jr, value, "an array");
	size_t n = json_array_size(value);
	if (n < min)
		return jr_fail(jr, ANKER_E_BAD_VALUE, "%zu elements, at least %zu required", n,
			       min);
	if (n > max)
		return jr_fail(jr, ANKER_E_TOO_LARGE, "%zu elements, at most %zu allowed", n, max);
	*ret = value;
	return 0;
}

int jr_array(struct jr *jr, json_t *obj, const char *key, bool required, size_t min, size_t max,
	     json_t **ret)
{
	JR_TYPED_MEMBER(jr, obj, key, required, check_array(jr, value_, min, max, ret));
}

int jr_string(struct jr *jr, json_t *obj, const char *key, bool required, const char **ret)
{
	JR_TYPED_MEMBER(jr, obj, key, required, jr_check_string(jr, value_, ret));
}

int jr_number(struct jr *jr, json_t *obj, const char *key, bool required, double *ret)
{
	JR_TYPED_MEMBER(jr, obj, key, required, jr_check_number(jr, value_, ret));
}

int jr_check_integer(struct jr *jr, json_t *value, long long *ret)
{
	if (!json_is_integer(value))
		return wrong_type(jr, value, "an integer");
	*ret = (long long)json_integer_value(value);
	return 0;
}

int jr_integer(struct jr *jr, json_t *obj, const char *key, bool required, long long *ret)
{
	JR_TYPED_MEMBER(jr, obj, key, required, jr_check_integer(jr, value_, ret));
}

static int check_identifier(struct jr *jr, json_t *value, const char **ret)
{
	const char *s = NULL;
	int r = jr_check_string(jr, value, &s);
	if (r < 0)
		return r;
	if (strlen(s) > JR_NAME_MAX)
		return jr_fail(jr, ANKER_E_BAD_VALUE, "longer than %d bytes", JR_NAME_MAX);
	if (!jr_is_identifier(s))
		return jr_fail(jr, ANKER_E_BAD_VALUE,
			       "not an identifier ([A-Za-z_][A-Za-z0-9_]*)");
	*ret = s;
	return 0;
}

int jr_boolean(struct jr *jr, json_t *obj, const char *key, bool required, bool *ret)
{
	JR_TYPED_MEMBER(jr, obj, key, required, jr_check_boolean(jr, value_, ret));
}

int jr_identifier(struct jr *jr, json_t *obj, const char *key, bool required, const char **ret)
{
	JR_TYPED_MEMBER(jr, obj, key, required, check_identifier(jr, value_, ret));
}

static int check_choice(struct jr *jr, json_t *value, const struct anker_name_value *choices,
			int *ret)
{
	const char *s = NULL;
	int r = jr_check_string(jr, value, &s);
	if (r < 0)
		return r;
	const struct anker_name_value *first = choices;
	for (; choices->name; choices++) {
		if (strcmp(s, choices->name) == 0) {
			*ret = choices->value;
			return 0;
		}
	}
	char list[256];
	size_t used = 0;
	list[0] = '\0';
	for (const struct anker_name_value *c = first; c->name && used < sizeof(list); c++) {
		int n = snprintf(list + used, sizeof(list) - used, "%s\"%s\"",
				 c == first ? "" : ", ", c->name);
		if (n > 0)
			used += (size_t)n;
	}
	return jr_fail(jr, ANKER_E_BAD_VALUE, "\"%s\" is not one of %s", s, list);
}

int jr_choice(struct jr *jr, json_t *obj, const char *key, bool required,
	      const struct anker_name_value *choices, int *ret)
{
	JR_TYPED_MEMBER(jr, obj, key, required, check_choice(jr, value_, choices, ret));
}

int jr_strdup(struct jr *jr, const char *s, char **ret)
{
	char *copy = anker_strdup(jr->ctx, s);
	if (!copy)
		return jr_fail_no_memory(jr);
	*ret = copy;
	return 0;
}

struct named_index {
	const char *name;
	size_t index;
};

static int compare_named_index(const void *a, const void *b)
{
	const struct named_index *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

int jr_first_duplicate(struct jr *jr, const char *const *names, size_t count, size_t *ret_index)
{
	size_t first = count;
	if (count > 1) {
		struct named_index *sorted = anker_alloc_array(jr->ctx, count, sizeof(*sorted));
		if (!sorted)
			return jr_fail_no_memory(jr);
		for (size_t i = 0; i < count; i++)
			sorted[i] = (struct named_index){ names[i], i };
		qsort(sorted, count, sizeof(*sorted), compare_named_index);
		/* Within a run of equal names the later entries are the duplicates. */
		for (size_t i = 1; i < count; i++)
			if (strcmp(sorted[i - 1].name, sorted[i].name) == 0 &&
			    sorted[i].index < first)
				first = sorted[i].index;
		anker_dealloc(jr->ctx, sorted);
	}
	*ret_index = first;
	return 0;
}

int jr_format(struct jr *jr, json_t *root, const char *format, long long format_version)
{
	const char *name = NULL;
	int r = jr_string(jr, root, "format", true, &name);
	if (r < 0)
		return r;
	if (strcmp(name, format) != 0)
		return jr_fail_at(jr, "format", ANKER_E_BAD_VALUE, "not \"%s\"", format);

	long long version = 0;
	r = jr_integer(jr, root, "format_version", true, &version);
	if (r < 0)
		return r;
	if (version > format_version)
		return jr_fail_at(jr, "format_version", ANKER_E_UNSUPPORTED,
				  "format version %lld is newer than this library (%lld)", version,
				  format_version);
	if (version < format_version)
		return jr_fail_at(jr, "format_version", ANKER_E_BAD_VALUE,
				  "format version %lld does not exist", version);
	return 0;
}
