/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CSV reader of the anker program, on its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "csv-reader.h"

/* A reader over a temporary file holding @p data (which may hold NUL bytes). */
struct fixture {
	FILE *in;
	struct csv_reader *reader;
	struct csv_chunk header, chunk;
	struct csv_error err;
};

static void open_bytes(struct fixture *f, const char *data, size_t len)
{
	memset(f, 0, sizeof(*f));
	f->in = tmpfile();
	assert_non_null(f->in);
	assert_int_equal(fwrite(data, 1, len, f->in), len);
	assert_int_equal(fflush(f->in), 0);
	rewind(f->in);
	f->reader = csv_reader_new(fileno(f->in));
	assert_non_null(f->reader);
	csv_chunk_init(&f->header);
	csv_chunk_init(&f->chunk);
}

static void open_text(struct fixture *f, const char *text)
{
	open_bytes(f, text, strlen(text));
}

static void close_fixture(struct fixture *f)
{
	csv_chunk_free(&f->header);
	csv_chunk_free(&f->chunk);
	csv_reader_free(f->reader);
	fclose(f->in);
}

static void expect_header(struct fixture *f, size_t n_fields)
{
	assert_int_equal(csv_reader_read_header(f->reader, &f->header, &f->err), 1);
	assert_int_equal(f->header.n_fields, n_fields);
}

static void assert_field(const struct csv_chunk *c, size_t record, size_t field,
			 const char *expected)
{
	assert_string_equal(csv_chunk_field(c, record, field), expected);
	assert_int_equal(csv_chunk_field_len(c, record, field), strlen(expected));
}

static void test_plain_lf(void **state)
{
	struct fixture f;
	open_text(&f, "id,age\nA,52\nB,31\n");
	expect_header(&f, 2);
	assert_field(&f.header, 0, 0, "id");
	assert_field(&f.header, 0, 1, "age");
	assert_int_equal(f.header.lines[0], 1);
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 2);
	assert_field(&f.chunk, 0, 0, "A");
	assert_field(&f.chunk, 0, 1, "52");
	assert_field(&f.chunk, 1, 0, "B");
	assert_field(&f.chunk, 1, 1, "31");
	assert_int_equal(f.chunk.lines[0], 2);
	assert_int_equal(f.chunk.lines[1], 3);
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 0);
	assert_int_equal(csv_reader_bytes_read(f.reader), strlen("id,age\nA,52\nB,31\n"));
	close_fixture(&f);
}

static void test_crlf_and_no_final_newline(void **state)
{
	struct fixture f;
	open_text(&f, "id,age\r\nA,52\r\nB,31");
	expect_header(&f, 2);
	assert_field(&f.header, 0, 1, "age");
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 2);
	assert_field(&f.chunk, 0, 1, "52");
	assert_field(&f.chunk, 1, 1, "31");
	assert_int_equal(f.chunk.lines[1], 3);
	close_fixture(&f);
}

static void test_lone_cr_ends_a_line(void **state)
{
	struct fixture f;
	open_text(&f, "a,b\rx,y\r");
	expect_header(&f, 2);
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 1);
	assert_field(&f.chunk, 0, 1, "y");
	assert_int_equal(f.chunk.lines[0], 2);
	close_fixture(&f);
}

static void test_byte_order_mark_is_skipped(void **state)
{
	struct fixture f;
	open_text(&f, "\xEF\xBB\xBFid,age\nA,1\n");
	expect_header(&f, 2);
	assert_field(&f.header, 0, 0, "id");
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 1);
	close_fixture(&f);
}

static void test_byte_order_mark_only_at_start(void **state)
{
	struct fixture f;
	open_text(&f, "id\n\xEF\xBB\xBFx\n");
	expect_header(&f, 1);
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 1);
	assert_field(&f.chunk, 0, 0, "\xEF\xBB\xBFx");
	close_fixture(&f);
}

static void test_quoted_fields(void **state)
{
	struct fixture f;
	open_text(&f, "id,note\n\"A,1\",\"she said \"\"hi\"\"\"\n\"\",\"\"\"\"\n");
	expect_header(&f, 2);
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 2);
	assert_field(&f.chunk, 0, 0, "A,1");
	assert_field(&f.chunk, 0, 1, "she said \"hi\"");
	assert_field(&f.chunk, 1, 0, "");
	assert_field(&f.chunk, 1, 1, "\"");
	close_fixture(&f);
}

static void test_newlines_inside_quotes_keep_line_numbers(void **state)
{
	struct fixture f;
	/* Lines: 1 header, 2-4 the first record, 5 the second, 6-7 the third (CRLF inside). */
	open_text(&f, "id,note\nA,\"one\ntwo\nthree\"\nB,plain\nC,\"x\r\ny\"\nD,last\n");
	expect_header(&f, 2);
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 4);
	assert_field(&f.chunk, 0, 1, "one\ntwo\nthree");
	assert_field(&f.chunk, 2, 1, "x\r\ny");
	assert_int_equal(f.chunk.lines[0], 2);
	assert_int_equal(f.chunk.lines[1], 5);
	assert_int_equal(f.chunk.lines[2], 6);
	assert_int_equal(f.chunk.lines[3], 8);
	close_fixture(&f);
}

static void test_empty_fields(void **state)
{
	struct fixture f;
	open_text(&f, "a,b,c\n,,\nx,,\n,y,\n");
	expect_header(&f, 3);
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 3);
	assert_field(&f.chunk, 0, 0, "");
	assert_field(&f.chunk, 0, 2, "");
	assert_field(&f.chunk, 1, 0, "x");
	assert_field(&f.chunk, 1, 2, "");
	assert_field(&f.chunk, 2, 1, "y");
	close_fixture(&f);
}

static void test_blank_lines_are_skipped(void **state)
{
	struct fixture f;
	open_text(&f, "\n\nid,age\n\nA,1\r\n\r\n\nB,2\n\n");
	expect_header(&f, 2);
	assert_int_equal(f.header.lines[0], 3);
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 2);
	assert_int_equal(f.chunk.lines[0], 5);
	assert_int_equal(f.chunk.lines[1], 8);
	close_fixture(&f);
}

static void test_one_column_blank_line_is_an_empty_record(void **state)
{
	struct fixture f;
	/* Blank lines before the header are skipped; after it, each is a record. */
	open_text(&f, "\nv\n1\n\n2\r\n\r\n\n3\n");
	expect_header(&f, 1);
	assert_int_equal(f.header.lines[0], 2);
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 6);
	const char *expected[] = {"1", "", "2", "", "", "3"};
	const long lines[] = {3, 4, 5, 6, 7, 8};
	for (size_t i = 0; i < 6; i++) {
		assert_field(&f.chunk, i, 0, expected[i]);
		assert_int_equal(f.chunk.lines[i], lines[i]);
	}
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 0);
	close_fixture(&f);
}

static void test_one_column_final_line_end(void **state)
{
	struct fixture f;
	/* The final line end ends the last record; it does not start another. */
	open_text(&f, "v\n1\n");
	expect_header(&f, 1);
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 1);
	assert_field(&f.chunk, 0, 0, "1");
	close_fixture(&f);
	open_text(&f, "v\r\n1");
	expect_header(&f, 1);
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 1);
	close_fixture(&f);
	/* An empty line and then the end: that empty line is the last record. */
	open_text(&f, "v\n1\n\n");
	expect_header(&f, 1);
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 2);
	assert_field(&f.chunk, 1, 0, "");
	assert_int_equal(f.chunk.lines[1], 3);
	close_fixture(&f);
	/* A header alone, with or without its line end, has no records. */
	open_text(&f, "v\n");
	expect_header(&f, 1);
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 0);
	close_fixture(&f);
}

static void test_empty_file(void **state)
{
	struct fixture f;
	open_text(&f, "");
	assert_int_equal(csv_reader_read_header(f.reader, &f.header, &f.err), 0);
	close_fixture(&f);

	open_text(&f, "\xEF\xBB\xBF\n\r\n");
	assert_int_equal(csv_reader_read_header(f.reader, &f.header, &f.err), 0);
	close_fixture(&f);
}

static void test_header_only(void **state)
{
	struct fixture f;
	open_text(&f, "id,age\n");
	expect_header(&f, 2);
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 0);
	assert_int_equal(f.chunk.n_records, 0);
	close_fixture(&f);

	open_text(&f, "id,age");
	expect_header(&f, 2);
	assert_field(&f.header, 0, 1, "age");
	assert_int_equal(csv_reader_read_chunk(f.reader, 100, &f.chunk, &f.err), 0);
	close_fixture(&f);
}

static void test_chunks(void **state)
{
	struct fixture f;
	open_text(&f, "n,sq\n1,1\n2,4\n3,9\n4,16\n5,25\n");
	expect_header(&f, 2);
	const char *expected_sq[] = {"1", "4", "9", "16", "25"};
	size_t seen = 0;
	long n;
	while ((n = csv_reader_read_chunk(f.reader, 2, &f.chunk, &f.err)) > 0) {
		assert_true(n <= 2);
		for (long i = 0; i < n; i++, seen++) {
			assert_field(&f.chunk, (size_t)i, 1, expected_sq[seen]);
			assert_int_equal(f.chunk.lines[i], (long)seen + 2);
		}
	}
	assert_int_equal(n, 0);
	assert_int_equal(seen, 5);
	/* The header survives reading the data. */
	assert_field(&f.header, 0, 1, "sq");
	close_fixture(&f);
}

static void expect_error(struct fixture *f, long line, long column, const char *words)
{
	assert_int_equal(csv_reader_read_chunk(f->reader, 100, &f->chunk, &f->err), -1);
	assert_int_equal(f->err.line, line);
	assert_int_equal(f->err.column, column);
	if (!strstr(f->err.message, words))
		fail_msg("message \"%s\" lacks \"%s\"", f->err.message, words);
}

static void test_unterminated_quote(void **state)
{
	struct fixture f;
	open_text(&f, "id,note\nA,ok\nB,\"never\nclosed\n");
	expect_header(&f, 2);
	expect_error(&f, 3, 2, "unterminated");
	close_fixture(&f);

	/* In the header too. */
	open_text(&f, "id,\"note\n");
	assert_int_equal(csv_reader_read_header(f.reader, &f.header, &f.err), -1);
	assert_int_equal(f.err.line, 1);
	assert_int_equal(f.err.column, 2);
	close_fixture(&f);
}

static void test_ragged_rows(void **state)
{
	struct fixture f;
	open_text(&f, "a,b,c\n1,2,3\n4,5\n");
	expect_header(&f, 3);
	expect_error(&f, 3, 3, "record has 2 fields, the header has 3");
	close_fixture(&f);

	open_text(&f, "a,b,c\n1,2,3\n\"x\ny\",5,6,7\n");
	expect_header(&f, 3);
	expect_error(&f, 3, 4, "record has 4 fields, the header has 3");
	close_fixture(&f);

	open_text(&f, "a,b\n1,2\n3\n");
	expect_header(&f, 2);
	expect_error(&f, 3, 2, "record has 1 field, the header has 2");
	close_fixture(&f);
}

static void test_stray_quotes(void **state)
{
	struct fixture f;
	open_text(&f, "a,b\n1,2\n3,x\"y\n");
	expect_header(&f, 2);
	expect_error(&f, 3, 2, "quote inside an unquoted field");
	close_fixture(&f);

	open_text(&f, "a,b\n1,\"2\"x\n");
	expect_header(&f, 2);
	expect_error(&f, 2, 2, "after a closing quote");
	close_fixture(&f);
}

static void test_nul_byte(void **state)
{
	struct fixture f;
	static const char data[] = "a,b\n1,2\n3,x\0y\n";
	open_bytes(&f, data, sizeof(data) - 1);
	expect_header(&f, 2);
	expect_error(&f, 3, 2, "NUL");
	close_fixture(&f);
}

static void test_record_too_long(void **state)
{
	struct fixture f;
	size_t len = CSV_RECORD_MAX_BYTES + 100;
	char *data = malloc(len + 16);
	if (!data) {
		fail();
		return;
	}
	memcpy(data, "a\n\"", 3);
	memset(data + 3, 'x', len);
	memcpy(data + 3 + len, "\"\n", 3);
	open_text(&f, data);
	free(data);
	expect_header(&f, 1);
	expect_error(&f, 2, 1, "record longer than");
	close_fixture(&f);
}

/* Many records, so that fields, quotes and CRLF pairs straddle the 64 KiB input buffer. */
static void test_across_buffer_boundaries(void **state)
{
	size_t n = 20000, cap = n * 40 + 64, len = 0;
	char *data = malloc(cap);
	assert_non_null(data);
	len += (size_t)sprintf(data + len, "id,note\r\n");
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(data + len, "%zu,\"q\"\"%zu\r\nz\"\r\n", i, i % 97);
	struct fixture f;
	open_bytes(&f, data, len);
	free(data);
	expect_header(&f, 2);
	size_t seen = 0;
	long got;
	while ((got = csv_reader_read_chunk(f.reader, 777, &f.chunk, &f.err)) > 0) {
		for (long i = 0; i < got; i++, seen++) {
			char id[32], note[32];
			sprintf(id, "%zu", seen);
			sprintf(note, "q\"%zu\r\nz", seen % 97);
			assert_field(&f.chunk, (size_t)i, 0, id);
			assert_field(&f.chunk, (size_t)i, 1, note);
			/* Every record spans two physical lines. */
			assert_int_equal(f.chunk.lines[i], (long)(2 + 2 * seen));
		}
	}
	assert_int_equal(got, 0);
	assert_int_equal(seen, n);
	assert_int_equal(csv_reader_bytes_read(f.reader), len);
	close_fixture(&f);
}

/* From a pipe that delivers one byte per read: a BOM, CRLF and quotes split across reads. */
static void test_pipe_byte_by_byte(void **state)
{
	static const char data[] = "\xEF\xBB\xBFid,x\r\nA,\"q\r\nz\"\r\nB,\"\"\"\"\r\n";
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		close(fds[0]);
		for (size_t i = 0; i < sizeof(data) - 1; i++) {
			if (write(fds[1], data + i, 1) != 1)
				_exit(1);
			usleep(200);
		}
		_exit(0);
	}
	close(fds[1]);
	struct csv_reader *r = csv_reader_new(fds[0]);
	struct csv_chunk header, chunk;
	struct csv_error err;
	csv_chunk_init(&header);
	csv_chunk_init(&chunk);
	assert_int_equal(csv_reader_read_header(r, &header, &err), 1);
	assert_field(&header, 0, 0, "id");
	assert_int_equal(csv_reader_read_chunk(r, 100, &chunk, &err), 2);
	assert_field(&chunk, 0, 1, "q\r\nz");
	assert_field(&chunk, 1, 1, "\"");
	assert_int_equal(chunk.lines[1], 4);
	csv_chunk_free(&header);
	csv_chunk_free(&chunk);
	csv_reader_free(r);
	close(fds[0]);
	int status;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_lf),
	    cmocka_unit_test(test_crlf_and_no_final_newline),
	    cmocka_unit_test(test_lone_cr_ends_a_line),
	    cmocka_unit_test(test_byte_order_mark_is_skipped),
	    cmocka_unit_test(test_byte_order_mark_only_at_start),
	    cmocka_unit_test(test_quoted_fields),
	    cmocka_unit_test(test_newlines_inside_quotes_keep_line_numbers),
	    cmocka_unit_test(test_empty_fields),
	    cmocka_unit_test(test_blank_lines_are_skipped),
	    cmocka_unit_test(test_one_column_blank_line_is_an_empty_record),
	    cmocka_unit_test(test_one_column_final_line_end),
	    cmocka_unit_test(test_empty_file),
	    cmocka_unit_test(test_header_only),
	    cmocka_unit_test(test_chunks),
	    cmocka_unit_test(test_unterminated_quote),
	    cmocka_unit_test(test_ragged_rows),
	    cmocka_unit_test(test_stray_quotes),
	    cmocka_unit_test(test_nul_byte),
	    cmocka_unit_test(test_record_too_long),
	    cmocka_unit_test(test_across_buffer_boundaries),
	    cmocka_unit_test(test_pipe_byte_by_byte),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
