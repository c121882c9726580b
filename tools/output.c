/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "output.h"
#include "run-meta.h"

/*
 * One output's texts, made once: its JSON keys (`, "name": ` and, for a level
 * output, `, "name_label": `) and its level names and labels with their lengths.
 */
struct output_text {
	char *keys; /* the two keys, each ending in a NUL */
	size_t label_key_offset;
	size_t n_levels;
	const char **names, **labels; /* "" where the model has none */
	size_t *name_lens, *label_lens;
};

static void free_texts(struct output *o)
{
	for (size_t k = 0; o->text && k < o->n_values; k++) {
		struct output_text *t = &o->text[k];
		free(t->keys);
		free(t->names);
		free(t->labels);
		free(t->name_lens);
		free(t->label_lens);
	}
	free(o->text);
	o->text = NULL;
}

/* The column of @p v: the model's output name, or the caller's own. */
static const char *value_name(const struct output *o, const struct output_values *v)
{
	return v->name ? v->name : anker_model_get_output_name(o->model, v->index);
}

static int prepare_text(const struct output *o, const struct output_values *v,
			struct output_text *t)
{
	const char *name = value_name(o, v);
	if (!name)
		name = "";
	size_t size = 0;
	FILE *mem = open_memstream(&t->keys, &size);
	if (!mem)
		return -1;
	fputs(", ", mem);
	json_write_string(mem, name, strlen(name));
	fputs(": ", mem);
	putc('\0', mem);
	if (v->type == ANKER_OUTPUT_LEVEL) {
		t->label_key_offset = (size_t)ftell(mem);
		/* "name_label", escaped as one string */
		size_t len = strlen(name);
		char *label_name = malloc(len + sizeof("_label"));
		if (!label_name) {
			fclose(mem);
			return -1;
		}
		memcpy(label_name, name, len);
		memcpy(label_name + len, "_label", sizeof("_label"));
		fputs(", ", mem);
		json_write_string(mem, label_name, len + strlen("_label"));
		fputs(": ", mem);
		putc('\0', mem);
		free(label_name);
	}
	if (fclose(mem) != 0)
		return -1;
	if (v->type != ANKER_OUTPUT_LEVEL)
		return 0;
	size_t n = anker_model_get_output_level_count(o->model, v->index);
	t->n_levels = n;
	t->names = calloc(n + 1, sizeof(char *));
	t->labels = calloc(n + 1, sizeof(char *));
	t->name_lens = calloc(n + 1, sizeof(size_t));
	t->label_lens = calloc(n + 1, sizeof(size_t));
	if (!t->names || !t->labels || !t->name_lens || !t->label_lens)
		return -1;
	for (size_t l = 0; l < n; l++) {
		const char *level = anker_model_get_output_level_name(o->model, v->index, l);
		const char *label = anker_model_get_output_level_label(o->model, v->index, l);
		t->names[l] = level ? level : "";
		t->labels[l] = label ? label : "";
		t->name_lens[l] = strlen(t->names[l]);
		t->label_lens[l] = strlen(t->labels[l]);
	}
	return 0;
}

static int prepare_texts(struct output *o)
{
	o->text = calloc(o->n_values + 1, sizeof(struct output_text));
	if (!o->text)
		return -1;
	for (size_t k = 0; k < o->n_values; k++)
		if (prepare_text(o, &o->values[k], &o->text[k]) < 0)
			return -1;
	return 0;
}

/* A level output's level name and label for one case ("" when it is undefined). */
static void level_texts(const struct output_text *t, int32_t level, const char **name,
			size_t *name_len, const char **label, size_t *label_len)
{
	if (level < 0 || (size_t)level >= t->n_levels) {
		*name = *label = "";
		*name_len = *label_len = 0;
		return;
	}
	*name = t->names[level];
	*name_len = t->name_lens[level];
	*label = t->labels[level];
	*label_len = t->label_lens[level];
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
	o->text = NULL;
	if (prepare_texts(o) < 0) {
		free_texts(o);
		return -1;
	}
	if (o->format == OUTPUT_JSON) {
		if (o->explain && prepare_term_keys(o) < 0)
			return -1;
		fputs("{", o->stream);
		run_meta_write_model(o->stream, o->model, o->absent, o->n_absent);
		fputs(",\n\"cases\": [", o->stream);
		return 0;
	}
	fputs("id", o->stream);
	for (size_t k = 0; k < o->n_values; k++) {
		/* Output names are identifiers, declared by the model's kind. */
		const char *name = value_name(o, &o->values[k]);
		fprintf(o->stream, ",%s", name ? name : "");
		if (o->values[k].type == ANKER_OUTPUT_LEVEL)
			fprintf(o->stream, ",%s_label", name ? name : "");
	}
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
		for (size_t i = 0; o->hazard_ratios && i < n; i++)
			fprintf(o->stream, ",hr.%s", anker_model_get_term_name(o->model, i));
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
	for (size_t k = 0; k < o->n_values; k++) {
		const struct output_values *v = &o->values[k];
		putc(',', out);
		if (v->type != ANKER_OUTPUT_LEVEL) {
			fputs(o->number(v->numbers[row->index], buf), out);
			continue;
		}
		const char *name, *label;
		size_t name_len, label_len;
		level_texts(&o->text[k], v->levels[row->index], &name, &name_len, &label,
			    &label_len);
		csv_write_field(out, name, name_len);
		putc(',', out);
		csv_write_field(out, label, label_len);
	}
	if (o->flags)
		write_flags(out, row->flags, ",", "+", "", "");
	if (o->explain) {
		size_t n = anker_model_get_term_count(o->model);
		for (size_t i = 0; i < n; i++) {
			putc(',', out);
			fputs(o->number(row->contributions[i], buf), out);
		}
		for (size_t i = 0; o->hazard_ratios && i < n; i++) {
			putc(',', out);
			fputs(o->number(exp(row->contributions[i]), buf), out);
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
	for (size_t k = 0; k < o->n_values; k++) {
		const struct output_values *v = &o->values[k];
		const struct output_text *t = &o->text[k];
		fputs(t->keys, out);
		if (v->type != ANKER_OUTPUT_LEVEL) {
			json_write_number(o, v->numbers[row->index]);
			continue;
		}
		const char *name, *label;
		size_t name_len, label_len;
		level_texts(t, v->levels[row->index], &name, &name_len, &label, &label_len);
		json_write_string(out, name, name_len);
		fputs(t->keys + t->label_key_offset, out);
		json_write_string(out, label, label_len);
	}
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
		if (o->hazard_ratios) {
			fputs(", \"hazard_ratios\": {", out);
			for (size_t i = 0; i < n; i++) {
				if (i > 0)
					fputs(", ", out);
				fputs(o->term_keys + o->term_key_offsets[i], out);
				json_write_number(o, exp(row->contributions[i]));
			}
			putc('}', out);
		}
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
	free_texts(o);
	free(o->term_keys);
	free(o->term_key_offsets);
	o->term_keys = NULL;
	o->term_key_offsets = NULL;
}
