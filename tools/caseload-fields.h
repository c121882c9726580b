/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The columns of a caseload whose rows are the flat fields of one case (anker
 * wwb --in, anker timeline --in): which column is the id, which are fields,
 * and the names and values to hand to the library's *_from_fields() per row.
 * A column that is neither is an error.
 */
#ifndef ANKER_TOOLS_CASELOAD_FIELDS_H
#define ANKER_TOOLS_CASELOAD_FIELDS_H

#include <stddef.h>

#include "csv-reader.h"

struct caseload_fields {
	long id_column; /* -1 for none */
	const char **names, **values;
	size_t n_fields; /* columns that are fields */
	size_t *field_columns;
};

/*
 * Read the header from @p reader into @p header and map its columns; a file
 * without one is an error. Returns 0 or ANKER_EXIT_DATA after a message.
 */
int caseload_fields_read_header(struct caseload_fields *m, struct csv_reader *reader,
				struct csv_chunk *header, const char *in_name,
				const char *id_column, const char *(*field_name)(size_t),
				const char *what, const char *command);

/*
 * Map @p header's columns. @p field_name lists the field names (NULL past the
 * last); @p id_column is the id column's name, or NULL for "id" if present.
 * @p what ("household") and @p command ("wwb") word the error for a column that
 * is no field. Returns 0 or ANKER_EXIT_DATA after a message naming @p in_name.
 */
int caseload_fields_map(struct caseload_fields *m, const struct csv_chunk *header,
			const char *in_name, const char *id_column,
			const char *(*field_name)(size_t), const char *what, const char *command);

/* Point the values at record @p record of @p chunk. */
void caseload_fields_read(struct caseload_fields *m, const struct csv_chunk *chunk, size_t record);

void caseload_fields_free(struct caseload_fields *m);

#endif
