/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "suggest.h"

static unsigned char fold(unsigned char ch)
{
	/* ASCII only: names are identifiers, and the locale must not matter */
	return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch - 'A' + 'a') : ch;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

size_t anker_name_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > ANKER_SUGGEST_MAX || m > ANKER_SUGGEST_MAX)
		return SIZE_MAX;
	/* Three rows of the dynamic-programming table: two back for the swap. */
	size_t rows[3][ANKER_SUGGEST_MAX + 1];
	size_t *before = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			unsigned char ai = fold((unsigned char)a[i - 1]);
			unsigned char bj = fold((unsigned char)b[j - 1]);
			size_t cost = ai != bj;
			size_t d = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && ai == fold((unsigned char)b[j - 2]) &&
			    fold((unsigned char)a[i - 2]) == bj && before[j - 2] + 1 < d)
				d = before[j - 2] + 1;
			cur[j] = d;
		}
		size_t *t = before;
		before = prev;
		prev = cur;
		cur = t;
	}
	return prev[m];
}

bool anker_name_is_near(const char *name, const char *candidate, size_t *ret_distance)
{
	if (strcmp(name, candidate) == 0)
		return false;
	size_t d = anker_name_distance(name, candidate);
	size_t longer = strlen(name) > strlen(candidate) ? strlen(name) : strlen(candidate);
	size_t limit = longer / 3 > 1 ? longer / 3 : 1;
	if (d > limit)
		return false;
	if (ret_distance)
		*ret_distance = d;
	return true;
}
