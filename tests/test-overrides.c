/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Override figures (include/anker/overrides.h): a hand-counted records file,
 * bad records as a table (code, line and field), every prefix and byte flip
 * of a good file (a status, never a crash or leak), every out-of-memory path,
 * and the reason labels from the profile found as anker_verify_file() finds
 * it. Records written by the library and the CLI's figures are checked
 * against Python's json in bindings/python/tests/test_overrides.py.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test-util.h"

/* A record with just what the counting reads (canonical key order). */
#define REC(values, rule, decision)                                                                \
	"{\"advice\":{\"rule\":\"" rule "\",\"values\":" values "},\"decision\":" decision         \
	",\"format\":\"anker-record\",\"format_version\":2,\"profile\":{\"id\":\"p\"}}\n"
#define DEC(values, agrees, reason)                                                                \
	"{\"agrees\":" agrees ",\"reason\":" reason ",\"values\":" values "}"
#define C2 "{\"fase\":\"2\",\"service\":\"coaching\"}"
#define O1 "{\"fase\":\"1\",\"service\":\"online\"}"

/* 6 records, 5 decided, 3 overridden; an empty line in between. */
static const char hand_records[] = REC(C2, "r1", "null") //
    REC(C2, "r1", DEC(C2, "true", "null"))		 //
    REC(C2, "r1",
	DEC("{\"fase\":\"2\",\"service\":\"online\"}", "false",	      //
	    "{\"code\":\"a\",\"text\":\"x\"}"))			      //
    "\n"							      //
    REC(O1, "r2", DEC(C2, "false", "{\"code\":\"a\",\"text\":null}")) //
    REC(O1, "r3", DEC(O1, "true", "{\"code\":null,\"text\":\"t\"}"))  //
    REC(O1, "r2",
	DEC("{\"fase\":\"1\",\"service\":\"coaching\"}", "false", //
	    "{\"code\":\"b\",\"text\":\"y\"}"));

static void expect_row(const struct anker_overrides *ov, int by, size_t i, const char *key,
		       size_t records, size_t decided, size_t overridden)
{
	const char *k = NULL;
	size_t r = 0, d = 0, o = 0;
	assert_int_equal(anker_overrides_get_advice(ov, by, i, &k, &r, &d, &o), 0);
	assert_string_equal(k, key);
	assert_int_equal(r, records);
	assert_int_equal(d, decided);
	assert_int_equal(o, overridden);
}

static void expect_cell(const struct anker_overrides *ov, size_t i, const char *field,
			const char *advised, const char *decided, size_t count)
{
	const char *f = NULL, *a = NULL, *d = NULL;
	size_t n = 0;
	assert_int_equal(anker_overrides_get_cell(ov, i, &f, &a, &d, &n), 0);
	assert_string_equal(f, field);
	assert_string_equal(a, advised);
	assert_string_equal(d, decided);
	assert_int_equal(n, count);
}

static void expect_reason(const struct anker_overrides *ov, size_t i, const char *code,
			  size_t count, size_t overridden)
{
	const char *c = "unset";
	size_t n = 0, o = 0;
	assert_int_equal(anker_overrides_get_reason(ov, i, &c, &n, &o), 0);
	if (code)
		assert_string_equal(c, code);
	else
		assert_null(c);
	assert_int_equal(n, count);
	assert_int_equal(o, overridden);
}

static void check_hand_counted(const struct anker_overrides *ov)
{
	assert_string_equal(anker_overrides_get_profile_id(ov), "p");
	assert_int_equal(anker_overrides_get_count(ov, ANKER_OVERRIDES_RECORDS), 6);
	assert_int_equal(anker_overrides_get_count(ov, ANKER_OVERRIDES_DECIDED), 5);
	assert_int_equal(anker_overrides_get_count(ov, ANKER_OVERRIDES_UNDECIDED), 1);
	assert_int_equal(anker_overrides_get_count(ov, ANKER_OVERRIDES_OVERRIDDEN), 3);
	assert_int_equal(anker_overrides_get_count(ov, 4), 0);
	assert_int_equal(anker_overrides_get_advice_count(ov, ANKER_OVERRIDES_BY_VALUES), 2);
	expect_row(ov, ANKER_OVERRIDES_BY_VALUES, 0, "fase=2,service=coaching", 3, 2, 1);
	expect_row(ov, ANKER_OVERRIDES_BY_VALUES, 1, "fase=1,service=online", 3, 3, 2);
	assert_int_equal(anker_overrides_get_advice_count(ov, ANKER_OVERRIDES_BY_RULE), 3);
	expect_row(ov, ANKER_OVERRIDES_BY_RULE, 0, "r1", 3, 2, 1);
	expect_row(ov, ANKER_OVERRIDES_BY_RULE, 1, "r2", 2, 2, 2);
	expect_row(ov, ANKER_OVERRIDES_BY_RULE, 2, "r3", 1, 1, 0);
	/* grouped by field, each in order of first appearance */
	assert_int_equal(anker_overrides_get_cell_count(ov), 7);
	expect_cell(ov, 0, "fase", "2", "2", 2);
	expect_cell(ov, 1, "fase", "1", "2", 1);
	expect_cell(ov, 2, "fase", "1", "1", 2);
	expect_cell(ov, 3, "service", "coaching", "coaching", 1);
	expect_cell(ov, 4, "service", "coaching", "online", 1);
	expect_cell(ov, 5, "service", "online", "coaching", 2);
	expect_cell(ov, 6, "service", "online", "online", 1);
	assert_int_equal(anker_overrides_get_reason_count(ov), 3);
	expect_reason(ov, 0, "a", 2, 2);
	expect_reason(ov, 1, NULL, 1, 0);
	expect_reason(ov, 2, "b", 1, 1);
	/* no profile "p" anywhere: codes without labels */
	assert_null(anker_overrides_get_reason_label(ov, 0, "en"));
	/* out of range */
	assert_int_equal(anker_overrides_get_advice(ov, 2, 0, NULL, NULL, NULL, NULL),
			 ANKER_E_NOT_FOUND);
	assert_int_equal(anker_overrides_get_advice(ov, 0, 2, NULL, NULL, NULL, NULL),
			 ANKER_E_NOT_FOUND);
	assert_int_equal(anker_overrides_get_cell(ov, 7, NULL, NULL, NULL, NULL),
			 ANKER_E_NOT_FOUND);
	assert_int_equal(anker_overrides_get_reason(ov, 3, NULL, NULL, NULL), ANKER_E_NOT_FOUND);
	assert_null(anker_overrides_get_reason_label(ov, 3, "en"));
}

static void test_hand_counted(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_overrides *ov = NULL;
	assert_int_equal(anker_overrides_read_text(ctx, hand_records, strlen(hand_records),
						   "r.jsonl", &ov, NULL),
			 0);
	check_hand_counted(ov);
	anker_overrides_free(ov);

	/* the same from a file, read line by line; no final newline */
	char path[] = "/tmp/anker-overrides-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fwrite(hand_records, 1, strlen(hand_records) - 1, f);
	fclose(f);
	ov = NULL;
	assert_int_equal(anker_overrides_read_file(ctx, path, &ov, NULL), 0);
	check_hand_counted(ov);
	anker_overrides_free(ov);
	unlink(path);

	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	assert_int_equal(anker_overrides_read_file(ctx, path, &ov, err), ANKER_E_IO);
	assert_string_equal(anker_error_file(err), path);
	assert_int_equal(anker_overrides_read_text(NULL, "", 0, NULL, &ov, err),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_overrides_read_file(ctx, NULL, &ov, err), ANKER_E_INVALID_ARGUMENT);
	anker_overrides_free(NULL);
	assert_null(anker_overrides_get_profile_id(NULL));
	assert_int_equal(anker_overrides_get_count(NULL, 0), 0);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

#define GOOD REC(C2, "r1", "null")
#define HEAD "{\"advice\":{\"rule\":\"r\",\"values\":" C2 "},\"decision\":null,"

struct bad {
	const char *text;
	int code;
	long line;
	const char *field; /* NULL: none */
};

static const struct bad bad_records[] = {
    {"not json\n", ANKER_E_SYNTAX, 1, NULL},
    {"", ANKER_E_SYNTAX, 0, NULL},
    {"\n\r\n\n", ANKER_E_SYNTAX, 0, NULL},
    {GOOD "{\"a\":1,\"a\":2}\n", ANKER_E_DUPLICATE, 2, NULL},
    {"[1]\n", ANKER_E_WRONG_TYPE, 1, NULL},
    {HEAD "\"format_version\":2,\"profile\":{\"id\":\"p\"}}", ANKER_E_MISSING_KEY, 1, "format"},
    {HEAD "\"format\":\"anker-model\",\"format_version\":2,\"profile\":{\"id\":\"p\"}}",
     ANKER_E_BAD_VALUE, 1, "format"},
    {HEAD "\"format\":\"anker-record\",\"format_version\":1,\"profile\":{\"id\":\"p\"}}",
     ANKER_E_UNSUPPORTED, 1, "format_version"},
    {HEAD "\"format\":\"anker-record\",\"format_version\":3,\"profile\":{\"id\":\"p\"}}",
     ANKER_E_UNSUPPORTED, 1, "format_version"},
    {HEAD "\"format\":\"anker-record\",\"format_version\":\"2\",\"profile\":{\"id\":\"p\"}}",
     ANKER_E_WRONG_TYPE, 1, "format_version"},
    {HEAD "\"format\":\"anker-record\",\"format_version\":2}", ANKER_E_MISSING_KEY, 1, "profile"},
    {HEAD "\"format\":\"anker-record\",\"format_version\":2,\"profile\":{\"id\":7}}",
     ANKER_E_WRONG_TYPE, 1, "profile.id"},
    {GOOD GOOD HEAD "\"format\":\"anker-record\",\"format_version\":2,\"profile\":{\"id\":\"q\"}}",
     ANKER_E_BAD_VALUE, 3, "profile.id"},
    {"{\"decision\":null,\"format\":\"anker-record\",\"format_version\":2,\"profile\":{\"id\":"
     "\"p\"}}",
     ANKER_E_MISSING_KEY, 1, "advice"},
    {REC("{\"fase\":2}", "r", "null"), ANKER_E_WRONG_TYPE, 1, "advice.values"},
    {REC("{}", "r", "null"), ANKER_E_BAD_VALUE, 1, "advice.values"},
    {"{\"advice\":{\"values\":" C2 "},\"decision\":null,\"format\":\"anker-record\","
     "\"format_version\":2,\"profile\":{\"id\":\"p\"}}",
     ANKER_E_MISSING_KEY, 1, "advice.rule"},
    {"{\"advice\":{\"rule\":\"r\",\"values\":" C2 "},\"format\":\"anker-record\","
     "\"format_version\":2,\"profile\":{\"id\":\"p\"}}",
     ANKER_E_MISSING_KEY, 1, "decision"},
    {GOOD REC(C2, "r", "\"yes\""), ANKER_E_WRONG_TYPE, 2, "decision"},
    {REC(C2, "r", "{\"reason\":null,\"values\":" C2 "}"), ANKER_E_MISSING_KEY, 1,
     "decision.agrees"},
    {REC(C2, "r", DEC(C2, "1", "null")), ANKER_E_WRONG_TYPE, 1, "decision.agrees"},
    {REC(C2, "r", DEC(C2, "false", "null")), ANKER_E_BAD_VALUE, 1, "decision.agrees"},
    {REC(C2, "r", DEC(O1, "true", "null")), ANKER_E_BAD_VALUE, 1, "decision.agrees"},
    {REC(C2, "r", "{\"agrees\":true,\"reason\":null}"), ANKER_E_MISSING_KEY, 1, "decision.values"},
    {REC(C2, "r", DEC("{\"fase\":\"2\"}", "true", "null")), ANKER_E_BAD_VALUE, 1,
     "decision.values"},
    {REC(C2, "r", DEC("{\"fase\":\"2\",\"dienst\":\"x\"}", "true", "null")), ANKER_E_MISSING_KEY, 1,
     "decision.values"},
    {REC(C2, "r", DEC("{\"fase\":\"2\",\"service\":null}", "true", "null")), ANKER_E_WRONG_TYPE, 1,
     "decision.values"},
    {REC(C2, "r", "{\"agrees\":true,\"values\":" C2 "}"), ANKER_E_MISSING_KEY, 1,
     "decision.reason"},
    {REC(C2, "r", DEC(C2, "true", "\"why\"")), ANKER_E_WRONG_TYPE, 1, "decision.reason"},
    {REC(C2, "r", DEC(C2, "true", "{\"text\":\"t\"}")), ANKER_E_MISSING_KEY, 1,
     "decision.reason.code"},
    {REC(C2, "r", DEC(C2, "true", "{\"code\":5}")), ANKER_E_WRONG_TYPE, 1, "decision.reason.code"},
};

static void test_bad_records(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	for (size_t i = 0; i < sizeof(bad_records) / sizeof(bad_records[0]); i++) {
		const struct bad *b = &bad_records[i];
		struct anker_overrides *ov = NULL;
		int rc =
		    anker_overrides_read_text(ctx, b->text, strlen(b->text), "bad.jsonl", &ov, err);
		if (rc != b->code || anker_error_line(err) != b->line)
			fail_msg("case %zu: %d at line %ld (%s), expected %d at line %ld", i, rc,
				 anker_error_line(err), anker_error_message(err), b->code, b->line);
		assert_null(ov);
		assert_string_equal(anker_error_file(err), "bad.jsonl");
		if (b->field)
			assert_string_equal(anker_error_field(err), b->field);
		/* records are personal data: the message quotes none of a line's text */
		assert_null(strstr(anker_error_message(err), "json'"));
		assert_null(strstr(anker_error_message(err), "near"));
	}
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

/* Every prefix and many byte changes of a good file: a status and no crash or leak. */
static void test_mutations(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	size_t n = strlen(hand_records), accepted = 0;
	char *copy = malloc(n);
	static const char flips[] = {'\0', '"', '{', '}', 'x', '1', ':', '\n', (char)0xff};
	for (size_t len = 0; len <= n; len++) {
		struct anker_overrides *ov = NULL;
		int rc = anker_overrides_read_text(ctx, hand_records, len, "m", &ov, NULL);
		assert_true(rc == 0 || rc < 0);
		if (rc == 0) {
			size_t d = anker_overrides_get_count(ov, ANKER_OVERRIDES_DECIDED);
			size_t u = anker_overrides_get_count(ov, ANKER_OVERRIDES_UNDECIDED);
			assert_int_equal(d + u,
					 anker_overrides_get_count(ov, ANKER_OVERRIDES_RECORDS));
			accepted++;
		}
		anker_overrides_free(ov);
	}
	assert_true(accepted >= 6); /* each complete record, with or without its newline */
	for (size_t at = 0; at < n; at++)
		for (size_t k = 0; k < sizeof(flips); k++) {
			memcpy(copy, hand_records, n);
			copy[at] = flips[k];
			struct anker_overrides *ov = NULL;
			int rc = anker_overrides_read_text(ctx, copy, n, "m", &ov, NULL);
			if (rc == 0)
				assert_true(
				    anker_overrides_get_count(ov, ANKER_OVERRIDES_OVERRIDDEN) <=
				    anker_overrides_get_count(ov, ANKER_OVERRIDES_DECIDED));
			anker_overrides_free(ov);
		}
	free(copy);
	anker_ctx_unref(ctx);
}

static void test_out_of_memory(void **state)
{
	(void)state;
	bool done = false;
	for (size_t fail_after = 0; !done && fail_after < 1000; fail_after++) {
		struct anker_ctx *ctx = test_ctx_new_failing(fail_after);
		struct anker_overrides *ov = NULL;
		int r = anker_overrides_read_text(ctx, hand_records, strlen(hand_records), "m", &ov,
						  NULL);
		if (r == 0) {
			check_hand_counted(ov);
			done = true;
		} else {
			assert_int_equal(r, ANKER_E_NO_MEMORY);
		}
		anker_overrides_free(ov);
		anker_ctx_unref(ctx);
	}
	assert_true(done);
}

/* The labels come from the profile the first record names, found through ANKER_PROFILE_PATH. */
static void test_labels(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_profile *p = NULL;
	assert_int_equal(
	    anker_profile_load_file(ctx, test_source_path("data/profiles/demo-werkverkenner.json"),
				    NULL, &p),
	    0);
	char text[1024];
	snprintf(
	    text, sizeof(text),
	    "{\"advice\":{\"rule\":\"kans_boven_50\",\"values\":{\"uitnodiging\":"
	    "\"niet_uitnodigen\"}},\"decision\":{\"agrees\":false,\"reason\":{\"code\":"
	    "\"op_verzoek_klant\",\"text\":null},\"values\":{\"uitnodiging\":\"uitnodigen\"}},"
	    "\"format\":\"anker-record\",\"format_version\":2,\"profile\":{\"file\":"
	    "\"demo-werkverkenner.json\",\"id\":\"%s\",\"sha256\":\"%s\",\"version\":\"%s\"}}\n",
	    anker_profile_get_id(p), anker_profile_get_sha256(p), anker_profile_get_version(p));
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s", test_source_path("data/profiles"));
	setenv("ANKER_PROFILE_PATH", dir, 1);
	struct anker_overrides *ov = NULL;
	/* a records "file" in a directory without profiles: found through the variable */
	assert_int_equal(
	    anker_overrides_read_text(ctx, text, strlen(text), "/nonexistent/r.jsonl", &ov, NULL),
	    0);
	assert_string_equal(anker_overrides_get_reason_label(ov, 0, "en"),
			    "At the client's request");
	assert_string_equal(anker_overrides_get_reason_label(ov, 0, "nl"),
			    "Op verzoek van de klant");
	anker_overrides_free(ov);
	unsetenv("ANKER_PROFILE_PATH");
	/* an edited profile (another sha256) is no match: no labels, and no error */
	char *other = strstr(text, anker_profile_get_sha256(p));
	other[0] = other[0] == '0' ? '1' : '0';
	setenv("ANKER_PROFILE_PATH", dir, 1);
	assert_int_equal(
	    anker_overrides_read_text(ctx, text, strlen(text), "/nonexistent/r.jsonl", &ov, NULL),
	    0);
	assert_null(anker_overrides_get_reason_label(ov, 0, "en"));
	anker_overrides_free(ov);
	unsetenv("ANKER_PROFILE_PATH");
	anker_profile_unref(p);
	anker_ctx_unref(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hand_counted),
	    cmocka_unit_test(test_bad_records),
	    cmocka_unit_test(test_mutations),
	    cmocka_unit_test(test_out_of_memory),
	    cmocka_unit_test(test_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
