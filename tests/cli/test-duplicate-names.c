/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Finding a repeated name in a CSV header (tools/duplicate-names.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "duplicate-names.h"

/* Read @p text's first record into @p header. */
static void read_header(struct csv_chunk *header, const char *text)
{
	FILE *in = tmpfile();
	assert_non_null(in);
	assert_int_equal(fwrite(text, 1, strlen(text), in), strlen(text));
	assert_int_equal(fflush(in), 0);
	rewind(in);
	struct csv_reader *reader = csv_reader_new(fileno(in));
	assert_non_null(reader);
	struct csv_error err;
	csv_chunk_init(header);
	assert_int_equal(csv_reader_read_header(reader, header, &err), 1);
	csv_reader_free(reader);
	fclose(in);
}

/* Expect the pair (first, second), 0-based, or none when first < 0. */
static void expect(const char *text, long first, long second)
{
	struct csv_chunk header;
	size_t a = 99, b = 99;
	read_header(&header, text);
	int rc = find_duplicate_name(&header, &a, &b);
	csv_chunk_free(&header);
	if (first < 0) {
		assert_int_equal(rc, 0);
		return;
	}
	assert_int_equal(rc, 1);
	assert_int_equal(a, first);
	assert_int_equal(b, second);
}

static void test_small_headers(void **state)
{
	(void)state;
	expect("a\n", -1, -1);
	expect("a,b,c\n", -1, -1);
	expect("a,a\n", 0, 1);
	expect("a,b,c,b\n", 1, 3);
	/* "c" repeats at 4, "a" only at 5: the earliest repeat is reported */
	expect("a,b,c,d,c,a\n", 2, 4);
	/* three of one name: the first two */
	expect("x,y,y,z,y\n", 1, 2);
	/* empty names are names too; a prefix is not the same name */
	expect("ab,a,,b,\n", 2, 4);
	expect("ab,a,abc,b\n", -1, -1);
}

static void test_large_header(void **state)
{
	(void)state;
	/* 200,000 distinct names "c0".."c199999", then "c123456" again */
	const size_t n = 200000;
	char *text = malloc(n * 9 + 16), *p = text;
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "c%zu,", i);
	strcpy(p, "c123456\n");
	/*
	 * About 1.5 MB, more than the reader takes in one record, so the chunk is
	 * built by hand: one record, every field NUL-terminated.
	 */
	struct csv_chunk header;
	csv_chunk_init(&header);
	header.n_records = 1;
	header.n_fields = n + 1;
	header.text = text;
	header.offsets = malloc((n + 2) * sizeof(size_t));
	assert_non_null(header.offsets);
	size_t field = 0;
	header.offsets[field++] = 0;
	for (char *q = text; *q; q++) {
		if (*q == ',' || *q == '\n') {
			*q = '\0';
			header.offsets[field++] = (size_t)(q - text) + 1;
		}
	}
	assert_int_equal(field, n + 2);
	size_t a, b;
	assert_int_equal(find_duplicate_name(&header, &a, &b), 1);
	assert_int_equal(a, 123456);
	assert_int_equal(b, n);
	/* without the repeat, nothing */
	header.n_fields = n;
	assert_int_equal(find_duplicate_name(&header, &a, &b), 0);
	free(header.offsets);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_small_headers),
	    cmocka_unit_test(test_large_header),
	};
	return cmocka_run_group_tests_name("duplicate-names", tests, NULL, NULL);
}
