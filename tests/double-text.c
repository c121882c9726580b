/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reads doubles as 16 hex digits of their bits, one a line, and writes each
 * as the record writer does (anker_format_double()), for double-repr.py to
 * compare with Python's repr().
 */
#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "../lib/assess/assess-private.h"

int main(void)
{
	locale_t c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	char line[64], text[ANKER_DOUBLE_TEXT_SIZE];
	while (fgets(line, sizeof(line), stdin)) {
		uint64_t bits = 0;
		if (sscanf(line, "%" SCNx64, &bits) != 1)
			return 2;
		double v;
		memcpy(&v, &bits, sizeof(v));
		anker_format_double(v, c_locale, text);
		puts(text);
	}
	freelocale(c_locale);
	return 0;
}
