/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Table-driven bad-file tests, shared by the loader suites of every kind: a valid model text, and
 * mutations of it (set or delete a value at a "/"-separated pointer, made with jansson on a parsed
 * copy) that must fail with the exact code, JSON path and field, and a message
 * that names the file ("test.json").
 */
#ifndef ANKER_TEST_MUTATE_H
#define ANKER_TEST_MUTATE_H

#include <stddef.h>

#include <jansson.h>

enum { SET = 's', DEL = 'd' };

struct edit {
	char op;
	const char *pointer;
	const char *json; /* SET only */
};

struct error_case {
	const char *name;
	struct edit edits[3];
	int code;
	const char *path;
	const char *field;
};

/* The base text parsed; fails the test when it does not parse. */
json_t *test_mutate_parse(const char *base);

void edit_set(json_t *root, const char *pointer, json_t *value);
void edit_set_text(json_t *root, const char *pointer, const char *json);
void edit_delete(json_t *root, const char *pointer);
/* The model as indented JSON text, to free(). */
char *test_mutate_dump(json_t *root);

/* Load the mutated model (freeing root), expecting @p code at @p path and @p field. */
void expect_error(json_t *root, const char *name, int code, const char *path, const char *field);
/* Load the mutated model (freeing root), expecting success. */
void expect_ok(json_t *root, const char *name);

/*
 * The JSON of the block after "<!-- example: NAME" in docs/model-format.md,
 * in a static buffer, and its length in *ret_len.
 */
const char *test_doc_example(const char *name, size_t *ret_len);

/* Apply each case's edits to @p base and expect its error. */
void test_mutate_run(const char *base, const struct error_case *cases, size_t n);

/*
 * Load @p text (from the file @p path when not NULL) with the n-th allocation
 * failing, for n = 0, 1, ... until it loads: every failure must be a clean
 * ANKER_E_NO_MEMORY, and cmocka reports any block left. Returns how many
 * allocations loading takes.
 */
size_t expect_out_of_memory_everywhere(const char *text, const char *path);

#endif
