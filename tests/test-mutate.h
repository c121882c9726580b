/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The loader's table-driven bad-file tests, shared by the suites of every
 * kind: a valid model as text, then for every rule a mutation of it (made with
 * jansson on a parsed copy) that must fail with the exact code, JSON path and
 * field, and a message that names the file ("test.json").
 */
#ifndef ANKER_TEST_MUTATE_H
#define ANKER_TEST_MUTATE_H

#include <jansson.h>

#include "test-util.h"

json_t *parse_model_text(const char *text);

/* Pointers are "/"-separated paths: "terms/2/effects/basic"; an index one past an
 * array's end appends. */
void edit_set(json_t *root, const char *pointer, json_t *value);
void edit_set_text(json_t *root, const char *pointer, const char *json);
void edit_delete(json_t *root, const char *pointer);
char *dump(json_t *root);

/* Load the mutated model, expecting code at path/field, or success. Free root. */
void expect_error(json_t *root, const char *name, int code, const char *path,
		  const char *field);
void expect_ok(json_t *root, const char *name);

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

/*
 * Load @p text (from the file @p path when not NULL) with the n-th allocation
 * failing, for n = 0, 1, ... until it loads: every failure must be a clean
 * ANKER_E_NO_MEMORY, and cmocka reports any block left. Returns how many
 * allocations loading takes.
 */
size_t expect_out_of_memory_everywhere(const char *text, const char *path);

/* Every case: @p base with its edits must fail as the case says. */
void run_cases_on(const char *base, const struct error_case *cases, size_t n);

#endif
