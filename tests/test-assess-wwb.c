/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The WWB-toets as an instrument of an assessment profile (docs/assessment.md,
 * "The WWB-toets as an instrument"), with data/profiles/demo-anker-wwb.json:
 * its outputs in the rule table, for households whose figures are worked out
 * by hand from the domain notes' 2026-01-01 tables; the record's "wwb" member
 * and its verification; profile and case errors; and every allocation failing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "test-mutate.h"
#include "test-util.h"

#define PROFILE "data/profiles/demo-anker-wwb.json"

static char tmpdir[64];

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

/* AMT's inputs: a 45-year-old in retail, 3 months in WW. 0 or the first failure. */
static int set_amt(struct anker_case *c)
{
	int r = 0;
	r = r < 0 ? r : anker_case_set_number(c, "age", 45);
	r = r < 0 ? r : anker_case_set_number(c, "ww_months", 3);
	r = r < 0 ? r : anker_case_set_number(c, "work_history_years", 20);
	r = r < 0 ? r : anker_case_set_number(c, "applications_4w", 4);
	r = r < 0 ? r : anker_case_set_number(c, "health", 3);
	r = r < 0 ? r : anker_case_set_bool(c, "has_partner", 0);
	r = r < 0 ? r : anker_case_set_bool(c, "care_duties", 0);
	r = r < 0 ? r : anker_case_set_bool(c, "female", 1);
	r = r < 0 ? r : anker_case_set_level(c, "education", "vocational");
	r = r < 0 ? r : anker_case_set_level(c, "sector", "retail");
	r = r < 0 ? r : anker_case_set_level(c, "region", "average");
	return r;
}

/*
 * Eva, single, born 1980-05-12, WW ends 2026-03-31, assessed 2025-10-15:
 * 5 whole months to go (2025-10-15 + 5 months = 2026-03-15 <= 2026-03-31 <
 * 2026-04-15). Earnings €400 since 2026-01-01, so the disregard runs (3rd
 * month): 25% = €100 (below the €285 maximum). Norm 'single' on 2026-01-01:
 * €1,401.50; counted €300; bijstand €1,101.50. Savings €3,500 within €8,000.
 */
static int set_eva(struct anker_case *c)
{
	int r = set_amt(c);
	r = r < 0 ? r : anker_case_set_level(c, "WWB.reference_date", "2026-03-31");
	r = r < 0 ? r : anker_case_set_level(c, "WWB.assessment_date", "2025-10-15");
	r = r < 0 ? r : anker_case_set_level(c, "WWB.claimant_birth_date", "1980-05-12");
	r = r < 0 ? r : anker_case_set_level(c, "WWB.claimant_unemployed_since", "2024-09-01");
	r = r < 0 ? r : anker_case_set_number(c, "WWB.income_claimant_earnings", 400);
	r = r < 0 ? r : anker_case_set_number(c, "WWB.assets_savings", 3500);
	return r;
}

struct run {
	struct anker_ctx *ctx;
	struct anker_profile *p;
	struct anker_case *c;
	struct anker_assessment *a;
	json_t *record;
};

static void run_new(struct run *t, int (*set)(struct anker_case *))
{
	t->ctx = test_ctx_new();
	t->p = load_profile(t->ctx);
	assert_int_equal(anker_case_new(t->ctx, &t->c), 0);
	assert_int_equal(set(t->c), 0);
	t->a = NULL;
	t->record = NULL;
}

static void run_assess(struct run *t)
{
	struct anker_error *err = NULL;
	anker_error_new(&err);
	if (anker_profile_assess(t->p, t->c, 0, &t->a, err) < 0)
		fail_msg("%s", anker_error_message(err));
	size_t len = 0;
	assert_int_equal(anker_assessment_write_record(t->a, NULL, 0, &len, NULL),
			 ANKER_E_TOO_LARGE);
	char *buf = malloc(len + 1);
	assert_int_equal(anker_assessment_write_record(t->a, buf, len + 1, &len, err), 0);
	json_error_t jerr;
	t->record = json_loads(buf, 0, &jerr);
	assert_non_null(t->record);
	/* the record verifies against the profile */
	if (anker_profile_verify_record(t->p, buf, len, NULL, err) < 0)
		fail_msg("%s", anker_error_message(err));
	free(buf);
	anker_error_free(err);
}

static void run_free(struct run *t)
{
	json_decref(t->record);
	anker_assessment_free(t->a);
	anker_case_free(t->c);
	anker_profile_unref(t->p);
	anker_ctx_unref(t->ctx);
}

static json_t *wwb_output(const struct run *t, const char *name)
{
	json_t *v =
	    json_object_get(json_object_get(json_object_get(t->record, "wwb"), "outputs"), name);
	assert_non_null(v);
	return v;
}

static void assert_output_text(const struct run *t, const char *name, const char *expected)
{
	assert_string_equal(json_string_value(wwb_output(t, name)), expected);
}

static void assert_output_number(const struct run *t, const char *name, double expected)
{
	json_t *v = wwb_output(t, name);
	assert_true(json_is_number(v));
	assert_true(json_number_value(v) == expected);
}

static void test_eva_warme_overdracht(void **state)
{
	(void)state;
	struct run t;
	run_new(&t, set_eva);
	run_assess(&t);
	assert_string_equal(anker_profile_get_wwb_alias(t.p), "WWB");
	assert_string_equal(anker_assessment_get_advice_value(t.a, "rule"), "warme_overdracht");
	assert_string_equal(anker_assessment_get_advice_value(t.a, "service"), "warme_overdracht");
	assert_output_text(&t, "verdict", "entitled");
	assert_output_number(&t, "expected_bijstand", 1101.50);
	assert_output_number(&t, "norm", 1401.50);
	assert_output_number(&t, "months_to_ww_end", 5);
	assert_output_text(&t, "route", "bijstand");
	assert_output_text(&t, "early_report", "no");
	assert_output_text(&t, "loan", "no");
	json_t *wwb = json_object_get(t.record, "wwb");
	assert_string_equal(json_string_value(json_object_get(wwb, "alias")), "WWB");
	assert_string_equal(json_string_value(json_object_get(wwb, "norms_valid_from")),
			    "2026-01-01");
	assert_int_equal(json_array_size(json_object_get(wwb, "norms")), 12);
	assert_int_equal(json_array_size(json_object_get(wwb, "missing")), 0);
	/* the reasoning, with its articles, is in the record */
	json_t *lines = json_object_get(wwb, "reasoning"), *line;
	size_t i;
	bool found = false;
	json_array_foreach(lines, i, line)
	{
		if (strcmp(json_string_value(json_object_get(line, "code")), "bijstand") == 0) {
			found = true;
			assert_string_equal(json_string_value(json_object_get(line, "article")),
					    "Participatiewet art. 19(1)");
			assert_non_null(
			    strstr(json_string_value(json_object_get(line, "en")), "€1,101.50"));
		}
	}
	assert_true(found);
	/* the household's values are the record's inputs, as given */
	json_t *inputs = json_object_get(t.record, "inputs");
	assert_string_equal(json_string_value(json_object_get(inputs, "WWB.claimant_birth_date")),
			    "1980-05-12");
	assert_true(json_number_value(json_object_get(inputs, "WWB.assets_savings")) == 3500.0);
	run_free(&t);
}

/* One more month to go: WW ends in 8 months, so no hand-over; AMT's band decides. */
static int set_eva_early(struct anker_case *c)
{
	int r = set_eva(c);
	return r < 0 ? r : anker_case_set_level(c, "WWB.assessment_date", "2025-07-31");
}

/* AMT's band and the rule it leads to, in the demonstration table's order. */
static const char *amt_rule(const struct run *t)
{
	const struct anker_result *amt = anker_assessment_get_result(t->a, 0);
	const struct anker_model *m = anker_profile_get_instrument(t->p, 0);
	int o = anker_model_find_output(m, "band");
	assert_true(o >= 0);
	const char *band = anker_model_get_output_level_name(
	    m, (size_t)o, (size_t)anker_result_get_level(amt, (size_t)o));
	return strcmp(band, "low") == 0	       ? "kans_laag"
	       : strcmp(band, "moderate") == 0 ? "kans_matig"
					       : "zelfstandig";
}

static void test_eight_months_to_go(void **state)
{
	(void)state;
	struct run t;
	run_new(&t, set_eva_early);
	run_assess(&t);
	/* 2025-07-31 + 8 months = 2026-03-31 */
	assert_output_number(&t, "months_to_ww_end", 8);
	assert_output_text(&t, "verdict", "entitled");
	assert_string_equal(anker_assessment_get_advice_value(t.a, "rule"), amt_rule(&t));
	run_free(&t);
}

/* Without an assessment date the months are missing: no hand-over rule matches. */
static int set_eva_undated(struct anker_case *c)
{
	int r = set_eva(c);
	return r < 0 ? r : anker_case_set_missing(c, "WWB.assessment_date");
}

static void test_no_assessment_date(void **state)
{
	(void)state;
	struct run t;
	run_new(&t, set_eva_undated);
	run_assess(&t);
	assert_true(json_is_null(wwb_output(&t, "months_to_ww_end")));
	assert_string_equal(anker_assessment_get_advice_value(t.a, "rule"), amt_rule(&t));
	run_free(&t);
}

/* Earnings €3,000 (disregard capped at €285): counted €2,715, above €1,401.50. */
static int set_eva_earning(struct anker_case *c)
{
	int r = set_eva(c);
	return r < 0 ? r : anker_case_set_number(c, "WWB.income_claimant_earnings", 3000);
}

static void test_not_entitled(void **state)
{
	(void)state;
	struct run t;
	run_new(&t, set_eva_earning);
	run_assess(&t);
	assert_output_text(&t, "verdict", "not_entitled");
	assert_output_number(&t, "expected_bijstand", 0);
	assert_string_equal(anker_assessment_get_advice_value(t.a, "rule"), amt_rule(&t));
	run_free(&t);
}

/*
 * Henk, born 1963-01-15, unemployed since 2014-06-01 (aged 51): the IOAW,
 * which has no asset test, although his €50,000 savings are above the asset
 * limit for bijstand (€8,000). WW ends 2026-03-31, assessed 2025-12-01: 3 months.
 */
static int set_henk(struct anker_case *c)
{
	int r = set_amt(c);
	r = r < 0 ? r : anker_case_set_level(c, "WWB.reference_date", "2026-03-31");
	r = r < 0 ? r : anker_case_set_level(c, "WWB.assessment_date", "2025-12-01");
	r = r < 0 ? r : anker_case_set_level(c, "WWB.claimant_birth_date", "1963-01-15");
	r = r < 0 ? r : anker_case_set_level(c, "WWB.claimant_unemployed_since", "2014-06-01");
	r = r < 0 ? r : anker_case_set_number(c, "WWB.assets_savings", 50000);
	r = r < 0 ? r : anker_case_set_number(c, "WWB.income_claimant_benefit", 0);
	return r;
}

static void test_henk_ioaw(void **state)
{
	(void)state;
	struct run t;
	run_new(&t, set_henk);
	run_assess(&t);
	assert_output_text(&t, "verdict", "not_entitled");
	assert_output_text(&t, "route", "ioaw");
	assert_output_number(&t, "months_to_ww_end", 3);
	assert_string_equal(anker_assessment_get_advice_value(t.a, "rule"), "ioaw");
	run_free(&t);
}

/*
 * Gerrit, born 1958-06-01: pension age 67 (born 1957-03-01..1960-12-31),
 * reached on 2025-06-01, before his WW ends on 2026-03-31: the AIO through
 * the SVB, with the norm 'single_pension' of 2026-01-01, €1,564.69, all of it
 * bijstand without income.
 */
static int set_gerrit(struct anker_case *c)
{
	int r = set_amt(c);
	r = r < 0 ? r : anker_case_set_level(c, "WWB.reference_date", "2026-03-31");
	r = r < 0 ? r : anker_case_set_level(c, "WWB.assessment_date", "2026-01-10");
	r = r < 0 ? r : anker_case_set_level(c, "WWB.claimant_birth_date", "1958-06-01");
	r = r < 0 ? r : anker_case_set_number(c, "WWB.income_claimant_benefit", 0);
	r = r < 0 ? r : anker_case_set_number(c, "WWB.assets_savings", 0);
	return r;
}

static void test_gerrit_aio(void **state)
{
	(void)state;
	struct run t;
	run_new(&t, set_gerrit);
	run_assess(&t);
	assert_output_text(&t, "route", "aio");
	assert_output_number(&t, "norm", 1564.69);
	assert_output_number(&t, "expected_bijstand", 1564.69);
	assert_output_number(&t, "months_to_ww_end", 2);
	assert_string_equal(anker_assessment_get_advice_value(t.a, "rule"), "aio_svb");
	run_free(&t);
}

/* A changed WWB output in a record is found at its path. */
static void test_tampered_output(void **state)
{
	(void)state;
	struct run t;
	run_new(&t, set_eva);
	run_assess(&t);
	json_object_set_new(json_object_get(json_object_get(t.record, "wwb"), "outputs"),
			    "expected_bijstand", json_real(1101.51));
	char *text = json_dumps(t.record, JSON_COMPACT | JSON_SORT_KEYS);
	struct anker_error *err = NULL;
	anker_error_new(&err);
	assert_int_equal(anker_profile_verify_record(t.p, text, strlen(text), NULL, err),
			 ANKER_E_VERIFY);
	assert_string_equal(anker_error_path(err), "$.wwb.outputs.expected_bijstand");
	free(text);
	anker_error_free(err);
	run_free(&t);
}

/* Bad household values in the case fail the assessment, naming the field. */
static void test_case_errors(void **state)
{
	(void)state;
	static const struct {
		const char *name, *value;
		int code;
		const char *field;
	} cases[] = {
	    {"WWB.claimant_birth_date", "1980-02-30", ANKER_E_BAD_VALUE, "birth_date"},
	    {"WWB.assessment_date", "yesterday", ANKER_E_BAD_VALUE, "WWB.assessment_date"},
	    {"WWB.children", "many", ANKER_E_BAD_VALUE, "children"},
	    {"WWB.housemates", "spouse:1990-01-01", ANKER_E_BAD_VALUE, "relation"},
	    {"WWB.reference_date", "2019-01-01", ANKER_E_NOT_FOUND, NULL},
	    {"WWB.shoe_size", "42", ANKER_E_UNKNOWN_VARIABLE, "WWB.shoe_size"},
	};
	struct anker_error *err = NULL;
	anker_error_new(&err);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run t;
		run_new(&t, set_eva);
		assert_int_equal(anker_case_set_level(t.c, cases[i].name, cases[i].value), 0);
		int r = anker_profile_assess(t.p, t.c, 0, &t.a, err);
		if (r != cases[i].code ||
		    (cases[i].field && (!anker_error_field(err) ||
					strcmp(anker_error_field(err), cases[i].field) != 0)))
			fail_msg("%s: got %d (%s), field %s", cases[i].name, r,
				 anker_error_message(err), anker_error_field(err));
		assert_null(t.a);
		run_free(&t);
	}
	/* a missing reference date is an error, not a guess */
	struct run t;
	run_new(&t, set_eva);
	assert_int_equal(anker_case_set_missing(t.c, "WWB.reference_date"), 0);
	assert_int_equal(anker_profile_assess(t.p, t.c, 0, &t.a, err), ANKER_E_MISSING_KEY);
	assert_string_equal(anker_error_field(err), "reference_date");
	run_free(&t);
	anker_error_free(err);
}

/* Profile errors: the demonstration profile with absolute paths, then edited. */
struct profile_case {
	const char *name;
	const char *key;
	const char *json;
	bool rules_edit;
	int code;
	const char *path, *field;
};

static const char zeros[] = "\"0000000000000000000000000000000000000000000000000000000000000000\"";

static const struct profile_case profile_cases[] = {
    {"norms pin mismatch", "wwb/norms/0/sha256", zeros, false, ANKER_E_HASH_MISMATCH,
     "$.wwb.norms[0].sha256", "sha256"},
    {"norms pin not hex", "wwb/norms/3/sha256", "\"abc\"", false, ANKER_E_BAD_VALUE,
     "$.wwb.norms[3].sha256", "sha256"},
    {"norms pin without file", "wwb/norms/1/file", NULL, false, ANKER_E_MISSING_KEY,
     "$.wwb.norms[1].file", "file"},
    {"norms pin key", "wwb/norms/1/id", "\"x\"", false, ANKER_E_UNKNOWN_KEY, "$.wwb.norms[1].id",
     "id"},
    {"no norms", "wwb/norms", "[]", false, ANKER_E_BAD_VALUE, "$.wwb.norms", "norms"},
    {"wwb key", "wwb/extra", "1", false, ANKER_E_UNKNOWN_KEY, "$.wwb.extra", "extra"},
    {"wwb alias of an instrument", "wwb/alias", "\"AMT\"", false, ANKER_E_DUPLICATE, "$.wwb.alias",
     "alias"},
    {"wwb alias not an identifier", "wwb/alias", "\"W W B\"", false, ANKER_E_BAD_VALUE,
     "$.wwb.alias", "alias"},
    {"wwb not an object", "wwb", "[]", false, ANKER_E_WRONG_TYPE, "$.wwb", NULL},
    {"no wwb for the rules", "wwb", NULL, false, ANKER_E_REFERENCE, "$.rules.file", "file"},
    {"norms file twice", "wwb/norms/1", "{\"file\": \"x\", \"sha256\": \"\"}", false,
     ANKER_E_DUPLICATE, "$.wwb.norms[1]", NULL},
    /* the rule table's inputs against the WWB-toets's outputs */
    {"no such output", "inputs/4", "{\"name\": \"WWB.chance\", \"range\": [0, 1]}", true,
     ANKER_E_REFERENCE, "$.rules.file", "file"},
    {"levels out of order", "inputs/1",
     "{\"name\": \"WWB.verdict\", \"levels\": [\"unknown\", \"entitled\", \"not_entitled\"]}", true,
     ANKER_E_REFERENCE, "$.rules.file", "file"},
    {"level input for a number", "inputs/4",
     "{\"name\": \"WWB.expected_bijstand\", \"levels\": [\"soon\"]}", true, ANKER_E_REFERENCE,
     "$.rules.file", "file"},
    {"number input for a level", "inputs/4", "{\"name\": \"WWB.loan\", \"range\": [0, 1]}", true,
     ANKER_E_REFERENCE, "$.rules.file", "file"},
};

static void set_pointer(json_t *root, const char *pointer, const char *json)
{
	if (json)
		edit_set_text(root, pointer, json);
	else
		edit_delete(root, pointer);
}

static void absolute_file(json_t *entry)
{
	char rel[512];
	snprintf(rel, sizeof(rel), "data/profiles/%s",
		 json_string_value(json_object_get(entry, "file")));
	json_object_set_new(entry, "file", json_string(test_source_path(rel)));
}

static json_t *absolute_profile(void)
{
	json_error_t jerr;
	json_t *root = json_load_file(test_source_path(PROFILE), 0, &jerr);
	assert_non_null(root);
	json_t *entry;
	size_t i;
	json_array_foreach(json_object_get(root, "instruments"), i, entry) absolute_file(entry);
	json_array_foreach(json_object_get(json_object_get(root, "wwb"), "norms"), i, entry)
	    absolute_file(entry);
	absolute_file(json_object_get(root, "rules"));
	return root;
}

static void edit_rules(struct anker_ctx *ctx, json_t *profile, const struct profile_case *pc)
{
	json_error_t jerr;
	json_t *rules =
	    json_load_file(test_source_path("data/models/demo-advies-wwb.json"), 0, &jerr);
	assert_non_null(rules);
	set_pointer(rules, pc->key, pc->json);
	char path[128];
	snprintf(path, sizeof(path), "%s/rules.json", tmpdir);
	assert_int_equal(json_dump_file(rules, path, JSON_INDENT(1)), 0);
	json_decref(rules);
	struct anker_model *m = NULL;
	assert_int_equal(anker_model_load_file(ctx, path, NULL, &m), 0);
	json_t *pin = json_object_get(profile, "rules");
	json_object_set_new(pin, "file", json_string(path));
	json_object_set_new(pin, "sha256", json_string(anker_model_get_sha256(m)));
	anker_model_unref(m);
}

static void test_profile_errors(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	anker_error_new(&err);
	char path[128];
	snprintf(path, sizeof(path), "%s/profile.json", tmpdir);
	json_t *root = absolute_profile();
	assert_int_equal(json_dump_file(root, path, JSON_INDENT(1)), 0);
	json_decref(root);
	struct anker_profile *p = NULL;
	if (anker_profile_load_file(ctx, path, err, &p) < 0)
		fail_msg("%s", anker_error_message(err));
	anker_profile_unref(p);
	for (size_t i = 0; i < sizeof(profile_cases) / sizeof(profile_cases[0]); i++) {
		const struct profile_case *pc = &profile_cases[i];
		root = absolute_profile();
		if (pc->rules_edit) {
			edit_rules(ctx, root, pc);
		} else if (strcmp(pc->name, "norms file twice") == 0) {
			/* the 2021 norms table pinned twice: the second overlaps the first */
			json_t *norms = json_object_get(json_object_get(root, "wwb"), "norms");
			json_array_set(norms, 1, json_array_get(norms, 0));
		} else {
			set_pointer(root, pc->key, pc->json);
		}
		assert_int_equal(json_dump_file(root, path, JSON_INDENT(1)), 0);
		json_decref(root);
		p = NULL;
		int r = anker_profile_load_file(ctx, path, err, &p);
		const char *at = anker_error_path(err);
		bool path_ok = at && (strcmp(at, pc->path) == 0 || pc->code == ANKER_E_DUPLICATE);
		if (r != pc->code || !path_ok ||
		    (pc->field &&
		     (!anker_error_field(err) || strcmp(anker_error_field(err), pc->field) != 0)))
			fail_msg("%s: got %d (%s), path %s, field %s", pc->name, r,
				 anker_error_message(err), anker_error_path(err),
				 anker_error_field(err));
		assert_null(p);
		if (pc->code == ANKER_E_HASH_MISMATCH)
			assert_non_null(strstr(anker_error_message(err), "assets-2021.json"));
	}
	/* a norms file that is not there: the reader's error, naming it */
	root = absolute_profile();
	edit_set_text(root, "wwb/norms/0/file", "\"no-such-norms.json\"");
	assert_int_equal(json_dump_file(root, path, JSON_INDENT(1)), 0);
	json_decref(root);
	assert_int_equal(anker_profile_load_file(ctx, path, err, &p), ANKER_E_IO);
	assert_non_null(strstr(anker_error_message(err), "no-such-norms.json"));
	/* a profile without a WWB-toets has no alias for it */
	assert_int_equal(anker_profile_load_file(
			     ctx, test_source_path("data/profiles/demo-anker.json"), err, &p),
			 0);
	assert_null(anker_profile_get_wwb_alias(p));
	assert_null(anker_profile_get_wwb_alias(NULL));
	anker_profile_unref(p);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

/* Every allocation of loading, assessing and writing fails in turn: a clean ANKER_E_NO_MEMORY. */
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
			r = set_eva(c);
		if (r == 0)
			r = anker_profile_assess(p, c, 0, &a, NULL);
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

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/anker-test-assess-wwb-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	const char *names[] = {"profile.json", "rules.json"};
	char path[128];
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, names[i]);
		unlink(path);
	}
	rmdir(tmpdir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_eva_warme_overdracht),
	    cmocka_unit_test(test_eight_months_to_go),
	    cmocka_unit_test(test_no_assessment_date),
	    cmocka_unit_test(test_not_entitled),
	    cmocka_unit_test(test_henk_ioaw),
	    cmocka_unit_test(test_gerrit_aio),
	    cmocka_unit_test(test_tampered_output),
	    cmocka_unit_test(test_case_errors),
	    cmocka_unit_test(test_profile_errors),
	    cmocka_unit_test(test_out_of_memory),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
