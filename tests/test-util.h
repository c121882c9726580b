/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the cmocka suites. */
#ifndef ANKER_TEST_UTIL_H
#define ANKER_TEST_UTIL_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <anker/anker.h>

/*
 * A context whose allocations go through cmocka's test_malloc, so that a leak
 * fails the test that caused it.
 */
struct anker_ctx *test_ctx_new(void);

/*
 * A context whose allocator fails from the (fail_after+1)-th allocation on.
 * Used to walk every out-of-memory path.
 */
struct anker_ctx *test_ctx_new_failing(size_t fail_after);

/* Load a model from JSON text; on failure the test fails with the message. */
struct anker_model *test_model_from_json(struct anker_ctx *ctx, const char *json);

/* As test_model_from_json, for JSON written with ' in place of " (easier to read in C). */
struct anker_model *test_model_from_quoted(struct anker_ctx *ctx, const char *text);

/*
 * Load a model from JSON text expecting failure with @p code; returns the
 * error object (caller frees) so the test can check path, field, line.
 */
struct anker_error *test_model_expect_error(struct anker_ctx *ctx, const char *json, int code);

/*
 * What most scoring tests need: a leak-checked context, a model loaded from
 * quoted JSON (see test_model_from_quoted()), a case, a result and an error
 * object. Built inside each test: cmocka checks setup functions for leaks on
 * their own.
 */
struct test_fixture {
	struct anker_ctx *ctx;
	struct anker_model *model;
	struct anker_case *c;
	struct anker_result *res;
	struct anker_error *err;
};
struct test_fixture *test_fixture_new(const char *quoted_model);
void test_fixture_free(struct test_fixture *f);

/*
 * Arrays for a batch's binary outputs, with plain malloc (they are not library
 * memory), filled with values no scorer writes (12345.0, -77), so that an array
 * left alone can be told from one written.
 */
struct test_outputs {
	size_t n;
	double *p, *lp, *contributions; /* contributions: n rows of n_terms */
	int32_t *band, *status;
};
struct test_outputs *test_outputs_new(size_t n, size_t n_terms);
void test_outputs_free(struct test_outputs *o);

/* A copy (malloc'ed) of JSON written with ' for " (as test_model_from_quoted() reads). */
char *test_unquote(const char *quoted);

/* A path under the source tree ($ANKER_SOURCE_DIR, or "." when unset). Static buffer. */
const char *test_source_path(const char *relative);

/*
 * snprintf in the C locale, for writing JSON with numbers: the suites also run
 * under LC_ALL=nl_NL.UTF-8, where plain printf writes "0,25".
 */
int test_snprintf_c(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * A small CSV file of tests/golden/ (no quoting, at most 64 KiB), split in
 * place: cells[row * cols + col], row 0 the header.
 */
struct test_csv {
	char *text;
	char **cells;
	size_t rows, cols;
};
struct test_csv *test_csv_read(const char *relative);
void test_csv_free(struct test_csv *t);
/* The cell of @p column (by header name) in @p row; fails the test when there is none. */
const char *test_csv_cell(const struct test_csv *t, size_t row, const char *column);
/* An empty cell or NA. */
bool test_csv_missing(const char *cell);
/* A number as the file writes it, whatever LC_NUMERIC the suite runs under. */
double test_csv_number(const char *cell);

/* Assert two doubles agree to a relative/absolute tolerance. */
#define assert_close(actual, expected, tol)                                                   \
	_assert_close((actual), (expected), (tol), #actual, __FILE__, __LINE__)
void _assert_close(double actual, double expected, double tol, const char *expr,
		   const char *file, int line);

#endif
