/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * batch-threads: score a large caseload with a pool of threads that share one
 * loaded model.
 *
 * A loaded model is immutable, so any number of threads may score with it at
 * once. What a thread must not share is its anker_batch (the column bindings
 * and scratch space): every worker makes its own. The workers take blocks of
 * cases from a shared cursor, bind their batch to that block of the columns
 * and score it straight into the block of the shared output arrays; blocks
 * never overlap, so the outputs need no lock.
 *
 * The caseload is made up in memory: for every variable of the model, values
 * drawn uniformly within its range (numbers), 0/1 (booleans) or a level code
 * (categorical variables), and about 1% missing values, which the model's
 * missing-value policy imputes or rejects. The same case number always gets
 * the same values. Nobody in it exists.
 *
 * At the end the program scores the whole caseload again on one thread and
 * checks that every output is the same, bit for bit, then prints the band
 * counts. Exit status 0 when they agree, 1 otherwise.
 *
 * Build against an installed libanker:
 *     cc -std=c99 batch-threads.c $(pkg-config --cflags --libs anker) -pthread -o batch-threads
 *     ./batch-threads /usr/local/share/anker/models/demo-amt-6m.json 1000000 4
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <anker/anker.h>

/* Cases a worker takes at a time: large enough that taking one is rare. */
#define BLOCK 16384
#define MAX_CASES 100000000ull
#define MAX_THREADS 256
#define MAX_STATUS_KINDS 16

/* The caseload, one array per variable (columnar, as a batch job holds it). */
struct caseload {
	size_t n;
	size_t n_vars;
	const char **names;
	double **numbers; /* numeric and boolean variables: NaN is missing */
	int32_t **codes;  /* categorical variables: level codes, -1 is missing */
};

/* Everything one scoring run writes, one entry per case. */
struct outputs {
	double *probability;
	double *linear_predictor;
	int32_t *band;
	int32_t *status; /* 0, or the ANKER_E_* code that made the model reject the case */
};

/* The work the pool shares. */
struct job {
	struct anker_model *model; /* shared by every worker; never modified */
	const struct caseload *cases;
	const struct outputs *out;
	pthread_mutex_t lock;
	size_t next; /* the first case no worker has taken yet; under lock */
};

struct worker {
	pthread_t thread;
	struct job *job;
	int status; /* 0, or what went wrong */
	char message[256];
};

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p) {
		fprintf(stderr, "batch-threads: out of memory\n");
		exit(1);
	}
	return p;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

/*
 * splitmix64 of (case, variable, draw): every value depends only on where it
 * is, so the caseload is the same however it is made.
 */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static uint64_t draw(size_t i, size_t v, unsigned int what)
{
	return mix(((uint64_t)i << 16) ^ ((uint64_t)v << 4) ^ what);
}

static int is_missing(size_t i, size_t v)
{
	return draw(i, v, 0) % 100 == 0;
}

static struct caseload *caseload_make(const struct anker_model *model, size_t n)
{
	struct caseload *cl = xcalloc(1, sizeof(*cl));
	cl->n = n;
	cl->n_vars = anker_model_get_variable_count(model);
	cl->names = xcalloc(cl->n_vars, sizeof(*cl->names));
	cl->numbers = xcalloc(cl->n_vars, sizeof(*cl->numbers));
	cl->codes = xcalloc(cl->n_vars, sizeof(*cl->codes));
	for (size_t v = 0; v < cl->n_vars; v++) {
		cl->names[v] = anker_model_get_variable_name(model, v);
		int kind = anker_model_get_variable_kind(model, v);
		if (kind == ANKER_VARIABLE_CATEGORICAL) {
			uint64_t levels = anker_model_get_level_count(model, v);
			int32_t *c = cl->codes[v] = xcalloc(n, sizeof(int32_t));
			for (size_t i = 0; i < n; i++)
				c[i] = is_missing(i, v) ? -1 : (int32_t)(draw(i, v, 1) % levels);
			continue;
		}
		double lo = 0.0, hi = 1.0;
		if (kind == ANKER_VARIABLE_NUMERIC)
			anker_model_get_variable_range(model, v, &lo, &hi);
		/* Whole tenths from lo up to at most hi, as a form would record them. */
		uint64_t tenths = (uint64_t)((hi - lo) * 10.0) + 1;
		double *x = cl->numbers[v] = xcalloc(n, sizeof(double));
		for (size_t i = 0; i < n; i++) {
			uint64_t bits = draw(i, v, 1);
			if (is_missing(i, v))
				x[i] = NAN;
			else if (kind == ANKER_VARIABLE_BOOLEAN)
				x[i] = (double)(bits & 1);
			else
				x[i] = lo + (double)(bits % tenths) / 10.0;
		}
	}
	return cl;
}

static void caseload_free(struct caseload *cl)
{
	for (size_t v = 0; v < cl->n_vars; v++) {
		free(cl->numbers[v]);
		free(cl->codes[v]);
	}
	free(cl->names);
	free(cl->numbers);
	free(cl->codes);
	free(cl);
}

static void outputs_make(struct outputs *out, size_t n)
{
	out->probability = xcalloc(n, sizeof(double));
	out->linear_predictor = xcalloc(n, sizeof(double));
	out->band = xcalloc(n, sizeof(int32_t));
	out->status = xcalloc(n, sizeof(int32_t));
}

static void outputs_free(struct outputs *out)
{
	free(out->probability);
	free(out->linear_predictor);
	free(out->band);
	free(out->status);
}

/* Point the batch at cases start.. of the caseload. Binding is cheap: no data is copied. */
static int bind_block(struct anker_batch *batch, const struct caseload *cl, size_t start)
{
	for (size_t v = 0; v < cl->n_vars; v++) {
		int r = cl->codes[v] ? anker_batch_bind_i32(batch, cl->names[v], cl->codes[v] + start, 0)
				     : anker_batch_bind_f64(batch, cl->names[v],
							    cl->numbers[v] + start, 0);
		if (r < 0)
			return r;
	}
	return 0;
}

/*
 * Score cases start..start+m into the same place of the outputs. With a status
 * array, a case the model rejects gets its own status and NaN scores, and the
 * other cases are scored as usual.
 */
static int score_block(struct anker_batch *batch, const struct caseload *cl,
		       const struct outputs *out, size_t start, size_t m, struct anker_error *err)
{
	int r = bind_block(batch, cl, start);
	if (r < 0)
		return r;
	return anker_batch_score(batch, m, out->probability + start, out->linear_predictor + start,
				 out->band + start, NULL, out->status + start, err);
}

static void worker_fail(struct worker *w, int r, const char *what, const struct anker_error *err)
{
	w->status = r;
	snprintf(w->message, sizeof(w->message), "%s: %s%s%s", what, anker_strerror(r),
		 err && anker_error_code(err) ? ": " : "", err ? anker_error_message(err) : "");
}

static void *worker_run(void *arg)
{
	struct worker *w = arg;
	struct job *job = w->job;
	struct anker_batch *batch = NULL;
	struct anker_error *err = NULL;

	int r = anker_error_new(&err);
	if (r < 0) {
		worker_fail(w, r, "anker_error_new", NULL);
		return NULL;
	}
	/* The model is shared; the batch is this thread's own. */
	r = anker_batch_new(job->model, ANKER_SCORE_DEFAULT, &batch);
	if (r < 0) {
		worker_fail(w, r, "anker_batch_new", NULL);
		anker_error_free(err);
		return NULL;
	}
	for (;;) {
		pthread_mutex_lock(&job->lock);
		size_t start = job->next;
		if (start < job->cases->n)
			job->next += BLOCK;
		pthread_mutex_unlock(&job->lock);
		if (start >= job->cases->n)
			break;
		size_t m = job->cases->n - start < BLOCK ? job->cases->n - start : BLOCK;
		r = score_block(batch, job->cases, job->out, start, m, err);
		if (r < 0) {
			worker_fail(w, r, "anker_batch_score", err);
			break;
		}
	}
	anker_batch_free(batch);
	anker_error_free(err);
	return NULL;
}

/* Score the caseload with a pool of n_threads workers. */
static int score_with_pool(struct anker_model *model, const struct caseload *cl,
			   const struct outputs *out, size_t n_threads)
{
	struct job job = { .model = model, .cases = cl, .out = out, .next = 0 };
	struct worker *workers = xcalloc(n_threads, sizeof(*workers));
	size_t started = 0;
	int failed = 0;

	if (pthread_mutex_init(&job.lock, NULL) != 0) {
		fprintf(stderr, "batch-threads: cannot create a mutex\n");
		free(workers);
		return -1;
	}
	for (; started < n_threads; started++) {
		workers[started].job = &job;
		if (pthread_create(&workers[started].thread, NULL, worker_run, &workers[started]) != 0) {
			fprintf(stderr, "batch-threads: cannot start thread %zu\n", started + 1);
			failed = 1;
			break; /* the threads already running finish the caseload */
		}
	}
	for (size_t t = 0; t < started; t++) {
		pthread_join(workers[t].thread, NULL);
		if (workers[t].status < 0) {
			fprintf(stderr, "batch-threads: thread %zu: %s\n", t + 1, workers[t].message);
			failed = 1;
		}
	}
	pthread_mutex_destroy(&job.lock);
	free(workers);
	return failed || started == 0 ? -1 : 0;
}

/* The whole caseload in one call, on this thread: the reference the pool must equal. */
static int score_alone(struct anker_model *model, const struct caseload *cl,
		       const struct outputs *out)
{
	struct anker_batch *batch = NULL;
	struct anker_error *err = NULL;
	int r = anker_error_new(&err);
	if (r == 0)
		r = anker_batch_new(model, ANKER_SCORE_DEFAULT, &batch);
	if (r == 0)
		r = score_block(batch, cl, out, 0, cl->n, err);
	if (r < 0)
		fprintf(stderr, "batch-threads: single-threaded run: %s%s%s\n", anker_strerror(r),
			err && anker_error_code(err) ? ": " : "", err ? anker_error_message(err) : "");
	anker_batch_free(batch);
	anker_error_free(err);
	return r;
}

/* The first case whose outputs differ in any bit, or n when none does. */
static size_t first_difference(const struct outputs *a, const struct outputs *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (memcmp(&a->probability[i], &b->probability[i], sizeof(double)) != 0 ||
		    memcmp(&a->linear_predictor[i], &b->linear_predictor[i], sizeof(double)) != 0 ||
		    a->band[i] != b->band[i] || a->status[i] != b->status[i])
			return i;
	return n;
}

static void print_summary(const struct anker_model *model, const struct outputs *out, size_t n)
{
	size_t n_bands = anker_model_get_band_count(model);
	size_t *per_band = xcalloc(n_bands, sizeof(*per_band));
	int status_code[MAX_STATUS_KINDS];
	size_t status_count[MAX_STATUS_KINDS];
	size_t n_kinds = 0, rejected = 0;

	for (size_t i = 0; i < n; i++) {
		if (out->status[i] == 0) {
			per_band[out->band[i]]++;
			continue;
		}
		rejected++;
		size_t k = 0;
		while (k < n_kinds && status_code[k] != out->status[i])
			k++;
		if (k == n_kinds && n_kinds < MAX_STATUS_KINDS) {
			status_code[n_kinds] = out->status[i];
			status_count[n_kinds++] = 0;
		}
		if (k < n_kinds)
			status_count[k]++;
	}

	printf("bands:\n");
	for (size_t b = 0; b < n_bands; b++)
		printf("  %-12s %10zu  (%5.1f%%)  %s\n", anker_model_get_band_name(model, b),
		       per_band[b], 100.0 * (double)per_band[b] / (double)n,
		       anker_model_get_band_label(model, b));
	printf("rejected by the model: %zu (%.1f%%)\n", rejected,
	       100.0 * (double)rejected / (double)n);
	for (size_t k = 0; k < n_kinds; k++)
		printf("  %-28s %10zu  (%s)\n", anker_status_name(status_code[k]), status_count[k],
		       anker_strerror(status_code[k]));
	free(per_band);
}

static int parse_count(const char *text, unsigned long long max, unsigned long long *ret)
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
	unsigned long long n_cases = 0, n_threads = 0;
	if (argc != 4 || parse_count(argv[2], MAX_CASES, &n_cases) < 0 ||
	    parse_count(argv[3], MAX_THREADS, &n_threads) < 0) {
		fprintf(stderr,
			"usage: batch-threads MODEL CASES THREADS\n"
			"Scores CASES made-up cases (1 to %llu) on THREADS threads (1 to %d) that\n"
			"share one loaded MODEL, and checks the result against one thread.\n",
			MAX_CASES, MAX_THREADS);
		return 2;
	}

	struct anker_ctx *ctx = NULL;
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	int r;
	if ((r = anker_ctx_new(&ctx)) < 0 || (r = anker_error_new(&err)) < 0) {
		fprintf(stderr, "batch-threads: %s\n", anker_strerror(r));
		anker_ctx_unref(ctx);
		return 1;
	}
	if ((r = anker_model_load_file(ctx, argv[1], err, &model)) < 0) {
		fprintf(stderr, "batch-threads: %s\n", anker_error_message(err));
		anker_error_free(err);
		anker_ctx_unref(ctx);
		return 1;
	}

	size_t n = (size_t)n_cases;
	struct caseload *cl = caseload_make(model, n);
	struct outputs pooled, alone;
	outputs_make(&pooled, n);
	outputs_make(&alone, n);

	double t0 = now_ms();
	int failed = score_with_pool(model, cl, &pooled, (size_t)n_threads) < 0;
	double t1 = now_ms();
	failed = failed || score_alone(model, cl, &alone) < 0;
	double t2 = now_ms();

	int status = 1;
	if (!failed) {
		printf("model: %s %s (sha256 %s)\n", anker_model_get_id(model),
		       anker_model_get_version(model), anker_model_get_sha256(model));
		printf("cases: %zu (made up; about 1%% of the values missing)\n", n);
		printf("threads: %llu sharing one model, blocks of %d cases (%ld cores online)\n",
		       n_threads, BLOCK, sysconf(_SC_NPROCESSORS_ONLN));
		size_t i = first_difference(&pooled, &alone, n);
		if (i == n) {
			printf("same as one thread, bit for bit: yes (probability, linear predictor, "
			       "band, status)\n");
			print_summary(model, &pooled, n);
			status = 0;
		} else {
			printf("same as one thread, bit for bit: NO, case %zu differs: "
			       "%.17g/%.17g vs %.17g/%.17g\n",
			       i, pooled.probability[i], pooled.linear_predictor[i],
			       alone.probability[i], alone.linear_predictor[i]);
		}
		/* For information only: timings depend on the machine and its load. */
		printf("time: %.1f ms on %llu threads, %.1f ms on one\n", t1 - t0, n_threads,
		       t2 - t1);
	}

	outputs_free(&pooled);
	outputs_free(&alone);
	caseload_free(cl);
	anker_model_unref(model);
	anker_error_free(err);
	anker_ctx_unref(ctx);
	return status;
}
