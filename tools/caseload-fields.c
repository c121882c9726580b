/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "caseload-fields.h"
#include "command.h"

static bool is_field(const char *(*field_name)(size_t), const char *name)
{
	for (size_t i = 0; field_name(i); i++)
		if (strcmp(field_name(i), name) == 0)
			return true;
	return false;
}

int caseload_fields_map(struct caseload_fields *m, const struct csv_chunk *header,
			const char *in_name, const char *id_column,
			const char *(*field_name)(size_t), const char *what, const char *command)
{
	size_t n = header->n_fields;
	const char *id_name = id_column ? id_column : "id";
	m->n_fields = 0;
	m->id_column = -1;
	m->names = calloc(n, sizeof(*m->names));
	m->values = calloc(n, sizeof(*m->values));
	m->field_columns = calloc(n, sizeof(*m->field_columns));
	if (!m->names || !m->values || !m->field_columns) {
		message("out of memory");
		return ANKER_EXIT_DATA;
	}
	for (size_t col = 0; col < n; col++) {
		const char *name = csv_chunk_field(header, 0, col);
		if (strcmp(name, id_name) == 0) {
			m->id_column = (long)col;
		} else if (is_field(field_name, name)) {
			m->names[m->n_fields] = name;
			m->field_columns[m->n_fields++] = col;
		} else {
			message("%s: column %zu '%s' is no %s field (see anker help %s)", in_name,
				col + 1, name, what, command);
			return ANKER_EXIT_DATA;
		}
	}
	if (id_column && m->id_column < 0) {
		message("%s: no id column '%s'", in_name, id_name);
		return ANKER_EXIT_DATA;
	}
	return 0;
}

int caseload_fields_read_header(struct caseload_fields *m, struct csv_reader *reader,
				struct csv_chunk *header, const char *in_name,
				const char *id_column, const char *(*field_name)(size_t),
				const char *what, const char *command)
{
	struct csv_error cerr;
	int h = csv_reader_read_header(reader, header, &cerr);
	if (h < 0) {
		message("%s:%ld: %s", in_name, cerr.line, cerr.message);
		return ANKER_EXIT_DATA;
	}
	if (h == 0) {
		message("%s: no header", in_name);
		return ANKER_EXIT_DATA;
	}
	return caseload_fields_map(m, header, in_name, id_column, field_name, what, command);
}

void caseload_fields_read(struct caseload_fields *m, const struct csv_chunk *chunk, size_t record)
{
	for (size_t i = 0; i < m->n_fields; i++)
		m->values[i] = csv_chunk_field(chunk, record, m->field_columns[i]);
}

void caseload_fields_free(struct caseload_fields *m)
{
	free(m->names);
	free(m->values);
	free(m->field_columns);
}
