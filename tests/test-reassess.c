/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * anker_profile_reassess(): one assessment refilled case after case must give
 * exactly the record a fresh anker_profile_assess() gives for each case,
 * whatever the case before it held (a decision, a case id, a chain link, an
 * instrument that could not be scored), and must say so when it fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-util.h"

#define DEMO	      "data/profiles/demo-anker.json"
#define WERKVERKENNER "data/profiles/demo-werkverkenner.json"

static struct anker_profile *load(struct anker_ctx *ctx, const char *path)
{
	struct anker_profile *p = NULL;
	if (anker_profile_load_file(ctx, test_source_path(path), NULL, &p) < 0)
		fail_msg("cannot load %s", path);
	return p;
}

/* @p c from the JSON file @p path under the source tree. */
static void read_case(struct anker_case *c, const char *path)
{
	FILE *f = fopen(test_source_path(path), "rb");
	assert_non_null(f);
	char text[8192];
	size_t n = fread(text, 1, sizeof(text), f);
	fclose(f);
	assert_true(n > 0 && n < sizeof(text));
	anker_case_clear(c);
	assert_int_equal(anker_case_set_json(c, text, n, path, NULL), 0);
}

/* The record as a string (malloc'ed). */
static char *record_of(const struct anker_assessment *a)
{
	size_t len = 0;
	assert_int_equal(anker_assessment_write_record(a, NULL, 0, &len, NULL), ANKER_E_TOO_LARGE);
	char *buf = malloc(len + 1);
	assert_int_equal(anker_assessment_write_record(a, buf, len + 1, &len, NULL), 0);
	return buf;
}

/* What a fresh assessment of @p c writes. */
static char *fresh_record(const struct anker_profile *p, const struct anker_case *c)
{
	struct anker_assessment *a = NULL;
	assert_int_equal(anker_profile_assess(p, c, 0, &a, NULL), 0);
	char *text = record_of(a);
	anker_assessment_free(a);
	return text;
}

/* Reassess @p c into @p a and compare its record with a fresh one. */
static void check_same(const struct anker_profile *p, const struct anker_case *c,
		       struct anker_assessment *a, const char *what)
{
	char *fresh = fresh_record(p, c);
	assert_int_equal(anker_profile_reassess(p, c, 0, a, NULL), 0);
	char *again = record_of(a);
	if (strcmp(fresh, again) != 0)
		fail_msg("%s: the reassessed record differs from a fresh one", what);
	free(fresh);
	free(again);
}

/* The first assessment of a run, with everything a record can carry set on it. */
static struct anker_assessment *decided(const struct anker_profile *p, const struct anker_case *c)
{
	struct anker_assessment *a = NULL;
	assert_int_equal(anker_profile_assess(p, c, 0, &a, NULL), 0);
	assert_int_equal(anker_assessment_set_case_id(a, "C-1"), 0);
	assert_int_equal(anker_assessment_set_previous(a, "0123456789abcdef0123456789abcdef"
							  "0123456789abcdef0123456789abcdef"),
			 0);
	assert_int_equal(anker_assessment_decide(a, 0, NULL, NULL, "coach-17", "werkcoach",
						 "2027-03-01T10:15:00+01:00", NULL, NULL, NULL),
			 0);
	return a;
}

static void test_demo_cases(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_profile *p = load(ctx, DEMO);
	struct anker_case *c = NULL;
	assert_int_equal(anker_case_new(ctx, &c), 0);
	read_case(c, "examples/data/client-sanne.json");
	struct anker_assessment *a = decided(p, c);
	char *with_decision = record_of(a);
	assert_non_null(strstr(with_decision, "\"case_id\":\"C-1\""));
	check_same(p, c, a, "Sanne again"); /* decision, case id and link gone */
	assert_null(strstr(with_decision + strlen(with_decision) / 2, "\"decision\":null"));
	free(with_decision);
	/* other values, a missing one, a level changed: each a new case */
	assert_int_equal(anker_case_set_number(c, "age", 61), 0);
	check_same(p, c, a, "age 61");
	assert_int_equal(anker_case_set_missing(c, "regels_onduidelijk"), 0);
	check_same(p, c, a, "an answer missing");
	assert_int_equal(anker_case_set_level(c, "education", "higher"), 0);
	assert_int_equal(anker_case_set_number(c, "ww_months", 20), 0);
	check_same(p, c, a, "higher education, 20 months");
	read_case(c, "examples/data/client-sanne.json");
	check_same(p, c, a, "Sanne once more");
	anker_assessment_free(a);
	anker_case_free(c);
	anker_profile_unref(p);
	anker_ctx_unref(ctx);
}

/*
 * Chained instruments: the werkverkenner's follow-up reads the outputs of the
 * instruments before it, and an interview not completed leaves it unscored,
 * so its result must not keep the case before.
 */
static void test_chained_cases(void **state)
{
	(void)state;
	static const char *const files[] = {
	    "examples/data/wv-ingrid.json",	   "examples/data/wv-not-completed.json",
	    "examples/data/wv-ingrid-month7.json", "examples/data/wv-not-completed.json",
	    "examples/data/wv-ingrid.json",
	};
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_profile *p = load(ctx, WERKVERKENNER);
	struct anker_case *c = NULL;
	assert_int_equal(anker_case_new(ctx, &c), 0);
	read_case(c, files[0]);
	struct anker_assessment *a = NULL;
	assert_int_equal(anker_profile_assess(p, c, 0, &a, NULL), 0);
	for (size_t i = 1; i < sizeof(files) / sizeof(files[0]); i++) {
		read_case(c, files[i]);
		check_same(p, c, a, files[i]);
	}
	anker_assessment_free(a);
	anker_case_free(c);
	anker_profile_unref(p);
	anker_ctx_unref(ctx);
}

static void test_failure_and_misuse(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_profile *p = load(ctx, DEMO), *other = load(ctx, DEMO);
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	struct anker_case *c = NULL;
	assert_int_equal(anker_case_new(ctx, &c), 0);
	read_case(c, "examples/data/client-sanne.json");
	struct anker_assessment *a = decided(p, c);

	/* a value no instrument reads: the error of anker_profile_assess(), and no record */
	assert_int_equal(anker_case_set_number(c, "shoe_size", 42), 0);
	assert_int_equal(anker_profile_reassess(p, c, 0, a, err), ANKER_E_UNKNOWN_VARIABLE);
	assert_string_equal(anker_error_field(err), "shoe_size");
	size_t len = 0;
	assert_int_equal(anker_assessment_write_record(a, NULL, 0, &len, NULL),
			 ANKER_E_INVALID_ARGUMENT);
	char sha[65];
	assert_int_equal(anker_assessment_get_record_sha256(a, sha), ANKER_E_INVALID_ARGUMENT);
	/* ignored on request, as with anker_profile_assess() */
	char *fresh = NULL;
	{
		struct anker_assessment *b = NULL;
		assert_int_equal(anker_profile_assess(p, c, ANKER_ASSESS_IGNORE_EXTRA, &b, NULL),
				 0);
		fresh = record_of(b);
		anker_assessment_free(b);
	}
	assert_int_equal(anker_profile_reassess(p, c, ANKER_ASSESS_IGNORE_EXTRA, a, NULL), 0);
	char *again = record_of(a);
	assert_string_equal(again, fresh);
	free(fresh);
	free(again);

	/* another profile (even one loaded from the same file), no case, unknown flags */
	assert_int_equal(anker_profile_reassess(other, c, 0, a, err), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_profile_reassess(p, NULL, 0, a, err), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_profile_reassess(p, c, 0, NULL, err), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_profile_reassess(NULL, c, 0, a, err), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_profile_reassess(p, c, 1u << 7, a, err), ANKER_E_INVALID_ARGUMENT);
	/* those leave the assessment as it was */
	again = record_of(a);
	assert_non_null(strstr(again, "\"inputs\":{"));
	free(again);

	anker_assessment_free(a);
	anker_case_free(c);
	anker_error_free(err);
	anker_profile_unref(other);
	anker_profile_unref(p);
	anker_ctx_unref(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_demo_cases),
	    cmocka_unit_test(test_chained_cases),
	    cmocka_unit_test(test_failure_and_misuse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
