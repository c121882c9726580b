/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Golden tests: the library's scores against values computed independently by
 * tests/golden/reference_scorer.py (numpy), which never calls the library.
 *
 * Every case is scored three ways: one case at a time with anker_model_score(),
 * and as a batch with categorical columns bound as level names and as level
 * codes. Each way must reproduce the linear predictor, every contribution and
 * the probability to 1e-12 and the band name exactly.
 */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-util.h"

#define TOLERANCE 1e-12

struct golden_set {
	const char *model;
	const char *cases;
	const char *expected;
};

static const struct golden_set demo_set = {
	"data/models/demo-amt-6m.json",
	"tests/golden/cases.csv",
	"tests/golden/expected-demo-amt-6m.csv",
};

/* The NT and RT demonstration models on the AMT model's cases (they read a subset of its columns). */
static const struct golden_set nt_set = {
	"data/models/demo-nt-6m.json",
	"tests/golden/cases.csv",
	"tests/golden/expected-demo-nt-6m.csv",
};

static const struct golden_set rt_set = {
	"data/models/demo-rt-12m.json",
	"tests/golden/cases.csv",
	"tests/golden/expected-demo-rt-12m.csv",
};

static const struct golden_set probit_set = {
	"tests/golden/probit-upper.json",
	"tests/golden/cases-probit-upper.csv",
	"tests/golden/expected-probit-upper.csv",
};

/* A CSV file without quoting: cells are split on ',' in place. */
struct table {
	char *text;
	char **cells; /* n_rows * n_cols, row-major; row 0 is the header */
	size_t n_rows, n_cols;
};

static size_t count_cells(const char *line)
{
	size_t n = 1;
	for (; *line; line++)
		n += *line == ',';
	return n;
}

/* Split a line in place; returns the number of cells, storing at most max. */
static size_t split(char *line, char **out, size_t max)
{
	size_t n = 0;
	for (char *p = line;; p++) {
		if (n < max)
			out[n] = p;
		n++;
		p = strchr(p, ',');
		if (!p)
			break;
		*p = '\0';
	}
	return n;
}

static struct table *table_read(const char *relative)
{
	const char *path = test_source_path(relative);
	FILE *f = fopen(path, "rb");
	if (!f) {
		print_error("cannot open %s: %s\n", path, strerror(errno));
		fail();
	}
	struct table *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long size = ftell(f);
	assert_true(size > 0);
	rewind(f);
	t->text = malloc((size_t)size + 1);
	assert_non_null(t->text);
	assert_int_equal(fread(t->text, 1, (size_t)size, f), (size_t)size);
	t->text[size] = '\0';
	fclose(f);

	size_t lines = 0;
	for (char *p = t->text; *p; p++)
		lines += *p == '\n';
	assert_true(lines >= 2);
	assert_true(t->text[size - 1] == '\n');

	char *line = t->text;
	for (size_t r = 0; r < lines; r++) {
		char *end = strchr(line, '\n');
		*end = '\0';
		if (r == 0) {
			t->n_cols = count_cells(line);
			t->cells = calloc(lines * t->n_cols, sizeof(char *));
			assert_non_null(t->cells);
		}
		size_t n = split(line, t->cells + r * t->n_cols, t->n_cols);
		if (n != t->n_cols) {
			print_error("%s:%zu: %zu cells, header has %zu\n", relative, r + 1, n,
				    t->n_cols);
			fail();
		}
		line = end + 1;
	}
	t->n_rows = lines;
	return t;
}

static void table_free(struct table *t)
{
	if (!t)
		return;
	free(t->cells);
	free(t->text);
	free(t);
}

static const char *cell(const struct table *t, size_t row, size_t col)
{
	return t->cells[row * t->n_cols + col];
}

static long column(const struct table *t, const char *name)
{
	for (size_t c = 0; c < t->n_cols; c++)
		if (strcmp(t->cells[c], name) == 0)
			return (long)c;
	return -1;
}

/* The golden files use '.', whatever locale the suite runs under (nl_NL writes ','). */
static double number(const char *s)
{
	static locale_t c_locale;
	if (!c_locale)
		c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	assert_non_null(c_locale);
	char *end = NULL;
	errno = 0;
	double v = strtod_l(s, &end, c_locale);
	if (*s == '\0' || *end != '\0' || errno != 0) {
		print_error("not a number: \"%s\"\n", s);
		fail();
	}
	return v;
}

static bool is_missing(const char *s)
{
	return s == NULL || strcmp(s, "") == 0 || strcmp(s, "NA") == 0;
}

static double boolean(const char *s)
{
	if (strcmp(s, "1") == 0 || strcmp(s, "true") == 0)
		return 1.0;
	if (strcmp(s, "0") == 0 || strcmp(s, "false") == 0)
		return 0.0;
	print_error("not a boolean: \"%s\"\n", s);
	fail();
	return NAN;
}

/* One golden set, loaded: the model, the cases and the expected values, row-aligned. */
struct golden {
	struct anker_ctx *ctx;
	struct anker_model *model;
	struct table *cases;
	struct table *expected;
	size_t n;              /* number of cases */
	size_t n_terms;
	long *var_col;         /* per model variable: its column in cases, or -1 */
	long col_lp, col_p, col_band, col_contrib0;
};

static struct golden *golden_load(const struct golden_set *set)
{
	struct golden *g = calloc(1, sizeof(*g));
	assert_non_null(g);
	g->ctx = test_ctx_new();
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	int r = anker_model_load_file(g->ctx, test_source_path(set->model), err, &g->model);
	if (r != 0) {
		print_error("%s: %s\n", set->model, anker_error_message(err));
		anker_error_free(err);
		fail();
	}
	anker_error_free(err);

	g->cases = table_read(set->cases);
	g->expected = table_read(set->expected);
	g->n = g->cases->n_rows - 1;
	assert_int_equal(g->expected->n_rows - 1, g->n);

	size_t n_vars = anker_model_get_variable_count(g->model);
	g->var_col = calloc(n_vars, sizeof(long));
	assert_non_null(g->var_col);
	for (size_t v = 0; v < n_vars; v++)
		g->var_col[v] = column(g->cases, anker_model_get_variable_name(g->model, v));

	/* The expected file: id, linear_predictor, probability, band, contrib_<term>... */
	assert_string_equal(cell(g->expected, 0, 0), "id");
	g->col_lp = column(g->expected, "linear_predictor");
	g->col_p = column(g->expected, "probability");
	g->col_band = column(g->expected, "band");
	g->col_contrib0 = 4;
	assert_int_equal(g->col_lp, 1);
	assert_int_equal(g->col_p, 2);
	assert_int_equal(g->col_band, 3);
	g->n_terms = anker_model_get_term_count(g->model);
	assert_int_equal(g->expected->n_cols, 4 + g->n_terms);
	for (size_t j = 0; j < g->n_terms; j++) {
		char name[128];
		snprintf(name, sizeof(name), "contrib_%s", anker_model_get_term_name(g->model, j));
		assert_string_equal(cell(g->expected, 0, 4 + j), name);
	}

	/* The rows must pair up: the same id in the same position. */
	long id_col = column(g->cases, "id");
	assert_true(id_col >= 0);
	for (size_t i = 1; i <= g->n; i++)
		assert_string_equal(cell(g->cases, i, (size_t)id_col), cell(g->expected, i, 0));
	return g;
}

static void golden_free(struct golden *g)
{
	anker_model_unref(g->model);
	anker_ctx_unref(g->ctx);
	table_free(g->cases);
	table_free(g->expected);
	free(g->var_col);
	free(g);
}

static const char *case_cell(const struct golden *g, size_t i, size_t var)
{
	return g->var_col[var] < 0 ? NULL : cell(g->cases, i + 1, (size_t)g->var_col[var]);
}

static double expected_value(const struct golden *g, size_t i, long col)
{
	return number(cell(g->expected, i + 1, (size_t)col));
}

static void check_close(const struct golden *g, size_t i, const char *what, double actual,
			double expected, const char *how)
{
	if (!(fabs(actual - expected) <= TOLERANCE)) {
		print_error("%s, case %s, %s: got %.17g, expected %.17g (difference %.3g)\n", how,
			    cell(g->expected, i + 1, 0), what, actual, expected,
			    fabs(actual - expected));
		fail();
	}
}

static void check_band(const struct golden *g, size_t i, const char *actual, const char *how)
{
	const char *expected = cell(g->expected, i + 1, (size_t)g->col_band);
	if (!actual || strcmp(actual, expected) != 0) {
		print_error("%s, case %s: band %s, expected %s\n", how, cell(g->expected, i + 1, 0),
			    actual ? actual : "(none)", expected);
		fail();
	}
}

/* Check one case's outputs, however they were computed, against the expected row. */
static void check_case(const struct golden *g, size_t i, double lp, double p, const char *band,
		       const double *contrib, const char *how)
{
	check_close(g, i, "linear predictor", lp, expected_value(g, i, g->col_lp), how);
	check_close(g, i, "probability", p, expected_value(g, i, g->col_p), how);
	check_band(g, i, band, how);
	for (size_t j = 0; j < g->n_terms; j++)
		check_close(g, i, cell(g->expected, 0, 4 + j), contrib[j],
			    expected_value(g, i, g->col_contrib0 + (long)j), how);
}

/* The golden files themselves: the contributions add up to the linear predictor. */
static void test_expected_adds_up(void **state)
{
	struct golden *g = golden_load(*state);
	for (size_t i = 0; i < g->n; i++) {
		/* Summed in term order from 0, as the format defines it: the same
		 * additions numpy did, so the result is exact, not approximate. */
		double sum = 0.0;
		for (size_t j = 0; j < g->n_terms; j++)
			sum += expected_value(g, i, g->col_contrib0 + (long)j);
		double lp = expected_value(g, i, g->col_lp);
		if (sum != lp) {
			print_error("case %s: contributions add up to %.17g, linear predictor %.17g\n",
				    cell(g->expected, i + 1, 0), sum, lp);
			fail();
		}
		double p = expected_value(g, i, g->col_p);
		assert_true(p > 0.0 && p < 1.0);
		int band = anker_model_band_for_probability(g->model, p);
		assert_true(band >= 0);
		assert_string_equal(anker_model_get_band_name(g->model, (size_t)band),
				    cell(g->expected, i + 1, (size_t)g->col_band));
	}
	golden_free(g);
}

/* Empty cells are left unset and "NA" is set explicitly missing: both are missing. */
static void fill_case(const struct golden *g, size_t i, struct anker_case *c)
{
	anker_case_clear(c);
	size_t n_vars = anker_model_get_variable_count(g->model);
	for (size_t v = 0; v < n_vars; v++) {
		const char *name = anker_model_get_variable_name(g->model, v);
		const char *s = case_cell(g, i, v);
		if (s == NULL || strcmp(s, "") == 0)
			continue;
		if (strcmp(s, "NA") == 0) {
			assert_int_equal(anker_case_set_missing(c, name), 0);
			continue;
		}
		switch (anker_model_get_variable_kind(g->model, v)) {
		case ANKER_VARIABLE_NUMERIC:
			assert_int_equal(anker_case_set_number(c, name, number(s)), 0);
			break;
		case ANKER_VARIABLE_BOOLEAN:
			assert_int_equal(anker_case_set_bool(c, name, boolean(s) != 0.0), 0);
			break;
		case ANKER_VARIABLE_CATEGORICAL:
			assert_int_equal(anker_case_set_level(c, name, s), 0);
			break;
		default:
			fail();
		}
	}
}

static void test_score_one_by_one(void **state)
{
	struct golden *g = golden_load(*state);
	struct anker_case *c = NULL;
	struct anker_result *res = NULL;
	struct anker_error *err = NULL;
	assert_int_equal(anker_case_new(g->ctx, &c), 0);
	assert_int_equal(anker_result_new(g->ctx, &res), 0);
	assert_int_equal(anker_error_new(&err), 0);
	double *contrib = calloc(g->n_terms, sizeof(double));
	assert_non_null(contrib);

	for (size_t i = 0; i < g->n; i++) {
		fill_case(g, i, c);
		int r = anker_model_score(g->model, c, ANKER_SCORE_DEFAULT, res, err);
		if (r != 0) {
			print_error("case %s: %s\n", cell(g->expected, i + 1, 0),
				    anker_error_message(err));
			fail();
		}
		assert_int_equal(anker_result_get_contribution_count(res), g->n_terms);
		for (size_t j = 0; j < g->n_terms; j++)
			contrib[j] = anker_result_get_contribution(res, j);
		check_case(g, i, anker_result_get_linear_predictor(res),
			   anker_result_get_probability(res), anker_result_get_band_name(res),
			   contrib, "anker_model_score");
	}

	free(contrib);
	anker_error_free(err);
	anker_result_free(res);
	anker_case_free(c);
	golden_free(g);
}

/* Columns for the batch API: doubles, level names or level codes, per variable. */
struct columns {
	size_t n_vars;
	double **f64;
	const char ***str;
	int32_t **i32;
};

static struct columns *columns_make(const struct golden *g)
{
	struct columns *cols = calloc(1, sizeof(*cols));
	assert_non_null(cols);
	cols->n_vars = anker_model_get_variable_count(g->model);
	cols->f64 = calloc(cols->n_vars, sizeof(*cols->f64));
	cols->str = calloc(cols->n_vars, sizeof(*cols->str));
	cols->i32 = calloc(cols->n_vars, sizeof(*cols->i32));
	assert_true(cols->f64 && cols->str && cols->i32);
	for (size_t v = 0; v < cols->n_vars; v++) {
		int kind = anker_model_get_variable_kind(g->model, v);
		if (kind == ANKER_VARIABLE_CATEGORICAL) {
			cols->str[v] = calloc(g->n, sizeof(char *));
			cols->i32[v] = calloc(g->n, sizeof(int32_t));
			assert_true(cols->str[v] && cols->i32[v]);
		} else {
			cols->f64[v] = calloc(g->n, sizeof(double));
			assert_non_null(cols->f64[v]);
		}
		for (size_t i = 0; i < g->n; i++) {
			const char *s = case_cell(g, i, v);
			bool missing = is_missing(s);
			if (kind == ANKER_VARIABLE_CATEGORICAL) {
				cols->str[v][i] = missing ? NULL : s;
				int code = missing ? -1 : anker_model_find_level(g->model, v, s);
				assert_true(code >= -1);
				cols->i32[v][i] = code;
			} else if (kind == ANKER_VARIABLE_BOOLEAN) {
				cols->f64[v][i] = missing ? NAN : boolean(s);
			} else {
				cols->f64[v][i] = missing ? NAN : number(s);
			}
		}
	}
	return cols;
}

static void columns_free(struct columns *cols)
{
	for (size_t v = 0; v < cols->n_vars; v++) {
		free(cols->f64[v]);
		free(cols->str[v]);
		free(cols->i32[v]);
	}
	free(cols->f64);
	free(cols->str);
	free(cols->i32);
	free(cols);
}

static void bind_columns(const struct golden *g, struct anker_batch *batch,
			 const struct columns *cols, bool codes)
{
	anker_batch_unbind_all(batch);
	for (size_t v = 0; v < cols->n_vars; v++) {
		const char *name = anker_model_get_variable_name(g->model, v);
		if (g->var_col[v] < 0)
			continue; /* unbound: missing for every case */
		if (cols->f64[v])
			assert_int_equal(anker_batch_bind_f64(batch, name, cols->f64[v], 0), 0);
		else if (codes)
			assert_int_equal(anker_batch_bind_i32(batch, name, cols->i32[v], 0), 0);
		else
			assert_int_equal(anker_batch_bind_strings(batch, name, cols->str[v], 0), 0);
	}
}

static void score_batch(const struct golden *g, bool codes)
{
	const char *how = codes ? "batch (f64 + i32 level codes)" : "batch (f64 + level names)";
	struct columns *cols = columns_make(g);
	struct anker_batch *batch = NULL;
	struct anker_error *err = NULL;
	assert_int_equal(anker_batch_new(g->model, 0, &batch), 0);
	assert_int_equal(anker_error_new(&err), 0);
	bind_columns(g, batch, cols, codes);

	double *p = calloc(g->n, sizeof(double));
	double *lp = calloc(g->n, sizeof(double));
	int32_t *band = calloc(g->n, sizeof(int32_t));
	int32_t *status = calloc(g->n, sizeof(int32_t));
	double *contrib = calloc(g->n * g->n_terms, sizeof(double));
	double *p_only = calloc(g->n, sizeof(double));
	assert_true(p && lp && band && status && contrib && p_only);

	int r = anker_batch_score(batch, g->n, p, lp, band, contrib, status, err);
	if (r != 0) {
		print_error("%s: %s\n", how, anker_error_message(err));
		fail();
	}
	for (size_t i = 0; i < g->n; i++) {
		if (status[i] != 0) {
			print_error("%s, case %s: status %s\n", how, cell(g->expected, i + 1, 0),
				    anker_status_name(status[i]));
			fail();
		}
		const char *band_name = band[i] < 0 ? NULL
						    : anker_model_get_band_name(g->model,
										(size_t)band[i]);
		check_case(g, i, lp[i], p[i], band_name, contrib + i * g->n_terms, how);
	}

	/* Probabilities only and no status array, as a nightly batch job calls it. */
	r = anker_batch_score(batch, g->n, p_only, NULL, NULL, NULL, NULL, err);
	if (r != 0) {
		print_error("%s, probabilities only: %s\n", how, anker_error_message(err));
		fail();
	}
	for (size_t i = 0; i < g->n; i++)
		check_close(g, i, "probability", p_only[i], expected_value(g, i, g->col_p),
			    "batch, probabilities only");

	free(p);
	free(lp);
	free(band);
	free(status);
	free(contrib);
	free(p_only);
	anker_error_free(err);
	anker_batch_free(batch);
	columns_free(cols);
}

static void test_batch_level_names(void **state)
{
	struct golden *g = golden_load(*state);
	score_batch(g, false);
	golden_free(g);
}

static void test_batch_level_codes(void **state)
{
	struct golden *g = golden_load(*state);
	score_batch(g, true);
	golden_free(g);
}

#define GOLDEN_TEST(fn, set) { #fn " (" #set ")", fn, NULL, NULL, (void *)&set }

int main(void)
{
	const struct CMUnitTest tests[] = {
		GOLDEN_TEST(test_expected_adds_up, demo_set),
		GOLDEN_TEST(test_expected_adds_up, probit_set),
		GOLDEN_TEST(test_expected_adds_up, nt_set),
		GOLDEN_TEST(test_expected_adds_up, rt_set),
		GOLDEN_TEST(test_score_one_by_one, demo_set),
		GOLDEN_TEST(test_score_one_by_one, probit_set),
		GOLDEN_TEST(test_score_one_by_one, nt_set),
		GOLDEN_TEST(test_score_one_by_one, rt_set),
		GOLDEN_TEST(test_batch_level_names, demo_set),
		GOLDEN_TEST(test_batch_level_names, probit_set),
		GOLDEN_TEST(test_batch_level_names, nt_set),
		GOLDEN_TEST(test_batch_level_names, rt_set),
		GOLDEN_TEST(test_batch_level_codes, demo_set),
		GOLDEN_TEST(test_batch_level_codes, probit_set),
		GOLDEN_TEST(test_batch_level_codes, nt_set),
		GOLDEN_TEST(test_batch_level_codes, rt_set),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
