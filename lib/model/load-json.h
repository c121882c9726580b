/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A small typed layer over jansson for the model loader. It tracks the JSON
 * path of the value being read ("$.terms[3].knots[2]") and the innermost key
 * (the "field"), so that every error names where it applies without the
 * section loaders having to build locations themselves.
 *
 * Conventions: every function returns 0 or a negative ANKER_E_* code that has
 * already been recorded in the loader's error object; outputs are written only
 * on success. A missing optional key returns 0 and leaves the output untouched,
 * so callers set defaults first.
 */
#ifndef ANKER_MODEL_LOAD_JSON_H
#define ANKER_MODEL_LOAD_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "model-private.h"
#include "names.h"

/* Longer paths are truncated; the error object keeps 255 bytes anyway. */
#define JR_PATH_MAX 512

struct jr {
	struct anker_ctx *ctx;
	struct anker_error *err;
	const char *file; /* the name errors cite */
	char path[JR_PATH_MAX];
	size_t path_len;
	const char *field; /* the innermost key on the path, or NULL */
};

/* Where the path stood before a push; pass it to jr_pop to go back. */
struct jr_mark {
	size_t path_len;
	const char *field;
};

void jr_init(struct jr *jr, struct anker_ctx *ctx, struct anker_error *err, const char *file);

struct jr_mark jr_push_key(struct jr *jr, const char *key);
struct jr_mark jr_push_index(struct jr *jr, size_t index);
void jr_pop(struct jr *jr, struct jr_mark mark);

/* Record an error at the current path and field; returns code. */
int jr_fail(struct jr *jr, int code, const char *fmt, ...) ANKER_PRINTF(3, 4);
/* The same, one key further down (e.g. a value that is present but not allowed). */
int jr_fail_at(struct jr *jr, const char *key, int code, const char *fmt, ...) ANKER_PRINTF(4, 5);
int jr_fail_no_memory(struct jr *jr);

/* ANKER_E_UNKNOWN_KEY for the first key of obj not in the NULL-terminated lists. */
int jr_check_keys(struct jr *jr, json_t *obj, const char *const *allowed,
		  const char *const *more_allowed);

/* Typed members of an object. Strings must be non-empty. */
int jr_member(struct jr *jr, json_t *obj, const char *key, bool required, json_t **ret);
int jr_object(struct jr *jr, json_t *obj, const char *key, bool required, json_t **ret);
/* An array of min..max elements: fewer is ANKER_E_BAD_VALUE, more ANKER_E_TOO_LARGE. */
int jr_array(struct jr *jr, json_t *obj, const char *key, bool required, size_t min, size_t max,
	     json_t **ret);
int jr_string(struct jr *jr, json_t *obj, const char *key, bool required, const char **ret);
int jr_number(struct jr *jr, json_t *obj, const char *key, bool required, double *ret);
int jr_integer(struct jr *jr, json_t *obj, const char *key, bool required, long long *ret);
int jr_boolean(struct jr *jr, json_t *obj, const char *key, bool required, bool *ret);
/* A string that must match [A-Za-z_][A-Za-z0-9_]* and be at most 64 bytes. */
int jr_identifier(struct jr *jr, json_t *obj, const char *key, bool required, const char **ret);

/* A string from a table of names (names.h); anything else is ANKER_E_BAD_VALUE. */
int jr_choice(struct jr *jr, json_t *obj, const char *key, bool required,
	      const struct anker_name_value *choices, int *ret);

/* Checks on the value at the current path (the caller has pushed it). */
int jr_check_number(struct jr *jr, json_t *value, double *ret);
int jr_check_integer(struct jr *jr, json_t *value, long long *ret);
int jr_check_string(struct jr *jr, json_t *value, const char **ret);
int jr_check_object(struct jr *jr, json_t *value);
int jr_check_boolean(struct jr *jr, json_t *value, bool *ret);

/*
 * The first name (in input order) equal to an earlier one: its index in
 * *ret_index, or count when all differ. O(n log n); fails only for memory.
 */
int jr_first_duplicate(struct jr *jr, const char *const *names, size_t count, size_t *ret_index);

/*
 * "format" equal to @p format and "format_version" equal to @p format_version:
 * a newer version is ANKER_E_UNSUPPORTED, so that it is reported before any
 * key the newer format added is an "unknown key".
 */
int jr_format(struct jr *jr, json_t *root, const char *format, long long format_version);

/* Copy a string into context memory. */
int jr_strdup(struct jr *jr, const char *s, char **ret);

/* Largest magnitude of any number in a model file (see docs/model-format.md). */
#define JR_NUMBER_MAX 1e15
#define JR_NAME_MAX 64

bool jr_is_identifier(const char *s);

#endif
