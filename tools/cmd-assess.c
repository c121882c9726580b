/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `anker assess`: the eerste advies for one case (a JSON object, with an
 * optional decision) or a caseload (CSV, advice only), as assessment records
 * (docs/assessment.md). Output files are written atomically (output-file.h):
 * nothing half-written is left on failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include <anker/anker.h>

#include "assess-io.h"
#include "command.h"
#include "csv-reader.h"
#include "output-file.h"
#include "progress.h"
#include "value-parse.h"

#define CHUNK_ROWS 1024

static const char help[] =
    "NAME\n"
    "    anker assess - the eerste advies of an assessment profile, as audit records\n"
    "\n"
    "SYNOPSIS\n"
    "    anker assess --profile PROFILE --case CASE.json [--decision DECISION.json]\n"
    "                 [--now] [--case-id ID] [--previous SHA256] [--out RECORD.json]\n"
    "    anker assess --profile PROFILE --in CASES.csv [--out RECORDS.jsonl]\n"
    "                 [--id-column NAME] [--ignore-extra] [--progress]\n"
    "\n"
    "DESCRIPTION\n"
    "    Scores a case with every instrument of the profile (statistical models\n"
    "    and questionnaires), applies the profile's rule table to their outputs\n"
    "    and writes the assessment record: canonical JSON with the inputs, every\n"
    "    output with its explanation, the advice with the rule that fired, the\n"
    "    decision, and the record's SHA-256 (docs/assessment.md).\n"
    "\n"
    "    With --case, one case is read from a JSON object of variable names and\n"
    "    values (numbers, true/false, level names, null for missing), and the\n"
    "    professional's decision from --decision, a JSON object\n"
    "        {\"values\": {\"service\": \"coaching\"}, \"actor\": {\"id\": \"c17\",\n"
    "         \"role\": \"werkcoach\"}, \"time\": \"2027-03-01T10:15:00+01:00\",\n"
    "         \"reason\": {\"code\": \"anders\", \"text\": \"...\"}}\n"
    "    in which fields left out keep the advice, and a reason code is required\n"
    "    when any field differs from it.\n"
    "\n"
    "    With --in, every row of a CSV file (a header, then one case per row) is\n"
    "    assessed, and one advice record per row is written as JSON Lines; the\n"
    "    decisions come later, from the case system. Empty cells and NA are\n"
    "    missing.\n"
    "\n"
    "    Records hold personal data. anker prints none of it in its messages.\n"
    "\n"
    "OPTIONS\n"
    "    --profile PROFILE\n"
    "        The assessment profile (format anker-profile). Required.\n"
    "\n"
    "    --case CASE.json\n"
    "        One case, as a JSON object.\n"
    "\n"
    "    --decision DECISION.json\n"
    "        The professional's decision on the case of --case.\n"
    "\n"
    "    --now\n"
    "        Use the current time (UTC) as the decision's time when DECISION.json\n"
    "        gives none. anker reads the clock only when asked to.\n"
    "\n"
    "    --case-id ID\n"
    "        The case system's id of the case, recorded as \"case_id\".\n"
    "\n"
    "    --previous SHA256\n"
    "        Chain the record to the client's previous record (its \"sha256\").\n"
    "\n"
    "    --in CASES.csv\n"
    "        A caseload; - reads standard input.\n"
    "\n"
    "    --id-column NAME\n"
    "        The column of case ids, recorded as \"case_id\" (default: \"id\"\n"
    "        when the header has it).\n"
    "\n"
    "    --ignore-extra\n"
    "        Values no instrument reads are left out, not an error.\n"
    "\n"
    "    -o, --out FILE\n"
    "        Write the record(s) to FILE, atomically, instead of standard output.\n"
    "\n"
    "    --progress\n"
    "        Show progress on standard error.\n"
    "\n"
    "    -h, --help\n"
    "        Show this help.\n"
    "\n"
    "EXIT STATUS\n"
    "    0 success; 1 bad data, profile, decision or I/O; 2 bad command line.\n"
    "\n"
    "EXAMPLES\n"
    "    anker assess --profile data/profiles/demo-anker.json \\\n"
    "        --case client.json --decision decision.json --out record.json\n"
    "    anker assess --profile data/profiles/demo-anker.json \\\n"
    "        --in caseload.csv --out records.jsonl --progress\n";

struct assess_options {
	const char *profile, *case_path, *decision_path, *in_path, *out_path;
	const char *case_id, *previous, *id_column;
	bool now, ignore_extra, progress;
};

/* The sink: --out atomically, or standard output. */
struct sink {
	struct output_file *file;
	FILE *stream;
	char *buffer; /* the file's stdio buffer, freed after it is closed */
};

/* A caseload's records are some 6 KB each: write them in big pieces, not stdio's 4 KB. */
#define SINK_BUFFER_SIZE (1u << 20)

static int sink_open(struct sink *s, const char *out_path, const char *in_path)
{
	s->file = NULL;
	s->stream = stdout;
	s->buffer = NULL;
	if (!out_path)
		return 0;
	struct stat st;
	bool have_input = in_path && strcmp(in_path, "-") != 0 && stat(in_path, &st) == 0;
	char why[PATH_MAX + 256];
	s->file = output_file_open(out_path, have_input ? &st : NULL, in_path, why, sizeof(why));
	if (!s->file) {
		message("%s", why);
		return ANKER_EXIT_DATA;
	}
	s->stream = output_file_stream(s->file);
	s->buffer = malloc(SINK_BUFFER_SIZE);
	if (s->buffer) /* else stdio's own */
		setvbuf(s->stream, s->buffer, _IOFBF, SINK_BUFFER_SIZE);
	return 0;
}

static int sink_finish(struct sink *s, bool ok, const char *out_path)
{
	if (!s->file)
		return ok ? finish_stdout() : ANKER_EXIT_DATA;
	int status = ANKER_EXIT_OK;
	if (!ok) {
		output_file_abort(s->file);
		status = ANKER_EXIT_DATA;
	} else if (output_file_commit(s->file) < 0) {
		message("%s: cannot write: %s", out_path, strerror(errno));
		status = ANKER_EXIT_DATA;
	}
	free(s->buffer); /* the stream is closed */
	return status;
}

/* One record line into the sink; false after a failure, reported. */
static bool put_record(const struct anker_assessment *a, FILE *out, char **buf, size_t *cap)
{
	size_t len = 0;
	int r = anker_assessment_write_record(a, *buf, *cap, &len, NULL);
	if (r == ANKER_E_TOO_LARGE) {
		char *bigger = realloc(*buf, len + 1);
		if (!bigger) {
			message("out of memory");
			return false;
		}
		*buf = bigger;
		*cap = len + 1;
		r = anker_assessment_write_record(a, *buf, *cap, &len, NULL);
	}
	if (r < 0) {
		message("cannot write the record: %s", anker_strerror(r));
		return false;
	}
	fwrite(*buf, 1, len, out);
	fputc('\n', out);
	return true;
}

/* One case from JSON, with its decision */

static int run_case(const struct assess_options *o, const struct anker_profile *p,
		    struct anker_ctx *ctx, struct anker_error *err)
{
	struct anker_case *c = NULL;
	struct anker_assessment *a = NULL;
	int status = ANKER_EXIT_DATA;
	if (anker_case_new(ctx, &c) < 0 || assess_read_case_json(o->case_path, c, err) < 0)
		goto out;
	unsigned int flags = o->ignore_extra ? ANKER_ASSESS_IGNORE_EXTRA : 0;
	if (anker_profile_assess(p, c, flags, &a, err) < 0) {
		message("%s: %s", o->case_path, anker_error_message(err));
		goto out;
	}
	if (o->case_id && anker_assessment_set_case_id(a, o->case_id) < 0) {
		message("--case-id: not a case id");
		goto out;
	}
	if (o->previous && anker_assessment_set_previous(a, o->previous) < 0) {
		status = usage_error("assess", "--previous needs 64 lowercase hex digits");
		goto out;
	}
	if (o->decision_path && assess_read_decision(o->decision_path, o->now, a, err) < 0)
		goto out;
	struct sink s;
	if (sink_open(&s, o->out_path, o->case_path) != 0)
		goto out;
	char *buf = NULL;
	size_t cap = 0;
	bool ok = put_record(a, s.stream, &buf, &cap);
	free(buf);
	status = sink_finish(&s, ok, o->out_path);
out:
	anker_assessment_free(a);
	anker_case_free(c);
	return status;
}

/* A caseload from CSV */

static int run_caseload(const struct assess_options *o, const struct anker_profile *p,
			struct anker_ctx *ctx, struct anker_error *err)
{
	bool stdin_in = strcmp(o->in_path, "-") == 0;
	int fd = stdin_in ? 0 : open(o->in_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		message("%s: cannot open: %s", o->in_path, strerror(errno));
		return ANKER_EXIT_DATA;
	}
	struct csv_reader *reader = csv_reader_new(fd);
	struct csv_chunk header, chunk;
	csv_chunk_init(&header);
	csv_chunk_init(&chunk);
	struct csv_error cerr = {0};
	struct assess_columns cols = {0};
	struct anker_case *c = NULL;
	struct sink s = {NULL, stdout, NULL};
	int status = ANKER_EXIT_DATA;
	bool ok = false, sink_opened = false;
	if (!reader || anker_case_new(ctx, &c) < 0) {
		message("out of memory");
		goto out;
	}
	if (csv_reader_read_header(reader, &header, &cerr) < 0) {
		message("%s:%ld: %s", o->in_path, cerr.line, cerr.message);
		goto out;
	}
	if (assess_columns_setup(&cols, &header, p, o->id_column, o->ignore_extra, o->in_path) < 0)
		goto out;
	if (sink_open(&s, o->out_path, o->in_path) != 0)
		goto out;
	sink_opened = true;
	struct stat st;
	struct progress progress;
	progress_init(&progress, o->progress,
		      !stdin_in && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? (uint64_t)st.st_size
									      : 0);
	char *buf = NULL;
	size_t cap = 0;
	uint64_t rows = 0;
	struct anker_assessment *a = NULL;
	unsigned int flags = o->ignore_extra ? ANKER_ASSESS_IGNORE_EXTRA : 0;
	ok = true;
	for (;;) {
		long n = csv_reader_read_chunk(reader, CHUNK_ROWS, &chunk, &cerr);
		if (n < 0) {
			message("%s:%ld: %s", o->in_path, cerr.line, cerr.message);
			ok = false;
			break;
		}
		if (n == 0)
			break;
		for (size_t i = 0; ok && i < (size_t)n; i++) {
			ok = assess_columns_fill(&cols, &chunk, i, c, o->in_path) == 0;
			/* one assessment refilled row after row: scoring allocates nothing */
			if (ok && (a ? anker_profile_reassess(p, c, flags, a, err)
				     : anker_profile_assess(p, c, flags, &a, err)) < 0) {
				message("%s:%ld: %s", o->in_path, chunk.lines[i],
					anker_error_message(err));
				ok = false;
			}
			if (ok && cols.id_column >= 0)
				anker_assessment_set_case_id(
				    a, csv_chunk_field(&chunk, i, (size_t)cols.id_column));
			ok = ok && put_record(a, s.stream, &buf, &cap);
		}
		rows += (uint64_t)n;
		progress_update(&progress, rows, csv_reader_bytes_read(reader));
		if (!ok)
			break;
	}
	progress_clear(&progress);
	free(buf);
	anker_assessment_free(a);
out:
	if (sink_opened)
		status = sink_finish(&s, ok, o->out_path);
	assess_columns_free(&cols);
	anker_case_free(c);
	csv_chunk_free(&chunk);
	csv_chunk_free(&header);
	csv_reader_free(reader);
	if (!stdin_in && fd >= 0)
		close(fd);
	return status;
}

static int parse_options(int argc, char **argv, struct assess_options *o)
{
	enum {
		PROFILE = 256,
		CASE,
		DECISION,
		NOW,
		CASE_ID,
		PREVIOUS,
		IN,
		ID_COLUMN,
		IGNORE,
		PROGRESS
	};
	static const struct option options[] = {
	    {"profile", required_argument, NULL, PROFILE},
	    {"case", required_argument, NULL, CASE},
	    {"decision", required_argument, NULL, DECISION},
	    {"now", no_argument, NULL, NOW},
	    {"case-id", required_argument, NULL, CASE_ID},
	    {"previous", required_argument, NULL, PREVIOUS},
	    {"in", required_argument, NULL, IN},
	    {"id-column", required_argument, NULL, ID_COLUMN},
	    {"ignore-extra", no_argument, NULL, IGNORE},
	    {"progress", no_argument, NULL, PROGRESS},
	    {"out", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int opt;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":ho:", options, NULL)) != -1) {
		switch (opt) {
		case PROFILE:
			o->profile = optarg;
			break;
		case CASE:
			o->case_path = optarg;
			break;
		case DECISION:
			o->decision_path = optarg;
			break;
		case NOW:
			o->now = true;
			break;
		case CASE_ID:
			o->case_id = optarg;
			break;
		case PREVIOUS:
			o->previous = optarg;
			break;
		case IN:
			o->in_path = optarg;
			break;
		case ID_COLUMN:
			o->id_column = optarg;
			break;
		case IGNORE:
			o->ignore_extra = true;
			break;
		case PROGRESS:
			o->progress = true;
			break;
		case 'o':
			o->out_path = optarg;
			break;
		case 'h':
			return -1;
		default:
			return option_error(argv[0], opt, argv);
		}
	}
	if (optind != argc)
		return usage_error(argv[0], "unexpected argument '%s'", argv[optind]);
	if (!o->profile)
		return usage_error(argv[0], "--profile is required");
	if (!o->case_path == !o->in_path)
		return usage_error(argv[0], "give either --case or --in");
	if (o->in_path && (o->decision_path || o->case_id || o->previous || o->now))
		return usage_error(argv[0],
				   "--decision, --case-id, --previous and --now go with --case");
	if (o->case_path && o->id_column)
		return usage_error(argv[0], "--id-column goes with --in");
	return 0;
}

static int run(int argc, char **argv)
{
	struct assess_options o = {0};
	int r = parse_options(argc, argv, &o);
	if (r < 0)
		return print_help(&command_assess);
	if (r > 0)
		return r;
	struct anker_ctx *ctx = NULL;
	struct anker_error *err = NULL;
	struct anker_profile *p = NULL;
	if (assess_open_profile(o.profile, &ctx, &err, &p) < 0)
		return ANKER_EXIT_DATA;
	int status = o.case_path ? run_case(&o, p, ctx, err) : run_caseload(&o, p, ctx, err);
	anker_profile_unref(p);
	anker_error_free(err);
	anker_ctx_unref(ctx);
	value_parse_cleanup();
	return status;
}

const struct command command_assess = {
    .name = "assess",
    .summary = "the eerste advies of an assessment profile, as audit records",
    .help = help,
    .run = run,
};
