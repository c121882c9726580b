/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `anker werkverkenner`: the chance of work within a year, its band, the
 * invitation and the factor diagnosis of a Werkverkenner-like profile
 * (docs/werkverkenner.md), for one client (text, an HTML summary, the
 * record) or a whole intake (CSV), and the month-7 re-estimate. Every file
 * is written atomically (output-file.h).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include <anker/anker.h>

#include "assess-io.h"
#include "command.h"
#include "output-file.h"
#include "value-parse.h"
#include "wv-intake.h"
#include "wv-outcome.h"
#include "wv-text.h"

static const char help[] =
    "NAME\n"
    "    anker werkverkenner - the chance of work within a year, the invitation\n"
    "    and the factor diagnosis of a Werkverkenner profile\n"
    "\n"
    "SYNOPSIS\n"
    "    anker werkverkenner --profile PROFILE --case ANSWERS.json [--lang nl|en]\n"
    "                        [--followup FIRST_RECORD.json] [--decision DECISION.json]\n"
    "                        [--now] [--record RECORD.json] [--html SUMMARY.html]\n"
    "                        [--top N]\n"
    "    anker werkverkenner --profile PROFILE --in ANSWERS.csv [--out RESULTS.csv]\n"
    "                        [--id-column NAME] [--top N] [--progress]\n"
    "    anker werkverkenner --texts\n"
    "\n"
    "DESCRIPTION\n"
    "    Assesses a client's Werkverkenner answers with a profile whose\n"
    "    questionnaire scales are the factors and whose chained binary model\n"
    "    gives the chance of work within 12 months (the profile's \"followup\"\n"
    "    instrument), and shows the chance, its band, the advice of the rule\n"
    "    table (the invitation to a werkoriëntatiegesprek) with its reason, and\n"
    "    the factors that lower the chance most, in order, the changeable\n"
    "    (soft) ones marked as starting points for the werkplan, in words a\n"
    "    coach can say (docs/werkverkenner.md).\n"
    "\n"
    "    A client whose answers leave a factor unscorable gets \"not completed\"\n"
    "    with the missing answers named and the profile's routing for it;\n"
    "    nothing is estimated.\n"
    "\n"
    "    ANSWERS.json is a JSON object of the questionnaire's items and the\n"
    "    model's other variables (months on benefit). With --followup, the\n"
    "    month-7 re-estimate: the answers are the client's current ones, the\n"
    "    first estimate is taken from the first record (FIRST_RECORD.json, as\n"
    "    --record wrote it), the new record chains to it, and a drop across a\n"
    "    band boundary or by more than the profile's threshold is flagged.\n"
    "\n"
    "    With --in, every row of a CSV file (a header of variable names, one\n"
    "    client per row; empty cells and NA are missing) is assessed and one\n"
    "    result row written: completed, chance, band, the advice fields, the\n"
    "    rule, the missing items, the first N factors that lower the chance\n"
    "    with their type, and, when the CSV has the profile's first-estimate\n"
    "    column, the follow-up columns.\n"
    "\n"
    "    Answers are personal data: anker prints none of them in its messages.\n"
    "\n"
    "OPTIONS\n"
    "    --profile PROFILE\n"
    "        The assessment profile, e.g. data/profiles/demo-werkverkenner.json.\n"
    "\n"
    "    --case ANSWERS.json\n"
    "        One client's answers.\n"
    "\n"
    "    --lang nl|en\n"
    "        The language of the summary and the HTML page (default nl).\n"
    "\n"
    "    --followup FIRST_RECORD.json\n"
    "        Re-estimate at month 7 against the first record.\n"
    "\n"
    "    --decision DECISION.json, --now\n"
    "        The adviser's decision, as for anker assess: e.g. an invitation of\n"
    "        a client above 50% with reason code op_verzoek_klant.\n"
    "\n"
    "    --record RECORD.json\n"
    "        Write the assessment record (anker verify checks it).\n"
    "\n"
    "    --html SUMMARY.html\n"
    "        Write a self-contained, accessible HTML summary for the client: no\n"
    "        script, no network, no other file.\n"
    "\n"
    "    --top N\n"
    "        Show at most N factors (default 3).\n"
    "\n"
    "    --in ANSWERS.csv, -o, --out RESULTS.csv, --id-column NAME, --progress\n"
    "        A whole intake; - reads standard input; without --out the results\n"
    "        go to standard output.\n"
    "\n"
    "    --texts\n"
    "        Print the program's own texts in both languages, tab-separated (key,\n"
    "        Dutch, English), for translators and the translation test.\n"
    "\n"
    "    -h, --help\n"
    "        Show this help.\n"
    "\n"
    "EXIT STATUS\n"
    "    0 success; 1 bad data, profile, decision or I/O; 2 bad command line.\n"
    "\n"
    "EXAMPLES\n"
    "    anker werkverkenner --profile data/profiles/demo-werkverkenner.json \\\n"
    "        --case examples/data/wv-client-ahmed.json --lang en\n"
    "    anker werkverkenner --profile data/profiles/demo-werkverkenner.json \\\n"
    "        --in intake.csv --out results.csv --progress\n";

struct wv_options {
	const char *profile, *case_path, *in_path, *out_path, *lang, *followup, *decision;
	const char *record, *html, *id_column;
	long top;
	bool now, progress, texts;
};

/* Write with @p fn into @p path atomically; false (reported) on failure. */
static bool write_file(const char *path, void (*fn)(FILE *, const void *), const void *arg)
{
	char why[PATH_MAX + 256];
	struct output_file *f = output_file_open(path, NULL, NULL, why, sizeof(why));
	if (!f) {
		message("%s", why);
		return false;
	}
	fn(output_file_stream(f), arg);
	if (output_file_commit(f) < 0) {
		message("%s: cannot write: %s", path, strerror(errno));
		return false;
	}
	return true;
}

struct html_arg {
	const struct wv_outcome *o;
	size_t top;
};

static void put_html(FILE *out, const void *arg)
{
	const struct html_arg *h = arg;
	wv_print_html(out, h->o, h->top);
}

static void put_record(FILE *out, const void *arg)
{
	const struct anker_assessment *a = arg;
	size_t len = 0;
	anker_assessment_write_record(a, NULL, 0, &len, NULL);
	char *buf = malloc(len + 1);
	if (buf && anker_assessment_write_record(a, buf, len + 1, &len, NULL) == 0) {
		fwrite(buf, 1, len, out);
		fputc('\n', out);
	} else {
		fputs("", out);
		message("cannot write the record: out of memory");
	}
	free(buf);
}

/*
 * The first estimate from the first record: the probability of the estimate
 * instrument, and the record's hash to chain to. -1 (reported) when the file
 * is no record of this profile; 0 with NaN when it has no estimate (the
 * Werkverkenner was not completed then).
 */
static int read_first(const char *path, const struct anker_profile *p, size_t estimate,
		      double *chance, char sha[65])
{
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	if (!root) {
		message("%s:%d: %s", path, jerr.line, jerr.text);
		return -1;
	}
	const char *alias = anker_profile_get_instrument_alias(p, estimate);
	json_t *list = json_object_get(root, "instruments"), *ins;
	const char *hash = json_string_value(json_object_get(root, "sha256"));
	size_t i;
	int r = -1;
	*chance = NAN;
	json_array_foreach(list, i, ins)
	{
		if (!json_is_string(json_object_get(ins, "alias")) ||
		    strcmp(json_string_value(json_object_get(ins, "alias")), alias) != 0)
			continue;
		json_t *prob = json_object_get(json_object_get(ins, "outputs"), "probability");
		if (json_is_number(prob))
			*chance = json_number_value(prob);
		r = 0;
	}
	if (r < 0 || !hash || strlen(hash) != 64) {
		message("%s: not a record of profile %s (no instrument %s or no sha256)", path,
			anker_profile_get_id(p), alias);
		r = -1;
	} else {
		memcpy(sha, hash, 65);
	}
	json_decref(root);
	return r;
}

/* The decision as recorded, on standard output: the decided fields and the reason. */
static void print_decision(const struct anker_profile *p, const struct anker_assessment *a,
			   const char *lang)
{
	size_t len = 0;
	anker_assessment_write_record(a, NULL, 0, &len, NULL);
	char *buf = malloc(len + 1);
	json_t *rec = buf && anker_assessment_write_record(a, buf, len + 1, &len, NULL) == 0
			  ? json_loads(buf, 0, NULL)
			  : NULL;
	free(buf);
	json_t *d = json_object_get(rec, "decision");
	const struct anker_model *rules = anker_profile_get_rules(p);
	const char *field;
	json_t *value;
	json_object_foreach(json_object_get(d, "values"), field, value)
	{
		int o = anker_model_find_output(rules, field);
		const char *label =
		    o < 0 ? field : anker_model_get_output_text(rules, (size_t)o, lang);
		const char *text = json_string_value(value), *advised;
		advised = anker_assessment_get_advice_value(a, field);
		if (!text || (advised && strcmp(advised, text) == 0))
			continue; /* only where the adviser deviates */
		for (size_t k = 0;
		     o >= 0 && k < anker_model_get_output_level_count(rules, (size_t)o); k++)
			if (strcmp(anker_model_get_output_level_name(rules, (size_t)o, k), text) ==
			    0)
				text = anker_model_get_output_level_text(rules, (size_t)o, k, lang);
		printf("%s: %s: %s\n", wv_text(WV_DECISION, lang), label, text);
	}
	const char *code = json_string_value(json_object_get(json_object_get(d, "reason"), "code"));
	for (size_t k = 0; code && k < anker_profile_get_reason_count(p); k++)
		if (strcmp(anker_profile_get_reason_code(p, k), code) == 0)
			printf("  %s: %s (%s)\n", wv_text(WV_BECAUSE, lang),
			       anker_profile_get_reason_label(p, k, lang), code);
	json_decref(rec);
}

static int run_case(const struct wv_options *o, const struct anker_profile *p, size_t estimate,
		    struct anker_ctx *ctx, struct anker_error *err)
{
	struct anker_case *c = NULL;
	struct anker_assessment *a = NULL;
	int status = ANKER_EXIT_DATA;
	char previous[65] = "";
	if (anker_case_new(ctx, &c) < 0 || assess_read_case_json(o->case_path, c, err) < 0)
		goto out;
	if (o->followup) {
		double first;
		const char *first_var = NULL;
		anker_profile_get_followup(p, NULL, &first_var, NULL);
		if (read_first(o->followup, p, estimate, &first, previous) < 0)
			goto out;
		if (!isnan(first) && anker_case_set_number(c, first_var, first) < 0)
			goto out;
	}
	if (anker_profile_assess(p, c, 0, &a, err) < 0) {
		message("%s: %s", o->case_path, anker_error_message(err));
		goto out;
	}
	if (previous[0] && anker_assessment_set_previous(a, previous) < 0)
		goto out;
	if (o->decision && assess_read_decision(o->decision, o->now, a, err) < 0)
		goto out;
	struct wv_outcome outcome;
	wv_outcome_get(p, estimate, a, o->lang, &outcome);
	wv_print_text(stdout, &outcome, (size_t)o->top);
	if (o->decision)
		print_decision(p, a, o->lang);
	struct html_arg h = {&outcome, (size_t)o->top};
	if (o->html && !write_file(o->html, put_html, &h))
		goto out;
	if (o->record && !write_file(o->record, put_record, a))
		goto out;
	status = finish_stdout();
out:
	anker_assessment_free(a);
	anker_case_free(c);
	return status;
}

static int print_texts(void)
{
	for (int id = 0; id < WV_N_TEXTS; id++) {
		const char *key, *nl, *en;
		wv_text_entry(id, &key, &nl, &en);
		printf("%s\t%s\t%s\n", key ? key : "", nl ? nl : "", en ? en : "");
	}
	return finish_stdout();
}

static int parse_options(int argc, char **argv, struct wv_options *o)
{
	enum {
		PROFILE = 256,
		CASE,
		IN,
		LANG,
		FOLLOWUP,
		DECISION,
		NOW,
		RECORD,
		HTML,
		TOP,
		ID_COLUMN,
		PROGRESS,
		TEXTS
	};
	static const struct option options[] = {
	    {"profile", required_argument, NULL, PROFILE},
	    {"case", required_argument, NULL, CASE},
	    {"in", required_argument, NULL, IN},
	    {"lang", required_argument, NULL, LANG},
	    {"followup", required_argument, NULL, FOLLOWUP},
	    {"decision", required_argument, NULL, DECISION},
	    {"now", no_argument, NULL, NOW},
	    {"record", required_argument, NULL, RECORD},
	    {"html", required_argument, NULL, HTML},
	    {"top", required_argument, NULL, TOP},
	    {"id-column", required_argument, NULL, ID_COLUMN},
	    {"progress", no_argument, NULL, PROGRESS},
	    {"texts", no_argument, NULL, TEXTS},
	    {"out", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	o->lang = "nl";
	o->top = 3;
	int opt;
	optind = 1;
	opterr = 0;
	char *end;
	while ((opt = getopt_long(argc, argv, ":ho:", options, NULL)) != -1) {
		switch (opt) {
		case PROFILE:
			o->profile = optarg;
			break;
		case CASE:
			o->case_path = optarg;
			break;
		case IN:
			o->in_path = optarg;
			break;
		case LANG:
			o->lang = optarg;
			break;
		case FOLLOWUP:
			o->followup = optarg;
			break;
		case DECISION:
			o->decision = optarg;
			break;
		case NOW:
			o->now = true;
			break;
		case RECORD:
			o->record = optarg;
			break;
		case HTML:
			o->html = optarg;
			break;
		case ID_COLUMN:
			o->id_column = optarg;
			break;
		case PROGRESS:
			o->progress = true;
			break;
		case TEXTS:
			o->texts = true;
			break;
		case 'o':
			o->out_path = optarg;
			break;
		case TOP:
			errno = 0;
			o->top = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || o->top < 0 || o->top > 64)
				return usage_error(argv[0],
						   "--top needs a whole number from 0 to 64");
			break;
		case 'h':
			return -1;
		default:
			return option_error(argv[0], opt, argv);
		}
	}
	if (optind != argc)
		return usage_error(argv[0], "unexpected argument '%s'", argv[optind]);
	if (o->texts)
		return 0;
	if (strcmp(o->lang, "nl") != 0 && strcmp(o->lang, "en") != 0)
		return usage_error(argv[0], "--lang is nl or en");
	if (!o->profile)
		return usage_error(argv[0], "--profile is required");
	if (!o->case_path == !o->in_path)
		return usage_error(argv[0], "give either --case or --in");
	if (o->in_path && (o->followup || o->decision || o->now || o->record || o->html))
		return usage_error(
		    argv[0], "--followup, --decision, --now, --record and --html go with --case "
			     "(a CSV intake gives the first estimate as a column)");
	if (o->case_path && (o->out_path || o->id_column || o->progress))
		return usage_error(argv[0], "--out, --id-column and --progress go with --in");
	return 0;
}

static int run(int argc, char **argv)
{
	struct wv_options o = {0};
	int r = parse_options(argc, argv, &o);
	if (r < 0)
		return print_help(&command_werkverkenner);
	if (r > 0)
		return r;
	if (o.texts)
		return print_texts();
	struct anker_ctx *ctx = NULL;
	struct anker_error *err = NULL;
	struct anker_profile *p = NULL;
	if (assess_open_profile(o.profile, &ctx, &err, &p) < 0)
		return ANKER_EXIT_DATA;
	size_t estimate;
	int status = ANKER_EXIT_DATA;
	if (wv_find_estimate(p, &estimate))
		status = o.case_path
			     ? run_case(&o, p, estimate, ctx, err)
			     : wv_run_intake(&(struct wv_intake_options){o.in_path, o.out_path,
									 o.id_column, o.lang,
									 (size_t)o.top, o.progress},
					     p, estimate, ctx, err);
	anker_profile_unref(p);
	anker_error_free(err);
	anker_ctx_unref(ctx);
	value_parse_cleanup();
	return status;
}

const struct command command_werkverkenner = {
    .name = "werkverkenner",
    .summary = "the Werkverkenner: chance of work, invitation, factor diagnosis, month 7",
    .help = help,
    .run = run,
};
