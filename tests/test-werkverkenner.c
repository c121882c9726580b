/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The demonstration Werkverkenner (docs/werkverkenner.md): chained factor
 * scores, the boundary at exactly 50%, the factor diagnosis, "not
 * completed" with the missing items named, every answer-validation error,
 * the month-7 drop flag, a high scorer invited on request, hard and soft
 * factors and their texts. Every expected number is worked out by hand from
 * the model files: the coefficients are multiples of 1/8 and the factor
 * scores means of whole answers, so the linear predictors are exact. The
 * chance model is data/simulation/truth/truth-wv-12m.json (the hand-set
 * coefficients of demo-wv-12m 0.1.0, which generate the simulated history),
 * in a copy of the demonstration profile (tests/werkverkenner/profile.json),
 * so that refitting the shipped model (scripts/rebuild-demo-models) leaves
 * these numbers alone.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "test-util.h"

#define PROFILE "tests/werkverkenner/profile.json"
#define WV	0 /* the questionnaire's index in the profile */
#define KANS	1 /* the chained binary model's */

static struct anker_profile *load_profile(struct anker_ctx *ctx)
{
	struct anker_error *err = NULL;
	anker_error_new(&err);
	struct anker_profile *p = NULL;
	if (anker_profile_load_file(ctx, test_source_path(PROFILE), err, &p) < 0)
		fail_msg("%s", anker_error_message(err));
	anker_error_free(err);
	return p;
}

/*
 * A client whose every factor scores 3 except age: leeftijd 55_59 scores 2.
 * arbeidsverleden is the mean of werkjaren 2_5 (2) and werk_recent meestal
 * (4): 3; gezondheid redelijk (3) and gezondheid_beperkt 3 reversed (3): 3.
 * Linear predictor: -6.5 + 0.25 * (2 + 3 + 3 + 3 + 3 + 3 + 3) + 0.125 * (3
 * + 3 + 3 + 3) + 0 = -6.5 + 5 + 1.5 = 0: a chance of exactly 0.5.
 */
/* 0, or the first failure (out of memory) */
static int set_half(struct anker_case *c)
{
	int r = 0;
	static const char *const likert[] = {
	    "beroep_vraag",    "zoek_plan",	     "zoek_tijd",	"verwacht_werk",
	    "goede_kandidaat", "gezondheid_beperkt", "brief_schrijven", "presenteren",
	    "doorzetten",      "kent_mensen",	     "vertelt_zoeken",	"ander_beroep",
	    "reistijd",	       "lager_loon"};
	for (size_t i = 0; i < sizeof(likert) / sizeof(likert[0]); i++)
		r = r < 0 ? r : anker_case_set_number(c, likert[i], 3);
	r = r < 0 ? r : anker_case_set_level(c, "leeftijd", "55_59");
	r = r < 0 ? r : anker_case_set_level(c, "opleiding", "mbo");
	r = r < 0 ? r : anker_case_set_level(c, "werkjaren", "2_5");
	r = r < 0 ? r : anker_case_set_level(c, "werk_recent", "meestal");
	r = r < 0 ? r : anker_case_set_level(c, "eerdere_uitkering", "een_keer");
	r = r < 0 ? r : anker_case_set_level(c, "gezondheid", "redelijk");
	r = r < 0 ? r : anker_case_set_number(c, "maanden_uitkering", 0);
	return r;
}

struct fixture {
	struct anker_ctx *ctx;
	struct anker_profile *p;
	struct anker_case *c;
	struct anker_error *err;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->ctx = test_ctx_new();
	f->p = load_profile(f->ctx);
	anker_error_new(&f->err);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	anker_error_free(f->err);
	anker_case_free(f->c);
	anker_profile_unref(f->p);
	anker_ctx_unref(f->ctx);
	free(f);
	return 0;
}

/*
 * The case is made inside each test, not in setup(): cmocka counts the blocks
 * a test allocates, and a case grows as values are set.
 */
static struct fixture *start(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(anker_case_new(f->ctx, &f->c), 0);
	assert_int_equal(set_half(f->c), 0);
	return f;
}

static void end(struct fixture *f)
{
	anker_case_free(f->c);
	f->c = NULL;
}

static struct anker_assessment *assess(struct fixture *f)
{
	struct anker_assessment *a = NULL;
	int r = anker_profile_assess(f->p, f->c, 0, &a, f->err);
	if (r < 0)
		fail_msg("%s", anker_error_message(f->err));
	return a;
}

/* The record of @p a, malloc'ed, its length in @p len. */
static char *record_text(const struct anker_assessment *a, size_t *len)
{
	anker_assessment_write_record(a, NULL, 0, len, NULL);
	char *buf = malloc(*len + 1);
	assert_non_null(buf);
	assert_int_equal(anker_assessment_write_record(a, buf, *len + 1, len, NULL), 0);
	return buf;
}

static void test_exactly_half_is_invited(void **state)
{
	struct fixture *f = start(state);
	struct anker_assessment *a = assess(f);
	const struct anker_result *res = anker_assessment_get_result(a, KANS);
	assert_true(anker_result_get_linear_predictor(res) == 0.0);
	assert_true(anker_result_get_probability(res) == 0.5);
	/* boundary "lower": exactly 0.5 is in 25-50%, the "at most 50%" band */
	assert_string_equal(anker_result_get_band_name(res), "b25_50");
	assert_string_equal(anker_assessment_get_advice_value(a, "uitnodiging"), "uitnodigen");
	assert_string_equal(anker_assessment_get_advice_value(a, "rule"), "kans_hoogstens_50");
	anker_assessment_free(a);

	/* one step up in age (45_54 scores 3): lp 0.25, p = 1 / (1 + e^-0.25) above 0.5 */
	anker_case_set_level(f->c, "leeftijd", "45_54");
	a = assess(f);
	res = anker_assessment_get_result(a, KANS);
	assert_true(anker_result_get_linear_predictor(res) == 0.25);
	assert_close(anker_result_get_probability(res), 1.0 / (1.0 + exp(-0.25)), 1e-15);
	assert_string_equal(anker_result_get_band_name(res), "b50_75");
	assert_string_equal(anker_assessment_get_advice_value(a, "uitnodiging"), "niet_uitnodigen");
	assert_string_equal(anker_assessment_get_advice_value(a, "rule"), "kans_boven_50");
	anker_assessment_free(a);
	end(f);
}

static void test_diagnosis(void **state)
{
	struct fixture *f = start(state);
	struct anker_assessment *a = assess(f);
	struct anker_factor_pull pulls[16];
	size_t n = 0;
	assert_int_equal(anker_assessment_diagnose(a, KANS, pulls, 16, &n, f->err), 0);
	assert_int_equal(n, 11);
	/*
	 * pull = coef * (score - 5): leeftijd 0.25 * (2 - 5) = -0.75 first; then
	 * the 0.25-factors at 3 (-0.5) in the model's order, then the 0.125-factors
	 * at 3 (-0.25).
	 */
	static const char *const order[] = {
	    "leeftijd_score",	       "opleiding_score",	   "arbeidsverleden_score",
	    "zoekintentie_score",      "verwachting_score",	   "gezondheid_score",
	    "zelfeffectiviteit_score", "uitkeringsverleden_score", "beroep_score",
	    "netwerk_score",	       "flexibiliteit_score"};
	static const double pull[] = {-0.75, -0.5,  -0.5,  -0.5,  -0.5, -0.5,
				      -0.5,  -0.25, -0.25, -0.25, -0.25};
	static const int type[] = {ANKER_FACTOR_HARD, ANKER_FACTOR_HARD, ANKER_FACTOR_HARD,
				   ANKER_FACTOR_SOFT, ANKER_FACTOR_SOFT, ANKER_FACTOR_SOFT,
				   ANKER_FACTOR_SOFT, ANKER_FACTOR_HARD, ANKER_FACTOR_HARD,
				   ANKER_FACTOR_SOFT, ANKER_FACTOR_SOFT};
	const struct anker_model *q = anker_profile_get_instrument(f->p, WV);
	for (size_t k = 0; k < n; k++) {
		assert_int_equal(pulls[k].instrument, WV);
		assert_string_equal(anker_model_get_output_name(q, pulls[k].output), order[k]);
		assert_true(pulls[k].pull == pull[k]);
		assert_int_equal(pulls[k].type, type[k]);
	}
	assert_true(pulls[0].score == 2.0);
	/* a smaller buffer still counts them all */
	assert_int_equal(anker_assessment_diagnose(a, KANS, pulls, 2, &n, f->err), 0);
	assert_int_equal(n, 11);
	/* the questionnaire is not chained */
	assert_int_equal(anker_assessment_diagnose(a, WV, pulls, 16, &n, f->err),
			 ANKER_E_NOT_FOUND);
	assert_int_equal(anker_assessment_diagnose(a, KANS, NULL, 1, &n, f->err),
			 ANKER_E_INVALID_ARGUMENT);
	anker_assessment_free(a);
	end(f);
}

static void missing_items(struct anker_assessment *a, const char *expected)
{
	const char *names[32];
	size_t n = 0;
	assert_int_equal(anker_assessment_get_missing_items(a, KANS, names, 32, &n), 0);
	char joined[512] = "";
	for (size_t k = 0; k < n; k++) {
		strcat(joined, k ? " " : "");
		strcat(joined, names[k]);
	}
	assert_string_equal(joined, expected);
}

static void test_not_completed(void **state)
{
	struct fixture *f = start(state);
	/* one of zoekintentie's two items (max_missing 1): still scored, as the mean of the other
	 */
	anker_case_set_missing(f->c, "zoek_plan");
	struct anker_assessment *a = assess(f);
	assert_non_null(anker_result_get_model(anker_assessment_get_result(a, KANS)));
	missing_items(a, "");
	anker_assessment_free(a);

	/* both, and age (a scale of one item): not scored, the items named in file order */
	anker_case_set_missing(f->c, "zoek_tijd");
	anker_case_set_missing(f->c, "leeftijd");
	/* an item missing in a scale that is still scorable is not named */
	anker_case_set_missing(f->c, "reistijd");
	a = assess(f);
	const struct anker_result *res = anker_assessment_get_result(a, KANS);
	assert_null(anker_result_get_model(res));
	assert_true(isnan(anker_result_get_probability(res)));
	missing_items(a, "leeftijd zoek_plan zoek_tijd");
	assert_string_equal(anker_assessment_get_advice_value(a, "uitnodiging"), "uitnodigen");
	assert_string_equal(anker_assessment_get_advice_value(a, "werkverkenner"), "niet_voltooid");
	assert_string_equal(anker_assessment_get_advice_value(a, "rule"), "niet_voltooid");
	size_t n = 0;
	assert_int_equal(anker_assessment_diagnose(a, KANS, NULL, 0, &n, f->err),
			 ANKER_E_MISSING_VALUE);
	/* the record has the questionnaire's outputs (null where not scorable), and every
	   output and contribution of KANS as null: it was not scored */
	size_t len = 0;
	char *buf = record_text(a, &len);
	json_t *rec = json_loads(buf, 0, NULL);
	json_t *kans = json_array_get(json_object_get(rec, "instruments"), KANS);
	const char *section[] = {"outputs", "explanation"};
	for (size_t s = 0; s < 2; s++) {
		json_t *values = json_object_get(kans, section[s]);
		const char *name;
		json_t *value;
		assert_true(json_object_size(values) > 0);
		json_object_foreach(values, name, value) assert_true(json_is_null(value));
	}
	json_t *wv = json_array_get(json_object_get(rec, "instruments"), WV);
	assert_true(
	    json_is_null(json_object_get(json_object_get(wv, "outputs"), "leeftijd_score")));
	assert_int_equal(anker_profile_verify_record(f->p, buf, len, NULL, f->err), 0);
	json_decref(rec);
	free(buf);
	anker_assessment_free(a);

	/* nothing answered at all */
	anker_case_clear(f->c);
	anker_case_set_number(f->c, "maanden_uitkering", 0);
	a = assess(f);
	assert_null(anker_result_get_model(anker_assessment_get_result(a, KANS)));
	const char *names[32];
	assert_int_equal(anker_assessment_get_missing_items(a, KANS, names, 32, &n), 0);
	assert_int_equal(n, 20);
	assert_int_equal(anker_assessment_get_missing_items(a, WV, names, 32, &n),
			 ANKER_E_NOT_FOUND);
	anker_assessment_free(a);
	end(f);
}

/* Each bad answer fails the assessment with its code, naming the item. */
static void test_answer_errors(void **state)
{
	struct fixture *f = start(state);
	static const struct {
		const char *name;
		int type; /* 0 number, 1 level, 2 boolean */
		double number;
		const char *level;
		int code;
	} cases[] = {
	    {"zoek_plan", 0, 6, NULL, ANKER_E_NOT_AN_OPTION},	/* beyond 1..5 */
	    {"zoek_plan", 0, 2.5, NULL, ANKER_E_NOT_AN_OPTION}, /* between options */
	    {"zoek_plan", 0, 0, NULL, ANKER_E_NOT_AN_OPTION},	/* below */
	    {"zoek_plan", 1, 0, "eens", ANKER_E_TYPE_MISMATCH}, /* a name for a Likert item */
	    {"zoek_plan", 2, 1, NULL, ANKER_E_TYPE_MISMATCH},	/* a boolean for a Likert item */
	    {"zoek_plan", 0, INFINITY, NULL, ANKER_E_OUT_OF_RANGE},	/* not finite */
	    {"leeftijd", 1, 0, "50_plus", ANKER_E_UNKNOWN_LEVEL},	/* not a choice's code */
	    {"leeftijd", 0, 3, NULL, ANKER_E_TYPE_MISMATCH},		/* a number for a choice */
	    {"maanden_uitkering", 0, 30, NULL, ANKER_E_OUT_OF_RANGE},	/* 0..24 */
	    {"maanden_uitkering", 0, NAN, NULL, ANKER_E_MISSING_VALUE}, /* required */
	    {"eerste_kans", 0, 1.5, NULL, ANKER_E_OUT_OF_RANGE},	/* a chance */
	    {"eerste_kans", 1, 0, "hoog", ANKER_E_TYPE_MISMATCH},
	    {"f_leeftijd", 0, 3, NULL, ANKER_E_UNKNOWN_VARIABLE}, /* fed by the chain only */
	    {"vraag_21", 0, 3, NULL, ANKER_E_UNKNOWN_VARIABLE},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		anker_case_clear(f->c);
		assert_int_equal(set_half(f->c), 0);
		if (cases[i].type == 0)
			anker_case_set_number(f->c, cases[i].name, cases[i].number);
		else if (cases[i].type == 1)
			anker_case_set_level(f->c, cases[i].name, cases[i].level);
		else
			anker_case_set_bool(f->c, cases[i].name, 1);
		struct anker_assessment *a = NULL;
		int r = anker_profile_assess(f->p, f->c, 0, &a, f->err);
		if (r != cases[i].code)
			fail_msg("case %zu (%s): %d, not %d: %s", i, cases[i].name, r,
				 cases[i].code, anker_error_message(f->err));
		assert_null(a);
		const char *field = anker_error_field(f->err);
		const char *msg = anker_error_message(f->err);
		if (!(field && strcmp(field, cases[i].name) == 0) && !strstr(msg, cases[i].name))
			fail_msg("case %zu: the error names neither field nor item %s: %s", i,
				 cases[i].name, msg);
	}
	end(f);
}

static struct anker_followup followup(struct fixture *f, double first, double months,
				      struct anker_assessment **ret)
{
	anker_case_clear(f->c);
	assert_int_equal(set_half(f->c), 0);
	/* age 45_54: lp at month 0 is 0.25; each month on benefit takes 0.125 off */
	anker_case_set_level(f->c, "leeftijd", "45_54");
	anker_case_set_number(f->c, "maanden_uitkering", months);
	anker_case_set_number(f->c, "eerste_kans", first);
	struct anker_assessment *a = assess(f);
	struct anker_followup fu;
	assert_int_equal(anker_assessment_get_followup(a, &fu), 0);
	if (ret)
		*ret = a;
	else
		anker_assessment_free(a);
	return fu;
}

static void test_month7_flag(void **state)
{
	struct fixture *f = start(state);
	/* month 2: lp 0, p 0.5 (25-50%); first 0.55 (50-75%): down a band, drop 0.05 */
	struct anker_followup fu = followup(f, 0.55, 2, NULL);
	assert_int_equal(fu.instrument, KANS);
	assert_true(fu.chance == 0.5);
	assert_int_equal(fu.first_band, 2);
	assert_int_equal(fu.band, 1);
	assert_true(fu.threshold == 0.1);
	assert_close(fu.drop, 0.05, 1e-15);
	assert_true(fu.band_drop && fu.flag);
	/* month 0: p = 1 / (1 + e^-0.25) = 0.5622; first 0.58: same band, drop 0.018: no flag */
	double p = 1.0 / (1.0 + exp(-0.25));
	fu = followup(f, 0.58, 0, NULL);
	assert_close(fu.chance, p, 1e-15);
	assert_false(fu.band_drop);
	assert_false(fu.flag);
	/* first 0.70: same band (50-75%) but a drop of 0.138 > 0.1: flagged */
	struct anker_assessment *a = NULL;
	fu = followup(f, 0.70, 0, &a);
	assert_false(fu.band_drop);
	assert_close(fu.drop, 0.70 - p, 1e-15);
	assert_true(fu.flag);
	/* a rise is never flagged */
	anker_assessment_free(a);
	fu = followup(f, 0.30, 0, &a);
	assert_false(fu.flag);
	assert_true(fu.drop < 0);
	/* in the record, next to the first estimate, and verified */
	size_t len = 0;
	char *buf = record_text(a, &len);
	json_t *rec = json_loads(buf, 0, NULL);
	json_t *fo = json_object_get(rec, "followup");
	assert_true(json_real_value(json_object_get(json_object_get(fo, "first"), "chance")) ==
		    0.30);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(fo, "first"), "band")), "b25_50");
	assert_string_equal(json_string_value(json_object_get(fo, "band")), "b50_75");
	assert_true(json_is_false(json_object_get(fo, "flag")));
	assert_int_equal(anker_profile_verify_record(f->p, buf, len, NULL, f->err), 0);
	/* a flag changed by hand does not verify */
	json_object_set_new(fo, "flag", json_true());
	char *changed = json_dumps(rec, JSON_COMPACT | JSON_SORT_KEYS);
	assert_int_equal(anker_profile_verify_record(f->p, changed, strlen(changed), NULL, f->err),
			 ANKER_E_VERIFY);
	free(changed);
	json_decref(rec);
	free(buf);
	anker_assessment_free(a);
	/* without a first estimate there is no follow-up */
	anker_case_clear(f->c);
	assert_int_equal(set_half(f->c), 0);
	a = assess(f);
	assert_int_equal(anker_assessment_get_followup(a, &fu), ANKER_E_NOT_FOUND);
	anker_assessment_free(a);
	/* not completed at month 7: no chance, no flag */
	fu = followup(f, 0.6, 6, &a);
	anker_assessment_free(a);
	anker_case_set_missing(f->c, "leeftijd");
	a = assess(f);
	assert_int_equal(anker_assessment_get_followup(a, &fu), 0);
	assert_true(isnan(fu.chance) && fu.band == -1 && !fu.flag);
	anker_assessment_free(a);
	size_t idx;
	const char *var;
	double thr;
	assert_int_equal(anker_profile_get_followup(f->p, &idx, &var, &thr), 0);
	assert_int_equal(idx, KANS);
	assert_string_equal(var, "eerste_kans");
	assert_true(thr == 0.1);
	assert_int_equal(anker_profile_get_followup(NULL, NULL, NULL, NULL),
			 ANKER_E_INVALID_ARGUMENT);
	end(f);
}

static void test_invited_on_request(void **state)
{
	struct fixture *f = start(state);
	anker_case_set_level(f->c, "leeftijd", "45_54"); /* 56%: not invited by the rule */
	struct anker_assessment *a = assess(f);
	assert_string_equal(anker_assessment_get_advice_value(a, "uitnodiging"), "niet_uitnodigen");
	const char *field[] = {"uitnodiging"}, *value[] = {"uitnodigen"};
	assert_int_equal(anker_assessment_decide(a, 1, field, value, "adv-3", "adviseur",
						 "2027-01-12T09:00:00+01:00", NULL, NULL, f->err),
			 ANKER_E_REASON_REQUIRED);
	assert_int_equal(anker_assessment_decide(a, 1, field, value, "adv-3", "adviseur",
						 "2027-01-12T09:00:00+01:00", "op_verzoek_klant",
						 NULL, f->err),
			 0);
	size_t len = 0;
	char *buf = record_text(a, &len);
	json_t *rec = json_loads(buf, 0, NULL);
	json_t *d = json_object_get(rec, "decision");
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(d, "reason"), "code")),
	    "op_verzoek_klant");
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(d, "values"), "uitnodiging")),
	    "uitnodigen");
	assert_true(json_is_false(json_object_get(d, "agrees")));
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(rec, "advice"), "rule")),
	    "kans_boven_50");
	assert_int_equal(anker_profile_verify_record(f->p, buf, len, NULL, f->err), 0);
	json_decref(rec);
	free(buf);
	anker_assessment_free(a);
	end(f);
}

static void test_factor_texts(void **state)
{
	struct fixture *f = start(state);
	const struct anker_model *q = anker_profile_get_instrument(f->p, WV);
	const struct anker_model *kans = anker_profile_get_instrument(f->p, KANS);
	size_t n = anker_model_get_output_count(q), hard = 0, soft = 0;
	assert_int_equal(n, 33); /* 11 scales, 3 outputs each */
	for (size_t o = 0; o < n; o++) {
		int t = anker_model_get_output_factor(q, o);
		hard += t == ANKER_FACTOR_HARD;
		soft += t == ANKER_FACTOR_SOFT;
		/* every factor has what a coach can say, in both languages, and they differ */
		const char *nl = anker_model_get_output_factor_text(q, o, "nl");
		const char *en = anker_model_get_output_factor_text(q, o, "en");
		assert_non_null(nl);
		assert_non_null(en);
		assert_true(strlen(nl) > 20 && strlen(en) > 20 && strcmp(nl, en) != 0);
		assert_null(anker_model_get_output_factor_text(q, o, "de"));
	}
	assert_int_equal(hard, 5 * 3);
	assert_int_equal(soft, 6 * 3);
	assert_int_equal(anker_model_get_output_factor(q, n), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_get_output_factor(kans, 0), ANKER_FACTOR_NONE);
	assert_null(anker_model_get_output_factor_text(kans, 0, "nl"));
	assert_int_equal(anker_model_get_output_factor(NULL, 0), ANKER_E_INVALID_ARGUMENT);
	/* 20 questions, each with its text in both languages */
	assert_int_equal(anker_model_get_variable_count(q), 20);
	for (size_t v = 0; v < 20; v++) {
		assert_non_null(anker_model_get_item_text(q, v, "nl"));
		assert_non_null(anker_model_get_item_text(q, v, "en"));
	}
	end(f);
}

/*
 * Every allocation of loading the profile, assessing a follow-up with a
 * decision, diagnosing and writing the record fails in turn: each run ends in
 * ANKER_E_NO_MEMORY, never a crash or a leak (cmocka's allocator checks).
 */
static void test_out_of_memory(void **state)
{
	(void)state;
	bool done = false;
	for (size_t fail_after = 0; !done && fail_after < 100000; fail_after++) {
		struct anker_ctx *ctx = test_ctx_new_failing(fail_after);
		struct anker_profile *p = NULL;
		struct anker_case *c = NULL;
		struct anker_assessment *a = NULL;
		struct anker_factor_pull pulls[11];
		size_t n = 0;
		const char *field[] = {"uitnodiging"}, *value[] = {"uitnodigen"};
		int r = anker_profile_load_file(ctx, test_source_path(PROFILE), NULL, &p);
		if (r == 0)
			r = anker_case_new(ctx, &c);
		if (r == 0)
			r = set_half(c);
		if (r == 0)
			r = anker_case_set_number(c, "eerste_kans", 0.8);
		if (r == 0)
			r = anker_profile_assess(p, c, 0, &a, NULL);
		if (r == 0)
			r = anker_assessment_diagnose(a, KANS, pulls, 11, &n, NULL);
		if (r == 0)
			r = anker_assessment_decide(a, 1, field, value, "a", "adviseur", "t",
						    "oordeel_adviseur", NULL, NULL);
		char sha[65];
		if (r == 0)
			r = anker_assessment_get_record_sha256(a, sha);
		if (r == 0)
			done = true;
		else
			assert_int_equal(r, ANKER_E_NO_MEMORY);
		anker_assessment_free(a);
		anker_case_free(c);
		anker_profile_unref(p);
		anker_ctx_unref(ctx);
	}
	assert_true(done);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_exactly_half_is_invited, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_diagnosis, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_not_completed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_answer_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_month7_flag, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_invited_on_request, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_factor_texts, setup, teardown),
	    cmocka_unit_test(test_out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
