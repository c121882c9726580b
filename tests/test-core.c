/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The core: version, status codes, error objects, contexts, number parsing, hashing. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "test-util.h"
#include "core/private.h"

static void test_version(void **state)
{
	(void)state;
	assert_string_equal(anker_version_string(), ANKER_VERSION_STRING);
	assert_int_equal(anker_version_number(), ANKER_VERSION_NUMBER);
	/* The number encodes the string: 1.0.0 -> 10000. */
	assert_int_equal(ANKER_VERSION_NUMBER, ANKER_VERSION_MAJOR * 10000 +
						       ANKER_VERSION_MINOR * 100 + ANKER_VERSION_MICRO);
#ifdef ANKER_PROJECT_VERSION
	assert_string_equal(anker_version_string(), ANKER_PROJECT_VERSION);
#endif
}

static void test_status_names_are_dense_and_stable(void **state)
{
	(void)state;
	/* Values are part of the ABI: spot-check that none moved. */
	assert_int_equal(ANKER_E_INVALID_ARGUMENT, -1);
	assert_int_equal(ANKER_E_SYNTAX, -4);
	assert_int_equal(ANKER_E_UNKNOWN_VARIABLE, -13);
	assert_int_equal(ANKER_E_TOO_LARGE, -19);
	assert_int_equal(ANKER_E_NO_COLUMN, -20);
	assert_int_equal(ANKER_E_NOT_AN_OPTION, -21);
	assert_int_equal(ANKER_E_HASH_MISMATCH, -22);
	assert_int_equal(ANKER_E_VERIFY, -25);

	assert_string_equal(anker_status_name(0), "ANKER_OK");
	assert_string_equal(anker_status_name(ANKER_E_SYNTAX), "ANKER_E_SYNTAX");
	assert_string_equal(anker_status_name(ANKER_E_TOO_LARGE), "ANKER_E_TOO_LARGE");
	int code = 0;
	while (anker_status_name(code - 1))
		code--;
	assert_int_equal(code, ANKER_E_VERIFY);
	assert_null(anker_status_name(1));
	assert_null(anker_status_name(-1000));
	assert_string_equal(anker_strerror(-1000), "unknown status");
	assert_string_equal(anker_strerror(ANKER_E_NO_MEMORY), "out of memory");
	/* every name is unique and every description is non-empty */
	for (int a = 0; a >= code; a--) {
		assert_true(strlen(anker_strerror(a)) > 0);
		for (int b = a - 1; b >= code; b--)
			assert_string_not_equal(anker_status_name(a), anker_status_name(b));
	}
}

static void test_error_object(void **state)
{
	(void)state;
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(NULL), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_error_new(&err), 0);
	assert_int_equal(anker_error_code(err), 0);
	assert_string_equal(anker_error_message(err), "");
	assert_null(anker_error_file(err));
	assert_null(anker_error_path(err));
	assert_null(anker_error_field(err));
	assert_int_equal(anker_error_line(err), 0);
	assert_int_equal(anker_error_case_index(err), -1);

	struct anker_where where = ANKER_WHERE_NONE;
	where.file = "model.json";
	where.line = 3;
	where.column = 14;
	where.path = "$.terms[2].coef";
	where.field = "coef";
	int r = anker_fail(err, ANKER_E_WRONG_TYPE, where, "expected a number, got %s", "a string");
	assert_int_equal(r, ANKER_E_WRONG_TYPE);
	assert_int_equal(anker_error_code(err), ANKER_E_WRONG_TYPE);
	assert_string_equal(anker_error_message(err),
			    "model.json:3:14: $.terms[2].coef: 'coef': expected a number, got a string");
	assert_string_equal(anker_error_text(err), "expected a number, got a string");
	assert_string_equal(anker_error_file(err), "model.json");
	assert_string_equal(anker_error_path(err), "$.terms[2].coef");
	assert_string_equal(anker_error_field(err), "coef");
	assert_int_equal(anker_error_line(err), 3);
	assert_int_equal(anker_error_column(err), 14);

	/* A batch failure names the case; over-long text is truncated, not overflowed. */
	char long_name[4000];
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	where = ANKER_WHERE_NONE;
	where.case_index = 41;
	where.field = long_name;
	anker_fail(err, ANKER_E_MISSING_VALUE, where, "%s", long_name);
	assert_int_equal(anker_error_case_index(err), 41);
	assert_null(anker_error_file(err));
	assert_true(strncmp(anker_error_message(err), "case 41: 'xxx", 13) == 0);
	/* the location filled the message buffer: the text alone is what fits, maybe nothing */
	assert_true(strlen(anker_error_text(err)) < strlen(long_name));
	assert_true(strlen(anker_error_field(err)) < sizeof(long_name));

	where = ANKER_WHERE_NONE;
	anker_fail(err, ANKER_E_IO, where, "no location");
	assert_string_equal(anker_error_message(err), "no location");
	assert_string_equal(anker_error_text(err), "no location");

	anker_error_clear(err);
	assert_int_equal(anker_error_code(err), 0);
	assert_string_equal(anker_error_text(err), "");
	assert_string_equal(anker_error_message(err), "");
	anker_error_free(err);

	/* NULL is accepted everywhere and a NULL error object is simply not filled. */
	anker_error_free(NULL);
	anker_error_clear(NULL);
	assert_int_equal(anker_error_code(NULL), 0);
	assert_string_equal(anker_error_message(NULL), "");
	assert_string_equal(anker_error_text(NULL), "");
	assert_int_equal(anker_fail(NULL, ANKER_E_IO, ANKER_WHERE_NONE, "x"), ANKER_E_IO);
}

static int log_calls;
static int log_last_level;
static char log_last[512];

static void record_log(void *data, int level, const char *message)
{
	assert_ptr_equal(data, &log_calls);
	log_calls++;
	log_last_level = level;
	snprintf(log_last, sizeof(log_last), "%s", message);
}

static void test_context_refcount_and_log(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	assert_int_equal(anker_ctx_new(NULL), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_ctx_new_with_allocator(NULL, NULL, NULL, NULL, &ctx),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_ctx_get_log_level(ctx), ANKER_LOG_ERROR);
	assert_int_equal(anker_ctx_get_log_level(NULL), ANKER_E_INVALID_ARGUMENT);

	/* no callback: logging is a no-op */
	anker_log(ctx, ANKER_LOG_ERROR, "nothing");

	anker_ctx_set_log_fn(ctx, record_log, &log_calls);
	anker_log(ctx, ANKER_LOG_DEBUG, "filtered %d", 1);
	assert_int_equal(log_calls, 0);
	anker_ctx_set_log_level(ctx, ANKER_LOG_DEBUG);
	anker_log(ctx, ANKER_LOG_DEBUG, "passed %d", 2);
	assert_int_equal(log_calls, 1);
	assert_int_equal(log_last_level, ANKER_LOG_DEBUG);
	assert_string_equal(log_last, "passed 2");

	assert_ptr_equal(anker_ctx_ref(ctx), ctx);
	assert_null(anker_ctx_unref(ctx));
	assert_null(anker_ctx_unref(ctx)); /* the last reference: freed through test_free */
	assert_null(anker_ctx_unref(NULL));
	assert_null(anker_ctx_ref(NULL));
	anker_ctx_set_log_fn(NULL, NULL, NULL);
	anker_ctx_set_log_level(NULL, 0);
}

static void *refuse_malloc(void *data, size_t size)
{
	(void)data;
	(void)size;
	return NULL;
}

static void *refuse_realloc(void *data, void *ptr, size_t size)
{
	(void)data;
	(void)ptr;
	(void)size;
	return NULL;
}

static void never_free(void *data, void *ptr)
{
	(void)data;
	assert_null(ptr);
}

static void test_context_allocation_failure(void **state)
{
	(void)state;
	/* The context's own allocation fails: the call says so and leaves *ret alone. */
	struct anker_ctx *untouched = (struct anker_ctx *)&untouched;
	struct anker_ctx *ctx = untouched;
	assert_int_equal(anker_ctx_new_with_allocator(refuse_malloc, refuse_realloc, never_free,
						      NULL, &ctx),
			 ANKER_E_NO_MEMORY);
	assert_ptr_equal(ctx, untouched);

	/* A context whose budget is spent refuses further allocations, and sizes that
	 * would overflow are refused before the allocator is asked. */
	ctx = test_ctx_new_failing(0);
	assert_null(anker_alloc(ctx, 16));
	anker_ctx_unref(ctx);
	ctx = test_ctx_new();
	assert_null(anker_alloc_array(ctx, SIZE_MAX / 2, 4));
	assert_null(anker_realloc_array(ctx, NULL, SIZE_MAX / 8, 16));
	char *copy = anker_strndup(ctx, "abcdef", 3);
	assert_string_equal(copy, "abc");
	anker_dealloc(ctx, copy);
	anker_ctx_unref(ctx);
}

static void test_parse_double_is_strict(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	double v = 0;
	assert_int_equal(anker_parse_double(ctx, "0.5", 3, &v), 0);
	assert_true(v == 0.5);
	assert_int_equal(anker_parse_double(ctx, "-12.25e1", 8, &v), 0);
	assert_true(v == -122.5);
	assert_int_equal(anker_parse_double(ctx, "7", 1, &v), 0);
	assert_true(v == 7.0);
	/* "0.25xyz" with len 4 parses "0.25" only */
	assert_int_equal(anker_parse_double(ctx, "0.25xyz", 4, &v), 0);
	assert_true(v == 0.25);

	v = 99;
	const char *bad[] = { "", "0,5", " 1", "1 ", "inf", "nan", "0x10", "1e", "abc", "--1" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(anker_parse_double(ctx, bad[i], strlen(bad[i]), &v),
				 ANKER_E_SYNTAX);
		assert_true(v == 99); /* output untouched on failure */
	}
	assert_int_equal(anker_parse_double(ctx, "1e999", 5, &v), ANKER_E_OUT_OF_RANGE);
	assert_int_equal(anker_parse_double(ctx, "-1e999", 6, &v), ANKER_E_OUT_OF_RANGE);
	/* underflow is not an error: it is (nearly) zero */
	assert_int_equal(anker_parse_double(ctx, "1e-400", 6, &v), 0);
	assert_true(v >= 0 && v < 1e-300);
	char huge[200];
	memset(huge, '1', sizeof(huge));
	assert_int_equal(anker_parse_double(ctx, huge, sizeof(huge), &v), ANKER_E_SYNTAX);
	anker_ctx_unref(ctx);
}

static void test_sha256_known_vectors(void **state)
{
	(void)state;
	char hex[ANKER_SHA256_HEX_SIZE];
	/* FIPS 180-2 test vectors */
	anker_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	anker_sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_constant_lookup(void **state)
{
	(void)state;
	/* Values written out from the headers by hand: the twins must say the same. */
	static const struct {
		const char *name;
		long long value;
	} expected[] = {
		{ "ANKER_OK", 0 },
		{ "ANKER_E_SYNTAX", -4 },
		{ "ANKER_E_TOO_LARGE", -19 },
		{ "ANKER_BAND_BOUNDARY_LOWER", 1 },
		{ "ANKER_BAND_BOUNDARY_UPPER", 2 },
		{ "ANKER_SCORE_DEFAULT", 0 },
		{ "ANKER_SCORE_IGNORE_EXTRA", 1 },
		{ "ANKER_SCORE_STRICT", 2 },
		{ "ANKER_E_NO_COLUMN", -20 },
		{ "ANKER_VALUE_FLAG_MISSING", 1 },
		{ "ANKER_VALUE_FLAG_IMPUTED", 2 },
		{ "ANKER_VALUE_FLAG_CLAMPED", 4 },
		{ "ANKER_LOG_ERROR", 3 },
		{ "ANKER_LOG_DEBUG", 7 },
		{ "ANKER_NAME_MAX", 255 },
		{ "ANKER_MODEL_MAX_BYTES", 16777216 },
		{ "ANKER_VALUE_MISSING", 4 },
		{ "ANKER_TERM_INTERACTION", 6 },
		{ "ANKER_MISSING_LEVEL", 3 },
		{ "ANKER_RANGE_REJECT", 2 },
		{ "ANKER_VERSION_NUMBER", ANKER_VERSION_NUMBER },
	};
	for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
		long long v = 12345;
		assert_int_equal(anker_constant_lookup(expected[i].name, &v), 0);
		assert_int_equal(v, expected[i].value);
	}
	long long v = 12345;
	assert_int_equal(anker_constant_lookup("ANKER_NO_SUCH", &v), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_constant_lookup("anker_ok", &v), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_constant_lookup("", &v), ANKER_E_NOT_FOUND);
	assert_int_equal(v, 12345);
	assert_int_equal(anker_constant_lookup(NULL, &v), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_constant_lookup("ANKER_OK", NULL), ANKER_E_INVALID_ARGUMENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_status_names_are_dense_and_stable),
		cmocka_unit_test(test_error_object),
		cmocka_unit_test(test_context_refcount_and_log),
		cmocka_unit_test(test_context_allocation_failure),
		cmocka_unit_test(test_parse_double_is_strict),
		cmocka_unit_test(test_sha256_known_vectors),
		cmocka_unit_test(test_constant_lookup),
	};
	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
