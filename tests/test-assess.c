/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Profiles, assessments, decisions and records (docs/assessment.md) with the
 * demonstration profile: every profile error with its code, JSON path and
 * field; the advice for synthetic clients whose questionnaire scores are
 * worked out by hand below; every decision error; records that verify, and
 * records tampered with in a field, a broken chain, a Dutch locale and
 * several threads.
 */
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "test-mutate.h"
#include "test-util.h"

#define PROFILE "data/profiles/demo-anker.json"

static struct anker_profile *load_demo(struct anker_ctx *ctx)
{
	struct anker_error *err = NULL;
	anker_error_new(&err);
	struct anker_profile *p = NULL;
	int r = anker_profile_load_file(ctx, test_source_path(PROFILE), err, &p);
	if (r < 0)
		fail_msg("%s", anker_error_message(err));
	anker_error_free(err);
	return p;
}

/*
 * Sanne, 48, 9 months in WW after 25 years in retail. Her answers:
 * - nakoming (sum, prorated): tijdig_doorgeven 1; eerdere_maatregel yes,
 *   reversed 0, weight 2: 0; gemiste_afspraken 4, reversed 5 - 4 = 1, weight
 *   0.5: 0.5; bereikbaarheid slecht: 0. Score 1.5, below 5: "risico".
 * - begrip (mean): 4, 4 and regels_onduidelijk 2 reversed to 4: 4, "voldoende".
 * - motivatie (mean): wil_werken 5 (weight 2), verwacht_werk 5,
 *   uitkering_voldoende 1 reversed to 5 (weight 2), ander_werk 5, gezondheid 5:
 *   5 (4.999999999999999 in doubles), "hoog".
 * So rule ver_van_markt cannot fire (motivation is not low) and
 * naleving_risico does: intensive support, fase 3, route B.
 */
/* 0, or the first failure (out of memory) */
static int set_sanne(struct anker_case *c)
{
	int r = 0;
	r = r < 0 ? r : anker_case_set_number(c, "age", 48);
	r = r < 0 ? r : anker_case_set_number(c, "ww_months", 9);
	r = r < 0 ? r : anker_case_set_number(c, "work_history_years", 25);
	r = r < 0 ? r : anker_case_set_number(c, "applications_4w", 3);
	r = r < 0 ? r : anker_case_set_number(c, "health", 4);
	r = r < 0 ? r : anker_case_set_bool(c, "has_partner", 1);
	r = r < 0 ? r : anker_case_set_bool(c, "care_duties", 0);
	r = r < 0 ? r : anker_case_set_bool(c, "female", 1);
	r = r < 0 ? r : anker_case_set_level(c, "education", "vocational");
	r = r < 0 ? r : anker_case_set_level(c, "sector", "retail");
	r = r < 0 ? r : anker_case_set_level(c, "region", "average");
	r = r < 0 ? r : anker_case_set_number(c, "kent_plichten", 4);
	r = r < 0 ? r : anker_case_set_number(c, "kent_gevolgen", 4);
	r = r < 0 ? r : anker_case_set_number(c, "regels_onduidelijk", 2);
	r = r < 0 ? r : anker_case_set_number(c, "tijdig_doorgeven", 1);
	r = r < 0 ? r : anker_case_set_bool(c, "eerdere_maatregel", 1);
	r = r < 0 ? r : anker_case_set_number(c, "gemiste_afspraken", 4);
	r = r < 0 ? r : anker_case_set_level(c, "bereikbaarheid", "slecht");
	r = r < 0 ? r : anker_case_set_number(c, "wil_werken", 5);
	r = r < 0 ? r : anker_case_set_number(c, "verwacht_werk", 5);
	r = r < 0 ? r : anker_case_set_number(c, "uitkering_voldoende", 1);
	r = r < 0 ? r : anker_case_set_number(c, "ander_werk", 5);
	r = r < 0 ? r : anker_case_set_number(c, "gezondheid", 5);
	r = r < 0 ? r : anker_case_set_number(c, "digitaal", 4);
	r = r < 0 ? r : anker_case_set_bool(c, "cv_actueel", 1);
	r = r < 0 ? r : anker_case_set_number(c, "gesprek", 4);
	return r;
}

struct fixture {
	struct anker_ctx *ctx;
	struct anker_profile *profile;
	struct anker_case *c;
	struct anker_error *err;
	struct anker_assessment *a;
};

static struct fixture *fixture_new(void)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->ctx = test_ctx_new();
	f->profile = load_demo(f->ctx);
	assert_int_equal(anker_case_new(f->ctx, &f->c), 0);
	assert_int_equal(anker_error_new(&f->err), 0);
	set_sanne(f->c);
	return f;
}

static void fixture_free(struct fixture *f)
{
	anker_assessment_free(f->a);
	anker_case_free(f->c);
	anker_error_free(f->err);
	anker_profile_unref(f->profile);
	anker_ctx_unref(f->ctx);
	free(f);
}

static void assess(struct fixture *f)
{
	anker_assessment_free(f->a);
	f->a = NULL;
	if (anker_profile_assess(f->profile, f->c, 0, &f->a, f->err) < 0)
		fail_msg("%s", anker_error_message(f->err));
}

/* The record as a string (malloc'ed). */
static char *record_of(const struct anker_assessment *a)
{
	size_t len = 0;
	assert_int_equal(anker_assessment_write_record(a, NULL, 0, &len, NULL), ANKER_E_TOO_LARGE);
	char *buf = malloc(len + 1);
	assert_int_equal(anker_assessment_write_record(a, buf, len + 1, &len, NULL), 0);
	assert_int_equal(strlen(buf), len);
	return buf;
}

static void decide_agree(struct fixture *f)
{
	assert_int_equal(anker_assessment_decide(f->a, 0, NULL, NULL, "coach-17", "werkcoach",
						 "2027-03-01T10:15:00+01:00", NULL, NULL, f->err),
			 0);
}

/* Profiles */

static void test_demo_profile(void **state)
{
	(void)state;
	struct fixture *f = fixture_new();
	assert_string_equal(anker_profile_get_id(f->profile), "demo_anker");
	assert_int_equal(anker_profile_get_instrument_count(f->profile), 7);
	assert_string_equal(anker_profile_get_instrument_alias(f->profile, 0), "AMT");
	assert_string_equal(anker_profile_get_instrument_alias(f->profile, 1), "NT_PROF");
	assert_string_equal(anker_profile_get_instrument_alias(f->profile, 4), "NT");
	assert_string_equal(anker_profile_get_instrument_alias(f->profile, 6), "BLIJF");
	assert_null(anker_profile_get_instrument_alias(f->profile, 7));
	assert_int_equal(anker_model_get_kind(anker_profile_get_rules(f->profile)),
			 ANKER_MODEL_RULES);
	assert_int_equal(anker_profile_get_reason_count(f->profile), 4);
	assert_string_equal(anker_profile_get_reason_code(f->profile, 3), "anders");
	assert_string_equal(anker_profile_get_reason_label(f->profile, 3, "en"),
			    "Other, explained in the free text");
	assert_null(anker_profile_get_reason_label(f->profile, 3, "de"));
	assert_int_equal(strlen(anker_profile_get_sha256(f->profile)), 64);
	fixture_free(f);
}

/*
 * Profile errors: the demonstration profile with its files as absolute paths
 * (so that it can be written anywhere), then edited.
 */
struct profile_case {
	const char *name;
	const char *key; /* a "/"-separated pointer into the profile */
	const char *json;
	bool rules_edit; /* edit the rule table instead (re-pinned), at key */
	int code;
	const char *path, *field;
};

static const char zeros[] = "\"0000000000000000000000000000000000000000000000000000000000000000\"";
static const char zeros_hex[] = "0000000000000000000000000000000000000000000000000000000000000000";

static const struct profile_case profile_cases[] = {
    {"format", "format", "\"anker-model\"", false, ANKER_E_BAD_VALUE, "$.format", "format"},
    {"format_version", "format_version", "2", false, ANKER_E_UNSUPPORTED, "$.format_version",
     "format_version"},
    {"unknown key", "extra", "1", false, ANKER_E_UNKNOWN_KEY, "$.extra", "extra"},
    {"id not an identifier", "id", "\"demo anker\"", false, ANKER_E_BAD_VALUE, "$.id", "id"},
    {"no instruments", "instruments", "[]", false, ANKER_E_BAD_VALUE, "$.instruments",
     "instruments"},
    {"sha256 mismatch", "instruments/0/sha256", zeros, false, ANKER_E_HASH_MISMATCH,
     "$.instruments[0].sha256", "sha256"},
    {"sha256 not hex", "instruments/0/sha256", "\"XYZ\"", false, ANKER_E_BAD_VALUE,
     "$.instruments[0].sha256", "sha256"},
    {"id mismatch", "instruments/1/id", "\"demo-nt\"", false, ANKER_E_HASH_MISMATCH,
     "$.instruments[1].id", "id"},
    {"version mismatch", "instruments/2/version", "\"9\"", false, ANKER_E_HASH_MISMATCH,
     "$.instruments[2].version", "version"},
    {"alias twice", "instruments/1/alias", "\"AMT\"", false, ANKER_E_DUPLICATE,
     "$.instruments[1].alias", "alias"},
    {"alias missing", "instruments/1/alias", NULL, false, ANKER_E_MISSING_KEY,
     "$.instruments[1].alias", "alias"},
    {"instrument key", "instruments/1/weight", "1", false, ANKER_E_UNKNOWN_KEY,
     "$.instruments[1].weight", "weight"},
    {"rules pin mismatch", "rules/sha256", zeros, false, ANKER_E_HASH_MISMATCH, "$.rules.sha256",
     "sha256"},
    {"rules alias unknown", "instruments/0/alias", "\"WV\"", false, ANKER_E_REFERENCE,
     "$.rules.file", "file"},
    {"reason twice", "reasons/1/code", "\"info_buiten_toetsen\"", false, ANKER_E_DUPLICATE,
     "$.reasons[1].code", "code"},
    {"reason label one language", "reasons/0/label/nl", NULL, false, ANKER_E_MISSING_KEY,
     "$.reasons[0].label.nl", "nl"},
    {"no reasons", "reasons", "[]", false, ANKER_E_BAD_VALUE, "$.reasons", "reasons"},
    /* the rule table's inputs against the instruments' outputs */
    {"input of no output", "inputs/10", "{\"name\": \"AMT.kans\", \"range\": [0, 1]}", true,
     ANKER_E_REFERENCE, "$.rules.file", "file"},
    {"level input for a number", "inputs/10",
     "{\"name\": \"NT_PROF.begrip_score\", \"levels\": [\"x\"]}", true, ANKER_E_REFERENCE,
     "$.rules.file", "file"},
    {"number input for a level", "inputs/10",
     "{\"name\": \"COMPETENTIE.werknemer_level\", \"range\": [0, 1]}", true, ANKER_E_REFERENCE,
     "$.rules.file", "file"},
    {"levels out of order", "inputs/10",
     "{\"name\": \"COMPETENTIE.werknemer_level\", \"levels\": [\"sterk\", \"voldoende\", "
     "\"beperkt\"]}",
     true, ANKER_E_REFERENCE, "$.rules.file", "file"},
    {"levels missing one", "inputs/10",
     "{\"name\": \"COMPETENTIE.werknemer_level\", \"levels\": [\"beperkt\", \"voldoende\"]}", true,
     ANKER_E_REFERENCE, "$.rules.file", "file"},
};

static char tmpdir[64];

static void set_pointer(json_t *root, const char *pointer, const char *json)
{
	if (json)
		edit_set_text(root, pointer, json);
	else
		edit_delete(root, pointer);
}

static void write_json(json_t *root, const char *path)
{
	assert_int_equal(json_dump_file(root, path, JSON_INDENT(1)), 0);
}

/* The rule table, edited and written to tmpdir; its pin goes into @p profile. */
static void edit_rules(struct anker_ctx *ctx, json_t *profile, const struct profile_case *pc)
{
	json_error_t jerr;
	json_t *rules = json_load_file(test_source_path("data/models/demo-advies.json"), 0, &jerr);
	assert_non_null(rules);
	set_pointer(rules, pc->key, pc->json);
	char path[128];
	snprintf(path, sizeof(path), "%s/rules.json", tmpdir);
	write_json(rules, path);
	json_decref(rules);
	struct anker_model *m = NULL;
	assert_int_equal(anker_model_load_file(ctx, path, NULL, &m), 0);
	json_t *pin = json_object_get(profile, "rules");
	json_object_set_new(pin, "file", json_string(path));
	json_object_set_new(pin, "sha256", json_string(anker_model_get_sha256(m)));
	anker_model_unref(m);
}

static json_t *absolute_profile(void)
{
	json_error_t jerr;
	json_t *root = json_load_file(test_source_path(PROFILE), 0, &jerr);
	assert_non_null(root);
	json_t *ins;
	size_t i;
	char rel[512];
	json_array_foreach(json_object_get(root, "instruments"), i, ins)
	{
		snprintf(rel, sizeof(rel), "data/profiles/%s",
			 json_string_value(json_object_get(ins, "file")));
		json_object_set_new(ins, "file", json_string(test_source_path(rel)));
	}
	json_t *rules = json_object_get(root, "rules");
	snprintf(rel, sizeof(rel), "data/profiles/%s",
		 json_string_value(json_object_get(rules, "file")));
	json_object_set_new(rules, "file", json_string(test_source_path(rel)));
	return root;
}

static void test_profile_errors(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	anker_error_new(&err);
	char path[128];
	snprintf(path, sizeof(path), "%s/profile.json", tmpdir);
	/* the unedited copy loads */
	json_t *root = absolute_profile();
	write_json(root, path);
	json_decref(root);
	struct anker_profile *p = NULL;
	assert_int_equal(anker_profile_load_file(ctx, path, err, &p), 0);
	anker_profile_unref(p);
	for (size_t i = 0; i < sizeof(profile_cases) / sizeof(profile_cases[0]); i++) {
		const struct profile_case *pc = &profile_cases[i];
		root = absolute_profile();
		if (pc->rules_edit)
			edit_rules(ctx, root, pc);
		else
			set_pointer(root, pc->key, pc->json);
		write_json(root, path);
		json_decref(root);
		p = NULL;
		int r = anker_profile_load_file(ctx, path, err, &p);
		if (r != pc->code || !anker_error_path(err) ||
		    strcmp(anker_error_path(err), pc->path) != 0 ||
		    (pc->field &&
		     (!anker_error_field(err) || strcmp(anker_error_field(err), pc->field) != 0)))
			fail_msg("%s: got %d (%s), path %s, field %s", pc->name, r,
				 anker_error_message(err), anker_error_path(err),
				 anker_error_field(err));
		assert_null(p);
		assert_string_equal(anker_error_file(err), path);
		/* a pin that does not match names both files */
		if (pc->code == ANKER_E_HASH_MISMATCH)
			assert_non_null(strstr(anker_error_message(err), "demo-"));
	}
	/* a file the profile names that is not there: the model loader's error, naming it */
	root = absolute_profile();
	edit_set_text(root, "instruments/0/file", "\"no-such-model.json\"");
	write_json(root, path);
	json_decref(root);
	assert_int_equal(anker_profile_load_file(ctx, path, err, &p), ANKER_E_IO);
	assert_non_null(strstr(anker_error_file(err), "no-such-model.json"));
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

/*
 * Every allocation of loading, assessing, deciding and writing fails in turn:
 * each failure is a clean ANKER_E_NO_MEMORY (or an error naming a file the
 * loader could not finish), never a crash or a leak (the failing context's
 * allocator is cmocka's, which checks).
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
		int r = anker_profile_load_file(ctx, test_source_path(PROFILE), NULL, &p);
		if (r == 0)
			r = anker_case_new(ctx, &c);
		if (r == 0)
			r = set_sanne(c);
		if (r == 0)
			r = anker_profile_assess(p, c, 0, &a, NULL);
		if (r == 0)
			r = anker_assessment_decide(a, 0, NULL, NULL, "c", "werkcoach", "t", NULL,
						    NULL, NULL);
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

/* Assessment and advice */

static void test_sanne_advice(void **state)
{
	(void)state;
	struct fixture *f = fixture_new();
	assess(f);
	assert_string_equal(anker_assessment_get_advice_value(f->a, "service"), "intensive");
	assert_string_equal(anker_assessment_get_advice_value(f->a, "fase"), "3");
	assert_string_equal(anker_assessment_get_advice_value(f->a, "route"), "B");
	assert_string_equal(anker_assessment_get_advice_value(f->a, "rule"), "naleving_risico");
	assert_null(anker_assessment_get_advice_value(f->a, "colour"));
	const struct anker_result *nt = anker_assessment_get_result(f->a, 1);
	const struct anker_model *ntm = anker_profile_get_instrument(f->profile, 1);
	assert_true(anker_result_get_number(
			nt, (size_t)anker_model_find_output(ntm, "nakoming_score")) == 1.5);
	assert_true(anker_result_get_number(
			nt, (size_t)anker_model_find_output(ntm, "begrip_score")) == 4.0);
	const struct anker_result *advice = anker_assessment_get_advice(f->a);
	assert_string_equal(anker_result_get_contribution_detail(advice, 1),
			    "fired: NT_PROF.nakoming_level = risico (== risico: yes)");
	assert_string_equal(anker_result_get_contribution_detail(advice, 2), "not evaluated");
	assert_true(anker_result_get_contribution(advice, 1) == 1.0);
	assert_null(anker_assessment_get_result(f->a, 7));
	fixture_free(f);
}

/* A scale that cannot be scored reaches the rules as missing. */
static void test_missing_scale(void **state)
{
	(void)state;
	struct fixture *f = fixture_new();
	/* two of nakoming's four items unanswered: more than its max_missing of 1 */
	anker_case_set_missing(f->c, "tijdig_doorgeven");
	anker_case_set_missing(f->c, "gemiste_afspraken");
	assess(f);
	const struct anker_result *advice = anker_assessment_get_advice(f->a);
	assert_string_equal(anker_result_get_contribution_detail(advice, 1),
			    "did not match: NT_PROF.nakoming_level missing (== risico: no)");
	const char *rule = anker_assessment_get_advice_value(f->a, "rule");
	/* what comes next depends on the AMT band; never naleving_risico */
	assert_string_not_equal(rule, "naleving_risico");
	fixture_free(f);
}

static void test_unknown_variable(void **state)
{
	(void)state;
	struct fixture *f = fixture_new();
	anker_case_set_number(f->c, "shoe_size", 42);
	struct anker_assessment *a = NULL;
	assert_int_equal(anker_profile_assess(f->profile, f->c, 0, &a, f->err),
			 ANKER_E_UNKNOWN_VARIABLE);
	assert_null(a);
	assert_string_equal(anker_error_field(f->err), "shoe_size");
	assert_int_equal(
	    anker_profile_assess(f->profile, f->c, ANKER_ASSESS_IGNORE_EXTRA, &a, f->err), 0);
	char *record = record_of(a);
	assert_null(strstr(record, "shoe_size"));
	free(record);
	anker_assessment_free(a);
	assert_int_equal(anker_profile_assess(f->profile, f->c, 1u << 5, &a, f->err),
			 ANKER_E_INVALID_ARGUMENT);
	/* an instrument's own error comes through */
	anker_case_set_level(f->c, "region", "moon");
	assert_int_equal(
	    anker_profile_assess(f->profile, f->c, ANKER_ASSESS_IGNORE_EXTRA, &a, f->err),
	    ANKER_E_UNKNOWN_LEVEL);
	assert_string_equal(anker_error_field(f->err), "region");
	fixture_free(f);
}

/* Decisions */

static void test_decisions(void **state)
{
	(void)state;
	struct fixture *f = fixture_new();
	assess(f);
	const char *fields[] = {"service", "fase"};
	const char *same[] = {"intensive", "3"};
	const char *other[] = {"coaching", "2"};
	const char *bad_level[] = {"coaching", "5"};
	const char *bad_field[] = {"dienst"};
	const char *t = "2027-03-01T10:15:00+01:00";
	/* agreeing, with the fields named or not: no reason needed */
	assert_int_equal(anker_assessment_decide(f->a, 2, fields, same, "c1", "werkcoach", t, NULL,
						 NULL, f->err),
			 0);
	char *record = record_of(f->a);
	assert_non_null(strstr(record, "\"agrees\":true"));
	free(record);
	/* deviating without a reason, or with one the profile does not list */
	assert_int_equal(anker_assessment_decide(f->a, 2, fields, other, "c1", "werkcoach", t, NULL,
						 "x", f->err),
			 ANKER_E_REASON_REQUIRED);
	assert_string_equal(anker_error_field(f->err), "service");
	assert_non_null(strstr(anker_error_message(f->err), "reason code"));
	assert_int_equal(
	    anker_assessment_decide(f->a, 2, fields, other, "c1", "werkcoach", t, "", NULL, f->err),
	    ANKER_E_REASON_REQUIRED);
	assert_int_equal(anker_assessment_decide(f->a, 2, fields, other, "c1", "werkcoach", t,
						 "gut_feeling", NULL, f->err),
			 ANKER_E_UNKNOWN_REASON);
	assert_non_null(strstr(anker_error_message(f->err), "gut_feeling"));
	assert_int_equal(anker_assessment_decide(f->a, 2, fields, bad_level, "c1", "werkcoach", t,
						 "anders", NULL, f->err),
			 ANKER_E_UNKNOWN_LEVEL);
	assert_string_equal(anker_error_field(f->err), "fase");
	assert_int_equal(anker_assessment_decide(f->a, 1, bad_field, other, "c1", "werkcoach", t,
						 "anders", NULL, f->err),
			 ANKER_E_NOT_FOUND);
	assert_int_equal(
	    anker_assessment_decide(f->a, 0, NULL, NULL, NULL, "werkcoach", t, NULL, NULL, f->err),
	    ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(
	    anker_assessment_decide(f->a, 0, NULL, NULL, "c1", "werkcoach", "", NULL, NULL, f->err),
	    ANKER_E_INVALID_ARGUMENT);
	/* the failures left the agreement in place */
	record = record_of(f->a);
	assert_non_null(strstr(record, "\"agrees\":true"));
	free(record);
	/* deviating with a reason */
	assert_int_equal(anker_assessment_decide(
			     f->a, 2, fields, other, "c1", "werkcoach", t,
			     "professionele_toets_weegt_zwaarder",
			     "Gesprek: afspraken gemist door verhuizing, nu opgelost.", f->err),
			 0);
	record = record_of(f->a);
	assert_non_null(strstr(record, "\"agrees\":false"));
	assert_non_null(
	    strstr(record, "\"values\":{\"fase\":\"2\",\"route\":\"B\",\"service\":\"coaching\"}"));
	assert_non_null(strstr(record, "verhuizing"));
	free(record);
	fixture_free(f);
}

/* The canonical form: what Python's json.dumps(v, sort_keys=True,
 * separators=(",", ":"), ensure_ascii=False) writes, in any locale. */
char *anker_canonical_json(const json_t *value, locale_t c_locale);

static void test_canonical_form(void **state)
{
	(void)state;
	const double v[] = {
	    0.6,     -0.6,   57.0,	1e-05, 0.0001,	      1e16,   1e15,
	    1.5e300, 5e-324, 0.1 + 0.2, -0.0,  123456789.125, 2.5e-7, 1.7976931348623157e308};
	/* printed by Python 3 */
	const char *expected = "[0.6,-0.6,57.0,1e-05,0.0001,1e+16,1000000000000000.0,1.5e+300,"
			       "5e-324,0.30000000000000004,-0.0,123456789.125,2.5e-07,"
			       "1.7976931348623157e+308]";
	json_t *array = json_array();
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		json_array_append_new(array, json_real(v[i]));
	locale_t c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	char *old = strdup(setlocale(LC_ALL, NULL));
	for (int dutch = 0; dutch < 2; dutch++) {
		if (dutch && !setlocale(LC_ALL, "nl_NL.UTF-8"))
			break;
		char *text = anker_canonical_json(array, c_locale);
		assert_string_equal(text, expected);
		free(text);
	}
	setlocale(LC_ALL, old);
	free(old);
	json_decref(array);
	json_t *obj = json_pack("{s:s, s:i}", "b", "\x01\"\\\xc3\xa9\n", "a", 1);
	char *text = anker_canonical_json(obj, c_locale);
	assert_string_equal(text, "{\"a\":1,\"b\":\"\\u0001\\\"\\\\\xc3\xa9\\n\"}");
	free(text);
	json_decref(obj);
	freelocale(c_locale);
}

/* Records and verification */

static int verify(const struct anker_profile *p, const char *record, struct anker_error *err)
{
	return anker_profile_verify_record(p, record, strlen(record), NULL, err);
}

static void test_record_contents(void **state)
{
	(void)state;
	struct fixture *f = fixture_new();
	assess(f);
	decide_agree(f);
	char *text = record_of(f->a);
	json_error_t jerr;
	json_t *r = json_loads(text, 0, &jerr);
	assert_non_null(r);
	assert_string_equal(json_string_value(json_object_get(r, "format")), "anker-record");
	assert_string_equal(json_string_value(json_object_get(r, "library")),
			    anker_version_string());
	assert_true(json_is_true(json_object_get(json_object_get(r, "decision"), "agrees")));
	assert_true(json_is_null(json_object_get(json_object_get(r, "decision"), "reason")));
	json_t *in = json_object_get(r, "inputs");
	assert_true(json_real_value(json_object_get(in, "age")) == 48.0);
	assert_true(json_is_true(json_object_get(in, "has_partner")));
	assert_string_equal(json_string_value(json_object_get(in, "region")), "average");
	assert_int_equal(json_array_size(json_object_get(r, "instruments")), 7);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(r, "advice"), "rule")),
	    "naleving_risico");
	/* canonical: shortest numbers, as Python's repr (test_assess_cli.py compares all bytes) */
	assert_non_null(strstr(text, "\"age\":48.0,"));
	assert_non_null(strstr(text, "\"nakoming_score\":1.5"));
	/* its hash is over the record without "sha256" */
	char sha[65];
	assert_int_equal(anker_assessment_get_record_sha256(f->a, sha), 0);
	assert_string_equal(json_string_value(json_object_get(r, "sha256")), sha);
	assert_int_equal(verify(f->profile, text, f->err), 0);
	json_decref(r);
	free(text);
	/* a record without a decision (advice only) verifies too */
	assess(f);
	text = record_of(f->a);
	assert_non_null(strstr(text, "\"decision\":null"));
	assert_int_equal(verify(f->profile, text, f->err), 0);
	free(text);
	fixture_free(f);
}

/*
 * A duration model's median_months is +infinity when S(t) stays above 0.5 up
 * to its last month (the demonstration BLIJF model, a client of 63 with 13
 * months of WW and 32 years of work): the record, which is JSON, holds null
 * for it, and verifies.
 */
static void test_infinite_output(void **state)
{
	(void)state;
	struct fixture *f = fixture_new();
	assert_int_equal(anker_case_set_number(f->c, "age", 63), 0);
	assert_int_equal(anker_case_set_number(f->c, "ww_months", 13), 0);
	assert_int_equal(anker_case_set_number(f->c, "work_history_years", 32), 0);
	assert_int_equal(anker_case_set_number(f->c, "applications_4w", 4), 0);
	assert_int_equal(anker_case_set_bool(f->c, "has_partner", 0), 0);
	assert_int_equal(anker_case_set_level(f->c, "education", "basic"), 0);
	assert_int_equal(anker_case_set_level(f->c, "sector", "office"), 0);
	assess(f);
	const struct anker_result *blijf = anker_assessment_get_result(f->a, 6);
	const struct anker_model *bm = anker_profile_get_instrument(f->profile, 6);
	assert_true(isinf(
	    anker_result_get_number(blijf, (size_t)anker_model_find_output(bm, "median_months"))));
	char *text = record_of(f->a);
	json_error_t jerr;
	json_t *r = json_loads(text, 0, &jerr);
	assert_non_null(r);
	json_t *outputs =
	    json_object_get(json_array_get(json_object_get(r, "instruments"), 6), "outputs");
	assert_true(json_is_null(json_object_get(outputs, "median_months")));
	assert_true(json_is_real(json_object_get(outputs, "survival_12")));
	assert_int_equal(verify(f->profile, text, f->err), 0);
	json_decref(r);
	free(text);
	fixture_free(f);
}

struct tamper {
	const char *pointer;
	const char *json;
	int code;
	const char *path; /* the field named first */
};

/*
 * Where a change to the leaf at @p path must be reported: the leaf itself in
 * what the re-assessment computes (advice, instruments) and in the digests;
 * the section in what it takes from the record (inputs, decision, case_id,
 * previous, library, format_version, profile), whose digest no longer holds;
 * a record of another profile (its id or hash) before anything else.
 */
static void expected_for(const char *path, char *want, size_t cap, int *code)
{
	char section[64];
	size_t n = strcspn(path + 2, ".[");
	snprintf(section, sizeof(section), "%.*s", (int)n, path + 2);
	*code = ANKER_E_VERIFY;
	if (strcmp(section, "advice") == 0 || strcmp(section, "instruments") == 0 ||
	    strcmp(section, "digests") == 0) {
		snprintf(want, cap, "%s", path);
	} else if (strcmp(path, "$.profile.id") == 0 || strcmp(path, "$.profile.sha256") == 0) {
		*code = ANKER_E_HASH_MISMATCH;
		snprintf(want, cap, "$.profile");
	} else {
		snprintf(want, cap, "$.%s", section);
	}
}

/* Verify @p record (changed at @p path) and check what is reported. */
static void check_tampered(struct fixture *f, json_t *record, const char *path)
{
	char *bad = json_dumps(record, JSON_SORT_KEYS | JSON_COMPACT | JSON_REAL_PRECISION(17));
	char want[512];
	int want_code;
	expected_for(path, want, sizeof(want), &want_code);
	int code = verify(f->profile, bad, f->err);
	if (code != want_code || !anker_error_path(f->err) ||
	    strcmp(anker_error_path(f->err), want) != 0)
		fail_msg("%s: got %d at %s, want %d at %s: %s", path, code,
			 anker_error_path(f->err), want_code, want, anker_error_message(f->err));
	free(bad);
}

/* Change every leaf of @p node in turn and verify the record each time. */
static void tamper_leaves(struct fixture *f, json_t *record, json_t *node, char *path, size_t len,
			  size_t *count)
{
	if (json_is_object(node) || json_is_array(node)) {
		const char *key;
		json_t *value;
		size_t i;
		if (json_is_object(node)) {
			json_object_foreach(node, key, value)
			{
				snprintf(path + len, 512 - len, ".%s", key);
				tamper_leaves(f, record, value, path, strlen(path), count);
			}
		} else {
			json_array_foreach(node, i, value)
			{
				snprintf(path + len, 512 - len, "[%zu]", i);
				tamper_leaves(f, record, value, path, strlen(path), count);
			}
		}
		path[len] = '\0';
		return;
	}
	/* true, false and null are shared by jansson: tamper_constants() changes them */
	if (json_is_true(node) || json_is_false(node) || json_is_null(node))
		return;
	/* change the leaf in place, verify, put it back */
	json_t *saved = json_deep_copy(node);
	if (json_is_string(node)) {
		char changed[512];
		snprintf(changed, sizeof(changed), "%sx", json_string_value(node));
		json_string_set(node, changed);
	} else if (json_is_integer(node)) {
		json_integer_set(node, json_integer_value(node) + 1);
	} else {
		json_real_set(node, json_real_value(node) + 1.0);
	}
	check_tampered(f, record, path);
	if (json_is_string(saved))
		json_string_set(node, json_string_value(saved));
	else if (json_is_integer(saved))
		json_integer_set(node, json_integer_value(saved));
	else
		json_real_set(node, json_real_value(saved));
	json_decref(saved);
	(*count)++;
}

/* true/false/null leaves: replaced in their parent by the opposite or a string. */
static void tamper_constants(struct fixture *f, json_t *record, json_t *node, char *path,
			     size_t len, size_t *count)
{
	const char *key;
	json_t *value;
	size_t i;
	if (json_is_array(node)) {
		json_array_foreach(node, i, value)
		{
			snprintf(path + len, 512 - len, "[%zu]", i);
			tamper_constants(f, record, value, path, strlen(path), count);
		}
		path[len] = '\0';
		return;
	}
	if (!json_is_object(node))
		return;
	json_object_foreach(node, key, value)
	{
		snprintf(path + len, 512 - len, ".%s", key);
		if (json_is_true(value) || json_is_false(value) || json_is_null(value)) {
			json_t *saved = json_incref(value);
			json_object_set_new(node, key,
					    json_is_null(value)
						? json_string("x")
						: json_boolean(json_is_false(value)));
			check_tampered(f, record, path);
			json_object_set_new(node, key, saved);
			(*count)++;
		} else {
			tamper_constants(f, record, value, path, strlen(path), count);
		}
	}
	path[len] = '\0';
}

static void test_tampered(void **state)
{
	(void)state;
	struct fixture *f = fixture_new();
	assess(f);
	decide_agree(f);
	assert_int_equal(anker_assessment_set_case_id(f->a, "K-1001"), 0);
	assert_int_equal(anker_assessment_set_case_id(f->a, ""), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_assessment_set_previous(f->a, zeros_hex), 0);
	char *text = record_of(f->a);
	assert_non_null(strstr(text, "\"case_id\":\"K-1001\""));
	assert_int_equal(verify(f->profile, text, f->err), 0);
	json_error_t jerr;
	json_t *r = json_loads(text, 0, &jerr);
	assert_non_null(r);
	char path[512] = "$";
	size_t count = 0;
	tamper_leaves(f, r, r, path, 1, &count);
	tamper_constants(f, r, r, path, 1, &count);
	/* every leaf of the record, each of the 12 top-level members among them */
	assert_true(count > 150);
	assert_int_equal(json_object_size(r), 12);
	/* a member the record did not have */
	json_object_set_new(r, "extra", json_integer(1));
	char *bad = json_dumps(r, JSON_SORT_KEYS | JSON_COMPACT);
	assert_int_equal(verify(f->profile, bad, f->err), ANKER_E_VERIFY);
	assert_string_equal(anker_error_path(f->err), "$.extra");
	free(bad);
	/* a section removed, its digest left */
	json_object_del(r, "extra");
	json_object_del(r, "case_id");
	bad = json_dumps(r, JSON_SORT_KEYS | JSON_COMPACT);
	assert_int_equal(verify(f->profile, bad, f->err), ANKER_E_VERIFY);
	assert_string_equal(anker_error_path(f->err), "$.digests.case_id");
	free(bad);
	json_decref(r);
	/* not JSON at all */
	assert_int_equal(verify(f->profile, "{\"format\":", f->err), ANKER_E_SYNTAX);
	free(text);
	fixture_free(f);
}

/* anker_verify_file(): the profile a record names, found through ANKER_PROFILE_PATH. */
static void test_verify_finds_profile(void **state)
{
	(void)state;
	struct fixture *f = fixture_new();
	assess(f);
	char path[256], dir[512];
	snprintf(path, sizeof(path), "%s/found.jsonl", tmpdir);
	assert_int_equal(anker_assessment_write_record_file(f->a, path, 0, f->err), 0);
	size_t count = 99;
	unsetenv("ANKER_PROFILE_PATH");
	assert_int_equal(anker_verify_file(f->ctx, path, &count, f->err), ANKER_E_NOT_FOUND);
	assert_int_equal(count, 0);
	assert_non_null(strstr(anker_error_message(f->err), "found.jsonl"));
	assert_non_null(strstr(anker_error_message(f->err), "demo-anker.json (not found)"));
	snprintf(dir, sizeof(dir), "%s", test_source_path("data/profiles"));
	setenv("ANKER_PROFILE_PATH", dir, 1);
	assert_int_equal(anker_verify_file(f->ctx, path, &count, f->err), 0);
	assert_int_equal(count, 1);
	unsetenv("ANKER_PROFILE_PATH");
	assert_int_equal(anker_verify_file(NULL, path, &count, f->err), ANKER_E_INVALID_ARGUMENT);
	snprintf(path, sizeof(path), "%s/none.jsonl", tmpdir);
	assert_int_equal(anker_verify_file(f->ctx, path, &count, f->err), ANKER_E_IO);
	fixture_free(f);
}

/* Three records of one client, chained, in a JSON Lines file. */
static void write_chain(struct fixture *f, const char *path, char records[3][16384])
{
	char previous[65] = "";
	for (int i = 0; i < 3; i++) {
		anker_case_set_number(f->c, "ww_months", 3 + 3 * i);
		assess(f);
		if (i > 0)
			assert_int_equal(anker_assessment_set_previous(f->a, previous), 0);
		decide_agree(f);
		size_t len = 0;
		assert_int_equal(anker_assessment_write_record(f->a, records[i], 16384, &len, NULL),
				 0);
		assert_int_equal(anker_assessment_get_record_sha256(f->a, previous), 0);
		assert_int_equal(anker_assessment_write_record_file(f->a, path, i > 0, f->err), 0);
	}
}

static void write_lines(const char *path, char records[3][16384], const int *order, int n)
{
	FILE *out = fopen(path, "w");
	for (int i = 0; i < n; i++)
		fprintf(out, "%s\n", records[order[i]]);
	fclose(out);
}

static void test_chain(void **state)
{
	(void)state;
	struct fixture *f = fixture_new();
	static char records[3][16384];
	char path[128];
	snprintf(path, sizeof(path), "%s/chain.jsonl", tmpdir);
	write_chain(f, path, records);
	size_t count = 0;
	assert_int_equal(anker_profile_verify_file(f->profile, path, &count, f->err), 0);
	assert_int_equal(count, 3);
	assert_int_equal(anker_assessment_set_previous(f->a, "abc"), ANKER_E_INVALID_ARGUMENT);
	/* the middle record removed */
	write_lines(path, records, (const int[]){0, 2}, 2);
	assert_int_equal(anker_profile_verify_file(f->profile, path, &count, f->err),
			 ANKER_E_VERIFY);
	assert_int_equal(count, 1);
	assert_int_equal(anker_error_case_index(f->err), 1);
	assert_string_equal(anker_error_path(f->err), "$.previous");
	assert_non_null(strstr(anker_error_message(f->err), "chain is broken"));
	/* two swapped */
	write_lines(path, records, (const int[]){0, 2, 1}, 3);
	assert_int_equal(anker_profile_verify_file(f->profile, path, &count, f->err),
			 ANKER_E_VERIFY);
	assert_int_equal(anker_error_case_index(f->err), 1);
	/* the single-record call with the previous hash */
	char first_sha[65];
	json_error_t jerr;
	json_t *first = json_loads(records[0], 0, &jerr);
	snprintf(first_sha, sizeof(first_sha), "%s",
		 json_string_value(json_object_get(first, "sha256")));
	json_decref(first);
	assert_int_equal(anker_profile_verify_record(f->profile, records[1], strlen(records[1]),
						     first_sha, f->err),
			 0);
	assert_int_equal(anker_profile_verify_record(f->profile, records[2], strlen(records[2]),
						     first_sha, f->err),
			 ANKER_E_VERIFY);
	assert_int_equal(
	    anker_profile_verify_file(f->profile, "/nonexistent/x.jsonl", NULL, f->err),
	    ANKER_E_IO);
	fixture_free(f);
}

/* The same record under a Dutch locale, and verified there. */
static void test_dutch_locale(void **state)
{
	(void)state;
	struct fixture *f = fixture_new();
	assess(f);
	decide_agree(f);
	char *c_record = record_of(f->a);
	char *old = strdup(setlocale(LC_ALL, NULL));
	if (!setlocale(LC_ALL, "nl_NL.UTF-8")) {
		free(old);
		free(c_record);
		fixture_free(f);
		skip();
	}
	assess(f);
	decide_agree(f);
	char *nl_record = record_of(f->a);
	int verified = verify(f->profile, c_record, f->err);
	setlocale(LC_ALL, old);
	free(old);
	assert_string_equal(nl_record, c_record);
	assert_int_equal(verified, 0);
	free(nl_record);
	free(c_record);
	fixture_free(f);
}

/* Threads sharing one profile write and verify identical records. */
struct worker {
	pthread_t thread;
	const struct anker_profile *profile;
	struct anker_ctx *ctx;
	const char *expected;
	int ok;
};

static void *run_worker(void *arg)
{
	struct worker *w = arg;
	struct anker_case *c = NULL;
	struct anker_error *err = NULL;
	anker_error_new(&err);
	w->ok = anker_case_new(w->ctx, &c) == 0;
	if (w->ok)
		set_sanne(c);
	for (int i = 0; i < 25 && w->ok; i++) {
		struct anker_assessment *a = NULL;
		char buf[16384];
		size_t len = 0;
		w->ok =
		    anker_profile_assess(w->profile, c, 0, &a, err) == 0 &&
		    anker_assessment_decide(a, 0, NULL, NULL, "coach-17", "werkcoach",
					    "2027-03-01T10:15:00+01:00", NULL, NULL, err) == 0 &&
		    anker_assessment_write_record(a, buf, sizeof(buf), &len, err) == 0 &&
		    strcmp(buf, w->expected) == 0 &&
		    anker_profile_verify_record(w->profile, w->expected, strlen(w->expected), NULL,
						err) == 0;
		anker_assessment_free(a);
	}
	anker_case_free(c);
	anker_error_free(err);
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	/* the plain allocator: cmocka's test_malloc is not for threads */
	struct anker_ctx *ctx = NULL;
	assert_int_equal(anker_ctx_new(&ctx), 0);
	struct anker_profile *p = load_demo(ctx);
	struct anker_case *c = NULL;
	struct anker_assessment *a = NULL;
	assert_int_equal(anker_case_new(ctx, &c), 0);
	set_sanne(c);
	assert_int_equal(anker_profile_assess(p, c, 0, &a, NULL), 0);
	assert_int_equal(anker_assessment_decide(a, 0, NULL, NULL, "coach-17", "werkcoach",
						 "2027-03-01T10:15:00+01:00", NULL, NULL, NULL),
			 0);
	char *expected = record_of(a);
	enum { THREADS = 4 };
	struct worker workers[THREADS];
	for (int t = 0; t < THREADS; t++) {
		workers[t] = (struct worker){.profile = p, .ctx = ctx, .expected = expected};
		assert_int_equal(pthread_create(&workers[t].thread, NULL, run_worker, &workers[t]),
				 0);
	}
	for (int t = 0; t < THREADS; t++) {
		pthread_join(workers[t].thread, NULL);
		assert_true(workers[t].ok);
	}
	free(expected);
	anker_assessment_free(a);
	anker_case_free(c);
	anker_profile_unref(p);
	anker_ctx_unref(ctx);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/anker-test-assess-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	const char *names[] = {"profile.json", "rules.json", "chain.jsonl"};
	char path[128];
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, names[i]);
		unlink(path);
	}
	rmdir(tmpdir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_demo_profile),    cmocka_unit_test(test_profile_errors),
	    cmocka_unit_test(test_out_of_memory),   cmocka_unit_test(test_sanne_advice),
	    cmocka_unit_test(test_missing_scale),   cmocka_unit_test(test_unknown_variable),
	    cmocka_unit_test(test_decisions),	    cmocka_unit_test(test_canonical_form),
	    cmocka_unit_test(test_record_contents), cmocka_unit_test(test_tampered),
	    cmocka_unit_test(test_chain),	    cmocka_unit_test(test_verify_finds_profile),
	    cmocka_unit_test(test_dutch_locale),    cmocka_unit_test(test_threads),
	    cmocka_unit_test(test_infinite_output),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
