/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Loading at the edges the other suites leave out (gcovr showed them unrun):
 * a model read from a pipe rather than a regular file, small, growing past
 * the first buffer, past the 16 MiB limit, and with the allocator failing as
 * the buffer grows; error messages for a buffer without a name, and for a file
 * name longer than the message; JSON paths through level names that need escaping or are
 * longer than the path; and NULL models given to the accessors.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test-util.h"

#define HEAD                                                                                     \
	"{'format':'anker-model','format_version':1,'kind':'binary','id':'edges-test',"          \
	"'name':'Edges test','version':'1.0.0','toets':'AMT',"                                   \
	"'outcome':{'description':'work within 6 months','horizon_months':6},"                   \
	"'valid_from':'2026-01-01','provenance':{'statement':'Test model, not an official UWV "   \
	"model.','data':'none','fitted_by':'libanker tests'},"

/* One categorical variable and one term: the effects object holds %s (quoted JSON text). */
#define CATEGORICAL_BODY                                                                         \
	"'variables':[{'name':'c','kind':'categorical','levels':['a','b']}],'link':'logit',"     \
	"'terms':[{'type':'categorical','name':'c','label':'C','variable':'c','reference':'a',"  \
	"'effects':{%s}}],'bands':{'boundary':'lower','items':[{'name':'all'}]}}"

static char *json_of(const char *quoted)
{
	char *json = strdup(quoted);
	assert_non_null(json);
	for (char *p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	return json;
}

/* A valid model whose text is padded with @p padding blanks (JSON white space). */
static char *padded_model(size_t padding)
{
	char *model = json_of(HEAD "'variables':[{'name':'x','kind':'numeric','range':[0,1]}],"
				   "'link':'logit','terms':[{'type':'linear','name':'x','label':'X',"
				   "'variable':'x','coef':1}],"
				   "'bands':{'boundary':'lower','items':[{'name':'all'}]}}");
	size_t n = strlen(model);
	char *text = malloc(n + padding + 1);
	assert_non_null(text);
	memcpy(text, model, n - 1); /* all but the closing brace */
	memset(text + n - 1, ' ', padding);
	strcpy(text + n - 1 + padding, "}");
	free(model);
	return text;
}

/* Writes its bytes into a pipe and closes it; the reader loads the other end. */
struct feeder {
	pthread_t thread;
	int fd;
	const char *data;
	size_t size;
};

static void *feed(void *arg)
{
	struct feeder *f = arg;
	size_t done = 0;
	while (done < f->size) {
		ssize_t n = write(f->fd, f->data + done, f->size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* EPIPE: the reader stopped early, as it may */
		done += (size_t)n;
	}
	close(f->fd);
	return NULL;
}

/* anker_model_load_file() on /dev/fd/N, the read end of a pipe fed @p data. */
static int load_from_pipe(struct anker_ctx *ctx, const char *data, size_t size,
			  struct anker_error *err, struct anker_model **ret)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	struct feeder f = { .fd = fds[1], .data = data, .size = size };
	assert_int_equal(pthread_create(&f.thread, NULL, feed, &f), 0);
	char path[64];
	snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
	int r = anker_model_load_file(ctx, path, err, ret);
	close(fds[0]); /* a writer still blocked gets EPIPE and ends */
	assert_int_equal(pthread_join(f.thread, NULL), 0);
	return r;
}

static void test_pipe_small(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = NULL;
	char *text = padded_model(10);
	assert_int_equal(load_from_pipe(ctx, text, strlen(text), NULL, &model), 0);
	assert_string_equal(anker_model_get_id(model), "edges-test");
	anker_model_unref(model);
	free(text);
	anker_ctx_unref(ctx);
}

/* A stream has no size to go by: the buffer starts at 64 KiB and doubles. */
static void test_pipe_grows(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = NULL;
	char *text = padded_model(300000); /* three doublings */
	assert_int_equal(load_from_pipe(ctx, text, strlen(text), NULL, &model), 0);
	assert_string_equal(anker_model_get_id(model), "edges-test");
	/* the identity is the SHA-256 of every byte read, blanks too */
	struct anker_model *same = NULL;
	assert_int_equal(anker_model_load_buffer(ctx, text, strlen(text), NULL, NULL, &same), 0);
	assert_string_equal(anker_model_get_sha256(model), anker_model_get_sha256(same));
	anker_model_unref(same);
	anker_model_unref(model);
	free(text);
	anker_ctx_unref(ctx);
}

static void test_pipe_too_large(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	size_t size = (size_t)ANKER_MODEL_MAX_BYTES + 4096;
	char *text = padded_model(size);
	assert_int_equal(load_from_pipe(ctx, text, strlen(text), err, &model), ANKER_E_TOO_LARGE);
	assert_null(model);
	assert_non_null(strstr(anker_error_message(err), "larger than 16777216 bytes"));
	/* exactly the limit still loads */
	size_t n = strlen(text);
	memmove(text + ANKER_MODEL_MAX_BYTES - 1, text + n - 1, 2);
	assert_int_equal(strlen(text), ANKER_MODEL_MAX_BYTES);
	assert_int_equal(load_from_pipe(ctx, text, ANKER_MODEL_MAX_BYTES, err, &model), 0);
	anker_model_unref(model);
	free(text);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

/* Every allocation on the way may fail: then ANKER_E_NO_MEMORY, nothing leaked. */
static void test_pipe_out_of_memory(void **state)
{
	(void)state;
	char *text = padded_model(140000); /* past 128 KiB: two doublings */
	bool loaded = false;
	size_t failures = 0;
	for (size_t budget = 0; !loaded; budget++) {
		assert_true(budget < 1000);
		struct anker_ctx *ctx = test_ctx_new_failing(budget);
		struct anker_error *err = NULL;
		struct anker_model *model = NULL;
		assert_int_equal(anker_error_new(&err), 0);
		int r = load_from_pipe(ctx, text, strlen(text), err, &model);
		if (r == 0) {
			loaded = true;
			anker_model_unref(model);
		} else {
			assert_int_equal(r, ANKER_E_NO_MEMORY);
			assert_non_null(strstr(anker_error_message(err), "out of memory"));
			failures++;
		}
		anker_error_free(err);
		anker_ctx_unref(ctx);
	}
	/* the first buffer, and each of the two doublings, failed once */
	assert_true(failures >= 3);
	free(text);
}

/* A buffer without a name is "<buffer>"; a long file name never overflows the message. */
static void test_message_locations(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	static const char bad[] = "{\n  \"format\": NaN\n}";
	assert_int_equal(anker_model_load_buffer(ctx, bad, strlen(bad), NULL, err, &model),
			 ANKER_E_SYNTAX);
	assert_int_equal(anker_error_line(err), 2);
	assert_true(strncmp(anker_error_message(err), "<buffer>:2:", 11) == 0);
	assert_string_equal(anker_error_file(err), "<buffer>");

	/* 2000 bytes of directory names: longer than the 1023 a message holds */
	char path[2100];
	size_t len = 0;
	while (len < 2000)
		len += (size_t)snprintf(path + len, sizeof(path) - len, "/no-such-directory");
	assert_int_equal(anker_model_load_file(ctx, path, err, &model), ANKER_E_IO);
	const char *message = anker_error_message(err);
	assert_int_equal(strlen(message), 1023);
	assert_true(strncmp(message, path, 1023) == 0);
	assert_string_equal(anker_error_text(err), ""); /* the location filled it */
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

/* A level name in a path is written ["..."] with JSON escapes. */
static void test_path_escapes(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	char text[4096];
	/* the key is a"b\<tab>c: no level of c */
	snprintf(text, sizeof(text), HEAD CATEGORICAL_BODY, "'b':1,'a\\'b\\\\\\tc':2");
	char *json = json_of(text);
	struct anker_error *err = test_model_expect_error(ctx, json, ANKER_E_REFERENCE);
	assert_string_equal(anker_error_path(err), "$.terms[0].effects[\"a\\\"b\\\\\\u0009c\"]");
	assert_string_equal(anker_error_field(err), "a\"b\\\tc");
	anker_error_free(err);
	free(json);

	/* 200 control characters escape to 1200 bytes: the path (256 bytes) is cut */
	char key[201 * 6 + 1] = "";
	for (size_t i = 0; i < 200; i++)
		strcat(key, "\\u0001");
	char effects[1400];
	snprintf(effects, sizeof(effects), "'b':1,'%s':2", key);
	snprintf(text, sizeof(text), HEAD CATEGORICAL_BODY, effects);
	json = json_of(text);
	err = test_model_expect_error(ctx, json, ANKER_E_REFERENCE);
	const char *path = anker_error_path(err);
	assert_int_equal(strlen(path), 255);
	assert_true(strncmp(path, "$.terms[0].effects[\"\\u0001\\u0001", 32) == 0);
	anker_error_free(err);
	free(json);
	anker_ctx_unref(ctx);
}

static void test_null_models(void **state)
{
	(void)state;
	double v = 0;
	assert_int_equal(anker_model_get_variable_out_of_range(NULL, 0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_get_variable_imputed_number(NULL, 0, &v),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_get_variable_imputed_level(NULL, 0), ANKER_E_INVALID_ARGUMENT);
}

int main(void)
{
	/* a reader that stops early must not kill the feeding thread */
	signal(SIGPIPE, SIG_IGN);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pipe_small),
		cmocka_unit_test(test_pipe_grows),
		cmocka_unit_test(test_pipe_too_large),
		cmocka_unit_test(test_pipe_out_of_memory),
		cmocka_unit_test(test_message_locations),
		cmocka_unit_test(test_path_escapes),
		cmocka_unit_test(test_null_models),
	};
	return cmocka_run_group_tests_name("load-edges", tests, NULL, NULL);
}
