/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "duplicate-names.h"

/* Order positions by the text of their field, then by position. */
static int by_name_then_position(const void *a, const void *b, void *context)
{
	const struct csv_chunk *header = context;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(csv_chunk_field(header, 0, i), csv_chunk_field(header, 0, j));
	if (c != 0)
		return c;
	return i < j ? -1 : i > j;
}

int find_duplicate_name(const struct csv_chunk *header, size_t *first, size_t *second)
{
	size_t n = header->n_fields;
	if (n < 2)
		return 0;
	size_t *order = malloc(n * sizeof(*order));
	if (!order)
		return -1;
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	qsort_r(order, n, sizeof(*order), by_name_then_position, (void *)header);
	/*
	 * Equal names are now neighbours, each run in header order, so a run's
	 * first two entries are its first field and its earliest repeat.
	 */
	int found = 0;
	for (size_t k = 0; k + 1 < n; k++) {
		if (k > 0 && strcmp(csv_chunk_field(header, 0, order[k - 1]),
				    csv_chunk_field(header, 0, order[k])) == 0)
			continue; /* not the start of a run */
		if (strcmp(csv_chunk_field(header, 0, order[k]),
			   csv_chunk_field(header, 0, order[k + 1])) != 0)
			continue;
		if (!found || order[k + 1] < *second) {
			*first = order[k];
			*second = order[k + 1];
			found = 1;
		}
	}
	free(order);
	return found;
}
