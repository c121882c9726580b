/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <anker/anker.h>

#include "command.h"
#include "caseload-fields.h"
#include "caseload-files.h"
#include "csv-reader.h"
#include "format.h"
#include "norms-files.h"
#include "wwb-output.h"

#define CHUNK_ROWS 1024

static const char help[] =
    "NAME\n"
    "    anker wwb - the WWB-toets: will the client probably have a right to\n"
    "    bijstand after the WW?\n"
    "\n"
    "SYNOPSIS\n"
    "    anker wwb --norms PATH... --case HOUSEHOLD.json [--date D]\n"
    "              [--format text|json] [--language nl|en]\n"
    "    anker wwb --norms PATH... --in HOUSEHOLDS.csv [--out FILE] [--date D]\n"
    "              [--format csv|json] [--id-column NAME]\n"
    "\n"
    "DESCRIPTION\n"
    "    Applies the Participatiewet rules in force on the reference date to a\n"
    "    household: the norm (household type, age group, the kostendelersnorm\n"
    "    with who counts as a cost-sharer and why), income against the norm\n"
    "    with the earnings disregard, the expected monthly bijstand, assets\n"
    "    against the asset limit and the home-equity test, the routes that are\n"
    "    not municipal bijstand (AIO at pension age, IOAW, reporting early under\n"
    "    27) and the verdict: probably_entitled, probably_not_entitled or\n"
    "    unknown, with the facts that are missing. Every line of the reasoning\n"
    "    names the article it applies. docs/wwb-toets.md describes the files.\n"
    "\n"
    "    The rules are data: --norms names a directory (every *.json in it) or\n"
    "    a file of norms, asset limits or the pension-age table; give it as\n"
    "    often as needed. The shipped tables are in data/norms (installed in\n"
    "    share/anker/norms). A reference date for which no norms table is in\n"
    "    force is an error, never the nearest table.\n"
    "\n"
    "    --case reads one household as JSON (\"-\" is standard input) and writes\n"
    "    its result to standard output: as text for people, or with --format\n"
    "    json as one JSON object whose amounts are in euro cents.\n"
    "\n"
    "    --in reads a caseload: CSV with one household per row and the columns\n"
    "    of docs/wwb-toets.md (\"A caseload\"), plus an optional id column. It\n"
    "    writes one row per household: id, verdict, household_type, norm_name,\n"
    "    cost_sharers, loan (0/1), routes (joined by ';'), the amounts in euros\n"
    "    with two decimals (empty when not determined: norm,\n"
    "    norm_without_holiday, holiday_allowance, income, disregarded, bijstand,\n"
    "    assets, asset_limit, home_equity, home_equity_limit) and missing (the\n"
    "    missing facts joined by ';'); or with --format json one array of the\n"
    "    objects --case writes, each with its \"id\". The first bad row stops the\n"
    "    run with a message naming the file and line. --out FILE is written all\n"
    "    or nothing, as anker score writes it.\n"
    "\n"
    "OPTIONS\n"
    "    --norms PATH\n"
    "        A directory of *.json rule files, or one such file. Required.\n"
    "\n"
    "    --case FILE\n"
    "        One household as JSON.\n"
    "\n"
    "    --in FILE\n"
    "        A caseload as CSV (\"-\" is standard input).\n"
    "\n"
    "    --out FILE\n"
    "        Where --in writes (default: standard output).\n"
    "\n"
    "    --date D\n"
    "        The reference date YYYY-MM-DD, normally the day the WW ends; it\n"
    "        overrides the household's reference_date (or column).\n"
    "\n"
    "    --format text|json|csv\n"
    "        text (the default for --case) or json; csv (the default for --in)\n"
    "        or json.\n"
    "\n"
    "    --language nl|en\n"
    "        The language of the reasoning in text output (default nl).\n"
    "\n"
    "    --id-column NAME\n"
    "        The column that identifies a household (default id; without one the\n"
    "        row number is the id).\n"
    "\n"
    "    -h, --help\n"
    "        Show this help.\n"
    "\n"
    "EXIT STATUS\n"
    "    0   every household was tested (whatever the verdicts)\n"
    "    1   a rule file, a household or a row is invalid, no norms table is in\n"
    "        force on the reference date, or a read or write failed\n"
    "    2   bad command line\n"
    "\n"
    "EXAMPLES\n"
    "    anker wwb --norms data/norms --case examples/wwb/single.json\n"
    "    anker wwb --norms data/norms --case household.json --date 2026-03-31 --format json\n"
    "    anker wwb --norms data/norms --in examples/wwb/caseload.csv --out verdicts.csv\n";

enum { OPT_FORMAT = 256, OPT_DATE, OPT_LANGUAGE, OPT_ID_COLUMN, OPT_NORMS, OPT_CASE };

struct wwb_options {
	const char **norms;
	size_t n_norms;
	const char *case_path, *in_path, *out_path, *date, *id_column, *format;
	int language;
};

static int parse_options(int argc, char **argv, struct wwb_options *opt)
{
	static const struct option options[] = {
	    {"norms", required_argument, NULL, OPT_NORMS},
	    {"case", required_argument, NULL, OPT_CASE},
	    {"in", required_argument, NULL, 'i'},
	    {"out", required_argument, NULL, 'o'},
	    {"date", required_argument, NULL, OPT_DATE},
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"language", required_argument, NULL, OPT_LANGUAGE},
	    {"id-column", required_argument, NULL, OPT_ID_COLUMN},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":i:o:h", options, NULL)) != -1) {
		switch (c) {
		case OPT_NORMS:
			opt->norms[opt->n_norms++] = optarg;
			break;
		case OPT_CASE:
			opt->case_path = optarg;
			break;
		case 'i':
			opt->in_path = optarg;
			break;
		case 'o':
			opt->out_path = optarg;
			break;
		case OPT_DATE:
			opt->date = optarg;
			break;
		case OPT_FORMAT:
			opt->format = optarg;
			break;
		case OPT_LANGUAGE:
			if (strcmp(optarg, "nl") != 0 && strcmp(optarg, "en") != 0)
				return usage_error("wwb", "--language must be nl or en");
			opt->language =
			    strcmp(optarg, "en") == 0 ? ANKER_WWB_ENGLISH : ANKER_WWB_DUTCH;
			break;
		case OPT_ID_COLUMN:
			opt->id_column = optarg;
			break;
		case 'h':
			return -1;
		default:
			return option_error("wwb", c, argv);
		}
	}
	if (optind < argc)
		return usage_error("wwb", "unexpected argument '%s'", argv[optind]);
	if (opt->n_norms == 0)
		return usage_error("wwb", "--norms is required");
	if (!opt->case_path == !opt->in_path)
		return usage_error("wwb", "give exactly one of --case and --in");
	if (opt->out_path && !opt->in_path)
		return usage_error("wwb", "--out goes with --in");
	const char *allowed = opt->case_path ? "text json" : "csv json";
	if (!opt->format)
		opt->format = opt->case_path ? "text" : "csv";
	if (!strstr(allowed, opt->format) || strchr(opt->format, ' '))
		return usage_error("wwb", "--format must be %s",
				   opt->case_path ? "text or json" : "csv or json");
	return 0;
}

static int print_case_result(const struct wwb_options *opt, const struct anker_wwb_result *res)
{
	if (strcmp(opt->format, "json") == 0) {
		json_t *obj = wwb_result_json(res);
		char *text = obj ? json_dumps(obj, JSON_INDENT(2) | JSON_ENSURE_ASCII) : NULL;
		json_decref(obj);
		if (!text) {
			message("out of memory");
			return ANKER_EXIT_DATA;
		}
		fputs(text, stdout);
		fputc('\n', stdout);
		free(text);
	} else {
		wwb_result_text(stdout, res, opt->language);
	}
	return finish_stdout();
}

static int run_case(const struct wwb_options *opt, struct anker_ctx *ctx,
		    const struct anker_wwb_norms *norms, struct anker_error *err)
{
	bool is_stdin = strcmp(opt->case_path, "-") == 0;
	size_t size = 0;
	char *data = norms_files_read_case(opt->case_path, &size);
	if (!data)
		return ANKER_EXIT_DATA;
	struct anker_wwb_household *hh = NULL;
	struct anker_wwb_result *res = NULL;
	int status = ANKER_EXIT_OK;
	if (anker_wwb_household_parse(ctx, data, size, is_stdin ? "<stdin>" : opt->case_path, err,
				      &hh) < 0 ||
	    anker_wwb_evaluate(norms, hh, opt->date, err, &res) < 0) {
		message("%s", anker_error_message(err));
		status = ANKER_EXIT_DATA;
	} else {
		status = print_case_result(opt, res);
	}
	anker_wwb_result_free(res);
	anker_wwb_household_free(hh);
	free(data);
	return status;
}

struct caseload {
	const struct wwb_options *opt;
	struct anker_ctx *ctx;
	const struct anker_wwb_norms *norms;
	struct anker_error *err;
	struct caseload_files files;
	struct csv_chunk header, chunk;
	struct caseload_fields fields;
	unsigned long long rows;
};

static int row_error(struct caseload *c, long line, const char *text)
{
	message("%s:%ld: %s", c->files.in_name, line, text);
	return ANKER_EXIT_DATA;
}

static int test_row(struct caseload *c, size_t record)
{
	caseload_fields_read(&c->fields, &c->chunk, record);
	long line = c->chunk.lines[record];
	struct anker_wwb_household *hh = NULL;
	struct anker_wwb_result *res = NULL;
	if (anker_wwb_household_from_fields(c->ctx, c->fields.names, c->fields.values,
					    c->fields.n_fields, c->err, &hh) < 0 ||
	    anker_wwb_evaluate(c->norms, hh, c->opt->date, c->err, &res) < 0) {
		anker_wwb_household_free(hh);
		return row_error(c, line, anker_error_message(c->err));
	}
	char number[32];
	const char *id = number;
	size_t id_len;
	c->rows++;
	if (c->fields.id_column >= 0) {
		id = csv_chunk_field(&c->chunk, record, (size_t)c->fields.id_column);
		id_len = csv_chunk_field_len(&c->chunk, record, (size_t)c->fields.id_column);
	} else {
		id_len = (size_t)snprintf(number, sizeof(number), "%llu", c->rows);
	}
	int status = 0;
	if (strcmp(c->opt->format, "json") == 0) {
		json_t *obj = wwb_result_json(res);
		json_t *idv = c->fields.id_column >= 0 ? json_stringn(id, id_len)
						       : json_integer((json_int_t)c->rows);
		char *text = NULL;
		if (obj && idv && json_object_set_new(obj, "id", idv) == 0)
			text =
			    json_dumps(obj, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER);
		else
			json_decref(idv);
		json_decref(obj);
		if (!text) {
			message("out of memory");
			status = ANKER_EXIT_DATA;
		} else {
			fprintf(c->files.out, "%s\n  %s", c->rows > 1 ? "," : "", text);
			free(text);
		}
	} else {
		wwb_csv_row(c->files.out, id, id_len, res);
	}
	anker_wwb_result_free(res);
	anker_wwb_household_free(hh);
	return status;
}

static int test_all(struct caseload *c)
{
	struct csv_error cerr;
	int status = caseload_fields_read_header(
	    &c->fields, c->files.reader, &c->header, c->files.in_name, c->opt->id_column,
	    anker_wwb_household_field_name, "household", "wwb");
	if (status)
		return status;
	bool json = strcmp(c->opt->format, "json") == 0;
	if (json)
		fputs("[", c->files.out);
	else
		wwb_csv_header(c->files.out);
	for (;;) {
		long n = csv_reader_read_chunk(c->files.reader, CHUNK_ROWS, &c->chunk, &cerr);
		if (n < 0)
			return row_error(c, cerr.line, cerr.message);
		if (n == 0)
			break;
		for (size_t i = 0; i < (size_t)n; i++)
			if ((status = test_row(c, i)))
				return status;
	}
	if (json)
		fputs(c->rows ? "\n]\n" : "]\n", c->files.out);
	return 0;
}

static int run_caseload(const struct wwb_options *opt, struct anker_ctx *ctx,
			const struct anker_wwb_norms *norms, struct anker_error *err)
{
	struct caseload c = {.opt = opt, .ctx = ctx, .norms = norms, .err = err};
	csv_chunk_init(&c.header);
	csv_chunk_init(&c.chunk);
	int status = caseload_files_open(&c.files, opt->in_path, opt->out_path);
	if (!status)
		status = test_all(&c);
	if (!status)
		status = caseload_files_commit(&c.files, opt->out_path);
	caseload_files_close(&c.files);
	csv_chunk_free(&c.chunk);
	csv_chunk_free(&c.header);
	caseload_fields_free(&c.fields);
	return status;
}

static int run_wwb(int argc, char **argv)
{
	struct wwb_options opt = {.language = ANKER_WWB_DUTCH};
	opt.norms = calloc((size_t)argc, sizeof(*opt.norms));
	if (!opt.norms) {
		message("out of memory");
		return ANKER_EXIT_DATA;
	}
	int status = parse_options(argc, argv, &opt);
	if (status < 0) {
		free(opt.norms);
		return print_help(&command_wwb);
	}
	struct norms_files f = {NULL, NULL, NULL};
	if (status == 0)
		status = norms_files_open(&f, opt.norms, opt.n_norms);
	if (status == 0)
		status = opt.case_path ? run_case(&opt, f.ctx, f.norms, f.err)
				       : run_caseload(&opt, f.ctx, f.norms, f.err);
	norms_files_close(&f);
	free(opt.norms);
	return status;
}

const struct command command_wwb = {
    .name = "wwb",
    .summary = "the WWB-toets: a household's probable right to bijstand, with its reasoning",
    .help = help,
    .run = run_wwb,
};
