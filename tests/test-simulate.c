/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * anker_scenario_* and anker_simulation_*: byte-identical output for a seed
 * (across runs, chunkings and threads), draws whose values are known by hand
 * (constant draws, sd 0, a shift of logit(target) on a constant model), every
 * scenario error with its code and JSON path, and every allocation failing in
 * turn. The statistical checks on 100,000 cases (completion, the bijstand
 * flow, shares, Kaplan-Meier) are in bindings/python/tests/test_simulate.py.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-util.h"

#define DEMO "data/simulation/demo-ww-history.json"

struct text {
	char *data;
	size_t size;
	bool refuse;
};

static int append(void *data, const char *s, size_t n)
{
	struct text *t = data;
	if (t->refuse)
		return -1;
	char *grown = realloc(t->data, t->size + n + 1);
	if (!grown)
		return -1;
	memcpy(grown + t->size, s, n);
	t->data = grown;
	t->size += n;
	t->data[t->size] = '\0';
	return 0;
}

static struct anker_scenario *load_demo(struct anker_ctx *ctx)
{
	struct anker_scenario *sc = NULL;
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	int rc = anker_scenario_load_file(ctx, test_source_path(DEMO), err, &sc);
	if (rc != 0)
		fail_msg("%s", anker_error_message(err));
	anker_error_free(err);
	return sc;
}

/* The CSV of cases [0, n) written in chunks of @p chunk. */
static struct text simulate(const struct anker_scenario *sc, uint64_t seed, uint64_t n,
			    uint64_t chunk)
{
	struct anker_simulation *sim = NULL;
	assert_int_equal(anker_simulation_new(sc, seed, n, NULL, NULL, NULL, &sim), 0);
	struct text t = {0};
	assert_int_equal(anker_simulation_write_header(sim, append, &t, NULL), 0);
	for (uint64_t first = 0; first < n; first += chunk)
		assert_int_equal(anker_simulation_write_rows(sim, first,
							     n - first < chunk ? n - first : chunk,
							     append, &t, NULL),
				 0);
	anker_simulation_free(sim);
	return t;
}

static void test_demo_columns(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_scenario *sc = load_demo(ctx);
	assert_string_equal(anker_scenario_get_id(sc), "demo-ww-history");
	assert_string_equal(anker_scenario_get_version(sc), "1.0.0");
	/* case_id, 15 variables, 20 answers, 11 factor columns, 7 outcome columns */
	assert_int_equal(anker_scenario_get_column_count(sc), 1 + 15 + 20 + 11 + 7);
	assert_string_equal(anker_scenario_get_column_name(sc, 0), "case_id");
	assert_int_equal(anker_scenario_get_column_type(sc, 0), ANKER_SIM_COLUMN_TEXT);
	assert_string_equal(anker_scenario_get_column_name(sc, 1), "age");
	assert_int_equal(anker_scenario_get_column_type(sc, 1), ANKER_SIM_COLUMN_INTEGER);
	assert_int_equal(anker_scenario_get_column_type(sc, 2), ANKER_SIM_COLUMN_BOOLEAN);
	assert_int_equal(anker_scenario_get_column_type(sc, 6), ANKER_SIM_COLUMN_LEVEL);
	assert_string_equal(anker_scenario_get_column_name(sc, 36), "f_leeftijd");
	assert_int_equal(anker_scenario_get_column_type(sc, 36), ANKER_SIM_COLUMN_NUMBER);
	assert_string_equal(anker_scenario_get_column_name(sc, 53), "to_bijstand");
	assert_null(anker_scenario_get_column_name(sc, 54));
	assert_int_equal(anker_scenario_get_column_type(sc, 54), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_scenario_get_column_type(NULL, 0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_scenario_get_outcome_count(sc), 6);
	assert_string_equal(anker_scenario_get_outcome_name(sc, 3), "blijf");
	assert_null(anker_scenario_get_outcome_name(sc, 6));
	assert_int_equal(anker_scenario_get_outcome_count(NULL), 0);
	assert_int_equal(anker_scenario_get_column_count(NULL), 0);
	assert_null(anker_scenario_get_id(NULL));
	assert_null(anker_scenario_get_version(NULL));
	assert_null(anker_scenario_get_outcome_name(NULL, 0));
	assert_null(anker_scenario_get_column_name(NULL, 0));
	anker_scenario_free(sc);
	anker_scenario_free(NULL);
	anker_ctx_unref(ctx);
}

static void test_same_seed_same_bytes_whatever_the_chunks(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_scenario *sc = load_demo(ctx);
	struct text a = simulate(sc, 20261202, 1000, 1000);
	struct text b = simulate(sc, 20261202, 1000, 1000);
	struct text c = simulate(sc, 20261202, 1000, 143); /* 7 chunks of 143, the last 142 */
	struct text d = simulate(sc, 20261203, 1000, 1000);
	assert_true(a.size > 100000);
	assert_int_equal(a.size, b.size);
	assert_memory_equal(a.data, b.data, a.size);
	assert_int_equal(a.size, c.size);
	assert_memory_equal(a.data, c.data, a.size);
	assert_false(a.size == d.size && memcmp(a.data, d.data, a.size) == 0);
	/* 1001 lines: the header and one per case, the last one SIM0001000 */
	size_t lines = 0;
	for (size_t i = 0; i < a.size; i++)
		lines += a.data[i] == '\n';
	assert_int_equal(lines, 1001);
	assert_non_null(strstr(a.data, "\nSIM0001000,"));
	assert_null(strstr(a.data, "SIM0001001"));
	free(a.data);
	free(b.data);
	free(c.data);
	free(d.data);
	anker_scenario_free(sc);
	anker_ctx_unref(ctx);
}

struct slice {
	const struct anker_simulation *sim;
	uint64_t first, count;
	struct text out;
	int rc;
};

static void *write_slice(void *arg)
{
	struct slice *s = arg;
	s->rc = anker_simulation_write_rows(s->sim, s->first, s->count, append, &s->out, NULL);
	return NULL;
}

/* The rows of cases [0, n) written by @p threads threads at once, joined in order. */
static struct text threaded(const struct anker_simulation *sim, uint64_t n, size_t threads)
{
	struct slice slices[8];
	pthread_t ids[8];
	for (size_t i = 0; i < threads; i++) {
		uint64_t first = n * i / threads, end = n * (i + 1) / threads;
		slices[i] = (struct slice){sim, first, end - first, {0}, -1};
		assert_int_equal(pthread_create(&ids[i], NULL, write_slice, &slices[i]), 0);
	}
	struct text all = {0};
	for (size_t i = 0; i < threads; i++) {
		assert_int_equal(pthread_join(ids[i], NULL), 0);
		assert_int_equal(slices[i].rc, 0);
		append(&all, slices[i].out.data, slices[i].out.size);
		free(slices[i].out.data);
	}
	return all;
}

static void test_same_bytes_whatever_the_threads(void **state)
{
	(void)state;
	/* the C library's malloc: cmocka's test allocator is not for threads */
	struct anker_ctx *ctx = NULL;
	assert_int_equal(anker_ctx_new(&ctx), 0);
	struct anker_scenario *sc = load_demo(ctx);
	struct anker_simulation *sim = NULL;
	assert_int_equal(anker_simulation_new(sc, 7, 1000, NULL, NULL, NULL, &sim), 0);
	struct text one = threaded(sim, 1000, 1);
	struct text four = threaded(sim, 1000, 4);
	struct text seven = threaded(sim, 1000, 7);
	assert_int_equal(one.size, four.size);
	assert_memory_equal(one.data, four.data, one.size);
	assert_int_equal(one.size, seven.size);
	assert_memory_equal(one.data, seven.data, one.size);
	free(one.data);
	free(four.data);
	free(seven.data);
	anker_simulation_free(sim);
	anker_scenario_free(sc);
	anker_ctx_unref(ctx);
}

/* A scenario over the truth model of NT, which needs these six variables. */
#define NT_HEAD                                                                                    \
	"{'format': 'anker-scenario', 'format_version': 1, 'id': 't', 'version': '1',"             \
	" 'provenance': {'statement': 'Test.', 'sources': {'nt': 'made up'}},"                     \
	" 'variables': ["                                                                          \
	"  {'name': 'age', 'kind': 'numeric', 'draw': {'type': 'uniform_int', 'min': 40, "         \
	"'max': 40}},"                                                                             \
	"  {'name': 'ww_months', 'kind': 'numeric', 'draw': {'type': 'normal', 'mean': "           \
	"{'intercept': 1, 'age': 0.1}, 'sd': 0, 'round': 1}},"                                     \
	"  {'name': 'applications_4w', 'kind': 'numeric', 'missing': 1, 'draw': {'type': "         \
	"'uniform_int', 'min': 0, 'max': 9}},"                                                     \
	"  {'name': 'has_partner', 'kind': 'boolean', 'draw': {'type': 'bernoulli', 'p': 1}},"     \
	"  {'name': 'care_duties', 'kind': 'boolean', 'draw': {'type': 'bernoulli', 'p': 0}},"     \
	"  {'name': 'education', 'kind': 'categorical', 'draw': {'type': 'categorical', "          \
	"'levels': {'basic': 0, 'higher': 1}}}],"

#define NT_OUTCOME                                                                                 \
	" 'outcomes': [{'name': 'nt', 'truth': 'truth/truth-nt-6m.json', 'column': 'nt', "         \
	"'target_rate': 0.2}]}"

static struct anker_scenario *load_text(struct anker_ctx *ctx, const char *quoted,
					struct anker_error *err, int *ret_rc)
{
	char *json = test_unquote(quoted);
	struct anker_scenario *sc = NULL;
	/* the name places the scenario next to the demo one, for its relative paths */
	*ret_rc = anker_scenario_load_buffer(
	    ctx, json, strlen(json), test_source_path("data/simulation/test.json"), err, &sc);
	free(json);
	return sc;
}

/*
 * Constant draws: every case is age 40, ww_months 1 + 0.1 * 40 = 5.0,
 * applications empty (missing share 1), a partner, no care, education
 * "higher". The truth model's linear predictor is then the same for every
 * case, so the shift to a mean chance of 0.2 is logit(0.2) - lp.
 */
static void test_known_values(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	int rc = 0;
	struct anker_scenario *sc = load_text(ctx, NT_HEAD NT_OUTCOME, err, &rc);
	if (rc != 0)
		fail_msg("%s", anker_error_message(err));
	struct text t = simulate(sc, 1, 50, 50);
	char expected_start[] = "case_id,age,ww_months,applications_4w,has_partner,care_duties,"
				"education,nt\nSIM0000001,40,5.0,,1,0,higher,";
	assert_memory_equal(t.data, expected_start, strlen(expected_start));
	assert_non_null(strstr(t.data, "\nSIM0000050,40,5.0,,1,0,higher,"));

	/* the truth model's linear predictor for this case, scored independently */
	struct anker_model *m = NULL;
	assert_int_equal(
	    anker_model_load_file(ctx, test_source_path("data/simulation/truth/truth-nt-6m.json"),
				  NULL, &m),
	    0);
	struct anker_case *c = NULL;
	struct anker_result *res = NULL;
	assert_int_equal(anker_case_new(ctx, &c), 0);
	assert_int_equal(anker_result_new(ctx, &res), 0);
	anker_case_set_number(c, "age", 40);
	anker_case_set_number(c, "ww_months", 5);
	anker_case_set_missing(c, "applications_4w");
	anker_case_set_bool(c, "has_partner", 1);
	anker_case_set_bool(c, "care_duties", 0);
	anker_case_set_level(c, "education", "higher");
	assert_int_equal(anker_model_score(m, c, 0, res, NULL), 0);
	double lp = anker_result_get_linear_predictor(res);

	struct anker_simulation *sim = NULL;
	assert_int_equal(anker_simulation_new(sc, 1, 50, NULL, NULL, err, &sim), 0);
	assert_close(anker_simulation_get_shift(sim, 0), log(0.2 / 0.8) - lp, 1e-12);
	assert_close(anker_simulation_get_expected_rate(sim, 0), 0.2, 1e-12);
	assert_true(isnan(anker_simulation_get_shift(sim, 1)));
	assert_true(isnan(anker_simulation_get_expected_rate(sim, 1)));
	assert_true(isnan(anker_simulation_get_shift(NULL, 0)));
	assert_true(isnan(anker_simulation_get_expected_rate(NULL, 0)));

	/* arguments: a range beyond the cases, a writer that refuses */
	struct text refuse = {.refuse = true};
	assert_int_equal(anker_simulation_write_rows(sim, 40, 11, append, &t, err),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_simulation_write_rows(sim, 51, 0, append, &t, err),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_simulation_write_rows(sim, 50, 0, append, &t, err), 0);
	assert_int_equal(anker_simulation_write_rows(sim, 0, 1, append, &refuse, err), ANKER_E_IO);
	assert_int_equal(anker_simulation_write_header(sim, append, &refuse, err), ANKER_E_IO);
	assert_int_equal(anker_simulation_write_rows(NULL, 0, 1, append, &t, err),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_simulation_write_rows(sim, 0, 1, NULL, &t, err),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_simulation_write_header(NULL, append, &t, err),
			 ANKER_E_INVALID_ARGUMENT);
	struct anker_simulation *none = NULL;
	assert_int_equal(anker_simulation_new(sc, 1, 0, NULL, NULL, err, &none),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_simulation_new(NULL, 1, 1, NULL, NULL, err, &none),
			 ANKER_E_INVALID_ARGUMENT);
	assert_null(none);
	anker_simulation_free(NULL);

	free(t.data);
	anker_simulation_free(sim);
	anker_case_free(c);
	anker_result_free(res);
	anker_model_unref(m);
	anker_scenario_free(sc);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

struct bad_scenario {
	const char *name;
	const char *json;
	int code;
	const char *path;  /* NULL: no JSON path (a syntax error) */
	const char *words; /* in the message */
};

#define VARS_A_B(a_draw)                                                                           \
	"{'format': 'anker-scenario', 'format_version': 1, 'id': 't', 'version': '1',"             \
	" 'provenance': {'statement': 'Test.', 'sources': {}},"                                    \
	" 'variables': [{'name': 'a', 'kind': 'numeric', 'draw': " a_draw "},"                     \
	"  {'name': 'b', 'kind': 'numeric', 'draw': {'type': 'uniform_int', 'min': 1, 'max': "     \
	"2}}],"

#define ONE_TRUTH(file, extra)                                                                     \
	" 'outcomes': [{'name': 'y', 'truth': '" file "', 'column': 'y'" extra "}]}"

/* The NT scenario with constant draws, @p sources and one education level @p level. */
#define NT_WITH(sources, level)                                                                    \
	"{'format': 'anker-scenario', 'format_version': 1, 'id': 't', 'version': '1',"             \
	" 'provenance': {'statement': 'Test.', 'sources': {" sources "}},"                         \
	" 'variables': [{'name': 'age', 'kind': 'numeric', 'draw': {'type': 'uniform_int', "       \
	"'min': 40, 'max': 40}}, {'name': 'ww_months', 'kind': 'numeric', 'draw': {'type': "       \
	"'uniform_int', 'min': 1, 'max': 2}}, {'name': 'applications_4w', 'kind': 'numeric', "     \
	"'draw': {'type': 'uniform_int', 'min': 1, 'max': 2}}, {'name': 'has_partner', 'kind': "   \
	"'boolean', 'draw': {'type': 'bernoulli', 'p': 1}}, {'name': 'care_duties', 'kind': "      \
	"'boolean', 'draw': {'type': 'bernoulli', 'p': 0}}, {'name': 'education', 'kind': "        \
	"'categorical', 'draw': {'type': 'categorical', 'levels': {'" level "': 1}}}]," NT_OUTCOME

static const struct bad_scenario bad_scenarios[] = {
    {"unknown draw type", VARS_A_B("{'type': 'poisson', 'lambda': 2}") ONE_TRUTH("t.json", ""),
     ANKER_E_BAD_VALUE, "$.variables[0].draw.type", "poisson"},
    {"no outcomes", NT_HEAD " 'outcomes': []}", ANKER_E_BAD_VALUE, "$.outcomes", "at least 1"},
    {"categorical shares",
     "{'format': 'anker-scenario', 'format_version': 1, 'id': 't', 'version': '1',"
     " 'provenance': {'statement': 'T.', 'sources': {}}, 'variables': [{'name': 'g', 'kind': "
     "'categorical', 'draw': {'type': 'categorical', 'levels': {'x': 0.5, 'y': 0.4}}}],"
     " 'outcomes': []}",
     ANKER_E_BAD_VALUE, "$.variables[0].draw.levels", "sum to 0.9"},
    {"reference to a later variable",
     VARS_A_B("{'type': 'normal', 'mean': {'intercept': 1, 'b': 2}, 'sd': 1}")
	 ONE_TRUTH("t.json", ""),
     ANKER_E_REFERENCE, "$.variables[0].draw.mean.b",
     "'a' refers to variable 'b', which is defined later"},
    {"reference to an unknown variable",
     VARS_A_B("{'type': 'normal', 'mean': {'zz': 2}, 'sd': 1}") ONE_TRUTH("t.json", ""),
     ANKER_E_REFERENCE, "$.variables[0].draw.mean.zz", "'zz', which is no variable"},
    {"draw of the wrong kind", VARS_A_B("{'type': 'bernoulli', 'p': 0.5}") ONE_TRUTH("t.json", ""),
     ANKER_E_BAD_VALUE, "$.variables[0].draw.type", "boolean variable, not a numeric"},
    {"missing truth file",
     VARS_A_B("{'type': 'uniform_int', 'min': 1, 'max': 2}") ONE_TRUTH("truth/no-such.json", ""),
     ANKER_E_IO, "$.outcomes[0].truth", "no-such.json"},
    {"truth model needing a variable the scenario lacks",
     VARS_A_B("{'type': 'uniform_int', 'min': 1, 'max': 2}")
	 ONE_TRUTH("truth/truth-nt-6m.json", ""),
     ANKER_E_REFERENCE, "$.outcomes[0].truth", "needs variable 'age'"},
    {"target_rate of 0",
     NT_HEAD " 'outcomes': [{'name': 'nt', 'truth': 'truth/truth-nt-6m.json', 'column': 'nt', "
	     "'target_rate': 0}]}",
     ANKER_E_BAD_VALUE, "$.outcomes[0].target_rate", "outside (0, 1)"},
    {"target_rate above 1",
     NT_HEAD " 'outcomes': [{'name': 'nt', 'truth': 'truth/truth-nt-6m.json', 'column': 'nt', "
	     "'target_rate': 1.5}]}",
     ANKER_E_BAD_VALUE, "$.outcomes[0].target_rate", "outside (0, 1)"},
    {"target without a source", NT_WITH("'other': 'x'", "basic"), ANKER_E_MISSING_KEY,
     "$.provenance.sources.nt", "required"},
    {"a level the truth model lacks", NT_WITH("'nt': 'x'", "phd"), ANKER_E_REFERENCE,
     "$.outcomes[0].truth", "no level 'phd' of 'education'"},
    {"a variable of the wrong kind for the truth model",
     "{'format': 'anker-scenario', 'format_version': 1, 'id': 't', 'version': '1',"
     " 'provenance': {'statement': 'Test.', 'sources': {'nt': 'x'}},"
     " 'variables': [{'name': 'age', 'kind': 'boolean', 'draw': {'type': 'bernoulli', "
     "'p': 0.5}}]," NT_OUTCOME,
     ANKER_E_REFERENCE, "$.outcomes[0].truth", "reads 'age' as numeric"},
    {"two columns of one name",
     NT_HEAD " 'outcomes': [{'name': 'nt', 'truth': 'truth/truth-nt-6m.json', 'column': 'age',"
	     " 'target_rate': 0.2}]}",
     ANKER_E_DUPLICATE, "$", "column 'age' is made twice"},
    {"an unknown key",
     VARS_A_B("{'type': 'uniform_int', 'min': 1, 'max': 2, 'step': 1}") ONE_TRUTH("t.json", ""),
     ANKER_E_UNKNOWN_KEY, "$.variables[0].draw.step", "step"},
    {"a newer format version", "{'format': 'anker-scenario', 'format_version': 2, 'id': 't'}",
     ANKER_E_UNSUPPORTED, "$.format_version", "2"},
    {"another format", "{'format': 'anker-model', 'format_version': 1}", ANKER_E_BAD_VALUE,
     "$.format", "anker-scenario"},
    {"bad JSON", "{'format': 'anker-scenario',\n 'format_version': 1,,}", ANKER_E_SYNTAX, NULL,
     "test.json:2:"},
    {"a missing share of 2",
     "{'format': 'anker-scenario', 'format_version': 1, 'id': 't', 'version': '1',"
     " 'provenance': {'statement': 'T.', 'sources': {}}, 'variables': [{'name': 'g', 'kind': "
     "'boolean', 'missing': 2, 'draw': {'type': 'bernoulli', 'p': 0.5}}], 'outcomes': []}",
     ANKER_E_BAD_VALUE, "$.variables[0].missing", "outside [0, 1]"},
    {"a questionnaire that is a binary model",
     VARS_A_B("{'type': 'uniform_int', 'min': 1, 'max': 2}") " 'questionnaire': {'file': "
							     "'truth/truth-nt-6m.json', "
							     "'completion': 0.7},"
							     " 'outcomes': []}",
     ANKER_E_BAD_VALUE, "$.questionnaire.file", "not a questionnaire"},
    {"a questionnaire column that is no output",
     VARS_A_B("{'type': 'uniform_int', 'min': 1, 'max': 2}") " 'questionnaire': {'file': "
							     "'../models/demo-werkverkenner.json', "
							     "'completion': 0.7,"
							     " 'columns': {'f_x': 'nope_score'}}, "
							     "'outcomes': []}",
     ANKER_E_REFERENCE, "$.questionnaire.columns.f_x", "'nope_score'"},
    {"a completion share of 0",
     VARS_A_B("{'type': 'uniform_int', 'min': 1, 'max': 2}") " 'questionnaire': {'file': "
							     "'../models/demo-werkverkenner.json', "
							     "'completion': 0},"
							     " 'outcomes': []}",
     ANKER_E_BAD_VALUE, "$.questionnaire.completion", "outside (0, 1]"},
    {"items_from a categorical variable",
     "{'format': 'anker-scenario', 'format_version': 1, 'id': 't', 'version': '1',"
     " 'provenance': {'statement': 'T.', 'sources': {'completion': 'x'}}, 'variables': "
     "[{'name': 'g', 'kind': 'categorical', 'draw': {'type': 'categorical', 'levels': {'x': "
     "1}}}], 'questionnaire': {'file': '../models/demo-werkverkenner.json', 'completion': 0.7,"
     " 'items_from': {'leeftijd': {'variable': 'g', 'edges': [1, 2, 3, 4, 5]}}},"
     " 'outcomes': []}",
     ANKER_E_REFERENCE, "$.questionnaire.items_from.leeftijd.variable", "not numeric"},
};

static void test_bad_scenarios(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	for (size_t i = 0; i < sizeof(bad_scenarios) / sizeof(bad_scenarios[0]); i++) {
		const struct bad_scenario *b = &bad_scenarios[i];
		int rc = 0;
		struct anker_scenario *sc = load_text(ctx, b->json, err, &rc);
		if (rc != b->code || !strstr(anker_error_message(err), b->words) ||
		    (b->path && (!anker_error_path(err) || strcmp(anker_error_path(err), b->path))))
			fail_msg("%s: got %s, %s", b->name, anker_status_name(rc),
				 anker_error_message(err));
		/* the file errors name: the scenario's own */
		assert_non_null(strstr(anker_error_message(err), "test.json"));
		assert_null(sc);
	}
	struct anker_scenario *sc = NULL;
	assert_int_equal(anker_scenario_load_file(ctx, "/nonexistent/s.json", err, &sc),
			 ANKER_E_IO);
	assert_int_equal(anker_scenario_load_file(NULL, "s.json", err, &sc),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_scenario_load_buffer(ctx, NULL, 3, NULL, err, &sc),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_scenario_load_buffer(ctx, "", 0, NULL, err, &sc), ANKER_E_SYNTAX);
	assert_non_null(strstr(anker_error_message(err), "<buffer>"));
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

/* Every allocation through the context fails in turn: an error or the same output, never a leak. */
static void test_allocation_failures(void **state)
{
	(void)state;
	struct anker_ctx *good = test_ctx_new();
	int rc = 0;
	struct anker_scenario *sc = load_text(good, NT_HEAD NT_OUTCOME, NULL, &rc);
	assert_int_equal(rc, 0);
	struct text want = simulate(sc, 3, 20, 20);
	anker_scenario_free(sc);
	anker_ctx_unref(good);
	bool done = false;
	for (size_t fail_after = 0; !done && fail_after < 100000; fail_after++) {
		struct anker_ctx *ctx = test_ctx_new_failing(fail_after);
		struct anker_simulation *sim = NULL;
		struct text got = {0};
		sc = load_text(ctx, NT_HEAD NT_OUTCOME, NULL, &rc);
		if (rc == 0)
			rc = anker_simulation_new(sc, 3, 20, NULL, NULL, NULL, &sim);
		if (rc == 0)
			rc = anker_simulation_write_header(sim, append, &got, NULL);
		if (rc == 0)
			rc = anker_simulation_write_rows(sim, 0, 20, append, &got, NULL);
		if (rc == 0) {
			assert_int_equal(got.size, want.size);
			assert_memory_equal(got.data, want.data, want.size);
			done = true;
		} else {
			assert_int_equal(rc, ANKER_E_NO_MEMORY);
		}
		free(got.data);
		anker_simulation_free(sim);
		anker_scenario_free(sc);
		anker_ctx_unref(ctx);
	}
	assert_true(done);
	free(want.data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_demo_columns),
	    cmocka_unit_test(test_same_seed_same_bytes_whatever_the_chunks),
	    cmocka_unit_test(test_same_bytes_whatever_the_threads),
	    cmocka_unit_test(test_known_values),
	    cmocka_unit_test(test_bad_scenarios),
	    cmocka_unit_test(test_allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
