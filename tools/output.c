/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "format.h"
#include "output.h"

static const char *band_name(const struct output *o, int band)
{
	const char *name = band >= 0 ? anker_model_get_band_name(o->model, (size_t)band) : NULL;
	return name ? name : "";
}

/* JSON has no NaN or infinity; a successful score never yields them, but stay valid JSON. */
static void json_write_number(FILE *out, double value)
{
	char buf[FORMAT_DOUBLE_SIZE];
	fputs(isfinite(value) ? format_double(value, buf) : "null", out);
}

void output_begin(struct output *o)
{
	o->rows = 0;
	if (o->format == OUTPUT_JSON) {
		fputs("[", o->stream);
		return;
	}
	fputs("id,probability,linear_predictor,band", o->stream);
	if (o->explain) {
		size_t n = anker_model_get_term_count(o->model);
		for (size_t i = 0; i < n; i++) {
			const char *term = anker_model_get_term_name(o->model, i);
			fputs(",", o->stream);
			/* Term names are identifiers; the prefix keeps them apart from the fixed columns. */
			fprintf(o->stream, "contrib.%s", term);
		}
	}
	fputs("\n", o->stream);
}

static void write_csv_row(struct output *o, const struct output_row *row)
{
	FILE *out = o->stream;
	char buf[FORMAT_DOUBLE_SIZE];
	if (row->id)
		csv_write_field(out, row->id, row->id_len);
	else
		fprintf(out, "%" PRIu64, row->row_number);
	putc(',', out);
	fputs(format_double(row->probability, buf), out);
	putc(',', out);
	fputs(format_double(row->linear_predictor, buf), out);
	putc(',', out);
	const char *band = band_name(o, row->band);
	csv_write_field(out, band, strlen(band));
	if (o->explain) {
		size_t n = anker_model_get_term_count(o->model);
		for (size_t i = 0; i < n; i++) {
			putc(',', out);
			fputs(format_double(row->contributions[i], buf), out);
		}
	}
	putc('\n', out);
}

static void write_json_row(struct output *o, const struct output_row *row)
{
	FILE *out = o->stream;
	fputs(o->rows == 0 ? "\n{\"id\": " : ",\n{\"id\": ", out);
	if (row->id)
		json_write_string(out, row->id, row->id_len);
	else
		fprintf(out, "%" PRIu64, row->row_number);
	fputs(", \"probability\": ", out);
	json_write_number(out, row->probability);
	fputs(", \"linear_predictor\": ", out);
	json_write_number(out, row->linear_predictor);
	fputs(", \"band\": ", out);
	const char *band = band_name(o, row->band);
	json_write_string(out, band, strlen(band));
	if (o->explain) {
		fputs(", \"contributions\": {", out);
		size_t n = anker_model_get_term_count(o->model);
		for (size_t i = 0; i < n; i++) {
			const char *term = anker_model_get_term_name(o->model, i);
			if (i > 0)
				fputs(", ", out);
			json_write_string(out, term, strlen(term));
			fputs(": ", out);
			json_write_number(out, row->contributions[i]);
		}
		putc('}', out);
	}
	putc('}', out);
}

void output_write_row(struct output *o, const struct output_row *row)
{
	if (o->format == OUTPUT_JSON)
		write_json_row(o, row);
	else
		write_csv_row(o, row);
	o->rows++;
}

void output_end(struct output *o)
{
	if (o->format == OUTPUT_JSON)
		fputs("\n]\n", o->stream);
}
