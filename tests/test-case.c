/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cases: setting, replacing, clearing and looking up named values. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "test-util.h"
#include "model/score-private.h"

static void test_new_and_free(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_case *c = NULL;
	assert_int_equal(anker_case_new(NULL, &c), ANKER_E_INVALID_ARGUMENT);
	assert_null(c);
	assert_int_equal(anker_case_new(ctx, NULL), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_case_new(ctx, &c), 0);
	assert_non_null(c);
	assert_int_equal(anker_case_get_count(c), 0);
	anker_case_free(c);
	anker_case_free(NULL);
	anker_case_clear(NULL);
	assert_int_equal(anker_case_get_count(NULL), 0);
	anker_ctx_unref(ctx);
}

static void test_set_and_get_type(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_case *c = NULL;
	assert_int_equal(anker_case_new(ctx, &c), 0);

	assert_int_equal(anker_case_set_number(c, "age", 52), 0);
	assert_int_equal(anker_case_set_bool(c, "female", 7), 0); /* any non-zero is true */
	assert_int_equal(anker_case_set_level(c, "education", "higher"), 0);
	assert_int_equal(anker_case_set_missing(c, "region"), 0);
	assert_int_equal(anker_case_set_number(c, "hours", NAN), 0);
	assert_int_equal(anker_case_set_number(c, "months", INFINITY), 0);
	assert_int_equal(anker_case_get_count(c), 6);

	assert_int_equal(anker_case_get_type(c, "age"), ANKER_VALUE_NUMBER);
	assert_int_equal(anker_case_get_type(c, "female"), ANKER_VALUE_BOOLEAN);
	assert_int_equal(anker_case_get_type(c, "education"), ANKER_VALUE_LEVEL);
	assert_int_equal(anker_case_get_type(c, "region"), ANKER_VALUE_MISSING);
	assert_int_equal(anker_case_get_type(c, "hours"), ANKER_VALUE_MISSING); /* NaN is missing */
	assert_int_equal(anker_case_get_type(c, "months"), ANKER_VALUE_NUMBER); /* inf is kept */
	assert_int_equal(anker_case_get_type(c, "Age"), ANKER_E_NOT_FOUND); /* case-sensitive */
	assert_int_equal(anker_case_get_type(c, "sector"), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_case_get_type(c, NULL), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_case_get_type(NULL, "age"), ANKER_E_INVALID_ARGUMENT);

	/* The stored values, as the scorer sees them. */
	assert_true(c->values[0].number == 52.0);
	assert_true(c->values[1].number == 1.0);
	assert_string_equal(c->values[2].level, "higher");

	anker_case_free(c);
	anker_ctx_unref(ctx);
}

static void test_set_again_replaces(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_case *c = NULL;
	assert_int_equal(anker_case_new(ctx, &c), 0);

	assert_int_equal(anker_case_set_number(c, "x", 1), 0);
	assert_int_equal(anker_case_set_level(c, "x", "short"), 0);
	assert_int_equal(anker_case_get_count(c), 1);
	assert_int_equal(anker_case_get_type(c, "x"), ANKER_VALUE_LEVEL);
	assert_string_equal(c->values[0].level, "short");

	/* a longer level needs a bigger buffer */
	assert_int_equal(anker_case_set_level(c, "x", "a considerably longer level name"), 0);
	assert_string_equal(c->values[0].level, "a considerably longer level name");
	assert_int_equal(anker_case_set_bool(c, "x", 0), 0);
	assert_int_equal(anker_case_get_type(c, "x"), ANKER_VALUE_BOOLEAN);
	assert_true(c->values[0].number == 0.0);
	assert_int_equal(anker_case_set_missing(c, "x"), 0);
	assert_int_equal(anker_case_get_type(c, "x"), ANKER_VALUE_MISSING);
	assert_int_equal(anker_case_set_number(c, "x", -3.5), 0);
	assert_int_equal(anker_case_get_type(c, "x"), ANKER_VALUE_NUMBER);
	assert_true(c->values[0].number == -3.5);
	assert_int_equal(anker_case_get_count(c), 1);

	anker_case_free(c);
	anker_ctx_unref(ctx);
}

static void test_many_values_grow(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_case *c = NULL;
	assert_int_equal(anker_case_new(ctx, &c), 0);
	char name[16];
	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "v%d", i);
		assert_int_equal(anker_case_set_number(c, name, i), 0);
	}
	assert_int_equal(anker_case_get_count(c), 100);
	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "v%d", i);
		assert_int_equal(anker_case_get_type(c, name), ANKER_VALUE_NUMBER);
		assert_true(c->values[i].number == i);
	}
	anker_case_free(c);
	anker_ctx_unref(ctx);
}

static void test_clear_keeps_memory(void **state)
{
	(void)state;
	/* Exactly enough allocations for the case, its slot array, 3 names and 1 level. */
	struct anker_ctx *ctx = test_ctx_new_failing(1 + 1 + 3 + 1);
	struct anker_case *c = NULL;
	assert_int_equal(anker_case_new(ctx, &c), 0);
	for (int round = 0; round < 3; round++) {
		assert_int_equal(anker_case_set_number(c, "age", 40 + round), 0);
		assert_int_equal(anker_case_set_bool(c, "female", 1), 0);
		assert_int_equal(anker_case_set_level(c, "education", "basic"), 0);
		assert_int_equal(anker_case_get_count(c), 3);
		anker_case_clear(c);
		assert_int_equal(anker_case_get_count(c), 0);
		assert_int_equal(anker_case_get_type(c, "age"), ANKER_E_NOT_FOUND);
	}
	/* The allocator is exhausted: a fourth name really needs memory. */
	assert_int_equal(anker_case_set_number(c, "a", 1), 0);
	assert_int_equal(anker_case_set_number(c, "b", 1), 0);
	assert_int_equal(anker_case_set_number(c, "c", 1), 0);
	assert_int_equal(anker_case_set_number(c, "d", 1), ANKER_E_NO_MEMORY);
	assert_int_equal(anker_case_get_count(c), 3);
	anker_case_free(c);
	anker_ctx_unref(ctx);
}

static void test_bad_names(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_case *c = NULL;
	assert_int_equal(anker_case_new(ctx, &c), 0);

	char longest[ANKER_NAME_MAX + 1], too_long[ANKER_NAME_MAX + 2];
	memset(longest, 'a', ANKER_NAME_MAX);
	longest[ANKER_NAME_MAX] = '\0';
	memset(too_long, 'b', ANKER_NAME_MAX + 1);
	too_long[ANKER_NAME_MAX + 1] = '\0';

	assert_int_equal(anker_case_set_number(c, NULL, 1), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_case_set_number(c, "", 1), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_case_set_number(c, too_long, 1), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_case_set_bool(c, too_long, 1), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_case_set_missing(c, ""), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_case_set_level(c, too_long, "x"), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_case_set_number(NULL, "x", 1), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_case_set_bool(NULL, "x", 1), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_case_set_level(NULL, "x", "y"), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_case_set_missing(NULL, "x"), ANKER_E_INVALID_ARGUMENT);
	/* Levels: no model has an empty or over-long level, so those are caller errors. */
	assert_int_equal(anker_case_set_level(c, "x", NULL), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_case_set_level(c, "x", ""), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_case_set_level(c, "x", too_long), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_case_get_count(c), 0);

	assert_int_equal(anker_case_set_number(c, longest, 1), 0);
	assert_int_equal(anker_case_set_level(c, "x", longest), 0);
	assert_int_equal(anker_case_get_count(c), 2);
	assert_int_equal(anker_case_get_type(c, longest), ANKER_VALUE_NUMBER);

	/* A failed replacement leaves the old value. */
	assert_int_equal(anker_case_set_level(c, "x", ""), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_case_get_type(c, "x"), ANKER_VALUE_LEVEL);
	assert_string_equal(c->values[1].level, longest);

	anker_case_free(c);
	anker_ctx_unref(ctx);
}

/* Every allocation failure leaves the case as it was; retrying later succeeds. */
static void test_out_of_memory(void **state)
{
	(void)state;
	for (size_t budget = 0;; budget++) {
		struct anker_ctx *ctx = test_ctx_new_failing(budget);
		struct anker_case *c = NULL;
		int r = anker_case_new(ctx, &c);
		if (r != 0) {
			assert_int_equal(r, ANKER_E_NO_MEMORY);
			assert_null(c);
			anker_ctx_unref(ctx);
			continue;
		}
		bool complete = true;
		char name[16];
		for (int i = 0; i < 12 && complete; i++) { /* past the first 8 slots */
			snprintf(name, sizeof(name), "v%d", i);
			r = anker_case_set_level(c, name, "level");
			if (r != 0) {
				assert_int_equal(r, ANKER_E_NO_MEMORY);
				assert_int_equal(anker_case_get_count(c), (size_t)i);
				assert_int_equal(anker_case_get_type(c, name), ANKER_E_NOT_FOUND);
				complete = false;
			}
		}
		if (complete) {
			/* replacing with a longer level needs a new buffer */
			r = anker_case_set_level(c, "v0", "a much longer level than before");
			if (r != 0) {
				assert_int_equal(r, ANKER_E_NO_MEMORY);
				assert_string_equal(c->values[0].level, "level");
				assert_int_equal(anker_case_get_count(c), 12);
				complete = false;
			}
		}
		anker_case_free(c);
		anker_ctx_unref(ctx);
		if (complete)
			break;
		assert_true(budget < 1000);
	}
}

/* A case from a JSON object: each type of value, and every kind of bad text. */
static void test_set_json(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_case *c = NULL;
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	assert_int_equal(anker_case_new(ctx, &c), 0);
	static const char good[] =
	    "{\"age\": 48, \"ratio\": 0.25, \"female\": true, \"care\": false,"
	    " \"education\": \"vocational\", \"health\": null}";
	assert_int_equal(anker_case_set_json(c, good, strlen(good), "client.json", err), 0);
	assert_int_equal(anker_case_get_count(c), 6);
	assert_int_equal(anker_case_get_type(c, "age"), ANKER_VALUE_NUMBER);
	assert_int_equal(anker_case_get_type(c, "female"), ANKER_VALUE_BOOLEAN);
	assert_int_equal(anker_case_get_type(c, "education"), ANKER_VALUE_LEVEL);
	assert_int_equal(anker_case_get_type(c, "health"), ANKER_VALUE_MISSING);
	const struct anker_case_value *v = &c->values[1];
	assert_string_equal(v->name, "ratio");
	assert_true(v->number == 0.25);
	assert_true(c->values[2].number == 1.0 && c->values[3].number == 0.0);
	assert_string_equal(c->values[4].level, "vocational");
	static const struct {
		const char *text;
		int code;
		const char *path; /* NULL: a syntax error, with no member to name */
	} bad[] = {
	    {"{\"age\": ", ANKER_E_SYNTAX, NULL},
	    {"{\"age\": 1, \"age\": 2}", ANKER_E_DUPLICATE, NULL},
	    {"[1, 2]", ANKER_E_WRONG_TYPE, "$"},
	    {"{\"age\": [48]}", ANKER_E_WRONG_TYPE, "$.age"},
	    {"{\"sector\": {\"x\": 1}}", ANKER_E_WRONG_TYPE, "$.sector"},
	    {"{\"\": 1}", ANKER_E_INVALID_ARGUMENT, "$."},
	    {"{\"education\": \"\"}", ANKER_E_INVALID_ARGUMENT, "$.education"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int r = anker_case_set_json(c, bad[i].text, strlen(bad[i].text), "client.json",
					    err);
		if (r != bad[i].code)
			fail_msg("%s: got %d, want %d", bad[i].text, r, bad[i].code);
		assert_non_null(strstr(anker_error_message(err), "client.json"));
		if (bad[i].path)
			assert_string_equal(anker_error_path(err), bad[i].path);
	}
	assert_int_equal(anker_case_set_json(NULL, good, 2, NULL, err), ANKER_E_INVALID_ARGUMENT);
	anker_case_free(c);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_and_free),
		cmocka_unit_test(test_set_and_get_type),
		cmocka_unit_test(test_set_again_replaces),
		cmocka_unit_test(test_many_values_grow),
		cmocka_unit_test(test_clear_keeps_memory),
		cmocka_unit_test(test_bad_names),
		cmocka_unit_test(test_out_of_memory),
		cmocka_unit_test(test_set_json),
	};
	return cmocka_run_group_tests_name("case", tests, NULL, NULL);
}
