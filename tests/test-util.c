/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test-util.h"

/*
 * Honour LC_ALL/LANG like an application would, so that running the suites
 * under LC_ALL=nl_NL.UTF-8 (comma decimals) really exercises that locale.
 */
__attribute__((constructor)) static void apply_environment_locale(void)
{
	setlocale(LC_ALL, "");
}

static void *cm_malloc(void *data, size_t size)
{
	(void)data;
	return test_malloc(size);
}

static void *cm_realloc(void *data, void *ptr, size_t size)
{
	(void)data;
	return test_realloc(ptr, size);
}

static void cm_free(void *data, void *ptr)
{
	(void)data;
	test_free(ptr);
}

struct anker_ctx *test_ctx_new(void)
{
	struct anker_ctx *ctx = NULL;
	assert_int_equal(anker_ctx_new_with_allocator(cm_malloc, cm_realloc, cm_free, NULL, &ctx), 0);
	return ctx;
}

/* The countdown lives in a heap cell owned by the context's lifetime; tests leak-check
 * the context itself, so the cell is allocated with plain malloc and freed at exit. */
struct failing_state {
	size_t remaining;
};

static void *failing_malloc(void *data, size_t size)
{
	struct failing_state *st = data;
	if (st->remaining == 0)
		return NULL;
	st->remaining--;
	return test_malloc(size);
}

static void *failing_realloc(void *data, void *ptr, size_t size)
{
	struct failing_state *st = data;
	if (st->remaining == 0)
		return NULL;
	st->remaining--;
	return test_realloc(ptr, size);
}

static struct failing_state failing_states[64];
static size_t failing_next;

struct anker_ctx *test_ctx_new_failing(size_t fail_after)
{
	struct failing_state *st = &failing_states[failing_next++ % 64];
	/* the context itself must be allocated, so count it as the first allocation */
	st->remaining = fail_after + 1;
	struct anker_ctx *ctx = NULL;
	assert_int_equal(
		anker_ctx_new_with_allocator(failing_malloc, failing_realloc, cm_free, st, &ctx), 0);
	return ctx;
}

struct anker_model *test_model_from_json(struct anker_ctx *ctx, const char *json)
{
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	int r = anker_model_load_buffer(ctx, json, strlen(json), "test.json", err, &model);
	if (r != 0) {
		fprintf(stderr, "load failed: %s\n", anker_error_message(err));
		anker_error_free(err);
		fail();
	}
	anker_error_free(err);
	return model;
}

struct anker_model *test_model_from_quoted(struct anker_ctx *ctx, const char *text)
{
	char *json = strdup(text);
	assert_non_null(json);
	for (char *p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	struct anker_model *model = test_model_from_json(ctx, json);
	free(json);
	return model;
}

struct anker_error *test_model_expect_error(struct anker_ctx *ctx, const char *json, int code)
{
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	int r = anker_model_load_buffer(ctx, json, strlen(json), "test.json", err, &model);
	if (r != code)
		fprintf(stderr, "expected %s, got %s: %s\n", anker_status_name(code),
			anker_status_name(r) ? anker_status_name(r) : "?", anker_error_message(err));
	assert_int_equal(r, code);
	assert_null(model);
	assert_int_equal(anker_error_code(err), code);
	return err;
}

int test_snprintf_c(char *buf, size_t size, const char *fmt, ...)
{
	locale_t c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	assert_non_null(c_locale);
	locale_t previous = uselocale(c_locale);
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	uselocale(previous);
	freelocale(c_locale);
	return n;
}

const char *test_source_path(const char *relative)
{
	static char buf[4096];
	const char *root = getenv("ANKER_SOURCE_DIR");
	snprintf(buf, sizeof(buf), "%s/%s", root ? root : ".", relative);
	return buf;
}

void _assert_close(double actual, double expected, double tol, const char *expr,
		   const char *file, int line)
{
	double diff = fabs(actual - expected);
	double scale = fmax(1.0, fabs(expected));
	if (!(diff <= tol * scale)) {
		fprintf(stderr, "%s:%d: %s = %.17g, expected %.17g (tolerance %g)\n", file, line,
			expr, actual, expected, tol);
		_fail(file, line);
	}
}

/*
 * The C suites are linked with -Wl,--wrap=anker_model_load_buffer, so every
 * model they load from a buffer passes through here. With
 * ANKER_TEST_SAVE_MODELS=DIR, each one the loader accepts is written to
 * DIR/SHA256.json: tests/hygiene/check-schema.py then holds every model the
 * suites accept, however they build it, to docs/model.schema.json. Threads
 * may load at once: each file is written under a unique name and renamed.
 */
int __real_anker_model_load_buffer(struct anker_ctx *ctx, const char *data, size_t size,
				   const char *source_name, struct anker_error *err,
				   struct anker_model **ret);
int __wrap_anker_model_load_buffer(struct anker_ctx *ctx, const char *data, size_t size,
				   const char *source_name, struct anker_error *err,
				   struct anker_model **ret);

static void save_accepted(const char *dir, const char *data, size_t size, const char *sha256)
{
	char tmp[4096], path[4096];
	snprintf(tmp, sizeof(tmp), "%s/.model-XXXXXX", dir);
	snprintf(path, sizeof(path), "%s/%s.json", dir, sha256);
	int fd = mkstemp(tmp);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size || close(fd) != 0 ||
	    rename(tmp, path) != 0) {
		perror("ANKER_TEST_SAVE_MODELS");
		abort(); /* a test that was asked to save and could not must not pass */
	}
}

int __wrap_anker_model_load_buffer(struct anker_ctx *ctx, const char *data, size_t size,
				   const char *source_name, struct anker_error *err,
				   struct anker_model **ret)
{
	int r = __real_anker_model_load_buffer(ctx, data, size, source_name, err, ret);
	const char *dir = getenv("ANKER_TEST_SAVE_MODELS");
	if (r == 0 && dir && *dir)
		save_accepted(dir, data, size, anker_model_get_sha256(*ret));
	return r;
}

struct test_fixture *test_fixture_new(const char *quoted_model)
{
	struct test_fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	f->ctx = test_ctx_new();
	f->model = test_model_from_quoted(f->ctx, quoted_model);
	assert_int_equal(anker_case_new(f->ctx, &f->c), 0);
	assert_int_equal(anker_result_new(f->ctx, &f->res), 0);
	assert_int_equal(anker_error_new(&f->err), 0);
	return f;
}

void test_fixture_free(struct test_fixture *f)
{
	anker_error_free(f->err);
	anker_result_free(f->res);
	anker_case_free(f->c);
	anker_model_unref(f->model);
	anker_ctx_unref(f->ctx);
	free(f);
}

struct test_outputs *test_outputs_new(size_t n, size_t n_terms)
{
	struct test_outputs *o = calloc(1, sizeof(*o));
	assert_non_null(o);
	o->n = n;
	assert_non_null(o->p = malloc(n * sizeof(double)));
	assert_non_null(o->lp = malloc(n * sizeof(double)));
	assert_non_null(o->contributions = malloc(n * n_terms * sizeof(double)));
	assert_non_null(o->band = malloc(n * sizeof(int32_t)));
	assert_non_null(o->status = malloc(n * sizeof(int32_t)));
	for (size_t i = 0; i < n; i++) {
		o->p[i] = o->lp[i] = 12345.0;
		o->band[i] = o->status[i] = -77;
	}
	for (size_t i = 0; i < n * n_terms; i++)
		o->contributions[i] = 12345.0;
	return o;
}

void test_outputs_free(struct test_outputs *o)
{
	free(o->p);
	free(o->lp);
	free(o->contributions);
	free(o->band);
	free(o->status);
	free(o);
}

/* CSV files of the golden tests (tests/golden/) */

struct test_csv *test_csv_read(const char *relative)
{
	FILE *f = fopen(test_source_path(relative), "rb");
	assert_non_null(f);
	struct test_csv *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	assert_non_null(t->text = calloc(1, 65536));
	size_t size = fread(t->text, 1, 65535, f);
	assert_true(size > 0 && size < 65535);
	fclose(f);
	for (char *p = t->text; *p && *p != '\n'; p++)
		t->cols += *p == ',';
	t->cols++;
	for (char *p = t->text; *p; p++)
		t->rows += *p == '\n';
	assert_non_null(t->cells = calloc(t->rows * t->cols, sizeof(char *)));
	char *p = t->text;
	for (size_t r = 0; r < t->rows; r++) {
		for (size_t c = 0; c < t->cols; c++) {
			t->cells[r * t->cols + c] = p;
			p += strcspn(p, c + 1 < t->cols ? "," : "\n");
			assert_true(
			    *p == (c + 1 < t->cols ? ',' : '\n')); /* no quoting, no ragged rows */
			*p++ = '\0';
		}
	}
	return t;
}

void test_csv_free(struct test_csv *t)
{
	free(t->cells);
	free(t->text);
	free(t);
}

const char *test_csv_cell(const struct test_csv *t, size_t row, const char *column)
{
	for (size_t c = 0; c < t->cols; c++)
		if (strcmp(t->cells[c], column) == 0)
			return t->cells[row * t->cols + c];
	fail_msg("no column %s", column);
	return NULL;
}

bool test_csv_missing(const char *cell)
{
	return *cell == '\0' || strcmp(cell, "NA") == 0;
}

/* A number as the file writes it, whatever LC_NUMERIC the suite runs under. */
double test_csv_number(const char *cell)
{
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	assert_non_null(c);
	char *end = NULL;
	double v = strtod_l(cell, &end, c);
	freelocale(c);
	assert_true(end != cell && *end == '\0');
	return v;
}

char *test_unquote(const char *quoted)
{
	char *text = strdup(quoted);
	assert_non_null(text);
	for (char *p = text; *p; p++)
		if (*p == '\'')
			*p = '"';
	return text;
}
