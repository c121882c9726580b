/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <anker/anker.h>

#include "case-columns.h"
#include "caseload-files.h"
#include "command.h"
#include "csv-reader.h"
#include "format.h"
#include "output-file.h"
#include "output.h"
#include "progress.h"
#include "run-meta.h"
#include "summary.h"
#include "survival-columns.h"
#include "terminal-text.h"
#include "value-parse.h"

/* Rows per chunk: large enough to amortise each call, small enough to keep memory flat. */
#define CHUNK_ROWS 8192

static const char help[] =
    "NAME\n"
    "    anker score - score every case in a CSV file with a model\n"
    "\n"
    "SYNOPSIS\n"
    "    anker score --model FILE --in CASES.csv [--out FILE] [--explain]\n"
    "                [--format csv|json] [--id-column NAME] [--ignore-extra]\n"
    "                [--na TEXT]... [--absent NAME]... [--flags] [--strict]\n"
    "                [--meta FILE] [--digits 17|shortest] [--quiet] [--progress]\n"
    "                [--horizons LIST] [--given-months S]\n"
    "\n"
    "DESCRIPTION\n"
    "    Reads one case per row of CASES.csv, scores each with the model FILE\n"
    "    and writes, per case, its id and the model's outputs (for a binary\n"
    "    model its probability, linear predictor and band; for a duration model\n"
    "    its survival at each horizon, median, restricted mean and band; for a\n"
    "    questionnaire each scale's score, level and number of answered items),\n"
    "    and with --explain the contributions that explain it (per term of a\n"
    "    binary or duration model, per item of each scale of a questionnaire).\n"
    "\n"
    "    The input is CSV as in RFC 4180: fields separated by commas, quoted\n"
    "    with double quotes when needed (a quote inside a quoted field is\n"
    "    doubled), lines ending in LF or CRLF; a UTF-8 byte order mark is\n"
    "    skipped, and the final line end is optional (it never makes an extra\n"
    "    record). The first record is the header; blank lines before it are\n"
    "    skipped. After it, a blank line is skipped when the header has more\n"
    "    than one column (it cannot be a record), but with exactly one column\n"
    "    it is a record whose one cell is empty, i.e. missing. Each column\n"
    "    whose name is a variable of the model supplies that variable; the id\n"
    "    column (see --id-column) is copied to the output. Any other column is\n"
    "    an error unless --ignore-extra is given, as is a column name that\n"
    "    appears twice. Every variable of the model needs a column: one\n"
    "    without is an error (naming a close ignored column, if there is one),\n"
    "    so that a misspelt name cannot make it missing for everyone. Declare a\n"
    "    variable that the data really lacks with --absent NAME.\n"
    "\n"
    "    Numbers are written with a decimal point, whatever the locale: 0.5,\n"
    "    -3, 1e-3; \"0,5\", blanks, inf, nan and hexadecimal are errors.\n"
    "    Booleans are 1/0, true/false, yes/no or ja/nee, in any case.\n"
    "    Categorical values are level names. An empty cell, or one equal to a\n"
    "    --na text, is missing.\n"
    "\n"
    "    The input is read and scored in chunks, so memory use does not grow\n"
    "    with its size. The first bad cell, or the first case the model\n"
    "    rejects, stops the run with a message naming the file, the line, the\n"
    "    column number and the column name, e.g.\n"
    "        anker: cases.csv:17:3 (age): not a number: \"4O\"\n"
    "\n"
    "    The output CSV has the column id, then one column per output of the\n"
    "    model, in the order the model declares them (anker model-info lists\n"
    "    them): a number output as its number, a level output as its level's\n"
    "    name followed by a column NAME_label with the level's label for\n"
    "    people. For a binary model these are probability, linear_predictor,\n"
    "    band and band_label (e.g. \"Moderate chance (25-50%)\"); for a duration\n"
    "    model survival_H and exit_H per horizon H of the model, median_months\n"
    "    (inf when beyond the model's last month), rmst_months,\n"
    "    log_relative_hazard, band and band_label, then a column per\n"
    "    --horizons query. Then come,\n"
    "    with --flags, the column flags and, with --explain, one column\n"
    "    contrib.NAME per contribution the model declares, in model order: for\n"
    "    a binary or duration model one per term (NAME is the term's), adding up\n"
    "    to the linear predictor, and for a duration model also one column\n"
    "    hr.TERM per term, its hazard ratio exp(contribution); for a\n"
    "    questionnaire one per item of each scale (NAME is SCALE.ITEM), adding\n"
    "    up to the scale's score. A number that is undefined (a scale that is\n"
    "    not scorable, a survival beyond the model's last month) is an empty\n"
    "    cell in CSV and null in JSON. Numbers are written with\n"
    "    17 significant digits, so that they read back exactly; -0 is written\n"
    "    as 0.\n"
    "\n"
    "    JSON output is one object:\n"
    "        {\"model\": {\"id\", \"name\", \"version\", \"sha256\"},\n"
    "         \"absent\": [NAME, ...],\n"
    "         \"cases\": [{\"id\", OUTPUT, ...}, ...],\n"
    "         \"rows\": N,\n"
    "         \"counts\": {VARIABLE: {\"missing\", \"imputed\", \"clamped\"}, ...}}\n"
    "    where each case has the outputs named as the CSV columns are (for a\n"
    "    binary model \"probability\", \"linear_predictor\", \"band\" and\n"
    "    \"band_label\"), and \"flags\": [WORD, ...] and \"contributions\":\n"
    "    {NAME: value} with --flags and --explain. sha256 is that of the model file's\n"
    "    bytes (as sha256sum prints it); absent lists the --absent variables.\n"
    "    The counts come after the cases because the cases are streamed. An id\n"
    "    taken from a column is a string in JSON; a row number (when there is\n"
    "    no id column) is a number.\n"
    "\n"
    "    CSV output cannot say which model made it, so a run that succeeds also\n"
    "    writes the JSON object above without \"cases\" to a sidecar file: with\n"
    "    --out FILE (a regular file) FILE.meta.json, or the --meta FILE. It is\n"
    "    written like --out: whole, by renaming, and only when the run succeeds.\n"
    "\n"
    "OPTIONS\n"
    "    -m, --model FILE\n"
    "        The model file (required).\n"
    "\n"
    "    -i, --in CASES.csv\n"
    "        The cases (required); - reads standard input.\n"
    "\n"
    "    -o, --out FILE\n"
    "        Write to FILE instead of standard output. A regular FILE is replaced\n"
    "        only when the whole run succeeds, by renaming a temporary file\n"
    "        .anker-XXXXXX in its directory over it; after a failure or a fatal\n"
    "        signal an existing FILE is left as it was and the temporary file is\n"
    "        removed. A symbolic link is followed and the file it points to is\n"
    "        replaced; the link stays. A FIFO or a character device (/dev/null,\n"
    "        a terminal) is written to directly, and - is standard output. A\n"
    "        directory, a socket or a block device is refused, and so is the\n"
    "        input file itself, under any name.\n"
    "\n"
    "    --meta FILE\n"
    "        Write the sidecar (see above) to FILE instead of OUT.meta.json; with\n"
    "        CSV on standard output, the only way to get one. For JSON output,\n"
    "        which holds it already, it writes the same sidecar.\n"
    "\n"
    "    --digits 17|shortest\n"
    "        How numbers are written. 17 (the default): 17 significant digits,\n"
    "        as %.17g. shortest: the fewest significant digits that read back\n"
    "        as the same double, as Python's repr() writes them (0.1, not\n"
    "        0.10000000000000001). Both read back exactly; shortest is for\n"
    "        people, and is about a fifth slower on large runs.\n"
    "\n"
    "    -e, --explain\n"
    "        Add the contributions that explain each case (contrib.NAME).\n"
    "\n"
    "    --format csv|json\n"
    "        The output format; csv is the default.\n"
    "\n"
    "    --id-column NAME\n"
    "        The column that identifies a case. By default that is the column\n"
    "        \"id\" when there is one; otherwise cases are identified by their\n"
    "        1-based row number (not counting the header).\n"
    "\n"
    "    --ignore-extra\n"
    "        Skip columns that are not variables of the model.\n"
    "\n"
    "    --na TEXT\n"
    "        Treat cells equal to TEXT as missing, as well as empty cells. May be\n"
    "        given more than once, e.g. --na NA --na onbekend.\n"
    "\n"
    "    --absent NAME\n"
    "        Variable NAME has no column: it is missing for every case, and its\n"
    "        missing-value policy applies (a model that rejects a missing NAME\n"
    "        rejects every case). May be given more than once. A NAME that is no\n"
    "        variable of the model is a command-line error, and so is a column\n"
    "        for NAME in CASES.csv.\n"
    "\n"
    "    --flags\n"
    "        Add the column flags: what the model did to the case's values, as\n"
    "        the words missing, imputed and clamped joined by + (e.g.\n"
    "        missing+imputed), or an empty cell when every value was used as\n"
    "        given; in JSON an array of those words. A missing value that the\n"
    "        policy \"level\" maps to the model's missing level is only missing.\n"
    "\n"
    "    --strict\n"
    "        A value the model would clamp into its range, or a missing value it\n"
    "        would impute, stops the run like any bad case, with a message naming\n"
    "        its line, column and variable.\n"
    "\n"
    "    --horizons LIST\n"
    "        Duration models: add a column survival_H per month H of LIST\n"
    "        (numbers separated by commas, at most 16, e.g. 3,9,18): the\n"
    "        probability of still being on benefit H months after the assessment.\n"
    "        A horizon beyond the model's last month is a command-line error.\n"
    "\n"
    "    --given-months S\n"
    "        Duration models: make those columns conditional on still being on\n"
    "        benefit after S months, S(H) / S(S), named survival_H_given_S (e.g.\n"
    "        survival_18_given_7); without --horizons, for the model's horizons\n"
    "        from S on. A horizon before S is a command-line error.\n"
    "\n"
    "    -q, --quiet\n"
    "        Show neither the progress line nor the summary line. Without it, a\n"
    "        run that succeeds ends with one line on standard error: the rows\n"
    "        scored, the seconds taken, the rows per second, and per variable the\n"
    "        numbers of values that were missing (how many imputed) and clamped,\n"
    "        where they are not zero, e.g.\n"
    "            anker: scored 5000 rows in 0.01 s (500000 rows/s); missing:\n"
    "            health 206 (imputed), education 146; clamped: age 12\n"
    "\n"
    "    --progress\n"
    "        Show the progress line (rows done, rows per second, share of the\n"
    "        input read) even when standard error is not a terminal. By default\n"
    "        it is shown only on a terminal.\n"
    "\n"
    "    -h, --help\n"
    "        Show this help.\n"
    "\n"
    "EXIT STATUS\n"
    "    0   every case was scored and written\n"
    "    1   bad input data, a case the model rejects, a model that does not\n"
    "        load, or a read or write failure\n"
    "    2   bad command line\n"
    "\n"
    "EXAMPLES\n"
    "    Score a caseload and show the result:\n"
    "        anker score --model data/models/demo-amt-6m.json \\\n"
    "                    --in examples/data/caseload.csv\n"
    "\n"
    "    With explanations, as JSON, into a file:\n"
    "        anker score -m data/models/demo-amt-6m.json \\\n"
    "                    -i examples/data/caseload.csv \\\n"
    "                    --explain --format json --out scores.json\n";

struct score_options {
	const char *model_path;
	const char *in_path;
	const char *out_path;
	bool explain;
	enum output_format format;
	const char *id_column;
	bool ignore_extra;
	const char **na_texts;
	size_t n_na_texts;
	const char **absent;
	size_t n_absent;
	bool quiet;
	bool progress;
	bool flags;
	bool strict;
	const char *meta_path;
	bool digits17;			  /* --digits 17 rather than shortest */
	struct survival_columns survival; /* --horizons, --given-months */
};

/* Everything one run holds, so that one function can release it on any path. */
struct score_run {
	const struct score_options *opt;
	struct caseload_files files; /* the input, its reader, and --out */
	struct csv_chunk header, chunk;
	struct anker_ctx *ctx;
	struct anker_error *err;
	struct anker_model *model;
	struct anker_batch *batch;
	struct case_columns columns;
	struct output_values *values; /* every output of the model, in its order */
	size_t n_values;
	double *contributions;
	uint32_t *flags;
	char *meta_path; /* the sidecar to write, or NULL */
	struct output_file *meta_file;
	struct output output;
	struct progress progress;
	uint64_t rows;
	bool begun;			  /* the variables are checked and the output has begun */
	struct survival_columns survival; /* the options', checked against the model */
};

enum {
	OPT_FORMAT = 256,
	OPT_ID_COLUMN,
	OPT_IGNORE_EXTRA,
	OPT_NA,
	OPT_PROGRESS,
	OPT_ABSENT,
	OPT_FLAGS,
	OPT_STRICT,
	OPT_META,
	OPT_DIGITS,
	OPT_HORIZONS,
	OPT_GIVEN_MONTHS,
};

static int parse_options(int argc, char **argv, struct score_options *opt)
{
	static const struct option options[] = {
	    {"model", required_argument, NULL, 'm'},
	    {"in", required_argument, NULL, 'i'},
	    {"out", required_argument, NULL, 'o'},
	    {"explain", no_argument, NULL, 'e'},
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"id-column", required_argument, NULL, OPT_ID_COLUMN},
	    {"ignore-extra", no_argument, NULL, OPT_IGNORE_EXTRA},
	    {"na", required_argument, NULL, OPT_NA},
	    {"quiet", no_argument, NULL, 'q'},
	    {"progress", no_argument, NULL, OPT_PROGRESS},
	    {"absent", required_argument, NULL, OPT_ABSENT},
	    {"flags", no_argument, NULL, OPT_FLAGS},
	    {"strict", no_argument, NULL, OPT_STRICT},
	    {"meta", required_argument, NULL, OPT_META},
	    {"digits", required_argument, NULL, OPT_DIGITS},
	    {"horizons", required_argument, NULL, OPT_HORIZONS},
	    {"given-months", required_argument, NULL, OPT_GIVEN_MONTHS},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:i:o:eqh", options, NULL)) != -1) {
		switch (c) {
		case 'm':
			opt->model_path = optarg;
			break;
		case 'i':
			opt->in_path = optarg;
			break;
		case 'o':
			opt->out_path = optarg;
			break;
		case 'e':
			opt->explain = true;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "csv") == 0)
				opt->format = OUTPUT_CSV;
			else if (strcmp(optarg, "json") == 0)
				opt->format = OUTPUT_JSON;
			else
				return usage_error(
				    argv[0], "--format must be csv or json, not '%s'", optarg);
			break;
		case OPT_ID_COLUMN:
			opt->id_column = optarg;
			break;
		case OPT_IGNORE_EXTRA:
			opt->ignore_extra = true;
			break;
		case OPT_NA:
			/* At most one per argument, so argc entries always suffice. */
			opt->na_texts[opt->n_na_texts++] = optarg;
			break;
		case OPT_ABSENT:
			opt->absent[opt->n_absent++] = optarg;
			break;
		case OPT_FLAGS:
			opt->flags = true;
			break;
		case OPT_STRICT:
			opt->strict = true;
			break;
		case OPT_META:
			opt->meta_path = optarg;
			break;
		case OPT_DIGITS:
			if (strcmp(optarg, "shortest") == 0)
				opt->digits17 = false;
			else if (strcmp(optarg, "17") == 0)
				opt->digits17 = true;
			else
				return usage_error(
				    argv[0], "--digits must be shortest or 17, not '%s'", optarg);
			break;
		case OPT_HORIZONS: {
			char why[256];
			const char *bad = survival_columns_parse_horizons(&opt->survival, optarg,
									  why, sizeof(why));
			if (bad)
				return usage_error(argv[0], "%s", bad);
			break;
		}
		case OPT_GIVEN_MONTHS: {
			const char *bad = survival_columns_parse_given(&opt->survival, optarg);
			if (bad)
				return usage_error(argv[0], "%s", bad);
			break;
		}
		case 'q':
			opt->quiet = true;
			break;
		case OPT_PROGRESS:
			opt->progress = true;
			break;
		case 'h':
			return -1;
		default:
			return option_error(argv[0], c, argv);
		}
	}
	if (optind < argc)
		return usage_error(argv[0], "unexpected argument '%s'", argv[optind]);
	if (!opt->model_path)
		return usage_error(argv[0], "--model FILE is required");
	if (!opt->in_path)
		return usage_error(argv[0], "--in CASES.csv is required");
	return 0;
}

/* The header name of 0-based column @p column, or NULL. */
static const char *column_name(const struct score_run *run, size_t column)
{
	if (run->header.n_records == 0 || column >= run->header.n_fields)
		return NULL;
	return csv_chunk_field(&run->header, 0, column);
}

/* "anker: FILE:LINE:COLUMN (NAME): TEXT", leaving out the parts that are unknown. */
static int report(struct score_run *run, long line, long column, const char *text)
{
	progress_clear(&run->progress);
	const char *name = column > 0 ? column_name(run, (size_t)column - 1) : NULL;
	char where[64] = "";
	if (line > 0 && column > 0)
		snprintf(where, sizeof(where), ":%ld:%ld", line, column);
	else if (line > 0)
		snprintf(where, sizeof(where), ":%ld", line);
	if (name && name[0])
		message("%s%s (%s): %s", run->files.in_name, where, name, text);
	else
		message("%s%s: %s", run->files.in_name, where, text);
	return ANKER_EXIT_DATA;
}

static int load_model(struct score_run *run)
{
	int rc = anker_ctx_new(&run->ctx);
	if (rc == 0)
		rc = anker_error_new(&run->err);
	if (rc == 0)
		rc = anker_model_load_file(run->ctx, run->opt->model_path, run->err, &run->model);
	if (rc == 0)
		rc = anker_batch_new(run->model,
				     run->opt->strict ? ANKER_SCORE_STRICT : ANKER_SCORE_DEFAULT,
				     &run->batch);
	if (rc < 0) {
		const char *text = run->err ? anker_error_message(run->err) : "";
		message("%s", text[0] ? text : anker_strerror(rc));
		return ANKER_EXIT_DATA;
	}
	char why[256];
	run->survival = run->opt->survival;
	if (survival_columns_prepare(&run->survival, run->model, why, sizeof(why)) < 0) {
		message("%s: %s", run->opt->model_path, why);
		return ANKER_EXIT_USAGE;
	}
	return 0;
}

/* --absent NAME names a variable of the model; anything else is a command-line mistake. */
static int declare_absent(struct score_run *run)
{
	for (size_t i = 0; i < run->opt->n_absent; i++) {
		const char *name = run->opt->absent[i];
		int rc = anker_batch_bind_absent(run->batch, name);
		if (rc == ANKER_E_UNKNOWN_VARIABLE) {
			const char *near = anker_model_suggest_variable(run->model, name);
			if (near)
				return usage_error(
				    "score",
				    "--absent %s: model %s has no such variable; did "
				    "you mean '%s'?",
				    name, anker_model_get_id(run->model), near);
			return usage_error("score", "--absent %s: model %s has no such variable",
					   name, anker_model_get_id(run->model));
		}
		if (rc < 0) {
			message("--absent %s: %s", name, anker_strerror(rc));
			return ANKER_EXIT_DATA;
		}
	}
	return 0;
}

static uint64_t input_size(FILE *in)
{
	struct stat st;
	if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
		return (uint64_t)st.st_size;
	return 0;
}

static struct case_columns_options column_options(const struct score_run *run)
{
	return (struct case_columns_options){
	    .id_column = run->opt->id_column,
	    .ignore_extra = run->opt->ignore_extra,
	    .na_texts = run->opt->na_texts,
	    .n_na_texts = run->opt->n_na_texts,
	    .absent = run->opt->absent,
	    .n_absent = run->opt->n_absent,
	    .capacity = CHUNK_ROWS,
	};
}

static int read_header(struct score_run *run)
{
	struct csv_error cerr;
	int rc = csv_reader_read_header(run->files.reader, &run->header, &cerr);
	if (rc < 0)
		return report(run, cerr.line, cerr.column, cerr.message);
	if (rc == 0)
		return report(run, 0, 0, "empty file: no header");

	struct case_columns_options copt = column_options(run);
	struct column_error colerr;
	if (case_columns_setup(&run->columns, &run->header, run->model, run->batch, &copt,
			       &colerr) < 0)
		return report(run, colerr.line, colerr.column, colerr.message);
	return 0;
}

static int allocate_results(struct score_run *run)
{
	size_t n_contributions = anker_model_get_contribution_count(run->model);
	size_t n_outputs = anker_model_get_output_count(run->model);
	const struct survival_columns *sc = &run->survival;
	run->values = calloc(n_outputs + sc->n + 1, sizeof(struct output_values));
	if (!run->values)
		goto oom;
	/* Every output the model declares is a column, bound by its name. */
	for (size_t k = 0; k < n_outputs; k++) {
		struct output_values *v = &run->values[k];
		const char *name = anker_model_get_output_name(run->model, k);
		int type = anker_model_get_output_type(run->model, k);
		int rc;
		run->n_values = k + 1;
		v->index = k;
		v->type = type;
		if (type == ANKER_OUTPUT_LEVEL) {
			v->levels = calloc(CHUNK_ROWS, sizeof(int32_t));
			if (!v->levels)
				goto oom;
			rc = anker_batch_bind_output_i32(run->batch, name, v->levels);
		} else {
			v->numbers = calloc(CHUNK_ROWS, sizeof(double));
			if (!v->numbers)
				goto oom;
			rc = anker_batch_bind_output_f64(run->batch, name, v->numbers);
		}
		if (rc < 0) {
			message("%s: output %s: %s", run->opt->model_path, name ? name : "?",
				anker_strerror(rc));
			return ANKER_EXIT_DATA;
		}
	}
	/* Then the caller's survival queries, columns of their own. */
	double *query_values[ANKER_BATCH_SURVIVAL_MAX];
	for (size_t i = 0; i < sc->n; i++) {
		query_values[i] = calloc(CHUNK_ROWS, sizeof(double));
		run->values[n_outputs + i].numbers = query_values[i];
		run->n_values = n_outputs + i + 1;
		if (!query_values[i])
			goto oom;
	}
	int qrc = survival_columns_bind(sc, run->batch, query_values, run->values + n_outputs);
	if (qrc < 0) {
		message("%s: --horizons: %s", run->opt->model_path, anker_strerror(qrc));
		return ANKER_EXIT_DATA;
	}
	if (run->opt->explain) {
		run->contributions =
		    calloc((size_t)CHUNK_ROWS * n_contributions + 1, sizeof(double));
		if (!run->contributions)
			goto oom;
		anker_batch_bind_contributions(run->batch, run->contributions);
	}
	if (run->opt->flags) {
		run->flags = calloc(CHUNK_ROWS, sizeof(uint32_t));
		if (!run->flags)
			goto oom;
		anker_batch_set_case_outputs(run->batch, run->flags, NULL);
	}
	return 0;
oom:
	message("out of memory");
	return ANKER_EXIT_DATA;
}

static int open_output(struct score_run *run)
{
	FILE *stream = run->files.out;
	setvbuf(stream, NULL, _IOFBF, 1u << 16);
	run->output = (struct output){
	    .stream = stream,
	    .format = run->opt->format,
	    .model = run->model,
	    .values = run->values,
	    .n_values = run->n_values,
	    .explain = run->opt->explain,
	    .hazard_ratios = anker_model_get_kind(run->model) == ANKER_MODEL_DURATION,
	    .flags = run->opt->flags,
	    .number = run->opt->digits17 ? format_double : format_double_shortest,
	    .batch = run->batch,
	    .absent = run->opt->absent,
	    .n_absent = run->opt->n_absent,
	};
	return 0;
}

/*
 * After the first chunk's cells are checked (a bad cell is reported first, as
 * always) and before anything is written: every variable has a column, then
 * the CSV header or the opening of the JSON object.
 */
static int begin_output(struct score_run *run)
{
	if (run->begun)
		return 0;
	struct case_columns_options copt = column_options(run);
	struct column_error colerr;
	if (case_columns_check_variables(&run->columns, &run->header, run->model, &copt, &colerr) <
	    0)
		return report(run, colerr.line, colerr.column, colerr.message);
	if (output_begin(&run->output) < 0) {
		message("out of memory");
		return ANKER_EXIT_DATA;
	}
	run->begun = true;
	return 0;
}

/* Point at the CSV cell of the failing case, and pass on the library's own message. */
static int report_score_error(struct score_run *run, int rc)
{
	long long index = anker_error_case_index(run->err);
	const char *field = anker_error_field(run->err);
	/* The case index counts within the chunk and the field is named below, so
	 * the library's location prefix would only mislead next to the CSV line. */
	const char *text = index >= 0 ? anker_error_text(run->err) : anker_error_message(run->err);
	if (!text[0])
		text = anker_strerror(rc);
	if (index < 0 || (size_t)index >= run->chunk.n_records)
		return report(run, 0, 0, text);
	long column = 0;
	for (size_t i = 0; field && i < run->header.n_fields; i++)
		if (strcmp(csv_chunk_field(&run->header, 0, i), field) == 0)
			column = (long)i + 1;
	char buf[512];
	if (column == 0 && field) {
		/* The variable has no column: it was missing, and the model rejects that. */
		snprintf(buf, sizeof(buf), "variable %s (no column): %s", field, text);
		text = buf;
	} else if (column > 0) {
		char shown[CELL_QUOTED_SIZE];
		size_t c = (size_t)column - 1;
		format_cell_quoted(shown, sizeof(shown),
				   csv_chunk_field(&run->chunk, (size_t)index, c),
				   csv_chunk_field_len(&run->chunk, (size_t)index, c));
		snprintf(buf, sizeof(buf), "%s: %s", text, shown);
		text = buf;
	}
	return report(run, run->chunk.lines[index], column, text);
}

static void write_chunk(struct score_run *run)
{
	size_t n_contributions = anker_model_get_contribution_count(run->model);
	long id_column = run->columns.id_column;
	for (size_t i = 0; i < run->chunk.n_records; i++) {
		struct output_row row = {
		    .row_number = run->rows + i + 1,
		    .index = i,
		    .flags = run->flags ? run->flags[i] : 0,
		    .contributions =
			run->contributions ? run->contributions + i * n_contributions : NULL,
		};
		if (id_column >= 0) {
			row.id = csv_chunk_field(&run->chunk, i, (size_t)id_column);
			row.id_len = csv_chunk_field_len(&run->chunk, i, (size_t)id_column);
		}
		output_write_row(&run->output, &row);
	}
}

static int write_failed(struct score_run *run)
{
	const char *target = run->opt->out_path && strcmp(run->opt->out_path, "-") != 0
				 ? run->opt->out_path
				 : "<stdout>";
	progress_clear(&run->progress);
	message("%s: write error: %s", target, strerror(errno ? errno : EIO));
	return ANKER_EXIT_DATA;
}

static int score_all(struct score_run *run)
{
	for (;;) {
		struct csv_error cerr;
		long n = csv_reader_read_chunk(run->files.reader, CHUNK_ROWS, &run->chunk, &cerr);
		if (n < 0)
			return report(run, cerr.line, cerr.column, cerr.message);
		if (n == 0)
			return begin_output(run);
		struct column_error colerr;
		if (case_columns_fill(&run->columns, &run->chunk, &colerr) < 0)
			return report(run, colerr.line, colerr.column, colerr.message);
		int status = begin_output(run);
		if (status)
			return status;
		anker_error_clear(run->err);
		int rc = anker_batch_run(run->batch, (size_t)n, NULL, run->err);
		if (rc < 0)
			return report_score_error(run, rc);
		write_chunk(run);
		run->rows += (uint64_t)n;
		if (ferror(run->output.stream))
			return write_failed(run);
		progress_update(&run->progress, run->rows,
				csv_reader_bytes_read(run->files.reader));
	}
}

/*
 * The sidecar: --meta FILE, or by default OUT.meta.json for CSV written to a
 * regular file (a device or FIFO has no "next to"; JSON output holds the same
 * members itself).
 */
static int choose_meta_path(struct score_run *run)
{
	const struct score_options *opt = run->opt;
	if (opt->meta_path) {
		run->meta_path = strdup(opt->meta_path);
	} else {
		struct stat st;
		if (opt->format != OUTPUT_CSV || !opt->out_path ||
		    strcmp(opt->out_path, "-") == 0 ||
		    (stat(opt->out_path, &st) == 0 && !S_ISREG(st.st_mode)))
			return 0;
		/* Checked before any work: a name that fits is no promise that its sidecar's does.
		 */
		const char *base = strrchr(opt->out_path, '/');
		base = base ? base + 1 : opt->out_path;
		if (strlen(base) + strlen(".meta.json") > NAME_MAX) {
			message("%s.meta.json: the sidecar's name is longer than %d bytes; name it "
				"with --meta FILE",
				opt->out_path, NAME_MAX);
			return ANKER_EXIT_DATA;
		}
		size_t len = strlen(opt->out_path) + sizeof(".meta.json");
		run->meta_path = malloc(len);
		if (run->meta_path)
			snprintf(run->meta_path, len, "%s.meta.json", opt->out_path);
	}
	if (!run->meta_path) {
		message("out of memory");
		return ANKER_EXIT_DATA;
	}
	return 0;
}

/* Write the sidecar into its temporary file; it is renamed into place after the output. */
static int write_meta(struct score_run *run)
{
	if (!run->meta_path)
		return 0;
	struct stat st;
	bool have_input = fstat(fileno(run->files.in), &st) == 0;
	char why[PATH_MAX + 256];
	run->meta_file = output_file_open(run->meta_path, have_input ? &st : NULL,
					  run->files.in_name, why, sizeof(why));
	if (!run->meta_file) {
		message("%s", why);
		return ANKER_EXIT_DATA;
	}
	FILE *out = output_file_stream(run->meta_file);
	fputs("{", out);
	run_meta_write_model(out, run->model, run->opt->absent, run->opt->n_absent);
	fputs(",\n", out);
	run_meta_write_counts(out, run->model, run->batch, run->rows);
	fputs("}\n", out);
	return 0;
}

static int commit_meta(struct score_run *run)
{
	if (!run->meta_file)
		return 0;
	struct output_file *f = run->meta_file;
	run->meta_file = NULL;
	if (output_file_commit(f) < 0) {
		progress_clear(&run->progress);
		message("%s: write error: %s", run->meta_path, strerror(errno ? errno : EIO));
		return ANKER_EXIT_DATA;
	}
	return 0;
}

static int finish_output(struct score_run *run)
{
	output_end(&run->output);
	int status = write_meta(run);
	if (status)
		return status;
	if (run->files.out_file) {
		struct output_file *f = run->files.out_file;
		run->files.out_file = NULL;
		if (output_file_commit(f) < 0)
			return write_failed(run);
		return commit_meta(run);
	}
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		return write_failed(run);
	return commit_meta(run);
}

/* The one summary line on stderr, through message() like every other line there. */
static void print_summary(struct score_run *run)
{
	char *text = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&text, &size);
	if (!mem)
		return;
	summary_write(mem, run->model, run->batch, run->rows, progress_elapsed(&run->progress));
	if (fclose(mem) == 0)
		message("%s", text);
	free(text);
}

static int score(struct score_run *run)
{
	int status;
	if ((status = choose_meta_path(run)) || (status = load_model(run)) ||
	    (status = declare_absent(run)) ||
	    /* --out is decided before anything is read, so that the input itself is refused */
	    (status = caseload_files_open(&run->files, run->opt->in_path, run->opt->out_path)))
		return status;
	bool show = !run->opt->quiet && (run->opt->progress || isatty(STDERR_FILENO));
	progress_init(&run->progress, show, input_size(run->files.in));
	if ((status = read_header(run)) || (status = allocate_results(run)) ||
	    (status = open_output(run)) || (status = score_all(run)))
		return status;
	status = finish_output(run);
	progress_clear(&run->progress);
	if (status == 0 && !run->opt->quiet)
		print_summary(run);
	return status;
}

static void release(struct score_run *run)
{
	progress_clear(&run->progress);
	if (run->begun)
		output_free(&run->output);
	output_file_abort(run->meta_file);
	free(run->meta_path);
	for (size_t k = 0; k < run->n_values; k++) {
		free(run->values[k].numbers);
		free(run->values[k].levels);
	}
	free(run->values);
	free(run->flags);
	free(run->contributions);
	case_columns_free(&run->columns);
	anker_batch_free(run->batch);
	anker_model_unref(run->model);
	anker_error_free(run->err);
	anker_ctx_unref(run->ctx);
	csv_chunk_free(&run->chunk);
	csv_chunk_free(&run->header);
	caseload_files_close(&run->files);
	value_parse_cleanup();
}

static int run_score(int argc, char **argv)
{
	struct score_options opt = {.format = OUTPUT_CSV, .digits17 = true};
	opt.na_texts = calloc((size_t)argc, sizeof(*opt.na_texts));
	opt.absent = calloc((size_t)argc, sizeof(*opt.absent));
	if (!opt.na_texts || !opt.absent) {
		free(opt.na_texts);
		free(opt.absent);
		message("out of memory");
		return ANKER_EXIT_DATA;
	}
	int status = parse_options(argc, argv, &opt);
	if (status < 0) {
		free(opt.na_texts);
		free(opt.absent);
		return print_help(&command_score);
	}
	if (status == 0) {
		struct score_run run = {.opt = &opt};
		csv_chunk_init(&run.header);
		csv_chunk_init(&run.chunk);
		status = score(&run);
		release(&run);
	}
	free(opt.na_texts);
	free(opt.absent);
	return status;
}

const struct command command_score = {
    .name = "score",
    .summary = "score every case in a CSV file with a model",
    .help = help,
    .run = run_score,
};
