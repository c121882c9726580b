/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <anker/anker.h>

#include "command.h"
#include "format.h"
#include "survival-info.h"
#include "terminal-text.h"

static const char help[] =
    "NAME\n"
    "    anker model-info - show what a model file holds\n"
    "\n"
    "SYNOPSIS\n"
    "    anker model-info [--format text|json] FILE\n"
    "\n"
    "DESCRIPTION\n"
    "    Loads and validates the model FILE and prints its metadata (id, name,\n"
    "    version, kind, toets, outcome and horizon, first valid date, every\n"
    "    provenance entry), its link (binary) or its survival form, baseline\n"
    "    grid or Weibull shape and scale, horizons and last month (duration),\n"
    "    its variables (name, kind, range or\n"
    "    levels, out-of-range and missing-value policy, label), its terms (name,\n"
    "    type, label), its bands (name, label, upper threshold and where a\n"
    "    probability exactly on a threshold goes), its named outputs (name,\n"
    "    number or level, label; what anker score writes)\n"
    "    and the SHA-256 of the file's bytes, which is what sha256sum prints\n"
    "    and what an assessment record cites.\n"
    "\n"
    "    A file that does not load gives the library's message, which names\n"
    "    the file and the JSON path, or the line and column of a syntax error.\n"
    "\n"
    "OPTIONS\n"
    "    --format text|json\n"
    "        text (the default) is for people; json is one JSON object with the\n"
    "        keys of the model file format, plus sha256.\n"
    "\n"
    "    -h, --help\n"
    "        Show this help.\n"
    "\n"
    "EXIT STATUS\n"
    "    0   the model loaded and was described\n"
    "    1   the model file could not be read or is not a valid model\n"
    "    2   bad command line\n"
    "\n"
    "EXAMPLES\n"
    "    anker model-info data/models/demo-amt-6m.json\n"
    "    anker model-info --format json data/models/demo-amt-6m.json\n";

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static const char *boundary_name(int boundary)
{
	return boundary == ANKER_BAND_BOUNDARY_UPPER ? "upper" : "lower";
}

/*
 * Every text from the model file is printed through these, escaped: names,
 * labels, levels and provenance can hold control characters (terminal-text.h).
 */
static void put(const char *s)
{
	s = or_empty(s);
	terminal_text_write(stdout, s, strlen(s));
}

/* @p s escaped, then blanks up to @p width bytes. */
static void put_padded(const char *s, int width)
{
	s = or_empty(s);
	size_t len = terminal_text_escape(NULL, 0, s, strlen(s));
	put(s);
	for (size_t i = len; i < (size_t)width; i++)
		putchar(' ');
}

static int name_width(size_t n, const char *(*get)(const struct anker_model *, size_t),
		      const struct anker_model *model)
{
	size_t width = 4;
	for (size_t i = 0; i < n; i++) {
		const char *name = or_empty(get(model, i));
		size_t len = terminal_text_escape(NULL, 0, name, strlen(name));
		if (len > width)
			width = len;
	}
	return (int)width;
}

static void print_levels(const struct anker_model *model, size_t var)
{
	size_t n = anker_model_get_level_count(model, var);
	fputs("levels: ", stdout);
	for (size_t l = 0; l < n; l++) {
		if (l)
			fputs(", ", stdout);
		put(anker_model_get_level_name(model, var, l));
	}
}

/* "reject", "impute 10", "impute other", "level unknown" */
static void print_missing(const struct anker_model *model, size_t var)
{
	int policy = anker_model_get_variable_missing(model, var);
	double value;
	char number[FORMAT_DOUBLE_SIZE];
	int level = anker_model_get_variable_imputed_level(model, var);
	put(anker_missing_policy_name(policy));
	if (level >= 0) {
		putchar(' ');
		put(anker_model_get_level_name(model, var, (size_t)level));
	} else if (anker_model_get_variable_imputed_number(model, var, &value) == 0) {
		putchar(' ');
		put(anker_model_get_variable_kind(model, var) == ANKER_VARIABLE_BOOLEAN
			? (value != 0 ? "true" : "false")
			: format_double_short(value, number));
	}
}

static void print_variables(const struct anker_model *model)
{
	size_t n = anker_model_get_variable_count(model);
	int width = name_width(n, anker_model_get_variable_name, model);
	printf("\nvariables (%zu):\n", n);
	for (size_t i = 0; i < n; i++) {
		int kind = anker_model_get_variable_kind(model, i);
		fputs("  ", stdout);
		put_padded(anker_model_get_variable_name(model, i), width);
		printf("  %-11s  ", or_empty(anker_variable_kind_name(kind)));
		double min, max;
		char a[FORMAT_DOUBLE_SIZE], b[FORMAT_DOUBLE_SIZE];
		if (kind == ANKER_VARIABLE_NUMERIC &&
		    anker_model_get_variable_range(model, i, &min, &max) == 0)
			printf("range [%s, %s]", format_double_short(min, a),
			       format_double_short(max, b));
		else if (kind == ANKER_VARIABLE_CATEGORICAL)
			print_levels(model, i);
		else if (kind == ANKER_VARIABLE_BOOLEAN)
			fputs("values 0/1", stdout);
		if (kind == ANKER_VARIABLE_NUMERIC)
			printf(", out of range: %s", or_empty(anker_out_of_range_policy_name(
							     anker_model_get_variable_out_of_range(model, i))));
		printf("\n  %-*s  missing: ", width, "");
		print_missing(model, i);
		printf("\n  %-*s  label: ", width, "");
		put(anker_model_get_variable_label(model, i));
		putchar('\n');
	}
}

static void print_terms(const struct anker_model *model)
{
	size_t n = anker_model_get_term_count(model);
	int width = name_width(n, anker_model_get_term_name, model);
	printf("\nterms (%zu):\n", n);
	for (size_t i = 0; i < n; i++) {
		fputs("  ", stdout);
		put_padded(anker_model_get_term_name(model, i), width);
		printf("  %-11s  ",
		       or_empty(anker_term_type_name(anker_model_get_term_type(model, i))));
		put(anker_model_get_term_label(model, i));
		putchar('\n');
	}
}

static void print_bands(const struct anker_model *model)
{
	size_t n = anker_model_get_band_count(model);
	int boundary = anker_model_get_band_boundary(model);
	int width = name_width(n, anker_model_get_band_name, model);
	printf("\nbands (%zu, boundary %s: a probability equal to a threshold goes to the %s "
	       "band):\n",
	       n, boundary_name(boundary),
	       boundary == ANKER_BAND_BOUNDARY_UPPER ? "upper" : "lower");
	for (size_t i = 0; i < n; i++) {
		char up[FORMAT_DOUBLE_SIZE];
		const char *op = boundary == ANKER_BAND_BOUNDARY_UPPER ? "<" : "<=";
		fputs("  ", stdout);
		put_padded(anker_model_get_band_name(model, i), width);
		fputs("  ", stdout);
		if (i + 1 < n)
			printf("p %-2s %-8s", op,
			       format_double_short(anker_model_get_band_upper(model, i), up));
		else
			printf("p <= %-8s", "1");
		fputs("  ", stdout);
		put(anker_model_get_band_label(model, i));
		putchar('\n');
	}
}

/* What the model computes, by name: what `anker score` writes, whatever the kind. */
static void print_outputs(const struct anker_model *model)
{
	size_t n = anker_model_get_output_count(model);
	int width = name_width(n, anker_model_get_output_name, model);
	printf("\noutputs (%zu):\n", n);
	for (size_t i = 0; i < n; i++) {
		fputs("  ", stdout);
		put_padded(anker_model_get_output_name(model, i), width);
		printf("  %-7s  ", anker_output_type_name(anker_model_get_output_type(model, i)));
		put(anker_model_get_output_label(model, i));
		size_t levels = anker_model_get_output_level_count(model, i);
		for (size_t l = 0; l < levels; l++) {
			fputs(l == 0 ? " (" : ", ", stdout);
			put(anker_model_get_output_level_name(model, i, l));
		}
		fputs(levels ? ")\n" : "\n", stdout);
	}
}

/* "key:" padded to the value column, then the value escaped. */
static void print_field(const char *key, const char *value)
{
	printf("%-13s", key);
	put(value);
	putchar('\n');
}

static void print_text(const struct anker_model *model)
{
	print_field("id:", anker_model_get_id(model));
	print_field("name:", anker_model_get_name(model));
	print_field("version:", anker_model_get_version(model));
	print_field("kind:", anker_model_kind_name(anker_model_get_kind(model)));
	print_field("toets:", anker_model_get_toets(model));
	print_field("outcome:", anker_model_get_outcome(model));
	printf("%-13s%d months\n", "horizon:", anker_model_get_horizon_months(model));
	print_field("valid_from:", anker_model_get_valid_from(model));
	if (anker_model_get_link(model) > 0)
		print_field("link:", anker_link_name(anker_model_get_link(model)));
	print_field("sha256:", anker_model_get_sha256(model));
	survival_info_print(model);
	printf("\nprovenance:\n");
	for (size_t i = 0; i < anker_model_get_provenance_count(model); i++) {
		const char *key = anker_model_get_provenance_key(model, i);
		fputs("  ", stdout);
		put_padded(key, 10);
		putchar(' ');
		put(anker_model_get_provenance(model, key));
		putchar('\n');
	}
	print_variables(model);
	print_terms(model);
	print_bands(model);
	print_outputs(model);
}

/* jansson's setters steal the reference and cope with NULL values by failing; NULLs become "". */
static void set_string(json_t *obj, const char *key, const char *value)
{
	json_object_set_new(obj, key, json_string(or_empty(value)));
}

static json_t *variable_json(const struct anker_model *model, size_t i)
{
	json_t *v = json_object();
	int kind = anker_model_get_variable_kind(model, i);
	set_string(v, "name", anker_model_get_variable_name(model, i));
	set_string(v, "label", anker_model_get_variable_label(model, i));
	set_string(v, "kind", anker_variable_kind_name(kind));
	double min, max;
	if (kind == ANKER_VARIABLE_NUMERIC &&
	    anker_model_get_variable_range(model, i, &min, &max) == 0)
		json_object_set_new(v, "range", json_pack("[f, f]", min, max));
	if (kind == ANKER_VARIABLE_CATEGORICAL) {
		json_t *levels = json_array();
		for (size_t l = 0; l < anker_model_get_level_count(model, i); l++)
			json_array_append_new(
			    levels, json_string(or_empty(anker_model_get_level_name(model, i, l))));
		json_object_set_new(v, "levels", levels);
	}
	if (kind == ANKER_VARIABLE_NUMERIC)
		set_string(v, "out_of_range", anker_out_of_range_policy_name(
						     anker_model_get_variable_out_of_range(model, i)));
	json_t *missing = json_object();
	set_string(missing, "policy",
		   anker_missing_policy_name(anker_model_get_variable_missing(model, i)));
	int level = anker_model_get_variable_imputed_level(model, i);
	double value;
	if (level >= 0)
		set_string(missing, anker_model_get_variable_missing(model, i) == ANKER_MISSING_LEVEL
					    ? "level"
					    : "value",
			   anker_model_get_level_name(model, i, (size_t)level));
	else if (anker_model_get_variable_imputed_number(model, i, &value) == 0)
		json_object_set_new(missing, "value", kind == ANKER_VARIABLE_BOOLEAN
							       ? json_boolean(value != 0)
							       : json_real(value));
	json_object_set_new(v, "missing", missing);
	return v;
}

static json_t *model_json(const struct anker_model *model)
{
	json_t *root = json_object();
	set_string(root, "id", anker_model_get_id(model));
	set_string(root, "name", anker_model_get_name(model));
	set_string(root, "version", anker_model_get_version(model));
	set_string(root, "kind", anker_model_kind_name(anker_model_get_kind(model)));
	set_string(root, "toets", anker_model_get_toets(model));
	json_object_set_new(root, "outcome",
			    json_pack("{s:s, s:i}", "description",
				      or_empty(anker_model_get_outcome(model)), "horizon_months",
				      anker_model_get_horizon_months(model)));
	set_string(root, "valid_from", anker_model_get_valid_from(model));
	json_t *provenance = json_object();
	for (size_t i = 0; i < anker_model_get_provenance_count(model); i++) {
		const char *key = anker_model_get_provenance_key(model, i);
		set_string(provenance, key, anker_model_get_provenance(model, key));
	}
	json_object_set_new(root, "provenance", provenance);
	if (anker_model_get_link(model) > 0)
		set_string(root, "link", anker_link_name(anker_model_get_link(model)));
	survival_info_json(model, root);
	set_string(root, "sha256", anker_model_get_sha256(model));

	json_t *variables = json_array();
	for (size_t i = 0; i < anker_model_get_variable_count(model); i++)
		json_array_append_new(variables, variable_json(model, i));
	json_object_set_new(root, "variables", variables);

	json_t *terms = json_array();
	for (size_t i = 0; i < anker_model_get_term_count(model); i++) {
		json_t *t = json_object();
		set_string(t, "name", anker_model_get_term_name(model, i));
		set_string(t, "type", anker_term_type_name(anker_model_get_term_type(model, i)));
		set_string(t, "label", anker_model_get_term_label(model, i));
		json_array_append_new(terms, t);
	}
	json_object_set_new(root, "terms", terms);

	json_t *items = json_array();
	size_t n_bands = anker_model_get_band_count(model);
	for (size_t i = 0; i < n_bands; i++) {
		json_t *b = json_object();
		set_string(b, "name", anker_model_get_band_name(model, i));
		set_string(b, "label", anker_model_get_band_label(model, i));
		/* As in the model file: the last band has no upper threshold. */
		if (i + 1 < n_bands)
			json_object_set_new(b, "upper",
					    json_real(anker_model_get_band_upper(model, i)));
		json_array_append_new(items, b);
	}
	json_object_set_new(root, "bands",
			    json_pack("{s:s, s:o}", "boundary",
				      boundary_name(anker_model_get_band_boundary(model)), "items",
				      items));

	json_t *outputs = json_array();
	for (size_t i = 0; i < anker_model_get_output_count(model); i++) {
		json_t *o = json_object();
		set_string(o, "name", anker_model_get_output_name(model, i));
		set_string(o, "type", anker_output_type_name(anker_model_get_output_type(model, i)));
		set_string(o, "label", anker_model_get_output_label(model, i));
		size_t n_levels = anker_model_get_output_level_count(model, i);
		if (n_levels) {
			json_t *levels = json_array();
			for (size_t l = 0; l < n_levels; l++)
				json_array_append_new(levels,
						      json_string(or_empty(anker_model_get_output_level_name(
							  model, i, l))));
			json_object_set_new(o, "levels", levels);
		}
		json_array_append_new(outputs, o);
	}
	json_object_set_new(root, "outputs", outputs);
	return root;
}

/* Dumped to memory first, so that DEL and C1 controls in strings can be escaped on the way out. */
static int print_json(const struct anker_model *model)
{
	json_t *root = model_json(model);
	if (!root)
		return -1;
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
	json_decref(root);
	if (!text)
		return -1;
	json_write_text(stdout, text, strlen(text));
	fputc('\n', stdout);
	free(text);
	return 0;
}

static int run(int argc, char **argv)
{
	static const struct option options[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	bool json = false;
	int opt;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (strcmp(optarg, "json") == 0)
				json = true;
			else if (strcmp(optarg, "text") == 0)
				json = false;
			else
				return usage_error(
				    argv[0], "--format must be text or json, not '%s'", optarg);
			break;
		case 'h':
			return print_help(&command_model_info);
		default:
			return option_error(argv[0], opt, argv);
		}
	}
	if (optind != argc - 1)
		return usage_error(argv[0], optind == argc ? "no model file given"
							   : "more than one model file given");
	const char *path = argv[optind];

	struct anker_ctx *ctx = NULL;
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	int status = ANKER_EXIT_DATA;
	int rc = anker_ctx_new(&ctx);
	if (rc == 0)
		rc = anker_error_new(&err);
	if (rc < 0) {
		message("%s", anker_strerror(rc));
		goto out;
	}
	rc = anker_model_load_file(ctx, path, err, &model);
	if (rc < 0) {
		const char *text = anker_error_message(err);
		message("%s", text[0] ? text : anker_strerror(rc));
		goto out;
	}
	if (json) {
		if (print_json(model) < 0) {
			message("cannot describe the model: out of memory");
			goto out;
		}
	} else {
		print_text(model);
	}
	status = finish_stdout();
out:
	anker_model_unref(model);
	anker_error_free(err);
	anker_ctx_unref(ctx);
	return status;
}

const struct command command_model_info = {
    .name = "model-info",
    .summary = "show what a model file holds",
    .help = help,
    .run = run,
};
