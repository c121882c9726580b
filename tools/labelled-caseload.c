// SPDX-License-Identifier: GPL-3.0-or-later
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "case-columns.h"
#include "caseload-files.h"
#include "command.h"
#include "format.h"
#include "labelled-caseload.h"
#include "progress.h"
#include "terminal-text.h"
#include "value-parse.h"

#define CHUNK_ROWS 4096

static const char *const label_names[N_LABELS] = {"outcome", "time", "event"};

struct reading {
	const char *name; /* for messages */
	struct anker_model *model;
	const struct labelled_options *opt;
	struct labelled_caseload *out;
	struct caseload_files files;
	struct csv_chunk header, chunk;
	struct case_columns columns;
	struct anker_batch *batch;
	struct anker_error *err;
	struct progress progress;
	long label_columns[N_LABELS]; /* 0-based, or -1 */
	long *group_columns;
	long *variable_of; /* per bound column: the model variable */
};

static int fail(struct reading *r, long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(struct reading *r, long line, long column, const char *fmt, ...)
{
	progress_clear(&r->progress);
	char where[64] = "";
	if (line > 0 && column > 0)
		snprintf(where, sizeof(where), ":%ld:%ld", line, column);
	else if (line > 0)
		snprintf(where, sizeof(where), ":%ld", line);
	char text[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	message("%s%s: %s", r->name, where, text);
	return ANKER_EXIT_DATA;
}

static long find_column(const struct csv_chunk *header, const char *name)
{
	for (size_t i = 0; i < header->n_fields; i++)
		if (strcmp(csv_chunk_field(header, 0, i), name) == 0)
			return (long)i;
	return -1;
}

static int find_columns(struct reading *r)
{
	const struct labelled_options *o = r->opt;
	for (int k = 0; k < N_LABELS; k++) {
		r->label_columns[k] = o->labels[k] ? find_column(&r->header, o->labels[k]) : -1;
		if (o->labels[k] && r->label_columns[k] < 0)
			return fail(r, 1, 0, "no %s column '%s'", label_names[k], o->labels[k]);
	}
	r->group_columns = calloc(o->n_groups ? o->n_groups : 1, sizeof(*r->group_columns));
	if (!r->group_columns)
		return fail(r, 0, 0, "%s", "out of memory");
	for (size_t g = 0; g < o->n_groups; g++) {
		r->group_columns[g] = find_column(&r->header, o->groups[g]);
		if (r->group_columns[g] < 0)
			return fail(r, 1, 0, "no group column '%s'", o->groups[g]);
	}
	r->variable_of = calloc(r->columns.n_bound ? r->columns.n_bound : 1, sizeof(long));
	if (!r->variable_of)
		return fail(r, 0, 0, "%s", "out of memory");
	for (size_t b = 0; b < r->columns.n_bound; b++)
		r->variable_of[b] = anker_model_find_variable(
		    r->model, csv_chunk_field(&r->header, 0, r->columns.bound[b].column));
	return 0;
}

static int grow(struct reading *r, size_t need)
{
	struct labelled_caseload *c = r->out;
	if (need <= c->capacity)
		return 0;
	size_t cap = c->capacity ? c->capacity : CHUNK_ROWS;
	while (cap < need)
		cap *= 2;
#define GROW(ptr)                                                                                  \
	do {                                                                                       \
		void *more = realloc((ptr), cap * sizeof(*(ptr)));                                 \
		if (!more)                                                                         \
			return -1;                                                                 \
		(ptr) = more;                                                                      \
	} while (0)
	GROW(c->probability);
	for (int k = 0; k < N_LABELS; k++)
		if (r->label_columns[k] >= 0)
			GROW(c->labels[k]);
	for (size_t g = 0; g < c->n_groups; g++) {
		GROW(c->groups[g]);
		/* NULL until read, so that a failure part-way frees what was read */
		memset(c->groups[g] + c->capacity, 0, (cap - c->capacity) * sizeof(char *));
	}
	for (size_t v = 0; v < c->n_variables; v++) {
		if (c->numbers[v])
			GROW(c->numbers[v]);
		if (c->levels[v])
			GROW(c->levels[v]);
	}
#undef GROW
	c->capacity = cap;
	return 0;
}

/* The arrays of the variables that have a column. */
static int setup_output(struct reading *r)
{
	struct labelled_caseload *c = r->out;
	c->n_groups = r->opt->n_groups;
	c->n_variables = anker_model_get_variable_count(r->model);
	c->groups = calloc(c->n_groups ? c->n_groups : 1, sizeof(*c->groups));
	c->numbers = calloc(c->n_variables ? c->n_variables : 1, sizeof(*c->numbers));
	c->levels = calloc(c->n_variables ? c->n_variables : 1, sizeof(*c->levels));
	if (!c->groups || !c->numbers || !c->levels)
		return -1;
	for (size_t b = 0; b < r->columns.n_bound; b++) {
		long v = r->variable_of[b];
		if (v < 0)
			continue;
		/* a 1-element start, grown with the rest */
		/* booleans are two levels, 0 and 1, as in the Python binding */
		if (r->columns.bound[b].kind != ANKER_VARIABLE_NUMERIC)
			c->levels[v] = malloc(sizeof(int32_t));
		else
			c->numbers[v] = malloc(sizeof(double));
		if (!c->levels[v] && !c->numbers[v])
			return -1;
	}
	return 0;
}

/* A label cell: a 0/1 outcome or event, or a time of at least 0; never empty. */
static int read_label(struct reading *r, size_t row, int k, double *ret)
{
	size_t col = (size_t)r->label_columns[k];
	const char *cell = csv_chunk_field(&r->chunk, row, col);
	size_t len = csv_chunk_field_len(&r->chunk, row, col);
	long line = r->chunk.lines[row];
	if (len == 0)
		return fail(r, line, (long)col + 1, "the %s is missing", label_names[k]);
	double x;
	bool ok = value_parse_number(cell, len, &x) == VALUE_OK &&
		  (k == LABEL_TIME ? x >= 0 : x == 0 || x == 1);
	if (!ok) {
		char shown[CELL_QUOTED_SIZE];
		format_cell_quoted(shown, sizeof(shown), cell, len);
		return fail(r, line, (long)col + 1, "the %s is not %s: %s", label_names[k],
			    k == LABEL_TIME ? "a number of at least 0" : "0 or 1", shown);
	}
	*ret = x;
	return 0;
}

static int score_error(struct reading *r, int rc)
{
	long long index = anker_error_case_index(r->err);
	const char *text = anker_error_text(r->err);
	if (!text[0])
		text = anker_strerror(rc);
	if (index < 0 || (size_t)index >= r->chunk.n_records)
		return fail(r, 0, 0, "%s", anker_error_message(r->err));
	const char *field = anker_error_field(r->err);
	long column = field ? find_column(&r->header, field) : -1;
	return fail(r, r->chunk.lines[index], column + 1, "%s", text);
}

static int take_chunk(struct reading *r, size_t n)
{
	struct labelled_caseload *c = r->out;
	if (grow(r, c->n + n) < 0)
		return fail(r, 0, 0, "%s", "out of memory");
	int rc = anker_batch_bind_output_f64(r->batch, r->opt->score, c->probability + c->n);
	if (rc == 0)
		rc = anker_batch_run(r->batch, n, NULL, r->err);
	if (rc < 0)
		return score_error(r, rc);
	for (size_t i = 0; i < n; i++) {
		size_t at = c->n + i;
		for (int k = 0; k < N_LABELS; k++)
			if (r->label_columns[k] >= 0 && read_label(r, i, k, &c->labels[k][at]) != 0)
				return ANKER_EXIT_DATA;
		for (size_t g = 0; g < c->n_groups; g++) {
			size_t col = (size_t)r->group_columns[g];
			const char *cell = csv_chunk_field(&r->chunk, i, col);
			c->groups[g][at] = cell[0] ? strdup(cell) : NULL;
			if (cell[0] && !c->groups[g][at])
				return fail(r, 0, 0, "%s", "out of memory");
		}
		for (size_t b = 0; b < r->columns.n_bound; b++) {
			const struct bound_column *bc = &r->columns.bound[b];
			long v = r->variable_of[b];
			if (v < 0)
				continue;
			if (c->levels[v] && bc->kind == ANKER_VARIABLE_BOOLEAN) {
				double x = bc->numbers[i];
				c->levels[v][at] = isnan(x) ? -1 : x != 0;
			} else if (c->levels[v]) {
				const char *s = bc->strings[i];
				int code = s ? anker_model_find_level(r->model, (size_t)v, s) : -1;
				c->levels[v][at] = code >= 0 ? code : -1;
			} else {
				c->numbers[v][at] = bc->numbers[i];
			}
		}
	}
	c->n += n;
	return 0;
}

static int open_and_check(struct reading *r, const char *path)
{
	if (caseload_files_open(&r->files, path, NULL) != 0)
		return ANKER_EXIT_DATA;
	r->name = r->files.in_name;
	struct csv_error cerr;
	int rc = csv_reader_read_header(r->files.reader, &r->header, &cerr);
	if (rc <= 0)
		return rc < 0
			   ? fail(r, cerr.line, cerr.column, "%s", cerr.message)
			   : fail(r, 0, 0, "%s", "the file is empty: the caseload has no header");
	if (anker_error_new(&r->err) < 0 || anker_batch_new(r->model, 0, &r->batch) < 0)
		return fail(r, 0, 0, "%s", "out of memory");
	struct case_columns_options copt = {.ignore_extra = true, .capacity = CHUNK_ROWS};
	struct column_error colerr;
	if (case_columns_setup(&r->columns, &r->header, r->model, r->batch, &copt, &colerr) < 0 ||
	    case_columns_check_variables(&r->columns, &r->header, r->model, &copt, &colerr) < 0)
		return fail(r, colerr.line, colerr.column, "%s", colerr.message);
	if (find_columns(r) != 0)
		return ANKER_EXIT_DATA;
	if (setup_output(r) < 0)
		return fail(r, 0, 0, "%s", "out of memory");
	return 0;
}

static int read_all(struct reading *r, const char *path)
{
	int rc = open_and_check(r, path);
	if (rc != 0)
		return rc;
	struct stat st;
	bool sized = fstat(fileno(r->files.in), &st) == 0 && S_ISREG(st.st_mode);
	progress_init(&r->progress, r->opt->progress, sized ? (uint64_t)st.st_size : 0);
	for (;;) {
		struct csv_error cerr;
		long n = csv_reader_read_chunk(r->files.reader, CHUNK_ROWS, &r->chunk, &cerr);
		if (n < 0)
			return fail(r, cerr.line, cerr.column, "%s", cerr.message);
		if (n == 0)
			break;
		struct column_error colerr;
		if (case_columns_fill(&r->columns, &r->chunk, &colerr) < 0)
			return fail(r, colerr.line, colerr.column, "%s", colerr.message);
		if (take_chunk(r, (size_t)n) != 0)
			return ANKER_EXIT_DATA;
		progress_update(&r->progress, r->out->n, csv_reader_bytes_read(r->files.reader));
	}
	progress_clear(&r->progress);
	if (r->out->n == 0)
		return fail(r, 0, 0, "%s", "the caseload has no cases: nothing to evaluate");
	return 0;
}

int labelled_caseload_read(const char *path, struct anker_model *model,
			   const struct labelled_options *options, struct labelled_caseload *out)
{
	memset(out, 0, sizeof(*out));
	struct reading r = {.name = path, .model = model, .opt = options, .out = out};
	csv_chunk_init(&r.header);
	csv_chunk_init(&r.chunk);
	int rc = read_all(&r, path);
	case_columns_free(&r.columns);
	csv_chunk_free(&r.header);
	csv_chunk_free(&r.chunk);
	caseload_files_close(&r.files);
	anker_batch_free(r.batch);
	anker_error_free(r.err);
	free(r.group_columns);
	free(r.variable_of);
	if (rc != 0)
		labelled_caseload_free(out);
	return rc;
}

void labelled_caseload_free(struct labelled_caseload *c)
{
	for (size_t g = 0; c->groups && g < c->n_groups; g++) {
		for (size_t i = 0; c->groups[g] && i < c->capacity; i++)
			free(c->groups[g][i]);
		free(c->groups[g]);
	}
	for (size_t v = 0; c->numbers && v < c->n_variables; v++) {
		free(c->numbers[v]);
		free(c->levels[v]);
	}
	free(c->groups);
	free(c->numbers);
	free(c->levels);
	free(c->probability);
	for (int k = 0; k < N_LABELS; k++)
		free(c->labels[k]);
	memset(c, 0, sizeof(*c));
}
