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

#include "caseload-fields.h"
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
	struct caseload_fields fields;
	unsigned long long rows;
};

static int row_error(struct caseload *c, long line, const char *text)
{
	progress_clear(&c->progress);
	message("%s:%ld: %s", c->files.in_name, line, text);
	return ANKER_EXIT_DATA;
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
	long id = c->fields.id_column;
	if (id >= 0)
		csv_write_field(out, csv_chunk_field(&c->chunk, record, (size_t)id),
				csv_chunk_field_len(&c->chunk, record, (size_t)id));
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
	caseload_fields_read(&c->fields, &c->chunk, record);
	struct anker_timeline *t = NULL;
	if (anker_timeline_from_fields(c->ctx, c->norms, c->fields.names, c->fields.values,
				       c->fields.n_fields, c->err, &t) < 0)
		return row_error(c, c->chunk.lines[record], anker_error_message(c->err));
	c->rows++;
	write_row(c, record, t);
	anker_timeline_free(t);
	return 0;
}

static int all_rows(struct caseload *c)
{
	struct csv_error cerr;
	int status = caseload_fields_read_header(&c->fields, c->files.reader, &c->header,
						 c->files.in_name, c->opt->id_column,
						 anker_timeline_field_name, "timeline", "timeline");
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
	caseload_fields_free(&c.fields);
	return status;
}
