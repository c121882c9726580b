/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Each row is read as the flat fields of one case; the output has fixed
 * columns (the end date, then one per rule of anker_timeline_rule_name()),
 * so that a caseload's rows line up whatever applies to each case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caseload-files.h"
#include "command.h"
#include "format.h"
#include "progress.h"
#include "timeline-caseload.h"

#define CHUNK_ROWS 1024

struct caseload {
	const struct timeline_caseload_options *opt;
	struct anker_ctx *ctx;
	const struct anker_wwb_norms *norms;
	struct anker_error *err;
	struct caseload_files files;
	struct csv_chunk header, chunk;
	struct progress progress;
	long id_column; /* -1 for none */
	const char **names, **values;
	size_t n_fields, *field_columns;
	unsigned long long rows;
};

static int row_error(struct caseload *c, long line, const char *text)
{
	progress_clear(&c->progress);
	message("%s:%ld: %s", c->files.in_name, line, text);
	return ANKER_EXIT_DATA;
}

static bool is_field(const char *name)
{
	for (size_t i = 0; anker_timeline_field_name(i); i++)
		if (strcmp(anker_timeline_field_name(i), name) == 0)
			return true;
	return false;
}

static int map_columns(struct caseload *c)
{
	size_t n = c->header.n_fields;
	const char *id_name = c->opt->id_column ? c->opt->id_column : "id";
	c->names = calloc(n, sizeof(*c->names));
	c->values = calloc(n, sizeof(*c->values));
	c->field_columns = calloc(n, sizeof(*c->field_columns));
	if (!c->names || !c->values || !c->field_columns) {
		message("out of memory");
		return ANKER_EXIT_DATA;
	}
	c->id_column = -1;
	for (size_t col = 0; col < n; col++) {
		const char *name = csv_chunk_field(&c->header, 0, col);
		if (strcmp(name, id_name) == 0 && c->id_column < 0) {
			c->id_column = (long)col;
		} else if (is_field(name)) {
			c->names[c->n_fields] = name;
			c->field_columns[c->n_fields++] = col;
		} else {
			message("%s: column %zu '%s' is no timeline field (see anker help "
				"timeline)",
				c->files.in_name, col + 1, name);
			return ANKER_EXIT_DATA;
		}
	}
	if (c->opt->id_column && c->id_column < 0) {
		message("%s: no id column '%s'", c->files.in_name, id_name);
		return ANKER_EXIT_DATA;
	}
	return 0;
}

static void write_header(FILE *out)
{
	fputs("id,ww_last_day,duration_months,capped,pension_date", out);
	for (size_t i = 0; anker_timeline_rule_name(i); i++)
		fprintf(out, ",%s", anker_timeline_rule_name(i));
	fputs("\n", out);
}

static void write_row(struct caseload *c, size_t record, const struct anker_timeline *t)
{
	FILE *out = c->files.out;
	if (c->id_column >= 0)
		csv_write_field(out, csv_chunk_field(&c->chunk, record, (size_t)c->id_column),
				csv_chunk_field_len(&c->chunk, record, (size_t)c->id_column));
	else
		fprintf(out, "%llu", c->rows);
	fprintf(out, ",%s,%g,%d,%s", anker_timeline_get_ww_last_day(t),
		anker_timeline_get_duration_months(t), anker_timeline_get_capped(t),
		anker_timeline_get_pension_date(t));
	for (size_t i = 0; anker_timeline_rule_name(i); i++) {
		long k = anker_timeline_find(t, anker_timeline_rule_name(i));
		fprintf(out, ",%s", k < 0 ? "" : anker_timeline_get_date(t, (size_t)k));
	}
	fputs("\n", out);
}

static int one_row(struct caseload *c, size_t record)
{
	for (size_t i = 0; i < c->n_fields; i++)
		c->values[i] = csv_chunk_field(&c->chunk, record, c->field_columns[i]);
	struct anker_timeline *t = NULL;
	if (anker_timeline_from_fields(c->ctx, c->norms, c->names, c->values, c->n_fields, c->err,
				       &t) < 0)
		return row_error(c, c->chunk.lines[record], anker_error_message(c->err));
	c->rows++;
	write_row(c, record, t);
	anker_timeline_free(t);
	return 0;
}

static int all_rows(struct caseload *c)
{
	struct csv_error cerr;
	int h = csv_reader_read_header(c->files.reader, &c->header, &cerr);
	if (h < 0)
		return row_error(c, cerr.line, cerr.message);
	if (h == 0) {
		message("%s: no header", c->files.in_name);
		return ANKER_EXIT_DATA;
	}
	int status = map_columns(c);
	if (status)
		return status;
	write_header(c->files.out);
	for (;;) {
		long n = csv_reader_read_chunk(c->files.reader, CHUNK_ROWS, &c->chunk, &cerr);
		if (n < 0)
			return row_error(c, cerr.line, cerr.message);
		if (n == 0)
			return 0;
		for (size_t i = 0; i < (size_t)n; i++) {
			if ((status = one_row(c, i)))
				return status;
			progress_update(&c->progress, c->rows,
					csv_reader_bytes_read(c->files.reader));
		}
	}
}

static uint64_t input_size(FILE *in)
{
	struct stat st;
	return fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
}

int timeline_caseload_run(const struct timeline_caseload_options *opt, struct anker_ctx *ctx,
			  const struct anker_wwb_norms *norms, struct anker_error *err)
{
	struct caseload c = {.opt = opt, .ctx = ctx, .norms = norms, .err = err};
	csv_chunk_init(&c.header);
	csv_chunk_init(&c.chunk);
	int status = caseload_files_open(&c.files, opt->in_path, opt->out_path);
	if (!status) {
		bool show = !opt->quiet && (opt->progress || isatty(STDERR_FILENO));
		progress_init(&c.progress, show, input_size(c.files.in));
		status = all_rows(&c);
		progress_clear(&c.progress);
	}
	if (!status)
		status = caseload_files_commit(&c.files, opt->out_path);
	caseload_files_close(&c.files);
	csv_chunk_free(&c.chunk);
	csv_chunk_free(&c.header);
	free(c.names);
	free(c.values);
	free(c.field_columns);
	return status;
}
