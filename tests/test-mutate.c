/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Mutating a valid model file and expecting the loader's verdict (test-mutate.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-mutate.h"

json_t *parse_model_text(const char *text)
{
	json_error_t jerr;
	json_t *root = json_loads(text, 0, &jerr);
	if (!root)
		fail_msg("base model does not parse: %s", jerr.text);
	return root;
}

/* Walk a "/"-separated pointer to the parent of its last component. */
static json_t *parent_of(json_t *root, const char *pointer, char *last, size_t last_size)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", pointer);
	char *slash = strrchr(buf, '/');
	const char *leaf = slash ? slash + 1 : buf;
	snprintf(last, last_size, "%s", leaf);
	if (!slash)
		return root;
	*slash = '\0';
	json_t *node = root;
	for (char *part = strtok(buf, "/"); part; part = strtok(NULL, "/")) {
		node = json_is_array(node) ? json_array_get(node, strtoul(part, NULL, 10))
					   : json_object_get(node, part);
		if (!node)
			fail_msg("no node at %s in %s", part, pointer);
	}
	return node;
}

void edit_set(json_t *root, const char *pointer, json_t *value)
{
	char last[256];
	json_t *parent = parent_of(root, pointer, last, sizeof(last));
	if (json_is_array(parent)) {
		size_t index = strtoul(last, NULL, 10);
		if (index == json_array_size(parent))
			assert_int_equal(json_array_append_new(parent, value), 0);
		else
			assert_int_equal(json_array_set_new(parent, index, value), 0);
	} else {
		assert_int_equal(json_object_set_new(parent, last, value), 0);
	}
}

void edit_set_text(json_t *root, const char *pointer, const char *json)
{
	json_error_t jerr;
	json_t *value = json_loads(json, JSON_DECODE_ANY, &jerr);
	if (!value)
		fail_msg("bad edit value %s: %s", json, jerr.text);
	edit_set(root, pointer, value);
}

void edit_delete(json_t *root, const char *pointer)
{
	char last[256];
	json_t *parent = parent_of(root, pointer, last, sizeof(last));
	int r = json_is_array(parent) ? json_array_remove(parent, strtoul(last, NULL, 10))
				      : json_object_del(parent, last);
	if (r != 0)
		fail_msg("nothing to delete at %s", pointer);
}

char *dump(json_t *root)
{
	char *text = json_dumps(root, JSON_INDENT(1));
	assert_non_null(text);
	return text;
}

static void check_where(const struct anker_error *err, const char *name, const char *path,
			const char *field)
{
	const char *msg = anker_error_message(err);
	if (strncmp(msg, "test.json: ", 11) != 0 || !anker_error_file(err) ||
	    strcmp(anker_error_file(err), "test.json") != 0)
		fail_msg("%s: message does not name the file: %s", name, msg);
	const char *got_path = anker_error_path(err);
	if (!got_path || strcmp(got_path, path) != 0)
		fail_msg("%s: path %s, expected %s (%s)", name, got_path ? got_path : "(none)",
			 path, msg);
	const char *got_field = anker_error_field(err);
	if ((field == NULL) != (got_field == NULL) || (field && strcmp(field, got_field) != 0))
		fail_msg("%s: field %s, expected %s (%s)", name, got_field ? got_field : "(none)",
			 field ? field : "(none)", msg);
	/* the location is also in the message itself */
	if (!strstr(msg, path))
		fail_msg("%s: message lacks the path: %s", name, msg);
}

/* Load the mutated model, expecting code at path/field. Frees root. */
void expect_error(json_t *root, const char *name, int code, const char *path,
			 const char *field)
{
	char *text = dump(root);
	json_decref(root);
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = test_model_expect_error(ctx, text, code);
	check_where(err, name, path, field);
	anker_error_free(err);
	anker_ctx_unref(ctx);
	free(text);
}

void expect_ok(json_t *root, const char *name)
{
	char *text = dump(root);
	json_decref(root);
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	int r = anker_model_load_buffer(ctx, text, strlen(text), "test.json", err, &model);
	if (r != 0)
		fail_msg("%s: expected success, got %s", name, anker_error_message(err));
	anker_model_unref(model);
	anker_error_free(err);
	anker_ctx_unref(ctx);
	free(text);
}

void run_cases_on(const char *base, const struct error_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct error_case *c = &cases[i];
		json_t *root = parse_model_text(base);
		for (size_t e = 0; e < 3 && c->edits[e].op; e++) {
			if (c->edits[e].op == SET)
				edit_set_text(root, c->edits[e].pointer, c->edits[e].json);
			else
				edit_delete(root, c->edits[e].pointer);
		}
		expect_error(root, c->name, c->code, c->path, c->field);
	}
}

size_t expect_out_of_memory_everywhere(const char *text, const char *path)
{
	for (size_t n = 0;; n++) {
		struct anker_ctx *ctx = test_ctx_new_failing(n);
		struct anker_error *err = NULL;
		struct anker_model *model = NULL;
		assert_int_equal(anker_error_new(&err), 0);
		int r = path ? anker_model_load_file(ctx, path, err, &model)
			     : anker_model_load_buffer(ctx, text, strlen(text), "oom.json", err,
						       &model);
		if (r == 0) {
			assert_non_null(model);
			anker_model_unref(model);
			anker_error_free(err);
			anker_ctx_unref(ctx);
			return n;
		}
		if (r != ANKER_E_NO_MEMORY)
			fail_msg("allocation %zu: %s", n, anker_error_message(err));
		assert_int_equal(anker_error_code(err), ANKER_E_NO_MEMORY);
		assert_null(model);
		anker_error_free(err);
		anker_ctx_unref(ctx); /* cmocka reports any block the loader leaked */
	}
}
