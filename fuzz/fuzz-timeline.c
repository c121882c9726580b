/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the timeline's case parsers: JSON when the input
 * starts with '{', otherwise "name=value" lines read as the flat fields of a
 * caseload row. Whatever the bytes, parsing returns a status without crashing
 * or leaking, and a timeline holds together: deadlines in order of date, none
 * before the WW start, the WW end after it and the last day just before it,
 * every label in both languages, and JSON that is written in full.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <anker/anker.h>

#include "fuzz-check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_FIELDS 16

static const char pension_json[] =
    "{\"format\": \"anker-pension-age\", \"format_version\": 1, \"source\": {\"document\": "
    "\"fuzz\", \"date\": \"2026-01-01\"}, \"rows\": [{\"born_from\": \"1957-03-01\", "
    "\"born_until\": \"1960-12-31\", \"age\": {\"years\": 67, \"months\": 0}}, "
    "{\"born_from\": \"1961-01-01\", \"born_until\": \"1964-09-30\", \"age\": {\"years\": 67, "
    "\"months\": 3}}], \"later_births_at_least\": {\"years\": 67, \"months\": 3}, "
    "\"earlier_births_at_most\": {\"years\": 67, \"months\": 0}}";

static void check_timeline(const struct anker_timeline *t, struct anker_error *err)
{
	const char *start = anker_timeline_get_ww_start(t);
	const char *end = anker_timeline_get_ww_end(t);
	const char *last = anker_timeline_get_ww_last_day(t);
	CHECK(strcmp(start, end) < 0 && strcmp(last, end) < 0 && strcmp(start, last) <= 0);
	size_t n = anker_timeline_get_count(t);
	CHECK(n >= 2 && anker_timeline_find(t, "ww_end") >= 0);
	for (size_t i = 0; i < n; i++) {
		const char *date = anker_timeline_get_date(t, i);
		CHECK(strcmp(date, start) >= 0);
		CHECK(i == 0 || strcmp(anker_timeline_get_date(t, i - 1), date) <= 0);
		CHECK(anker_timeline_get_label(t, i, ANKER_WWB_DUTCH)[0] != '\0');
		CHECK(anker_timeline_get_label(t, i, ANKER_WWB_ENGLISH)[0] != '\0');
		CHECK(anker_timeline_get_source(t, i)[0] != '\0');
		CHECK(anker_timeline_find(t, anker_timeline_get_rule(t, i)) == (long)i);
	}
	size_t len = 0;
	CHECK(anker_timeline_write_json(t, NULL, 0, &len, err) == ANKER_E_TOO_LARGE);
	char *text = malloc(len + 1);
	CHECK(text && anker_timeline_write_json(t, text, len + 1, &len, err) == 0);
	CHECK(strlen(text) == len && text[0] == '{' && text[len - 1] == '}');
	free(text);
}

/* "name=value" lines into fields, in a copy of the input. */
static int from_lines(struct anker_ctx *ctx, const struct anker_wwb_norms *norms,
		      const uint8_t *data, size_t size, struct anker_error *err,
		      struct anker_timeline **ret)
{
	char *copy = malloc(size + 1);
	CHECK(copy);
	memcpy(copy, data, size);
	copy[size] = '\0';
	const char *names[MAX_FIELDS], *values[MAX_FIELDS];
	size_t n = 0;
	for (char *line = copy; line && n < MAX_FIELDS;) {
		char *next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *eq = strchr(line, '=');
		if (eq) {
			*eq = '\0';
			names[n] = line;
			values[n++] = eq + 1;
		}
		line = next;
	}
	int r = anker_timeline_from_fields(ctx, norms, names, values, n, err, ret);
	free(copy);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct anker_ctx *ctx = NULL;
	struct anker_error *err = NULL;
	struct anker_wwb_norms *norms = NULL;
	if (anker_ctx_new(&ctx) < 0 || anker_error_new(&err) < 0 ||
	    anker_wwb_norms_new(ctx, &norms) < 0 ||
	    anker_wwb_norms_add_buffer(norms, pension_json, strlen(pension_json), "p", NULL) < 0)
		abort();
	struct anker_timeline *t = NULL;
	int r;
	if (size > 0 && data[0] == '{') {
		r = anker_timeline_parse(ctx, norms, (const char *)data, size, "fuzz.json", err, &t);
		if (r < 0)
			CHECK(anker_error_file(err) && strcmp(anker_error_file(err), "fuzz.json") == 0);
	} else {
		r = from_lines(ctx, norms, data, size, err, &t);
	}
	if (r == 0)
		check_timeline(t, err);
	else
		CHECK(r < 0 && t == NULL && anker_error_code(err) == r);
	anker_timeline_free(t);
	anker_wwb_norms_unref(norms);
	anker_error_free(err);
	anker_ctx_unref(ctx);
	return 0;
}
