/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * How fast does anker_batch_score() score a caseload, and how close is that to
 * what the memory system allows?
 *
 * The cases are synthetic and live in columnar arrays, as a nightly batch job
 * would hold them: doubles for numeric and boolean variables, 32-bit level
 * codes for categorical ones. The bound is a pass that only reads the same
 * columns and writes one double per case: scoring cannot be faster than that.
 *
 * Timed as well: every output of a binary model (probability, linear
 * predictor, band), once through anker_batch_score() and once bound by name
 * and scored with anker_batch_run(), which do the same work.
 *
 * By default the cases are drawn here, uniformly within each variable's range
 * and never missing. With --data DIR they are read from raw column files
 * (DIR/<variable>.f64: native doubles, NaN for missing; DIR/<variable>.i32:
 * native int32 level codes, -1 for missing), so that bench/bench_python.py can
 * time numpy, scikit-learn and the Python binding on exactly the same cases.
 *
 * With --model FILE --cases N instead, any model of any kind: N synthetic cases
 * made from the model's own variable declarations through the public API only
 * (the same draws as above: numbers uniform within the declared range, a
 * questionnaire's Likert answers one of the item's option values, booleans
 * 0 or 1, categorical variables random level codes as int32), every named
 * output the model declares bound with anker_batch_bind_output_*(), and
 * anker_batch_run() timed. scripts/bench runs it for every file in
 * data/models/, so that a new kind's demonstration file is measured as soon
 * as it is there.
 *
 * Single-threaded. Never registered as a test: timings are not test results.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <anker/anker.h>

#define DEFAULT_CASES 1000000
#define DEFAULT_REPEATS 5
#define LATENCY_CASES 100000
#define LATENCY_DISTINCT 1024
#define BLOCK 1024

struct columns {
	size_t n, n_vars;
	double **f64;    /* numeric and boolean variables */
	int32_t **codes; /* categorical variables */
	size_t bytes_read_per_case;
	size_t n_f64, n_i32;
};

static int repeats = DEFAULT_REPEATS;

static double clock_seconds(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/*
 * The best of several runs, in wall time and in CPU time. On a busy machine
 * the CPU time leaves out the time slices other processes took (it still
 * includes their effect on the caches and memory bus).
 */
struct best {
	double wall, cpu;
	double wall0, cpu0;
};

static struct best best_new(void)
{
	return (struct best){ INFINITY, INFINITY, 0.0, 0.0 };
}

static void best_start(struct best *b)
{
	b->wall0 = clock_seconds(CLOCK_MONOTONIC);
	b->cpu0 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
}

static void best_stop(struct best *b)
{
	double wall = clock_seconds(CLOCK_MONOTONIC) - b->wall0;
	double cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - b->cpu0;
	b->wall = wall < b->wall ? wall : b->wall;
	b->cpu = cpu < b->cpu ? cpu : b->cpu;
}

/* xorshift64*: fast, reproducible, and good enough for made-up cases. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static double rng_uniform(void)
{
	return (double)(rng_next() >> 11) * 0x1.0p-53;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p) {
		fprintf(stderr, "bench-batch: out of memory\n");
		exit(1);
	}
	return p;
}

/* Every value inside its variable's range and never missing, so no case fails. */
static struct columns *columns_make(const struct anker_model *model, size_t n)
{
	struct columns *cols = xcalloc(1, sizeof(*cols));
	cols->n = n;
	cols->n_vars = anker_model_get_variable_count(model);
	cols->f64 = xcalloc(cols->n_vars, sizeof(*cols->f64));
	cols->codes = xcalloc(cols->n_vars, sizeof(*cols->codes));
	for (size_t v = 0; v < cols->n_vars; v++) {
		int kind = anker_model_get_variable_kind(model, v);
		if (kind == ANKER_VARIABLE_CATEGORICAL) {
			uint64_t levels = anker_model_get_level_count(model, v);
			int32_t *c = cols->codes[v] = xcalloc(n, sizeof(int32_t));
			for (size_t i = 0; i < n; i++)
				c[i] = (int32_t)(rng_next() % levels);
			cols->bytes_read_per_case += sizeof(int32_t);
			cols->n_i32++;
		} else {
			double lo = 0.0, hi = 1.0;
			if (kind == ANKER_VARIABLE_NUMERIC)
				anker_model_get_variable_range(model, v, &lo, &hi);
			/* A questionnaire's Likert item takes only its options' values. */
			uint64_t options = anker_model_get_option_count(model, v);
			double *x = cols->f64[v] = xcalloc(n, sizeof(double));
			for (size_t i = 0; i < n; i++) {
				if (kind == ANKER_VARIABLE_NUMERIC && options > 0)
					anker_model_get_option_value(model, v, rng_next() % options,
								     &x[i]);
				else if (kind == ANKER_VARIABLE_BOOLEAN)
					x[i] = (double)(rng_next() & 1);
				else
					x[i] = lo + (hi - lo) * rng_uniform();
			}
			cols->bytes_read_per_case += sizeof(double);
			cols->n_f64++;
		}
	}
	return cols;
}

/* The whole of DIR/NAME.EXT, or NULL when there is no such file. */
static void *read_column(const char *dir, const char *name, const char *ext, size_t *ret_bytes)
{
	char path[4096];
	if (snprintf(path, sizeof(path), "%s/%s.%s", dir, name, ext) >= (int)sizeof(path)) {
		fprintf(stderr, "bench-batch: path too long: %s/%s.%s\n", dir, name, ext);
		exit(1);
	}
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT)
			return NULL;
		fprintf(stderr, "bench-batch: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	long size = -1;
	if (fseek(f, 0, SEEK_END) == 0)
		size = ftell(f);
	if (size <= 0 || fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "bench-batch: %s: empty or unreadable\n", path);
		exit(1);
	}
	void *data = xcalloc(1, (size_t)size);
	if (fread(data, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "bench-batch: %s: short read\n", path);
		exit(1);
	}
	fclose(f);
	*ret_bytes = (size_t)size;
	return data;
}

/* The columns written by bench/bench_python.py: every variable of the model, all the same length. */
static struct columns *columns_load(const struct anker_model *model, const char *dir)
{
	struct columns *cols = xcalloc(1, sizeof(*cols));
	cols->n_vars = anker_model_get_variable_count(model);
	cols->f64 = xcalloc(cols->n_vars, sizeof(*cols->f64));
	cols->codes = xcalloc(cols->n_vars, sizeof(*cols->codes));
	for (size_t v = 0; v < cols->n_vars; v++) {
		const char *name = anker_model_get_variable_name(model, v);
		int categorical = anker_model_get_variable_kind(model, v) == ANKER_VARIABLE_CATEGORICAL;
		size_t bytes = 0, item = categorical ? sizeof(int32_t) : sizeof(double);
		void *data = read_column(dir, name, categorical ? "i32" : "f64", &bytes);
		if (!data || bytes % item != 0 || (v > 0 && bytes / item != cols->n)) {
			fprintf(stderr, "bench-batch: %s/%s.%s: %s\n", dir, name,
				categorical ? "i32" : "f64",
				!data ? "missing" : "not as many values as the other columns");
			exit(1);
		}
		cols->n = bytes / item;
		if (categorical) {
			cols->codes[v] = data;
			cols->n_i32++;
		} else {
			cols->f64[v] = data;
			cols->n_f64++;
		}
		cols->bytes_read_per_case += item;
	}
	return cols;
}

static void columns_free(struct columns *cols)
{
	for (size_t v = 0; v < cols->n_vars; v++) {
		free(cols->f64[v]);
		free(cols->codes[v]);
	}
	free(cols->f64);
	free(cols->codes);
	free(cols);
}

/*
 * The bound: read every bound column once and write one double per case. The
 * block keeps the running sums in L1, so memory sees each input byte read once
 * and each output written once. Full blocks use loops of a fixed length over
 * restrict pointers, which GCC vectorizes even at -O2, so that the pass is
 * limited by memory rather than by scalar additions: a bound the scorer
 * cannot beat, not a second scorer to race against. The output keeps the
 * work alive.
 */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
/* The widest vectors the machine has, whatever the build's -march: the bound is the hardware's. */
#define BOUND_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define BOUND_CLONES
#endif

BOUND_CLONES static void add_doubles(double *restrict acc, const double *restrict x)
{
	for (size_t k = 0; k < BLOCK; k++)
		acc[k] += x[k];
}

BOUND_CLONES static void add_codes(double *restrict acc, const int32_t *restrict c)
{
	for (size_t k = 0; k < BLOCK; k++)
		acc[k] += (double)c[k];
}

/* Not inlined, so that no pass can be merged with the next or dropped as dead stores. */
__attribute__((noinline)) static void read_pass(const struct columns *cols,
						double *restrict out)
{
	size_t full = cols->n - cols->n % BLOCK;
	for (size_t start = 0; start < full; start += BLOCK) {
		double *acc = out + start;
		memset(acc, 0, BLOCK * sizeof(*acc));
		for (size_t v = 0; v < cols->n_vars; v++) {
			if (cols->f64[v])
				add_doubles(acc, cols->f64[v] + start);
			else
				add_codes(acc, cols->codes[v] + start);
		}
	}
	for (size_t i = full; i < cols->n; i++) {
		double acc = 0.0;
		for (size_t v = 0; v < cols->n_vars; v++)
			acc += cols->f64[v] ? cols->f64[v][i] : (double)cols->codes[v][i];
		out[i] = acc;
	}
}

static void die_status(const char *what, int r, const struct anker_error *err)
{
	fprintf(stderr, "bench-batch: %s: %s: %s\n", what, anker_status_name(r),
		err ? anker_error_message(err) : "");
	exit(1);
}

/* A batch of the model with every column bound. */
static struct anker_batch *batch_with_columns(struct anker_model *model, const struct columns *cols)
{
	struct anker_batch *batch = NULL;
	int r = anker_batch_new(model, ANKER_SCORE_DEFAULT, &batch);
	if (r != 0)
		die_status("anker_batch_new", r, NULL);
	for (size_t v = 0; v < cols->n_vars; v++) {
		const char *name = anker_model_get_variable_name(model, v);
		r = cols->f64[v] ? anker_batch_bind_f64(batch, name, cols->f64[v], 0)
				 : anker_batch_bind_i32(batch, name, cols->codes[v], 0);
		if (r != 0)
			die_status(name, r, NULL);
	}
	return batch;
}

/* Probabilities only (NULL @p lp and @p band), or every output of a binary model. */
static struct best time_batch(struct anker_batch *batch, size_t n, double *p, double *lp,
			      int32_t *band, struct anker_error *err)
{
	struct best best = best_new();
	for (int rep = 0; rep < repeats; rep++) {
		best_start(&best);
		int r = anker_batch_score(batch, n, p, lp, band, NULL, NULL, err);
		best_stop(&best);
		if (r != 0)
			die_status("anker_batch_score", r, err);
	}
	return best;
}

/* anker_batch_run() into the outputs bound by name. */
static struct best time_run(struct anker_batch *batch, size_t n, struct anker_error *err)
{
	struct best best = best_new();
	for (int rep = 0; rep < repeats; rep++) {
		best_start(&best);
		int r = anker_batch_run(batch, n, NULL, err);
		best_stop(&best);
		if (r != 0)
			die_status("anker_batch_run", r, err);
	}
	return best;
}

static volatile double sink;

static struct best time_read_pass(const struct columns *cols, double *out)
{
	struct best best = best_new();
	for (int rep = 0; rep < repeats; rep++) {
		best_start(&best);
		read_pass(cols, out);
		best_stop(&best);
		sink = out[(size_t)rep % cols->n];
	}
	return best;
}

/* One case per row of the columns, for the single-case scorer. */
static struct anker_case *case_from_row(struct anker_ctx *ctx, const struct anker_model *model,
					const struct columns *cols, size_t i)
{
	struct anker_case *c = NULL;
	int r = anker_case_new(ctx, &c);
	if (r != 0)
		die_status("anker_case_new", r, NULL);
	for (size_t v = 0; v < cols->n_vars; v++) {
		const char *name = anker_model_get_variable_name(model, v);
		int missing = cols->codes[v] ? cols->codes[v][i] < 0 : isnan(cols->f64[v][i]);
		if (missing) {
			r = anker_case_set_missing(c, name);
		} else {
			switch (anker_model_get_variable_kind(model, v)) {
			case ANKER_VARIABLE_CATEGORICAL:
				r = anker_case_set_level(
					c, name,
					anker_model_get_level_name(model, v,
								   (size_t)cols->codes[v][i]));
				break;
			case ANKER_VARIABLE_BOOLEAN:
				r = anker_case_set_bool(c, name, cols->f64[v][i] != 0.0);
				break;
			default:
				r = anker_case_set_number(c, name, cols->f64[v][i]);
				break;
			}
		}
		if (r != 0)
			die_status("setting a case value", r, NULL);
	}
	return c;
}

static struct best time_single(struct anker_ctx *ctx, const struct anker_model *model,
			  const struct columns *cols, struct anker_error *err)
{
	size_t distinct = cols->n < LATENCY_DISTINCT ? cols->n : LATENCY_DISTINCT;
	struct anker_case **cases = xcalloc(distinct, sizeof(*cases));
	for (size_t i = 0; i < distinct; i++)
		cases[i] = case_from_row(ctx, model, cols, i);
	struct anker_result *res = NULL;
	int r = anker_result_new(ctx, &res);
	if (r != 0)
		die_status("anker_result_new", r, NULL);

	struct best best = best_new();
	double checksum = 0.0;
	for (int rep = 0; rep <= repeats; rep++) { /* the first round warms up */
		struct best round = best_new();
		best_start(&round);
		for (size_t i = 0; i < LATENCY_CASES; i++) {
			r = anker_model_score(model, cases[i % distinct], ANKER_SCORE_DEFAULT, res,
					      err);
			if (r != 0)
				die_status("anker_model_score", r, err);
			checksum += anker_result_get_probability(res);
		}
		best_stop(&round);
		if (rep > 0) {
			best.wall = round.wall < best.wall ? round.wall : best.wall;
			best.cpu = round.cpu < best.cpu ? round.cpu : best.cpu;
		}
	}
	sink = checksum;

	anker_result_free(res);
	for (size_t i = 0; i < distinct; i++)
		anker_case_free(cases[i]);
	free(cases);
	best.wall /= LATENCY_CASES;
	best.cpu /= LATENCY_CASES;
	return best;
}

/*
 * --model FILE --cases N: every named output of any model, bound by name and
 * filled by anker_batch_run() from N synthetic cases.
 */
static int run_generic(struct anker_ctx *ctx, const char *model_path, size_t n)
{
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	int r = anker_error_new(&err);
	if (r != 0)
		die_status("anker_error_new", r, NULL);
	r = anker_model_load_file(ctx, model_path, err, &model);
	if (r != 0)
		die_status(model_path, r, err);
	struct columns *cols = columns_make(model, n);
	struct anker_batch *batch = batch_with_columns(model, cols);
	size_t n_out = anker_model_get_output_count(model);
	void **outputs = xcalloc(n_out ? n_out : 1, sizeof(*outputs));
	size_t bytes_written = 0;
	for (size_t k = 0; k < n_out; k++) {
		const char *name = anker_model_get_output_name(model, k);
		if (anker_model_get_output_type(model, k) == ANKER_OUTPUT_LEVEL) {
			outputs[k] = xcalloc(n, sizeof(int32_t));
			r = anker_batch_bind_output_i32(batch, name, outputs[k]);
			bytes_written += sizeof(int32_t);
		} else {
			outputs[k] = xcalloc(n, sizeof(double));
			r = anker_batch_bind_output_f64(batch, name, outputs[k]);
			bytes_written += sizeof(double);
		}
		if (r != 0)
			die_status(name, r, NULL);
	}
	int32_t *status = xcalloc(n, sizeof(int32_t));

	/* Warm up: touch every page of the inputs and outputs once. */
	r = anker_batch_run(batch, n, status, err);
	if (r != 0)
		die_status("anker_batch_run", r, err);
	size_t failed = 0;
	for (size_t i = 0; i < n; i++)
		failed += status[i] != 0;
	struct best t = best_new();
	for (int rep = 0; rep < repeats; rep++) {
		best_start(&t);
		r = anker_batch_run(batch, n, status, err);
		best_stop(&t);
		if (r != 0)
			die_status("anker_batch_run", r, err);
	}

	printf("reproduce: bench-batch --model %s --cases %zu --repeats %d\n", model_path, n,
	       repeats);
	printf("library: libanker %s\n", anker_version_string());
	printf("model: %s, kind %s (sha256 %s)\n", anker_model_get_id(model),
	       anker_model_kind_name(anker_model_get_kind(model)), anker_model_get_sha256(model));
	printf("cases: %zu, uniform draws within each range, none missing; %zu failed\n", n, failed);
	printf("bytes read per case: %zu (%zu double columns, %zu int32 columns); outputs: %zu "
	       "(%zu bytes written per case)\n",
	       cols->bytes_read_per_case, cols->n_f64, cols->n_i32, n_out, bytes_written);
	printf("anker_batch_run, every output: %.3g cases/s (%.3f ms (%.3f ms)), best of %d runs, "
	       "wall (CPU)\n",
	       (double)n / t.wall, t.wall * 1e3, t.cpu * 1e3, repeats);
	printf("result: cases=%zu outputs=%zu run_seconds=%.9g run_cpu_seconds=%.9g failed=%zu "
	       "kind=%s id=%s\n",
	       n, n_out, t.wall, t.cpu, failed, anker_model_kind_name(anker_model_get_kind(model)),
	       anker_model_get_id(model));

	free(status);
	for (size_t k = 0; k < n_out; k++)
		free(outputs[k]);
	free(outputs);
	anker_batch_free(batch);
	columns_free(cols);
	anker_model_unref(model);
	anker_error_free(err);
	return 0;
}

static void usage(FILE *to, const char *prog)
{
	fprintf(
	    to,
	    "usage: %s [--data DIR] [--repeats N] MODEL [CASES]\n"
	    "       %s --model FILE --cases N [--repeats N]\n"
	    "Times anker_batch_score() on CASES synthetic cases (default %d) held in\n"
	    "columnar arrays, against a read-only pass over the same columns, every\n"
	    "output by anker_batch_score() and by anker_batch_run(), and\n"
	    "anker_model_score() on single cases. --data DIR reads the cases from\n"
	    "DIR/<variable>.f64 and DIR/<variable>.i32 instead (see bench/bench_python.py).\n"
	    "The second form times anker_batch_run() into every named output of FILE, a model\n"
	    "of any kind, on N synthetic cases made from its variable declarations.\n"
	    "Prints the best of N runs (default %d) and a last line \"result: key=value ...\".\n",
	    prog, prog, DEFAULT_CASES, DEFAULT_REPEATS);
}

static int parse_number(const char *text, unsigned long long max, unsigned long long *ret)
{
	char *end = NULL;
	if (*text < '0' || *text > '9')
		return -1;
	unsigned long long v = strtoull(text, &end, 10);
	if (*end != '\0' || v == 0 || v > max)
		return -1;
	*ret = v;
	return 0;
}

int main(int argc, char **argv)
{
	const char *data_dir = NULL, *generic_model = NULL;
	unsigned long long generic_cases = 0;
	const char *positional[2] = { NULL, NULL };
	int n_positional = 0;
	for (int a = 1; a < argc; a++) {
		unsigned long long v;
		if (strcmp(argv[a], "--help") == 0) {
			usage(stdout, argv[0]);
			return 0;
		} else if (strcmp(argv[a], "--data") == 0 && a + 1 < argc) {
			data_dir = argv[++a];
		} else if (strcmp(argv[a], "--model") == 0 && a + 1 < argc) {
			generic_model = argv[++a];
		} else if (strcmp(argv[a], "--cases") == 0 && a + 1 < argc) {
			if (parse_number(argv[++a], 1000000000ull, &generic_cases) < 0) {
				fprintf(stderr, "bench-batch: --cases must be a number from 1 to 1000000000\n");
				return 2;
			}
		} else if (strcmp(argv[a], "--repeats") == 0 && a + 1 < argc) {
			if (parse_number(argv[++a], 1000, &v) < 0) {
				fprintf(stderr, "bench-batch: --repeats must be a number from 1 to 1000\n");
				return 2;
			}
			repeats = (int)v;
		} else if (argv[a][0] == '-' || n_positional == 2) {
			usage(stderr, argv[0]);
			return 2;
		} else {
			positional[n_positional++] = argv[a];
		}
	}
	if (generic_model || generic_cases) {
		struct anker_ctx *ctx = NULL;
		if (!generic_model || n_positional || data_dir) {
			usage(stderr, argv[0]);
			return 2;
		}
		int r = anker_ctx_new(&ctx);
		if (r != 0)
			die_status("creating a context", r, NULL);
		r = run_generic(ctx, generic_model, generic_cases ? (size_t)generic_cases
								  : DEFAULT_CASES);
		anker_ctx_unref(ctx);
		return r;
	}
	if (n_positional == 0 || (data_dir && n_positional == 2)) {
		usage(stderr, argv[0]);
		return 2;
	}
	const char *model_path = positional[0];
	size_t n = DEFAULT_CASES;
	if (positional[1]) {
		unsigned long long v;
		if (parse_number(positional[1], 1000000000ull, &v) < 0) {
			fprintf(stderr, "bench-batch: CASES must be a number from 1 to 1000000000\n");
			return 2;
		}
		n = (size_t)v;
	}

	struct anker_ctx *ctx = NULL;
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	int r = anker_ctx_new(&ctx);
	if (r != 0 || anker_error_new(&err) != 0)
		die_status("creating a context", r, NULL);
	r = anker_model_load_file(ctx, model_path, err, &model);
	if (r != 0)
		die_status(model_path, r, err);

	struct columns *cols = data_dir ? columns_load(model, data_dir) : columns_make(model, n);
	n = cols->n;
	struct anker_batch *batch = batch_with_columns(model, cols);

	double *p = xcalloc(n, sizeof(double));
	double *lp = xcalloc(n, sizeof(double));
	int32_t *band = xcalloc(n, sizeof(int32_t));
	double *out = xcalloc(n, sizeof(double));

	/* Warm up: touch every page of the inputs and outputs once. */
	r = anker_batch_score(batch, n, p, lp, band, NULL, NULL, err);
	if (r != 0)
		die_status("anker_batch_score", r, err);
	read_pass(cols, out);

	struct best t_batch = time_batch(batch, n, p, NULL, NULL, err);
	struct best t_all = time_batch(batch, n, p, lp, band, err);
	/* The same three outputs, bound by name: the same work, so the same time. */
	if ((r = anker_batch_bind_output_f64(batch, "probability", p)) != 0 ||
	    (r = anker_batch_bind_output_f64(batch, "linear_predictor", lp)) != 0 ||
	    (r = anker_batch_bind_output_i32(batch, "band", band)) != 0)
		die_status("binding the outputs", r, NULL);
	struct best t_run = time_run(batch, n, err);
	struct best t_pass = time_read_pass(cols, out);
	struct best t_single = time_single(ctx, model, cols, err);

	/* Summed in case order, as numpy's cumsum does: bench_python.py compares the two. */
	double sum = 0.0;
	for (size_t i = 0; i < n; i++)
		sum += p[i];

	double bytes = (double)n * (double)(cols->bytes_read_per_case + sizeof(double));
	printf("reproduce: %s%s%s --repeats %d %s", argv[0], data_dir ? " --data " : "",
	       data_dir ? data_dir : "", repeats, model_path);
	if (data_dir)
		printf("\n");
	else
		printf(" %zu\n", n);
	printf("library: libanker %s\n", anker_version_string());
	printf("model: %s (sha256 %s)\n", anker_model_get_id(model), anker_model_get_sha256(model));
	printf("cores online: %ld (this benchmark uses one)\n", sysconf(_SC_NPROCESSORS_ONLN));
	printf("cases: %zu from %s (mean probability %.4f)\n", n,
	       data_dir ? data_dir : "uniform draws within each range, none missing",
	       sum / (double)n);
	printf("bytes read per case: %zu (%zu double columns, %zu int32 columns); "
	       "bytes written per case: %zu\n",
	       cols->bytes_read_per_case, cols->n_f64, cols->n_i32, sizeof(double));
	printf("times are the best of %d runs, wall (CPU)\n", repeats);
	printf("batch: %.3g cases/s (%.3f ms (%.3f ms))\n", (double)n / t_batch.wall,
	       t_batch.wall * 1e3, t_batch.cpu * 1e3);
	printf("batch bandwidth: %.2f GB/s\n", bytes / t_batch.wall * 1e-9);
	printf("batch, every output: %.3g cases/s (%.3f ms (%.3f ms)) with anker_batch_score, "
	       "%.3g cases/s (%.3f ms (%.3f ms)) with anker_batch_run\n",
	       (double)n / t_all.wall, t_all.wall * 1e3, t_all.cpu * 1e3, (double)n / t_run.wall,
	       t_run.wall * 1e3, t_run.cpu * 1e3);
	printf("read-only pass bandwidth: %.2f GB/s (%.3f ms (%.3f ms))\n",
	       bytes / t_pass.wall * 1e-9, t_pass.wall * 1e3, t_pass.cpu * 1e3);
	printf("batch as a fraction of the bound: %.3f (CPU time: %.3f)\n", t_pass.wall / t_batch.wall,
	       t_pass.cpu / t_batch.cpu);
	printf("single case: %.1f ns/case (%.1f ns) (anker_model_score, %d cases)\n",
	       t_single.wall * 1e9, t_single.cpu * 1e9, LATENCY_CASES);
	printf("result: cases=%zu batch_seconds=%.9g bound_seconds=%.9g single_seconds=%.9g "
	       "batch_cpu_seconds=%.9g bound_cpu_seconds=%.9g single_cpu_seconds=%.9g "
	       "bytes_per_case=%zu probability_sum=%.17g all_outputs_seconds=%.9g "
	       "run_seconds=%.9g\n",
	       n, t_batch.wall, t_pass.wall, t_single.wall, t_batch.cpu, t_pass.cpu, t_single.cpu,
	       cols->bytes_read_per_case + sizeof(double), sum, t_all.wall, t_run.wall);

	free(p);
	free(lp);
	free(band);
	free(out);
	anker_batch_free(batch);
	columns_free(cols);
	anker_model_unref(model);
	anker_error_free(err);
	anker_ctx_unref(ctx);
	return 0;
}
