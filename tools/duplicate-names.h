/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Finding a name that appears twice in a CSV header, in linear expected time: a
 * header may have hundreds of thousands of columns, and comparing every pair
 * took minutes.
 */
#ifndef ANKER_TOOLS_DUPLICATE_NAMES_H
#define ANKER_TOOLS_DUPLICATE_NAMES_H

#include <stddef.h>

#include "csv-reader.h"

/*
 * Look for two fields of record 0 of @p header with the same text. Of all such
 * pairs, report the one whose later field comes first in the header, with the
 * first field of that text: 0-based positions @p first < @p second.
 * @return 1 when there is a pair, 0 when every name differs, -1 when out of memory.
 */
int find_duplicate_name(const struct csv_chunk *header, size_t *first, size_t *second);

#endif
