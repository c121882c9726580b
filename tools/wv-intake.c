/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `anker werkverkenner --in` (wv-intake.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assess-io.h"
#include "command.h"
#include "csv-reader.h"
#include "output-file.h"
#include "progress.h"
#include "wv-intake.h"
#include "wv-outcome.h"

#define CHUNK_ROWS 1024

struct intake {
	struct csv_reader *reader;
	struct csv_chunk header, chunk;
	struct assess_columns cols;
	struct anker_case *c;
	struct output_file *file;
	FILE *out;
	bool followup_column, header_written;
};

static bool intake_rows(const struct wv_intake_options *o, const struct anker_profile *p,
			size_t estimate, struct intake *in, size_t n, struct anker_error *err)
{
	for (size_t i = 0; i < n; i++) {
		struct anker_assessment *a = NULL;
		if (assess_columns_fill(&in->cols, &in->chunk, i, in->c, o->in_path) < 0)
			return false;
		if (anker_profile_assess(p, in->c, 0, &a, err) < 0) {
			message("%s:%ld: %s", o->in_path, in->chunk.lines[i],
				anker_error_message(err));
			return false;
		}
		struct wv_outcome outcome;
		wv_outcome_get(p, estimate, a, o->lang, &outcome);
		const char *id = in->cols.id_column >= 0
				     ? csv_chunk_field(&in->chunk, i, (size_t)in->cols.id_column)
				     : NULL;
		if (!in->header_written) {
			wv_print_csv_header(in->out, &outcome, in->cols.id_column >= 0, o->top,
					    in->followup_column);
			in->header_written = true;
		}
		wv_print_csv_row(in->out, &outcome, id, o->top, in->followup_column);
		anker_assessment_free(a);
	}
	return true;
}

int wv_run_intake(const struct wv_intake_options *o, const struct anker_profile *p, size_t estimate,
		  struct anker_ctx *ctx, struct anker_error *err)
{
	bool stdin_in = strcmp(o->in_path, "-") == 0;
	int fd = stdin_in ? 0 : open(o->in_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		message("%s: cannot open: %s", o->in_path, strerror(errno));
		return ANKER_EXIT_DATA;
	}
	struct intake in = {.reader = csv_reader_new(fd), .out = stdout};
	csv_chunk_init(&in.header);
	csv_chunk_init(&in.chunk);
	struct csv_error cerr = {0};
	bool ok = false;
	struct stat st;
	bool regular = !stdin_in && fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	if (!in.reader || anker_case_new(ctx, &in.c) < 0) {
		message("out of memory");
		goto out;
	}
	if (csv_reader_read_header(in.reader, &in.header, &cerr) < 0) {
		message("%s:%ld: %s", o->in_path, cerr.line, cerr.message);
		goto out;
	}
	if (assess_columns_setup(&in.cols, &in.header, p, o->id_column, false, o->in_path) < 0)
		goto out;
	const char *first_var = NULL;
	anker_profile_get_followup(p, NULL, &first_var, NULL);
	for (size_t k = 0; k < in.cols.count; k++)
		in.followup_column =
		    in.followup_column || strcmp(in.cols.items[k].name, first_var) == 0;
	if (o->out_path) {
		char why[PATH_MAX + 256];
		in.file = output_file_open(o->out_path, regular ? &st : NULL, o->in_path, why,
					   sizeof(why));
		if (!in.file) {
			message("%s", why);
			goto out;
		}
		in.out = output_file_stream(in.file);
	}
	struct progress progress;
	progress_init(&progress, o->progress, regular ? (uint64_t)st.st_size : 0);
	uint64_t rows = 0;
	ok = true;
	for (;;) {
		long n = csv_reader_read_chunk(in.reader, CHUNK_ROWS, &in.chunk, &cerr);
		if (n < 0) {
			message("%s:%ld: %s", o->in_path, cerr.line, cerr.message);
			ok = false;
		}
		if (n <= 0)
			break;
		ok = intake_rows(o, p, estimate, &in, (size_t)n, err);
		rows += (uint64_t)n;
		progress_update(&progress, rows, csv_reader_bytes_read(in.reader));
		if (!ok)
			break;
	}
	progress_clear(&progress);
out:;
	int status = ANKER_EXIT_DATA;
	if (in.file) {
		if (!ok)
			output_file_abort(in.file);
		else if (output_file_commit(in.file) < 0)
			message("%s: cannot write: %s", o->out_path, strerror(errno));
		else
			status = ANKER_EXIT_OK;
	} else if (ok) {
		status = finish_stdout();
	}
	assess_columns_free(&in.cols);
	anker_case_free(in.c);
	csv_chunk_free(&in.chunk);
	csv_chunk_free(&in.header);
	csv_reader_free(in.reader);
	if (!stdin_in)
		close(fd);
	return status;
}
