// SPDX-License-Identifier: GPL-3.0-or-later
/* `anker evaluate`: how well a model predicts a labelled caseload (docs/evaluation.md). */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <anker/anker.h>
#include <jansson.h>

#include "atomic-file.h"
#include "command.h"
#include "eval-report.h"
#include "labelled-caseload.h"
#include "overrides-report.h"
#include "value-parse.h"

#define MAX_GROUPS 16

static const char help[] =
    "NAME\n"
    "    anker evaluate - discrimination, calibration, fairness and drift of a model\n"
    "\n"
    "SYNOPSIS\n"
    "    anker evaluate --model MODEL --in LABELLED.csv --outcome COLUMN\n"
    "                   [--threshold X] [--group COLUMN]... [--reference-group VALUE]...\n"
    "                   [--ratio-threshold R] [--reference REFERENCE.csv]\n"
    "                   [--records RECORDS.jsonl] [--json FILE] [--progress]\n"
    "    anker evaluate --records RECORDS.jsonl [--json FILE]\n"
    "    anker evaluate --model DURATION-MODEL --in LABELLED.csv --time COLUMN\n"
    "                   --event COLUMN [--horizon T] [--reference REFERENCE.csv]\n"
    "                   [--json FILE] [--progress]\n"
    "\n"
    "DESCRIPTION\n"
    "    Scores every case of LABELLED.csv with the binary model MODEL and\n"
    "    compares the predicted probabilities with the observed outcomes in\n"
    "    COLUMN (0 or 1 in every row). Prints a report on standard output:\n"
    "\n"
    "    discrimination: the AUC with its 95% confidence interval (DeLong);\n"
    "    calibration: mean predicted against observed rate, calibration-in-the-\n"
    "        large, the calibration slope and intercept (logistic regression of\n"
    "        the outcome on logit(p)), the Hosmer-Lemeshow statistic over ten\n"
    "        groups of equal size by predicted risk (df = groups - 2), the Brier\n"
    "        score and the log loss;\n"
    "    reliability: predicted against observed per decile and per band;\n"
    "    classification: the confusion matrix, sensitivity, specificity and PPV\n"
    "        at every band threshold of the model (a case in a band above the\n"
    "        threshold is selected), or at --threshold (p >= X is selected);\n"
    "    fairness, per --group column: group size, selection rate, TPR, FPR,\n"
    "        FNR and calibration-in-the-large per group at --threshold (default\n"
    "        0.5), and the ratio of each rate to the reference group's, flagged\n"
    "        outside [1/R, R]; a ratio to a rate of 0, or of an undefined rate,\n"
    "        is undefined and shown as \"-\";\n"
    "    drift, with --reference: the population stability index of every model\n"
    "        variable and of the score between REFERENCE.csv and LABELLED.csv,\n"
    "        over the model's own bins for a variable the model bins, else over\n"
    "        the reference deciles (numbers) or the levels.\n"
    "\n"
    "    For a duration model, --time and --event name the columns of the time\n"
    "    to the event or to censoring (a number of at least 0, in the model's\n"
    "    months) and of the event (1) or censoring (0); the report gives Harrell's\n"
    "    C of the model's log relative hazard, overall and counting only pairs\n"
    "    whose shorter time is at most the horizon.\n"
    "\n"
    "    With --records, alone or beside a model, the report ends with the\n"
    "    override figures of a file of assessment records (JSON Lines, format\n"
    "    2, one profile): records with and without a decision, the override\n"
    "    rate (decisions whose values differ from the advice's) overall, per\n"
    "    advice value combination and per advice rule, the advice-to-decision\n"
    "    matrix per advice field, the reason codes (with the profile's labels\n"
    "    when the profile is found as anker verify finds it) and, when the\n"
    "    advice has the Werkverkenner's field uitnodiging, the share of high\n"
    "    scorers (advised niet_uitnodigen) invited anyway. The records are\n"
    "    counted, not verified: run anker verify first.\n"
    "\n"
    "    Columns the model does not use are ignored. An empty group cell is\n"
    "    counted as without a value and left out of that column's groups.\n"
    "    Definitions: docs/evaluation.md.\n"
    "\n"
    "OPTIONS\n"
    "    --model MODEL\n"
    "        The model file (a binary model with bands). Required.\n"
    "\n"
    "    --in FILE\n"
    "        The labelled caseload, CSV with a header; - is standard input. Required.\n"
    "\n"
    "    --outcome COLUMN\n"
    "        The column of observed outcomes, 0 or 1. Required.\n"
    "\n"
    "    --time COLUMN, --event COLUMN\n"
    "        For a duration model instead of --outcome: time and event (0/1).\n"
    "\n"
    "    --horizon T\n"
    "        The horizon of the second Harrell's C (default: the model's).\n"
    "\n"
    "    --threshold X\n"
    "        Classify at probability X (0 to 1) instead of at the band thresholds,\n"
    "        and compare groups at X.\n"
    "\n"
    "    --group COLUMN\n"
    "        A grouping column for the fairness table; up to 16.\n"
    "\n"
    "    --reference-group VALUE\n"
    "        The reference group of the --group before it (default: its largest\n"
    "        group). COLUMN=VALUE names the grouping instead.\n"
    "\n"
    "    --ratio-threshold R\n"
    "        Flag ratios above R or below 1/R (default 1.25, so 0.8 as in the\n"
    "        four-fifths rule). R must be above 1.\n"
    "\n"
    "    --reference FILE\n"
    "        A reference caseload (no outcome needed) for the drift table.\n"
    "\n"
    "    --records FILE\n"
    "        Assessment records (JSON Lines) for the override figures.\n"
    "\n"
    "    --json FILE\n"
    "        Also write every figure as JSON to FILE, atomically (undefined\n"
    "        figures are null).\n"
    "\n"
    "    --progress\n"
    "        Show progress on standard error while reading.\n"
    "\n"
    "    -h, --help\n"
    "        Show this help.\n"
    "\n"
    "EXIT STATUS\n"
    "    0 success; 1 bad input (a missing column, an outcome other than 0/1, a\n"
    "    case the model rejects: the message names file, line and column) or an\n"
    "    I/O error, or a malformed record: the message names file, line and\n"
    "    field); 2 bad command line.\n"
    "\n"
    "EXAMPLES\n"
    "    anker evaluate --model data/models/demo-amt-6m.json \\\n"
    "        --in examples/data/labelled.csv --outcome found_work \\\n"
    "        --group origin --group female --reference examples/data/caseload.csv\n";

struct evaluate_options {
	const char *model_path, *in_path, *outcome, *reference_path, *json_path;
	const char *records_path;
	const char *time, *event; /* duration models */
	double horizon;		  /* NaN: the model's */
	double threshold;	  /* NaN: the band thresholds */
	double ratio;
	const char *groups[MAX_GROUPS];
	const char *reference_groups[MAX_GROUPS]; /* per group, or NULL */
	size_t n_groups;
	bool progress;
};

static int parse_number(const char *command, const char *option, const char *text, double *ret)
{
	if (value_parse_number(text, strlen(text), ret) != VALUE_OK)
		return usage_error(command, "%s: not a number: '%s'", option, text);
	return 0;
}

/* --reference-group VALUE (for the last --group) or COLUMN=VALUE. */
static int reference_group(struct evaluate_options *o, const char *command, const char *arg)
{
	const char *eq = strchr(arg, '=');
	for (size_t g = 0; eq && g < o->n_groups; g++)
		if (strlen(o->groups[g]) == (size_t)(eq - arg) &&
		    strncmp(o->groups[g], arg, (size_t)(eq - arg)) == 0) {
			o->reference_groups[g] = eq + 1;
			return 0;
		}
	if (o->n_groups == 0)
		return usage_error(command, "--reference-group '%s' follows no --group", arg);
	o->reference_groups[o->n_groups - 1] = arg;
	return 0;
}

static int parse_options(int argc, char **argv, struct evaluate_options *o)
{
	enum {
		MODEL = 256,
		IN,
		OUTCOME,
		THRESHOLD,
		GROUP,
		REFGROUP,
		RATIO,
		REFERENCE,
		JSON,
		PROGRESS,
		TIME,
		EVENT,
		HORIZON,
		RECORDS
	};
	static const struct option options[] = {
	    {"model", required_argument, NULL, MODEL},
	    {"in", required_argument, NULL, IN},
	    {"outcome", required_argument, NULL, OUTCOME},
	    {"threshold", required_argument, NULL, THRESHOLD},
	    {"group", required_argument, NULL, GROUP},
	    {"reference-group", required_argument, NULL, REFGROUP},
	    {"ratio-threshold", required_argument, NULL, RATIO},
	    {"reference", required_argument, NULL, REFERENCE},
	    {"json", required_argument, NULL, JSON},
	    {"progress", no_argument, NULL, PROGRESS},
	    {"time", required_argument, NULL, TIME},
	    {"event", required_argument, NULL, EVENT},
	    {"horizon", required_argument, NULL, HORIZON},
	    {"records", required_argument, NULL, RECORDS},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int opt, rc;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case MODEL:
			o->model_path = optarg;
			break;
		case IN:
			o->in_path = optarg;
			break;
		case OUTCOME:
			o->outcome = optarg;
			break;
		case THRESHOLD:
			if ((rc = parse_number(argv[0], "--threshold", optarg, &o->threshold)) != 0)
				return rc;
			if (!(o->threshold >= 0 && o->threshold <= 1))
				return usage_error(argv[0], "--threshold must be between 0 and 1");
			break;
		case RATIO:
			if ((rc = parse_number(argv[0], "--ratio-threshold", optarg, &o->ratio)) !=
			    0)
				return rc;
			if (!(o->ratio > 1))
				return usage_error(argv[0], "--ratio-threshold must be above 1");
			break;
		case GROUP:
			if (o->n_groups == MAX_GROUPS)
				return usage_error(argv[0], "more than %d --group options",
						   MAX_GROUPS);
			o->groups[o->n_groups++] = optarg;
			break;
		case REFGROUP:
			if ((rc = reference_group(o, argv[0], optarg)) != 0)
				return rc;
			break;
		case REFERENCE:
			o->reference_path = optarg;
			break;
		case JSON:
			o->json_path = optarg;
			break;
		case PROGRESS:
			o->progress = true;
			break;
		case TIME:
			o->time = optarg;
			break;
		case EVENT:
			o->event = optarg;
			break;
		case HORIZON:
			if ((rc = parse_number(argv[0], "--horizon", optarg, &o->horizon)) != 0)
				return rc;
			if (!(o->horizon >= 0))
				return usage_error(argv[0], "--horizon must be at least 0");
			break;
		case RECORDS:
			o->records_path = optarg;
			break;
		case 'h':
			return print_help(&command_evaluate);
		default:
			return option_error(argv[0], opt, argv);
		}
	}
	if (optind != argc)
		return usage_error(argv[0], "unexpected argument '%s'", argv[optind]);
	if (o->records_path && !o->model_path && !o->in_path) {
		if (o->outcome || o->time || o->event || o->n_groups || o->reference_path)
			return usage_error(argv[0], "the caseload options need --model and --in");
		return -1; /* the override figures alone */
	}
	if (!o->model_path || !o->in_path)
		return usage_error(argv[0], "--model and --in are required (or --records alone)");
	if (!o->outcome == !(o->time && o->event) || !o->time != !o->event)
		return usage_error(argv[0], "give --outcome (a binary model), or --time and "
					    "--event (a duration model)");
	if (o->time && (o->n_groups || !isnan(o->threshold)))
		return usage_error(argv[0], "--group and --threshold are for a binary model");
	return -1; /* go on */
}

struct evaluate_run {
	struct evaluate_options opt;
	struct anker_ctx *ctx;
	struct anker_error *err;
	struct anker_model *model;
	struct labelled_caseload current, reference;
	struct anker_evaluation *ev;
	struct psi_row *psi;
	size_t n_psi;
	struct duration_figures duration;
	struct anker_overrides *overrides;
};

static int library_error(struct evaluate_run *run, int rc)
{
	const char *text = run->err ? anker_error_message(run->err) : "";
	message("%s", text[0] ? text : anker_strerror(rc));
	return ANKER_EXIT_DATA;
}

static int build_evaluation(struct evaluate_run *run)
{
	struct evaluate_options *o = &run->opt;
	int rc = anker_evaluation_new(run->ctx, run->current.probability,
				      run->current.labels[LABEL_OUTCOME], run->current.n, &run->ev,
				      run->err);
	if (rc == 0 && anker_model_get_band_count(run->model) > 0)
		rc = anker_evaluation_set_model(run->ev, run->model);
	if (rc == 0 && !isnan(o->threshold))
		rc = anker_evaluation_set_threshold(run->ev, o->threshold);
	if (rc == 0)
		rc = anker_evaluation_set_ratio_threshold(run->ev, o->ratio);
	for (size_t g = 0; rc == 0 && g < o->n_groups; g++)
		rc = anker_evaluation_add_grouping(run->ev, o->groups[g],
						   (const char *const *)run->current.groups[g],
						   o->reference_groups[g], run->err);
	if (rc == 0)
		rc = anker_evaluation_compute(run->ev, run->err);
	return rc < 0 ? library_error(run, rc) : 0;
}

/* Harrell's C overall and at the horizon (--horizon, else the model's headline one). */
static int harrell(struct evaluate_run *run)
{
	const struct labelled_caseload *c = &run->current;
	struct duration_figures *d = &run->duration;
	d->count = c->n;
	for (size_t i = 0; i < c->n; i++)
		d->events += c->labels[LABEL_EVENT][i] == 1;
	d->horizon =
	    isnan(run->opt.horizon) ? anker_model_get_horizon_months(run->model) : run->opt.horizon;
	int rc = anker_harrell_c(run->ctx, c->probability, c->labels[LABEL_TIME],
				 c->labels[LABEL_EVENT], c->n, INFINITY, &d->c, run->err);
	if (rc == 0)
		rc = anker_harrell_c(run->ctx, c->probability, c->labels[LABEL_TIME],
				     c->labels[LABEL_EVENT], c->n, d->horizon, &d->c_horizon,
				     run->err);
	return rc < 0 ? library_error(run, rc) : 0;
}

static const char *kind_name(int kind)
{
	return kind == ANKER_VARIABLE_CATEGORICAL ? "categorical"
	       : kind == ANKER_VARIABLE_BOOLEAN	  ? "boolean"
						  : "numeric";
}

/* The edges of the model's first bins term on variable @p v: 1 with them, else 0. */
static int model_edges(const struct anker_model *model, size_t v, const double **edges,
		       size_t *n_edges)
{
	for (size_t t = 0; t < anker_model_get_term_count(model); t++)
		if (anker_model_get_term_variable(model, t) == (int)v &&
		    anker_model_get_term_edges(model, t, edges, n_edges) == 0)
			return 1;
	return 0;
}

/* The PSI of every variable both caseloads have a column for, then of the score. */
static int compute_drift(struct evaluate_run *run)
{
	const struct labelled_caseload *ref = &run->reference, *cur = &run->current;
	run->psi = calloc(cur->n_variables + 1, sizeof(*run->psi));
	if (!run->psi) {
		message("out of memory");
		return ANKER_EXIT_DATA;
	}
	int rc = 0;
	for (size_t v = 0; rc == 0 && v < cur->n_variables; v++) {
		struct psi_row *row = &run->psi[run->n_psi];
		row->name = anker_model_get_variable_name(run->model, v);
		int kind = anker_model_get_variable_kind(run->model, v);
		row->kind = kind_name(kind);
		if (cur->levels[v] && ref->levels[v]) {
			size_t levels = kind == ANKER_VARIABLE_BOOLEAN
					    ? 2
					    : anker_model_get_level_count(run->model, v);
			rc = anker_psi_levels(ref->levels[v], ref->n, cur->levels[v], cur->n,
					      levels, &row->psi, run->err);
			row->bins = "levels";
		} else if (cur->numbers[v] && ref->numbers[v]) {
			const double *edges = NULL;
			size_t n_edges = 0;
			bool binned = model_edges(run->model, v, &edges, &n_edges);
			rc = binned ? anker_psi_edges(run->ctx, edges, n_edges, ref->numbers[v],
						      ref->n, cur->numbers[v], cur->n, &row->psi,
						      NULL, run->err)
				    : anker_psi_numbers(run->ctx, ref->numbers[v], ref->n,
							cur->numbers[v], cur->n, &row->psi, NULL,
							run->err);
			row->bins = binned ? "model" : "deciles";
		} else {
			continue;
		}
		run->n_psi++;
	}
	if (rc == 0) {
		struct psi_row *row = &run->psi[run->n_psi++];
		*row = (struct psi_row){"(score)", "score", NAN, "deciles"};
		rc = anker_psi_numbers(run->ctx, ref->probability, ref->n, cur->probability, cur->n,
				       &row->psi, NULL, run->err);
	}
	return rc < 0 ? library_error(run, rc) : 0;
}

/* The model's figures (or an empty object without a model) and the override figures. */
static int write_json(struct evaluate_run *run, const struct eval_report *report)
{
	json_t *root = report ? eval_report_json(report) : json_object();
	if (root && run->overrides &&
	    json_object_set_new(root, "overrides",
				overrides_report_json(run->overrides, run->opt.records_path)) < 0) {
		json_decref(root);
		root = NULL;
	}
	struct atomic_file *f = root ? atomic_file_open(run->opt.json_path) : NULL;
	int rc = ANKER_EXIT_DATA;
	if (!root)
		message("out of memory");
	else if (!f)
		message("%s: cannot write: %s", run->opt.json_path, strerror(errno));
	else if (json_dumpf(root, atomic_file_stream(f), JSON_INDENT(2) | JSON_REAL_PRECISION(17)) <
		     0 ||
		 fputc('\n', atomic_file_stream(f)) == EOF) {
		message("%s: write error", run->opt.json_path);
		atomic_file_abort(f);
	} else if (atomic_file_commit(f) < 0) {
		message("%s: write error: %s", run->opt.json_path, strerror(errno ? errno : EIO));
	} else {
		rc = 0;
	}
	json_decref(root);
	return rc;
}

/* The override figures alone (--records without a model). */
static int records_only(struct evaluate_run *run)
{
	if (run->opt.json_path) {
		int rc = write_json(run, NULL);
		if (rc != 0)
			return rc;
	}
	overrides_report_text(stdout, run->overrides, run->opt.records_path);
	return finish_stdout();
}

static int evaluate(struct evaluate_run *run)
{
	struct evaluate_options *o = &run->opt;
	int rc = anker_ctx_new(&run->ctx);
	if (rc == 0)
		rc = anker_error_new(&run->err);
	if (rc == 0 && o->records_path)
		rc =
		    anker_overrides_read_file(run->ctx, o->records_path, &run->overrides, run->err);
	if (rc < 0)
		return library_error(run, rc);
	if (!o->model_path)
		return records_only(run);
	rc = anker_model_load_file(run->ctx, o->model_path, run->err, &run->model);
	if (rc < 0)
		return library_error(run, rc);
	int kind = anker_model_get_kind(run->model);
	bool duration = o->time != NULL;
	if (kind != (duration ? ANKER_MODEL_DURATION : ANKER_MODEL_BINARY)) {
		message("%s: %s needs a %s model, not kind %s", o->model_path,
			duration ? "--time and --event" : "--outcome",
			duration ? "duration" : "binary", anker_model_kind_name(kind));
		return ANKER_EXIT_DATA;
	}
	const char *score = duration ? "log_relative_hazard" : "probability";
	struct labelled_options lo = {
	    .labels = {o->outcome, o->time, o->event},
	    .score = score,
	    .groups = o->groups,
	    .n_groups = o->n_groups,
	    .progress = o->progress,
	};
	if (labelled_caseload_read(o->in_path, run->model, &lo, &run->current) != 0)
		return ANKER_EXIT_DATA;
	if ((rc = duration ? harrell(run) : build_evaluation(run)) != 0)
		return rc;
	struct eval_report report = {
	    .model = run->model,
	    .ev = duration ? NULL : run->ev,
	    .duration = duration ? &run->duration : NULL,
	    .caseload_name = strcmp(o->in_path, "-") == 0 ? "<stdin>" : o->in_path,
	};
	if (o->reference_path) {
		struct labelled_options ro = {.score = score, .progress = o->progress};
		if (labelled_caseload_read(o->reference_path, run->model, &ro, &run->reference) !=
		    0)
			return ANKER_EXIT_DATA;
		if ((rc = compute_drift(run)) != 0)
			return rc;
		report.reference_name = o->reference_path;
		report.reference_count = run->reference.n;
		report.psi = run->psi;
		report.n_psi = run->n_psi;
	}
	if (o->json_path && (rc = write_json(run, &report)) != 0)
		return rc;
	eval_report_text(stdout, &report, o->ratio);
	if (run->overrides) {
		fputc('\n', stdout);
		overrides_report_text(stdout, run->overrides, o->records_path);
	}
	return finish_stdout();
}

static int run(int argc, char **argv)
{
	struct evaluate_run r = {.opt = {.threshold = NAN, .ratio = 1.25, .horizon = NAN}};
	int rc = parse_options(argc, argv, &r.opt);
	if (rc >= 0)
		return rc;
	rc = evaluate(&r);
	free(r.psi);
	anker_evaluation_free(r.ev);
	anker_overrides_free(r.overrides);
	labelled_caseload_free(&r.current);
	labelled_caseload_free(&r.reference);
	anker_model_unref(r.model);
	anker_error_free(r.err);
	anker_ctx_unref(r.ctx);
	value_parse_cleanup();
	return rc;
}

const struct command command_evaluate = {
    .name = "evaluate",
    .summary = "how well a model predicts a labelled caseload, per group, and drift",
    .help = help,
    .run = run,
};
