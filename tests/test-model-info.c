/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Model accessors: values read back from an inline model, NULL-safety,
 * out-of-range indices, the band of a probability at and around each
 * threshold, and the inverse links against independently known values.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "test-util.h"
#include "kinds/binary.h"
#include "model/model-private.h"

/* The probability the model's link gives a linear predictor (lib/kinds/binary.c). */
static double inverse_link(const struct anker_model *model, double eta)
{
	return anker_binary_inverse_link(anker_model_get_link(model), eta);
}

static const char info_model[] =
	"{\"format\": \"anker-model\", \"format_version\": 1, \"kind\": \"binary\",\n"
	" \"id\": \"info-test\", \"name\": \"Accessor test model\", \"version\": \"2.1.0\",\n"
	" \"toets\": \"BLIJF\",\n"
	" \"outcome\": {\"description\": \"Still on benefit after 12 months\", "
	"\"horizon_months\": 12},\n"
	" \"valid_from\": \"2026-07-01\",\n"
	" \"provenance\": {\"statement\": \"Synthetic model for the accessor tests.\",\n"
	"   \"data\": \"None\", \"fitted_by\": \"The tests\", \"notes\": \"Nothing to note\"},\n"
	" \"variables\": [\n"
	"   {\"name\": \"age\", \"label\": \"Age in years\", \"kind\": \"numeric\", "
	"\"range\": [18.5, 67]},\n"
	"   {\"name\": \"region\", \"kind\": \"categorical\", "
	"\"levels\": [\"north\", \"east\", \"south\", \"west\"]},\n"
	"   {\"name\": \"car\", \"label\": \"Has a car\", \"kind\": \"boolean\"}\n"
	" ],\n"
	" \"link\": \"logit\",\n"
	" \"terms\": [\n"
	"   {\"type\": \"intercept\", \"name\": \"base\", \"label\": \"Baseline\", "
	"\"coef\": 0.25},\n"
	"   {\"type\": \"spline\", \"name\": \"age\", \"label\": \"Age\", \"variable\": \"age\",\n"
	"    \"knots\": [30, 50], \"values\": [0, -0.5]},\n"
	"   {\"type\": \"categorical\", \"name\": \"region\", \"label\": \"Region\", "
	"\"variable\": \"region\",\n"
	"    \"reference\": \"west\", \"effects\": {\"north\": 0.1, \"east\": 0.2, \"south\": "
	"0.3}},\n"
	"   {\"type\": \"bins\", \"name\": \"age_bins\", \"label\": \"Age group\", \"variable\": "
	"\"age\",\n"
	"    \"edges\": [40], \"effects\": [0, 0.1]},\n"
	"   {\"type\": \"linear\", \"name\": \"car\", \"label\": \"Car\", \"variable\": \"car\", "
	"\"coef\": 0.4},\n"
	"   {\"type\": \"interaction\", \"name\": \"car_north\", \"label\": \"Car in the north\",\n"
	"    \"coef\": 0.1, \"factors\": [{\"variable\": \"car\"}, {\"variable\": \"region\", "
	"\"level\": \"north\"}]}\n"
	" ],\n"
	" \"bands\": {\"boundary\": \"BOUNDARY\", \"items\": [\n"
	"   {\"name\": \"low\", \"label\": \"Below a quarter\", \"upper\": 0.25},\n"
	"   {\"name\": \"half\", \"upper\": 0.5},\n"
	"   {\"name\": \"high\", \"label\": \"Above a half\"}]}}\n";

/* The model with the band boundary and link filled in. */
static struct anker_model *load_info_model(struct anker_ctx *ctx, const char *boundary,
					   const char *link)
{
	char text[sizeof(info_model) + 64];
	const char *at = strstr(info_model, "BOUNDARY");
	assert_non_null(at);
	int head = (int)(at - info_model);
	snprintf(text, sizeof(text), "%.*s%s%s", head, info_model, boundary, at + 8);
	if (strcmp(link, "logit") != 0) {
		char *l = strstr(text, "\"logit\"");
		assert_non_null(l);
		char copy[sizeof(text)];
		snprintf(copy, sizeof(copy), "%.*s\"%s\"%s", (int)(l - text), text, link, l + 7);
		snprintf(text, sizeof(text), "%s", copy);
	}
	return test_model_from_json(ctx, text);
}

static void test_metadata(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = load_info_model(ctx, "lower", "logit");

	assert_int_equal(anker_model_get_kind(model), ANKER_MODEL_BINARY);
	assert_string_equal(anker_model_get_id(model), "info-test");
	assert_string_equal(anker_model_get_name(model), "Accessor test model");
	assert_string_equal(anker_model_get_version(model), "2.1.0");
	assert_string_equal(anker_model_get_toets(model), "BLIJF");
	assert_string_equal(anker_model_get_outcome(model), "Still on benefit after 12 months");
	assert_int_equal(anker_model_get_horizon_months(model), 12);
	assert_string_equal(anker_model_get_valid_from(model), "2026-07-01");
	assert_int_equal(anker_model_get_link(model), ANKER_LINK_LOGIT);

	assert_string_equal(anker_model_get_provenance(model, "statement"),
			    "Synthetic model for the accessor tests.");
	assert_string_equal(anker_model_get_provenance(model, "data"), "None");
	assert_string_equal(anker_model_get_provenance(model, "fitted_by"), "The tests");
	assert_string_equal(anker_model_get_provenance(model, "notes"), "Nothing to note");
	assert_null(anker_model_get_provenance(model, "fitted_on")); /* optional, absent */
	assert_null(anker_model_get_provenance(model, "method"));
	assert_null(anker_model_get_provenance(model, "author")); /* no such key */
	assert_null(anker_model_get_provenance(model, NULL));

	const char *sha = anker_model_get_sha256(model);
	assert_int_equal(strlen(sha), 64);
	assert_int_equal(strspn(sha, "0123456789abcdef"), 64);

	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

static void test_variables(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = load_info_model(ctx, "lower", "logit");

	assert_int_equal(anker_model_get_variable_count(model), 3);
	assert_int_equal(anker_model_find_variable(model, "age"), 0);
	assert_int_equal(anker_model_find_variable(model, "region"), 1);
	assert_int_equal(anker_model_find_variable(model, "car"), 2);
	assert_int_equal(anker_model_find_variable(model, "Age"), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_find_variable(model, ""), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_find_variable(model, NULL), ANKER_E_INVALID_ARGUMENT);

	assert_string_equal(anker_model_get_variable_name(model, 0), "age");
	assert_string_equal(anker_model_get_variable_label(model, 0), "Age in years");
	/* a variable without a label is labelled with its name */
	assert_string_equal(anker_model_get_variable_label(model, 1), "region");
	assert_string_equal(anker_model_get_variable_label(model, 2), "Has a car");
	assert_null(anker_model_get_variable_name(model, 3));
	assert_null(anker_model_get_variable_label(model, 3));

	assert_int_equal(anker_model_get_variable_kind(model, 0), ANKER_VARIABLE_NUMERIC);
	assert_int_equal(anker_model_get_variable_kind(model, 1), ANKER_VARIABLE_CATEGORICAL);
	assert_int_equal(anker_model_get_variable_kind(model, 2), ANKER_VARIABLE_BOOLEAN);
	assert_int_equal(anker_model_get_variable_kind(model, 3), ANKER_E_NOT_FOUND);

	double lo = -1, hi = -1;
	assert_int_equal(anker_model_get_variable_range(model, 0, &lo, &hi), 0);
	assert_true(lo == 18.5 && hi == 67.0);
	lo = hi = -1;
	assert_int_equal(anker_model_get_variable_range(model, 1, &lo, &hi), ANKER_E_TYPE_MISMATCH);
	assert_int_equal(anker_model_get_variable_range(model, 2, &lo, &hi), ANKER_E_TYPE_MISMATCH);
	assert_int_equal(anker_model_get_variable_range(model, 3, &lo, &hi), ANKER_E_NOT_FOUND);
	assert_true(lo == -1 && hi == -1); /* untouched on failure */

	assert_int_equal(anker_model_get_level_count(model, 0), 0);
	assert_int_equal(anker_model_get_level_count(model, 1), 4);
	assert_int_equal(anker_model_get_level_count(model, 2), 0);
	assert_int_equal(anker_model_get_level_count(model, 3), 0);
	static const char *const levels[] = { "north", "east", "south", "west" };
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(anker_model_get_level_name(model, 1, i), levels[i]);
		assert_int_equal(anker_model_find_level(model, 1, levels[i]), (int)i);
	}
	assert_null(anker_model_get_level_name(model, 1, 4));
	assert_null(anker_model_get_level_name(model, 0, 0));
	assert_null(anker_model_get_level_name(model, 9, 0));
	assert_int_equal(anker_model_find_level(model, 1, "North"), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_find_level(model, 0, "north"), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_find_level(model, 9, "north"), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_find_level(model, 1, NULL), ANKER_E_INVALID_ARGUMENT);

	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

static void test_terms(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = load_info_model(ctx, "lower", "logit");

	static const struct {
		const char *name, *label;
		int type;
	} terms[] = {
		{ "base", "Baseline", ANKER_TERM_INTERCEPT },
		{ "age", "Age", ANKER_TERM_SPLINE },
		{ "region", "Region", ANKER_TERM_CATEGORICAL },
		{ "age_bins", "Age group", ANKER_TERM_BINS },
		{ "car", "Car", ANKER_TERM_LINEAR },
		{ "car_north", "Car in the north", ANKER_TERM_INTERACTION },
	};
	assert_int_equal(anker_model_get_term_count(model), 6);
	for (size_t i = 0; i < 6; i++) {
		assert_string_equal(anker_model_get_term_name(model, i), terms[i].name);
		assert_string_equal(anker_model_get_term_label(model, i), terms[i].label);
		assert_int_equal(anker_model_get_term_type(model, i), terms[i].type);
	}
	assert_null(anker_model_get_term_name(model, 6));
	assert_null(anker_model_get_term_label(model, 6));
	assert_int_equal(anker_model_get_term_type(model, 6), ANKER_E_NOT_FOUND);

	/* What the scorers rely on (model-private.h): values as written, in range. */
	const struct anker_term *region = &model->linear->terms[2];
	assert_int_equal(region->variable, 1);
	assert_int_equal(region->reference, 3);
	assert_true(region->effects[0] == 0.1 && region->effects[1] == 0.2 &&
		    region->effects[2] == 0.3 && region->effects[3] == 0.0);
	const struct anker_term *bins = &model->linear->terms[3];
	assert_int_equal(bins->n_edges, 1);
	assert_true(bins->edges[0] == 40 && bins->effects[0] == 0 && bins->effects[1] == 0.1);
	const struct anker_term *spline = &model->linear->terms[1];
	assert_int_equal(spline->n_knots, 2);
	assert_true(spline->knots[1] == 50 && spline->values[1] == -0.5);
	const struct anker_term *lin = &model->linear->terms[4];
	assert_true(lin->coef == 0.4 && lin->center == 0.0 && lin->variable == 2);
	const struct anker_term *inter = &model->linear->terms[5];
	assert_int_equal(inter->n_factors, 2);
	assert_int_equal(inter->factors[0].variable, 2);
	assert_int_equal(inter->factors[0].level, -1);
	assert_int_equal(inter->factors[1].variable, 1);
	assert_int_equal(inter->factors[1].level, 0);
	/* defaults: missing values rejected, out-of-range rejected */
	assert_int_equal(model->linear->variables[0].missing, ANKER_MISSING_REJECT);
	assert_int_equal(model->linear->variables[0].out_of_range, ANKER_RANGE_REJECT);

	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

static void test_bands(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = load_info_model(ctx, "lower", "logit");

	assert_int_equal(anker_model_get_band_count(model), 3);
	assert_string_equal(anker_model_get_band_name(model, 0), "low");
	assert_string_equal(anker_model_get_band_label(model, 0), "Below a quarter");
	assert_string_equal(anker_model_get_band_name(model, 1), "half");
	assert_string_equal(anker_model_get_band_label(model, 1), "half"); /* defaults to name */
	assert_string_equal(anker_model_get_band_label(model, 2), "Above a half");
	assert_true(anker_model_get_band_upper(model, 0) == 0.25);
	assert_true(anker_model_get_band_upper(model, 1) == 0.5);
	assert_true(anker_model_get_band_upper(model, 2) == 1.0); /* the last band ends at 1 */
	assert_true(isnan(anker_model_get_band_upper(model, 3)));
	assert_null(anker_model_get_band_name(model, 3));
	assert_null(anker_model_get_band_label(model, 3));
	assert_int_equal(anker_model_get_band_boundary(model), ANKER_BAND_BOUNDARY_LOWER);

	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

static void test_band_for_probability(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *lower = load_info_model(ctx, "lower", "logit");
	struct anker_model *upper = load_info_model(ctx, "upper", "logit");
	assert_int_equal(anker_model_get_band_boundary(upper), ANKER_BAND_BOUNDARY_UPPER);

	static const struct {
		double p;
		int lower, upper; /* expected band under each boundary mode */
	} cases[] = {
		{ 0.0, 0, 0 },	{ -0.0, 0, 0 }, { 0.1, 0, 0 },	 { 0.25, 0, 1 },
		{ 0.4, 1, 1 },	{ 0.5, 1, 2 },	{ 0.75, 2, 2 },	 { 1.0, 2, 2 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(anker_model_band_for_probability(lower, cases[i].p),
				 cases[i].lower);
		assert_int_equal(anker_model_band_for_probability(upper, cases[i].p),
				 cases[i].upper);
	}
	/* one ulp either side of each threshold: the boundary mode no longer matters */
	static const double thresholds[] = { 0.25, 0.5 };
	for (size_t t = 0; t < 2; t++) {
		double below = nextafter(thresholds[t], 0.0), above = nextafter(thresholds[t], 1.0);
		assert_int_equal(anker_model_band_for_probability(lower, below), (int)t);
		assert_int_equal(anker_model_band_for_probability(upper, below), (int)t);
		assert_int_equal(anker_model_band_for_probability(lower, above), (int)t + 1);
		assert_int_equal(anker_model_band_for_probability(upper, above), (int)t + 1);
	}
	/* not a probability */
	static const double bad[] = { NAN, -1e-300, -0.5, 1.0000000000000002, 2.0, INFINITY,
				      -INFINITY };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(anker_model_band_for_probability(lower, bad[i]),
				 ANKER_E_OUT_OF_RANGE);
		assert_int_equal(anker_model_band_for_probability(upper, bad[i]),
				 ANKER_E_OUT_OF_RANGE);
	}
	anker_model_unref(lower);
	anker_model_unref(upper);
	anker_ctx_unref(ctx);
}

static void test_single_band(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	char text[sizeof(info_model) + 64];
	int head = (int)(strstr(info_model, "\"boundary\"") - info_model);
	snprintf(text, sizeof(text), "%.*s%s", head, info_model,
		 "\"boundary\": \"upper\", \"items\": [{\"name\": \"all\"}]}}");
	struct anker_model *model = test_model_from_json(ctx, text);
	assert_int_equal(anker_model_get_band_count(model), 1);
	assert_int_equal(anker_model_band_for_probability(model, 0.0), 0);
	assert_int_equal(anker_model_band_for_probability(model, 0.5), 0);
	assert_int_equal(anker_model_band_for_probability(model, 1.0), 0);
	assert_true(anker_model_get_band_upper(model, 0) == 1.0);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

static void test_null_safety(void **state)
{
	(void)state;
	const struct anker_model *m = NULL;
	double lo = 7, hi = 8;
	assert_int_equal(anker_model_get_kind(m), ANKER_E_INVALID_ARGUMENT);
	assert_null(anker_model_get_id(m));
	assert_null(anker_model_get_name(m));
	assert_null(anker_model_get_version(m));
	assert_null(anker_model_get_toets(m));
	assert_null(anker_model_get_outcome(m));
	assert_int_equal(anker_model_get_horizon_months(m), ANKER_E_INVALID_ARGUMENT);
	assert_null(anker_model_get_valid_from(m));
	assert_null(anker_model_get_provenance(m, "data"));
	assert_null(anker_model_get_sha256(m));
	assert_int_equal(anker_model_get_link(m), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_get_variable_count(m), 0);
	assert_int_equal(anker_model_find_variable(m, "age"), ANKER_E_INVALID_ARGUMENT);
	assert_null(anker_model_get_variable_name(m, 0));
	assert_null(anker_model_get_variable_label(m, 0));
	assert_int_equal(anker_model_get_variable_kind(m, 0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_get_variable_range(m, 0, &lo, &hi), ANKER_E_INVALID_ARGUMENT);
	assert_true(lo == 7 && hi == 8);
	assert_int_equal(anker_model_get_level_count(m, 0), 0);
	assert_null(anker_model_get_level_name(m, 0, 0));
	assert_int_equal(anker_model_find_level(m, 0, "x"), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_get_term_count(m), 0);
	assert_null(anker_model_get_term_name(m, 0));
	assert_null(anker_model_get_term_label(m, 0));
	assert_int_equal(anker_model_get_term_type(m, 0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_get_band_count(m), 0);
	assert_null(anker_model_get_band_name(m, 0));
	assert_null(anker_model_get_band_label(m, 0));
	assert_true(isnan(anker_model_get_band_upper(m, 0)));
	assert_int_equal(anker_model_get_band_boundary(m), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_band_for_probability(m, 0.5), ANKER_E_INVALID_ARGUMENT);
	assert_null(anker_model_ref(NULL));
	assert_null(anker_model_unref(NULL));
}

static void test_refcount(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = load_info_model(ctx, "lower", "logit");
	assert_ptr_equal(anker_model_ref(model), model);
	assert_null(anker_model_unref(model));
	/* still alive: one reference left */
	assert_string_equal(anker_model_get_id(model), "info-test");
	/* the model keeps its context alive after the caller lets go of it */
	anker_ctx_unref(ctx);
	assert_string_equal(anker_model_get_variable_name(model, 2), "car");
	assert_null(anker_model_unref(model)); /* frees model and context; cmocka checks leaks */
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(anker_model_kind_name(ANKER_MODEL_BINARY), "binary");
	assert_string_equal(anker_model_kind_name(ANKER_MODEL_DURATION), "duration");
	assert_string_equal(anker_model_kind_name(ANKER_MODEL_QUESTIONNAIRE), "questionnaire");
	assert_string_equal(anker_model_kind_name(ANKER_MODEL_RULES), "rules");
	assert_null(anker_model_kind_name(0));
	assert_null(anker_model_kind_name(5));
	assert_null(anker_model_kind_name(-1));

	assert_string_equal(anker_variable_kind_name(ANKER_VARIABLE_NUMERIC), "numeric");
	assert_string_equal(anker_variable_kind_name(ANKER_VARIABLE_CATEGORICAL), "categorical");
	assert_string_equal(anker_variable_kind_name(ANKER_VARIABLE_BOOLEAN), "boolean");
	assert_null(anker_variable_kind_name(0));
	assert_null(anker_variable_kind_name(4));

	static const char *const types[] = { "intercept", "linear", "categorical",
					     "spline",	  "bins",   "interaction" };
	for (int t = ANKER_TERM_INTERCEPT; t <= ANKER_TERM_INTERACTION; t++)
		assert_string_equal(anker_term_type_name(t), types[t - 1]);
	assert_null(anker_term_type_name(0));
	assert_null(anker_term_type_name(7));

	assert_string_equal(anker_link_name(ANKER_LINK_LOGIT), "logit");
	assert_string_equal(anker_link_name(ANKER_LINK_PROBIT), "probit");
	assert_null(anker_link_name(0));
	assert_null(anker_link_name(3));
}

/*
 * Reference values: the logistic function from its definition, 1/(1+e^-x),
 * and Phi from tables / erfc, computed with scipy.special.expit and
 * scipy.stats.norm.cdf (and mpmath for the tails) when the test was written.
 */
static void test_inverse_logit(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = load_info_model(ctx, "lower", "logit");

	assert_true(inverse_link(model, 0.0) == 0.5);
	assert_close(inverse_link(model, 2.0), 0.8807970779778823, 1e-15);
	assert_close(inverse_link(model, -2.0), 0.11920292202211755, 1e-15);
	assert_close(inverse_link(model, 1.0), 0.7310585786300049, 1e-15);
	/* the tails: e^-30 / (1 + e^-30) */
	double tail = inverse_link(model, -30.0);
	assert_true(fabs(tail - 9.357622968839299e-14) <= 1e-15 * 9.357622968839299e-14 * 4);
	/* e^-710 is subnormal but not 0; 1/(1+e^710) would overflow to 1/inf = 0 */
	double deep = inverse_link(model, -710.0);
	assert_true(deep > 0.0);
	assert_true(fabs(deep - 4.476286225675130e-309) <= 1e-6 * 4.476286225675130e-309);
	assert_true(inverse_link(model, 800.0) == 1.0);
	assert_true(inverse_link(model, -800.0) == 0.0);
	assert_true(inverse_link(model, INFINITY) == 1.0);
	assert_true(inverse_link(model, -INFINITY) == 0.0);
	assert_true(isnan(inverse_link(model, NAN)));
	/* symmetry: p(-x) = 1 - p(x) */
	for (double x = -8; x <= 8; x += 0.5)
		assert_close(inverse_link(model, -x), 1.0 - inverse_link(model, x), 1e-15);

	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

static void test_inverse_probit(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = load_info_model(ctx, "lower", "probit");
	assert_int_equal(anker_model_get_link(model), ANKER_LINK_PROBIT);

	assert_true(inverse_link(model, 0.0) == 0.5);
	assert_close(inverse_link(model, 1.96), 0.9750021048517795, 1e-14);
	assert_close(inverse_link(model, -1.0), 0.15865525393145707, 1e-14);
	assert_close(inverse_link(model, 1.0), 0.8413447460685429, 1e-14);
	double tail = inverse_link(model, -10.0);
	assert_true(fabs(tail - 7.619853024160526e-24) <= 1e-12 * 7.619853024160526e-24);
	assert_true(inverse_link(model, 40.0) == 1.0);
	assert_true(inverse_link(model, -40.0) >= 0.0);
	assert_true(inverse_link(model, -40.0) < 1e-300);
	assert_true(inverse_link(model, INFINITY) == 1.0);
	assert_true(inverse_link(model, -INFINITY) == 0.0);
	assert_true(isnan(inverse_link(model, NAN)));

	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

static const char policy_model[] =
	"{\"format\": \"anker-model\", \"format_version\": 1, \"kind\": \"binary\",\n"
	" \"id\": \"policy-test\", \"name\": \"Policies\", \"version\": \"1\", \"toets\": \"AMT\",\n"
	" \"outcome\": {\"description\": \"work\", \"horizon_months\": 6},\n"
	" \"valid_from\": \"2026-01-01\",\n"
	" \"provenance\": {\"statement\": \"Test model.\", \"data\": \"None\",\n"
	"   \"fitted_by\": \"The tests\", \"method\": \"By hand\"},\n"
	" \"variables\": [\n"
	"   {\"name\": \"hours\", \"kind\": \"numeric\", \"range\": [0, 40], \"out_of_range\": "
	"\"clamp\", \"missing\": {\"policy\": \"impute\", \"value\": 32.5}},\n"
	"   {\"name\": \"age\", \"kind\": \"numeric\", \"range\": [18, 67]},\n"
	"   {\"name\": \"car\", \"kind\": \"boolean\", \"missing\": {\"policy\": \"impute\", "
	"\"value\": true}},\n"
	"   {\"name\": \"edu\", \"kind\": \"categorical\", \"levels\": [\"low\", \"high\", "
	"\"unknown\"], \"missing\": {\"policy\": \"level\", \"level\": \"unknown\"}},\n"
	"   {\"name\": \"sector\", \"kind\": \"categorical\", \"levels\": [\"care\", \"other\"], "
	"\"missing\": {\"policy\": \"impute\", \"value\": \"other\"}},\n"
	"   {\"name\": \"region\", \"kind\": \"categorical\", \"levels\": [\"north\", \"south\"]}\n"
	" ],\n"
	" \"link\": \"logit\",\n"
	" \"terms\": [{\"type\": \"intercept\", \"name\": \"base\", \"label\": \"Baseline\", "
	"\"coef\": 0}],\n"
	" \"bands\": {\"boundary\": \"lower\", \"items\": [{\"name\": \"all\"}]}}\n";

static void test_policies_and_provenance(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_json(ctx, policy_model);
	double v = -1;

	/* hours: clamp, impute 32.5 */
	assert_int_equal(anker_model_get_variable_out_of_range(model, 0), ANKER_RANGE_CLAMP);
	assert_int_equal(anker_model_get_variable_missing(model, 0), ANKER_MISSING_IMPUTE);
	assert_int_equal(anker_model_get_variable_imputed_number(model, 0, &v), 0);
	assert_true(v == 32.5);
	/* age: the defaults, reject and reject; nothing imputed, v untouched */
	assert_int_equal(anker_model_get_variable_out_of_range(model, 1), ANKER_RANGE_REJECT);
	assert_int_equal(anker_model_get_variable_missing(model, 1), ANKER_MISSING_REJECT);
	assert_int_equal(anker_model_get_variable_imputed_number(model, 1, &v), ANKER_E_NOT_FOUND);
	assert_true(v == 32.5);
	/* car: booleans have no range; true imputes 1 */
	assert_int_equal(anker_model_get_variable_out_of_range(model, 2), ANKER_E_TYPE_MISMATCH);
	assert_int_equal(anker_model_get_variable_imputed_number(model, 2, &v), 0);
	assert_true(v == 1.0);
	assert_int_equal(anker_model_get_variable_imputed_level(model, 2), ANKER_E_TYPE_MISMATCH);
	/* edu: the explicit missing level "unknown" is code 2 */
	assert_int_equal(anker_model_get_variable_missing(model, 3), ANKER_MISSING_LEVEL);
	assert_int_equal(anker_model_get_variable_imputed_level(model, 3), 2);
	assert_int_equal(anker_model_get_variable_imputed_number(model, 3, &v),
			 ANKER_E_TYPE_MISMATCH);
	/* sector: imputes "other", code 1; region: rejects */
	assert_int_equal(anker_model_get_variable_missing(model, 4), ANKER_MISSING_IMPUTE);
	assert_int_equal(anker_model_get_variable_imputed_level(model, 4), 1);
	assert_int_equal(anker_model_get_variable_imputed_level(model, 5), ANKER_E_NOT_FOUND);
	/* out of range indices and NULL */
	assert_int_equal(anker_model_get_variable_missing(model, 6), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_get_variable_out_of_range(model, 6), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_get_variable_imputed_level(model, 6), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_get_variable_imputed_number(model, 6, &v), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_get_variable_missing(NULL, 0), ANKER_E_INVALID_ARGUMENT);

	assert_string_equal(anker_out_of_range_policy_name(ANKER_RANGE_CLAMP), "clamp");
	assert_string_equal(anker_out_of_range_policy_name(ANKER_RANGE_REJECT), "reject");
	assert_null(anker_out_of_range_policy_name(0));
	assert_string_equal(anker_missing_policy_name(ANKER_MISSING_REJECT), "reject");
	assert_string_equal(anker_missing_policy_name(ANKER_MISSING_IMPUTE), "impute");
	assert_string_equal(anker_missing_policy_name(ANKER_MISSING_LEVEL), "level");
	assert_string_equal(anker_missing_policy_name(ANKER_MISSING_PASS), "pass");
	assert_null(anker_missing_policy_name(5));

	/* provenance: the four keys given, in the format's order */
	assert_int_equal(anker_model_get_provenance_count(model), 4);
	const char *keys[] = { "statement", "data", "fitted_by", "method" };
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(anker_model_get_provenance_key(model, i), keys[i]);
		assert_non_null(anker_model_get_provenance(model, keys[i]));
	}
	assert_string_equal(anker_model_get_provenance(model, "method"), "By hand");
	assert_null(anker_model_get_provenance_key(model, 4));
	assert_null(anker_model_get_provenance_key(NULL, 0));
	assert_int_equal(anker_model_get_provenance_count(NULL), 0);

	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_variables),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_bands),
		cmocka_unit_test(test_band_for_probability),
		cmocka_unit_test(test_single_band),
		cmocka_unit_test(test_null_safety),
		cmocka_unit_test(test_refcount),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_inverse_logit),
		cmocka_unit_test(test_inverse_probit),
		cmocka_unit_test(test_policies_and_provenance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
