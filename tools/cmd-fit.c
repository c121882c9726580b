/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `anker fit`: re-estimate a binary model's coefficients from a history file (include/anker/fit.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include <anker/anker.h>

#include "atomic-file.h"
#include "command.h"
#include "csv-reader.h"
#include "progress.h"
#include "terminal-text.h"
#include "value-parse.h"

#define CHUNK_ROWS     8192
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
	int ties;
	double l2, tol;
	unsigned long max_iter;
	bool progress;
};

/* One column of the history, all rows. */
struct column {
	const char *name;
	size_t field; /* in the header */
	int kind;     /* enum anker_variable_kind, or -1 for outcome and weights */
	bool is_outcome, is_weights, is_time;
	size_t variable;
	double *numbers;
	int32_t *codes; /* categorical */
};

struct history {
	const char *path;
	struct column *cols;
	size_t n_cols;
	size_t n, cap;
	long *lines;
	struct progress progress;
};

static int report(const struct history *h, long line, const struct column *col, const char *fmt,
		  ...) __attribute__((format(printf, 4, 5)));
static int report(const struct history *h, long line, const struct column *col, const char *fmt,
		  ...)
{
	char text[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	progress_clear((struct progress *)&h->progress);
	char where[64] = "";
	if (line > 0 && col)
		snprintf(where, sizeof(where), ":%ld:%zu", line, col->field + 1);
	else if (line > 0)
		snprintf(where, sizeof(where), ":%ld", line);
	if (col)
		message("%s%s (%s): %s", h->path, where, col->name, text);
	else
		message("%s%s: %s", h->path, where, text);
	return ANKER_EXIT_DATA;
}

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
		TIES
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

static int sha256_file(const char *path, char hex[65])
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	struct sha256_ctx sc;
	sha256_init(&sc);
	unsigned char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		sha256_update(&sc, got, buf);
	bool failed = ferror(f);
	fclose(f);
	if (failed)
		return -1;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_digest(&sc, sizeof(digest), digest);
	for (size_t i = 0; i < sizeof(digest); i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return 0;
}

static long find_field(const struct csv_chunk *header, const char *name)
{
	for (size_t i = 0; i < header->n_fields; i++)
		if (strcmp(csv_chunk_field(header, 0, i), name) == 0)
			return (long)i;
	return -1;
}

/* The columns to read: every variable of the model, the outcome, the weights. */
static int plan_columns(struct history *h, const struct csv_chunk *header,
			const struct anker_model *model, const struct fit_options *o)
{
	size_t nv = anker_model_get_variable_count(model);
	h->cols = calloc(nv + 3, sizeof(*h->cols));
	if (!h->cols)
		return report(h, 0, NULL, "out of memory");
	static const char *const given[] = {" (given with --outcome or --event)",
					    " (given with --weights)", " (given with --time)"};
	for (size_t v = 0; v < nv + 3; v++) {
		const char *name = v < nv	 ? anker_model_get_variable_name(model, v)
				   : v == nv	 ? o->outcome
				   : v == nv + 1 ? o->weights
						 : o->time;
		if (!name)
			continue;
		long field = find_field(header, name);
		if (field < 0)
			return report(h, header->lines[0], NULL, "no column called '%s'%s", name,
				      v >= nv ? given[v - nv] : ", a variable of the model");
		struct column *c = &h->cols[h->n_cols++];
		c->name = name;
		c->field = (size_t)field;
		c->kind = v < nv ? anker_model_get_variable_kind(model, v) : -1;
		c->variable = v;
		c->is_outcome = v == nv;
		c->is_weights = v == nv + 1;
		c->is_time = v == nv + 2;
	}
	return 0;
}

static int grow(struct history *h, size_t need)
{
	if (need <= h->cap)
		return 0;
	size_t cap = h->cap ? h->cap * 2 : CHUNK_ROWS;
	while (cap < need)
		cap *= 2;
	long *lines = realloc(h->lines, cap * sizeof(long));
	if (!lines)
		return -1;
	h->lines = lines;
	for (size_t i = 0; i < h->n_cols; i++) {
		struct column *c = &h->cols[i];
		if (c->kind == ANKER_VARIABLE_CATEGORICAL) {
			int32_t *codes = realloc(c->codes, cap * sizeof(int32_t));
			if (!codes)
				return -1;
			c->codes = codes;
		} else {
			double *numbers = realloc(c->numbers, cap * sizeof(double));
			if (!numbers)
				return -1;
			c->numbers = numbers;
		}
	}
	h->cap = cap;
	return 0;
}

static int read_cell(struct history *h, const struct anker_model *model, struct column *c,
		     const struct csv_chunk *chunk, size_t row, size_t at)
{
	const char *s = csv_chunk_field(chunk, row, c->field);
	size_t len = csv_chunk_field_len(chunk, row, c->field);
	if (c->kind == ANKER_VARIABLE_CATEGORICAL) {
		int code = len ? anker_model_find_level(model, c->variable, s) : -1;
		if (len && code < 0) {
			char shown[CELL_QUOTED_SIZE];
			format_cell_quoted(shown, sizeof(shown), s, len);
			return report(h, chunk->lines[row], c, "not a level of the variable: %s",
				      shown);
		}
		c->codes[at] = code;
		return 0;
	}
	if (len == 0) {
		c->numbers[at] = NAN;
		return 0;
	}
	bool boolean = c->kind == ANKER_VARIABLE_BOOLEAN || c->is_outcome;
	int rc = boolean ? value_parse_boolean(s, len, &c->numbers[at])
			 : value_parse_number(s, len, &c->numbers[at]);
	/* an outcome may also be written as a number (1.0); the library checks it is 0 or 1 */
	if (rc != VALUE_OK && c->is_outcome &&
	    value_parse_number(s, len, &c->numbers[at]) == VALUE_OK)
		return 0;
	if (rc == VALUE_OK)
		return 0;
	char shown[CELL_QUOTED_SIZE];
	format_cell_quoted(shown, sizeof(shown), s, len);
	return report(h, chunk->lines[row], c, "%s: %s",
		      boolean ? "not a boolean (1/0, true/false, yes/no, ja/nee)" : "not a number",
		      shown);
}

static int read_history(struct history *h, const struct anker_model *model,
			const struct fit_options *o)
{
	int fd = open(h->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return report(h, 0, NULL, "cannot open: %s", strerror(errno));
	struct stat st;
	progress_init(&h->progress, o->progress,
		      fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0);
	struct csv_reader *r = csv_reader_new(fd);
	struct csv_chunk header, chunk;
	csv_chunk_init(&header);
	csv_chunk_init(&chunk);
	struct csv_error cerr = {0};
	int status = ANKER_EXIT_DATA;
	if (!r) {
		report(h, 0, NULL, "out of memory");
		goto out;
	}
	if (csv_reader_read_header(r, &header, &cerr) < 0) {
		report(h, cerr.line, NULL, "%s", cerr.message);
		goto out;
	}
	if (plan_columns(h, &header, model, o) != 0)
		goto out;
	for (;;) {
		long got = csv_reader_read_chunk(r, CHUNK_ROWS, &chunk, &cerr);
		if (got < 0) {
			report(h, cerr.line, NULL, "%s", cerr.message);
			goto out;
		}
		if (got == 0)
			break;
		if (grow(h, h->n + (size_t)got) < 0) {
			report(h, 0, NULL, "out of memory");
			goto out;
		}
		for (size_t row = 0; row < (size_t)got; row++) {
			h->lines[h->n + row] = chunk.lines[row];
			for (size_t i = 0; i < h->n_cols; i++)
				if (read_cell(h, model, &h->cols[i], &chunk, row, h->n + row) != 0)
					goto out;
		}
		h->n += (size_t)got;
		progress_update(&h->progress, h->n, csv_reader_bytes_read(r));
	}
	status = 0;
out:
	progress_clear(&h->progress);
	csv_chunk_free(&header);
	csv_chunk_free(&chunk);
	csv_reader_free(r);
	close(fd);
	return status;
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
	return report(h, h->lines[index], col, "%s", anker_error_text(err));
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
	if (read_history(&h, spec_model, &o) != 0)
		goto out;
	if (sha256_file(o.in, sha) < 0) {
		report(&h, 0, NULL, "cannot read to hash it");
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
	for (size_t i = 0; i < h.n_cols; i++) {
		free(h.cols[i].numbers);
		free(h.cols[i].codes);
	}
	free(h.cols);
	free(h.lines);
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
