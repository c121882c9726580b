/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

#include "duplicate-names.h"

/*
 * FNV-1a, started from 8 of the 16 random bytes the kernel gives every process
 * (AT_RANDOM): a header crafted so that its names collide would need to know
 * them, so the expected time stays linear even for a hostile file.
 */
static uint64_t seed(void)
{
	static const uint64_t fnv_offset = 14695981039346656037ull;
	const unsigned char *random = (const unsigned char *)getauxval(AT_RANDOM);
	uint64_t s = fnv_offset;
	if (random)
		for (int i = 0; i < 8; i++)
			s = (s ^ random[i]) * 1099511628211ull;
	return s;
}

static uint64_t hash_name(const char *s, uint64_t h)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h ^ (h >> 29);
}

int find_duplicate_name(const struct csv_chunk *header, size_t *first, size_t *second)
{
	size_t n = header->n_fields;
	if (n < 2)
		return 0;
	/* An open-addressing set of positions, at most half full. */
	size_t size = 4;
	while (size < 2 * n)
		size *= 2;
	size_t *slots = malloc(size * sizeof(*slots));
	if (!slots)
		return -1;
	for (size_t i = 0; i < size; i++)
		slots[i] = SIZE_MAX;
	uint64_t h0 = seed();
	int found = 0;
	/* In header order, so the first repeat found is the earliest one, and the
	 * position already in the set is the first field of its text. */
	for (size_t j = 0; j < n && !found; j++) {
		const char *name = csv_chunk_field(header, 0, j);
		size_t at = (size_t)hash_name(name, h0) & (size - 1);
		for (; slots[at] != SIZE_MAX; at = (at + 1) & (size - 1)) {
			if (strcmp(csv_chunk_field(header, 0, slots[at]), name) == 0) {
				*first = slots[at];
				*second = j;
				found = 1;
				break;
			}
		}
		if (!found)
			slots[at] = j;
	}
	free(slots);
	return found;
}
