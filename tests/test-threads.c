/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Threads sharing one context and one model, as the headers promise they may:
 * while some threads score the shared model (one case at a time, and in
 * batches), others load and release models on the same context and take and
 * drop references to the shared model and context. Every score must equal, bit
 * for bit, what one thread computed before the others started, and the first
 * case must be case A of tests/test-score.c, worked out by hand there.
 *
 * Run under ThreadSanitizer (scripts/test: build-tsan/, -Dcpu_dispatch=false)
 * a data race fails the test; in the other builds it checks the results and,
 * through a counting allocator, that the last reference, whichever thread
 * drops it, frees everything.
 *
 * cmocka's assertions longjmp and its allocator is not thread-safe: the
 * workers only record what went wrong, and the main thread asserts.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-full-model.h"
#include "test-util.h"

static const char full_model[] =
	"{'format':'anker-model','format_version':1,'kind':'binary','id':'threads-test',"
	"'name':'Threads test','version':'1.0.0','toets':'AMT',"
	"'outcome':{'description':'work within 6 months','horizon_months':6},"
	"'valid_from':'2026-01-01','provenance':{'statement':'Test model, not an official UWV "
	"model.','data':'none','fitted_by':'libanker tests'},"
	TEST_FULL_MODEL_BODY;

#define N_TERMS 10
/* Two full chunks of the batch scorer and a partial one. */
#define N_CASES 600
#define SINGLE_THREADS 2
#define BATCH_THREADS 2
#define LOADER_THREADS 2
#define REF_THREADS 1
#define N_WORKERS (SINGLE_THREADS + BATCH_THREADS + LOADER_THREADS + REF_THREADS)
/* Enough rounds that the threads overlap, few enough for ThreadSanitizer. */
#define SINGLE_ROUNDS 3
#define BATCH_ROUNDS 10
#define LOADS 8
#define REF_ROUNDS 2000

static const char *const education_levels[] = { "basic", "vocational", "higher", "unknown" };
static const char *const region_levels[] = { "north", "south", "west" };
static const char *const sector_levels[] = { "care", "retail", "other" };

/* The caseload as columns; NaN and code -1 are missing. */
struct cases {
	double age[N_CASES], hours[N_CASES], months[N_CASES], female[N_CASES], care[N_CASES];
	int32_t education[N_CASES], region[N_CASES], sector[N_CASES];
};

/* What one thread computed before any other started. */
struct expected {
	double p[N_CASES], lp[N_CASES], contributions[N_CASES * N_TERMS];
	int32_t band[N_CASES], status[N_CASES];
};

/* An allocator that counts live blocks, atomically: whoever frees last, nothing may remain. */
static atomic_long live_blocks;

static void *count_malloc(void *data, size_t size)
{
	(void)data;
	void *p = malloc(size);
	if (p)
		atomic_fetch_add(&live_blocks, 1);
	return p;
}

static void *count_realloc(void *data, void *ptr, size_t size)
{
	(void)data;
	void *p = realloc(ptr, size);
	if (p && !ptr)
		atomic_fetch_add(&live_blocks, 1);
	return p;
}

static void count_free(void *data, void *ptr)
{
	(void)data;
	if (ptr)
		atomic_fetch_sub(&live_blocks, 1);
	free(ptr);
}

/* The loader logs one line per model from whichever thread loads it. */
static atomic_long info_lines;

static void count_log(void *data, int level, const char *message)
{
	(void)data;
	(void)message;
	if (level == ANKER_LOG_INFO)
		atomic_fetch_add(&info_lines, 1);
}

static uint64_t next_random(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

static double pick(uint64_t *s, double lo, double hi)
{
	return lo + (hi - lo) * (double)(next_random(s) >> 11) * 0x1p-53;
}

/*
 * Case 0 is case A of tests/test-score.c. The rest mix in missing values
 * (imputed, or rejected for hours and care_duties) and ages outside the range
 * (clamped), so that both good and failing cases are shared.
 */
static void make_cases(struct cases *c)
{
	uint64_t s = 20261202;
	for (size_t i = 0; i < N_CASES; i++) {
		c->age[i] = i % 11 == 5 ? NAN : pick(&s, 10, 80);
		c->hours[i] = i % 53 == 7 ? NAN : pick(&s, 0, 40);
		c->months[i] = i % 13 == 4 ? NAN : pick(&s, 0, 24);
		c->female[i] = i % 17 == 3 ? NAN : (double)(next_random(&s) % 2);
		c->care[i] = i % 61 == 9 ? NAN : (double)(next_random(&s) % 2);
		c->education[i] = i % 7 == 2 ? -1 : (int32_t)(next_random(&s) % 4);
		c->region[i] = i % 9 == 1 ? -1 : (int32_t)(next_random(&s) % 3);
		c->sector[i] = (int32_t)(next_random(&s) % 3);
	}
	c->age[0] = 52, c->hours[0] = 20, c->months[0] = 3, c->female[0] = 1, c->care[0] = 1;
	c->education[0] = 2, c->region[0] = 0, c->sector[0] = 0;
}

static int set_case(struct anker_case *one, const struct cases *c, size_t i)
{
	int r = 0;
	anker_case_clear(one);
	r |= anker_case_set_number(one, "age", c->age[i]);
	r |= anker_case_set_number(one, "hours", c->hours[i]);
	r |= anker_case_set_number(one, "months", c->months[i]);
	/* NaN is missing for booleans too */
	r |= anker_case_set_number(one, "female", c->female[i]);
	r |= anker_case_set_number(one, "care_duties", c->care[i]);
	if (c->education[i] >= 0)
		r |= anker_case_set_level(one, "education", education_levels[c->education[i]]);
	if (c->region[i] >= 0)
		r |= anker_case_set_level(one, "region", region_levels[c->region[i]]);
	r |= anker_case_set_level(one, "sector", sector_levels[c->sector[i]]);
	return r;
}

static int bind_cases(struct anker_batch *b, const struct cases *c)
{
	return anker_batch_bind_f64(b, "age", c->age, 0) |
	       anker_batch_bind_f64(b, "hours", c->hours, 0) |
	       anker_batch_bind_f64(b, "months", c->months, 0) |
	       anker_batch_bind_f64(b, "female", c->female, 0) |
	       anker_batch_bind_f64(b, "care_duties", c->care, 0) |
	       anker_batch_bind_i32(b, "education", c->education, 0) |
	       anker_batch_bind_i32(b, "region", c->region, 0) |
	       anker_batch_bind_i32(b, "sector", c->sector, 0);
}

static int same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

/* Scores every case one at a time; the number of cases that differ from @p want. */
static long score_singly(struct anker_ctx *ctx, struct anker_model *model, const struct cases *c,
			 const struct expected *want, struct expected *got)
{
	struct anker_case *one = NULL;
	struct anker_result *res = NULL;
	if (anker_case_new(ctx, &one) != 0 || anker_result_new(ctx, &res) != 0) {
		anker_case_free(one);
		return N_CASES;
	}
	long wrong = 0;
	for (size_t i = 0; i < N_CASES; i++) {
		int status = set_case(one, c, i);
		if (status == 0)
			status = anker_model_score(model, one, 0, res, NULL);
		double p = status ? NAN : anker_result_get_probability(res);
		double lp = status ? NAN : anker_result_get_linear_predictor(res);
		int32_t band = status ? -1 : anker_result_get_band(res);
		if (got) {
			got->status[i] = status, got->p[i] = p, got->lp[i] = lp, got->band[i] = band;
			for (size_t t = 0; t < N_TERMS; t++)
				got->contributions[i * N_TERMS + t] =
					status ? NAN : anker_result_get_contribution(res, t);
		}
		if (want && (status != want->status[i] || !same_bits(p, want->p[i]) ||
			     !same_bits(lp, want->lp[i]) || band != want->band[i]))
			wrong++;
	}
	anker_result_free(res);
	anker_case_free(one);
	return wrong;
}

/* The number of output values that differ from @p want in any bit. */
static long compare_batch(const struct expected *got, const struct expected *want)
{
	long wrong = 0;
	for (size_t i = 0; i < N_CASES; i++) {
		wrong += got->status[i] != want->status[i] || got->band[i] != want->band[i];
		wrong += !same_bits(got->p[i], want->p[i]) + !same_bits(got->lp[i], want->lp[i]);
		for (size_t t = 0; t < N_TERMS; t++)
			wrong += !same_bits(got->contributions[i * N_TERMS + t],
					    want->contributions[i * N_TERMS + t]);
	}
	return wrong;
}

struct shared {
	struct anker_ctx *ctx;
	const struct cases *cases;
	const struct expected *want;
	const char *json; /* the full model, with " */
	const char *sha256;
	const char *demo_path;
	const char *demo_sha256;
};

enum role { SINGLE, BATCH, LOADER, REFS };

struct worker {
	pthread_t thread;
	enum role role;
	const struct shared *sh;
	struct anker_model *model; /* this worker's own reference to the shared model */
	struct expected *scratch;
	long wrong;    /* scores that differ from the single-threaded ones */
	long failures; /* calls that failed, or models that were not what was loaded */
	long done;     /* rounds completed */
};

static void *single_worker(struct worker *w)
{
	for (int round = 0; round < SINGLE_ROUNDS; round++, w->done++)
		w->wrong += score_singly(w->sh->ctx, w->model, w->sh->cases, w->sh->want, NULL);
	return NULL;
}

static void *batch_worker(struct worker *w)
{
	struct anker_batch *b = NULL;
	if (anker_batch_new(w->model, 0, &b) != 0 || bind_cases(b, w->sh->cases) != 0) {
		anker_batch_free(b);
		w->failures++;
		return NULL;
	}
	struct expected *got = w->scratch;
	for (int round = 0; round < BATCH_ROUNDS; round++, w->done++) {
		memset(got, 0, sizeof(*got));
		if (anker_batch_score(b, N_CASES, got->p, got->lp, got->band, got->contributions,
				      got->status, NULL) != 0)
			w->failures++;
		w->wrong += compare_batch(got, w->sh->want);
	}
	anker_batch_free(b);
	return NULL;
}

/* Loads both models afresh on the shared context, checks them, and releases them. */
static void *loader_worker(struct worker *w)
{
	const struct shared *sh = w->sh;
	for (int round = 0; round < LOADS; round++, w->done++) {
		struct anker_model *mine = NULL, *demo = NULL;
		struct anker_error *err = NULL;
		if (anker_error_new(&err) != 0) {
			w->failures++;
			continue;
		}
		if (anker_model_load_buffer(sh->ctx, sh->json, strlen(sh->json), "threads.json", err,
					    &mine) != 0 ||
		    strcmp(anker_model_get_sha256(mine), sh->sha256) != 0)
			w->failures++;
		else if (round % 2 == 0) /* a freshly loaded copy scores the same */
			w->wrong += score_singly(sh->ctx, mine, sh->cases, sh->want, NULL);
		if (anker_model_load_file(sh->ctx, sh->demo_path, err, &demo) != 0 ||
		    strcmp(anker_model_get_sha256(demo), sh->demo_sha256) != 0)
			w->failures++;
		anker_model_unref(demo);
		anker_model_unref(mine);
		anker_error_free(err);
	}
	return NULL;
}

/* References to the shared model and context, directly and through batches. */
static void *ref_worker(struct worker *w)
{
	for (int round = 0; round < REF_ROUNDS; round++, w->done++) {
		struct anker_model *m = anker_model_ref(w->model);
		struct anker_ctx *ctx = anker_ctx_ref(w->sh->ctx);
		if (m != w->model || ctx != w->sh->ctx)
			w->failures++;
		if (round % 50 == 0) {
			struct anker_batch *b = NULL;
			if (anker_batch_new(m, 0, &b) != 0)
				w->failures++;
			anker_batch_free(b);
		}
		anker_ctx_unref(ctx);
		anker_model_unref(m);
	}
	return NULL;
}

static void *run_worker(void *arg)
{
	struct worker *w = arg;
	switch (w->role) {
	case SINGLE:
		single_worker(w);
		break;
	case BATCH:
		batch_worker(w);
		break;
	case LOADER:
		loader_worker(w);
		break;
	case REFS:
		ref_worker(w);
		break;
	}
	/* The last reference may be this one: the model is freed on this thread then. */
	anker_model_unref(w->model);
	return NULL;
}

static char *read_demo_sha256(struct anker_ctx *ctx, const char *path)
{
	struct anker_model *demo = NULL;
	assert_int_equal(anker_model_load_file(ctx, path, NULL, &demo), 0);
	char *sha = strdup(anker_model_get_sha256(demo));
	assert_non_null(sha);
	anker_model_unref(demo);
	return sha;
}

static void test_shared_model(void **state)
{
	(void)state;
	struct anker_ctx *ctx = NULL;
	assert_int_equal(
		anker_ctx_new_with_allocator(count_malloc, count_realloc, count_free, NULL, &ctx), 0);
	anker_ctx_set_log_fn(ctx, count_log, NULL); /* before sharing, as the header says */
	anker_ctx_set_log_level(ctx, ANKER_LOG_INFO);

	char *json = strdup(full_model);
	assert_non_null(json);
	for (char *p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	struct anker_model *model = NULL;
	assert_int_equal(anker_model_load_buffer(ctx, json, strlen(json), NULL, NULL, &model), 0);
	char demo_path[4096];
	snprintf(demo_path, sizeof(demo_path), "%s", test_source_path("data/models/demo-amt-6m.json"));
	char *demo_sha256 = read_demo_sha256(ctx, demo_path);

	struct cases *cases = calloc(1, sizeof(*cases));
	struct expected *want = calloc(1, sizeof(*want));
	assert_true(cases && want);
	make_cases(cases);

	/* Once, on this thread alone: the values every thread must reproduce. */
	assert_int_equal(score_singly(ctx, model, cases, NULL, want), 0);
	/* Case A, by hand in tests/test-score.c: eta = 1.63, p = 1 / (1 + e^-1.63). */
	assert_int_equal(want->status[0], 0);
	assert_close(want->lp[0], 1.63, 1e-14);
	assert_close(want->p[0], 0.8361696387766411, 1e-15);
	assert_int_equal(want->band[0], 3);
	assert_close(want->contributions[9], 0.52, 1e-15); /* 0.01 * 52, higher education */
	long failing = 0;
	for (size_t i = 0; i < N_CASES; i++)
		failing += want->status[i] != 0;
	assert_true(failing > 0 && failing < N_CASES / 10); /* hours or care_duties missing */
	/* and the batch scorer, alone, agrees with it */
	struct expected *alone = calloc(1, sizeof(*alone));
	struct anker_batch *b = NULL;
	assert_non_null(alone);
	assert_int_equal(anker_batch_new(model, 0, &b), 0);
	assert_int_equal(bind_cases(b, cases), 0);
	assert_int_equal(anker_batch_score(b, N_CASES, alone->p, alone->lp, alone->band,
					   alone->contributions, alone->status, NULL),
			 0);
	anker_batch_free(b);
	assert_int_equal(compare_batch(alone, want), 0);
	free(alone);

	struct shared sh = { ctx, cases, want, json, anker_model_get_sha256(model), demo_path,
			     demo_sha256 };
	struct worker workers[N_WORKERS];
	memset(workers, 0, sizeof(workers));
	for (size_t t = 0; t < N_WORKERS; t++) {
		struct worker *w = &workers[t];
		w->role = t < SINGLE_THREADS				   ? SINGLE
			  : t < SINGLE_THREADS + BATCH_THREADS		   ? BATCH
			  : t < SINGLE_THREADS + BATCH_THREADS + LOADER_THREADS ? LOADER
									   : REFS;
		w->sh = &sh;
		w->model = anker_model_ref(model);
		if (w->role == BATCH)
			assert_non_null(w->scratch = calloc(1, sizeof(*w->scratch)));
	}
	/* sh.sha256 lives in the model: this thread keeps its reference until the join. */
	long lines_before = atomic_load(&info_lines);
	for (size_t t = 0; t < N_WORKERS; t++)
		assert_int_equal(pthread_create(&workers[t].thread, NULL, run_worker, &workers[t]), 0);
	for (size_t t = 0; t < N_WORKERS; t++)
		assert_int_equal(pthread_join(workers[t].thread, NULL), 0);

	static const long rounds[] = { SINGLE_ROUNDS, BATCH_ROUNDS, LOADS, REF_ROUNDS };
	for (size_t t = 0; t < N_WORKERS; t++) {
		const struct worker *w = &workers[t];
		if (w->wrong || w->failures)
			print_error("thread %zu (role %d): %ld wrong scores, %ld failed calls\n", t,
				    (int)w->role, w->wrong, w->failures);
		assert_int_equal(w->wrong, 0);
		assert_int_equal(w->failures, 0);
		assert_int_equal(w->done, rounds[w->role]);
		free(w->scratch);
	}
	/* one line per model loaded, from whichever thread loaded it */
	assert_int_equal(atomic_load(&info_lines) - lines_before, 2 * LOADER_THREADS * LOADS);

	anker_model_unref(model);
	anker_ctx_unref(ctx);
	assert_int_equal(atomic_load(&live_blocks), 0);
	free(demo_sha256);
	free(want);
	free(cases);
	free(json);
}

/*
 * The last reference dropped on a worker thread: the main thread lets go of
 * the model and the context first, and the workers' own references keep both
 * alive until the last of them frees everything.
 */
static void *score_and_release(void *arg)
{
	struct anker_model *model = arg;
	struct anker_ctx *ctx = NULL;
	struct anker_case *one = NULL;
	struct anker_result *res = NULL;
	long ok = 0;
	if (anker_ctx_new(&ctx) == 0 && anker_case_new(ctx, &one) == 0 &&
	    anker_result_new(ctx, &res) == 0) {
		struct cases c;
		make_cases(&c);
		ok = set_case(one, &c, 0) == 0 && anker_model_score(model, one, 0, res, NULL) == 0 &&
		     fabs(anker_result_get_probability(res) - 0.8361696387766411) < 1e-15;
	}
	anker_result_free(res);
	anker_case_free(one);
	anker_ctx_unref(ctx);
	anker_model_unref(model);
	return (void *)ok;
}

static void test_last_reference_on_a_worker(void **state)
{
	(void)state;
	long before = atomic_load(&live_blocks);
	struct anker_ctx *ctx = NULL;
	assert_int_equal(
		anker_ctx_new_with_allocator(count_malloc, count_realloc, count_free, NULL, &ctx), 0);
	char *json = strdup(full_model);
	assert_non_null(json);
	for (char *p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	struct anker_model *model = NULL;
	assert_int_equal(anker_model_load_buffer(ctx, json, strlen(json), NULL, NULL, &model), 0);
	free(json);

	pthread_t threads[4];
	for (size_t t = 0; t < 4; t++)
		assert_int_equal(
			pthread_create(&threads[t], NULL, score_and_release, anker_model_ref(model)),
			0);
	anker_model_unref(model); /* the model keeps the context alive */
	anker_ctx_unref(ctx);
	for (size_t t = 0; t < 4; t++) {
		void *ok = NULL;
		assert_int_equal(pthread_join(threads[t], &ok), 0);
		assert_true(ok != NULL);
	}
	assert_int_equal(atomic_load(&live_blocks), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared_model),
		cmocka_unit_test(test_last_reference_on_a_worker),
	};
	return cmocka_run_group_tests_name("threads", tests, NULL, NULL);
}
