/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The batch's fast path for linear terms: runs of linear terms are added in
 * one pass, and the range check of a numeric variable that only linear terms
 * use, and whose every missing or out-of-range value fails the case, is left
 * to those terms (lib/model/batch-terms.h, predict_chunk()). A chunk that
 * fails such a check is scored again the ordinary way. Whatever the path, the
 * batch must give what anker_model_score() gives, case by case, bit for bit:
 * probabilities, linear predictors, status, the variable at fault, flags and
 * counts. Columns are bound contiguous and strided, and with contributions
 * (which turns the fast path off) as the ordinary path to compare with.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-util.h"

/*
 * a, c: deferrable (only linear terms, reject/reject); b: clamped and imputed;
 * d: used by a spline too; e: boolean; f: categorical. The linear terms come
 * in runs of 1, 3 and 5 (4 + 1), and a twice.
 */
static const char model_text[] =
    "{'format':'anker-model','format_version':1,'kind':'binary','id':'runs-test',"
    "'name':'Runs test','version':'1.0.0','toets':'AMT',"
    "'outcome':{'description':'work within 6 months','horizon_months':6},"
    "'valid_from':'2026-01-01','provenance':{'statement':'Test model, not an official UWV "
    "model.','data':'none','fitted_by':'libanker tests'},"
    "'variables':["
    "{'name':'a','kind':'numeric','range':[0,10]},"
    "{'name':'b','kind':'numeric','range':[-5,5],'out_of_range':'clamp',"
    " 'missing':{'policy':'impute','value':1}},"
    "{'name':'c','kind':'numeric','range':[-1,1]},"
    "{'name':'d','kind':'numeric','range':[0,100]},"
    "{'name':'e','kind':'boolean','missing':{'policy':'impute','value':true}},"
    "{'name':'f','kind':'categorical','levels':['x','y','z']}],"
    "'link':'logit',"
    "'terms':["
    "{'type':'intercept','name':'base','label':'Base','coef':-0.3},"
    "{'type':'linear','name':'a1','label':'A','variable':'a','coef':0.11,'center':5},"
    "{'type':'spline','name':'d_s','label':'D','variable':'d','knots':[0,50,100],"
    " 'values':[-0.5,0.25,0.1]},"
    "{'type':'linear','name':'b1','label':'B','variable':'b','coef':-0.37},"
    "{'type':'linear','name':'c1','label':'C','variable':'c','coef':1.3},"
    "{'type':'linear','name':'d1','label':'D1','variable':'d','coef':0.003,'center':50},"
    "{'type':'categorical','name':'f1','label':'F','variable':'f','reference':'x',"
    " 'effects':{'y':0.2,'z':-0.4}},"
    "{'type':'linear','name':'c2','label':'C2','variable':'c','coef':-0.7,'center':0.25},"
    "{'type':'linear','name':'e1','label':'E','variable':'e','coef':0.45},"
    "{'type':'linear','name':'a2','label':'A2','variable':'a','coef':-0.05,'center':3},"
    "{'type':'linear','name':'b2','label':'B2','variable':'b','coef':0.01},"
    "{'type':'linear','name':'c3','label':'C3','variable':'c','coef':0.9}],"
    "'bands':{'boundary':'lower','items':[{'name':'low','upper':0.5},{'name':'high'}]}}";

enum { A, B, C, D, E, F, NV };
static const char *const names[NV] = {"a", "b", "c", "d", "e", "f"};
#define NT 12
#define N  (5 * 256 + 77)

struct row {
	double v[NV - 1]; /* a..e; NaN for missing */
	int32_t f;	  /* -1 for missing */
};

static uint64_t rng = 0x243f6a8885a308d3ull;

static double uniform(double lo, double hi)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return lo + (hi - lo) * (double)((rng * 0x2545f4914f6cdd1dull) >> 11) * 0x1.0p-53;
}

static void make_rows(struct row *r)
{
	for (size_t i = 0; i < N; i++) {
		r[i].v[A] = uniform(0, 10);
		r[i].v[B] = uniform(-5, 5);
		r[i].v[C] = uniform(-1, 1);
		r[i].v[D] = uniform(0, 100);
		r[i].v[E] = uniform(0, 1) < 0.5 ? 0.0 : 1.0;
		r[i].f = (int32_t)(uniform(0, 3));
	}
	/* chunk 0: clean. chunk 1: b clamped and missing (no failure, nothing deferred fails) */
	r[300].v[B] = 7.5;
	r[301].v[B] = NAN;
	r[302].v[E] = NAN;
	/* chunk 2: a deferred check fails, alone or before or after other failures */
	r[520].v[A] = 10.5;		      /* a above its range */
	r[530].v[C] = NAN;		      /* c missing, rejected */
	r[540].v[A] = -1, r[540].v[D] = NAN;  /* a first, then d */
	r[550].f = -1, r[550].v[C] = 2;	      /* c (before f) */
	r[560].v[D] = 101, r[560].v[C] = 1.5; /* c (before d) */
	r[570].v[A] = INFINITY;
	r[580].v[C] = -0.0; /* in range: -0.0 is not a bound here */
	r[590].v[A] = -0.0; /* -0.0 below 0: the check fails, the ordinary path accepts it */
	/* chunk 3: a value on each bound, which passes */
	r[800].v[A] = 0, r[801].v[A] = 10, r[802].v[C] = -1, r[803].v[C] = 1;
	/* chunk 4: clean, but b clamped. The partial chunk 5: the last case fails */
	r[1100].v[B] = -9;
	r[N - 1].v[C] = -1.25;
}

struct expected {
	double p, lp;
	int status;
	int32_t variable;
	uint32_t flags;
};

static void score_single(struct anker_ctx *ctx, const struct anker_model *model,
			 const struct row *rows, struct expected *ex)
{
	static const char *const levels[] = {"x", "y", "z"};
	struct anker_result *res = NULL;
	struct anker_error *err = NULL;
	assert_int_equal(anker_result_new(ctx, &res), 0);
	assert_int_equal(anker_error_new(&err), 0);
	for (size_t i = 0; i < N; i++) {
		struct anker_case *c = NULL;
		assert_int_equal(anker_case_new(ctx, &c), 0);
		for (size_t k = 0; k < NV; k++) {
			bool missing = k == F ? rows[i].f < 0 : isnan(rows[i].v[k]);
			if (missing)
				assert_int_equal(anker_case_set_missing(c, names[k]), 0);
			else if (k == F)
				assert_int_equal(
				    anker_case_set_level(c, names[k], levels[rows[i].f]), 0);
			else if (k == E)
				assert_int_equal(
				    anker_case_set_bool(c, names[k], rows[i].v[k] != 0.0), 0);
			else
				assert_int_equal(anker_case_set_number(c, names[k], rows[i].v[k]),
						 0);
		}
		int r = anker_model_score(model, c, ANKER_SCORE_DEFAULT, res, err);
		ex[i].status = r;
		ex[i].variable = -1;
		if (r == 0) {
			ex[i].p = anker_result_get_probability(res);
			ex[i].lp = anker_result_get_linear_predictor(res);
			ex[i].flags = anker_result_get_flags(res);
		} else {
			ex[i].p = ex[i].lp = NAN;
			ex[i].flags = 0;
			for (size_t k = 0; k < NV; k++)
				if (strcmp(anker_error_field(err), names[k]) == 0)
					ex[i].variable = (int32_t)k;
			assert_true(ex[i].variable >= 0);
		}
		anker_case_free(c);
	}
	anker_error_free(err);
	anker_result_free(res);
}

struct got {
	double p[N], lp[N], contributions[N * NT];
	int32_t status[N], variable[N], band[N];
	uint32_t flags[N];
	uint64_t counts[NV][3];
};

static void score_batch(struct anker_model *model, const struct row *rows, bool strided,
			bool explain, struct got *g)
{
	static double cols[NV - 1][N];
	static int32_t codes[N];
	for (size_t i = 0; i < N; i++) {
		for (size_t k = 0; k < NV - 1; k++)
			cols[k][i] = rows[i].v[k];
		codes[i] = rows[i].f;
	}
	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(model, 0, &b), 0);
	for (size_t k = 0; k < NV - 1; k++) {
		if (strided)
			assert_int_equal(
			    anker_batch_bind_f64(b, names[k], &rows[0].v[k], sizeof(*rows)), 0);
		else
			assert_int_equal(anker_batch_bind_f64(b, names[k], cols[k], 0), 0);
	}
	if (strided)
		assert_int_equal(anker_batch_bind_i32(b, "f", &rows[0].f, sizeof(*rows)), 0);
	else
		assert_int_equal(anker_batch_bind_i32(b, "f", codes, 0), 0);
	anker_batch_set_case_outputs(b, g->flags, g->variable);
	assert_int_equal(anker_batch_score(b, N, g->p, g->lp, g->band,
					   explain ? g->contributions : NULL, g->status, NULL),
			 0);
	for (size_t k = 0; k < NV; k++)
		assert_int_equal(anker_batch_get_counts(b, k, &g->counts[k][0], &g->counts[k][1],
							&g->counts[k][2]),
				 0);

	/* Without a status array, the first failing case fails the call. */
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	assert_int_equal(anker_batch_score(b, N, g->p + 0, NULL, NULL, NULL, NULL, err),
			 ANKER_E_OUT_OF_RANGE);
	assert_int_equal(anker_error_case_index(err), 520);
	assert_string_equal(anker_error_field(err), "a");
	anker_error_free(err);
	/* which overwrote p up to that chunk: score again */
	assert_int_equal(anker_batch_score(b, N, g->p, NULL, NULL, NULL, g->status, NULL), 0);
	anker_batch_free(b);
}

static void check(const struct expected *ex, const struct got *g)
{
	size_t n_failed = 0;
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(g->status[i], ex[i].status);
		assert_int_equal(g->variable[i], ex[i].variable);
		if (ex[i].status != 0) {
			assert_true(isnan(g->p[i]) && isnan(g->lp[i]));
			n_failed++;
			continue;
		}
		assert_bits_equal(g->p[i], ex[i].p);
		assert_bits_equal(g->lp[i], ex[i].lp);
		assert_int_equal(g->flags[i], ex[i].flags);
	}
	assert_int_equal(n_failed, 7);
}

static void test_linear_runs(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_quoted(ctx, model_text);
	struct row *rows = calloc(N, sizeof(*rows));
	struct expected *ex = calloc(N, sizeof(*ex));
	struct got *g[4];
	assert_true(rows && ex);
	make_rows(rows);
	score_single(ctx, model, rows, ex);
	for (int v = 0; v < 4; v++) {
		g[v] = calloc(1, sizeof(*g[v]));
		assert_non_null(g[v]);
		score_batch(model, rows, v & 1, v & 2, g[v]);
		check(ex, g[v]);
	}
	/* The counts: the same whichever path, and as worked out by hand (b: 2 clamped, 1
	 * missing and imputed; e: 1 missing and imputed; f: 1 missing, rejected; c: 1 missing,
	 * rejected; d: 1 missing, rejected). */
	for (int v = 1; v < 4; v++)
		assert_memory_equal(g[v]->counts, g[0]->counts, sizeof(g[0]->counts));
	static const uint64_t counts[NV][3] = {
	    {0, 0, 0}, {1, 1, 2}, {1, 0, 0}, {1, 0, 0}, {1, 1, 0}, {1, 0, 0},
	};
	assert_memory_equal(g[0]->counts, counts, sizeof(counts));
	/* contributions, where asked for, add up to the linear predictor in term order */
	for (size_t i = 0; i < N; i++) {
		if (g[2]->status[i] != 0)
			continue;
		double eta = 0.0;
		for (size_t t = 0; t < NT; t++)
			eta += g[2]->contributions[i * NT + t];
		assert_bits_equal(eta, g[2]->lp[i]);
	}
	for (int v = 0; v < 4; v++)
		free(g[v]);
	free(ex);
	free(rows);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_linear_runs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
