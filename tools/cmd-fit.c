/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `anker fit`: re-estimate a binary model's coefficients from a history file (include/anker/fit.h).
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <anker/anker.h>

#include "atomic-file.h"
#include "command.h"
#include "fit-history.h"

#define SPEC_MAX_BYTES (16u << 20)

static const char help[] =
    "NAME\n"
    "    anker fit - re-estimate a model from a history file\n"
    "\n"
    "SYNOPSIS\n"
    "    anker fit --spec SPEC.json --in HISTORY.csv --outcome COLUMN --out MODEL.json\n"
    "    anker fit --spec SPEC.json --in HISTORY.csv --time COLUMN --event COLUMN\n"
    "              --out MODEL.json [--ties efron|breslow]\n"
    "              [--stats STATS.json] [--weights COLUMN] [--l2 X] [--max-iter N]\n"
    "              [--tol X] [--fitted-on DATE] [--fitted-by NAME] [--progress]\n"
    "              [--statement TEXT] [--notes TEXT]\n"
    "\n"
    "DESCRIPTION\n"
    "    Fits the coefficients of the model SPEC.json to the cases in HISTORY.csv,\n"
    "    and writes the fitted model file: a binary model (logit or probit) by\n"
    "    maximum likelihood, a duration model by Cox's partial likelihood with\n"
    "    the Breslow baseline on the model's month grid, or as a Weibull model.\n"
    "    SPEC.json is any model file: its variables, terms, reference\n"
    "    levels, knots, edges and interactions are kept, its coefficients are\n"
    "    ignored. HISTORY.csv has a header line, a column per variable of the\n"
    "    model (read as `anker score` reads them: empty cells are missing, and\n"
    "    the model's missing-value and range policies apply) and the outcome\n"
    "    column (1/0, true/false, yes/no, ja/nee); for a duration model the time\n"
    "    column (months, above 0) and the event column (1: left benefit at that\n"
    "    time; 0: still on benefit then). Other columns are ignored.\n"
    "\n"
    "    The fitted model's provenance names the history file, its SHA-256, the\n"
    "    number of cases and events, the method and the library version; it has\n"
    "    a fitted_on date only when --fitted-on gives one. Standard errors,\n"
    "    log-likelihood, iterations and convergence go to --stats (format\n"
    "    anker-fit-stats; docs/model-format.md). Both files are written\n"
    "    atomically: on any error neither is created or changed.\n"
    "\n"
    "    A fit that has no finite estimate fails and names the term: a\n"
    "    categorical level, bin or spline knot without cases, collinear terms,\n"
    "    (quasi-)complete separation, an outcome that does not vary, no\n"
    "    convergence. A case the model rejects (a missing value under the\n"
    "    reject policy, a value out of range) or a missing outcome fails with\n"
    "    the file's line and column.\n"
    "\n"
    "OPTIONS\n"
    "    --spec SPEC.json\n"
    "        The model to re-estimate. Required.\n"
    "\n"
    "    --in HISTORY.csv\n"
    "        The cases (a file, not standard input: its SHA-256 is recorded). Required.\n"
    "\n"
    "    --outcome COLUMN\n"
    "        The outcome column of a binary model: 1 when the event the model\n"
    "        predicts happened.\n"
    "\n"
    "    --time COLUMN, --event COLUMN\n"
    "        A duration model's months and event indicator (right-censored).\n"
    "\n"
    "    --ties efron|breslow\n"
    "        How a Cox fit handles tied times (default efron; weights need breslow).\n"
    "\n"
    "    --out MODEL.json\n"
    "        Where to write the fitted model. Required.\n"
    "\n"
    "    --stats STATS.json\n"
    "        Where to write estimates, standard errors and fit statistics.\n"
    "\n"
    "    --weights COLUMN\n"
    "        Case weights (numbers >= 0; a case of weight 2 counts twice).\n"
    "\n"
    "    --l2 X\n"
    "        Ridge penalty X/2 * sum of squared coefficients, the intercept\n"
    "        excepted (default 0). With X > 0, separation and collinearity are\n"
    "        no errors.\n"
    "\n"
    "    --max-iter N\n"
    "        At most N Newton iterations (default 50).\n"
    "\n"
    "    --tol X\n"
    "        Converged when no coefficient moves more than X * (1 + |coef|)\n"
    "        (default 1e-10).\n"
    "\n"
    "    --fitted-on DATE, --fitted-by NAME\n"
    "        The provenance's fitted_on (YYYY-MM-DD) and fitted_by.\n"
    "\n"
    "    --statement TEXT, --notes TEXT\n"
    "        The provenance's statement and notes (instead of the specification's),\n"
    "        e.g. that the data were simulated and how to rebuild the model.\n"
    "\n"
    "    --progress\n"
    "        Show rows read and each iteration's log-likelihood on standard error.\n"
    "\n"
    "    -h, --help\n"
    "        Show this help.\n"
    "\n"
    "EXIT STATUS\n"
    "    0 the model was fitted and written; 1 bad input, no estimate, or an I/O\n"
    "    error; 2 bad command line.\n"
    "\n"
    "EXAMPLES\n"
    "    anker fit --spec data/models/demo-amt-6m.json --in history.csv \\\n"
    "        --outcome work_6m --out amt-refit.json --stats amt-refit-stats.json\n";

struct fit_options {
	const char *spec, *in, *outcome, *weights, *out, *stats, *fitted_on, *fitted_by, *time;
	const char *statement, *notes;
	int ties;
	double l2, tol;
	unsigned long max_iter;
	bool progress;
};

static int parse_options(int argc, char **argv, struct fit_options *o)
{
	enum {
		SPEC = 256,
		IN,
		OUTCOME,
		WEIGHTS,
		OUT,
		STATS,
		L2,
		MAX_ITER,
		TOL,
		ON,
		BY,
		PROGRESS,
		TIME,
		EVENT,
		TIES,
		STATEMENT,
		NOTES
	};
	static const struct option options[] = {
	    {"spec", required_argument, NULL, SPEC},
	    {"in", required_argument, NULL, IN},
	    {"outcome", required_argument, NULL, OUTCOME},
	    {"weights", required_argument, NULL, WEIGHTS},
	    {"out", required_argument, NULL, OUT},
	    {"stats", required_argument, NULL, STATS},
	    {"l2", required_argument, NULL, L2},
	    {"max-iter", required_argument, NULL, MAX_ITER},
	    {"tol", required_argument, NULL, TOL},
	    {"fitted-on", required_argument, NULL, ON},
	    {"fitted-by", required_argument, NULL, BY},
	    {"progress", no_argument, NULL, PROGRESS},
	    {"time", required_argument, NULL, TIME},
	    {"event", required_argument, NULL, EVENT},
	    {"ties", required_argument, NULL, TIES},
	    {"statement", required_argument, NULL, STATEMENT},
	    {"notes", required_argument, NULL, NOTES},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	*o = (struct fit_options){.tol = 1e-10, .max_iter = 50, .ties = ANKER_FIT_TIES_EFRON};
	int opt;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		char *end = NULL;
		errno = 0;
		switch (opt) {
		case SPEC:
			o->spec = optarg;
			break;
		case IN:
			o->in = optarg;
			break;
		case OUTCOME:
		case EVENT:
			if (o->outcome)
				return usage_error(argv[0], "--outcome and --event name the same "
							    "column: give one");
			o->outcome = optarg;
			break;
		case TIME:
			o->time = optarg;
			break;
		case TIES:
			if (strcmp(optarg, "efron") != 0 && strcmp(optarg, "breslow") != 0)
				return usage_error(argv[0], "--ties: efron or breslow, not '%s'",
						   optarg);
			o->ties = optarg[0] == 'e' ? ANKER_FIT_TIES_EFRON : ANKER_FIT_TIES_BRESLOW;
			break;
		case WEIGHTS:
			o->weights = optarg;
			break;
		case OUT:
			o->out = optarg;
			break;
		case STATS:
			o->stats = optarg;
			break;
		case ON:
			o->fitted_on = optarg;
			break;
		case BY:
			o->fitted_by = optarg;
			break;
		case STATEMENT:
			o->statement = optarg;
			break;
		case NOTES:
			o->notes = optarg;
			break;
		case PROGRESS:
			o->progress = true;
			break;
		case L2:
		case TOL: {
			double v = strtod(optarg, &end);
			if (end == optarg || *end || errno || !isfinite(v) || v < 0 ||
			    (opt == TOL && !(v > 0 && v <= 1e-2)))
				return usage_error(argv[0], "--%s: not a valid value: '%s'",
						   opt == L2 ? "l2" : "tol", optarg);
			*(opt == L2 ? &o->l2 : &o->tol) = v;
			break;
		}
		case MAX_ITER:
			o->max_iter = strtoul(optarg, &end, 10);
			if (end == optarg || *end || errno || o->max_iter < 1 ||
			    o->max_iter > 10000 || optarg[0] == '-')
				return usage_error(argv[0],
						   "--max-iter: not a number from 1 to 10000: '%s'",
						   optarg);
			break;
		case 'h':
			return print_help(&command_fit) == ANKER_EXIT_OK ? -1 : ANKER_EXIT_DATA;
		default:
			return option_error(argv[0], opt, argv);
		}
	}
	if (optind != argc)
		return usage_error(argv[0], "unexpected argument '%s'", argv[optind]);
	const char *missing = !o->spec	    ? "--spec"
			      : !o->in	    ? "--in"
			      : !o->outcome ? "--outcome (or --event)"
			      : !o->out	    ? "--out"
					    : NULL;
	if (missing)
		return usage_error(argv[0], "%s is required", missing);
	return 0;
}

static int read_whole(const char *path, char **ret, size_t *ret_size)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		message("%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	size_t cap = 65536, size = 0;
	char *buf = malloc(cap);
	while (buf) {
		size += fread(buf + size, 1, cap - size, f);
		if (size < cap || size > SPEC_MAX_BYTES)
			break;
		char *bigger = realloc(buf, cap * 2);
		if (!bigger) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = bigger;
		cap *= 2;
	}
	bool failed = !buf || ferror(f);
	fclose(f);
	if (failed) {
		free(buf);
		message("%s: cannot read", path);
		return -1;
	}
	*ret = buf;
	*ret_size = size;
	return 0;
}

static void show_iteration(void *data, unsigned int iteration, double log_likelihood)
{
	(void)data;
	fprintf(stderr, "anker fit: iteration %u, log-likelihood %.10g\n", iteration,
		log_likelihood);
}

static int write_atomic(const char *path, const char *text)
{
	struct atomic_file *f = atomic_file_open(path);
	if (!f)
		return -1;
	if (fputs(text, atomic_file_stream(f)) < 0) {
		atomic_file_abort(f);
		return -1;
	}
	return atomic_file_commit(f);
}

/* Bind the history's columns; 0 or a negative ANKER_E_* code. */
static int bind_history(struct anker_fit *fit, const struct history *h)
{
	struct anker_batch *batch = anker_fit_get_batch(fit);
	int rc = 0;
	for (size_t i = 0; i < h->n_cols && rc == 0; i++) {
		const struct column *c = &h->cols[i];
		if (c->kind == ANKER_VARIABLE_CATEGORICAL)
			rc = anker_batch_bind_i32(batch, c->name, c->codes, 0);
		else if (c->kind >= 0)
			rc = anker_batch_bind_f64(batch, c->name, c->numbers, 0);
		else if (c->is_time)
			rc = anker_fit_bind_time(fit, c->name, c->numbers, 0);
		else if (c->is_weights)
			rc = anker_fit_bind_weights(fit, c->name, c->numbers, 0);
		else
			rc = anker_fit_bind_outcome(fit, c->name, c->numbers, 0);
	}
	return rc;
}

static int report_fit_error(const struct history *h, struct anker_error *err, int rc)
{
	long long index = anker_error_case_index(err);
	const char *field = anker_error_field(err);
	if (index < 0 || (size_t)index >= h->n) {
		message("%s", anker_error_message(err)[0] ? anker_error_message(err)
							  : anker_strerror(rc));
		return ANKER_EXIT_DATA;
	}
	const struct column *col = NULL;
	for (size_t i = 0; field && i < h->n_cols; i++)
		if (strcmp(h->cols[i].name, field) == 0)
			col = &h->cols[i];
	return history_report(h, h->lines[index], col, "%s", anker_error_text(err));
}

static int run(int argc, char **argv)
{
	struct fit_options o;
	int rc = parse_options(argc, argv, &o);
	if (rc != 0)
		return rc < 0 ? ANKER_EXIT_OK : rc;
	struct history h = {.path = o.in};
	struct anker_ctx *ctx = NULL;
	struct anker_error *err = NULL;
	struct anker_model *spec_model = NULL;
	struct anker_fit *fit = NULL;
	char *spec = NULL;
	size_t spec_size = 0;
	int status = ANKER_EXIT_DATA;
	char sha[65];
	if (anker_ctx_new(&ctx) < 0 || anker_error_new(&err) < 0) {
		message("out of memory");
		goto out;
	}
	if (read_whole(o.spec, &spec, &spec_size) < 0)
		goto out;
	if (anker_fit_new(ctx, spec, spec_size, o.spec, ANKER_SCORE_IGNORE_EXTRA, err, &fit) < 0 ||
	    anker_model_load_buffer(ctx, spec, spec_size, o.spec, err, &spec_model) < 0) {
		message("%s", anker_error_message(err));
		goto out;
	}
	bool duration = anker_model_get_kind(spec_model) == ANKER_MODEL_DURATION;
	if (duration != (o.time != NULL)) {
		status = usage_error(argv[0],
				     duration ? "%s is a duration model: give --time and --event"
					      : "%s is no duration model: --time does not apply",
				     o.spec);
		goto out;
	}
	struct history_request req = {o.outcome, o.weights, o.time, o.progress};
	if (history_read(&h, spec_model, &req) != 0)
		goto out;
	if (history_sha256(o.in, sha) < 0) {
		history_report(&h, 0, NULL, "cannot read to hash it");
		goto out;
	}
	const char *base = strrchr(o.in, '/') ? strrchr(o.in, '/') + 1 : o.in;
	rc = bind_history(fit, &h);
	if (rc == 0)
		rc = anker_fit_set_data(fit, base, sha);
	if (rc == 0)
		rc = anker_fit_set_ties(fit, o.ties);
	if (rc == 0)
		rc = anker_fit_set_l2(fit, o.l2);
	if (rc == 0)
		rc = anker_fit_set_tolerance(fit, o.tol);
	if (rc == 0)
		rc = anker_fit_set_max_iterations(fit, (unsigned int)o.max_iter);
	if (rc == 0 && o.fitted_on &&
	    (rc = anker_fit_set_provenance(fit, "fitted_on", o.fitted_on)) < 0) {
		status =
		    usage_error(argv[0], "--fitted-on: not a date YYYY-MM-DD: '%s'", o.fitted_on);
		goto out;
	}
	if (rc == 0 && o.fitted_by)
		rc = anker_fit_set_provenance(fit, "fitted_by", o.fitted_by);
	if (rc == 0 && o.statement)
		rc = anker_fit_set_provenance(fit, "statement", o.statement);
	if (rc == 0 && o.notes)
		rc = anker_fit_set_provenance(fit, "notes", o.notes);
	if (rc < 0) {
		message("%s", anker_strerror(rc));
		goto out;
	}
	if (o.progress)
		anker_fit_set_progress(fit, show_iteration, NULL);
	rc = anker_fit_run(fit, h.n, err);
	if (rc < 0) {
		status = report_fit_error(&h, err, rc);
		goto out;
	}
	if (write_atomic(o.out, anker_fit_get_model_json(fit)) < 0 ||
	    (o.stats && write_atomic(o.stats, anker_fit_get_stats_json(fit)) < 0)) {
		message("%s: cannot write: %s",
			o.stats && access(o.out, F_OK) == 0 ? o.stats : o.out, strerror(errno));
		goto out;
	}
	status = ANKER_EXIT_OK;
out:
	free(spec);
	history_free(&h);
	anker_fit_free(fit);
	anker_model_unref(spec_model);
	anker_error_free(err);
	anker_ctx_unref(ctx);
	return status;
}

const struct command command_fit = {
    .name = "fit",
    .summary = "re-estimate a model from a history file",
    .help = help,
    .run = run,
};
