/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The history file of `anker fit` (fit-history.h). */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "command.h"
#include "csv-reader.h"
#include "fit-history.h"
#include "terminal-text.h"
#include "value-parse.h"

#define CHUNK_ROWS 8192

int history_report(const struct history *h, long line, const struct column *col, const char *fmt,
		   ...)
{
	char text[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	progress_clear((struct progress *)&h->progress);
	char where[64] = "";
	if (line > 0 && col)
		snprintf(where, sizeof(where), ":%ld:%zu", line, col->field + 1);
	else if (line > 0)
		snprintf(where, sizeof(where), ":%ld", line);
	if (col)
		message("%s%s (%s): %s", h->path, where, col->name, text);
	else
		message("%s%s: %s", h->path, where, text);
	return ANKER_EXIT_DATA;
}

int history_sha256(const char *path, char hex[65])
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	struct sha256_ctx sc;
	sha256_init(&sc);
	unsigned char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		sha256_update(&sc, got, buf);
	bool failed = ferror(f);
	fclose(f);
	if (failed)
		return -1;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_digest(&sc, sizeof(digest), digest);
	for (size_t i = 0; i < sizeof(digest); i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return 0;
}

static long find_field(const struct csv_chunk *header, const char *name)
{
	for (size_t i = 0; i < header->n_fields; i++)
		if (strcmp(csv_chunk_field(header, 0, i), name) == 0)
			return (long)i;
	return -1;
}

/* The columns to read: every variable of the model, the outcome, the weights. */
static int plan_columns(struct history *h, const struct csv_chunk *header,
			const struct anker_model *model, const struct history_request *req)
{
	size_t nv = anker_model_get_variable_count(model);
	h->cols = calloc(nv + 3, sizeof(*h->cols));
	if (!h->cols)
		return history_report(h, 0, NULL, "out of memory");
	static const char *const given[] = {" (given with --outcome or --event)",
					    " (given with --weights)", " (given with --time)"};
	for (size_t v = 0; v < nv + 3; v++) {
		const char *name = v < nv	 ? anker_model_get_variable_name(model, v)
				   : v == nv	 ? req->outcome
				   : v == nv + 1 ? req->weights
						 : req->time;
		if (!name)
			continue;
		long field = find_field(header, name);
		if (field < 0)
			return history_report(
			    h, header->lines[0], NULL, "no column called '%s'%s", name,
			    v >= nv ? given[v - nv] : ", a variable of the model");
		struct column *c = &h->cols[h->n_cols++];
		c->name = name;
		c->field = (size_t)field;
		c->kind = v < nv ? anker_model_get_variable_kind(model, v) : -1;
		c->variable = v;
		c->is_outcome = v == nv;
		c->is_weights = v == nv + 1;
		c->is_time = v == nv + 2;
	}
	return 0;
}

static int grow(struct history *h, size_t need)
{
	if (need <= h->cap)
		return 0;
	size_t cap = h->cap ? h->cap * 2 : CHUNK_ROWS;
	while (cap < need)
		cap *= 2;
	long *lines = realloc(h->lines, cap * sizeof(long));
	if (!lines)
		return -1;
	h->lines = lines;
	for (size_t i = 0; i < h->n_cols; i++) {
		struct column *c = &h->cols[i];
		if (c->kind == ANKER_VARIABLE_CATEGORICAL) {
			int32_t *codes = realloc(c->codes, cap * sizeof(int32_t));
			if (!codes)
				return -1;
			c->codes = codes;
		} else {
			double *numbers = realloc(c->numbers, cap * sizeof(double));
			if (!numbers)
				return -1;
			c->numbers = numbers;
		}
	}
	h->cap = cap;
	return 0;
}

static int read_cell(struct history *h, const struct anker_model *model, struct column *c,
		     const struct csv_chunk *chunk, size_t row, size_t at)
{
	const char *s = csv_chunk_field(chunk, row, c->field);
	size_t len = csv_chunk_field_len(chunk, row, c->field);
	if (c->kind == ANKER_VARIABLE_CATEGORICAL) {
		int code = len ? anker_model_find_level(model, c->variable, s) : -1;
		if (len && code < 0) {
			char shown[CELL_QUOTED_SIZE];
			format_cell_quoted(shown, sizeof(shown), s, len);
			return history_report(h, chunk->lines[row], c,
					      "not a level of the variable: %s", shown);
		}
		c->codes[at] = code;
		return 0;
	}
	if (len == 0) {
		c->numbers[at] = NAN;
		return 0;
	}
	bool boolean = c->kind == ANKER_VARIABLE_BOOLEAN || c->is_outcome;
	int rc = boolean ? value_parse_boolean(s, len, &c->numbers[at])
			 : value_parse_number(s, len, &c->numbers[at]);
	/* an outcome may also be written as a number (1.0); the library checks it is 0 or 1 */
	if (rc != VALUE_OK && c->is_outcome &&
	    value_parse_number(s, len, &c->numbers[at]) == VALUE_OK)
		return 0;
	if (rc == VALUE_OK)
		return 0;
	char shown[CELL_QUOTED_SIZE];
	format_cell_quoted(shown, sizeof(shown), s, len);
	return history_report(
	    h, chunk->lines[row], c, "%s: %s",
	    boolean ? "not a boolean (1/0, true/false, yes/no, ja/nee)" : "not a number", shown);
}

int history_read(struct history *h, const struct anker_model *model,
		 const struct history_request *req)
{
	int fd = open(h->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return history_report(h, 0, NULL, "cannot open: %s", strerror(errno));
	struct stat st;
	progress_init(&h->progress, req->progress,
		      fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0);
	struct csv_reader *r = csv_reader_new(fd);
	struct csv_chunk header, chunk;
	csv_chunk_init(&header);
	csv_chunk_init(&chunk);
	struct csv_error cerr = {0};
	int status = ANKER_EXIT_DATA;
	if (!r) {
		history_report(h, 0, NULL, "out of memory");
		goto out;
	}
	if (csv_reader_read_header(r, &header, &cerr) < 0) {
		history_report(h, cerr.line, NULL, "%s", cerr.message);
		goto out;
	}
	if (plan_columns(h, &header, model, req) != 0)
		goto out;
	for (;;) {
		long got = csv_reader_read_chunk(r, CHUNK_ROWS, &chunk, &cerr);
		if (got < 0) {
			history_report(h, cerr.line, NULL, "%s", cerr.message);
			goto out;
		}
		if (got == 0)
			break;
		if (grow(h, h->n + (size_t)got) < 0) {
			history_report(h, 0, NULL, "out of memory");
			goto out;
		}
		for (size_t row = 0; row < (size_t)got; row++) {
			h->lines[h->n + row] = chunk.lines[row];
			for (size_t i = 0; i < h->n_cols; i++)
				if (read_cell(h, model, &h->cols[i], &chunk, row, h->n + row) != 0)
					goto out;
		}
		h->n += (size_t)got;
		progress_update(&h->progress, h->n, csv_reader_bytes_read(r));
	}
	status = 0;
out:
	progress_clear(&h->progress);
	csv_chunk_free(&header);
	csv_chunk_free(&chunk);
	csv_reader_free(r);
	close(fd);
	return status;
}

void history_free(struct history *h)
{
	for (size_t i = 0; i < h->n_cols; i++) {
		free(h->cols[i].numbers);
		free(h->cols[i].codes);
	}
	free(h->cols);
	free(h->lines);
	h->cols = NULL;
	h->lines = NULL;
	h->n_cols = 0;
}
