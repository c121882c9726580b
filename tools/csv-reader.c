/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv-reader.h"

#define INPUT_BUFFER_SIZE (64u * 1024u)

enum { PEEK_EOF = -1, PEEK_ERROR = -2 };

struct csv_reader {
	int fd;
	unsigned char *buf;
	size_t pos, len;
	bool started; /* the byte order mark has been looked for */
	bool eof;
	uint64_t bytes_read;
	long line;	 /* the physical line the next byte is on */
	size_t n_fields; /* from the header; 0 before it is read */
};

/* Bytes that end a run of plain field text, outside and inside quotes. */
static bool stops_unquoted(unsigned char ch)
{
	return ch == ',' || ch == '\n' || ch == '\r' || ch == '"' || ch == '\0';
}

static bool stops_quoted(unsigned char ch)
{
	return ch == '"' || ch == '\n' || ch == '\r' || ch == '\0';
}

__attribute__((format(printf, 4, 5))) static int fail(struct csv_error *err, long line, long column,
						      const char *fmt, ...)
{
	va_list ap;
	err->line = line;
	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return -1;
}

static int fail_io(struct csv_reader *r, struct csv_error *err)
{
	return fail(err, r->line, 0, "read error: %s", strerror(errno ? errno : EIO));
}

static int fail_memory(struct csv_reader *r, struct csv_error *err)
{
	return fail(err, r->line, 0, "out of memory");
}

struct csv_reader *csv_reader_new(int fd)
{
	struct csv_reader *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->buf = malloc(INPUT_BUFFER_SIZE);
	if (!r->buf) {
		free(r);
		return NULL;
	}
	r->fd = fd;
	r->line = 1;
	return r;
}

void csv_reader_free(struct csv_reader *r)
{
	if (!r)
		return;
	free(r->buf);
	free(r);
}

uint64_t csv_reader_bytes_read(const struct csv_reader *r)
{
	return r->bytes_read;
}

void csv_chunk_init(struct csv_chunk *c)
{
	memset(c, 0, sizeof(*c));
}

void csv_chunk_free(struct csv_chunk *c)
{
	free(c->text);
	free(c->offsets);
	free(c->lines);
	csv_chunk_init(c);
}

/* Top the buffer up to at least @p want bytes unless the input ends first. */
static int fill(struct csv_reader *r, size_t want)
{
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	while (r->len < want && !r->eof) {
		ssize_t n = read(r->fd, r->buf + r->len, INPUT_BUFFER_SIZE - r->len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return PEEK_ERROR;
		}
		if (n == 0)
			r->eof = true;
		r->len += (size_t)n;
		r->bytes_read += (uint64_t)n;
	}
	return 0;
}

static int peek(struct csv_reader *r)
{
	if (r->pos == r->len) {
		if (fill(r, 1) < 0)
			return PEEK_ERROR;
		if (r->len == 0)
			return PEEK_EOF;
	}
	return r->buf[r->pos];
}

static int skip_byte_order_mark(struct csv_reader *r)
{
	static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
	r->started = true;
	if (fill(r, sizeof(bom)) < 0)
		return PEEK_ERROR;
	if (r->len >= sizeof(bom) && memcmp(r->buf, bom, sizeof(bom)) == 0)
		r->pos = sizeof(bom);
	return 0;
}

static bool grow(void **ptr, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return true;
	size_t n = *cap ? *cap : 64;
	while (n < need) {
		if (n > SIZE_MAX / 2 / elem)
			return false;
		n *= 2;
	}
	void *p = realloc(*ptr, n * elem);
	if (!p)
		return false;
	*ptr = p;
	*cap = n;
	return true;
}

static bool append(struct csv_chunk *c, const void *data, size_t n)
{
	if (n == 0)
		return true;
	if (!grow((void **)&c->text, &c->text_cap, c->text_len + n, 1))
		return false;
	memcpy(c->text + c->text_len, data, n);
	c->text_len += n;
	return true;
}

static bool append_byte(struct csv_chunk *c, char ch)
{
	return append(c, &ch, 1);
}

/* Start a field at the end of the text; the sentinel after it is kept in step. */
static bool start_field(struct csv_chunk *c)
{
	if (!grow((void **)&c->offsets, &c->offsets_cap, c->offsets_len + 2, sizeof(size_t)))
		return false;
	c->offsets[c->offsets_len++] = c->text_len;
	return true;
}

/* Consume a line end (LF, CRLF or a lone CR) that peek() has shown. */
static int consume_line_end(struct csv_reader *r)
{
	int ch = r->buf[r->pos++];
	r->line++;
	if (ch == '\r') {
		int next = peek(r);
		if (next == PEEK_ERROR)
			return PEEK_ERROR;
		if (next == '\n')
			r->pos++;
	}
	return 0;
}

/* Copy plain text up to the next byte that @p stops; return that byte (not consumed) or EOF. */
static int copy_run(struct csv_reader *r, struct csv_chunk *c, bool (*stops)(unsigned char),
		    bool *nomem)
{
	for (;;) {
		int ch = peek(r);
		if (ch < 0)
			return ch;
		const unsigned char *start = r->buf + r->pos, *end = r->buf + r->len, *p = start;
		while (p < end && !stops(*p))
			p++;
		if (!append(c, start, (size_t)(p - start))) {
			*nomem = true;
			return PEEK_ERROR;
		}
		r->pos += (size_t)(p - start);
		if (p < end)
			return *p;
	}
}

/*
 * Read the rest of a quoted field (the opening quote is consumed). On success,
 * @p ret_next is the byte after the closing quote (not consumed) or PEEK_EOF.
 * Returns 0, or -1 with err set.
 */
static int read_quoted(struct csv_reader *r, struct csv_chunk *c, size_t field, size_t record_start,
		       int *ret_next, struct csv_error *err)
{
	long opened_on = r->line;
	for (;;) {
		bool nomem = false;
		int ch = copy_run(r, c, stops_quoted, &nomem);
		if (nomem)
			return fail_memory(r, err);
		if (ch == PEEK_ERROR)
			return fail_io(r, err);
		if (ch == PEEK_EOF)
			return fail(err, opened_on, (long)field,
				    "unterminated quoted field (the quote opens on line %ld)",
				    opened_on);
		if (c->text_len - record_start > CSV_RECORD_MAX_BYTES)
			return fail(err, opened_on, (long)field, "record longer than %u bytes",
				    CSV_RECORD_MAX_BYTES);
		r->pos++;
		if (ch == '"') {
			int next = peek(r);
			if (next == PEEK_ERROR)
				return fail_io(r, err);
			if (next != '"') {
				*ret_next = next;
				return 0;
			}
			r->pos++;
			if (!append_byte(c, '"'))
				return fail_memory(r, err);
		} else if (ch == '\0') {
			return fail(err, r->line, (long)field, "NUL byte in field");
		} else {
			/* A line end inside quotes is data; it still counts as a physical line. */
			if (!append_byte(c, (char)ch))
				return fail_memory(r, err);
			r->line++;
			if (ch == '\r') {
				int next = peek(r);
				if (next == PEEK_ERROR)
					return fail_io(r, err);
				if (next == '\n') {
					r->pos++;
					if (!append_byte(c, '\n'))
						return fail_memory(r, err);
				}
			}
		}
	}
}

/* Skip blank lines; return the first byte of the next record, EOF, or PEEK_ERROR. */
static int skip_blank_lines(struct csv_reader *r)
{
	for (;;) {
		int ch = peek(r);
		if (ch != '\n' && ch != '\r')
			return ch;
		if (consume_line_end(r) < 0)
			return PEEK_ERROR;
	}
}

/*
 * Append one record to @p c. @p expect is the required number of fields, or 0.
 * Returns 1, 0 at the end of input, or -1 with err set.
 */
static int read_record(struct csv_reader *r, struct csv_chunk *c, size_t expect,
		       struct csv_error *err)
{
	if (!r->started && skip_byte_order_mark(r) < 0)
		return fail_io(r, err);
	/*
	 * With one column an empty line is a record: one empty (missing) cell, as a
	 * writer such as pandas puts it. Skipping it would bypass the missing-value
	 * policy and shift every later row against its id. With more columns an
	 * empty line cannot be a record, and before the header there is nothing to
	 * count, so there blank lines are skipped.
	 */
	int ch = expect == 1 ? peek(r) : skip_blank_lines(r);
	if (ch == PEEK_ERROR)
		return fail_io(r, err);
	if (ch == PEEK_EOF)
		return 0;

	long record_line = r->line;
	size_t record_start = c->text_len;
	size_t n = 0;
	for (;;) {
		if (!start_field(c))
			return fail_memory(r, err);
		n++;
		ch = peek(r);
		if (ch == PEEK_ERROR)
			return fail_io(r, err);
		if (ch == '"') {
			r->pos++;
			if (read_quoted(r, c, n, record_start, &ch, err) < 0)
				return -1;
			if (ch >= 0 && ch != ',' && ch != '\n' && ch != '\r')
				return fail(err, r->line, (long)n,
					    "unexpected character after a closing quote");
		} else {
			bool nomem = false;
			ch = copy_run(r, c, stops_unquoted, &nomem);
			if (nomem)
				return fail_memory(r, err);
			if (ch == PEEK_ERROR)
				return fail_io(r, err);
			if (ch == '"')
				return fail(
				    err, r->line, (long)n,
				    "quote inside an unquoted field (quote the whole field)");
			if (ch == '\0')
				return fail(err, r->line, (long)n, "NUL byte in field");
		}
		if (c->text_len - record_start > CSV_RECORD_MAX_BYTES)
			return fail(err, record_line, (long)n, "record longer than %u bytes",
				    CSV_RECORD_MAX_BYTES);
		if (!append_byte(c, '\0'))
			return fail_memory(r, err);
		if (ch != ',')
			break;
		r->pos++;
	}
	if (ch != PEEK_EOF && consume_line_end(r) < 0)
		return fail_io(r, err);

	if (expect && n != expect)
		return fail(err, record_line, (long)(n < expect ? n + 1 : expect + 1),
			    "record has %zu field%s, the header has %zu", n, n == 1 ? "" : "s",
			    expect);
	if (!grow((void **)&c->lines, &c->lines_cap, c->n_records + 1, sizeof(long)))
		return fail_memory(r, err);
	c->offsets[c->offsets_len] = c->text_len;
	c->lines[c->n_records++] = record_line;
	if (!expect)
		c->n_fields = n;
	return 1;
}

static void chunk_clear(struct csv_chunk *c, size_t n_fields)
{
	c->n_records = 0;
	c->n_fields = n_fields;
	c->text_len = 0;
	c->offsets_len = 0;
}

int csv_reader_read_header(struct csv_reader *r, struct csv_chunk *header, struct csv_error *err)
{
	chunk_clear(header, 0);
	int rc = read_record(r, header, 0, err);
	if (rc == 1)
		r->n_fields = header->n_fields;
	return rc;
}

long csv_reader_read_chunk(struct csv_reader *r, size_t max_records, struct csv_chunk *chunk,
			   struct csv_error *err)
{
	chunk_clear(chunk, r->n_fields);
	if (r->n_fields == 0)
		return fail(err, r->line, 0, "no header was read");
	while (chunk->n_records < max_records) {
		int rc = read_record(r, chunk, r->n_fields, err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			break;
	}
	return (long)chunk->n_records;
}
