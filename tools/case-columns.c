/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "case-columns.h"
#include "duplicate-names.h"
#include "terminal-text.h"
#include "value-parse.h"

__attribute__((format(printf, 4, 5))) static int fail(struct column_error *err, long line,
						      long column, const char *fmt, ...)
{
	va_list ap;
	err->line = line;
	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return -1;
}

static int find_column(const struct csv_chunk *header, const char *name)
{
	for (size_t i = 0; i < header->n_fields; i++)
		if (strcmp(csv_chunk_field(header, 0, i), name) == 0)
			return (int)i;
	return -1;
}

static int check_duplicates(const struct csv_chunk *header, struct column_error *err)
{
	size_t first, second;
	int rc = find_duplicate_name(header, &first, &second);
	if (rc < 0)
		return fail(err, header->lines[0], 0, "out of memory");
	if (rc > 0)
		return fail(err, header->lines[0], (long)second + 1,
			    "duplicate column name (also column %zu)", first + 1);
	return 0;
}

static int bind_column(struct bound_column *b, const char *name, struct anker_batch *batch,
		       size_t capacity)
{
	if (b->kind == ANKER_VARIABLE_CATEGORICAL) {
		b->strings = calloc(capacity, sizeof(*b->strings));
		if (!b->strings)
			return ANKER_E_NO_MEMORY;
		return anker_batch_bind_strings(batch, name, b->strings, 0);
	}
	b->numbers = calloc(capacity, sizeof(*b->numbers));
	if (!b->numbers)
		return ANKER_E_NO_MEMORY;
	return anker_batch_bind_f64(batch, name, b->numbers, 0);
}

static bool is_absent(const struct case_columns_options *options, const char *name)
{
	for (size_t i = 0; i < options->n_absent; i++)
		if (strcmp(options->absent[i], name) == 0)
			return true;
	return false;
}

/*
 * The ignored column nearest to variable @p var, if any: the one for which the
 * model suggests @p var, so that "did you mean" follows the library's one rule.
 */
static const char *ignored_column_near(const struct csv_chunk *header,
				       const struct anker_model *model, long id_column,
				       const char *var)
{
	for (size_t i = 0; i < header->n_fields; i++) {
		const char *name = csv_chunk_field(header, 0, i);
		if ((long)i == id_column || anker_model_find_variable(model, name) >= 0)
			continue;
		const char *near = anker_model_suggest_variable(model, name);
		if (near && strcmp(near, var) == 0)
			return name;
	}
	return NULL;
}

int case_columns_check_variables(const struct case_columns *cc, const struct csv_chunk *header,
				 const struct anker_model *model,
				 const struct case_columns_options *options,
				 struct column_error *err)
{
	long header_line = header->lines[0];
	size_t n = anker_model_get_variable_count(model);
	for (size_t v = 0; v < n; v++) {
		const char *var = anker_model_get_variable_name(model, v);
		int column = find_column(header, var);
		bool absent = is_absent(options, var);
		if (column >= 0 && absent)
			return fail(err, header_line, column + 1,
				    "the column is there, but --absent %s says it is not", var);
		if (column >= 0 || absent)
			continue;
		const char *near = options->ignore_extra
				       ? ignored_column_near(header, model, cc->id_column, var)
				       : NULL;
		if (near)
			return fail(err, 0, 0,
				    "no column for '%s'; did you mean '%s'? (use --absent %s if "
				    "it is missing for every case)",
				    var, near, var);
		return fail(err, 0, 0,
			    "no column for '%s' (use --absent %s if it is missing for every case)",
			    var, var);
	}
	return 0;
}

int case_columns_setup(struct case_columns *cc, const struct csv_chunk *header,
		       const struct anker_model *model, struct anker_batch *batch,
		       const struct case_columns_options *options, struct column_error *err)
{
	long header_line = header->lines[0];
	memset(cc, 0, sizeof(*cc));
	cc->capacity = options->capacity;
	cc->na_texts = options->na_texts;
	cc->n_na_texts = options->n_na_texts;
	cc->id_column = find_column(header, options->id_column ? options->id_column : "id");
	if (options->id_column && cc->id_column < 0)
		return fail(err, header_line, 0, "no column called \"%s\" (given with --id-column)",
			    options->id_column);
	if (check_duplicates(header, err) < 0)
		return -1;

	cc->bound = calloc(header->n_fields, sizeof(*cc->bound));
	if (!cc->bound)
		return fail(err, header_line, 0, "out of memory");
	for (size_t i = 0; i < header->n_fields; i++) {
		const char *name = csv_chunk_field(header, 0, i);
		int var = anker_model_find_variable(model, name);
		if (var < 0) {
			if ((long)i == cc->id_column || options->ignore_extra)
				continue;
			const char *near = anker_model_suggest_variable(model, name);
			if (near)
				return fail(err, header_line, (long)i + 1,
					    "no variable of that name in model %s; did you mean "
					    "'%s'? (--ignore-extra skips such columns)",
					    anker_model_get_id(model), near);
			return fail(err, header_line, (long)i + 1,
				    "%s in model %s (--ignore-extra skips such columns)",
				    name[0] ? "no variable of that name"
					    : "empty column name, no variable",
				    anker_model_get_id(model));
		}
		struct bound_column *b = &cc->bound[cc->n_bound++];
		b->column = i;
		b->kind = anker_model_get_variable_kind(model, (size_t)var);
		int rc = bind_column(b, name, batch, cc->capacity);
		if (rc < 0)
			return fail(err, header_line, (long)i + 1, "cannot bind the column: %s",
				    anker_strerror(rc));
	}
	return 0;
}

static bool is_missing(const struct case_columns *cc, const char *s, size_t len)
{
	if (len == 0)
		return true;
	for (size_t i = 0; i < cc->n_na_texts; i++)
		if (strcmp(cc->na_texts[i], s) == 0)
			return true;
	return false;
}

/* Parse column @p b for rows [0, n); return the first bad row, or n when all are good. */
static size_t fill_column(const struct case_columns *cc, struct bound_column *b,
			  const struct csv_chunk *chunk, size_t n, char *why, size_t why_size)
{
	for (size_t row = 0; row < n; row++) {
		const char *s = csv_chunk_field(chunk, row, b->column);
		size_t len = csv_chunk_field_len(chunk, row, b->column);
		bool missing = is_missing(cc, s, len);
		if (b->kind == ANKER_VARIABLE_CATEGORICAL) {
			b->strings[row] = missing ? NULL : s;
			continue;
		}
		if (missing) {
			b->numbers[row] = NAN;
			continue;
		}
		char shown[CELL_QUOTED_SIZE];
		int rc = b->kind == ANKER_VARIABLE_BOOLEAN
			     ? value_parse_boolean(s, len, &b->numbers[row])
			     : value_parse_number(s, len, &b->numbers[row]);
		if (rc == VALUE_OK)
			continue;
		format_cell_quoted(shown, sizeof(shown), s, len);
		switch (rc) {
		case VALUE_NOT_A_BOOLEAN:
			snprintf(why, why_size,
				 "not a boolean (1/0, true/false, yes/no, ja/nee): %s", shown);
			break;
		case VALUE_OVERFLOW:
			snprintf(why, why_size, "number too large: %s", shown);
			break;
		case VALUE_NO_MEMORY:
			snprintf(why, why_size, "out of memory");
			break;
		default:
			snprintf(why, why_size, "not a number: %s", shown);
		}
		return row;
	}
	return n;
}

int case_columns_fill(struct case_columns *cc, const struct csv_chunk *chunk,
		      struct column_error *err)
{
	size_t n = chunk->n_records;
	if (n > cc->capacity)
		return fail(err, 0, 0, "internal error: chunk larger than the bound arrays");
	/*
	 * Column by column is faster; to report the first bad cell in file order,
	 * later columns only need to look at rows before the first bad one so far.
	 */
	size_t bad_row = n;
	for (size_t i = 0; i < cc->n_bound; i++) {
		char why[sizeof(err->message)];
		size_t row = fill_column(cc, &cc->bound[i], chunk, bad_row, why, sizeof(why));
		if (row < bad_row) {
			bad_row = row;
			fail(err, chunk->lines[row], (long)cc->bound[i].column + 1, "%s", why);
		}
	}
	return bad_row < n ? -1 : 0;
}

void case_columns_free(struct case_columns *cc)
{
	for (size_t i = 0; i < cc->n_bound; i++) {
		free(cc->bound[i].numbers);
		free(cc->bound[i].strings);
	}
	free(cc->bound);
	memset(cc, 0, sizeof(*cc));
}
