/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A streaming reader for RFC 4180 CSV: quoted fields, doubled quotes, CRLF or
 * LF line ends, an optional UTF-8 byte order mark and an optional final line
 * end, which never makes an extra record. Blank lines before the header are
 * skipped, and so are blank lines between records when the header has more
 * than one field. When it has exactly one, a blank line is a record whose one
 * field is empty.
 *
 * Records are read into a chunk: one text buffer holding every field of up to
 * max_records records, each field NUL-terminated. Memory therefore stays
 * bounded by the chunk size, whatever the size of the input. Errors carry the
 * physical line (1-based, counting line ends inside quoted fields too) and the
 * 1-based field number.
 */
#ifndef ANKER_TOOLS_CSV_READER_H
#define ANKER_TOOLS_CSV_READER_H

#include <stddef.h>
#include <stdint.h>

/* A single record may not exceed this many bytes (a guard against runaway quotes). */
#define CSV_RECORD_MAX_BYTES (1u << 20)

struct csv_error {
	long line;   /* 1-based physical line, or 0 */
	long column; /* 1-based field number, or 0 */
	char message[256];
};

/* Records read by one call. The field pointers stay valid until the chunk is read into again. */
struct csv_chunk {
	size_t n_records;
	size_t n_fields; /* per record */
	char *text;	 /* every field, each NUL-terminated */
	size_t text_len, text_cap;
	size_t *offsets; /* n_records * n_fields starts of fields in text, plus one sentinel */
	size_t offsets_len, offsets_cap;
	long *lines; /* the physical line each record starts on */
	size_t lines_cap;
};

struct csv_reader;

/*
 * A reader of the file descriptor @p fd, which stays owned by the caller. It
 * is read with read(2), so that records from a pipe are seen as soon as they
 * arrive. NULL when out of memory.
 */
struct csv_reader *csv_reader_new(int fd);
void csv_reader_free(struct csv_reader *r);

void csv_chunk_init(struct csv_chunk *c);
void csv_chunk_free(struct csv_chunk *c);

static inline const char *csv_chunk_field(const struct csv_chunk *c, size_t record, size_t field)
{
	return c->text + c->offsets[record * c->n_fields + field];
}

static inline size_t csv_chunk_field_len(const struct csv_chunk *c, size_t record, size_t field)
{
	size_t i = record * c->n_fields + field;
	return c->offsets[i + 1] - c->offsets[i] - 1;
}

/*
 * Read the header: the first record. Every later record must have as many fields.
 * @return 1, 0 when the input holds no record at all, or -1 with @p err filled in.
 */
int csv_reader_read_header(struct csv_reader *r, struct csv_chunk *header, struct csv_error *err);

/*
 * Replace the contents of @p chunk with the next records, at most @p max_records.
 * @return the number of records read (0 at the end of input), or -1 with @p err filled in.
 */
long csv_reader_read_chunk(struct csv_reader *r, size_t max_records, struct csv_chunk *chunk,
			   struct csv_error *err);

/* Bytes taken from the input so far, for progress reports. */
uint64_t csv_reader_bytes_read(const struct csv_reader *r);

#endif
