/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Bad input to the WWB-toets gives a clear error that names where: norms
 * files (file, JSON path, field), households (JSON path and field), flat
 * caseload fields (the field), and households that cannot be tested on the
 * reference date. Every allocation failure is reported, never a crash or a
 * leak.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-util.h"

/* A norms file with one key replaced: @p key set to @p value (raw JSON), or removed for NULL. */
static char *norms_file_with(const char *key, const char *value)
{
	static const char base[] =
	    "{'format': 'anker-norms', 'format_version': 1, 'table': 'norms', 'valid_from': "
	    "'2030-01-01', 'valid_until': '2030-06-30', 'source': {'document': 'test', 'date': "
	    "'2030-01-01'}, 'norms': {'single': 1500.00, 'couple': 2100.00}, 'cost_sharing': "
	    "{'min_age': 27, 'carer_exempt': true}}";
	char *json = test_unquote(base);
	/* text surgery on the known layout above: replace, remove or append one key */
	char *out = malloc(strlen(json) + (value ? strlen(value) : 0) + strlen(key) + 16);
	assert_non_null(out);
	char needle[64];
	snprintf(needle, sizeof(needle), "\"%s\": ", key);
	char *at = strstr(json, needle);
	if (!at) { /* a new key at the end */
		size_t n = strlen(json) - 1;
		sprintf(out, "%.*s, \"%s\": %s}", (int)n, json, key, value);
	} else {
		/* the old value ends at the matching close of its object or the next ", \"" */
		char *start = at + strlen(needle), *end = start;
		int depth = 0;
		for (; *end; end++) {
			if (*end == '{')
				depth++;
			else if (*end == '}' && depth-- == 0)
				break;
			else if (*end == ',' && depth == 0)
				break;
		}
		if (value)
			sprintf(out, "%.*s%s%s", (int)(start - json), json, value, end);
		else
			sprintf(out, "%.*s%s", (int)(at - json - 2), json, end);
	}
	free(json);
	return out;
}

static void expect_norms_error(const char *json, int code, const char *path, const char *field)
{
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_wwb_norms *norms = NULL;
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	assert_int_equal(anker_wwb_norms_new(ctx, &norms), 0);
	int r = anker_wwb_norms_add_buffer(norms, json, strlen(json), "bad.json", err);
	if (r != code || (path && strcmp(anker_error_path(err) ? anker_error_path(err) : "", path)))
		fprintf(stderr, "%s\n-> %s: %s\n", json, anker_status_name(r),
			anker_error_message(err));
	assert_int_equal(r, code);
	assert_string_equal(anker_error_file(err), "bad.json");
	if (path)
		assert_string_equal(anker_error_path(err), path);
	if (field)
		assert_string_equal(anker_error_field(err), field);
	/* the set is unchanged: nothing is in force */
	long long cents = 0;
	assert_int_equal(anker_wwb_norms_get_norm(norms, "2030-01-01", "single", &cents, NULL),
			 ANKER_E_NOT_FOUND);
	anker_error_free(err);
	anker_wwb_norms_unref(norms);
	anker_ctx_unref(ctx);
}

static void test_bad_norms_files(void **state)
{
	(void)state;
	char *good = norms_file_with("valid_from", "\"2030-01-01\"");
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_wwb_norms *norms = NULL;
	assert_int_equal(anker_wwb_norms_new(ctx, &norms), 0);
	assert_int_equal(anker_wwb_norms_add_buffer(norms, good, strlen(good), "good.json", NULL),
			 0);
	/* the same period again overlaps */
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	assert_int_equal(anker_wwb_norms_add_buffer(norms, good, strlen(good), "again.json", err),
			 ANKER_E_DUPLICATE);
	assert_non_null(
	    strstr(anker_error_message(err), "overlaps the table of 2030-01-01..2030-06-30"));
	assert_string_equal(anker_error_file(err), "again.json");
	anker_error_free(err);
	anker_wwb_norms_unref(norms);
	anker_ctx_unref(ctx);
	free(good);

	static const struct {
		const char *key, *value;
		int code;
		const char *path, *field;
	} cases[] = {
	    {"format", "\"anker-model\"", ANKER_E_BAD_VALUE, "$.format", "format"},
	    {"format_version", "2", ANKER_E_UNSUPPORTED, "$.format_version", "format_version"},
	    {"table", "\"rates\"", ANKER_E_BAD_VALUE, "$.table", "table"},
	    {"valid_from", "\"2030-02-30\"", ANKER_E_BAD_VALUE, "$.valid_from", "valid_from"},
	    {"valid_until", "\"2029-12-31\"", ANKER_E_ORDER, "$.valid_until", "valid_until"},
	    {"valid_until", NULL, ANKER_E_MISSING_KEY, "$.valid_until", "valid_until"},
	    {"source", NULL, ANKER_E_MISSING_KEY, "$.source", "source"},
	    {"source", "{\"document\": \"x\"}", ANKER_E_MISSING_KEY, "$.source.date", "date"},
	    {"norms", "{\"single\": 1500.005}", ANKER_E_BAD_VALUE, "$.norms.single", "single"},
	    {"norms", "{\"single\": -1}", ANKER_E_BAD_VALUE, "$.norms.single", "single"},
	    {"norms", "{\"single\": \"1500\"}", ANKER_E_WRONG_TYPE, "$.norms.single", "single"},
	    {"norms", "{\"single_21\": 1500}", ANKER_E_UNKNOWN_KEY, "$.norms.single_21",
	     "single_21"},
	    {"norms", "{}", ANKER_E_BAD_VALUE, "$.norms", "norms"},
	    {"cost_sharing", "{\"min_age\": 27}", ANKER_E_MISSING_KEY,
	     "$.cost_sharing.carer_exempt", "carer_exempt"},
	    {"cost_sharing", "{\"min_age\": 12, \"carer_exempt\": true}", ANKER_E_BAD_VALUE,
	     "$.cost_sharing.min_age", "min_age"},
	    {"earnings_disregard", "{\"percent\": 25, \"max\": 285}", ANKER_E_MISSING_KEY,
	     "$.earnings_disregard.months", "months"},
	    {"youth_supplement", "0", ANKER_E_BAD_VALUE, "$.youth_supplement", "youth_supplement"},
	    {"extra", "1", ANKER_E_UNKNOWN_KEY, "$.extra", "extra"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *json = norms_file_with(cases[i].key, cases[i].value);
		expect_norms_error(json, cases[i].code, cases[i].path, cases[i].field);
		free(json);
	}
	expect_norms_error("{\"format\": ", ANKER_E_SYNTAX, NULL, NULL);
	expect_norms_error("[]", ANKER_E_WRONG_TYPE, "$", NULL);
	expect_norms_error("{\"format\": \"anker-norms\", \"format_version\": 1, \"table\": "
			   "\"asset-limits\", \"valid_from\": \"2030-01-01\", \"valid_until\": "
			   "\"2030-12-31\", \"source\": {\"document\": \"x\", \"date\": "
			   "\"2030-01-01\"}, \"limits\": {\"single\": 1, \"family\": 2}}",
			   ANKER_E_MISSING_KEY, "$.limits", "limits");
}

static void test_bad_pension_tables(void **state)
{
	(void)state;
	static const char head[] = "{\"format\": \"anker-pension-age\", \"format_version\": 1, "
				   "\"source\": {\"document\": \"x\", \"date\": \"2026-01-01\"}, "
				   "\"rows\": ";
	static const struct {
		const char *rows;
		int code;
		const char *path;
	} cases[] = {
	    {"[]", ANKER_E_BAD_VALUE, "$.rows"},
	    {"[{\"born_from\": \"1960-01-01\", \"born_until\": \"1960-12-31\", \"age\": "
	     "{\"years\": 67, \"months\": 12}}]",
	     ANKER_E_BAD_VALUE, "$.rows[0].age.months"},
	    {"[{\"born_from\": \"1960-01-01\", \"born_until\": \"1959-12-31\", \"age\": "
	     "{\"years\": 67, \"months\": 0}}]",
	     ANKER_E_ORDER, "$.rows[0].born_until"},
	    {"[{\"born_from\": \"1960-01-01\", \"born_until\": \"1960-12-31\", \"age\": "
	     "{\"years\": 67, \"months\": 0}}, {\"born_from\": \"1961-01-02\", \"born_until\": "
	     "\"1961-12-31\", \"age\": {\"years\": 67, \"months\": 3}}]",
	     ANKER_E_ORDER, "$.rows[1].born_from"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char json[1024];
		snprintf(json, sizeof(json), "%s%s}", head, cases[i].rows);
		struct anker_ctx *ctx = test_ctx_new();
		struct anker_wwb_norms *norms = NULL;
		struct anker_error *err = NULL;
		assert_int_equal(anker_error_new(&err), 0);
		assert_int_equal(anker_wwb_norms_new(ctx, &norms), 0);
		assert_int_equal(
		    anker_wwb_norms_add_buffer(norms, json, strlen(json), "aow.json", err),
		    cases[i].code);
		assert_string_equal(anker_error_path(err), cases[i].path);
		anker_error_free(err);
		anker_wwb_norms_unref(norms);
		anker_ctx_unref(ctx);
	}
	/* a second pension table is refused */
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_wwb_norms *norms = test_wwb_norms(ctx);
	char json[1024];
	snprintf(json, sizeof(json), "%s%s}", head,
		 "[{\"born_from\": \"1960-01-01\", \"born_until\": \"1960-12-31\", \"age\": "
		 "{\"years\": 67, \"months\": 0}}]");
	assert_int_equal(anker_wwb_norms_add_buffer(norms, json, strlen(json), "aow2.json", NULL),
			 ANKER_E_DUPLICATE);
	anker_wwb_norms_unref(norms);
	anker_ctx_unref(ctx);
}

static void expect_household_error(const char *quoted, int code, const char *path,
				   const char *field)
{
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_wwb_household *hh = NULL;
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	char *json = test_unquote(quoted);
	int r = anker_wwb_household_parse(ctx, json, strlen(json), "case.json", err, &hh);
	if (r != code)
		fprintf(stderr, "%s\n-> %s: %s\n", json, anker_status_name(r),
			anker_error_message(err));
	assert_int_equal(r, code);
	assert_null(hh);
	assert_string_equal(anker_error_file(err), "case.json");
	assert_string_equal(anker_error_path(err), path);
	assert_string_equal(anker_error_field(err), field);
	free(json);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

static void test_bad_households(void **state)
{
	(void)state;
	expect_household_error("{'claimant': {'birth_date': '1980-01-01'}, 'housemates': "
			       "[{'relation': 'cousin', 'age': 30}]}",
			       ANKER_E_BAD_VALUE, "$.housemates[0].relation", "relation");
	expect_household_error("{'claimant': {'birth_date': '1980-01-01'}, 'housemates': "
			       "[{'relation': 'spouse', 'age': 30}]}",
			       ANKER_E_BAD_VALUE, "$.housemates[0].relation", "relation");
	expect_household_error("{'claimant': {'birth_date': '1980-01-01'}, 'income': "
			       "[{'source': 'earnings', 'amount': -10}]}",
			       ANKER_E_BAD_VALUE, "$.income[0].amount", "amount");
	expect_household_error("{'claimant': {'birth_date': '1981-02-29'}}", ANKER_E_BAD_VALUE,
			       "$.claimant.birth_date", "birth_date");
	expect_household_error("{'claimant': {'birth_date': '1980-01-01'}, 'income': "
			       "[{'source': 'earnings', 'amount': 10, 'person': 'partner'}]}",
			       ANKER_E_BAD_VALUE, "$.income[0].person", "person");
	expect_household_error("{'claimant': {'birth_date': '1980-01-01'}, 'housemates': "
			       "[{'relation': 'other', 'age': 30, 'birth_date': '1990-01-01'}]}",
			       ANKER_E_BAD_VALUE, "$.housemates[0].age", "age");
	expect_household_error("{'claimant': {'birth_date': '1980-01-01'}, 'housemates': "
			       "[{'relation': 'other', 'age': 30, 'bbl': true}]}",
			       ANKER_E_UNKNOWN_KEY, "$.housemates[0].bbl", "bbl");
	expect_household_error("{'claimant': {'birth_date': '1980-01-01'}, 'assets': "
			       "[{'kind': 'car', 'amount': 1}]}",
			       ANKER_E_BAD_VALUE, "$.assets[0].kind", "kind");
	expect_household_error("{'claimant': {'birth_date': '1980-01-01'}, 'assets': "
			       "[{'kind': 'savings', 'amount': 0.001}]}",
			       ANKER_E_BAD_VALUE, "$.assets[0].amount", "amount");
	expect_household_error("{'partner': {'birth_date': '1980-01-01'}}", ANKER_E_MISSING_KEY,
			       "$.claimant", "claimant");
	expect_household_error("{'claimant': {'birth_date': '1980-01-01'}, 'children': -1}",
			       ANKER_E_BAD_VALUE, "$.children", "children");
}

static void expect_evaluate_error(const char *quoted, const char *date, int code, const char *path)
{
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_wwb_norms *norms = test_wwb_norms(ctx);
	struct anker_wwb_household *hh = NULL;
	struct anker_wwb_result *res = NULL;
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	char *json = test_unquote(quoted);
	assert_int_equal(anker_wwb_household_parse(ctx, json, strlen(json), NULL, err, &hh), 0);
	int r = anker_wwb_evaluate(norms, hh, date, err, &res);
	if (r != code)
		fprintf(stderr, "%s\n-> %s: %s\n", json, anker_status_name(r),
			anker_error_message(err));
	assert_int_equal(r, code);
	assert_null(res);
	if (path)
		assert_string_equal(anker_error_path(err), path);
	free(json);
	anker_error_free(err);
	anker_wwb_household_free(hh);
	anker_wwb_norms_unref(norms);
	anker_ctx_unref(ctx);
}

static void test_households_that_cannot_be_tested(void **state)
{
	(void)state;
	expect_evaluate_error("{'claimant': {'birth_date': '1980-01-01'}, 'partner': "
			      "{'birth_date': '2008-06-01'}}",
			      "2026-03-31", ANKER_E_BAD_VALUE, "$.partner.birth_date");
	expect_evaluate_error("{'claimant': {'birth_date': '2008-06-01'}}", "2026-03-31",
			      ANKER_E_BAD_VALUE, "$.claimant.birth_date");
	expect_evaluate_error("{'claimant': {'birth_date': '1980-01-01'}, 'housemates': "
			      "[{'relation': 'other', 'birth_date': '2027-01-01'}]}",
			      "2026-03-31", ANKER_E_BAD_VALUE, "$.housemates[0].birth_date");
	/* a reference date outside every period: never the nearest table */
	expect_evaluate_error("{'claimant': {'birth_date': '1980-01-01'}}", "2023-06-01",
			      ANKER_E_NOT_FOUND, NULL);
	expect_evaluate_error("{'claimant': {'birth_date': '1980-01-01'}}", "2026-07-01",
			      ANKER_E_NOT_FOUND, NULL);
	expect_evaluate_error("{'claimant': {'birth_date': '1980-01-01'}}", "2026-02-29",
			      ANKER_E_BAD_VALUE, NULL);
	expect_evaluate_error("{'claimant': {'birth_date': '1980-01-01'}}", NULL,
			      ANKER_E_MISSING_KEY, "$.reference_date");
}

static void test_flat_fields(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_wwb_norms *norms = test_wwb_norms(ctx);
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	/* every documented field name is accepted */
	size_t n = 0;
	while (anker_wwb_household_field_name(n))
		n++;
	assert_int_equal(n, 30); /* 27, the two disregard_months_used, gifts_in_year */
	const char *names[] = {"claimant_birth_date",	   "housemates",
			       "income_claimant_earnings", "assets_savings",
			       "income_child_benefit",	   "children"};
	const char *values[] = {"1980-05-12",
				("boarder:40:written_contract=yes:commercial_price=ja;"
				 "relative_1st_degree:1995-01-01"),
				"400.00",
				"100",
				"280",
				""};
	struct anker_wwb_household *hh = NULL;
	struct anker_wwb_result *res = NULL;
	assert_int_equal(anker_wwb_household_from_fields(ctx, names, values, 6, err, &hh), 0);
	assert_int_equal(anker_wwb_evaluate(norms, hh, "2026-03-31", err, &res), 0);
	/* the son of 31 counts, the boarder does not: A = 2 */
	assert_int_equal(anker_wwb_result_get_cost_sharers(res), 2);
	assert_int_equal(test_wwb_cents(res, ANKER_WWB_AMOUNT_NORM), 100107);
	assert_int_equal(test_wwb_cents(res, ANKER_WWB_AMOUNT_INCOME), 30000);
	assert_int_equal(anker_wwb_result_get_verdict(res), ANKER_WWB_PROBABLY_ENTITLED);
	anker_wwb_result_free(res);
	anker_wwb_household_free(hh);

	static const struct {
		const char *name, *value;
		int code;
		const char *field;
	} bad[] = {
	    {"shoe_size", "42", ANKER_E_UNKNOWN_KEY, "shoe_size"},
	    {"income_claimant_earnings", "4O0", ANKER_E_BAD_VALUE, "income_claimant_earnings"},
	    {"income_claimant_earnings", "400,50", ANKER_E_BAD_VALUE, "income_claimant_earnings"},
	    {"claimant_parents_cannot_support", "maybe", ANKER_E_BAD_VALUE,
	     "claimant_parents_cannot_support"},
	    {"housemates", "boarder", ANKER_E_SYNTAX, "housemates"},
	    {"housemates", "uncle:40", ANKER_E_BAD_VALUE, "relation"},
	    {"claimant_birth_date", "1980-13-01", ANKER_E_BAD_VALUE, "birth_date"},
	    {"children", "two", ANKER_E_BAD_VALUE, "children"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *nm[] = {"claimant_birth_date", bad[i].name};
		const char *vl[] = {"1980-05-12", bad[i].value};
		int r = anker_wwb_household_from_fields(ctx, nm, vl, 2, err, &hh);
		if (r != bad[i].code)
			fprintf(stderr, "%s=%s -> %s: %s\n", bad[i].name, bad[i].value,
				anker_status_name(r), anker_error_message(err));
		assert_int_equal(r, bad[i].code);
		assert_string_equal(anker_error_field(err), bad[i].field);
	}
	anker_error_free(err);
	anker_wwb_norms_unref(norms);
	anker_ctx_unref(ctx);
}

/* Every allocation of loading, parsing and testing fails in turn: a clean error each time. */
static void test_out_of_memory(void **state)
{
	(void)state;
	char *json = test_unquote(
	    "{'claimant': {'birth_date': '1980-05-12'}, 'partner': {'birth_date': '1981-01-01'}, "
	    "'housemates': [{'relation': 'boarder', 'age': 40, 'written_contract': true}], "
	    "'income': [{'source': 'earnings', 'amount': 10}], 'assets': [], 'home_equity': 1}");
	bool succeeded = false;
	for (size_t fail_after = 0; !succeeded && fail_after < 100000; fail_after++) {
		struct anker_ctx *ctx = test_ctx_new_failing(fail_after);
		struct anker_wwb_norms *norms = NULL;
		struct anker_wwb_household *hh = NULL;
		struct anker_wwb_result *res = NULL;
		int r = anker_wwb_norms_new(ctx, &norms);
		if (r == 0)
			r = anker_wwb_norms_add_directory(norms, test_source_path("data/norms"),
							  NULL);
		if (r == 0)
			r = anker_wwb_household_parse(ctx, json, strlen(json), NULL, NULL, &hh);
		if (r == 0)
			r = anker_wwb_evaluate(norms, hh, "2026-03-31", NULL, &res);
		if (r == 0) {
			assert_int_equal(anker_wwb_result_get_verdict(res), ANKER_WWB_UNKNOWN);
			succeeded = true;
		} else {
			assert_int_equal(r, ANKER_E_NO_MEMORY);
		}
		anker_wwb_result_free(res);
		anker_wwb_household_free(hh);
		anker_wwb_norms_unref(norms);
		anker_ctx_unref(ctx);
	}
	assert_true(succeeded);
	free(json);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bad_norms_files),
	    cmocka_unit_test(test_bad_pension_tables),
	    cmocka_unit_test(test_bad_households),
	    cmocka_unit_test(test_households_that_cannot_be_tested),
	    cmocka_unit_test(test_flat_fields),
	    cmocka_unit_test(test_out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
