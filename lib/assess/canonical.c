/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The canonical text of a record (docs/assessment.md, "Canonical form"):
 * keys sorted by their UTF-8 bytes, no whitespace, strings as UTF-8 with
 * only '"', '\\' and control characters escaped, and every double in the
 * shortest form that reads back to the same bits, written as Python's repr()
 * writes it ("0.6", "57.0", "1e-05", "1.5e+16"). So Python's
 *     json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
 * gives the same bytes, and anyone can recompute a record's hash without
 * libanker. jansson's own writer prints 17 significant digits ("0.59999999999999998"),
 * exact but neither short nor what other tools write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess-private.h"

void anker_text_grow(struct anker_text *o, size_t n)
{
	if (o->failed)
		return;
	if (o->len + n + 1 > o->cap && o->fixed) {
		o->failed = true;
		return;
	}
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 4096;
		while (cap < o->len + n + 1)
			cap *= 2;
		char *bigger = realloc(o->buf, cap);
		if (!bigger) {
			o->failed = true;
			return;
		}
		o->buf = bigger;
		o->cap = cap;
	}
}

static void put_bytes(struct anker_text *o, const char *s, size_t n)
{
	anker_text_put(o, s, n);
}

static void put(struct anker_text *o, const char *s)
{
	anker_text_put(o, s, strlen(s));
}

void anker_text_put_string(struct anker_text *o, const char *s, size_t n)
{
	put(o, "\"");
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue; /* the common case: copied as a run below */
		const char *esc = ch == '"'    ? "\\\""
				  : ch == '\\' ? "\\\\"
				  : ch == '\n' ? "\\n"
				  : ch == '\r' ? "\\r"
				  : ch == '\t' ? "\\t"
				  : ch == '\b' ? "\\b"
				  : ch == '\f' ? "\\f"
					       : NULL;
		char hex[8];
		if (!esc) {
			snprintf(hex, sizeof(hex), "\\u%04x", ch);
			esc = hex;
		}
		put_bytes(o, s + start, i - start);
		put(o, esc);
		start = i + 1;
	}
	put_bytes(o, s + start, n - start);
	put(o, "\"");
}

void anker_text_put_double(struct anker_text *o, double v, locale_t c_locale)
{
	char text[ANKER_DOUBLE_TEXT_SIZE];
	put_bytes(o, text, anker_format_double(v, c_locale, text));
}

static int compare_keys(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void put_value(struct anker_text *o, const json_t *v, locale_t c_locale, int depth)
{
	if (depth > 64) {
		o->failed = true;
		return;
	}
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		size_t n = json_object_size(v), i = 0;
		const char **keys = malloc((n ? n : 1) * sizeof(*keys));
		if (!keys) {
			o->failed = true;
			return;
		}
		const char *key;
		json_t *value;
		json_object_foreach((json_t *)v, key, value) keys[i++] = key;
		qsort(keys, n, sizeof(*keys), compare_keys);
		put(o, "{");
		for (i = 0; i < n; i++) {
			if (i)
				put(o, ",");
			anker_text_put_string(o, keys[i], strlen(keys[i]));
			put(o, ":");
			put_value(o, json_object_get(v, keys[i]), c_locale, depth + 1);
		}
		put(o, "}");
		free(keys);
		return;
	}
	case JSON_ARRAY:
		put(o, "[");
		for (size_t i = 0; i < json_array_size(v); i++) {
			if (i)
				put(o, ",");
			put_value(o, json_array_get(v, i), c_locale, depth + 1);
		}
		put(o, "]");
		return;
	case JSON_STRING:
		anker_text_put_string(o, json_string_value(v), json_string_length(v));
		return;
	case JSON_INTEGER: {
		char text[24];
		snprintf(text, sizeof(text), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		put(o, text);
		return;
	}
	case JSON_REAL:
		anker_text_put_double(o, json_real_value(v), c_locale);
		return;
	case JSON_TRUE:
		put(o, "true");
		return;
	case JSON_FALSE:
		put(o, "false");
		return;
	default:
		put(o, "null");
		return;
	}
}

char *anker_canonical_json(const json_t *value, locale_t c_locale)
{
	struct anker_text o = {NULL, 0, 0, false, false};
	put_value(&o, value, c_locale, 0);
	if (o.failed) {
		free(o.buf);
		return NULL;
	}
	return o.buf;
}
