/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `anker simulate`: write a seeded synthetic caseload from a scenario file
 * (include/anker/simulate.h). */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <anker/anker.h>

#include "atomic-file.h"
#include "command.h"
#include "progress.h"

/* Cases per call of anker_simulation_write_rows(): the progress line's step. */
#define CHUNK 5000

static const char help[] =
    "NAME\n"
    "    anker simulate - write a seeded synthetic caseload from a scenario\n"
    "\n"
    "SYNOPSIS\n"
    "    anker simulate --scenario SCENARIO.json --cases N --seed X --out FILE.csv\n"
    "                   [--progress] [--quiet]\n"
    "\n"
    "DESCRIPTION\n"
    "    Draws N synthetic cases as the scenario file describes (format\n"
    "    anker-scenario; docs/simulation.md): the variables, the answers to a\n"
    "    questionnaire and its factor columns, and outcomes drawn from truth\n"
    "    models. The output is a CSV file with a header line: case_id, then\n"
    "    one column per variable, answer, questionnaire column and outcome.\n"
    "    Empty cells are missing values; numbers are written with a decimal\n"
    "    point whatever the locale.\n"
    "\n"
    "    The output is a function of the scenario (with the files it names),\n"
    "    N and X alone, to the byte: the same command writes the same file.\n"
    "    Every case draws from its own random stream, derived from X and the\n"
    "    case's number.\n"
    "\n"
    "    An outcome with a target_rate is calibrated first: all N cases are\n"
    "    generated once and the truth model's linear predictor is shifted by\n"
    "    the one constant that makes the mean chance equal the target. A\n"
    "    summary on standard error gives, per binary outcome, the shift and\n"
    "    the expected rate.\n"
    "\n"
    "    The file is written atomically: on any error it is not created or\n"
    "    changed. Nothing is written on standard output unless --out is -.\n"
    "\n"
    "OPTIONS\n"
    "    --scenario SCENARIO.json\n"
    "        The scenario file. Required.\n"
    "\n"
    "    --cases N\n"
    "        The number of cases, 1 to 100000000. Required.\n"
    "\n"
    "    --seed X\n"
    "        The seed, 0 to 18446744073709551615. Required.\n"
    "\n"
    "    --out FILE.csv\n"
    "        Where to write the caseload; - for standard output. Required.\n"
    "\n"
    "    --progress\n"
    "        Show a progress line (cases done, cases per second, share done) on\n"
    "        standard error, also when it is no terminal.\n"
    "\n"
    "    --quiet\n"
    "        Show neither the progress line nor the summary.\n"
    "\n"
    "    -h, --help\n"
    "        Show this help.\n"
    "\n"
    "EXIT STATUS\n"
    "    0 the caseload was written; 1 a bad scenario or an I/O error; 2 bad\n"
    "    command line.\n"
    "\n"
    "EXAMPLES\n"
    "    anker simulate --scenario data/simulation/demo-ww-history.json \\\n"
    "        --cases 100000 --seed 20261202 --out history.csv --progress\n";

struct simulate_options {
	const char *scenario, *out;
	uint64_t cases, seed;
	bool have_cases, have_seed, progress, quiet;
};

static int parse_u64(const char *s, uint64_t max, uint64_t *ret)
{
	char *end = NULL;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s || *end || errno || s[0] == '-' || s[0] == '+' || v > max)
		return -1;
	*ret = v;
	return 0;
}

static int parse_options(int argc, char **argv, struct simulate_options *o)
{
	enum { SCENARIO = 256, CASES, SEED, OUT, PROGRESS, QUIET };
	static const struct option options[] = {
	    {"scenario", required_argument, NULL, SCENARIO},
	    {"cases", required_argument, NULL, CASES},
	    {"seed", required_argument, NULL, SEED},
	    {"out", required_argument, NULL, OUT},
	    {"progress", no_argument, NULL, PROGRESS},
	    {"quiet", no_argument, NULL, QUIET},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	*o = (struct simulate_options){0};
	int opt;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case SCENARIO:
			o->scenario = optarg;
			break;
		case CASES:
			if (parse_u64(optarg, 100000000, &o->cases) < 0 || o->cases == 0)
				return usage_error(
				    argv[0], "--cases: not a number from 1 to 100000000: '%s'",
				    optarg);
			o->have_cases = true;
			break;
		case SEED:
			if (parse_u64(optarg, UINT64_MAX, &o->seed) < 0)
				return usage_error(
				    argv[0], "--seed: not a number from 0 to 2^64-1: '%s'", optarg);
			o->have_seed = true;
			break;
		case OUT:
			o->out = optarg;
			break;
		case PROGRESS:
			o->progress = true;
			break;
		case QUIET:
			o->quiet = true;
			break;
		case 'h':
			return print_help(&command_simulate) == ANKER_EXIT_OK ? -1
									      : ANKER_EXIT_DATA;
		default:
			return option_error(argv[0], opt, argv);
		}
	}
	if (optind != argc)
		return usage_error(argv[0], "unexpected argument '%s'", argv[optind]);
	const char *missing = !o->scenario     ? "--scenario"
			      : !o->have_cases ? "--cases"
			      : !o->have_seed  ? "--seed"
			      : !o->out	       ? "--out"
					       : NULL;
	if (missing)
		return usage_error(argv[0], "%s is required", missing);
	return 0;
}

static int write_stream(void *data, const char *text, size_t size)
{
	return fwrite(text, 1, size, data) == size ? 0 : -1;
}

static void show_calibration(void *data, uint64_t done, uint64_t total)
{
	(void)total;
	progress_update(data, done, done);
}

static void summary(const struct anker_scenario *sc, const struct anker_simulation *sim,
		    uint64_t cases)
{
	fprintf(stderr, "anker simulate: %" PRIu64 " cases of scenario %s %s\n", cases,
		anker_scenario_get_id(sc), anker_scenario_get_version(sc));
	for (size_t i = 0; i < anker_scenario_get_outcome_count(sc); i++) {
		double rate = anker_simulation_get_expected_rate(sim, i);
		if (isnan(rate))
			continue;
		fprintf(stderr, "anker simulate: %s: expected rate %.6f, shift %.6f\n",
			anker_scenario_get_outcome_name(sc, i), rate,
			anker_simulation_get_shift(sim, i));
	}
}

/* Header and rows in chunks, with the progress line; 0 or -1 (reported). */
static int write_cases(const struct anker_simulation *sim, FILE *out, struct progress *p,
		       uint64_t cases, struct anker_error *err)
{
	if (anker_simulation_write_header(sim, write_stream, out, err) < 0)
		return -1;
	for (uint64_t first = 0; first < cases; first += CHUNK) {
		uint64_t n = cases - first < CHUNK ? cases - first : CHUNK;
		if (anker_simulation_write_rows(sim, first, n, write_stream, out, err) < 0)
			return -1;
		progress_update(p, first + n, first + n);
	}
	return 0;
}

static int run(int argc, char **argv)
{
	struct simulate_options o;
	int rc = parse_options(argc, argv, &o);
	if (rc != 0)
		return rc < 0 ? ANKER_EXIT_OK : rc;
	struct anker_ctx *ctx = NULL;
	struct anker_error *err = NULL;
	struct anker_scenario *sc = NULL;
	struct anker_simulation *sim = NULL;
	struct atomic_file *file = NULL;
	struct progress p;
	int status = ANKER_EXIT_DATA;
	bool to_stdout = strcmp(o.out, "-") == 0;
	progress_init(&p, !o.quiet && (o.progress || isatty(STDERR_FILENO)), o.cases);
	if (anker_ctx_new(&ctx) < 0 || anker_error_new(&err) < 0) {
		message("out of memory");
		goto out;
	}
	if (anker_scenario_load_file(ctx, o.scenario, err, &sc) < 0 ||
	    anker_simulation_new(sc, o.seed, o.cases, show_calibration, &p, err, &sim) < 0) {
		progress_clear(&p);
		message("%s", anker_error_message(err));
		goto out;
	}
	if (!to_stdout && !(file = atomic_file_open(o.out))) {
		message("%s: cannot create: %s", o.out, strerror(errno));
		goto out;
	}
	FILE *stream = to_stdout ? stdout : atomic_file_stream(file);
	if (write_cases(sim, stream, &p, o.cases, err) < 0) {
		progress_clear(&p);
		message("%s: cannot write: %s", o.out,
			anker_error_message(err)[0] ? anker_error_message(err) : strerror(errno));
		goto out;
	}
	progress_clear(&p);
	if (to_stdout) {
		if (finish_stdout() != ANKER_EXIT_OK)
			goto out;
	} else {
		struct atomic_file *f = file;
		file = NULL;
		if (atomic_file_commit(f) < 0) {
			message("%s: cannot write: %s", o.out, strerror(errno));
			goto out;
		}
	}
	if (!o.quiet)
		summary(sc, sim, o.cases);
	status = ANKER_EXIT_OK;
out:
	atomic_file_abort(file);
	anker_simulation_free(sim);
	anker_scenario_free(sc);
	anker_error_free(err);
	anker_ctx_unref(ctx);
	return status;
}

const struct command command_simulate = {
    .name = "simulate",
    .summary = "write a seeded synthetic caseload from a scenario",
    .help = help,
    .run = run,
};
