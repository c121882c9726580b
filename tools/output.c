/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "output.h"
#include "run-meta.h"

static const char *band_name(const struct output *o, int band)
{
	const char *name = band >= 0 ? anker_model_get_band_name(o->model, (size_t)band) : NULL;
	return name ? name : "";
}

static const char *band_label(const struct output *o, int band)
{
	const char *label = band >= 0 ? anker_model_get_band_label(o->model, (size_t)band) : NULL;
	return label ? label : "";
}

/*
 * The words for enum anker_value_flags, in this order. A case's flags are its
 * words joined by "+" in CSV ("missing+imputed", "" for none) and an array of
 * them in JSON: words, so that a reader need not know the bit values.
 */
static const struct {
	unsigned int flag;
	const char *word;
} flag_words[] = {
    {ANKER_VALUE_FLAG_MISSING, "missing"},
    {ANKER_VALUE_FLAG_IMPUTED, "imputed"},
    {ANKER_VALUE_FLAG_CLAMPED, "clamped"},
};

static void write_flags(FILE *out, unsigned int flags, const char *open, const char *sep,
			const char *quote, const char *close)
{
	fputs(open, out);
	bool first = true;
	for (size_t i = 0; i < sizeof(flag_words) / sizeof(flag_words[0]); i++) {
		if (!(flags & flag_words[i].flag))
			continue;
		fprintf(out, "%s%s%s%s", first ? "" : sep, quote, flag_words[i].word, quote);
		first = false;
	}
	fputs(close, out);
}

/* JSON has no NaN or infinity; a successful score never yields them, but stay valid JSON. */
static void json_write_number(const struct output *o, double value)
{
	char buf[FORMAT_DOUBLE_SIZE];
	fputs(isfinite(value) ? o->number(value, buf) : "null", o->stream);
}

/* Escape every term name once, as `"name": `, into one buffer. */
static int prepare_term_keys(struct output *o)
{
	size_t n = anker_model_get_term_count(o->model), size = 0;
	char *text = NULL;
	FILE *mem = open_memstream(&text, &size);
	o->term_key_offsets = calloc(n + 1, sizeof(size_t));
	if (!mem || !o->term_key_offsets) {
		if (mem)
			fclose(mem);
		free(text);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const char *term = anker_model_get_term_name(o->model, i);
		o->term_key_offsets[i] = (size_t)ftell(mem);
		json_write_string(mem, term, strlen(term));
		fputs(": ", mem);
		putc('\0', mem);
	}
	if (fclose(mem) != 0) {
		free(text);
		return -1;
	}
	o->term_keys = text;
	return 0;
}

int output_begin(struct output *o)
{
	o->rows = 0;
	o->term_keys = NULL;
	o->term_key_offsets = NULL;
	if (o->format == OUTPUT_JSON) {
		if (o->explain && prepare_term_keys(o) < 0)
			return -1;
		fputs("{", o->stream);
		run_meta_write_model(o->stream, o->model, o->absent, o->n_absent);
		fputs(",\n\"cases\": [", o->stream);
		return 0;
	}
	fputs("id,probability,linear_predictor,band,band_label", o->stream);
	if (o->flags)
		fputs(",flags", o->stream);
	if (o->explain) {
		size_t n = anker_model_get_term_count(o->model);
		for (size_t i = 0; i < n; i++) {
			const char *term = anker_model_get_term_name(o->model, i);
			/* Term names are identifiers; the prefix keeps them apart from the fixed
			 * columns. */
			fprintf(o->stream, ",contrib.%s", term);
		}
	}
	fputs("\n", o->stream);
	return 0;
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
	fputs(o->number(row->probability, buf), out);
	putc(',', out);
	fputs(o->number(row->linear_predictor, buf), out);
	putc(',', out);
	const char *band = band_name(o, row->band);
	csv_write_field(out, band, strlen(band));
	putc(',', out);
	const char *label = band_label(o, row->band);
	csv_write_field(out, label, strlen(label));
	if (o->flags)
		write_flags(out, row->flags, ",", "+", "", "");
	if (o->explain) {
		size_t n = anker_model_get_term_count(o->model);
		for (size_t i = 0; i < n; i++) {
			putc(',', out);
			fputs(o->number(row->contributions[i], buf), out);
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
	json_write_number(o, row->probability);
	fputs(", \"linear_predictor\": ", out);
	json_write_number(o, row->linear_predictor);
	fputs(", \"band\": ", out);
	const char *band = band_name(o, row->band);
	json_write_string(out, band, strlen(band));
	fputs(", \"band_label\": ", out);
	const char *label = band_label(o, row->band);
	json_write_string(out, label, strlen(label));
	if (o->flags)
		write_flags(out, row->flags, ", \"flags\": [", ", ", "\"", "]");
	if (o->explain) {
		fputs(", \"contributions\": {", out);
		size_t n = anker_model_get_term_count(o->model);
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				fputs(", ", out);
			fputs(o->term_keys + o->term_key_offsets[i], out);
			json_write_number(o, row->contributions[i]);
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
	if (o->format == OUTPUT_JSON) {
		fputs(o->rows ? "\n],\n" : "],\n", o->stream);
		run_meta_write_counts(o->stream, o->model, o->batch, o->rows);
		fputs("}\n", o->stream);
	}
	output_free(o);
}

void output_free(struct output *o)
{
	free(o->term_keys);
	free(o->term_key_offsets);
	o->term_keys = NULL;
	o->term_key_offsets = NULL;
}
