/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * "Did you mean": the nearest of a set of names to a name that matched none.
 */
#ifndef ANKER_CORE_SUGGEST_H
#define ANKER_CORE_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>

/* Names longer than this are never suggested nor matched: a typo is short work. */
#define ANKER_SUGGEST_MAX 64

/*
 * The case-insensitive optimal-string-alignment distance between @p a and @p b
 * (insertions, deletions, substitutions, swaps of neighbours), or SIZE_MAX when
 * either is longer than ANKER_SUGGEST_MAX bytes. Needs no allocation.
 */
size_t anker_name_distance(const char *a, const char *b);

/*
 * Whether @p candidate is near enough to @p name to suggest: not identical, and
 * at most max(1, longer length / 3) apart (0 for a difference of case only).
 */
bool anker_name_is_near(const char *name, const char *candidate, size_t *ret_distance);

#endif
