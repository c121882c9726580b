/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <anker/anker.h>

#include "command.h"
#include "norms-files.h"
#include "output-file.h"
#include "timeline-caseload.h"
#include "timeline-ical.h"

#ifndef ANKER_NORMS_DIR
#define ANKER_NORMS_DIR "/usr/local/share/anker/norms"
#endif

static const char help[] =
    "NAME\n"
    "    anker timeline - the WW end date and every deadline of a case, from the\n"
    "    WW start to the sluitende aanpak\n"
    "\n"
    "SYNOPSIS\n"
    "    anker timeline --ww-start D --birth D\n"
    "                   (--years-before-2016 N --years-from-2016 N | --max-months N)\n"
    "                   [--lang nl|en] [--json FILE] [--ics FILE --case-id ID\n"
    "                   [--dtstamp YYYYMMDDTHHMMSSZ]] [--norms PATH]...\n"
    "    anker timeline --case CASE.json [the same output options]\n"
    "    anker timeline --in CASES.csv [--out FILE] [--id-column NAME]\n"
    "                   [--progress] [--quiet] [--norms PATH]...\n"
    "\n"
    "DESCRIPTION\n"
    "    Computes the day the WW ends and the deadlines the case systems live\n"
    "    by, each with its rule id, a Dutch and an English label and its source\n"
    "    (docs/timeline.md gives every rule):\n"
    "\n"
    "    The WW duration (WW art. 42): one month per year of work history for\n"
    "    the first 10 years; above 10, one month per year before 2016 and half\n"
    "    a month per year from 2016; 3 to 24 months (for a WW from 2019-04-01;\n"
    "    before, give UWV's --max-months). The WW ends at the latest on the day\n"
    "    the client reaches pension age (WW art. 19(1)(f)), from the pension-age\n"
    "    table among the --norms files. ww_end is the first day without WW.\n"
    "\n"
    "    The deadlines: werkverkenner (the start), monitorgesprek (end of month\n"
    "    7), herfasering_1.. (every 6 months while the WW lasts), route_a_end\n"
    "    (after 9 months), the Bossche model 7, 6, 3, 2 and 1 months before the\n"
    "    WW ends (bossche_screening, bossche_inkomenstoets, bossche_coaching,\n"
    "    bossche_follow_up, bossche_results), early_report (under 27: 4 weeks\n"
    "    before), ww_end and sluitende_aanpak (a year after entering bijstand).\n"
    "    Months keep the day of the month; a day the month lacks becomes its\n"
    "    last day (31 January + 1 month = 28 or 29 February).\n"
    "\n"
    "    One case is given by the options or by --case (JSON with ww_start,\n"
    "    birth_date and years_before_2016 and years_from_2016, or max_months);\n"
    "    its timeline goes to standard output as text, and with --json and\n"
    "    --ics to files, each written all or nothing (\"-\" is standard output).\n"
    "\n"
    "    --in reads a caseload: CSV with the columns ww_start, birth_date,\n"
    "    years_before_2016, years_from_2016, max_months (an empty cell is\n"
    "    absent) and an optional id column. It writes one row per case: id,\n"
    "    ww_last_day, duration_months, capped (0/1), pension_date, then one\n"
    "    column per deadline, ww_end among them (empty when it does not apply). The first bad\n"
    "    row stops the run with a message naming the file, line and field.\n"
    "\n"
    "    The iCalendar file (RFC 5545, written by libical) holds one all-day\n"
    "    event per deadline. It is reproducible: each UID is\n"
    "    CASE-RULE@anker-timeline, stable for a case and a rule, and DTSTAMP is\n"
    "    --dtstamp or else midnight UTC of the WW start, never the clock.\n"
    "\n"
    "OPTIONS\n"
    "    --ww-start D          the first day of the WW, YYYY-MM-DD\n"
    "    --birth D             the date of birth, YYYY-MM-DD\n"
    "    --years-before-2016 N whole calendar years of work history before 2016\n"
    "    --years-from-2016 N   whole calendar years from 2016 (not the WW's year)\n"
    "    --max-months N        the duration UWV granted: 3 to 38, whole or .5\n"
    "    --case FILE           one case as JSON (\"-\" is standard input)\n"
    "    --lang nl|en          the language of the text and the calendar (nl)\n"
    "    --json FILE           write the timeline as canonical JSON\n"
    "    --ics FILE            write the deadlines as iCalendar; needs --case-id\n"
    "    --case-id ID          the case's id in the UIDs: 1-64 of A-Z a-z 0-9 . _ -\n"
    "    --dtstamp T           the DTSTAMP of every event, UTC: YYYYMMDDTHHMMSSZ\n"
    "    --in FILE             a caseload as CSV (\"-\" is standard input)\n"
    "    --out FILE            where --in writes (default: standard output)\n"
    "    --id-column NAME      the caseload's id column (default id; without one\n"
    "                          the row number is the id)\n"
    "    --progress            show the progress line even when stderr is no terminal\n"
    "    --quiet               never show the progress line\n"
    "    --norms PATH          a directory of rule files or one file, holding the\n"
    "                          pension-age table (default " ANKER_NORMS_DIR ")\n"
    "    -h, --help            show this help\n"
    "\n"
    "EXIT STATUS\n"
    "    0   every timeline was computed\n"
    "    1   a case, a row or a rule file is invalid, or a read or write failed\n"
    "    2   bad command line\n"
    "\n"
    "EXAMPLES\n"
    "    anker timeline --norms data/norms --ww-start 2024-01-31 --birth 1990-05-15 \\\n"
    "        --years-before-2016 8 --years-from-2016 6 --lang en\n"
    "    anker timeline --norms data/norms --ww-start 2024-01-31 --birth 1990-05-15 \\\n"
    "        --max-months 12 --case-id C-1 --ics c1.ics --json c1.json\n"
    "    anker timeline --norms data/norms --in examples/timeline/cases.csv --out timelines.csv\n";

enum {
	OPT_WW_START = 256,
	OPT_BIRTH,
	OPT_BEFORE,
	OPT_FROM,
	OPT_MAX_MONTHS,
	OPT_CASE,
	OPT_LANG,
	OPT_JSON,
	OPT_ICS,
	OPT_CASE_ID,
	OPT_DTSTAMP,
	OPT_ID_COLUMN,
	OPT_PROGRESS,
	OPT_QUIET,
	OPT_NORMS,
};

struct timeline_options {
	const char **norms;
	size_t n_norms;
	/* the case fields, in the order of anker_timeline_field_name() */
	const char *fields[5];
	const char *case_path, *json_path, *ics_path, *case_id, *dtstamp;
	struct timeline_caseload_options caseload;
	int language;
};

static int check_options(struct timeline_options *opt)
{
	bool any_field = false;
	for (size_t i = 0; i < 5; i++)
		any_field |= opt->fields[i] != NULL;
	int modes = any_field + (opt->case_path != NULL) + (opt->caseload.in_path != NULL);
	if (modes != 1)
		return usage_error("timeline", "give the case by options, or --case, or --in");
	if (opt->caseload.in_path && (opt->json_path || opt->ics_path))
		return usage_error("timeline", "--json and --ics go with one case, not --in");
	if (!opt->caseload.in_path && (opt->caseload.out_path || opt->caseload.id_column))
		return usage_error("timeline", "--out and --id-column go with --in");
	if (opt->ics_path && !opt->case_id)
		return usage_error("timeline",
				   "--ics needs --case-id: the UIDs must stay the same for the "
				   "case, and no case value may stand in for its id");
	if (opt->case_id && !timeline_case_id_ok(opt->case_id))
		return usage_error("timeline", "--case-id must be 1 to 64 of A-Z a-z 0-9 . _ -");
	if (opt->dtstamp && !timeline_dtstamp_ok(opt->dtstamp))
		return usage_error("timeline",
				   "--dtstamp must be a UTC date-time YYYYMMDDTHHMMSSZ");
	if (opt->n_norms == 0)
		opt->norms[opt->n_norms++] = ANKER_NORMS_DIR;
	return 0;
}

static int parse_options(int argc, char **argv, struct timeline_options *opt)
{
	static const struct option options[] = {
	    {"ww-start", required_argument, NULL, OPT_WW_START},
	    {"birth", required_argument, NULL, OPT_BIRTH},
	    {"years-before-2016", required_argument, NULL, OPT_BEFORE},
	    {"years-from-2016", required_argument, NULL, OPT_FROM},
	    {"max-months", required_argument, NULL, OPT_MAX_MONTHS},
	    {"case", required_argument, NULL, OPT_CASE},
	    {"lang", required_argument, NULL, OPT_LANG},
	    {"json", required_argument, NULL, OPT_JSON},
	    {"ics", required_argument, NULL, OPT_ICS},
	    {"case-id", required_argument, NULL, OPT_CASE_ID},
	    {"dtstamp", required_argument, NULL, OPT_DTSTAMP},
	    {"in", required_argument, NULL, 'i'},
	    {"out", required_argument, NULL, 'o'},
	    {"id-column", required_argument, NULL, OPT_ID_COLUMN},
	    {"progress", no_argument, NULL, OPT_PROGRESS},
	    {"quiet", no_argument, NULL, OPT_QUIET},
	    {"norms", required_argument, NULL, OPT_NORMS},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":i:o:h", options, NULL)) != -1) {
		if (c >= OPT_WW_START && c <= OPT_MAX_MONTHS) {
			opt->fields[c - OPT_WW_START] = optarg;
			continue;
		}
		switch (c) {
		case OPT_CASE:
			opt->case_path = optarg;
			break;
		case OPT_LANG:
			if (strcmp(optarg, "nl") != 0 && strcmp(optarg, "en") != 0)
				return usage_error("timeline", "--lang must be nl or en");
			opt->language =
			    strcmp(optarg, "en") == 0 ? ANKER_WWB_ENGLISH : ANKER_WWB_DUTCH;
			break;
		case OPT_JSON:
			opt->json_path = optarg;
			break;
		case OPT_ICS:
			opt->ics_path = optarg;
			break;
		case OPT_CASE_ID:
			opt->case_id = optarg;
			break;
		case OPT_DTSTAMP:
			opt->dtstamp = optarg;
			break;
		case 'i':
			opt->caseload.in_path = optarg;
			break;
		case 'o':
			opt->caseload.out_path = optarg;
			break;
		case OPT_ID_COLUMN:
			opt->caseload.id_column = optarg;
			break;
		case OPT_PROGRESS:
			opt->caseload.progress = true;
			break;
		case OPT_QUIET:
			opt->caseload.quiet = true;
			break;
		case OPT_NORMS:
			opt->norms[opt->n_norms++] = optarg;
			break;
		case 'h':
			return -1;
		default:
			return option_error("timeline", c, argv);
		}
	}
	if (optind < argc)
		return usage_error("timeline", "unexpected argument '%s'", argv[optind]);
	return check_options(opt);
}

static void print_text(const struct anker_timeline *t, int language)
{
	bool en = language == ANKER_WWB_ENGLISH;
	const char *pension = anker_timeline_get_pension_date(t);
	printf("ww_start:      %s\n", anker_timeline_get_ww_start(t));
	printf("ww_end:        %s (%s %s)\n", anker_timeline_get_ww_end(t),
	       en ? "first day without WW; last day with WW" : "eerste dag zonder WW; laatste dag",
	       anker_timeline_get_ww_last_day(t));
	printf("duration:      %g %s%s\n", anker_timeline_get_duration_months(t),
	       en ? "months" : "maanden",
	       anker_timeline_get_capped(t)
		   ? (en ? ", cut short at pension age" : ", ingekort tot de AOW-leeftijd")
		   : "");
	printf("pension_date:  %s\n\n", pension[0] ? pension : "-");
	for (size_t i = 0; i < anker_timeline_get_count(t); i++)
		printf("%s  %-22s %s [%s]\n", anker_timeline_get_date(t, i),
		       anker_timeline_get_rule(t, i), anker_timeline_get_label(t, i, language),
		       anker_timeline_get_source(t, i));
}

/* Write @p text (and a newline when @p newline) to @p path, all or nothing. */
static int write_file(const char *path, const char *text, bool newline)
{
	char why[512];
	struct output_file *f = output_file_open(path, NULL, NULL, why, sizeof(why));
	if (!f) {
		message("%s", why);
		return ANKER_EXIT_DATA;
	}
	FILE *out = output_file_stream(f);
	fputs(text, out);
	if (newline)
		fputc('\n', out);
	if (ferror(out) || output_file_commit(f) < 0) {
		if (ferror(out))
			output_file_abort(f);
		message("%s: cannot write", path);
		return ANKER_EXIT_DATA;
	}
	return ANKER_EXIT_OK;
}

static int write_outputs(const struct timeline_options *opt, const struct anker_timeline *t,
			 struct anker_error *err)
{
	size_t len = 0;
	int status = ANKER_EXIT_OK;
	if (opt->json_path) {
		anker_timeline_write_json(t, NULL, 0, &len, err);
		char *text = malloc(len + 1);
		if (!text || anker_timeline_write_json(t, text, len + 1, &len, err) < 0) {
			message("out of memory");
			status = ANKER_EXIT_DATA;
		} else {
			status = write_file(opt->json_path, text, true);
		}
		free(text);
	}
	if (status == ANKER_EXIT_OK && opt->ics_path) {
		char *ics = timeline_ical(t, opt->case_id, opt->dtstamp, opt->language);
		if (!ics) {
			message("out of memory");
			return ANKER_EXIT_DATA;
		}
		status = write_file(opt->ics_path, ics, false);
		free(ics);
	}
	return status;
}

static int run_one(const struct timeline_options *opt, struct anker_ctx *ctx,
		   const struct anker_wwb_norms *norms, struct anker_error *err)
{
	struct anker_timeline *t = NULL;
	int r;
	if (opt->case_path) {
		size_t size = 0;
		char *data = norms_files_read_case(opt->case_path, &size);
		if (!data)
			return ANKER_EXIT_DATA;
		const char *name = strcmp(opt->case_path, "-") == 0 ? "<stdin>" : opt->case_path;
		r = anker_timeline_parse(ctx, norms, data, size, name, err, &t);
		free(data);
	} else {
		const char *names[5], *values[5];
		size_t n = 0;
		for (size_t i = 0; i < 5; i++)
			if (opt->fields[i]) {
				names[n] = anker_timeline_field_name(i);
				values[n++] = opt->fields[i];
			}
		r = anker_timeline_from_fields(ctx, norms, names, values, n, err, &t);
	}
	if (r < 0) {
		message("%s", anker_error_message(err));
		return ANKER_EXIT_DATA;
	}
	int status = write_outputs(opt, t, err);
	if (status == ANKER_EXIT_OK) {
		print_text(t, opt->language);
		status = finish_stdout();
	}
	anker_timeline_free(t);
	return status;
}

static int run_timeline(int argc, char **argv)
{
	struct timeline_options opt = {.language = ANKER_WWB_DUTCH};
	opt.norms = calloc((size_t)argc + 1, sizeof(*opt.norms));
	if (!opt.norms) {
		message("out of memory");
		return ANKER_EXIT_DATA;
	}
	int status = parse_options(argc, argv, &opt);
	if (status < 0) {
		free(opt.norms);
		return print_help(&command_timeline);
	}
	struct norms_files f = {NULL, NULL, NULL};
	if (status == 0)
		status = norms_files_open(&f, opt.norms, opt.n_norms);
	if (status == 0)
		status = opt.caseload.in_path
			     ? timeline_caseload_run(&opt.caseload, f.ctx, f.norms, f.err)
			     : run_one(&opt, f.ctx, f.norms, f.err);
	norms_files_close(&f);
	free(opt.norms);
	return status;
}

const struct command command_timeline = {
    .name = "timeline",
    .summary = "the WW end date and every deadline of a case, as text, JSON or iCalendar",
    .help = help,
    .run = run_timeline,
};
