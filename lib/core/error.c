/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

/*
 * Fixed-size buffers: recording an error must never allocate, so that an
 * out-of-memory failure can still be reported. Over-long text is truncated.
 */
struct anker_error {
	int code;
	long line;
	long column;
	long long case_index;
	bool has_file, has_path, has_field;
	char file[512];
	char path[256];
	char field[256];
	char message[1024];
	size_t text_at; /* where the text starts in message, after the location */
	/*
	 * Messages quote numbers as the files write them ("0.9"), whatever
	 * locale the host program set: formatting happens under this "C"
	 * numeric locale, made when the error object is, so that recording an
	 * error still allocates nothing.
	 */
	locale_t c_numeric;
};

struct status_info {
	int code;
	const char *name;
	const char *description;
};

static const struct status_info statuses[] = {
	{ ANKER_OK, "ANKER_OK", "success" },
	{ ANKER_E_INVALID_ARGUMENT, "ANKER_E_INVALID_ARGUMENT", "invalid argument" },
	{ ANKER_E_NO_MEMORY, "ANKER_E_NO_MEMORY", "out of memory" },
	{ ANKER_E_IO, "ANKER_E_IO", "input/output error" },
	{ ANKER_E_SYNTAX, "ANKER_E_SYNTAX", "syntax error" },
	{ ANKER_E_UNKNOWN_KEY, "ANKER_E_UNKNOWN_KEY", "unknown key" },
	{ ANKER_E_WRONG_TYPE, "ANKER_E_WRONG_TYPE", "wrong type" },
	{ ANKER_E_MISSING_KEY, "ANKER_E_MISSING_KEY", "missing required key" },
	{ ANKER_E_BAD_VALUE, "ANKER_E_BAD_VALUE", "value not allowed" },
	{ ANKER_E_DUPLICATE, "ANKER_E_DUPLICATE", "duplicate name" },
	{ ANKER_E_ORDER, "ANKER_E_ORDER", "values out of order" },
	{ ANKER_E_REFERENCE, "ANKER_E_REFERENCE", "reference to an unknown or unsuitable item" },
	{ ANKER_E_UNSUPPORTED, "ANKER_E_UNSUPPORTED", "unsupported format, kind or link" },
	{ ANKER_E_UNKNOWN_VARIABLE, "ANKER_E_UNKNOWN_VARIABLE", "variable not known to the model" },
	{ ANKER_E_TYPE_MISMATCH, "ANKER_E_TYPE_MISMATCH", "value does not fit the variable's kind" },
	{ ANKER_E_UNKNOWN_LEVEL, "ANKER_E_UNKNOWN_LEVEL", "unknown level" },
	{ ANKER_E_MISSING_VALUE, "ANKER_E_MISSING_VALUE", "missing value" },
	{ ANKER_E_OUT_OF_RANGE, "ANKER_E_OUT_OF_RANGE", "value out of range" },
	{ ANKER_E_NOT_FOUND, "ANKER_E_NOT_FOUND", "not found" },
	{ ANKER_E_TOO_LARGE, "ANKER_E_TOO_LARGE", "input too large" },
	{ ANKER_E_NO_COLUMN, "ANKER_E_NO_COLUMN", "no column for a model variable" },
	{ ANKER_E_NOT_AN_OPTION, "ANKER_E_NOT_AN_OPTION", "answer is not one of the options" },
	{ ANKER_E_HASH_MISMATCH, "ANKER_E_HASH_MISMATCH", "file does not match the profile's pin" },
	{ ANKER_E_REASON_REQUIRED, "ANKER_E_REASON_REQUIRED", "deviation from the advice without a reason" },
	{ ANKER_E_UNKNOWN_REASON, "ANKER_E_UNKNOWN_REASON", "unknown reason code" },
	{ ANKER_E_VERIFY, "ANKER_E_VERIFY", "record does not verify" },
	/* -26..-33 belong to other parts of the library; their rows are empty here */
	[-ANKER_E_SEPARATION] = { ANKER_E_SEPARATION, "ANKER_E_SEPARATION", "outcome separated by a term" },
	[-ANKER_E_SINGULAR] = { ANKER_E_SINGULAR, "ANKER_E_SINGULAR", "singular design" },
	[-ANKER_E_NOT_CONVERGED] = { ANKER_E_NOT_CONVERGED, "ANKER_E_NOT_CONVERGED", "fit did not converge" },
};

static const struct status_info *find_status(int code)
{
	if (code > 0 || -code >= (int)(sizeof(statuses) / sizeof(statuses[0])))
		return NULL;
	return statuses[-code].name ? &statuses[-code] : NULL;
}

ANKER_EXPORT const char *anker_strerror(int status)
{
	const struct status_info *info = find_status(status);
	return info ? info->description : "unknown status";
}

ANKER_EXPORT const char *anker_status_name(int status)
{
	const struct status_info *info = find_status(status);
	return info ? info->name : NULL;
}

ANKER_EXPORT int anker_error_new(struct anker_error **ret)
{
	if (!ret)
		return ANKER_E_INVALID_ARGUMENT;
	struct anker_error *err = malloc(sizeof(*err));
	if (!err)
		return ANKER_E_NO_MEMORY;
	err->c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (err->c_numeric == (locale_t)0) {
		free(err);
		return ANKER_E_NO_MEMORY;
	}
	anker_error_clear(err);
	*ret = err;
	return 0;
}

ANKER_EXPORT void anker_error_free(struct anker_error *err)
{
	if (!err)
		return;
	freelocale(err->c_numeric);
	free(err);
}

ANKER_EXPORT void anker_error_clear(struct anker_error *err)
{
	if (!err)
		return;
	err->code = 0;
	err->line = 0;
	err->column = 0;
	err->case_index = -1;
	err->has_file = err->has_path = err->has_field = false;
	err->file[0] = err->path[0] = err->field[0] = err->message[0] = '\0';
	err->text_at = 0;
}

ANKER_EXPORT int anker_error_code(const struct anker_error *err)
{
	return err ? err->code : 0;
}

ANKER_EXPORT const char *anker_error_message(const struct anker_error *err)
{
	return err ? err->message : "";
}

ANKER_EXPORT const char *anker_error_text(const struct anker_error *err)
{
	return err ? err->message + err->text_at : "";
}

ANKER_EXPORT const char *anker_error_file(const struct anker_error *err)
{
	return err && err->has_file ? err->file : NULL;
}

ANKER_EXPORT long anker_error_line(const struct anker_error *err)
{
	return err ? err->line : 0;
}

ANKER_EXPORT long anker_error_column(const struct anker_error *err)
{
	return err ? err->column : 0;
}

ANKER_EXPORT const char *anker_error_path(const struct anker_error *err)
{
	return err && err->has_path ? err->path : NULL;
}

ANKER_EXPORT const char *anker_error_field(const struct anker_error *err)
{
	return err && err->has_field ? err->field : NULL;
}

ANKER_EXPORT long long anker_error_case_index(const struct anker_error *err)
{
	return err ? err->case_index : -1;
}

static bool copy_text(char *dst, size_t size, const char *src)
{
	if (!src)
		return false;
	snprintf(dst, size, "%s", src);
	return true;
}

/* Append formatted text to buf at *used, never overflowing. */
static void append(char *buf, size_t size, size_t *used, const char *fmt, ...) ANKER_PRINTF(4, 5);
static void append(char *buf, size_t size, size_t *used, const char *fmt, ...)
{
	if (*used >= size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf + *used, size - *used, fmt, ap);
	va_end(ap);
	if (n > 0)
		*used = (size_t)n >= size - *used ? size : *used + (size_t)n;
}

int anker_failv(struct anker_error *err, int code, struct anker_where where, const char *fmt,
		va_list ap)
{
	if (!err)
		return code;
	locale_t host = uselocale(err->c_numeric);
	anker_error_clear(err);
	err->code = code;
	err->line = where.line;
	err->column = where.column;
	err->case_index = where.case_index;
	err->has_file = copy_text(err->file, sizeof(err->file), where.file);
	err->has_path = copy_text(err->path, sizeof(err->path), where.path);
	err->has_field = copy_text(err->field, sizeof(err->field), where.field);

	char *msg = err->message;
	size_t size = sizeof(err->message), used = 0;
	if (where.file) {
		append(msg, size, &used, "%s", where.file);
		if (where.line > 0)
			append(msg, size, &used, ":%ld", where.line);
		if (where.column > 0)
			append(msg, size, &used, ":%ld", where.column);
		append(msg, size, &used, ": ");
	} else if (where.line > 0) {
		append(msg, size, &used, "line %ld: ", where.line);
	}
	if (where.case_index >= 0)
		append(msg, size, &used, "case %lld: ", where.case_index);
	if (where.path)
		append(msg, size, &used, "%s: ", where.path);
	if (where.field)
		append(msg, size, &used, "'%s': ", where.field);
	if (used >= size)
		used = size - 1; /* the location filled the buffer: the text is empty */
	err->text_at = used;
	vsnprintf(msg + used, size - used, fmt, ap);
	uselocale(host);
	return code;
}

int anker_fail(struct anker_error *err, int code, struct anker_where where, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	anker_failv(err, code, where, fmt, ap);
	va_end(ap);
	return code;
}
